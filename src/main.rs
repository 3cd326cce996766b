//! The Lambda Destinations Playground: a Yew app over the routing engine.

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

fn main() {
    recovery::install();
    yew::Renderer::<app::App>::new().render();
    if recovery::drill_requested() {
        gloo::timers::callback::Timeout::new(50, || {
            panic!("recovery drill requested by ?drill=panic")
        })
        .forget();
    }
}
