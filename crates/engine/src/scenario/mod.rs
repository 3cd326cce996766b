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
//!
//! The model is split by what each part describes:
//!
//! - this module: the scenario, its texts, layout points and settings, and the serde glue;
//! - `functions.rs`: functions, their configurations, destinations, permissions and behaviours;
//! - `resources.rs`: queues, topics, buses, buckets, streams, Kafka topics, clients and event
//!   source mappings;
//! - `inputs.rs`: the inputs on the timeline;
//! - `document.rs`: reading and writing a whole document, its caps, and parse errors with their
//!   JSON path.

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

use functions::{
    any_resource, default_error_message, default_error_type, default_timeout, is_zero,
};
use inputs::{default_object_size, one_u32};
use resources::{default_s3_events, default_visibility, one, yes};
use serde::{Deserialize, Deserializer, Serialize};
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
    FunctionVersion => write::function_version,
    Alias => write::alias,
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

#[cfg(test)]
mod tests;
