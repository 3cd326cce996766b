//! A Kafka mapping's `kafka://<topic>` OnFailure destination (spec §3.2, §4.5 "Kafka topic
//! destination"): one message per failed record, keyed by the record's key, received by the
//! scenario's topic of that name in the same cluster. Every test reads the source both ways a
//! scenario can write it: an MSK cluster's ARN, and a self-managed cluster's name.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{Via, What};
use engine::{Kind, Run, Severity};

/// A cluster `events` (MSK or self-managed, as `form` says) with `orders` (the source) and
/// `orders-failures`; the function always fails, the mapping gives up after the first try and
/// sends failures to `destination`.
fn scenario(form: Kafka, destination: &str, inputs: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"consume","behavior":{FAIL}}}],
        "kafkaTopics":[{},{}],
        "eventSourceMappings":[{{"FunctionName":"consume",{},
            "StartingPosition":"TRIM_HORIZON","MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{destination}"}}}}}}],
        "inputs":[{inputs}]}}"#,
        form.topic("events", "orders", 1),
        form.topic("events", "orders-failures", 2),
        form.source("events", "orders"),
    )
}

const TWO_RECORDS: &str = r#"{"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k1","Value":{"n":1}},
    {"type":"produce","at":10,"ClusterName":"events","Topic":"orders","Key":"k2","Value":{"n":2}}"#;

/// The records that entered `topic`: (key, partition).
fn records_put(run: &Run, topic: &str) -> Vec<(String, u32)> {
    run.trace
        .events
        .iter()
        .filter(|e| run.topology.name(e.resource) == topic)
        .filter_map(|e| match &e.what {
            What::RecordPut { shard, key, .. } => Some((run.trace.body(*key).to_string(), *shard)),
            _ => None,
        })
        .collect()
}

#[test]
fn spec_4_5_the_kafka_topic_receives_one_message_per_failed_record_keyed_by_its_key() {
    for form in KAFKA_FORMS {
        let run = run(&scenario(form, "kafka://orders-failures", TWO_RECORDS));
        let received = deliveries(&run, "events/orders-failures");
        assert_eq!(received.len(), 2, "{form:?}: one message per failed record");
        assert!(received
            .iter()
            .all(|(_, via, _, _)| *via == Via::MappingOnFailure));
        let keys: Vec<String> = received
            .iter()
            .map(|(_, _, _, attributes)| {
                attributes.as_ref().unwrap()["Key"].as_str().unwrap().into()
            })
            .collect();
        assert_eq!(keys, ["k1", "k2"], "{form:?}");
        let produced = records_put(&run, "events/orders-failures");
        assert_eq!(
            produced.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["k1", "k2"],
            "{form:?}: written as a producer with the original record's key"
        );
    }
}

#[test]
fn spec_4_5_messages_of_records_with_the_same_key_share_a_partition() {
    let inputs = r#"{"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k1","Value":{"n":1}},
        {"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k2","Value":{"n":2}},
        {"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Key":"k1","Value":{"n":3}}"#;
    for form in KAFKA_FORMS {
        let run = run(&scenario(form, "kafka://orders-failures", inputs));
        let produced = records_put(&run, "events/orders-failures");
        let k1: Vec<u32> = produced
            .iter()
            .filter(|(k, _)| k == "k1")
            .map(|(_, p)| *p)
            .collect();
        assert_eq!(k1.len(), 2, "{form:?}");
        assert_eq!(k1[0], k1[1], "{form:?}");
    }
}

