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
            Kind::Queue if is_fifo(scenario, topology, &topology.get(source).arn) => {
                Self::of(FIFO_BATCH_SIZE, 0)
            }
            Kind::Queue => Self::of(QUEUE_BATCH_SIZE, 0),
            Kind::KafkaTopic => Self::of(STREAM_BATCH_SIZE, 500),
            _ => Self::of(STREAM_BATCH_SIZE, 0),
        }
    }

    fn of(batch: Limit, window_ms: u64) -> Self {
        Self {
            batch_size: batch.resolve(None),
            max_batch: batch.max,
            window_ms,
        }
    }
}

/// The range AWS accepts for a configurable number, and its default: one row of [`LIMITS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// The field's name in the scenario and in AWS's API (`MaximumRetryAttempts`).
    pub name: &'static str,
    /// The name AWS's validation message gives it (`maximumRetryAttempts`).
    pub parameter: &'static str,
    /// The value AWS uses when the field is not set; `None` when there is none.
    pub default: Option<i64>,
    /// The smallest value accepted.
    pub min: i64,
    /// The largest value accepted.
    pub max: i64,
    /// A value below `min` that AWS accepts too, meaning "no limit" (`-1`).
    pub unlimited: Option<i64>,
}

impl Limit {
    const fn new(
        name: &'static str,
        parameter: &'static str,
        default: i64,
        min: i64,
        max: i64,
    ) -> Limit {
        Limit {
            name,
            parameter,
            default: Some(default),
            min,
            max,
            unlimited: None,
        }
    }

    /// `value` within `min..=max`.
    pub fn clamp(self, value: i64) -> i64 {
        value.clamp(self.min, self.max)
    }

    /// The value in effect: `value`, or the default when it is not set, within `min..=max`.
    pub fn resolve(self, value: Option<i64>) -> i64 {
        self.clamp(value.or(self.default).unwrap_or(self.min))
    }

    /// The smallest value accepted, counting the "no limit" value.
    pub fn lowest(self) -> i64 {
        self.unlimited.unwrap_or(self.min)
    }

    /// The default as the settings panel shows it (`21600`, or `—` when there is none).
    pub fn default_text(self) -> String {
        self.default
            .map_or_else(|| "—".to_string(), |d| d.to_string())
    }

    /// The range as the settings panel shows it (`60–21600`, or `-1, 60–604800`).
    pub fn range_text(self) -> String {
        match self.unlimited {
            Some(u) => format!("{u}, {}–{}", self.min, self.max),
            None => format!("{}–{}", self.min, self.max),
        }
    }
}

/// A function's `Timeout`, in seconds (the largest is the scenario's setting, 900 by default).
pub const TIMEOUT: Limit = Limit::new("Timeout", "timeout", 3, 1, 900);
/// A function's `ReservedConcurrentExecutions` (no default: unreserved).
pub const RESERVED_CONCURRENCY: Limit = Limit {
    default: None,
    ..Limit::new(
        "ReservedConcurrentExecutions",
        "reservedConcurrentExecutions",
        0,
        0,
        1000,
    )
};
/// `EventInvokeConfig.MaximumRetryAttempts` of asynchronous invocation (spec §2.3).
pub const ASYNC_RETRIES: Limit =
    Limit::new("MaximumRetryAttempts", "maximumRetryAttempts", 2, 0, 2);
/// `EventInvokeConfig.MaximumEventAgeInSeconds` of asynchronous invocation (spec §2.4).
pub const EVENT_AGE: Limit = Limit::new(
    "MaximumEventAgeInSeconds",
    "maximumEventAgeInSeconds",
    21_600,
    60,
    21_600,
);
/// A queue's `VisibilityTimeout`, in seconds.
pub const VISIBILITY_TIMEOUT: Limit =
    Limit::new("VisibilityTimeout", "VisibilityTimeout", 30, 0, 43_200);
