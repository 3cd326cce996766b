//! The keyboard shortcut sheet (`?`), read from the one key table (`crate::keys`).

use super::dialog::{cancel_closes, use_modal};
use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// The sheet, when open.
#[component]
pub fn ShortcutSheet() -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let open = store.as_ref().is_some_and(|s| s.show_shortcuts);
    use_modal(&dialog, open);
    let Some(store) = store.filter(|_| open) else {
        return html! {};
    };
    let lang = store.lang;
    let close_sheet = {
        let store = store.clone();
        Callback::from(move |_: ()| store.dispatch(Action::ShowShortcuts(false)))
    };
    let close = close_sheet.reform(|_: MouseEvent| ());
    let onkeydown = {
        let store = store.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" || e.key() == "?" {
                e.prevent_default();
                store.dispatch(Action::ShowShortcuts(false));
            } else {
                super::dialog::trap_tab(&e);
            }
        })
    };
    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="shortcuts-title" data-testid="shortcut-sheet" {onkeydown} oncancel={cancel_closes(&close_sheet)}>
                <h2 id="shortcuts-title">{ T::Shortcuts.get(lang) }</h2>
                <dl class="shortcuts">
                    { for crate::keys::SHEET.iter().filter(|line| crate::EDITOR || !line.edits()).map(|line| html! { <><dt><kbd>{ line.keys }</kbd></dt><dd>{ line.what.get(lang) }</dd></> }) }
                    <dt><kbd>{ "🖱" }</kbd></dt><dd>{ T::ShortcutPan.get(lang) }</dd>
                </dl>
                <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
