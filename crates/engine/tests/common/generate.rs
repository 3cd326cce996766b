//! Random scenarios for the property tests and the trace dump (`examples/trace_dump.rs`): 1 to 4
//! functions, 1 to 3 queues and topics, a bus, buckets, a stream, a table, Kafka topics, up to 3
//! mappings and up to 14 inputs. Included with `#[path]` next to `mod common;`.

#![allow(dead_code, clippy::unwrap_used)]

use crate::common::{Kafka, BUS, KAFKA_FORMS, LAMBDA, SNS, SQS};
use engine::{RunOptions, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

/// How many resources of each kind a generated scenario has.
#[derive(Clone, Copy, Debug)]
struct Shape {
    functions: usize,
    queues: usize,
    topics: usize,
}

fn outcome() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => Just(json!({"type": "ok"})),
        2 => Just(json!({"type": "error", "errorType": "Error", "errorMessage": "boom"})),
        1 => Just(json!({"type": "timeout"})),
        1 => Just(json!({"type": "throttle"})),
    ]
}

/// Any resource a function may record to: a queue, a topic, another function, the bus, the bucket.
fn target(shape: Shape, side_failure: bool) -> impl Strategy<Value = Option<String>> {
    let mut options: Vec<BoxedStrategy<Option<String>>> = vec![
        Just(None).boxed(),
        (0..shape.queues)
            .prop_map(|q| Some(format!("{SQS}:q{q}")))
            .boxed(),
        (0..shape.topics)
            .prop_map(|t| Some(format!("{SNS}:t{t}")))
            .boxed(),
        (0..shape.functions)
            .prop_map(|f| Some(format!("{LAMBDA}:f{f}")))
            .boxed(),
        Just(Some(format!("{BUS}/results"))).boxed(),
    ];
    if side_failure {
        options.push(Just(Some("arn:aws:s3:::failures".to_string())).boxed());
    }
    proptest::strategy::Union::new(options)
}

fn function(index: usize, shape: Shape) -> impl Strategy<Value = Value> {
    (
        (
            outcome(),
            prop::collection::vec(outcome(), 0..4),
            prop_oneof![Just(0.0f64), 0.0f64..1.0],
            prop::option::of(outcome()),
            any::<bool>(),
            prop_oneof![Just(10u64), Just(120), Just(1_500)],
        ),
        (
            prop::option::of(0i64..=2),
            prop::option::of(prop_oneof![Just(60i64), Just(90), Just(200), Just(21_600)]),
            target(shape, false),
            target(shape, true),
            prop::option::of(0i64..3),
            prop::option::of(0..shape.queues),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (outcome, attempts, error_rate, when, fail_records, duration),
                (retries, age, success, failure, reserved, dlq, allow, limited),
            )| {
                let mut behavior = json!({
                    "outcome": outcome, "attempts": attempts, "errorRate": error_rate, "durationMs": duration,
                    "response": {"from": index},
                });
                if let Some(when) = when {
                    behavior["when"] = json!([{"field": "bad", "equals": true, "outcome": when}]);
                }
                if fail_records {
                    behavior["failRecords"] = json!({"field": "bad", "equals": true});
                }
                let mut destinations = serde_json::Map::new();
                if let Some(arn) = success {
                    destinations.insert("OnSuccess".into(), json!({ "Destination": arn }));
                }
                if let Some(arn) = failure {
                    destinations.insert("OnFailure".into(), json!({ "Destination": arn }));
                }
                let mut config = serde_json::Map::new();
                if let Some(r) = retries {
                    config.insert("MaximumRetryAttempts".into(), json!(r));
                }
                if let Some(a) = age {
                    config.insert("MaximumEventAgeInSeconds".into(), json!(a));
                }
                config.insert("DestinationConfig".into(), Value::Object(destinations));
                let mut f = json!({
                    "FunctionName": format!("f{index}"),
                    "Timeout": 1,
                    "behavior": behavior,
                    "EventInvokeConfig": config,
                    "RecursiveLoop": if allow { "Allow" } else { "Terminate" },
                });
                if let Some(r) = reserved {
                    f["ReservedConcurrentExecutions"] = json!(r);
                }
                if let Some(q) = dlq {
                    f["DeadLetterConfig"] = json!({ "TargetArn": format!("{SQS}:q{q}") });
                }
                if limited {
                    f["permissions"] = json!([{ "Action": "sqs:SendMessage" }, { "Action": "lambda:InvokeFunction" }]);
                }
                f
            },
        )
}

fn queue(index: usize, shape: Shape) -> impl Strategy<Value = Value> {
    (
        0i64..40,
        prop::option::of((0..shape.queues, 1i64..4)),
        any::<bool>(),
    )
        .prop_map(move |(visibility, redrive, fifo_name)| {
            let fifo = fifo_name && index == 0;
            let name = if fifo {
                format!("q{index}.fifo")
            } else {
                format!("q{index}")
            };
            let mut q = json!({"QueueName": name, "VisibilityTimeout": visibility});
            if fifo {
                q["FifoQueue"] = json!(true);
            }
            if let Some((dlq, max)) = redrive.filter(|(dlq, _)| *dlq != index) {
                q["RedrivePolicy"] =
                    json!({"deadLetterTargetArn": format!("{SQS}:q{dlq}"), "maxReceiveCount": max});
            }
            q
        })
}

