//! AWS's facts, in one place that everything reads: which targets a destination may name, the
//! IAM action each target needs, how an execution role is read, which queues and topics are FIFO,
//! what a mapping reads from and its defaults, and the limits of every configurable field.
//! The simulator, the validator, the exporters and the app's settings panel all read these; this
//! module reads only the scenario and its topology.

use crate::scenario::{EventSourceMapping, Permission, Scenario};
use crate::topology::{parse_arn, Kind, ResourceId, Topology};
use serde::Serialize;

/// The pattern botocore gives for `DestinationArn` (spec §2.9).
pub const DESTINATION_PATTERN: &str = r"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)";

/// Which side of a destination config.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Side {
    /// `OnSuccess`.
    OnSuccess,
    /// `OnFailure`.
    OnFailure,
}

impl Side {
    /// `OnSuccess` or `OnFailure`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::OnSuccess => "OnSuccess",
            Side::OnFailure => "OnFailure",
        }
    }
    /// `onSuccess` or `onFailure`, as AWS's messages name the side.
    pub fn camel(self) -> &'static str {
        match self {
            Side::OnSuccess => "onSuccess",
            Side::OnFailure => "onFailure",
        }
    }
}

/// Which resource kinds an asynchronous invocation may record to (spec §3.1).
pub fn async_destination_supported(target: Kind, side: Side) -> bool {
    match target {
        Kind::Queue | Kind::Topic | Kind::Function | Kind::EventBus => true,
        Kind::Bucket => side == Side::OnFailure,
        _ => false,
    }
}

/// Whether a mapping reading from `source` takes a `DestinationConfig` (spec §3.2).
pub fn mapping_takes_destinations(source: Kind) -> bool {
    matches!(
        source,
        Kind::KinesisStream | Kind::DynamoDbStream | Kind::KafkaTopic
    )
}

/// Which resource kinds a mapping's OnFailure may point at (spec §3.2).
pub fn mapping_destination_supported(target: Kind) -> bool {
    matches!(target, Kind::Queue | Kind::Topic | Kind::Bucket)
}

/// The IAM action a function's role needs to send to `target`, and the API name used in messages.
pub fn required_action(target: Kind) -> Option<(&'static str, &'static str)> {
    match target {
        Kind::Queue => Some(("sqs:SendMessage", "SendMessage")),
        Kind::Topic => Some(("sns:Publish", "Publish")),
        Kind::Function => Some(("lambda:InvokeFunction", "InvokeFunction")),
        Kind::EventBus => Some(("events:PutEvents", "PutEvents")),
        Kind::Bucket => Some(("s3:PutObject", "PutObject")),
        _ => None,
    }
}

/// Whether an execution role with these permissions allows `action` on `arn`. A function without
/// an explicit permission list (`None`) allows everything.
pub fn role_allows(permissions: Option<&[Permission]>, action: &str, arn: &str) -> bool {
    let Some(permissions) = permissions else {
        return true;
    };
    let service = action.split(':').next().unwrap_or_default();
    permissions.iter().any(|p| {
        let action_ok = p.action == action || p.action == "*" || p.action == format!("{service}:*");
        let resource_ok = p.resource == "*" || p.resource == arn;
        action_ok && resource_ok
    })
}

/// Checks a destination string against [`DESTINATION_PATTERN`] and its 350-character limit.
pub fn destination_matches_pattern(value: &str) -> bool {
    if value.len() > 350 {
        return false;
    }
    if value.is_empty() {
        return true;
    }
    if let Some(topic) = value.strip_prefix("kafka://") {
        let mut chars = topic.chars();
        return match chars.next() {
            Some(first) if first != '.' => {
                topic.len() <= 249 && chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            }
            _ => false,
        };
    }
    let Some(arn) = parse_arn(value) else {
        return false;
    };
    let partition_ok = arn.partition.starts_with("aws")
        && arn.partition[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    let service_ok = !arn.service.is_empty()
        && arn
            .service
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    let account_ok = arn.account.is_empty()
        || (arn.account.len() == 12 && arn.account.chars().all(|c| c.is_ascii_digit()));
    partition_ok
        && service_ok
        && account_ok
        && (arn.region.is_empty() || region_matches(arn.region))
}

/// `(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}`
fn region_matches(region: &str) -> bool {
    let rest = region.strip_prefix("eusc-").unwrap_or(region);
    let Some((head, tail)) = rest.split_at_checked(2) else {
        return false;
    };
    if !head.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let tail = if let Some(t) = tail.strip_prefix("-gov") {
        t
    } else if let Some(t) = tail.strip_prefix("-iso") {
        t.strip_prefix(|c: char| c.is_ascii_lowercase())
            .filter(|t| t.starts_with('-'))
            .unwrap_or(t)
    } else {
        tail
    };
    let Some(t) = tail.strip_prefix('-') else {
        return false;
    };
    let Some((word, digit)) = t.rsplit_once('-') else {
        return false;
    };
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_lowercase())
        && digit.len() == 1
        && digit.chars().all(|c| c.is_ascii_digit())
}

