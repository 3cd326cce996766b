//! The presenter's speaker notes in a second window of the same browser: the presenting page
//! says where the lesson is on a `BroadcastChannel`, and the notes window (`?notes=1`) shows it.
//! Nothing goes through a server. A notes window that opens late says `hello`, and the
//! presenting page tells it again.

use crate::state::Store;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The channel's name: one per origin, so one per hosted playground.
pub const CHANNEL: &str = "lambda-destinations-playground:notes";
/// What a notes window says when it opens.
pub const HELLO: &str = "hello";

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

/// Where the open lesson is, as the notes window shows it (markup the worker wrote); nothing
/// without a lesson.
fn where_we_are(store: &Store) -> Option<Value> {
    let open = store.lesson.as_ref()?;
    (!open.notes.is_empty()).then(|| json!({ "lang": store.lang.code(), "notes": &*open.notes }))
}

/// Tells notes windows where the lesson is after each change, and again when one says hello.
#[hook]
pub fn use_notes_channel(store: &Store) {
    let last = use_mut_ref(String::new);
    let open = use_mut_ref(|| None::<web_sys::BroadcastChannel>);
    let message = where_we_are(store).map(|m| m.to_string());
    use_effect_with(message, move |message| {
        let Some(message) = message else {
            return;
        };
        if open.borrow().is_none() {
            let (last, reply) = (Rc::clone(&last), Rc::new(RefCell::new(None)));
            let channel = channel({
                let reply = Rc::clone(&reply);
                move |text| {
                    if text == HELLO {
                        if let Some(channel) = reply.borrow().as_ref() {
                            let _ = web_sys::BroadcastChannel::post_message(
                                channel,
                                &last.borrow().as_str().into(),
                            );
                        }
                    }
                }
            });
            *reply.borrow_mut() = channel.clone();
            *open.borrow_mut() = channel;
        }
        last.borrow_mut().clone_from(message);
        if let Some(channel) = open.borrow().as_ref() {
            let _ = channel.post_message(&message.as_str().into());
        }
    });
}
