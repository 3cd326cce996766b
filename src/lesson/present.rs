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

/// The whole page of a speaker notes window (`?notes=1`): the presenter's lesson, step, notes,
/// hints and explanation in large type, as the worker wrote them for the presenting window of
/// the same browser. Plain DOM, no component: it waits, then shows what the channel says.
pub fn notes_window() {
    let document = gloo::utils::document();
    let Ok(main) = document.create_element("main") else {
        return;
    };
    main.set_class_name("speaker-notes");
    let _ = main.set_attribute("data-ready", "true");
    let waiting = crate::i18n::T::NotesWaiting.get(crate::platform::initial_lang());
    main.set_inner_html(&format!(
        r#"<p role="status" data-testid="notes-waiting">{}</p>"#,
        crate::markup::escape(waiting)
    ));
    if let Some(body) = document.body() {
        let _ = body.append_child(&main);
    }
    let shown = main.clone();
    let listening = channel(move |text| {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            return;
        };
        if let Some(notes) = value["notes"].as_str() {
            let _ = shown.set_attribute("lang", value["lang"].as_str().unwrap_or("en"));
            let _ = shown.set_attribute("data-testid", "speaker-notes");
            shown.set_inner_html(notes);
        }
    });
    if let Some(listening) = &listening {
        let _ = listening.post_message(&HELLO.into());
    }
    // The channel stays open as long as the window.
    std::mem::forget(listening);
}
