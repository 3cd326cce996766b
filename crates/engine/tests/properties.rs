//! Property tests over random scenarios (issue #2, "How we will know"): the same seed gives the
//! same trace; nothing panics; every asynchronous event ends in exactly one terminal event unless
//! the run was capped or cut; the trace is causal; snapshots equal folding the trace; the parser
//! never panics on arbitrary or mutated text.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Kafka, KAFKA_FORMS};
use engine::trace::What;
use engine::{simulate, Kind, RunOptions, Scenario};
use proptest::prelude::*;
use serde_json::{json, Value};

const SQS: &str = "arn:aws:sqs:us-east-2:123456789012";
const SNS: &str = "arn:aws:sns:us-east-2:123456789012";
const LAMBDA: &str = "arn:aws:lambda:us-east-2:123456789012:function";
const BUS: &str = "arn:aws:events:us-east-2:123456789012:event-bus";

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
fn scenario() -> impl Strategy<Value = Scenario> {
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

fn options() -> RunOptions {
    RunOptions {
        max_events: Some(4_000),
        ..RunOptions::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_same_seed_gives_the_same_trace(scenario in scenario()) {
        let a = simulate(&scenario, &options());
        let b = simulate(&scenario, &options());
        prop_assert_eq!(serde_json::to_string(&a.trace).unwrap(), serde_json::to_string(&b.trace).unwrap());
        prop_assert_eq!(a.capped, b.capped);
    }

    #[test]
    fn another_seed_runs_without_panicking(scenario in scenario(), seed in any::<u64>()) {
        let run = simulate(&scenario, &RunOptions { seed: Some(seed), ..options() });
        prop_assert!(!run.trace.events.is_empty() || scenario.inputs.is_empty());
    }

    #[test]
    fn every_async_event_ends_exactly_once_unless_the_run_was_capped(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        if !run.capped {
            let mut open = std::collections::BTreeMap::new();
            for e in &run.trace.events {
                match e.what {
                    What::AsyncAccepted => *open.entry(e.request).or_insert(0i32) += 1,
                    What::AsyncCompleted | What::AsyncDropped => *open.entry(e.request).or_insert(0) -= 1,
                    _ => {}
                }
            }
            for (request, count) in open {
                prop_assert_eq!(count, 0, "request {:?} did not end exactly once", request);
            }
        }
    }

    #[test]
    fn a_run_cut_by_until_is_a_prefix_of_the_whole_run(scenario in scenario(), until in 0u64..300_000) {
        let whole = simulate(&scenario, &options());
        prop_assume!(!whole.capped);
        let cut = simulate(&scenario, &RunOptions { until: Some(until), ..options() });
        prop_assert!(cut.trace.events.iter().all(|e| e.at <= until));
        prop_assert_eq!(&whole.trace.events[..cut.trace.events.len()], &cut.trace.events[..]);
    }

    #[test]
    fn the_trace_is_causal_and_in_time_order(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        let events = &run.trace.events;
        for (i, e) in events.iter().enumerate() {
            if let Some(parent) = e.parent {
                prop_assert!((parent as usize) < i, "event {} has a later parent {}", i, parent);
                prop_assert!(events[parent as usize].at <= e.at);
            }
            if i > 0 {
                prop_assert!(events[i - 1].at <= e.at, "time goes back at {}", i);
            }
            if let Some(r) = e.request {
                prop_assert!((r as usize) < run.trace.requests.len());
            }
            prop_assert!((e.resource as usize) < run.topology.resources.len().max(1));
        }
    }

    #[test]
    fn every_destination_record_is_json_with_a_request_context(scenario in scenario()) {
        let run = simulate(&scenario, &options());
        for e in &run.trace.events {
            if let What::Delivered { via, body, target, .. } = e.what {
                if via.side().is_some() && run.topology.get(target).kind != Kind::EventBus {
                    let text = run.trace.body(body);
                    match serde_json::from_str::<Value>(text) {
                        Ok(record) => prop_assert!(record.get("requestContext").is_some(), "{}", record),
                        // Records of a long Lambda-to-Lambda chain nest past serde_json's default
                        // depth limit of 128; they are still records.
                        Err(e) => prop_assert!(e.to_string().contains("recursion limit") && text.starts_with("{\"version\""), "{e}"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_world_snapshot_at_any_step_equals_folding_the_trace_to_it(scenario in scenario(), at in 0.0f64..=1.0) {
        let run = simulate(&scenario, &options());
        let timeline = engine::Timeline::new(&run);
        let step = (run.trace.events.len() as f64 * at) as usize;
        let mut folded = engine::World::empty(run.topology.resources.len());
        let kinds: Vec<Kind> = run.topology.resources.iter().map(|r| r.kind).collect();
        for _ in 0..step {
            folded.apply(&run.trace, &kinds);
        }
        prop_assert_eq!(timeline.world_after(&run, step), folded);
    }

    #[test]
    fn validation_and_narration_never_panic(scenario in scenario()) {
        let topology = engine::Topology::build(&scenario);
        let _ = engine::validate(&scenario, &topology);
        let run = simulate(&scenario, &RunOptions { max_events: Some(2_000), ..RunOptions::default() });
        for lang in [engine::narrate::Lang::En, engine::narrate::Lang::Ko] {
            let log = engine::narrate::text_log(&run, lang);
            prop_assert_eq!(log.lines().count(), run.trace.events.len());
        }
    }

    #[test]
    fn a_generated_scenario_round_trips_through_json(scenario in scenario()) {
        let again = Scenario::from_json(&scenario.to_json_pretty()).unwrap();
        prop_assert_eq!(scenario, again);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,300}") {
        let _ = engine::load(&text);
    }

    #[test]
    fn json_shaped_garbage_never_panics_the_parser_or_the_simulator(
        document in arbitrary_json(3).prop_map(|mut v| {
            if let Some(map) = v.as_object_mut() { map.insert("version".into(), json!(1)); }
            v
        })
    ) {
        if let Ok((scenario, _, _)) = engine::load(&document.to_string()) {
            let _ = simulate(&scenario, &options());
        }
    }

    #[test]
    fn mutated_gallery_scenarios_never_panic_the_parser_or_the_simulator(
        file in 0usize..10, cut in 0usize..20_000, byte in any::<u8>()
    ) {
        let files = gallery();
        let text = &files[file % files.len()];
        let mut bytes = text.as_bytes().to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        let mutated = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok((scenario, _, _)) = engine::load(&mutated) {
            let _ = simulate(&scenario, &options());
        }
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let _ = engine::load(&text[..end]);
    }
}

/// JSON values whose object keys are drawn from the scenario format's own field names, so the
/// parser gets past the first unknown field now and then.
fn arbitrary_json(depth: u32) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("functions"),
        Just("queues"),
        Just("inputs"),
        Just("FunctionName"),
        Just("QueueName"),
        Just("type"),
        Just("at"),
        Just("behavior"),
        Just("EventInvokeConfig"),
        Just("MaximumRetryAttempts"),
        Just("invoke"),
        Just("Payload"),
        Just("InvocationType"),
        Just("x"),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("f"),
            Just("Event"),
            Just("invoke"),
            Just("q"),
            Just("")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(depth, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((key.clone(), inner), 0..5).prop_map(|pairs| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn gallery() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
