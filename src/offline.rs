//! Offline: the page's side of the service worker (`static/sw.js`, which `cargo xtask dist`
//! fills with the precache list). A small script in `index.html` (plain JavaScript: a quarter of
//! the bytes the same costs in Rust) registers it once the page has loaded, and asks for a new
//! deploy when the page comes back online or into view and every half hour. When a new version
//! is installed while an older one serves this page (or another tab's reload made it take this
//! page over), the script sets `window.playgroundUpdate` and fires [`UPDATE_EVENT`] on the
//! window. This module tells the notices (`crate::components::offline_notices`) and, only when
//! the learner presses Reload, applies it ([`apply_update`]): the waiting service worker is told
//! to take over ("skip-waiting"), and the page reloads when it has.
//!
//! Embeds register it too, so a docs page read offline still plays: the service worker's cache
//! belongs to the playground's origin and holds only the playground's own files, never the
//! reader's diagrams or settings.

use wasm_bindgen::{JsCast, JsValue};

/// The name of the function `index.html`'s script sets once a new version waits.
const APPLY: &str = "playgroundUpdate";

/// The content of the page's `<meta name="{name}">`, when there is one and it is not empty.
pub fn meta(name: &str) -> Option<String> {
    gloo::utils::document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|content| !content.is_empty())
}

/// The function that applies the waiting version, once there is one.
fn waiting_update() -> Option<js_sys::Function> {
    js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str(APPLY))
        .ok()?
        .dyn_into()
        .ok()
}

/// Whether a new version is installed and waits for a reload; after this, the window's
/// [`UPDATE_EVENT`] says when one does.
pub fn update_waiting() -> bool {
    waiting_update().is_some()
}

/// The event `index.html`'s script fires on the window when a new version waits.
pub const UPDATE_EVENT: &str = "playgroundupdate";

/// Uses the new version: the waiting service worker takes over, then the page reloads (the
/// learner's work is autosaved). Never called but by the learner's Reload button.
pub fn apply_update() {
    match waiting_update() {
        Some(apply) => {
            let _ = apply.call0(&JsValue::NULL);
        }
        None => {
            let _ = gloo::utils::window().location().reload();
        }
    }
}
