//! Asynchronous invocation rules (spec §2, §4.1, §4.2, §6, §8), checked through whole runs.

use crate::common;
use engine::clock::MINUTE;
use engine::record::Condition;
use engine::trace::{DeliveryFailure, NoDestinationReason, Via, What};

use common::run;
use engine::{simulate, Run, RunOptions, Scenario, Timeline};
use serde_json::Value;

const ACCT: &str = "arn:aws:sqs:us-east-2:123456789012";

/// A function `f` with the given behaviour and invoke config, queues `ok` and `failed`, and one
/// async invoke at t=0.
fn async_scenario(behavior: &str, invoke_config: &str, extra: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior},"EventInvokeConfig":{invoke_config}{extra}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}},{{"QueueName":"dlq"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    )
}

fn destinations(failure: bool) -> String {
    let success = format!(r#""OnSuccess":{{"Destination":"{ACCT}:ok"}}"#);
    let fail = format!(r#""OnFailure":{{"Destination":"{ACCT}:failed"}}"#);
    if failure {
        format!(r#"{{"DestinationConfig":{{{success},{fail}}}}}"#)
    } else {
        format!(r#"{{"DestinationConfig":{{{success}}}}}"#)
    }
}

fn with_limits(retries: i64, age: i64) -> String {
    format!(
        r#"{{"MaximumRetryAttempts":{retries},"MaximumEventAgeInSeconds":{age},"DestinationConfig":{{"OnFailure":{{"Destination":"{ACCT}:failed"}}}}}}"#
    )
}

fn attempts(run: &Run) -> Vec<u64> {
    run.trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::AttemptStarted { .. }))
        .map(|e| e.at)
        .collect()
}

fn delivered(run: &Run, queue: &str) -> Vec<Value> {
    run.trace
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Delivered { target, body, .. } if run.topology.name(*target) == queue => {
                serde_json::from_str(run.trace.body(*body)).ok()
            }
            _ => None,
        })
        .collect()
}

const FAIL: &str = r#"{"outcome":{"type":"error","errorType":"ValueError","errorMessage":"bad order"},"durationMs":100}"#;

#[test]
fn spec_2_2_a_failing_event_is_retried_after_one_then_two_minutes() {
    let run = run(&async_scenario(FAIL, &destinations(true), ""));
    assert_eq!(attempts(&run), [0, 100 + MINUTE, 200 + 3 * MINUTE]);
    let record = &delivered(&run, "failed")[0];
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
}

#[test]
fn spec_2_1_the_request_id_is_the_same_on_every_attempt() {
    let run = run(&async_scenario(FAIL, &destinations(true), ""));
    let requests: Vec<_> = run
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::AttemptStarted { .. }))
        .map(|e| e.request)
        .collect();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| *r == requests[0]));
    let id = &run.trace.requests[requests[0].expect("a request") as usize].id;
    assert_eq!(
        delivered(&run, "failed")[0]["requestContext"]["requestId"],
        Value::from(id.as_str())
    );
}

#[test]
fn spec_2_2_zero_retries_gives_one_attempt_and_a_count_of_one() {
    let run = run(&async_scenario(FAIL, &with_limits(0, 21600), ""));
    assert_eq!(attempts(&run).len(), 1);
    assert_eq!(
        delivered(&run, "failed")[0]["requestContext"]["approximateInvokeCount"],
        1
    );
}

#[test]
fn spec_2_4_event_age_60_s_gives_up_after_the_first_attempt_without_waiting() {
    let run = run(&async_scenario(FAIL, &with_limits(2, 60), ""));
    assert_eq!(attempts(&run).len(), 1);
    let record = &delivered(&run, "failed")[0];
    assert_eq!(record["requestContext"]["condition"], "EventAgeExceeded");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    let gave_up = run
        .trace
        .events
        .iter()
        .find(|e| {
            matches!(
                e.what,
                What::EventAgeExceeded {
                    lookahead: true,
                    ..
                }
            )
        })
        .expect("look-ahead");
    assert!(
        gave_up.at < MINUTE,
        "delivered in under 60 s, at {}",
        gave_up.at
    );
    assert!(
        record.get("responseContext").is_some(),
        "the last attempt's response is kept"
    );
}

