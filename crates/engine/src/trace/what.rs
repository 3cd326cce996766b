//! What happened in one step: every kind of trace event, with the values it records.

use super::{BodyId, DeliveryFailure, NoDestinationReason, Via};
use crate::clock::Millis;
use crate::record::Condition;
use crate::topology::ResourceId;
use serde::Serialize;
/// What happened in one step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum What {
    /// A client called `Invoke`.
    #[serde(rename_all = "camelCase")]
    InvokeCalled {
        /// `RequestResponse`, `Event` or `DryRun`.
        invocation_type: crate::scenario::InvocationType,
        /// The payload text.
        payload: BodyId,
    },
    /// Lambda queued the event and answered 202.
    AsyncAccepted,
    /// The call named a version or an alias: the event runs that version, or the version the
    /// alias points (or routes) it to, under the qualifier's own `EventInvokeConfig`.
    #[serde(rename_all = "camelCase")]
    QualifierInvoked {
        /// The version number or alias name the call named.
        qualifier: BodyId,
        /// The version that runs the event.
        version: BodyId,
        /// True when the qualifier is an alias.
        alias: bool,
    },
    /// The invoke was refused before anything ran (413, 429, ...): the caller gets this error.
    #[serde(rename_all = "camelCase")]
    InvokeRefused {
        /// HTTP status.
        status: u16,
        /// Error code, e.g. `TooManyRequestsException`.
        code: BodyId,
        /// Error message.
        message: BodyId,
    },
    /// DryRun: parameters and permission checked, nothing ran (204).
    DryRunChecked,
    /// The caller of a synchronous invoke got its answer.
    #[serde(rename_all = "camelCase")]
    SyncResponse {
        /// Always 200 once the function ran.
        status: u16,
        /// `Unhandled` when the function failed.
        function_error: bool,
        /// The response payload.
        payload: BodyId,
    },
    /// Explains why no destination fired.
    #[serde(rename_all = "camelCase")]
    NoDestination {
        /// Why.
        reason: NoDestinationReason,
    },
    /// An attempt started running.
    #[serde(rename_all = "camelCase")]
    AttemptStarted {
        /// 1-based attempt number.
        attempt: u32,
        /// Attempts allowed in all (0 when unbounded).
        max_attempts: u32,
        /// Time since the event was queued (`AsyncEventAge`), for async.
        age_ms: Millis,
    },
    /// The attempt returned without error.
    #[serde(rename_all = "camelCase")]
    AttemptSucceeded {
        /// 1-based attempt number.
        attempt: u32,
        /// How long it ran.
        duration_ms: Millis,
    },
    /// The attempt failed (function error or timeout).
    #[serde(rename_all = "camelCase")]
    AttemptFailed {
        /// 1-based attempt number.
        attempt: u32,
        /// `errorType: errorMessage`.
        error: BodyId,
        /// The function ran past its timeout.
        timed_out: bool,
    },
    /// Lambda throttled the invocation; it goes back to the queue.
    #[serde(rename_all = "camelCase")]
    Throttled {
        /// When it will be tried again.
        retry_in_ms: Millis,
    },
    /// A function error will be retried.
    #[serde(rename_all = "camelCase")]
    RetryScheduled {
        /// The attempt that will run.
        next_attempt: u32,
        /// The wait before it.
        delay_ms: Millis,
    },
    /// The event is too old: now, or by the time of the next retry.
    #[serde(rename_all = "camelCase")]
    EventAgeExceeded {
        /// Age now.
        age_ms: Millis,
        /// `MaximumEventAgeInSeconds` in ms.
        limit_ms: Millis,
        /// True when the next retry would have passed the limit (the look-ahead rule).
        lookahead: bool,
    },
    /// Every allowed attempt failed.
    #[serde(rename_all = "camelCase")]
    RetriesExhausted {
        /// Attempts made.
        attempts: u32,
    },
    /// Reserved concurrency is 0: the event fails at once, without retries.
    ZeroReservedConcurrency,
    /// Lambda stopped a recursive loop.
    #[serde(rename_all = "camelCase")]
    RecursionStopped {
        /// Invocations in the chain so far.
        depth: u32,
    },
    /// A record is being sent to a destination or dead-letter queue.
    #[serde(rename_all = "camelCase")]
    DestinationChosen {
        /// The target.
        target: ResourceId,
        /// How.
        via: Via,
        /// The record's condition.
        condition: Condition,
    },
    /// A target received something: the exact body it got.
    #[serde(rename_all = "camelCase")]
    Delivered {
        /// The target.
        target: ResourceId,
        /// How it got there.
        via: Via,
        /// The body (SQS MessageBody, SNS Message, EventBridge event, Lambda payload, S3 object).
        body: BodyId,
        /// SQS message attributes or the S3 object key, as JSON, when there are any.
        #[serde(skip_serializing_if = "Option::is_none")]
        attributes: Option<BodyId>,
    },
    /// Delivery failed; the record is dropped.
    #[serde(rename_all = "camelCase")]
    DeliveryFailed {
        /// The target.
        target: ResourceId,
        /// How it was meant to get there.
        via: Via,
        /// Why.
        reason: DeliveryFailure,
    },
    /// The async event is discarded (`AsyncEventsDropped`).
    AsyncDropped,
    /// The async event finished successfully and left the queue.
    AsyncCompleted,
    /// An SNS subscription received a notification sent to an email address.
    #[serde(rename_all = "camelCase")]
    EmailSent {
        /// The address.
        endpoint: BodyId,
        /// The notification text.
        body: BodyId,
    },
    /// A record entered a stream shard or Kafka partition.
    #[serde(rename_all = "camelCase")]
    RecordPut {
        /// Shard or partition number.
        shard: u32,
        /// Sequence number or offset.
        sequence: BodyId,
        /// Partition key or record key.
        key: BodyId,
    },
    /// A mapping read a batch and invoked the function synchronously.
    #[serde(rename_all = "camelCase")]
    BatchInvoked {
        /// The mapping.
        mapping: ResourceId,
        /// Shard or partition.
        shard: u32,
        /// Records in the batch.
        size: u32,
        /// First sequence number or offset.
        first: BodyId,
        /// Last sequence number or offset.
        last: BodyId,
    },
    /// The shard waits for a failed batch: nothing behind it is processed.
    #[serde(rename_all = "camelCase")]
    ShardBlocked {
        /// The mapping.
        mapping: ResourceId,
        /// Shard or partition.
        shard: u32,
        /// Retry number (1-based); 0 when throttled.
        retry: u32,
        /// Wait before the retry.
        delay_ms: Millis,
    },
    /// A failed batch was split in two.
    #[serde(rename_all = "camelCase")]
    BatchBisected {
        /// The mapping.
        mapping: ResourceId,
        /// Shard or partition.
        shard: u32,
        /// Size of the first half.
        left: u32,
        /// Size of the second half.
        right: u32,
    },
    /// The function reported `batchItemFailures`.
    #[serde(rename_all = "camelCase")]
    PartialBatchFailure {
        /// The mapping.
        mapping: ResourceId,
        /// Failed item identifiers, as a JSON array.
        failed: BodyId,
        /// How many.
        count: u32,
    },
    /// The function's `batchItemFailures` names an item that is empty, null, under another key
    /// or (SQS) not in the batch: Lambda counts the whole batch as failed.
    #[serde(rename_all = "camelCase")]
    PartialBatchInvalid {
        /// The mapping.
        mapping: ResourceId,
        /// What the function returned in `batchItemFailures`, as JSON.
        reported: BodyId,
    },
    /// The shard checkpoint moved: these records are done.
    #[serde(rename_all = "camelCase")]
    CheckpointAdvanced {
        /// The mapping.
        mapping: ResourceId,
        /// Shard or partition.
        shard: u32,
        /// Records processed on this shard so far.
        processed: u32,
        /// The last sequence number checkpointed.
        sequence: BodyId,
    },
    /// The mapping gave up on a batch and moved on.
    #[serde(rename_all = "camelCase")]
    BatchDiscarded {
        /// The mapping.
        mapping: ResourceId,
        /// Shard or partition.
        shard: u32,
        /// Records dropped.
        size: u32,
        /// Why.
        condition: Condition,
        /// Invocations of this batch.
        invocations: u32,
    },
    /// A message was added to a queue.
    #[serde(rename_all = "camelCase")]
    MessageSent {
        /// SQS MessageId.
        message_id: BodyId,
        /// The body.
        body: BodyId,
    },
    /// A mapping received messages from the queue; they are hidden for the visibility timeout.
    #[serde(rename_all = "camelCase")]
    MessagesReceived {
        /// The mapping.
        mapping: ResourceId,
        /// MessageIds as a JSON array.
        message_ids: BodyId,
        /// How many.
        count: u32,
        /// Highest receive count in the batch.
        receive_count: u32,
        /// Hidden until now + this.
        visibility_ms: Millis,
    },
    /// Messages were deleted after the function succeeded.
    #[serde(rename_all = "camelCase")]
    MessagesDeleted {
        /// MessageIds as a JSON array.
        message_ids: BodyId,
        /// How many.
        count: u32,
    },
    /// The visibility timeout ran out: messages can be received again.
    #[serde(rename_all = "camelCase")]
    MessagesVisible {
        /// MessageIds as a JSON array.
        message_ids: BodyId,
        /// How many.
        count: u32,
    },
    /// Messages outlived the queue's `MessageRetentionPeriod`: SQS deleted them unprocessed.
    #[serde(rename_all = "camelCase")]
    MessagesExpired {
        /// MessageIds as a JSON array.
        message_ids: BodyId,
        /// How many.
        count: u32,
        /// The queue's retention period.
        retention_ms: Millis,
    },
    /// SQS moved a message to the queue's dead-letter queue.
    #[serde(rename_all = "camelCase")]
    MessageRedriven {
        /// The dead-letter queue.
        target: ResourceId,
        /// The MessageId.
        message_id: BodyId,
        /// Receives so far.
        receive_count: u32,
        /// `maxReceiveCount`.
        max_receive_count: u32,
    },
    /// An object was stored in a bucket.
    #[serde(rename_all = "camelCase")]
    ObjectCreated {
        /// The key.
        key: BodyId,
    },
    /// An event was put on a bus.
    #[serde(rename_all = "camelCase")]
    BusEventPut {
        /// The event JSON.
        event: BodyId,
        /// Rules that matched.
        matched: u32,
    },
    /// A fault entered the timeline.
    #[serde(rename_all = "camelCase")]
    FaultApplied {
        /// What changed, as a short text.
        description: BodyId,
    },
    /// The run stopped at the event cap.
    #[serde(rename_all = "camelCase")]
    RunCapped {
        /// The cap.
        cap: u32,
    },
}

