//! The exact JSON each target receives (spec §4, §6): async invocation records, stream and Kafka
//! failure records, DLQ messages, and the envelopes of SNS, EventBridge, SQS and S3 events.
//! Keys are in the order AWS delivers them; struct field order is serialization order.

use crate::trace::Condition;
use serde::Serialize;
use serde_json::{json, Value};

/// `requestContext` of a record.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestContext<'a> {
    /// Same id on every attempt.
    pub request_id: &'a str,
    /// Qualified for async (`:$LATEST`), unqualified for mappings.
    pub function_arn: &'a str,
    /// Why the record was sent.
    pub condition: &'static str,
    /// Attempts made.
    pub approximate_invoke_count: u32,
}

/// `responseContext` of an async record.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseContext {
    /// 200 even for function errors.
    pub status_code: u16,
    /// `$LATEST`.
    pub executed_version: &'static str,
    /// Present only when the function failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_error: Option<&'static str>,
}

/// The response of the last attempt, when there was one.
pub struct LastResponse<'a> {
    /// Whether it was an error.
    pub function_error: bool,
    /// The payload the function returned or the error it threw.
    pub payload: &'a Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AsyncRecord<'a> {
    version: &'static str,
    timestamp: &'a str,
    request_context: RequestContext<'a>,
    request_payload: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_context: Option<ResponseContext>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_payload: Option<&'a Value>,
}

/// The async invocation record of spec §4.1 and §4.2.
pub fn async_record(
    timestamp: &str,
    context: RequestContext<'_>,
    request_payload: &Value,
    last: Option<LastResponse<'_>>,
) -> String {
    let (response_context, response_payload) = match last {
        Some(last) => (
            Some(ResponseContext {
                status_code: 200,
                executed_version: "$LATEST",
                function_error: last.function_error.then_some("Unhandled"),
            }),
            Some(last.payload),
        ),
        None => (None, None),
    };
    to_json(&AsyncRecord {
        version: "1.0",
        timestamp,
        request_context: context,
        request_payload,
        response_context,
        response_payload,
    })
}

/// How a stream batch failed, for `responseContext.functionError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// The function threw: `"Unhandled"`.
    Unhandled,
    /// The function returned `batchItemFailures`: `null`.
    ItemFailures,
    /// Never invoked, or expired: no `responseContext` at all.
    None,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StreamResponseContext {
    status_code: u16,
    executed_version: &'static str,
    function_error: Option<&'static str>,
}

/// `KinesisBatchInfo` / `DDBStreamBatchInfo` (spec §4.3).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StreamBatchInfo<'a> {
    /// `shardId-000000000000`.
    pub shard_id: &'a str,
    /// First sequence number.
    pub start_sequence_number: &'a str,
    /// Last sequence number.
    pub end_sequence_number: &'a str,
    /// Arrival of the first record.
    pub approximate_arrival_of_first_record: &'a str,
    /// Arrival of the last record.
    pub approximate_arrival_of_last_record: &'a str,
    /// Records in the batch.
    pub batch_size: u32,
    /// The stream's ARN.
    pub stream_arn: &'a str,
}

#[derive(Serialize)]
struct StreamRecord<'a> {
    #[serde(rename = "requestContext")]
    request_context: RequestContext<'a>,
    #[serde(rename = "responseContext", skip_serializing_if = "Option::is_none")]
    response_context: Option<StreamResponseContext>,
    version: &'static str,
    timestamp: &'a str,
    #[serde(rename = "KinesisBatchInfo", skip_serializing_if = "Option::is_none")]
    kinesis: Option<StreamBatchInfo<'a>>,
    #[serde(rename = "DDBStreamBatchInfo", skip_serializing_if = "Option::is_none")]
    dynamodb: Option<StreamBatchInfo<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<String>,
}

