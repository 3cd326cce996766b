//! The routing core of the Lambda Destinations Playground: a deterministic simulator of AWS
//! Lambda's invocation paths (synchronous, asynchronous, event source mappings), destinations and
//! dead-letter queues.
//!
//! The engine is sans-IO: no clock, no threads, no DOM, and no randomness outside the scenario's
//! seed. The same scenario and seed give the same trace on every machine, natively and in wasm.
//!
//! The flow is: [`Scenario::from_json`] → [`validate::validate`] → [`simulate`] → a [`Run`] whose
//! [`Trace`] the app plays back, with [`World`] snapshots at any step and sentences from
//! [`narrate`].

pub mod assumptions;
pub mod aws;
pub mod awscli;
pub mod clock;
pub mod compare;
pub mod diagram;
pub mod edit;
pub mod export;
pub mod import;
pub mod korean;
pub mod lang;
pub mod lesson;
pub mod narrate;
pub mod pattern;
pub mod picture;
pub mod qualifier;
pub mod record;
pub mod rng;
pub mod rules;
pub mod scenario;
pub mod share;
pub mod sim;
pub mod topology;
pub mod trace;
pub mod validate;
pub mod world;

pub use rules::RuleId;
pub use scenario::Scenario;
pub use sim::{simulate, RunOptions, Simulation};
pub use topology::{Kind, Topology};
pub use trace::{Run, Trace, TraceEvent, What};
pub use validate::{validate, Finding, Severity};
pub use world::{Timeline, World};

/// Reads, validates and simulates a scenario document in one call.
pub fn load(text: &str) -> Result<(Scenario, Topology, Vec<Finding>), scenario::ParseError> {
    let scenario = Scenario::from_json(text)?;
    let topology = Topology::build(&scenario);
    let findings = validate(&scenario, &topology);
    Ok((scenario, topology, findings))
}
