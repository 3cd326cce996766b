//! The exact JSON each target receives (spec §4, §6): async invocation records, stream and Kafka
//! failure records, DLQ messages, and the envelopes of SNS, EventBridge, SQS and S3 events.
//! Keys are in the order AWS delivers them; struct field order is serialization order.
//!
//! The records are split by who receives them:
//!
//! - this module: the request context and the async invocation record as a value;
//! - `write.rs`: writing an async record straight into a text, or only counting its length;
//! - `batches.rs`: stream and Kafka failure records, and Kafka topic messages;
//! - `envelopes.rs`: DLQ message attributes, and the events of SNS, EventBridge and S3.

mod batches;
mod envelopes;
mod write;

pub use batches::{
    kafka_failure_record, kafka_topic_message, stream_failure_record, BatchError, KafkaRecordInfo,
    StreamBatchInfo,
};
pub use envelopes::{
    dead_letter_counterpart, destination_detail_type, dlq_attributes, eventbridge_event, s3_event,
    sns_envelope, sns_lambda_event,
};
pub use write::{write_async_record, AsyncRecordParts, JsonLen, JsonOut, ResponsePayload};

use serde::Serialize;
use serde_json::Value;

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
    /// `responseContext.executedVersion` of the records that have one: `$LATEST` or a version
    /// number (written in `responseContext`, not here).
    #[serde(skip)]
    pub executed_version: &'a str,
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

fn to_json<T: Serialize>(value: &T) -> String {
    // Records are a few hundred bytes: start there instead of growing from serde_json's 128.
    let mut buffer = Vec::with_capacity(512);
    match serde_json::to_writer(&mut buffer, value) {
        Ok(()) => String::from_utf8(buffer).unwrap_or_default(),
        Err(e) => format!("{{\"error\":\"{e}\"}}"),
    }
}

#[cfg(test)]
mod tests;
