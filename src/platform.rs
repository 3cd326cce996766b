//! The browser behind small functions: the saved language, file downloads. Storage failures
//! (private mode, sandboxed iframes) fall back to memory silently: nothing the user made is
//! lost, the preference just is not remembered.

use crate::i18n::Lang;
use gloo::storage::{LocalStorage, Storage};

const LANG_KEY: &str = "ldp.lang";

/// The saved language, else the browser's, else English.
pub fn initial_lang() -> Lang {
    if let Ok(code) = LocalStorage::get::<String>(LANG_KEY) {
        return Lang::from_tag(&code);
    }
    let browser = gloo::utils::window()
        .navigator()
        .language()
        .unwrap_or_default();
    Lang::from_tag(&browser)
}

/// Remembers the language for the next visit (when storage is available).
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
}

/// An object URL holding `text` as a JSON file, for a download link.
pub fn json_object_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
