//! Writing lessons back to their format, and recording a lesson from an author's diagrams.

use super::{dead_lettered, failing, image_with, succeeding, ALERTS};
use crate::lang::Lang;
use crate::lesson::{record, to_json, Goal, Lesson, RecordError, Recording, Tr};
use crate::scenario::Scenario;
use serde_json::{json, Value};

fn tr(en: &str, ko: &str) -> Tr {
    Tr {
        en: en.to_string(),
        ko: ko.to_string(),
    }
}

fn recording(start: Scenario, steps: Vec<Scenario>) -> Recording {
    Recording {
        id: "recorded".to_string(),
        title: tr("Recorded", "녹화한 수업"),
        summary: tr("What the author did.", "작성자가 한 일."),
        start,
        steps,
    }
}

/// The lesson recorded from `start` through `steps`, with the problems `lesson check` finds.
fn recorded(start: Scenario, steps: Vec<Scenario>) -> (Lesson, Vec<String>) {
    let (lesson, problems) = record(&recording(start, steps)).expect("the recording is a lesson");
    (lesson, problems.iter().map(|p| p.to_string()).collect())
}

/// The checklist sentences of a recorded step, in `lang`.
fn lines(lesson: &Lesson, step: usize, lang: Lang) -> Vec<String> {
    match &lesson.steps[step].goal {
        Goal::All(goals) => goals
            .iter()
            .map(|g| crate::lesson::words::sentence(g, lang))
            .collect(),
        other => vec![crate::lesson::words::sentence(other, lang)],
    }
}

fn without_on_failure(value: &mut Value) {
    if let Some(d) = value["functions"][0]["EventInvokeConfig"]["DestinationConfig"].as_object_mut()
    {
        d.remove("OnFailure");
    }
}

#[test]
fn every_shipped_lesson_reads_back_the_same_after_writing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/lessons");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("the lessons folder") {
        let path = entry.expect("a file").path();
        if path.file_name().is_some_and(|n| n == "index.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("the lesson file");
        let mut lesson = Lesson::from_json(&text).expect("the shipped lesson reads");
        let written = to_json(&lesson);
        let mut again = Lesson::from_json(&written)
            .unwrap_or_else(|e| panic!("{} written back does not read: {e}", path.display()));
        lesson.hash.clear();
        again.hash.clear();
        assert_eq!(again, lesson, "{}", path.display());
        read += 1;
    }
    assert!(read >= 12, "only {read} lessons read");
}

#[test]
fn a_recorded_on_failure_destination_is_a_step_with_its_link_and_where_records_now_go() {
    let start = image_with(|v| {
        super::make_it_fail(v);
        without_on_failure(v);
    });
    let (lesson, problems) = recorded(start, vec![failing()]);
    assert_eq!(problems, Vec::<String>::new());
    let en = lines(&lesson, 0, Lang::En);
    assert!(
        en.iter()
            .any(|l| l.contains("OnFailure") && l.contains("image-alerts")),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|l| l.contains("delivery") && l.contains("image-alerts")),
        "a line says where the run's records go: {en:?}"
    );
    let ko = lines(&lesson, 0, Lang::Ko);
    assert!(ko.iter().all(|l| !l.is_empty()) && ko != en, "{ko:?}");
    // The solution is the destination, set on the function.
    let written: Value = serde_json::from_str(&to_json(&lesson)).expect("JSON");
    assert_eq!(
        written["steps"][0]["solution"],
        json!([{"set": {
            "of": "function:resize-image",
            "field": "/EventInvokeConfig/DestinationConfig/OnFailure",
            "value": {"Destination": ALERTS}
        }}])
    );
}

#[test]
fn a_recorded_setting_is_a_setting_line_that_the_start_fails() {
    let start = failing();
    let after = image_with(|v| {
        super::make_it_fail(v);
        v["functions"][0]["EventInvokeConfig"]["MaximumRetryAttempts"] = json!(0);
    });
    let (lesson, problems) = recorded(start, vec![after]);
    assert_eq!(problems, Vec::<String>::new());
    let written: Value = serde_json::from_str(&to_json(&lesson)).expect("JSON");
    let goals = &written["steps"][0]["goal"]["all"];
    assert!(
        goals
            .as_array()
            .expect("a list")
            .contains(&json!({"setting": {
                "of": "function:resize-image",
                "field": "/EventInvokeConfig/MaximumRetryAttempts",
                "equals": 0
            }})),
        "{goals}"
    );
}

#[test]
fn a_recorded_new_queue_used_as_dead_letter_queue_is_added_then_linked() {
    let start = image_with(|v| {
        super::make_it_fail(v);
        without_on_failure(v);
    });
    let (lesson, problems) = recorded(start, vec![dead_lettered()]);
    assert_eq!(problems, Vec::<String>::new());
    let written: Value = serde_json::from_str(&to_json(&lesson)).expect("JSON");
    let solution = written["steps"][0]["solution"]
        .as_array()
        .expect("a solution")
        .clone();
    assert_eq!(
        solution[0]["add"]["kind"],
        json!("queue"),
        "the queue comes first: {solution:?}"
    );
    assert!(
        lines(&lesson, 0, Lang::En)
            .iter()
            .any(|l| l.contains("image-failures")),
        "{:?}",
        lines(&lesson, 0, Lang::En)
    );
}

