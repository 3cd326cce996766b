//! Runs the benchmark's generated scenario (10,000 async invocations, 50 functions, 30% failures)
//! a few times, for profilers: `valgrind --tool=callgrind target/release/examples/profile_run 1`.

use engine::{simulate, RunOptions, Scenario};
use serde_json::json;

fn generated(invocations: usize, functions: usize) -> Scenario {
    let account = "123456789012";
    let fns: Vec<_> = (0..functions)
        .map(|i| {
            json!({
                "FunctionName": format!("f{i}"),
                "behavior": {"errorRate": 0.3, "durationMs": 50, "response": {"ok": true}},
                "EventInvokeConfig": {"DestinationConfig": {
                    "OnSuccess": {"Destination": format!("arn:aws:sqs:us-east-2:{account}:ok{}", i % 10)},
                    "OnFailure": {"Destination": format!("arn:aws:sns:us-east-2:{account}:failed{}", i % 10)}
                }}
            })
        })
        .collect();
    let queues: Vec<_> = (0..10)
        .map(|i| json!({"QueueName": format!("ok{i}")}))
        .collect();
    let topics: Vec<_> = (0..10)
        .map(|i| json!({"TopicName": format!("failed{i}")}))
        .collect();
    let inputs: Vec<_> = (0..invocations)
        .map(|i| json!({"type": "invoke", "at": i * 7, "FunctionName": format!("f{}", i % functions), "InvocationType": "Event", "Payload": {"n": i}}))
        .collect();
    let text = json!({"version": 1, "seed": 42, "functions": fns, "queues": queues, "topics": topics, "inputs": inputs}).to_string();
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("generated scenario: {e}"))
}

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