#[test]
fn spec_2_4_event_age_90_s_allows_two_attempts() {
    let run = run(&async_scenario(FAIL, &with_limits(2, 90), ""));
    assert_eq!(attempts(&run).len(), 2);
    assert_eq!(
        delivered(&run, "failed")[0]["requestContext"]["approximateInvokeCount"],
        2
    );
}

#[test]
fn spec_2_6_success_goes_to_on_success_with_count_one_and_no_function_error() {
    let run = run(&async_scenario(
        r#"{"response":"done"}"#,
        &destinations(true),
        "",
    ));
    let record = &delivered(&run, "ok")[0];
    assert_eq!(record["requestContext"]["condition"], "Success");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert_eq!(record["responsePayload"], "done");
    assert!(record["responseContext"].get("functionError").is_none());
    assert!(delivered(&run, "failed").is_empty());
}

#[test]
fn spec_2_6_a_success_after_a_retry_reports_two_attempts() {
    let behavior = r#"{"attempts":[{"type":"error"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &destinations(true), ""));
    assert_eq!(
        delivered(&run, "ok")[0]["requestContext"]["approximateInvokeCount"],
        2
    );
}

#[test]
fn spec_2_7_a_timeout_is_a_function_error_with_the_sandbox_message() {
    let run = run(&async_scenario(
        r#"{"outcome":{"type":"timeout"}}"#,
        &with_limits(0, 21600),
        r#","Timeout":1"#,
    ));
    let record = &delivered(&run, "failed")[0];
    assert_eq!(record["responsePayload"]["errorType"], "Sandbox.Timedout");
    let message = record["responsePayload"]["errorMessage"]
        .as_str()
        .expect("message");
    assert!(
        message.ends_with("Error: Task timed out after 1.00 seconds"),
        "{message}"
    );
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
}

#[test]
fn spec_2_3_throttles_do_not_use_up_retries() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"throttle"},{"type":"error"}]}"#;
    let run = run(&async_scenario(behavior, &with_limits(0, 21600), ""));
    let throttles = run
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::Throttled { .. }))
        .count();
    assert_eq!(throttles, 2);
    assert_eq!(
        attempts(&run).len(),
        1,
        "after two throttles the one allowed attempt still runs"
    );
    let world = Timeline::new(&run).end().clone();
    let f = run.topology.find(engine::Kind::Function, "f").expect("f") as usize;
    assert_eq!(world.nodes[f].counters.get("Throttles"), Some(&2));
}

#[test]
fn spec_2_5_zero_reserved_concurrency_fails_at_once_without_response_fields() {
    let run = run(&async_scenario(
        FAIL,
        &destinations(true),
        r#","ReservedConcurrentExecutions":0"#,
    ));
    assert!(attempts(&run).is_empty());
    let record = &delivered(&run, "failed")[0];
    assert_eq!(
        record["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 0);
    assert!(record.get("responseContext").is_none() && record.get("responsePayload").is_none());
    let keys: Vec<&String> = record.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        ["version", "timestamp", "requestContext", "requestPayload"]
    );
}

#[test]
fn spec_6_dlq_and_on_failure_both_receive_and_the_dlq_gets_the_original_event() {
    let extra = format!(r#","DeadLetterConfig":{{"TargetArn":"{ACCT}:dlq"}}"#);
    let run = run(&async_scenario(FAIL, &with_limits(0, 21600), &extra));
    assert_eq!(delivered(&run, "failed").len(), 1);
    let (body, attributes) = run
        .trace
        .events
        .iter()
        .find_map(|e| match &e.what {
            What::Delivered {
                via: Via::DeadLetterQueue,
                body,
                attributes,
                ..
            } => Some((run.trace.body(*body), attributes.map(|a| run.trace.body(a)))),
            _ => None,
        })
        .expect("the DLQ got the event");
    assert_eq!(body, r#"{"order":7}"#);
    let attributes: Value = serde_json::from_str(attributes.expect("attributes")).expect("json");
    assert_eq!(
        attributes["ErrorCode"],
        serde_json::json!({"DataType": "Number", "StringValue": "200"})
    );
    assert_eq!(attributes["ErrorMessage"]["StringValue"], "bad order");
}

#[test]
fn spec_8_a_revoked_permission_drops_the_record_and_counts_a_delivery_failure() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{}}}],"queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}}],
        "inputs":[{{"type":"revokePermission","at":0,"FunctionName":"f","Action":"sqs:SendMessage"}},
                  {{"type":"invoke","at":1,"FunctionName":"f","InvocationType":"Event"}}]}}"#,
        with_limits(0, 21600)
    );
    let run = run(&json);
    assert!(delivered(&run, "failed").is_empty());
    assert!(run.trace.events.iter().any(|e| matches!(
        e.what,
        What::DeliveryFailed {
            reason: DeliveryFailure::PermissionDenied,
            ..
        }
    )));
    let f = run.topology.find(engine::Kind::Function, "f").expect("f") as usize;
    let world = Timeline::new(&run).end().clone();
    assert_eq!(
        world.nodes[f].counters.get("DestinationDeliveryFailures"),
        Some(&1)
    );
    assert_eq!(world.nodes[f].counters.get("AsyncEventsDropped"), Some(&1));
}