impl What {
    /// True for decisions a player jumps between: retries scheduled, age exceeded, destinations
    /// chosen, batches split, messages redriven, loops stopped, deliveries failed.
    pub fn is_decision(&self) -> bool {
        matches!(
            self,
            What::RetryScheduled { .. }
                | What::EventAgeExceeded { .. }
                | What::RetriesExhausted { .. }
                | What::ZeroReservedConcurrency
                | What::RecursionStopped { .. }
                | What::DestinationChosen { .. }
                | What::DeliveryFailed { .. }
                | What::NoDestination { .. }
                | What::BatchBisected { .. }
                | What::BatchDiscarded { .. }
                | What::MessageRedriven { .. }
                | What::MessagesExpired { .. }
                | What::PartialBatchFailure { .. }
                | What::PartialBatchInvalid { .. }
                | What::Throttled { .. }
                | What::InvokeRefused { .. }
                | What::QualifierInvoked { .. }
        )
    }

    /// The stable kind name (as serialized).
    pub fn kind(&self) -> &'static str {
        match self {
            What::InvokeCalled { .. } => "invokeCalled",
            What::AsyncAccepted => "asyncAccepted",
            What::QualifierInvoked { .. } => "qualifierInvoked",
            What::InvokeRefused { .. } => "invokeRefused",
            What::DryRunChecked => "dryRunChecked",
            What::SyncResponse { .. } => "syncResponse",
            What::NoDestination { .. } => "noDestination",
            What::AttemptStarted { .. } => "attemptStarted",
            What::AttemptSucceeded { .. } => "attemptSucceeded",
            What::AttemptFailed { .. } => "attemptFailed",
            What::Throttled { .. } => "throttled",
            What::RetryScheduled { .. } => "retryScheduled",
            What::EventAgeExceeded { .. } => "eventAgeExceeded",
            What::RetriesExhausted { .. } => "retriesExhausted",
            What::ZeroReservedConcurrency => "zeroReservedConcurrency",
            What::RecursionStopped { .. } => "recursionStopped",
            What::DestinationChosen { .. } => "destinationChosen",
            What::Delivered { .. } => "delivered",
            What::DeliveryFailed { .. } => "deliveryFailed",
            What::AsyncDropped => "asyncDropped",
            What::AsyncCompleted => "asyncCompleted",
            What::EmailSent { .. } => "emailSent",
            What::RecordPut { .. } => "recordPut",
            What::BatchInvoked { .. } => "batchInvoked",
            What::ShardBlocked { .. } => "shardBlocked",
            What::BatchBisected { .. } => "batchBisected",
            What::PartialBatchFailure { .. } => "partialBatchFailure",
            What::PartialBatchInvalid { .. } => "partialBatchInvalid",
            What::CheckpointAdvanced { .. } => "checkpointAdvanced",
            What::BatchDiscarded { .. } => "batchDiscarded",
            What::MessageSent { .. } => "messageSent",
            What::MessagesReceived { .. } => "messagesReceived",
            What::MessagesDeleted { .. } => "messagesDeleted",
            What::MessagesVisible { .. } => "messagesVisible",
            What::MessageRedriven { .. } => "messageRedriven",
            What::MessagesExpired { .. } => "messagesExpired",
            What::ObjectCreated { .. } => "objectCreated",
            What::BusEventPut { .. } => "busEventPut",
            What::FaultApplied { .. } => "faultApplied",
            What::RunCapped { .. } => "runCapped",
        }
    }
}
