//! Evaluating goals against a diagram and its complete run. A failed predicate says what the
//! diagram or the run has instead, and which steps and resources to look at.

use super::goal::{Goal, Match, Range, Ref, Target, ValueTest};
use super::{words, Step};
use crate::diagram::{self, Link};
use crate::lang::Lang;
use crate::narrate;
use crate::scenario::Scenario;
use crate::sim::{simulate, RunOptions};
use crate::topology::{Kind, ResourceId, Topology};
use crate::trace::Run;
use crate::trace::{TraceEvent, What};
use serde_json::Value;
use std::cell::OnceCell;

/// One line of a step's checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The goal's sentence: what is checked, in the learner's language.
    pub text: String,
    /// Whether it holds.
    pub passed: bool,
    /// When it does not: what the diagram or the run has instead.
    pub detail: Option<String>,
    /// Steps of the run (event indices) the detail points at.
    pub events: Vec<u32>,
    /// ARNs of the resources the detail points at.
    pub resources: Vec<String>,
}

/// The checklist of one step.
#[derive(Clone, Debug, PartialEq)]
pub struct StepCheck {
    /// The step's id.
    pub id: String,
    /// Whether every item holds.
    pub passed: bool,
    /// One item per goal at the top of the step's `all`, or one for the whole goal.
    pub items: Vec<Item>,
}

/// How many steps a failed check lists at most.
const SHOWN: usize = 2;

/// A diagram, its links and (when a goal asks) its complete run.
pub(super) struct Context<'a> {
    scenario: &'a Scenario,
    topology: Topology,
    links: Vec<Link>,
    run: OnceCell<Run>,
}

/// What evaluating one goal found.
struct Found {
    passed: bool,
    detail: Option<String>,
    events: Vec<u32>,
    resources: Vec<ResourceId>,
}

impl Found {
    fn yes() -> Found {
        Found {
            passed: true,
            detail: None,
            events: Vec::new(),
            resources: Vec::new(),
        }
    }
    fn no(detail: String) -> Found {
        Found {
            passed: false,
            detail: Some(detail),
            events: Vec::new(),
            resources: Vec::new(),
        }
    }
}

