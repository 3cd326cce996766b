//! The resources other than functions: queues, topics and subscriptions, event buses and rules,
//! buckets and notifications, Kinesis streams, DynamoDB tables, Kafka topics, clients and event
//! source mappings.

use super::declare::model;
use super::read::{boolean, int, string};
use super::write::{self, scalar};
use super::DestinationConfig;
use serde_json::Value;

model! {
    /// An SQS queue.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Queue {
        /// Queue name; FIFO queue names end in `.fifo`.
        queue_name: String = "QueueName" required, read string, write always;
        /// A FIFO queue.
        fifo_queue: bool = "FifoQueue" optional, read boolean, write flag;
        /// Seconds a received message stays hidden (0 to 43200, default 30).
        visibility_timeout: i64 = "VisibilityTimeout" default(default_visibility()),
            read int, write always;
        /// Where SQS moves a message after `maxReceiveCount` receives.
        redrive_policy: Option<RedrivePolicy> = "RedrivePolicy" optional,
            read opt(RedrivePolicy::read), write opt(RedrivePolicy::write);
        /// Seconds SQS keeps a message before deleting it, processed or not (60 to 1209600,
        /// default 345600: 4 days).
        message_retention_period: i64 = "MessageRetentionPeriod"
            default(DEFAULT_MESSAGE_RETENTION),
            read int, write unless(|r| *r == DEFAULT_MESSAGE_RETENTION, scalar);
    }
}

fn default_visibility() -> i64 {
    30
}

/// SQS's default `MessageRetentionPeriod`: 4 days.
pub const DEFAULT_MESSAGE_RETENTION: i64 = 345_600;

model! {
    /// SQS `RedrivePolicy`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct RedrivePolicy {
        /// The dead-letter queue's ARN.
        dead_letter_target_arn: String = "deadLetterTargetArn" required, read string, write always;
        /// Receives before the message is moved (1 to 1000).
        max_receive_count: i64 = "maxReceiveCount" required, read int, write always;
    }
}

model! {
    /// An SNS topic and its subscriptions.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Topic {
        /// Topic name; FIFO topic names end in `.fifo`.
        topic_name: String = "TopicName" required, read string, write always;
        /// A FIFO topic.
        fifo_topic: bool = "FifoTopic" optional, read boolean, write flag;
        /// SQS, Lambda and email subscriptions.
        subscriptions: Vec<Subscription> = "Subscriptions" optional,
            read list(Subscription::read), write list(Subscription::write);
    }
}

model! {
    /// An SNS subscription.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Subscription {
        /// `sqs`, `lambda` or `email`.
        protocol: String = "Protocol" required, read string, write always;
        /// Queue or function ARN, or an email address.
        endpoint: String = "Endpoint" required, read string, write always;
        /// Deliver the message without the SNS envelope (SQS only).
        raw_message_delivery: bool = "RawMessageDelivery" optional, read boolean, write flag;
    }
}

model! {
    /// An EventBridge event bus.
    #[derive(Clone, Debug, PartialEq)]
    pub struct EventBus {
        /// Bus name (`default` for the account's default bus).
        name: String = "Name" required, read string, write always;
        /// Rules on this bus.
        rules: Vec<Rule> = "Rules" optional, read list(Rule::read), write list(Rule::write);
    }
}

model! {
    /// An EventBridge rule.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Rule {
        /// Rule name.
        name: String = "Name" required, read string, write always;
        /// The event pattern; `{}` or absent matches every event.
        event_pattern: Value = "EventPattern" optional,
            read free, write unless(Value::is_null, scalar);
        /// Target ARNs: Lambda functions, SQS queues, SNS topics.
        targets: Vec<String> = "Targets" optional, read strings, write strings;
    }
}

model! {
    /// An S3 bucket.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Bucket {
        /// Bucket name.
        bucket_name: String = "BucketName" required, read string, write always;
        /// Functions invoked (asynchronously) when objects are created.
        lambda_function_configurations: Vec<LambdaNotification> =
            "LambdaFunctionConfigurations" optional,
            read list(LambdaNotification::read), write list(LambdaNotification::write);
    }
}

model! {
    /// An S3 event notification to a Lambda function.
    #[derive(Clone, Debug, PartialEq)]
    pub struct LambdaNotification {
        /// The function's ARN.
        lambda_function_arn: String = "LambdaFunctionArn" required, read string, write always;
        /// Events, e.g. `s3:ObjectCreated:*`.
        events: Vec<String> = "Events" default(default_s3_events()), read strings, write always;
        /// Only keys starting with this.
        prefix: String = "Prefix" optional, read string, write unless(String::is_empty, scalar);
        /// Only keys ending with this.
        suffix: String = "Suffix" optional, read string, write unless(String::is_empty, scalar);
    }
}

