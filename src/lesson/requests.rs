//! Fetching lesson files and asking the tools worker about them: open a lesson, its texts in
//! another language, the checklists after every change, a step's solution.

use super::{checks, gallery_file, Open, Progress, View};
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
        let gallery: Option<Rc<str>> = gallery_file(&source)
            .and_then(|file| gallery::text_of(&file))
            .map(Rc::from);
        let wanted = step.or(saved_step);
        let request = json!({
            "op": "lessonOpen",
            "lesson": source,
            "gallery": gallery.as_deref(),
            "lang": store.lang.code(),
            "step": wanted.unwrap_or(0),
        });
        let source: Rc<str> = Rc::from(source);
        tools::request(request, move |reply| {
            if let Some(error) = reply["error"].as_str() {
                return failed(&store, error);
            }
            let view = View::from_json(&reply["view"]);
            let (Some(start), Some(step_start)) =
                (scenario(&reply, "start"), scenario(&reply, "stepStart"))
            else {
                return failed(&store, "no start diagram");
            };
            let mut progress = saved
                .and_then(|p| Progress::from_json(&p, &view.hash))
                .unwrap_or_default();
            progress.hash.clone_from(&view.hash);
            // A link to a step (a trainer's room link) counts the steps before it as done.
            if let Some(step) = step {
                for before in view.steps.iter().take(step) {
                    progress.passed.insert(before.id.clone());
                }
            }
            let shown = match wanted {
                Some(i) => Some(i.min(view.steps.len().saturating_sub(1))),
                None if view.intro.is_some() => None,
                None => Some(0),
            };
            let open = Open {
                source,
                gallery,
                view: Rc::new(view),
                step: shown,
                hints: 0,
                checks: Rc::new(Vec::new()),
                progress,
                start: Rc::new(start),
                step_start: Rc::new(step_start),
                confirming: false,
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

/// The lesson's effects: a deep link or the lesson left open at the last visit opens at start;
/// every change of the diagram is checked (the latest answer wins); another language fetches
/// the texts again; progress is kept (and posted to the host page of an embed).
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
    let source = store.lesson.as_ref().map(|open| Rc::clone(&open.source));
    {
        let store = store.clone();
        let watched = (
            Rc::as_ptr(&store.sim) as usize,
            store.lang,
            source.as_ref().map(|s| Rc::as_ptr(s) as *const u8 as usize),
        );
        use_effect_with(watched, move |_| {
            if let Some(source) = source {
                let ticket = {
                    let mut latest = latest.borrow_mut();
                    *latest += 1;
                    *latest
                };
                let request = json!({
                    "op": "lessonCheck",
                    "lesson": &*source,
                    "scenario": store.scenario.to_json_pretty(),
                    "lang": store.lang.code(),
                });
                tools::request(request, move |reply| {
                    if *latest.borrow() == ticket && reply.get("steps").is_some() {
                        let checks = Rc::new(checks(&reply));
                        store.dispatch(Action::Lesson(LessonAction::Checked(checks)));
                    }
                });
            }
        });
    }
    {
        let store = store.clone();
        use_effect_with(store.lang, move |&lang| {
            if let Some(open) = store.lesson.as_ref() {
                if open.view.steps.is_empty() {
                    return;
                }
                let request =
                    json!({ "op": "lessonView", "lesson": &*open.source, "lang": lang.code() });
                let locked = open.view.locked.clone();
                tools::request(request, move |reply| {
                    let mut view = View::from_json(&reply["view"]);
                    view.locked = locked;
                    store.dispatch(Action::Lesson(LessonAction::Texts(Rc::new(view))));
                });
            }
        });
    }
    let progress = store
        .lesson
        .as_ref()
        .map(|open| (open.view.id.clone(), open.progress.clone()));
    use_effect_with(progress, move |progress| match progress {
        Some((id, progress)) => {
            let value = progress.to_json();
            platform::save_lesson_progress(id, &value);
            platform::post_lesson_progress(id, &value);
        }
        None => platform::close_lesson(),
    });
}
