//! Synchronous invokes, DryRun and reserved concurrency 0: where destinations do not apply
//! (spec §1, §2.5, §2.8).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{NoDestinationReason, Via, What};
use engine::Kind;

fn invoke(behavior: &str, invocation_type: &str, extra: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior},"EventInvokeConfig":{}{extra}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"{invocation_type}","Payload":{{"order":7}}}}]}}"#,
        both_destinations()
    )
}

#[test]
fn spec_1_a_sync_error_goes_to_the_caller_and_nothing_reaches_a_destination() {
    let run = run(&invoke(FAIL, "RequestResponse", ""));
    assert!(delivered(&run, "failed").is_empty() && delivered(&run, "ok").is_empty());
    let response = events(&run, |w| matches!(w, What::SyncResponse { .. }))
        .map(|(_, e)| match &e.what {
            What::SyncResponse {
                status,
                function_error,
                payload,
            } => (
                *status,
                *function_error,
                run.trace.body(*payload).to_string(),
            ),
            _ => unreachable!(),
        })
        .next()
        .expect("the caller got an answer");
    assert_eq!(response.0, 200, "the invoke itself succeeded");
    assert!(response.1, "FunctionError: Unhandled");
    let payload: serde_json::Value = serde_json::from_str(&response.2).unwrap();
    assert_eq!(payload["errorType"], "ValueError");
    assert_eq!(
        count(&run, |w| *w
            == What::NoDestination {
                reason: NoDestinationReason::Synchronous
            }),
        1
    );
}

#[test]
fn spec_1_a_sync_error_is_not_retried() {
    let run = run(&invoke(FAIL, "RequestResponse", ""));
    assert_eq!(attempt_times(&run), [0]);
    assert_eq!(count(&run, |w| matches!(w, What::RetryScheduled { .. })), 0);
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 0);
}

#[test]
fn spec_1_a_sync_success_does_not_reach_on_success_either() {
    let run = run(&invoke(r#"{"response":"done"}"#, "RequestResponse", ""));
    assert!(delivered(&run, "ok").is_empty());
    let ok = events(&run, |w| {
        matches!(
            w,
            What::SyncResponse {
                function_error: false,
                ..
            }
        )
    })
    .count();
    assert_eq!(ok, 1);
}

#[test]
fn spec_1_the_same_failing_function_invoked_with_event_reaches_on_failure() {
    let run = run(&invoke(FAIL, "Event", ""));
    assert_eq!(
        the_record(&run, "failed", Via::OnFailure)["requestContext"]["condition"],
        "RetriesExhausted"
    );
}

#[test]
fn spec_1_dry_run_runs_nothing() {
    let run = run(&invoke(FAIL, "DryRun", ""));
    let checked: Vec<&What> = ruled(&run, "invoke.dry-run")
        .into_iter()
        .map(|e| &e.what)
        .collect();
    assert!(checked.contains(&&What::DryRunChecked), "{checked:?}");
    assert!(attempt_times(&run).is_empty());
    assert_eq!(count(&run, |w| *w == What::DryRunChecked), 1);
    assert_eq!(count(&run, |w| matches!(w, What::Delivered { .. })), 0);
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 0);
    let c = counters(&run, Kind::Function, "f");
    assert_eq!(c.get("Invocations"), None);
    assert_eq!(c.get("Errors"), None);
}

#[test]
fn spec_1_a_sync_invoke_with_reserved_concurrency_0_fails_with_429_rate_exceeded() {
    let run = run(&invoke(
        "{}",
        "RequestResponse",
        r#","ReservedConcurrentExecutions":0"#,
    ));
    let refused = ruled(&run, "sync.zero-concurrency");
    assert_eq!(refused.len(), 1);
    assert_eq!(
        refusal(&run, refused[0]),
        (
            429,
            "TooManyRequestsException".to_string(),
            "Rate Exceeded.".to_string()
        )
    );
    assert!(attempt_times(&run).is_empty());
    assert!(delivered(&run, "failed").is_empty());
    assert_eq!(counter(&run, Kind::Function, "f", "Throttles"), 1);
}

#[test]
fn spec_2_5_an_async_invoke_with_reserved_concurrency_0_is_accepted_then_fails_without_retries() {
    let run = run(&invoke(
        FAIL,
        "Event",
        r#","ReservedConcurrentExecutions":0"#,
    ));
    assert_eq!(
        count(&run, |w| *w == What::AsyncAccepted),
        1,
        "202 even with reserved concurrency 0"
    );
    assert!(attempt_times(&run).is_empty());
    assert_eq!(count(&run, |w| matches!(w, What::RetryScheduled { .. })), 0);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(
        record["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 0);
    assert!(record.get("responseContext").is_none());
    assert!(record.get("responsePayload").is_none());
    let (sent_at, ..) = deliveries(&run, "failed")[0];
    assert_eq!(sent_at, 0, "sent immediately");
}

#[test]
fn spec_2_5_setting_reserved_concurrency_to_0_mid_run_fails_the_next_event() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","EventInvokeConfig":{}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}}],
        "inputs":[{{"type":"invoke","at":0,"FunctionName":"f","InvocationType":"Event"}},
                  {{"type":"setReservedConcurrency","at":1000,"FunctionName":"f","ReservedConcurrentExecutions":0}},
                  {{"type":"invoke","at":2000,"FunctionName":"f","InvocationType":"Event"}}]}}"#,
        both_destinations()
    );
    let run = run(&json);
    assert_eq!(delivered(&run, "ok").len(), 1);
    assert_eq!(
        the_record(&run, "failed", Via::OnFailure)["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
}

#[test]
fn spec_2_8_an_async_payload_over_1_mb_is_refused_with_413() {
    let big = "x".repeat(1_048_577);
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f"}}],"inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":"{big}"}}]}}"#
    );
    let run = run(&json);
    let refused = ruled(&run, "invoke.payload-size");
    assert_eq!(refused.len(), 1);
    // The payload is the JSON string: 1,048,577 characters and two quotes.
    assert_eq!(
        refusal(&run, refused[0]),
        (
            413,
            "RequestEntityTooLargeException".to_string(),
            "1048579 byte payload is too large for the Event invocation type (limit 1048576 bytes)"
                .to_string()
        )
    );
    assert!(attempt_times(&run).is_empty());
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 0);
}

#[test]
fn spec_2_8_a_sync_payload_of_2_mb_is_accepted() {
    let big = "x".repeat(2 * 1_048_576);
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f"}}],"inputs":[{{"type":"invoke","FunctionName":"f","Payload":"{big}"}}]}}"#
    );
    let run = run(&json);
    assert_eq!(attempt_times(&run).len(), 1);
    assert_eq!(count(&run, |w| matches!(w, What::InvokeRefused { .. })), 0);
}

#[test]
fn spec_1_invocation_type_defaults_to_request_response() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"f"}],"inputs":[{"type":"invoke","FunctionName":"f"}]}"#;
    let run = run(json);
    assert_eq!(count(&run, |w| matches!(w, What::SyncResponse { .. })), 1);
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 0);
}