#[test]
fn a_renamed_resource_is_recorded_as_a_rename() {
    let after = image_with(|v| {
        v["queues"][0]["QueueName"] = json!("metadata");
        let arn = "arn:aws:sqs:us-east-2:123456789012:metadata";
        v["functions"][0]["EventInvokeConfig"]["DestinationConfig"]["OnSuccess"]["Destination"] =
            json!(arn);
        v["eventSourceMappings"][0]["EventSourceArn"] = json!(arn);
    });
    let (lesson, problems) = recorded(succeeding(), vec![after]);
    assert_eq!(problems, Vec::<String>::new());
    let written: Value = serde_json::from_str(&to_json(&lesson)).expect("JSON");
    assert_eq!(
        written["steps"][0]["solution"],
        json!([{"rename": {"of": "queue:image-metadata", "to": "metadata"}}])
    );
}

#[test]
fn two_recorded_steps_each_start_where_the_last_ended() {
    let start = image_with(|v| {
        super::make_it_fail(v);
        without_on_failure(v);
    });
    let later = image_with(|v| {
        super::make_it_fail(v);
        v["functions"][0]["EventInvokeConfig"]["MaximumRetryAttempts"] = json!(1);
    });
    let (lesson, problems) = recorded(start, vec![failing(), later]);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(lesson.steps.len(), 2);
    assert_eq!(lesson.steps[1].id, "step-2");
    assert_eq!(lesson.steps[1].title.ko, "2단계");
    // The second step's checklist is only what the second step changed.
    assert!(
        lines(&lesson, 1, Lang::En)
            .iter()
            .all(|l| !l.contains("OnFailure")),
        "{:?}",
        lines(&lesson, 1, Lang::En)
    );
}

#[test]
fn a_recorded_lesson_file_reads_back_and_passes_lesson_check() {
    let start = image_with(|v| {
        super::make_it_fail(v);
        without_on_failure(v);
    });
    let (lesson, _) = recorded(start, vec![failing()]);
    let text = to_json(&lesson);
    let again = Lesson::from_json(&text).expect("the recorded file reads");
    let start = again.start_scenario(&|_| None).expect("an inline start");
    assert_eq!(crate::lesson::audit(&again, &start), Vec::new());
}

#[test]
fn a_step_that_changes_nothing_is_refused_with_its_number() {
    let error = record(&recording(succeeding(), vec![failing(), failing()]))
        .expect_err("the second step changes nothing");
    assert_eq!(error, RecordError::NothingChanged(1));
    assert!(
        error.to_string().starts_with("step 2 changes nothing"),
        "{error}"
    );
}

#[test]
fn a_recording_without_korean_or_with_a_bad_id_is_refused() {
    let mut no_korean = recording(succeeding(), vec![failing()]);
    no_korean.title.ko = " ".to_string();
    assert_eq!(
        record(&no_korean).expect_err("no Korean title"),
        RecordError::MissingText("title")
    );
    let mut bad_id = recording(succeeding(), vec![failing()]);
    bad_id.id = "My Lesson".to_string();
    assert!(matches!(record(&bad_id), Err(RecordError::BadId(_))));
    let none = recording(succeeding(), Vec::new());
    assert_eq!(record(&none).expect_err("no steps"), RecordError::NoSteps);
}

#[test]
fn a_lesson_with_every_optional_field_reads_back_the_same_after_writing() {
    let mut value = super::tiny();
    value["locks"] = json!({"resources": ["function:resize-image"], "tools": ["palette"]});
    value["intro"] = json!({"text": {"en": "Watch.", "ko": "보세요."}, "pauseAtMs": 60000});
    value["next"] = json!("event-age");
    let step = &mut value["steps"][0];
    step["gate"] = json!(false);
    step["notes"] = json!({"en": "Ask the room.", "ko": "질문하세요."});
    step["goal"]["all"]
        .as_array_mut()
        .expect("a list")
        .extend([
            json!({"none": {"kind": "delivered", "targetKind": "queue", "via": "deadLetterQueue"}}),
            json!({"setting": {"of": "function:resize-image", "field": "/Timeout", "min": 3, "max": 900}}),
            json!({"links": {"kind": "onSuccess", "equals": 1}}),
            json!({"before": {"first": {"kind": "retryScheduled", "withinMs": 90000},
                              "then": {"kind": "destinationChosen", "condition": "RetriesExhausted"}}}),
            json!({"any": [{"not": {"resources": {"kind": "queue", "max": 2}}},
                           {"events": {"kind": "delivered", "body": {"/requestContext/approximateInvokeCount": 3}}}]}),
        ]);
    step["solution"]
        .as_array_mut()
        .expect("a list")
        .extend([
            json!({"add": {"kind": "queue", "config": {"QueueName": "q"}, "at": {"x": 640, "y": 400.5}}}),
            json!({"link": {"from": "function:resize-image", "kind": "deadLetterQueue", "to": "queue:q"}}),
            json!({"unlink": {"from": "function:resize-image", "kind": "deadLetterQueue", "to": "queue:q"}}),
            json!({"rename": {"of": "queue:q", "to": "r"}}),
            json!({"remove": "queue:r"}),
            json!({"send": {"type": "invoke", "at": 0, "FunctionName": "resize-image", "InvocationType": "Event"}}),
        ]);
    let mut lesson = super::read(&value).expect("the lesson reads");
    let mut again = Lesson::from_json(&to_json(&lesson)).expect("written back, it reads");
    lesson.hash.clear();
    again.hash.clear();
    assert_eq!(again, lesson);
}
