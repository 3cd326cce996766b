//! Every AWS rule the engine applies has a stable id naming its section of the behaviour spec
//! (`shared/spec/lambda-destinations.md`). Validation findings and trace events carry a [`RuleId`]
//! so the app can link each decision to its rule and to the AWS documentation page.
//!
//! Generated table: keep ids stable, they appear in golden traces and in links.

use serde::{Serialize, Serializer};

/// A rule of Lambda's behaviour, as encoded by the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// `scenario.parse` (spec format).
    ParseScenario,
    /// `config.invoke.at-least-one` (spec §2.9).
    InvokeConfigEmpty,
    /// `config.invoke.range` (spec §2.9).
    InvokeConfigRange,
    /// `config.destination.pattern` (spec §2.9).
    DestinationPattern,
    /// `config.destination.self` (spec §2.9).
    DestinationSelf,
    /// `config.destination.missing` (spec §2.9).
    DestinationMissing,
    /// `config.destination.unsupported` (spec §3.1).
    DestinationUnsupported,
    /// `config.destination.permission` (spec §8).
    DestinationPermission,
    /// `config.destination.fifo` (spec §3.1).
    DestinationFifo,
    /// `config.dlq.target` (spec §6).
    DeadLetterTarget,
    /// `config.dlq.permission` (spec §6).
    DeadLetterPermission,
    /// `config.function.timeout` (spec §2.7).
    FunctionTimeoutRange,
    /// `config.function.concurrency` (spec §1).
    FunctionConcurrencyRange,
    /// `config.mapping.destination-unsupported` (spec §3.2).
    MappingDestinationUnsupported,
    /// `config.mapping.destination-required` (spec §3.2).
    MappingDestinationRequired,
    /// `config.mapping.range` (spec §5.1).
    MappingRange,
    /// `config.mapping.source` (spec §5).
    MappingSource,
    /// `config.mapping.sqs-redrive` (spec §5.5).
    MappingSqsRedrive,
    /// `config.reference` (spec format).
    ResourceReference,
    /// `config.name` (spec format).
    ResourceName,
    /// `config.queue` (spec §5.5).
    QueueSettings,
    /// `config.event-pattern` (spec §4.6).
    EventPatternInvalid,
    /// `async.queue.accepted` (spec §2.1).
    InvokeAccepted,
    /// `invoke.payload-size` (spec §2.8).
    InvokePayloadTooLarge,
    /// `sync.response` (spec §1).
    SyncInvoke,
    /// `sync.no-destination` (spec §1).
    SyncNoDestination,
    /// `sync.zero-concurrency` (spec §1).
    SyncThrottled,
    /// `invoke.dry-run` (spec §1).
    DryRun,
    /// `async.attempt` (spec §2.1).
    AttemptStarted,
    /// `invoke.success` (spec §2.6).
    AttemptSucceeded,
    /// `invoke.function-error` (spec §2.2).
    AttemptFailed,
    /// `invoke.timeout` (spec §2.7).
    AttemptTimedOut,
    /// `async.retry` (spec §2.2).
    RetryScheduled,
    /// `async.throttle-backoff` (spec §2.3).
    Throttled,
    /// `async.retries-exhausted` (spec §2.5).
    RetriesExhausted,
    /// `async.event-age` (spec §2.4).
    EventAgeExceeded,
    /// `async.zero-reserved-concurrency` (spec §2.5).
    ZeroReservedConcurrency,
    /// `async.destination` (spec §4.1).
    DestinationChosen,
    /// `async.dlq` (spec §6).
    DeadLetterQueue,
    /// `async.dropped` (spec §9).
    AsyncDropped,
    /// `delivery.failed` (spec §8).
    DeliveryFailed,
    /// `delivery.sent` (spec §4.6).
    Delivered,
    /// `recursion.stopped` (spec §7).
    RecursionStopped,
    /// `recursion.allowed` (spec §7).
    RecursionAllowed,
    /// `sns.fanout` (spec §4.6).
    SnsFanout,
    /// `eventbridge.rule` (spec §4.6).
    EventBridgeRule,
    /// `s3.notification` (spec §1).
    S3Notification,
    /// `stream.put` (spec §5).
    RecordPut,
    /// `esm.batch` (spec §5.2).
    BatchInvoked,
    /// `esm.batch-succeeded` (spec §5.2).
    BatchSucceeded,
    /// `esm.batch-failed` (spec §5.2).
    BatchFailed,
    /// `esm.shard-blocked` (spec §5.2).
    ShardBlocked,
    /// `esm.bisect` (spec §5.2).
    BatchBisected,
    /// `esm.partial-batch` (spec §5.3).
    PartialBatchResponse,
    /// `esm.checkpoint` (spec §5.3).
    CheckpointAdvanced,
    /// `esm.retries-exhausted` (spec §4.3).
    MappingRetryExhausted,
    /// `esm.record-age` (spec §4.3).
    RecordAgeExceeded,
    /// `esm.throttle` (spec §5.2).
    MappingThrottled,
    /// `esm.on-failure` (spec §4.3).
    MappingOnFailure,
    /// `esm.discarded` (spec §5.2).
    MappingDiscarded,
    /// `sqs.send` (spec §5.5).
    MessageSent,
    /// `sqs.receive` (spec §5.5).
    MessageReceived,
    /// `sqs.delete` (spec §5.5).
    MessageDeleted,
    /// `sqs.visibility-timeout` (spec §5.5).
    MessageVisible,
    /// `sqs.redrive` (spec §5.5).
    MessageRedriven,
    /// `sqs.retention` (spec §5.5).
    MessageExpired,
    /// `fault` (spec §8).
    FaultApplied,
    /// `input.ignored` (spec format).
    InputIgnored,
}

