//! The Lambda Destinations Playground: a Yew app over the routing engine.
//!
//! Built twice (README.md "Player build"): the full app, and without the `editor` feature the
//! player-only build for embeds, whose views never call the editor's code. That code is still
//! compiled there, so its unused items are allowed in that build only; the full build, which
//! uses them all, keeps the dead-code lints.
#![cfg_attr(not(feature = "editor"), allow(dead_code, unused_imports))]

#[macro_use]
mod text_table;

mod app;
mod components;
mod embed;
mod gallery;
mod hooks;
mod i18n;
mod keys;
mod layout;
mod lesson;
mod markup;
mod offline;
mod platform;
mod recovery;
mod state;
mod tools;

#[cfg(test)]
mod component_tests;

/// The full app, with the editor; `false` in the player-only build (`player.html`), whose
/// views leave out everything that edits, exports, imports or teaches a lesson.
pub const EDITOR: bool = cfg!(feature = "editor");

fn main() {
    recovery::install();
    // A speaker notes window is that and nothing else: no diagram, no run, no storage.
    if EDITOR && embed::Params::from_query(&platform::location_search()).notes {
        return lesson::present::notes_window();
    }
    yew::Renderer::<app::App>::new().render();
    if recovery::drill_requested() {
        gloo::timers::callback::Timeout::new(50, || {
            panic!("recovery drill requested by ?drill=panic")
        })
        .forget();
    }
}
