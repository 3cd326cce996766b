//! The trace: every step of a run as an event with its virtual time, resource, causal parent,
//! request, rule and values. Events are small (no strings inside); texts and delivered bodies
//! live once in the trace and are referred to by [`BodyId`] (read them with [`Trace::body`]).
//!
//! An async invocation record is kept as the few facts it is made of and written as JSON the
//! first time someone reads it: most records of a large run are never looked at.

use crate::aws::Side;
use crate::clock::Millis;
use crate::record::{self, AsyncRecordParts, Condition, ResponsePayload};
use crate::rules::RuleId;
use crate::topology::{ResourceId, Topology};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::cell::OnceCell;

/// Index of an event in [`Trace::events`].
pub type EventIndex = u32;
/// Index of a request in [`Trace::requests`].
pub type RequestIndex = u32;
/// Index of a body (a text or a record) of a [`Trace`]; read it with [`Trace::body`].
pub type BodyId = u32;
/// Index of a part of records (a function ARN, an error message, a payload) of a [`Trace`].
pub type PartId = u32;

/// One step of the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEvent {
    /// Virtual time in milliseconds.
    pub at: Millis,
    /// The resource where it happened.
    pub resource: ResourceId,
    /// The event that caused this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<EventIndex>,
    /// The request (invocation, message or record chain) it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestIndex>,
    /// The rule applied.
    pub rule: RuleId,
    /// What happened, with its values.
    pub what: What,
}

/// Why a record or message could not be delivered (spec §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DeliveryFailure {
    /// The execution role no longer allows the action.
    PermissionDenied,
    /// The target was deleted.
    TargetDeleted,
    /// FIFO queues and topics are unsupported as destinations.
    FifoTarget,
    /// The record is larger than the target accepts.
    TooLarge,
}

/// How something reached a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Via {
    /// An async OnSuccess destination.
    OnSuccess,
    /// An async OnFailure destination.
    OnFailure,
    /// The function's dead-letter queue.
    DeadLetterQueue,
    /// A mapping's OnFailure destination.
    MappingOnFailure,
    /// An SNS subscription.
    Subscription,
    /// An EventBridge rule target.
    RuleTarget,
    /// An S3 event notification.
    Notification,
    /// SQS moved the message to the queue's dead-letter queue.
    Redrive,
    /// A message, record or object put by an input.
    Input,
}

impl Via {
    /// The side of a destination config this delivery belongs to, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            Via::OnSuccess => Some(Side::OnSuccess),
            Via::OnFailure | Via::MappingOnFailure => Some(Side::OnFailure),
            _ => None,
        }
    }
}

/// Why nothing reached a destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NoDestinationReason {
    /// The invocation was synchronous: destinations apply to async invocations only.
    Synchronous,
    /// The function was invoked by an event source mapping, which invokes synchronously.
    EventSourceMapping,
    /// No destination is configured for this outcome.
    NotConfigured,
}

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
        )
    }

    /// The stable kind name (as serialized).
    pub fn kind(&self) -> &'static str {
        match self {
            What::InvokeCalled { .. } => "invokeCalled",
            What::AsyncAccepted => "asyncAccepted",
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

/// A request: one invocation (with all its attempts), message or record chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// The AWS request id (the same across retries).
    pub id: String,
    /// Where it started.
    pub origin: ResourceId,
    /// The event that started it.
    pub started_by: EventIndex,
}

/// A text a record refers to: a body of the trace, or one of its record parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRef {
    /// A body (e.g. the payload of an `Invoke` call).
    Body(BodyId),
    /// A record part.
    Part(PartId),
}

/// The response of the last attempt, as a record needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Response {
    /// Success: the response payload's JSON.
    Ok(TextRef),
    /// A function error.
    Error {
        /// `errorType`.
        error_type: PartId,
        /// `errorMessage`.
        error_message: PartId,
    },
    /// The function ran past its timeout.
    Timeout {
        /// The timeout.
        timeout_ms: Millis,
    },
}

/// The facts an async invocation record (spec §4.1, §4.2) is written from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsyncRecordFacts {
    /// `timestamp`, epoch milliseconds.
    pub epoch_ms: i64,
    /// The request (its id is `requestContext.requestId`).
    pub request: RequestIndex,
    /// `requestContext.functionArn` (qualified).
    pub function_arn: PartId,
    /// `requestContext.condition`.
    pub condition: Condition,
    /// `requestContext.approximateInvokeCount`.
    pub approximate_invoke_count: u32,
    /// `requestPayload`, as JSON text.
    pub request_payload: TextRef,
    /// The last response, when the function ran.
    pub response: Option<Response>,
}

