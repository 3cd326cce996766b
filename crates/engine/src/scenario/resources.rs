//! The resources other than functions: queues, topics and subscriptions, event buses and rules,
//! buckets and notifications, Kinesis streams, DynamoDB tables, Kafka topics, clients and event
//! source mappings.

use super::DestinationConfig;
use serde_json::Value;
/// An SQS queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    /// Queue name; FIFO queue names end in `.fifo`.
    pub queue_name: String,
    /// A FIFO queue.
    pub fifo_queue: bool,
    /// Seconds a received message stays hidden (0 to 43200, default 30).
    pub visibility_timeout: i64,
    /// Seconds SQS keeps a message before deleting it, processed or not (60 to 1209600,
    /// default 345600: 4 days).
    pub message_retention_period: i64,
    /// Where SQS moves a message after `maxReceiveCount` receives.
    pub redrive_policy: Option<RedrivePolicy>,
}

pub(super) fn default_visibility() -> i64 {
    30
}

/// SQS's default `MessageRetentionPeriod`: 4 days.
pub const DEFAULT_MESSAGE_RETENTION: i64 = 345_600;

/// SQS `RedrivePolicy`.
#[derive(Clone, Debug, PartialEq)]
pub struct RedrivePolicy {
    /// The dead-letter queue's ARN.
    pub dead_letter_target_arn: String,
    /// Receives before the message is moved (1 to 1000).
    pub max_receive_count: i64,
}

/// An SNS topic and its subscriptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// Topic name; FIFO topic names end in `.fifo`.
    pub topic_name: String,
    /// A FIFO topic.
    pub fifo_topic: bool,
    /// SQS, Lambda and email subscriptions.
    pub subscriptions: Vec<Subscription>,
}

/// An SNS subscription.
#[derive(Clone, Debug, PartialEq)]
pub struct Subscription {
    /// `sqs`, `lambda` or `email`.
    pub protocol: String,
    /// Queue or function ARN, or an email address.
    pub endpoint: String,
    /// Deliver the message without the SNS envelope (SQS only).
    pub raw_message_delivery: bool,
}

/// An EventBridge event bus.
#[derive(Clone, Debug, PartialEq)]
pub struct EventBus {
    /// Bus name (`default` for the account's default bus).
    pub name: String,
    /// Rules on this bus.
    pub rules: Vec<Rule>,
}

/// An EventBridge rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Rule name.
    pub name: String,
    /// The event pattern; `{}` or absent matches every event.
    pub event_pattern: Value,
    /// Target ARNs: Lambda functions, SQS queues, SNS topics.
    pub targets: Vec<String>,
}

/// An S3 bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// Bucket name.
    pub bucket_name: String,
    /// Functions invoked (asynchronously) when objects are created.
    pub lambda_function_configurations: Vec<LambdaNotification>,
}

/// An S3 event notification to a Lambda function.
#[derive(Clone, Debug, PartialEq)]
pub struct LambdaNotification {
    /// The function's ARN.
    pub lambda_function_arn: String,
    /// Events, e.g. `s3:ObjectCreated:*`.
    pub events: Vec<String>,
    /// Only keys starting with this.
    pub prefix: String,
    /// Only keys ending with this.
    pub suffix: String,
}

pub(super) fn default_s3_events() -> Vec<String> {
    vec!["s3:ObjectCreated:*".into()]
}

/// A Kinesis data stream.
#[derive(Clone, Debug, PartialEq)]
pub struct KinesisStream {
    /// Stream name.
    pub stream_name: String,
    /// Number of shards (1 to 64 here).
    pub shard_count: i64,
}

/// A DynamoDB table with streams on.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamoDbTable {
    /// Table name.
    pub table_name: String,
    /// Number of stream shards (1 to 64 here).
    pub shard_count: i64,
}

pub(super) fn one() -> i64 {
    1
}

/// A Kafka topic on an Amazon MSK or self-managed cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct KafkaTopic {
    /// Cluster name.
    pub cluster_name: String,
    /// `MSK` or `SelfManaged`.
    pub cluster_kind: KafkaKind,
    /// Topic name.
    pub topic: String,
    /// Number of partitions (1 to 64 here).
    pub partitions: i64,
}

/// Where a Kafka cluster runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KafkaKind {
    /// Amazon MSK.
    #[default]
    Msk,
    /// A self-managed cluster.
    SelfManaged,
}

/// A caller of a function: an application using `Invoke`, the console's Test button, ...
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    /// Client name.
    pub name: String,
}

/// An event source mapping (spec §5).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventSourceMapping {
    /// The mapping's id; generated from the seed when absent.
    pub uuid: Option<String>,
    /// Stream, queue or MSK cluster ARN.
    pub event_source_arn: Option<String>,
    /// For self-managed Kafka: the cluster name from `kafkaTopics`.
    pub self_managed_cluster: Option<String>,
    /// Kafka topics read by the mapping.
    pub topics: Vec<String>,
    /// Function name or ARN.
    pub function_name: String,
    /// Whether the mapping polls.
    pub enabled: bool,
    /// Records per batch.
    pub batch_size: Option<i64>,
    /// Seconds to gather records before invoking.
    pub maximum_batching_window_in_seconds: Option<i64>,
    /// `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
    pub starting_position: Option<String>,
    /// -1 (infinite) to 10000.
    pub maximum_retry_attempts: Option<i64>,
    /// -1 (infinite), or 60 to 604800.
    pub maximum_record_age_in_seconds: Option<i64>,
    /// Split a failed batch in two and retry each half.
    pub bisect_batch_on_function_error: Option<bool>,
    /// 1 to 10 concurrent batches per shard.
    pub parallelization_factor: Option<i64>,
    /// 0 to 900.
    pub tumbling_window_in_seconds: Option<i64>,
    /// `["ReportBatchItemFailures"]` or empty.
    pub function_response_types: Vec<String>,
    /// OnFailure only.
    pub destination_config: Option<DestinationConfig>,
}

pub(super) fn yes() -> bool {
    true
}

impl EventSourceMapping {
    /// Whether the function reports partial batch failures.
    pub fn reports_batch_item_failures(&self) -> bool {
        self.function_response_types
            .iter()
            .any(|t| t == "ReportBatchItemFailures")
    }
}
