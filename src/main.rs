//! The Lambda Destinations Playground: a Yew app over the routing engine.

mod app;
mod components;
mod gallery;
mod i18n;
mod platform;
mod recovery;
mod state;

fn main() {
    recovery::install();
    yew::Renderer::<app::App>::new().render();
}
