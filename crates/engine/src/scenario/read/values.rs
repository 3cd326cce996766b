//! Reading the values that are not declared structs: texts, the layout, an alias's weights and
//! the enums written as a name.

use super::{fail, float, variant, wrong_type, At, Path, R};
use crate::scenario::{InvocationType, KafkaKind, Point, RecursiveLoop, Text};
use serde::de::Error as _;
use serde_json::Value;
use std::collections::BTreeMap;

/// A title or description: a string, or `{"en": "...", "ko": "..."}`.
pub(crate) fn text(value: &Value, path: &Path) -> R<Text> {
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

/// Canvas positions keyed by ARN.
pub(crate) fn layout(value: &Value, path: &Path) -> R<BTreeMap<String, Point>> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, "a map"));
    };
    let mut out = BTreeMap::new();
    for (key, v) in map {
        out.insert(key.clone(), Point::read(v, &path.key(key))?);
    }
    Ok(out)
}

/// An alias's `AdditionalVersionWeights`: version → share.
pub(crate) fn weights(value: &Value, path: &Path) -> R<Vec<(String, f64)>> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, "a map"));
    };
    let mut out = Vec::new();
    for (version, weight) in map {
        out.push((version.clone(), float(weight, &path.key(version))?));
    }
    Ok(out)
}

/// `RecursiveLoop`: `Terminate` or `Allow`.
pub(crate) fn recursive_loop(value: &Value, path: &Path) -> R<RecursiveLoop> {
    Ok(
        match variant(value, path, &["Terminate", "Allow"], false)? {
            "Allow" => RecursiveLoop::Allow,
            _ => RecursiveLoop::Terminate,
        },
    )
}

/// A Kafka topic's `ClusterKind`: `MSK` or `SelfManaged`.
pub(crate) fn kafka_kind(value: &Value, path: &Path) -> R<KafkaKind> {
    Ok(
        match variant(value, path, &["MSK", "SelfManaged"], false)? {
            "SelfManaged" => KafkaKind::SelfManaged,
            _ => KafkaKind::Msk,
        },
    )
}

/// An invocation's `InvocationType` (inside a tagged input, where serde answered some mistakes
/// differently).
pub(crate) fn invocation_type(value: &Value, path: &Path) -> R<InvocationType> {
    Ok(
        match variant(value, path, &["RequestResponse", "Event", "DryRun"], true)? {
            "Event" => InvocationType::Event,
            "DryRun" => InvocationType::DryRun,
            _ => InvocationType::RequestResponse,
        },
    )
}
