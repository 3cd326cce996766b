//! Event source mapping rules (spec §3.2, §4.3 to §4.5, §5), checked through whole runs.

use crate::common;
use engine::record::Condition;
use engine::trace::{Via, What};

use common::run;
use engine::Run;
use serde_json::Value;

const STREAM: &str = "arn:aws:kinesis:us-east-2:123456789012:stream/s";
const QUEUE: &str = "arn:aws:sqs:us-east-2:123456789012";

/// Function `f` reading stream `s` (one shard) with the given mapping settings and behaviour,
/// OnFailure to `target`, and records put at t=0.
fn kinesis(mapping: &str, behavior: &str, target: &str, records: &[(&str, &str)]) -> String {
    let inputs: Vec<String> = records
        .iter()
        .enumerate()
        .map(|(i, (key, data))| format!(r#"{{"type":"putRecord","at":{i},"StreamName":"s","PartitionKey":"{key}","Data":{data}}}"#))
        .collect();
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],"kinesisStreams":[{{"StreamName":"s"}}],
        "queues":[{{"QueueName":"failed"}}],"buckets":[{{"BucketName":"failed-batches"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{STREAM}","StartingPosition":"TRIM_HORIZON","MaximumBatchingWindowInSeconds":1,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{target}"}}}}{mapping}}}],
        "inputs":[{}]}}"#,
        inputs.join(",")
    )
}

fn failure_records(run: &Run) -> Vec<(Value, Option<Value>)> {
    run.trace
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Delivered {
                via: Via::MappingOnFailure,
                body,
                attributes,
                ..
            } => Some((
                serde_json::from_str(run.trace.body(*body)).ok()?,
                attributes.and_then(|a| serde_json::from_str(run.trace.body(a)).ok()),
            )),
            _ => None,
        })
        .collect()
}

fn batch_sizes(run: &Run) -> Vec<u32> {
    run.trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::BatchInvoked { size, .. } = e.what {
                Some(size)
            } else {
                None
            }
        })
        .collect()
}

const BAD: &str = r#"{"failRecords":{"field":"bad","equals":true}}"#;
const RECORDS: [(&str, &str); 4] = [
    ("a", r#"{"n":1}"#),
    ("b", r#"{"n":2,"bad":true}"#),
    ("c", r#"{"n":3}"#),
    ("d", r#"{"n":4}"#),
];

#[test]
fn spec_5_2_a_failing_batch_is_retried_whole_then_recorded_with_retry_attempts_exhausted() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":2"#,
        BAD,
        &format!("{QUEUE}:failed"),
        &RECORDS,
    ));
    assert_eq!(batch_sizes(&run), [4, 4, 4]);
    let (record, _) = &failure_records(&run)[0];
    let keys: Vec<&String> = record.as_object().expect("object").keys().collect();
    assert_eq!(
        keys,
        [
            "requestContext",
            "responseContext",
            "version",
            "timestamp",
            "KinesisBatchInfo"
        ]
    );
    assert_eq!(
        record["requestContext"]["condition"],
        "RetryAttemptsExhausted"
    );
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(
        record["requestContext"]["functionArn"],
        "arn:aws:lambda:us-east-2:123456789012:function:f"
    );
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert_eq!(record["KinesisBatchInfo"]["batchSize"], 4);
    assert!(
        record["KinesisBatchInfo"]["approximateArrivalOfFirstRecord"]
            .as_str()
            .expect("time")
            .ends_with(".000Z")
    );
    assert!(
        record.get("requestPayload").is_none() && record.get("payload").is_none(),
        "metadata only"
    );
}

#[test]
fn spec_5_2_the_shard_is_blocked_while_a_batch_is_retried() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":1"#,
        BAD,
        &format!("{QUEUE}:failed"),
        &RECORDS,
    ));
    let blocked = run
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.what, What::ShardBlocked { retry: 1.., .. }))
        .count();
    assert_eq!(blocked, 1);
    let checkpoints: Vec<u32> = run
        .trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::CheckpointAdvanced { processed, .. } = e.what {
                Some(processed)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        checkpoints,
        [4],
        "the checkpoint moves only when the batch is discarded"
    );
}

#[test]
fn spec_5_2_bisect_splits_the_batch_until_the_bad_record_is_alone() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":0,"BisectBatchOnFunctionError":true"#,
        BAD,
        &format!("{QUEUE}:failed"),
        &RECORDS,
    ));
    assert_eq!(batch_sizes(&run), [4, 2, 1, 1, 2]);
    let records = failure_records(&run);
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].0["KinesisBatchInfo"]["batchSize"], 1,
        "only the bad record is sent to the destination"
    );
}

