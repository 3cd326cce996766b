//! SQS event source mappings: visibility timeout, receive counts, redrive to the queue's own
//! dead-letter queue, partial batch responses (spec §1, §3.2, §5.5).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::clock::{Millis, SECOND};
use engine::trace::{Via, What};
use engine::{Kind, Run};

/// Function `f` reading queue `src` (with the given queue fields) and messages sent at 0 ms.
fn sqs(queue: &str, mapping: &str, behavior: &str, messages: &[&str]) -> String {
    let inputs: Vec<String> = messages
        .iter()
        .map(|m| format!(r#"{{"type":"sendMessage","QueueName":"src","MessageBody":{m}}}"#))
        .collect();
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],
        "queues":[{{"QueueName":"src"{queue}}},{{"QueueName":"src-dlq"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:src"{mapping}}}],"inputs":[{}]}}"#,
        inputs.join(",")
    )
}

fn redrive(visibility: u32, max_receive_count: u32) -> String {
    format!(
        r#","VisibilityTimeout":{visibility},"RedrivePolicy":{{"deadLetterTargetArn":"{SQS}:src-dlq","maxReceiveCount":{max_receive_count}}}"#
    )
}

fn receives(run: &Run) -> Vec<(Millis, u32, u32)> {
    events(run, |w| matches!(w, What::MessagesReceived { .. }))
        .map(|(_, e)| match e.what {
            What::MessagesReceived {
                count,
                receive_count,
                ..
            } => (e.at, count, receive_count),
            _ => unreachable!(),
        })
        .collect()
}

const ERROR: &str = r#"{"outcome":{"type":"error"}}"#;
const BAD: &str = r#"{"failRecords":{"field":"bad","equals":true}}"#;

#[test]
fn spec_5_5_a_failed_message_comes_back_after_each_visibility_timeout() {
    let run = run(&sqs(&redrive(10, 3), "", ERROR, &[r#"{"n":1}"#]));
    assert_eq!(
        receives(&run),
        [(0, 1, 1), (10 * SECOND, 1, 2), (20 * SECOND, 1, 3)]
    );
    assert_eq!(
        count(&run, |w| matches!(w, What::MessagesVisible { .. })),
        3
    );
}

#[test]
fn spec_5_5_the_message_is_redriven_to_the_queues_dlq_at_max_receive_count() {
    let run = run(&sqs(&redrive(10, 3), "", ERROR, &[r#"{"n":1}"#]));
    let redriven: Vec<(Millis, u32, u32, String)> =
        events(&run, |w| matches!(w, What::MessageRedriven { .. }))
            .map(|(_, e)| match e.what {
                What::MessageRedriven {
                    target,
                    receive_count,
                    max_receive_count,
                    ..
                } => (
                    e.at,
                    receive_count,
                    max_receive_count,
                    run.topology.name(target).to_string(),
                ),
                _ => unreachable!(),
            })
            .collect();
    assert_eq!(redriven, [(30 * SECOND, 3, 3, "src-dlq".to_string())]);
    let (_, via, body, _) = deliveries(&run, "src-dlq").remove(0);
    assert_eq!(via, Via::Redrive);
    assert_eq!(body, r#"{"n":1}"#, "the DLQ gets the message unchanged");
    assert_eq!(attempt_times(&run).len(), 3);
}

#[test]
fn spec_5_5_the_event_carries_the_approximate_receive_count() {
    // The code fails unless the record says it is the second receive.
    let behavior = r#"{"outcome":{"type":"error"},"when":[{"field":"Records.0.attributes.ApproximateReceiveCount","equals":"2","outcome":{"type":"ok"}}]}"#;
    let run = run(&sqs(&redrive(5, 3), "", behavior, &[r#""hello""#]));
    assert_eq!(
        receives(&run).iter().map(|r| r.2).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        count(&run, |w| matches!(
            w,
            What::MessagesDeleted { count: 1, .. }
        )),
        1,
        "the second receive succeeded"
    );
    assert!(deliveries(&run, "src-dlq").is_empty());
}

#[test]
fn spec_5_5_a_received_message_stays_in_the_queue_hidden_until_it_is_deleted() {
    let run = run(&sqs(&redrive(5, 2), "", ERROR, &[r#""hello""#]));
    let timeline = engine::Timeline::new(&run);
    let queue = run.topology.find(Kind::Queue, "src").unwrap() as usize;
    let second_receive = events(&run, |w| matches!(w, What::MessagesReceived { .. }))
        .map(|(i, _)| i)
        .nth(1)
        .unwrap();
    let world = timeline.world_after(&run, second_receive + 1);
    let message = &world.nodes[queue].messages[0];
    assert_eq!(message.receive_count, 2);
    assert!(message.in_flight);
    assert!(
        timeline.end().nodes[queue].messages.is_empty(),
        "redriven at the end"
    );
}

#[test]
fn spec_5_5_a_successful_batch_is_deleted() {
    let run = run(&sqs("", "", "{}", &[r#"{"n":1}"#, r#"{"n":2}"#]));
    let deleted = events(&run, |w| matches!(w, What::MessagesDeleted { .. }))
        .map(|(_, e)| match e.what {
            What::MessagesDeleted { count, .. } => count,
            _ => unreachable!(),
        })
        .collect::<Vec<_>>();
    assert_eq!(deleted, [2], "one batch of two (default BatchSize 10)");
    let queue = run.topology.find(Kind::Queue, "src").unwrap() as usize;
    assert!(engine::Timeline::new(&run).end().nodes[queue]
        .messages
        .is_empty());
}

#[test]
fn spec_5_5_without_partial_responses_one_bad_message_returns_the_whole_batch() {
    let run = run(&sqs(
        &redrive(5, 2),
        "",
        BAD,
        &[r#"{"n":1}"#, r#"{"n":2,"bad":true}"#, r#"{"n":3}"#],
    ));
    assert_eq!(receives(&run)[0], (0, 3, 1));
    assert_eq!(receives(&run)[1], (5 * SECOND, 3, 2));
    assert_eq!(
        deliveries(&run, "src-dlq").len(),
        3,
        "all three are redriven"
    );
}

#[test]
fn spec_5_5_partial_batch_response_deletes_only_the_successes() {
    let mapping = r#","FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let run = run(&sqs(
        &redrive(5, 2),
        mapping,
        BAD,
        &[r#"{"n":1}"#, r#"{"n":2,"bad":true}"#, r#"{"n":3}"#],
    ));
    let deleted = events(&run, |w| matches!(w, What::MessagesDeleted { .. }))
        .map(|(_, e)| match e.what {
            What::MessagesDeleted { count, .. } => count,
            _ => unreachable!(),
        })
        .collect::<Vec<_>>();
    assert_eq!(deleted, [2]);
    // Two receives, each answered with one batchItemFailure, then the redrive.
    assert_eq!(
        count(&run, |w| matches!(
            w,
            What::PartialBatchFailure { count: 1, .. }
        )),
        2
    );
    assert_eq!(
        receives(&run)[1],
        (5 * SECOND, 1, 2),
        "only the failure returns"
    );
    let dlq = deliveries(&run, "src-dlq");
    assert_eq!(dlq.len(), 1);
    assert_eq!(dlq[0].2, r#"{"n":2,"bad":true}"#);
}

#[test]
fn spec_5_5_a_when_rule_reads_each_messages_body() {
    // The documented `when` matches the data of a batch's records: here the SQS body.
    let behavior = r#"{"when":[{"field":"poison","equals":true,"outcome":{"type":"error"}}]}"#;
    let run = run(&sqs(
        &redrive(30, 3),
        r#","BatchSize":1"#,
        behavior,
        &[r#"{"poison":false}"#, r#"{"poison":true}"#],
    ));
    assert_eq!(deliveries(&run, "src-dlq").len(), 1);
    assert_eq!(deliveries(&run, "src-dlq")[0].2, r#"{"poison":true}"#);
}

#[test]
fn spec_5_5_a_batching_window_waits_for_more_messages() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f"}}],"queues":[{{"QueueName":"src"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:src","BatchSize":5,"MaximumBatchingWindowInSeconds":2}}],
        "inputs":[{{"type":"sendMessage","at":0,"QueueName":"src","MessageBody":"a"}},{{"type":"sendMessage","at":500,"QueueName":"src","MessageBody":"b"}}]}}"#
    );
    let run = run(&json);
    assert_eq!(receives(&run), [(2 * SECOND, 2, 1)]);
}

#[test]
fn spec_1_an_sqs_mapping_invokes_synchronously_so_the_functions_destinations_do_not_fire() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}}}},
            "EventInvokeConfig":{{"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:src-dlq"}}}}}}}}],
        "queues":[{{"QueueName":"src","VisibilityTimeout":5,"RedrivePolicy":{{"deadLetterTargetArn":"{SQS}:src-dlq","maxReceiveCount":1}}}},{{"QueueName":"src-dlq"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:src"}}],"inputs":[{{"type":"sendMessage","QueueName":"src","MessageBody":"x"}}]}}"#
    );
    let run = run(&json);
    let vias: Vec<Via> = events(&run, |w| matches!(w, What::Delivered { .. }))
        .map(|(_, e)| match e.what {
            What::Delivered { via, .. } => via,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        vias,
        [Via::Input, Via::Redrive],
        "the DLQ got the message from the redrive policy, never from OnFailure"
    );
}

#[test]
fn spec_3_2_an_sqs_mapping_cannot_have_an_on_failure_destination() {
    let mapping =
        format!(r#","DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:src-dlq"}}}}"#);
    let found = findings(&sqs("", &mapping, "{}", &["1"]));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "InvalidParameterValueException");
    assert_eq!(
        found[0].message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
    assert_eq!(
        found[0].field,
        "eventSourceMappings[0].DestinationConfig.OnFailure"
    );
}

#[test]
fn spec_5_5_counters_follow_sqs_and_the_mapping() {
    let run = run(&sqs(&redrive(10, 2), "", ERROR, &[r#"{"n":1}"#]));
    let c = counters(&run, Kind::Queue, "src");
    assert_eq!(c.get("NumberOfMessagesSent"), Some(&1));
    assert_eq!(c.get("NumberOfMessagesReceived"), Some(&2));
    assert_eq!(c.get("NumberOfMessagesDeleted"), None);
    assert_eq!(
        counter(&run, Kind::Queue, "src-dlq", "NumberOfMessagesSent"),
        1
    );
    let f = counters(&run, Kind::Function, "f");
    assert_eq!(f.get("Invocations"), Some(&2));
    assert_eq!(f.get("Errors"), Some(&2));
}

/// The bodies of the messages each receive of queue `src` returned, at its time. Bodies are
/// matched to message ids through the `MessageSent` events.
fn received_bodies(run: &Run, queue: &str) -> Vec<(Millis, Vec<String>)> {
    let q = run.topology.find(Kind::Queue, queue).unwrap();
    let bodies: std::collections::HashMap<String, String> = run
        .trace
        .events
        .iter()
        .filter(|e| e.resource == q)
        .filter_map(|e| match e.what {
            What::MessageSent { message_id, body } => Some((
                run.trace.body(message_id).to_string(),
                run.trace.body(body).to_string(),
            )),
            _ => None,
        })
        .collect();
    events(run, |w| matches!(w, What::MessagesReceived { .. }))
        .filter(|(_, e)| e.resource == q)
        .map(|(_, e)| match e.what {
            What::MessagesReceived { message_ids, .. } => {
                let ids: Vec<String> = serde_json::from_str(run.trace.body(message_ids)).unwrap();
                (e.at, ids.iter().map(|id| bodies[id].clone()).collect())
            }
            _ => unreachable!(),
        })
        .collect()
}

/// (time, count) of every expiry in queue `queue`.
fn expiries(run: &Run, queue: &str) -> Vec<(Millis, u32)> {
    let q = run.topology.find(Kind::Queue, queue).unwrap();
    events(run, |w| matches!(w, What::MessagesExpired { .. }))
        .filter(|(_, e)| e.resource == q)
        .map(|(_, e)| match e.what {
            What::MessagesExpired { count, .. } => (e.at, count),
            _ => unreachable!(),
        })
        .collect()
}

fn deleted_counts(run: &Run) -> Vec<u32> {
    events(run, |w| matches!(w, What::MessagesDeleted { .. }))
        .map(|(_, e)| match e.what {
            What::MessagesDeleted { count, .. } => count,
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn spec_5_5_a_message_nobody_receives_expires_after_the_retention_period_and_is_counted() {
    let json = r#"{"version":1,"queues":[{"QueueName":"parked","MessageRetentionPeriod":60}],
        "inputs":[{"type":"sendMessage","at":0,"QueueName":"parked","MessageBody":"a"},
                  {"type":"sendMessage","at":30000,"QueueName":"parked","MessageBody":"b"}]}"#;
    let run = run(json);
    assert_eq!(
        expiries(&run, "parked"),
        [(60 * SECOND, 1), (90 * SECOND, 1)]
    );
    assert_eq!(counter(&run, Kind::Queue, "parked", "MessagesExpired"), 2);
    let queue = run.topology.find(Kind::Queue, "parked").unwrap() as usize;
    let timeline = engine::Timeline::new(&run);
    assert!(timeline.end().nodes[queue].messages.is_empty(), "gone");
    let text = engine::narrate::text_log(&run, engine::lang::Lang::En);
    assert!(
        text.contains("1 message outlived the MessageRetentionPeriod of parked (1 min), so SQS deleted it unprocessed."),
        "{text}"
    );
}

#[test]
fn spec_5_5_a_message_being_processed_is_not_taken_away_and_expires_when_it_would_come_back() {
    // Retention 60 s, visibility 40 s, no dead-letter queue: received at 0 s and 40 s; the
    // second receive is still in flight at 60 s, so the message expires at 80 s instead of
    // coming back.
    let run = run(&sqs(
        r#","VisibilityTimeout":40,"MessageRetentionPeriod":60"#,
        "",
        ERROR,
        &[r#"{"n":1}"#],
    ));
    assert_eq!(
        receives(&run).iter().map(|r| r.0).collect::<Vec<_>>(),
        [0, 40 * SECOND]
    );
    assert_eq!(expiries(&run, "src"), [(80 * SECOND, 1)]);
    assert_eq!(counter(&run, Kind::Queue, "src", "MessagesExpired"), 1);
}

#[test]
fn spec_5_5_a_message_deleted_in_time_never_expires() {
    let run = run(&sqs(
        r#","MessageRetentionPeriod":60"#,
        "",
        "{}",
        &[r#"{"n":1}"#],
    ));
    assert_eq!(deleted_counts(&run), [1]);
    assert!(expiries(&run, "src").is_empty());
    assert_eq!(counter(&run, Kind::Queue, "src", "MessagesExpired"), 0);
}

#[test]
fn spec_5_5_with_the_default_four_day_retention_a_run_ends_without_waiting_for_expiry() {
    let run = run(&sqs(&redrive(5, 2), "", ERROR, &[r#"{"n":1}"#]));
    assert_eq!(deliveries(&run, "src-dlq").len(), 1);
    assert!(expiries(&run, "src-dlq").is_empty());
    let last = run.trace.events.last().unwrap().at;
    assert!(last < 60 * SECOND, "the run ended at {last} ms");
}

#[test]
fn spec_5_5_retention_outside_60_seconds_to_14_days_is_refused_in_sqs_words() {
    for bad in [59, 1_209_601] {
        let found = findings(&sqs(
            &format!(r#","MessageRetentionPeriod":{bad}"#),
            "",
            "{}",
            &["1"],
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "InvalidAttributeValue");
        assert_eq!(
            found[0].message,
            "Invalid value for the parameter MessageRetentionPeriod."
        );
        assert_eq!(found[0].field, "queues[0].MessageRetentionPeriod");
    }
    for good in [60, 1_209_600] {
        assert!(findings(&sqs(
            &format!(r#","MessageRetentionPeriod":{good}"#),
            "",
            "{}",
            &["1"]
        ))
        .is_empty());
    }
}

/// `src` (standard or FIFO) redriving after one receive to `dlq` (retention 60 s); the message
/// fails, comes back after 10 s and is moved at 10 s.
fn redrive_retention(fifo: bool) -> Run {
    let (src, dlq, group) = if fifo {
        ("src.fifo", "dlq.fifo", r#","MessageGroupId":"g""#)
    } else {
        ("src", "dlq", "")
    };
    let flag = if fifo { r#","FifoQueue":true"# } else { "" };
    run(&format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{ERROR}}}],
        "queues":[{{"QueueName":"{src}"{flag},"VisibilityTimeout":10,"RedrivePolicy":{{"deadLetterTargetArn":"{SQS}:{dlq}","maxReceiveCount":1}}}},
                  {{"QueueName":"{dlq}"{flag},"MessageRetentionPeriod":60}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:{src}"}}],
        "inputs":[{{"type":"sendMessage","QueueName":"{src}","MessageBody":"x"{group}}}]}}"#
    ))
}

#[test]
fn spec_5_5_a_standard_queues_dead_letter_queue_counts_retention_from_the_first_send() {
    let run = redrive_retention(false);
    assert_eq!(
        deliveries(&run, "dlq")[0].0,
        10 * SECOND,
        "redriven at 10 s"
    );
    assert_eq!(
        expiries(&run, "dlq"),
        [(60 * SECOND, 1)],
        "60 s after the send"
    );
}

#[test]
fn spec_5_5_a_fifo_dead_letter_queue_starts_the_retention_period_again() {
    let run = redrive_retention(true);
    assert_eq!(deliveries(&run, "dlq.fifo")[0].0, 10 * SECOND);
    assert_eq!(
        expiries(&run, "dlq.fifo"),
        [(70 * SECOND, 1)],
        "60 s after the move"
    );
}

/// `f` with ReportBatchItemFailures on `src` whose code returns `response`, three messages.
fn reporting(response: &str, report: bool) -> Run {
    let mapping = if report {
        r#","FunctionResponseTypes":["ReportBatchItemFailures"]"#
    } else {
        ""
    };
    run(&sqs(
        &redrive(5, 2),
        mapping,
        &format!(r#"{{"response":{response}}}"#),
        &[r#"{"n":1}"#, r#"{"n":2}"#, r#"{"n":3}"#],
    ))
}

fn invalid_reports(run: &Run) -> usize {
    count(run, |w| matches!(w, What::PartialBatchInvalid { .. }))
}

#[test]
fn spec_5_3_an_empty_null_or_misnamed_item_identifier_fails_the_whole_sqs_batch() {
    for response in [
        r#"{"batchItemFailures":[{"itemIdentifier":""}]}"#,
        r#"{"batchItemFailures":[{"itemIdentifier":null}]}"#,
        r#"{"batchItemFailures":[{"itemId":"anything"}]}"#,
        r#"{"batchItemFailures":[null]}"#,
    ] {
        let run = reporting(response, true);
        assert!(
            deleted_counts(&run).is_empty(),
            "{response}: nothing deleted"
        );
        assert_eq!(
            receives(&run).iter().map(|r| r.1).collect::<Vec<_>>(),
            [3, 3],
            "{response}: the whole batch comes back"
        );
        assert_eq!(deliveries(&run, "src-dlq").len(), 3, "{response}");
        assert_eq!(invalid_reports(&run), 2, "{response}");
    }
}

#[test]
fn spec_5_3_an_unknown_message_id_fails_the_whole_sqs_batch() {
    let run = reporting(
        r#"{"batchItemFailures":[{"itemIdentifier":"not-a-message-of-this-batch"}]}"#,
        true,
    );
    assert!(deleted_counts(&run).is_empty());
    assert_eq!(deliveries(&run, "src-dlq").len(), 3);
    let text = engine::narrate::text_log(&run, engine::lang::Lang::En);
    assert!(
        text.contains(r#"The function returned batchItemFailures [{"itemIdentifier":"not-a-message-of-this-batch"}], with an itemIdentifier that is empty, null, under another key, or not in the batch, so Lambda counts the whole batch as failed."#),
        "{text}"
    );
}

#[test]
fn spec_5_3_an_empty_or_null_list_of_failures_is_a_full_success() {
    for response in [
        r#"{"batchItemFailures":[]}"#,
        r#"{"batchItemFailures":null}"#,
        r#"{}"#,
        "null",
    ] {
        let run = reporting(response, true);
        assert_eq!(deleted_counts(&run), [3], "{response}");
        assert_eq!(invalid_reports(&run), 0, "{response}");
        assert!(deliveries(&run, "src-dlq").is_empty(), "{response}");
    }
}

#[test]
fn spec_5_3_without_report_batch_item_failures_the_returned_failures_are_ignored() {
    let run = reporting(r#"{"batchItemFailures":[{"itemIdentifier":""}]}"#, false);
    assert_eq!(
        deleted_counts(&run),
        [3],
        "Lambda reads no partial response"
    );
    assert_eq!(invalid_reports(&run), 0);
}

/// A FIFO queue `src.fifo` (visibility 10 s, redrive after `max_receive_count` to
/// `src-dlq.fifo`) read with ReportBatchItemFailures by code that fails `{"bad":true}`; each
/// message is (time, group, body).
fn fifo(max_receive_count: u32, report: bool, messages: &[(u64, &str, &str)]) -> Run {
    let inputs: Vec<String> = messages
        .iter()
        .map(|(at, group, body)| {
            format!(r#"{{"type":"sendMessage","at":{at},"QueueName":"src.fifo","MessageBody":{body},"MessageGroupId":"{group}"}}"#)
        })
        .collect();
    let mapping = if report {
        r#","FunctionResponseTypes":["ReportBatchItemFailures"]"#
    } else {
        ""
    };
    run(&format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{BAD}}}],
        "queues":[{{"QueueName":"src.fifo","FifoQueue":true,"VisibilityTimeout":10,
            "RedrivePolicy":{{"deadLetterTargetArn":"{SQS}:src-dlq.fifo","maxReceiveCount":{max_receive_count}}}}},
          {{"QueueName":"src-dlq.fifo","FifoQueue":true}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:src.fifo","BatchSize":10{mapping}}}],
        "inputs":[{}]}}"#,
        inputs.join(",")
    ))
}

#[test]
fn spec_5_5_a_failed_fifo_message_blocks_its_group_and_the_rest_of_its_group_is_reported_with_it() {
    let run = fifo(
        3,
        true,
        &[
            (0, "g1", r#"{"n":1,"bad":true}"#),
            (0, "g1", r#"{"n":2}"#),
            (0, "g2", r#"{"n":3}"#),
        ],
    );
    let receipts = received_bodies(&run, "src.fifo");
    assert_eq!(
        receipts[0],
        (
            0,
            vec![
                r#"{"n":1,"bad":true}"#.to_string(),
                r#"{"n":2}"#.to_string(),
                r#"{"n":3}"#.to_string()
            ]
        )
    );
    // n=2 is reported with n=1, so it never overtakes it; g2 goes on.
    let reported = events(&run, |w| matches!(w, What::PartialBatchFailure { .. }))
        .map(|(_, e)| match e.what {
            What::PartialBatchFailure { count, .. } => count,
            _ => unreachable!(),
        })
        .collect::<Vec<_>>();
    assert_eq!(reported, [2, 2, 2]);
    assert_eq!(deleted_counts(&run), [1], "only n=3");
    assert_eq!(
        receipts[1..]
            .iter()
            .map(|(at, bodies)| (*at, bodies.len()))
            .collect::<Vec<_>>(),
        [(10 * SECOND, 2), (20 * SECOND, 2)],
        "the group comes back together after each visibility timeout"
    );
}

#[test]
fn spec_5_5_on_fifo_the_unprocessed_messages_reported_with_a_failure_use_up_their_receives() {
    let run = fifo(
        2,
        true,
        &[(0, "g1", r#"{"n":1,"bad":true}"#), (0, "g1", r#"{"n":2}"#)],
    );
    let dlq: Vec<String> = deliveries(&run, "src-dlq.fifo")
        .into_iter()
        .map(|(_, _, body, _)| body)
        .collect();
    assert_eq!(
        dlq,
        [r#"{"n":1,"bad":true}"#, r#"{"n":2}"#],
        "n=2 was received twice without being processed, so it reaches maxReceiveCount too"
    );
    assert!(deleted_counts(&run).is_empty());
}

#[test]
fn spec_5_5_a_fifo_group_waits_for_its_failed_message_while_other_groups_flow() {
    let run = fifo(
        2,
        true,
        &[
            (0, "g1", r#"{"n":1,"bad":true}"#),
            (3000, "g1", r#"{"n":2}"#),
            (3000, "g2", r#"{"n":3}"#),
        ],
    );
    let receipts = received_bodies(&run, "src.fifo");
    let first_time = |body: &str| {
        receipts
            .iter()
            .find(|(_, bodies)| bodies.iter().any(|b| b == body))
            .map(|(at, _)| *at)
    };
    assert_eq!(
        first_time(r#"{"n":3}"#),
        Some(3 * SECOND),
        "g2 is not blocked"
    );
    assert_eq!(
        first_time(r#"{"n":2}"#),
        Some(10 * SECOND),
        "held back while n=1 is in flight, then received behind it"
    );
    assert_eq!(
        receipts[2],
        (
            10 * SECOND,
            vec![
                r#"{"n":1,"bad":true}"#.to_string(),
                r#"{"n":2}"#.to_string()
            ]
        )
    );
    let redriven = deliveries(&run, "src-dlq.fifo")[0].0;
    assert_eq!(redriven, 20 * SECOND);
    let deleted: Vec<Millis> = events(&run, |w| matches!(w, What::MessagesDeleted { .. }))
        .map(|(_, e)| e.at)
        .collect();
    assert_eq!(
        deleted.last(),
        Some(&(20 * SECOND + 120)),
        "n=2 is processed only once n=1 has left the queue"
    );
}

#[test]
fn spec_5_5_a_standard_queue_does_not_hold_later_messages_back() {
    // The same messages on a standard queue: n=2 is received while n=1 is in flight.
    let json = sqs(
        &redrive(10, 2),
        r#","FunctionResponseTypes":["ReportBatchItemFailures"]"#,
        BAD,
        &[],
    )
    .replace(
        r#""inputs":[]"#,
        r#""inputs":[{"type":"sendMessage","at":0,"QueueName":"src","MessageBody":{"n":1,"bad":true}},
                    {"type":"sendMessage","at":3000,"QueueName":"src","MessageBody":{"n":2}}]"#,
    );
    let run = run(&json);
    let receipts = received_bodies(&run, "src");
    assert_eq!(receipts[1], (3 * SECOND, vec![r#"{"n":2}"#.to_string()]));
}

#[test]
fn spec_5_5_a_fifo_batch_without_partial_responses_comes_back_whole() {
    let run = fifo(
        2,
        false,
        &[(0, "g1", r#"{"n":1,"bad":true}"#), (0, "g2", r#"{"n":2}"#)],
    );
    assert!(deleted_counts(&run).is_empty());
    assert_eq!(deliveries(&run, "src-dlq.fifo").len(), 2);
}

#[test]
fn spec_5_5_a_fifo_message_carries_its_message_group_id() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}},
            "when":[{{"field":"Records.0.attributes.MessageGroupId","equals":"g7","outcome":{{"type":"ok"}}}}]}}}}],
        "queues":[{{"QueueName":"src.fifo","FifoQueue":true}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{SQS}:src.fifo"}}],
        "inputs":[{{"type":"sendMessage","QueueName":"src.fifo","MessageBody":"x","MessageGroupId":"g7"}}]}}"#
    );
    assert_eq!(deleted_counts(&run(&json)), [1]);
}
