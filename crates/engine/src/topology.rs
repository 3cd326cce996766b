//! Resolves a scenario's names into resources with real-format ARNs, built from the scenario's
//! account and region, and finds resources again from an ARN or a name.

use crate::scenario::{KafkaKind, Scenario};
use serde::Serialize;
use std::collections::HashMap;

/// Index of a resource in [`Topology::resources`].
pub type ResourceId = u32;

/// The kinds of resource the playground models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// A Lambda function.
    Function,
    /// An SQS queue.
    Queue,
    /// An SNS topic.
    Topic,
    /// An EventBridge event bus.
    EventBus,
    /// An S3 bucket.
    Bucket,
    /// A Kinesis data stream.
    KinesisStream,
    /// A DynamoDB table's stream.
    DynamoDbStream,
    /// A Kafka topic.
    KafkaTopic,
    /// An event source mapping.
    EventSourceMapping,
    /// A client calling `Invoke`.
    Client,
}

impl Kind {
    /// Stable lower-case name used in ids, CSS classes and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Function => "function",
            Kind::Queue => "queue",
            Kind::Topic => "topic",
            Kind::EventBus => "eventBus",
            Kind::Bucket => "bucket",
            Kind::KinesisStream => "kinesisStream",
            Kind::DynamoDbStream => "dynamodbStream",
            Kind::KafkaTopic => "kafkaTopic",
            Kind::EventSourceMapping => "eventSourceMapping",
            Kind::Client => "client",
        }
    }
}

/// One resource of the scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resource {
    /// What it is.
    pub kind: Kind,
    /// Its name (for a mapping: its UUID).
    pub name: String,
    /// Its ARN.
    pub arn: String,
    /// Index into the scenario's list for this kind.
    pub index: usize,
}

/// All resources of a scenario, addressable by id, ARN or name.
#[derive(Clone, Debug, Default)]
pub struct Topology {
    /// Every resource; a [`ResourceId`] indexes this.
    pub resources: Vec<Resource>,
    by_arn: HashMap<String, ResourceId>,
    /// Per kind (indexed by `Kind as usize`): names to ids.
    by_name: Vec<HashMap<String, ResourceId>>,
    /// Duplicate names found while building: (kind, name).
    pub duplicates: Vec<(Kind, String)>,
}

/// The parts of an ARN: `arn:partition:service:region:account:resource`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// e.g. `aws`.
    pub partition: &'a str,
    /// e.g. `sqs`, `lambda`.
    pub service: &'a str,
    /// e.g. `us-east-2`; empty for S3.
    pub region: &'a str,
    /// 12 digits; empty for S3.
    pub account: &'a str,
    /// Everything after the account.
    pub resource: &'a str,
}

/// Splits an ARN into its parts; `None` when it does not have six parts.
pub fn parse_arn(text: &str) -> Option<Arn<'_>> {
    let mut parts = text.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    Some(Arn {
        partition: parts.next()?,
        service: parts.next()?,
        region: parts.next()?,
        account: parts.next()?,
        resource: parts.next()?,
    })
}

/// A Lambda ARN without its qualifier (`:$LATEST`, `:1`, `:alias`), or the input unchanged.
pub fn unqualified_function_arn(arn: &str) -> &str {
    match parse_arn(arn) {
        Some(parts) if parts.service == "lambda" && parts.resource.starts_with("function:") => {
            let resource = parts.resource;
            match resource["function:".len()..].find(':') {
                Some(i) => &arn[..arn.len() - (resource.len() - "function:".len() - i)],
                None => arn,
            }
        }
        _ => arn,
    }
}

