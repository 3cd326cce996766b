//! The failure records of stream and Kafka batches, and the messages of a Kafka topic.

use super::{to_json, RequestContext};
use serde::Serialize;
use serde_json::{json, Value};
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
struct StreamResponseContext<'a> {
    status_code: u16,
    executed_version: &'a str,
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
    response_context: Option<StreamResponseContext<'a>>,
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
            executed_version: context.executed_version,
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
        // The S3 record's payload as an escaped JSON string (the stated assumption).
        payload: payload_for_s3.map(|p| {
            const _: () = assert!(crate::assumptions::S3_PAYLOAD_IS_STRING);
            p.to_string()
        }),
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
        _ => json!({"statusCode": 200, "executedVersion": context.executed_version,
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
        _ => json!({"statusCode": 200, "executedVersion": context.executed_version,
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
