//! The byte-identical check for refactors: writes, to standard output, every gallery scenario
//! (the golden traces' inputs), the benchmark's scenario, 400 seeded random scenarios (the property
//! tests' generator) and, when given a folder, the scenario fixtures the integration tests ran
//! (written there by `tests/common::run_with` when `ENGINE_TRACE_DUMP` names it). Each run is
//! written in full: findings, trace as JSON, narration in English and in Korean.
//!
//! ```sh
//! rm -rf /tmp/fixtures && mkdir /tmp/fixtures
//! ENGINE_TRACE_DUMP=/tmp/fixtures cargo test -p engine -q
//! cargo run -p engine --example trace_dump -- /tmp/fixtures > /tmp/after.txt
//! cmp /tmp/before.txt /tmp/after.txt
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/generate.rs"]
mod generate;
#[path = "../benches/support/generated.rs"]
mod support;

use engine::{simulate, validate, RunOptions, Scenario, Topology};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use std::io::Write;

/// How many random scenarios are written.
const GENERATED: usize = 400;

fn main() {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (name, text) in common::gallery() {
        let name = name.rsplit('/').next().unwrap_or(&name).to_string();
        let (scenario, _, findings) = engine::load(&text).expect("a gallery scenario parses");
        for options in [
            RunOptions::default(),
            RunOptions {
                seed: Some(7),
                ..RunOptions::default()
            },
        ] {
            let run = simulate(&scenario, &options);
            out.write_all(common::dump(&name, &findings, &options, &run).as_bytes())
                .expect("written");
        }
    }
    write_scenario(
        &mut out,
        "bench",
        &support::generated(300, 12),
        &RunOptions::default(),
    );
    let mut runner = TestRunner::deterministic();
    let strategy = generate::scenario();
    for i in 0..GENERATED {
        let scenario = strategy
            .new_tree(&mut runner)
            .expect("a scenario is generated")
            .current();
        write_scenario(
            &mut out,
            &format!("generated {i}"),
            &scenario,
            &generate::options(),
        );
    }
    if let Some(dir) = std::env::args().nth(1) {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the fixtures folder")
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for file in files {
            out.write_all(&std::fs::read(&file).expect("a fixture dump"))
                .expect("written");
        }
    }
}

/// Validates and runs `scenario`, and writes it in full.
fn write_scenario(out: &mut impl Write, label: &str, scenario: &Scenario, options: &RunOptions) {
    let findings = validate(scenario, &Topology::build(scenario));
    let run = simulate(scenario, options);
    out.write_all(common::dump(label, &findings, options, &run).as_bytes())
        .expect("written");
}
