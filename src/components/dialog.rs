//! What the dialogs share: their properties and Escape closing them.

use yew::prelude::*;

/// Properties of the dialogs.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// A dialog's key handler: Escape closes it, and Tab goes round its own controls.
pub fn escape_closes(on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let on_close = on_close.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            on_close.emit(());
        } else {
            trap_tab(&e);
        }
    })
}

/// Keeps Tab inside the dialog the key was pressed in: from its last control Tab goes to its
/// first, and Shift+Tab from its first to its last, instead of leaving the page.
pub fn trap_tab(e: &KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if e.key() != "Tab" {
        return;
    }
    // Yew delegates events to its root, so the dialog is found from the key's target.
    let Some(dialog) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("dialog").ok().flatten())
    else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), \
         textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|c| c.offset_width() > 0 || c.offset_height() > 0)
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |control: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == control.unchecked_ref::<web_sys::Element>())
    };
    let outside = !active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let wrap_to = if e.shift_key() && (at(first) || outside) {
        Some(last)
    } else if !e.shift_key() && (at(last) || outside) {
        Some(first)
    } else {
        None
    };
    if let Some(control) = wrap_to {
        e.prevent_default();
        let _ = control.focus();
    }
}

/// Shows `dialog` (a `<dialog>` element) as the platform's modal while `open`, with the focus on
/// its first button: the page behind is inert, and Escape asks to close. When it closes, the focus goes back to what
/// had it before, unless the closing gave it to something else (a node, say).
#[hook]
pub fn use_modal(dialog: &NodeRef, open: bool) {
    use wasm_bindgen::JsCast;
    let dialog = dialog.clone();
    use_effect_with(open, move |&open| {
        let opener = open
            .then(|| gloo::utils::document().active_element())
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let shown = open
            .then(|| dialog.cast::<web_sys::HtmlDialogElement>())
            .flatten();
        if let Some(shown) = shown.as_ref().filter(|d| !d.open()) {
            let _ = shown.show_modal();
        }
        super::focus_first_button(&dialog);
        move || {
            // The focus is lost when it is on nothing, or still in the dialog that goes away.
            let focus_lost = gloo::utils::document().active_element().is_none_or(|e| {
                e.tag_name() == "BODY" || shown.as_ref().is_some_and(|d| d.contains(Some(&e)))
            });
            if let Some(shown) = &shown {
                shown.close();
            }
            if let Some(opener) = opener.filter(|o| o.is_connected() && focus_lost) {
                let _ = opener.focus();
            }
        }
    });
}

/// The `cancel` handler of a modal: Escape closes it through the state, so the `<dialog>` never
/// closes behind the state's back.
pub fn cancel_closes(on_close: &Callback<()>) -> Callback<Event> {
    let on_close = on_close.clone();
    Callback::from(move |e: Event| {
        e.prevent_default();
        on_close.emit(());
    })
}
