//! The scenario model: the resources a learner draws, how each behaves, and the inputs on a
//! timeline. Field names follow AWS (`EventInvokeConfig`, `MaximumRetryAttempts`, ...) so a
//! scenario reads like AWS configuration; fields that exist only in the playground (`behavior`,
//! `permissions`, `inputs`, `layout`) are in lower camel case.
//!
//! Parsing is strict: unknown fields and unknown versions are refused with an error that names
//! the JSON path. Numbers are kept as written (`i64`) so that validation can answer with AWS's own
//! range messages instead of a parser error.
//!
//! The model's serde impls are written by hand over `serde_json::Value` ([`read`] and
//! [`write`]), which takes a fraction of the code `#[derive]` generated for every serializer.

pub(crate) mod read;
pub(crate) mod write;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The only scenario format version this engine reads.
pub const FORMAT_VERSION: u32 = 1;
/// Largest scenario document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// Largest number of resources (functions, queues, topics, ...) in one scenario.
pub const MAX_RESOURCES: usize = 500;
/// Largest number of inputs on one timeline.
pub const MAX_INPUTS: usize = 100_000;

/// A whole playground scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Format version; must be [`FORMAT_VERSION`].
    pub version: u32,
    /// Title shown in the gallery, in English and optionally Korean.
    pub title: Text,
    /// What the scenario teaches.
    pub description: Text,
    /// The AWS account id used in every ARN.
    pub account: String,
    /// The AWS region used in every ARN.
    pub region: String,
    /// Seed for every random draw (error rates, request ids).
    pub seed: u64,
    /// Wall-clock instant of virtual time zero, ISO-8601 UTC.
    pub start_time: String,
    /// Engine settings where AWS sources disagree.
    pub settings: Settings,
    /// Lambda functions.
    pub functions: Vec<Function>,
    /// SQS queues.
    pub queues: Vec<Queue>,
    /// SNS topics.
    pub topics: Vec<Topic>,
    /// EventBridge event buses.
    pub event_buses: Vec<EventBus>,
    /// S3 buckets.
    pub buckets: Vec<Bucket>,
    /// Kinesis data streams.
    pub kinesis_streams: Vec<KinesisStream>,
    /// DynamoDB tables with a stream enabled.
    pub dynamodb_tables: Vec<DynamoDbTable>,
    /// Kafka topics on an MSK or self-managed cluster.
    pub kafka_topics: Vec<KafkaTopic>,
    /// Clients that call functions (API callers, the console's Test button, ...).
    pub clients: Vec<Client>,
    /// Event source mappings.
    pub event_source_mappings: Vec<EventSourceMapping>,
    /// What happens, and when.
    pub inputs: Vec<Input>,
    /// Canvas positions keyed by resource ARN; ignored by the simulator.
    pub layout: BTreeMap<String, Point>,
}

fn default_account() -> String {
    "123456789012".into()
}
fn default_region() -> String {
    "us-east-2".into()
}
fn default_start_time() -> String {
    "2026-01-01T00:00:00.000Z".into()
}

/// A text in English with an optional Korean translation. Written either as a plain string or as
/// `{"en": "...", "ko": "..."}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Text {
    /// No text.
    #[default]
    Empty,
    /// One text for every language.
    Plain(String),
    /// Per-language texts.
    Localized {
        /// English.
        en: String,
        /// Korean.
        ko: Option<String>,
    },
}

impl Text {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        matches!(self, Text::Empty)
    }
    /// The text for `lang` ("en" or "ko"), falling back to English.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Empty => "",
            Text::Plain(text) => text,
            Text::Localized { en, ko } => match (lang, ko) {
                ("ko", Some(ko)) => ko,
                _ => en,
            },
        }
    }
}

/// A canvas position.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// Settings for behaviour the sources disagree on (spec §11).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The largest function `Timeout` accepted: 900 in most docs, 1800 in botocore 1.44.8.
    pub max_function_timeout_seconds: i64,
}

fn default_max_timeout() -> i64 {
    900
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_function_timeout_seconds: default_max_timeout(),
        }
    }
}