#[test]
fn spec_5_3_partial_batch_response_checkpoints_before_the_first_failure_with_a_null_function_error()
{
    let mapping =
        r#","MaximumRetryAttempts":1,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let run = run(&kinesis(mapping, BAD, &format!("{QUEUE}:failed"), &RECORDS));
    assert_eq!(
        batch_sizes(&run),
        [4, 3],
        "the retry starts at the failed record"
    );
    let checkpoints: Vec<u32> = run
        .trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::CheckpointAdvanced { processed, .. } = e.what {
                Some(processed)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(checkpoints, [1, 4]);
    let (record, _) = &failure_records(&run)[0];
    assert_eq!(record["responseContext"]["functionError"], Value::Null);
    assert!(record["responseContext"]
        .as_object()
        .expect("object")
        .contains_key("functionError"));
}

#[test]
fn spec_5_3_an_empty_item_identifier_retries_the_whole_stream_batch_and_records_a_null_function_error(
) {
    let mapping =
        r#","MaximumRetryAttempts":1,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    for response in [
        r#"{"batchItemFailures":[{"itemIdentifier":""}]}"#,
        r#"{"batchItemFailures":[{"itemIdentifier":null}]}"#,
        r#"{"batchItemFailures":[{"sequenceNumber":"1"}]}"#,
    ] {
        let behavior = format!(r#"{{"response":{response}}}"#);
        let run = run(&kinesis(
            mapping,
            &behavior,
            &format!("{QUEUE}:failed"),
            &RECORDS,
        ));
        assert_eq!(
            batch_sizes(&run),
            [4, 4],
            "{response}: the whole batch again"
        );
        let (record, _) = &failure_records(&run)[0];
        assert_eq!(
            record["requestContext"]["condition"], "RetryAttemptsExhausted",
            "{response}"
        );
        assert_eq!(record["responseContext"]["functionError"], Value::Null);
        assert_eq!(record["KinesisBatchInfo"]["batchSize"], 4, "{response}");
    }
}

#[test]
fn spec_5_3_an_empty_item_identifier_beside_a_real_one_still_fails_the_whole_stream_batch() {
    let mapping =
        r#","MaximumRetryAttempts":1,"FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let target = format!("{QUEUE}:failed");
    // The last record's sequence number, from a run where the whole batch fails.
    let probe = run(&kinesis(
        mapping,
        r#"{"outcome":{"type":"error"}}"#,
        &target,
        &RECORDS,
    ));
    let last = failure_records(&probe)[0].0["KinesisBatchInfo"]["endSequenceNumber"]
        .as_str()
        .expect("the batch's last sequence number")
        .to_string();
    let valid =
        format!(r#"{{"response":{{"batchItemFailures":[{{"itemIdentifier":"{last}"}}]}}}}"#);
    assert_eq!(
        batch_sizes(&run(&kinesis(mapping, &valid, &target, &RECORDS))),
        [4, 1],
        "a real identifier alone: the retry starts at that record"
    );
    let with_empty = format!(
        r#"{{"response":{{"batchItemFailures":[{{"itemIdentifier":"{last}"}},{{"itemIdentifier":""}}]}}}}"#
    );
    let run = run(&kinesis(mapping, &with_empty, &target, &RECORDS));
    assert_eq!(batch_sizes(&run), [4, 4], "the whole batch again");
    assert_eq!(
        run.trace
            .events
            .iter()
            .filter(|e| matches!(e.what, What::PartialBatchInvalid { .. }))
            .count(),
        2
    );
}

#[test]
fn spec_4_3_record_age_exceeded_has_no_response_context() {
    let mapping = r#","MaximumRecordAgeInSeconds":60,"MaximumRetryAttempts":-1"#;
    let run = run(&kinesis(mapping, BAD, &format!("{QUEUE}:failed"), &RECORDS));
    let (record, _) = &failure_records(&run)[0];
    assert_eq!(record["requestContext"]["condition"], "RecordAgeExceeded");
    assert!(record.get("responseContext").is_none());
    assert!(run.trace.events.iter().any(|e| matches!(
        e.what,
        What::BatchDiscarded {
            condition: Condition::RecordAgeExceeded,
            ..
        }
    )));
}

#[test]
fn spec_4_4_an_s3_failure_destination_gets_the_payload_under_the_mapping_key() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":0"#,
        BAD,
        "arn:aws:s3:::failed-batches",
        &RECORDS,
    ));
    let (record, attributes) = &failure_records(&run)[0];
    let payload: Value =
        serde_json::from_str(record["payload"].as_str().expect("an escaped JSON string"))
            .expect("json");
    assert_eq!(payload["Records"].as_array().expect("records").len(), 4);
    let key = attributes.as_ref().expect("object key")["Key"]
        .as_str()
        .expect("key")
        .to_string();
    let uuid = run
        .topology
        .resources
        .iter()
        .find(|r| r.kind == engine::Kind::EventSourceMapping)
        .expect("mapping")
        .name
        .clone();
    assert!(
        key.starts_with(&format!(
            "aws/lambda/{uuid}/shardId-000000000000/2026/01/01/2026-01-01T00.00."
        )),
        "{key}"
    );
}

