//! The lesson list: every lesson of `lessons/index.json` with its length and the learner's
//! progress, fetched when the dialog opens.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::lesson::{self, Entry, Progress};
use crate::platform;
use crate::state::Store;
use std::collections::HashMap;
use yew::prelude::*;

/// What the list knows of a lesson's file: its hash and how many steps it has.
type Files = HashMap<String, (String, usize)>;

/// The lesson list dialog.
#[component]
pub fn LessonsDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let entries = use_state(|| None::<Result<Vec<Entry>, String>>);
    let files = use_state(Files::new);
    use_modal(&dialog, true);
    {
        let (entries, files) = (entries.clone(), files.clone());
        use_effect_with((), move |_| {
            platform::fetch_text("lessons/index.json", move |result| {
                let list = result.and_then(|text| {
                    serde_json::from_str(&text)
                        .map(|index| lesson::entries(&index))
                        .map_err(|e| e.to_string())
                });
                // Each file tells whether the progress kept is for this version of it.
                if let Ok(list) = &list {
                    for entry in list {
                        let (files, id) = (files.clone(), entry.id.clone());
                        platform::fetch_text(&format!("lessons/{id}.json"), move |text| {
                            if let Ok(text) = text {
                                let steps = serde_json::from_str::<serde_json::Value>(&text)
                                    .ok()
                                    .and_then(|v| v["steps"].as_array().map(Vec::len))
                                    .unwrap_or(0);
                                let hash = engine::lesson::content_hash(&text);
                                let mut known = (*files).clone();
                                known.insert(id, (hash, steps));
                                files.set(known);
                            }
                        });
                    }
                }
                entries.set(Some(list));
            });
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let close = props.on_close.reform(|_: MouseEvent| ());
    let rows = match &*entries {
        None => html! { <p role="status">{ T::LessonLoading.get(lang) }</p> },
        Some(Err(why)) => html! {
            <p role="alert">{ T::LessonLoadError.get(lang).replace("{why}", why) }</p>
        },
        Some(Ok(list)) => html! {
            <ul class="lesson-list" data-testid="lesson-list">
                { for list.iter().map(|entry| {
                    let onclick = {
                        let (store, id, on_close) = (store.clone(), entry.id.clone(), props.on_close.clone());
                        Callback::from(move |_| {
                            lesson::open(store.clone(), id.clone(), None, true);
                            on_close.emit(());
                        })
                    };
                    let title = if lang == crate::i18n::Lang::Ko { &entry.title.1 } else { &entry.title.0 };
                    let done = files.get(&entry.id).and_then(|(hash, steps)| {
                        let kept = platform::lesson_progress(&entry.id)?;
                        let progress = Progress::from_json(&kept, hash)?;
                        Some((progress.passed.len().min(*steps), *steps))
                    });
                    let status = match done {
                        Some((done, total)) if done == total && total > 0 => T::LessonComplete.get(lang).to_string(),
                        Some((done, total)) if done > 0 => T::LessonStepsDone
                            .get(lang)
                            .replace("{done}", &done.to_string())
                            .replace("{total}", &total.to_string()),
                        _ => String::new(),
                    };
                    html! {
                        <li>
                            <button type="button" {onclick} data-testid={format!("lesson-{}", entry.id)}>
                                <span class="lesson-name">{ title.clone() }</span>
                                <span class="lesson-meta">
                                    { T::LessonMinutes.get(lang).replace("{n}", &entry.minutes.to_string()) }
                                    if !status.is_empty() {
                                        { " · " }{ status }
                                    }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <dialog ref={dialog} class="dialog lessons-dialog" aria-labelledby="lessons-title" data-testid="lessons-dialog"
            onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)}>
            <h2 id="lessons-title">{ T::LessonList.get(lang) }</h2>
            { rows }
            <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
