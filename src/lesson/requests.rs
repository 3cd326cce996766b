//! Fetching lesson files and telling the tools worker what the learner pressed, with the
//! diagram as it is; each answer is applied here (`Action::LessonAnswered` and its effects).

use crate::i18n::T;
use crate::state::{Action, Answer, Dialog, Lessons, Pause, Store};
use crate::{gallery, markup, platform, tools};
use engine::Scenario;
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;

/// Says why a lesson request failed, where notices are shown.
fn failed(store: &Store, why: &str) {
    let message = T::LessonLoadError.get(store.lang).replace("{why}", why);
    store.dispatch(Action::LinkError(Some(message)));
}

fn strings(value: &Value) -> Rc<[String]> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
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

/// Applies the worker's answer: what the learner has done is kept (and an embed's host page and
/// the notes window told), a file saved, and the views and diagram put in place.
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
    if let Some(notes) = reply["notes"].as_str() {
        let lang = store.lang.code();
        super::present::publish(json!({ "lang": lang, "notes": notes }).to_string());
    }
    let download = &reply["download"];
    if let (Some(name), Some(text)) = (download["name"].as_str(), download["text"].as_str()) {
        platform::download_json(name, text);
    }
    let dialog = &reply["dialog"];
    let pause = &reply["pause"];
    let answer = Answer {
        views: Lessons {
            open: open.map(Rc::from),
            panel: reply["panel"].as_str().map(Rc::from),
            dialog: dialog["html"].as_str().map(|html| Dialog {
                id: Rc::from(dialog["id"].as_str().unwrap_or_default()),
                html: Rc::from(html),
            }),
            locked: strings(&reply["locked"]),
            tools: strings(&reply["tools"]),
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

/// Opens lesson `id`: at `step` (0-based; else where the learner left it, else the intro) with
/// the diagram as that step begins when `replace`, else over the learner's own diagram (a
/// lesson restored after a reload).
pub fn open(store: Store, id: String, step: Option<usize>, replace: bool) {
    platform::fetch_text(&format!("lessons/{id}.json"), move |result| {
        let source = match result {
            Ok(source) => source,
            Err(why) => return failed(&store, &why),
        };
        let more = json!({
            "gallery": super::gallery_file(&source).and_then(|file| gallery::text_of(&file)),
            "lesson": source,
            "step": step,
            "saved": platform::lesson_progress(&id),
            "replace": replace,
        });
        press(&store, "open", "", more);
    });
}

/// Shows a lesson dialog whose body is `body` (already markup), titled `title`.
fn show_dialog(store: &Store, id: &str, title: T, body: &str) {
    let lang = store.lang;
    let html = format!(
        r#"<h2 id="lesson-dialog-title">{}</h2>{body}<button type="button" class="dialog-close" data-action="close-dialog" data-testid="dialog-close">{}</button>"#,
        markup::escape(title.get(lang)),
        markup::escape(T::Close.get(lang)),
    );
    store.dispatch(Action::LessonDialog(Some(Dialog {
        id: Rc::from(id),
        html: Rc::from(html),
    })));
}

/// Opens the lesson list: every lesson with the progress kept for it, and `said` (how opening a
/// progress file went: `{"restored": n}` or `{"why"}`).
pub fn list(store: Store, said: Value) {
    let loading = format!(
        r#"<p role="status">{}</p>"#,
        markup::escape(T::LessonLoading.get(store.lang))
    );
    show_dialog(&store, "lessons-dialog", T::Lessons, &loading);
    platform::fetch_text("lessons/index.json", move |index| {
        let index = match index {
            Ok(index) => index,
            Err(why) => {
                let why = T::LessonLoadError.get(store.lang).replace("{why}", &why);
                let body = format!(r#"<p role="alert">{}</p>"#, markup::escape(&why));
                return show_dialog(&store, "lessons-dialog", T::Lessons, &body);
            }
        };
        let ids: Vec<String> = serde_json::from_str::<Value>(&index)
            .ok()
            .and_then(|v| {
                v.as_array().map(|a| {
                    a.iter()
                        .filter_map(|e| e["id"].as_str().map(str::to_string))
                        .collect()
                })
            })
            .unwrap_or_default();
        // Each file tells whether the progress kept is for its current version.
        let files = Rc::new(std::cell::RefCell::new(serde_json::Map::new()));
        let waiting = Rc::new(std::cell::Cell::new(ids.len() + 1));
        let (listed, fetched) = (ids.clone(), Rc::clone(&files));
        let ask = Rc::new(move || {
            let progress: serde_json::Map<String, Value> = listed
                .iter()
                .filter_map(|id| Some((id.clone(), platform::lesson_progress(id)?)))
                .collect();
            let request = json!({
                "op": "lessonList",
                "index": index,
                "files": Value::Object(fetched.borrow().clone()),
                "progress": progress,
                "said": said,
                "lang": store.lang.code(),
            });
            let store = store.clone();
            tools::request(request, move |reply| match reply["html"].as_str() {
                Some(html) => store.dispatch(Action::LessonDialog(Some(Dialog {
                    id: Rc::from("lessons-dialog"),
                    html: Rc::from(html),
                }))),
                None => failed(&store, reply["error"].as_str().unwrap_or("no list")),
            });
        });
        let arrived = {
            let (waiting, ask) = (Rc::clone(&waiting), Rc::clone(&ask));
            move || {
                waiting.set(waiting.get() - 1);
                if waiting.get() == 0 {
                    ask();
                }
            }
        };
        for id in ids {
            let (files, arrived) = (Rc::clone(&files), arrived.clone());
            platform::fetch_text(&format!("lessons/{id}.json"), move |text| {
                if let Ok(text) = text {
                    files.borrow_mut().insert(id, Value::from(text));
                }
                arrived();
            });
        }
        arrived();
    });
}

/// The lesson's effects: a deep link, or the lesson left open at the last visit, opens at start;
/// while a lesson or a recording is open, every change of the diagram, the language or the
/// presenter's layout asks the worker to write its panel again.
#[hook]
pub fn use_lesson(store: &Store, deep_link: Option<(String, Option<usize>)>) {
    {
        let store = store.clone();
        use_effect_with((), move |_| match deep_link {
            Some((id, step)) => open(store, id, step, true),
            None if store.embed.is_none() => {
                if let Some(id) = platform::open_lesson() {
                    open(store, id, None, false);
                }
            }
            None => {}
        });
    }
    let watched = store.lessons.panel.is_some().then(|| {
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
