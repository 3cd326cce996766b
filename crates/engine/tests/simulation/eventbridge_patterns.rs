//! EventBridge rules routing Lambda's destination records by their content, with every operator
//! of EventBridge's patterns, and `PutRule`'s refusal of a pattern it cannot read (spec §4.6; the
//! operators as the EventBridge user guide documents them and aws/event-ruler matches them).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::{simulate, RunOptions, Severity};
use serde_json::Value;

/// `f` invoked once asynchronously with `payload`, behaving as `behavior`, its OnSuccess and
/// OnFailure records going to bus `results`, whose one rule `route` (with `pattern`) sends what
/// it matches to queue `matched`. `extra` adds function fields (starting with a comma).
fn routed_with(behavior: &str, payload: &str, pattern: &str, extra: &str) -> Vec<Value> {
    let json = scenario(behavior, payload, pattern, extra);
    delivered(&run(&json), "matched")
}

fn scenario(behavior: &str, payload: &str, pattern: &str, extra: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}{extra},"EventInvokeConfig":{{"MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnSuccess":{{"Destination":"{BUS}/results"}},"OnFailure":{{"Destination":"{BUS}/results"}}}}}}}}],
        "queues":[{{"QueueName":"matched"}}],
        "eventBuses":[{{"Name":"results","Rules":[{{"Name":"route","EventPattern":{pattern},"Targets":["{SQS}:matched"]}}]}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{payload}}}]}}"#
    )
}

/// Whether the record of an invocation of `f` (behaving as `behavior`) reaches the rule's target.
fn routes(behavior: &str, pattern: &str) -> bool {
    routes_payload(behavior, r#"{"order":7}"#, pattern)
}

fn routes_payload(behavior: &str, payload: &str, pattern: &str) -> bool {
    !routed_with(behavior, payload, pattern, "").is_empty()
}

const OK: &str = "{}";
const VALUE_ERROR: &str =
    r#"{"outcome":{"type":"error","errorType":"ValueError","errorMessage":"bad order"}}"#;
const TIMEOUT: &str = r#"{"outcome":{"type":"timeout"},"durationMs":5000}"#;

#[test]
fn spec_4_6_an_exact_value_of_the_destination_record_routes_it() {
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail":{"responsePayload":{"errorType":["ValueError"]}}}"#
    ));
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"responsePayload":{"errorType":["valueerror"]}}}"#
    ));
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail":{"requestContext":{"condition":["RetriesExhausted"],"approximateInvokeCount":[1]}}}"#
    ));
    // A number matches the number, not its text.
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"requestContext":{"approximateInvokeCount":["1"]}}}"#
    ));
    assert!(routes(
        OK,
        r#"{"detail":{"requestContext":{"condition":["Success"]}}}"#
    ));
    assert!(!routes(
        OK,
        r#"{"detail":{"requestContext":{"condition":["RetriesExhausted"]}}}"#
    ));
}

#[test]
fn spec_4_6_prefix_and_suffix_match_strings_only() {
    let timeout_prefix = r#"{"detail":{"responsePayload":{"errorType":[{"prefix":"Sandbox."}]}}}"#;
    assert!(routes(TIMEOUT, timeout_prefix));
    assert!(!routes(VALUE_ERROR, timeout_prefix));
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail-type":[{"suffix":"- Failure"}]}"#
    ));
    assert!(!routes(OK, r#"{"detail-type":[{"suffix":"- Failure"}]}"#));
    // Case counts unless equals-ignore-case says otherwise.
    assert!(!routes(
        TIMEOUT,
        r#"{"detail":{"responsePayload":{"errorType":[{"prefix":"sandbox."}]}}}"#
    ));
    assert!(routes(
        TIMEOUT,
        r#"{"detail":{"responsePayload":{"errorType":[{"prefix":{"equals-ignore-case":"sandbox."}}]}}}"#
    ));
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail-type":[{"suffix":{"equals-ignore-case":"- FAILURE"}}]}"#
    ));
    // approximateInvokeCount is a number: a prefix never matches it.
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"requestContext":{"approximateInvokeCount":[{"prefix":"1"}]}}}"#
    ));
}

