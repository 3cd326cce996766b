//! The discrete-event simulator: a virtual clock in milliseconds, an agenda of scheduled actions
//! ordered by (time, insertion), and one seeded generator. Same scenario and seed, same trace.
//!
//! Each handler applies one rule of the spec and records what it did as trace events; the
//! sentences shown to people are built later from those events (see [`crate::narrate`]).

use crate::assumptions as assume;
use crate::clock::{self, Millis, SECOND};
use crate::record::{self, BatchError, JsonLen, RequestContext, StreamBatchInfo};
use crate::rng::{stable_hash, Rng};
use crate::rules::RuleId;
use crate::scenario::{
    Behavior, Input, InvocationType, Outcome, Permission, RecursiveLoop, Scenario,
};
use crate::topology::{Kind, ResourceId, Topology};
use crate::trace::*;
use crate::validate::{self, MappingDefaults};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet, VecDeque};

/// Largest number of events one run records; a run that reaches it stops with [`What::RunCapped`].
pub const MAX_EVENTS: u32 = 1_000_000;
/// Largest async payload (spec §2.8).
pub const ASYNC_PAYLOAD_LIMIT: usize = 1_048_576;
/// Largest sync payload (spec §2.8).
pub const SYNC_PAYLOAD_LIMIT: usize = 6 * 1_048_576;
/// Largest SNS message (spec §4.7).
pub const SNS_MESSAGE_LIMIT: usize = 262_144;

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

#[derive(Clone, Debug)]
struct FunctionState {
    id: ResourceId,
    reserved: Option<i64>,
    in_flight: u32,
    permissions: Option<Vec<Permission>>,
    fail_next: VecDeque<Outcome>,
    timeout_ms: Millis,
    /// The async OnSuccess and OnFailure destinations and the dead-letter queue, when they exist.
    on_success: Option<ResourceId>,
    on_failure: Option<ResourceId>,
    dead_letter: Option<ResourceId>,
}

#[derive(Clone, Debug)]
struct AsyncEvent {
    function: usize,
    request: RequestIndex,
    payload: u32,
    enqueued_at: Millis,
    attempts: u32,
    throttles: u32,
    lineage: u32,
    last: Option<Response>,
    last_event: EventIndex,
}

#[derive(Clone, Debug)]
enum Decided {
    /// The function returned its behaviour's `response`.
    Ok,
    /// Type and message are record parts of the trace.
    Error {
        error_type: PartId,
        error_message: PartId,
    },
    Timeout,
    Partial(Vec<String>),
}

#[derive(Clone, Copy, Debug)]
enum Ctx {
    Async(u32),
    Sync,
    Batch(u32),
}

#[derive(Clone, Debug)]
struct Invocation {
    function: usize,
    ctx: Ctx,
    attempt: u32,
    decided: Decided,
    duration: Millis,
    started: EventIndex,
    request: RequestIndex,
}

#[derive(Clone, Debug)]
struct StreamRecordData {
    sequence: String,
    key: String,
    data: Value,
    arrival: Millis,
    lineage: u32,
}

#[derive(Clone, Debug, Default)]
struct Lane {
    shard: u32,
    records: Vec<u32>,
    next: usize,
    busy: bool,
    poll_at: Option<Millis>,
    batch: Option<BatchState>,
    window: Option<WindowState>,
}

/// An open tumbling window of a lane (spec §5.4).
#[derive(Clone, Debug)]
struct WindowState {
    start: Millis,
    state: Value,
    first: usize,
    upto: usize,
}

#[derive(Clone, Debug)]
struct BatchState {
    start: usize,
    end: usize,
    retries: u32,
    invocations: u32,
    throttles: u32,
    pending: Vec<(usize, usize)>,
    last_error: BatchError,
    final_window: bool,
}

#[derive(Clone, Debug)]
struct Message {
    /// The MessageId: the body of its `MessageSent` event.
    id: BodyId,
    body: BodyId,
    sent_at: Millis,
    /// When the retention period started: the send, or for a standard queue's dead-letter
    /// queue, the send to the source queue.
    enqueued_at: Millis,
    receive_count: u32,
    visible_at: Millis,
    group: Option<String>,
    lineage: u32,
    gone: bool,
    request: Option<RequestIndex>,
}

#[derive(Clone, Debug)]
struct QueueState {
    id: ResourceId,
    messages: Vec<Message>,
    mappings: Vec<u32>,
}

#[derive(Clone, Debug)]
struct MappingState {
    id: ResourceId,
    function: Option<usize>,
    source: Option<ResourceId>,
    source_kind: Kind,
    enabled: bool,
    batch_size: usize,
    window_ms: Millis,
    max_retries: i64,
    max_age_ms: Option<Millis>,
    bisect: bool,
    report_items: bool,
    parallel: u32,
    on_failure: Option<ResourceId>,
    tumbling_ms: Option<Millis>,
    lanes: Vec<Lane>,
    in_flight: u32,
    poll_scheduled: bool,
}

#[derive(Clone, Debug)]
enum BatchKind {
    Stream {
        mapping: u32,
        lane: u32,
    },
    Sqs {
        mapping: u32,
        queue: usize,
        messages: Vec<usize>,
    },
}

/// What a discarded batch was, for its failure records.
#[derive(Clone, Copy, Debug)]
struct FailedBatch {
    f: usize,
    shard: u32,
    condition: Condition,
    error: BatchError,
    invocations: u32,
}

/// A body on its way to a target: a text, or an async invocation record still as its facts.
#[derive(Clone, Debug)]
enum Outgoing {
    Text(String),
    Record(AsyncRecordFacts),
}

impl From<String> for Outgoing {
    fn from(text: String) -> Outgoing {
        Outgoing::Text(text)
    }
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
    batches: Vec<BatchKind>,
    until: Option<Millis>,
    max_events: u32,
    capped: bool,
    seed: u64,
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
                id: topology
                    .of_kind(Kind::Function)
                    .find(|&id| topology.get(id).index == i)
                    .unwrap_or_default(),
                reserved: f.reserved_concurrent_executions,
                in_flight: 0,
                permissions: f.permissions.clone(),
                fail_next: VecDeque::new(),
                timeout_ms: f.timeout.max(1) as Millis * SECOND,
                on_success: destinations(f)
                    .and_then(|d| d.on_success_arn())
                    .and_then(|arn| topology.by_arn(arn)),
                on_failure: destinations(f)
                    .and_then(|d| d.on_failure_arn())
                    .and_then(|arn| topology.by_arn(arn)),
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
            .map(|r| validate::is_fifo(scenario, &topology, &r.arn))
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

