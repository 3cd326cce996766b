//! Asynchronous invocation: the internal queue, retries of function errors, throttles, timeouts
//! (spec §2.1, §2.2, §2.3, §2.6, §2.7, §9).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::clock::{MINUTE, SECOND};
use engine::record::Condition;
use engine::trace::{Via, What};
use engine::Kind;
use serde_json::Value;

#[test]
fn spec_2_2_a_failing_event_is_retried_after_1_minute_then_after_2_minutes() {
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    // Each attempt runs 100 ms; the waits are counted from the end of the failed attempt.
    assert_eq!(
        attempt_times(&run),
        [0, 100 + MINUTE, 100 + MINUTE + 100 + 2 * MINUTE]
    );
    let waits: Vec<(u32, u64)> = events(&run, |w| matches!(w, What::RetryScheduled { .. }))
        .map(|(_, e)| match e.what {
            What::RetryScheduled {
                next_attempt,
                delay_ms,
            } => (next_attempt, delay_ms),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(waits, [(2, MINUTE), (3, 2 * MINUTE)]);
}

#[test]
fn spec_2_2_default_retries_give_three_attempts_then_retries_exhausted_with_count_3() {
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    assert_eq!(attempt_times(&run).len(), 3);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
    assert!(delivered(&run, "ok").is_empty());
    assert_eq!(
        count(&run, |w| matches!(
            w,
            What::RetriesExhausted { attempts: 3 }
        )),
        1
    );
}

#[test]
fn spec_2_2_maximum_retry_attempts_0_gives_one_attempt_and_count_1() {
    let run = run(&async_scenario(FAIL, &limits(0, 21_600), ""));
    assert_eq!(attempt_times(&run), [0]);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
}

#[test]
fn spec_2_2_maximum_retry_attempts_1_gives_two_attempts_and_count_2() {
    let run = run(&async_scenario(FAIL, &limits(1, 21_600), ""));
    assert_eq!(attempt_times(&run), [0, 100 + MINUTE]);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 2);
}

#[test]
fn spec_2_1_the_request_id_is_the_same_on_every_attempt_and_in_the_record() {
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    let requests: Vec<_> = events(&run, |w| matches!(w, What::AttemptStarted { .. }))
        .map(|(_, e)| e.request.expect("attempts belong to a request"))
        .collect();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| *r == requests[0]));
    let id = &run.trace.requests[requests[0] as usize].id;
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(
        record["requestContext"]["requestId"],
        Value::from(id.as_str())
    );
    assert_eq!(
        record["responsePayload"]["requestId"],
        Value::from(id.as_str())
    );
}

#[test]
fn spec_2_1_an_event_invoke_is_accepted_with_202_before_anything_runs() {
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    let accepted = events(&run, |w| *w == What::AsyncAccepted)
        .map(|(i, _)| i)
        .next()
        .expect("accepted");
    let first_attempt = events(&run, |w| matches!(w, What::AttemptStarted { .. }))
        .map(|(i, _)| i)
        .next()
        .expect("attempt");
    assert!(accepted < first_attempt);
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsReceived"), 1);
}

#[test]
fn spec_2_6_a_first_try_success_goes_to_on_success_with_count_1() {
    let run = run(&async_scenario(
        r#"{"response":{"resized":true}}"#,
        &both_destinations(),
        "",
    ));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["condition"], "Success");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert_eq!(
        record["responsePayload"],
        serde_json::json!({"resized": true})
    );
    assert!(delivered(&run, "failed").is_empty());
    assert_eq!(count(&run, |w| *w == What::AsyncCompleted), 1);
}

#[test]
fn spec_2_6_a_success_after_one_retry_reports_count_2() {
    let behavior = r#"{"attempts":[{"type":"error"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &both_destinations(), ""));
    assert_eq!(attempt_times(&run).len(), 2);
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 2);
    assert_eq!(record["requestContext"]["condition"], "Success");
}

#[test]
fn spec_2_6_a_success_on_the_third_try_reports_count_3() {
    let behavior = r#"{"attempts":[{"type":"error"},{"type":"timeout"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &both_destinations(), ""));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
}

#[test]
fn spec_2_7_a_timeout_is_a_function_error_with_the_sandbox_timedout_payload() {
    let run = run(&async_scenario(
        r#"{"outcome":{"type":"timeout"}}"#,
        &limits(0, 21_600),
        r#","Timeout":1"#,
    ));
    let record = the_record(&run, "failed", Via::OnFailure);
    let request_id = record["requestContext"]["requestId"].as_str().unwrap();
    assert_eq!(
        record["responsePayload"],
        serde_json::json!({
            "errorType": "Sandbox.Timedout",
            "errorMessage": format!("RequestId: {request_id} Error: Task timed out after 1.00 seconds")
        })
    );
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert_eq!(record["responseContext"]["statusCode"], 200);
}

#[test]
fn spec_2_7_a_timeout_uses_up_a_retry_and_runs_for_the_whole_timeout() {
    let run = run(&async_scenario(
        r#"{"outcome":{"type":"timeout"}}"#,
        &limits(1, 21_600),
        r#","Timeout":2"#,
    ));
    assert_eq!(attempt_times(&run), [0, 2 * SECOND + MINUTE]);
    assert_eq!(
        the_record(&run, "failed", Via::OnFailure)["requestContext"]["approximateInvokeCount"],
        2
    );
}

