//! The room link: one address (and its QR code) that opens every attendee's playground on the
//! presenter's lesson, step and language. Nothing goes through a server; the tools worker draws
//! the QR code and its explanation when the dialog opens.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The room link dialog.
#[component]
pub fn RoomLinkDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let body = use_state(String::new);
    use_modal(&dialog, true);
    let link = store.as_ref().and_then(|store| {
        let open = store.lesson.as_ref()?;
        let step = open
            .step
            .map_or(String::new(), |i| format!("&step={}", i + 1));
        Some(format!(
            "{}?lesson={}{step}&lang={}",
            crate::platform::page_base(),
            open.outline.id,
            store.lang.code()
        ))
    });
    {
        let body = body.clone();
        let lang = store.as_ref().map(|s| s.lang);
        use_effect_with((link.clone(), lang), move |(link, lang)| {
            if let (Some(link), Some(lang)) = (link, lang) {
                crate::lesson::room_link(link, *lang, move |html| body.set(html));
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let onclick = Callback::from(|e: MouseEvent| {
        if let Some(("copy", link)) = super::lesson_panel::clicked(&e)
            .as_ref()
            .map(|(a, v)| (a.as_str(), v.as_str()))
        {
            crate::platform::copy_text(link);
        }
        // The panel behind must not answer the dialog's buttons.
        e.stop_propagation();
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog ref={dialog} class="dialog room-link" aria-labelledby="room-title" data-testid="room-link-dialog"
            onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)} {onclick}>
            <h2 id="room-title">{ T::RoomLinkTitle.get(lang) }</h2>
            { Html::from_html_unchecked(AttrValue::from((*body).clone())) }
            <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
