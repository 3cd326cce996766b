//! Recording a lesson in the playground: the diagram the author starts from becomes the
//! lesson's start, and the diagram at the end of each recorded step becomes that step's solution
//! (the edits that turn the step's start into it) and its goal (what those edits changed: links,
//! settings, counts, and where the run's records now go or no longer go).
//!
//! The recorded lesson is audited like any other ([`super::audit`]), so the author sees at once
//! whether it would pass `destinations lesson check`.

use super::check::{target_of, via_of};
use super::goal::{Goal, Match, Range, Ref, Target, ValueTest};
use super::{author, change, words, Change, Lesson, Locks, Start, Step, Tr};
use crate::diagram::{self, LinkKind};
use crate::edit;
use crate::lang::Lang;
use crate::scenario::Scenario;
use crate::sim::{simulate, RunOptions};
use crate::topology::{Kind, ResourceId, Topology};
use crate::trace::Via;
use serde_json::Value;
use std::fmt;

/// What the author recorded.
#[derive(Clone, Debug)]
pub struct Recording {
    /// The lesson's id (the file name).
    pub id: String,
    /// Its title.
    pub title: Tr,
    /// What the learner will know afterwards.
    pub summary: Tr,
    /// The diagram the lesson starts from.
    pub start: Scenario,
    /// The diagram at the end of each step, in order.
    pub steps: Vec<Scenario>,
}

/// Why a recording cannot become a lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// No step was recorded.
    NoSteps,
    /// The id is not lower-case letters, digits and hyphens.
    BadId(String),
    /// A title or summary is empty in a language.
    MissingText(&'static str),
    /// Step `index` (0-based) changed nothing a goal can check.
    NothingChanged(usize),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::NoSteps => write!(f, "record at least one step"),
            RecordError::BadId(id) => write!(
                f,
                "`{id}` is not an id: use lower-case letters, digits and hyphens"
            ),
            RecordError::MissingText(field) => {
                write!(f, "the {field} needs an English and a Korean text")
            }
            RecordError::NothingChanged(i) => write!(
                f,
                "step {} changes nothing a goal can check: change a link, a setting or a resource",
                i + 1
            ),
        }
    }
}

/// Most run lines a recorded step's checklist gets (records that now reach a place, or no
/// longer do), so that the checklist stays readable.
const RUN_GOALS: usize = 3;

/// The lesson the recording describes, and what `lesson check` would say about it.
pub fn record(recording: &Recording) -> Result<(Lesson, Vec<author::Problem>), RecordError> {
    if recording.steps.is_empty() {
        return Err(RecordError::NoSteps);
    }
    if super::check_id(&recording.id, "id").is_err() {
        return Err(RecordError::BadId(recording.id.clone()));
    }
    for (field, text) in [("title", &recording.title), ("summary", &recording.summary)] {
        if text.en.trim().is_empty() || text.ko.trim().is_empty() {
            return Err(RecordError::MissingText(field));
        }
    }
    let mut steps = Vec::new();
    let mut before = recording.start.clone();
    for (i, after) in recording.steps.iter().enumerate() {
        let solution = solution(&before, after);
        let goals = goals(&before, after, &solution);
        if goals.is_empty() {
            return Err(RecordError::NothingChanged(i));
        }
        steps.push(step(i, goals, solution));
        before = after.clone();
    }
    let lesson = Lesson {
        id: recording.id.clone(),
        title: recording.title.clone(),
        summary: recording.summary.clone(),
        minutes: 5 * steps.len() as u64,
        start: Start::Scenario(Box::new(recording.start.clone())),
        locks: Locks::default(),
        intro: None,
        steps,
        wrong: Vec::new(),
        next: None,
        hash: String::new(),
    };
    let problems = author::audit(&lesson, &recording.start);
    Ok((lesson, problems))
}

