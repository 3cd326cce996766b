//! The records targets receive, field for field and in AWS's key order (spec §4.1 to §4.5). Bodies
//! are parsed with serde_json, whose `preserve_order` feature keeps the delivered key order.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::Via;
use serde_json::{json, Value};

/// `2026-01-01T00:00:00.100Z`: ISO-8601 UTC with milliseconds and `Z`.
fn is_iso_millis(text: &str) -> bool {
    text.len() == 24
        && text.as_bytes()[19] == b'.'
        && text.ends_with('Z')
        && engine::clock::parse_iso8601(text).is_some()
}

/// `2026-01-01T00:00:01Z`: no fraction.
fn is_iso_seconds(text: &str) -> bool {
    text.len() == 20 && text.ends_with('Z') && engine::clock::parse_iso8601(text).is_some()
}

#[test]
fn spec_4_1_a_success_record_has_aws_keys_in_aws_order() {
    let run = run(&async_scenario(
        r#"{"response":{"width":1024},"durationMs":100}"#,
        &both_destinations(),
        "",
    ));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(
        keys(&record),
        [
            "version",
            "timestamp",
            "requestContext",
            "requestPayload",
            "responseContext",
            "responsePayload"
        ]
    );
    assert_eq!(
        keys(&record["requestContext"]),
        [
            "requestId",
            "functionArn",
            "condition",
            "approximateInvokeCount"
        ]
    );
    assert_eq!(
        record["responseContext"],
        json!({"statusCode": 200, "executedVersion": "$LATEST"}),
        "no functionError on success"
    );
    assert_eq!(
        keys(&record["responseContext"]),
        ["statusCode", "executedVersion"]
    );
    assert_eq!(record["version"], "1.0");
}

#[test]
fn spec_4_1_the_function_arn_is_qualified_and_the_timestamp_has_milliseconds() {
    let run = run(&async_scenario(
        r#"{"durationMs":100}"#,
        &both_destinations(),
        "",
    ));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(
        record["requestContext"]["functionArn"],
        format!("{LAMBDA}:f:$LATEST")
    );
    let timestamp = record["timestamp"].as_str().unwrap();
    assert!(is_iso_millis(timestamp), "{timestamp}");
    assert_eq!(
        timestamp, "2026-01-01T00:00:00.100Z",
        "when the attempt ended"
    );
    let request_id = record["requestContext"]["requestId"].as_str().unwrap();
    assert_eq!(request_id.len(), 36);
    assert_eq!(request_id.matches('-').count(), 4);
}

#[test]
fn spec_4_1_payloads_are_embedded_as_json_values_and_a_string_result_stays_a_string() {
    let run = run(&async_scenario(
        r#"{"response":"resized"}"#,
        &both_destinations(),
        "",
    ));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert_eq!(record["requestPayload"], json!({"order": 7}));
    assert_eq!(record["responsePayload"], Value::from("resized"));
}

#[test]
fn spec_4_1_a_function_that_returns_nothing_gives_a_null_response_payload() {
    let run = run(&async_scenario("{}", &both_destinations(), ""));
    let record = the_record(&run, "ok", Via::OnSuccess);
    assert!(record.as_object().unwrap().contains_key("responsePayload"));
    assert_eq!(record["responsePayload"], Value::Null);
}

#[test]
fn spec_4_2_a_failure_record_adds_function_error_unhandled_with_status_200() {
    let run = run(&async_scenario(FAIL, &limits(0, 21_600), ""));
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(
        keys(&record),
        [
            "version",
            "timestamp",
            "requestContext",
            "requestPayload",
            "responseContext",
            "responsePayload"
        ]
    );
    assert_eq!(
        record["responseContext"],
        json!({"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"})
    );
    assert_eq!(
        keys(&record["responseContext"]),
        ["statusCode", "executedVersion", "functionError"]
    );
    assert_eq!(
        keys(&record["responsePayload"]),
        ["errorMessage", "errorType", "requestId", "stackTrace"]
    );
    assert_eq!(
        record["responsePayload"]["requestId"],
        record["requestContext"]["requestId"]
    );
}