impl Topology {
    /// Resolves every resource of `scenario`.
    pub fn build(scenario: &Scenario) -> Topology {
        let mut t = Topology::default();
        let (r, a) = (scenario.region.as_str(), scenario.account.as_str());
        for (i, f) in scenario.functions.iter().enumerate() {
            t.add(
                Kind::Function,
                &f.function_name,
                format!("arn:aws:lambda:{r}:{a}:function:{}", f.function_name),
                i,
            );
        }
        for (i, q) in scenario.queues.iter().enumerate() {
            t.add(
                Kind::Queue,
                &q.queue_name,
                format!("arn:aws:sqs:{r}:{a}:{}", q.queue_name),
                i,
            );
        }
        for (i, topic) in scenario.topics.iter().enumerate() {
            t.add(
                Kind::Topic,
                &topic.topic_name,
                format!("arn:aws:sns:{r}:{a}:{}", topic.topic_name),
                i,
            );
        }
        for (i, bus) in scenario.event_buses.iter().enumerate() {
            t.add(
                Kind::EventBus,
                &bus.name,
                format!("arn:aws:events:{r}:{a}:event-bus/{}", bus.name),
                i,
            );
        }
        for (i, b) in scenario.buckets.iter().enumerate() {
            t.add(
                Kind::Bucket,
                &b.bucket_name,
                format!("arn:aws:s3:::{}", b.bucket_name),
                i,
            );
        }
        for (i, s) in scenario.kinesis_streams.iter().enumerate() {
            t.add(
                Kind::KinesisStream,
                &s.stream_name,
                format!("arn:aws:kinesis:{r}:{a}:stream/{}", s.stream_name),
                i,
            );
        }
        let label = scenario.start_time.trim_end_matches('Z');
        for (i, table) in scenario.dynamodb_tables.iter().enumerate() {
            let arn = format!(
                "arn:aws:dynamodb:{r}:{a}:table/{}/stream/{label}",
                table.table_name
            );
            t.add(Kind::DynamoDbStream, &table.table_name, arn, i);
        }
        for (i, k) in scenario.kafka_topics.iter().enumerate() {
            let arn = kafka_cluster_arn(r, a, &k.cluster_name, k.cluster_kind);
            let name = format!("{}/{}", k.cluster_name, k.topic);
            t.add(Kind::KafkaTopic, &name, format!("{arn}/{}", k.topic), i);
        }
        for (i, c) in scenario.clients.iter().enumerate() {
            t.add(Kind::Client, &c.name, format!("client:{}", c.name), i);
        }
        for i in 0..scenario.event_source_mappings.len() {
            let uuid = mapping_uuid(scenario, i);
            t.add(
                Kind::EventSourceMapping,
                &uuid,
                format!("arn:aws:lambda:{r}:{a}:event-source-mapping:{uuid}"),
                i,
            );
        }
        t
    }

    fn add(&mut self, kind: Kind, name: &str, arn: String, index: usize) {
        let id = self.resources.len() as ResourceId;
        if self.by_name.len() <= kind as usize {
            self.by_name.resize_with(kind as usize + 1, HashMap::new);
        }
        if self.by_name[kind as usize]
            .insert(name.to_string(), id)
            .is_some()
        {
            self.duplicates.push((kind, name.to_string()));
        }
        self.by_arn.insert(arn.clone(), id);
        self.resources.push(Resource {
            kind,
            name: name.to_string(),
            arn,
            index,
        });
    }

    /// The resource with this id.
    pub fn get(&self, id: ResourceId) -> &Resource {
        &self.resources[id as usize]
    }

    /// Finds a resource by its ARN; a qualified Lambda ARN finds its function.
    pub fn by_arn(&self, arn: &str) -> Option<ResourceId> {
        self.by_arn
            .get(arn)
            .or_else(|| self.by_arn.get(unqualified_function_arn(arn)))
            .copied()
    }

    /// Finds a resource of `kind` by name, or by ARN.
    pub fn find(&self, kind: Kind, name_or_arn: &str) -> Option<ResourceId> {
        if name_or_arn.starts_with("arn:") {
            return self
                .by_arn(name_or_arn)
                .filter(|&id| self.get(id).kind == kind);
        }
        // A function may be named with its qualifier, `name:qualifier`.
        let name = match kind {
            Kind::Function => crate::qualifier::split(name_or_arn).0,
            _ => name_or_arn,
        };
        self.by_name
            .get(kind as usize)
            .and_then(|names| names.get(name))
            .copied()
    }

