//! Reading and writing the data inside events: a JSON value's text, dotted fields, base64, and the
//! records of a mapping's batch event.

use super::*;

/// `shardId-000000000000`.
pub fn shard_id(shard: u32) -> String {
    format!("shardId-{shard:012}")
}

/// The text of a JSON value: a string as itself, anything else as compact JSON.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Looks up a dotted path (`a.b.0`) in a JSON value.
pub fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .filter(|p| !p.is_empty())
        .try_fold(value, |v, part| match v {
            Value::Object(map) => map.get(part),
            Value::Array(list) => part.parse::<usize>().ok().and_then(|i| list.get(i)),
            _ => None,
        })
}

/// The data and item identifier of every record of a mapping's batch event: an SQS message's
/// body (parsed when it is JSON) and `messageId`, a Kinesis record's decoded data and sequence
/// number, a DynamoDB record's `NewImage` and sequence number, a Kafka record's decoded value and
/// offset. Empty for anything that is not a batch from a mapping.
pub(super) fn batch_records(event: &Value) -> Vec<(Value, String)> {
    let text_value = |text: &str| {
        serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_string()))
    };
    if let Some(records) = event.get("Records").and_then(Value::as_array) {
        return records
            .iter()
            .filter_map(|r| {
                if let Some(k) = r.get("kinesis") {
                    let data = decode_data(k.get("data")?.as_str()?);
                    Some((data, k.get("sequenceNumber")?.as_str()?.to_string()))
                } else if let Some(d) = r.get("dynamodb") {
                    Some((
                        d.get("NewImage").cloned().unwrap_or(Value::Null),
                        d.get("SequenceNumber")?.as_str()?.to_string(),
                    ))
                } else if r.get("eventSource").and_then(Value::as_str) == Some("aws:sqs") {
                    Some((
                        text_value(r.get("body")?.as_str()?),
                        r.get("messageId")?.as_str()?.to_string(),
                    ))
                } else {
                    None
                }
            })
            .collect();
    }
    let Some(partitions) = event.get("records").and_then(Value::as_object) else {
        return Vec::new();
    };
    partitions
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|r| {
            let value = decode_data(r.get("value")?.as_str()?);
            Some((value, r.get("offset")?.to_string()))
        })
        .collect()
}

pub(super) fn decode_data(text: &str) -> Value {
    let bytes = unbase64(text);
    let s = String::from_utf8_lossy(&bytes);
    serde_json::from_str(&s).unwrap_or_else(|_| Value::String(s.into_owned()))
}

pub(super) const B64: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Kinesis and Kafka events carry data.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; invalid characters are skipped.
pub fn unbase64(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let Some(v) = B64.iter().position(|&b| b == c) else {
            continue;
        };
        buffer = (buffer << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}
