//! The inputs on the timeline: invocations, messages, records and faults, by variant.

use super::declare::tagged;
use super::read::string;
use super::write;
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

tagged! {
    /// Something that happens on the timeline at `at` milliseconds of virtual time.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Input {
        /// `aws lambda invoke`.
        Invoke = "invoke" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Function name or ARN.
            function_name: String = "FunctionName" required, read string, write always;
            /// Invocation type.
            invocation_type: InvocationType = "InvocationType" optional,
                read invocation_type, write with(write::invocation_type);
            /// The event.
            payload: Value = "Payload" optional, read free, write always;
            /// The calling client's name, if drawn.
            client: Option<String> = "client" optional, read opt(string), write some;
        },
        /// `aws kinesis put-record`.
        PutRecord = "putRecord" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Stream name.
            stream_name: String = "StreamName" required, read string, write always;
            /// Chooses the shard.
            partition_key: String = "PartitionKey" required, read string, write always;
            /// The record's data (shown base64-encoded in the event, as Kinesis does).
            data: Value = "Data" optional, read free, write always;
        },
        /// A write to a DynamoDB table, which appears on its stream.
        PutItem = "putItem" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Table name.
            table_name: String = "TableName" required, read string, write always;
            /// The item in DynamoDB JSON, e.g. `{"id": {"S": "1"}}`.
            item: Value = "Item" required, read free, write always;
        },
        /// `aws sqs send-message`.
        SendMessage = "sendMessage" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Queue name.
            queue_name: String = "QueueName" required, read string, write always;
            /// The body: a string, or JSON that is sent as its text.
            message_body: Value = "MessageBody" optional, read free, write always;
            /// FIFO queues only.
            message_group_id: Option<String> = "MessageGroupId" optional,
                read opt(string), write some;
        },
        /// `aws sns publish`.
        Publish = "publish" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Topic name.
            topic_name: String = "TopicName" required, read string, write always;
            /// The message: a string, or JSON that is sent as its text.
            message: Value = "Message" optional, read free, write always;
            /// Optional subject.
            subject: Option<String> = "Subject" optional, read opt(string), write some;
        },
        /// `aws s3api put-object`.
        PutObject = "putObject" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Bucket name.
            bucket: String = "Bucket" required, read string, write always;
            /// Object key.
            key: String = "Key" required, read string, write always;
            /// Object size in bytes.
            size: u64 = "Size" default(default_object_size()), read u64_, write always;
        },
        /// `aws events put-events`.
        PutEvents = "putEvents" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Bus name.
            event_bus_name: String = "EventBusName" required, read string, write always;
            /// The event's `source`.
            source: String = "Source" required, read string, write always;
            /// The event's `detail-type`.
            detail_type: String = "DetailType" required, read string, write always;
            /// The event's `detail`.
            detail: Value = "Detail" optional, read free, write always;
        },
        /// A record produced to a Kafka topic.
        Produce = "produce" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Cluster name.
            cluster_name: String = "ClusterName" required, read string, write always;
            /// Topic name.
            topic: String = "Topic" required, read string, write always;
            /// The record key (chooses the partition).
            key: Option<String> = "Key" optional, read opt(string), write always;
            /// The record value.
            value: Value = "Value" optional, read free, write always;
        },
        /// Fault: remove an action from a function's execution role.
        RevokePermission = "revokePermission" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Function name.
            function_name: String = "FunctionName" required, read string, write always;
            /// The IAM action, e.g. `sns:Publish`.
            action: String = "Action" required, read string, write always;
        },
        /// Fault: delete a queue, topic, bus, bucket or function.
        DeleteResource = "deleteResource" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// The resource's ARN.
            arn: String = "Arn" required, read string, write always;
        },
        /// Fault: `aws lambda put-function-concurrency`.
        SetReservedConcurrency = "setReservedConcurrency" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Function name.
            function_name: String = "FunctionName" required, read string, write always;
            /// New reserved concurrency.
            reserved_concurrent_executions: i64 = "ReservedConcurrentExecutions" required,
                read int, write always;
        },
        /// Fault: the function's next attempts end with `outcome`.
        FailNext = "failNext" {
            /// Virtual time in ms.
            at: u64 = "at" optional, read u64_, write always;
            /// Function name.
            function_name: String = "FunctionName" required, read string, write always;
            /// How many attempts.
            count: u32 = "Count" default(one_u32()), read u32_, write always;
            /// The outcome they get.
            outcome: Outcome = "Outcome" required,
                read with(Outcome::read), write with(Outcome::write);
        },
    }
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
