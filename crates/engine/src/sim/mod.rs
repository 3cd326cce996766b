//! The discrete-event simulator: a virtual clock in milliseconds, an agenda of scheduled actions
//! ordered by (time, insertion), and one seeded generator. Same scenario and seed, same trace.
//!
//! Each handler applies rules of the spec, in the order its doc lists them by rule id, and records
//! what it did as trace events; the sentences shown to people are built later from those events
//! (see [`crate::narrate`]). The simulator is split by the state each part owns:
//!
//! - this module: the agenda and stepping, and the trace's bodies and parts;
//! - `inputs.rs`: the scenario's inputs and faults, and client invocations;
//! - `async_queue.rs`: asynchronous events, their retries, age limit and destinations;
//! - `run.rs`: running a function (deciding an attempt, starting and finishing it);
//! - `delivery.rs`: delivering to a target, and what each kind of target does with it;
//! - `mappings.rs`: event source mappings' settings and invoking a batch;
//! - `sqs.rs`: queues, their messages and SQS mappings;
//! - `streams.rs`: stream and Kafka lanes, checkpoints, bisection and tumbling windows;
//! - `batch_failure.rs`: a discarded batch's failure record;
//! - `data.rs`: the data inside events (JSON text, dotted fields, base64).

use crate::assumptions as assume;
use crate::aws::{self, MappingDefaults};
use crate::clock::{self, Millis, SECOND};
use crate::record::{self, BatchError, Condition, JsonLen, RequestContext, StreamBatchInfo};
use crate::rng::{stable_hash, Rng};
use crate::rules::RuleId;
use crate::scenario::{
    Behavior, Input, InvocationType, Outcome, Permission, RecursiveLoop, Scenario,
};
use crate::topology::{Kind, ResourceId, Topology};
use crate::trace::*;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

mod async_queue;
mod batch_failure;
mod data;
mod delivery;
mod inputs;
mod mappings;
mod qualifiers;
mod run;
mod sqs;
mod streams;

use async_queue::{AsyncEvent, AsyncLimits};
use data::batch_records;
pub use data::{base64, field, shard_id, unbase64, value_text};
use delivery::Parcel;
use mappings::{Batch, BatchKind, MappingState};
use qualifiers::QualifierState;
use run::{Attempt, Ctx, Decided, FunctionState, Invocation};
use sqs::QueueState;
use streams::{BatchState, Lane, StreamRecordData};

/// Largest number of events one run records; a run that reaches it stops with [`What::RunCapped`].
pub const MAX_EVENTS: u32 = 1_000_000;
/// Largest async payload (spec §2.8).
pub const ASYNC_PAYLOAD_LIMIT: usize = 1_048_576;
/// Largest sync payload (spec §2.8).
pub const SYNC_PAYLOAD_LIMIT: usize = 6 * 1_048_576;
/// Largest SNS message (spec §4.7).
pub const SNS_MESSAGE_LIMIT: usize = 262_144;

/// What an action follows from: the event that caused it, the request it belongs to (a new one
/// starts when there is none yet), and how many functions the chain has passed through, for
/// loop detection (spec §7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Cause {
    parent: Option<EventIndex>,
    request: Option<RequestIndex>,
    lineage: u32,
}

impl Cause {
    /// An input's: nothing before it, a new request, the start of a chain.
    const INPUT: Cause = Cause {
        parent: None,
        request: None,
        lineage: 0,
    };

    /// Follows `parent` in `request`, `lineage` functions into the chain.
    fn new(parent: EventIndex, request: RequestIndex, lineage: u32) -> Cause {
        Cause {
            parent: Some(parent),
            request: Some(request),
            lineage,
        }
    }

    /// Follows `parent` and starts a new request, `lineage` functions into the chain.
    fn starts_request(parent: EventIndex, lineage: u32) -> Cause {
        Cause {
            parent: Some(parent),
            request: None,
            lineage,
        }
    }
}

