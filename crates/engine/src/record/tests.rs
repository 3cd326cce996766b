//! Unit tests of the records.

use super::{
    async_record, dead_letter_counterpart, dlq_attributes, stream_failure_record,
    write_async_record, AsyncRecordParts, BatchError, Condition, JsonLen, JsonOut, LastResponse,
    RequestContext, ResponsePayload, StreamBatchInfo,
};
use serde_json::{json, Value};

fn ctx<'a>(condition: Condition, count: u32) -> RequestContext<'a> {
    RequestContext {
        request_id: "id",
        function_arn: "arn:aws:lambda:us-east-2:123456789012:function:f:$LATEST",
        condition: condition.as_str(),
        approximate_invoke_count: count,
        executed_version: "$LATEST",
    }
}

#[test]
fn spec_4_1_success_record_keys_are_in_aws_order_without_function_error() {
    let payload = json!({"b": 1, "a": 2});
    let response = json!("done");
    let text = async_record(
        "2026-01-01T00:00:00.000Z",
        ctx(Condition::Success, 1),
        &payload,
        Some(LastResponse {
            function_error: false,
            payload: &response,
        }),
    );
    assert_eq!(
        text,
        r#"{"version":"1.0","timestamp":"2026-01-01T00:00:00.000Z","requestContext":{"requestId":"id","functionArn":"arn:aws:lambda:us-east-2:123456789012:function:f:$LATEST","condition":"Success","approximateInvokeCount":1},"requestPayload":{"b":1,"a":2},"responseContext":{"statusCode":200,"executedVersion":"$LATEST"},"responsePayload":"done"}"#
    );
}

/// Texts that need every kind of escape serde_json writes, and some that need none.
const AWKWARD: [&str; 5] = [
    "plain",
    "quote \" backslash \\ slash /",
    "tab\tnewline\ncr\rbackspace\u{8}formfeed\u{c}",
    "control \u{0}\u{1}\u{1f} del \u{7f}",
    "unicode é 😀 \u{2028}",
];

#[test]
fn spec_4_1_a_record_written_from_its_parts_is_the_serde_json_record_byte_for_byte() {
    for text in AWKWARD {
        let payload = json!({"k": text, "n": [1, 2.5, null, true]});
        let error =
            json!({"errorMessage": text, "errorType": text, "requestId": text, "stackTrace": []});
        let timeout = json!({"errorType": "Sandbox.Timedout", "errorMessage": format!("RequestId: {text} Error: Task timed out after 3.00 seconds")});
        let responses = [
            (None, None),
            (
                Some((false, payload.clone())),
                Some(ResponsePayload::Json(&payload.to_string()).to_json()),
            ),
            (
                Some((true, error)),
                Some(
                    ResponsePayload::Error {
                        error_type: text,
                        error_message: text,
                        request_id: text,
                    }
                    .to_json(),
                ),
            ),
            (
                Some((true, timeout)),
                Some(
                    ResponsePayload::Timeout {
                        request_id: text,
                        timeout_ms: 3_000,
                    }
                    .to_json(),
                ),
            ),
        ];
        for (last, written) in &responses {
            let context = RequestContext {
                request_id: text,
                function_arn: text,
                condition: Condition::RetriesExhausted.as_str(),
                approximate_invoke_count: 3,
                executed_version: "$LATEST",
            };
            let expected = async_record(
                text,
                context,
                &payload,
                last.as_ref().map(|(function_error, payload)| LastResponse {
                    function_error: *function_error,
                    payload,
                }),
            );
            if let (Some((_, value)), Some(written)) = (last, written) {
                assert_eq!(*written, value.to_string());
            }
            let payload_text = payload.to_string();
            let response = match (last, written) {
                (Some((false, _)), Some(json)) => Some(ResponsePayload::Json(json)),
                (Some((true, v)), _) if v["errorType"] == "Sandbox.Timedout" => {
                    Some(ResponsePayload::Timeout {
                        request_id: text,
                        timeout_ms: 3_000,
                    })
                }
                (Some((true, _)), _) => Some(ResponsePayload::Error {
                    error_type: text,
                    error_message: text,
                    request_id: text,
                }),
                _ => None,
            };
            let parts = AsyncRecordParts {
                timestamp: text,
                request_id: text,
                function_arn: text,
                executed_version: "$LATEST",
                condition: Condition::RetriesExhausted.as_str(),
                approximate_invoke_count: 3,
                request_payload: &payload_text,
                response,
            };
            let mut out = String::new();
            write_async_record(&mut out, &parts);
            assert_eq!(out, expected);
            let mut len = JsonLen::default();
            write_async_record(&mut len, &parts);
            assert_eq!(len.0, expected.len(), "{expected}");
        }
    }
}

