//! Tests of the lesson format: reading a lesson, and the errors that name a mistake's path.

use super::{read, refused, sentences, succeeding, tiny, IMAGE};
use crate::lesson::{audit, content_hash, Lesson, MAX_TEXT};
use serde_json::{json, Value};
#[test]
fn the_tiny_lesson_reads_and_its_start_is_the_gallery_scenario() {
    let lesson = read(&tiny()).expect("the tiny lesson reads");
    assert_eq!(lesson.steps.len(), 1);
    assert!(
        lesson.steps[0].gate,
        "a step is gated unless it says otherwise"
    );
    let gallery = |name: &str| (name == "image-processing.json").then(|| IMAGE.to_string());
    assert_eq!(lesson.start_scenario(&gallery), Ok(succeeding()));
    assert!(audit(&lesson, &succeeding()).is_empty());
}

#[test]
fn an_unknown_field_deep_in_a_goal_is_named_by_its_path() {
    assert_eq!(
        refused(|v| {
            v["steps"][0]["goal"]["all"][1]["link"]["too"] = json!("topic:image-alerts");
        }),
        "steps[0].goal.all[1].link.too: unknown field `too`, expected one of `from`, `kind`, `to` or `toKind`"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["goal"]["all"][0] = json!({"event": {"kind": "delivered"}})),
        "steps[0].goal.all[0].event: unknown field `event`, expected one of `all`, `any`, `not`, `link`, `setting`, `resources`, `links`, `events`, `none` or `before`"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["hint"] = json!([])),
        "steps[0].hint: unknown field `hint`, expected one of `id`, `title`, `text`, `goal`, `hints`, `explain`, `notes`, `gate` or `solution`"
    );
    assert_eq!(
        refused(|v| v["wrong"][0]["edits"] = json!([{"set": {"of": "function:resize-image", "field": "/Timeout", "valu": 3}}])),
        "wrong[0].edits[0].set.valu: unknown field `valu`, expected one of `of`, `field` or `value`"
    );
}

#[test]
fn a_text_without_its_korean_is_refused_where_it_is() {
    assert_eq!(
        refused(|v| v["steps"][0]["hints"][0] = json!({"en": "Choose Fail."})),
        "steps[0].hints[0]: missing the Korean text (`ko`)"
    );
    assert_eq!(
        refused(|v| v["title"] = json!({"ko": "작은 수업"})),
        "title: missing the English text (`en`)"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["explain"] = json!("It retries.")),
        "steps[0].explain: expected an object, found a string"
    );
}

#[test]
fn an_empty_or_oversized_text_is_refused() {
    assert_eq!(
        refused(|v| v["summary"]["ko"] = json!("  ")),
        "summary.ko: the text is empty"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["text"]["en"] = json!("x".repeat(MAX_TEXT + 1))),
        "steps[0].text.en: the text is longer than 4000 bytes"
    );
}

#[test]
fn a_malformed_reference_is_refused_with_what_a_reference_looks_like() {
    let at = |r: &str| refused(|v| v["steps"][0]["goal"]["all"][1]["link"]["from"] = json!(r));
    assert_eq!(
        at("resize-image"),
        "steps[0].goal.all[1].link.from: `resize-image` is not a reference: write `kind:name`, e.g. `function:resize-image`"
    );
    assert_eq!(
        at("lambda:resize-image"),
        "steps[0].goal.all[1].link.from: unknown kind `lambda` in `lambda:resize-image`, expected `function`, `queue`, `topic`, `eventBus`, `bucket`, `kinesisStream`, `dynamodbStream`, `kafkaTopic`, `client` or `mapping`"
    );
    assert_eq!(
        at("function:"),
        "steps[0].goal.all[1].link.from: `function:` names no resource"
    );
    assert_eq!(
        refused(|v| v["locks"] = json!({"resources": ["function"]})),
        "locks.resources[0]: `function` is not a reference: write `kind:name`, e.g. `function:resize-image`"
    );
}

