//! Reading the resources other than functions: queues, topics and subscriptions, event buses
//! and rules, buckets and notifications, Kinesis streams, DynamoDB tables, Kafka topics, clients
//! and event source mappings.

use super::functions::destination_config;
use super::{boolean, fail, fields, int, list, need, opt, string, strings, variant, At, Path, R};
use crate::scenario::{
    default_s3_events, default_visibility, one, yes, Bucket, Client, DynamoDbTable, EventBus,
    EventSourceMapping, KafkaKind, KafkaTopic, KinesisStream, LambdaNotification, Queue,
    RedrivePolicy, Rule, Subscription, Topic, DEFAULT_MESSAGE_RETENTION,
};
use serde::de::Error as _;
use serde_json::Value;
/// Reads a queue.
pub(crate) fn queue(value: &Value, path: &Path) -> R<Queue> {
    const F: &[&str] = &[
        "QueueName",
        "FifoQueue",
        "VisibilityTimeout",
        "RedrivePolicy",
        "MessageRetentionPeriod",
    ];
    let mut q = Queue {
        queue_name: String::new(),
        fifo_queue: false,
        visibility_timeout: default_visibility(),
        message_retention_period: DEFAULT_MESSAGE_RETENTION,
        redrive_policy: None,
    };
    let mut name = false;
    fields(value, path, "struct Queue", F, None, &mut |i, v, p| {
        match i {
            0 => {
                q.queue_name = string(v, p)?;
                name = true;
            }
            1 => q.fifo_queue = boolean(v, p)?,
            2 => q.visibility_timeout = int(v, p)?,
            3 => q.redrive_policy = opt(v, p, redrive_policy)?,
            _ => q.message_retention_period = int(v, p)?,
        }
        Ok(())
    })?;
    need(name, path, "QueueName")?;
    Ok(q)
}

fn redrive_policy(value: &Value, path: &Path) -> R<RedrivePolicy> {
    let mut arn = None;
    let mut count = None;
    fields(
        value,
        path,
        "struct RedrivePolicy",
        &["deadLetterTargetArn", "maxReceiveCount"],
        None,
        &mut |i, v, p| {
            match i {
                0 => arn = Some(string(v, p)?),
                _ => count = Some(int(v, p)?),
            }
            Ok(())
        },
    )?;
    need(arn.is_some(), path, "deadLetterTargetArn")?;
    need(count.is_some(), path, "maxReceiveCount")?;
    Ok(RedrivePolicy {
        dead_letter_target_arn: arn.unwrap_or_default(),
        max_receive_count: count.unwrap_or_default(),
    })
}

/// Reads a topic.
pub(crate) fn topic(value: &Value, path: &Path) -> R<Topic> {
    let mut t = Topic {
        topic_name: String::new(),
        fifo_topic: false,
        subscriptions: Vec::new(),
    };
    let mut name = false;
    fields(
        value,
        path,
        "struct Topic",
        &["TopicName", "FifoTopic", "Subscriptions"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    t.topic_name = string(v, p)?;
                    name = true;
                }
                1 => t.fifo_topic = boolean(v, p)?,
                _ => t.subscriptions = list(v, p, subscription)?,
            }
            Ok(())
        },
    )?;
    need(name, path, "TopicName")?;
    Ok(t)
}

/// Reads an SNS subscription.
pub(crate) fn subscription(value: &Value, path: &Path) -> R<Subscription> {
    let mut protocol = None;
    let mut endpoint = None;
    let mut raw_message_delivery = false;
    fields(
        value,
        path,
        "struct Subscription",
        &["Protocol", "Endpoint", "RawMessageDelivery"],
        None,
        &mut |i, v, p| {
            match i {
                0 => protocol = Some(string(v, p)?),
                1 => endpoint = Some(string(v, p)?),
                _ => raw_message_delivery = boolean(v, p)?,
            }
            Ok(())
        },
    )?;
    need(protocol.is_some(), path, "Protocol")?;
    need(endpoint.is_some(), path, "Endpoint")?;
    Ok(Subscription {
        protocol: protocol.unwrap_or_default(),
        endpoint: endpoint.unwrap_or_default(),
        raw_message_delivery,
    })
}

/// Reads an event bus.
pub(crate) fn event_bus(value: &Value, path: &Path) -> R<EventBus> {
    let mut name = None;
    let mut rules = Vec::new();
    fields(
        value,
        path,
        "struct EventBus",
        &["Name", "Rules"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                _ => rules = list(v, p, rule)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(EventBus { name, rules }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Name"),
        )),
    }
}

/// Reads an EventBridge rule.
pub(crate) fn rule(value: &Value, path: &Path) -> R<Rule> {
    let mut name = None;
    let mut event_pattern = Value::Null;
    let mut targets = Vec::new();
    fields(
        value,
        path,
        "struct Rule",
        &["Name", "EventPattern", "Targets"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                1 => event_pattern = v.clone(),
                _ => targets = strings(v, p)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(Rule {
            name,
            event_pattern,
            targets,
        }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Name"),
        )),
    }
}

/// Reads a bucket.
pub(crate) fn bucket(value: &Value, path: &Path) -> R<Bucket> {
    let mut name = None;
    let mut configurations = Vec::new();
    fields(
        value,
        path,
        "struct Bucket",
        &["BucketName", "LambdaFunctionConfigurations"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                _ => configurations = list(v, p, lambda_notification)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(bucket_name) => Ok(Bucket {
            bucket_name,
            lambda_function_configurations: configurations,
        }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("BucketName"),
        )),
    }
}

