//! One field of a resource's configuration: setting it, removing it, reading it.

use super::{copy, Refused};
use crate::scenario::{
    read, Bucket, Client, DynamoDbTable, EventBus, EventSourceMapping, Function, KafkaTopic,
    KinesisStream, Queue, Scenario, Topic,
};
use crate::topology::{Kind, Topology};
use serde_json::{json, Value};
/// Sets one field of a resource's configuration (see [`Edit::Set`]).
pub(super) fn set(
    scenario: &mut Scenario,
    topology: &Topology,
    arn: &str,
    pointer: &str,
    value: &Value,
) -> Result<(), Refused> {
    let missing = || Refused::Missing(arn.to_string());
    let id = topology.by_arn(arn).ok_or_else(missing)?;
    let resource = topology.get(id);
    let mut config = copy(scenario, arn).ok_or_else(missing)?.config;
    let keys: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some((last, parents)) = keys.split_last() else {
        return Err(Refused::Invalid(format!("No field at '{pointer}'.")));
    };
    if value.is_null() {
        remove_field(&mut config, parents, last);
    } else {
        let no_field = || Refused::Invalid(format!("No field at '{pointer}'."));
        let mut at = &mut config;
        for key in parents {
            // A list (`Versions`, `Aliases`, ...) is entered by index; a missing object is made.
            if let Some(map) = at.as_object_mut() {
                let child = map.entry(key.to_string()).or_insert_with(|| json!({}));
                if child.is_null() {
                    *child = json!({});
                }
            }
            at = child_mut(at, key).ok_or_else(no_field)?;
        }
        match at {
            Value::Object(map) => {
                map.insert(last.to_string(), value.clone());
            }
            Value::Array(items) => {
                let slot = last
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get_mut(i))
                    .ok_or_else(no_field)?;
                *slot = value.clone();
            }
            _ => return Err(no_field()),
        }
    }
    let i = resource.index;
    let invalid = |e: String| Refused::Invalid(format!("{pointer}: {e}"));
    macro_rules! replace {
        ($list:expr, $read:expr) => {
            *$list.get_mut(i).ok_or_else(missing)? = read::part(&config, $read).map_err(invalid)?
        };
    }
    match resource.kind {
        Kind::Function => replace!(scenario.functions, Function::read),
        Kind::Queue => replace!(scenario.queues, Queue::read),
        Kind::Topic => replace!(scenario.topics, Topic::read),
        Kind::EventBus => replace!(scenario.event_buses, EventBus::read),
        Kind::Bucket => replace!(scenario.buckets, Bucket::read),
        Kind::KinesisStream => replace!(scenario.kinesis_streams, KinesisStream::read),
        Kind::DynamoDbStream => replace!(scenario.dynamodb_tables, DynamoDbTable::read),
        Kind::KafkaTopic => replace!(scenario.kafka_topics, KafkaTopic::read),
        Kind::Client => replace!(scenario.clients, Client::read),
        Kind::EventSourceMapping => {
            replace!(scenario.event_source_mappings, EventSourceMapping::read)
        }
    }
    Ok(())
}

/// Removes a field, then every object the removal left empty (AWS refuses an empty
/// `EventInvokeConfig`).
fn remove_field(config: &mut Value, parents: &[&str], last: &str) {
    match parents.split_first() {
        None => {
            if let Some(map) = config.as_object_mut() {
                map.remove(last);
            }
        }
        Some((first, rest)) => {
            if let Some(child) = child_mut(config, first) {
                remove_field(child, rest, last);
                if child.as_object().is_some_and(|m| m.is_empty()) {
                    if let Some(map) = config.as_object_mut() {
                        map.remove(*first);
                    }
                }
            }
        }
    }
}

/// The member `key` of an object, or the item at index `key` of a list.
fn child_mut<'v>(value: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    match value {
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        other => other.get_mut(key),
    }
}

/// The value of one field of a resource's configuration, when it is set.
pub fn get(scenario: &Scenario, arn: &str, pointer: &str) -> Option<Value> {
    copy(scenario, arn)?.config.pointer(pointer).cloned()
}
