//! The channel between a presenting window and its speaker notes windows: one per origin, so
//! one per hosted playground, in the same browser. Read by the page (the notes window) and by
//! the tools worker (which writes the notes and tells the channel).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The channel's name.
pub const CHANNEL: &str = "lambda-destinations-playground:notes";
/// What a notes window says when it opens; the presenter then tells it again.
pub const HELLO: &str = "hello";

/// The channel, with a handler for what the other windows say.
pub fn channel(on_message: impl FnMut(String) + 'static) -> Option<web_sys::BroadcastChannel> {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let mut on_message = on_message;
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                on_message(text);
            }
        });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    Some(channel)
}
