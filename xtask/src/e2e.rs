//! The end-to-end step, run once or many times (`--repeat N`) to shake out flaky tests, and the
//! CPU load (`--load`) that can run beside it.

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use crate::cmd::Cmd;
use crate::error::{Context, Error, Result};
use crate::{paths, server};

/// How the end-to-end step runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many times the whole end-to-end suite runs (at least 1).
    pub repeat: u32,
    /// Whether a CPU-heavy job runs beside the tests.
    pub load: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            repeat: 1,
            load: false,
        }
    }
}

/// `node --test tests/e2e/` against dist/ served on a free local port, `repeat` times. Every run
/// goes to its end; then each test that failed at least once is listed with how often, and the
/// step fails if any did.
pub fn run(repeat: u32) -> Result<()> {
    let base_url = server::serve_in_background(&paths::dist())?;
    let report = paths::root().join("target").join("e2e-report.tap");
    if let Some(dir) = report.parent() {
        fs::create_dir_all(dir).context(|| format!("creating {}", dir.display()))?;
    }
    let mut failed: BTreeMap<String, u32> = BTreeMap::new();
    let mut failed_runs = 0;
    for run in 1..=repeat {
        if repeat > 1 {
            println!("==> end-to-end run {run} of {repeat}");
        }
        let _ = fs::remove_file(&report);
        let outcome = Cmd::new("node")
            .env("BASE_URL", &base_url)
            .args([
                "--test",
                "--test-reporter=spec",
                "--test-reporter-destination=stdout",
                "--test-reporter=tap",
            ])
            .arg(format!("--test-reporter-destination={}", report.display()))
            .arg("tests/e2e/")
            .run();
        let tap = fs::read_to_string(&report).unwrap_or_default();
        let mut names = failed_tests(&tap);
        if outcome.is_err() && names.is_empty() {
            names.push("(the test runner itself failed; see its output above)".into());
        }
        if !names.is_empty() {
            failed_runs += 1;
        }
        for name in names {
            *failed.entry(name).or_default() += 1;
        }
    }
    if repeat > 1 {
        println!("==> end-to-end: {failed_runs} of {repeat} runs had a failure");
    }
    if failed.is_empty() {
        return Ok(());
    }
    for (name, times) in &failed {
        println!("  failed {times} of {repeat}: {name}");
    }
    Err(Error::msg(format!(
        "{} end-to-end test(s) failed at least once in {repeat} run(s)",
        failed.len()
    )))
}

/// The names of the tests a TAP report (node's `tap` reporter) marks `not ok`, in order, each once.
pub fn failed_tests(tap: &str) -> Vec<String> {
    let mut failed: Vec<String> = Vec::new();
    for line in tap.lines() {
        let Some(rest) = line.trim_start().strip_prefix("not ok ") else {
            continue;
        };
        let name = rest.split_once(" - ").map_or(rest, |(_, name)| name);
        let name = name.split(" # ").next().unwrap_or(name).replace("\\#", "#");
        if !failed.contains(&name) {
            failed.push(name);
        }
    }
    failed
}

/// A CPU-heavy job on every core, as a build running beside the tests would be. It stops when
/// dropped.
pub struct Load {
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl Load {
    pub fn start() -> Self {
        let cores = thread::available_parallelism().map_or(2, usize::from);
        println!("==> load: {cores} busy threads beside the tests");
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..cores)
            .map(|_| {
                let stop = Arc::clone(&stop);
                thread::spawn(move || churn(&stop))
            })
            .collect();
        Self { stop, workers }
    }
}

/// Mixes a 4 MiB buffer, touching memory as a compiler does, until told to stop.
fn churn(stop: &AtomicBool) {
    let mut buffer = vec![0u64; 1 << 19];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    while !stop.load(Ordering::Relaxed) {
        for word in buffer.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *word = word.wrapping_add(state);
        }
        black_box(&buffer);
    }
}

impl Drop for Load {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "\
TAP version 13
# Subtest: the playground works under a sub-path of a site
ok 1 - the playground works under a sub-path of a site
# Subtest: the playground works inside an iframe of another page
not ok 2 - the playground works inside an iframe of another page
  ---
  duration_ms: 15000
  ...
# Subtest: a group
    # Subtest: a \\# sign in a name
    not ok 1 - a \\# sign in a name # TODO
not ok 3 - a group
not ok 4 - the playground works inside an iframe of another page
1..4
";

    #[test]
    fn a_report_lists_each_failed_test_once() {
        assert_eq!(
            failed_tests(REPORT),
            [
                "the playground works inside an iframe of another page",
                "a # sign in a name",
                "a group",
            ]
        );
    }

    #[test]
    fn a_report_where_everything_passed_lists_nothing() {
        assert!(
            failed_tests("TAP version 13\n# Subtest: a.mjs\n    ok 1 - x\nok 1 - a.mjs\n")
                .is_empty()
        );
    }
}
