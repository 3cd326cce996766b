//! Tests of the lesson format, the goal language and the author checks.

use super::check::Context;
use super::*;
use serde_json::json;

const IMAGE: &str = include_str!("../../../../static/gallery/image-processing.json");
const SHIPPED: &str = include_str!("../../../../static/lessons/on-failure-basics.json");

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

// --- link ------------------------------------------------------------------------------------

const ON_FAILURE_TO_ALERTS: &str = r#"{"link": {"from": "function:resize-image", "kind": "onFailure", "to": "topic:image-alerts"}}"#;
const ON_FAILURE_TO_FAILURES: &str = r#"{"link": {"from": "function:resize-image", "kind": "onFailure", "to": "queue:image-failures"}}"#;

#[test]
fn a_link_to_a_named_resource_passes_when_the_diagram_has_it() {
    assert!(passes(&succeeding(), ON_FAILURE_TO_ALERTS));
    assert_eq!(
        sentences(ON_FAILURE_TO_ALERTS),
        (
            "resize-image sends failed events (OnFailure) to the topic image-alerts".to_string(),
            "resize-image의 실패한 이벤트(OnFailure)가 토픽 image-alerts로 갑니다".to_string()
        )
    );
}

#[test]
fn a_link_to_another_resource_fails_and_says_where_the_link_goes_now() {
    let goal = r#"{"link": {"from": "function:resize-image", "kind": "onFailure", "to": "queue:image-metadata"}}"#;
    assert_eq!(
        details(&succeeding(), goal),
        (
            "resize-image's OnFailure destination goes to the topic image-alerts now.".to_string(),
            "resize-image의 OnFailure 대상은 지금 토픽 image-alerts입니다.".to_string()
        )
    );
    let item = line(&succeeding(), goal, Lang::En);
    assert_eq!(item.resources, [RESIZE, ALERTS]);
}

#[test]
fn a_link_the_function_does_not_have_yet_is_named_as_missing() {
    let goal =
        r#"{"link": {"from": "function:store-metadata", "kind": "onSuccess", "toKind": "queue"}}"#;
    assert_eq!(
        details(&succeeding(), goal),
        (
            "store-metadata has no OnSuccess destination yet.".to_string(),
            "store-metadata에 아직 OnSuccess 대상이 없습니다.".to_string()
        )
    );
}

#[test]
fn a_link_to_a_kind_passes_for_any_resource_of_that_kind_only() {
    let topic =
        r#"{"link": {"from": "function:resize-image", "kind": "onFailure", "toKind": "topic"}}"#;
    let queue =
        r#"{"link": {"from": "function:resize-image", "kind": "onFailure", "toKind": "queue"}}"#;
    assert!(passes(&succeeding(), topic));
    assert!(!passes(&succeeding(), queue));
    assert_eq!(
        sentences(queue),
        (
            "resize-image sends failed events (OnFailure) to a queue".to_string(),
            "resize-image의 실패한 이벤트(OnFailure)가 큐로 갑니다".to_string()
        )
    );
    let bus =
        r#"{"link": {"from": "function:resize-image", "kind": "onSuccess", "toKind": "eventBus"}}"#;
    assert!(sentences(bus).0.ends_with("to an event bus"));
}

