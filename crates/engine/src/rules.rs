//! Every AWS rule the engine applies has a stable id naming its section of the behaviour spec
//! (`shared/spec/lambda-destinations.md`). Validation findings and trace events carry a [`RuleId`]
//! so the app can link each decision to its rule and to the AWS documentation page.
//!
//! Each rule is declared once, in the [`rules!`] list below: its name, its stable id, its spec
//! section and its AWS documentation page. The enum and its tables are generated from it. Keep
//! ids stable: they appear in golden traces and in links.

use serde::{Serialize, Serializer};

/// Declares every rule once and generates [`RuleId`], [`RuleId::ALL`], [`RuleId::id`],
/// [`RuleId::section`] and [`RuleId::doc_url`] from the list.
macro_rules! rules {
    ($($name:ident = $id:literal, $section:literal, $url:literal;)*) => {
        /// A rule of Lambda's behaviour, as encoded by the engine.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "` (spec ", $section, ").")]
                $name,
            )*
        }

        impl RuleId {
            /// Every rule, in a fixed order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$name),*];

            /// The stable id, e.g. `async.retry`.
            pub fn id(self) -> &'static str {
                match self {
                    $(RuleId::$name => $id,)*
                }
            }

            /// The section of the behaviour spec, e.g. `§2.2`.
            pub fn section(self) -> &'static str {
                match self {
                    $(RuleId::$name => $section,)*
                }
            }

            /// The AWS documentation page that states the rule, when there is one.
            pub fn doc_url(self) -> &'static str {
                match self {
                    $(RuleId::$name => $url,)*
                }
            }
        }
    };
}

rules! {
    InvokeConfigEmpty = "config.invoke.at-least-one", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    InvokeConfigMissing = "config.invoke.missing", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    InvokeConfigRange = "config.invoke.range", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    DestinationPattern = "config.destination.pattern", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    DestinationSelf = "config.destination.self", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    DestinationMissing = "config.destination.missing", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    DestinationUnsupported = "config.destination.unsupported", "§3.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DestinationPermission = "config.destination.permission", "§8",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DestinationFifo = "config.destination.fifo", "§3.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DeadLetterTarget = "config.dlq.target", "§6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DeadLetterPermission = "config.dlq.permission", "§6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    FunctionTimeoutRange = "config.function.timeout", "§2.7",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    FunctionConcurrencyRange = "config.function.concurrency", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    MappingDestinationUnsupported = "config.mapping.destination-unsupported", "§3.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingDestinationRequired = "config.mapping.destination-required", "§3.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingRange = "config.mapping.range", "§5.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingSource = "config.mapping.source", "§5",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    VersionNumber = "config.version.number", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html";
    AliasName = "config.alias.name", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html";
    AliasVersion = "config.alias.version", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html";
    QualifierMissing = "config.qualifier.missing", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    QualifierPattern = "config.qualifier.pattern", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    QualifierMismatch = "config.qualifier.mismatch", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    ResourceReference = "config.reference", "format",
        "";
    ResourceName = "config.name", "format",
        "";
    QueueSettings = "config.queue", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    EventPatternInvalid = "config.event-pattern", "§4.6",
        "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html";
    QualifierInvoked = "invoke.qualifier", "§2.9",
        "https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html";
    InvokeAccepted = "async.queue.accepted", "§2.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html";
    InvokePayloadTooLarge = "invoke.payload-size", "§2.8",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html";
    SyncInvoke = "sync.response", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html";
    SyncNoDestination = "sync.no-destination", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    SyncThrottled = "sync.zero-concurrency", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html";
    DryRun = "invoke.dry-run", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html";
    AttemptStarted = "async.attempt", "§2.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    AttemptSucceeded = "invoke.success", "§2.6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    AttemptFailed = "invoke.function-error", "§2.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    AttemptTimedOut = "invoke.timeout", "§2.7",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    RetryScheduled = "async.retry", "§2.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    Throttled = "async.throttle-backoff", "§2.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    RetriesExhausted = "async.retries-exhausted", "§2.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    EventAgeExceeded = "async.event-age", "§2.4",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html";
    ZeroReservedConcurrency = "async.zero-reserved-concurrency", "§2.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DestinationChosen = "async.destination", "§4.1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    DeadLetterQueue = "async.dlq", "§6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    AsyncDropped = "async.dropped", "§9",
        "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html";
    DeliveryFailed = "delivery.failed", "§8",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    Delivered = "delivery.sent", "§4.6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    RecursionStopped = "recursion.stopped", "§7",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html";
    SnsFanout = "sns.fanout", "§4.6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    EventBridgeRule = "eventbridge.rule", "§4.6",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    S3Notification = "s3.notification", "§1",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html";
    RecordPut = "stream.put", "§5",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    BatchInvoked = "esm.batch", "§5.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    ShardBlocked = "esm.shard-blocked", "§5.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    BatchBisected = "esm.bisect", "§5.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    PartialBatchResponse = "esm.partial-batch", "§5.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    CheckpointAdvanced = "esm.checkpoint", "§5.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingRetryExhausted = "esm.retries-exhausted", "§4.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    RecordAgeExceeded = "esm.record-age", "§4.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingThrottled = "esm.throttle", "§5.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingOnFailure = "esm.on-failure", "§4.3",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MappingDiscarded = "esm.discarded", "§5.2",
        "https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html";
    MessageSent = "sqs.send", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    MessageReceived = "sqs.receive", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    MessageDeleted = "sqs.delete", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    MessageVisible = "sqs.visibility-timeout", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    MessageRedriven = "sqs.redrive", "§5.5",
        "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";
    MessageExpired = "sqs.retention", "§5.5",
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html";
    FaultApplied = "fault", "§8",
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html";
    InputIgnored = "input.ignored", "format",
        "";
    RunCapped = "run.capped", "format",
        "";
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