#[test]
fn spec_3_1_a_fifo_destination_fails_every_delivery() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{ACCT}:ok.fifo"}}}}}}}}],
        "queues":[{{"QueueName":"ok.fifo","FifoQueue":true}}],"inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let run = run(&json);
    assert!(run.trace.events.iter().any(|e| matches!(
        e.what,
        What::DeliveryFailed {
            reason: DeliveryFailure::FifoTarget,
            ..
        }
    )));
}

#[test]
fn spec_1_a_synchronous_error_goes_to_the_caller_and_no_destination_fires() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{}}}],"queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"RequestResponse"}}]}}"#,
        destinations(true)
    );
    let run = run(&json);
    assert!(delivered(&run, "failed").is_empty() && delivered(&run, "ok").is_empty());
    assert_eq!(attempts(&run).len(), 1, "no retries for a synchronous call");
    assert!(run.trace.events.iter().any(|e| matches!(
        e.what,
        What::SyncResponse {
            status: 200,
            function_error: true,
            ..
        }
    )));
    assert!(run.trace.events.iter().any(|e| e.what
        == What::NoDestination {
            reason: NoDestinationReason::Synchronous
        }));
}

#[test]
fn spec_1_dry_run_runs_nothing_and_zero_concurrency_refuses_a_sync_call() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"f"},{"FunctionName":"g","ReservedConcurrentExecutions":0}],
        "inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"DryRun"},{"type":"invoke","FunctionName":"g"}]}"#;
    let run = run(json);
    assert!(attempts(&run).is_empty());
    assert!(run
        .trace
        .events
        .iter()
        .any(|e| e.what == What::DryRunChecked));
    let refused = run
        .trace
        .events
        .iter()
        .find_map(|e| match &e.what {
            What::InvokeRefused {
                status,
                code,
                message,
            } => Some((*status, run.trace.body(*code), run.trace.body(*message))),
            _ => None,
        })
        .expect("refused");
    assert_eq!(refused, (429, "TooManyRequestsException", "Rate Exceeded."));
}

#[test]
fn spec_2_8_an_async_payload_over_1_mb_is_refused_with_413() {
    let big = "x".repeat(1_048_577);
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f"}}],"inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":"{big}"}}]}}"#
    );
    let run = run(&json);
    let message = run
        .trace
        .events
        .iter()
        .find_map(|e| match &e.what {
            What::InvokeRefused {
                status: 413,
                message,
                ..
            } => Some(run.trace.body(*message).to_string()),
            _ => None,
        })
        .expect("413");
    assert_eq!(
        message,
        "1048579 byte payload is too large for the Event invocation type (limit 1048576 bytes)"
    );
}