#[test]
fn spec_5_2_parallelization_keeps_order_per_partition_key() {
    let records: Vec<(String, String)> = (0..12)
        .map(|i| (format!("k{}", i % 3), format!(r#"{{"n":{i}}}"#)))
        .collect();
    let refs: Vec<(&str, &str)> = records
        .iter()
        .map(|(k, d)| (k.as_str(), d.as_str()))
        .collect();
    let json = kinesis(
        r#","ParallelizationFactor":3,"BatchSize":1"#,
        "{}",
        &format!("{QUEUE}:failed"),
        &refs,
    );
    let run = run(&json);
    let mut seen: std::collections::HashMap<String, Vec<i64>> = std::collections::HashMap::new();
    // Order per key: the records of each key are invoked in the order they were put.
    let invoked: Vec<(u64, String)> = run
        .trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::BatchInvoked { first, .. } = &e.what {
                Some((e.at, run.trace.body(*first).to_string()))
            } else {
                None
            }
        })
        .collect();
    assert_eq!(invoked.len(), 12);
    for (i, (key, _)) in records.iter().enumerate() {
        let sequence_of_i = run
            .trace
            .events
            .iter()
            .find_map(|e| match &e.what {
                What::RecordPut {
                    sequence, key: k, ..
                } if run.trace.body(*k) == key && e.at == i as u64 => {
                    Some(run.trace.body(*sequence).to_string())
                }
                _ => None,
            })
            .expect("put");
        let position = invoked
            .iter()
            .position(|(_, s)| *s == sequence_of_i)
            .expect("invoked") as i64;
        seen.entry(key.clone()).or_default().push(position);
    }
    for (key, positions) in seen {
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{key} out of order: {positions:?}"
        );
    }
    let concurrent = run
        .trace
        .events
        .iter()
        .filter(|e| e.at < 200 && matches!(e.what, What::BatchInvoked { .. }))
        .count();
    assert!(concurrent >= 2, "several lanes of one shard run at once");
}

#[test]
fn spec_4_3_dynamodb_records_use_ddb_batch_info_with_second_precision_arrivals() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}}}}}}],"dynamodbTables":[{{"TableName":"orders"}}],"queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000","StartingPosition":"LATEST",
            "MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{QUEUE}:failed"}}}}}}],
        "inputs":[{{"type":"putItem","at":1500,"TableName":"orders","Item":{{"id":{{"S":"1"}}}}}}]}}"#
    );
    let run = run(&json);
    let (record, _) = &failure_records(&run)[0];
    let info = &record["DDBStreamBatchInfo"];
    assert_eq!(
        info["approximateArrivalOfFirstRecord"],
        "2026-01-01T00:00:01Z"
    );
    assert!(
        record["timestamp"].as_str().expect("time").ends_with("Z")
            && record["timestamp"].as_str().expect("time").contains('.')
    );
}

