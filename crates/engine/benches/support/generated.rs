//! The benchmark's generated scenario, shared by `benches/simulate.rs` and
//! `examples/profile_run.rs`: the 10,000 asynchronous invocations across 50 functions, 30 %
//! of attempts failing (seeded), OnSuccess to SQS and OnFailure to SNS everywhere.

use engine::Scenario;
use serde_json::json;

/// `invocations` asynchronous invokes spread over `functions` functions.
pub fn generated(invocations: usize, functions: usize) -> Scenario {
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