/// A queue's `MessageRetentionPeriod`, in seconds (4 days by default, 14 at most).
pub const MESSAGE_RETENTION: Limit = Limit::new(
    "MessageRetentionPeriod",
    "MessageRetentionPeriod",
    345_600,
    60,
    1_209_600,
);
/// A redrive policy's `maxReceiveCount` (no default: it is required).
pub const MAX_RECEIVE_COUNT: Limit = Limit {
    default: None,
    ..Limit::new("maxReceiveCount", "maxReceiveCount", 1, 1, 1000)
};
/// A Kinesis stream's or DynamoDB stream's `ShardCount` (the playground's bounds).
pub const SHARD_COUNT: Limit = Limit::new("ShardCount", "shardCount", 1, 1, 64);
/// A Kafka topic's `Partitions` (the playground's bounds).
pub const PARTITIONS: Limit = Limit::new("Partitions", "partitions", 1, 1, 64);
/// A stream or Kafka mapping's `BatchSize` (spec §5).
pub const STREAM_BATCH_SIZE: Limit = Limit::new("BatchSize", "batchSize", 100, 1, 10_000);
/// A standard queue's mapping's `BatchSize` (spec §5.5).
pub const QUEUE_BATCH_SIZE: Limit = Limit::new("BatchSize", "batchSize", 10, 1, 10_000);
/// A FIFO queue's mapping's `BatchSize` (spec §5.5).
pub const FIFO_BATCH_SIZE: Limit = Limit::new("BatchSize", "batchSize", 10, 1, 10);
/// A mapping's `MaximumBatchingWindowInSeconds` (a Kafka mapping waits 0.5 s without one).
pub const BATCHING_WINDOW: Limit = Limit::new(
    "MaximumBatchingWindowInSeconds",
    "maximumBatchingWindowInSeconds",
    0,
    0,
    300,
);
/// A stream mapping's `MaximumRetryAttempts` (-1: until the records expire).
pub const MAPPING_RETRIES: Limit = Limit::new(
    "MaximumRetryAttempts",
    "maximumRetryAttempts",
    -1,
    -1,
    10_000,
);
/// A stream mapping's `MaximumRecordAgeInSeconds` (-1: no limit).
pub const RECORD_AGE: Limit = Limit {
    unlimited: Some(-1),
    ..Limit::new(
        "MaximumRecordAgeInSeconds",
        "maximumRecordAgeInSeconds",
        -1,
        60,
        604_800,
    )
};
/// A stream mapping's `ParallelizationFactor`.
pub const PARALLELIZATION: Limit =
    Limit::new("ParallelizationFactor", "parallelizationFactor", 1, 1, 10);
/// A stream mapping's `TumblingWindowInSeconds` (0: no window).
pub const TUMBLING_WINDOW: Limit = Limit::new(
    "TumblingWindowInSeconds",
    "tumblingWindowInSeconds",
    0,
    0,
    900,
);

/// Every configurable number's limit, as AWS documents it.
pub const LIMITS: [Limit; 17] = [
    TIMEOUT,
    RESERVED_CONCURRENCY,
    ASYNC_RETRIES,
    EVENT_AGE,
    VISIBILITY_TIMEOUT,
    MESSAGE_RETENTION,
    MAX_RECEIVE_COUNT,
    SHARD_COUNT,
    PARTITIONS,
    STREAM_BATCH_SIZE,
    QUEUE_BATCH_SIZE,
    FIFO_BATCH_SIZE,
    BATCHING_WINDOW,
    MAPPING_RETRIES,
    RECORD_AGE,
    PARALLELIZATION,
    TUMBLING_WINDOW,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_has_its_default_within_its_range() {
        for limit in LIMITS {
            assert!(limit.min <= limit.max, "{}", limit.name);
            if let Some(default) = limit.default {
                assert!(
                    (limit.min..=limit.max).contains(&default) || limit.unlimited == Some(default),
                    "{}",
                    limit.name
                );
            }
        }
    }

    #[test]
    fn the_settings_panel_reads_defaults_and_ranges_as_aws_documents_them() {
        assert_eq!(EVENT_AGE.default_text(), "21600");
        assert_eq!(EVENT_AGE.range_text(), "60–21600");
        assert_eq!(RECORD_AGE.range_text(), "-1, 60–604800");
        assert_eq!(MAX_RECEIVE_COUNT.default_text(), "—");
    }

    #[test]
    fn an_unset_or_out_of_range_value_resolves_within_the_range() {
        assert_eq!(ASYNC_RETRIES.resolve(None), 2);
        assert_eq!(ASYNC_RETRIES.resolve(Some(7)), 2);
        assert_eq!(EVENT_AGE.resolve(Some(1)), 60);
        assert_eq!(RECORD_AGE.lowest(), -1);
    }
}
