//! Functions: their properties, event invoke configurations and destinations, and the events
//! of a SAM function.

use super::{Cfn, Props};
use crate::import::tree::Node;
use crate::import::{shorten, Reason, Res, Target};
use crate::scenario::{
    DeadLetterConfig, Destination, DestinationConfig, EventInvokeConfig, EventSourceMapping,
    LambdaNotification, RecursiveLoop, Rule, Subscription,
};
impl<'a> Cfn<'a> {
    pub(super) fn function(
        &mut self,
        id: &str,
        name: &str,
        props: &mut Props<'a>,
        global_timeout: Option<&'a Node>,
    ) {
        let f = self.b.ensure(Res::Function, name);
        if let Some(environment) = props.take("Environment") {
            let place = props.place("Environment");
            let variables = environment.get("Variables");
            for (key, value) in variables.map(Node::entries).unwrap_or(&[]) {
                let place = format!("{place}.Variables.{key}");
                if key == crate::import::BEHAVIOR_VARIABLE {
                    let text = self.string(value, &place).unwrap_or_default();
                    crate::import::read_behavior(&mut self.b, f, &text, value.line, &place);
                } else {
                    self.b.note(value.line, place, Reason::NotModelled);
                }
            }
            for (key, value) in environment.entries() {
                if key != "Variables" {
                    self.b.note(
                        value.line,
                        format!("{place}.{key}"),
                        Reason::UnknownProperty,
                    );
                }
            }
        }
        let place = props.place("Timeout");
        if let Some(n) = self.int(props.take("Timeout").or(global_timeout), &place) {
            self.b.scenario.functions[f].timeout = n;
        }
        let place = props.place("ReservedConcurrentExecutions");
        if let Some(n) = self.int(props.take("ReservedConcurrentExecutions"), &place) {
            self.b.scenario.functions[f].reserved_concurrent_executions = Some(n);
        }
        if let Some(r) = props.take("RecursiveLoop") {
            match r.as_str() {
                Some("Allow") => self.b.scenario.functions[f].recursive_loop = RecursiveLoop::Allow,
                Some("Terminate") => {}
                _ => self.b.note(
                    r.line,
                    props.place("RecursiveLoop"),
                    Reason::BadValue {
                        value: shorten(r.as_str().unwrap_or("")),
                        expected: "Allow or Terminate",
                    },
                ),
            }
        }
        // CloudFormation: DeadLetterConfig.TargetArn; SAM: DeadLetterQueue {Type, TargetArn}.
        for key in ["DeadLetterConfig", "DeadLetterQueue"] {
            if let Some(dlq) = props.take(key) {
                let place = props.place(key);
                match dlq
                    .get("TargetArn")
                    .and_then(|t| self.target_arn(t, &place))
                {
                    Some(arn) => {
                        self.b.scenario.functions[f].dead_letter_config =
                            Some(DeadLetterConfig { target_arn: arn })
                    }
                    None => self
                        .b
                        .note(dlq.line, place, Reason::Missing { name: "TargetArn" }),
                }
            }
        }
        // SAM's AutoPublishAlias: one version, an alias to it, and the function's
        // EventInvokeConfig and events on the alias.
        let place = props.place("AutoPublishAlias");
        self.sam_alias = props
            .take("AutoPublishAlias")
            .and_then(|a| self.string(a, &place));
        if let Some(alias) = self.sam_alias.clone() {
            let version = crate::import::versions::publish(&mut self.b, f);
            crate::import::versions::alias(&mut self.b, f, &alias, &version, Vec::new());
        }
        if let Some(config) = props.take("EventInvokeConfig") {
            let mut inner = Props::new(Some(config), props.place("EventInvokeConfig"));
            let config = self.invoke_config(&mut inner, &format!("Resources.{id}"));
            inner.finish(&mut self.b);
            let function = &mut self.b.scenario.functions[f];
            match function
                .aliases
                .iter_mut()
                .find(|a| Some(&a.name) == self.sam_alias.as_ref())
            {
                Some(alias) => alias.event_invoke_config = Some(config),
                None => function.event_invoke_config = Some(config),
            }
        }
        if let Some(events) = props.take("Events") {
            for (event_id, event) in events.entries() {
                let place = format!("{}.{event_id}", props.place("Events"));
                self.sam_event(f, id, event, &place);
            }
        }
        self.sam_alias = None;
    }