#[test]
fn spec_4_5_each_message_has_kafka_batch_info_of_one_record_and_the_kafka_event_as_payload() {
    for form in KAFKA_FORMS {
        let run = run(&scenario(form, "kafka://orders-failures", TWO_RECORDS));
        let messages = delivered(&run, "events/orders-failures");
        let first = &messages[0];
        assert_eq!(
            keys(first),
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
        assert_eq!(
            first["requestContext"]["condition"], "RetryAttemptsExhausted",
            "the older MSK docs' condition, not the example's RetriesExhausted (spec §11.8)"
        );
        assert_eq!(first["responseContext"]["functionError"], "Unhandled");
        let info = &first["KafkaBatchInfo"];
        assert_eq!(
            keys(info),
            [
                "batchSize",
                "eventSourceArn",
                "bootstrapServers",
                "payloadSize",
                "recordInfo"
            ],
            "{form:?}"
        );
        assert_eq!(info["batchSize"], 1);
        if form == Kafka::Msk {
            assert_eq!(
                info["eventSourceArn"],
                form.cluster_arn("events"),
                "the MSK cluster's ARN, as the mapping's EventSourceArn names it"
            );
        }
        assert_eq!(info["payloadSize"], r#"{"n":1}"#.len());
        assert_eq!(keys(&info["recordInfo"]), ["offset", "timestamp"]);
        assert_eq!(info["recordInfo"]["offset"], "0");
        assert_eq!(messages[1]["KafkaBatchInfo"]["recordInfo"]["offset"], "1");
        assert_eq!(
            info["recordInfo"]["timestamp"], "2026-01-01T00:00:00.000Z",
            "when the record was produced"
        );
        let records = first["payload"]["records"]["orders-0"].as_array().unwrap();
        assert_eq!(
            records.len(),
            1,
            "{form:?}: the payload is the event of that record alone"
        );
        assert_eq!(records[0]["offset"], 0);
        assert_eq!(records[0]["topic"], "orders");
        assert_eq!(
            first["requestContext"]["requestId"], messages[1]["requestContext"]["requestId"],
            "both records failed in the same invocation"
        );
    }
}

#[test]
fn spec_9_the_world_shows_what_the_kafka_topic_received() {
    for form in KAFKA_FORMS {
        let run = run(&scenario(form, "kafka://orders-failures", TWO_RECORDS));
        let topic = run
            .topology
            .find(Kind::KafkaTopic, "events/orders-failures")
            .unwrap();
        let timeline = engine::Timeline::new(&run);
        let world = timeline.end();
        assert_eq!(world.nodes[topic as usize].received.len(), 2, "{form:?}");
        assert_eq!(
            counter(
                &run,
                Kind::KafkaTopic,
                "events/orders-failures",
                "IncomingRecords"
            ),
            2,
            "{form:?}"
        );
        let mapping = first_mapping(&run);
        assert_eq!(
            world.nodes[mapping as usize].counters["OnFailureDestinationDeliveredEventCount"], 2,
            "{form:?}"
        );
    }
}

#[test]
fn spec_4_5_a_keyless_record_is_spread_round_robin() {
    let keyless = r#"{"type":"produce","at":0,"ClusterName":"events","Topic":"orders","Value":{"n":1}},
        {"type":"produce","at":10,"ClusterName":"events","Topic":"orders","Value":{"n":2}}"#;
    for form in KAFKA_FORMS {
        let run = run(&scenario(form, "kafka://orders-failures", keyless));
        let received = deliveries(&run, "events/orders-failures");
        assert_eq!(received.len(), 2, "{form:?}");
        assert!(received
            .iter()
            .all(|(_, _, _, attributes)| attributes.is_none()));
        let partitions: Vec<u32> = records_put(&run, "events/orders-failures")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(partitions.len(), 2, "{form:?}");
        assert_ne!(
            partitions[0], partitions[1],
            "{form:?}: one message on each partition"
        );
    }
}

#[test]
fn spec_3_2_a_source_topic_or_a_topic_the_scenario_lacks_receives_nothing() {
    // A source topic is refused; a topic the scenario does not model is warned about.
    for form in KAFKA_FORMS {
        for (destination, severity) in [
            ("kafka://orders", Severity::Error),
            ("kafka://elsewhere", Severity::Warning),
        ] {
            let text = scenario(form, destination, TWO_RECORDS);
            let run = engine::simulate(
                &engine::Scenario::from_json(&text).unwrap(),
                &Default::default(),
            );
            assert_eq!(
                count(&run, |w| matches!(w, What::Delivered { .. })),
                0,
                "{form:?}: {destination}"
            );
            let found = findings(&text);
            let said = found
                .iter()
                .find(|f| f.message.contains(destination))
                .unwrap_or_else(|| {
                    panic!("{form:?}: {destination}: validation says why nothing arrives")
                });
            assert_eq!(said.severity, severity, "{form:?}: {said}");
            assert_eq!(found.len(), 1, "{form:?}: only that: {found:?}");
        }
    }
}

#[test]
fn spec_4_5_the_diagram_draws_the_mapping_from_the_topic_and_its_on_failure_link_to_the_kafka_topic(
) {
    for form in KAFKA_FORMS {
        let scenario =
            engine::Scenario::from_json(&scenario(form, "kafka://orders-failures", TWO_RECORDS))
                .unwrap();
        let topology = engine::Topology::build(&scenario);
        let links = engine::diagram::links(&scenario, &topology);
        let function = topology.find(Kind::Function, "consume").unwrap();
        let source = topology.find(Kind::KafkaTopic, "events/orders").unwrap();
        let topic = topology
            .find(Kind::KafkaTopic, "events/orders-failures")
            .unwrap();
        assert!(
            links.iter().any(|l| l.from == source
                && l.to == function
                && l.kind == engine::diagram::LinkKind::Mapping),
            "{form:?}: the mapping is drawn from the topic it reads to the function"
        );
        assert!(
            links.iter().any(|l| l.from == function
                && l.to == topic
                && l.kind == engine::diagram::LinkKind::MappingOnFailure),
            "{form:?}"
        );
    }
}