/// Options of one run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Overrides the scenario's seed.
    pub seed: Option<u64>,
    /// Stops at this virtual time (inclusive).
    pub until: Option<Millis>,
    /// Overrides [`MAX_EVENTS`] (lower only).
    pub max_events: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Input(u32),
    AsyncAttempt(u32),
    InvocationDone(u32),
    LanePoll(u32, u32),
    SqsPoll(u32),
    SqsVisible(u32),
    SqsExpire(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Scheduled {
    at: Millis,
    seq: u64,
    action: Action,
}

/// A simulation in progress. Build it with [`Simulation::new`], then [`Simulation::run`].
#[derive(Clone, Debug)]
pub struct Simulation<'a> {
    scenario: &'a Scenario,
    topology: Topology,
    now: Millis,
    epoch_ms: i64,
    rng: Rng,
    seq: u64,
    agenda: BinaryHeap<Reverse<Scheduled>>,
    /// Scheduled expiries of queues that keep the default 4-day retention: they run only while
    /// something else is still going on (see [`Simulation::step`]).
    waiting_expiries: usize,
    trace: Trace,
    functions: Vec<FunctionState>,
    queues: Vec<QueueState>,
    mappings: Vec<MappingState>,
    streams: HashMap<ResourceId, Vec<Vec<StreamRecordData>>>,
    stream_counter: u64,
    /// Per resource: deleted by a fault.
    deleted: Vec<bool>,
    /// Per resource: a FIFO queue or topic.
    fifo: Vec<bool>,
    /// Inputs by (time, position): they are merged with the agenda instead of filling it.
    input_order: Vec<(Millis, u32)>,
    next_input: usize,
    /// The sequence number of the first input; input `i` has `input_seq + i`.
    input_seq: u64,
    payloads: Vec<Cow<'a, Value>>,
    /// The JSON text of each payload, once a record needed it.
    payload_texts: Vec<Option<TextRef>>,
    /// Record parts by text, so each error type and message is stored once.
    interned: HashMap<String, PartId>,
    /// Per function: its qualified ARN and its response's JSON, once a record needed them.
    function_parts: Vec<(Option<PartId>, Option<TextRef>)>,
    /// The part standing for a throttle in [`Decided::Error`].
    throttle: PartId,
    /// The error type and message of an attempt failed by `errorRate`.
    error_rate_error: (PartId, PartId),
    async_events: Vec<AsyncEvent>,
    invocations: Vec<Invocation>,
    batches: Vec<Batch>,
    until: Option<Millis>,
    max_events: u32,
    capped: bool,
    seed: u64,
}

/// Runs `scenario` to the end (or `options.until`).
pub fn simulate(scenario: &Scenario, options: &RunOptions) -> Run {
    let mut sim = Simulation::new(scenario, options);
    sim.run();
    sim.finish()
}