#[test]
fn spec_4_6_equals_ignore_case_matches_in_any_case_and_nothing_else() {
    let failures =
        r#"{"detail-type":[{"equals-ignore-case":"lambda function invocation result - failure"}]}"#;
    assert!(routes(VALUE_ERROR, failures));
    assert!(!routes(OK, failures));
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail-type":[{"equals-ignore-case":"lambda function invocation result"}]}"#
    ));
}

#[test]
fn spec_4_6_anything_but_routes_every_other_error_type() {
    let not_value_error =
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":["ValueError"]}]}}}"#;
    assert!(routes(TIMEOUT, not_value_error));
    assert!(!routes(VALUE_ERROR, not_value_error));
    let record = &routed_with(TIMEOUT, r#"{"order":7}"#, not_value_error, "")[0];
    assert_eq!(
        record["detail"]["responsePayload"]["errorType"],
        "Sandbox.Timedout"
    );
    assert_eq!(
        record["detail-type"],
        "Lambda Function Invocation Result - Failure"
    );
}

#[test]
fn spec_4_6_anything_but_never_matches_a_missing_field() {
    let not_value_error =
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":["ValueError"]}]}}}"#;
    // A success record's responsePayload has no errorType.
    assert!(!routes(r#"{"response":{"score":87}}"#, not_value_error));
    // A ZeroReservedConcurrency record has no responsePayload at all.
    assert!(routed_with(
        OK,
        r#"{"order":7}"#,
        not_value_error,
        r#","ReservedConcurrentExecutions":0"#
    )
    .is_empty());
    // ... which exists: false can catch alongside.
    let or_missing = r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":["ValueError"]},{"exists":false}]}}}"#;
    let zero = routed_with(
        OK,
        r#"{"order":7}"#,
        or_missing,
        r#","ReservedConcurrentExecutions":0"#,
    );
    assert_eq!(zero.len(), 1);
    assert_eq!(
        zero[0]["detail"]["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
}

#[test]
fn spec_4_6_anything_but_prefix_suffix_and_ignoring_case() {
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"prefix":"Sandbox."}}]}}}"#
    ));
    assert!(!routes(
        TIMEOUT,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"prefix":["Sandbox.","Runtime."]}}]}}}"#
    ));
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"suffix":"Error"}}]}}}"#
    ));
    assert!(routes(
        TIMEOUT,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"suffix":"Error"}}]}}}"#
    ));
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"equals-ignore-case":["valueerror"]}}]}}}"#
    ));
    assert!(!routes(
        TIMEOUT,
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"wildcard":"Sandbox.*"}}]}}}"#
    ));
    // anything-but numbers: the count is a number, and 1 is excluded.
    assert!(!routes(
        VALUE_ERROR,
        r#"{"detail":{"requestContext":{"approximateInvokeCount":[{"anything-but":[1]}]}}}"#
    ));
    assert!(routes(
        VALUE_ERROR,
        r#"{"detail":{"requestContext":{"approximateInvokeCount":[{"anything-but":[2,3]}]}}}"#
    ));
}

