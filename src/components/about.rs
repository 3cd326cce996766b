//! What the open scenario teaches: its description, in the page's language, as one line above
//! the diagram that opens to the whole text; and, at the end of a run, what to try next, with a
//! button that does it.

use crate::i18n::T;
use crate::state::{Action, Behaviour, State, Store};
use yew::prelude::*;

/// What to try next ("make resize-image fail and play again"), when the run left a route of a
/// function untaken: a button that chooses that behaviour and plays the run again.
pub fn what_to_try(store: &Store) -> Html {
    let Some(next) = store.suggestion() else {
        return html! {};
    };
    let lang = store.lang;
    let button = match next.behaviour {
        Behaviour::Fail => T::TryFail,
        _ => T::TrySucceed,
    };
    let fill = |text: T| {
        text.get(lang)
            .replace("{function}", &next.name)
            .replace("{target}", &next.target)
            .replace("{via}", super::via_label(next.via))
    };
    // One click does both: the behaviour, then the run again from the start.
    let onclick = {
        let store = store.clone();
        let (index, behaviour) = (next.function, next.behaviour);
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::SetBehaviour(index, behaviour));
            store.dispatch(Action::Play);
        })
    };
    html! {
        <p class="what-to-try" data-testid="what-to-try">
            <button type="button" {onclick} title={fill(T::TryWhere)} data-testid="try-it">{ fill(button) }</button>
        </p>
    }
}

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