#[test]
fn numbers_are_written_as_serde_json_writes_them() {
    for n in [0u64, 7, 10, 99, 1_000, u64::from(u32::MAX), u64::MAX] {
        let mut out = String::new();
        out.number(n);
        assert_eq!(out, n.to_string());
    }
}

#[test]
fn spec_4_2_failure_record_carries_unhandled() {
    let text = async_record(
        "t",
        ctx(Condition::RetriesExhausted, 3),
        &json!({}),
        Some(LastResponse {
            function_error: true,
            payload: &json!({"errorType":"Error"}),
        }),
    );
    assert!(text.contains(r#""responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"}"#), "{text}");
}

#[test]
fn spec_4_2_zero_reserved_concurrency_record_has_no_response_fields() {
    let text = async_record(
        "t",
        ctx(Condition::ZeroReservedConcurrency, 0),
        &json!({"k": 1}),
        None,
    );
    assert!(
        !text.contains("responseContext") && !text.contains("responsePayload"),
        "{text}"
    );
    assert!(
        text.ends_with(r#""approximateInvokeCount":0},"requestPayload":{"k":1}}"#),
        "{text}"
    );
}

#[test]
fn spec_4_3_item_failures_give_a_null_function_error() {
    let info = StreamBatchInfo {
        shard_id: "shardId-000000000000",
        start_sequence_number: "1",
        end_sequence_number: "2",
        approximate_arrival_of_first_record: "a",
        approximate_arrival_of_last_record: "b",
        batch_size: 2,
        stream_arn: "s",
    };
    let text = stream_failure_record(
        "t",
        ctx(Condition::RetryAttemptsExhausted, 2),
        BatchError::ItemFailures,
        info,
        false,
        None,
    );
    assert!(text.starts_with(r#"{"requestContext":"#));
    assert!(
        text.contains(
            r#""functionError":null},"version":"1.0","timestamp":"t","KinesisBatchInfo":{"shardId""#
        ),
        "{text}"
    );
}

#[test]
fn spec_6_a_dlq_would_get_the_original_event_with_the_error_attributes() {
    let record = async_record(
        "t",
        ctx(Condition::RetriesExhausted, 3),
        &json!({"key": "cat.jpg"}),
        Some(LastResponse {
            function_error: true,
            payload: &json!({"errorMessage": "boom", "errorType": "Error"}),
        }),
    );
    let (body, attributes) = dead_letter_counterpart(&record).expect("an async record");
    assert_eq!(body, r#"{"key":"cat.jpg"}"#);
    let attributes: Value = serde_json::from_str(&attributes).expect("json");
    assert_eq!(attributes["RequestID"]["StringValue"], "id");
    assert_eq!(attributes["ErrorMessage"]["StringValue"], "boom");
    assert!(dead_letter_counterpart("{\"Records\":[]}").is_none());
}

#[test]
fn spec_6_dlq_error_message_is_cut_to_one_kilobyte() {
    let attrs: Value = serde_json::from_str(&dlq_attributes("r", &"é".repeat(1000))).expect("json");
    let message = attrs["ErrorMessage"]["StringValue"]
        .as_str()
        .expect("string");
    assert!(message.len() <= 1024);
    assert_eq!(attrs["ErrorCode"]["StringValue"], "200");
}