/// The stream failure record of spec §4.3 (SQS, SNS) or §4.4 (S3, with `payload`).
pub fn stream_failure_record(
    timestamp: &str,
    context: RequestContext<'_>,
    error: BatchError,
    info: StreamBatchInfo<'_>,
    dynamodb: bool,
    payload_for_s3: Option<&Value>,
) -> String {
    let response_context = match error {
        BatchError::None => None,
        BatchError::Unhandled | BatchError::ItemFailures => Some(StreamResponseContext {
            status_code: 200,
            executed_version: "$LATEST",
            function_error: (error == BatchError::Unhandled).then_some("Unhandled"),
        }),
    };
    let (kinesis, dynamodb) = if dynamodb {
        (None, Some(info))
    } else {
        (Some(info), None)
    };
    to_json(&StreamRecord {
        request_context: context,
        response_context,
        version: "1.0",
        timestamp,
        kinesis,
        dynamodb,
        payload: payload_for_s3.map(|p| p.to_string()),
    })
}

/// The Kafka failure record of spec §4.5.
#[allow(clippy::too_many_arguments)]
pub fn kafka_failure_record(
    timestamp: &str,
    context: RequestContext<'_>,
    error: BatchError,
    batch_size: u32,
    event_source_arn: &str,
    bootstrap_servers: &str,
    payload_size: usize,
    records_info: Value,
    payload_for_s3: Option<&Value>,
) -> String {
    let response_context = match error {
        BatchError::None => Value::Null,
        _ => json!({"statusCode": 200, "executedVersion": "$LATEST",
            "functionError": if error == BatchError::Unhandled { Value::from("Unhandled") } else { Value::Null }}),
    };
    let mut record = json!({
        "requestContext": serde_json::to_value(&context).unwrap_or(Value::Null),
        "responseContext": response_context,
        "version": "1.0",
        "timestamp": timestamp,
        "KafkaBatchInfo": {
            "batchSize": batch_size,
            "eventSourceArn": event_source_arn,
            "bootstrapServers": bootstrap_servers,
            "payloadSize": payload_size,
            "recordsInfo": records_info,
        },
    });
    if let (Some(payload), Some(map)) = (payload_for_s3, record.as_object_mut()) {
        map.insert("payload".into(), Value::from(payload.to_string()));
    }
    record.to_string()
}

/// The SQS message attributes Lambda adds to a DLQ message (spec §6).
pub fn dlq_attributes(request_id: &str, error_message: &str) -> String {
    let mut message = error_message.to_string();
    if message.len() > 1024 {
        let mut cut = 1024;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
    }
    json!({
        "RequestID": {"DataType": "String", "StringValue": request_id},
        "ErrorCode": {"DataType": "Number", "StringValue": "200"},
        "ErrorMessage": {"DataType": "String", "StringValue": message},
    })
    .to_string()
}

/// What a dead-letter queue would have received instead of this async invocation record
/// (spec §6): the original event, unchanged, as the message body, with the `RequestID`,
/// `ErrorCode` and `ErrorMessage` attributes. `None` for anything that is not an async record.
pub fn dead_letter_counterpart(record_json: &str) -> Option<(String, String)> {
    let record: Value = serde_json::from_str(record_json).ok()?;
    let context = record.get("requestContext")?;
    let request_id = context.get("requestId")?.as_str()?;
    let condition = context.get("condition")?.as_str()?;
    let payload = record.get("requestPayload")?;
    let message = record
        .get("responsePayload")
        .and_then(|p| p.get("errorMessage"))
        .and_then(Value::as_str)
        .unwrap_or(condition);
    Some((payload.to_string(), dlq_attributes(request_id, message)))
}

/// The SNS envelope an SQS subscriber receives (spec §4.6).
pub fn sns_envelope(
    message_id: &str,
    topic_arn: &str,
    subject: Option<&str>,
    message: &str,
    timestamp: &str,
) -> String {
    let mut envelope = json!({
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": topic_arn,
    });
    if let (Some(subject), Some(map)) = (subject, envelope.as_object_mut()) {
        map.insert("Subject".into(), Value::from(subject));
    }
    if let Some(map) = envelope.as_object_mut() {
        map.insert("Message".into(), Value::from(message));
        map.insert("Timestamp".into(), Value::from(timestamp));
        map.insert("SignatureVersion".into(), Value::from("1"));
        map.insert("Signature".into(), Value::from("EXAMPLE"));
        map.insert(
            "SigningCertURL".into(),
            Value::from("https://sns.amazonaws.com/SimpleNotificationService-example.pem"),
        );
        map.insert("UnsubscribeURL".into(), Value::from(format!("https://sns.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={topic_arn}:{message_id}")));
    }
    envelope.to_string()
}

