//! The exact JSON each target receives (spec §4, §6): async invocation records, stream and Kafka
//! failure records, DLQ messages, and the envelopes of SNS, EventBridge, SQS and S3 events.
//! Keys are in the order AWS delivers them; struct field order is serialization order.

use serde::Serialize;
use serde_json::{json, Value};

/// The `requestContext.condition` of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Condition {
    /// `Success`.
    Success,
    /// `RetriesExhausted` (async).
    RetriesExhausted,
    /// `EventAgeExceeded` (async).
    EventAgeExceeded,
    /// `ZeroReservedConcurrency` (async).
    ZeroReservedConcurrency,
    /// Recursion stopped (the string is UNVERIFIED; see [`crate::assumptions`]).
    RecursiveInvocation,
    /// `RetryAttemptsExhausted` (mappings).
    RetryAttemptsExhausted,
    /// `RecordAgeExceeded` (mappings).
    RecordAgeExceeded,
}

impl Condition {
    /// The string AWS writes in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Success => "Success",
            Condition::RetriesExhausted => "RetriesExhausted",
            Condition::EventAgeExceeded => "EventAgeExceeded",
            Condition::ZeroReservedConcurrency => "ZeroReservedConcurrency",
            Condition::RecursiveInvocation => crate::assumptions::RECURSION_CONDITION,
            Condition::RetryAttemptsExhausted => "RetryAttemptsExhausted",
            Condition::RecordAgeExceeded => "RecordAgeExceeded",
        }
    }
}

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

/// Where a record is written without building a [`Value`]: a `String`, or [`JsonLen`], which
/// only counts (the size checks of spec §8 need the length of a body that is built only when
/// someone reads it).
pub trait JsonOut {
    /// Appends text as it is.
    fn raw(&mut self, text: &str);
    /// Appends the inside of a JSON string literal: `text` escaped exactly as serde_json does
    /// (`"`, `\\` and control characters; nothing else).
    fn escaped(&mut self, text: &str);
    /// Appends `text` as a JSON string literal, quotes included.
    fn string(&mut self, text: &str) {
        self.raw("\"");
        self.escaped(text);
        self.raw("\"");
    }
    /// Appends a number.
    fn number(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.raw(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    }
}

/// The escape of a byte inside a JSON string as serde_json writes it, if it needs one.
fn escape_of(byte: u8) -> Option<&'static str> {
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..=0x1f => CONTROL.get(byte as usize).copied(),
        _ => None,
    }
}

impl JsonOut for String {
    fn raw(&mut self, text: &str) {
        self.push_str(text);
    }

    fn escaped(&mut self, text: &str) {
        let mut start = 0;
        for (i, byte) in text.bytes().enumerate() {
            if let Some(escape) = escape_of(byte) {
                // Escaped bytes are ASCII, so `i` is a character boundary.
                self.push_str(text.get(start..i).unwrap_or_default());
                self.push_str(escape);
                start = i + 1;
            }
        }
        self.push_str(text.get(start..).unwrap_or_default());
    }
}

/// Counts the bytes that would be written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonLen(pub usize);

impl JsonOut for JsonLen {
    fn raw(&mut self, text: &str) {
        self.0 += text.len();
    }

    fn escaped(&mut self, text: &str) {
        self.0 += text.len();
        for byte in text.bytes() {
            if let Some(escape) = escape_of(byte) {
                self.0 += escape.len() - 1;
            }
        }
    }
}

/// What a function answered, as the parts its JSON is written from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponsePayload<'a> {
    /// A successful response: its JSON text, as it is.
    Json(&'a str),
    /// A function error: `{"errorMessage","errorType","requestId","stackTrace":[]}`.
    Error {
        /// `errorType`.
        error_type: &'a str,
        /// `errorMessage`.
        error_message: &'a str,
        /// The request id.
        request_id: &'a str,
    },
    /// A timeout: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task
    /// timed out after 3.00 seconds"}`.
    Timeout {
        /// The request id.
        request_id: &'a str,
        /// The function's timeout.
        timeout_ms: u64,
    },
}