impl Settings {
    fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// A Lambda function.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// The function's name.
    pub function_name: String,
    /// `Timeout` in seconds (default 3).
    pub timeout: i64,
    /// Reserved concurrency; `0` stops every invocation. Absent means unreserved.
    pub reserved_concurrent_executions: Option<i64>,
    /// What Lambda does when it detects a recursive loop.
    pub recursive_loop: RecursiveLoop,
    /// The legacy dead-letter queue for asynchronous invocations.
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// Retries, event age and destinations for asynchronous invocations.
    pub event_invoke_config: Option<EventInvokeConfig>,
    /// The execution role's allowed actions. Absent means the role allows every action the
    /// diagram needs (as SAM's generated policies do).
    pub permissions: Option<Vec<Permission>>,
    /// How the function's code behaves in the simulation.
    pub behavior: Behavior,
}

fn default_timeout() -> i64 {
    3
}

/// `RecursiveLoop` setting (spec §7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RecursiveLoop {
    /// Stop the invocation after about 16 calls in one chain (the default).
    #[default]
    Terminate,
    /// Let loops run.
    Allow,
}

impl RecursiveLoop {
    fn is_default(&self) -> bool {
        *self == RecursiveLoop::Terminate
    }
}

/// `DeadLetterConfig`.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadLetterConfig {
    /// ARN of an SQS queue or SNS topic.
    pub target_arn: String,
}

/// `EventInvokeConfig`: the function's asynchronous invocation settings (spec §2.9).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventInvokeConfig {
    /// 0 to 2; default 2.
    pub maximum_retry_attempts: Option<i64>,
    /// 60 to 21600; default 21600.
    pub maximum_event_age_in_seconds: Option<i64>,
    /// OnSuccess and OnFailure destinations.
    pub destination_config: Option<DestinationConfig>,
}

/// `DestinationConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DestinationConfig {
    /// Where successful invocations are recorded.
    pub on_success: Option<Destination>,
    /// Where failed invocations are recorded.
    pub on_failure: Option<Destination>,
}

/// `{"Destination": "arn:..."}`; an absent or empty destination means "none".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Destination {
    /// The target's ARN (or `kafka://topic` for Kafka mappings).
    pub destination: Option<String>,
}

impl Destination {
    /// The ARN when one is set and not empty.
    pub fn arn(&self) -> Option<&str> {
        self.destination.as_deref().filter(|arn| !arn.is_empty())
    }
}

impl DestinationConfig {
    /// The OnSuccess ARN, if set.
    pub fn on_success_arn(&self) -> Option<&str> {
        self.on_success.as_ref().and_then(Destination::arn)
    }
    /// The OnFailure ARN, if set.
    pub fn on_failure_arn(&self) -> Option<&str> {
        self.on_failure.as_ref().and_then(Destination::arn)
    }
}

/// One allowed action of the execution role, e.g. `sqs:SendMessage` on a queue ARN or `*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Permission {
    /// The IAM action, e.g. `sns:Publish`.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
}

fn any_resource() -> String {
    "*".into()
}

/// How a function behaves in the simulation. For each attempt the first that applies wins:
/// the per-attempt script, a payload rule, the seeded error rate, then `outcome`.
#[derive(Clone, Debug, PartialEq)]
pub struct Behavior {
    /// The outcome of every attempt not otherwise scripted.
    pub outcome: Outcome,
    /// Outcome of attempt 1, 2, 3, ... of the same request (or batch).
    pub attempts: Vec<Outcome>,
    /// Probability (0 to 1) that an attempt fails with an error, drawn from the seed.
    pub error_rate: f64,
    /// Outcomes chosen by a field of the payload.
    pub when: Vec<PayloadRule>,
    /// Records of a batch that this function fails to process; reported as
    /// `batchItemFailures` when the mapping has `ReportBatchItemFailures`, otherwise the whole
    /// batch fails.
    pub fail_records: Option<FieldMatch>,
    /// What the function returns on success.
    pub response: Value,
    /// How long each attempt runs, in milliseconds.
    pub duration_ms: u64,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}
fn default_duration() -> u64 {
    120
}