#[test]
fn a_link_to_a_resource_the_diagram_lacks_says_it_is_not_there_yet() {
    assert_eq!(
        details(&succeeding(), ON_FAILURE_TO_FAILURES),
        (
            "There is no queue named image-failures in the diagram yet.".to_string(),
            "큐 image-failures가 다이어그램에 아직 없습니다.".to_string()
        )
    );
    assert!(passes(
        &image_with(|v| {
            let function = &mut v["functions"][0];
            function["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]["Destination"] =
                json!(FAILURES);
            if let Some(queues) = v["queues"].as_array_mut() {
                queues.push(json!({"QueueName": "image-failures"}));
            }
        }),
        ON_FAILURE_TO_FAILURES
    ));
}

#[test]
fn a_dead_letter_queue_does_not_pass_for_an_on_failure_destination() {
    assert!(!passes(&dead_lettered(), ON_FAILURE_TO_FAILURES));
    let dlq = r#"{"link": {"from": "function:resize-image", "kind": "deadLetterQueue", "to": "queue:image-failures"}}"#;
    assert!(passes(&dead_lettered(), dlq));
    assert!(!passes(&failing(), dlq));
    assert_eq!(
        sentences(dlq),
        (
            "resize-image has the queue image-failures as its dead-letter queue".to_string(),
            "resize-image의 데드 레터 큐(DLQ)는 큐 image-failures입니다".to_string()
        )
    );
}

#[test]
fn a_mapping_link_names_the_queue_it_reads_and_the_function_it_invokes() {
    let goal = r#"{"link": {"from": "queue:image-metadata", "kind": "mapping", "to": "function:store-metadata"}}"#;
    assert!(passes(&succeeding(), goal));
    let wrong = r#"{"link": {"from": "queue:image-metadata", "kind": "mapping", "to": "function:resize-image"}}"#;
    assert!(!passes(&succeeding(), wrong));
    assert_eq!(
        sentences(goal),
        (
            "An event source mapping reads image-metadata and invokes the function store-metadata"
                .to_string(),
            "이벤트 소스 매핑이 image-metadata에서 읽어 함수 store-metadata를 호출합니다"
                .to_string()
        )
    );
}

// --- setting ---------------------------------------------------------------------------------

const RETRIES: &str = "/EventInvokeConfig/MaximumRetryAttempts";

fn setting(test: &str) -> String {
    format!(r#"{{"setting": {{"of": "function:resize-image", "field": "{RETRIES}", {test}}}}}"#)
}

#[test]
fn a_setting_that_must_equal_a_value_passes_on_it_and_says_what_it_is_otherwise() {
    assert!(passes(&succeeding(), &setting(r#""equals": 2"#)));
    // A number compares by value: 2 is 2.0.
    assert!(passes(&succeeding(), &setting(r#""equals": 2.0"#)));
    let zero = setting(r#""equals": 0"#);
    assert_eq!(
        sentences(&zero),
        (
            "resize-image's MaximumRetryAttempts is 0".to_string(),
            "resize-image의 MaximumRetryAttempts 값이 0입니다".to_string()
        )
    );
    assert_eq!(
        details(&succeeding(), &zero),
        ("It is 2 now.".to_string(), "지금 값은 2입니다.".to_string())
    );
    assert_eq!(line(&succeeding(), &zero, Lang::En).resources, [RESIZE]);
}

#[test]
fn a_setting_in_a_range_passes_inside_it_and_fails_outside() {
    let range = setting(r#""min": 1, "max": 2"#);
    assert!(passes(&succeeding(), &range));
    assert_eq!(
        sentences(&range),
        (
            "resize-image's MaximumRetryAttempts is between 1 and 2".to_string(),
            "resize-image의 MaximumRetryAttempts 값이 1 이상 2 이하입니다".to_string()
        )
    );
    let at_most = setting(r#""max": 1"#);
    assert!(!passes(&succeeding(), &at_most));
    assert_eq!(
        sentences(&at_most),
        (
            "resize-image's MaximumRetryAttempts is at most 1".to_string(),
            "resize-image의 MaximumRetryAttempts 값이 1 이하입니다".to_string()
        )
    );
    assert!(passes(&succeeding(), &setting(r#""min": 2"#)));
    assert!(!passes(&succeeding(), &setting(r#""min": 3"#)));
}

#[test]
fn a_setting_left_to_the_default_fails_present_and_passes_absent() {
    let dlq_set = r#"{"setting": {"of": "function:resize-image", "field": "/DeadLetterConfig/TargetArn", "present": true}}"#;
    let dlq_unset = r#"{"setting": {"of": "function:resize-image", "field": "/DeadLetterConfig/TargetArn", "present": false}}"#;
    assert!(!passes(&succeeding(), dlq_set));
    assert!(passes(&succeeding(), dlq_unset));
    assert!(passes(&dead_lettered(), dlq_set));
    assert!(!passes(&dead_lettered(), dlq_unset));
    assert_eq!(
        details(&succeeding(), dlq_set),
        (
            "It is not set now (AWS's default applies).".to_string(),
            "지금은 설정되어 있지 않습니다(AWS 기본값 적용).".to_string()
        )
    );
    assert_eq!(
        sentences(dlq_unset),
        (
            "resize-image's TargetArn is not set (AWS's default applies)".to_string(),
            "resize-image의 TargetArn 값이 설정되어 있지 않습니다(AWS 기본값 적용)".to_string()
        )
    );
    // A range is not met by a value that is not there.
    let missing = r#"{"setting": {"of": "function:resize-image", "field": "/EventInvokeConfig/Nothing", "min": 0}}"#;
    assert!(!passes(&succeeding(), missing));
}

#[test]
fn a_setting_of_a_resource_the_diagram_lacks_says_so() {
    let goal = r#"{"setting": {"of": "function:thumbnail", "field": "/Timeout", "equals": 3}}"#;
    assert_eq!(
        details(&succeeding(), goal),
        (
            "There is no function named thumbnail in the diagram yet.".to_string(),
            "함수 thumbnail이 다이어그램에 아직 없습니다.".to_string()
        )
    );
}

// --- resources and links ---------------------------------------------------------------------

#[test]
fn a_count_of_resources_passes_in_range_and_says_how_many_there_are() {
    let two = r#"{"resources": {"kind": "function", "min": 2}}"#;
    assert!(passes(&succeeding(), two));
    assert_eq!(
        sentences(two),
        (
            "The diagram has at least 2 functions".to_string(),
            "다이어그램에 함수가 2개 이상 있습니다".to_string()
        )
    );
    let three = r#"{"resources": {"kind": "function", "equals": 3}}"#;
    assert_eq!(
        details(&succeeding(), three),
        (
            "The diagram has 2 now.".to_string(),
            "지금은 2개입니다.".to_string()
        )
    );
    // The default is at least one.
    assert!(passes(&succeeding(), r#"{"resources": {"kind": "topic"}}"#));
    assert!(!passes(
        &succeeding(),
        r#"{"resources": {"kind": "eventBus"}}"#
    ));
    assert_eq!(
        sentences(r#"{"resources": {"kind": "eventBus"}}"#),
        (
            "The diagram has at least 1 event bus".to_string(),
            "다이어그램에 이벤트 버스가 1개 이상 있습니다".to_string()
        )
    );
}

#[test]
fn a_count_of_at_most_one_or_none_reads_naturally() {
    let at_most_one = r#"{"resources": {"kind": "queue", "max": 1}}"#;
    assert!(passes(&succeeding(), at_most_one));
    assert!(!passes(&dead_lettered(), at_most_one));
    assert_eq!(
        sentences(at_most_one),
        (
            "The diagram has at most 1 queue".to_string(),
            "다이어그램에 큐가 1개 이하 있습니다".to_string()
        )
    );
    let none = r#"{"resources": {"kind": "eventBus", "equals": 0}}"#;
    assert!(passes(&succeeding(), none));
    assert_eq!(
        sentences(none),
        (
            "The diagram has no event buses".to_string(),
            "다이어그램에 이벤트 버스가 없습니다".to_string()
        )
    );
    assert_eq!(
        sentences(r#"{"links": {"kind": "onFailure", "max": 1}}"#).0,
        "The diagram has at most 1 OnFailure destination"
    );
}

#[test]
fn a_count_of_links_passes_in_range_and_says_how_many_there_are() {
    let one = r#"{"links": {"kind": "onSuccess", "equals": 1}}"#;
    assert!(passes(&succeeding(), one));
    assert_eq!(
        sentences(one),
        (
            "The diagram has exactly 1 OnSuccess destination".to_string(),
            "다이어그램에 OnSuccess 대상이 정확히 1개 있습니다".to_string()
        )
    );
    let dlq = r#"{"links": {"kind": "deadLetterQueue"}}"#;
    assert!(passes(&dead_lettered(), dlq));
    assert_eq!(
        details(&succeeding(), dlq),
        (
            "The diagram has 0 now.".to_string(),
            "지금은 0개입니다.".to_string()
        )
    );
    let two = r#"{"links": {"kind": "onFailure", "min": 2}}"#;
    assert_eq!(
        sentences(two).0,
        "The diagram has at least 2 OnFailure destinations"
    );
}

// --- events ----------------------------------------------------------------------------------

#[test]
fn events_at_a_resource_are_counted_with_equals_min_and_max() {
    let three = r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "equals": 3}}"#;
    assert!(passes(&failing(), three));
    assert!(!passes(&succeeding(), three));
    assert!(passes(
        &failing(),
        r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "min": 2, "max": 3}}"#
    ));
    assert!(!passes(
        &failing(),
        r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "min": 4}}"#
    ));
    // store-metadata's attempt is not resize-image's.
    let resize_once = r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "equals": 1}}"#;
    assert!(passes(&succeeding(), resize_once));
    let store = r#"{"events": {"kind": "attemptStarted", "resource": "function:store-metadata"}}"#;
    assert!(passes(&succeeding(), store));
    assert!(!passes(&failing(), store));
    assert!(!passes(
        &succeeding(),
        r#"{"events": {"kind": "attemptFailed", "resource": "function:store-metadata"}}"#
    ));
    assert_eq!(
        sentences(three),
        (
            "Exactly 3 attempts at resize-image".to_string(),
            "resize-image에서 실행 시도가 정확히 3번 있습니다".to_string()
        )
    );
    assert_eq!(
        sentences(r#"{"events": {"kind": "retryScheduled", "min": 1, "max": 2}}"#),
        (
            "Between 1 and 2 retries".to_string(),
            "예약된 재시도가 1~2번 있습니다".to_string()
        )
    );
    assert_eq!(
        sentences(r#"{"events": {"kind": "retryScheduled", "max": 1}}"#).0,
        "At most 1 retry"
    );
}

#[test]
fn too_many_events_lists_the_offending_steps_and_points_at_them() {
    let goal =
        r#"{"events": {"kind": "attemptFailed", "resource": "function:resize-image", "max": 1}}"#;
    assert_eq!(
        details(&failing(), goal),
        (
            "The run had 3. Among them: \
             Step 4: resize-image attempt 1 failed: ImageTooLarge: too big. \
             Step 7: resize-image attempt 2 failed: ImageTooLarge: too big."
                .to_string(),
            "실행에서 3번 있었습니다. 해당 단계: \
             4단계: resize-image 시도 1이 실패했습니다: ImageTooLarge: too big. \
             7단계: resize-image 시도 2가 실패했습니다: ImageTooLarge: too big."
                .to_string()
        )
    );
    let item = line(&failing(), goal, Lang::En);
    assert_eq!(item.events, [3, 6]);
    assert_eq!(item.resources, [RESIZE]);
    assert!(passes(&succeeding(), goal));
}

#[test]
fn a_delivery_through_the_dead_letter_queue_is_named_when_on_failure_was_expected() {
    let goal = r#"{"events": {"kind": "delivered", "target": "queue:image-failures", "via": "onFailure"}}"#;
    assert_eq!(
        sentences(goal),
        (
            "At least 1 delivery to the queue image-failures through OnFailure".to_string(),
            "OnFailure를 통해 큐 image-failures로 가는 전달이 1번 이상 있습니다".to_string()
        )
    );
    assert_eq!(
        details(&dead_lettered(), goal),
        (
            "The run had none. Closest in the run: \
             Step 13: The queue image-failures received the body through its dead-letter queue."
                .to_string(),
            "실행에서는 한 번도 없었습니다. 실행에서 가장 가까운 단계: \
             13단계: 큐 image-failures가 데드 레터 큐를 통해 본문을 받았습니다."
                .to_string()
        )
    );
    let item = line(&dead_lettered(), goal, Lang::En);
    assert_eq!(item.events, [12]);
    assert_eq!(item.resources, [FAILURES]);
    let through_dlq = r#"{"events": {"kind": "delivered", "target": "queue:image-failures", "via": "deadLetterQueue"}}"#;
    assert!(passes(&dead_lettered(), through_dlq));
}

#[test]
fn a_missing_delivery_lists_the_deliveries_that_missed_the_fewest_fields() {
    // Both deliveries of the successful run miss the target and the path: both are shown.
    let goal =
        r#"{"events": {"kind": "delivered", "target": "topic:image-alerts", "via": "onFailure"}}"#;
    assert!(passes(&failing(), goal));
    let item = line(&succeeding(), goal, Lang::En);
    assert_eq!(
        item.detail.as_deref(),
        Some(
            "The run had none. Closest in the run: \
             Step 1: The object uploads/cat.jpg was uploaded to the bucket images. \
             Step 6: The queue image-metadata received the body through its OnSuccess destination."
        )
    );
    assert_eq!(item.events, [0, 5]);
    assert_eq!(item.resources, [IMAGES, METADATA]);
    // Only the target is wrong: the delivery through OnSuccess is one field away, the upload two.
    let near =
        r#"{"events": {"kind": "delivered", "target": "topic:image-alerts", "via": "onSuccess"}}"#;
    assert_eq!(line(&succeeding(), near, Lang::En).events, [5]);
}

#[test]
fn events_to_a_kind_of_target_pass_for_any_resource_of_that_kind() {
    let topic = r#"{"events": {"kind": "delivered", "targetKind": "topic"}}"#;
    assert!(passes(&failing(), topic));
    assert!(!passes(&succeeding(), topic));
    assert_eq!(
        sentences(topic),
        (
            "At least 1 delivery to a topic".to_string(),
            "토픽으로 가는 전달이 1번 이상 있습니다".to_string()
        )
    );
}

#[test]
fn events_through_a_path_match_only_that_path() {
    let on_success = r#"{"events": {"kind": "delivered", "via": "onSuccess"}}"#;
    assert!(passes(&succeeding(), on_success));
    assert!(!passes(&failing(), on_success));
    let dlq = r#"{"events": {"kind": "delivered", "via": "deadLetterQueue", "equals": 1}}"#;
    assert!(passes(&dead_lettered(), dlq));
    assert!(!passes(&failing(), dlq));
    assert_eq!(
        sentences(dlq),
        (
            "Exactly 1 delivery through the dead-letter queue".to_string(),
            "데드 레터 큐(DLQ)를 통한 전달이 정확히 1번 있습니다".to_string()
        )
    );
}

#[test]
fn events_with_a_condition_match_only_that_condition() {
    let exhausted = r#"{"events": {"kind": "destinationChosen", "condition": "RetriesExhausted"}}"#;
    assert!(passes(&failing(), exhausted));
    assert_eq!(
        sentences(exhausted),
        (
            "At least 1 record sent to a destination with the condition RetriesExhausted"
                .to_string(),
            "조건이 RetriesExhausted인 대상으로 보낸 레코드가 1번 이상 있습니다".to_string()
        )
    );
    let item = line(&succeeding(), exhausted, Lang::En);
    assert!(!item.passed);
    assert_eq!(
        item.detail.as_deref(),
        Some(
            "The run had none. Closest in the run: \
             Step 5: condition=Success, so the record goes to the OnSuccess destination image-metadata."
        )
    );
    assert_eq!(item.events, [4]);
}

#[test]
fn events_whose_body_has_a_field_match_only_that_value() {
    let three = r#"{"events": {"kind": "delivered", "via": "onFailure", "body": {"/requestContext/approximateInvokeCount": 3}}}"#;
    let one = r#"{"events": {"kind": "delivered", "via": "onFailure", "body": {"/requestContext/approximateInvokeCount": 1}}}"#;
    assert!(passes(&failing(), three));
    assert!(!passes(&failing(), one));
    assert_eq!(
        sentences(one),
        (
            "At least 1 delivery through OnFailure whose body has requestContext.approximateInvokeCount = 1"
                .to_string(),
            "OnFailure를 통한 본문의 requestContext.approximateInvokeCount 값이 1인 전달이 1번 이상 있습니다"
                .to_string()
        )
    );
    // The delivery with the wrong count is the closest.
    assert_eq!(line(&failing(), one, Lang::En).events, [12]);
    let condition = r#"{"events": {"kind": "delivered", "body": {"/requestContext/condition": "RetriesExhausted"}}}"#;
    assert!(passes(&failing(), condition));
    assert!(!passes(&succeeding(), condition));
}

#[test]
fn events_within_a_time_count_only_what_happened_by_then() {
    let first_minute = r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "withinMs": 60000, "equals": 1}}"#;
    assert!(passes(&failing(), first_minute));
    let two_in_a_minute = r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "withinMs": 60000, "min": 2}}"#;
    assert!(!passes(&failing(), two_in_a_minute));
    assert!(passes(
        &failing(),
        r#"{"events": {"kind": "attemptStarted", "resource": "function:resize-image", "withinMs": 61000, "min": 2}}"#
    ));
    assert_eq!(
        sentences(two_in_a_minute),
        (
            "At least 2 attempts at resize-image within 1 min".to_string(),
            "1분 안에 resize-image에서 실행 시도가 2번 이상 있습니다".to_string()
        )
    );
    // The attempt one second too late is the closest.
    let item = line(&failing(), two_in_a_minute, Lang::En);
    assert_eq!(item.events, [5, 8]);
    assert!(item
        .detail
        .as_deref()
        .is_some_and(|d| d.starts_with("The run had 1. Closest in the run: Step 6: ")));
}

#[test]
fn events_at_a_resource_the_diagram_lacks_say_it_is_not_there() {
    let goal = r#"{"events": {"kind": "delivered", "target": "queue:image-failures"}}"#;
    assert_eq!(
        details(&failing(), goal).0,
        "There is no queue named image-failures in the diagram yet."
    );
}

// --- none ------------------------------------------------------------------------------------

#[test]
fn none_passes_when_no_event_matches_and_lists_the_ones_that_do() {
    let goal = r#"{"none": {"kind": "delivered", "via": "onFailure"}}"#;
    assert!(passes(&succeeding(), goal));
    assert_eq!(
        sentences(goal),
        (
            "No deliveries through OnFailure".to_string(),
            "OnFailure를 통한 전달이 한 번도 없습니다".to_string()
        )
    );
    assert_eq!(
        details(&failing(), goal),
        (
            "The run had 1. Among them: \
             Step 13: The topic image-alerts received the body through its OnFailure destination."
                .to_string(),
            "실행에서 1번 있었습니다. 해당 단계: \
             13단계: 토픽 image-alerts가 OnFailure 대상을 통해 본문을 받았습니다."
                .to_string()
        )
    );
    assert_eq!(line(&failing(), goal, Lang::En).resources, [ALERTS]);
}

// --- before ----------------------------------------------------------------------------------

const FAIL_THEN_RETRY: &str =
    r#"{"before": {"first": {"kind": "attemptFailed"}, "then": {"kind": "retryScheduled"}}}"#;
const OUT_OF_RETRIES_THEN_ATTEMPT: &str = r#"{"before": {"first": {"kind": "retriesExhausted"}, "then": {"kind": "attemptStarted", "resource": "function:resize-image"}}}"#;

#[test]
fn before_passes_when_the_first_comes_first() {
    assert!(passes(&failing(), FAIL_THEN_RETRY));
    assert_eq!(
        sentences(FAIL_THEN_RETRY),
        (
            "A failed attempt happens before a retry".to_string(),
            "실패한 시도가 예약된 재시도보다 먼저 일어납니다".to_string()
        )
    );
    // An attempt comes before the run out of retries, even though attempts also follow it: one
    // of each in that order is enough.
    let attempt_then_out = r#"{"before": {"first": {"kind": "attemptStarted"}, "then": {"kind": "retriesExhausted"}}}"#;
    assert!(passes(&failing(), attempt_then_out));
}

#[test]
fn before_fails_the_other_way_round_and_points_at_both_steps() {
    assert_eq!(
        details(&failing(), OUT_OF_RETRIES_THEN_ATTEMPT),
        (
            "The other way round: the last attempt at resize-image came at step 9, \
             the first event out of retries only at step 11."
                .to_string(),
            "순서가 반대입니다: 마지막 resize-image에서 실행 시도가 9단계에 있었고, \
             첫 재시도를 모두 쓴 이벤트는 11단계에야 있었습니다."
                .to_string()
        )
    );
    assert_eq!(
        line(&failing(), OUT_OF_RETRIES_THEN_ATTEMPT, Lang::En).events,
        [8, 10]
    );
    let retry_then_fail =
        r#"{"before": {"first": {"kind": "retryScheduled"}, "then": {"kind": "attemptFailed"}}}"#;
    assert!(passes(&failing(), retry_then_fail));
}

#[test]
fn before_fails_when_either_event_never_happens() {
    assert_eq!(
        details(&succeeding(), FAIL_THEN_RETRY),
        (
            "The run had no failed attempt.".to_string(),
            "실행에 실패한 시도가 없었습니다.".to_string()
        )
    );
    let success_then_dlq = r#"{"before": {"first": {"kind": "attemptSucceeded"}, "then": {"kind": "delivered", "via": "deadLetterQueue"}}}"#;
    assert_eq!(
        details(&succeeding(), success_then_dlq).0,
        "The run had no delivery through the dead-letter queue."
    );
    let nowhere = r#"{"before": {"first": {"kind": "attemptFailed", "resource": "function:thumbnail"}, "then": {"kind": "retryScheduled"}}}"#;
    assert_eq!(
        details(&failing(), nowhere).0,
        "There is no function named thumbnail in the diagram yet."
    );
}

// --- all, any, not ---------------------------------------------------------------------------

#[test]
fn each_goal_of_a_top_level_all_is_one_line_of_the_checklist() {
    let goal = format!(
        r#"{{"all": [{ON_FAILURE_TO_ALERTS}, {{"events": {{"kind": "attemptFailed", "min": 3}}}}]}}"#
    );
    let check = checklist(&succeeding(), &goal, Lang::En);
    assert!(!check.passed);
    let lines: Vec<(&str, bool)> = check
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.passed))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "resize-image sends failed events (OnFailure) to the topic image-alerts",
                true
            ),
            ("At least 3 failed attempts", false),
        ]
    );
    assert!(checklist(&failing(), &goal, Lang::En).passed);
}

#[test]
fn a_nested_all_passes_only_when_every_goal_does() {
    let nested = format!(
        r#"{{"not": {{"all": [{ON_FAILURE_TO_ALERTS}, {{"events": {{"kind": "attemptFailed"}}}}]}}}}"#
    );
    assert!(passes(&succeeding(), &nested));
    assert!(!passes(&failing(), &nested));
    assert_eq!(
        sentences(&nested).0,
        "Not so: resize-image sends failed events (OnFailure) to the topic image-alerts; and at least 1 failed attempt"
    );
}

#[test]
fn any_passes_when_one_alternative_does_and_otherwise_says_what_the_first_lacks() {
    let goal = format!(r#"{{"any": [{ON_FAILURE_TO_FAILURES}, {ON_FAILURE_TO_ALERTS}]}}"#);
    assert!(passes(&succeeding(), &goal));
    let neither =
        r#"{"any": [{"resources": {"kind": "eventBus"}}, {"links": {"kind": "deadLetterQueue"}}]}"#;
    assert_eq!(
        details(&succeeding(), neither),
        (
            "The diagram has 0 now.".to_string(),
            "지금은 0개입니다.".to_string()
        )
    );
    assert_eq!(
        sentences(neither),
        (
            "One of these: The diagram has at least 1 event bus; or the diagram has at least 1 dead-letter queue"
                .to_string(),
            "다음 중 하나: 다이어그램에 이벤트 버스가 1개 이상 있습니다; 또는 다이어그램에 데드 레터 큐(DLQ)가 1개 이상 있습니다"
                .to_string()
        )
    );
}

#[test]
fn not_passes_when_its_goal_fails_and_says_the_diagram_does_what_it_must_not() {
    let goal = format!(r#"{{"not": {ON_FAILURE_TO_ALERTS}}}"#);
    assert!(passes(&dead_lettered(), &goal));
    assert_eq!(
        sentences(&goal),
        (
            "Not so: resize-image sends failed events (OnFailure) to the topic image-alerts"
                .to_string(),
            "다음이 아니어야 합니다: resize-image의 실패한 이벤트(OnFailure)가 토픽 image-alerts로 갑니다"
                .to_string()
        )
    );
    assert_eq!(
        details(&succeeding(), &goal),
        (
            "It is so now.".to_string(),
            "지금 그렇게 되어 있습니다.".to_string()
        )
    );
}

#[test]
fn goals_that_read_the_run_say_so() {
    assert!(goal_of(FAIL_THEN_RETRY).needs_run());
    assert!(goal_of(r#"{"not": {"none": {"kind": "delivered"}}}"#).needs_run());
    assert!(!goal_of(ON_FAILURE_TO_ALERTS).needs_run());
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

const KINESIS: &str = include_str!("../../../../static/gallery/kinesis-dlq.json");

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
