//! Runs the benchmark's generated scenario (10,000 async invocations, 50 functions, 30% failures)
//! a few times, for profilers: `valgrind --tool=callgrind target/release/examples/profile_run 1`.

use engine::{simulate, RunOptions, Scenario};

#[path = "../benches/support/generated.rs"]
mod support;
use support::generated;

/// One run, dropped inside, so `--toggle-collect=profile_run::run_once` measures just it.
#[inline(never)]
fn run_once(scenario: &Scenario) -> usize {
    simulate(scenario, &RunOptions::default())
        .trace
        .events
        .len()
}

fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let scenario = generated(10_000, 50);
    let started = std::time::Instant::now();
    let mut events = 0;
    for _ in 0..rounds {
        events = run_once(std::hint::black_box(&scenario));
    }
    let per_run = started.elapsed().as_secs_f64() / f64::from(rounds.max(1));
    println!(
        "{events} events, {:.2} ms per run, {:.0} events/s",
        per_run * 1000.0,
        events as f64 / per_run
    );
}