impl<'a> Simulation<'a> {
    /// Prepares a run: resolves resources and schedules every input. The simulation reads the
    /// scenario where it is, without copying it.
    pub fn new(scenario: &'a Scenario, options: &RunOptions) -> Simulation<'a> {
        let topology = Topology::build(scenario);
        let seed = options.seed.unwrap_or(scenario.seed);
        let epoch_ms = clock::parse_iso8601(&scenario.start_time).unwrap_or(1_767_225_600_000);
        let functions = scenario
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| FunctionState {
                id: topology.id_of(Kind::Function, i).unwrap_or_default(),
                reserved: f.reserved_concurrent_executions,
                in_flight: 0,
                permissions: f.permissions.clone(),
                fail_next: VecDeque::new(),
                timeout_ms: f.timeout.max(aws::TIMEOUT.min) as Millis * SECOND,
                qualifiers: qualifiers::qualifier_states(scenario, &topology, f),
                dead_letter: f
                    .dead_letter_config
                    .as_ref()
                    .and_then(|d| topology.by_arn(&d.target_arn)),
            })
            .collect();
        let queues = topology
            .of_kind(Kind::Queue)
            .map(|id| QueueState {
                id,
                messages: Vec::new(),
                mappings: Vec::new(),
            })
            .collect();
        let resources = topology.resources.len();
        let fifo = topology
            .resources
            .iter()
            .map(|r| aws::is_fifo(scenario, &topology, &r.arn))
            .collect();
        let mut sim = Simulation {
            scenario,
            topology,
            now: 0,
            epoch_ms,
            rng: Rng::new(seed),
            seq: 0,
            agenda: BinaryHeap::new(),
            waiting_expiries: 0,
            trace: Trace::with_capacity_for(scenario.inputs.len()),
            functions,
            queues,
            mappings: Vec::new(),
            streams: HashMap::new(),
            stream_counter: 0,
            deleted: vec![false; resources],
            fifo,
            input_order: Vec::new(),
            next_input: 0,
            input_seq: 0,
            payloads: Vec::with_capacity(scenario.inputs.len()),
            payload_texts: Vec::with_capacity(scenario.inputs.len()),
            interned: HashMap::new(),
            function_parts: vec![(None, None); scenario.functions.len()],
            throttle: 0,
            error_rate_error: (0, 0),
            async_events: Vec::with_capacity(scenario.inputs.len()),
            invocations: Vec::with_capacity(scenario.inputs.len()),
            batches: Vec::new(),
            until: options.until,
            max_events: options.max_events.unwrap_or(MAX_EVENTS).min(MAX_EVENTS),
            capped: false,
            seed,
        };
        sim.throttle = sim.intern(THROTTLE);
        sim.error_rate_error = (
            sim.intern("Error"),
            sim.intern("Simulated failure (errorRate)"),
        );
        sim.prepare_mappings();
        // Inputs take the sequence numbers they would have had in the agenda, in order.
        sim.input_seq = sim.seq + 1;
        sim.seq += scenario.inputs.len() as u64;
        sim.input_order = scenario
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| (input.at(), i as u32))
            .collect();
        sim.input_order.sort_unstable();
        sim
    }

    /// Processes the agenda until it is empty, `until` is passed, or the event cap is reached.
    pub fn run(&mut self) {
        while self.step() {}
    }

    /// Processes one scheduled action; false when there is nothing left to do. A run does not
    /// wait days for the messages left in queues with the default retention to expire: when
    /// only those expiries are left, it ends (set `MessageRetentionPeriod` to see them go).
    pub fn step(&mut self) -> bool {
        if self.capped {
            return false;
        }
        if self.next_input >= self.input_order.len() && self.agenda.len() <= self.waiting_expiries {
            return false;
        }
        let input = self
            .input_order
            .get(self.next_input)
            .map(|&(at, i)| Scheduled {
                at,
                seq: self.input_seq + u64::from(i),
                action: Action::Input(i),
            });
        let next = match (input, self.agenda.peek()) {
            (Some(input), Some(Reverse(top))) if *top < input => self.agenda.pop(),
            (Some(input), _) => {
                self.next_input += 1;
                Some(Reverse(input))
            }
            (None, _) => self.agenda.pop(),
        };
        let Some(Reverse(next)) = next else {
            return false;
        };
        if self.until.is_some_and(|until| next.at > until) {
            self.agenda.clear();
            self.next_input = self.input_order.len();
            return false;
        }
        self.now = next.at;
        match next.action {
            Action::Input(i) => self.apply_input(i as usize),
            Action::AsyncAttempt(id) => self.async_attempt(id),
            Action::InvocationDone(id) => self.invocation_done(id),
            Action::LanePoll(m, lane) => self.lane_poll(m, lane),
            Action::SqsPoll(m) => self.sqs_poll(m),
            Action::SqsVisible(queue) => self.sqs_visible(queue as usize),
            Action::SqsExpire(queue) => {
                if self.retention_is_default(queue as usize) {
                    self.waiting_expiries = self.waiting_expiries.saturating_sub(1);
                }
                self.sqs_expire(queue as usize)
            }
        }
        if self.trace.events.len() as u32 >= self.max_events {
            self.capped = true;
            self.emit(
                self.now,
                0,
                None,
                None,
                RuleId::RunCapped,
                What::RunCapped {
                    cap: self.max_events,
                },
            );
            return false;
        }
        true
    }

    /// Ends the run and hands over its trace.
    pub fn finish(self) -> Run {
        Run {
            trace: self.trace,
            topology: self.topology,
            seed: self.seed,
            epoch_ms: self.epoch_ms,
            capped: self.capped,
        }
    }

    /// The trace so far.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Schedules `action` at `at`, after everything already scheduled for then.
    fn schedule(&mut self, at: Millis, action: Action) {
        if let Action::SqsExpire(q) = action {
            if self.retention_is_default(q as usize) {
                self.waiting_expiries += 1;
            }
        }
        self.seq += 1;
        self.agenda.push(Reverse(Scheduled {
            at,
            seq: self.seq,
            action,
        }));
    }

    /// Records a trace event at `at`.
    fn emit(
        &mut self,
        at: Millis,
        resource: ResourceId,
        parent: Option<EventIndex>,
        request: Option<RequestIndex>,
        rule: RuleId,
        what: What,
    ) -> EventIndex {
        self.trace.events.push(TraceEvent {
            at,
            resource,
            parent,
            request,
            rule,
            what,
        });
        (self.trace.events.len() - 1) as EventIndex
    }

    /// Records a trace event now.
    fn note(
        &mut self,
        resource: ResourceId,
        parent: Option<EventIndex>,
        request: Option<RequestIndex>,
        rule: RuleId,
        what: What,
    ) -> EventIndex {
        self.emit(self.now, resource, parent, request, rule, what)
    }

    /// Stores a text in the trace.
    fn body(&mut self, text: impl Into<String>) -> BodyId {
        self.trace.add_body(text.into())
    }

    /// Starts a request at `origin`, begun by event `started_by`.
    fn new_request(&mut self, origin: ResourceId, started_by: EventIndex) -> RequestIndex {
        let id = self.rng.uuid();
        self.trace.requests.push(Request {
            id,
            origin,
            started_by,
        });
        (self.trace.requests.len() - 1) as RequestIndex
    }

    /// Now, as an ISO 8601 instant with milliseconds.
    fn timestamp(&self) -> String {
        clock::iso8601_millis(self.epoch_ms + self.now as i64)
    }

    /// Now, as an ISO 8601 instant in whole seconds.
    fn timestamp_seconds(&self) -> String {
        clock::iso8601_seconds(self.epoch_ms + self.now as i64)
    }

    /// Function `f`'s unqualified ARN.
    fn function_arn(&self, f: usize) -> String {
        self.topology.get(self.functions[f].id).arn.clone()
    }

    /// Function `f`'s scripted behaviour.
    fn behavior(&self, f: usize) -> &Behavior {
        &self.scenario.functions[f].behavior
    }

    /// True when a fault deleted resource `id`.
    fn is_deleted(&self, id: ResourceId) -> bool {
        self.deleted.get(id as usize).copied().unwrap_or(false)
    }

    /// The queue state of queue `id`.
    fn queue_index(&self, id: ResourceId) -> Option<usize> {
        self.queues.iter().position(|q| q.id == id)
    }

    /// Stores a payload made during the run.
    fn store_payload(&mut self, value: Value) -> u32 {
        self.payloads.push(Cow::Owned(value));
        self.payload_texts.push(None);
        (self.payloads.len() - 1) as u32
    }

    /// Stores a payload that lives in the scenario (an input's), without copying it; `text` is
    /// its JSON when the trace has it already.
    fn store_payload_ref(&mut self, value: &'a Value, text: Option<TextRef>) -> u32 {
        self.payloads.push(Cow::Borrowed(value));
        self.payload_texts.push(text);
        (self.payloads.len() - 1) as u32
    }

    /// The JSON text of payload `p`, stored in the trace on first use.
    fn payload_text(&mut self, p: u32) -> TextRef {
        if let Some(Some(text)) = self.payload_texts.get(p as usize) {
            return *text;
        }
        let text = self.payloads[p as usize].to_string();
        let part = TextRef::Part(self.trace.add_part(text));
        self.payload_texts[p as usize] = Some(part);
        part
    }

    /// A record part with this text, stored once.
    fn intern(&mut self, text: &str) -> PartId {
        if let Some(&id) = self.interned.get(text) {
            return id;
        }
        let id = self.trace.add_part(text.to_string());
        self.interned.insert(text.to_string(), id);
        id
    }

    /// The JSON of function `f`'s successful response, as a record part.
    fn ok_response_part(&mut self, f: usize) -> TextRef {
        if let Some(text) = self.function_parts[f].1 {
            return text;
        }
        let json = self.behavior(f).response.to_string();
        let text = TextRef::Part(self.trace.add_part(json));
        self.function_parts[f].1 = Some(text);
        text
    }
}

const THROTTLE: &str = "\u{0}throttle";
