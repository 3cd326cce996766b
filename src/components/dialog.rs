//! What the dialogs share: their properties and Escape closing them.

use yew::prelude::*;

/// Properties of the dialogs.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// A key handler that closes the dialog on Escape.
pub fn escape_closes(on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let on_close = on_close.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            on_close.emit(());
        }
    })
}
