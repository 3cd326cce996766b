//! The world at any step of a run, derived from the trace alone (an event-sourced projection):
//! node states, the async queue of each function, SQS queue contents, shard checkpoints, what each
//! target received, and counters named as CloudWatch names them (spec §9).
//!
//! [`Timeline`] keeps a snapshot every [`CHECKPOINT_EVERY`] events, so seeking to any step costs
//! one clone and at most that many small updates.

use crate::clock::Millis;
use crate::topology::{Kind, ResourceId};
use crate::trace::Run;
use crate::trace::{BodyId, EventIndex, NoDestinationReason, Trace, Via, What};
use serde::Serialize;
use std::collections::BTreeMap;

/// Events between two stored snapshots.
pub const CHECKPOINT_EVERY: usize = 1024;

/// What a node shows on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Nothing happened yet.
    #[default]
    Idle,
    /// An attempt or batch is running.
    Running,
    /// Waiting for a retry (see `until`).
    Retrying,
    /// The last thing it did succeeded, or it received something.
    Succeeded,
    /// The last attempt or delivery failed.
    Failed,
    /// Throttled.
    Throttled,
    /// A shard is blocked behind a failing batch.
    Blocked,
    /// An event or batch was dropped.
    Dropped,
}

/// A message sitting in an SQS queue.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedMessage {
    /// SQS MessageId.
    pub message_id: BodyId,
    /// Body text.
    pub body: BodyId,
    /// Hidden by a receive (in flight).
    pub in_flight: bool,
    /// Times received.
    pub receive_count: u32,
}

/// The state of one resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeState {
    /// What the node shows.
    pub status: Status,
    /// For `Retrying` and `Throttled`: when the next attempt runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Millis>,
    /// Current attempt and attempts allowed (0 = unbounded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt: Option<(u32, u32)>,
    /// Events waiting in the function's internal async queue.
    pub async_queue: u32,
    /// Invocations running.
    pub in_flight: u32,
    /// SQS queue contents.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<QueuedMessage>,
    /// `Delivered` events whose target is this resource.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub received: Vec<EventIndex>,
    /// Records processed per shard (mappings).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub checkpoints: BTreeMap<u32, u32>,
    /// CloudWatch counters.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub counters: BTreeMap<&'static str, u64>,
}

/// The world after a given step.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct World {
    /// Events applied so far.
    pub applied: usize,
    /// Virtual time of the last applied event.
    pub at: Millis,
    /// One state per resource, indexed by [`ResourceId`].
    pub nodes: Vec<NodeState>,
}

impl World {
    /// The world before anything happened.
    pub fn empty(resources: usize) -> World {
        World {
            applied: 0,
            at: 0,
            nodes: vec![NodeState::default(); resources],
        }
    }

    fn node(&mut self, id: ResourceId) -> &mut NodeState {
        let index = id as usize;
        if index >= self.nodes.len() {
            self.nodes.resize(index + 1, NodeState::default());
        }
        &mut self.nodes[index]
    }

    fn count(&mut self, id: ResourceId, metric: &'static str, by: u64) {
        *self.node(id).counters.entry(metric).or_default() += by;
    }

    fn set_max(&mut self, id: ResourceId, metric: &'static str, value: u64) {
        let entry = self.node(id).counters.entry(metric).or_default();
        *entry = (*entry).max(value);
    }

    fn status(&mut self, id: ResourceId, status: Status, until: Option<Millis>) {
        let node = self.node(id);
        node.status = status;
        node.until = until;
    }