/// The event a Lambda subscriber of an SNS topic is invoked with.
pub fn sns_lambda_event(
    subscription_arn: &str,
    message_id: &str,
    topic_arn: &str,
    subject: Option<&str>,
    message: &str,
    timestamp: &str,
) -> Value {
    json!({"Records": [{
        "EventSource": "aws:sns",
        "EventVersion": "1.0",
        "EventSubscriptionArn": subscription_arn,
        "Sns": {
            "Type": "Notification",
            "MessageId": message_id,
            "TopicArn": topic_arn,
            "Subject": subject,
            "Message": message,
            "Timestamp": timestamp,
            "SignatureVersion": "1",
            "Signature": "EXAMPLE",
            "SigningCertUrl": "https://sns.amazonaws.com/SimpleNotificationService-example.pem",
            "UnsubscribeUrl": format!("https://sns.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription_arn}"),
            "MessageAttributes": {}
        }
    }]})
}

/// An EventBridge event (spec §4.6 for destinations: `source` `lambda`, resources = bus and function).
#[allow(clippy::too_many_arguments)]
pub fn eventbridge_event(
    id: &str,
    detail_type: &str,
    source: &str,
    account: &str,
    time: &str,
    region: &str,
    resources: &[&str],
    detail: &Value,
) -> Value {
    json!({
        "version": "0",
        "id": id,
        "detail-type": detail_type,
        "source": source,
        "account": account,
        "time": time,
        "region": region,
        "resources": resources,
        "detail": detail,
    })
}

/// The `detail-type` of a destination event (ASCII hyphen, spec §11.2).
pub fn destination_detail_type(condition: Condition) -> &'static str {
    if condition == Condition::Success {
        "Lambda Function Invocation Result - Success"
    } else {
        "Lambda Function Invocation Result - Failure"
    }
}

/// The S3 event a notified function receives.
pub fn s3_event(
    region: &str,
    time: &str,
    bucket: &str,
    key: &str,
    size: u64,
    sequencer: u64,
) -> Value {
    json!({"Records": [{
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": time,
        "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "AWS:EXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "EXAMPLE", "x-amz-id-2": "EXAMPLE"},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": "lambda-notification",
            "bucket": {"name": bucket, "ownerIdentity": {"principalId": "EXAMPLE"}, "arn": format!("arn:aws:s3:::{bucket}")},
            "object": {"key": key, "size": size, "eTag": format!("{:032x}", crate::rng::stable_hash(key) as u128 * 0x1_0000_0001), "sequencer": format!("{sequencer:016X}")}
        }
    }]})
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Records are a few hundred bytes: start there instead of growing from serde_json's 128.
    let mut buffer = Vec::with_capacity(512);
    match serde_json::to_writer(&mut buffer, value) {
        Ok(()) => String::from_utf8(buffer).unwrap_or_default(),
        Err(e) => format!("{{\"error\":\"{e}\"}}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(condition: Condition, count: u32) -> RequestContext<'a> {
        RequestContext {
            request_id: "id",
            function_arn: "arn:aws:lambda:us-east-2:123456789012:function:f:$LATEST",
            condition: condition.as_str(),
            approximate_invoke_count: count,
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
        assert!(text.contains(r#""functionError":null},"version":"1.0","timestamp":"t","KinesisBatchInfo":{"shardId""#), "{text}");
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
        let attrs: Value =
            serde_json::from_str(&dlq_attributes("r", &"é".repeat(1000))).expect("json");
        let message = attrs["ErrorMessage"]["StringValue"]
            .as_str()
            .expect("string");
        assert!(message.len() <= 1024);
        assert_eq!(attrs["ErrorCode"]["StringValue"], "200");
    }
}
