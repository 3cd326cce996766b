//! The share dialog: a link that carries the whole scenario (and the current step) in its
//! fragment; nothing is uploaded.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The share dialog: the link, a copy button, whether to include the step, and a warning with a
/// file download when the link is too long for chat tools.
#[component]
pub fn ShareDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let with_step = use_state(|| true);
    let dialog = use_node_ref();
    use_modal(&dialog, true);
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
        <dialog ref={dialog} class="dialog" aria-labelledby="share-title" data-testid="share-dialog" onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)}>
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
        </dialog>
    }
}
