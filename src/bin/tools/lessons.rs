//! The tools worker's lesson requests. The lesson reader and the goal checks live here, in the
//! module loaded on demand, so lessons add almost nothing to the playground's first download.
//!
//! - `{"op": "lessonOpen", "lesson", "gallery", "lang", "step"}` answers `{"view", "start",
//!   "stepStart"}`: the lesson's texts in `lang`, its start diagram, and that diagram with the
//!   solutions of the steps before `step` applied (a deep link to step 3 opens the diagram as
//!   step 3 begins);
//! - `{"op": "lessonView", "lesson", "lang"}` answers `{"view"}` (the language changed);
//! - `{"op": "lessonCheck", "lesson", "scenario", "lang"}` answers `{"steps"}`: each step's
//!   checklist against the diagram and its complete run;
//! - `{"op": "lessonSolve", "lesson", "scenario", "step"}` answers `{"scenario"}`: the diagram
//!   with the step's solution applied, or `{"error"}` when it cannot be applied.

use engine::lesson::{Item, Lesson, Pause, StepCheck, Tr};
use engine::narrate::Lang;
use engine::{Scenario, Topology};
use serde_json::{json, Value};

/// Answers a lesson request (`op` starts with `lesson`).
pub fn answer(op: &str, request: &Value, lang: Lang) -> Value {
    let text = request["lesson"].as_str().unwrap_or("");
    let lesson = match Lesson::from_json(text) {
        Ok(lesson) => lesson,
        Err(e) => return json!({ "error": e.to_string() }),
    };
    let scenario = || -> Result<Scenario, String> {
        Scenario::from_json(request["scenario"].as_str().unwrap_or("")).map_err(|e| e.to_string())
    };
    let result = match op {
        "lessonOpen" => open(&lesson, request, lang),
        "lessonView" => Ok(json!({ "view": view(&lesson, lang, None) })),
        "lessonCheck" => scenario().map(|s| {
            let steps: Vec<Value> = lesson.check(&s, lang).iter().map(step_check).collect();
            json!({ "steps": steps })
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

fn open(lesson: &Lesson, request: &Value, lang: Lang) -> Result<Value, String> {
    let gallery = request["gallery"].as_str().map(str::to_string);
    let start = lesson
        .start_scenario(&|_| gallery.clone())
        .map_err(|e| e.to_string())?;
    let view = view(lesson, lang, Some(&start));
    let step = request["step"].as_u64().unwrap_or(0) as usize;
    let mut step_start = start.clone();
    for index in 0..step.min(lesson.steps.len()) {
        step_start = lesson
            .solve(&step_start, index)
            .map_err(|e| e.to_string())?;
    }
    Ok(json!({
        "view": view,
        "start": start.to_json_pretty(),
        "stepStart": step_start.to_json_pretty(),
    }))
}

fn tr(text: &Tr, lang: Lang) -> Value {
    Value::from(text.get(lang))
}

/// The lesson's texts in `lang`, and (given the start diagram) the ARNs of its locked resources.
fn view(lesson: &Lesson, lang: Lang, start: Option<&Scenario>) -> Value {
    let steps: Vec<Value> = lesson
        .steps
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "title": tr(&s.title, lang),
                "text": tr(&s.text, lang),
                "hints": s.hints.iter().map(|h| tr(h, lang)).collect::<Vec<_>>(),
                "explain": tr(&s.explain, lang),
                "notes": s.notes.as_ref().map(|n| tr(n, lang)),
                "gate": s.gate,
                "solution": !s.solution.is_empty(),
            })
        })
        .collect();
    let intro = lesson.intro.as_ref().map(|i| {
        let (on, at) = match &i.pause {
            Some(Pause::OnKind(kind)) => (Some(*kind), None),
            Some(Pause::AtMs(ms)) => (None, Some(*ms)),
            None => (None, None),
        };
        json!({ "text": tr(&i.text, lang), "pauseOn": on, "pauseAtMs": at })
    });
    let locked: Vec<String> = start
        .map(|s| {
            let topology = Topology::build(s);
            lesson
                .locks
                .resources
                .iter()
                .filter_map(|r| r.resolve(s, &topology))
                .map(|id| topology.get(id).arn.clone())
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id": lesson.id,
        "hash": lesson.hash,
        "title": tr(&lesson.title, lang),
        "summary": tr(&lesson.summary, lang),
        "minutes": lesson.minutes,
        "intro": intro,
        "steps": steps,
        "next": lesson.next,
        "tools": lesson.locks.tools,
        "locked": locked,
    })
}

fn item(item: &Item) -> Value {
    json!({
        "text": item.text,
        "passed": item.passed,
        "detail": item.detail,
        "events": item.events,
        "resources": item.resources,
    })
}

fn step_check(check: &StepCheck) -> Value {
    json!({
        "id": check.id,
        "passed": check.passed,
        "items": check.items.iter().map(item).collect::<Vec<_>>(),
    })
}