#[test]
fn spec_4_2_a_zero_reserved_concurrency_record_has_no_response_fields_and_count_0() {
    let run = run(&async_scenario(
        FAIL,
        &both_destinations(),
        r#","ReservedConcurrentExecutions":0"#,
    ));
    let record = the_record(&run, "failed", Via::OnFailure);
    assert_eq!(
        keys(&record),
        ["version", "timestamp", "requestContext", "requestPayload"]
    );
    assert_eq!(
        record["requestContext"]["condition"],
        "ZeroReservedConcurrency"
    );
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 0);
}

fn kinesis(mapping: &str, behavior: &str, target: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}}}],"kinesisStreams":[{{"StreamName":"s"}}],
        "queues":[{{"QueueName":"failed"}}],"buckets":[{{"BucketName":"failures"}}],
        "eventSourceMappings":[{{"UUID":"11111111-2222-4333-8444-555555555555","FunctionName":"f","EventSourceArn":"{KINESIS}/s",
            "StartingPosition":"TRIM_HORIZON","MaximumBatchingWindowInSeconds":1,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{target}"}}}}{mapping}}}],
        "inputs":[{{"type":"putRecord","at":0,"StreamName":"s","PartitionKey":"a","Data":{{"n":1}}}},
                  {{"type":"putRecord","at":250,"StreamName":"s","PartitionKey":"b","Data":{{"n":2,"bad":true}}}}]}}"#
    )
}

const ERROR: &str = r#"{"outcome":{"type":"error"}}"#;

#[test]
fn spec_4_3_a_kinesis_failure_record_has_aws_keys_in_aws_order() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":1"#,
        ERROR,
        &format!("{SQS}:failed"),
    ));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(
        keys(&record),
        [
            "requestContext",
            "responseContext",
            "version",
            "timestamp",
            "KinesisBatchInfo"
        ]
    );
    assert_eq!(
        keys(&record["requestContext"]),
        [
            "requestId",
            "functionArn",
            "condition",
            "approximateInvokeCount"
        ]
    );
    assert_eq!(
        keys(&record["KinesisBatchInfo"]),
        [
            "shardId",
            "startSequenceNumber",
            "endSequenceNumber",
            "approximateArrivalOfFirstRecord",
            "approximateArrivalOfLastRecord",
            "batchSize",
            "streamArn"
        ]
    );
    let info = &record["KinesisBatchInfo"];
    assert_eq!(info["shardId"], "shardId-000000000000");
    assert_eq!(info["batchSize"], 2);
    assert_eq!(info["streamArn"], format!("{KINESIS}/s"));
    assert_eq!(
        info["approximateArrivalOfFirstRecord"],
        "2026-01-01T00:00:00.000Z"
    );
    assert_eq!(
        info["approximateArrivalOfLastRecord"],
        "2026-01-01T00:00:00.250Z"
    );
    assert!(is_iso_millis(record["timestamp"].as_str().unwrap()));
    assert_eq!(record["version"], "1.0");
}

#[test]
fn spec_4_3_a_mapping_record_has_an_unqualified_function_arn_and_no_payloads() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":0"#,
        ERROR,
        &format!("{SQS}:failed"),
    ));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(
        record["requestContext"]["functionArn"],
        format!("{LAMBDA}:f")
    );
    assert_eq!(
        record["requestContext"]["condition"],
        "RetryAttemptsExhausted"
    );
    assert_eq!(
        record["responseContext"],
        json!({"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"})
    );
    for absent in ["requestPayload", "responsePayload", "payload"] {
        assert!(record.get(absent).is_none(), "{absent}");
    }
}