/// Reads an S3 notification to a function.
pub(crate) fn lambda_notification(value: &Value, path: &Path) -> R<LambdaNotification> {
    let mut n = LambdaNotification {
        lambda_function_arn: String::new(),
        events: Vec::new(),
        prefix: String::new(),
        suffix: String::new(),
    };
    let mut arn = false;
    let mut events = false;
    fields(
        value,
        path,
        "struct LambdaNotification",
        &["LambdaFunctionArn", "Events", "Prefix", "Suffix"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    n.lambda_function_arn = string(v, p)?;
                    arn = true;
                }
                1 => {
                    n.events = strings(v, p)?;
                    events = true;
                }
                2 => n.prefix = string(v, p)?,
                _ => n.suffix = string(v, p)?,
            }
            Ok(())
        },
    )?;
    need(arn, path, "LambdaFunctionArn")?;
    if !events {
        n.events = default_s3_events();
    }
    Ok(n)
}

/// The name and shard count of a Kinesis stream or a DynamoDB table.
fn sharded(
    value: &Value,
    path: &Path,
    expected: &str,
    known: &'static [&'static str],
) -> R<(String, i64)> {
    let mut name = None;
    let mut shards = one();
    fields(value, path, expected, known, None, &mut |i, v, p| {
        match i {
            0 => name = Some(string(v, p)?),
            _ => shards = int(v, p)?,
        }
        Ok(())
    })?;
    match name {
        Some(name) => Ok((name, shards)),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field(known[0]),
        )),
    }
}

/// Reads a Kinesis stream.
pub(crate) fn kinesis_stream(value: &Value, path: &Path) -> R<KinesisStream> {
    let (stream_name, shard_count) = sharded(
        value,
        path,
        "struct KinesisStream",
        &["StreamName", "ShardCount"],
    )?;
    Ok(KinesisStream {
        stream_name,
        shard_count,
    })
}

/// Reads a DynamoDB table.
pub(crate) fn dynamodb_table(value: &Value, path: &Path) -> R<DynamoDbTable> {
    let (table_name, shard_count) = sharded(
        value,
        path,
        "struct DynamoDbTable",
        &["TableName", "ShardCount"],
    )?;
    Ok(DynamoDbTable {
        table_name,
        shard_count,
    })
}

/// Reads a Kafka topic.
pub(crate) fn kafka_topic(value: &Value, path: &Path) -> R<KafkaTopic> {
    let mut t = KafkaTopic {
        cluster_name: String::new(),
        cluster_kind: KafkaKind::Msk,
        topic: String::new(),
        partitions: one(),
    };
    let mut seen = [false; 2];
    fields(
        value,
        path,
        "struct KafkaTopic",
        &["ClusterName", "ClusterKind", "Topic", "Partitions"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    t.cluster_name = string(v, p)?;
                    seen[0] = true;
                }
                1 => {
                    t.cluster_kind = match variant(v, p, &["MSK", "SelfManaged"], false)? {
                        0 => KafkaKind::Msk,
                        _ => KafkaKind::SelfManaged,
                    }
                }
                2 => {
                    t.topic = string(v, p)?;
                    seen[1] = true;
                }
                _ => t.partitions = int(v, p)?,
            }
            Ok(())
        },
    )?;
    need(seen[0], path, "ClusterName")?;
    need(seen[1], path, "Topic")?;
    Ok(t)
}

/// Reads a client.
pub(crate) fn client(value: &Value, path: &Path) -> R<Client> {
    let mut name = None;
    fields(
        value,
        path,
        "struct Client",
        &["name"],
        None,
        &mut |_, v, p| {
            name = Some(string(v, p)?);
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(Client { name }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("name"),
        )),
    }
}

/// Reads an event source mapping.
pub(crate) fn event_source_mapping(value: &Value, path: &Path) -> R<EventSourceMapping> {
    const F: &[&str] = &[
        "UUID",
        "EventSourceArn",
        "SelfManagedCluster",
        "Topics",
        "FunctionName",
        "Enabled",
        "BatchSize",
        "MaximumBatchingWindowInSeconds",
        "StartingPosition",
        "MaximumRetryAttempts",
        "MaximumRecordAgeInSeconds",
        "BisectBatchOnFunctionError",
        "ParallelizationFactor",
        "TumblingWindowInSeconds",
        "FunctionResponseTypes",
        "DestinationConfig",
    ];
    let mut m = EventSourceMapping {
        enabled: yes(),
        ..EventSourceMapping::default()
    };
    let mut name = false;
    fields(
        value,
        path,
        "struct EventSourceMapping",
        F,
        None,
        &mut |i, v, p| {
            match i {
                0 => m.uuid = opt(v, p, string)?,
                1 => m.event_source_arn = opt(v, p, string)?,
                2 => m.self_managed_cluster = opt(v, p, string)?,
                3 => m.topics = strings(v, p)?,
                4 => {
                    m.function_name = string(v, p)?;
                    name = true;
                }
                5 => m.enabled = boolean(v, p)?,
                6 => m.batch_size = opt(v, p, int)?,
                7 => m.maximum_batching_window_in_seconds = opt(v, p, int)?,
                8 => m.starting_position = opt(v, p, string)?,
                9 => m.maximum_retry_attempts = opt(v, p, int)?,
                10 => m.maximum_record_age_in_seconds = opt(v, p, int)?,
                11 => m.bisect_batch_on_function_error = opt(v, p, boolean)?,
                12 => m.parallelization_factor = opt(v, p, int)?,
                13 => m.tumbling_window_in_seconds = opt(v, p, int)?,
                14 => m.function_response_types = strings(v, p)?,
                _ => m.destination_config = opt(v, p, destination_config)?,
            }
            Ok(())
        },
    )?;
    need(name, path, "FunctionName")?;
    Ok(m)
}