/// Function `f` reading queue `src` with the given queue settings, behaviour and messages.
fn sqs(queue: &str, mapping: &str, behavior: &str, messages: &[&str]) -> String {
    let inputs: Vec<String> = messages
        .iter()
        .map(|m| format!(r#"{{"type":"sendMessage","QueueName":"src","MessageBody":{m}}}"#))
        .collect();
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],
        "queues":[{{"QueueName":"src"{queue}}},{{"QueueName":"src-dlq"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{QUEUE}:src"{mapping}}}],"inputs":[{}]}}"#,
        inputs.join(",")
    )
}

#[test]
fn spec_5_5_a_failed_message_comes_back_after_the_visibility_timeout_and_is_redriven_at_max_receive_count(
) {
    let queue = format!(
        r#","VisibilityTimeout":10,"RedrivePolicy":{{"deadLetterTargetArn":"{QUEUE}:src-dlq","maxReceiveCount":3}}"#
    );
    let run = run(&sqs(
        &queue,
        "",
        r#"{"outcome":{"type":"error"}}"#,
        &[r#"{"n":1}"#],
    ));
    let receives: Vec<(u64, u32)> = run
        .trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::MessagesReceived { receive_count, .. } = e.what {
                Some((e.at, receive_count))
            } else {
                None
            }
        })
        .collect();
    assert_eq!(receives, [(0, 1), (10_000, 2), (20_000, 3)]);
    let redriven = run.trace.events.iter().find_map(|e| {
        if let What::MessageRedriven {
            receive_count,
            max_receive_count,
            ..
        } = e.what
        {
            Some((e.at, receive_count, max_receive_count))
        } else {
            None
        }
    });
    assert_eq!(redriven, Some((30_000, 3, 3)));
    let dlq_body = run.trace.events.iter().find_map(|e| match &e.what {
        What::Delivered {
            via: Via::Redrive,
            body,
            ..
        } => Some(run.trace.body(*body).to_string()),
        _ => None,
    });
    assert_eq!(
        dlq_body.as_deref(),
        Some(r#"{"n":1}"#),
        "the DLQ gets the message unchanged"
    );
}

#[test]
fn spec_5_5_partial_batch_response_deletes_only_the_successes() {
    let mapping = r#","FunctionResponseTypes":["ReportBatchItemFailures"]"#;
    let queue = format!(
        r#","VisibilityTimeout":5,"RedrivePolicy":{{"deadLetterTargetArn":"{QUEUE}:src-dlq","maxReceiveCount":2}}"#
    );
    let run = run(&sqs(
        &queue,
        mapping,
        BAD,
        &[r#"{"n":1}"#, r#"{"n":2,"bad":true}"#, r#"{"n":3}"#],
    ));
    let first_delete = run.trace.events.iter().find_map(|e| {
        if let What::MessagesDeleted { count, .. } = e.what {
            Some(count)
        } else {
            None
        }
    });
    assert_eq!(first_delete, Some(2));
    assert!(run
        .trace
        .events
        .iter()
        .any(|e| matches!(e.what, What::PartialBatchFailure { count: 1, .. })));
}

#[test]
fn spec_1_a_mapping_invokes_synchronously_so_the_functions_async_destinations_do_not_fire() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}}}},
            "EventInvokeConfig":{{"DestinationConfig":{{"OnFailure":{{"Destination":"{QUEUE}:src-dlq"}}}}}}}}],
        "queues":[{{"QueueName":"src","VisibilityTimeout":5,"RedrivePolicy":{{"deadLetterTargetArn":"{QUEUE}:src-dlq","maxReceiveCount":1}}}},{{"QueueName":"src-dlq"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{QUEUE}:src"}}],"inputs":[{{"type":"sendMessage","QueueName":"src","MessageBody":"x"}}]}}"#
    );
    let run = run(&json);
    let vias: Vec<Via> = run
        .trace
        .events
        .iter()
        .filter_map(|e| {
            if let What::Delivered { via, .. } = e.what {
                Some(via)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        vias,
        [Via::Input, Via::Redrive],
        "the DLQ got the message from the redrive policy, never from OnFailure"
    );
}

#[test]
fn spec_5_4_a_tumbling_window_checkpoints_only_after_its_final_invocation() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"agg","behavior":{"response":{"state":{"count":2}},"durationMs":100}}],
         "kinesisStreams":[{"StreamName":"s"}],
         "eventSourceMappings":[{"FunctionName":"agg","EventSourceArn":"arn:aws:kinesis:us-east-2:123456789012:stream/s","StartingPosition":"TRIM_HORIZON",
            "TumblingWindowInSeconds":60,"BatchSize":2,"MaximumBatchingWindowInSeconds":1}],
         "inputs":[{"type":"putRecord","at":0,"StreamName":"s","PartitionKey":"a","Data":1},{"type":"putRecord","at":10,"StreamName":"s","PartitionKey":"a","Data":2}]}"#;
    let run = run(json);
    let checkpoint_at = run
        .trace
        .events
        .iter()
        .find(|e| matches!(e.what, What::CheckpointAdvanced { .. }))
        .map(|e| e.at);
    assert_eq!(
        checkpoint_at,
        Some(60_100),
        "after the final invocation at the window's end"
    );
    assert!(
        run.trace
            .events
            .iter()
            .any(|e| matches!(e.what, What::BatchInvoked { size: 0, .. })),
        "a final invocation without records"
    );
}

#[test]
fn spec_5_4_a_tumbling_window_response_without_state_counts_as_failed() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"agg","behavior":{"response":{"total":2}}}],"kinesisStreams":[{"StreamName":"s"}],
        "eventSourceMappings":[{"FunctionName":"agg","EventSourceArn":"arn:aws:kinesis:us-east-2:123456789012:stream/s","StartingPosition":"TRIM_HORIZON",
            "TumblingWindowInSeconds":30,"MaximumRetryAttempts":0}],
        "inputs":[{"type":"putRecord","at":0,"StreamName":"s","PartitionKey":"a","Data":1}]}"#;
    let run = run(json);
    let error = run.trace.events.iter().find_map(|e| {
        if let What::AttemptFailed { error, .. } = e.what {
            Some(run.trace.body(error).to_string())
        } else {
            None
        }
    });
    assert!(error.is_some_and(|e| e.contains("no state property")));
}
