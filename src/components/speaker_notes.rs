//! The speaker notes window (`?notes=1`): the presenter's lesson, step, notes, hints and
//! explanation in large type, following the presenting window of the same browser.

use crate::i18n::{Lang, T};
use crate::lesson::present::{channel, HELLO};
use serde_json::Value;
use yew::prelude::*;

/// The whole page of a notes window.
#[component]
pub fn SpeakerNotes() -> Html {
    let shown = use_state(|| None::<Value>);
    {
        let shown = shown.clone();
        use_effect_with((), move |_| {
            let listening = channel(move |text| {
                if let Ok(value) = serde_json::from_str::<Value>(&text) {
                    shown.set(Some(value));
                }
            });
            if let Some(listening) = &listening {
                let _ = listening.post_message(&HELLO.into());
            }
            // The channel stays open as long as the window.
            std::mem::forget(listening);
        });
    }
    let lang = shown
        .as_ref()
        .and_then(|v| v["lang"].as_str())
        .map_or(Lang::En, Lang::from_tag);
    let text = |key: &str| {
        shown
            .as_ref()
            .and_then(|v| v[key].as_str())
            .unwrap_or("")
            .to_string()
    };
    let Some(message) = shown.as_ref().filter(|v| v["title"].is_string()) else {
        return html! {
            <main class="speaker-notes" data-ready="true">
                <p role="status" data-testid="notes-waiting">{ T::NotesWaiting.get(lang) }</p>
            </main>
        };
    };
    let step = message["step"].as_u64();
    let hints: Vec<String> = message["hints"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let shown_hints = message["hintsShown"].as_u64().unwrap_or(0) as usize;
    let position = match step {
        Some(n) => T::LessonStepOf
            .get(lang)
            .replace("{n}", &n.to_string())
            .replace(
                "{total}",
                &message["total"].as_u64().unwrap_or(0).to_string(),
            ),
        None => T::LessonIntro.get(lang).to_string(),
    };
    html! {
        <main class="speaker-notes" data-ready="true" lang={lang.code()} data-testid="speaker-notes">
            <p class="notes-lesson">{ text("title") }</p>
            <h1 data-testid="notes-step">{ position }{ " · " }{ text("stepTitle") }</h1>
            if !text("notes").is_empty() {
                <section aria-labelledby="notes-heading">
                    <h2 id="notes-heading">{ T::LessonNotes.get(lang) }</h2>
                    <p class="notes-text" data-testid="notes-text">{ text("notes") }</p>
                </section>
            }
            <p>{ text("text") }</p>
            if !hints.is_empty() {
                <section aria-labelledby="notes-hints">
                    <h2 id="notes-hints">{ T::LessonHint.get(lang) }</h2>
                    <ol>
                        { for hints.iter().enumerate().map(|(i, h)| html! {
                            <li class={classes!((i < shown_hints).then_some("shown"))}>{ h.clone() }</li>
                        }) }
                    </ol>
                </section>
            }
            if !text("explain").is_empty() {
                <section aria-labelledby="notes-why">
                    <h2 id="notes-why">{ T::LessonWhy.get(lang) }</h2>
                    <p>{ text("explain") }</p>
                </section>
            }
        </main>
    }
}
