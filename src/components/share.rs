//! Sharing and importing: a link that carries the whole scenario (and the current step) in its
//! fragment, and a paste box that turns AWS CLI commands or a CloudFormation/SAM template into a
//! diagram. Bad input gets a clear message, and the current diagram stays as it was.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// Properties of the dialogs.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

fn escape_closes(on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let on_close = on_close.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            on_close.emit(());
        }
    })
}

/// The share dialog: the link, a copy button, whether to include the step, and a warning with a
/// file download when the link is too long for chat tools.
#[component]
pub fn ShareDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let with_step = use_state(|| true);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| super::focus_first_button(&dialog));
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let step = (*with_step).then_some(store.step as u64);
    let link = format!(
        "{}#{}",
        crate::platform::page_address(),
        engine::share::encode(&store.scenario, step)
    );
    let too_long = link.len() > engine::share::LINK_WARNING_CHARS;
    let on_copy = {
        let link = link.clone();
        Callback::from(move |_| crate::platform::copy_text(&link))
    };
    let on_step = {
        let with_step = with_step.clone();
        Callback::from(move |e: Event| {
            with_step.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let on_file = {
        let store = store.clone();
        Callback::from(move |_| {
            crate::platform::download_json("scenario.json", &store.scenario.to_json_pretty())
        })
    };
    let on_focus = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .select()
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div ref={dialog} class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share-dialog" onkeydown={escape_closes(&props.on_close)}>
                <h2 id="share-title">{ T::ShareTitle.get(lang) }</h2>
                <p>{ T::ShareExplain.get(lang) }</p>
                <button type="button" onclick={on_copy} data-testid="share-copy">{ T::CopyLink.get(lang) }</button>
                <label class="field">
                    <span>{ format!("{} ({} {})", T::Link.get(lang), link.len(), T::Characters.get(lang)) }</span>
                    <input type="text" readonly=true value={link.clone()} onfocus={on_focus} data-testid="share-link" />
                </label>
                <label class="check">
                    <input type="checkbox" checked={*with_step} onchange={on_step} data-testid="share-step" />
                    { format!("{} ({} {})", T::IncludeStep.get(lang), T::Step.get(lang), store.step) }
                </label>
                if too_long {
                    <div class="warning" role="status" data-testid="share-too-long">
                        <p>{ T::LinkTooLong.get(lang) }</p>
                        <button type="button" onclick={on_file}>{ T::SaveFile.get(lang) }</button>
                    </div>
                }
                <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
            </div>
        </div>
    }
}

/// The import dialog: paste, import, and either a new diagram (with what was not understood
/// listed) or an error that names the place, with the current diagram untouched.
#[component]
pub fn ImportDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let area = use_node_ref();
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
                    None => error.set(Some(
                        reply["error"].as_str().unwrap_or_default().to_string(),
                    )),
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog" onkeydown={escape_closes(&props.on_close)} onsubmit={on_import}>
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
        </div>
    }
}

/// What the last import did not understand, and why a shared link did not open.
#[component]
pub fn Notices() -> Html {
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

/// The embed dialog: choose what the embed shows, then copy an iframe snippet or a plain link
/// (for hosts that render no HTML).
#[component]
pub fn EmbedDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let view = use_state(|| crate::embed::View::Player);
    let autoplay = use_state(|| false);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| super::focus_first_button(&dialog));
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let src = format!(
        "{}{}#{}",
        crate::platform::page_base(),
        crate::embed::query(*view, *autoplay, lang),
        engine::share::encode(&store.scenario, Some(store.step as u64))
    );
    let snippet = crate::embed::iframe_snippet(&src, T::AppTitle.get(lang));
    let copy = |text: String| Callback::from(move |_| crate::platform::copy_text(&text));
    let on_view = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            view.set(match value.as_str() {
                "editor" => crate::embed::View::Editor,
                "full" => crate::embed::View::Full,
                _ => crate::embed::View::Player,
            });
        })
    };
    let on_autoplay = {
        let autoplay = autoplay.clone();
        Callback::from(move |e: Event| {
            autoplay.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let views = [
        (crate::embed::View::Player, T::EmbedPlayer),
        (crate::embed::View::Editor, T::EmbedEditor),
        (crate::embed::View::Full, T::EmbedFull),
    ];
    html! {
        <div class="dialog-backdrop">
            <div ref={dialog} class="dialog" role="dialog" aria-modal="true" aria-labelledby="embed-title" data-testid="embed-dialog" onkeydown={escape_closes(&props.on_close)}>
                <h2 id="embed-title">{ T::EmbedTitle.get(lang) }</h2>
                <p>{ T::EmbedExplain.get(lang) }</p>
                <button type="button" onclick={copy(snippet.clone())} data-testid="embed-copy">{ T::CopySnippet.get(lang) }</button>
                <label class="field">
                    <span>{ T::EmbedShows.get(lang) }</span>
                    <select onchange={on_view} data-testid="embed-view">
                        { for views.iter().map(|(v, label)| html! { <option value={v.as_str()} selected={*v == *view}>{ label.get(lang) }</option> }) }
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" checked={*autoplay} onchange={on_autoplay} data-testid="embed-autoplay" />
                    { T::Autoplay.get(lang) }
                </label>
                <label class="field">
                    <span>{ T::IframeSnippet.get(lang) }</span>
                    <textarea readonly=true rows="4" value={snippet} data-testid="embed-snippet" />
                </label>
                <label class="field">
                    <span>{ T::PlainLink.get(lang) }</span>
                    <input type="text" readonly=true value={src.clone()} data-testid="embed-link" />
                </label>
                <button type="button" onclick={copy(src)}>{ T::CopyLink.get(lang) }</button>
                <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
            </div>
        </div>
    }
}
