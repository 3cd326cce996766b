//! The CloudFormation template, as a [`serde_json::Value`] tree that is written out as JSON or,
//! through [`super::yaml`], as YAML. The SAM template ([`super::sam`]) is the same tree with the
//! functions (and the mappings SAM can express as events) in SAM's form.
//!
//! References between resources use `Ref` and `Fn::GetAtt`, except inside IAM policies and
//! `SourceArn` conditions, where functions and buckets are named by an ARN built with `Fn::Sub`
//! from their (explicit) names: a role that referred to another function with `Fn::GetAtt` would
//! make two functions that are each other's destination a dependency cycle.

use super::{sam, Grant, Plan, Target, HANDLER_PY, RUNTIME};
use crate::scenario::{EventSourceMapping, Function, KafkaKind};
use crate::topology::{Kind, ResourceId};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// Whether functions are written as `AWS::Lambda::Function` or `AWS::Serverless::Function`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavor {
    CloudFormation,
    Sam,
}

/// The resources, parameters and ids of one template under construction.
pub(super) struct Builder<'p, 'a> {
    pub plan: &'p Plan<'a>,
    pub flavor: Flavor,
    pub resources: Map<String, Value>,
    pub parameters: Map<String, Value>,
    used: HashSet<String>,
    /// Parameter id per Kafka cluster name.
    clusters: Vec<(String, String)>,
    /// Who delivers to a queue or topic: (target, service principal, source ARN value).
    deliveries: Vec<(ResourceId, &'static str, Value)>,
}

/// The whole CloudFormation template.
pub(super) fn template(plan: &Plan) -> Value {
    Builder::new(plan, Flavor::CloudFormation).build()
}

/// `{"Ref": id}`.
pub(super) fn reference(id: &str) -> Value {
    json!({ "Ref": id })
}

/// `{"Fn::GetAtt": [id, attribute]}`.
pub(super) fn get_att(id: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [id, attribute] })
}

/// `{"Fn::Sub": text}`.
fn sub(text: String) -> Value {
    json!({ "Fn::Sub": text })
}

/// A literal for `Fn::Sub`: `${` would start a variable, so it is written `${!`.
pub(super) fn sub_literal(text: &str) -> String {
    text.replace("${", "${!")
}

impl<'p, 'a> Builder<'p, 'a> {
    pub fn new(plan: &'p Plan<'a>, flavor: Flavor) -> Self {
        Builder {
            plan,
            flavor,
            resources: Map::new(),
            parameters: Map::new(),
            used: (plan.ids.iter())
                .chain(plan.qualified_ids.iter().map(|q| &q.id))
                .cloned()
                .collect(),
            clusters: Vec::new(),
            deliveries: Vec::new(),
        }
    }

