//! Reading the scenario's inputs: the fields each variant may have, which are required, and
//! their types checked in document order.

use super::functions::outcome;
use super::{fail, fields, int, opt, string, tag, u32_, u64_, variant, At, Path, R};
use crate::scenario::{default_object_size, one_u32, Input, InvocationType, Outcome};
use serde::de::Error as _;
use serde_json::Value;
/// The fields an input may have, by variant; `at` comes first in each.
const INPUT_FIELDS: [&[&str]; 12] = [
    &["at", "FunctionName", "InvocationType", "Payload", "client"],
    &["at", "StreamName", "PartitionKey", "Data"],
    &["at", "TableName", "Item"],
    &["at", "QueueName", "MessageBody", "MessageGroupId"],
    &["at", "TopicName", "Message", "Subject"],
    &["at", "Bucket", "Key", "Size"],
    &["at", "EventBusName", "Source", "DetailType", "Detail"],
    &["at", "ClusterName", "Topic", "Key", "Value"],
    &["at", "FunctionName", "Action"],
    &["at", "Arn"],
    &["at", "FunctionName", "ReservedConcurrentExecutions"],
    &["at", "FunctionName", "Count", "Outcome"],
];

/// Which fields of each variant must be present (bit `i` for field `i`).
const INPUT_REQUIRED: [u8; 12] = [
    0b10, 0b110, 0b110, 0b10, 0b10, 0b110, 0b1110, 0b110, 0b110, 0b10, 0b110, 0b1010,
];

/// Reads one input of the timeline.
pub(crate) fn input(value: &Value, path: &Path) -> R<Input> {
    const VARIANTS: &[&str] = &[
        "invoke",
        "putRecord",
        "putItem",
        "sendMessage",
        "publish",
        "putObject",
        "putEvents",
        "produce",
        "revokePermission",
        "deleteResource",
        "setReservedConcurrency",
        "failNext",
    ];
    let kind = tag(value, path, "internally tagged enum Input", VARIANTS)?;
    let known = INPUT_FIELDS[kind];
    let mut at = 0;
    // The fields after `at`, as read; `Null` where absent.
    let mut got: [Option<&Value>; 5] = [None; 5];
    let mut seen = 0u8;
    fields(
        value,
        path,
        "struct variant",
        known,
        Some("type"),
        &mut |i, v, p| {
            seen |= 1 << i;
            if i == 0 {
                at = u64_(v, p)?;
            } else {
                got[i] = Some(v);
                // Check the types now, in document order, as serde did.
                check_input_field(kind, i, v, p)?;
            }
            Ok(())
        },
    )?;
    for (i, name) in known.iter().enumerate() {
        if INPUT_REQUIRED[kind] & (1 << i) != 0 && seen & (1 << i) == 0 {
            return Err(fail(path, At::End, serde_json::Error::missing_field(name)));
        }
    }
    let free = |i: usize| got[i].cloned().unwrap_or(Value::Null);
    let text = |i: usize| match got[i] {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let maybe = |i: usize| match got[i] {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |i: usize| got[i].and_then(Value::as_i64).unwrap_or_default();
    let here = |i: usize| path.key(known[i]);
    Ok(match kind {
        0 => Input::Invoke {
            at,
            function_name: text(1),
            invocation_type: match got[2] {
                Some(v) => match variant(v, &here(2), INVOCATION_TYPES, true)? {
                    0 => InvocationType::RequestResponse,
                    1 => InvocationType::Event,
                    _ => InvocationType::DryRun,
                },
                None => InvocationType::RequestResponse,
            },
            payload: free(3),
            client: maybe(4),
        },
        1 => Input::PutRecord {
            at,
            stream_name: text(1),
            partition_key: text(2),
            data: free(3),
        },
        2 => Input::PutItem {
            at,
            table_name: text(1),
            item: free(2),
        },
        3 => Input::SendMessage {
            at,
            queue_name: text(1),
            message_body: free(2),
            message_group_id: maybe(3),
        },
        4 => Input::Publish {
            at,
            topic_name: text(1),
            message: free(2),
            subject: maybe(3),
        },
        5 => Input::PutObject {
            at,
            bucket: text(1),
            key: text(2),
            size: match got[3] {
                Some(v) => u64_(v, &here(3))?,
                None => default_object_size(),
            },
        },
        6 => Input::PutEvents {
            at,
            event_bus_name: text(1),
            source: text(2),
            detail_type: text(3),
            detail: free(4),
        },
        7 => Input::Produce {
            at,
            cluster_name: text(1),
            topic: text(2),
            key: maybe(3),
            value: free(4),
        },
        8 => Input::RevokePermission {
            at,
            function_name: text(1),
            action: text(2),
        },
        9 => Input::DeleteResource { at, arn: text(1) },
        10 => Input::SetReservedConcurrency {
            at,
            function_name: text(1),
            reserved_concurrent_executions: number(2),
        },
        _ => Input::FailNext {
            at,
            function_name: text(1),
            count: match got[2] {
                Some(v) => u32_(v, &here(2))?,
                None => one_u32(),
            },
            outcome: match got[3] {
                Some(v) => outcome(v, &here(3))?,
                None => Outcome::Ok,
            },
        },
    })
}

const INVOCATION_TYPES: &[&str] = &["RequestResponse", "Event", "DryRun"];

/// Checks the type of field `i` of input variant `kind`, so that the first error in document
/// order is the one reported.
fn check_input_field(kind: usize, i: usize, v: &Value, p: &Path) -> R<()> {
    match (kind, i) {
        // Free JSON values.
        (0, 3) | (1, 3) | (2, 2) | (3, 2) | (4, 2) | (6, 4) | (7, 4) => Ok(()),
        (0, 2) => variant(v, p, INVOCATION_TYPES, true).map(drop),
        // Optional strings.
        (0, 4) | (3, 3) | (4, 3) | (7, 3) => opt(v, p, string).map(drop),
        (5, 3) => u64_(v, p).map(drop),
        (10, 2) => int(v, p).map(drop),
        (11, 2) => u32_(v, p).map(drop),
        (11, 3) => outcome(v, p).map(drop),
        _ => string(v, p).map(drop),
    }
}