    pub(super) fn invoke_config(&mut self, props: &mut Props<'a>, base: &str) -> EventInvokeConfig {
        let place = props.place("MaximumRetryAttempts");
        let retries = self.int(props.take("MaximumRetryAttempts"), &place);
        let place = props.place("MaximumEventAgeInSeconds");
        let age = self.int(props.take("MaximumEventAgeInSeconds"), &place);
        let destinations = props.take("DestinationConfig").map(|d| {
            let place = props.place("DestinationConfig");
            self.destination_config(d, &place, base)
        });
        EventInvokeConfig {
            maximum_retry_attempts: retries,
            maximum_event_age_in_seconds: age,
            destination_config: destinations,
        }
    }

    /// `{OnSuccess: {Destination, Type?}, OnFailure: {...}}`. SAM creates a queue or topic when
    /// `Type` is given without `Destination`; so does this.
    pub(super) fn destination_config(
        &mut self,
        node: &'a Node,
        place: &str,
        base: &str,
    ) -> DestinationConfig {
        let mut config = DestinationConfig::default();
        let mut sides = Props::new(Some(node), place.to_string());
        for side in ["OnSuccess", "OnFailure"] {
            let Some(d) = sides.take(side) else {
                continue;
            };
            let mut inner = Props::new(Some(d), format!("{place}.{side}"));
            let kind = inner.take("Type").and_then(Node::as_str);
            let destination = match inner.take("Destination") {
                Some(target) => self.target_arn(target, &inner.place("Destination")),
                None => match kind {
                    Some("SQS") => {
                        let name = format!(
                            "{}EventInvokeConfig{side}Queue",
                            base.trim_start_matches("Resources.")
                        );
                        self.b.ensure(Res::Queue, &name);
                        Some(self.b.arn(Res::Queue, &name))
                    }
                    Some("SNS") => {
                        let name = format!(
                            "{}EventInvokeConfig{side}Topic",
                            base.trim_start_matches("Resources.")
                        );
                        self.b.ensure(Res::Topic, &name);
                        Some(self.b.arn(Res::Topic, &name))
                    }
                    _ => None,
                },
            };
            inner.finish(&mut self.b);
            let slot = if side == "OnSuccess" {
                &mut config.on_success
            } else {
                &mut config.on_failure
            };
            *slot = Some(Destination { destination });
        }
        sides.finish(&mut self.b);
        config
    }