    /// Applies the next event of `trace`.
    pub fn apply(&mut self, trace: &Trace, kinds: &[Kind]) {
        let index = self.applied;
        let Some(event) = trace.events.get(index) else {
            return;
        };
        self.applied += 1;
        self.at = event.at;
        let r = event.resource;
        let ids = |body: BodyId| -> Vec<String> {
            serde_json::from_str(trace.body(body)).unwrap_or_default()
        };
        match &event.what {
            What::AsyncAccepted => {
                self.count(r, "AsyncEventsReceived", 1);
                self.node(r).async_queue += 1;
            }
            What::AttemptStarted {
                attempt,
                max_attempts,
                age_ms,
            } => {
                self.count(r, "Invocations", 1);
                if *age_ms > 0 || *max_attempts > 1 {
                    self.set_max(r, "AsyncEventAge", *age_ms);
                }
                let node = self.node(r);
                node.in_flight += 1;
                node.attempt = Some((*attempt, *max_attempts));
                self.status(r, Status::Running, None);
            }
            What::AttemptSucceeded { .. } => {
                let node = self.node(r);
                node.in_flight = node.in_flight.saturating_sub(1);
                self.status(r, Status::Succeeded, None);
            }
            What::AttemptFailed { .. } => {
                self.count(r, "Errors", 1);
                let node = self.node(r);
                node.in_flight = node.in_flight.saturating_sub(1);
                self.status(r, Status::Failed, None);
            }
            What::Throttled { retry_in_ms } => {
                self.count(r, "Throttles", 1);
                self.status(r, Status::Throttled, Some(event.at + retry_in_ms));
            }
            What::InvokeRefused { status: 429, .. } => {
                self.count(r, "Throttles", 1);
                self.status(r, Status::Throttled, None);
            }
            What::RetryScheduled { delay_ms, .. } => {
                self.status(r, Status::Retrying, Some(event.at + delay_ms))
            }
            What::EventAgeExceeded { .. } | What::RetriesExhausted { .. } => {
                self.status(r, Status::Failed, None)
            }
            What::ZeroReservedConcurrency => self.status(r, Status::Throttled, None),
            What::RecursionStopped { .. } => {
                self.count(r, "RecursiveInvocationsDropped", 1);
                self.status(r, Status::Dropped, None);
            }
            What::AsyncDropped => {
                self.count(r, "AsyncEventsDropped", 1);
                let node = self.node(r);
                node.async_queue = node.async_queue.saturating_sub(1);
                self.status(r, Status::Dropped, None);
            }
            What::AsyncCompleted => {
                let node = self.node(r);
                node.async_queue = node.async_queue.saturating_sub(1);
            }
            What::DeliveryFailed { target, via, .. } => {
                let metric = if *via == Via::DeadLetterQueue {
                    "DeadLetterErrors"
                } else {
                    "DestinationDeliveryFailures"
                };
                self.count(r, metric, 1);
                self.status(*target, Status::Failed, None);
            }
            What::Delivered { target, via, .. } => {
                self.node(*target).received.push(index as EventIndex);
                self.status(*target, Status::Succeeded, None);
                match kinds.get(*target as usize) {
                    Some(Kind::Topic) => self.count(*target, "NumberOfMessagesPublished", 1),
                    Some(Kind::EventBus) => self.count(*target, "MatchedEvents", 0),
                    Some(Kind::Bucket) => self.count(*target, "PutRequests", 1),
                    _ => {}
                }
                if *via == Via::MappingOnFailure {
                    if let Some(mapping) = event
                        .parent
                        .and_then(|p| trace.events.get(p as usize))
                        .map(|e| e.resource)
                    {
                        self.count(mapping, "OnFailureDestinationDeliveredEventCount", 1);
                    }
                }
            }
            What::MessageSent { message_id, body } => {
                self.count(r, "NumberOfMessagesSent", 1);
                self.node(r).messages.push(QueuedMessage {
                    message_id: *message_id,
                    body: *body,
                    in_flight: false,
                    receive_count: 0,
                });
            }
            What::MessagesReceived {
                mapping,
                message_ids,
                count,
                ..
            } => {
                self.count(r, "NumberOfMessagesReceived", u64::from(*count));
                self.count(*mapping, "PolledEventCount", u64::from(*count));
                self.count(*mapping, "InvokedEventCount", u64::from(*count));
                let received = ids(*message_ids);
                for m in self
                    .node(r)
                    .messages
                    .iter_mut()
                    .filter(|m| received.iter().any(|id| id == trace.body(m.message_id)))
                {
                    m.in_flight = true;
                    m.receive_count += 1;
                }
                self.status(*mapping, Status::Running, None);
            }
            What::MessagesDeleted { message_ids, count } => {
                self.count(r, "NumberOfMessagesDeleted", u64::from(*count));
                let gone = ids(*message_ids);
                self.node(r)
                    .messages
                    .retain(|m| !gone.iter().any(|id| id == trace.body(m.message_id)));
            }
            What::MessagesVisible { message_ids, .. } => {
                let visible = ids(*message_ids);
                for m in self
                    .node(r)
                    .messages
                    .iter_mut()
                    .filter(|m| visible.iter().any(|id| id == trace.body(m.message_id)))
                {
                    m.in_flight = false;
                }
            }
            What::MessagesExpired {
                message_ids, count, ..
            } => {
                self.count(r, "MessagesExpired", u64::from(*count));
                let gone = ids(*message_ids);
                self.node(r)
                    .messages
                    .retain(|m| !gone.iter().any(|id| id == trace.body(m.message_id)));
            }
            What::MessageRedriven { message_id, .. } => {
                let id = trace.body(*message_id).to_string();
                self.node(r)
                    .messages
                    .retain(|m| trace.body(m.message_id) != id);
            }
            What::RecordPut { .. } => self.count(r, "IncomingRecords", 1),
            What::BatchInvoked { mapping, size, .. } => {
                self.count(*mapping, "PolledEventCount", u64::from(*size));
                self.count(*mapping, "InvokedEventCount", u64::from(*size));
                self.status(*mapping, Status::Running, None);
            }
            What::ShardBlocked {
                mapping, delay_ms, ..
            } => self.status(*mapping, Status::Blocked, Some(event.at + delay_ms)),
            What::CheckpointAdvanced {
                mapping,
                shard,
                processed,
                ..
            } => {
                self.node(*mapping).checkpoints.insert(*shard, *processed);
                self.status(*mapping, Status::Succeeded, None);
            }
            What::BatchDiscarded { mapping, size, .. } => {
                self.count(*mapping, "FailedInvokeEventCount", u64::from(*size));
                self.status(*mapping, Status::Dropped, None);
            }
            What::NoDestination {
                reason: NoDestinationReason::NotConfigured,
            } if kinds.get(r as usize) == Some(&Kind::EventSourceMapping) => {
                if let Some(What::BatchDiscarded { size, .. }) = event
                    .parent
                    .and_then(|p| trace.events.get(p as usize))
                    .map(|e| &e.what)
                {
                    self.count(r, "DroppedEventCount", u64::from(*size));
                }
            }
            What::BusEventPut { matched, .. } => {
                self.count(r, "MatchedEvents", u64::from(*matched))
            }
            _ => {}
        }
    }
}

