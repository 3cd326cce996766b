//! The simulation rules a run applies, one test each: the trace event that carries the rule id and
//! what the learner sees follow from it (spec §1, §2.3, §2.5, §2.8, §4.6, §5.2, §5.5).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::clock::SECOND;
use engine::record::Condition;
use engine::trace::{NoDestinationReason, Via, What};
use engine::{Kind, RunOptions};

/// Function `f` (with `extra` fields) invoked once with `invocation_type`, OnSuccess → `ok` and
/// OnFailure → `failed`.
fn invoke(behavior: &str, invocation_type: &str, extra: &str) -> String {
    async_scenario(behavior, &both_destinations(), extra).replace(
        r#""InvocationType":"Event""#,
        &format!(r#""InvocationType":"{invocation_type}""#),
    )
}

/// Function `f` reading Kinesis stream `s` (one shard) from the start, with `mapping` fields;
/// one record `{"n":1,"bad":true}` put at 0 ms.
fn stream(mapping: &str, behavior: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],"kinesisStreams":[{{"StreamName":"s","ShardCount":1}}],
        "queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{KINESIS}/s","StartingPosition":"TRIM_HORIZON"{mapping}}}],
        "inputs":[{{"type":"putRecord","at":0,"StreamName":"s","PartitionKey":"a","Data":{{"n":1,"bad":true}}}}]}}"#
    )
}

const BAD: &str = r#"{"failRecords":{"field":"bad","equals":true}}"#;