impl Default for Behavior {
    fn default() -> Self {
        Self {
            outcome: Outcome::Ok,
            attempts: Vec::new(),
            error_rate: 0.0,
            when: Vec::new(),
            fail_records: None,
            response: Value::Null,
            duration_ms: default_duration(),
        }
    }
}

impl Behavior {
    fn is_default(&self) -> bool {
        *self == Behavior::default()
    }
}

/// The result of one attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Outcome {
    /// Returns `response`.
    #[default]
    Ok,
    /// Throws: an unhandled function error.
    Error {
        /// e.g. `Error`, `ValueError`.
        error_type: String,
        /// The exception message.
        error_message: String,
    },
    /// Runs past the function's `Timeout`.
    Timeout,
    /// Lambda throttles the invocation (429) before the code runs.
    Throttle,
}

fn default_error_type() -> String {
    "Error".into()
}
fn default_error_message() -> String {
    "Something went wrong".into()
}

impl Outcome {
    fn is_ok(&self) -> bool {
        *self == Outcome::Ok
    }
}

/// `{"field": "a.b", "equals": <json>, "outcome": {...}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadRule {
    /// Dotted path into the payload (or into each record's data for batches).
    pub field: String,
    /// The value that selects this rule.
    pub equals: Value,
    /// The outcome when it matches.
    pub outcome: Outcome,
}

/// `{"field": "a.b", "equals": <json>}`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMatch {
    /// Dotted path into a record's data.
    pub field: String,
    /// The value that marks a record as failing.
    pub equals: Value,
}

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

fn default_visibility() -> i64 {
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

fn default_s3_events() -> Vec<String> {
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

fn one() -> i64 {
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

/// `RequestResponse`, `Event` or `DryRun`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InvocationType {
    /// Synchronous (the default).
    #[default]
    RequestResponse,
    /// Asynchronous.
    Event,
    /// Validate parameters and permissions only.
    DryRun,
}

impl InvocationType {
    /// The AWS spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            InvocationType::RequestResponse => "RequestResponse",
            InvocationType::Event => "Event",
            InvocationType::DryRun => "DryRun",
        }
    }
}

/// Something that happens on the timeline at `at` milliseconds of virtual time.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// `aws lambda invoke`.
    Invoke {
        /// Virtual time in ms.
        at: u64,
        /// Function name or ARN.
        function_name: String,
        /// Invocation type.
        invocation_type: InvocationType,
        /// The event.
        payload: Value,
        /// The calling client's name, if drawn.
        client: Option<String>,
    },
    /// `aws kinesis put-record`.
    PutRecord {
        /// Virtual time in ms.
        at: u64,
        /// Stream name.
        stream_name: String,
        /// Chooses the shard.
        partition_key: String,
        /// The record's data (shown base64-encoded in the event, as Kinesis does).
        data: Value,
    },
    /// A write to a DynamoDB table, which appears on its stream.
    PutItem {
        /// Virtual time in ms.
        at: u64,
        /// Table name.
        table_name: String,
        /// The item in DynamoDB JSON, e.g. `{"id": {"S": "1"}}`.
        item: Value,
    },
    /// `aws sqs send-message`.
    SendMessage {
        /// Virtual time in ms.
        at: u64,
        /// Queue name.
        queue_name: String,
        /// The body: a string, or JSON that is sent as its text.
        message_body: Value,
        /// FIFO queues only.
        message_group_id: Option<String>,
    },
    /// `aws sns publish`.
    Publish {
        /// Virtual time in ms.
        at: u64,
        /// Topic name.
        topic_name: String,
        /// The message: a string, or JSON that is sent as its text.
        message: Value,
        /// Optional subject.
        subject: Option<String>,
    },
    /// `aws s3api put-object`.
    PutObject {
        /// Virtual time in ms.
        at: u64,
        /// Bucket name.
        bucket: String,
        /// Object key.
        key: String,
        /// Object size in bytes.
        size: u64,
    },
    /// `aws events put-events`.
    PutEvents {
        /// Virtual time in ms.
        at: u64,
        /// Bus name.
        event_bus_name: String,
        /// The event's `source`.
        source: String,
        /// The event's `detail-type`.
        detail_type: String,
        /// The event's `detail`.
        detail: Value,
    },
    /// A record produced to a Kafka topic.
    Produce {
        /// Virtual time in ms.
        at: u64,
        /// Cluster name.
        cluster_name: String,
        /// Topic name.
        topic: String,
        /// The record key (chooses the partition).
        key: Option<String>,
        /// The record value.
        value: Value,
    },
    /// Fault: remove an action from a function's execution role.
    RevokePermission {
        /// Virtual time in ms.
        at: u64,
        /// Function name.
        function_name: String,
        /// The IAM action, e.g. `sns:Publish`.
        action: String,
    },
    /// Fault: delete a queue, topic, bus, bucket or function.
    DeleteResource {
        /// Virtual time in ms.
        at: u64,
        /// The resource's ARN.
        arn: String,
    },
    /// Fault: `aws lambda put-function-concurrency`.
    SetReservedConcurrency {
        /// Virtual time in ms.
        at: u64,
        /// Function name.
        function_name: String,
        /// New reserved concurrency.
        reserved_concurrent_executions: i64,
    },
    /// Fault: the function's next attempts end with `outcome`.
    FailNext {
        /// Virtual time in ms.
        at: u64,
        /// Function name.
        function_name: String,
        /// How many attempts.
        count: u32,
        /// The outcome they get.
        outcome: Outcome,
    },
}