#[test]
fn an_unknown_event_kind_is_refused() {
    assert_eq!(
        refused(|v| v["steps"][0]["goal"]["all"][0]["events"]["kind"] = json!("failed")),
        "steps[0].goal.all[0].events.kind: unknown event kind `failed`; the trace writes kinds such as `delivered`, `retryScheduled`, `destinationChosen`"
    );
    assert_eq!(
        refused(|v| v["intro"] = json!({"text": {"en": "a", "ko": "가"}, "pauseOn": "delivery"})),
        "intro.pauseOn: unknown event kind `delivery`; the trace writes kinds such as `delivered`, `retryScheduled`, `destinationChosen`"
    );
}

#[test]
fn every_event_kind_a_goal_can_name_is_one_the_trace_writes() {
    // The sentence of each kind has a noun in both languages.
    for kind in [
        "delivered",
        "retryScheduled",
        "destinationChosen",
        "batchBisected",
        "messageRedriven",
        "runCapped",
    ] {
        let goal = format!(r#"{{"events": {{"kind": "{kind}"}}}}"#);
        let (en, ko) = sentences(&goal);
        assert!(
            en.len() > "At least 1 ".len() && ko.len() > "이 1번 이상 있습니다".len(),
            "{kind}: {en} / {ko}"
        );
    }
}

#[test]
fn another_format_version_is_refused() {
    assert_eq!(
        refused(|v| v["version"] = json!(2)),
        "version: this playground reads lesson format version 1"
    );
    assert_eq!(
        refused(|v| {
            if let Some(o) = v.as_object_mut() {
                o.remove("version");
            }
        }),
        "missing field `version`"
    );
}

#[test]
fn two_steps_with_one_id_are_refused() {
    assert_eq!(
        refused(|v| {
            let step = v["steps"][0].clone();
            if let Some(steps) = v["steps"].as_array_mut() {
                steps.push(step);
            }
        }),
        "steps[1].id: two steps have the id `make-it-fail`"
    );
}

#[test]
fn a_wrong_answer_that_names_no_step_is_refused() {
    assert_eq!(
        refused(|v| v["wrong"][0]["fails"] = json!(["make-it-fail", "make-it-pass"])),
        "wrong[0].fails[1]: no step has the id `make-it-pass`"
    );
    assert_eq!(
        refused(|v| v["wrong"][0]["fails"] = json!([])),
        "wrong[0]: a wrong answer must name the steps it fails"
    );
}

#[test]
fn a_count_with_equals_and_min_is_refused() {
    assert_eq!(
        refused(|v| v["steps"][0]["goal"]["all"][0]["events"]["equals"] = json!(3)),
        "steps[0].goal.all[0].events: give `equals`, or `min` and `max`, not both"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["goal"]["all"][0]["events"]["max"] = json!(2)),
        "steps[0].goal.all[0].events: `min` 3 is above `max` 2"
    );
    assert_eq!(
        refused(|v| v["steps"][0]["goal"]["all"][0]["events"]["min"] = json!(-1)),
        "steps[0].goal.all[0].events.min: expected a whole number, found a number"
    );
}