fn default_s3_events() -> Vec<String> {
    vec!["s3:ObjectCreated:*".into()]
}

model! {
    /// A Kinesis data stream.
    #[derive(Clone, Debug, PartialEq)]
    pub struct KinesisStream {
        /// Stream name.
        stream_name: String = "StreamName" required, read string, write always;
        /// Number of shards (1 to 64 here).
        shard_count: i64 = "ShardCount" default(one()), read int, write always;
    }
}

model! {
    /// A DynamoDB table with streams on.
    #[derive(Clone, Debug, PartialEq)]
    pub struct DynamoDbTable {
        /// Table name.
        table_name: String = "TableName" required, read string, write always;
        /// Number of stream shards (1 to 64 here).
        shard_count: i64 = "ShardCount" default(one()), read int, write always;
    }
}

fn one() -> i64 {
    1
}

model! {
    /// A Kafka topic on an Amazon MSK or self-managed cluster.
    #[derive(Clone, Debug, PartialEq)]
    pub struct KafkaTopic {
        /// Cluster name.
        cluster_name: String = "ClusterName" required, read string, write always;
        /// `MSK` or `SelfManaged`.
        cluster_kind: KafkaKind = "ClusterKind" optional,
            read kafka_kind, write with(write::kafka_kind);
        /// Topic name.
        topic: String = "Topic" required, read string, write always;
        /// Number of partitions (1 to 64 here).
        partitions: i64 = "Partitions" default(one()), read int, write always;
    }
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

model! {
    /// A caller of a function: an application using `Invoke`, the console's Test button, ...
    #[derive(Clone, Debug, PartialEq)]
    pub struct Client {
        /// Client name.
        name: String = "name" required, read string, write always;
    }
}

model! {
    /// An event source mapping (spec §5).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct EventSourceMapping {
        /// The mapping's id; generated from the seed when absent.
        uuid: Option<String> = "UUID" optional, read opt(string), write some;
        /// Stream, queue or MSK cluster ARN.
        event_source_arn: Option<String> = "EventSourceArn" optional, read opt(string), write some;
        /// For self-managed Kafka: the cluster name from `kafkaTopics`.
        self_managed_cluster: Option<String> = "SelfManagedCluster" optional,
            read opt(string), write some;
        /// Kafka topics read by the mapping.
        topics: Vec<String> = "Topics" optional, read strings, write strings;
        /// Function name or ARN.
        function_name: String = "FunctionName" required, read string, write always;
        /// Whether the mapping polls.
        enabled: bool = "Enabled" default(yes()), read boolean, write always;
        /// Records per batch.
        batch_size: Option<i64> = "BatchSize" optional, read opt(int), write some;
        /// Seconds to gather records before invoking.
        maximum_batching_window_in_seconds: Option<i64> = "MaximumBatchingWindowInSeconds"
            optional, read opt(int), write some;
        /// `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`.
        starting_position: Option<String> = "StartingPosition" optional,
            read opt(string), write some;
        /// -1 (infinite) to 10000.
        maximum_retry_attempts: Option<i64> = "MaximumRetryAttempts" optional,
            read opt(int), write some;
        /// -1 (infinite), or 60 to 604800.
        maximum_record_age_in_seconds: Option<i64> = "MaximumRecordAgeInSeconds" optional,
            read opt(int), write some;
        /// Split a failed batch in two and retry each half.
        bisect_batch_on_function_error: Option<bool> = "BisectBatchOnFunctionError" optional,
            read opt(boolean), write some;
        /// 1 to 10 concurrent batches per shard.
        parallelization_factor: Option<i64> = "ParallelizationFactor" optional,
            read opt(int), write some;
        /// 0 to 900.
        tumbling_window_in_seconds: Option<i64> = "TumblingWindowInSeconds" optional,
            read opt(int), write some;
        /// `["ReportBatchItemFailures"]` or empty.
        function_response_types: Vec<String> = "FunctionResponseTypes" optional,
            read strings, write strings;
        /// OnFailure only.
        destination_config: Option<DestinationConfig> = "DestinationConfig" optional,
            read opt(DestinationConfig::read), write opt(DestinationConfig::write);
    }
}

fn yes() -> bool {
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
