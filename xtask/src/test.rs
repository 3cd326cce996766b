//! `cargo xtask test`: every test layer in order, with a closing summary.

use std::process::ExitCode;
use std::time::Instant;

use crate::error::Result;
use crate::{paths, setup, size, tasks};

struct Step {
    name: &'static str,
    run: fn() -> Result<()>,
    /// Steps whose failure makes this one pointless (it is then skipped).
    needs: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        name: "setup",
        run: setup_all,
        needs: &[],
    },
    Step {
        name: "fmt",
        run: tasks::fmt_check,
        needs: &["setup"],
    },
    Step {
        name: "clippy (native)",
        run: tasks::clippy_native,
        needs: &["setup"],
    },
    Step {
        name: "clippy (wasm32)",
        run: tasks::clippy_wasm,
        needs: &["setup"],
    },
    Step {
        name: "native tests",
        run: tasks::native_tests,
        needs: &["setup"],
    },
    Step {
        name: "component tests (headless Chromium)",
        run: tasks::component_tests,
        needs: &["setup"],
    },
    Step {
        name: "dist (release build)",
        run: tasks::dist,
        needs: &["setup"],
    },
    Step {
        name: "size (budget 250 KB gzipped, reported)",
        run: size_budget,
        needs: &["dist (release build)"],
    },
    Step {
        name: "end-to-end tests (headless Chromium)",
        run: tasks::e2e_tests,
        needs: &["dist (release build)"],
    },
];

enum Outcome {
    Passed(f64),
    Failed(f64, String),
    Skipped(&'static str),
}

fn setup_all() -> Result<()> {
    setup::run(setup::Scope { browser: true })
}

fn size_budget() -> Result<()> {
    size::report(&paths::dist(), size::OverBudget::Warn)
}

/// Runs all steps; a failed step does not stop independent later ones.
pub fn run() -> ExitCode {
    let mut outcomes: Vec<(&str, Outcome)> = Vec::new();
    for (i, step) in STEPS.iter().enumerate() {
        println!("\n==> [{}/{}] {}", i + 1, STEPS.len(), step.name);
        let outcome = match failed_dependency(step, &outcomes) {
            Some(dep) => Outcome::Skipped(dep),
            None => run_step(step),
        };
        outcomes.push((step.name, outcome));
    }
    print_summary(&outcomes)
}

fn failed_dependency(step: &Step, done: &[(&str, Outcome)]) -> Option<&'static str> {
    step.needs.iter().copied().find(|dep| {
        done.iter()
            .any(|(name, o)| name == dep && !matches!(o, Outcome::Passed(_)))
    })
}

fn run_step(step: &Step) -> Outcome {
    let start = Instant::now();
    let result = (step.run)();
    let secs = start.elapsed().as_secs_f64();
    match result {
        Ok(()) => Outcome::Passed(secs),
        Err(e) => {
            eprintln!("xtask: step `{}` failed: {e}", step.name);
            Outcome::Failed(secs, e.to_string())
        }
    }
}

fn print_summary(outcomes: &[(&str, Outcome)]) -> ExitCode {
    println!("\n==> summary");
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, outcome) in outcomes {
        match outcome {
            Outcome::Passed(s) => {
                passed += 1;
                println!("  ok      {name} ({s:.1} s)");
            }
            Outcome::Failed(s, e) => {
                failed += 1;
                println!("  FAILED  {name} ({s:.1} s): {e}");
            }
            Outcome::Skipped(dep) => {
                skipped += 1;
                println!("  skipped {name} (needs `{dep}`)");
            }
        }
    }
    let skipped_note = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    println!("xtask: {passed} passed, {failed} failed{skipped_note}");
    if failed + skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
