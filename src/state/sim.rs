//! The simulated run of the learner's scenario, and what is derived from it once.

use super::{State, MAX_EVENTS_IN_APP};
use engine::diagram::{self, Link};
use engine::scenario::{Outcome, Scenario};
use engine::topology::ResourceId;
use engine::trace::{Via, What};
use engine::{simulate, validate, Finding, Run, RunOptions, Timeline, Topology, World};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A run and everything derived from it once.
pub struct Sim {
    /// The trace and topology.
    pub run: Run,
    /// Snapshots for seeking.
    pub timeline: Timeline,
    /// Links of the diagram.
    pub links: Vec<Link>,
    /// What AWS would say about the configuration.
    pub findings: Vec<Finding>,
    /// Indices of decision events (for jumping).
    pub decisions: Vec<usize>,
}

impl Sim {
    /// Validates and simulates `scenario`.
    pub fn new(scenario: &Scenario) -> Sim {
        let topology = Topology::build(scenario);
        let findings = validate(scenario, &topology);
        let links = diagram::links_with_qualifiers(scenario, &topology);
        let run = simulate(
            scenario,
            &RunOptions {
                max_events: Some(MAX_EVENTS_IN_APP),
                ..RunOptions::default()
            },
        );
        let timeline = Timeline::new(&run);
        let decisions = run
            .trace
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.what.is_decision())
            .map(|(i, _)| i)
            .collect();
        Sim {
            run,
            timeline,
            links,
            findings,
            decisions,
        }
    }

    /// Number of events in the run.
    pub fn len(&self) -> usize {
        self.run.trace.events.len()
    }

    /// True when the run recorded nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the run's results went, for the summary at its end: each target a destination, a
    /// dead-letter queue or a redrive delivered to, how, and how many times, in the order they
    /// were first reached.
    pub fn results(&self) -> Vec<(ResourceId, Via, usize)> {
        let mut results: Vec<(ResourceId, Via, usize)> = Vec::new();
        for event in &self.run.trace.events {
            let What::Delivered { target, via, .. } = &event.what else {
                continue;
            };
            let (target, via) = (*target, *via);
            if !matches!(
                via,
                Via::OnSuccess
                    | Via::OnFailure
                    | Via::MappingOnFailure
                    | Via::DeadLetterQueue
                    | Via::Redrive
            ) {
                continue;
            }
            match results.iter_mut().find(|r| r.0 == target && r.1 == via) {
                Some(result) => result.2 += 1,
                None => results.push((target, via, 1)),
            }
        }
        results
    }

    /// The world after `applied` events.
    pub fn world(&self, applied: usize) -> World {
        self.timeline.world_after(&self.run, applied)
    }
}

/// What the learner chose for a function in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Whatever the scenario scripts.
    Scripted,
    /// Every attempt succeeds.
    Succeed,
    /// Every attempt throws.
    Fail,
    /// Every attempt times out.
    Timeout,
    /// Every attempt is throttled.
    Throttle,
}

impl Behaviour {
    /// All choices, in menu order.
    pub const ALL: [Behaviour; 5] = [
        Behaviour::Scripted,
        Behaviour::Succeed,
        Behaviour::Fail,
        Behaviour::Timeout,
        Behaviour::Throttle,
    ];

    /// Stable value for forms and tests.
    pub fn value(self) -> &'static str {
        match self {
            Behaviour::Scripted => "scripted",
            Behaviour::Succeed => "succeed",
            Behaviour::Fail => "fail",
            Behaviour::Timeout => "timeout",
            Behaviour::Throttle => "throttle",
        }
    }

    /// From [`Behaviour::value`].
    pub fn from_value(value: &str) -> Behaviour {
        Behaviour::ALL
            .into_iter()
            .find(|b| b.value() == value)
            .unwrap_or(Behaviour::Scripted)
    }

    fn apply(self, behavior: &mut engine::scenario::Behavior) {
        let outcome = match self {
            Behaviour::Scripted => return,
            Behaviour::Succeed => Outcome::Ok,
            Behaviour::Fail => Outcome::Error {
                error_type: "Error".into(),
                error_message: "Simulated failure".into(),
            },
            Behaviour::Timeout => Outcome::Timeout,
            Behaviour::Throttle => Outcome::Throttle,
        };
        behavior.outcome = outcome;
        behavior.attempts.clear();
        behavior.when.clear();
        behavior.error_rate = 0.0;
        behavior.fail_records = None;
    }
}

/// How the current run differs from the kept one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The first step (1-based) where the runs part, if they do.
    pub first_difference: Option<usize>,
    /// Per target that received anything in either run: (name, kept count, current count).
    pub deliveries: Vec<(String, usize, usize)>,
}

/// Compares two runs of the same scenario: where they part, and what each target received.
pub fn difference(kept: &Sim, current: &Sim) -> Difference {
    let (a, b) = (&kept.run.trace, &current.run.trace);
    let first_difference = (0..a.events.len().max(b.events.len()))
        .find(|&i| match (a.events.get(i), b.events.get(i)) {
            (Some(x), Some(y)) => {
                x.at != y.at || x.resource != y.resource || x.what.kind() != y.what.kind()
            }
            _ => true,
        })
        .map(|i| i + 1);
    let count = |sim: &Sim| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for e in &sim.run.trace.events {
            if let engine::trace::What::Delivered { target, via, .. } = e.what {
                if via != engine::trace::Via::Input {
                    *counts
                        .entry(sim.run.topology.name(target).to_string())
                        .or_default() += 1;
                }
            }
        }
        counts
    };
    let (before, after) = (count(kept), count(current));
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let deliveries = names
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                before.get(n).copied().unwrap_or(0),
                after.get(n).copied().unwrap_or(0),
            )
        })
        .collect();
    Difference {
        first_difference,
        deliveries,
    }
}

impl State {
    pub(super) fn resimulate(&mut self) {
        self.resimulate_keeping(0);
    }

    /// Re-runs the scenario with the learner's changes and shows the first `step` events.
    pub(super) fn resimulate_keeping(&mut self, step: usize) {
        let mut scenario = (*self.base).clone();
        for (&index, &behaviour) in &self.overrides {
            if let Some(function) = scenario.functions.get_mut(index) {
                behaviour.apply(&mut function.behavior);
            }
        }
        scenario.inputs.extend(self.added.iter().cloned());
        self.sim = Rc::new(Sim::new(&scenario));
        self.scenario = Rc::new(scenario);
        self.step = step.min(self.sim.len());
        self.playing = false;
    }
}