/// A recorded step: its checklist is its goal's sentences, and what changed says why it works.
fn step(index: usize, goals: Vec<Goal>, solution: Vec<Change>) -> Step {
    let n = index + 1;
    let sentences = |lang: Lang| -> String {
        goals
            .iter()
            .map(|g| words::sentence(g, lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Step {
        id: format!("step-{n}"),
        title: Tr {
            en: format!("Step {n}"),
            ko: format!("{n}단계"),
        },
        text: Tr {
            en: "Change the diagram until every line of the checklist holds.".into(),
            ko: "체크리스트의 모든 줄이 맞을 때까지 다이어그램을 바꾸세요.".into(),
        },
        explain: Tr {
            en: format!("Now: {}.", sentences(Lang::En)),
            ko: format!("이제 {}.", sentences(Lang::Ko)),
        },
        goal: Goal::All(goals),
        hints: Vec::new(),
        notes: None,
        gate: true,
        solution,
    }
}

// ---------------------------------------------------------------------------------------------
// The solution: the edits that turn `before` into `after`

/// A resource the author can draw, by kind and name (mappings are named by their function).
fn drawn(topology: &Topology) -> Vec<(Kind, String)> {
    topology
        .resources
        .iter()
        .filter(|r| r.kind != Kind::EventSourceMapping)
        .map(|r| (r.kind, r.name.clone()))
        .collect()
}

/// The short reference of a resource; a mapping is named after the function it invokes.
fn reference(scenario: &Scenario, topology: &Topology, id: ResourceId) -> Option<Ref> {
    let resource = topology.get(id);
    if resource.kind != Kind::EventSourceMapping {
        return Some(Ref {
            kind: resource.kind,
            name: resource.name.clone(),
        });
    }
    let mapping = scenario.event_source_mappings.get(resource.index)?;
    let function = topology.find(Kind::Function, &mapping.function_name)?;
    Some(Ref {
        kind: Kind::EventSourceMapping,
        name: topology.name(function).to_string(),
    })
}

fn config(scenario: &Scenario, topology: &Topology, r: &Ref) -> Option<Value> {
    let id = r.resolve(scenario, topology)?;
    edit::copy(scenario, &topology.get(id).arn).map(|e| e.config)
}

/// The edits that turn `before` into `after`, applied one by one on a copy so that each is
/// made where it can be: renames, removals, new resources (without the fields that point at
/// others), new mappings, then every field that differs, then new inputs.
pub(super) fn solution(before: &Scenario, after: &Scenario) -> Vec<Change> {
    let mut work = before.clone();
    let mut changes = Vec::new();
    let mut keep = |work: &mut Scenario, change: Change| make(work, &mut changes, change);
    let after_topology = Topology::build(after);
    let wanted = drawn(&after_topology);
    // Renames: one resource of a kind gone and one come, with the same settings.
    for (kind, old, new) in renames(before, after, &wanted) {
        keep(&mut work, Change::Rename(Ref { kind, name: old }, new));
    }
    // Removals.
    for (kind, name) in drawn(&Topology::build(&work)) {
        if !wanted.contains(&(kind, name.clone())) {
            keep(&mut work, Change::Remove(Ref { kind, name }));
        }
    }
    // New resources, without the fields that point at other resources (set below).
    let present = drawn(&Topology::build(&work));
    for (kind, name) in &wanted {
        if present.contains(&(*kind, name.clone())) {
            continue;
        }
        let r = Ref {
            kind: *kind,
            name: name.clone(),
        };
        let Some(mut config) = config(after, &after_topology, &r) else {
            continue;
        };
        let own_arn = r
            .resolve(after, &after_topology)
            .map(|id| after_topology.get(id).arn.clone());
        if let Some(map) = config.as_object_mut() {
            map.retain(|_, v| !points_elsewhere(v, &after_topology, own_arn.as_deref()));
        }
        let at = own_arn.and_then(|arn| after.layout.get(&arn).copied());
        let kind = *kind;
        keep(&mut work, Change::Add { kind, config, at });
    }
    // New mappings, drawn as a link from the source to the function; mappings gone, removed.
    for link in diagram::links(after, &after_topology) {
        if link.kind != LinkKind::Mapping {
            continue;
        }
        let (Some(from), Some(to)) = (
            reference(after, &after_topology, link.from),
            reference(after, &after_topology, link.to),
        ) else {
            continue;
        };
        let mapping = Ref {
            kind: Kind::EventSourceMapping,
            name: to.name.clone(),
        };
        if mapping.resolve(&work, &Topology::build(&work)).is_none() {
            keep(&mut work, Change::Link(from, LinkKind::Mapping, to));
        }
    }
    let topology = Topology::build(&work);
    let gone: Vec<Ref> = topology
        .of_kind(Kind::EventSourceMapping)
        .filter_map(|id| reference(&work, &topology, id))
        .filter(|mapping| mapping.resolve(after, &after_topology).is_none())
        .collect();
    for mapping in gone {
        keep(&mut work, Change::Remove(mapping));
    }
    // Every field that differs; a field refused now (it points at something set later) is
    // tried again until nothing more can be made.
    let mut pending = field_changes(&work, after, &after_topology);
    loop {
        let count = pending.len();
        pending.retain(|set| !keep(&mut work, set.clone()));
        if pending.is_empty() || pending.len() == count {
            break;
        }
    }
    // New inputs on the timeline.
    if after.inputs.starts_with(&work.inputs) {
        for input in &after.inputs[work.inputs.len()..] {
            keep(&mut work, Change::Send(Box::new(input.clone())));
        }
    }
    changes
}

/// Applies `change` to `work` and keeps it, or leaves both as they were when it is refused.
fn make(work: &mut Scenario, changes: &mut Vec<Change>, change: Change) -> bool {
    match change::apply_all(work, std::slice::from_ref(&change)) {
        Ok(next) => {
            *work = next;
            changes.push(change);
            true
        }
        Err(_) => false,
    }
}

/// Resources renamed between `before` and `after`: of a kind, exactly one gone and one come,
/// whose settings are the same but for the name.
fn renames(
    before: &Scenario,
    after: &Scenario,
    wanted: &[(Kind, String)],
) -> Vec<(Kind, String, String)> {
    let (bt, at) = (Topology::build(before), Topology::build(after));
    let had = drawn(&bt);
    let mut out = Vec::new();
    for kind in had.iter().map(|(k, _)| *k) {
        if out.iter().any(|(k, _, _)| *k == kind) {
            continue;
        }
        let gone: Vec<&String> = had
            .iter()
            .filter(|(k, n)| *k == kind && !wanted.contains(&(*k, n.clone())))
            .map(|(_, n)| n)
            .collect();
        let come: Vec<&String> = wanted
            .iter()
            .filter(|(k, n)| *k == kind && !had.contains(&(*k, n.clone())))
            .map(|(_, n)| n)
            .collect();
        let ([old], [new]) = (gone.as_slice(), come.as_slice()) else {
            continue;
        };
        let old_ref = Ref {
            kind,
            name: (*old).clone(),
        };
        let new_ref = Ref {
            kind,
            name: (*new).clone(),
        };
        let (Some(mut was), Some(is)) =
            (config(before, &bt, &old_ref), config(after, &at, &new_ref))
        else {
            continue;
        };
        let field = edit::name_field(kind);
        was[field] = is[field].clone();
        if was == is {
            out.push((kind, (*old).clone(), (*new).clone()));
        }
    }
    out
}

/// Whether a value holds the ARN of another resource (or a Kafka topic reference): such a field
/// is a link, set once its target exists.
fn points_elsewhere(value: &Value, topology: &Topology, own: Option<&str>) -> bool {
    match value {
        Value::String(s) => {
            s.starts_with("kafka://") || (Some(s.as_str()) != own && topology.by_arn(s).is_some())
        }
        Value::Array(items) => items.iter().any(|v| points_elsewhere(v, topology, own)),
        Value::Object(map) => map.values().any(|v| points_elsewhere(v, topology, own)),
        _ => false,
    }
}

/// Fields of a mapping that say which mapping it is, not how it behaves.
const MAPPING_IDENTITY: &[&str] = &[
    "UUID",
    "FunctionName",
    "EventSourceArn",
    "Topics",
    "SelfManagedEventSource",
];

/// A `set` for every field of every resource whose value in `work` is not its value in `after`.
fn field_changes(work: &Scenario, after: &Scenario, after_topology: &Topology) -> Vec<Change> {
    let topology = Topology::build(work);
    let mut out = Vec::new();
    for id in (0..topology.resources.len()).filter_map(|i| ResourceId::try_from(i).ok()) {
        let Some(r) = reference(work, &topology, id) else {
            continue;
        };
        let (Some(have), Some(want)) = (
            config(work, &topology, &r),
            config(after, after_topology, &r),
        ) else {
            continue;
        };
        let skip: &[&str] = if r.kind == Kind::EventSourceMapping {
            MAPPING_IDENTITY
        } else {
            &[]
        };
        leaf_diff(&have, &want, "", skip, &mut |pointer, value| {
            out.push(Change::Set(r.clone(), pointer, value));
        });
    }
    out
}

/// Calls `found` with the pointer and new value (`null`: removed) of each field that differs,
/// going into objects; a list is one field.
fn leaf_diff(
    have: &Value,
    want: &Value,
    at: &str,
    skip: &[&str],
    found: &mut dyn FnMut(String, Value),
) {
    let (Value::Object(h), Value::Object(w)) = (have, want) else {
        if have != want {
            found(at.to_string(), want.clone());
        }
        return;
    };
    let keys = w.keys().chain(h.keys().filter(|k| !w.contains_key(*k)));
    for key in keys {
        if at.is_empty() && skip.contains(&key.as_str()) {
            continue;
        }
        let pointer = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        match (h.get(key), w.get(key)) {
            (Some(a @ Value::Object(_)), Some(b @ Value::Object(_))) => {
                leaf_diff(a, b, &pointer, skip, found)
            }
            (Some(a), Some(b)) if a == b => {}
            (_, Some(b)) => found(pointer, b.clone()),
            (Some(_), None) => found(pointer, Value::Null),
            (None, None) => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The goal: what the step changed

/// The checklist of a recorded step: links drawn and removed, settings changed (those that are
/// not links), counts of resources that changed, and where the run's records now go or no
/// longer go.
pub(super) fn goals(before: &Scenario, after: &Scenario, solution: &[Change]) -> Vec<Goal> {
    let (bt, at) = (Topology::build(before), Topology::build(after));
    let triples = |s: &Scenario, t: &Topology| -> Vec<(Ref, LinkKind, Ref)> {
        diagram::links(s, t)
            .into_iter()
            .filter_map(|l| {
                let from = match l.via {
                    Some(mapping) if l.kind == LinkKind::MappingOnFailure => mapping,
                    _ => l.from,
                };
                Some((reference(s, t, from)?, l.kind, reference(s, t, l.to)?))
            })
            .collect()
    };
    let (had, has) = (triples(before, &bt), triples(after, &at));
    let mut goals = Vec::new();
    for (from, kind, to) in &has {
        if !had.contains(&(from.clone(), *kind, to.clone())) {
            goals.push(link_goal(from, *kind, to));
        }
    }
    for (from, kind, to) in &had {
        let both_there = from.resolve(after, &at).is_some() && to.resolve(after, &at).is_some();
        if both_there && !has.contains(&(from.clone(), *kind, to.clone())) {
            goals.push(Goal::Not(Box::new(link_goal(from, *kind, to))));
        }
    }
    for change in solution {
        if let Change::Set(of, field, value) = change {
            if !points_elsewhere(value, &at, None) && !is_link_field(field) {
                let test = if value.is_null() {
                    ValueTest::Present(false)
                } else {
                    ValueTest::Equals(value.clone())
                };
                goals.push(Goal::Setting {
                    of: of.clone(),
                    field: field.clone(),
                    test,
                });
            }
        }
    }
    for kind in crate::lesson::goal::DRAWN_KINDS.iter().map(|(_, k)| *k) {
        let (was, is) = (
            bt.of_kind(kind).count() as u64,
            at.of_kind(kind).count() as u64,
        );
        let count = match is.cmp(&was) {
            std::cmp::Ordering::Greater => Range {
                min: Some(is),
                max: None,
            },
            std::cmp::Ordering::Less => Range {
                min: None,
                max: Some(is),
            },
            std::cmp::Ordering::Equal => continue,
        };
        goals.push(Goal::Resources { kind, count });
    }
    goals.extend(run_goals(before, &bt, after, &at));
    goals
}

/// Fields that are links in the diagram (their goals are link lines).
fn is_link_field(pointer: &str) -> bool {
    ["/DestinationConfig", "/DeadLetterConfig", "/RedrivePolicy"]
        .iter()
        .any(|p| pointer.contains(p))
}

fn link_goal(from: &Ref, kind: LinkKind, to: &Ref) -> Goal {
    Goal::Link {
        from: from.clone(),
        kind,
        to: Target::Resource(to.clone()),
    }
}

/// Where the records of a run went: (target, via), each once, in the order of the run.
fn deliveries(scenario: &Scenario, topology: &Topology) -> Vec<(Ref, Via)> {
    let run = simulate(scenario, &RunOptions::default());
    let mut out = Vec::new();
    for event in &run.trace.events {
        if event.what.kind() != "delivered" {
            continue;
        }
        let (Some(target), Some(via)) = (target_of(&event.what), via_of(&event.what)) else {
            continue;
        };
        if via == Via::Input {
            continue;
        }
        if let Some(r) = reference(scenario, topology, target) {
            if !out.contains(&(r.clone(), via)) {
                out.push((r, via));
            }
        }
    }
    out
}

/// Records that now reach a place they did not, and places records no longer reach.
fn run_goals(before: &Scenario, bt: &Topology, after: &Scenario, at: &Topology) -> Vec<Goal> {
    let (had, has) = (deliveries(before, bt), deliveries(after, at));
    let delivered = |target: &Ref, via: Via| Match {
        kind: "delivered",
        target: Some(Target::Resource(target.clone())),
        via: Some(via),
        ..Match::default()
    };
    let now = has
        .iter()
        .filter(|d| !had.contains(d))
        .take(RUN_GOALS)
        .map(|(target, via)| Goal::Events {
            matching: delivered(target, *via),
            count: Range {
                min: Some(1),
                max: None,
            },
        });
    let gone = had
        .iter()
        .filter(|(target, _)| target.resolve(after, at).is_some())
        .filter(|d| !has.contains(d))
        .take(RUN_GOALS)
        .map(|(target, via)| Goal::Events {
            matching: delivered(target, *via),
            count: Range {
                min: None,
                max: Some(0),
            },
        });
    now.chain(gone).collect()
}