/// A run with snapshots for seeking.
#[derive(Clone, Debug)]
pub struct Timeline {
    kinds: Vec<Kind>,
    snapshots: Vec<World>,
    last: World,
}

impl Timeline {
    /// Folds the whole trace once, keeping a snapshot every [`CHECKPOINT_EVERY`] events.
    pub fn new(run: &Run) -> Timeline {
        let kinds: Vec<Kind> = run.topology.resources.iter().map(|r| r.kind).collect();
        let mut world = World::empty(kinds.len());
        let mut snapshots = vec![world.clone()];
        for _ in 0..run.trace.events.len() {
            world.apply(&run.trace, &kinds);
            if world.applied.is_multiple_of(CHECKPOINT_EVERY) {
                snapshots.push(world.clone());
            }
        }
        Timeline {
            kinds,
            snapshots,
            last: world,
        }
    }

    /// The world after the first `applied` events (0 = before anything happened).
    pub fn world_after(&self, run: &Run, applied: usize) -> World {
        let applied = applied.min(run.trace.events.len());
        if applied == self.last.applied {
            return self.last.clone();
        }
        let mut world =
            self.snapshots[(applied / CHECKPOINT_EVERY).min(self.snapshots.len() - 1)].clone();
        while world.applied < applied {
            world.apply(&run.trace, &self.kinds);
        }
        world
    }

    /// The world at the end of the run.
    pub fn end(&self) -> &World {
        &self.last
    }
}