    /// A new logical id built from `base`.
    pub fn id(&mut self, base: &str) -> String {
        let mut clean: String = base
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(200)
            .collect();
        if !clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
            clean.insert(0, 'R');
        }
        super::unique(&mut self.used, &clean, "")
    }

    /// The logical id of resource `id`.
    pub fn lid(&self, id: ResourceId) -> &str {
        self.plan.ids.get(id as usize).map_or("", String::as_str)
    }

    fn add(&mut self, id: String, resource: Value) {
        self.resources.insert(id, resource);
    }

    pub fn build(mut self) -> Value {
        self.kafka_parameters();
        self.queues();
        self.topics();
        self.streams_and_tables();
        self.buses();
        for f in 0..self.plan.scenario.functions.len() {
            self.function(f);
        }
        self.buckets();
        self.mappings();
        self.queue_and_topic_policies();
        let mut template = Map::new();
        template.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
        if self.flavor == Flavor::Sam {
            template.insert("Transform".into(), "AWS::Serverless-2016-10-31".into());
        }
        template.insert("Description".into(), description(self.plan).into());
        template.insert(
            "Metadata".into(),
            json!({ "PlaygroundExport": {
                "Source": "Lambda Destinations Playground",
                "Scenario": self.plan.title(),
                "Notes": self.plan.notes,
            } }),
        );
        if !self.parameters.is_empty() {
            template.insert("Parameters".into(), Value::Object(self.parameters));
        }
        template.insert("Resources".into(), Value::Object(self.resources));
        Value::Object(template)
    }

    /// The value that gives a resource's ARN: `Fn::GetAtt`, `Ref`, or a parameter.
    pub fn arn_of(&self, id: ResourceId) -> Value {
        let lid = self.lid(id);
        match self.plan.kind(id) {
            Kind::Topic => reference(lid),
            Kind::EventBus if self.plan.is_default_bus(id) => sub(
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"
                    .into(),
            ),
            Kind::DynamoDbStream => get_att(lid, "StreamArn"),
            Kind::KafkaTopic => self.cluster_arn(id),
            _ => get_att(lid, "Arn"),
        }
    }

    /// The ARN of whatever `arn` names: a reference when it is in the scenario, else the text.
    pub fn arn_value(&self, arn: &str) -> Value {
        match self.plan.by_arn(arn) {
            Some(f) if self.plan.kind(f) == Kind::Function => self.function_arn_value(f, arn),
            Some(id) => self.arn_of(id),
            None => Value::from(arn),
        }
    }

    fn cluster_arn(&self, topic: ResourceId) -> Value {
        let cluster = self
            .plan
            .scenario
            .kafka_topics
            .get(self.plan.topology.get(topic).index)
            .map(|t| t.cluster_name.as_str())
            .unwrap_or_default();
        match self.clusters.iter().find(|(name, _)| name == cluster) {
            Some((_, param)) => reference(param),
            None => Value::from(self.plan.topology.get(topic).arn.clone()),
        }
    }

    /// An ARN for an IAM policy or a `SourceArn`, built from names where a reference could close
    /// a dependency cycle.
    pub fn policy_arn(&self, target: &Target) -> Value {
        match target {
            Target::Any => "*".into(),
            Target::Literal(arn) => arn.as_str().into(),
            Target::ObjectsIn(b) => sub(format!("{}/*", self.bucket_arn_text(*b))),
            Target::Resource(id) => match self.plan.kind(*id) {
                Kind::Function => sub(format!(
                    "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:{}",
                    sub_literal(self.plan.name(*id))
                )),
                Kind::Bucket => sub(self.bucket_arn_text(*id)),
                Kind::KafkaTopic => self.cluster_arn(*id),
                _ => self.arn_of(*id),
            },
        }
    }

    fn bucket_arn_text(&self, b: ResourceId) -> String {
        format!("arn:${{AWS::Partition}}:s3:::{}", self.bucket_name_text(b))
    }

    fn bucket_name_text(&self, b: ResourceId) -> String {
        let name = sub_literal(self.plan.name(b));
        if self.plan.bucket_suffix_fits(b) {
            format!("{name}-${{AWS::AccountId}}-${{AWS::Region}}")
        } else {
            name
        }
    }

    fn kafka_parameters(&mut self) {
        for (cluster, kind) in self.plan.kafka_clusters() {
            let (suffix, parameter) = match kind {
                KafkaKind::Msk => (
                    "ClusterArn",
                    json!({ "Type": "String",
                        "Description": format!("ARN of the Amazon MSK cluster {cluster}"),
                        "Default": crate::topology::kafka_cluster_arn(
                            &self.plan.scenario.region,
                            &self.plan.scenario.account,
                            &cluster,
                            kind,
                        ) }),
                ),
                KafkaKind::SelfManaged => (
                    "BootstrapServers",
                    json!({ "Type": "CommaDelimitedList",
                        "Description": format!("Bootstrap servers (host:port) of the self-managed Kafka cluster {cluster}"),
                        "Default": format!("{}.example.com:9092", super::snake(&cluster).replace('_', "-")) }),
                ),
            };
            let id = self.id(&format!("{}Kafka{suffix}", super::pascal(&cluster)));
            self.parameters.insert(id.clone(), parameter);
            self.clusters.push((cluster, id));
        }
    }

    fn queues(&mut self) {
        for (i, q) in self.plan.scenario.queues.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Queue, i) else {
                continue;
            };
            let mut props = Map::new();
            props.insert("QueueName".into(), q.queue_name.as_str().into());
            if q.fifo_queue {
                props.insert("FifoQueue".into(), true.into());
            }
            props.insert("VisibilityTimeout".into(), q.visibility_timeout.into());
            if q.message_retention_period != crate::scenario::DEFAULT_MESSAGE_RETENTION {
                props.insert(
                    "MessageRetentionPeriod".into(),
                    q.message_retention_period.into(),
                );
            }
            if let Some(r) = &q.redrive_policy {
                props.insert(
                    "RedrivePolicy".into(),
                    json!({ "deadLetterTargetArn": self.arn_value(&r.dead_letter_target_arn),
                        "maxReceiveCount": r.max_receive_count }),
                );
            }
            let lid = self.lid(id).to_string();
            self.add(
                lid,
                json!({ "Type": "AWS::SQS::Queue", "Properties": props }),
            );
        }
    }

    /// The resource id of the `index`-th resource of `kind`.
    pub fn resource_id(&self, kind: Kind, index: usize) -> Option<ResourceId> {
        self.plan.topology.id_of(kind, index)
    }

    fn topics(&mut self) {
        for (i, t) in self.plan.scenario.topics.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Topic, i) else {
                continue;
            };
            let lid = self.lid(id).to_string();
            let mut props = Map::new();
            props.insert("TopicName".into(), t.topic_name.as_str().into());
            if t.fifo_topic {
                props.insert("FifoTopic".into(), true.into());
            }
            self.add(
                lid.clone(),
                json!({ "Type": "AWS::SNS::Topic", "Properties": props }),
            );
            for (n, s) in t.subscriptions.iter().enumerate() {
                let endpoint = match s.protocol.as_str() {
                    "lambda" => self
                        .plan
                        .function(&s.endpoint)
                        .map(|f| self.function_arn_value(f, &s.endpoint)),
                    "sqs" => self
                        .plan
                        .topology
                        .find(Kind::Queue, &s.endpoint)
                        .map(|q| self.arn_of(q)),
                    _ => None,
                }
                .unwrap_or_else(|| s.endpoint.as_str().into());
                let mut props = Map::new();
                props.insert("TopicArn".into(), reference(&lid));
                props.insert("Protocol".into(), s.protocol.as_str().into());
                props.insert("Endpoint".into(), endpoint);
                if s.raw_message_delivery {
                    props.insert("RawMessageDelivery".into(), true.into());
                }
                let sid = self.id(&format!("{lid}Subscription{}", n + 1));
                self.add(
                    sid,
                    json!({ "Type": "AWS::SNS::Subscription", "Properties": props }),
                );
                if s.protocol == "sqs" {
                    if let Some(q) = self.plan.topology.find(Kind::Queue, &s.endpoint) {
                        self.deliveries
                            .push((q, "sns.amazonaws.com", reference(&lid)));
                    }
                }
                if s.protocol == "lambda" {
                    if let Some(f) = self.plan.function(&s.endpoint) {
                        let pid = self.id(&format!("{lid}Invokes{}Permission", self.lid(f)));
                        let permission = json!({ "Type": "AWS::Lambda::Permission", "Properties": {
                            "Action": "lambda:InvokeFunction",
                            "FunctionName": self.function_arn_value(f, &s.endpoint),
                            "Principal": "sns.amazonaws.com",
                            "SourceArn": reference(&lid),
                        } });
                        self.add(pid, permission);
                    }
                }
            }
        }
    }

    fn streams_and_tables(&mut self) {
        for (i, s) in self.plan.scenario.kinesis_streams.iter().enumerate() {
            if let Some(id) = self.resource_id(Kind::KinesisStream, i) {
                let lid = self.lid(id).to_string();
                self.add(
                    lid,
                    json!({ "Type": "AWS::Kinesis::Stream", "Properties": {
                        "Name": s.stream_name, "ShardCount": s.shard_count } }),
                );
            }
        }
        for (i, t) in self.plan.scenario.dynamodb_tables.iter().enumerate() {
            if let Some(id) = self.resource_id(Kind::DynamoDbStream, i) {
                let lid = self.lid(id).to_string();
                self.add(
                    lid,
                    json!({ "Type": "AWS::DynamoDB::Table", "Properties": {
                        "TableName": t.table_name,
                        "AttributeDefinitions": [{ "AttributeName": "id", "AttributeType": "S" }],
                        "KeySchema": [{ "AttributeName": "id", "KeyType": "HASH" }],
                        "BillingMode": "PAY_PER_REQUEST",
                        "StreamSpecification": { "StreamViewType": "NEW_AND_OLD_IMAGES" },
                    } }),
                );
            }
        }
    }

    fn buses(&mut self) {
        for (i, bus) in self.plan.scenario.event_buses.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::EventBus, i) else {
                continue;
            };
            let lid = self.lid(id).to_string();
            let bus_name = if self.plan.is_default_bus(id) {
                Value::from("default")
            } else {
                self.add(
                    lid.clone(),
                    json!({ "Type": "AWS::Events::EventBus", "Properties": { "Name": bus.name } }),
                );
                reference(&lid)
            };
            for rule in &bus.rules {
                let rid = self.id(&format!("{lid}{}Rule", super::pascal(&rule.name)));
                let pattern = if rule.event_pattern.is_null() {
                    json!({ "source": [{ "prefix": "" }] })
                } else {
                    rule.event_pattern.clone()
                };
                let targets: Vec<Value> = rule
                    .targets
                    .iter()
                    .enumerate()
                    .map(|(n, arn)| json!({ "Id": format!("target-{}", n + 1), "Arn": self.arn_value(arn) }))
                    .collect();
                let mut props = Map::new();
                props.insert("Name".into(), rule.name.as_str().into());
                props.insert("EventBusName".into(), bus_name.clone());
                props.insert("EventPattern".into(), pattern);
                props.insert("State".into(), "ENABLED".into());
                if !targets.is_empty() {
                    props.insert("Targets".into(), targets.into());
                }
                self.add(
                    rid.clone(),
                    json!({ "Type": "AWS::Events::Rule", "Properties": props }),
                );
                for arn in &rule.targets {
                    if let Some(t) = self
                        .plan
                        .by_arn(arn)
                        .filter(|&t| matches!(self.plan.kind(t), Kind::Queue | Kind::Topic))
                    {
                        self.deliveries
                            .push((t, "events.amazonaws.com", get_att(&rid, "Arn")));
                    }
                    if let Some(f) = self
                        .plan
                        .by_arn(arn)
                        .filter(|&t| self.plan.kind(t) == Kind::Function)
                    {
                        let pid = self.id(&format!("{rid}Invokes{}Permission", self.lid(f)));
                        let permission = json!({ "Type": "AWS::Lambda::Permission", "Properties": {
                            "Action": "lambda:InvokeFunction",
                            "FunctionName": self.function_arn_value(f, arn),
                            "Principal": "events.amazonaws.com",
                            "SourceArn": get_att(&rid, "Arn"),
                        } });
                        self.add(pid, permission);
                    }
                }
            }
        }
    }

    /// The execution role of function `f`, its logical id.
    fn role(&mut self, f: usize, function_lid: &str) -> String {
        let rid = self.id(&format!("{function_lid}Role"));
        let statements: Vec<Value> = self
            .plan
            .grants(f)
            .iter()
            .map(|g: &Grant| {
                let resources: Vec<Value> = g.targets.iter().map(|t| self.policy_arn(t)).collect();
                json!({ "Effect": "Allow", "Action": g.actions, "Resource": resources })
            })
            .collect();
        let mut props = Map::new();
        props.insert(
            "AssumeRolePolicyDocument".into(),
            json!({ "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": "lambda.amazonaws.com" },
                "Action": "sts:AssumeRole",
            }] }),
        );
        props.insert(
            "ManagedPolicyArns".into(),
            json!([sub(
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
                    .into()
            )]),
        );
        if !statements.is_empty() {
            props.insert(
                "Policies".into(),
                json!([{ "PolicyName": "playground-destinations",
                    "PolicyDocument": { "Version": "2012-10-17", "Statement": statements } }]),
            );
        }
        self.add(
            rid.clone(),
            json!({ "Type": "AWS::IAM::Role", "Properties": props }),
        );
        rid
    }

    fn function(&mut self, f: usize) {
        let Some(function) = self.plan.scenario.functions.get(f) else {
            return;
        };
        let Some(id) = self.resource_id(Kind::Function, f) else {
            return;
        };
        let lid = self.lid(id).to_string();
        let role = self.role(f, &lid);
        if self.flavor == Flavor::Sam {
            let resource = sam::function(self, f, function, &role);
            self.add(lid.clone(), resource);
            return self.versions_and_aliases(f, &lid);
        }
        let mut props = Map::new();
        props.insert(
            "FunctionName".into(),
            function.function_name.as_str().into(),
        );
        props.insert("Runtime".into(), RUNTIME.into());
        props.insert("Handler".into(), "index.handler".into());
        props.insert("Code".into(), json!({ "ZipFile": HANDLER_PY }));
        props.insert("Role".into(), get_att(&role, "Arn"));
        self.common_function_properties(f, function, &mut props);
        if let Some(dlq) = &function.dead_letter_config {
            props.insert(
                "DeadLetterConfig".into(),
                json!({ "TargetArn": self.arn_value(&dlq.target_arn) }),
            );
        }
        self.add(
            lid.clone(),
            json!({ "Type": "AWS::Lambda::Function", "Properties": props }),
        );
        if let Some(config) = self.event_invoke_config(function, false) {
            let mut props = Map::new();
            props.insert("FunctionName".into(), reference(&lid));
            props.insert("Qualifier".into(), "$LATEST".into());
            if let Value::Object(rest) = config {
                props.extend(rest);
            }
            let eid = self.id(&format!("{lid}EventInvokeConfig"));
            self.add(
                eid,
                json!({ "Type": "AWS::Lambda::EventInvokeConfig", "Properties": props }),
            );
        }
        self.versions_and_aliases(f, &lid);
    }

    /// Timeout, concurrency, recursion and the behaviour variable: the same in both flavours.
    pub fn common_function_properties(
        &self,
        f: usize,
        function: &Function,
        props: &mut Map<String, Value>,
    ) {
        props.insert("Timeout".into(), function.timeout.into());
        if let Some(n) = function.reserved_concurrent_executions {
            props.insert("ReservedConcurrentExecutions".into(), n.into());
        }
        let recursive = match function.recursive_loop {
            crate::scenario::RecursiveLoop::Terminate => "Terminate",
            crate::scenario::RecursiveLoop::Allow => "Allow",
        };
        props.insert("RecursiveLoop".into(), recursive.into());
        if let Some(behavior) = self.plan.behavior_json(f) {
            props.insert(
                "Environment".into(),
                json!({ "Variables": { super::BEHAVIOR_VARIABLE: behavior } }),
            );
        }
    }

    /// `MaximumRetryAttempts`, `MaximumEventAgeInSeconds` and `DestinationConfig`, or `None`
    /// when the scenario sets none of them. With `typed`, each destination carries SAM's `Type`.
    pub fn event_invoke_config(&self, function: &Function, typed: bool) -> Option<Value> {
        self.invoke_config_value(function.event_invoke_config.as_ref()?, typed)
    }

    /// [`Builder::event_invoke_config`] of one qualifier's config.
    pub fn invoke_config_value(
        &self,
        c: &crate::scenario::EventInvokeConfig,
        typed: bool,
    ) -> Option<Value> {
        let mut out = Map::new();
        if let Some(n) = c.maximum_retry_attempts {
            out.insert("MaximumRetryAttempts".into(), n.into());
        }
        if let Some(n) = c.maximum_event_age_in_seconds {
            out.insert("MaximumEventAgeInSeconds".into(), n.into());
        }
        if let Some(d) = &c.destination_config {
            let mut destinations = Map::new();
            for (key, arn) in [
                ("OnSuccess", d.on_success_arn()),
                ("OnFailure", d.on_failure_arn()),
            ] {
                if let Some(arn) = arn {
                    let mut side = Map::new();
                    if typed {
                        side.insert("Type".into(), sam::destination_type(self.plan, arn).into());
                    }
                    side.insert("Destination".into(), self.arn_value(arn));
                    destinations.insert(key.into(), Value::Object(side));
                }
            }
            if !destinations.is_empty() {
                out.insert("DestinationConfig".into(), Value::Object(destinations));
            }
        }
        (!out.is_empty()).then_some(Value::Object(out))
    }

    fn buckets(&mut self) {
        for (i, b) in self.plan.scenario.buckets.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Bucket, i) else {
                continue;
            };
            let lid = self.lid(id).to_string();
            let mut depends = Vec::new();
            let mut configurations = Vec::new();
            let mut permitted: Vec<ResourceId> = Vec::new();
            for n in &b.lambda_function_configurations {
                let function = self.plan.function(&n.lambda_function_arn);
                let function_arn = function.map_or_else(
                    || Value::from(n.lambda_function_arn.as_str()),
                    |f| self.function_arn_value(f, &n.lambda_function_arn),
                );
                if let Some(f) = function.filter(|f| !permitted.contains(f)) {
                    permitted.push(f);
                    let pid = self.id(&format!("{lid}Invokes{}Permission", self.lid(f)));
                    let permission = json!({ "Type": "AWS::Lambda::Permission", "Properties": {
                        "Action": "lambda:InvokeFunction",
                        "FunctionName": function_arn.clone(),
                        "Principal": "s3.amazonaws.com",
                        "SourceAccount": reference("AWS::AccountId"),
                        "SourceArn": self.policy_arn(&Target::Resource(id)),
                    } });
                    self.add(pid.clone(), permission);
                    depends.push(Value::from(pid));
                }
                let mut rules = Vec::new();
                if !n.prefix.is_empty() {
                    rules.push(json!({ "Name": "prefix", "Value": n.prefix }));
                }
                if !n.suffix.is_empty() {
                    rules.push(json!({ "Name": "suffix", "Value": n.suffix }));
                }
                for event in &n.events {
                    let mut c = Map::new();
                    c.insert("Event".into(), event.as_str().into());
                    c.insert("Function".into(), function_arn.clone());
                    if !rules.is_empty() {
                        c.insert("Filter".into(), json!({ "S3Key": { "Rules": rules } }));
                    }
                    configurations.push(Value::Object(c));
                }
            }
            let mut props = Map::new();
            props.insert("BucketName".into(), sub(self.bucket_name_text(id)));
            if !configurations.is_empty() {
                props.insert(
                    "NotificationConfiguration".into(),
                    json!({ "LambdaConfigurations": configurations }),
                );
            }
            let mut resource = Map::new();
            resource.insert("Type".into(), "AWS::S3::Bucket".into());
            if !depends.is_empty() {
                resource.insert("DependsOn".into(), depends.into());
            }
            resource.insert("Properties".into(), Value::Object(props));
            self.add(lid, Value::Object(resource));
        }
    }

    fn mappings(&mut self) {
        for (i, m) in self.plan.scenario.event_source_mappings.iter().enumerate() {
            if self.flavor == Flavor::Sam && sam::as_event(self.plan, m).is_some() {
                continue;
            }
            let Some(id) = self.resource_id(Kind::EventSourceMapping, i) else {
                continue;
            };
            let lid = self.lid(id).to_string();
            let function = self.plan.function(&m.function_name).map_or_else(
                || Value::from(m.function_name.as_str()),
                |f| match self.plan.qualified(&m.function_name) {
                    Some(_) => self.function_arn_value(f, &m.function_name),
                    None => reference(self.lid(f)),
                },
            );
            let mut props = Map::new();
            props.insert("FunctionName".into(), function);
            props.extend(self.mapping_properties(m, true));
            self.add(
                lid,
                json!({ "Type": "AWS::Lambda::EventSourceMapping", "Properties": props }),
            );
        }
    }

    /// Every modelled mapping parameter, in CloudFormation's names. With `with_source`, the
    /// source (`EventSourceArn`, `SelfManagedEventSource`, `Topics`) too.
    pub fn mapping_properties(
        &self,
        m: &EventSourceMapping,
        with_source: bool,
    ) -> Map<String, Value> {
        let mut props = Map::new();
        if with_source {
            if let Some(arn) = &m.event_source_arn {
                let value = match self.plan.source_of(arn) {
                    Some(id) => self.arn_of(id),
                    None => Value::from(arn.as_str()),
                };
                props.insert("EventSourceArn".into(), value);
            }
            if let Some(cluster) = &m.self_managed_cluster {
                let servers = match self.clusters.iter().find(|(name, _)| name == cluster) {
                    Some((_, param)) => reference(param),
                    None => json!([format!("{cluster}.example.com:9092")]),
                };
                props.insert(
                    "SelfManagedEventSource".into(),
                    json!({ "Endpoints": { "KafkaBootstrapServers": servers } }),
                );
            }
            if !m.topics.is_empty() {
                props.insert("Topics".into(), m.topics.clone().into());
            }
        }
        if let Some(p) = &m.starting_position {
            props.insert("StartingPosition".into(), p.as_str().into());
        }
        for (key, value) in [
            ("BatchSize", m.batch_size),
            (
                "MaximumBatchingWindowInSeconds",
                m.maximum_batching_window_in_seconds,
            ),
            ("MaximumRetryAttempts", m.maximum_retry_attempts),
            ("MaximumRecordAgeInSeconds", m.maximum_record_age_in_seconds),
            ("ParallelizationFactor", m.parallelization_factor),
            ("TumblingWindowInSeconds", m.tumbling_window_in_seconds),
        ] {
            if let Some(v) = value {
                props.insert(key.into(), v.into());
            }
        }
        if let Some(b) = m.bisect_batch_on_function_error {
            props.insert("BisectBatchOnFunctionError".into(), b.into());
        }
        if !m.function_response_types.is_empty() {
            props.insert(
                "FunctionResponseTypes".into(),
                m.function_response_types.clone().into(),
            );
        }
        if let Some(arn) = m
            .destination_config
            .as_ref()
            .and_then(|d| d.on_failure_arn())
        {
            props.insert(
                "DestinationConfig".into(),
                json!({ "OnFailure": { "Destination": self.arn_value(arn) } }),
            );
        }
        if !m.enabled {
            props.insert("Enabled".into(), false.into());
        }
        props
    }

    /// Queue and topic policies that let SNS and EventBridge deliver to the scenario's queues
    /// and topics.
    fn queue_and_topic_policies(&mut self) {
        let grants = std::mem::take(&mut self.deliveries);
        let mut targets: Vec<ResourceId> = Vec::new();
        for (t, _, _) in &grants {
            if !targets.contains(t) {
                targets.push(*t);
            }
        }
        for t in targets {
            let lid = self.lid(t).to_string();
            let is_queue = self.plan.kind(t) == Kind::Queue;
            let (action, resource) = if is_queue {
                ("sqs:SendMessage", get_att(&lid, "Arn"))
            } else {
                ("sns:Publish", reference(&lid))
            };
            let statements: Vec<Value> = grants
                .iter()
                .filter(|(target, _, _)| *target == t)
                .map(|(_, principal, source)| {
                    json!({ "Effect": "Allow", "Principal": { "Service": principal },
                        "Action": action, "Resource": resource,
                        "Condition": { "ArnEquals": { "aws:SourceArn": source } } })
                })
                .collect();
            let document = json!({ "Version": "2012-10-17", "Statement": statements });
            let pid = self.id(&format!("{lid}Policy"));
            let resource = if is_queue {
                json!({ "Type": "AWS::SQS::QueuePolicy", "Properties": {
                    "Queues": [reference(&lid)], "PolicyDocument": document } })
            } else {
                json!({ "Type": "AWS::SNS::TopicPolicy", "Properties": {
                    "Topics": [reference(&lid)], "PolicyDocument": document } })
            };
            self.add(pid, resource);
        }
    }
}

/// The template's `Description`: the title, cut to CloudFormation's 1024 bytes.
fn description(plan: &Plan) -> String {
    let mut text = format!("Lambda Destinations Playground: {}", plan.title());
    if text.len() > 1000 {
        let mut end = 1000;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}
