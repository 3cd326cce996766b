//! What a trace keeps besides its events: requests, texts and responses, delivered bodies and
//! async records written only when read, and [`Trace`], which owns them all.

use super::{BodyId, EventIndex, PartId, RequestIndex, TraceEvent};
use crate::clock::Millis;
use crate::record::{self, AsyncRecordParts, Condition, ResponsePayload};
use crate::topology::ResourceId;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::cell::OnceCell;
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
    /// `responseContext.executedVersion`: `None` for `$LATEST`.
    pub executed_version: Option<PartId>,
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
            executed_version: facts
                .executed_version
                .map_or(crate::qualifier::LATEST, |v| self.part(v)),
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