    fn prepare_mappings(&mut self) {
        for (i, m) in self.scenario.event_source_mappings.iter().enumerate() {
            let id = self
                .topology
                .of_kind(Kind::EventSourceMapping)
                .find(|&id| self.topology.get(id).index == i)
                .unwrap_or_default();
            let source = validate::mapping_source(&self.topology, m);
            let source_kind = source
                .map(|s| self.topology.get(s).kind)
                .unwrap_or(Kind::Queue);
            let defaults = source
                .map(|s| MappingDefaults::for_source(source_kind, self.scenario, &self.topology, s))
                .unwrap_or(MappingDefaults {
                    batch_size: 10,
                    max_batch: 10,
                    window_ms: 0,
                });
            let function = self
                .topology
                .find(Kind::Function, &m.function_name)
                .map(|id| self.topology.get(id).index);
            let on_failure = m
                .destination_config
                .as_ref()
                .and_then(|d| d.on_failure_arn())
                .and_then(|arn| match arn.strip_prefix("kafka://") {
                    Some(topic) => {
                        validate::kafka_destination(self.scenario, &self.topology, m, topic)
                    }
                    None => self.topology.by_arn(arn),
                })
                .filter(|_| validate::mapping_takes_destinations(source_kind));
            let parallel = m.parallelization_factor.unwrap_or(1).clamp(1, 10) as u32;
            let shards = match source.map(|s| self.topology.get(s)) {
                Some(r) if r.kind == Kind::KinesisStream => {
                    self.scenario.kinesis_streams[r.index].shard_count
                }
                Some(r) if r.kind == Kind::DynamoDbStream => {
                    self.scenario.dynamodb_tables[r.index].shard_count
                }
                Some(r) if r.kind == Kind::KafkaTopic => {
                    self.scenario.kafka_topics[r.index].partitions
                }
                _ => 0,
            }
            .clamp(0, 64) as u32;
            let parallel = if source_kind == Kind::KafkaTopic {
                1
            } else {
                parallel
            };
            let lanes = (0..shards * parallel)
                .map(|l| Lane {
                    shard: l / parallel,
                    ..Lane::default()
                })
                .collect();
            let window_ms = m
                .maximum_batching_window_in_seconds
                .map(|s| s.clamp(0, 300) as Millis * SECOND)
                .unwrap_or(defaults.window_ms);
            let index = self.mappings.len() as u32;
            self.mappings.push(MappingState {
                id,
                function,
                source,
                source_kind,
                enabled: m.enabled,
                batch_size: m.batch_size.unwrap_or(defaults.batch_size).clamp(1, 10_000) as usize,
                window_ms,
                max_retries: m.maximum_retry_attempts.unwrap_or(-1),
                max_age_ms: m
                    .maximum_record_age_in_seconds
                    .filter(|&s| s >= 0)
                    .map(|s| s as Millis * SECOND),
                bisect: m.bisect_batch_on_function_error.unwrap_or(false),
                report_items: m.reports_batch_item_failures(),
                parallel,
                on_failure,
                tumbling_ms: m
                    .tumbling_window_in_seconds
                    .filter(|&t| t > 0)
                    .map(|t| t.min(900) as Millis * SECOND),
                lanes,
                in_flight: 0,
                poll_scheduled: false,
            });
            if source_kind == Kind::Queue {
                if let Some(q) = source.and_then(|s| self.queue_index(s)) {
                    self.queues[q].mappings.push(index);
                }
            }
        }
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
                RuleId::InputIgnored,
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

    /// A mapping's failed batch goes to its OnFailure destination (spec §5.2).
    fn mapping_destination_chosen(
        &mut self,
        mapping: ResourceId,
        target: ResourceId,
        condition: Condition,
        discarded: EventIndex,
        request: RequestIndex,
    ) -> EventIndex {
        self.note(
            mapping,
            Some(discarded),
            Some(request),
            RuleId::MappingOnFailure,
            What::DestinationChosen {
                target,
                via: Via::MappingOnFailure,
                condition,
            },
        )
    }

    fn body(&mut self, text: impl Into<String>) -> BodyId {
        self.trace.add_body(text.into())
    }

    fn new_request(&mut self, origin: ResourceId, started_by: EventIndex) -> RequestIndex {
        let id = self.rng.uuid();
        self.trace.requests.push(Request {
            id,
            origin,
            started_by,
        });
        (self.trace.requests.len() - 1) as RequestIndex
    }

    fn timestamp(&self) -> String {
        clock::iso8601_millis(self.epoch_ms + self.now as i64)
    }

    fn function_arn(&self, f: usize) -> String {
        self.topology.get(self.functions[f].id).arn.clone()
    }

    fn behavior(&self, f: usize) -> &Behavior {
        &self.scenario.functions[f].behavior
    }

    fn is_deleted(&self, id: ResourceId) -> bool {
        self.deleted.get(id as usize).copied().unwrap_or(false)
    }

    fn queue_index(&self, id: ResourceId) -> Option<usize> {
        self.queues.iter().position(|q| q.id == id)
    }

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

    /// The qualified ARN of function `f` (`…:$LATEST`), as a record part.
    fn qualified_arn_part(&mut self, f: usize) -> PartId {
        if let Some(id) = self.function_parts[f].0 {
            return id;
        }
        let id = self
            .trace
            .add_part(format!("{}:$LATEST", self.function_arn(f)));
        self.function_parts[f].0 = Some(id);
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

    // ----- inputs ---------------------------------------------------------------------------

    fn apply_input(&mut self, index: usize) {
        let scenario = self.scenario;
        match &scenario.inputs[index] {
            Input::Invoke {
                function_name,
                invocation_type,
                payload,
                client,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let origin = client
                    .as_deref()
                    .and_then(|c| self.topology.find(Kind::Client, c))
                    .unwrap_or(fid);
                self.client_invoke(origin, fid, *invocation_type, payload);
            }
            Input::SendMessage {
                queue_name,
                message_body,
                message_group_id,
                ..
            } => {
                let Some(qid) = self.topology.find(Kind::Queue, queue_name) else {
                    return self.ignored(queue_name);
                };
                let body = value_text(message_body);
                self.deliver(
                    None,
                    qid,
                    Via::Input,
                    body,
                    None,
                    None,
                    None,
                    0,
                    message_group_id.clone(),
                );
            }
            Input::Publish {
                topic_name,
                message,
                subject,
                ..
            } => {
                let Some(tid) = self.topology.find(Kind::Topic, topic_name) else {
                    return self.ignored(topic_name);
                };
                let attributes = subject
                    .as_ref()
                    .map(|s| json!({ "Subject": s }).to_string());
                self.deliver(
                    None,
                    tid,
                    Via::Input,
                    value_text(message),
                    attributes,
                    None,
                    None,
                    0,
                    None,
                );
            }
            Input::PutObject {
                bucket, key, size, ..
            } => {
                let Some(bid) = self.topology.find(Kind::Bucket, bucket) else {
                    return self.ignored(bucket);
                };
                let attributes = json!({ "Bucket": bucket, "Key": key, "Size": size }).to_string();
                self.deliver(
                    None,
                    bid,
                    Via::Input,
                    String::new(),
                    Some(attributes),
                    None,
                    None,
                    0,
                    None,
                );
            }
            Input::PutEvents {
                event_bus_name,
                source,
                detail_type,
                detail,
                ..
            } => {
                let Some(bus) = self.topology.find(Kind::EventBus, event_bus_name) else {
                    return self.ignored(event_bus_name);
                };
                let id = self.rng.uuid();
                let event = record::eventbridge_event(
                    &id,
                    detail_type,
                    source,
                    &self.scenario.account,
                    &self.timestamp_seconds(),
                    &self.scenario.region,
                    &[],
                    detail,
                );
                self.deliver(
                    None,
                    bus,
                    Via::Input,
                    event.to_string(),
                    None,
                    None,
                    None,
                    0,
                    None,
                );
            }
            Input::PutRecord {
                stream_name,
                partition_key,
                data,
                ..
            } => {
                let Some(sid) = self.topology.find(Kind::KinesisStream, stream_name) else {
                    return self.ignored(stream_name);
                };
                self.put_stream_record(sid, partition_key.clone(), data.clone(), None, 0);
            }
            Input::PutItem {
                table_name, item, ..
            } => {
                let Some(sid) = self.topology.find(Kind::DynamoDbStream, table_name) else {
                    return self.ignored(table_name);
                };
                let key = item
                    .as_object()
                    .and_then(|o| o.values().next())
                    .map(value_text)
                    .unwrap_or_default();
                self.put_stream_record(sid, key, item.clone(), None, 0);
            }
            Input::Produce {
                cluster_name,
                topic,
                key,
                value,
                ..
            } => {
                let Some(kid) = self
                    .topology
                    .find(Kind::KafkaTopic, &format!("{cluster_name}/{topic}"))
                else {
                    return self.ignored(topic);
                };
                let key = key.clone().unwrap_or_default();
                self.put_stream_record(kid, key, value.clone(), None, 0);
            }
            Input::RevokePermission {
                function_name,
                action,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let needed = self.permissions_in_use(f);
                let state = &mut self.functions[f];
                let list = state.permissions.get_or_insert(needed);
                list.retain(|p| p.action != *action);
                let description = self.body(format!("revoke {action}"));
                self.note(
                    fid,
                    None,
                    None,
                    RuleId::FaultApplied,
                    What::FaultApplied { description },
                );
            }
            Input::DeleteResource { arn, .. } => {
                let Some(id) = self.topology.by_arn(arn) else {
                    return self.ignored(arn);
                };
                if let Some(deleted) = self.deleted.get_mut(id as usize) {
                    *deleted = true;
                }
                let description = self.body("delete");
                self.note(
                    id,
                    None,
                    None,
                    RuleId::FaultApplied,
                    What::FaultApplied { description },
                );
            }
            Input::SetReservedConcurrency {
                function_name,
                reserved_concurrent_executions,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let reserved_concurrent_executions = *reserved_concurrent_executions;
                self.functions[f].reserved = Some(reserved_concurrent_executions.max(0));
                let description = self.body(format!(
                    "ReservedConcurrentExecutions={}",
                    reserved_concurrent_executions.max(0)
                ));
                self.note(
                    fid,
                    None,
                    None,
                    RuleId::FaultApplied,
                    What::FaultApplied { description },
                );
            }
            Input::FailNext {
                function_name,
                count,
                outcome,
                ..
            } => {
                let Some(fid) = self.topology.find(Kind::Function, function_name) else {
                    return self.ignored(function_name);
                };
                let f = self.topology.get(fid).index;
                let count = *count;
                for _ in 0..count.min(100) {
                    self.functions[f].fail_next.push_back(outcome.clone());
                }
                let description = self.body(format!(
                    "next {} attempt(s): {}",
                    count.min(100),
                    outcome_name(outcome)
                ));
                self.note(
                    fid,
                    None,
                    None,
                    RuleId::FaultApplied,
                    What::FaultApplied { description },
                );
            }
        }
    }

    fn ignored(&mut self, name: &str) {
        let description = self.body(format!("{name} does not exist; input ignored"));
        self.note(
            0,
            None,
            None,
            RuleId::InputIgnored,
            What::FaultApplied { description },
        );
    }

    /// The permissions a role without an explicit list implicitly has: every action the diagram
    /// needs. Revoking one makes the list explicit.
    fn permissions_in_use(&self, f: usize) -> Vec<Permission> {
        [
            "sqs:SendMessage",
            "sns:Publish",
            "lambda:InvokeFunction",
            "events:PutEvents",
            "s3:PutObject",
            "s3:ListBucket",
        ]
        .iter()
        .map(|a| Permission {
            action: (*a).to_string(),
            resource: "*".into(),
        })
        .filter(|_| f < self.functions.len())
        .collect()
    }

    fn timestamp_seconds(&self) -> String {
        clock::iso8601_seconds(self.epoch_ms + self.now as i64)
    }

    fn client_invoke(
        &mut self,
        origin: ResourceId,
        fid: ResourceId,
        invocation_type: InvocationType,
        payload: &'a Value,
    ) {
        let f = self.topology.get(fid).index;
        // The same text as `payload.to_string()`, written straight into a buffer. The body keeps
        // the buffer's capacity: 32 bytes fit most payloads without growing or wasting much.
        let mut buffer = Vec::with_capacity(32);
        let text = match serde_json::to_writer(&mut buffer, payload) {
            Ok(()) => String::from_utf8(buffer).unwrap_or_default(),
            Err(_) => payload.to_string(),
        };
        let size = text.len();
        let payload_body = self.body(text);
        let call_rule = match invocation_type {
            InvocationType::RequestResponse => RuleId::SyncInvoke,
            InvocationType::Event => RuleId::InvokeAccepted,
            InvocationType::DryRun => RuleId::DryRun,
        };
        let called = self.note(
            origin,
            None,
            None,
            call_rule,
            What::InvokeCalled {
                invocation_type,
                payload: payload_body,
            },
        );
        let request = self.new_request(origin, called);
        self.trace.events[called as usize].request = Some(request);
        match invocation_type {
            InvocationType::DryRun => {
                self.note(
                    fid,
                    Some(called),
                    Some(request),
                    RuleId::DryRun,
                    What::DryRunChecked,
                );
            }
            InvocationType::Event if size > ASYNC_PAYLOAD_LIMIT => {
                let message = format!("{} byte payload is too large for the Event invocation type (limit {ASYNC_PAYLOAD_LIMIT} bytes)", size);
                self.refuse(
                    fid,
                    called,
                    request,
                    413,
                    "RequestEntityTooLargeException",
                    message,
                    RuleId::InvokePayloadTooLarge,
                );
            }
            InvocationType::Event => {
                let p = self.store_payload_ref(payload, Some(TextRef::Body(payload_body)));
                self.enqueue_async(f, p, called, Some(request), 0, RuleId::InvokeAccepted);
            }
            InvocationType::RequestResponse => {
                if size > SYNC_PAYLOAD_LIMIT {
                    let message = format!("{} byte payload is too large for the RequestResponse invocation type (limit {SYNC_PAYLOAD_LIMIT} bytes)", size);
                    return self.refuse(
                        fid,
                        called,
                        request,
                        413,
                        "RequestEntityTooLargeException",
                        message,
                        RuleId::InvokePayloadTooLarge,
                    );
                }
                if self.is_deleted(fid) {
                    let message = format!("Function not found: {}", self.function_arn(f));
                    return self.refuse(
                        fid,
                        called,
                        request,
                        404,
                        "ResourceNotFoundException",
                        message,
                        RuleId::SyncInvoke,
                    );
                }
                let p = self.store_payload_ref(payload, Some(TextRef::Body(payload_body)));
                let outcome = self.decide(f, p, 1);
                if self.is_throttled(f)
                    || matches!(outcome, Decided::Error { error_type, .. } if error_type == self.throttle)
                {
                    return self.refuse(
                        fid,
                        called,
                        request,
                        429,
                        "TooManyRequestsException",
                        "Rate Exceeded.".into(),
                        RuleId::SyncThrottled,
                    );
                }
                self.start_invocation(f, Ctx::Sync, 1, 1, 0, called, request, outcome);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn refuse(
        &mut self,
        fid: ResourceId,
        parent: EventIndex,
        request: RequestIndex,
        status: u16,
        code: &str,
        message: String,
        rule: RuleId,
    ) {
        let code = self.body(code);
        let message = self.body(message);
        self.note(
            fid,
            Some(parent),
            Some(request),
            rule,
            What::InvokeRefused {
                status,
                code,
                message,
            },
        );
    }

    // ----- asynchronous invocation (spec §2) --------------------------------------------------

    fn enqueue_async(
        &mut self,
        f: usize,
        payload: u32,
        parent: EventIndex,
        request: Option<RequestIndex>,
        lineage: u32,
        rule: RuleId,
    ) {
        let fid = self.functions[f].id;
        let accepted = self.note(fid, Some(parent), request, rule, What::AsyncAccepted);
        let request = request.unwrap_or_else(|| self.new_request(fid, accepted));
        self.trace.events[accepted as usize].request = Some(request);
        let id = self.async_events.len() as u32;
        self.async_events.push(AsyncEvent {
            function: f,
            request,
            payload,
            enqueued_at: self.now,
            attempts: 0,
            throttles: 0,
            lineage,
            last: None,
            last_event: accepted,
        });
        self.schedule(self.now, Action::AsyncAttempt(id));
    }

    fn max_event_age_ms(&self, f: usize) -> Millis {
        let seconds = self.scenario.functions[f]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_event_age_in_seconds)
            .unwrap_or(21_600);
        seconds.clamp(60, 21_600) as Millis * SECOND
    }

    fn max_retries(&self, f: usize) -> u32 {
        self.scenario.functions[f]
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.maximum_retry_attempts)
            .unwrap_or(2)
            .clamp(0, 2) as u32
    }

    fn is_throttled(&self, f: usize) -> bool {
        let state = &self.functions[f];
        state
            .reserved
            .is_some_and(|r| i64::from(state.in_flight) >= r)
    }

    fn async_attempt(&mut self, id: u32) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let parent = Some(ev.last_event);
        let request = Some(ev.request);
        let age = self.now - ev.enqueued_at;
        let limit = self.max_event_age_ms(f);
        if self.is_deleted(fid) {
            self.note(
                fid,
                parent,
                request,
                RuleId::AsyncDropped,
                What::AsyncDropped,
            );
            return;
        }
        if age >= limit {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::EventAgeExceeded,
                What::EventAgeExceeded {
                    age_ms: age,
                    limit_ms: limit,
                    lookahead: false,
                },
            );
            return self.async_failed(id, Condition::EventAgeExceeded, e);
        }
        if self.functions[f].reserved == Some(0) {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::ZeroReservedConcurrency,
                What::ZeroReservedConcurrency,
            );
            return self.async_failed(id, Condition::ZeroReservedConcurrency, e);
        }
        let depth = ev.lineage + 1;
        if depth > assume::RECURSION_LIMIT
            && self.scenario.functions[f].recursive_loop == RecursiveLoop::Terminate
        {
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::RecursionStopped,
                What::RecursionStopped { depth },
            );
            if depth > assume::RECURSION_LIMIT + 1 {
                // The event is the record of an event Lambda already stopped, sent back to the
                // function by its own destination: the new loop is stopped too (spec §7), and the
                // event is dropped instead of going round again.
                self.note(
                    fid,
                    Some(e),
                    request,
                    RuleId::AsyncDropped,
                    What::AsyncDropped,
                );
                return;
            }
            return self.async_failed(id, Condition::RecursiveInvocation, e);
        }
        let attempt = ev.attempts + 1;
        // The script counts every try, throttled ones too, so `[throttle, error]` means "the
        // first try is throttled, the next one fails".
        let decided = self.decide(f, ev.payload, ev.attempts + ev.throttles + 1);
        let throttled = self.is_throttled(f)
            || matches!(decided, Decided::Error { error_type, .. } if error_type == self.throttle);
        if throttled {
            let throttles = ev.throttles + 1;
            let delay = assume::async_throttle_backoff(throttles - 1);
            self.async_events[id as usize].throttles = throttles;
            if age + delay >= limit {
                let e = self.note(
                    fid,
                    parent,
                    request,
                    RuleId::EventAgeExceeded,
                    What::EventAgeExceeded {
                        age_ms: age,
                        limit_ms: limit,
                        lookahead: true,
                    },
                );
                return self.async_failed(id, Condition::EventAgeExceeded, e);
            }
            let e = self.note(
                fid,
                parent,
                request,
                RuleId::Throttled,
                What::Throttled { retry_in_ms: delay },
            );
            self.async_events[id as usize].last_event = e;
            self.schedule(self.now + delay, Action::AsyncAttempt(id));
            return;
        }
        self.async_events[id as usize].attempts = attempt;
        let max_attempts = self.max_retries(f) + 1;
        let started = self.start_invocation(
            f,
            Ctx::Async(id),
            attempt,
            max_attempts,
            age,
            ev.last_event,
            ev.request,
            decided,
        );
        self.async_events[id as usize].last_event = started;
    }

    fn async_succeeded(&mut self, id: u32, done: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let mut parent = done;
        if let Some(target) = self.functions[f].on_success {
            let text = self.async_record(id, Condition::Success);
            parent = self.note(
                fid,
                Some(done),
                Some(ev.request),
                RuleId::DestinationChosen,
                What::DestinationChosen {
                    target,
                    via: Via::OnSuccess,
                    condition: Condition::Success,
                },
            );
            self.deliver_record(
                f,
                target,
                Via::OnSuccess,
                Condition::Success,
                text,
                parent,
                ev.request,
                ev.lineage + 1,
            );
        }
        self.note(
            fid,
            Some(parent),
            Some(ev.request),
            RuleId::AttemptSucceeded,
            What::AsyncCompleted,
        );
    }

    fn async_failed(&mut self, id: u32, condition: Condition, cause: EventIndex) {
        let ev = self.async_events[id as usize].clone();
        let f = ev.function;
        let fid = self.functions[f].id;
        let on_failure = self.functions[f].on_failure;
        let dlq = self.functions[f].dead_letter;
        let lineage = ev.lineage + 1;
        if let Some(target) = on_failure {
            let text = self.async_record(id, condition);
            let chosen = self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::DestinationChosen,
                What::DestinationChosen {
                    target,
                    via: Via::OnFailure,
                    condition,
                },
            );
            self.deliver_record(
                f,
                target,
                Via::OnFailure,
                condition,
                text,
                chosen,
                ev.request,
                lineage,
            );
        }
        if let Some(target) = dlq {
            let chosen = self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::DeadLetterQueue,
                What::DestinationChosen {
                    target,
                    via: Via::DeadLetterQueue,
                    condition,
                },
            );
            let body = self.payloads[ev.payload as usize].to_string();
            let error = match ev.last {
                Some(response @ (Response::Error { .. } | Response::Timeout { .. })) => self
                    .trace
                    .response_payload(response, ev.request)
                    .error_message()
                    .unwrap_or_default(),
                _ => condition.as_str().to_string(),
            };
            let request_id = self.trace.requests[ev.request as usize].id.clone();
            let attributes = record::dlq_attributes(&request_id, &error);
            self.deliver(
                Some(f),
                target,
                Via::DeadLetterQueue,
                body,
                Some(attributes),
                Some(chosen),
                Some(ev.request),
                lineage,
                None,
            );
        }
        if on_failure.is_none() && dlq.is_none() {
            self.note(
                fid,
                Some(cause),
                Some(ev.request),
                RuleId::AsyncDropped,
                What::NoDestination {
                    reason: NoDestinationReason::NotConfigured,
                },
            );
        }
        self.note(
            fid,
            Some(cause),
            Some(ev.request),
            RuleId::AsyncDropped,
            What::AsyncDropped,
        );
    }

    /// The facts of the record of async event `id`; its JSON is written when someone reads it.
    fn async_record(&mut self, id: u32, condition: Condition) -> AsyncRecordFacts {
        let ev = self.async_events[id as usize].clone();
        let approximate_invoke_count = match condition {
            Condition::ZeroReservedConcurrency => 0,
            _ if ev.attempts == 0 => assume::EXPIRED_UNINVOKED_COUNT,
            _ => ev.attempts,
        };
        let response = match condition {
            Condition::ZeroReservedConcurrency => None,
            _ => ev.last,
        };
        AsyncRecordFacts {
            epoch_ms: self.epoch_ms + self.now as i64,
            request: ev.request,
            function_arn: self.qualified_arn_part(ev.function),
            condition,
            approximate_invoke_count,
            request_payload: self.payload_text(ev.payload),
            response,
        }
    }

    // ----- running a function -----------------------------------------------------------------

    fn decide(&mut self, f: usize, payload: u32, attempt: u32) -> Decided {
        if let Some(outcome) = self.functions[f].fail_next.pop_front() {
            return self.outcome_to_decided(&outcome);
        }
        let scenario = self.scenario;
        let behavior = &scenario.functions[f].behavior;
        if let Some(outcome) = behavior.attempts.get(attempt as usize - 1) {
            return self.outcome_to_decided(outcome);
        }
        let payload_value = &self.payloads[payload as usize];
        // A rule matches the payload itself or, for a batch from a mapping, the data of any of
        // its records (as `when` is documented).
        let records = if behavior.when.is_empty() {
            Vec::new()
        } else {
            batch_records(payload_value)
        };
        if let Some(rule) = behavior.when.iter().find(|r| {
            field(payload_value, &r.field) == Some(&r.equals)
                || records
                    .iter()
                    .any(|(data, _)| field(data, &r.field) == Some(&r.equals))
        }) {
            return self.outcome_to_decided(&rule.outcome);
        }
        if behavior.error_rate > 0.0 && self.rng.next_f64() < behavior.error_rate {
            let (error_type, error_message) = self.error_rate_error;
            return Decided::Error {
                error_type,
                error_message,
            };
        }
        self.outcome_to_decided(&behavior.outcome)
    }

    fn outcome_to_decided(&mut self, outcome: &Outcome) -> Decided {
        match outcome {
            Outcome::Ok => Decided::Ok,
            Outcome::Error {
                error_type,
                error_message,
            } => self.error(error_type, error_message),
            Outcome::Timeout => Decided::Timeout,
            Outcome::Throttle => self.error(THROTTLE, ""),
        }
    }

    fn error(&mut self, error_type: &str, error_message: &str) -> Decided {
        Decided::Error {
            error_type: self.intern(error_type),
            error_message: self.intern(error_message),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn start_invocation(
        &mut self,
        f: usize,
        ctx: Ctx,
        attempt: u32,
        max_attempts: u32,
        age_ms: Millis,
        parent: EventIndex,
        request: RequestIndex,
        decided: Decided,
    ) -> EventIndex {
        let fid = self.functions[f].id;
        let timeout = self.functions[f].timeout_ms;
        let duration = self.behavior(f).duration_ms;
        let (decided, duration) = match decided {
            Decided::Timeout => (Decided::Timeout, timeout),
            _ if duration > timeout => (Decided::Timeout, timeout),
            other => (other, duration),
        };
        self.functions[f].in_flight += 1;
        let rule = match ctx {
            Ctx::Async(_) => RuleId::AttemptStarted,
            Ctx::Sync => RuleId::SyncInvoke,
            Ctx::Batch(_) => RuleId::BatchInvoked,
        };
        let started = self.note(
            fid,
            Some(parent),
            Some(request),
            rule,
            What::AttemptStarted {
                attempt,
                max_attempts,
                age_ms,
            },
        );
        let id = self.invocations.len() as u32;
        self.invocations.push(Invocation {
            function: f,
            ctx,
            attempt,
            decided,
            duration,
            started,
            request,
        });
        self.schedule(self.now + duration, Action::InvocationDone(id));
        started
    }

    fn invocation_done(&mut self, id: u32) {
        // Each invocation finishes once: take it out of the slab instead of copying it.
        let placeholder = Invocation {
            function: 0,
            ctx: Ctx::Sync,
            attempt: 0,
            decided: Decided::Timeout,
            duration: 0,
            started: 0,
            request: 0,
        };
        let inv = std::mem::replace(&mut self.invocations[id as usize], placeholder);
        let f = inv.function;
        let fid = self.functions[f].id;
        self.functions[f].in_flight = self.functions[f].in_flight.saturating_sub(1);
        // The response is kept for async records and sync callers; a batch's is not needed.
        let keep_response = !matches!(inv.ctx, Ctx::Batch(_));
        let (failed, response, done) = match &inv.decided {
            Decided::Ok => {
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptSucceeded,
                    What::AttemptSucceeded {
                        attempt: inv.attempt,
                        duration_ms: inv.duration,
                    },
                );
                let response = keep_response.then(|| Response::Ok(self.ok_response_part(f)));
                (false, response, e)
            }
            Decided::Partial(ids) => {
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptSucceeded,
                    What::AttemptSucceeded {
                        attempt: inv.attempt,
                        duration_ms: inv.duration,
                    },
                );
                let response = keep_response.then(|| {
                    let failures: Vec<Value> =
                        ids.iter().map(|i| json!({ "itemIdentifier": i })).collect();
                    let json = json!({ "batchItemFailures": failures }).to_string();
                    Response::Ok(TextRef::Part(self.trace.add_part(json)))
                });
                (false, response, e)
            }
            &Decided::Error {
                error_type,
                error_message,
            } => {
                let (error_type_text, message) =
                    (self.trace.part(error_type), self.trace.part(error_message));
                let mut text = String::with_capacity(error_type_text.len() + 2 + message.len());
                text.push_str(error_type_text);
                text.push_str(": ");
                text.push_str(message);
                let error = self.body(text);
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptFailed,
                    What::AttemptFailed {
                        attempt: inv.attempt,
                        error,
                        timed_out: false,
                    },
                );
                let response = Response::Error {
                    error_type,
                    error_message,
                };
                (true, Some(response), e)
            }
            Decided::Timeout => {
                let timeout_ms = self.functions[f].timeout_ms;
                let message = record::ResponsePayload::timeout_message(
                    &self.trace.requests[inv.request as usize].id,
                    timeout_ms,
                );
                let error = self.body(format!("Sandbox.Timedout: {message}"));
                let e = self.note(
                    fid,
                    Some(inv.started),
                    Some(inv.request),
                    RuleId::AttemptTimedOut,
                    What::AttemptFailed {
                        attempt: inv.attempt,
                        error,
                        timed_out: true,
                    },
                );
                (true, Some(Response::Timeout { timeout_ms }), e)
            }
        };
        match inv.ctx {
            Ctx::Async(aid) => {
                let ev = &mut self.async_events[aid as usize];
                ev.last = response;
                ev.last_event = done;
                if !failed {
                    return self.async_succeeded(aid, done);
                }
                let attempts = ev.attempts;
                let enqueued_at = ev.enqueued_at;
                let request = ev.request;
                if attempts <= self.max_retries(f) {
                    let delay = assume::ASYNC_RETRY_DELAYS[(attempts as usize - 1).min(1)];
                    let limit = self.max_event_age_ms(f);
                    let age = self.now - enqueued_at;
                    if age + delay >= limit {
                        let e = self.note(
                            fid,
                            Some(done),
                            Some(request),
                            RuleId::EventAgeExceeded,
                            What::EventAgeExceeded {
                                age_ms: age,
                                limit_ms: limit,
                                lookahead: true,
                            },
                        );
                        return self.async_failed(aid, Condition::EventAgeExceeded, e);
                    }
                    let e = self.note(
                        fid,
                        Some(done),
                        Some(request),
                        RuleId::RetryScheduled,
                        What::RetryScheduled {
                            next_attempt: attempts + 1,
                            delay_ms: delay,
                        },
                    );
                    self.async_events[aid as usize].last_event = e;
                    self.schedule(self.now + delay, Action::AsyncAttempt(aid));
                } else {
                    let e = self.note(
                        fid,
                        Some(done),
                        Some(request),
                        RuleId::RetriesExhausted,
                        What::RetriesExhausted { attempts },
                    );
                    self.async_failed(aid, Condition::RetriesExhausted, e);
                }
            }
            Ctx::Sync => {
                let json = response
                    .map(|r| self.trace.response_payload(r, inv.request).to_json())
                    .unwrap_or_default();
                let payload = self.body(json);
                let e = self.note(
                    fid,
                    Some(done),
                    Some(inv.request),
                    RuleId::SyncInvoke,
                    What::SyncResponse {
                        status: 200,
                        function_error: failed,
                        payload,
                    },
                );
                if self.has_async_handling(f) {
                    self.note(
                        fid,
                        Some(e),
                        Some(inv.request),
                        RuleId::SyncNoDestination,
                        What::NoDestination {
                            reason: NoDestinationReason::Synchronous,
                        },
                    );
                }
            }
            Ctx::Batch(b) => self.batch_done(b, &inv, failed, done),
        }
    }

    fn has_async_handling(&self, f: usize) -> bool {
        let function = &self.scenario.functions[f];
        function.dead_letter_config.is_some()
            || function
                .event_invoke_config
                .as_ref()
                .and_then(|c| c.destination_config.as_ref())
                .is_some_and(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some())
    }

    // ----- delivery (spec §4.6, §8) ------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn deliver_record(
        &mut self,
        f: usize,
        target: ResourceId,
        via: Via,
        condition: Condition,
        record: AsyncRecordFacts,
        parent: EventIndex,
        request: RequestIndex,
        lineage: u32,
    ) {
        let kind = self.topology.get(target).kind;
        let (body, attributes) = match kind {
            Kind::EventBus => {
                let mut text = String::with_capacity(512);
                self.trace.write_record(&record, &mut text);
                let detail: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let bus_arn = self.topology.get(target).arn.clone();
                let fn_arn = format!("{}:$LATEST", self.function_arn(f));
                let id = self.rng.uuid();
                let event = record::eventbridge_event(
                    &id,
                    record::destination_detail_type(condition),
                    assume::EVENTBRIDGE_SOURCE,
                    &self.scenario.account,
                    &self.timestamp_seconds(),
                    &self.scenario.region,
                    &[&bus_arn, &fn_arn],
                    &detail,
                );
                (Outgoing::Text(event.to_string()), None)
            }
            Kind::Bucket => {
                let (day, time) = clock::s3_key_parts(self.epoch_ms + self.now as i64);
                let name = self.topology.name(self.functions[f].id).to_string();
                let key = format!("aws/lambda/async/{name}/{day}/{time}-{}", self.rng.uuid());
                let bucket = self.topology.name(target).to_string();
                (
                    Outgoing::Record(record),
                    Some(json!({ "Bucket": bucket, "Key": key }).to_string()),
                )
            }
            _ => (Outgoing::Record(record), None),
        };
        self.deliver(
            Some(f),
            target,
            via,
            body,
            attributes,
            Some(parent),
            Some(request),
            lineage,
            None,
        );
    }

    /// Why a delivery from function `f` to `target` fails right now, if it does.
    fn delivery_failure(
        &self,
        f: Option<usize>,
        target: ResourceId,
        via: Via,
        body: &Outgoing,
    ) -> Option<DeliveryFailure> {
        if self.is_deleted(target) {
            return Some(DeliveryFailure::TargetDeleted);
        }
        let checked = matches!(
            via,
            Via::OnSuccess | Via::OnFailure | Via::DeadLetterQueue | Via::MappingOnFailure
        );
        if !checked {
            return None;
        }
        let kind = self.topology.get(target).kind;
        let arn = &self.topology.get(target).arn;
        if let (Some(f), Some((action, _))) = (f, validate::required_action(kind)) {
            if !validate::role_allows(self.functions[f].permissions.as_deref(), action, arn) {
                return Some(DeliveryFailure::PermissionDenied);
            }
        }
        if self.fifo.get(target as usize).copied().unwrap_or(false) {
            return Some(DeliveryFailure::FifoTarget);
        }
        let limit = if kind == Kind::Topic {
            SNS_MESSAGE_LIMIT
        } else {
            ASYNC_PAYLOAD_LIMIT
        };
        (kind != Kind::Bucket && self.longer_than(body, limit)).then_some(DeliveryFailure::TooLarge)
    }

    /// True when a body about to be delivered is longer than `limit` bytes; a record is
    /// measured, not written, and only when a quick bound says it might be.
    fn longer_than(&self, body: &Outgoing, limit: usize) -> bool {
        match body {
            Outgoing::Text(text) => text.len() > limit,
            Outgoing::Record(record) => {
                if self.trace.record_len_bound(record) <= limit {
                    return false;
                }
                let mut len = JsonLen::default();
                self.trace.write_record(record, &mut len);
                len.0 > limit
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &mut self,
        from: Option<usize>,
        target: ResourceId,
        via: Via,
        body: impl Into<Outgoing>,
        attributes: Option<String>,
        parent: Option<EventIndex>,
        request: Option<RequestIndex>,
        lineage: u32,
        group: Option<String>,
    ) {
        let body = body.into();
        if let Some(reason) = self.delivery_failure(from, target, via, &body) {
            let resource = from.map(|f| self.functions[f].id).unwrap_or(target);
            self.note(
                resource,
                parent,
                request,
                RuleId::DeliveryFailed,
                What::DeliveryFailed {
                    target,
                    via,
                    reason,
                },
            );
            return;
        }
        let body_id = match body {
            Outgoing::Text(text) => self.body(text),
            Outgoing::Record(record) => self.trace.add_record(record),
        };
        let attributes_id = attributes.map(|a| self.body(a));
        let delivered = self.note(
            target,
            parent,
            request,
            RuleId::Delivered,
            What::Delivered {
                target,
                via,
                body: body_id,
                attributes: attributes_id,
            },
        );
        let request = match request {
            Some(r) => r,
            None => {
                let r = self.new_request(target, delivered);
                self.trace.events[delivered as usize].request = Some(r);
                r
            }
        };
        match self.topology.get(target).kind {
            Kind::Queue => {
                self.enqueue_message(target, body_id, group, lineage, request, delivered)
            }
            Kind::Topic => {
                self.fan_out(target, body_id, attributes_id, delivered, request, lineage)
            }
            Kind::Function => {
                let payload = serde_json::from_str(self.trace.body(body_id)).unwrap_or(Value::Null);
                let p = self.store_payload(payload);
                let f = self.topology.get(target).index;
                let rule = match via {
                    Via::Subscription => RuleId::SnsFanout,
                    Via::RuleTarget => RuleId::EventBridgeRule,
                    _ => RuleId::InvokeAccepted,
                };
                self.enqueue_async(f, p, delivered, None, lineage, rule);
            }
            Kind::EventBus => self.route_bus_event(target, body_id, delivered, request),
            Kind::Bucket => self.notify_bucket(target, attributes_id, delivered, lineage),
            Kind::KafkaTopic => {
                // Produced as a Kafka record: keyed by the `Key` attribute (round-robin without
                // one), its value the body's JSON.
                let key = attributes_id
                    .and_then(|a| serde_json::from_str::<Value>(self.trace.body(a)).ok())
                    .and_then(|a| a.get("Key").and_then(Value::as_str).map(str::to_string))
                    .unwrap_or_default();
                let text = self.trace.body(body_id);
                let value = serde_json::from_str(text).unwrap_or_else(|_| Value::from(text));
                self.put_stream_record(target, key, value, Some(delivered), lineage);
            }
            _ => {}
        }
    }

    fn fan_out(
        &mut self,
        topic: ResourceId,
        body: BodyId,
        attributes: Option<BodyId>,
        parent: EventIndex,
        request: RequestIndex,
        lineage: u32,
    ) {
        let t = self.topology.get(topic).index;
        let scenario = self.scenario;
        let subscriptions = &scenario.topics[t].subscriptions;
        if subscriptions.is_empty() {
            // SNS gives the message its id even when no one is subscribed; nothing reads the
            // body, so a record stays unwritten.
            self.rng.skip_uuid();
            return;
        }
        let topic_arn = self.topology.get(topic).arn.clone();
        let message = self.trace.body(body).to_string();
        let subject = attributes
            .and_then(|a| serde_json::from_str::<Value>(self.trace.body(a)).ok())
            .and_then(|v| v.get("Subject").and_then(Value::as_str).map(str::to_string));
        let message_id = self.rng.uuid();
        let timestamp = self.timestamp();
        for (i, sub) in subscriptions.iter().enumerate() {
            match sub.protocol.as_str() {
                "sqs" => {
                    let Some(q) = self.topology.find(Kind::Queue, &sub.endpoint) else {
                        continue;
                    };
                    let text = if sub.raw_message_delivery {
                        message.clone()
                    } else {
                        record::sns_envelope(
                            &message_id,
                            &topic_arn,
                            subject.as_deref(),
                            &message,
                            &timestamp,
                        )
                    };
                    self.deliver(
                        None,
                        q,
                        Via::Subscription,
                        text,
                        None,
                        Some(parent),
                        Some(request),
                        lineage,
                        None,
                    );
                }
                "lambda" => {
                    let Some(fid) = self.topology.find(Kind::Function, &sub.endpoint) else {
                        continue;
                    };
                    let subscription_arn = format!(
                        "{topic_arn}:{:08x}",
                        stable_hash(&format!("{topic_arn}{i}")) as u32
                    );
                    let event = record::sns_lambda_event(
                        &subscription_arn,
                        &message_id,
                        &topic_arn,
                        subject.as_deref(),
                        &message,
                        &timestamp,
                    );
                    self.deliver(
                        None,
                        fid,
                        Via::Subscription,
                        event.to_string(),
                        None,
                        Some(parent),
                        None,
                        lineage,
                        None,
                    );
                }
                _ => {
                    let endpoint = self.body(sub.endpoint.clone());
                    self.note(
                        topic,
                        Some(parent),
                        Some(request),
                        RuleId::SnsFanout,
                        What::EmailSent { endpoint, body },
                    );
                }
            }
        }
    }

    fn route_bus_event(
        &mut self,
        bus: ResourceId,
        body: BodyId,
        parent: EventIndex,
        request: RequestIndex,
    ) {
        let b = self.topology.get(bus).index;
        let event: Value = serde_json::from_str(self.trace.body(body)).unwrap_or(Value::Null);
        let scenario = self.scenario;
        let rules = &scenario.event_buses[b].rules;
        let mut matched = 0;
        for rule in rules
            .iter()
            .filter(|r| crate::pattern::matches(&r.event_pattern, &event))
        {
            matched += 1;
            for target in &rule.targets {
                let Some(tid) = self.topology.by_arn(target) else {
                    continue;
                };
                // EventBridge is not covered by loop detection (spec §7): lineage starts again.
                self.deliver(
                    None,
                    tid,
                    Via::RuleTarget,
                    event.to_string(),
                    None,
                    Some(parent),
                    None,
                    0,
                    None,
                );
            }
        }
        self.note(
            bus,
            Some(parent),
            Some(request),
            RuleId::EventBridgeRule,
            What::BusEventPut {
                event: body,
                matched,
            },
        );
    }

    fn notify_bucket(
        &mut self,
        bucket: ResourceId,
        attributes: Option<BodyId>,
        parent: EventIndex,
        lineage: u32,
    ) {
        let b = self.topology.get(bucket).index;
        let info: Value = attributes
            .and_then(|a| serde_json::from_str(self.trace.body(a)).ok())
            .unwrap_or(Value::Null);
        let key = info
            .get("Key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let size = info
            .get("Size")
            .and_then(Value::as_u64)
            .unwrap_or(self.trace.body(parent_body(&self.trace, parent)).len() as u64);
        let scenario = self.scenario;
        let notifications = &scenario.buckets[b].lambda_function_configurations;
        let name = self.topology.name(bucket).to_string();
        for n in notifications
            .iter()
            .filter(|n| key.starts_with(&n.prefix) && key.ends_with(&n.suffix))
        {
            let Some(fid) = self.topology.find(Kind::Function, &n.lambda_function_arn) else {
                continue;
            };
            self.stream_counter += 1;
            let event = record::s3_event(
                &self.scenario.region,
                &self.timestamp(),
                &name,
                &key,
                size,
                self.stream_counter,
            );
            let p = self.store_payload(event);
            let f = self.topology.get(fid).index;
            self.enqueue_async(f, p, parent, None, lineage, RuleId::S3Notification);
        }
    }

    // ----- SQS (spec §5.5) -----------------------------------------------------------------------

    fn enqueue_message(
        &mut self,
        queue: ResourceId,
        body: BodyId,
        group: Option<String>,
        lineage: u32,
        request: RequestIndex,
        parent: EventIndex,
    ) {
        let Some(q) = self.queue_index(queue) else {
            return;
        };
        let uuid = self.rng.uuid();
        let message_id = self.body(uuid);
        self.note(
            queue,
            Some(parent),
            Some(request),
            RuleId::MessageSent,
            What::MessageSent { message_id, body },
        );
        self.queues[q].messages.push(Message {
            id: message_id,
            body,
            sent_at: self.now,
            enqueued_at: self.now,
            receive_count: 0,
            visible_at: self.now,
            group,
            lineage,
            gone: false,
            request: Some(request),
        });
        let retention = self.retention_ms(q);
        self.schedule(self.now + retention, Action::SqsExpire(q as u32));
        for i in 0..self.queues[q].mappings.len() {
            let m = self.queues[q].mappings[i];
            self.schedule_sqs_poll(m, self.now);
        }
    }

    fn retention_is_default(&self, q: usize) -> bool {
        let queue = self.topology.get(self.queues[q].id).index;
        self.scenario.queues[queue].message_retention_period
            == crate::scenario::DEFAULT_MESSAGE_RETENTION
    }

    /// The queue's `MessageRetentionPeriod`.
    fn retention_ms(&self, q: usize) -> Millis {
        let queue = self.topology.get(self.queues[q].id).index;
        self.scenario.queues[queue]
            .message_retention_period
            .clamp(60, 1_209_600) as Millis
            * SECOND
    }

    /// SQS deletes every message older than the queue's retention period, processed or not. A
    /// message being processed (in flight) is left to the function; if it comes back, it expires
    /// when its visibility timeout ends (see `assumptions`).
    fn sqs_expire(&mut self, q: usize) {
        let now = self.now;
        let retention = self.retention_ms(q);
        let mut expired = Vec::new();
        let mut request = None;
        for msg in &mut self.queues[q].messages {
            let in_flight = msg.receive_count > 0 && msg.visible_at > now;
            if !msg.gone && !in_flight && msg.enqueued_at + retention <= now {
                msg.gone = true;
                request = request.or(msg.request);
                expired.push(self.trace.body(msg.id).to_string());
            }
        }
        if expired.is_empty() {
            return;
        }
        let count = expired.len() as u32;
        let message_ids = self.body(Value::from(expired).to_string());
        let queue = self.queues[q].id;
        self.note(
            queue,
            None,
            request,
            RuleId::MessageExpired,
            What::MessagesExpired {
                message_ids,
                count,
                retention_ms: retention,
            },
        );
    }

    fn schedule_sqs_poll(&mut self, m: u32, at: Millis) {
        if !self.mappings[m as usize].poll_scheduled {
            self.mappings[m as usize].poll_scheduled = true;
            self.schedule(at, Action::SqsPoll(m));
        }
    }

    fn sqs_poll(&mut self, m: u32) {
        self.mappings[m as usize].poll_scheduled = false;
        let mapping = self.mappings[m as usize].clone();
        let (Some(f), Some(source)) = (mapping.function, mapping.source) else {
            return;
        };
        let Some(q) = self.queue_index(source) else {
            return;
        };
        if !mapping.enabled || self.is_deleted(source) {
            return;
        }
        self.sqs_expire(q);
        let reserved = self.functions[f]
            .reserved
            .map(|r| r.max(0) as u32)
            .unwrap_or(assume::SQS_MAPPING_CONCURRENCY);
        let limit = reserved.min(assume::SQS_MAPPING_CONCURRENCY);
        if mapping.in_flight >= limit.max(1) {
            return;
        }
        let fifo = validate::is_fifo(
            self.scenario,
            &self.topology,
            &self.topology.get(source).arn,
        );
        let queue_def = &self.scenario.queues[self.topology.get(source).index];
        let visibility = queue_def.visibility_timeout.clamp(0, 43_200) as Millis * SECOND;
        let redrive = queue_def.redrive_policy.clone();
        let now = self.now;
        let mut blocked_groups: HashSet<String> = HashSet::new();
        let mut picked = Vec::new();
        for (i, msg) in self.queues[q].messages.iter().enumerate() {
            if msg.gone {
                continue;
            }
            let group = msg.group.clone().unwrap_or_default();
            if fifo && blocked_groups.contains(&group) {
                continue;
            }
            if msg.visible_at > now {
                if fifo {
                    blocked_groups.insert(group);
                }
                continue;
            }
            if picked.len() < mapping.batch_size {
                picked.push(i);
            }
        }
        if picked.is_empty() {
            return;
        }
        let oldest = picked
            .iter()
            .map(|&i| self.queues[q].messages[i].sent_at)
            .min()
            .unwrap_or(now);
        if picked.len() < mapping.batch_size && now < oldest + mapping.window_ms {
            self.schedule_sqs_poll(m, oldest + mapping.window_ms);
            return;
        }
        let mut batch = Vec::new();
        for i in picked {
            let msg = self.queues[q].messages[i].clone();
            if let Some(policy) = redrive
                .as_ref()
                .filter(|p| i64::from(msg.receive_count) >= p.max_receive_count)
            {
                if let Some(dlq) = self
                    .topology
                    .find(Kind::Queue, &policy.dead_letter_target_arn)
                {
                    self.queues[q].messages[i].gone = true;
                    let message_id = self.body(self.trace.body(msg.id).to_string());
                    let e = self.note(
                        source,
                        None,
                        msg.request,
                        RuleId::MessageRedriven,
                        What::MessageRedriven {
                            target: dlq,
                            message_id,
                            receive_count: msg.receive_count,
                            max_receive_count: policy.max_receive_count as u32,
                        },
                    );
                    let body = self.trace.body(msg.body).to_string();
                    let dlq_index = self.queue_index(dlq);
                    let before = dlq_index.map_or(0, |d| self.queues[d].messages.len());
                    self.deliver(
                        None,
                        dlq,
                        Via::Redrive,
                        body,
                        None,
                        Some(e),
                        msg.request,
                        msg.lineage,
                        msg.group.clone(),
                    );
                    // A standard queue's message keeps its original enqueue time in the
                    // dead-letter queue, so it expires sooner there; a FIFO queue's starts
                    // again (SQS developer guide, dead-letter queue retention).
                    if let Some(d) = dlq_index.filter(|_| !fifo) {
                        if self.queues[d].messages.len() > before {
                            if let Some(moved) = self.queues[d].messages.last_mut() {
                                moved.enqueued_at = msg.enqueued_at;
                            }
                            let retention = self.retention_ms(d);
                            self.schedule(
                                (msg.enqueued_at + retention).max(self.now),
                                Action::SqsExpire(d as u32),
                            );
                        }
                    }
                    continue;
                }
            }
            let entry = &mut self.queues[q].messages[i];
            entry.receive_count += 1;
            entry.visible_at = now + visibility;
            batch.push(i);
        }
        if batch.is_empty() {
            self.schedule_sqs_poll(m, now);
            return;
        }
        let messages: Vec<Message> = batch
            .iter()
            .map(|&i| self.queues[q].messages[i].clone())
            .collect();
        let ids = Value::from(
            messages
                .iter()
                .map(|m| self.trace.body(m.id))
                .collect::<Vec<_>>(),
        )
        .to_string();
        let message_ids = self.body(ids);
        let receive_count = messages.iter().map(|m| m.receive_count).max().unwrap_or(1);
        let parent = messages
            .first()
            .and_then(|msg| msg.request)
            .map(|r| self.trace.requests[r as usize].started_by);
        let request = messages.first().and_then(|msg| msg.request);
        let received = self.note(
            source,
            parent,
            request,
            RuleId::MessageReceived,
            What::MessagesReceived {
                mapping: mapping.id,
                message_ids,
                count: messages.len() as u32,
                receive_count,
                visibility_ms: visibility,
            },
        );
        self.schedule(now + visibility, Action::SqsVisible(q as u32));
        let event = self.sqs_event(source, &messages);
        let p = self.store_payload(event);
        let lineage = messages.iter().map(|m| m.lineage).max().unwrap_or(0);
        let request = request.unwrap_or_else(|| self.new_request(source, received));
        let b = self.batches.len() as u32;
        self.batches.push(BatchKind::Sqs {
            mapping: m,
            queue: q,
            messages: batch,
        });
        self.mappings[m as usize].in_flight += 1;
        self.invoke_batch(
            f,
            b,
            (receive_count, receive_count),
            0,
            received,
            request,
            lineage + 1,
            p,
        );
        self.schedule_sqs_poll(m, now);
    }

    #[allow(clippy::too_many_arguments)]
    fn invoke_batch(
        &mut self,
        f: usize,
        b: u32,
        (attempt, try_index): (u32, u32),
        max_attempts: u32,
        parent: EventIndex,
        request: RequestIndex,
        depth: u32,
        payload: u32,
    ) {
        let fid = self.functions[f].id;
        if depth > assume::RECURSION_LIMIT
            && self.scenario.functions[f].recursive_loop == RecursiveLoop::Terminate
        {
            let e = self.note(
                fid,
                Some(parent),
                Some(request),
                RuleId::RecursionStopped,
                What::RecursionStopped { depth },
            );
            let inv = Invocation {
                function: f,
                ctx: Ctx::Batch(b),
                attempt,
                decided: self.error(
                    "RecursiveInvocationException",
                    "Recursive invocation stopped",
                ),
                duration: 0,
                started: e,
                request,
            };
            self.functions[f].in_flight += 1;
            self.invocations.push(inv);
            let id = (self.invocations.len() - 1) as u32;
            self.schedule(self.now, Action::InvocationDone(id));
            return;
        }
        let mut decided = self.decide(f, payload, try_index);
        if self.is_throttled(f)
            || self.is_deleted(fid)
            || matches!(decided, Decided::Error { error_type, .. } if error_type == self.throttle)
        {
            self.batch_throttled(b, parent, request);
            return;
        }
        let tumbling = match &self.batches[b as usize] {
            BatchKind::Stream { mapping, .. } => {
                self.mappings[*mapping as usize].tumbling_ms.is_some()
            }
            BatchKind::Sqs { .. } => false,
        };
        if tumbling
            && matches!(decided, Decided::Ok)
            && self.behavior(f).response.get("state").is_none()
        {
            decided = self.error(
                "Error",
                "The response has no state property, so this tumbling window invocation counts as failed",
            );
        }
        if let Decided::Ok = decided {
            let (reports, fifo_messages) = match &self.batches[b as usize] {
                BatchKind::Stream { mapping, .. } => {
                    (self.mappings[*mapping as usize].report_items, None)
                }
                BatchKind::Sqs {
                    mapping,
                    queue,
                    messages,
                } => (
                    self.mappings[*mapping as usize].report_items,
                    self.fifo
                        .get(self.queues[*queue].id as usize)
                        .copied()
                        .unwrap_or(false)
                        .then(|| (*queue, messages.clone())),
                ),
            };
            let mut failed = self.failed_records(f, payload);
            if let Some((q, messages)) = fifo_messages.filter(|_| reports && !failed.is_empty()) {
                // On a FIFO queue the code keeps each message group in order, as the Lambda
                // guide asks: at a group's first failed message it stops that group and reports
                // the message with every later one of its group (see `assumptions`).
                let mut stopped: HashSet<Option<String>> = HashSet::new();
                let mut reported = Vec::new();
                for i in messages {
                    let msg = &self.queues[q].messages[i];
                    let id = self.trace.body(msg.id);
                    if stopped.contains(&msg.group) || failed.iter().any(|f| f == id) {
                        stopped.insert(msg.group.clone());
                        reported.push(id.to_string());
                    }
                }
                failed = reported;
            }
            if !failed.is_empty() {
                decided = if reports {
                    Decided::Partial(failed)
                } else {
                    self.error("Error", &format!("Failed to process record {}", failed[0]))
                };
            } else if reports {
                // What the code returns: `{"batchItemFailures": [...]}` in its response.
                if let Some(reported) = self.reported_item_failures(f) {
                    decided = Decided::Partial(reported);
                }
            }
        }
        self.start_invocation(
            f,
            Ctx::Batch(b),
            attempt,
            max_attempts,
            0,
            parent,
            request,
            decided,
        );
    }

    /// The item identifiers of the `batchItemFailures` the function's `response` returns, when
    /// it lists any; an entry without a non-empty string `itemIdentifier` (empty, null, another
    /// key) reads as `""`. An empty or null list, or no such key, is a full success (spec §5.3).
    fn reported_item_failures(&self, f: usize) -> Option<Vec<String>> {
        let list = self
            .behavior(f)
            .response
            .get("batchItemFailures")?
            .as_array()
            .filter(|l| !l.is_empty())?;
        Some(
            list.iter()
                .map(|item| {
                    item.get("itemIdentifier")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                })
                .collect(),
        )
    }

    /// The `batchItemFailures` the function returned, as JSON, for the trace.
    fn reported_body(&mut self, f: usize, ids: &[String]) -> BodyId {
        let text = match self.behavior(f).response.get("batchItemFailures") {
            Some(list) if !list.is_null() => list.to_string(),
            _ => {
                let items: Vec<Value> =
                    ids.iter().map(|i| json!({ "itemIdentifier": i })).collect();
                Value::from(items).to_string()
            }
        };
        self.body(text)
    }

    fn failed_records(&self, f: usize, payload: u32) -> Vec<String> {
        let Some(rule) = &self.behavior(f).fail_records else {
            return Vec::new();
        };
        batch_records(&self.payloads[payload as usize])
            .into_iter()
            .filter(|(data, _)| field(data, &rule.field) == Some(&rule.equals))
            .map(|(_, id)| id)
            .collect()
    }

    fn sqs_event(&self, source: ResourceId, messages: &[Message]) -> Value {
        let arn = &self.topology.get(source).arn;
        let records: Vec<Value> = messages
            .iter()
            .map(|m| {
                let body = self.trace.body(m.body);
                let id = self.trace.body(m.id);
                let mut attributes = json!({
                    "ApproximateReceiveCount": m.receive_count.to_string(),
                    "SentTimestamp": (self.epoch_ms + m.sent_at as i64).to_string(),
                    "SenderId": "AIDAEXAMPLE",
                    "ApproximateFirstReceiveTimestamp": (self.epoch_ms + self.now as i64).to_string()
                });
                // A FIFO queue's messages say which group they belong to.
                if let (Some(group), Some(map)) = (&m.group, attributes.as_object_mut()) {
                    map.insert("MessageGroupId".into(), Value::from(group.as_str()));
                }
                json!({
                    "messageId": id,
                    "receiptHandle": format!("AQEB{:016x}", stable_hash(id) ^ u64::from(m.receive_count)),
                    "body": body,
                    "attributes": attributes,
                    "messageAttributes": {},
                    "md5OfBody": format!("{:032x}", u128::from(stable_hash(body)) << 64 | u128::from(stable_hash(id))),
                    "eventSource": "aws:sqs",
                    "eventSourceARN": arn,
                    "awsRegion": self.scenario.region,
                })
            })
            .collect();
        json!({ "Records": records })
    }

    fn sqs_visible(&mut self, q: usize) {
        // A message past its retention period does not come back: it expires instead.
        self.sqs_expire(q);
        let now = self.now;
        let queue = self.queues[q].id;
        let visible: Vec<String> = self.queues[q]
            .messages
            .iter()
            .filter(|m| !m.gone && m.visible_at == now && m.receive_count > 0)
            .map(|m| self.trace.body(m.id).to_string())
            .collect();
        if visible.is_empty() {
            return;
        }
        let count = visible.len() as u32;
        let request = self.queues[q]
            .messages
            .iter()
            .find(|m| !m.gone && m.visible_at == now)
            .and_then(|m| m.request);
        let message_ids = self.body(Value::from(visible).to_string());
        self.note(
            queue,
            None,
            request,
            RuleId::MessageVisible,
            What::MessagesVisible { message_ids, count },
        );
        for m in self.queues[q].mappings.clone() {
            self.schedule_sqs_poll(m, now);
        }
    }

    fn sqs_batch_done(
        &mut self,
        m: u32,
        q: usize,
        batch: &[usize],
        inv: &Invocation,
        failed: bool,
        done: EventIndex,
    ) {
        self.mappings[m as usize].in_flight = self.mappings[m as usize].in_flight.saturating_sub(1);
        let source = self.queues[q].id;
        let in_batch: HashSet<String> = batch
            .iter()
            .map(|&i| self.trace.body(self.queues[q].messages[i].id).to_string())
            .collect();
        // An empty, null or unknown itemIdentifier fails the whole batch (spec §5.3).
        let invalid = matches!(&inv.decided, Decided::Partial(ids)
            if ids.iter().any(|id| id.is_empty() || !in_batch.contains(id)));
        let failed_ids: HashSet<String> = match &inv.decided {
            Decided::Partial(_) if invalid => in_batch,
            Decided::Partial(ids) => ids.iter().cloned().collect(),
            _ if failed => in_batch,
            _ => HashSet::new(),
        };
        if let (Decided::Partial(ids), true) = (&inv.decided, invalid) {
            let reported = self.reported_body(inv.function, ids);
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::PartialBatchResponse,
                What::PartialBatchInvalid { mapping, reported },
            );
        } else if let Decided::Partial(ids) = &inv.decided {
            let failed_body = self.body(Value::from(ids.clone()).to_string());
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::PartialBatchResponse,
                What::PartialBatchFailure {
                    mapping,
                    failed: failed_body,
                    count: ids.len() as u32,
                },
            );
        }
        let mut deleted = Vec::new();
        for &i in batch {
            let msg = &mut self.queues[q].messages[i];
            let id = self.trace.body(msg.id);
            if !failed_ids.contains(id) && !msg.gone {
                msg.gone = true;
                deleted.push(id.to_string());
            }
        }
        if !deleted.is_empty() {
            let count = deleted.len() as u32;
            let message_ids = self.body(Value::from(deleted).to_string());
            self.note(
                source,
                Some(done),
                Some(inv.request),
                RuleId::MessageDeleted,
                What::MessagesDeleted { message_ids, count },
            );
        }
        if !failed_ids.is_empty() {
            let mapping = self.mappings[m as usize].id;
            self.note(
                mapping,
                Some(done),
                Some(inv.request),
                RuleId::MessageVisible,
                What::NoDestination {
                    reason: NoDestinationReason::EventSourceMapping,
                },
            );
        }
        self.schedule_sqs_poll(m, self.now);
    }

    // ----- streams and Kafka (spec §5.2 to §5.6) ----------------------------------------------

    fn put_stream_record(
        &mut self,
        stream: ResourceId,
        key: String,
        data: Value,
        parent: Option<EventIndex>,
        lineage: u32,
    ) {
        let resource = self.topology.get(stream).clone();
        let shards = match resource.kind {
            Kind::KinesisStream => self.scenario.kinesis_streams[resource.index].shard_count,
            Kind::DynamoDbStream => self.scenario.dynamodb_tables[resource.index].shard_count,
            _ => self.scenario.kafka_topics[resource.index].partitions,
        }
        .clamp(1, 64) as u32;
        let shard = if resource.kind == Kind::KafkaTopic && key.is_empty() {
            (self.stream_counter % u64::from(shards)) as u32
        } else {
            (stable_hash(&key) % u64::from(shards)) as u32
        };
        self.stream_counter += 1;
        let shard_records = self
            .streams
            .entry(stream)
            .or_insert_with(|| vec![Vec::new(); shards as usize]);
        let position = shard_records[shard as usize].len();
        let sequence = match resource.kind {
            Kind::KinesisStream => format!("49{:022}{:032}", shard, self.stream_counter),
            Kind::DynamoDbStream => format!("{}{:020}", 1 + shard, self.stream_counter),
            _ => position.to_string(),
        };
        shard_records[shard as usize].push(StreamRecordData {
            sequence: sequence.clone(),
            key: key.clone(),
            data,
            arrival: self.now,
            lineage,
        });
        let sequence_body = self.body(sequence);
        let key_body = self.body(key.clone());
        let put = self.note(
            stream,
            parent,
            None,
            RuleId::RecordPut,
            What::RecordPut {
                shard,
                sequence: sequence_body,
                key: key_body,
            },
        );
        let request = self.new_request(stream, put);
        self.trace.events[put as usize].request = Some(request);
        for m in 0..self.mappings.len() {
            if self.mappings[m].source != Some(stream) {
                continue;
            }
            let parallel = self.mappings[m].parallel;
            let lane = shard * parallel + (stable_hash(&key) % u64::from(parallel)) as u32;
            let Some(l) = self.mappings[m].lanes.get_mut(lane as usize) else {
                continue;
            };
            l.records.push(position as u32);
            // A lane holding a batch (running, or waiting out a retry or throttle backoff) reads
            // the new record only after that batch: an arrival never cuts the wait short, and
            // the batch is retried as it was read (spec §5.2).
            if l.batch.is_none() {
                self.schedule_lane_poll(m as u32, lane, self.now);
            }
        }
    }

    fn schedule_lane_poll(&mut self, m: u32, lane: u32, at: Millis) {
        let Some(l) = self.mappings[m as usize].lanes.get_mut(lane as usize) else {
            return;
        };
        if l.poll_at.is_some_and(|p| p <= at) {
            return;
        }
        l.poll_at = Some(at);
        self.schedule(at, Action::LanePoll(m, lane));
    }

    fn lane_poll(&mut self, m: u32, lane_index: u32) {
        let now = self.now;
        let mapping = &mut self.mappings[m as usize];
        let Some(lane) = mapping.lanes.get_mut(lane_index as usize) else {
            return;
        };
        if lane.poll_at != Some(now) {
            return;
        }
        lane.poll_at = None;
        if lane.busy || !mapping.enabled {
            return;
        }
        let (Some(f), Some(source)) = (mapping.function, mapping.source) else {
            return;
        };
        let lane = lane.clone();
        let mapping = mapping.clone();
        let shard_records = self
            .streams
            .get(&source)
            .map(|s| s[lane.shard as usize].clone())
            .unwrap_or_default();
        let batch = match lane.batch.clone() {
            Some(batch) => batch,
            None => {
                // With tumbling windows, records already aggregated wait for the window's final
                // invocation before the checkpoint moves (spec §5.4).
                let read = lane
                    .window
                    .as_ref()
                    .map_or(lane.next, |w| w.upto.max(lane.next));
                if let (Some(t), Some(w)) = (mapping.tumbling_ms, lane.window.as_ref()) {
                    if now >= w.start + t {
                        if w.upto > w.first {
                            let batch = BatchState {
                                start: w.first,
                                end: w.upto,
                                retries: 0,
                                invocations: 0,
                                throttles: 0,
                                pending: Vec::new(),
                                last_error: BatchError::None,
                                final_window: true,
                            };
                            self.mappings[m as usize].lanes[lane_index as usize].batch =
                                Some(batch);
                        } else {
                            self.mappings[m as usize].lanes[lane_index as usize].window = None;
                        }
                        self.schedule_lane_poll(m, lane_index, now);
                        return;
                    }
                }
                let available = lane.records.len() - read;
                if available == 0 {
                    if let (Some(t), Some(w)) = (mapping.tumbling_ms, lane.window.as_ref()) {
                        self.schedule_lane_poll(m, lane_index, w.start + t);
                    }
                    return;
                }
                let oldest = shard_records[lane.records[read] as usize].arrival;
                if available < mapping.batch_size && now < oldest + mapping.window_ms {
                    self.schedule_lane_poll(m, lane_index, oldest + mapping.window_ms);
                    return;
                }
                let mut end = read + available.min(mapping.batch_size);
                if let Some(t) = mapping.tumbling_ms {
                    let start = lane.window.as_ref().map_or(oldest / t * t, |w| w.start);
                    end = (read..end)
                        .find(|&i| shard_records[lane.records[i] as usize].arrival >= start + t)
                        .unwrap_or(end);
                    if lane.window.is_none() {
                        self.mappings[m as usize].lanes[lane_index as usize].window =
                            Some(WindowState {
                                start,
                                state: serde_json::json!({}),
                                first: read,
                                upto: read,
                            });
                    }
                    self.schedule_lane_poll(m, lane_index, (start + t).max(now + 1));
                    if end == read {
                        return;
                    }
                }
                BatchState {
                    start: read,
                    end,
                    retries: 0,
                    invocations: 0,
                    throttles: 0,
                    pending: Vec::new(),
                    last_error: BatchError::None,
                    final_window: false,
                }
            }
        };
        let records: Vec<StreamRecordData> = (batch.start..batch.end)
            .map(|i| shard_records[lane.records[i] as usize].clone())
            .collect();
        let oldest = records.iter().map(|r| r.arrival).min().unwrap_or(now);
        let expired_by_retention = self.topology.get(source).kind != Kind::KafkaTopic
            && now.saturating_sub(oldest) >= assume::STREAM_RETENTION;
        let too_old = mapping
            .max_age_ms
            .is_some_and(|age| now.saturating_sub(oldest) >= age);
        if too_old || expired_by_retention {
            let mut batch = batch;
            batch.invocations = batch.invocations.max(1);
            return self.discard_batch(
                m,
                lane_index,
                batch,
                Condition::RecordAgeExceeded,
                None,
                None,
            );
        }
        let lane_state = &mut self.mappings[m as usize].lanes[lane_index as usize];
        lane_state.busy = true;
        lane_state.batch = Some(batch.clone());
        let first = self.body(
            records
                .first()
                .map(|r| r.sequence.clone())
                .unwrap_or_default(),
        );
        let last = self.body(
            records
                .last()
                .map(|r| r.sequence.clone())
                .unwrap_or_default(),
        );
        let invoked = self.note(
            mapping.id,
            None,
            None,
            RuleId::BatchInvoked,
            What::BatchInvoked {
                mapping: mapping.id,
                shard: lane.shard,
                size: if batch.final_window {
                    0
                } else {
                    records.len() as u32
                },
                first,
                last,
            },
        );
        let request = self.new_request(mapping.id, invoked);
        self.trace.events[invoked as usize].request = Some(request);
        let mut event = self.stream_event(
            source,
            lane.shard,
            if batch.final_window { &[] } else { &records },
            f,
        );
        let window = self.mappings[m as usize].lanes[lane_index as usize]
            .window
            .clone();
        if let (Some(t), Some(w), Some(map)) = (mapping.tumbling_ms, window, event.as_object_mut())
        {
            let at = |ms: Millis| clock::iso8601_seconds(self.epoch_ms + ms as i64);
            map.insert(
                "window".into(),
                serde_json::json!({ "start": at(w.start), "end": at(w.start + t) }),
            );
            map.insert("state".into(), w.state);
            map.insert("shardId".into(), Value::from(shard_id(lane.shard)));
            map.insert(
                "eventSourceARN".into(),
                Value::from(self.topology.get(source).arn.clone()),
            );
            map.insert(
                "isFinalInvokeForWindow".into(),
                Value::from(batch.final_window),
            );
            map.insert("isWindowTerminatedEarly".into(), Value::from(false));
        }
        let p = self.store_payload(event);
        let b = self.batches.len() as u32;
        self.batches.push(BatchKind::Stream {
            mapping: m,
            lane: lane_index,
        });
        let lineage = records.iter().map(|r| r.lineage).max().unwrap_or(0);
        let max_attempts = if mapping.max_retries < 0 {
            0
        } else {
            mapping.max_retries as u32 + 1
        };
        self.invoke_batch(
            f,
            b,
            (batch.retries + 1, batch.retries + batch.throttles + 1),
            max_attempts,
            invoked,
            request,
            lineage + 1,
            p,
        );
    }

    fn batch_throttled(&mut self, b: u32, parent: EventIndex, request: RequestIndex) {
        match self.batches[b as usize].clone() {
            BatchKind::Stream { mapping, lane } => {
                let m = &mut self.mappings[mapping as usize];
                let id = m.id;
                let l = &mut m.lanes[lane as usize];
                l.busy = false;
                let shard = l.shard;
                let Some(batch) = l.batch.as_mut() else {
                    return;
                };
                batch.throttles += 1;
                let delay = assume::async_throttle_backoff(batch.throttles - 1);
                self.note(
                    id,
                    Some(parent),
                    Some(request),
                    RuleId::MappingThrottled,
                    What::ShardBlocked {
                        mapping: id,
                        shard,
                        retry: 0,
                        delay_ms: delay,
                    },
                );
                self.schedule_lane_poll(mapping, lane, self.now + delay);
            }
            BatchKind::Sqs { mapping, .. } => {
                let id = self.mappings[mapping as usize].id;
                self.mappings[mapping as usize].in_flight =
                    self.mappings[mapping as usize].in_flight.saturating_sub(1);
                self.note(
                    id,
                    Some(parent),
                    Some(request),
                    RuleId::MappingThrottled,
                    What::Throttled { retry_in_ms: 0 },
                );
            }
        }
    }

    fn batch_done(&mut self, b: u32, inv: &Invocation, failed: bool, done: EventIndex) {
        let (m, lane_index) = match self.batches[b as usize].clone() {
            BatchKind::Sqs {
                mapping,
                queue,
                messages,
            } => return self.sqs_batch_done(mapping, queue, &messages, inv, failed, done),
            BatchKind::Stream { mapping, lane } => (mapping, lane),
        };
        let mapping = self.mappings[m as usize].clone();
        let Some(mut batch) = mapping.lanes[lane_index as usize].batch.clone() else {
            return;
        };
        let shard = mapping.lanes[lane_index as usize].shard;
        let source = mapping.source.unwrap_or_default();
        batch.invocations += 1;
        self.mappings[m as usize].lanes[lane_index as usize].busy = false;
        let failed_ids = match &inv.decided {
            Decided::Partial(ids) => Some(ids.clone()),
            _ => None,
        };
        if !failed {
            if let Some(ids) = failed_ids.filter(|ids| !ids.is_empty()) {
                // An empty, null or misnamed itemIdentifier fails the whole batch (spec §5.3).
                let invalid = ids.iter().any(String::is_empty);
                if invalid {
                    let reported = self.reported_body(inv.function, &ids);
                    self.note(
                        mapping.id,
                        Some(done),
                        Some(inv.request),
                        RuleId::PartialBatchResponse,
                        What::PartialBatchInvalid {
                            mapping: mapping.id,
                            reported,
                        },
                    );
                } else {
                    let failed_body = self.body(Value::from(ids.clone()).to_string());
                    self.note(
                        mapping.id,
                        Some(done),
                        Some(inv.request),
                        RuleId::PartialBatchResponse,
                        What::PartialBatchFailure {
                            mapping: mapping.id,
                            failed: failed_body,
                            count: ids.len() as u32,
                        },
                    );
                }
                let lane = &mapping.lanes[lane_index as usize];
                let records = self.streams.get(&source).map(|s| &s[shard as usize]);
                let first_failed = (batch.start..batch.end).filter(|_| !invalid).find(|&i| {
                    records.is_some_and(|r| ids.contains(&r[lane.records[i] as usize].sequence))
                });
                match first_failed {
                    Some(i) => {
                        if i > batch.start {
                            self.checkpoint(m, lane_index, i, done, inv.request);
                        }
                        batch.start = i;
                    }
                    None => {
                        // An unknown identifier fails the whole batch (spec §5.3).
                    }
                }
                batch.last_error = BatchError::ItemFailures;
                return self.retry_or_discard(m, lane_index, batch, done, inv.request);
            }
            if mapping.tumbling_ms.is_some() {
                let lane = &mut self.mappings[m as usize].lanes[lane_index as usize];
                if batch.final_window {
                    lane.window = None;
                } else {
                    // Aggregated into the window: the checkpoint waits for its final invocation.
                    if let Some(w) = lane.window.as_mut() {
                        w.upto = batch.end;
                        if let Decided::Ok = &inv.decided {
                            w.state = self.scenario.functions[inv.function]
                                .behavior
                                .response
                                .get("state")
                                .cloned()
                                .unwrap_or(Value::Null);
                        }
                    }
                    return self.next_part(m, lane_index, batch);
                }
            }
            self.checkpoint(m, lane_index, batch.end, done, inv.request);
            return self.next_part(m, lane_index, batch);
        }
        batch.last_error = BatchError::Unhandled;
        let size = batch.end - batch.start;
        if mapping.bisect && size > 1 {
            let middle = batch.start + size / 2;
            self.note(
                mapping.id,
                Some(done),
                Some(inv.request),
                RuleId::BatchBisected,
                What::BatchBisected {
                    mapping: mapping.id,
                    shard,
                    left: (middle - batch.start) as u32,
                    right: (batch.end - middle) as u32,
                },
            );
            batch.pending.push((middle, batch.end));
            batch.end = middle;
            batch.invocations = 0;
            self.mappings[m as usize].lanes[lane_index as usize].batch = Some(batch);
            self.schedule_lane_poll(m, lane_index, self.now);
            return;
        }
        self.retry_or_discard(m, lane_index, batch, done, inv.request);
    }

    fn retry_or_discard(
        &mut self,
        m: u32,
        lane_index: u32,
        mut batch: BatchState,
        done: EventIndex,
        request: RequestIndex,
    ) {
        let mapping = self.mappings[m as usize].clone();
        let shard = mapping.lanes[lane_index as usize].shard;
        if mapping.max_retries >= 0 && i64::from(batch.retries) >= mapping.max_retries {
            return self.discard_batch(
                m,
                lane_index,
                batch,
                Condition::RetryAttemptsExhausted,
                Some(done),
                Some(request),
            );
        }
        batch.retries += 1;
        let delay = assume::stream_retry_delay(batch.retries);
        self.note(
            mapping.id,
            Some(done),
            Some(request),
            RuleId::ShardBlocked,
            What::ShardBlocked {
                mapping: mapping.id,
                shard,
                retry: batch.retries,
                delay_ms: delay,
            },
        );
        self.mappings[m as usize].lanes[lane_index as usize].batch = Some(batch);
        self.schedule_lane_poll(m, lane_index, self.now + delay);
    }

    fn checkpoint(
        &mut self,
        m: u32,
        lane_index: u32,
        upto: usize,
        parent: EventIndex,
        request: RequestIndex,
    ) {
        let mapping = &mut self.mappings[m as usize];
        let id = mapping.id;
        let source = mapping.source.unwrap_or_default();
        let lane = &mut mapping.lanes[lane_index as usize];
        if upto <= lane.next {
            return;
        }
        lane.next = upto;
        let shard = lane.shard;
        let position = lane.records[upto - 1];
        let processed = upto as u32;
        let sequence = self
            .streams
            .get(&source)
            .map(|s| s[shard as usize][position as usize].sequence.clone())
            .unwrap_or_default();
        let sequence = self.body(sequence);
        self.note(
            id,
            Some(parent),
            Some(request),
            RuleId::CheckpointAdvanced,
            What::CheckpointAdvanced {
                mapping: id,
                shard,
                processed,
                sequence,
            },
        );
    }

    fn next_part(&mut self, m: u32, lane_index: u32, mut batch: BatchState) {
        let lane = &mut self.mappings[m as usize].lanes[lane_index as usize];
        if let Some((start, end)) = batch.pending.pop() {
            batch.start = start.max(lane.next);
            batch.end = end;
            batch.invocations = 0;
            batch.retries = 0;
            lane.batch = Some(batch);
        } else {
            lane.batch = None;
        }
        self.schedule_lane_poll(m, lane_index, self.now);
    }

    fn discard_batch(
        &mut self,
        m: u32,
        lane_index: u32,
        batch: BatchState,
        condition: Condition,
        parent: Option<EventIndex>,
        request: Option<RequestIndex>,
    ) {
        let mapping = self.mappings[m as usize].clone();
        let lane = &mapping.lanes[lane_index as usize];
        let shard = lane.shard;
        let source = mapping.source.unwrap_or_default();
        let size = (batch.end - batch.start) as u32;
        let discarded = self.note(
            mapping.id,
            parent,
            request,
            if condition == Condition::RecordAgeExceeded {
                RuleId::RecordAgeExceeded
            } else {
                RuleId::MappingRetryExhausted
            },
            What::BatchDiscarded {
                mapping: mapping.id,
                shard,
                size,
                condition,
                invocations: batch.invocations,
            },
        );
        let request = match request {
            Some(r) => r,
            None => {
                let r = self.new_request(mapping.id, discarded);
                self.trace.events[discarded as usize].request = Some(r);
                r
            }
        };
        if let (Some(target), Some(f)) = (mapping.on_failure, mapping.function) {
            let records: Vec<StreamRecordData> = self
                .streams
                .get(&source)
                .map(|s| {
                    (batch.start..batch.end)
                        .map(|i| s[shard as usize][lane.records[i] as usize].clone())
                        .collect()
                })
                .unwrap_or_default();
            let error = if condition == Condition::RecordAgeExceeded {
                BatchError::None
            } else {
                batch.last_error
            };
            if self.topology.get(target).kind == Kind::KafkaTopic {
                let failed = FailedBatch {
                    f,
                    shard,
                    condition,
                    error,
                    invocations: batch.invocations,
                };
                self.produce_failed_records(&mapping, target, failed, &records, discarded, request);
                self.checkpoint(m, lane_index, batch.end, discarded, request);
                self.mappings[m as usize].lanes[lane_index as usize].busy = false;
                return self.next_part(m, lane_index, batch);
            }
            let to_s3 = self.topology.get(target).kind == Kind::Bucket;
            let payload = to_s3.then(|| self.stream_event(source, shard, &records, f));
            let text = self.failure_record(
                &mapping,
                f,
                shard,
                condition,
                error,
                &records,
                batch.invocations,
                payload.as_ref(),
            );
            let chosen =
                self.mapping_destination_chosen(mapping.id, target, condition, discarded, request);
            let attributes = to_s3.then(|| {
                let (day, time) = clock::s3_key_parts(self.epoch_ms + self.now as i64);
                let uuid = self.topology.name(mapping.id).to_string();
                let key = format!(
                    "aws/lambda/{uuid}/{}/{day}/{time}-{}",
                    shard_id(shard),
                    self.rng.uuid()
                );
                json!({ "Bucket": self.topology.name(target), "Key": key }).to_string()
            });
            let lineage = records.iter().map(|r| r.lineage).max().unwrap_or(0) + 1;
            self.deliver(
                Some(f),
                target,
                Via::MappingOnFailure,
                text,
                attributes,
                Some(chosen),
                Some(request),
                lineage,
                None,
            );
        } else {
            self.note(
                mapping.id,
                Some(discarded),
                Some(request),
                RuleId::MappingDiscarded,
                What::NoDestination {
                    reason: NoDestinationReason::NotConfigured,
                },
            );
        }
        self.checkpoint(m, lane_index, batch.end, discarded, request);
        self.mappings[m as usize].lanes[lane_index as usize].busy = false;
        self.next_part(m, lane_index, batch);
    }

    /// A Kafka topic destination gets one message per failed record, keyed by the record's key
    /// (spec §4.5, "Kafka topic destination").
    fn produce_failed_records(
        &mut self,
        mapping: &MappingState,
        target: ResourceId,
        failed: FailedBatch,
        records: &[StreamRecordData],
        discarded: EventIndex,
        request: RequestIndex,
    ) {
        let chosen = self.mapping_destination_chosen(
            mapping.id,
            target,
            failed.condition,
            discarded,
            request,
        );
        let source = mapping.source.unwrap_or_default();
        let source_arn = self.topology.get(source).arn.clone();
        let cluster_arn = source_arn
            .rsplit_once('/')
            .map(|(c, _)| c.to_string())
            .unwrap_or(source_arn.clone());
        let k = &self.scenario.kafka_topics[self.topology.get(source).index];
        let servers = format!(
            "b-1.{0}.kafka.{1}.amazonaws.com:9098,b-2.{0}.kafka.{1}.amazonaws.com:9098",
            k.cluster_name, self.scenario.region
        );
        let function_arn = self.function_arn(failed.f);
        // The request id of the failed invocation, the same in every message of the batch.
        let request_id = self.rng.clone().uuid();
        let timestamp = self.timestamp();
        for r in records {
            let context = RequestContext {
                request_id: &request_id,
                function_arn: &function_arn,
                condition: failed.condition.as_str(),
                approximate_invoke_count: failed.invocations.max(1),
            };
            let produced = clock::iso8601_millis(self.epoch_ms + r.arrival as i64);
            let event = self.stream_event(source, failed.shard, std::slice::from_ref(r), failed.f);
            let text = record::kafka_topic_message(
                &timestamp,
                context,
                failed.error,
                &cluster_arn,
                &servers,
                r.data.to_string().len(),
                record::KafkaRecordInfo {
                    offset: &r.sequence,
                    timestamp: &produced,
                },
                &event,
            );
            let attributes = (!r.key.is_empty()).then(|| json!({ "Key": r.key }).to_string());
            self.deliver(
                Some(failed.f),
                target,
                Via::MappingOnFailure,
                text,
                attributes,
                Some(chosen),
                Some(request),
                r.lineage + 1,
                None,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn failure_record(
        &self,
        mapping: &MappingState,
        f: usize,
        shard: u32,
        condition: Condition,
        error: BatchError,
        records: &[StreamRecordData],
        invocations: u32,
        payload: Option<&Value>,
    ) -> String {
        let source = mapping.source.unwrap_or_default();
        let source_arn = self.topology.get(source).arn.clone();
        let function_arn = self.function_arn(f);
        let mut rng = self.rng.clone();
        let request_id = rng.uuid();
        let context = RequestContext {
            request_id: &request_id,
            function_arn: &function_arn,
            condition: condition.as_str(),
            approximate_invoke_count: invocations.max(1),
        };
        let timestamp = self.timestamp();
        let first = records.first();
        let last = records.last();
        if mapping.source_kind == Kind::KafkaTopic {
            let k = &self.scenario.kafka_topics[self.topology.get(source).index];
            let servers = format!(
                "b-1.{0}.kafka.{1}.amazonaws.com:9098,b-2.{0}.kafka.{1}.amazonaws.com:9098",
                k.cluster_name, self.scenario.region
            );
            let info = json!({ format!("{}-{shard}", k.topic): {
                "firstRecordOffset": first.map(|r| r.sequence.clone()),
                "lastRecordOffset": last.map(|r| r.sequence.clone()),
                "firstRecordTimestamp": first.map(|r| clock::iso8601_millis(self.epoch_ms + r.arrival as i64)),
                "lastRecordTimestamp": last.map(|r| clock::iso8601_millis(self.epoch_ms + r.arrival as i64)),
            }});
            let cluster_arn = source_arn
                .rsplit_once('/')
                .map(|(c, _)| c.to_string())
                .unwrap_or(source_arn.clone());
            let size: usize = records.iter().map(|r| r.data.to_string().len()).sum();
            return record::kafka_failure_record(
                &timestamp,
                context,
                error,
                records.len() as u32,
                &cluster_arn,
                &servers,
                size,
                info,
                payload,
            );
        }
        let dynamodb = mapping.source_kind == Kind::DynamoDbStream;
        let arrival = |r: Option<&StreamRecordData>| {
            let ms = self.epoch_ms + r.map(|r| r.arrival).unwrap_or_default() as i64;
            if dynamodb {
                clock::iso8601_seconds(ms)
            } else {
                clock::iso8601_millis(ms)
            }
        };
        let (first_arrival, last_arrival) = (arrival(first), arrival(last));
        let shard_name = shard_id(shard);
        let info = StreamBatchInfo {
            shard_id: &shard_name,
            start_sequence_number: first.map(|r| r.sequence.as_str()).unwrap_or_default(),
            end_sequence_number: last.map(|r| r.sequence.as_str()).unwrap_or_default(),
            approximate_arrival_of_first_record: &first_arrival,
            approximate_arrival_of_last_record: &last_arrival,
            batch_size: records.len() as u32,
            stream_arn: &source_arn,
        };
        record::stream_failure_record(&timestamp, context, error, info, dynamodb, payload)
    }

    fn stream_event(
        &self,
        source: ResourceId,
        shard: u32,
        records: &[StreamRecordData],
        f: usize,
    ) -> Value {
        let resource = self.topology.get(source);
        let arn = &resource.arn;
        let region = &self.scenario.region;
        match resource.kind {
            Kind::KinesisStream => {
                let role = format!(
                    "arn:aws:iam::{}:role/{}-role",
                    self.scenario.account,
                    self.topology.name(self.functions[f].id)
                );
                let list: Vec<Value> = records.iter().map(|r| json!({
                    "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": r.key,
                        "sequenceNumber": r.sequence,
                        "data": base64(value_text(&r.data).as_bytes()),
                        "approximateArrivalTimestamp": (self.epoch_ms + r.arrival as i64) as f64 / 1000.0,
                    },
                    "eventSource": "aws:kinesis",
                    "eventVersion": "1.0",
                    "eventID": format!("{}:{}", shard_id(shard), r.sequence),
                    "eventName": "aws:kinesis:record",
                    "invokeIdentityArn": role,
                    "awsRegion": region,
                    "eventSourceARN": arn,
                })).collect();
                json!({ "Records": list })
            }
            Kind::DynamoDbStream => {
                let list: Vec<Value> = records.iter().map(|r| json!({
                    "eventID": format!("{:032x}", stable_hash(&r.sequence)),
                    "eventName": "INSERT",
                    "eventVersion": "1.1",
                    "eventSource": "aws:dynamodb",
                    "awsRegion": region,
                    "dynamodb": {
                        "ApproximateCreationDateTime": (self.epoch_ms + r.arrival as i64) / 1000,
                        "Keys": r.data.as_object().and_then(|o| o.iter().next()).map(|(k, v)| json!({ k.clone(): v.clone() })).unwrap_or(Value::Null),
                        "NewImage": r.data,
                        "SequenceNumber": r.sequence,
                        "SizeBytes": r.data.to_string().len(),
                        "StreamViewType": "NEW_AND_OLD_IMAGES",
                    },
                    "eventSourceARN": arn,
                })).collect();
                json!({ "Records": list })
            }
            _ => {
                let k = &self.scenario.kafka_topics[resource.index];
                let list: Vec<Value> = records
                    .iter()
                    .map(|r| {
                        json!({
                            "topic": k.topic,
                            "partition": shard,
                            "offset": r.sequence.parse::<u64>().unwrap_or_default(),
                            "timestamp": self.epoch_ms + r.arrival as i64,
                            "timestampType": "CREATE_TIME",
                            "key": base64(r.key.as_bytes()),
                            "value": base64(value_text(&r.data).as_bytes()),
                            "headers": [],
                        })
                    })
                    .collect();
                let cluster_arn = arn
                    .rsplit_once('/')
                    .map(|(c, _)| c.to_string())
                    .unwrap_or_default();
                json!({
                    "eventSource": if k.cluster_kind == crate::scenario::KafkaKind::Msk { "aws:kafka" } else { "SelfManagedKafka" },
                    "eventSourceArn": cluster_arn,
                    "bootstrapServers": format!("b-1.{}.kafka.{region}.amazonaws.com:9098", k.cluster_name),
                    "records": { format!("{}-{shard}", k.topic): list },
                })
            }
        }
    }
}

const THROTTLE: &str = "\u{0}throttle";

/// The async destination config of a function, if it has one.
fn destinations(f: &crate::scenario::Function) -> Option<&crate::scenario::DestinationConfig> {
    f.event_invoke_config
        .as_ref()
        .and_then(|c| c.destination_config.as_ref())
}

fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Ok => "ok",
        Outcome::Error { .. } => "error",
        Outcome::Timeout => "timeout",
        Outcome::Throttle => "throttle",
    }
}

