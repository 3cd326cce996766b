//! The byte-identical check for the scenario reader and writer: reads every JSON file of the
//! repository's `static/`, the engine's tests and the benchmark fixtures (and every scenario
//! nested in them, such as a lesson's), 400 seeded random scenarios and, when given a folder,
//! the scenarios the integration tests ran (`ENGINE_TRACE_DUMP`, see `trace_dump.rs`), and writes
//! each as pretty JSON, compact JSON and a `serde_json::Value`, or its read error.
//!
//! ```sh
//! cargo run -p engine --example write_dump -- /tmp/fixtures > /tmp/before.txt
//! # change the reader or writer, then
//! cargo run -p engine --example write_dump -- /tmp/fixtures > /tmp/after.txt
//! cmp /tmp/before.txt /tmp/after.txt
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/generate.rs"]
mod generate;

use engine::Scenario;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::Value;
use std::io::Write;

fn both(out: &mut impl Write, label: &str, text: &str) {
    match Scenario::from_json(text) {
        Ok(s) => {
            writeln!(out, "=== {label}\n{}", s.to_json_pretty()).unwrap();
            writeln!(out, "{}", serde_json::to_string(&s).unwrap()).unwrap();
            writeln!(out, "{:?}", serde_json::to_value(&s).unwrap()).unwrap();
        }
        Err(e) => writeln!(out, "=== {label}\nerror {e:?}").unwrap(),
    }
}

fn nested(out: &mut impl Write, label: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("version") {
                both(out, label, &value.to_string());
                let typed: Result<Scenario, _> = serde_json::from_value(value.clone());
                match typed {
                    Ok(s) => writeln!(out, "typed {}", serde_json::to_string(&s).unwrap()).unwrap(),
                    Err(e) => writeln!(out, "typed error {e}").unwrap(),
                }
            }
            for (k, v) in map {
                nested(out, &format!("{label}.{k}"), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                nested(out, &format!("{label}[{i}]"), v);
            }
        }
        _ => {}
    }
}

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if !p.ends_with("node_modules") && !p.ends_with("target") && !p.ends_with(".git") {
                files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn main() {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut all = Vec::new();
    for dir in ["static", "crates/engine/tests", "tests/e2e/bench/fixtures"] {
        files(&root.join(dir), &mut all);
    }
    all.sort();
    for file in all {
        let text = std::fs::read_to_string(&file).unwrap();
        let label = file.strip_prefix(&root).unwrap().display().to_string();
        both(&mut out, &label, &text);
        if let Ok(value) = serde_json::from_str::<Value>(&text) {
            nested(&mut out, &label, &value);
        }
    }
    let mut runner = TestRunner::deterministic();
    let strategy = generate::scenario();
    for i in 0..400 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        let text = s.to_json_pretty();
        writeln!(out, "=== generated {i}\n{text}").unwrap();
        both(&mut out, "reread", &text);
    }
    if let Some(dir) = std::env::args().nth(1) {
        let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        fixtures.sort();
        for f in fixtures {
            let text = std::fs::read_to_string(&f).unwrap();
            let json = text
                .strip_prefix("=== ")
                .and_then(|t| t.split("\nfindings: ").next())
                .unwrap();
            both(&mut out, &f.display().to_string(), json);
        }
    }
}
