//! Fetching lesson files and asking the tools worker about them: open a lesson, write its panel
//! after every change (the goals checked against the diagram and its run), a step's solution,
//! the lesson list and the room link.

use super::{gallery_file, Open, Outline, Progress};
use crate::i18n::T;
use crate::state::{Action, LessonAction, Store};
use crate::{gallery, platform, tools};
use engine::Scenario;
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;

/// Says why a lesson request failed, where notices are shown.
fn failed(store: &Store, why: &str) {
    let message = T::LessonLoadError.get(store.lang).replace("{why}", why);
    store.dispatch(Action::LinkError(Some(message)));
}

fn scenario(reply: &Value, key: &str) -> Option<Scenario> {
    Scenario::from_json(reply[key].as_str()?).ok()
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
        let saved = platform::lesson_progress(&id);
        let saved_step = saved
            .as_ref()
            .and_then(|p| p["step"].as_u64())
            .map(|s| s as usize);
        let wanted = step.or(saved_step);
        let request = json!({
            "op": "lessonOpen",
            "lesson": source,
            "gallery": gallery_file(&source).and_then(|file| gallery::text_of(&file)),
            "step": wanted.unwrap_or(0),
        });
        let source: Rc<str> = Rc::from(source);
        tools::request(request, move |reply| {
            if let Some(error) = reply["error"].as_str() {
                return failed(&store, error);
            }
            let outline = Outline::from_json(&reply["outline"]);
            let (Some(start), Some(step_start)) =
                (scenario(&reply, "start"), scenario(&reply, "stepStart"))
            else {
                return failed(&store, "no start diagram");
            };
            let mut progress = saved
                .and_then(|p| Progress::from_json(&p, &outline.hash))
                .unwrap_or_default();
            progress.hash.clone_from(&outline.hash);
            // A link to a step (a trainer's room link) counts the steps before it as done.
            if let Some(step) = step {
                for before in outline.steps.iter().take(step) {
                    progress.mark_passed(before.id.clone());
                }
            }
            let shown = match wanted {
                Some(i) => Some(i.min(outline.steps.len().saturating_sub(1))),
                None if outline.intro => None,
                None => Some(0),
            };
            let open = Open {
                source,
                outline: Rc::new(outline),
                step: shown,
                hints: 0,
                progress,
                start: Rc::new(start),
                step_start: Rc::new(step_start),
                confirming: false,
                folded: false,
                html: Rc::from(""),
            };
            store.dispatch(Action::Lesson(LessonAction::Opened(
                Box::new(open),
                replace,
            )));
        });
    });
}

/// Applies the current step's solution (one undoable change).
pub fn solve(store: Store) {
    let Some(open) = store.lesson.as_ref() else {
        return;
    };
    let Some(step) = open.step else {
        return;
    };
    let request = json!({
        "op": "lessonSolve",
        "lesson": &*open.source,
        "scenario": store.scenario.to_json_pretty(),
        "step": step,
    });
    tools::request(request, move |reply| match scenario(&reply, "scenario") {
        Some(solved) => store.dispatch(Action::Lesson(LessonAction::Solved(Box::new(solved)))),
        None => failed(&store, reply["error"].as_str().unwrap_or("no solution")),
    });
}

