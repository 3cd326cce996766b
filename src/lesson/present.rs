//! The presenter's speaker notes in a second window of the same browser (`?notes=1`): the
//! tools worker of the presenting page says where the lesson is on a `BroadcastChannel`
//! (`notes_channel.rs`), and the notes window shows it. Nothing goes through a server. A notes
//! window that opens late says `hello`, and the presenting page's worker tells it again.

#[path = "notes_channel.rs"]
mod notes_channel;
use notes_channel::{channel, HELLO};

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
