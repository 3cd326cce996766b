//! Links between resources: SNS subscriptions, EventBridge buses and rules, S3 notifications,
//! and event source mappings (their source and properties).

use super::{Cfn, Props};
use crate::import::tree::{Node, Value};
use crate::import::{Reason, Res, Target};
use crate::scenario::{EventSourceMapping, KafkaKind, LambdaNotification, Rule, Subscription};
impl<'a> Cfn<'a> {
    pub(super) fn subscribe(
        &mut self,
        topic: usize,
        protocol: &str,
        endpoint: &Node,
        raw: bool,
        place: &str,
    ) {
        let endpoint = match protocol {
            "sqs" | "lambda" => self.target_arn(endpoint, place),
            _ => self.string(endpoint, place),
        };
        if let Some(endpoint) = endpoint {
            self.b.scenario.topics[topic]
                .subscriptions
                .push(Subscription {
                    protocol: protocol.to_string(),
                    endpoint,
                    raw_message_delivery: raw,
                });
        }
    }

    pub(super) fn bus_index(&mut self, node: Option<&Node>, place: &str) -> usize {
        let name = node
            .and_then(|n| self.string(n, place))
            .map(|n| {
                if n.starts_with("arn:") {
                    n.rsplit('/').next().unwrap_or("default").to_string()
                } else {
                    n
                }
            })
            .unwrap_or_else(|| "default".into());
        self.b.ensure(Res::Bus, &name)
    }

    pub(super) fn rule(&mut self, name: &str, props: &mut Props<'a>, line: usize) {
        let place = props.place("EventBusName");
        let bus = self.bus_index(props.take("EventBusName"), &place);
        let pattern = props
            .take("EventPattern")
            .map(|p| {
                let place = props.place("EventPattern");
                match &p.value {
                    Value::Scalar { text, .. } => serde_json::from_str(text).unwrap_or_default(),
                    _ => self.json(p, &place, 0),
                }
            })
            .unwrap_or_default();
        let mut targets = Vec::new();
        if let Some(list) = props.take("Targets") {
            for (n, t) in list.items().iter().enumerate() {
                let place = format!("{}[{n}]", props.place("Targets"));
                let mut inner = Props::new(Some(t), place.clone());
                inner.take("Id");
                match inner.take("Arn") {
                    Some(arn) => {
                        if let Some(arn) = self.target_arn(arn, &inner.place("Arn")) {
                            targets.push(arn);
                        }
                    }
                    None => self.b.note(t.line, place, Reason::Missing { name: "Arn" }),
                }
                inner.finish(&mut self.b);
            }
        }
        if props.take("ScheduleExpression").is_some() && pattern.is_null() {
            self.b
                .note(line, props.place("ScheduleExpression"), Reason::NotModelled);
        }
        self.b.scenario.event_buses[bus].rules.push(Rule {
            name: name.to_string(),
            event_pattern: pattern,
            targets,
        });
    }

    pub(super) fn notification(&mut self, bucket: usize, c: &'a Node, place: &str) {
        let mut inner = Props::new(Some(c), place.to_string());
        let function = inner.take("Function").and_then(|f| {
            let place = inner.place("Function");
            let text = self.string(f, &place)?;
            self.b.function(&text, f.line, &place)
        });
        let events = self.strings(inner.take("Event"), &inner.place("Event"));
        let mut prefix = String::new();
        let mut suffix = String::new();
        if let Some(filter) = inner.take("Filter") {
            let rules = filter.get("S3Key").and_then(|k| k.get("Rules"));
            for rule in rules.map(Node::items).unwrap_or(&[]) {
                let name = rule.get("Name").and_then(Node::as_str).unwrap_or("");
                let value = rule
                    .get("Value")
                    .and_then(|v| self.string(v, place))
                    .unwrap_or_default();
                match name.to_ascii_lowercase().as_str() {
                    "prefix" => prefix = value,
                    "suffix" => suffix = value,
                    _ => self.b.note(
                        rule.line,
                        format!("{place}.Filter"),
                        Reason::UnknownProperty,
                    ),
                }
            }
        }
        inner.finish(&mut self.b);
        if let Some(f) = function {
            let name = self.b.scenario.functions[f].function_name.clone();
            let arn = self.b.arn(Res::Function, &name);
            self.b.scenario.buckets[bucket]
                .lambda_function_configurations
                .push(LambdaNotification {
                    lambda_function_arn: arn,
                    events: if events.is_empty() {
                        vec!["s3:ObjectCreated:*".into()]
                    } else {
                        events
                    },
                    prefix,
                    suffix,
                });
        }
    }

    pub(super) fn mapping_source(
        &mut self,
        m: &mut EventSourceMapping,
        source: &Node,
        topics: &[String],
        place: &str,
    ) {
        match self.target(source, place) {
            Some((Target::Resource { arn, .. }, _)) => m.event_source_arn = Some(arn),
            Some((Target::KafkaCluster { name }, _)) => {
                for topic in topics {
                    self.b.ensure_kafka(&name, topic, KafkaKind::Msk);
                }
                m.event_source_arn = Some(self.b.kafka_arn(&name));
            }
            None => {
                m.event_source_arn = self.string(source, place);
            }
        }
    }

    pub(super) fn self_managed(
        &mut self,
        m: &mut EventSourceMapping,
        server: Option<&str>,
        topics: &[String],
        line: usize,
        place: &str,
    ) {
        match server
            .and_then(|s| s.split(['.', ':']).next())
            .filter(|c| !c.is_empty())
        {
            Some(cluster) => {
                for topic in topics {
                    self.b.ensure_kafka(cluster, topic, KafkaKind::SelfManaged);
                }
                m.self_managed_cluster = Some(cluster.to_string());
            }
            None => self.b.note(
                line,
                place,
                Reason::Missing {
                    name: "KafkaBootstrapServers",
                },
            ),
        }
    }

    /// Properties shared by `AWS::Lambda::EventSourceMapping` and SAM's SQS, Kinesis,
    /// DynamoDB, MSK and SelfManagedKafka events.
    pub(super) fn mapping_props(&mut self, m: &mut EventSourceMapping, props: &mut Props<'a>) {
        macro_rules! int {
            ($key:literal) => {{
                let place = props.place($key);
                self.int(props.take($key), &place)
            }};
        }
        m.batch_size = int!("BatchSize");
        m.maximum_batching_window_in_seconds = int!("MaximumBatchingWindowInSeconds");
        m.maximum_retry_attempts = int!("MaximumRetryAttempts");
        m.maximum_record_age_in_seconds = int!("MaximumRecordAgeInSeconds");
        m.parallelization_factor = int!("ParallelizationFactor");
        m.tumbling_window_in_seconds = int!("TumblingWindowInSeconds");
        let place = props.place("StartingPosition");
        m.starting_position = props
            .take("StartingPosition")
            .and_then(|p| self.string(p, &place));
        let place = props.place("BisectBatchOnFunctionError");
        m.bisect_batch_on_function_error =
            self.bool(props.take("BisectBatchOnFunctionError"), &place);
        let place = props.place("FunctionResponseTypes");
        m.function_response_types = self.strings(props.take("FunctionResponseTypes"), &place);
        let place = props.place("Enabled");
        if let Some(enabled) = self.bool(props.take("Enabled"), &place) {
            m.enabled = enabled;
        }
        if let Some(d) = props.take("DestinationConfig") {
            let place = props.place("DestinationConfig");
            m.destination_config = Some(self.destination_config(d, &place, &props.base.clone()));
        }
    }
}
