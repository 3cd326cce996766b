//! The trace: every step of a run as an event with its virtual time, resource, causal parent,
//! request, rule and values. Events are small (no strings inside); texts and delivered bodies
//! live once in the trace and are referred to by [`BodyId`] (read them with [`Trace::body`]).
//!
//! An async invocation record is kept as the few facts it is made of and written as JSON the
//! first time someone reads it: most records of a large run are never looked at.
//!
//! The trace is split by what each part holds:
//!
//! - this module: the indices, one event and its delivery details, and a run's outcome;
//! - `what.rs`: what happened in one step, every kind of event;
//! - `store.rs`: requests, responses, bodies and lazily written records, and [`Trace`] itself.

mod store;
mod what;

pub use store::{AsyncRecordFacts, Request, Response, TextRef, Trace};
pub use what::What;

use crate::aws::Side;
use crate::clock::Millis;
use crate::rules::RuleId;
use crate::topology::{ResourceId, Topology};
use serde::Serialize;

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
mod tests;