#[derive(Clone, Debug)]
enum Body {
    Text(String),
    Record(u32),
}

#[derive(Clone, Debug)]
struct LazyRecord {
    facts: AsyncRecordFacts,
    json: OnceCell<String>,
}

/// Everything a run produced.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// The steps, in order.
    pub events: Vec<TraceEvent>,
    /// Requests referred to by events.
    pub requests: Vec<Request>,
    /// Texts and records referred to by events.
    bodies: Vec<Body>,
    records: Vec<LazyRecord>,
    parts: Vec<String>,
}

/// Serialized as `{"events", "requests", "bodies"}`, every body as its text.
impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Bodies<'a>(&'a Trace);
        impl Serialize for Bodies<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq((0..self.0.body_count()).map(|id| self.0.body(id as BodyId)))
            }
        }
        let mut state = serializer.serialize_struct("Trace", 3)?;
        state.serialize_field("events", &self.events)?;
        state.serialize_field("requests", &self.requests)?;
        state.serialize_field("bodies", &Bodies(self))?;
        state.end()
    }
}

impl Trace {
    /// An empty trace with room for a run of `inputs` inputs (about 8 events and 4 texts each,
    /// up to a bound), so a large run does not copy its vectors over and over as they grow.
    pub fn with_capacity_for(inputs: usize) -> Trace {
        let events = inputs.saturating_mul(8).min(1 << 17);
        Trace {
            events: Vec::with_capacity(events),
            requests: Vec::with_capacity(events / 8),
            bodies: Vec::with_capacity(events / 2),
            records: Vec::with_capacity(events / 8),
            parts: Vec::new(),
        }
    }

    /// The text with this id; a record is written as JSON on its first read.
    pub fn body(&self, id: BodyId) -> &str {
        match self.bodies.get(id as usize) {
            Some(Body::Text(text)) => text,
            Some(Body::Record(r)) => match self.records.get(*r as usize) {
                Some(record) => record.json.get_or_init(|| {
                    let mut json = String::with_capacity(512);
                    self.write_record(&record.facts, &mut json);
                    json
                }),
                None => "",
            },
            None => "",
        }
    }

    /// How many bodies there are (ids `0..body_count()`).
    pub fn body_count(&self) -> usize {
        self.bodies.len()
    }

    /// Stores a text and returns its id.
    pub fn add_body(&mut self, text: String) -> BodyId {
        self.bodies.push(Body::Text(text));
        (self.bodies.len() - 1) as BodyId
    }

    /// Stores an async invocation record as its facts and returns its id.
    pub fn add_record(&mut self, facts: AsyncRecordFacts) -> BodyId {
        self.records.push(LazyRecord {
            facts,
            json: OnceCell::new(),
        });
        self.bodies
            .push(Body::Record((self.records.len() - 1) as u32));
        (self.bodies.len() - 1) as BodyId
    }

    /// Stores a record part and returns its id.
    pub fn add_part(&mut self, text: String) -> PartId {
        self.parts.push(text);
        (self.parts.len() - 1) as PartId
    }

    /// The record part with this id.
    pub fn part(&self, id: PartId) -> &str {
        self.parts
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The text a record refers to.
    pub fn text(&self, text: TextRef) -> &str {
        match text {
            TextRef::Body(id) => self.body(id),
            TextRef::Part(id) => self.part(id),
        }
    }

    /// The response as the parts its JSON is written from.
    pub fn response_payload(
        &self,
        response: Response,
        request: RequestIndex,
    ) -> ResponsePayload<'_> {
        let request_id = self.request_id(request);
        match response {
            Response::Ok(text) => ResponsePayload::Json(self.text(text)),
            Response::Error {
                error_type,
                error_message,
            } => ResponsePayload::Error {
                error_type: self.part(error_type),
                error_message: self.part(error_message),
                request_id,
            },
            Response::Timeout { timeout_ms } => ResponsePayload::Timeout {
                request_id,
                timeout_ms,
            },
        }
    }

    fn request_id(&self, request: RequestIndex) -> &str {
        self.requests
            .get(request as usize)
            .map(|r| r.id.as_str())
            .unwrap_or("")
    }

    /// Writes (or, with [`record::JsonLen`], measures) the record of `facts`.
    pub fn write_record(&self, facts: &AsyncRecordFacts, out: &mut impl record::JsonOut) {
        let mut timestamp = String::with_capacity(24);
        crate::clock::push_iso8601_millis(&mut timestamp, facts.epoch_ms);
        let parts = AsyncRecordParts {
            timestamp: &timestamp,
            request_id: self.request_id(facts.request),
            function_arn: self.part(facts.function_arn),
            condition: facts.condition.as_str(),
            approximate_invoke_count: facts.approximate_invoke_count,
            request_payload: self.text(facts.request_payload),
            response: facts
                .response
                .map(|r| self.response_payload(r, facts.request)),
        };
        record::write_async_record(out, &parts);
    }