fn parent_body(trace: &Trace, parent: EventIndex) -> BodyId {
    match trace.events.get(parent as usize).map(|e| &e.what) {
        Some(What::Delivered { body, .. }) => *body,
        _ => 0,
    }
}

/// `shardId-000000000000`.
pub fn shard_id(shard: u32) -> String {
    format!("shardId-{shard:012}")
}

/// The text of a JSON value: a string as itself, anything else as compact JSON.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Looks up a dotted path (`a.b.0`) in a JSON value.
pub fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .filter(|p| !p.is_empty())
        .try_fold(value, |v, part| match v {
            Value::Object(map) => map.get(part),
            Value::Array(list) => part.parse::<usize>().ok().and_then(|i| list.get(i)),
            _ => None,
        })
}

/// The data and item identifier of every record of a mapping's batch event: an SQS message's
/// body (parsed when it is JSON) and `messageId`, a Kinesis record's decoded data and sequence
/// number, a DynamoDB record's `NewImage` and sequence number, a Kafka record's decoded value and
/// offset. Empty for anything that is not a batch from a mapping.
fn batch_records(event: &Value) -> Vec<(Value, String)> {
    let text_value = |text: &str| {
        serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_string()))
    };
    if let Some(records) = event.get("Records").and_then(Value::as_array) {
        return records
            .iter()
            .filter_map(|r| {
                if let Some(k) = r.get("kinesis") {
                    let data = decode_data(k.get("data")?.as_str()?);
                    Some((data, k.get("sequenceNumber")?.as_str()?.to_string()))
                } else if let Some(d) = r.get("dynamodb") {
                    Some((
                        d.get("NewImage").cloned().unwrap_or(Value::Null),
                        d.get("SequenceNumber")?.as_str()?.to_string(),
                    ))
                } else if r.get("eventSource").and_then(Value::as_str) == Some("aws:sqs") {
                    Some((
                        text_value(r.get("body")?.as_str()?),
                        r.get("messageId")?.as_str()?.to_string(),
                    ))
                } else {
                    None
                }
            })
            .collect();
    }
    let Some(partitions) = event.get("records").and_then(Value::as_object) else {
        return Vec::new();
    };
    partitions
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|r| {
            let value = decode_data(r.get("value")?.as_str()?);
            Some((value, r.get("offset")?.to_string()))
        })
        .collect()
}

fn decode_data(text: &str) -> Value {
    let bytes = unbase64(text);
    let s = String::from_utf8_lossy(&bytes);
    serde_json::from_str(&s).unwrap_or_else(|_| Value::String(s.into_owned()))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Kinesis and Kafka events carry data.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; invalid characters are skipped.
pub fn unbase64(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let Some(v) = B64.iter().position(|&b| b == c) else {
            continue;
        };
        buffer = (buffer << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}
