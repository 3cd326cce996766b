//! Tests of the author's checks.

use super::{details, passes, read, sentences, succeeding, tiny, IMAGE, SHIPPED};
use crate::lang::Lang;
use crate::lesson::{audit, words, ChangeError, Lesson};
use crate::scenario::Scenario;
use serde_json::{json, Value};
// ---------------------------------------------------------------------------------------------
// The author's checks

fn audited(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut value = tiny();
    edit(&mut value);
    let lesson = read(&value).expect("the lesson reads");
    audit(&lesson, &succeeding())
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_shipped_lesson_passes_every_author_check_and_its_solutions_solve_it_in_order() {
    let lesson = Lesson::from_json(SHIPPED).expect("the shipped lesson reads");
    let start = lesson
        .start_scenario(&|_| Some(IMAGE.to_string()))
        .expect("its start reads");
    assert_eq!(audit(&lesson, &start), []);
    let mut state = start;
    for i in 0..lesson.steps.len() {
        assert!(
            !lesson.check(&state, Lang::En)[i].passed,
            "step {i} fails first"
        );
        state = lesson.solve(&state, i).expect("the solution applies");
        assert!(
            lesson.check(&state, Lang::Ko)[i].passed,
            "step {i} passes solved"
        );
    }
    assert_eq!(lesson.solve(&state, 9), Err(ChangeError::NoSuchStep(9)));
}

#[test]
fn a_gated_step_that_already_passes_is_a_check_that_cannot_fail() {
    let goal = json!({"link": {"from": "function:resize-image", "kind": "onFailure", "to": "topic:image-alerts"}});
    assert_eq!(
        audited(|v| {
            v["steps"][0]["goal"] = goal.clone();
            v["wrong"] = json!([]);
        }),
        ["steps[0].goal: step `make-it-fail` already passes before its solution: a check that cannot fail"]
    );
    // Not gated, it may pass from the start.
    assert_eq!(
        audited(|v| {
            v["steps"][0]["goal"] = goal.clone();
            v["steps"][0]["gate"] = json!(false);
            v["wrong"] = json!([]);
        }),
        Vec::<String>::new()
    );
}

#[test]
fn a_solution_that_does_not_pass_its_step_is_named_with_what_the_run_did() {
    assert_eq!(
        audited(|v| v["steps"][0]["solution"] = json!([])),
        ["steps[0].solution: the solution of `make-it-fail` does not pass it: \"At least 3 failed attempts at resize-image\" (The run had none.)"]
    );
}

#[test]
fn a_solution_aws_refuses_is_named_with_the_refusal() {
    let problems = audited(|v| {
        v["steps"][0]["solution"] = json!([{"set": {"of": "function:resize-image", "field": "/EventInvokeConfig/MaximumRetryAttempts", "value": 5}}]);
    });
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("steps[0].solution: edit 0 was refused: "),
        "{problems:?}"
    );
    assert_eq!(
        audited(|v| v["steps"][0]["solution"] = json!([{"remove": "queue:image-failures"}])),
        ["steps[0].solution: edit 0: there is no queue:image-failures"]
    );
}

#[test]
fn a_wrong_answer_that_passes_its_step_is_named() {
    assert_eq!(
        audited(|v| {
            v["wrong"][0]["why"] = json!("the solution itself");
            v["wrong"][0]["edits"] = v["steps"][0]["solution"].clone();
        }),
        ["wrong[0]: the wrong answer \"the solution itself\" passes step `make-it-fail`, which it must fail"]
    );
}

#[test]
fn a_reference_that_names_nothing_after_the_solution_is_dangling() {
    let problems = audited(|v| {
        v["steps"][0]["goal"]["all"][1]["link"]["to"] = json!("queue:image-failures");
    });
    assert!(
        problems.contains(&"steps[0].goal: the reference to `image-failures` names nothing, even after the step's solution".to_string()),
        "{problems:?}"
    );
    assert_eq!(
        audited(|v| v["locks"] = json!({"resources": ["function:thumbnail"]})),
        ["locks.resources[0]: `thumbnail` names nothing in the start diagram"]
    );
}

