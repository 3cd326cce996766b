//! The tools worker's lesson requests. The lesson reader, the goal checks and the lesson views
//! (written as markup, `lesson_page.rs`) live here, in the module loaded on demand, so lessons
//! add almost nothing to the playground's first download.
//!
//! - `{"op": "lessonOpen", "lesson", "gallery", "step"}` answers `{"outline", "start",
//!   "stepStart"}`: what the page's reducer needs of the lesson (step ids and gates, the intro's
//!   pause, locks, the next lesson), its start diagram, and that diagram with the solutions of
//!   the steps before `step` applied (a deep link to step 3 opens the diagram as step 3 begins);
//! - `{"op": "lessonRender", "lesson", "scenario", "lang", "ui"}` answers `{"html", "notes",
//!   "passed"}`: the panel and the speaker notes as markup, with every step checked against the
//!   diagram and its complete run (`passed`: the ids of the steps that pass);
//! - `{"op": "lessonSolve", "lesson", "scenario", "step"}` answers `{"scenario"}`: the diagram
//!   with the step's solution applied, or `{"error"}` when it cannot be applied;
//! - `{"op": "lessonList", "index", "files", "progress", "lang"}` answers `{"html"}`: the lesson
//!   list, each lesson with the steps done by the progress kept for its current version;
//! - `{"op": "roomLink", "link", "lang"}` answers `{"html"}`: the room link with its QR code;
//! - `{"op": "lessonRecord", "lessonId", "title", "summary", "start", "steps", "lang"}` answers
//!   `{"file", "problems"}`: the lesson recorded from the start diagram and the diagram at the
//!   end of each step (scenario texts), as a lesson file, with what `destinations lesson check`
//!   would say about it; or `{"error"}` in `lang` when it cannot be a lesson.

#[path = "lesson_page.rs"]
mod lesson_page;
#[path = "../../text_table.rs"]
#[macro_use]
mod text_table;
#[path = "lesson_texts.rs"]
mod lesson_texts;
#[path = "../../markup.rs"]
#[allow(dead_code)]
mod markup;

use engine::lang::Lang;
use engine::lesson::{content_hash, Lesson, Pause, Recording, Tr};
use engine::{Scenario, Topology};
use lesson_page::{Listed, Ui};
use serde_json::{json, Value};

/// Answers a lesson request.
pub fn answer(op: &str, request: &Value, lang: Lang) -> Value {
    match op {
        "lessonList" => return list(request, lang),
        "roomLink" => return room(request, lang),
        "lessonRecord" => return record(request, lang),
        _ => {}
    }
    let text = request["lesson"].as_str().unwrap_or("");
    let lesson = match Lesson::from_json(text) {
        Ok(lesson) => lesson,
        Err(e) => return json!({ "error": e.to_string() }),
    };
    let scenario = || -> Result<Scenario, String> {
        Scenario::from_json(request["scenario"].as_str().unwrap_or("")).map_err(|e| e.to_string())
    };
    let result = match op {
        "lessonOpen" => open(&lesson, request),
        "lessonRender" => scenario().map(|s| {
            let checks = lesson.check(&s, lang);
            let mut ui = Ui::from_json(&request["ui"]);
            let passed: Vec<&str> = checks
                .iter()
                .filter(|c| c.passed)
                .map(|c| c.id.as_str())
                .collect();
            ui.passed.extend(passed.iter().map(|id| id.to_string()));
            json!({
                "html": lesson_page::panel(&lesson, &checks, &ui, lang),
                "notes": lesson_page::notes(&lesson, &ui, lang),
                "passed": passed,
            })
        }),
        "lessonSolve" => scenario().and_then(|s| {
            let step = request["step"].as_u64().unwrap_or(0) as usize;
            lesson
                .solve(&s, step)
                .map(|solved| json!({ "scenario": solved.to_json_pretty() }))
                .map_err(|e| e.to_string())
        }),
        _ => Err("unknown request".to_string()),
    };
    result.unwrap_or_else(|error| json!({ "error": error }))
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
    json!({ "html": lesson_page::list(&listed, lang) })
}

fn room(request: &Value, lang: Lang) -> Value {
    let link = request["link"].as_str().unwrap_or("");
    match super::qr_svg(link) {
        Ok(svg) => json!({ "html": lesson_page::room(link, &svg, lang) }),
        Err(e) => json!({ "error": e }),
    }
}

/// A lesson from what the author recorded.
fn record(request: &Value, lang: Lang) -> Value {
    let text = |value: &Value| Tr {
        en: value["en"].as_str().unwrap_or_default().trim().to_string(),
        ko: value["ko"].as_str().unwrap_or_default().trim().to_string(),
    };
    let scenario = |value: &Value| Scenario::from_json(value.as_str().unwrap_or_default());
    let steps: Result<Vec<Scenario>, _> = request["steps"]
        .as_array()
        .map(|steps| steps.iter().map(scenario).collect())
        .unwrap_or_else(|| Ok(Vec::new()));
    let (start, steps) = match (scenario(&request["start"]), steps) {
        (Ok(start), Ok(steps)) => (start, steps),
        (Err(e), _) | (_, Err(e)) => return json!({ "error": e.to_string() }),
    };
    let recording = Recording {
        id: request["lessonId"]
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_string(),
        title: text(&request["title"]),
        summary: text(&request["summary"]),
        start,
        steps,
    };
    match engine::lesson::record(&recording) {
        Ok((lesson, problems)) => json!({
            "file": engine::lesson::to_json(&lesson),
            "problems": problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        }),
        Err(e) => json!({ "error": lesson_page::record_error(&e, lang) }),
    }
}

fn open(lesson: &Lesson, request: &Value) -> Result<Value, String> {
    let gallery = request["gallery"].as_str().map(str::to_string);
    let start = lesson
        .start_scenario(&|_| gallery.clone())
        .map_err(|e| e.to_string())?;
    let step = request["step"].as_u64().unwrap_or(0) as usize;
    let mut step_start = start.clone();
    for index in 0..step.min(lesson.steps.len()) {
        step_start = lesson
            .solve(&step_start, index)
            .map_err(|e| e.to_string())?;
    }
    Ok(json!({
        "outline": outline(lesson, &start),
        "start": start.to_json_pretty(),
        "stepStart": step_start.to_json_pretty(),
    }))
}

/// What the page's reducer needs of a lesson: no texts (the worker writes those).
fn outline(lesson: &Lesson, start: &Scenario) -> Value {
    let steps: Vec<Value> = lesson
        .steps
        .iter()
        .map(|s| json!({ "id": s.id, "gate": s.gate }))
        .collect();
    let (on, at) = match lesson.intro.as_ref().and_then(|i| i.pause.as_ref()) {
        Some(Pause::OnKind(kind)) => (Some(*kind), None),
        Some(Pause::AtMs(ms)) => (None, Some(*ms)),
        None => (None, None),
    };
    let topology = Topology::build(start);
    let locked: Vec<String> = lesson
        .locks
        .resources
        .iter()
        .filter_map(|r| r.resolve(start, &topology))
        .map(|id| topology.get(id).arn.clone())
        .collect();
    json!({
        "id": lesson.id,
        "hash": lesson.hash,
        "steps": steps,
        "intro": lesson.intro.is_some(),
        "pauseOn": on,
        "pauseAtMs": at,
        "next": lesson.next,
        "tools": lesson.locks.tools,
        "locked": locked,
    })
}
