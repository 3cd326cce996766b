//! Property tests over random scenarios: the same seed gives the same trace, nothing panics, and
//! every asynchronous event ends exactly once. Random text never makes the parser panic.

use engine::trace::What;
use engine::{simulate, RunOptions, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

const QUEUE: &str = "arn:aws:sqs:us-east-2:123456789012";
const TOPIC: &str = "arn:aws:sns:us-east-2:123456789012";

fn outcome() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "ok"})),
        Just(json!({"type": "error", "errorType": "Error", "errorMessage": "boom"})),
        Just(json!({"type": "timeout"})),
        Just(json!({"type": "throttle"})),
    ]
}

fn function(index: usize) -> impl Strategy<Value = Value> {
    (
        outcome(),
        prop::collection::vec(outcome(), 0..3),
        0.0f64..1.0,
        0i64..=2,
        prop_oneof![Just(60i64), Just(90), Just(21_600)],
        prop::option::of(0usize..3),
        prop::option::of(0usize..3),
        prop::option::of(0i64..3),
        any::<bool>(),
    )
        .prop_map(move |(outcome, attempts, error_rate, retries, age, success, failure, reserved, dlq)| {
            let mut destinations = serde_json::Map::new();
            if let Some(q) = success {
                destinations.insert("OnSuccess".into(), json!({"Destination": format!("{QUEUE}:q{q}")}));
            }
            if let Some(t) = failure {
                destinations.insert("OnFailure".into(), json!({"Destination": format!("{TOPIC}:t{t}")}));
            }
            let mut f = json!({
                "FunctionName": format!("f{index}"),
                "Timeout": 1,
                "behavior": {"outcome": outcome, "attempts": attempts, "errorRate": error_rate, "durationMs": 300},
                "EventInvokeConfig": {"MaximumRetryAttempts": retries, "MaximumEventAgeInSeconds": age, "DestinationConfig": destinations},
            });
            if let (Some(r), Some(map)) = (reserved, f.as_object_mut()) {
                map.insert("ReservedConcurrentExecutions".into(), json!(r));
            }
            if let (true, Some(map)) = (dlq, f.as_object_mut()) {
                map.insert("DeadLetterConfig".into(), json!({"TargetArn": format!("{QUEUE}:q0")}));
            }
            f
        })
}

fn input(functions: usize) -> impl Strategy<Value = Value> {
    let function = (0..functions).prop_map(|i| format!("f{i}"));
    prop_oneof![
        (0u64..300_000, function.clone(), prop_oneof![Just("Event"), Just("RequestResponse"), Just("DryRun")])
            .prop_map(|(at, f, t)| json!({"type": "invoke", "at": at, "FunctionName": f, "InvocationType": t, "Payload": {"at": at}})),
        (0u64..300_000, 0usize..3).prop_map(|(at, q)| json!({"type": "sendMessage", "at": at, "QueueName": format!("q{q}"), "MessageBody": "hello"})),
        (0u64..300_000, 0usize..3).prop_map(|(at, p)| json!({"type": "putRecord", "at": at, "StreamName": "s", "PartitionKey": format!("k{p}"), "Data": {"bad": p == 0}})),
        (0u64..300_000, function.clone()).prop_map(|(at, f)| json!({"type": "failNext", "at": at, "FunctionName": f, "Outcome": {"type": "error"}})),
        (0u64..300_000, function).prop_map(|(at, f)| json!({"type": "setReservedConcurrency", "at": at, "FunctionName": f, "ReservedConcurrentExecutions": 0})),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..4)
        .prop_flat_map(|n| {
            (
                (0..n).map(function).collect::<Vec<_>>(),
                prop::collection::vec(input(n), 1..12),
                any::<u64>(),
                0i64..=3,
                any::<bool>(),
            )
        })
        .prop_map(|(functions, inputs, seed, retries, bisect)| {
            let json = json!({
                "version": 1,
                "seed": seed,
                "functions": functions,
                "queues": [
                    {"QueueName": "q0", "VisibilityTimeout": 5, "RedrivePolicy": {"deadLetterTargetArn": format!("{QUEUE}:q2"), "maxReceiveCount": 2}},
                    {"QueueName": "q1"}, {"QueueName": "q2"}
                ],
                "topics": [{"TopicName": "t0", "Subscriptions": [{"Protocol": "sqs", "Endpoint": format!("{QUEUE}:q1")}]}, {"TopicName": "t1"}, {"TopicName": "t2"}],
                "kinesisStreams": [{"StreamName": "s", "ShardCount": 2}],
                "eventSourceMappings": [
                    {"FunctionName": "f0", "EventSourceArn": format!("{QUEUE}:q0")},
                    {"FunctionName": "f0", "EventSourceArn": "arn:aws:kinesis:us-east-2:123456789012:stream/s", "StartingPosition": "TRIM_HORIZON",
                     "MaximumRetryAttempts": retries, "BisectBatchOnFunctionError": bisect, "BatchSize": 5, "MaximumBatchingWindowInSeconds": 1,
                     "DestinationConfig": {"OnFailure": {"Destination": format!("{QUEUE}:q1")}}}
                ],
                "inputs": inputs,
            });
            Scenario::from_json(&json.to_string()).unwrap_or_else(|e| panic!("generated scenario parses: {e}\n{json}"))
        })
}

fn options() -> RunOptions {
    RunOptions {
        max_events: Some(20_000),
        ..RunOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_same_seed_gives_the_same_trace(scenario in scenario()) {
        let a = simulate(&scenario, &options());
        let b = simulate(&scenario, &options());
        prop_assert_eq!(serde_json::to_string(&a.trace).ok(), serde_json::to_string(&b.trace).ok());
    }

    #[test]
    fn every_async_event_ends_exactly_once(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        prop_assume!(!run.capped);
        let mut accepted = std::collections::HashMap::new();
        for e in &run.trace.events {
            match e.what {
                What::AsyncAccepted => *accepted.entry(e.request).or_insert(0i32) += 1,
                What::AsyncCompleted | What::AsyncDropped => *accepted.entry(e.request).or_insert(0) -= 1,
                _ => {}
            }
        }
        for (request, open) in accepted {
            prop_assert_eq!(open, 0, "request {:?} did not end exactly once", request);
        }
    }

    #[test]
    fn a_world_snapshot_at_any_step_equals_folding_the_trace_to_it(scenario in scenario(), at in 0.0f64..1.0) {
        let run = simulate(&scenario, &options());
        let timeline = engine::Timeline::new(&run);
        let step = (run.trace.events.len() as f64 * at) as usize;
        let mut folded = engine::World::empty(run.topology.resources.len());
        let kinds: Vec<engine::Kind> = run.topology.resources.iter().map(|r| r.kind).collect();
        for _ in 0..step {
            folded.apply(&run.trace, &kinds);
        }
        prop_assert_eq!(timeline.world_after(&run, step), folded);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,200}") {
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn mutated_scenarios_never_panic_the_parser_or_the_simulator(cut in 0usize..2_000, byte in any::<u8>()) {
        let text = include_str!("../../../static/gallery/image-processing.json");
        let mut bytes = text.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok((scenario, _, _)) = engine::load(&mutated) {
            let _ = simulate(&scenario, &options());
        }
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let _ = engine::load(&text[..end]);
    }
}
