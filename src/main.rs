//! Placeholder entry point; replaced by the playground app.
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    html! { <main id="app" data-ready="true"><h1>{ "Lambda Destinations Playground" }</h1></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
