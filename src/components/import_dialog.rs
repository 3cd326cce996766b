//! The import dialog: a paste box that turns AWS CLI commands or a CloudFormation/SAM template
//! into a diagram. Bad input gets a clear message, and the current diagram stays as it was.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// The import dialog: paste, import, and either a new diagram (with what was not understood
/// listed) or an error that names the place, with the current diagram untouched.
#[component]
pub fn ImportDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let area = use_node_ref();
    let dialog = use_node_ref();
    use_modal(&dialog, true);
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(area) = area.cast::<web_sys::HtmlElement>() {
                let _ = area.focus();
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_import = {
        let (store, text, error, on_close) = (
            store.clone(),
            text.clone(),
            error.clone(),
            props.on_close.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request =
                serde_json::json!({ "op": "import", "text": &*text, "lang": store.lang.code() });
            let (store, error, on_close) = (store.clone(), error.clone(), on_close.clone());
            crate::tools::request(request, move |reply| {
                let scenario = reply
                    .get("scenario")
                    .and_then(serde_json::Value::as_str)
                    .map(engine::Scenario::from_json);
                match scenario {
                    Some(Ok(scenario)) => {
                        let notes = crate::tools::strings(&reply, "notes");
                        error.set(None);
                        store.dispatch(Action::OpenImported(Box::new(scenario), notes));
                        on_close.emit(());
                    }
                    Some(Err(e)) => error.set(Some(e.to_string())),
                    None => error.set(Some(crate::tools::error_text(&reply, store.lang))),
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="import-title" data-testid="import-dialog" onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)}>
            <form onsubmit={on_import}>
                <h2 id="import-title">{ T::ImportTitle.get(lang) }</h2>
                <p>{ T::ImportExplain.get(lang) }</p>
                <textarea ref={area} rows="12" spellcheck="false" value={(*text).clone()} oninput={on_input}
                    aria-label={T::ImportTitle.get(lang)} aria-invalid={error.is_some().to_string()} data-testid="import-text" />
                if let Some(message) = &*error {
                    <p class="aws-error" role="alert" data-testid="import-error">{ format!("{} {message}", T::CannotOpen.get(lang)) }</p>
                    <p>{ T::KeptCurrent.get(lang) }</p>
                }
                <div class="edit-actions">
                    <button type="submit" data-testid="import-submit">{ T::Import.get(lang) }</button>
                    <button type="button" onclick={close}>{ T::Close.get(lang) }</button>
                </div>
            </form>
        </dialog>
    }
}
