//! Tests of the goal language: links, settings, counts of resources and links, events, `none`,
//! `before`, and `all`, `any` and `not`.

use super::{
    checklist, dead_lettered, details, failing, goal_of, image_with, line, passes, sentences,
    succeeding, ALERTS, FAILURES, IMAGES, METADATA, RESIZE,
};
use crate::lang::Lang;
use serde_json::json;
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
