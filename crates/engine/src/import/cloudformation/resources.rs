//! One resource of the template, by its type: what it draws and which properties it reads.

use super::{json_node, name_property, Cfn, Props, RESOURCE_ATTRIBUTES};
use crate::import::tree::{Node, Value};
use crate::import::{shorten, Reason, Res, Target};
use crate::scenario::{EventSourceMapping, RedrivePolicy};
impl<'a> Cfn<'a> {
    pub(super) fn resource(&mut self, id: &str, node: &'a Node, global_timeout: Option<&'a Node>) {
        let base = format!("Resources.{id}");
        let type_node = node.get("Type");
        let type_name = type_node.and_then(Node::as_str).unwrap_or("").to_string();
        for (key, value) in node.entries() {
            match key.as_str() {
                "Type" | "Properties" => {}
                "Condition" => {
                    self.b
                        .note(value.line, format!("{base}.Condition"), Reason::Condition)
                }
                k if RESOURCE_ATTRIBUTES.contains(&k) => {}
                _ => self
                    .b
                    .note(value.line, format!("{base}.{key}"), Reason::UnknownProperty),
            }
        }
        let mut props = Props::new(node.get("Properties"), format!("{base}.Properties"));
        if let Some(p) = name_property(&type_name) {
            props.take(p);
        }
        let name = self
            .catalog
            .get(id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string());
        match type_name.as_str() {
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
                self.function(id, &name, &mut props, global_timeout)
            }
            "AWS::SQS::Queue" => {
                let q = self.b.ensure(Res::Queue, &name);
                props.take("FifoQueue");
                if let Some(n) = self.int(
                    props.take("VisibilityTimeout"),
                    &props.place("VisibilityTimeout"),
                ) {
                    self.b.scenario.queues[q].visibility_timeout = n;
                }
                if let Some(n) = self.int(
                    props.take("MessageRetentionPeriod"),
                    &props.place("MessageRetentionPeriod"),
                ) {
                    self.b.scenario.queues[q].message_retention_period = n;
                }
                if let Some(policy) = props.take("RedrivePolicy") {
                    let place = props.place("RedrivePolicy");
                    let policy = match &policy.value {
                        Value::Scalar { text, .. } => crate::import::cli::parse_structure(text)
                            .map(|v| json_node(&v, policy.line)),
                        _ => Some(policy.clone()),
                    };
                    let target = policy
                        .as_ref()
                        .and_then(|p| p.get("deadLetterTargetArn").cloned());
                    let count = policy
                        .as_ref()
                        .and_then(|p| p.get("maxReceiveCount").cloned());
                    let arn = target.and_then(|t| self.target_arn(&t, &place));
                    let count = self.int(count.as_ref(), &place);
                    match (arn, count) {
                        (Some(arn), Some(count)) => {
                            self.b.scenario.queues[q].redrive_policy = Some(RedrivePolicy {
                                dead_letter_target_arn: arn,
                                max_receive_count: count,
                            })
                        }
                        _ => self.b.note(
                            node.line,
                            place,
                            Reason::Missing {
                                name: "deadLetterTargetArn and maxReceiveCount",
                            },
                        ),
                    }
                }
            }
            "AWS::SNS::Topic" => {
                let t = self.b.ensure(Res::Topic, &name);
                props.take("FifoTopic");
                if let Some(list) = props.take("Subscription") {
                    for (n, s) in list.items().iter().enumerate() {
                        let place = format!("{}[{n}]", props.place("Subscription"));
                        let protocol = s.get("Protocol").and_then(|p| self.string(p, &place));
                        let endpoint = s.get("Endpoint");
                        if let (Some(protocol), Some(endpoint)) = (protocol, endpoint) {
                            self.subscribe(t, &protocol, endpoint, false, &place);
                        }
                    }
                }
            }
            "AWS::SNS::Subscription" => {
                let topic = props.take("TopicArn");
                let protocol = props.take("Protocol");
                let endpoint = props.take("Endpoint");
                let raw = self
                    .bool(
                        props.take("RawMessageDelivery"),
                        &props.place("RawMessageDelivery"),
                    )
                    .unwrap_or(false);
                let place = props.place("TopicArn");
                let topic = topic.and_then(|t| self.target(t, &place));
                let protocol = protocol.and_then(|p| self.string(p, &place));
                match (topic, protocol, endpoint) {
                    (
                        Some((
                            Target::Resource {
                                kind: Res::Topic,
                                name,
                                ..
                            },
                            _,
                        )),
                        Some(protocol),
                        Some(endpoint),
                    ) => {
                        let t = self.b.ensure(Res::Topic, &name);
                        self.subscribe(t, &protocol, endpoint, raw, &base);
                    }
                    _ => self.b.note(
                        node.line,
                        base.clone(),
                        Reason::Missing {
                            name: "TopicArn, Protocol and Endpoint",
                        },
                    ),
                }
            }
            "AWS::Events::EventBus" => {
                self.b.ensure(Res::Bus, &name);
            }
            "AWS::Events::Rule" => self.rule(&name, &mut props, node.line),
            "AWS::S3::Bucket" => {
                let i = self.b.ensure(Res::Bucket, &name);
                if let Some(config) = props.take("NotificationConfiguration") {
                    let place = props.place("NotificationConfiguration");
                    let mut inner = Props::new(Some(config), place);
                    if let Some(list) = inner.take("LambdaConfigurations") {
                        for (n, c) in list.items().iter().enumerate() {
                            let place = format!("{}.LambdaConfigurations[{n}]", inner.base);
                            self.notification(i, c, &place);
                        }
                    }
                    inner.finish(&mut self.b);
                }
            }
            "AWS::Kinesis::Stream" => {
                let s = self.b.ensure(Res::Stream, &name);
                if let Some(n) = self.int(props.take("ShardCount"), &props.place("ShardCount")) {
                    self.b.scenario.kinesis_streams[s].shard_count = n;
                }
            }
            "AWS::DynamoDB::Table" => {
                self.b.ensure(Res::Table, &name);
                match props.take("StreamSpecification") {
                    Some(_) => {}
                    None => self.b.note(
                        node.line,
                        base.clone(),
                        Reason::Missing {
                            name: "StreamSpecification (the playground draws the table's stream)",
                        },
                    ),
                }
            }
            "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => {
                // Topics are drawn from the mappings that read them.
                for key in [
                    "KafkaVersion",
                    "NumberOfBrokerNodes",
                    "BrokerNodeGroupInfo",
                    "ClientAuthentication",
                    "EncryptionInfo",
                    "VpcConfigs",
                ] {
                    if let Some(n) = props.take(key) {
                        self.b.note(n.line, props.place(key), Reason::NotModelled);
                    }
                }
            }
            "AWS::Lambda::EventInvokeConfig" => {
                self.invoke_config_resource(node.line, &base, &mut props)
            }
            "AWS::Lambda::Version" => self.version_resource(node.line, &mut props),
            "AWS::Lambda::Alias" => self.alias_resource(node.line, &mut props),
            "AWS::Lambda::EventSourceMapping" => {
                let place = props.place("FunctionName");
                let written = props
                    .take("FunctionName")
                    .and_then(|n| self.string(n, &place));
                let f = written
                    .as_deref()
                    .and_then(|n| self.b.function(n, node.line, &place));
                let Some(f) = f else {
                    self.b.note(
                        node.line,
                        base.clone(),
                        Reason::Missing {
                            name: "FunctionName",
                        },
                    );
                    props.finish(&mut self.b);
                    return;
                };
                let name = self.b.scenario.functions[f].function_name.clone();
                let qualifier = written
                    .as_deref()
                    .and_then(crate::import::versions::written_qualifier);
                let mut m = EventSourceMapping {
                    function_name: match qualifier {
                        Some(q) => format!("{name}:{q}"),
                        None => name,
                    },
                    enabled: true,
                    ..Default::default()
                };
                let topics = self.strings(props.take("Topics"), &props.place("Topics"));
                if let Some(source) = props.take("EventSourceArn") {
                    self.mapping_source(&mut m, source, &topics, &props.place("EventSourceArn"));
                }
                if let Some(source) = props.take("SelfManagedEventSource") {
                    let place = props.place("SelfManagedEventSource");
                    let servers = source
                        .get("Endpoints")
                        .and_then(|e| e.get("KafkaBootstrapServers"))
                        .map(|s| self.strings(Some(s), &place))
                        .unwrap_or_default();
                    self.self_managed(
                        &mut m,
                        servers.first().map(String::as_str),
                        &topics,
                        source.line,
                        &place,
                    );
                }
                m.topics = topics;
                self.mapping_props(&mut m, &mut props);
                self.b.scenario.event_source_mappings.push(m);
            }
            "AWS::Lambda::Permission"
            | "AWS::Lambda::LayerVersion"
            | "AWS::IAM::Role"
            | "AWS::IAM::Policy"
            | "AWS::IAM::ManagedPolicy"
            | "AWS::SQS::QueuePolicy"
            | "AWS::SNS::TopicPolicy"
            | "AWS::S3::BucketPolicy"
            | "AWS::Logs::LogGroup"
            | "AWS::Events::Archive"
            | "AWS::CloudWatch::Alarm" => {
                self.b.note(node.line, base.clone(), Reason::NotModelled);
                return;
            }
            "" => {
                self.b.note(
                    type_node.map_or(node.line, |t| t.line),
                    format!("{base}.Type"),
                    Reason::Missing { name: "Type" },
                );
                return;
            }
            other => {
                self.b.note(
                    type_node.map_or(node.line, |t| t.line),
                    base.clone(),
                    Reason::UnknownResourceType {
                        type_name: shorten(other),
                    },
                );
                return;
            }
        }
        props.finish(&mut self.b);
    }
}