    /// At least the length of the record of `facts`, found without writing it: an escaped byte
    /// takes at most six, and the fixed text of a record (keys, timestamp, count) is far below
    /// 1 KB.
    pub fn record_len_bound(&self, facts: &AsyncRecordFacts) -> usize {
        let request_id = self.request_id(facts.request).len();
        let response = match facts.response {
            None => 0,
            Some(Response::Ok(text)) => self.text(text).len(),
            Some(Response::Error {
                error_type,
                error_message,
            }) => 6 * (self.part(error_type).len() + self.part(error_message).len() + request_id),
            Some(Response::Timeout { .. }) => 6 * (request_id + 100),
        };
        1024 + 6
            * (request_id + self.part(facts.function_arn).len() + facts.condition.as_str().len())
            + self.text(facts.request_payload).len()
            + response
    }

    /// Bytes the trace holds: its elements and the heap their texts use (not counting spare
    /// capacity of its vectors), for the memory budget of a run.
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let text = |s: &String| s.capacity();
        self.events.len() * size_of::<TraceEvent>()
            + self.requests.len() * size_of::<Request>()
            + self.requests.iter().map(|r| text(&r.id)).sum::<usize>()
            + self.bodies.len() * size_of::<Body>()
            + self
                .bodies
                .iter()
                .map(|b| match b {
                    Body::Text(s) => text(s),
                    Body::Record(_) => 0,
                })
                .sum::<usize>()
            + self.records.len() * size_of::<LazyRecord>()
            + self
                .records
                .iter()
                .map(|r| r.json.get().map(text).unwrap_or(0))
                .sum::<usize>()
            + self.parts.len() * size_of::<String>()
            + self.parts.iter().map(text).sum::<usize>()
    }

    /// The chain of causes of `index`, from the root to the event itself.
    pub fn path_to(&self, index: EventIndex) -> Vec<EventIndex> {
        let mut path = vec![index];
        let mut current = index;
        while let Some(parent) = self.events.get(current as usize).and_then(|e| e.parent) {
            path.push(parent);
            current = parent;
        }
        path.reverse();
        path
    }

    /// Every event that belongs to `request`.
    pub fn events_of_request(
        &self,
        request: RequestIndex,
    ) -> impl Iterator<Item = EventIndex> + '_ {
        self.events
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.request == Some(request))
            .map(|(i, _)| i as EventIndex)
    }
}

/// The outcome of a run: the trace, and the topology it refers to.
#[derive(Clone, Debug)]
pub struct Run {
    /// What happened.
    pub trace: Trace,
    /// Resources referred to by the trace.
    pub topology: Topology,
    /// The seed used.
    pub seed: u64,
    /// The scenario's start instant (epoch ms).
    pub epoch_ms: i64,
    /// True when the run stopped at the event cap.
    pub capped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_4_1_a_record_reads_the_same_every_time_and_its_bound_is_never_short() {
        let awkward = "\"\\\u{0}\u{1f}é😀".repeat(40);
        let mut trace = Trace::default();
        trace.requests.push(Request {
            id: awkward.clone(),
            origin: 0,
            started_by: 0,
        });
        let arn = trace.add_part(awkward.clone());
        let payload = trace.add_body(format!("{{\"k\":{}}}", serde_json::json!(awkward)));
        let responses = [
            None,
            Some(Response::Ok(TextRef::Body(payload))),
            Some(Response::Error {
                error_type: arn,
                error_message: arn,
            }),
            Some(Response::Timeout { timeout_ms: 3_000 }),
        ];
        for response in responses {
            let facts = AsyncRecordFacts {
                epoch_ms: 1_767_225_600_000,
                request: 0,
                function_arn: arn,
                condition: Condition::RetriesExhausted,
                approximate_invoke_count: 3,
                request_payload: TextRef::Body(payload),
                response,
            };
            let id = trace.add_record(facts);
            let text = trace.body(id).to_string();
            assert_eq!(trace.body(id), text);
            let parsed: serde_json::Value = serde_json::from_str(&text).expect("a record is JSON");
            assert_eq!(parsed["requestContext"]["requestId"], awkward.as_str());
            let mut len = record::JsonLen::default();
            trace.write_record(&facts, &mut len);
            assert_eq!(len.0, text.len());
            assert!(trace.record_len_bound(&facts) >= text.len());
        }
    }
}