    fn sam_event(&mut self, f: usize, id: &str, event: &'a Node, place: &str) {
        let type_name = event.get("Type").and_then(Node::as_str).unwrap_or("");
        let mut props = Props::new(event.get("Properties"), format!("{place}.Properties"));
        let function = match &self.sam_alias {
            Some(alias) => format!("{}:{alias}", self.b.scenario.functions[f].function_name),
            None => self.b.scenario.functions[f].function_name.clone(),
        };
        match type_name {
            "SQS" | "Kinesis" | "DynamoDB" | "MSK" | "SelfManagedKafka" => {
                let mut m = EventSourceMapping {
                    function_name: function,
                    enabled: true,
                    ..Default::default()
                };
                let topics = self.strings(props.take("Topics"), &props.place("Topics"));
                let key = if type_name == "SQS" {
                    "Queue"
                } else {
                    "Stream"
                };
                if let Some(source) = props.take(key) {
                    let place = props.place(key);
                    self.mapping_source(&mut m, source, &topics, &place);
                }
                if let Some(servers) = props.take("KafkaBootstrapServers") {
                    let place = props.place("KafkaBootstrapServers");
                    let servers = self.strings(Some(servers), &place);
                    self.self_managed(
                        &mut m,
                        servers.first().map(String::as_str),
                        &topics,
                        event.line,
                        &place,
                    );
                }
                m.topics = topics;
                self.mapping_props(&mut m, &mut props);
                self.b.scenario.event_source_mappings.push(m);
            }
            "SNS" => {
                let place_topic = props.place("Topic");
                let topic = props
                    .take("Topic")
                    .and_then(|t| self.target(t, &place_topic));
                if let Some((
                    Target::Resource {
                        kind: Res::Topic,
                        name,
                        ..
                    },
                    _,
                )) = topic
                {
                    let t = self.b.ensure(Res::Topic, &name);
                    let arn = self.b.arn(Res::Function, &function);
                    self.b.scenario.topics[t].subscriptions.push(Subscription {
                        protocol: "lambda".into(),
                        endpoint: arn,
                        raw_message_delivery: false,
                    });
                }
            }
            "S3" => {
                let place_bucket = props.place("Bucket");
                let bucket = props.take("Bucket").and_then(|b| {
                    let name = self.string(b, &place_bucket)?;
                    let name = name.trim_start_matches("arn:aws:s3:::").to_string();
                    Some(self.b.ensure(Res::Bucket, &name))
                });
                let events = self.strings(props.take("Events"), &props.place("Events"));
                let mut prefix = String::new();
                let mut suffix = String::new();
                if let Some(filter) = props.take("Filter") {
                    let rules = filter.get("S3Key").and_then(|k| k.get("Rules"));
                    for rule in rules.map(Node::items).unwrap_or(&[]) {
                        let value = rule
                            .get("Value")
                            .and_then(|v| self.string(v, place))
                            .unwrap_or_default();
                        match rule
                            .get("Name")
                            .and_then(Node::as_str)
                            .map(str::to_ascii_lowercase)
                            .as_deref()
                        {
                            Some("prefix") => prefix = value,
                            Some("suffix") => suffix = value,
                            _ => self.b.note(
                                rule.line,
                                format!("{place}.Filter"),
                                Reason::UnknownProperty,
                            ),
                        }
                    }
                }
                if let Some(bucket) = bucket {
                    let arn = self.b.arn(Res::Function, &function);
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
            "EventBridgeRule" | "CloudWatchEvent" => {
                let place_bus = props.place("EventBusName");
                let bus = self.bus_index(props.take("EventBusName"), &place_bus);
                let place_pattern = props.place("Pattern");
                let pattern = props
                    .take("Pattern")
                    .map(|p| self.json(p, &place_pattern, 0))
                    .unwrap_or_default();
                let place_name = props.place("RuleName");
                let name = props
                    .take("RuleName")
                    .and_then(|n| self.string(n, &place_name))
                    .unwrap_or_else(|| {
                        format!("{id}{}", place.rsplit('.').next().unwrap_or("Rule"))
                    });
                if let Some(target) = props.take("Target") {
                    if target.entries().iter().any(|(k, _)| k != "Id") {
                        self.b
                            .note(target.line, props.place("Target"), Reason::NotModelled);
                    }
                }
                let arn = self.b.arn(Res::Function, &function);
                self.b.scenario.event_buses[bus].rules.push(Rule {
                    name,
                    event_pattern: pattern,
                    targets: vec![arn],
                });
            }
            other => {
                self.b.note(
                    event.line,
                    place,
                    if other.is_empty() {
                        Reason::Missing { name: "Type" }
                    } else {
                        Reason::UnknownResourceType {
                            type_name: format!("SAM event {}", shorten(other)),
                        }
                    },
                );
                return;
            }
        }
        for (key, value) in event.entries() {
            if key != "Type" && key != "Properties" {
                self.b.note(
                    value.line,
                    format!("{place}.{key}"),
                    Reason::UnknownProperty,
                );
            }
        }
        props.finish(&mut self.b);
    }
}
