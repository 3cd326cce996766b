//! The app's effects, one hook each: what it does to the page, the storage and the clock as the
//! state changes. The state itself (`crate::state`) stays platform-free.

use crate::i18n::{Lang, T};
use crate::keys::{self, Command, Scope};
use crate::state::{Action, Store};
use crate::{platform, recovery};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// An embed tells its host page its height after every render that changed it.
#[hook]
pub fn use_host_height(embedded: bool) {
    let last = use_mut_ref(|| std::cell::Cell::new(0));
    use_effect(move || {
        if embedded {
            platform::post_height(&last.borrow());
        }
    });
}

/// Autosaves every change that the learner made (not the player's ticks while playing), except
/// in an embed. Says whether the browser lets it save.
#[hook]
pub fn use_autosave(store: &Store) -> bool {
    let storage_ok = use_state(platform::storage_available);
    let saved_ok = *storage_ok;
    let store = store.clone();
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
    saved_ok
}

/// Once the app is up, rehearses opening each gallery scenario while the page is idle: the first
/// opening of a large diagram then runs compiled code (see `canvas::rehearse`).
#[hook]
pub fn use_idle_rehearsal(lang: Lang, embedded: bool) {
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

/// Remembers what the recovery panel would need, and the language (for the next visit, except
/// in an embed: see `platform`); the page's `lang` and its title (the tab's name) follow it.
#[hook]
pub fn use_recovery_and_language(store: &Store) {
    let lang = store.lang;
    let scenario = std::rc::Rc::clone(&store.scenario);
    let changed = (std::rc::Rc::as_ptr(&scenario) as usize, lang);
    use_effect_with(changed, move |(_, lang)| {
        recovery::remember(scenario, *lang);
        platform::save_lang(*lang);
        gloo::utils::document_element()
            .set_attribute("lang", lang.code())
            .ok();
        gloo::utils::document().set_title(T::AppTitle.get(*lang));
    });
}

/// The player's clock: the next step after the run's compressed wait, while playing.
#[hook]
pub fn use_player_clock(store: &Store) {
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

/// The page's keyboard shortcuts (from `crate::keys`): Space plays or pauses, arrows step, `[`
/// and `]` jump between decisions, Ctrl+Z undoes, and so on.
/// A presenter's key for the open lesson (`n`, `h`, `s`, `r`...), told to the tools worker;
/// without a lesson (and in the player-only build, which has none) the key stays the browser's.
fn lesson_key(event: &web_sys::KeyboardEvent, action: &str) {
    // The listener outlives renders: the lesson and diagram are read as the app last drew them.
    let Some(store) = crate::lesson::host::latest().filter(|_| crate::EDITOR) else {
        return;
    };
    if store.lessons.open {
        event.prevent_default();
        crate::lesson::press(&store, action, "", serde_json::json!({}));
    }
}

#[hook]
pub fn use_shortcuts(store: &Store) {
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
                if in_dialog(event) || matches!(focus.as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
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
                    Command::LessonNext => return lesson_key(event, "next"),
                    Command::LessonPrevious => return lesson_key(event, "previous"),
                    Command::LessonHint => return lesson_key(event, "hint"),
                    Command::LessonSolution => return lesson_key(event, "confirm"),
                    Command::LessonResetStep => return lesson_key(event, "reset-step"),
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

/// The header's menus (`<details data-menu>`: Export, My diagrams) close on Escape, which gives
/// the focus back to the menu's button, and on a press anywhere outside them.
#[hook]
pub fn use_menu_dismissal() {
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        let open_menus = |document: &web_sys::Document| -> Vec<web_sys::Element> {
            let Ok(list) = document.query_selector_all("details[data-menu][open]") else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                .collect()
        };
        let escape = EventListener::new(&document, "keydown", move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if key.key() != "Escape" {
                return;
            }
            for menu in open_menus(&gloo::utils::document()) {
                let _ = menu.remove_attribute("open");
                if let Some(summary) = menu
                    .query_selector("summary")
                    .ok()
                    .flatten()
                    .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            }
        });
        let outside = EventListener::new(&document, "pointerdown", move |event| {
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            for menu in open_menus(&gloo::utils::document()) {
                if !target.as_ref().is_some_and(|t| menu.contains(Some(t))) {
                    let _ = menu.remove_attribute("open");
                }
            }
        });
        move || drop((escape, outside))
    });
}

/// Whether a key event comes from inside a dialog (which handles its own keys).
fn in_dialog(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("dialog, [role=dialog]").ok().flatten())
        .is_some()
}

fn focused_tag(event: &web_sys::KeyboardEvent) -> String {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default()
}