#[test]
fn a_wrong_answer_is_applied_where_the_first_step_it_names_begins() {
    // Step two's wrong answer starts from step one's solution: resize-image already fails.
    let two = |v: &mut Value| {
        let mut second = v["steps"][0].clone();
        second["id"] = json!("no-retries");
        second["goal"] = json!({"events": {"kind": "attemptStarted", "resource": "function:resize-image", "equals": 1}});
        second["solution"] = json!([{"set": {"of": "function:resize-image", "field": "/EventInvokeConfig/MaximumRetryAttempts", "value": 0}}]);
        if let Some(steps) = v["steps"].as_array_mut() {
            steps.push(second);
        }
    };
    assert_eq!(audited(two), Vec::<String>::new());
    assert_eq!(
        audited(|v| {
            two(v);
            v["wrong"] = json!([{"why": "one retry", "edits": [{"set": {"of": "function:resize-image", "field": "/EventInvokeConfig/MaximumRetryAttempts", "value": 1}}], "fails": ["no-retries"]}]);
        }),
        Vec::<String>::new()
    );
}

// --- references to event source mappings -----------------------------------------------------

const KINESIS: &str = include_str!("../../../../../static/gallery/kinesis-dlq.json");

fn kinesis() -> Scenario {
    Scenario::from_json(KINESIS).expect("the gallery scenario reads")
}

#[test]
fn a_mapping_is_named_by_the_function_it_invokes() {
    let link = r#"{"link": {"from": "mapping:process-clicks", "kind": "mappingOnFailure", "to": "queue:clickstream-failures"}}"#;
    assert!(passes(&kinesis(), link));
    assert_eq!(
        sentences(link),
        (
            "The event source mapping of process-clicks sends discarded batches (OnFailure) to the queue clickstream-failures"
                .to_string(),
            "process-clicks의 이벤트 소스 매핑이 버린 배치를 큐 clickstream-failures로 보냅니다(OnFailure)"
                .to_string()
        )
    );
    let other = r#"{"link": {"from": "mapping:reprocess-clicks", "kind": "mappingOnFailure", "toKind": "queue"}}"#;
    assert_eq!(
        details(&kinesis(), other),
        (
            "reprocess-clicks has no mapping OnFailure destination yet.".to_string(),
            "reprocess-clicks에 아직 매핑의 OnFailure 대상이 없습니다.".to_string()
        )
    );
    // The second mapping's setting is its own, not the first's.
    let retries = |name: &str| {
        format!(
            r#"{{"setting": {{"of": "mapping:{name}", "field": "/MaximumRetryAttempts", "equals": 2}}}}"#
        )
    };
    assert!(passes(&kinesis(), &retries("process-clicks")));
    assert!(!passes(&kinesis(), &retries("reprocess-clicks")));
    let discarded = r#"{"events": {"kind": "batchDiscarded", "resource": "mapping:process-clicks", "condition": "RetryAttemptsExhausted", "equals": 1}}"#;
    assert!(passes(&kinesis(), discarded));
    assert!(!passes(
        &kinesis(),
        r#"{"events": {"kind": "batchDiscarded", "condition": "RecordAgeExceeded"}}"#
    ));
}

#[test]
fn a_mapping_the_diagram_lacks_says_no_mapping_invokes_the_function() {
    let goal = r#"{"link": {"from": "mapping:resize-image", "kind": "mappingOnFailure", "toKind": "queue"}}"#;
    assert_eq!(
        details(&succeeding(), goal),
        (
            "No event source mapping invokes resize-image yet.".to_string(),
            "resize-image의 이벤트 소스 매핑이 다이어그램에 아직 없습니다.".to_string()
        )
    );
}

#[test]
fn several_links_of_a_kind_are_listed_in_the_plural() {
    let to = ["the function a".to_string(), "the queue b".to_string()];
    assert_eq!(
        words::links_now(
            "alerts",
            crate::diagram::LinkKind::Subscription,
            &to,
            Lang::En
        ),
        "alerts's subscriptions go to the function a, the queue b now."
    );
    assert_eq!(
        words::links_now(
            "alerts",
            crate::diagram::LinkKind::Subscription,
            &to[..1],
            Lang::En
        ),
        "alerts's subscription goes to the function a now."
    );
}
