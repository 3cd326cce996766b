//! The notice that says why the last edit of the diagram was refused, in AWS's words.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// Why the last edit was refused, until dismissed or the next edit.
#[component]
pub fn RefusalNotice() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    // A refused rename or setting is said next to its field instead.
    let Some(refused) = store.refused.as_ref().filter(|r| !r.of_field()) else {
        return html! {};
    };
    let lang = store.lang;
    let lines: Vec<String> = super::refusal_text(lang, &refused.why)
        .lines()
        .map(str::to_string)
        .collect();
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::DismissRefusal))
    };
    html! {
        <div class="refusal" role="alert" data-testid="refusal">
            { for lines.into_iter().map(|line| html! { <p class="aws-error">{ line }</p> }) }
            <button type="button" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
        </div>
    }
}