/// The lesson list as markup, each lesson with the progress kept for it, or why it could not
/// be read.
pub fn list(lang: crate::i18n::Lang, done: impl FnOnce(Result<String, String>) + 'static) {
    platform::fetch_text("lessons/index.json", move |index| {
        let index = match index {
            Ok(index) => index,
            Err(why) => return done(Err(why)),
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
        let waiting = Rc::new(std::cell::Cell::new(ids.len()));
        let done = Rc::new(std::cell::RefCell::new(Some(done)));
        let ask = {
            let (files, index) = (Rc::clone(&files), index.clone());
            move |ids: &[String]| {
                let progress: serde_json::Map<String, Value> = ids
                    .iter()
                    .filter_map(|id| Some((id.clone(), platform::lesson_progress(id)?)))
                    .collect();
                let request = json!({
                    "op": "lessonList",
                    "index": index,
                    "files": Value::Object(files.borrow().clone()),
                    "progress": progress,
                    "lang": lang.code(),
                });
                let done = Rc::clone(&done);
                tools::request(request, move |reply| {
                    if let Some(done) = done.borrow_mut().take() {
                        done(reply["html"].as_str().map(str::to_string).ok_or_else(|| {
                            reply["error"].as_str().unwrap_or("no list").to_string()
                        }));
                    }
                });
            }
        };
        if ids.is_empty() {
            return ask(&ids);
        }
        let ask = Rc::new(ask);
        for id in ids.clone() {
            let (files, waiting, ask, ids) = (
                Rc::clone(&files),
                Rc::clone(&waiting),
                Rc::clone(&ask),
                ids.clone(),
            );
            platform::fetch_text(&format!("lessons/{id}.json"), move |text| {
                if let Ok(text) = text {
                    files.borrow_mut().insert(id, Value::from(text));
                }
                waiting.set(waiting.get() - 1);
                if waiting.get() == 0 {
                    ask(&ids);
                }
            });
        }
    });
}

/// What the author's recording becomes: the lesson file's text and what `lesson check` would
/// say about it, or why it cannot be a lesson (in the page's language). `form` holds the
/// author's `lessonId`, `title` and `summary` (each `{"en", "ko"}`).
pub fn record(
    store: &Store,
    form: Value,
    done: impl FnOnce(Result<(String, Vec<String>), String>) + 'static,
) {
    let Some(recording) = store.recording.as_ref() else {
        return;
    };
    let mut request = form;
    request["op"] = json!("lessonRecord");
    request["lang"] = json!(store.lang.code());
    request["start"] = json!(recording.start.to_json_pretty());
    request["steps"] = recording
        .steps
        .iter()
        .map(|s| json!(s.to_json_pretty()))
        .collect();
    tools::request(request, move |reply| {
        done(match reply["file"].as_str() {
            Some(file) => Ok((file.to_string(), super::strings(&reply["problems"]))),
            None => Err(reply["error"].as_str().unwrap_or_default().to_string()),
        })
    });
}

/// The room link's explanation, QR code and address as markup.
pub fn room_link(link: &str, lang: crate::i18n::Lang, done: impl FnOnce(String) + 'static) {
    let request = json!({ "op": "roomLink", "link": link, "lang": lang.code() });
    tools::request(request, move |reply| {
        done(reply["html"].as_str().unwrap_or_default().to_string())
    });
}

/// The lesson's effects: a deep link or the lesson left open at the last visit opens at start;
/// after every change of the diagram, the step or the language the worker writes the panel
/// again (the latest answer wins); progress is kept (and posted to the host page of an embed).
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
    let latest = use_mut_ref(|| 0u64);
    let asked = store.lesson.as_ref().map(|open| {
        (
            Rc::clone(&open.source),
            open.outline.id.clone(),
            open.progress.to_json(),
            open.ui(store.presenting).to_string(),
        )
    });
    let store = store.clone();
    let watched = (
        Rc::as_ptr(&store.sim) as usize,
        store.lang,
        asked.as_ref().map(|(_, _, _, ui)| ui.clone()),
    );
    use_effect_with(watched, move |_| {
        let Some((source, id, progress, ui)) = asked else {
            platform::close_lesson();
            return;
        };
        // What the learner has done is kept (and an embed's host page told) before the panel
        // is written again.
        platform::save_lesson_progress(&id, &progress);
        platform::post_lesson_progress(&id, &progress);
        let ticket = {
            let mut latest = latest.borrow_mut();
            *latest += 1;
            *latest
        };
        let lang = store.lang;
        let request = json!({
            "op": "lessonRender",
            "lesson": &*source,
            "scenario": store.scenario.to_json_pretty(),
            "lang": lang.code(),
            "ui": serde_json::from_str::<Value>(&ui).unwrap_or_default(),
        });
        tools::request(request, move |reply| {
            if *latest.borrow() != ticket {
                return;
            }
            let (Some(html), Some(notes)) = (reply["html"].as_str(), reply["notes"].as_str())
            else {
                return failed(&store, reply["error"].as_str().unwrap_or("no panel"));
            };
            super::present::publish(json!({ "lang": lang.code(), "notes": notes }).to_string());
            let passed = reply["passed"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            store.dispatch(Action::Lesson(LessonAction::Rendered {
                html: Rc::from(html),
                passed,
            }));
        });
    });
}