fn default_object_size() -> u64 {
    1024
}
fn one_u32() -> u32 {
    1
}

impl Input {
    /// When the input happens, in virtual milliseconds.
    pub fn at(&self) -> u64 {
        match self {
            Input::Invoke { at, .. }
            | Input::PutRecord { at, .. }
            | Input::PutItem { at, .. }
            | Input::SendMessage { at, .. }
            | Input::Publish { at, .. }
            | Input::PutObject { at, .. }
            | Input::PutEvents { at, .. }
            | Input::Produce { at, .. }
            | Input::RevokePermission { at, .. }
            | Input::DeleteResource { at, .. }
            | Input::SetReservedConcurrency { at, .. }
            | Input::FailNext { at, .. } => *at,
        }
    }

    /// True for faults (changes to the world rather than traffic).
    pub fn is_fault(&self) -> bool {
        matches!(
            self,
            Input::RevokePermission { .. }
                | Input::DeleteResource { .. }
                | Input::SetReservedConcurrency { .. }
                | Input::FailNext { .. }
        )
    }
}

macro_rules! serialize_with_the_writer {
    ($($ty:ty => $write:path),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $write(self).serialize(serializer)
            }
        }
    )*};
}

serialize_with_the_writer! {
    Scenario => write::scenario,
    Text => write::text,
    Point => write::point,
    Settings => write::settings,
    Function => write::function,
    RecursiveLoop => write::recursive_loop,
    DeadLetterConfig => write::dead_letter_config,
    EventInvokeConfig => write::event_invoke_config,
    DestinationConfig => write::destination_config,
    Destination => write::destination,
    Permission => write::permission,
    Behavior => write::behavior,
    Outcome => write::outcome,
    PayloadRule => write::payload_rule,
    FieldMatch => write::field_match,
    Queue => write::queue,
    RedrivePolicy => write::redrive_policy,
    Topic => write::topic,
    Subscription => write::subscription,
    EventBus => write::event_bus,
    Rule => write::rule,
    Bucket => write::bucket,
    LambdaNotification => write::lambda_notification,
    KinesisStream => write::kinesis_stream,
    DynamoDbTable => write::dynamodb_table,
    KafkaTopic => write::kafka_topic,
    KafkaKind => write::kafka_kind,
    Client => write::client,
    EventSourceMapping => write::event_source_mapping,
    InvocationType => write::invocation_type,
    Input => write::input,
}

/// Reads a scenario through [`Scenario::from_json`]'s rules (for documents that embed one, such
/// as the app's autosave record).
impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read::scenario(&value, &read::ROOT).map_err(|fail| fail.into_error())
    }
}

/// Reads an input through [`Scenario::from_json`]'s rules.
impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read::input(&value, &read::ROOT).map_err(|fail| fail.into_error())
    }
}

