//! The tools worker's lesson requests. The lesson reader, the goal checks, the open lesson's
//! state and the lesson views (written as markup, `lesson_page.rs`) live here, in the module
//! loaded on demand, so lessons add almost nothing to the playground's first download.
//!
//! - `{"op": "lesson", "do", "value", "scenario", "lang", "presenting", "base"}`: what the
//!   learner or author pressed (`do`: `open` with `lesson` (an id), `step`, `saved` and
//!   `replace`; `render` after any change of the diagram; `go`, `next`, `previous`, `hint`,
//!   `confirm`, `cancel`, `apply`, `reset-step`, `reset-lesson`, `demonstrate`, `fold`, `leave`,
//!   `room-link`; `record`, `record-step`, `record-stop`, `record-discard`, `record-keep`,
//!   `record-save` with `form`), with the diagram as it is. It answers `{"panel", "notes",
//!   "locked", "tools", "progress": {"id", "value"}}` (`panel` is null when neither a lesson nor
//!   a recording is open) with every step checked against the diagram and its complete run, and
//!   what the page does besides: `replace` (a diagram to put on the canvas as one undoable
//!   change), `pause` (play the intro's demonstration to `{"kind"}` or `{"atMs"}`), `download`
//!   (`{"name", "text"}`) and `dialog` (`{"id", "html"}`); or `{"error"}`. The state lives in
//!   [`lesson_session::Session`] between requests;
//! - `{"op": "lessonList", "progress", "said", "lang"}` answers `{"html"}`: the lesson list
//!   dialog, each lesson with the steps done by the progress kept for its current version, and
//!   `said` (how opening a progress file went: `{"restored": n}` or `{"why"}`).
//!
//! The worker fetches the lesson files itself ([`fetch_files`]): `lessons/index.json`, each
//! `lessons/<id>.json`, and the gallery file a lesson starts from.

#[path = "lesson_page.rs"]
mod lesson_page;
#[path = "lesson_session.rs"]
mod lesson_session;
#[path = "../../text_table.rs"]
#[macro_use]
mod text_table;
#[path = "lesson_texts.rs"]
mod lesson_texts;
#[path = "../../markup.rs"]
#[allow(dead_code)]
mod markup;

use engine::lang::Lang;
use engine::lesson::content_hash;
use lesson_page::Listed;
use lesson_texts::L;
use serde_json::{json, Value};
use std::fmt::Write;

thread_local! {
    /// The open lesson and the recording, between requests.
    static SESSION: std::cell::RefCell<lesson_session::Session> = std::cell::RefCell::default();
}

/// Answers a lesson request.
pub fn answer(op: &str, request: &Value, lang: Lang) -> Value {
    if let Some(error) = request["error"].as_str() {
        return json!({ "error": error });
    }
    match op {
        "lesson" => SESSION.with(|session| session.borrow_mut().answer(request, lang)),
        "lessonList" => list(request, lang),
        _ => json!({ "error": "unknown request" }),
    }
}

/// Fetches `url` (relative to the worker) and calls back with its text, or why not.
pub type Fetch = std::rc::Rc<dyn Fn(&str, Box<dyn FnOnce(Result<String, String>)>)>;

/// What a request answers from.
pub type Then = Box<dyn FnOnce(Value)>;