#[test]
fn spec_2_7_code_that_runs_longer_than_the_timeout_times_out() {
    let run = run(&async_scenario(
        r#"{"durationMs":5000}"#,
        &limits(0, 21_600),
        r#","Timeout":3"#,
    ));
    assert!(
        events(&run, |w| matches!(
            w,
            What::AttemptFailed {
                timed_out: true,
                ..
            }
        ))
        .count()
            == 1
    );
    assert_eq!(
        the_record(&run, "failed", Via::OnFailure)["responsePayload"]["errorType"],
        "Sandbox.Timedout"
    );
}

#[test]
fn spec_2_3_throttles_do_not_use_up_maximum_retry_attempts() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"throttle"},{"type":"error"}]}"#;
    let run = run(&async_scenario(behavior, &limits(0, 21_600), ""));
    assert_eq!(count(&run, |w| matches!(w, What::Throttled { .. })), 2);
    assert_eq!(
        attempt_times(&run).len(),
        1,
        "after two throttles the one allowed attempt still runs"
    );
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
}

#[test]
fn spec_2_3_throttled_events_back_off_1_2_4_seconds() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"throttle"},{"type":"throttle"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &both_destinations(), ""));
    let backoff: Vec<u64> = events(&run, |w| matches!(w, What::Throttled { .. }))
        .map(|(_, e)| match e.what {
            What::Throttled { retry_in_ms } => retry_in_ms,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(backoff, [SECOND, 2 * SECOND, 4 * SECOND]);
    assert_eq!(attempt_times(&run), [7 * SECOND]);
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(
        record["requestContext"]["approximateInvokeCount"], 1,
        "throttled tries are not invocations"
    );
}

#[test]
fn spec_9_throttles_count_in_throttles_but_not_in_invocations_or_errors() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"error"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &both_destinations(), ""));
    let c = counters(&run, Kind::Function, "f");
    assert_eq!(c.get("Throttles"), Some(&1));
    assert_eq!(c.get("Invocations"), Some(&2));
    assert_eq!(c.get("Errors"), Some(&1));
    assert_eq!(c.get("AsyncEventsReceived"), Some(&1));
    assert_eq!(c.get("AsyncEventsDropped"), None);
}

#[test]
fn spec_2_3_an_event_throttled_until_its_maximum_age_expires_without_ever_running() {
    let run = run(&async_scenario(
        r#"{"outcome":{"type":"throttle"}}"#,
        &limits(2, 60),
        "",
    ));
    assert!(attempt_times(&run).is_empty());
    let last = events(&run, |w| matches!(w, What::EventAgeExceeded { .. }))
        .map(|(_, e)| e.at)
        .next()
        .expect("expired");
    assert!(last < MINUTE, "look-ahead: given up before 60 s, at {last}");
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["condition"], "EventAgeExceeded");
    // Stated assumption (assumptions::EXPIRED_UNINVOKED_COUNT): count 0, no response fields.
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 0);
    assert_eq!(
        keys(&record),
        ["version", "timestamp", "requestContext", "requestPayload"]
    );
}

#[test]
fn spec_2_3_reserved_concurrency_1_throttles_a_second_concurrent_event() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","ReservedConcurrentExecutions":1,"behavior":{{"durationMs":1500}},
            "EventInvokeConfig":{}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":1}},
                  {{"type":"invoke","at":10,"FunctionName":"f","InvocationType":"Event","Payload":2}}]}}"#,
        both_destinations()
    );
    let run = run(&json);
    // The second event is throttled at 0.01 s and again at 1.01 s (the first still runs until
    // 1.5 s), then runs at 3.01 s.
    assert_eq!(count(&run, |w| matches!(w, What::Throttled { .. })), 2);
    assert_eq!(attempt_times(&run), [0, 3_010]);
    assert_eq!(delivered(&run, "ok").len(), 2);
    assert_eq!(counter(&run, Kind::Function, "f", "Throttles"), 2);
}

#[test]
fn spec_2_2_an_error_rate_of_1_fails_every_attempt_and_0_never() {
    let always = run(&async_scenario(
        r#"{"errorRate":1.0}"#,
        &both_destinations(),
        "",
    ));
    assert_eq!(attempt_times(&always).len(), 3);
    let record = the_record(&always, "failed", Via::OnFailure);
    assert_eq!(
        record["responsePayload"]["errorMessage"],
        "Simulated failure (errorRate)"
    );
    let never = run(&async_scenario(
        r#"{"errorRate":0.0}"#,
        &both_destinations(),
        "",
    ));
    assert_eq!(attempt_times(&never).len(), 1);
    assert_eq!(delivered(&never, "ok").len(), 1);
}

#[test]
fn spec_2_2_a_when_rule_picks_the_outcome_from_the_payload() {
    let behavior = r#"{"when":[{"field":"order","equals":7,"outcome":{"type":"error","errorType":"OrderError","errorMessage":"seven"}}]}"#;
    let run = run(&async_scenario(behavior, &limits(0, 21_600), ""));
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["responsePayload"]["errorType"], "OrderError");
}

#[test]
fn spec_2_5_every_async_event_ends_exactly_once() {
    for behavior in [FAIL, "{}", r#"{"outcome":{"type":"throttle"}}"#] {
        let run = run(&async_scenario(behavior, &limits(2, 120), ""));
        let ends = count(&run, |w| {
            matches!(w, What::AsyncDropped | What::AsyncCompleted)
        });
        assert_eq!(ends, 1, "{behavior}");
    }
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    assert_eq!(
        count(&run, |w| matches!(
            w,
            What::DestinationChosen {
                condition: Condition::RetriesExhausted,
                ..
            }
        )),
        1
    );
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsDropped"), 1);
}
