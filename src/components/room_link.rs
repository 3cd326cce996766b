//! The room link: one address (and its QR code) that opens every attendee's playground on the
//! presenter's lesson, step and language. Nothing goes through a server; the QR code is drawn
//! by the tools worker when the dialog opens.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The room link dialog.
#[component]
pub fn RoomLinkDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let qr = use_state(|| None::<String>);
    use_modal(&dialog, true);
    let link = store.as_ref().and_then(|store| {
        let open = store.lesson.as_ref()?;
        let step = open
            .step
            .map_or(String::new(), |i| format!("&step={}", i + 1));
        Some(format!(
            "{}?lesson={}{step}&lang={}",
            crate::platform::page_base(),
            open.view.id,
            store.lang.code()
        ))
    });
    {
        let qr = qr.clone();
        use_effect_with(link.clone(), move |link| {
            if let Some(link) = link {
                let request = serde_json::json!({ "op": "qr", "text": link });
                crate::tools::request(request, move |reply| {
                    qr.set(reply["svg"].as_str().map(str::to_string));
                });
            }
        });
    }
    let (Some(store), Some(link)) = (store, link) else {
        return html! {};
    };
    let lang = store.lang;
    let on_copy = {
        let link = link.clone();
        Callback::from(move |_| crate::platform::copy_text(&link))
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog ref={dialog} class="dialog room-link" aria-labelledby="room-title" data-testid="room-link-dialog"
            onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)}>
            <h2 id="room-title">{ T::RoomLinkTitle.get(lang) }</h2>
            <p>{ T::RoomLinkHelp.get(lang) }</p>
            if let Some(svg) = &*qr {
                <figure class="qr" role="img" aria-label={T::QrCode.get(lang)} data-testid="room-qr">
                    { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                </figure>
            }
            <p><code class="room-address" data-testid="room-link">{ link.clone() }</code></p>
            <button type="button" onclick={on_copy}>{ T::CopyLink.get(lang) }</button>
            <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
