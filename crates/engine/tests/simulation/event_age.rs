//! `MaximumEventAgeInSeconds` and Lambda's look-ahead (spec §2.4, §2.5).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::clock::{MINUTE, SECOND};
use engine::trace::{Via, What};
use engine::Kind;

fn gave_up(run: &engine::Run) -> (u64, bool) {
    events(run, |w| matches!(w, What::EventAgeExceeded { .. }))
        .map(|(_, e)| match e.what {
            What::EventAgeExceeded { lookahead, .. } => (e.at, lookahead),
            _ => unreachable!(),
        })
        .next()
        .expect("the event age was exceeded")
}

#[test]
fn spec_2_4_event_age_60s_gives_up_after_one_attempt_with_event_age_exceeded() {
    let run = run(&async_scenario(FAIL, &limits(2, 60), ""));
    assert_eq!(attempt_times(&run), [0]);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["condition"], "EventAgeExceeded");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
}

#[test]
fn spec_2_4_event_age_60s_gives_up_at_once_not_when_the_age_is_reached() {
    let run = run(&async_scenario(FAIL, &limits(2, 60), ""));
    let (at, lookahead) = gave_up(&run);
    assert!(lookahead, "the next retry would fall after the maximum age");
    assert_eq!(at, 100, "right after the failed attempt, well under 60 s");
    let (delivered_at, ..) = deliveries(&run, "failed")[0];
    assert!(delivered_at < MINUTE);
}

#[test]
fn spec_2_4_event_age_90s_gives_two_attempts_then_event_age_exceeded_with_count_2() {
    let run = run(&async_scenario(FAIL, &limits(2, 90), ""));
    assert_eq!(attempt_times(&run), [0, 100 + MINUTE]);
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["requestContext"]["condition"], "EventAgeExceeded");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 2);
    let (at, lookahead) = gave_up(&run);
    assert!(lookahead);
    assert_eq!(at, 200 + MINUTE, "given up before 90 s");
}

#[test]
fn spec_2_4_an_event_age_exceeded_record_keeps_the_last_attempts_response() {
    let run = run(&async_scenario(FAIL, &limits(2, 90), ""));
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert_eq!(record["responseContext"]["statusCode"], 200);
    assert_eq!(record["responsePayload"]["errorMessage"], "bad order");
    assert_eq!(record["responsePayload"]["errorType"], "ValueError");
}

#[test]
fn spec_2_4_an_age_that_fits_every_retry_ends_in_retries_exhausted() {
    // The third attempt starts at 180.2 s: allowed by 181 s, not by 180 s.
    let allowed = run(&async_scenario(FAIL, &limits(2, 181), ""));
    assert_eq!(attempt_times(&allowed).len(), 3);
    assert_eq!(
        the_record(&allowed, "failed", Via::OnFailure)["requestContext"]["condition"],
        "RetriesExhausted"
    );
    let cut = run(&async_scenario(FAIL, &limits(2, 180), ""));
    assert_eq!(attempt_times(&cut).len(), 2);
    assert_eq!(
        the_record(&cut, "failed", Via::OnFailure)["requestContext"]["condition"],
        "EventAgeExceeded"
    );
}

#[test]
fn spec_2_4_the_default_age_is_six_hours_so_two_retries_fit() {
    let run = run(&async_scenario(FAIL, &both_destinations(), ""));
    assert!(gave_up_none(&run));
    assert_eq!(attempt_times(&run).len(), 3);
}

fn gave_up_none(run: &engine::Run) -> bool {
    count(run, |w| matches!(w, What::EventAgeExceeded { .. })) == 0
}

#[test]
fn spec_2_4_an_event_that_waits_behind_throttles_past_its_age_is_dropped_with_event_age_exceeded() {
    // 1 + 2 + 4 + 8 + 16 s of backoff leaves the event at 31 s; the next wait (32 s) would pass
    // 60 s, so Lambda gives up at 31 s.
    let run = run(&async_scenario(
        r#"{"outcome":{"type":"throttle"}}"#,
        &limits(2, 60),
        "",
    ));
    assert_eq!(count(&run, |w| matches!(w, What::Throttled { .. })), 5);
    assert_eq!(gave_up(&run), (31 * SECOND, true));
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsDropped"), 1);
}

#[test]
fn spec_2_5_event_age_exceeded_counts_as_dropped_after_the_record_is_sent() {
    let run = run(&async_scenario(FAIL, &limits(2, 60), ""));
    let sent = events(&run, |w| matches!(w, What::Delivered { .. }))
        .map(|(i, _)| i)
        .next()
        .expect("sent");
    let dropped = events(&run, |w| *w == What::AsyncDropped)
        .map(|(i, _)| i)
        .next()
        .expect("dropped");
    assert!(
        sent < dropped,
        "AsyncEventsDropped is counted after sending"
    );
}