/// Why a scenario document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// JSON path of the offending value, e.g. `functions[0].EventInvokeConfig`.
    pub path: String,
    /// 1-based line, when known.
    pub line: usize,
    /// 1-based column, when known.
    pub column: usize,
    /// What was wrong and what would be accepted.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, "at {}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

impl Scenario {
    /// A scenario with no resources and no inputs.
    pub fn empty() -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            title: Text::Empty,
            description: Text::Empty,
            account: default_account(),
            region: default_region(),
            seed: 0,
            start_time: default_start_time(),
            settings: Settings::default(),
            functions: Vec::new(),
            queues: Vec::new(),
            topics: Vec::new(),
            event_buses: Vec::new(),
            buckets: Vec::new(),
            kinesis_streams: Vec::new(),
            dynamodb_tables: Vec::new(),
            kafka_topics: Vec::new(),
            clients: Vec::new(),
            event_source_mappings: Vec::new(),
            inputs: Vec::new(),
            layout: BTreeMap::new(),
        }
    }

    /// Reads a scenario from JSON text, strictly.
    pub fn from_json(text: &str) -> Result<Scenario, ParseError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ParseError {
                path: String::new(),
                line: 0,
                column: 0,
                message: format!(
                    "the scenario is {} bytes; the largest accepted is {} bytes",
                    text.len(),
                    MAX_DOCUMENT_BYTES
                ),
            });
        }
        // Check the version first so an old or future file gets a clear answer rather than a
        // complaint about some field it has.
        let probe: Value = serde_json::from_str(text).map_err(|e| ParseError {
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: format!("not valid JSON: {}", strip_position(&e.to_string())),
        })?;
        match probe.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
            Some(other) => {
                return Err(ParseError {
                    path: "version".into(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "unsupported scenario version {other}; this playground reads version {FORMAT_VERSION}"
                    ),
                })
            }
            None => {
                return Err(ParseError {
                    path: "version".into(),
                    line: 0,
                    column: 0,
                    message: format!("missing field `version`; add \"version\": {FORMAT_VERSION}"),
                })
            }
        }
        // A `Value` keeps the last of repeated keys; serde refused repeated fields, in document
        // order with the other mistakes.
        let duplicate = read::duplicate(text);
        let scenario = match read::scenario(&probe, &read::ROOT) {
            Ok(scenario) => match duplicate {
                None => scenario,
                Some(d) => return Err(d.into_error(text)),
            },
            Err(fail) => {
                let offset = read::locate(text, &fail.steps, fail.at);
                return Err(match (duplicate, offset) {
                    (Some(d), Some(offset)) if d.offset < offset => d.into_error(text),
                    _ => {
                        let (line, column) =
                            offset.map_or((0, 0), |offset| read::line_and_column(text, offset));
                        ParseError {
                            path: fail.path(),
                            line,
                            column,
                            message: fail.message,
                        }
                    }
                });
            }
        };
        scenario.check_caps()?;
        Ok(scenario)
    }

    /// Writes the scenario as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Total number of resources of every kind.
    pub fn resource_count(&self) -> usize {
        self.functions.len()
            + self.queues.len()
            + self.topics.len()
            + self.event_buses.len()
            + self.buckets.len()
            + self.kinesis_streams.len()
            + self.dynamodb_tables.len()
            + self.kafka_topics.len()
            + self.clients.len()
            + self.event_source_mappings.len()
    }

    fn check_caps(&self) -> Result<(), ParseError> {
        let cap = |path: &str, message: String| ParseError {
            path: path.into(),
            line: 0,
            column: 0,
            message,
        };
        if self.resource_count() > MAX_RESOURCES {
            return Err(cap(
                ".",
                format!(
                    "the scenario has {} resources; the playground simulates at most {MAX_RESOURCES}",
                    self.resource_count()
                ),
            ));
        }
        if self.inputs.len() > MAX_INPUTS {
            return Err(cap(
                "inputs",
                format!(
                    "the timeline has {} inputs; at most {MAX_INPUTS} are simulated",
                    self.inputs.len()
                ),
            ));
        }
        Ok(())
    }
}

