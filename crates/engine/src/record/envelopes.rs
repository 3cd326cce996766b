//! DLQ message attributes and what a DLQ message says of the record, and the envelopes of SNS,
//! EventBridge and S3 events.

use super::Condition;
use serde_json::{json, Value};
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
