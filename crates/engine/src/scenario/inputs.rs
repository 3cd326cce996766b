//! The inputs on the timeline: invocations, messages, records and faults, by variant.

use super::Outcome;
use serde_json::Value;
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

pub(super) fn default_object_size() -> u64 {
    1024
}
pub(super) fn one_u32() -> u32 {
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