impl<'a> Context<'a> {
    pub(super) fn new(scenario: &'a Scenario) -> Context<'a> {
        let topology = Topology::build(scenario);
        let links = diagram::links(scenario, &topology);
        Context {
            scenario,
            topology,
            links,
            run: OnceCell::new(),
        }
    }

    /// The complete run, simulated the first time a goal needs it.
    fn run(&self) -> &Run {
        self.run
            .get_or_init(|| simulate(self.scenario, &RunOptions::default()))
    }

    /// The checklist of `step`.
    pub(super) fn step(&self, step: &Step, lang: Lang) -> StepCheck {
        let goals = match &step.goal {
            Goal::All(goals) => goals.iter().collect(),
            goal => vec![goal],
        };
        let items: Vec<Item> = goals.into_iter().map(|g| self.item(g, lang)).collect();
        StepCheck {
            id: step.id.clone(),
            passed: items.iter().all(|i| i.passed),
            items,
        }
    }

    fn item(&self, goal: &Goal, lang: Lang) -> Item {
        let found = self.eval(goal, lang);
        Item {
            text: words::sentence(goal, lang),
            passed: found.passed,
            detail: found.detail,
            events: found.events,
            resources: found
                .resources
                .iter()
                .map(|&id| self.topology.get(id).arn.clone())
                .collect(),
        }
    }

    /// Whether `goal` holds.
    pub(super) fn holds(&self, goal: &Goal) -> bool {
        self.eval(goal, Lang::En).passed
    }

    fn resolve(&self, r: &Ref) -> Option<ResourceId> {
        r.resolve(self.scenario, &self.topology)
    }

    fn eval(&self, goal: &Goal, lang: Lang) -> Found {
        match goal {
            Goal::All(goals) => goals
                .iter()
                .map(|g| self.eval(g, lang))
                .find(|f| !f.passed)
                .unwrap_or_else(Found::yes),
            Goal::Any(goals) => {
                let found: Vec<Found> = goals.iter().map(|g| self.eval(g, lang)).collect();
                if found.iter().any(|f| f.passed) {
                    Found::yes()
                } else {
                    // What the first alternative lacks is the most useful hint.
                    found.into_iter().next().unwrap_or_else(Found::yes)
                }
            }
            Goal::Not(inner) => {
                if self.eval(inner, lang).passed {
                    Found::no(match lang {
                        Lang::En => "It is so now.".to_string(),
                        Lang::Ko => "지금 그렇게 되어 있습니다.".to_string(),
                    })
                } else {
                    Found::yes()
                }
            }
            Goal::Link { from, kind, to } => {
                let Some(from_id) = self.resolve(from) else {
                    return Found::no(words::missing(from, lang));
                };
                let target_id = match to {
                    Target::Resource(r) => match self.resolve(r) {
                        Some(id) => Some(id),
                        None => return Found::no(words::missing(r, lang)),
                    },
                    Target::Kind(_) => None,
                };
                let reaches = |l: &&Link| {
                    let start = if from.kind == Kind::EventSourceMapping {
                        l.via == Some(from_id)
                    } else {
                        l.from == from_id
                    };
                    start && l.kind == *kind
                };
                let going: Vec<&Link> = self.links.iter().filter(reaches).collect();
                let fits = |l: &&&Link| match to {
                    Target::Resource(_) => Some(l.to) == target_id,
                    Target::Kind(k) => self.topology.get(l.to).kind == *k,
                };
                if going.iter().any(|l| fits(&l)) {
                    return Found::yes();
                }
                let names: Vec<String> = going
                    .iter()
                    .map(|l| {
                        let r = self.topology.get(l.to);
                        words::named(r.kind, &r.name, lang)
                    })
                    .collect();
                let mut found = Found::no(words::links_now(&from.name, *kind, &names, lang));
                found.resources = std::iter::once(from_id)
                    .chain(going.iter().map(|l| l.to))
                    .collect();
                found
            }
            Goal::Setting { of, field, test } => {
                let Some(id) = self.resolve(of) else {
                    return Found::no(words::missing(of, lang));
                };
                let arn = &self.topology.get(id).arn;
                let value = crate::edit::get(self.scenario, arn, field);
                let passed = match (test, &value) {
                    (ValueTest::Equals(want), Some(v)) => same(want, v),
                    (ValueTest::Equals(_), None) => false,
                    (ValueTest::Between(min, max), Some(v)) => v
                        .as_f64()
                        .is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
                    (ValueTest::Between(..), None) => false,
                    (ValueTest::Present(p), v) => *p == v.is_some(),
                };
                if passed {
                    Found::yes()
                } else {
                    let mut found = Found::no(words::now_value(value.as_ref(), lang));
                    found.resources = vec![id];
                    found
                }
            }
            Goal::Resources { kind, count } => {
                let n = self.topology.of_kind(*kind).count();
                counted(n, *count, lang)
            }
            Goal::Links { kind, count } => {
                let n = self.links.iter().filter(|l| l.kind == *kind).count();
                counted(n, *count, lang)
            }
            Goal::Events { matching, count } => self.events(matching, *count, lang),
            Goal::Before { first, then } => {
                let missing = [first, then]
                    .into_iter()
                    .find_map(|m| Matcher::new(self, m).missing);
                if let Some(missing) = missing {
                    return Found::no(words::missing(missing, lang));
                }
                let run = self.run();
                let firsts = self.matching(run, first, true);
                let thens = self.matching(run, then, true);
                match (firsts.first(), thens.last()) {
                    (None, _) => Found::no(words::order_missing(first, lang)),
                    (_, None) => Found::no(words::order_missing(then, lang)),
                    (Some(a), Some(b)) if a < b => Found::yes(),
                    (Some(&a), Some(&b)) => {
                        let detail = words::order_reversed(
                            first,
                            a as usize + 1,
                            then,
                            b as usize + 1,
                            lang,
                        );
                        let mut found = Found::no(detail);
                        found.events = vec![b, a];
                        found
                    }
                }
            }
        }
    }

    /// Indices of the events of `run` that `m` matches; `strict` false ignores every field but
    /// the kind (to find what came closest).
    fn matching(&self, run: &Run, m: &Match, strict: bool) -> Vec<u32> {
        let matcher = Matcher::new(self, m);
        run.trace
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.what.kind() == m.kind)
            .filter(|(_, e)| !strict || matcher.all(run, e))
            .map(|(i, _)| i as u32)
            .collect()
    }

    fn events(&self, m: &Match, count: Range, lang: Lang) -> Found {
        let run = self.run();
        let matcher = Matcher::new(self, m);
        if let Some(missing) = matcher.missing {
            return Found::no(words::missing(missing, lang));
        }
        let hits = self.matching(run, m, true);
        if count.holds(hits.len() as u64) {
            return Found::yes();
        }
        let mut detail = words::found(hits.len(), lang);
        let shown: Vec<u32> = if count.max.is_some_and(|max| hits.len() as u64 > max) {
            detail.push(' ');
            detail.push_str(words::these(lang));
            hits.iter().take(SHOWN).copied().collect()
        } else {
            // Too few: the events that match on all but the fewest fields came closest.
            let near = matcher.closest(run, &hits);
            if !near.is_empty() {
                detail.push(' ');
                detail.push_str(words::instead(lang));
            }
            near
        };
        for &i in &shown {
            detail.push(' ');
            let narration = narrate::sentence(run, i as usize, lang);
            detail.push_str(&words::step_line(i as usize + 1, &narration, lang));
        }
        let mut resources: Vec<ResourceId> = Vec::new();
        for e in shown
            .iter()
            .filter_map(|&i| run.trace.events.get(i as usize))
        {
            // A delivery happens at its target: name each resource once.
            for id in [Some(e.resource), target_of(&e.what)].into_iter().flatten() {
                if !resources.contains(&id) {
                    resources.push(id);
                }
            }
        }
        Found {
            passed: false,
            detail: Some(detail),
            events: shown,
            resources,
        }
    }
}