#[test]
fn spec_4_3_approximate_invoke_count_is_maximum_retry_attempts_plus_1() {
    for retries in [0, 1, 2, 3] {
        let run = run(&kinesis(
            &format!(r#","MaximumRetryAttempts":{retries}"#),
            ERROR,
            &format!("{SQS}:failed"),
        ));
        let record = the_record(&run, "failed", Via::MappingOnFailure);
        assert_eq!(
            record["requestContext"]["approximateInvokeCount"],
            retries + 1,
            "MaximumRetryAttempts {retries}"
        );
    }
}

#[test]
fn spec_4_3_report_batch_item_failures_gives_a_null_function_error() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":0,"FunctionResponseTypes":["ReportBatchItemFailures"]"#,
        r#"{"failRecords":{"field":"bad","equals":true}}"#,
        &format!("{SQS}:failed"),
    ));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(
        keys(&record["responseContext"]),
        ["statusCode", "executedVersion", "functionError"]
    );
    assert_eq!(record["responseContext"]["functionError"], Value::Null);
}

#[test]
fn spec_4_3_record_age_exceeded_keeps_request_context_but_has_no_response_context() {
    let run = run(&kinesis(
        r#","MaximumRecordAgeInSeconds":60"#,
        ERROR,
        &format!("{SQS}:failed"),
    ));
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(
        keys(&record),
        ["requestContext", "version", "timestamp", "KinesisBatchInfo"]
    );
    assert_eq!(record["requestContext"]["condition"], "RecordAgeExceeded");
    assert!(
        record["requestContext"]["approximateInvokeCount"]
            .as_u64()
            .unwrap()
            > 1
    );
}

#[test]
fn spec_4_3_a_dynamodb_record_uses_ddb_stream_batch_info_with_arrivals_in_whole_seconds() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{ERROR}}}],"dynamodbTables":[{{"TableName":"orders"}}],"queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000","StartingPosition":"LATEST",
            "MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}],
        "inputs":[{{"type":"putItem","at":1500,"TableName":"orders","Item":{{"id":{{"S":"1"}}}}}}]}}"#
    );
    let run = run(&json);
    let record = the_record(&run, "failed", Via::MappingOnFailure);
    assert_eq!(
        keys(&record),
        [
            "requestContext",
            "responseContext",
            "version",
            "timestamp",
            "DDBStreamBatchInfo"
        ]
    );
    let info = &record["DDBStreamBatchInfo"];
    assert_eq!(
        info["approximateArrivalOfFirstRecord"],
        "2026-01-01T00:00:01Z"
    );
    assert!(is_iso_seconds(
        info["approximateArrivalOfLastRecord"].as_str().unwrap()
    ));
    assert!(
        is_iso_millis(record["timestamp"].as_str().unwrap()),
        "the top-level timestamp keeps milliseconds"
    );
    assert_eq!(
        info["streamArn"],
        "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000"
    );
}

#[test]
fn spec_4_4_an_s3_failure_record_adds_the_whole_event_as_an_escaped_json_string() {
    let run = run(&kinesis(
        r#","MaximumRetryAttempts":0"#,
        ERROR,
        "arn:aws:s3:::failures",
    ));
    let (_, via, body, attributes) = deliveries(&run, "failures").remove(0);
    assert_eq!(via, Via::MappingOnFailure);
    let record: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        keys(&record),
        [
            "requestContext",
            "responseContext",
            "version",
            "timestamp",
            "KinesisBatchInfo",
            "payload"
        ]
    );
    let payload: Value =
        serde_json::from_str(record["payload"].as_str().expect("a string")).unwrap();
    let records = payload["Records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["eventSource"], "aws:kinesis");
    assert_eq!(records[0]["kinesis"]["partitionKey"], "a");
    // Object key: aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>.
    let key = attributes.unwrap()["Key"].as_str().unwrap().to_string();
    let prefix = "aws/lambda/11111111-2222-4333-8444-555555555555/shardId-000000000000/2026/01/01/2026-01-01T00.00.01-";
    assert!(key.starts_with(prefix), "{key}");
    assert_eq!(key.len(), prefix.len() + 36, "{key}");
}

