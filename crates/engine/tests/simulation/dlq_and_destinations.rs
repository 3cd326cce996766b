//! The legacy dead-letter queue next to OnSuccess and OnFailure destinations, and the kinds of
//! target each accepts (spec §2.5, §2.6, §3.1, §6).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{Via, What};
use engine::{Kind, Severity};
use serde_json::json;

fn with_dlq(behavior: &str, config: &str, dlq: &str) -> String {
    async_scenario(
        behavior,
        config,
        &format!(r#","DeadLetterConfig":{{"TargetArn":"{dlq}"}}"#),
    )
}

#[test]
fn spec_6_dlq_and_on_failure_both_receive_the_failed_event() {
    let run = run(&with_dlq(FAIL, &limits(0, 21_600), &format!("{SQS}:dlq")));
    assert_eq!(deliveries(&run, "failed").len(), 1);
    assert_eq!(deliveries(&run, "dlq").len(), 1);
    assert_eq!(deliveries(&run, "dlq")[0].1, Via::DeadLetterQueue);
}

#[test]
fn spec_6_the_dlq_message_is_the_original_payload_with_request_id_error_code_and_error_message() {
    let run = run(&with_dlq(FAIL, &limits(0, 21_600), &format!("{SQS}:dlq")));
    let (_, _, body, attributes) = deliveries(&run, "dlq").remove(0);
    assert_eq!(body, r#"{"order":7}"#, "the event, unchanged");
    let attributes = attributes.expect("message attributes");
    let request_id = the_record(&run, "failed", Via::OnFailure)["requestContext"]["requestId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        attributes,
        json!({
            "RequestID": {"DataType": "String", "StringValue": request_id},
            "ErrorCode": {"DataType": "Number", "StringValue": "200"},
            "ErrorMessage": {"DataType": "String", "StringValue": "bad order"},
        })
    );
    assert_eq!(
        keys(&attributes),
        ["RequestID", "ErrorCode", "ErrorMessage"]
    );
}

#[test]
fn spec_6_the_dlq_error_message_is_cut_to_1_kb() {
    let long = "e".repeat(3000);
    let behavior = format!(r#"{{"outcome":{{"type":"error","errorMessage":"{long}"}}}}"#);
    let run = run(&with_dlq(
        &behavior,
        &limits(0, 21_600),
        &format!("{SQS}:dlq"),
    ));
    let attributes = deliveries(&run, "dlq").remove(0).3.unwrap();
    assert_eq!(
        attributes["ErrorMessage"]["StringValue"]
            .as_str()
            .unwrap()
            .len(),
        1024
    );
    // The OnFailure record keeps the whole message.
    assert_eq!(
        the_record(&run, "failed", Via::OnFailure)["responsePayload"]["errorMessage"]
            .as_str()
            .unwrap()
            .len(),
        3000
    );
}

#[test]
fn spec_6_a_dlq_alone_receives_a_failed_event_after_all_retries() {
    let run = run(&with_dlq(
        FAIL,
        r#"{"MaximumRetryAttempts":1}"#,
        &format!("{SQS}:dlq"),
    ));
    assert_eq!(attempt_times(&run).len(), 2);
    assert_eq!(deliveries(&run, "dlq").len(), 1);
    assert!(deliveries(&run, "failed").is_empty());
}

#[test]
fn spec_6_a_dlq_receives_nothing_when_the_function_succeeds() {
    let run = run(&with_dlq("{}", &both_destinations(), &format!("{SQS}:dlq")));
    assert!(deliveries(&run, "dlq").is_empty());
    assert_eq!(deliveries(&run, "ok").len(), 1);
}

#[test]
fn spec_6_a_dlq_can_be_an_sns_topic_and_its_subscribers_get_the_original_event() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{{"MaximumRetryAttempts":0}},
            "DeadLetterConfig":{{"TargetArn":"{SNS}:dead"}}}}],
        "topics":[{{"TopicName":"dead","Subscriptions":[{{"Protocol":"sqs","Endpoint":"{SQS}:inbox","RawMessageDelivery":true}}]}}],
        "queues":[{{"QueueName":"inbox"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    );
    let run = run(&json);
    assert_eq!(deliveries(&run, "dead")[0].1, Via::DeadLetterQueue);
    assert_eq!(deliveries(&run, "inbox")[0].2, r#"{"order":7}"#);
}

#[test]
fn spec_6_the_dlq_also_gets_an_event_failed_for_zero_reserved_concurrency() {
    let extra = format!(
        r#","ReservedConcurrentExecutions":0,"DeadLetterConfig":{{"TargetArn":"{SQS}:dlq"}}"#
    );
    let run = run(&async_scenario(FAIL, &limits(2, 21_600), &extra));
    let (_, _, body, attributes) = deliveries(&run, "dlq").remove(0);
    assert_eq!(body, r#"{"order":7}"#);
    // Nothing ran, so there is no error message; the engine writes the condition.
    assert_eq!(
        attributes.unwrap()["ErrorMessage"]["StringValue"],
        "ZeroReservedConcurrency"
    );
    assert_eq!(deliveries(&run, "failed").len(), 1);
}

#[test]
fn spec_2_6_on_success_gets_success_and_on_failure_gets_nothing() {
    let run = run(&async_scenario("{}", &both_destinations(), ""));
    assert_eq!(
        the_record(&run, "ok", Via::OnSuccess)["requestContext"]["condition"],
        "Success"
    );
    assert!(deliveries(&run, "failed").is_empty());
}

#[test]
fn spec_2_5_a_failure_without_on_failure_or_dlq_is_dropped_with_no_destination() {
    let config = format!(r#"{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:ok"}}}}}}"#);
    let run = run(&async_scenario(FAIL, &config, ""));
    assert_eq!(count(&run, |w| matches!(w, What::Delivered { .. })), 0);
    assert_eq!(count(&run, |w| matches!(w, What::NoDestination { .. })), 1);
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsDropped"), 1);
}

#[test]
fn spec_4_6_a_lambda_destination_is_invoked_asynchronously_with_the_record_as_its_event() {
    let json = format!(
        r#"{{"version":1,"functions":[
            {{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{LAMBDA}:handler"}}}}}}}},
            {{"FunctionName":"handler","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:seen"}}}}}}}}],
        "queues":[{{"QueueName":"seen"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    );
    let run = run(&json);
    assert_eq!(deliveries(&run, "handler")[0].1, Via::OnFailure);
    assert_eq!(
        count(&run, |w| *w == What::AsyncAccepted),
        2,
        "stated assumption: the destination function is queued like an Event invoke"
    );
    // The handler's own OnSuccess record shows the failure record as its request payload.
    let seen = the_record(&run, "seen", Via::OnSuccess);
    assert_eq!(
        seen["requestPayload"]["requestContext"]["condition"],
        "RetriesExhausted"
    );
    assert_eq!(
        seen["requestPayload"]["requestPayload"],
        json!({"order": 7})
    );
}

#[test]
fn spec_2_9_a_function_cannot_be_its_own_destination() {
    let config =
        format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{LAMBDA}:f"}}}}}}"#);
    let found = findings(&async_scenario(FAIL, &config, ""));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "InvalidParameterValueException");
    assert_eq!(found[0].operation, "PutFunctionEventInvokeConfig");
    assert_eq!(
        found[0].message,
        "You can't specify the function as a destination for itself."
    );
    assert_eq!(
        found[0].field,
        "functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
    );
}

#[test]
fn spec_3_1_s3_is_refused_as_on_success_and_accepted_as_on_failure() {
    let on_success = r#"{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:s3:::bucket"}}}"#;
    let json = async_scenario("{}", on_success, "").replace(
        r#""queues":"#,
        r#""buckets":[{"BucketName":"bucket"}],"queues":"#,
    );
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::bucket), onFailure=null) is invalid."
    );
    let on_failure = on_success.replace("OnSuccess", "OnFailure");
    let json = async_scenario("{}", &on_failure, "").replace(
        r#""queues":"#,
        r#""buckets":[{"BucketName":"bucket"}],"queues":"#,
    );
    assert!(findings(&json).is_empty());
}

