//! What the last import did not understand, and why a shared link did not open; and the offline
//! notices (`super::offline_notices`).

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// What the last import did not understand, and why a shared link did not open.
#[component]
pub fn Notices() -> Html {
    let offline = super::offline_notices::use_offline();
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let dismiss_notes = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::DismissImportNotes))
    };
    let dismiss_link = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::LinkError(None)))
    };
    html! {
        <>
            { offline.view(lang, store.embed.is_some()) }
            if let Some(message) = &store.link_error {
                <div class="refusal" role="alert" data-testid="link-error">
                    <p class="aws-error">{ format!("{} {message}", T::LinkBroken.get(lang)) }</p>
                    <p>{ T::KeptCurrent.get(lang) }</p>
                    <button type="button" onclick={dismiss_link}>{ T::Dismiss.get(lang) }</button>
                </div>
            }
            if !store.import_notes.is_empty() {
                <details class="import-notes" open=true data-testid="import-notes">
                    <summary>{ format!("{} ({})", T::NotUnderstood.get(lang), store.import_notes.len()) }</summary>
                    <ul>{ for store.import_notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    <button type="button" onclick={dismiss_notes}>{ T::Dismiss.get(lang) }</button>
                </details>
            }
        </>
    }
}
