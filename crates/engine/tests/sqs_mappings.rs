//! SQS event source mappings: visibility timeout, receive counts, redrive to the queue's own
//! dead-letter queue, partial batch responses (spec §1, §3.2, §5.5).

#![allow(clippy::unwrap_used)]

mod common;

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
