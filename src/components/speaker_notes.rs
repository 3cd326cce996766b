//! The speaker notes window (`?notes=1`): the presenter's lesson, step, notes, hints and
//! explanation in large type (written by the tools worker), following the presenting window of
//! the same browser.

use crate::i18n::{Lang, T};
use crate::lesson::present::{channel, HELLO};
use serde_json::Value;
use yew::prelude::*;

/// The whole page of a notes window.
#[component]
pub fn SpeakerNotes() -> Html {
    let shown = use_state(|| None::<(Lang, String)>);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let listening = channel(move |text| {
                if let Ok(value) = serde_json::from_str::<Value>(&text) {
                    let lang = Lang::from_tag(value["lang"].as_str().unwrap_or("en"));
                    if let Some(notes) = value["notes"].as_str() {
                        shown.set(Some((lang, notes.to_string())));
                    }
                }
            });
            if let Some(listening) = &listening {
                let _ = listening.post_message(&HELLO.into());
            }
            // The channel stays open as long as the window.
            std::mem::forget(listening);
        });
    }
    match &*shown {
        None => html! {
            <main class="speaker-notes" data-ready="true">
                <p role="status" data-testid="notes-waiting">{ T::NotesWaiting.get(crate::platform::initial_lang()) }</p>
            </main>
        },
        Some((lang, notes)) => html! {
            <main class="speaker-notes" data-ready="true" lang={lang.code()} data-testid="speaker-notes">
                { Html::from_html_unchecked(AttrValue::from(notes.clone())) }
            </main>
        },
    }
}
