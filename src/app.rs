//! The root component: owns the state reducer, the player's timer, keyboard shortcuts and
//! persistence, and lays out the panels.

use crate::components::{
    canvas::Canvas, compare::ComparePanel, embed_bar::EmbedBar, findings::Findings, header::Header,
    inspector::Inspector, invoke::InvokePanel, kept::KeptRun, link_dialog::LinkDialog,
    log::EventLog, notices::Notices, palette::Palette, player::Player,
    refusal_notice::RefusalNotice, shortcuts::ShortcutSheet,
};
use crate::embed::View;
use crate::gallery;
use crate::i18n::T;
use crate::keys::{self, Command, Scope};
use crate::state::{Action, State, Store};
use crate::{platform, recovery};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The playground.
#[component]
pub fn App() -> Html {
    let store = use_reducer(|| {
        let params = crate::embed::Params::from_query(&platform::location_search());
        let lang = params.lang.unwrap_or_else(platform::initial_lang);
        if let Some(theme) = params.theme {
            platform::set_theme(theme);
        }
        // An embed starts from its own scenario and never touches the learner's saved one.
        let mut state = if params.embed.is_some() {
            State::new(lang)
        } else {
            platform::load_session()
                .and_then(|saved| State::restore(lang, saved))
                .unwrap_or_else(|| State::new(lang))
        };
        state.embed = params.embed;
        if let Some(index) = params.gallery.as_deref().and_then(gallery::index_of) {
            state.apply(Action::OpenGallery(index));
        }
        // A shared link opens over the learner's own diagram, which undo brings back; a broken
        // link says why and leaves the diagram as it was.
        if let Some(fragment) = platform::location_hash() {
            match engine::share::decode(&fragment) {
                Ok(shared) => {
                    state.apply(Action::OpenShared(Box::new(shared.scenario), shared.step))
                }
                Err(error) => state.apply(Action::LinkError(Some(error.message(lang)))),
            }
            if params.embed.is_none() {
                platform::clear_hash();
            }
        }
        if let Some(step) = params.step {
            state.apply(Action::Seek(step));
        }
        if params.autoplay {
            state.apply(Action::Play);
        }
        state
    });
    let embed = store.embed;
    // An embed tells its host page its height after every render that changed it.
    {
        let last = use_mut_ref(|| std::cell::Cell::new(0));
        use_effect(move || {
            if embed.is_some() {
                platform::post_height(&last.borrow());
            }
        });
    }
    let storage_ok = use_state(platform::storage_available);

    // Autosave every change that the learner made (not the player's ticks while playing).
    {
        let store = store.clone();
        let storage_ok = storage_ok.clone();
        let changed = (
            std::rc::Rc::as_ptr(&store.sim) as usize,
            store.step,
            store.playing,
            store.gallery_index,
            store.revision,
        );
        let last = use_mut_ref(|| (0usize, 0u64, 0usize));
        let pending = use_mut_ref(|| None::<Timeout>);
        use_effect_with(changed, move |&(sim, _step, playing, gallery, revision)| {
            if store.embed.is_none() && !playing {
                let save = move || {
                    if !platform::save_session(&store.saved()) && *storage_ok {
                        storage_ok.set(false);
                    }
                };
                // A change to the diagram is saved at once (once its frame is on screen); a step
                // alone (scrubbing, stepping) is saved once the learner pauses, so seeking stays
                // fast.
                let diagram = (sim, revision, gallery);
                if *last.borrow() != diagram {
                    *last.borrow_mut() = diagram;
                    pending.borrow_mut().take();
                    platform::save_after_next_paint(save);
                } else {
                    *pending.borrow_mut() = Some(Timeout::new(400, save));
                }
            }
        });
    }

    // Once the app is up, rehearse opening each gallery scenario while the page is idle: the
    // first opening of a large diagram then runs compiled code (see `canvas::rehearse`).
    {
        let lang = store.lang;
        let embedded = store.embed.is_some();
        use_effect_with((), move |_| {
            if !embedded {
                let jobs = crate::gallery::ENTRIES
                    .iter()
                    .map(|entry| {
                        Box::new(move || {
                            crate::components::canvas::rehearse(entry.json, lang);
                        }) as Box<dyn FnOnce()>
                    })
                    .collect();
                platform::one_at_a_time_when_idle(jobs);
            }
        });
    }

    // Remember what the recovery panel would need, and the language.
    {
        let lang = store.lang;
        let scenario = std::rc::Rc::clone(&store.scenario);
        let changed = (std::rc::Rc::as_ptr(&scenario) as usize, lang);
        use_effect_with(changed, move |(_, lang)| {
            recovery::remember(scenario, *lang);
            platform::save_lang(*lang);
            gloo::utils::document_element()
                .set_attribute("lang", lang.code())
                .ok();
        });
    }

    // The player's clock.
    {
        let dispatcher = store.dispatcher();
        let delay = store.tick_delay_ms();
        use_effect_with(
            (store.playing, store.step, store.speed),
            move |(playing, _, _)| {
                let timeout =
                    playing.then(|| Timeout::new(delay, move || dispatcher.dispatch(Action::Tick)));
                move || drop(timeout)
            },
        );
    }

    // Keyboard shortcuts: space plays or pauses, arrows step, [ and ] jump between decisions.
    {
        let store = store.clone();
        use_effect_with(store.playing, move |_| {
            let space_store = store.clone();
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let focus = focused_tag(event);
                    if in_dialog(event) || matches!(focus.as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                    {
                        return;
                    }
                    // A focused diagram node handles its own keys (arrows move the focus there).
                    if focus == "g" && keys::command_for(Scope::Node, event).is_some() {
                        return;
                    }
                    let Some(command) = keys::command_for(Scope::Page, event) else {
                        return;
                    };
                    let action = match command {
                        // Space plays or pauses when it is released (see below): held, it pans.
                        // On a button, a link or a summary it activates that instead.
                        Command::PlayPause => {
                            if !matches!(focus.as_str(), "BUTTON" | "A" | "SUMMARY") {
                                event.prevent_default();
                            }
                            return;
                        }
                        Command::Undo => Action::Undo,
                        Command::Redo => Action::Redo,
                        Command::Copy => Action::Copy,
                        Command::Paste => Action::Paste,
                        Command::Duplicate => Action::Duplicate,
                        Command::StepForward => Action::StepForward,
                        Command::StepBack => Action::StepBack,
                        Command::NextDecision => Action::NextDecision,
                        Command::PreviousDecision => Action::PreviousDecision,
                        Command::Reset => Action::Reset,
                        Command::Faster => Action::NudgeSpeed(true),
                        Command::Slower => Action::NudgeSpeed(false),
                        Command::Shortcuts => Action::ShowShortcuts(true),
                        Command::Delete => Action::RemoveSelected,
                        Command::FocusNeighbour(_)
                        | Command::SelectNode
                        | Command::MoveNode(_)
                        | Command::LinkFrom
                        | Command::Faults => return,
                    };
                    event.prevent_default();
                    let focus_after = matches!(action, Action::Paste | Action::Duplicate);
                    store.dispatch(action);
                    if focus_after {
                        crate::components::canvas::focus_selected_soon();
                    }
                },
            );
            // Space plays or pauses on release, unless it was held to pan the canvas.
            let store = space_store;
            let space = EventListener::new(&gloo::utils::document(), "keyup", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let focus = focused_tag(event);
                let ignored = in_dialog(event)
                    || matches!(
                        focus.as_str(),
                        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A" | "SUMMARY"
                    )
                    || event.ctrl_key()
                    || event.meta_key()
                    || event.alt_key();
                if event.key() == " " && !ignored && !crate::components::canvas::space_panned() {
                    store.dispatch(if store.playing {
                        Action::Pause
                    } else {
                        Action::Play
                    });
                }
            });
            move || drop((listener, space))
        });
    }

    let lang = store.lang;
    let full = embed.is_none() || embed == Some(View::Full);
    let editing = embed != Some(View::Player);
    let playing = embed != Some(View::Editor);
    html! {
        <ContextProvider<Store> context={store.clone()}>
            <div class={classes!("app", embed.map(|v| format!("embedded embed-{}", v.as_str())))} data-ready="true">
                <a class="skip-link" href="#player">{ T::Play.get(lang) }</a>
                if embed.is_none() {
                    <Header />
                } else {
                    <EmbedBar />
                }
                if !*storage_ok && embed.is_none() {
                    <p class="banner" role="status" data-testid="storage-banner">{ T::StorageBlocked.get(lang) }</p>
                }
                <main class="workspace">
                    <section class="stage" aria-label={T::Diagram.get(lang)}>
                        if editing {
                            <Palette />
                        }
                        <Notices />
                        <RefusalNotice />
                        <Canvas />
                        if playing {
                            <Player />
                        }
                    </section>
                    <aside class="side">
                        <Inspector />
                        if full {
                            <InvokePanel />
                            <KeptRun />
                        }
                        if editing {
                            <Findings />
                        }
                    </aside>
                    if store.comparing.is_some() {
                        <ComparePanel />
                    }
                    if playing {
                        <section class="log-panel" aria-label={T::EventLog.get(lang)}>
                            <EventLog />
                        </section>
                    }
                </main>
                <LinkDialog />
                <ShortcutSheet />
            </div>
        </ContextProvider<Store>>
    }
}

/// Whether a key event comes from inside a dialog (which handles its own keys).
fn in_dialog(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[role=dialog]").ok().flatten())
        .is_some()
}

fn focused_tag(event: &web_sys::KeyboardEvent) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default()
}
