//! The presenter's speaker notes in a second window of the same browser: the presenting page
//! says where the lesson is on a `BroadcastChannel`, and the notes window (`?notes=1`) shows it.
//! Nothing goes through a server. A notes window that opens late says `hello`, and the
//! presenting page tells it again.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The channel's name: one per origin, so one per hosted playground.
pub const CHANNEL: &str = "lambda-destinations-playground:notes";
/// What a notes window says when it opens.
pub const HELLO: &str = "hello";

thread_local! {
    /// The presenting page's channel (opened with the first notes) and what it last said.
    static PRESENTER: RefCell<Option<(web_sys::BroadcastChannel, String)>> = const { RefCell::new(None) };
}

/// The channel, with a handler for what the other window says.
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

/// Tells notes windows the speaker notes of the step shown (`{"lang", "notes"}`, the notes as
/// the worker wrote them), and tells each window that says hello later.
pub fn publish(message: String) {
    PRESENTER.with(|presenter| {
        let mut presenter = presenter.borrow_mut();
        if presenter.is_none() {
            let Some(opened) = channel(|text| {
                if text == HELLO {
                    PRESENTER.with(|p| {
                        if let Some((channel, last)) = p.borrow().as_ref() {
                            let _ = channel.post_message(&last.as_str().into());
                        }
                    });
                }
            }) else {
                return;
            };
            *presenter = Some((opened, String::new()));
        }
        if let Some((channel, last)) = presenter.as_mut() {
            if *last != message {
                let _ = channel.post_message(&message.as_str().into());
                *last = message;
            }
        }
    });
}
