//! Reading the whole scenario document: its fields, texts, layout and settings.

use super::{
    bucket, client, dynamodb_table, event_bus, event_source_mapping, fail, fields, float, function,
    input, int, kafka_topic, kinesis_stream, list, need, queue, string, topic, u32_, u64_,
    wrong_type, At, Path, R,
};
use crate::scenario::Scenario;
use crate::scenario::{Point, Settings, Text};
use serde::de::Error as _;
use serde_json::Value;
use std::collections::BTreeMap;
/// Reads a whole scenario.
pub(crate) fn scenario(value: &Value, path: &Path) -> R<Scenario> {
    const F: &[&str] = &[
        "version",
        "title",
        "description",
        "account",
        "region",
        "seed",
        "startTime",
        "settings",
        "functions",
        "queues",
        "topics",
        "eventBuses",
        "buckets",
        "kinesisStreams",
        "dynamodbTables",
        "kafkaTopics",
        "clients",
        "eventSourceMappings",
        "inputs",
        "layout",
    ];
    let mut s = Scenario::empty();
    let mut version = false;
    fields(value, path, "struct Scenario", F, None, &mut |i, v, p| {
        match i {
            0 => {
                s.version = u32_(v, p)?;
                version = true;
            }
            1 => s.title = text(v, p)?,
            2 => s.description = text(v, p)?,
            3 => s.account = string(v, p)?,
            4 => s.region = string(v, p)?,
            5 => s.seed = u64_(v, p)?,
            6 => s.start_time = string(v, p)?,
            7 => s.settings = settings(v, p)?,
            8 => s.functions = list(v, p, function)?,
            9 => s.queues = list(v, p, queue)?,
            10 => s.topics = list(v, p, topic)?,
            11 => s.event_buses = list(v, p, event_bus)?,
            12 => s.buckets = list(v, p, bucket)?,
            13 => s.kinesis_streams = list(v, p, kinesis_stream)?,
            14 => s.dynamodb_tables = list(v, p, dynamodb_table)?,
            15 => s.kafka_topics = list(v, p, kafka_topic)?,
            16 => s.clients = list(v, p, client)?,
            17 => s.event_source_mappings = list(v, p, event_source_mapping)?,
            18 => s.inputs = list(v, p, input)?,
            _ => s.layout = layout(v, p)?,
        }
        Ok(())
    })?;
    need(version, path, "version")?;
    Ok(s)
}

fn text(value: &Value, path: &Path) -> R<Text> {
    match value {
        Value::Null => return Ok(Text::Empty),
        Value::String(s) => return Ok(Text::Plain(s.clone())),
        Value::Object(map) => {
            let ko = match map.get("ko") {
                None | Some(Value::Null) => Some(None),
                Some(Value::String(ko)) => Some(Some(ko.clone())),
                Some(_) => None,
            };
            if let (Some(Value::String(en)), Some(ko)) = (map.get("en"), ko) {
                return Ok(Text::Localized { en: en.clone(), ko });
            }
        }
        _ => {}
    }
    Err(fail(
        path,
        At::Value,
        serde_json::Error::custom("data did not match any variant of untagged enum Text"),
    ))
}

fn layout(value: &Value, path: &Path) -> R<BTreeMap<String, Point>> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, "a map"));
    };
    let mut out = BTreeMap::new();
    for (key, v) in map {
        out.insert(key.clone(), point(v, &path.key(key))?);
    }
    Ok(out)
}

fn point(value: &Value, path: &Path) -> R<Point> {
    let mut point = Point::default();
    let mut seen = [false; 2];
    fields(
        value,
        path,
        "struct Point",
        &["x", "y"],
        None,
        &mut |i, v, p| {
            seen[i] = true;
            *(if i == 0 { &mut point.x } else { &mut point.y }) = float(v, p)?;
            Ok(())
        },
    )?;
    need(seen[0], path, "x")?;
    need(seen[1], path, "y")?;
    Ok(point)
}

fn settings(value: &Value, path: &Path) -> R<Settings> {
    let mut s = Settings::default();
    fields(
        value,
        path,
        "struct Settings",
        &["maxFunctionTimeoutSeconds"],
        None,
        &mut |_, v, p| {
            s.max_function_timeout_seconds = int(v, p)?;
            Ok(())
        },
    )?;
    Ok(s)
}
