//! Checks of resource names, in the words the create APIs reject them with.

use super::{Checker, Severity, VALIDATION};
use crate::rules::RuleId;
use crate::scenario::Scenario;
use crate::topology::Kind;
pub(super) fn qualify_function(scenario: &Scenario, name: &str) -> String {
    if name.starts_with("arn:") {
        name.to_string()
    } else {
        format!(
            "arn:aws:lambda:{}:{}:function:{name}",
            scenario.region, scenario.account
        )
    }
}

/// Whether every character of `name` is ASCII alphanumeric or one of `extra`, and its length is
/// within `min..=max`.
fn name_fits(name: &str, extra: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&name.len())
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || extra.contains(ch))
}

/// Resource names the create APIs would reject, in each API's words. (Function names are
/// checked with the function.)
pub(super) fn check_names(c: &mut Checker) {
    let scenario = c.scenario;
    let topology = c.topology;
    let arn = |kind: Kind, name: &str| {
        topology
            .find(kind, name)
            .map(|id| topology.get(id).arn.clone())
            .unwrap_or_default()
    };
    for (i, q) in scenario.queues.iter().enumerate() {
        let stem = q.queue_name.strip_suffix(".fifo").unwrap_or(&q.queue_name);
        if !name_fits(stem, "-_", 1, 80 - (q.queue_name.len() - stem.len())) {
            c.push(Severity::Error, "InvalidParameterValue", "CreateQueue", RuleId::ResourceName, &arn(Kind::Queue, &q.queue_name), format!("queues[{i}].QueueName"),
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into());
        }
    }
    for (i, t) in scenario.topics.iter().enumerate() {
        let stem = t.topic_name.strip_suffix(".fifo").unwrap_or(&t.topic_name);
        if !name_fits(stem, "-_", 1, 256 - (t.topic_name.len() - stem.len())) {
            c.push(
                Severity::Error,
                "InvalidParameter",
                "CreateTopic",
                RuleId::ResourceName,
                &arn(Kind::Topic, &t.topic_name),
                format!("topics[{i}].TopicName"),
                "Invalid parameter: Topic Name".into(),
            );
        }
    }
    for (i, b) in scenario.buckets.iter().enumerate() {
        let name = &b.bucket_name;
        let edges_ok = name.starts_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
            && name.ends_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit());
        let lower = name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '.');
        if !(edges_ok && lower && (3..=63).contains(&name.len()) && !name.contains("..")) {
            c.push(
                Severity::Error,
                "InvalidBucketName",
                "CreateBucket",
                RuleId::ResourceName,
                &arn(Kind::Bucket, name),
                format!("buckets[{i}].BucketName"),
                "The specified bucket is not valid.".into(),
            );
        }
    }
    let pattern = |c: &mut Checker,
                   operation: &'static str,
                   member: &str,
                   name: &str,
                   regex: &str,
                   max: usize,
                   (kind, field): (Kind, String)| {
        let resource = arn(kind, name);
        c.push(Severity::Error, VALIDATION, operation, RuleId::ResourceName, &resource, field,
            format!("1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {regex} and have length between 1 and {max}"));
    };
    for (i, s) in scenario.kinesis_streams.iter().enumerate() {
        if !name_fits(&s.stream_name, "_.-", 1, 128) {
            pattern(
                c,
                "CreateStream",
                "streamName",
                &s.stream_name,
                "[a-zA-Z0-9_.-]+",
                128,
                (
                    Kind::KinesisStream,
                    format!("kinesisStreams[{i}].StreamName"),
                ),
            );
        }
    }
    for (i, t) in scenario.dynamodb_tables.iter().enumerate() {
        if !name_fits(&t.table_name, "_.-", 3, 255) {
            pattern(
                c,
                "CreateTable",
                "tableName",
                &t.table_name,
                "[a-zA-Z0-9_.-]+",
                255,
                (
                    Kind::DynamoDbStream,
                    format!("dynamodbTables[{i}].TableName"),
                ),
            );
        }
    }
    for (i, b) in scenario.event_buses.iter().enumerate() {
        if !name_fits(&b.name, "/._-", 1, 256) {
            pattern(
                c,
                "CreateEventBus",
                "name",
                &b.name,
                "[/\\.\\-_A-Za-z0-9]+",
                256,
                (Kind::EventBus, format!("eventBuses[{i}].Name")),
            );
        }
    }
}
