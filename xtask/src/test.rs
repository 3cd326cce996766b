//! `cargo xtask test`: every test layer in order, with a closing summary.

use std::process::ExitCode;
use std::time::Instant;

use crate::e2e::{self, Options};
use crate::error::Result;
use crate::{paths, setup, size, tasks};

struct Step {
    name: &'static str,
    run: fn(&Options) -> Result<()>,
    /// Steps whose failure makes this one pointless (it is then skipped).
    needs: &'static [&'static str],
}

const STEPS: &[Step] = &[
    Step {
        name: "setup",
        run: |_| setup::run(setup::Scope { browser: true }),
        needs: &[],
    },
    Step {
        name: "fmt",
        run: |_| tasks::fmt_check(),
        needs: &["setup"],
    },
    Step {
        name: "clippy (native)",
        run: |_| tasks::clippy_native(),
        needs: &["setup"],
    },
    Step {
        name: "clippy (wasm32)",
        run: |_| tasks::clippy_wasm(),
        needs: &["setup"],
    },
    Step {
        name: "native tests",
        run: |_| tasks::native_tests(),
        needs: &["setup"],
    },
    Step {
        name: "component tests (headless Chromium)",
        run: |_| tasks::component_tests(),
        needs: &["setup"],
    },
    Step {
        name: "dist (release build)",
        run: |_| tasks::dist(),
        needs: &["setup"],
    },
    Step {
        name: "size (every bundle under its ceiling)",
        run: |_| size::report(&paths::dist()),
        needs: &["dist (release build)"],
    },
    Step {
        name: "end-to-end tests (headless Chromium)",
        run: |options| e2e::run(options.repeat),
        needs: &["dist (release build)"],
    },
];

enum Outcome {
    Passed(f64),
    Failed(f64, String),
    Skipped(&'static str),
}

/// Runs all steps; a failed step does not stop independent later ones. With `options.load`, a
/// CPU-heavy job runs beside every step; `options.repeat` runs the end-to-end step that often.
pub fn run(options: Options) -> ExitCode {
    let _load = options.load.then(e2e::Load::start);
    let mut outcomes: Vec<(&str, Outcome)> = Vec::new();
    for (i, step) in STEPS.iter().enumerate() {
        println!("\n==> [{}/{}] {}", i + 1, STEPS.len(), step.name);
        let outcome = match failed_dependency(step, &outcomes) {
            Some(dep) => Outcome::Skipped(dep),
            None => run_step(step, &options),
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

fn run_step(step: &Step, options: &Options) -> Outcome {
    let start = Instant::now();
    let result = (step.run)(options);
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