#[test]
fn other_malformed_goals_are_refused_where_they_are() {
    let goal = |g: Value| refused(|v| v["steps"][0]["goal"] = g);
    assert_eq!(
        goal(json!({"events": {"kind": "delivered", "target": "queue:a", "targetKind": "queue"}})),
        "steps[0].goal.events: give `target` or `targetKind`, not both"
    );
    assert_eq!(
        goal(json!({"link": {"from": "function:a", "kind": "onFailure"}})),
        "steps[0].goal.link: give `to` or `toKind`"
    );
    assert_eq!(
        goal(json!({"link": {"from": "function:a", "kind": "onFail", "to": "queue:b"}})),
        "steps[0].goal.link.kind: unknown value `onFail`, expected `syncTrigger`, `asyncTrigger`, `mapping`, `onSuccess`, `onFailure`, `mappingOnFailure`, `deadLetterQueue`, `subscription`, `ruleTarget` or `redrive`"
    );
    assert_eq!(
        goal(
            json!({"setting": {"of": "function:a", "field": "/Timeout", "equals": 3, "present": true}})
        ),
        "steps[0].goal.setting: give one of `equals`, `min`/`max` or `present`"
    );
    assert_eq!(
        goal(json!({"setting": {"of": "function:a", "field": "Timeout", "equals": 3}})),
        "steps[0].goal.setting.field: `Timeout` is not a JSON pointer: start it with `/`"
    );
    assert_eq!(
        goal(json!({"events": {"kind": "delivered", "body": {"requestContext": 1}}})),
        "steps[0].goal.events.body.requestContext: `requestContext` is not a JSON pointer: start it with `/`"
    );
    assert_eq!(
        goal(json!({"none": {"kind": "delivered", "min": 1}})),
        "steps[0].goal.none.min: unknown field `min`, expected one of `kind`, `resource`, `target`, `targetKind`, `via`, `condition`, `body` or `withinMs`"
    );
    assert_eq!(
        goal(json!({"any": []})),
        "steps[0].goal.any: `any` needs at least one goal"
    );
    assert_eq!(
        goal(json!({"all": [], "any": []})),
        "steps[0].goal: expected an object with exactly one of `all`, `any`, `not`, `link`, `setting`, `resources`, `links`, `events`, `none` or `before`"
    );
    assert_eq!(
        goal(json!({"events": {"kind": "delivered", "via": "dlq"}})),
        "steps[0].goal.events.via: unknown value `dlq`, expected `onSuccess`, `onFailure`, `deadLetterQueue`, `mappingOnFailure`, `subscription`, `ruleTarget`, `notification`, `redrive` or `input`"
    );
}

#[test]
fn other_malformed_lessons_are_refused_where_they_are() {
    assert_eq!(
        refused(|v| v["id"] = json!("Tiny Lesson")),
        "id: `Tiny Lesson` is not an id: use lower-case letters, digits and hyphens"
    );
    assert_eq!(
        refused(|v| v["steps"] = json!([])),
        "steps: a lesson needs at least one step"
    );
    assert_eq!(
        refused(|v| v["locks"] = json!({"tools": ["palette", "scissors"]})),
        "locks.tools[1]: unknown tool `scissors`, expected `palette`, `import`, `faults` or `gallery`"
    );
    assert_eq!(
        refused(|v| v["intro"] =
            json!({"text": {"en": "a", "ko": "가"}, "pauseOn": "delivered", "pauseAtMs": 5})),
        "intro: give `pauseAtMs` or `pauseOn`, not both"
    );
    assert_eq!(
        refused(|v| v["start"] = json!({"gallery": "a.json", "scenario": {}})),
        "start: expected an object with exactly one of `gallery` or `scenario`"
    );
    assert!(Lesson::from_json("{")
        .expect_err("not JSON")
        .to_string()
        .starts_with("not JSON: "));
}

#[test]
fn a_start_gallery_scenario_that_does_not_exist_is_named() {
    let lesson = read(&tiny()).expect("the tiny lesson reads");
    assert_eq!(
        lesson
            .start_scenario(&|_| None)
            .expect_err("no gallery")
            .to_string(),
        "start.gallery: no gallery scenario `image-processing.json`"
    );
}

#[test]
fn the_hash_changes_with_the_text() {
    let a = read(&tiny()).expect("reads");
    let mut changed = tiny();
    changed["minutes"] = json!(3);
    let b = read(&changed).expect("reads");
    assert_ne!(a.hash, b.hash);
    assert_eq!(a.hash.len(), 16);
    assert_eq!(content_hash(""), "cbf29ce484222325");
}