/// Whether `id` can name a lesson file: lower-case letters, digits and hyphens.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Adds to `request` the files it needs before it is answered, then calls `then` with it: an
/// opened lesson's file (`lesson`, its text) and its gallery start (`gallery`); for the list,
/// `index` and every lesson's text in `files`. A file that cannot be fetched becomes `error`.
pub fn fetch_files(mut request: Value, fetch: Fetch, then: Then) {
    let opening = request["op"] == "lesson" && request["do"] == "open";
    if opening {
        let id = request["lesson"].as_str().unwrap_or_default().to_string();
        if !is_id(&id) {
            request["error"] = json!(format!("`{id}` is not a lesson id"));
            return then(request);
        }
        let again = fetch.clone();
        return fetch(
            &format!("lessons/{id}.json"),
            Box::new(move |text| {
                let text = match text {
                    Ok(text) => text,
                    Err(why) => {
                        request["error"] = json!(why);
                        return then(request);
                    }
                };
                let gallery = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["start"]["gallery"].as_str().map(str::to_string));
                request["lesson"] = json!(text);
                match gallery {
                    Some(file) => again(
                        &format!("gallery/{file}"),
                        Box::new(move |text| {
                            request["gallery"] = json!(text.ok());
                            then(request)
                        }),
                    ),
                    None => then(request),
                }
            }),
        );
    }
    if request["op"] != "lessonList" {
        return then(request);
    }
    let again = fetch.clone();
    fetch(
        "lessons/index.json",
        Box::new(move |index| {
            let index = match index {
                Ok(index) => index,
                Err(why) => {
                    request["error"] = json!(why);
                    return then(request);
                }
            };
            let ids: Vec<String> = serde_json::from_str::<Value>(&index)
                .ok()
                .and_then(|v| {
                    v.as_array().map(|entries| {
                        entries
                            .iter()
                            .filter_map(|e| e["id"].as_str().filter(|id| is_id(id)))
                            .map(str::to_string)
                            .collect()
                    })
                })
                .unwrap_or_default();
            request["index"] = json!(index);
            request["files"] = json!({});
            fetch_each(ids, request, again, then);
        }),
    );
}

/// Fetches each lesson of `ids` into `request["files"]`, one after another, then calls `then`.
fn fetch_each(mut ids: Vec<String>, mut request: Value, fetch: Fetch, then: Then) {
    let Some(id) = ids.pop() else {
        return then(request);
    };
    let again = fetch.clone();
    fetch(
        &format!("lessons/{id}.json"),
        Box::new(move |text| {
            if let Ok(text) = text {
                request["files"][id.as_str()] = json!(text);
            }
            fetch_each(ids, request, again, then);
        }),
    );
}

/// The lesson list: `index` is `lessons/index.json`; `files` holds each lesson's text by id and
/// `progress` what the page keeps for it (its hash tells whether it is for this version).
fn list(request: &Value, lang: Lang) -> Value {
    let index: Value =
        serde_json::from_str(request["index"].as_str().unwrap_or("")).unwrap_or_default();
    let entries = index.as_array().cloned().unwrap_or_default();
    let listed: Vec<Listed> = entries
        .iter()
        .filter_map(|entry| {
            let id = entry["id"].as_str()?;
            let text = request["files"][id].as_str();
            let kept = &request["progress"][id];
            let steps_done = text.and_then(|text| {
                let steps = serde_json::from_str::<Value>(text).ok()?["steps"]
                    .as_array()?
                    .len();
                let fresh = kept["hash"].as_str() == Some(content_hash(text).as_str());
                let done = kept["passed"]
                    .as_array()
                    .filter(|_| fresh)
                    .map_or(0, Vec::len);
                Some((done.min(steps), steps))
            });
            Some(Listed {
                id,
                title: entry["title"][lang.code()].as_str()?,
                minutes: entry["minutes"].as_u64().unwrap_or(0),
                steps_done,
            })
        })
        .collect();
    let said = &request["said"];
    let said = match (said["restored"].as_u64(), said["why"].as_str()) {
        (Some(n), _) => L::ProgressRestored.get(lang).replace("{n}", &n.to_string()),
        (None, Some(why)) => L::ProgressNotRestored.get(lang).replace("{why}", why),
        (None, None) => String::new(),
    };
    let mut body = lesson_page::list(&listed, lang);
    if !said.is_empty() {
        let _ = write!(
            body,
            r#"<p role="status" data-testid="progress-message">{}</p>"#,
            markup::Escaped(&said)
        );
    }
    json!({ "html": lesson_page::dialog(L::ListTitle, &body, lang) })
}