impl ResponsePayload<'_> {
    /// True for an error or a timeout (`"functionError": "Unhandled"`).
    pub fn is_error(&self) -> bool {
        !matches!(self, ResponsePayload::Json(_))
    }

    /// The message of a timeout.
    pub fn timeout_message(request_id: &str, timeout_ms: u64) -> String {
        let seconds = timeout_ms as f64 / 1000.0;
        format!("RequestId: {request_id} Error: Task timed out after {seconds:.2} seconds")
    }

    /// `errorMessage`, for an error or a timeout.
    pub fn error_message(&self) -> Option<String> {
        match *self {
            ResponsePayload::Json(_) => None,
            ResponsePayload::Error { error_message, .. } => Some(error_message.to_string()),
            ResponsePayload::Timeout {
                request_id,
                timeout_ms,
            } => Some(Self::timeout_message(request_id, timeout_ms)),
        }
    }

    /// Writes the JSON of the response.
    pub fn write(&self, out: &mut impl JsonOut) {
        match *self {
            ResponsePayload::Json(text) => out.raw(text),
            ResponsePayload::Error {
                error_type,
                error_message,
                request_id,
            } => {
                out.raw("{\"errorMessage\":");
                out.string(error_message);
                out.raw(",\"errorType\":");
                out.string(error_type);
                out.raw(",\"requestId\":");
                out.string(request_id);
                out.raw(",\"stackTrace\":[]}");
            }
            ResponsePayload::Timeout {
                request_id,
                timeout_ms,
            } => {
                out.raw("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":");
                out.string(&Self::timeout_message(request_id, timeout_ms));
                out.raw("}");
            }
        }
    }

    /// The JSON of the response.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// The parts of an async invocation record (spec §4.1, §4.2), every JSON value already text.
#[derive(Clone, Copy, Debug)]
pub struct AsyncRecordParts<'a> {
    /// `timestamp`.
    pub timestamp: &'a str,
    /// `requestContext.requestId`.
    pub request_id: &'a str,
    /// `requestContext.functionArn` (qualified).
    pub function_arn: &'a str,
    /// `requestContext.condition`.
    pub condition: &'a str,
    /// `requestContext.approximateInvokeCount`.
    pub approximate_invoke_count: u32,
    /// `requestPayload`, as JSON text.
    pub request_payload: &'a str,
    /// The last response, when the function ran.
    pub response: Option<ResponsePayload<'a>>,
}

/// Writes the async invocation record of spec §4.1 and §4.2: the same bytes as
/// [`async_record`], keys in AWS order.
pub fn write_async_record(out: &mut impl JsonOut, parts: &AsyncRecordParts<'_>) {
    out.raw("{\"version\":\"1.0\",\"timestamp\":");
    out.string(parts.timestamp);
    out.raw(",\"requestContext\":{\"requestId\":");
    out.string(parts.request_id);
    out.raw(",\"functionArn\":");
    out.string(parts.function_arn);
    out.raw(",\"condition\":");
    out.string(parts.condition);
    out.raw(",\"approximateInvokeCount\":");
    out.number(u64::from(parts.approximate_invoke_count));
    out.raw("},\"requestPayload\":");
    out.raw(parts.request_payload);
    if let Some(response) = &parts.response {
        out.raw(",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\"");
        if response.is_error() {
            out.raw(",\"functionError\":\"Unhandled\"");
        }
        out.raw("},\"responsePayload\":");
        response.write(out);
    }
    out.raw("}");
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

/// Where one failed Kafka record was, for a Kafka topic destination message.
#[derive(Clone, Copy, Debug)]
pub struct KafkaRecordInfo<'a> {
    /// The record's offset.
    pub offset: &'a str,
    /// When it was produced (ISO-8601).
    pub timestamp: &'a str,
}

/// The message a Kafka topic destination receives for one failed record (spec §4.5, "Kafka topic
/// destination"): `requestContext`, `responseContext`, `version`, `timestamp`,
/// `KafkaBatchInfo{batchSize:1, …, recordInfo{offset, timestamp}}` and `payload`, the Kafka event
/// of that record.
#[allow(clippy::too_many_arguments)]
pub fn kafka_topic_message(
    timestamp: &str,
    context: RequestContext<'_>,
    error: BatchError,
    event_source_arn: &str,
    bootstrap_servers: &str,
    payload_size: usize,
    record: KafkaRecordInfo<'_>,
    payload: &Value,
) -> String {
    let response_context = match error {
        BatchError::None => Value::Null,
        _ => json!({"statusCode": 200, "executedVersion": "$LATEST",
            "functionError": if error == BatchError::Unhandled { Value::from("Unhandled") } else { Value::Null }}),
    };
    json!({
        "requestContext": serde_json::to_value(&context).unwrap_or(Value::Null),
        "responseContext": response_context,
        "version": "1.0",
        "timestamp": timestamp,
        "KafkaBatchInfo": {
            "batchSize": 1,
            "eventSourceArn": event_source_arn,
            "bootstrapServers": bootstrap_servers,
            "payloadSize": payload_size,
            "recordInfo": {"offset": record.offset, "timestamp": record.timestamp},
        },
        "payload": payload,
    })
    .to_string()
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
            let error = json!({"errorMessage": text, "errorType": text, "requestId": text, "stackTrace": []});
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
