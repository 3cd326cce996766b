//! The root component: builds the first state from the address (embed, gallery entry, shared
//! link, step) or the autosave, runs the app's effects (`crate::hooks`), and lays out the panels.

use crate::components::{
    canvas::Canvas, compare::ComparePanel, embed_bar::EmbedBar, findings::Findings, header::Header,
    inspector::Inspector, invoke::InvokePanel, kept::KeptRun, link_dialog::LinkDialog,
    log::EventLog, notices::Notices, palette::Palette, player::Player,
    refusal_notice::RefusalNotice, shortcuts::ShortcutSheet,
};
use crate::embed::View;
use crate::gallery;
use crate::i18n::T;
use crate::state::{Action, State, Store};
use crate::{hooks, platform};
use yew::prelude::*;

/// What only the full app does: save the diagram (whether storage works is returned), rehearse
/// the gallery when idle, close menus on Escape or a click outside, and open the lesson the
/// address names.
#[cfg(feature = "editor")]
#[hook]
fn use_editor_effects(store: &Store) -> bool {
    let storage_ok = hooks::use_autosave(store);
    hooks::use_idle_rehearsal(store.lang, store.embed.is_some());
    hooks::use_menu_dismissal();
    let deep_link = use_state(|| {
        let params = crate::embed::Params::from_query(&platform::location_search());
        params
            .lesson
            .map(|id| (id, params.step.map(|s| s.saturating_sub(1))))
    });
    crate::lesson::use_lesson(store, (*deep_link).clone());
    storage_ok
}

/// The player-only build saves nothing and opens no lesson.
#[cfg(not(feature = "editor"))]
#[hook]
fn use_editor_effects(_store: &Store) -> bool {
    true
}

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
        // The player-only build is always an embedded player, whatever the address says.
        state.embed = if crate::EDITOR {
            params.embed
        } else {
            Some(View::Player)
        };
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
        if let Some(step) = params.step.filter(|_| params.lesson.is_none()) {
            state.apply(Action::Seek(step));
        }
        if params.autoplay {
            state.apply(Action::Play);
        }
        state.presenting = params.present;
        state
    });
    let embed = store.embed;
    hooks::use_host_height(embed.is_some());
    let storage_ok = use_editor_effects(&store);
    hooks::use_recovery_and_language(&store);
    hooks::use_player_clock(&store);
    hooks::use_shortcuts(&store);

    let lang = store.lang;
    let hides = |tool: &str| store.lessons.hides(tool);
    let editor = crate::EDITOR;
    let full = editor && (embed.is_none() || embed == Some(View::Full));
    let editing = editor && embed != Some(View::Player);
    let playing = embed != Some(View::Editor);
    let close_panels = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ShowPanels(false)))
    };
    html! {
        <ContextProvider<Store> context={store.clone()}>
            <div class={classes!("app", embed.map(|v| format!("embedded embed-{}", v.as_str())), store.presenting.then_some("presenting"))} data-ready="true">
                <a class="skip-link" href="#player">{ T::Play.get(lang) }</a>
                if embed.is_none() && editor {
                    <Header />
                } else {
                    <EmbedBar />
                }
                if !storage_ok && embed.is_none() {
                    <p class="banner" role="status" data-testid="storage-banner">{ T::StorageBlocked.get(lang) }</p>
                }
                <main class={classes!("workspace", store.panels_open.then_some("panels-open"), store.lessons.panel.then_some("with-lesson"))}>
                    if editor {
                        // The lesson panel is written here (`crate::lesson::host`).
                        <div class="lesson-host"></div>
                    }
                    <section class="stage" aria-label={T::Diagram.get(lang)}>
                        if editing && !hides("palette") {
                            <Palette />
                        }
                        <Notices />
                        <RefusalNotice />
                        { crate::components::about::scenario_about(&store) }
                        <Canvas />
                        if playing {
                            <Player />
                        }
                    </section>
                    <div class="panels" id="panels" data-testid="panels">
                    <div class="panels-head">
                        <button type="button" onclick={close_panels} data-testid="panels-close">{ T::Close.get(lang) }</button>
                    </div>
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
                    if editor && store.comparing.is_some() {
                        <ComparePanel />
                    }
                    if playing {
                        <section class="log-panel" aria-label={T::EventLog.get(lang)}>
                            <EventLog />
                        </section>
                    }
                    </div>
                </main>
                if editor {
                    <LinkDialog />
                }
                <ShortcutSheet />
            </div>
        </ContextProvider<Store>>
    }
}
