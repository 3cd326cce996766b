//! Fetching lesson files and telling the tools worker what the learner pressed, with the
//! diagram as it is; each answer is applied here (`Action::LessonAnswered` and its effects).

use super::host;
use crate::i18n::T;
use crate::state::{Action, Answer, Lessons, Pause, Store};
use crate::{markup, platform, tools};
use engine::Scenario;
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;

/// Says why a lesson request failed, where notices are shown.
fn failed(store: &Store, why: &str) {
    let message = T::LessonLoadError.get(store.lang).replace("{why}", why);
    store.dispatch(Action::LinkError(Some(message)));
}

/// Tells the worker what was pressed (`action`, with `value`, and the request's other fields in
/// `more`), with the diagram as it is, and applies its answer.
pub fn press(store: &Store, action: &str, value: &str, more: Value) {
    let mut request = more;
    request["op"] = json!("lesson");
    request["do"] = json!(action);
    request["value"] = json!(value);
    request["scenario"] = json!(store.scenario.to_json_pretty());
    request["lang"] = json!(store.lang.code());
    request["presenting"] = json!(store.presenting);
    request["base"] = json!(platform::page_base());
    let store = store.clone();
    tools::request(request, move |reply| answered(&store, &reply));
}

/// Applies the worker's answer: what the learner has done is kept (and an embed's host page
/// told), a file saved, and the views and diagram put in place. The worker tells the speaker
/// notes window itself.
fn answered(store: &Store, reply: &Value) {
    if let Some(error) = reply["error"].as_str() {
        return failed(store, error);
    }
    let progress = &reply["progress"];
    let open = progress["id"].as_str();
    match open {
        Some(id) => {
            platform::save_lesson_progress(id, &progress["value"]);
            platform::post_lesson_progress(id, &progress["value"]);
        }
        None => platform::close_lesson(),
    }
    let download = &reply["download"];
    if let (Some(name), Some(text)) = (download["name"].as_str(), download["text"].as_str()) {
        platform::download_json(name, text);
    }
    let panel = reply["panel"].as_str();
    host::show_panel(panel);
    let dialog = &reply["dialog"];
    if let (Some(id), Some(html)) = (dialog["id"].as_str(), dialog["html"].as_str()) {
        host::show_dialog(id, html);
    }
    let pause = &reply["pause"];
    let answer = Answer {
        views: Lessons {
            open: open.is_some(),
            panel: panel.is_some(),
            locked: tools::strings(reply, "locked").into(),
            tools: tools::strings(reply, "tools").into(),
        },
        replace: reply["replace"]
            .as_str()
            .and_then(|text| Scenario::from_json(text).ok())
            .map(Box::new),
        pause: pause
            .is_object()
            .then(|| match (pause["kind"].as_str(), pause["atMs"].as_u64()) {
                (Some(kind), _) => Pause::OnKind(kind.to_string()),
                (None, Some(ms)) => Pause::AtMs(ms),
                (None, None) => Pause::End,
            }),
    };
    store.dispatch(Action::LessonAnswered(Box::new(answer)));
}

/// Opens lesson `id` (the worker fetches it): at `step` (0-based; else where the learner left
/// it, else the intro) with the diagram as that step begins when `replace`, else over the
/// learner's own diagram (a lesson restored after a reload).
pub fn open(store: &Store, id: String, step: Option<usize>, replace: bool) {
    let more = json!({
        "lesson": id,
        "step": step,
        "saved": platform::lesson_progress(&id),
        "replace": replace,
    });
    press(store, "open", "", more);
}

/// Opens the lesson list (the worker fetches the lessons): every lesson with the progress kept
/// for it, and `said` (how opening a progress file went: `{"restored": n}` or `{"why"}`).
pub fn list(store: &Store, said: Value) {
    let lang = store.lang;
    let loading = format!(
        r#"<h2 id="lesson-dialog-title">{}</h2><p role="status">{}</p><button type="button" class="dialog-close" data-action="close-dialog" data-testid="dialog-close">{}</button>"#,
        markup::escape(T::Lessons.get(lang)),
        markup::escape(T::LessonLoading.get(lang)),
        markup::escape(T::Close.get(lang)),
    );
    host::show_dialog("lessons-dialog", &loading);
    let request = json!({
        "op": "lessonList",
        "progress": platform::all_lesson_progress()["lessons"],
        "said": said,
        "lang": lang.code(),
    });
    let store = store.clone();
    tools::request(request, move |reply| match reply["html"].as_str() {
        Some(html) => host::show_dialog("lessons-dialog", html),
        None => {
            host::close_dialog();
            failed(&store, reply["error"].as_str().unwrap_or("no list"));
        }
    });
}

/// The lesson's effects: the holder answers its buttons, and a deep link, or the lesson left
/// open at the last visit, opens at start; while a lesson or a recording is open, every change
/// of the diagram, the language or the presenter's layout asks the worker to write its panel
/// again.
#[hook]
pub fn use_lesson(store: &Store, deep_link: Option<(String, Option<usize>)>) {
    host::remember(store);
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            host::listen_to_panel();
            match deep_link {
                Some((id, step)) => open(&store, id, step, true),
                None if store.embed.is_none() => {
                    if let Some(id) = platform::open_lesson() {
                        open(&store, id, None, false);
                    }
                }
                None => {}
            }
        });
    }
    let watched = store.lessons.panel.then(|| {
        (
            Rc::as_ptr(&store.sim) as usize,
            store.lang,
            store.presenting,
        )
    });
    let store = store.clone();
    use_effect_with(watched, move |watched| {
        if watched.is_some() {
            press(&store, "render", "", json!({}));
        }
    });
}