#[test]
fn spec_3_1_a_kinesis_stream_is_not_an_async_destination() {
    let config =
        format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{KINESIS}/s"}}}}}}"#);
    let found = findings(&async_scenario(FAIL, &config, ""));
    assert_eq!(found[0].code, "InvalidParameterValueException");
    assert!(
        found[0].message.starts_with("The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=arn:aws:kinesis:"),
        "{}",
        found[0].message
    );
}

#[test]
fn spec_2_9_a_missing_destination_function_is_an_invalid_arn() {
    let config =
        format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{LAMBDA}:nobody"}}}}}}"#);
    let found = findings(&async_scenario(FAIL, &config, ""));
    assert_eq!(
        found[0].message,
        format!("The destination ARN {LAMBDA}:nobody is invalid.")
    );
}

#[test]
fn spec_2_9_an_event_invoke_config_with_nothing_set_is_refused() {
    let found = findings(&async_scenario(FAIL, "{}", ""));
    assert_eq!(
        found[0].message,
        "You must specify at least one of error handling or destination setting."
    );
}

#[test]
fn spec_2_9_numbers_out_of_range_get_the_validation_exception_text() {
    let found = findings(&async_scenario(FAIL, &limits(5, 30), ""));
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "1 validation error detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
            "1 validation error detected: Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
        ]
    );
    assert!(found
        .iter()
        .all(|f| f.code == "ValidationException" && f.severity == Severity::Error));
}

#[test]
fn spec_6_a_dlq_that_is_not_a_queue_or_topic_is_refused() {
    let json = with_dlq(FAIL, &limits(0, 60), &format!("{LAMBDA}:f"));
    let found = findings(&json);
    assert_eq!(found[0].field, "functions[0].DeadLetterConfig.TargetArn");
    assert_eq!(found[0].operation, "UpdateFunctionConfiguration");
}

#[test]
fn spec_6_a_role_without_send_message_cannot_set_a_dlq() {
    let json = with_dlq(
        FAIL,
        &limits(0, 60).replace(&format!("{SQS}:failed"), &format!("{SNS}:alerts")),
        &format!("{SQS}:dlq"),
    )
    .replace(
        r#""behavior""#,
        r#""permissions":[{"Action":"sns:Publish"}],"behavior""#,
    )
    .replace(
        r#""queues":"#,
        r#""topics":[{"TopicName":"alerts"}],"queues":"#,
    );
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "The provided execution role does not have permissions to call SendMessage on SQS"
    );
}

#[test]
fn spec_8_a_role_without_the_destination_action_is_refused_at_config_time() {
    let json = async_scenario(FAIL, &limits(0, 60), "").replace(
        r#""behavior""#,
        r#""permissions":[{"Action":"sns:Publish"}],"behavior""#,
    );
    let found = findings(&json);
    assert_eq!(
        found[0].message,
        format!(
            "The function's execution role does not have permissions to call SendMessage on {SQS}:failed"
        )
    );
}
