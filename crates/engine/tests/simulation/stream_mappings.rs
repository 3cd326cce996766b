//! Kinesis and DynamoDB stream mappings: batches per shard, the blocked shard, retries, record
//! age, bisecting, partial batch responses, checkpoints and parallelization (spec §1, §3.2, §4.3,
//! §4.4, §5.1 to §5.3).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::clock::{Millis, SECOND};
use engine::record::Condition;
use engine::trace::{Via, What};
use engine::{Kind, Run};
use serde_json::Value;

/// Function `f` reading stream `s` (`shards` shards) with the given mapping settings and
/// behaviour, OnFailure to `target`, and records `(at, key, data)`.
fn stream(
    shards: u32,
    mapping: &str,
    behavior: &str,
    target: &str,
    records: &[(Millis, &str, &str)],
) -> String {
    let inputs: Vec<String> = records
        .iter()
        .map(|(at, key, data)| {
            format!(r#"{{"type":"putRecord","at":{at},"StreamName":"s","PartitionKey":"{key}","Data":{data}}}"#)
        })
        .collect();
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],"kinesisStreams":[{{"StreamName":"s","ShardCount":{shards}}}],
        "queues":[{{"QueueName":"failed"}}],"buckets":[{{"BucketName":"failed-batches"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{KINESIS}/s","StartingPosition":"TRIM_HORIZON","MaximumBatchingWindowInSeconds":1,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{target}"}}}}{mapping}}}],
        "inputs":[{}]}}"#,
        inputs.join(",")
    )
}

