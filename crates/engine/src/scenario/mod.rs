//! The scenario model: the resources a learner draws, how each behaves, and the inputs on a
//! timeline. Field names follow AWS (`EventInvokeConfig`, `MaximumRetryAttempts`, ...) so a
//! scenario reads like AWS configuration; fields that exist only in the playground (`behavior`,
//! `permissions`, `inputs`, `layout`) are in lower camel case.
//!
//! Parsing is strict: unknown fields and unknown versions are refused with an error that names
//! the JSON path. Numbers are kept as written (`i64`) so that validation can answer with AWS's own
//! range messages instead of a parser error.
//!
//! Each model type is declared once (`declare.rs`): every field's Rust name, JSON key, default,
//! and how it is read and written. The declaration generates the type, its reader over
//! `serde_json::Value` ([`read`]) and its writer ([`write`]), which take a fraction of the code
//! `#[derive]` generated for every serializer.
//!
//! The model is split by what each part describes:
//!
//! - this module: the scenario, its texts, layout points and settings, and the serde glue;
//! - `declare.rs`: the declaration macros;
//! - `functions.rs`: functions, their configurations, destinations, permissions and behaviours;
//! - `resources.rs`: queues, topics, buses, buckets, streams, Kafka topics, clients and event
//!   source mappings;
//! - `inputs.rs`: the inputs on the timeline;
//! - `document.rs`: reading and writing a whole document, its caps, and parse errors with their
//!   JSON path.

mod declare;
mod document;
mod functions;
mod inputs;
pub(crate) mod read;
mod resources;
pub(crate) mod write;

pub use document::{json_path_at, ParseError};
pub use functions::{
    Alias, AliasRoutingConfig, Behavior, DeadLetterConfig, Destination, DestinationConfig,
    EventInvokeConfig, FieldMatch, Function, FunctionVersion, Outcome, PayloadRule, Permission,
    RecursiveLoop,
};
pub use inputs::{Input, InvocationType};
pub use resources::{
    Bucket, Client, DynamoDbTable, EventBus, EventSourceMapping, KafkaKind, KafkaTopic,
    KinesisStream, LambdaNotification, Queue, RedrivePolicy, Rule, Subscription, Topic,
    DEFAULT_MESSAGE_RETENTION,
};

use declare::model;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// The only scenario format version this engine reads.
pub const FORMAT_VERSION: u32 = 1;
/// Largest scenario document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// Largest number of resources (functions, queues, topics, ...) in one scenario.
pub const MAX_RESOURCES: usize = 500;
/// Largest number of published versions and aliases, together, of one function.
pub const MAX_QUALIFIERS: usize = 1000;
/// Largest number of inputs on one timeline.
pub const MAX_INPUTS: usize = 100_000;

model! {
    /// A whole playground scenario.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Scenario {
        /// Format version; must be [`FORMAT_VERSION`].
        version: u32 = "version" required, read u32_, write always;
        /// Title shown in the gallery, in English and optionally Korean.
        title: Text = "title" optional, read text, write unless(Text::is_empty, write::text);
        /// What the scenario teaches.
        description: Text = "description" optional,
            read text, write unless(Text::is_empty, write::text);
        /// The AWS account id used in every ARN.
        account: String = "account" default(default_account()), read string, write always;
        /// The AWS region used in every ARN.
        region: String = "region" default(default_region()), read string, write always;
        /// Seed for every random draw (error rates, request ids).
        seed: u64 = "seed" optional, read u64_, write always;
        /// Wall-clock instant of virtual time zero, ISO-8601 UTC.
        start_time: String = "startTime" default(default_start_time()), read string, write always;
        /// Engine settings where AWS sources disagree.
        settings: Settings = "settings" optional,
            read with(Settings::read), write unless(Settings::is_default, Settings::write);
        /// Lambda functions.
        functions: Vec<Function> = "functions" optional,
            read list(Function::read), write list(Function::write);
        /// SQS queues.
        queues: Vec<Queue> = "queues" optional, read list(Queue::read), write list(Queue::write);
        /// SNS topics.
        topics: Vec<Topic> = "topics" optional, read list(Topic::read), write list(Topic::write);
        /// EventBridge event buses.
        event_buses: Vec<EventBus> = "eventBuses" optional,
            read list(EventBus::read), write list(EventBus::write);
        /// S3 buckets.
        buckets: Vec<Bucket> = "buckets" optional,
            read list(Bucket::read), write list(Bucket::write);
        /// Kinesis data streams.
        kinesis_streams: Vec<KinesisStream> = "kinesisStreams" optional,
            read list(KinesisStream::read), write list(KinesisStream::write);
        /// DynamoDB tables with a stream enabled.
        dynamodb_tables: Vec<DynamoDbTable> = "dynamodbTables" optional,
            read list(DynamoDbTable::read), write list(DynamoDbTable::write);
        /// Kafka topics on an MSK or self-managed cluster.
        kafka_topics: Vec<KafkaTopic> = "kafkaTopics" optional,
            read list(KafkaTopic::read), write list(KafkaTopic::write);
        /// Clients that call functions (API callers, the console's Test button, ...).
        clients: Vec<Client> = "clients" optional,
            read list(Client::read), write list(Client::write);
        /// Event source mappings.
        event_source_mappings: Vec<EventSourceMapping> = "eventSourceMappings" optional,
            read list(EventSourceMapping::read), write list(EventSourceMapping::write);
        /// What happens, and when.
        inputs: Vec<Input> = "inputs" optional, read list(Input::read), write list(Input::write);
        /// Canvas positions keyed by resource ARN; ignored by the simulator.
        layout: BTreeMap<String, Point> = "layout" optional,
            read layout, write unless(BTreeMap::is_empty, write::layout);
    }
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

model! {
    /// A canvas position.
    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    pub struct Point {
        /// Horizontal position.
        x: f64 = "x" required, read float, write always;
        /// Vertical position.
        y: f64 = "y" required, read float, write always;
    }
}

model! {
    /// Settings for behaviour the sources disagree on (spec §11).
    #[derive(Clone, Debug, PartialEq)]
    pub struct Settings {
        /// The largest function `Timeout` accepted: 900 in most docs, 1800 in botocore 1.44.8.
        max_function_timeout_seconds: i64 = "maxFunctionTimeoutSeconds"
            default(default_max_timeout()), read int, write always;
    }
}

fn default_max_timeout() -> i64 {
    900
}

impl Default for Settings {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Settings {
    fn is_default(&self) -> bool {
        *self == Settings::default()
    }
}

/// `Serialize` through the writer, for the types not declared with `model!` or `tagged!`.
macro_rules! serialize_with_the_writer {
    ($($ty:ty => $write:path),* $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $write(self).serialize(serializer)
            }
        }
    )*};
}

serialize_with_the_writer! {
    Text => write::text,
    RecursiveLoop => write::recursive_loop,
    KafkaKind => write::kafka_kind,
    InvocationType => write::invocation_type,
}

/// Reads a scenario through [`Scenario::from_json`]'s rules (for documents that embed one, such
/// as the app's autosave record).
impl<'de> Deserialize<'de> for Scenario {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Scenario::read(&value, &read::ROOT).map_err(|fail| fail.into_error())
    }
}

/// Reads an input through [`Scenario::from_json`]'s rules.
impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Input::read(&value, &read::ROOT).map_err(|fail| fail.into_error())
    }
}

#[cfg(test)]
mod tests;