impl RuleId {
    /// Every rule, in a fixed order.
    pub const ALL: &'static [RuleId] = &[
        RuleId::ParseScenario,
        RuleId::InvokeConfigEmpty,
        RuleId::InvokeConfigRange,
        RuleId::DestinationPattern,
        RuleId::DestinationSelf,
        RuleId::DestinationMissing,
        RuleId::DestinationUnsupported,
        RuleId::DestinationPermission,
        RuleId::DestinationFifo,
        RuleId::DeadLetterTarget,
        RuleId::DeadLetterPermission,
        RuleId::FunctionTimeoutRange,
        RuleId::FunctionConcurrencyRange,
        RuleId::MappingDestinationUnsupported,
        RuleId::MappingDestinationRequired,
        RuleId::MappingRange,
        RuleId::MappingSource,
        RuleId::MappingSqsRedrive,
        RuleId::ResourceReference,
        RuleId::ResourceName,
        RuleId::QueueSettings,
        RuleId::EventPatternInvalid,
        RuleId::InvokeAccepted,
        RuleId::InvokePayloadTooLarge,
        RuleId::SyncInvoke,
        RuleId::SyncNoDestination,
        RuleId::SyncThrottled,
        RuleId::DryRun,
        RuleId::AttemptStarted,
        RuleId::AttemptSucceeded,
        RuleId::AttemptFailed,
        RuleId::AttemptTimedOut,
        RuleId::RetryScheduled,
        RuleId::Throttled,
        RuleId::RetriesExhausted,
        RuleId::EventAgeExceeded,
        RuleId::ZeroReservedConcurrency,
        RuleId::DestinationChosen,
        RuleId::DeadLetterQueue,
        RuleId::AsyncDropped,
        RuleId::DeliveryFailed,
        RuleId::Delivered,
        RuleId::RecursionStopped,
        RuleId::RecursionAllowed,
        RuleId::SnsFanout,
        RuleId::EventBridgeRule,
        RuleId::S3Notification,
        RuleId::RecordPut,
        RuleId::BatchInvoked,
        RuleId::BatchSucceeded,
        RuleId::BatchFailed,
        RuleId::ShardBlocked,
        RuleId::BatchBisected,
        RuleId::PartialBatchResponse,
        RuleId::CheckpointAdvanced,
        RuleId::MappingRetryExhausted,
        RuleId::RecordAgeExceeded,
        RuleId::MappingThrottled,
        RuleId::MappingOnFailure,
        RuleId::MappingDiscarded,
        RuleId::MessageSent,
        RuleId::MessageReceived,
        RuleId::MessageDeleted,
        RuleId::MessageVisible,
        RuleId::MessageRedriven,
        RuleId::MessageExpired,
        RuleId::FaultApplied,
        RuleId::InputIgnored,
    ];

    /// The stable id, e.g. `async.retry`.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::ParseScenario => "scenario.parse",
            RuleId::InvokeConfigEmpty => "config.invoke.at-least-one",
            RuleId::InvokeConfigRange => "config.invoke.range",
            RuleId::DestinationPattern => "config.destination.pattern",
            RuleId::DestinationSelf => "config.destination.self",
            RuleId::DestinationMissing => "config.destination.missing",
            RuleId::DestinationUnsupported => "config.destination.unsupported",
            RuleId::DestinationPermission => "config.destination.permission",
            RuleId::DestinationFifo => "config.destination.fifo",
            RuleId::DeadLetterTarget => "config.dlq.target",
            RuleId::DeadLetterPermission => "config.dlq.permission",
            RuleId::FunctionTimeoutRange => "config.function.timeout",
            RuleId::FunctionConcurrencyRange => "config.function.concurrency",
            RuleId::MappingDestinationUnsupported => "config.mapping.destination-unsupported",
            RuleId::MappingDestinationRequired => "config.mapping.destination-required",
            RuleId::MappingRange => "config.mapping.range",
            RuleId::MappingSource => "config.mapping.source",
            RuleId::MappingSqsRedrive => "config.mapping.sqs-redrive",
            RuleId::ResourceReference => "config.reference",
            RuleId::ResourceName => "config.name",
            RuleId::QueueSettings => "config.queue",
            RuleId::EventPatternInvalid => "config.event-pattern",
            RuleId::InvokeAccepted => "async.queue.accepted",
            RuleId::InvokePayloadTooLarge => "invoke.payload-size",
            RuleId::SyncInvoke => "sync.response",
            RuleId::SyncNoDestination => "sync.no-destination",
            RuleId::SyncThrottled => "sync.zero-concurrency",
            RuleId::DryRun => "invoke.dry-run",
            RuleId::AttemptStarted => "async.attempt",
            RuleId::AttemptSucceeded => "invoke.success",
            RuleId::AttemptFailed => "invoke.function-error",
            RuleId::AttemptTimedOut => "invoke.timeout",
            RuleId::RetryScheduled => "async.retry",
            RuleId::Throttled => "async.throttle-backoff",
            RuleId::RetriesExhausted => "async.retries-exhausted",
            RuleId::EventAgeExceeded => "async.event-age",
            RuleId::ZeroReservedConcurrency => "async.zero-reserved-concurrency",
            RuleId::DestinationChosen => "async.destination",
            RuleId::DeadLetterQueue => "async.dlq",
            RuleId::AsyncDropped => "async.dropped",
            RuleId::DeliveryFailed => "delivery.failed",
            RuleId::Delivered => "delivery.sent",
            RuleId::RecursionStopped => "recursion.stopped",
            RuleId::RecursionAllowed => "recursion.allowed",
            RuleId::SnsFanout => "sns.fanout",
            RuleId::EventBridgeRule => "eventbridge.rule",
            RuleId::S3Notification => "s3.notification",
            RuleId::RecordPut => "stream.put",
            RuleId::BatchInvoked => "esm.batch",
            RuleId::BatchSucceeded => "esm.batch-succeeded",
            RuleId::BatchFailed => "esm.batch-failed",
            RuleId::ShardBlocked => "esm.shard-blocked",
            RuleId::BatchBisected => "esm.bisect",
            RuleId::PartialBatchResponse => "esm.partial-batch",
            RuleId::CheckpointAdvanced => "esm.checkpoint",
            RuleId::MappingRetryExhausted => "esm.retries-exhausted",
            RuleId::RecordAgeExceeded => "esm.record-age",
            RuleId::MappingThrottled => "esm.throttle",
            RuleId::MappingOnFailure => "esm.on-failure",
            RuleId::MappingDiscarded => "esm.discarded",
            RuleId::MessageSent => "sqs.send",
            RuleId::MessageReceived => "sqs.receive",
            RuleId::MessageDeleted => "sqs.delete",
            RuleId::MessageVisible => "sqs.visibility-timeout",
            RuleId::MessageRedriven => "sqs.redrive",
            RuleId::MessageExpired => "sqs.retention",
            RuleId::FaultApplied => "fault",
            RuleId::InputIgnored => "input.ignored",
        }
    }

    /// The section of the behaviour spec, e.g. `§2.2`.
    pub fn section(self) -> &'static str {
        match self {
            RuleId::ParseScenario => "format",
            RuleId::InvokeConfigEmpty => "§2.9",
            RuleId::InvokeConfigRange => "§2.9",
            RuleId::DestinationPattern => "§2.9",
            RuleId::DestinationSelf => "§2.9",
            RuleId::DestinationMissing => "§2.9",
            RuleId::DestinationUnsupported => "§3.1",
            RuleId::DestinationPermission => "§8",
            RuleId::DestinationFifo => "§3.1",
            RuleId::DeadLetterTarget => "§6",
            RuleId::DeadLetterPermission => "§6",
            RuleId::FunctionTimeoutRange => "§2.7",
            RuleId::FunctionConcurrencyRange => "§1",
            RuleId::MappingDestinationUnsupported => "§3.2",
            RuleId::MappingDestinationRequired => "§3.2",
            RuleId::MappingRange => "§5.1",
            RuleId::MappingSource => "§5",
            RuleId::MappingSqsRedrive => "§5.5",
            RuleId::ResourceReference => "format",
            RuleId::ResourceName => "format",
            RuleId::QueueSettings => "§5.5",
            RuleId::EventPatternInvalid => "§4.6",
            RuleId::InvokeAccepted => "§2.1",
            RuleId::InvokePayloadTooLarge => "§2.8",
            RuleId::SyncInvoke => "§1",
            RuleId::SyncNoDestination => "§1",
            RuleId::SyncThrottled => "§1",
            RuleId::DryRun => "§1",
            RuleId::AttemptStarted => "§2.1",
            RuleId::AttemptSucceeded => "§2.6",
            RuleId::AttemptFailed => "§2.2",
            RuleId::AttemptTimedOut => "§2.7",
            RuleId::RetryScheduled => "§2.2",
            RuleId::Throttled => "§2.3",
            RuleId::RetriesExhausted => "§2.5",
            RuleId::EventAgeExceeded => "§2.4",
            RuleId::ZeroReservedConcurrency => "§2.5",
            RuleId::DestinationChosen => "§4.1",
            RuleId::DeadLetterQueue => "§6",
            RuleId::AsyncDropped => "§9",
            RuleId::DeliveryFailed => "§8",
            RuleId::Delivered => "§4.6",
            RuleId::RecursionStopped => "§7",
            RuleId::RecursionAllowed => "§7",
            RuleId::SnsFanout => "§4.6",
            RuleId::EventBridgeRule => "§4.6",
            RuleId::S3Notification => "§1",
            RuleId::RecordPut => "§5",
            RuleId::BatchInvoked => "§5.2",
            RuleId::BatchSucceeded => "§5.2",
            RuleId::BatchFailed => "§5.2",
            RuleId::ShardBlocked => "§5.2",
            RuleId::BatchBisected => "§5.2",
            RuleId::PartialBatchResponse => "§5.3",
            RuleId::CheckpointAdvanced => "§5.3",
            RuleId::MappingRetryExhausted => "§4.3",
            RuleId::RecordAgeExceeded => "§4.3",
            RuleId::MappingThrottled => "§5.2",
            RuleId::MappingOnFailure => "§4.3",
            RuleId::MappingDiscarded => "§5.2",
            RuleId::MessageSent => "§5.5",
            RuleId::MessageReceived => "§5.5",
            RuleId::MessageDeleted => "§5.5",
            RuleId::MessageVisible => "§5.5",
            RuleId::MessageRedriven => "§5.5",
            RuleId::MessageExpired => "§5.5",
            RuleId::FaultApplied => "§8",
            RuleId::InputIgnored => "format",
        }
    }

    /// The AWS documentation page that states the rule, when there is one.
    pub fn doc_url(self) -> &'static str {
        match self {
            RuleId::ParseScenario => "",
            RuleId::InvokeConfigEmpty => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::InvokeConfigRange => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::DestinationPattern => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::DestinationSelf => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::DestinationMissing => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::DestinationUnsupported => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DestinationPermission => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DestinationFifo => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DeadLetterTarget => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DeadLetterPermission => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::FunctionTimeoutRange => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::FunctionConcurrencyRange => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::MappingDestinationUnsupported => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingDestinationRequired => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingRange => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingSource => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingSqsRedrive => {
                "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"
            }
            RuleId::ResourceReference => "",
            RuleId::ResourceName => "",
            RuleId::QueueSettings => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::EventPatternInvalid => {
                "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html"
            }
            RuleId::InvokeAccepted => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html"
            }
            RuleId::InvokePayloadTooLarge => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html"
            }
            RuleId::SyncInvoke => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html"
            }
            RuleId::SyncNoDestination => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::SyncThrottled => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html"
            }
            RuleId::DryRun => "https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html",
            RuleId::AttemptStarted => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::AttemptSucceeded => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::AttemptFailed => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::AttemptTimedOut => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::RetryScheduled => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::Throttled => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::RetriesExhausted => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::EventAgeExceeded => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html"
            }
            RuleId::ZeroReservedConcurrency => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DestinationChosen => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::DeadLetterQueue => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::AsyncDropped => {
                "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html"
            }
            RuleId::DeliveryFailed => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::Delivered => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::RecursionStopped => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html"
            }
            RuleId::RecursionAllowed => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html"
            }
            RuleId::SnsFanout => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::EventBridgeRule => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::S3Notification => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html"
            }
            RuleId::RecordPut => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::BatchInvoked => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::BatchSucceeded => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::BatchFailed => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::ShardBlocked => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::BatchBisected => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::PartialBatchResponse => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::CheckpointAdvanced => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingRetryExhausted => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::RecordAgeExceeded => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingThrottled => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingOnFailure => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MappingDiscarded => {
                "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html"
            }
            RuleId::MessageSent => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::MessageReceived => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::MessageDeleted => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::MessageVisible => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::MessageRedriven => "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
            RuleId::MessageExpired => {
                "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html"
            }
            RuleId::FaultApplied => {
                "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html"
            }
            RuleId::InputIgnored => "",
        }
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_and_name_a_spec_section() {
        let ids: HashSet<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
        for rule in RuleId::ALL {
            let section = rule.section();
            assert!(
                section.starts_with('§') || section == "format",
                "{rule:?} has section {section}"
            );
        }
    }
}