fn topic(index: usize, shape: Shape) -> impl Strategy<Value = Value> {
    prop::collection::vec(
        prop_oneof![
            (0..shape.queues, any::<bool>()).prop_map(|(q, raw)| json!({"Protocol": "sqs", "Endpoint": format!("{SQS}:q{q}"), "RawMessageDelivery": raw})),
            (0..shape.functions).prop_map(|f| json!({"Protocol": "lambda", "Endpoint": format!("{LAMBDA}:f{f}")})),
            Just(json!({"Protocol": "email", "Endpoint": "ops@example.com"})),
        ],
        0..3,
    )
    .prop_map(move |subscriptions| json!({"TopicName": format!("t{index}"), "Subscriptions": subscriptions}))
}

fn mapping(shape: Shape) -> impl Strategy<Value = Value> {
    let stream = (
        0..shape.functions,
        prop_oneof![
            Just("arn:aws:kinesis:us-east-2:123456789012:stream/s"),
            Just("arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000")
        ],
        1i64..6,
        prop_oneof![Just(-1i64), 0i64..4],
        prop_oneof![Just(-1i64), Just(60), Just(120)],
        any::<bool>(),
        1i64..4,
        any::<bool>(),
        prop::option::of(prop_oneof![
            (0..shape.queues).prop_map(|q| format!("{SQS}:q{q}")),
            (0..shape.topics).prop_map(|t| format!("{SNS}:t{t}")),
            Just("arn:aws:s3:::failures".to_string()),
        ]),
    )
        .prop_map(
            |(f, source, batch, retries, age, bisect, parallel, report, on_failure)| {
                let mut m = json!({
                    "FunctionName": format!("f{f}"), "EventSourceArn": source, "StartingPosition": "TRIM_HORIZON",
                    "BatchSize": batch, "MaximumBatchingWindowInSeconds": 1, "MaximumRetryAttempts": retries,
                    "MaximumRecordAgeInSeconds": age, "BisectBatchOnFunctionError": bisect, "ParallelizationFactor": parallel,
                });
                if report {
                    m["FunctionResponseTypes"] = json!(["ReportBatchItemFailures"]);
                }
                if let Some(arn) = on_failure {
                    m["DestinationConfig"] = json!({"OnFailure": {"Destination": arn}});
                }
                m
            },
        );
    let sqs = (0..shape.functions, 0..shape.queues, 1i64..5, any::<bool>()).prop_map(
        |(f, q, batch, report)| {
            let mut m = json!({"FunctionName": format!("f{f}"), "EventSourceArn": format!("{SQS}:q{q}"), "BatchSize": batch});
            if report {
                m["FunctionResponseTypes"] = json!(["ReportBatchItemFailures"]);
            }
            m
        },
    );
    let kafka = (
        0..shape.functions,
        prop::option::of(0..shape.queues),
        prop::sample::select(KAFKA_FORMS.to_vec()),
    )
        .prop_map(|(f, q, form)| {
            let source = form.source(kafka_cluster(form), "orders");
            let mut m: Value = serde_json::from_str(&format!("{{{source}}}")).unwrap();
            m["FunctionName"] = json!(format!("f{f}"));
            m["StartingPosition"] = json!("TRIM_HORIZON");
            m["MaximumRetryAttempts"] = json!(1);
            if let Some(q) = q {
                m["DestinationConfig"] =
                    json!({"OnFailure": {"Destination": format!("{SQS}:q{q}")}});
            }
            m
        });
    prop_oneof![stream, sqs, kafka]
}

/// The scenario's cluster of each Kafka form; each has a topic `orders`.
fn kafka_cluster(form: Kafka) -> &'static str {
    match form {
        Kafka::Msk => "msk",
        Kafka::SelfManaged => "events",
    }
}