#[test]
fn spec_4_6_an_eventbridge_destination_gets_source_lambda_and_both_resources() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:events:us-east-2:123456789012:event-bus/results"}}}}],
        "eventBuses":[{"Name":"results"}],"inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"Event"}]}"#;
    let run = run(json);
    let event: Value = run
        .trace
        .events
        .iter()
        .find_map(|e| match &e.what {
            What::Delivered {
                via: Via::OnSuccess,
                body,
                ..
            } => serde_json::from_str(run.trace.body(*body)).ok(),
            _ => None,
        })
        .expect("delivered");
    assert_eq!(event["source"], "lambda");
    assert_eq!(
        event["detail-type"],
        "Lambda Function Invocation Result - Success"
    );
    assert_eq!(
        event["resources"],
        serde_json::json!([
            "arn:aws:events:us-east-2:123456789012:event-bus/results",
            "arn:aws:lambda:us-east-2:123456789012:function:f:$LATEST"
        ])
    );
    assert_eq!(event["detail"]["requestContext"]["condition"], "Success");
}

#[test]
fn spec_4_6_an_s3_failure_destination_stores_the_record_under_the_async_key() {
    let json = r#"{"version":1,"startTime":"2026-03-04T05:06:07.000Z","functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"error"}},
        "EventInvokeConfig":{"MaximumRetryAttempts":0,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:s3:::failures"}}}}],
        "buckets":[{"BucketName":"failures"}],"inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"Event"}]}"#;
    let run = run(json);
    let key = run
        .trace
        .events
        .iter()
        .find_map(|e| match &e.what {
            What::Delivered {
                via: Via::OnFailure,
                attributes: Some(a),
                ..
            } => serde_json::from_str::<Value>(run.trace.body(*a)).ok(),
            _ => None,
        })
        .expect("stored")["Key"]
        .as_str()
        .expect("key")
        .to_string();
    assert!(
        key.starts_with("aws/lambda/async/f/2026/03/04/2026-03-04T05.06.07-"),
        "{key}"
    );
    assert_eq!(
        key.len(),
        "aws/lambda/async/f/2026/03/04/2026-03-04T05.06.07-".len() + 36
    );
}

#[test]
fn spec_7_a_loop_between_two_functions_is_stopped_at_16_with_terminate_and_runs_on_with_allow() {
    // f records its success to g, and g records its success to f: a Lambda-to-Lambda loop.
    let loop_json = |mode: &str| {
        r#"{"version":1,"functions":[
            {"FunctionName":"f","RecursiveLoop":"MODE","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:lambda:us-east-2:123456789012:function:g"}}}},
            {"FunctionName":"g","RecursiveLoop":"MODE","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:lambda:us-east-2:123456789012:function:f"}}}}],
            "inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"Event"}]}"#
            .replace("MODE", mode)
    };
    let stopped = run(&loop_json("Terminate"));
    let stops: Vec<_> = stopped
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::RecursionStopped { .. }))
        .collect();
    assert_eq!(stops.len(), 1);
    assert!(matches!(
        stops[0].what,
        What::RecursionStopped { depth: 17 }
    ));
    assert_eq!(
        attempts(&stopped).len(),
        16,
        "16 invocations ran; the 17th was stopped"
    );
    let options = RunOptions {
        max_events: Some(3_000),
        ..RunOptions::default()
    };
    let allowed = simulate(
        &Scenario::from_json(&loop_json("Allow")).expect("valid"),
        &options,
    );
    assert!(!allowed
        .trace
        .events
        .iter()
        .any(|e| matches!(e.what, What::RecursionStopped { .. })));
    assert!(
        allowed.capped,
        "with Allow the loop runs until the event cap"
    );
}

#[test]
fn spec_2_5_every_async_request_ends_exactly_once() {
    let run = run(&async_scenario(FAIL, &destinations(true), ""));
    let ends = run
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::AsyncDropped | What::AsyncCompleted))
        .count();
    assert_eq!(ends, 1);
    assert!(run.trace.events.iter().any(|e| matches!(
        e.what,
        What::DestinationChosen {
            condition: Condition::RetriesExhausted,
            ..
        }
    )));
}
