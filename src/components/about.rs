//! What the open scenario teaches: its description, in the page's language, as one line above
//! the diagram that opens to the whole text.

use crate::i18n::T;
use crate::state::State;
use yew::prelude::*;

/// The scenario's description, when it has one.
pub fn scenario_about(store: &State) -> Html {
    let lang = store.lang;
    let text = store.base.description.get(lang.code()).trim();
    if text.is_empty() {
        return html! {};
    }
    // The first sentence is the line shown; the rest opens with it.
    let first = text.find(". ").map_or(text, |end| &text[..=end]);
    html! {
        <details class="about" data-testid="scenario-about">
            <summary>{ format!("{}: {first}", T::AboutScenario.get(lang)) }</summary>
            <p data-testid="scenario-description">{ text }</p>
        </details>
    }
}