/// The JSON path (`functions[0].Timeout`) of the value at a 1-based line and column, found by
/// scanning the text up to that point. Used to name the place of a parse error.
pub fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object {
            key: Option<String>,
            expecting_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let offset = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + column;
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        match c {
            '{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            '"' => {
                let mut string = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            chars.next();
                        }
                        other => string.push(other),
                    }
                }
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                }) = stack.last_mut()
                {
                    *key = Some(string);
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    path
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimal_scenario_gets_aws_defaults() {
        let s = Scenario::from_json(r#"{"version":1,"functions":[{"FunctionName":"f"}]}"#)
            .expect("valid");
        assert_eq!(s.account, "123456789012");
        assert_eq!(s.region, "us-east-2");
        assert_eq!(s.functions[0].timeout, 3);
        assert_eq!(s.functions[0].recursive_loop, RecursiveLoop::Terminate);
    }

    #[test]
    fn unknown_fields_are_refused_with_their_name_and_path() {
        let err =
            Scenario::from_json(r#"{"version":1,"functions":[{"FunctionName":"f","Timout":3}]}"#)
                .expect_err("unknown field");
        assert_eq!(err.path, "functions[0].Timout");
        assert!(
            err.message.contains("unknown field `Timout`"),
            "{}",
            err.message
        );
        assert_eq!(err.line, 1);
    }

    #[test]
    fn unknown_fields_inside_inputs_are_refused() {
        let err = Scenario::from_json(
            r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","Payloda":{}}]}"#,
        )
        .expect_err("unknown field");
        assert!(err.message.contains("Payloda"), "{err}");
    }

    #[test]
    fn a_wrong_type_names_the_path_of_the_value() {
        let err = Scenario::from_json(
            "{\"version\":1,\"queues\":[{\"QueueName\":\"q\"},\n {\"QueueName\":\"r\",\"VisibilityTimeout\":\"x\"}]}",
        )
        .expect_err("wrong type");
        assert_eq!(err.path, "queues[1].VisibilityTimeout");
        assert_eq!(err.line, 2);
        assert!(err.message.contains("invalid type: string"), "{err}");
    }

    #[test]
    fn another_version_is_refused_before_anything_else() {
        let err = Scenario::from_json(r#"{"version":2,"whatever":true}"#).expect_err("version 2");
        assert_eq!(err.path, "version");
        assert!(err.message.contains("version 1"));
        let err = Scenario::from_json(r#"{"functions":[]}"#).expect_err("no version");
        assert!(err.message.contains("missing field `version`"));
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = Scenario::from_json("{\"version\":1,\n \"functions\": [}").expect_err("bad json");
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("line 2, column"), "{err}");
    }

    #[test]
    fn too_many_inputs_are_refused_with_the_cap() {
        let inputs: Vec<String> = (0..=MAX_INPUTS)
            .map(|_| r#"{"type":"invoke","FunctionName":"f"}"#.to_string())
            .collect();
        let text = format!(r#"{{"version":1,"inputs":[{}]}}"#, inputs.join(","));
        let err = Scenario::from_json(&text).expect_err("cap");
        assert!(err.message.contains("at most 100000"), "{err}");
    }

    #[test]
    fn text_can_be_plain_or_localized() {
        let s = Scenario::from_json(
            r#"{"version":1,"title":{"en":"Hello","ko":"안녕"},"description":"Plain"}"#,
        )
        .expect("valid");
        assert_eq!(s.title.get("ko"), "안녕");
        assert_eq!(s.title.get("en"), "Hello");
        assert_eq!(s.description.get("ko"), "Plain");
    }

    #[test]
    fn scenarios_round_trip_through_json() {
        let text = r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":1,
            "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:q"}}},
            "behavior":{"attempts":[{"type":"error"},{"type":"ok"}]}}],
            "inputs":[{"type":"invoke","at":5,"FunctionName":"f","InvocationType":"Event","Payload":{"a":1}}]}"#;
        let s = Scenario::from_json(text).expect("valid");
        let again = Scenario::from_json(&s.to_json_pretty()).expect("round trip");
        assert_eq!(s, again);
        assert_eq!(s.inputs[0].at(), 5);
    }

    fn error(text: &str) -> ParseError {
        Scenario::from_json(text).expect_err("refused")
    }

    #[test]
    fn an_unknown_field_in_a_function_is_named_with_its_path() {
        let err =
            error("{\"version\": 1,\n \"functions\": [{\"FunctionName\": \"f\", \"Foo\": 1}]}");
        assert_eq!(err.path, "functions[0].Foo");
        assert_eq!((err.line, err.column), (2, 42));
        assert_eq!(
            err.message,
            "unknown field `Foo`, expected one of `FunctionName`, `Timeout`, \
             `ReservedConcurrentExecutions`, `RecursiveLoop`, `DeadLetterConfig`, \
             `EventInvokeConfig`, `permissions`, `behavior`"
        );
        assert_eq!(
            err.to_string(),
            format!("line 2, column 42: at functions[0].Foo: {}", err.message)
        );
    }

    #[test]
    fn an_unknown_field_in_an_input_is_named_with_the_input_s_own_path() {
        let err = error(
            r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f"},
               {"type":"sendMessage","QueueName":"q","Bdy":"x"}]}"#,
        );
        assert_eq!(err.path, "inputs[1].Bdy");
        assert_eq!(err.line, 2);
        assert_eq!(
            err.message,
            "unknown field `Bdy`, expected one of `at`, `QueueName`, `MessageBody`, `MessageGroupId`"
        );
    }

    #[test]
    fn a_missing_required_field_names_the_object_that_lacks_it() {
        let err = error(r#"{"version":1,"queues":[{"VisibilityTimeout":30}]}"#);
        assert_eq!(err.path, "queues[0]");
        assert_eq!(err.message, "missing field `QueueName`");
        assert_eq!((err.line, err.column), (1, 47));
        let err = error(r#"{"version":1,"inputs":[{"type":"putItem","TableName":"t"}]}"#);
        assert_eq!(err.path, "inputs[0]");
        assert_eq!(err.message, "missing field `Item`");
        let err = error(r#"{"version":1,"inputs":[{"at":5}]}"#);
        assert_eq!(err.message, "missing field `type`");
    }

    #[test]
    fn an_unknown_input_type_lists_the_types_there_are() {
        let err = error(r#"{"version":1,"inputs":[{"type":"invok","FunctionName":"f"}]}"#);
        assert_eq!(err.path, "inputs[0].type");
        assert!(
            err.message
                .starts_with("unknown variant `invok`, expected one of `invoke`, `putRecord`,"),
            "{err}"
        );
        let err = error(
            r#"{"version":1,"functions":[{"FunctionName":"f","behavior":{"attempts":[{"type":"eror"}]}}]}"#,
        );
        assert_eq!(err.path, "functions[0].behavior.attempts[0].type");
        assert_eq!(
            err.message,
            "unknown variant `eror`, expected one of `ok`, `error`, `timeout`, `throttle`"
        );
    }

    #[test]
    fn a_repeated_field_is_refused_but_a_repeated_key_in_a_payload_is_not() {
        let err =
            error(r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":3,"Timeout":4}]}"#);
        assert_eq!(err.path, "functions[0].Timeout");
        assert_eq!(err.message, "duplicate field `Timeout`");
        assert_eq!((err.line, err.column), (1, 67));
        let s = Scenario::from_json(
            r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","Payload":{"a":1,"a":2}}]}"#,
        )
        .expect("payloads are free JSON");
        let Input::Invoke { payload, .. } = &s.inputs[0] else {
            panic!("an invoke")
        };
        assert_eq!(payload["a"], 2);
        // A key written with an escape is the same key.
        let err = error(
            r#"{"version":1,"functions":[{"FunctionName":"f","Time\u006fut":3,"Timeout":4}]}"#,
        );
        assert_eq!(err.message, "duplicate field `Timeout`");
    }

    #[test]
    fn integers_out_of_aws_ranges_are_kept_for_validation_but_not_out_of_the_type() {
        let s = Scenario::from_json(
            r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":-7,"EventInvokeConfig":{"MaximumRetryAttempts":99}}]}"#,
        )
        .expect("validation answers these");
        assert_eq!(s.functions[0].timeout, -7);
        let err = error(r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","at":-1}]}"#);
        assert_eq!(err.path, "inputs[0].at");
        assert_eq!(err.message, "invalid value: integer `-1`, expected u64");
        let err = error(r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":1.5}]}"#);
        assert_eq!(
            err.message,
            "invalid type: floating point `1.5`, expected i64"
        );
        let err = error(r#"{"version":1,"functions":[{"FunctionName":null}]}"#);
        assert_eq!(err.message, "invalid type: null, expected a string");
        let err =
            error(r#"{"version":1,"functions":[{"FunctionName":"f","RecursiveLoop":"Stop"}]}"#);
        assert_eq!(
            err.message,
            "unknown variant `Stop`, expected `Terminate` or `Allow`"
        );
    }

    #[test]
    fn absent_fields_get_their_defaults_in_every_part() {
        let s = Scenario::from_json(
            r#"{"version":1,
               "functions":[{"FunctionName":"f","permissions":[{"Action":"sns:Publish"}],
                 "behavior":{"outcome":{"type":"error"}}}],
               "buckets":[{"BucketName":"b","LambdaFunctionConfigurations":[{"LambdaFunctionArn":"a"}]}],
               "eventSourceMappings":[{"FunctionName":"f"}],
               "inputs":[{"type":"putObject","Bucket":"b","Key":"k"},
                         {"type":"failNext","FunctionName":"f","Outcome":{"type":"timeout"}}]}"#,
        )
        .expect("valid");
        let f = &s.functions[0];
        assert_eq!(f.timeout, 3);
        assert_eq!(f.behavior.duration_ms, 120);
        assert_eq!(f.permissions.as_ref().expect("listed")[0].resource, "*");
        assert_eq!(
            f.behavior.outcome,
            Outcome::Error {
                error_type: "Error".into(),
                error_message: "Something went wrong".into()
            }
        );
        assert_eq!(
            s.buckets[0].lambda_function_configurations[0].events,
            ["s3:ObjectCreated:*"]
        );
        assert!(s.event_source_mappings[0].enabled);
        assert_eq!(s.inputs[0].at(), 0);
        assert!(matches!(s.inputs[0], Input::PutObject { size: 1024, .. }));
        assert!(matches!(s.inputs[1], Input::FailNext { count: 1, .. }));
        assert_eq!(s.settings.max_function_timeout_seconds, 900);
    }

    #[test]
    fn an_autosave_record_reads_its_scenario_through_the_same_rules() {
        let s: Scenario = serde_json::from_str(r#"{"version":1,"seed":4}"#).expect("valid");
        assert_eq!(s.seed, 4);
        let err = serde_json::from_str::<Scenario>(r#"{"version":1,"sed":4}"#).expect_err("typo");
        assert!(err.to_string().starts_with("unknown field `sed`"), "{err}");
        let err = serde_json::from_str::<Vec<Input>>(r#"[{"type":"deleteResource"}]"#)
            .expect_err("no Arn");
        assert!(err.to_string().contains("missing field `Arn`"), "{err}");
    }

    #[test]
    fn a_saved_scenario_lists_fields_in_aws_order_and_leaves_out_the_defaults_it_may() {
        let s = Scenario::from_json(
            r#"{"version":1,"functions":[{"behavior":{"outcome":{"type":"timeout"}},"FunctionName":"f"}],
                "inputs":[{"FunctionName":"f","type":"invoke"},{"type":"produce","ClusterName":"c","Topic":"t"}]}"#,
        )
        .expect("valid");
        assert_eq!(
            serde_json::to_string(&s).expect("serializes"),
            r#"{"version":1,"account":"123456789012","region":"us-east-2","seed":0,"#.to_string()
                + r#""startTime":"2026-01-01T00:00:00.000Z","functions":[{"FunctionName":"f","Timeout":3,"#
                + r#""behavior":{"outcome":{"type":"timeout"},"durationMs":120}}],"inputs":["#
                + r#"{"type":"invoke","at":0,"FunctionName":"f","InvocationType":"RequestResponse","Payload":null},"#
                + r#"{"type":"produce","at":0,"ClusterName":"c","Topic":"t","Key":null,"Value":null}]}"#
        );
    }
}
