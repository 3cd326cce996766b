//! Whole resources as elements: copying one's configuration, creating a new one with a free
//! name, and pasting one at a position.

use super::{Element, Refused};
use crate::scenario::{
    read, Bucket, Client, DynamoDbTable, EventBus, EventSourceMapping, Function, KafkaTopic,
    KinesisStream, Point, Queue, Scenario, Topic,
};
use crate::topology::{Kind, Topology};
use serde_json::json;
/// The configuration of a resource, to copy or edit.
pub fn copy(scenario: &Scenario, arn: &str) -> Option<Element> {
    let topology = Topology::build(scenario);
    let resource = topology.get(topology.by_arn(arn)?);
    let i = resource.index;
    let config = match resource.kind {
        Kind::Function => Function::write(scenario.functions.get(i)?),
        Kind::Queue => Queue::write(scenario.queues.get(i)?),
        Kind::Topic => Topic::write(scenario.topics.get(i)?),
        Kind::EventBus => EventBus::write(scenario.event_buses.get(i)?),
        Kind::Bucket => Bucket::write(scenario.buckets.get(i)?),
        Kind::KinesisStream => KinesisStream::write(scenario.kinesis_streams.get(i)?),
        Kind::DynamoDbStream => DynamoDbTable::write(scenario.dynamodb_tables.get(i)?),
        Kind::KafkaTopic => KafkaTopic::write(scenario.kafka_topics.get(i)?),
        Kind::Client => Client::write(scenario.clients.get(i)?),
        Kind::EventSourceMapping => {
            EventSourceMapping::write(scenario.event_source_mappings.get(i)?)
        }
    };
    Some(Element {
        kind: resource.kind,
        config,
    })
}

/// The field that holds a resource's own name in the scenario format.
pub(crate) fn name_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "FunctionName",
        Kind::Queue => "QueueName",
        Kind::Topic => "TopicName",
        Kind::Bucket => "BucketName",
        Kind::KinesisStream => "StreamName",
        Kind::DynamoDbStream => "TableName",
        Kind::KafkaTopic => "Topic",
        Kind::EventBus => "Name",
        Kind::Client => "name",
        Kind::EventSourceMapping => "UUID",
    }
}

/// A new resource of `kind` with default settings and a name not yet taken.
pub(super) fn new_element(topology: &Topology, kind: Kind) -> Option<Element> {
    let base = match kind {
        Kind::Function => "function",
        Kind::Queue => "queue",
        Kind::Topic => "topic",
        Kind::EventBus => "bus",
        Kind::Bucket => "bucket",
        Kind::KinesisStream => "stream",
        Kind::DynamoDbStream => "table",
        Kind::KafkaTopic => "orders",
        Kind::Client => "client",
        Kind::EventSourceMapping => return None,
    };
    let mut config = json!({});
    config[name_field(kind)] = json!(format!("{base}-1"));
    if kind == Kind::KafkaTopic {
        config["ClusterName"] = json!("cluster");
    }
    let element = Element { kind, config };
    Some(renamed_free(topology, element))
}

/// `element` with a name no resource of its kind has: `name`, `name-2`, `name-3`, … (keeping a
/// `.fifo` suffix last, as SQS and SNS require).
fn renamed_free(topology: &Topology, mut element: Element) -> Element {
    let field = name_field(element.kind);
    let current = element.config[field]
        .as_str()
        .unwrap_or("resource")
        .to_string();
    let (stem, suffix) = match current.strip_suffix(".fifo") {
        Some(stem) => (stem.to_string(), ".fifo"),
        None => (current.clone(), ""),
    };
    let stem = match stem.rsplit_once('-') {
        Some((head, n)) if !head.is_empty() && n.parse::<u32>().is_ok() => head.to_string(),
        _ => stem,
    };
    let cluster = element.config["ClusterName"].as_str().map(str::to_string);
    let taken = |name: &str| {
        let full = match &cluster {
            Some(cluster) => format!("{cluster}/{name}"),
            None => name.to_string(),
        };
        topology.find(element.kind, &full).is_some()
    };
    let mut name = current.clone();
    let mut n = 1;
    while taken(&name) {
        n += 1;
        name = format!("{stem}-{n}{suffix}");
    }
    element.config[field] = json!(name);
    element
}

/// Adds an element with a free name at a point; returns its ARN.
pub(super) fn insert(
    scenario: &mut Scenario,
    element: &Element,
    at: Point,
) -> Result<String, Refused> {
    let topology = Topology::build(scenario);
    let element = renamed_free(&topology, element.clone());
    let bad = || Refused::NoSuchLink(element.kind, element.kind);
    let config = element.config.clone();
    match element.kind {
        Kind::Function => scenario
            .functions
            .push(read::part(&config, Function::read).map_err(|_| bad())?),
        Kind::Queue => scenario
            .queues
            .push(read::part(&config, Queue::read).map_err(|_| bad())?),
        Kind::Topic => scenario
            .topics
            .push(read::part(&config, Topic::read).map_err(|_| bad())?),
        Kind::EventBus => scenario
            .event_buses
            .push(read::part(&config, EventBus::read).map_err(|_| bad())?),
        Kind::Bucket => scenario
            .buckets
            .push(read::part(&config, Bucket::read).map_err(|_| bad())?),
        Kind::KinesisStream => scenario
            .kinesis_streams
            .push(read::part(&config, KinesisStream::read).map_err(|_| bad())?),
        Kind::DynamoDbStream => scenario
            .dynamodb_tables
            .push(read::part(&config, DynamoDbTable::read).map_err(|_| bad())?),
        Kind::KafkaTopic => scenario
            .kafka_topics
            .push(read::part(&config, KafkaTopic::read).map_err(|_| bad())?),
        Kind::Client => scenario
            .clients
            .push(read::part(&config, Client::read).map_err(|_| bad())?),
        Kind::EventSourceMapping => return Err(bad()),
    }
    let topology = Topology::build(scenario);
    let arn = topology
        .resources
        .iter()
        .rev()
        .find(|r| r.kind == element.kind)
        .map(|r| r.arn.clone())
        .ok_or_else(bad)?;
    scenario.layout.insert(arn.clone(), at);
    Ok(arn)
}
