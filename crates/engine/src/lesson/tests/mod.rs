//! Tests of the lesson format, the goal language and the author checks: the scenarios, goals and
//! lessons they share are here, the tests are split by what they test:
//!
//! - `goals.rs`: each goal of the goal language, its sentences and checklist lines;
//! - `format.rs`: reading a lesson, and the errors that name a mistake's path;
//! - `author.rs`: the author's checks;
//! - `record.rs`: writing lessons back, and recording one from an author's diagrams.

mod author;
mod format;
mod goals;
mod record;

use super::check::Context;
use super::{goal, words, Goal, Item, Lesson, LessonError, Step, StepCheck, Tr};
use crate::lang::Lang;
use crate::scenario::Scenario;
use serde_json::{json, Value};

const IMAGE: &str = include_str!("../../../../../static/gallery/image-processing.json");
const SHIPPED: &str = include_str!("../../../../../static/lessons/on-failure-basics.json");

// ---------------------------------------------------------------------------------------------
// Scenarios

/// The gallery's image pipeline, changed by `edit` before it is read.
fn image_with(edit: impl FnOnce(&mut Value)) -> Scenario {
    let mut value: Value = serde_json::from_str(IMAGE).expect("the gallery scenario is JSON");
    edit(&mut value);
    Scenario::from_json(&value.to_string()).expect("the changed scenario reads")
}

fn make_it_fail(value: &mut Value) {
    value["functions"][0]["behavior"]["outcome"] =
        json!({"type": "error", "errorType": "ImageTooLarge", "errorMessage": "too big"});
}

/// Every upload succeeds: steps 1 (upload) … 6 (delivery to image-metadata through OnSuccess).
fn succeeding() -> Scenario {
    image_with(|_| {})
}

/// resize-image fails three times (steps 4, 7, 10), retries at steps 5 and 8, runs out of
/// retries at step 11 and the record reaches image-alerts through OnFailure at step 13.
fn failing() -> Scenario {
    image_with(make_it_fail)
}

/// As [`failing`], but the failures go to a dead-letter queue image-failures (step 13) and there
/// is no OnFailure destination.
fn dead_lettered() -> Scenario {
    image_with(|v| {
        make_it_fail(v);
        let function = &mut v["functions"][0];
        if let Some(destinations) =
            function["EventInvokeConfig"]["DestinationConfig"].as_object_mut()
        {
            destinations.remove("OnFailure");
        }
        function["DeadLetterConfig"] =
            json!({"TargetArn": "arn:aws:sqs:us-east-2:123456789012:image-failures"});
        if let Some(queues) = v["queues"].as_array_mut() {
            queues.push(json!({"QueueName": "image-failures"}));
        }
    })
}

const RESIZE: &str = "arn:aws:lambda:us-east-2:123456789012:function:resize-image";
const IMAGES: &str = "arn:aws:s3:::images";
const METADATA: &str = "arn:aws:sqs:us-east-2:123456789012:image-metadata";
const ALERTS: &str = "arn:aws:sns:us-east-2:123456789012:image-alerts";
const FAILURES: &str = "arn:aws:sqs:us-east-2:123456789012:image-failures";

// ---------------------------------------------------------------------------------------------
// Goals

fn goal_of(text: &str) -> Goal {
    let value: Value = serde_json::from_str(text).expect("the goal is JSON");
    goal::goal(&value, "goal").expect("the goal reads")
}

fn both(text: &str) -> Tr {
    Tr {
        en: text.to_string(),
        ko: text.to_string(),
    }
}

fn step_of(goal: &str) -> Step {
    Step {
        id: "step".to_string(),
        title: both("t"),
        text: both("t"),
        goal: goal_of(goal),
        hints: Vec::new(),
        explain: both("e"),
        notes: None,
        gate: true,
        solution: Vec::new(),
    }
}

/// The checklist of a step whose goal is `goal`.
fn checklist(scenario: &Scenario, goal: &str, lang: Lang) -> StepCheck {
    Context::new(scenario).step(&step_of(goal), lang)
}

/// The one checklist line of `goal`.
fn line(scenario: &Scenario, goal: &str, lang: Lang) -> Item {
    let mut check = checklist(scenario, goal, lang);
    assert_eq!(check.items.len(), 1, "one line for {goal}");
    check.items.remove(0)
}

fn passes(scenario: &Scenario, goal: &str) -> bool {
    line(scenario, goal, Lang::En).passed
}

/// The sentence of `goal` in English and Korean.
fn sentences(goal: &str) -> (String, String) {
    let goal = goal_of(goal);
    (
        words::sentence(&goal, Lang::En),
        words::sentence(&goal, Lang::Ko),
    )
}

/// What a failed line says in English and Korean.
fn details(scenario: &Scenario, goal: &str) -> (String, String) {
    let en = line(scenario, goal, Lang::En);
    let ko = line(scenario, goal, Lang::Ko);
    assert!(!en.passed && !ko.passed, "{goal} should fail");
    (
        en.detail.expect("a failed line says why"),
        ko.detail.expect("a failed line says why"),
    )
}

// ---------------------------------------------------------------------------------------------
// The format

/// A small lesson that reads: one step, one wrong answer.
fn tiny() -> Value {
    json!({
        "version": 1,
        "id": "tiny",
        "title": {"en": "Tiny", "ko": "작은 수업"},
        "summary": {"en": "A summary.", "ko": "요약."},
        "minutes": 2,
        "start": {"gallery": "image-processing.json"},
        "steps": [{
            "id": "make-it-fail",
            "title": {"en": "Make it fail", "ko": "실패하게 만들기"},
            "text": {"en": "Make it fail.", "ko": "실패하게 만드세요."},
            "goal": {"all": [
                {"events": {"kind": "attemptFailed", "resource": "function:resize-image", "min": 3}},
                {"link": {"from": "function:resize-image", "kind": "onFailure", "to": "topic:image-alerts"}}
            ]},
            "hints": [{"en": "Choose Fail.", "ko": "실패를 고르세요."}],
            "explain": {"en": "It retries.", "ko": "재시도합니다."},
            "solution": [{"set": {"of": "function:resize-image", "field": "/behavior/outcome", "value": {"type": "error"}}}]
        }],
        "wrong": [{
            "why": "nothing changed",
            "edits": [],
            "fails": ["make-it-fail"]
        }]
    })
}

fn read(value: &Value) -> Result<Lesson, LessonError> {
    Lesson::from_json(&value.to_string())
}

/// The error reading `tiny()` changed by `edit`, as `path: message`.
fn refused(edit: impl FnOnce(&mut Value)) -> String {
    let mut value = tiny();
    edit(&mut value);
    read(&value).expect_err("the lesson is refused").to_string()
}