#[test]
fn spec_4_6_numeric_ranges_match_numbers_and_never_their_text() {
    let retried =
        r#"{"detail":{"requestContext":{"approximateInvokeCount":[{"numeric":[">",1]}]}}}"#;
    assert!(!routes(VALUE_ERROR, retried));
    let json = scenario(VALUE_ERROR, r#"{"order":7}"#, retried, "")
        .replace(r#""MaximumRetryAttempts":0"#, r#""MaximumRetryAttempts":2"#);
    let three = delivered(&run(&json), "matched");
    assert_eq!(three.len(), 1);
    assert_eq!(
        three[0]["detail"]["requestContext"]["approximateInvokeCount"],
        3
    );
    let total = r#"{"detail":{"requestPayload":{"total":[{"numeric":[">=",100,"<",1000]}]}}}"#;
    assert!(routes_payload(VALUE_ERROR, r#"{"total":100}"#, total));
    assert!(routes_payload(VALUE_ERROR, r#"{"total":999.99}"#, total));
    assert!(!routes_payload(VALUE_ERROR, r#"{"total":1000}"#, total));
    assert!(!routes_payload(VALUE_ERROR, r#"{"total":"500"}"#, total));
    assert!(!routes_payload(VALUE_ERROR, r#"{"total":null}"#, total));
    assert!(routes_payload(
        VALUE_ERROR,
        r#"{"total":301.8}"#,
        r#"{"detail":{"requestPayload":{"total":[{"numeric":["=",3.018e2]}]}}}"#
    ));
}

#[test]
fn spec_4_6_exists_tells_failures_from_successes_and_looks_at_values_only() {
    let has_function_error =
        r#"{"detail":{"responseContext":{"functionError":[{"exists":true}]}}}"#;
    assert!(routes(VALUE_ERROR, has_function_error));
    assert!(!routes(OK, has_function_error));
    let no_function_error =
        r#"{"detail":{"responseContext":{"functionError":[{"exists":false}]}}}"#;
    assert!(routes(OK, no_function_error));
    assert!(!routes(VALUE_ERROR, no_function_error));
    // requestPayload is an object, not a value: exists matches leaves only.
    assert!(!routes(
        OK,
        r#"{"detail":{"requestPayload":[{"exists":true}]}}"#
    ));
    assert!(routes(
        OK,
        r#"{"detail":{"requestPayload":[{"exists":false}]}}"#
    ));
}

#[test]
fn spec_4_6_wildcard_matches_the_function_in_the_resources() {
    assert!(routes(
        OK,
        r#"{"resources":[{"wildcard":"arn:aws:lambda:*:function:f:*"}]}"#
    ));
    assert!(!routes(
        OK,
        r#"{"resources":[{"wildcard":"arn:aws:lambda:*:function:other:*"}]}"#
    ));
    // The function ARN ends in :$LATEST, not a literal asterisk.
    assert!(!routes(
        OK,
        r#"{"resources":[{"wildcard":"arn:aws:lambda:*:function:f:\\*"}]}"#
    ));
}

#[test]
fn spec_4_6_cidr_matches_an_address_in_the_record_payload() {
    let office = r#"{"detail":{"requestPayload":{"clientIp":[{"cidr":"10.0.0.0/24"}]}}}"#;
    assert!(routes_payload(
        VALUE_ERROR,
        r#"{"clientIp":"10.0.0.42"}"#,
        office
    ));
    assert!(!routes_payload(
        VALUE_ERROR,
        r#"{"clientIp":"10.0.1.42"}"#,
        office
    ));
    assert!(!routes_payload(
        VALUE_ERROR,
        r#"{"clientIp":167772202}"#,
        office
    ));
    assert!(routes_payload(
        VALUE_ERROR,
        r#"{"clientIp":"2001:db8:1234:1a00::9"}"#,
        r#"{"detail":{"requestPayload":{"clientIp":[{"cidr":"2001:db8:1234:1a00::/64"}]}}}"#
    ));
}

#[test]
fn spec_4_6_or_routes_either_alternative() {
    let either = r#"{"detail-type":["Lambda Function Invocation Result - Failure"],"$or":[
        {"detail":{"responsePayload":{"errorType":[{"prefix":"Sandbox."}]}}},
        {"detail":{"requestPayload":{"priority":["high"]}}}]}"#;
    assert!(routes(TIMEOUT, either));
    assert!(routes_payload(
        VALUE_ERROR,
        r#"{"priority":"high"}"#,
        either
    ));
    assert!(!routes_payload(
        VALUE_ERROR,
        r#"{"priority":"low"}"#,
        either
    ));
    assert!(!routes_payload(OK, r#"{"priority":"high"}"#, either));
}

#[test]
fn spec_4_6_an_array_in_the_event_matches_when_any_element_does() {
    // resources is [bus ARN, qualified function ARN].
    let bus = format!(r#"{{"resources":["{BUS}/results","{SQS}:other"]}}"#);
    assert!(routes(OK, &bus));
    assert!(!routes(OK, &format!(r#"{{"resources":["{SQS}:other"]}}"#)));
    let items =
        r#"{"detail":{"requestPayload":{"items":{"sku":["B-2"],"qty":[{"numeric":[">",1]}]}}}}"#;
    assert!(routes_payload(
        VALUE_ERROR,
        r#"{"items":[{"sku":"A-1","qty":1},{"sku":"B-2","qty":5}]}"#,
        items
    ));
    // Both fields must match in the same element.
    assert!(!routes_payload(
        VALUE_ERROR,
        r#"{"items":[{"sku":"A-1","qty":5},{"sku":"B-2","qty":1}]}"#,
        items
    ));
}

#[test]
fn spec_4_6_put_rule_refuses_an_invalid_pattern_in_eventbridges_words_naming_the_rule() {
    let json = scenario(
        OK,
        "{}",
        r#"{"detail":{"responsePayload":{"errorType":[{"anything-but":{"prefix":""}}]}}}"#,
        "",
    );
    let found = findings(&json);
    let errors: Vec<_> = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    let f = errors[0];
    assert_eq!(f.code, "InvalidEventPatternException");
    assert_eq!(f.status, 400);
    assert_eq!(f.operation, "PutRule");
    assert_eq!(
        f.message,
        "Event pattern is not valid. Reason: Null prefix/suffix not allowed"
    );
    assert_eq!(f.field, "eventBuses[0].Rules[0].EventPattern");
    assert_eq!(
        f.resource,
        "arn:aws:events:us-east-2:123456789012:rule/results/route"
    );
    assert_eq!(f.rule.id(), "config.event-pattern");
    assert!(
        f.to_string().starts_with(
            "An error occurred (InvalidEventPatternException) when calling the PutRule operation: Event pattern is not valid. Reason: "
        ),
        "{f}"
    );
}

#[test]
fn spec_4_6_a_rule_on_the_default_bus_is_named_without_the_bus() {
    let json = format!(
        r#"{{"version":1,"queues":[{{"QueueName":"q"}}],
        "eventBuses":[{{"Name":"default","Rules":[{{"Name":"orders","EventPattern":{{"source":"shop"}},"Targets":["{SQS}:q"]}}]}}]}}"#
    );
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "Event pattern is not valid. Reason: \"source\" must be an object or an array"
    );
    assert_eq!(
        found[0].resource,
        "arn:aws:events:us-east-2:123456789012:rule/orders"
    );
}

#[test]
fn spec_4_6_valid_patterns_with_every_operator_are_accepted() {
    let pattern = r#"{"source":["lambda"],"detail-type":[{"equals-ignore-case":"x"},{"prefix":"L"},{"suffix":{"equals-ignore-case":"e"}},{"wildcard":"Lambda*"}],
        "resources":[{"exists":true}],"detail":{"requestContext":{"approximateInvokeCount":[{"numeric":[">",0,"<=",3]},{"anything-but":[4,5]}]},
        "requestPayload":{"ip":[{"cidr":"10.0.0.0/8"}],"n":[null,true,1.5]},"$or":[{"a":[{"anything-but":{"suffix":["x"]}}]},{"b":[{"exists":false}]}]}}"#;
    let found = findings(&scenario(OK, "{}", pattern, ""));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn spec_4_6_a_refused_rule_routes_nothing() {
    let json = scenario(VALUE_ERROR, "{}", r#"{"detail-type":[]}"#, "");
    let (scenario, _, findings) = engine::load(&json).unwrap();
    assert_eq!(findings.len(), 1);
    let run = simulate(&scenario, &RunOptions::default());
    assert!(delivered(&run, "matched").is_empty());
}