#[test]
fn a_throttled_event_backs_off_one_then_two_seconds_before_it_runs() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"throttle"},{"type":"ok"}]}"#;
    let run = run(&async_scenario(behavior, &both_destinations(), ""));
    let backoff: Vec<u64> = ruled(&run, "async.throttle-backoff")
        .into_iter()
        .map(|e| match e.what {
            What::Throttled { retry_in_ms } => retry_in_ms,
            ref other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(backoff, [SECOND, 2 * SECOND]);
    assert_eq!(attempt_times(&run), [3 * SECOND]);
    assert_eq!(delivered(&run, "ok").len(), 1);
}

#[test]
fn a_reserved_concurrency_of_zero_sends_the_event_to_on_failure_with_condition_zero_reserved_concurrency(
) {
    let run = run(&invoke(
        FAIL,
        "Event",
        r#","ReservedConcurrentExecutions":0"#,
    ));
    let zero = ruled(&run, "async.zero-reserved-concurrency");
    assert_eq!(zero.len(), 1);
    assert_eq!(zero[0].what, What::ZeroReservedConcurrency);
    assert!(attempt_times(&run).is_empty());
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(
        record["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 0);
}

#[test]
fn a_message_published_to_a_topic_fans_out_to_its_lambda_and_email_subscribers() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"notify"}}],
        "topics":[{{"TopicName":"alerts","Subscriptions":[{{"Protocol":"lambda","Endpoint":"{LAMBDA}:notify"}},{{"Protocol":"email","Endpoint":"ops@example.com"}}]}}],
        "inputs":[{{"type":"publish","TopicName":"alerts","Message":"disk full"}}]}}"#
    );
    let run = run(&json);
    let fanout = ruled(&run, "sns.fanout");
    let notify = function(&run, "notify");
    assert!(
        fanout
            .iter()
            .any(|e| e.resource == notify && e.what == What::AsyncAccepted),
        "the Lambda subscriber is invoked asynchronously: {fanout:?}"
    );
    let emails: Vec<String> = fanout
        .iter()
        .filter_map(|e| match e.what {
            What::EmailSent { endpoint, .. } => Some(run.trace.body(endpoint).to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(emails, ["ops@example.com"]);
    assert_eq!(attempt_times_of(&run, "notify").len(), 1);
    let (_, via, body, _) = deliveries(&run, "notify").remove(0);
    assert_eq!(via, Via::Subscription);
    assert!(body.contains("disk full"), "{body}");
}

#[test]
fn a_batch_older_than_maximum_record_age_is_discarded_to_on_failure_with_condition_record_age_exceeded(
) {
    let run = run(&stream(
        &format!(
            r#","MaximumRecordAgeInSeconds":60,"MaximumRetryAttempts":-1,"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}"#
        ),
        BAD,
    ));
    let aged = ruled(&run, "esm.record-age");
    assert_eq!(aged.len(), 1);
    assert!(matches!(
        aged[0].what,
        What::BatchDiscarded {
            condition: Condition::RecordAgeExceeded,
            ..
        }
    ));
    assert!(aged[0].at >= 60 * SECOND, "{}", aged[0].at);
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["requestContext"]["condition"], "RecordAgeExceeded");
    assert!(record.get("responseContext").is_none());
}

#[test]
fn a_throttled_batch_blocks_the_shard_and_is_read_again_without_using_a_retry() {
    let behavior = r#"{"attempts":[{"type":"throttle"},{"type":"ok"}]}"#;
    let run = run(&stream(r#","MaximumRetryAttempts":0"#, behavior));
    let throttled = ruled(&run, "esm.throttle");
    assert_eq!(throttled.len(), 1);
    let delay = match throttled[0].what {
        What::ShardBlocked {
            retry: 0, delay_ms, ..
        } => delay_ms,
        ref other => panic!("{other:?}"),
    };
    assert!(delay > 0);
    assert_eq!(
        count(&run, |w| matches!(w, What::BatchDiscarded { .. })),
        0,
        "a throttle does not use up MaximumRetryAttempts 0"
    );
    assert_eq!(
        attempt_times(&run),
        [delay],
        "read again once the backoff is over"
    );
    assert_eq!(
        count(&run, |w| matches!(w, What::CheckpointAdvanced { .. })),
        1
    );
}

#[test]
fn a_failed_batch_of_a_mapping_without_on_failure_is_discarded_and_the_shard_moves_on() {
    let run = run(&stream(r#","MaximumRetryAttempts":0"#, BAD));
    let discarded = ruled(&run, "esm.discarded");
    assert_eq!(discarded.len(), 1);
    assert_eq!(
        discarded[0].what,
        What::NoDestination {
            reason: NoDestinationReason::NotConfigured
        }
    );
    assert!(delivered(&run, "failed").is_empty());
    assert_eq!(
        count(&run, |w| matches!(w, What::CheckpointAdvanced { .. })),
        1,
        "the checkpoint moves past the discarded batch"
    );
}

#[test]
fn a_message_nobody_receives_is_deleted_by_sqs_when_its_retention_period_ends() {
    let json = r#"{"version":1,"queues":[{"QueueName":"parked","MessageRetentionPeriod":60}],
        "inputs":[{"type":"sendMessage","at":0,"QueueName":"parked","MessageBody":"a"}]}"#;
    let run = run(json);
    let expired = ruled(&run, "sqs.retention");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].at, 60 * SECOND);
    assert!(matches!(
        expired[0].what,
        What::MessagesExpired {
            count: 1,
            retention_ms: 60_000,
            ..
        }
    ));
    assert_eq!(counter(&run, Kind::Queue, "parked", "MessagesExpired"), 1);
}

#[test]
fn an_invoke_of_a_function_the_scenario_lacks_is_ignored_by_the_run() {
    // Validation refuses it (`config.reference`); the run, asked anyway, skips the input.
    let json = async_scenario("{}", "", "").replace(
        r#""FunctionName":"f","InvocationType""#,
        r#""FunctionName":"nobody","InvocationType""#,
    );
    let (scenario, _, _) = engine::load(&json).unwrap();
    let run = engine::simulate(&scenario, &RunOptions::default());
    let ignored = ruled(&run, "input.ignored");
    assert_eq!(ignored.len(), 1);
    let description = match ignored[0].what {
        What::FaultApplied { description } => run.trace.body(description).to_string(),
        ref other => panic!("{other:?}"),
    };
    assert_eq!(description, "nobody does not exist; input ignored");
    assert!(attempt_times(&run).is_empty());
}