/// One shard, records a..d at 0..3 ms, the second one bad.
fn four(mapping: &str, behavior: &str) -> String {
    stream(
        1,
        mapping,
        behavior,
        &format!("{SQS}:failed"),
        &[
            (0, "a", r#"{"n":1}"#),
            (1, "b", r#"{"n":2,"bad":true}"#),
            (2, "c", r#"{"n":3}"#),
            (3, "d", r#"{"n":4}"#),
        ],
    )
}

const BAD: &str = r#"{"failRecords":{"field":"bad","equals":true}}"#;
const ERROR: &str = r#"{"outcome":{"type":"error"}}"#;

fn batches(run: &Run) -> Vec<(Millis, u32, String)> {
    events(run, |w| matches!(w, What::BatchInvoked { .. }))
        .map(|(_, e)| match &e.what {
            What::BatchInvoked {
                size, first, shard, ..
            } => (
                e.at,
                *size * 100 + *shard,
                run.trace.body(*first).to_string(),
            ),
            _ => unreachable!(),
        })
        .collect()
}

fn batch_sizes(run: &Run) -> Vec<u32> {
    batches(run).iter().map(|(_, s, _)| s / 100).collect()
}

fn checkpoints(run: &Run) -> Vec<(u32, String)> {
    events(run, |w| matches!(w, What::CheckpointAdvanced { .. }))
        .map(|(_, e)| match &e.what {
            What::CheckpointAdvanced {
                processed,
                sequence,
                ..
            } => (*processed, run.trace.body(*sequence).to_string()),
            _ => unreachable!(),
        })
        .collect()
}

fn sequences(run: &Run) -> Vec<String> {
    events(run, |w| matches!(w, What::RecordPut { .. }))
        .map(|(_, e)| match &e.what {
            What::RecordPut { sequence, .. } => run.trace.body(*sequence).to_string(),
            _ => unreachable!(),
        })
        .collect()
}

#[test]
fn spec_5_2_a_failing_batch_is_retried_whole_maximum_retry_attempts_plus_1_times() {
    for retries in [0u32, 1, 2, 5] {
        let run = run(&four(&format!(r#","MaximumRetryAttempts":{retries}"#), BAD));
        assert_eq!(
            batch_sizes(&run),
            vec![4; retries as usize + 1],
            "MaximumRetryAttempts {retries}"
        );
        assert_eq!(
            count(&run, |w| matches!(
                w,
                What::BatchDiscarded {
                    condition: Condition::RetryAttemptsExhausted,
                    ..
                }
            )),
            1
        );
    }
}

#[test]
fn spec_5_2_the_shard_is_blocked_while_its_batch_is_retried() {
    // A good record arrives at 1.5 s, behind the failing batch read at 1 s.
    let json = stream(
        1,
        r#","MaximumRetryAttempts":2"#,
        BAD,
        &format!("{SQS}:failed"),
        &[(0, "a", r#"{"bad":true}"#), (1_500, "b", r#"{"n":2}"#)],
    );
    let run = run(&json);
    let seq = sequences(&run);
    let invoked = batches(&run);
    assert_eq!(
        invoked
            .iter()
            .map(|(_, _, first)| first.clone())
            .collect::<Vec<_>>(),
        [
            seq[0].clone(),
            seq[0].clone(),
            seq[0].clone(),
            seq[1].clone()
        ],
        "the second record waits until the failing batch is discarded"
    );
    let discarded_at = events(&run, |w| matches!(w, What::BatchDiscarded { .. }))
        .map(|(_, e)| e.at)
        .next()
        .unwrap();
    assert!(invoked[3].0 >= discarded_at);
    assert_eq!(
        count(&run, |w| matches!(w, What::ShardBlocked { retry: 1.., .. })),
        2
    );
    assert_eq!(
        checkpoints(&run).iter().map(|c| c.0).collect::<Vec<_>>(),
        [1, 2]
    );
}

#[test]
fn spec_5_2_a_blocked_shard_does_not_hold_up_another_shard() {
    // Find two partition keys that land on different shards of a two-shard stream.
    let shard = |key: &str| engine::rng::stable_hash(key) % 2;
    let bad_key = "k0";
    let good_key = (1..100)
        .map(|i| format!("k{i}"))
        .find(|k| shard(k) != shard(bad_key))
        .unwrap();
    let json = stream(
        2,
        r#","MaximumRetryAttempts":3"#,
        BAD,
        &format!("{SQS}:failed"),
        &[
            (0, bad_key, r#"{"bad":true}"#),
            (1_500, &good_key, r#"{"n":2}"#),
        ],
    );
    let run = run(&json);
    let good_batch = batches(&run)
        .into_iter()
        .find(|(_, _, first)| *first == sequences(&run)[1])
        .unwrap();
    let discarded_at = events(&run, |w| matches!(w, What::BatchDiscarded { .. }))
        .map(|(_, e)| e.at)
        .next()
        .unwrap();
    assert!(
        good_batch.0 < discarded_at,
        "the other shard's record ran at {} while shard {} was still blocked",
        good_batch.0,
        shard(bad_key)
    );
}

#[test]
fn spec_5_2_the_checkpoint_moves_only_when_the_failed_batch_is_discarded() {
    let run = run(&four(r#","MaximumRetryAttempts":1"#, BAD));
    let seq = sequences(&run);
    assert_eq!(checkpoints(&run), [(4, seq[3].clone())]);
}

#[test]
fn spec_5_2_without_a_destination_the_discarded_batch_is_dropped_and_counted() {
    let json = four(r#","MaximumRetryAttempts":0"#, BAD).replace(
        &format!(r#""DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}"#),
        r#""Enabled":true"#,
    );
    let run = run(&json);
    assert!(deliveries(&run, "failed").is_empty());
    let mapping = first_mapping(&run);
    let name = run.topology.name(mapping).to_string();
    assert_eq!(
        counter(&run, Kind::EventSourceMapping, &name, "DroppedEventCount"),
        4
    );
}

#[test]
fn spec_5_2_bisect_splits_the_batch_until_the_bad_record_is_alone() {
    let run = run(&four(
        r#","MaximumRetryAttempts":0,"BisectBatchOnFunctionError":true"#,
        BAD,
    ));
    // [a b c d] fails → [a b] fails → [a] ok, [b] fails alone → discarded; then [c d] ok.
    assert_eq!(batch_sizes(&run), [4, 2, 1, 1, 2]);
    assert_eq!(count(&run, |w| matches!(w, What::BatchBisected { .. })), 2);
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["KinesisBatchInfo"]["batchSize"], 1);
    let seq = sequences(&run);
    assert_eq!(record["KinesisBatchInfo"]["startSequenceNumber"], seq[1]);
    assert_eq!(checkpoints(&run).last().unwrap().0, 4);
}

#[test]
fn spec_5_2_a_split_does_not_use_up_the_retry_quota() {
    // With MaximumRetryAttempts 0 the halves still run: splitting is not a retry.
    let run = run(&four(
        r#","MaximumRetryAttempts":0,"BisectBatchOnFunctionError":true"#,
        ERROR,
    ));
    // Every record fails: [4] → [2] → [1] discarded, [1] discarded, [2] → [1], [1].
    assert_eq!(batch_sizes(&run), [4, 2, 1, 1, 2, 1, 1]);
    assert_eq!(deliveries(&run, "failed").len(), 4);
}

#[test]
fn spec_5_3_report_batch_item_failures_checkpoints_before_the_lowest_failed_sequence_number() {
    let mapping =
        r#","MaximumRetryAttempts":1,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let run = run(&four(mapping, BAD));
    let seq = sequences(&run);
    // Record a succeeded: the checkpoint stops just before b; the retry starts at b.
    assert_eq!(checkpoints(&run)[0], (1, seq[0].clone()));
    let invoked = batches(&run);
    assert_eq!(invoked.len(), 2);
    assert_eq!(invoked[0].2, seq[0]);
    assert_eq!(
        invoked[1].2, seq[1],
        "the retry starts at the failed record"
    );
    assert_eq!(batch_sizes(&run), [4, 3]);
    let failures = events(&run, |w| matches!(w, What::PartialBatchFailure { .. }))
        .map(|(_, e)| match &e.what {
            What::PartialBatchFailure { failed, .. } => run.trace.body(*failed).to_string(),
            _ => unreachable!(),
        })
        .next()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&failures).unwrap(),
        serde_json::json!([seq[1]])
    );
}

#[test]
fn spec_5_3_a_partial_failure_that_runs_out_of_retries_has_function_error_null() {
    let mapping =
        r#","MaximumRetryAttempts":1,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let run = run(&four(mapping, BAD));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["responseContext"]["functionError"], Value::Null);
    assert!(record["responseContext"]
        .as_object()
        .unwrap()
        .contains_key("functionError"));
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 2);
    assert_eq!(checkpoints(&run).last().unwrap().0, 4);
}

#[test]
fn spec_5_3_two_failed_items_checkpoint_at_the_lowest() {
    let json = stream(
        1,
        r#","MaximumRetryAttempts":0,"FunctionResponseTypes":["ReportBatchItemFailures"]"#,
        BAD,
        &format!("{SQS}:failed"),
        &[
            (0, "a", r#"{"n":1}"#),
            (1, "b", r#"{"n":2}"#),
            (2, "c", r#"{"bad":true}"#),
            (3, "d", r#"{"bad":true}"#),
        ],
    );
    let run = run(&json);
    let seq = sequences(&run);
    assert_eq!(checkpoints(&run)[0], (2, seq[1].clone()));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["KinesisBatchInfo"]["startSequenceNumber"], seq[2]);
    assert_eq!(record["KinesisBatchInfo"]["batchSize"], 2);
}

#[test]
fn spec_5_3_a_thrown_error_fails_the_whole_batch_even_with_report_batch_item_failures() {
    let mapping =
        r#","MaximumRetryAttempts":0,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let run = run(&four(mapping, ERROR));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["KinesisBatchInfo"]["batchSize"], 4);
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
}

#[test]
fn spec_5_2_record_age_exceeded_discards_the_batch_without_response_context() {
    let run = run(&four(
        r#","MaximumRecordAgeInSeconds":60,"MaximumRetryAttempts":-1"#,
        BAD,
    ));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["requestContext"]["condition"], "RecordAgeExceeded");
    assert!(record.get("responseContext").is_none());
    let discarded = events(&run, |w| {
        matches!(
            w,
            What::BatchDiscarded {
                condition: Condition::RecordAgeExceeded,
                ..
            }
        )
    })
    .map(|(_, e)| e.at)
    .next()
    .unwrap();
    assert!(discarded >= 60 * SECOND, "{discarded}");
}

#[test]
fn spec_5_2_a_record_that_expires_before_it_is_ever_invoked_has_count_1() {
    // Reserved concurrency 0 throttles every batch before the code runs; throttles do not use up
    // MaximumRetryAttempts, only the record age ends them.
    let json = four(
        r#","MaximumRecordAgeInSeconds":60,"MaximumRetryAttempts":0"#,
        "{}",
    )
    .replace(
        r#""FunctionName":"f","behavior""#,
        r#""FunctionName":"f","ReservedConcurrentExecutions":0,"behavior""#,
    );
    let run = run(&json);
    assert!(attempt_times(&run).is_empty());
    assert!(count(&run, |w| matches!(w, What::ShardBlocked { retry: 0, .. })) > 1);
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(record["requestContext"]["condition"], "RecordAgeExceeded");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    assert!(record.get("responseContext").is_none());
}

#[test]
fn spec_5_2_throttles_before_invocation_do_not_use_up_maximum_retry_attempts() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","ReservedConcurrentExecutions":0}}],"kinesisStreams":[{{"StreamName":"s"}}],
        "queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{KINESIS}/s","StartingPosition":"TRIM_HORIZON","MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}],
        "inputs":[{{"type":"putRecord","at":0,"StreamName":"s","PartitionKey":"a","Data":{{"n":1}}}},
                  {{"type":"setReservedConcurrency","at":5000,"FunctionName":"f","ReservedConcurrentExecutions":5}}]}}"#
    );
    let run = run(&json);
    assert!(count(&run, |w| matches!(w, What::ShardBlocked { retry: 0, .. })) >= 2);
    assert_eq!(attempt_times(&run).len(), 1);
    assert!(deliveries(&run, "failed").is_empty());
    assert_eq!(checkpoints(&run).len(), 1);
}

#[test]
fn spec_5_2_parallelization_keeps_order_per_partition_key() {
    let records: Vec<(Millis, String, String)> = (0..12)
        .map(|i| (i, format!("k{}", i % 3), format!(r#"{{"n":{i}}}"#)))
        .collect();
    let refs: Vec<(Millis, &str, &str)> = records
        .iter()
        .map(|(at, k, d)| (*at, k.as_str(), d.as_str()))
        .collect();
    let json = stream(
        1,
        r#","ParallelizationFactor":3,"BatchSize":1"#,
        r#"{"durationMs":100}"#,
        &format!("{SQS}:failed"),
        &refs,
    );
    let run = run(&json);
    let seq = sequences(&run);
    let invoked: Vec<String> = batches(&run).into_iter().map(|(_, _, s)| s).collect();
    assert_eq!(invoked.len(), 12);
    for key in ["k0", "k1", "k2"] {
        let positions: Vec<usize> = records
            .iter()
            .enumerate()
            .filter(|(_, (_, k, _))| k == key)
            .map(|(i, _)| invoked.iter().position(|s| *s == seq[i]).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{key} out of order: {positions:?}"
        );
    }
    let first_round = batches(&run).iter().filter(|(at, _, _)| *at < 100).count();
    assert!(first_round >= 2, "several lanes of one shard run at once");
}

#[test]
fn spec_5_2_without_parallelization_one_batch_runs_at_a_time_per_shard() {
    let records: Vec<(Millis, String, String)> = (0..4)
        .map(|i| (i, format!("k{i}"), format!(r#"{{"n":{i}}}"#)))
        .collect();
    let refs: Vec<(Millis, &str, &str)> = records
        .iter()
        .map(|(at, k, d)| (*at, k.as_str(), d.as_str()))
        .collect();
    let json = stream(
        1,
        r#","BatchSize":1"#,
        r#"{"durationMs":100}"#,
        &format!("{SQS}:failed"),
        &refs,
    );
    let run = run(&json);
    let times: Vec<Millis> = batches(&run).iter().map(|(at, _, _)| *at).collect();
    // A full batch (BatchSize 1) does not wait for the window.
    assert_eq!(times, [0, 100, 200, 300]);
}

#[test]
fn spec_5_1_batch_size_and_window_group_records_into_batches() {
    let records: Vec<(Millis, String, String)> = (0..5)
        .map(|i| (i * 100, "k".to_string(), format!(r#"{{"n":{i}}}"#)))
        .collect();
    let refs: Vec<(Millis, &str, &str)> = records
        .iter()
        .map(|(at, k, d)| (*at, k.as_str(), d.as_str()))
        .collect();
    let json = stream(
        1,
        r#","BatchSize":2"#,
        "{}",
        &format!("{SQS}:failed"),
        &refs,
    );
    let run = run(&json);
    assert_eq!(batch_sizes(&run), [2, 2, 1]);
}

#[test]
fn spec_4_4_an_s3_on_failure_destination_gets_the_payload_under_the_mapping_key() {
    let json = four(r#","MaximumRetryAttempts":0"#, BAD).replace(
        &format!("{SQS}:failed\"}}}}"),
        "arn:aws:s3:::failed-batches\"}}",
    );
    let run = run(&json);
    let (_, via, body, attributes) = deliveries(&run, "failed-batches").remove(0);
    assert_eq!(via, Via::MappingOnFailure);
    let record: Value = serde_json::from_str(&body).unwrap();
    let payload: Value =
        serde_json::from_str(record["payload"].as_str().expect("an escaped JSON string")).unwrap();
    assert_eq!(payload["Records"].as_array().unwrap().len(), 4);
    let uuid = run.topology.name(first_mapping(&run)).to_string();
    let key = attributes.unwrap()["Key"].as_str().unwrap().to_string();
    assert!(
        key.starts_with(&format!(
            "aws/lambda/{uuid}/shardId-000000000000/2026/01/01/2026-01-01T00.00.01-"
        )),
        "{key}"
    );
}

#[test]
fn spec_4_6_a_mapping_on_failure_sns_topic_wraps_the_record_in_the_sns_envelope_for_sqs() {
    let json = four(r#","MaximumRetryAttempts":0"#, BAD)
        .replace(&format!("{SQS}:failed"), &format!("{SNS}:alerts"))
        .replace(
            r#""queues":[{"QueueName":"failed"}]"#,
            &format!(
                r#""queues":[{{"QueueName":"inbox"}}],"topics":[{{"TopicName":"alerts","Subscriptions":[{{"Protocol":"sqs","Endpoint":"{SQS}:inbox"}}]}}]"#
            ),
        );
    let run = run(&json);
    let envelope = &delivered(&run, "inbox")[0];
    assert_eq!(envelope["Type"], "Notification");
    assert_eq!(envelope["TopicArn"], format!("{SNS}:alerts"));
    let record: Value = serde_json::from_str(envelope["Message"].as_str().unwrap()).unwrap();
    assert_eq!(
        record["requestContext"]["condition"],
        "RetryAttemptsExhausted"
    );
}

#[test]
fn spec_1_a_stream_mapping_invokes_synchronously_so_async_destinations_do_not_fire() {
    let json = four(r#","MaximumRetryAttempts":0"#, ERROR).replace(
        r#""behavior":{"outcome":{"type":"error"}}"#,
        &format!(
            r#""behavior":{{"outcome":{{"type":"error"}}}},"EventInvokeConfig":{{"DestinationConfig":{{"OnFailure":{{"Destination":"{SNS}:never"}}}}}}"#
        ),
    )
    .replace(r#""buckets":"#, r#""topics":[{"TopicName":"never"}],"buckets":"#);
    let run = run(&json);
    assert!(deliveries(&run, "never").is_empty());
    assert_eq!(deliveries(&run, "failed").len(), 1);
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 0);
}

#[test]
fn spec_5_2_on_failure_delivery_counts_on_failure_destination_delivered_event_count() {
    let run = run(&four(r#","MaximumRetryAttempts":0"#, BAD));
    let name = run.topology.name(first_mapping(&run)).to_string();
    let c = counters(&run, Kind::EventSourceMapping, &name);
    assert_eq!(c.get("OnFailureDestinationDeliveredEventCount"), Some(&1));
    assert_eq!(c.get("PolledEventCount"), Some(&4));
}

#[test]
fn spec_3_2_on_success_is_refused_on_a_stream_mapping() {
    let json = four("", "{}").replace(r#""OnFailure""#, r#""OnSuccess""#);
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "InvalidParameterValueException");
    assert_eq!(found[0].operation, "CreateEventSourceMapping");
    assert_eq!(
        found[0].message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
}

#[test]
fn spec_5_1_record_age_below_60_is_refused() {
    let found = findings(&four(r#","MaximumRecordAgeInSeconds":30"#, "{}"));
    assert!(found.iter().any(|f| f.message
        == "1 validation error detected: Value '30' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60, or be -1"));
}

/// A stream source with one shard: Kinesis stream `s` or DynamoDB table `orders`.
#[derive(Clone, Copy, Debug)]
enum Shard {
    Kinesis,
    DynamoDb,
}

/// Function `f` (which `behavior` decides) reading one shard through a mapping with
/// `MaximumRetryAttempts` 3 and a 1 s batching window. A record arrives at 0 and then, on a busy
/// shard, one more every 100 ms until 10 s.
fn blocked_shard(source: Shard, behavior: &str, busy: bool) -> String {
    let times: Vec<Millis> = if busy {
        (0..100).map(|i| i * 100).collect()
    } else {
        vec![0]
    };
    let (resource, arn, inputs) = match source {
        Shard::Kinesis => (
            r#""kinesisStreams":[{"StreamName":"s","ShardCount":1}]"#,
            format!("{KINESIS}/s"),
            times
                .iter()
                .map(|at| format!(r#"{{"type":"putRecord","at":{at},"StreamName":"s","PartitionKey":"k","Data":{{"n":{at}}}}}"#))
                .collect::<Vec<_>>(),
        ),
        Shard::DynamoDb => (
            r#""dynamodbTables":[{"TableName":"orders","ShardCount":1}]"#,
            "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000"
                .to_string(),
            times
                .iter()
                .map(|at| format!(r#"{{"type":"putItem","at":{at},"TableName":"orders","Item":{{"id":{{"N":"{at}"}}}}}}"#))
                .collect(),
        ),
    };
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],{resource},"queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{arn}","StartingPosition":"TRIM_HORIZON",
            "MaximumBatchingWindowInSeconds":1,"MaximumRetryAttempts":3,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}],
        "inputs":[{}]}}"#,
        inputs.join(",")
    )
}

/// Each wait the narration announces ("Retry 3 runs in 4 s", or a throttled batch's backoff),
/// paired with the batch that ran next: (when the wait said it would run, when it ran, its size).
fn announced_waits(run: &Run) -> Vec<(Millis, Millis, u32)> {
    let events = &run.trace.events;
    events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e.what {
            What::ShardBlocked { delay_ms, .. } => {
                let (ran, size) = events[i..].iter().find_map(|n| match n.what {
                    What::BatchInvoked { size, .. } => Some((n.at, size)),
                    _ => None,
                })?;
                Some((e.at + delay_ms, ran, size))
            }
            _ => None,
        })
        .collect()
}

/// When the first batch was discarded, and its size.
fn first_discard(run: &Run) -> (Millis, u32) {
    events(run, |w| matches!(w, What::BatchDiscarded { .. }))
        .map(|(_, e)| match e.what {
            What::BatchDiscarded { size, .. } => (e.at, size),
            _ => unreachable!(),
        })
        .next()
        .expect("a batch is discarded")
}

#[test]
fn spec_5_2_records_arriving_on_a_blocked_shard_do_not_cut_its_retry_wait() {
    for source in [Shard::Kinesis, Shard::DynamoDb] {
        let quiet = run(&blocked_shard(source, ERROR, false));
        let busy = run(&blocked_shard(source, ERROR, true));
        let waits = announced_waits(&busy);
        assert!(waits.len() >= 3, "{source:?}: three retries announced");
        for (due, ran, _) in &waits[..3] {
            assert_eq!(
                ran, due,
                "{source:?}: the retry runs when the narration said it would, not when a record arrives"
            );
        }
        // Read at 1 s, tried 4 times with waits of 1, 2 and 4 s between: discarded at 8.48 s on
        // a quiet shard, and on a busy one too.
        assert_eq!(first_discard(&quiet).0, 8_480, "{source:?}");
        assert_eq!(
            first_discard(&busy).0,
            first_discard(&quiet).0,
            "{source:?}"
        );
        assert_eq!(
            attempt_times(&busy)[..4],
            attempt_times(&quiet)[..4],
            "{source:?}"
        );
    }
}

#[test]
fn spec_5_2_a_retried_batch_keeps_the_records_it_was_read_with_on_a_busy_shard() {
    for source in [Shard::Kinesis, Shard::DynamoDb] {
        let run = run(&blocked_shard(source, ERROR, true));
        let sizes = batch_sizes(&run);
        // The window closes at 1 s with the records of 0 to 1 s; those that arrive while it is
        // retried wait behind it (spec §5.2 does not let a retried batch grow).
        assert_eq!(sizes[..4], [11, 11, 11, 11], "{source:?}");
        assert_eq!(first_discard(&run).1, 11, "{source:?}");
        let (discarded_at, _) = first_discard(&run);
        let (at, _, first) = batches(&run)[4].clone();
        assert_eq!(
            (at, first),
            (discarded_at, sequences(&run)[11].clone()),
            "{source:?}: the records that arrived meanwhile are read once the batch is discarded"
        );
    }
}

#[test]
fn spec_5_2_records_arriving_on_a_throttled_shard_do_not_cut_its_backoff() {
    // Reserved concurrency 0 throttles every try (before the code runs); the batch waits 1, 2,
    // 4, ... s between tries however many records arrive meanwhile.
    for source in [Shard::Kinesis, Shard::DynamoDb] {
        let json = blocked_shard(source, "{}", true).replace(
            r#""FunctionName":"f","behavior":{}"#,
            r#""FunctionName":"f","behavior":{},"ReservedConcurrentExecutions":0"#,
        );
        let run = run(&json);
        let waits = announced_waits(&run);
        assert!(waits.len() >= 5, "{source:?}: {waits:?}");
        let waits = &waits[..5];
        for (due, ran, size) in waits {
            assert_eq!(ran, due, "{source:?}: {waits:?}");
            assert_eq!(*size, 11, "{source:?}");
        }
    }
}