/// A match with its references resolved once.
struct Matcher<'m> {
    m: &'m Match,
    resource: Option<ResourceId>,
    target: Option<ResourceId>,
    target_kind: Option<Kind>,
    topology: &'m Topology,
    /// A reference that names nothing in the diagram.
    missing: Option<&'m Ref>,
}

impl<'m> Matcher<'m> {
    fn new(context: &'m Context, m: &'m Match) -> Matcher<'m> {
        let mut missing = None;
        let mut resolve = |r: &'m Ref| {
            let id = context.resolve(r);
            if id.is_none() {
                missing = Some(r);
            }
            id
        };
        let resource = m.resource.as_ref().and_then(&mut resolve);
        let (target, target_kind) = match &m.target {
            Some(Target::Resource(r)) => (resolve(r), None),
            Some(Target::Kind(k)) => (None, Some(*k)),
            None => (None, None),
        };
        Matcher {
            m,
            resource,
            target,
            target_kind,
            topology: &context.topology,
            missing,
        }
    }

    /// The fields of the match an event fails, out of the six a match can name.
    fn misses(&self, run: &Run, e: &TraceEvent) -> usize {
        let m = self.m;
        let mut misses = 0;
        if m.resource.is_some() && Some(e.resource) != self.resource {
            misses += 1;
        }
        if m.target.is_some() {
            let to = target_of(&e.what);
            let fits = match self.target_kind {
                Some(kind) => to.is_some_and(|t| self.topology.get(t).kind == kind),
                None => to.is_some() && to == self.target,
            };
            misses += usize::from(!fits);
        }
        if m.via.is_some() && via_of(&e.what) != m.via {
            misses += 1;
        }
        if m.condition.is_some() && condition_of(&e.what) != m.condition {
            misses += 1;
        }
        if !m.body.is_empty() && !body_fits(run, e, &m.body) {
            misses += 1;
        }
        if m.within_ms.is_some_and(|ms| e.at > ms) {
            misses += 1;
        }
        misses
    }

    fn all(&self, run: &Run, e: &TraceEvent) -> bool {
        self.misses(run, e) == 0
    }

    /// Up to [`SHOWN`] events of the kind that miss the fewest fields (not already `hits`).
    fn closest(&self, run: &Run, hits: &[u32]) -> Vec<u32> {
        let candidates: Vec<(usize, u32)> = run
            .trace
            .events
            .iter()
            .enumerate()
            .filter(|(i, e)| e.what.kind() == self.m.kind && !hits.contains(&(*i as u32)))
            .map(|(i, e)| (self.misses(run, e), i as u32))
            .collect();
        let Some(fewest) = candidates.iter().map(|(n, _)| *n).min() else {
            return Vec::new();
        };
        candidates
            .into_iter()
            .filter(|(n, _)| *n == fewest)
            .map(|(_, i)| i)
            .take(SHOWN)
            .collect()
    }
}

pub(super) fn target_of(what: &What) -> Option<ResourceId> {
    match what {
        What::Delivered { target, .. }
        | What::DeliveryFailed { target, .. }
        | What::DestinationChosen { target, .. }
        | What::MessageRedriven { target, .. } => Some(*target),
        _ => None,
    }
}

pub(super) fn via_of(what: &What) -> Option<crate::trace::Via> {
    match what {
        What::Delivered { via, .. }
        | What::DeliveryFailed { via, .. }
        | What::DestinationChosen { via, .. } => Some(*via),
        What::MessageRedriven { .. } => Some(crate::trace::Via::Redrive),
        _ => None,
    }
}

fn condition_of(what: &What) -> Option<crate::record::Condition> {
    match what {
        What::DestinationChosen { condition, .. } | What::BatchDiscarded { condition, .. } => {
            Some(*condition)
        }
        _ => None,
    }
}

/// Whether the body the event carries has every field at its pointer with its value. A body
/// that is not JSON has no fields.
fn body_fits(run: &Run, e: &TraceEvent, fields: &[(String, Value)]) -> bool {
    let body = match &e.what {
        What::Delivered { body, .. } | What::MessageSent { body, .. } => *body,
        What::BusEventPut { event, .. } => *event,
        What::InvokeCalled { payload, .. } | What::SyncResponse { payload, .. } => *payload,
        _ => return false,
    };
    let Ok(parsed) = serde_json::from_str::<Value>(run.trace.body(body)) else {
        return false;
    };
    fields
        .iter()
        .all(|(pointer, want)| parsed.pointer(pointer).is_some_and(|v| same(want, v)))
}

/// JSON equality where numbers compare by value (`3` equals `3.0`).
fn same(want: &Value, have: &Value) -> bool {
    match (want.as_f64(), have.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => want == have,
    }
}

fn counted(n: usize, count: Range, lang: Lang) -> Found {
    if count.holds(n as u64) {
        Found::yes()
    } else {
        Found::no(words::count_now(n, lang))
    }
}