/// Whether `arn` names a FIFO queue or topic of the scenario.
pub fn is_fifo(scenario: &Scenario, topology: &Topology, arn: &str) -> bool {
    match topology.by_arn(arn).map(|id| topology.get(id)) {
        Some(r) if r.kind == Kind::Queue => {
            scenario.queues[r.index].fifo_queue || r.name.ends_with(".fifo")
        }
        Some(r) if r.kind == Kind::Topic => {
            scenario.topics[r.index].fifo_topic || r.name.ends_with(".fifo")
        }
        _ => false,
    }
}

/// The Kafka topic a mapping's `kafka://<topic>` destination writes to: the scenario's topic of
/// that name in the source's cluster, unless it is one of the mapping's source topics (spec §3.2).
pub fn kafka_destination(
    scenario: &Scenario,
    topology: &Topology,
    mapping: &EventSourceMapping,
    topic: &str,
) -> Option<ResourceId> {
    let source = topology.get(mapping_source(topology, mapping)?);
    if source.kind != Kind::KafkaTopic || mapping.topics.iter().any(|t| t == topic) {
        return None;
    }
    let cluster = &scenario.kafka_topics.get(source.index)?.cluster_name;
    topology.find(Kind::KafkaTopic, &format!("{cluster}/{topic}"))
}

/// The resource a mapping reads from, when it resolves.
pub fn mapping_source(topology: &Topology, mapping: &EventSourceMapping) -> Option<ResourceId> {
    if let Some(cluster) = &mapping.self_managed_cluster {
        let topic = mapping.topics.first()?;
        return topology.find(Kind::KafkaTopic, &format!("{cluster}/{topic}"));
    }
    let arn = mapping.event_source_arn.as_deref()?;
    topology
        .by_arn(arn)
        .filter(|&id| {
            matches!(
                topology.get(id).kind,
                Kind::Queue | Kind::KinesisStream | Kind::DynamoDbStream
            )
        })
        .or_else(|| {
            // An MSK cluster ARN plus a topic name: the cluster itself is no resource of the
            // scenario, its topics are.
            let topic = mapping.topics.first()?;
            topology
                .by_arn(&format!("{arn}/{topic}"))
                .filter(|&id| topology.get(id).kind == Kind::KafkaTopic)
        })
}

/// Defaults and limits of a mapping that depend on its source (spec §5).
#[derive(Clone, Copy, Debug)]
pub struct MappingDefaults {
    /// Default `BatchSize`.
    pub batch_size: i64,
    /// Largest `BatchSize`.
    pub max_batch: i64,
    /// Default `MaximumBatchingWindowInSeconds`, in milliseconds.
    pub window_ms: u64,
}

impl MappingDefaults {
    /// The defaults for a mapping reading `source`.
    pub fn for_source(
        kind: Kind,
        scenario: &Scenario,
        topology: &Topology,
        source: ResourceId,
    ) -> Self {
        match kind {
            Kind::Queue if is_fifo(scenario, topology, &topology.get(source).arn) => Self {
                batch_size: 10,
                max_batch: 10,
                window_ms: 0,
            },
            Kind::Queue => Self {
                batch_size: 10,
                max_batch: 10_000,
                window_ms: 0,
            },
            Kind::KafkaTopic => Self {
                batch_size: 100,
                max_batch: 10_000,
                window_ms: 500,
            },
            _ => Self {
                batch_size: 100,
                max_batch: 10_000,
                window_ms: 0,
            },
        }
    }
}