fn input(shape: Shape) -> impl Strategy<Value = Value> {
    let at = 0u64..240_000;
    let function = (0..shape.functions).prop_map(|i| format!("f{i}"));
    let payload = prop_oneof![
        Just(json!({"bad": true})),
        Just(json!({"bad": false})),
        Just(json!("text"))
    ];
    prop_oneof![
        4 => (at.clone(), function.clone(), prop_oneof![Just("Event"), Just("RequestResponse"), Just("DryRun")], payload.clone())
            .prop_map(|(at, f, t, p)| json!({"type": "invoke", "at": at, "FunctionName": f, "InvocationType": t, "Payload": p})),
        2 => (at.clone(), 0..shape.queues, payload.clone())
            .prop_map(|(at, q, body)| json!({"type": "sendMessage", "at": at, "QueueName": format!("q{q}"), "MessageBody": body, "MessageGroupId": "g"})),
        2 => (at.clone(), 0usize..4, payload.clone())
            .prop_map(|(at, k, data)| json!({"type": "putRecord", "at": at, "StreamName": "s", "PartitionKey": format!("k{k}"), "Data": data})),
        1 => (at.clone(), any::<bool>())
            .prop_map(|(at, bad)| json!({"type": "putItem", "at": at, "TableName": "orders", "Item": {"id": {"S": "1"}, "bad": bad}})),
        1 => (at.clone(), prop::sample::select(KAFKA_FORMS.to_vec()), payload.clone())
            .prop_map(|(at, form, value)| json!({"type": "produce", "at": at, "ClusterName": kafka_cluster(form), "Topic": "orders", "Key": "k", "Value": value})),
        1 => (at.clone(), 0..shape.topics)
            .prop_map(|(at, t)| json!({"type": "publish", "at": at, "TopicName": format!("t{t}"), "Message": "hi", "Subject": "s"})),
        1 => (at.clone(), prop_oneof![Just("in/a.jpg"), Just("out/b.txt")])
            .prop_map(|(at, key)| json!({"type": "putObject", "at": at, "Bucket": "uploads", "Key": key})),
        1 => at.clone().prop_map(|at| json!({"type": "putEvents", "at": at, "EventBusName": "results", "Source": "app", "DetailType": "Thing", "Detail": {"n": 1}})),
        1 => (at.clone(), function.clone(), prop_oneof![Just("sqs:SendMessage"), Just("sns:Publish"), Just("lambda:InvokeFunction")])
            .prop_map(|(at, f, action)| json!({"type": "revokePermission", "at": at, "FunctionName": f, "Action": action})),
        1 => (at.clone(), prop_oneof![(0..shape.queues).prop_map(|q| format!("{SQS}:q{q}")), (0..shape.topics).prop_map(|t| format!("{SNS}:t{t}")), (0..shape.functions).prop_map(|f| format!("{LAMBDA}:f{f}"))])
            .prop_map(|(at, arn)| json!({"type": "deleteResource", "at": at, "Arn": arn})),
        1 => (at.clone(), function.clone(), 0i64..3)
            .prop_map(|(at, f, r)| json!({"type": "setReservedConcurrency", "at": at, "FunctionName": f, "ReservedConcurrentExecutions": r})),
        1 => (at, function, 1u32..4, outcome())
            .prop_map(|(at, f, count, outcome)| json!({"type": "failNext", "at": at, "FunctionName": f, "Count": count, "Outcome": outcome})),
    ]
}

/// A random scenario: 1 to 4 functions, 1 to 3 queues and topics, a bus with rules, a bucket with a
/// notification, a Kinesis stream, a DynamoDB table, a Kafka topic on an MSK cluster and one on
/// a self-managed cluster, up to 3 mappings, up to 14 inputs.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..5, 1usize..4, 1usize..4)
        .prop_map(|(functions, queues, topics)| Shape {
            functions,
            queues,
            topics,
        })
        .prop_flat_map(|shape| {
            (
                (0..shape.functions)
                    .map(|i| function(i, shape))
                    .collect::<Vec<_>>(),
                (0..shape.queues).map(|i| queue(i, shape)).collect::<Vec<_>>(),
                (0..shape.topics).map(|i| topic(i, shape)).collect::<Vec<_>>(),
                prop::collection::vec(mapping(shape), 0..4),
                prop::collection::vec(input(shape), 1..15),
                (any::<u64>(), 1i64..3, 0..shape.functions, 0..shape.queues),
            )
        })
        .prop_map(
            |(functions, queues, topics, mappings, inputs, (seed, shards, rule_fn, rule_q))| {
                let document = json!({
                    "version": 1,
                    "seed": seed,
                    "functions": functions,
                    "queues": queues,
                    "topics": topics,
                    "eventBuses": [{"Name": "results", "Rules": [
                        {"Name": "failures", "EventPattern": {"detail-type": ["Lambda Function Invocation Result - Failure"]}, "Targets": [format!("{LAMBDA}:f{rule_fn}")]},
                        {"Name": "all", "Targets": [format!("{SQS}:q{rule_q}")]}
                    ]}],
                    "buckets": [
                        {"BucketName": "failures"},
                        {"BucketName": "uploads", "LambdaFunctionConfigurations": [{"LambdaFunctionArn": format!("{LAMBDA}:f0"), "Prefix": "in/"}]}
                    ],
                    "kinesisStreams": [{"StreamName": "s", "ShardCount": shards}],
                    "dynamodbTables": [{"TableName": "orders"}],
                    "kafkaTopics": KAFKA_FORMS.map(|form| serde_json::from_str::<Value>(&form.topic(kafka_cluster(form), "orders", 2)).unwrap()),
                    "eventSourceMappings": mappings,
                    "inputs": inputs,
                });
                Scenario::from_json(&document.to_string())
                    .unwrap_or_else(|e| panic!("generated scenario parses: {e}\n{document}"))
            },
        )
}

pub fn options() -> RunOptions {
    RunOptions {
        max_events: Some(4_000),
        ..RunOptions::default()
    }
}