    /// Ids of every resource of `kind`, in scenario order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = ResourceId> + '_ {
        self.resources
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.kind == kind)
            .map(|(i, _)| i as ResourceId)
    }

    /// The id of the `index`-th resource of `kind` in the scenario (its `index`-th function,
    /// queue, mapping...).
    pub fn id_of(&self, kind: Kind, index: usize) -> Option<ResourceId> {
        self.of_kind(kind).find(|&id| self.get(id).index == index)
    }

    /// A display name for the resource.
    pub fn name(&self, id: ResourceId) -> &str {
        &self.get(id).name
    }
}

/// The ARN of a Kafka cluster; self-managed clusters have none in AWS, so the playground uses
/// the same shape under the name `self-managed`.
pub fn kafka_cluster_arn(region: &str, account: &str, cluster: &str, kind: KafkaKind) -> String {
    let id = crate::rng::stable_hash(cluster);
    match kind {
        KafkaKind::Msk => format!("arn:aws:kafka:{region}:{account}:cluster/{cluster}/{:08x}-{:04x}-{:04x}-{:04x}-{:012x}-1",
            id >> 32, (id >> 16) & 0xffff, id & 0xffff, (id >> 48) & 0xffff, id & 0xffff_ffff_ffff),
        KafkaKind::SelfManaged => format!("arn:aws:kafka:{region}:{account}:self-managed/{cluster}"),
    }
}

/// The mapping's UUID: its own, or one derived from its position and the seed.
pub fn mapping_uuid(scenario: &Scenario, index: usize) -> String {
    if let Some(uuid) = scenario
        .event_source_mappings
        .get(index)
        .and_then(|m| m.uuid.clone())
    {
        return uuid;
    }
    let mut rng = crate::rng::Rng::new(scenario.seed ^ 0xE5E5_0000 ^ index as u64);
    rng.uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        Scenario::from_json(
            r#"{"version":1,"functions":[{"FunctionName":"my-function"}],"queues":[{"QueueName":"destination"}],
            "buckets":[{"BucketName":"images"}],"kinesisStreams":[{"StreamName":"clicks"}],"eventBuses":[{"Name":"default"}]}"#,
        )
        .expect("valid")
    }

    #[test]
    fn arns_are_built_from_the_scenario_account_and_region() {
        let t = Topology::build(&scenario());
        let arns: Vec<&str> = t.resources.iter().map(|r| r.arn.as_str()).collect();
        assert_eq!(
            arns,
            [
                "arn:aws:lambda:us-east-2:123456789012:function:my-function",
                "arn:aws:sqs:us-east-2:123456789012:destination",
                "arn:aws:events:us-east-2:123456789012:event-bus/default",
                "arn:aws:s3:::images",
                "arn:aws:kinesis:us-east-2:123456789012:stream/clicks",
            ]
        );
    }

    #[test]
    fn qualified_function_arns_find_the_function() {
        let t = Topology::build(&scenario());
        let id = t.by_arn("arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST");
        assert_eq!(id, Some(0));
        assert_eq!(t.find(Kind::Function, "my-function"), Some(0));
        assert_eq!(t.find(Kind::Queue, "my-function"), None);
        assert_eq!(
            unqualified_function_arn("arn:aws:lambda:r:1:function:f:prod"),
            "arn:aws:lambda:r:1:function:f"
        );
    }

    #[test]
    fn arns_split_into_their_parts() {
        let arn =
            parse_arn("arn:aws:events:us-east-2:123456789012:event-bus/default").expect("arn");
        assert_eq!((arn.service, arn.resource), ("events", "event-bus/default"));
        assert!(parse_arn("not-an-arn").is_none());
    }
}
