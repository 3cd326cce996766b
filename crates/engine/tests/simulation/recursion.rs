//! Recursive loop detection: about 16 invocations in one chain, then the next is stopped with
//! `RecursiveLoop=Terminate`; `Allow` lets the loop run (spec §7, §2.5, §9).
//!
//! The loops here go through Lambda destinations and S3, two of the services loop detection
//! covers. A loop through SQS alone (queue → function → same queue) cannot be drawn in a scenario:
//! a function only writes to other resources through its asynchronous destinations, and an SQS
//! mapping invokes it synchronously, where destinations do not apply (spec §1). A loop through
//! SNS (a function subscribed to the topic it records to) ends on its own: each record embeds the
//! previous SNS event as an escaped string, so it passes SNS's 256 KB limit after about a dozen
//! turns and fails to deliver (spec §4.7).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{Via, What};
use engine::{Kind, RuleId, Run, RunOptions};

fn stops(run: &Run) -> Vec<u32> {
    events(run, |w| matches!(w, What::RecursionStopped { .. }))
        .map(|(_, e)| match e.what {
            What::RecursionStopped { depth } => depth,
            _ => unreachable!(),
        })
        .collect()
}

/// ping records its success to pong and pong to ping; both record failures to `stopped`.
fn ping_pong(mode: &str) -> String {
    let config = |other: &str| {
        format!(
            r#"{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{LAMBDA}:{other}"}},"OnFailure":{{"Destination":"{SQS}:stopped"}}}}}}"#
        )
    };
    format!(
        r#"{{"version":1,"functions":[
            {{"FunctionName":"ping","RecursiveLoop":"{mode}","behavior":{{"durationMs":10}},"EventInvokeConfig":{}}},
            {{"FunctionName":"pong","RecursiveLoop":"{mode}","behavior":{{"durationMs":10}},"EventInvokeConfig":{}}}],
        "queues":[{{"QueueName":"stopped"}}],
        "inputs":[{{"type":"invoke","FunctionName":"ping","InvocationType":"Event","Payload":{{"ball":1}}}}]}}"#,
        config("pong"),
        config("ping")
    )
}

#[test]
fn spec_7_a_lambda_to_lambda_loop_is_stopped_at_the_17th_invocation_with_terminate() {
    let run = run(&ping_pong("Terminate"));
    assert_eq!(stops(&run), [17]);
    assert_eq!(
        attempt_times(&run).len(),
        16,
        "16 invocations ran; the 17th was stopped"
    );
    assert_eq!(attempt_times_of(&run, "ping").len(), 8);
    assert_eq!(attempt_times_of(&run, "pong").len(), 8);
}

#[test]
fn spec_7_the_stopped_event_goes_to_the_on_failure_destination() {
    let run = run(&ping_pong("Terminate"));
    let record = the_record(&run, "stopped", Via::OnFailure);
    // Stated assumption: AWS does not document this condition string.
    assert_eq!(
        record["requestContext"]["condition"],
        engine::assumptions::RECURSION_CONDITION
    );
    assert_eq!(
        record["requestContext"]["functionArn"],
        format!("{LAMBDA}:ping:$LATEST"),
        "the 17th invocation would have been ping's"
    );
    assert_eq!(
        counter(&run, Kind::Function, "ping", "RecursiveInvocationsDropped"),
        1
    );
    assert_eq!(
        counter(&run, Kind::Function, "pong", "RecursiveInvocationsDropped"),
        0
    );
}

#[test]
fn spec_7_with_allow_the_loop_runs_on_until_the_event_cap() {
    let options = RunOptions {
        max_events: Some(2_000),
        ..RunOptions::default()
    };
    let run = run_with(&ping_pong("Allow"), &options);
    assert!(stops(&run).is_empty());
    assert!(run.capped, "with Allow the loop runs until the event cap");
    assert!(attempt_times(&run).len() > 100);
    assert_eq!(
        counter(&run, Kind::Function, "ping", "RecursiveInvocationsDropped"),
        0,
        "no metric with Allow"
    );
}

#[test]
fn spec_7_a_loop_through_s3_is_stopped_and_a_destination_pointing_back_does_not_restart_it() {
    // f fails and records the failure to bucket b, whose notifications invoke f again.
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}},"durationMs":10}},
            "EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"arn:aws:s3:::loop-bucket"}}}}}}}}],
        "buckets":[{{"BucketName":"loop-bucket","LambdaFunctionConfigurations":[{{"LambdaFunctionArn":"{LAMBDA}:f"}}]}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let run = run(&json);
    assert!(!run.capped, "the loop ends");
    assert_eq!(attempt_times(&run).len(), 16);
    // The 17th is stopped and its record goes to b as usual; b sends it back to f, and that new
    // loop is stopped too (spec §7), this time without another record (stated assumption).
    assert_eq!(stops(&run), [17, 18]);
    let records = delivered(&run, "loop-bucket");
    assert_eq!(records.len(), 17);
    assert_eq!(
        records[16]["requestContext"]["condition"],
        engine::assumptions::RECURSION_CONDITION
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "RecursiveInvocationsDropped"),
        2
    );
}

#[test]
fn spec_7_other_triggers_of_the_same_function_are_not_affected() {
    let json = ping_pong("Terminate").replace(
        r#"{"type":"invoke","FunctionName":"ping","InvocationType":"Event","Payload":{"ball":1}}"#,
        r#"{"type":"invoke","FunctionName":"ping","InvocationType":"Event","Payload":{"ball":1}},
           {"type":"invoke","at":60000,"FunctionName":"ping","InvocationType":"Event","Payload":{"ball":2}}"#,
    );
    let run = run(&json);
    assert_eq!(stops(&run), [17, 17], "each chain counts on its own");
    assert_eq!(attempt_times(&run).len(), 32);
}

#[test]
fn spec_7_a_loop_through_eventbridge_is_not_detected() {
    // EventBridge is not one of the covered services: the chain count starts again at the bus.
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"durationMs":10}},
            "EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{BUS}/loop"}}}}}}}}],
        "eventBuses":[{{"Name":"loop","Rules":[{{"Name":"all","Targets":["{LAMBDA}:f"]}}]}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let options = RunOptions {
        max_events: Some(400),
        ..RunOptions::default()
    };
    let run = run_with(&json, &options);
    assert!(stops(&run).is_empty());
    assert!(run.capped);
    // The run ends on the cap, under its own rule.
    let last = run.trace.events.last().expect("a capped run has events");
    assert!(matches!(last.what, What::RunCapped { cap: 400 }));
    assert_eq!(last.rule, RuleId::RunCapped);
    assert!(attempt_times(&run).len() > 17, "past the 16th turn");
}

#[test]
fn spec_7_recursive_loop_defaults_to_terminate() {
    let run = run(&ping_pong("Terminate").replace(r#""RecursiveLoop":"Terminate","#, ""));
    assert_eq!(stops(&run), [17]);
}

#[test]
fn spec_4_7_a_loop_through_sns_ends_when_the_nested_record_passes_256_kb() {
    // f is subscribed to topic t and records its success to t.
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"durationMs":10}},
            "EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SNS}:t"}}}}}}}}],
        "topics":[{{"TopicName":"t","Subscriptions":[{{"Protocol":"lambda","Endpoint":"{LAMBDA}:f"}}]}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let run = run(&json);
    assert!(!run.capped);
    assert!(stops(&run).is_empty(), "it ends before the 16th turn");
    assert_eq!(
        count(&run, |w| matches!(
            w,
            What::DeliveryFailed {
                reason: engine::trace::DeliveryFailure::TooLarge,
                ..
            }
        )),
        1
    );
}
