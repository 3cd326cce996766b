//! Shared by the spec tests: load a scenario, insist AWS would accept it, run it.

use engine::{simulate, Run, RunOptions, Severity};

/// Parses, validates (no errors allowed) and simulates `json`.
pub fn run(json: &str) -> Run {
    let (scenario, _, findings) =
        engine::load(json).unwrap_or_else(|e| panic!("scenario parses: {e}"));
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:?}"
    );
    simulate(&scenario, &RunOptions::default())
}