#[test]
fn spec_4_5_a_kafka_failure_record_has_kafka_batch_info_in_aws_order() {
    for form in KAFKA_FORMS {
        let json = format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{ERROR}}}],
            "kafkaTopics":[{}],
            "queues":[{{"QueueName":"failed"}}],
            "eventSourceMappings":[{{"FunctionName":"f",{},"StartingPosition":"TRIM_HORIZON",
                "MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}],
            "inputs":[{{"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k1","Value":{{"n":1}}}},
                      {{"type":"produce","at":100,"ClusterName":"events","Topic":"orders","Key":"k2","Value":{{"n":2}}}}]}}"#,
            form.topic("events", "orders", 1),
            form.source("events", "orders"),
        );
        let run = run(&json);
        let record = the_record(&run, "failed", Via::MappingOnFailure);
        assert_eq!(
            keys(&record),
            [
                "requestContext",
                "responseContext",
                "version",
                "timestamp",
                "KafkaBatchInfo"
            ],
            "{form:?}"
        );
        assert_eq!(
            record["requestContext"]["condition"],
            "RetryAttemptsExhausted"
        );
        let info = &record["KafkaBatchInfo"];
        assert_eq!(
            keys(info),
            [
                "batchSize",
                "eventSourceArn",
                "bootstrapServers",
                "payloadSize",
                "recordsInfo"
            ],
            "{form:?}"
        );
        assert_eq!(info["batchSize"], 2);
        assert_eq!(info["payloadSize"], r#"{"n":1}{"n":2}"#.len());
        if form == Kafka::Msk {
            assert_eq!(
                info["eventSourceArn"],
                form.cluster_arn("events"),
                "the MSK cluster's ARN, as the mapping's EventSourceArn names it"
            );
        }
        assert_eq!(
            info["bootstrapServers"],
            "b-1.events.kafka.us-east-2.amazonaws.com:9098,b-2.events.kafka.us-east-2.amazonaws.com:9098"
        );
        let partition = &info["recordsInfo"]["orders-0"];
        assert_eq!(
            keys(partition),
            [
                "firstRecordOffset",
                "lastRecordOffset",
                "firstRecordTimestamp",
                "lastRecordTimestamp"
            ]
        );
        assert_eq!(partition["firstRecordOffset"], "0");
        assert_eq!(partition["lastRecordOffset"], "1");
    }
}

#[test]
fn spec_4_5_a_kafka_s3_failure_record_carries_the_event_of_its_cluster_kind() {
    for (form, event_source) in [
        (Kafka::Msk, "aws:kafka"),
        (Kafka::SelfManaged, "SelfManagedKafka"),
    ] {
        let json = format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{ERROR}}}],
            "kafkaTopics":[{}],"buckets":[{{"BucketName":"failed"}}],
            "eventSourceMappings":[{{"FunctionName":"f",{},"StartingPosition":"TRIM_HORIZON",
                "MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"arn:aws:s3:::failed"}}}}}}],
            "inputs":[{{"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k1","Value":{{"n":1}}}}]}}"#,
            form.topic("events", "orders", 1),
            form.source("events", "orders"),
        );
        let run = run(&json);
        let record = the_record(&run, "failed", Via::MappingOnFailure);
        assert_eq!(
            keys(&record),
            [
                "requestContext",
                "responseContext",
                "version",
                "timestamp",
                "KafkaBatchInfo",
                "payload"
            ],
            "{form:?}"
        );
        let payload: Value = serde_json::from_str(record["payload"].as_str().unwrap()).unwrap();
        assert_eq!(payload["eventSource"], event_source, "{form:?}");
        if form == Kafka::Msk {
            assert_eq!(payload["eventSourceArn"], form.cluster_arn("events"));
        }
        assert_eq!(payload["records"]["orders-0"][0]["key"], "azE=", "{form:?}");
    }
}
