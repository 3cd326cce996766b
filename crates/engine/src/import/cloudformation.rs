//! CloudFormation and SAM templates (JSON or YAML) → scenario.
//!
//! Resources become the scenario's resources under their physical name (`FunctionName`,
//! `QueueName`, ...) or, when the template leaves naming to CloudFormation, their logical id.
//! `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join` and `Fn::Select` are evaluated against the
//! template's own resources, parameter defaults and the pseudo parameters (`AWS::Region` and
//! `AWS::AccountId` are the scenario's). Everything else is listed with its line and path.

use super::tree::{self, Node, Value};
use super::{shorten, Builder, Format, ImportError, Imported, Reason, Res, Target};
use crate::scenario::{
    DeadLetterConfig, Destination, DestinationConfig, EventInvokeConfig, EventSourceMapping,
    KafkaKind, LambdaNotification, RecursiveLoop, RedrivePolicy, Rule, Subscription, Text,
};
use std::collections::HashMap;

/// Reads a JSON template.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    let root = tree::parse_json(text)?;
    import_tree(text, &root, Format::CloudFormationJson)
}

/// Reads a YAML template.
pub fn import_yaml(text: &str) -> Result<Imported, ImportError> {
    let root = tree::parse_yaml(text)?;
    import_tree(text, &root, Format::CloudFormationYaml)
}

/// Properties understood as configuration the playground does not simulate.
const NOT_MODELLED: &[&str] = &[
    "Tags",
    "Description",
    "Code",
    "CodeUri",
    "InlineCode",
    "Handler",
    "Runtime",
    "Role",
    "MemorySize",
    "Environment",
    "Layers",
    "Architectures",
    "Policies",
    "PackageType",
    "ImageUri",
    "ImageConfig",
    "VpcConfig",
    "Tracing",
    "TracingConfig",
    "KmsKeyArn",
    "LoggingConfig",
    "EphemeralStorage",
    "AutoPublishAlias",
    "DeploymentPreference",
    "ProvisionedConcurrencyConfig",
    "SnapStart",
    "FunctionUrlConfig",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "MessageRetentionPeriod",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "MaximumMessageSize",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "RedriveAllowPolicy",
    "DisplayName",
    "DataProtectionPolicy",
    "ArchivePolicy",
    "SignatureVersion",
    "TracingConfig",
    "KeySchema",
    "AttributeDefinitions",
    "BillingMode",
    "ProvisionedThroughput",
    "GlobalSecondaryIndexes",
    "LocalSecondaryIndexes",
    "SSESpecification",
    "PointInTimeRecoverySpecification",
    "TimeToLiveSpecification",
    "TableClass",
    "DeletionProtectionEnabled",
    "RetentionPeriodHours",
    "StreamEncryption",
    "StreamModeDetails",
    "State",
    "RoleArn",
    "ScheduleExpression",
    "BucketEncryption",
    "VersioningConfiguration",
    "LifecycleConfiguration",
    "PublicAccessBlockConfiguration",
    "OwnershipControls",
    "CorsConfiguration",
    "AccessControl",
    "LoggingConfiguration",
    "FilterCriteria",
    "ScalingConfig",
    "SourceAccessConfigurations",
    "StartingPositionTimestamp",
    "AmazonManagedKafkaEventSourceConfig",
    "SelfManagedKafkaEventSourceConfig",
    "DocumentDBEventSourceConfig",
    "MetricsConfig",
    "ProvisionedPollerConfig",
    "Queues",
    "FilterPolicy",
    "FilterPolicyScope",
    "DeliveryPolicy",
    "RedrivePolicy",
    "Region",
    "SubscriptionRoleArn",
    "ReplayPolicy",
    "EventSourceName",
    "Policy",
    "DeadLetterConfig",
    "RetryPolicy",
    "KmsKeyIdentifier",
];

/// Resource attributes that do not change what is drawn.
const RESOURCE_ATTRIBUTES: &[&str] = &[
    "DependsOn",
    "Metadata",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "UpdatePolicy",
    "CreationPolicy",
];

/// What a logical id is.
#[derive(Clone, Debug)]
struct Entry {
    type_name: String,
    res: Option<Res>,
    /// The physical name used in the scenario.
    name: String,
}

struct Cfn<'a> {
    b: Builder,
    catalog: HashMap<&'a str, Entry>,
    params: HashMap<&'a str, Option<&'a Node>>,
    resources: Vec<(&'a str, &'a Node)>,
}

/// A mapping's properties, taken one by one; whatever is left is listed.
struct Props<'a> {
    base: String,
    entries: &'a [(String, Node)],
    used: Vec<bool>,
}

impl<'a> Props<'a> {
    fn new(node: Option<&'a Node>, base: String) -> Props<'a> {
        let entries = node.map(Node::entries).unwrap_or(&[]);
        Props {
            base,
            entries,
            used: vec![false; entries.len()],
        }
    }

    fn take(&mut self, key: &str) -> Option<&'a Node> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        self.used[i] = true;
        Some(&self.entries[i].1)
    }

    fn place(&self, key: &str) -> String {
        format!("{}.{key}", self.base)
    }

    fn finish(self, b: &mut Builder) {
        for (i, (key, node)) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let reason = if NOT_MODELLED.contains(&key.as_str()) {
                Reason::NotModelled
            } else if key == "Condition" {
                Reason::Condition
            } else {
                Reason::UnknownProperty
            };
            b.note(node.line, format!("{}.{key}", self.base), reason);
        }
    }
}

fn import_tree(text: &str, root: &Node, format: Format) -> Result<Imported, ImportError> {
    let Value::Map(_) = root.value else {
        return Err(ImportError::NotRecognized);
    };
    let resources = root.get("Resources").ok_or(ImportError::NoResources)?;
    let mut cfn = Cfn {
        b: Builder::new(text),
        catalog: HashMap::new(),
        params: HashMap::new(),
        resources: resources
            .entries()
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect(),
    };
    if resources.entries().len() > crate::scenario::MAX_RESOURCES {
        return Err(ImportError::TooManyResources {
            count: resources.entries().len(),
        });
    }
    for (key, node) in root.entries() {
        match key.as_str() {
            "Resources" | "AWSTemplateFormatVersion" => {}
            "Description" => {
                if let Some(d) = node.as_str() {
                    cfn.b.scenario.description = Text::Plain(d.to_string());
                }
            }
            "Transform" => {
                let ok = |n: &Node| n.as_str().is_some_and(|t| t.starts_with("AWS::Serverless"));
                if !(ok(node) || node.items().iter().all(ok)) {
                    cfn.b.note(node.line, "Transform", Reason::NotModelled);
                }
            }
            "Parameters" => {
                for (name, p) in node.entries() {
                    cfn.params.insert(name.as_str(), p.get("Default"));
                }
            }
            "Globals" => {
                // SAM globals: only function timeouts change the drawing.
                for (section, values) in node.entries() {
                    for (k, v) in values.entries() {
                        let place = format!("Globals.{section}.{k}");
                        if section == "Function" && k == "Timeout" {
                            continue;
                        }
                        let reason = if NOT_MODELLED.contains(&k.as_str()) {
                            Reason::NotModelled
                        } else {
                            Reason::UnknownProperty
                        };
                        cfn.b.note(v.line, place, reason);
                    }
                }
            }
            "Conditions" => cfn.b.note(node.line, "Conditions", Reason::Condition),
            _ => cfn.b.note(node.line, key.clone(), Reason::NotModelled),
        }
    }
    let global_timeout = root
        .get("Globals")
        .and_then(|g| g.get("Function"))
        .and_then(|f| f.get("Timeout"));
    cfn.catalog_all();
    let resources = cfn.resources.clone();
    for (id, node) in resources {
        cfn.resource(id, node, global_timeout);
    }
    cfn.b.finish(format)
}

fn kind_of(type_name: &str) -> Option<Res> {
    Some(match type_name {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => Res::Function,
        "AWS::SQS::Queue" => Res::Queue,
        "AWS::SNS::Topic" => Res::Topic,
        "AWS::Events::EventBus" => Res::Bus,
        "AWS::S3::Bucket" => Res::Bucket,
        "AWS::Kinesis::Stream" => Res::Stream,
        "AWS::DynamoDB::Table" => Res::Table,
        _ => return None,
    })
}

fn name_property(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => "FunctionName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::Events::EventBus" | "AWS::Events::Rule" | "AWS::Kinesis::Stream" => "Name",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::DynamoDB::Table" => "TableName",
        "AWS::MSK::Cluster" | "AWS::MSK::ServerlessCluster" => "ClusterName",
        _ => return None,
    })
}

fn is_true(node: &Node) -> Option<bool> {
    match node.as_str()?.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

impl<'a> Cfn<'a> {
    /// Pass 1: the physical name of every resource, so references resolve in any order.
    fn catalog_all(&mut self) {
        let resources = self.resources.clone();
        for (id, node) in resources {
            let type_name = node
                .get("Type")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let props = node.get("Properties");
            let explicit = name_property(&type_name)
                .and_then(|p| props.and_then(|n| n.get(p)))
                .and_then(|n| {
                    let place = format!("Resources.{id}.Properties");
                    self.string(n, &place)
                })
                .filter(|n| !n.is_empty());
            let mut name = explicit.unwrap_or_else(|| match type_name.as_str() {
                // Bucket names are lower case; CloudFormation's generated ones are too.
                "AWS::S3::Bucket" => id.to_ascii_lowercase(),
                _ => id.to_string(),
            });
            if type_name == "AWS::SQS::Queue"
                && props.and_then(|p| p.get("FifoQueue")).and_then(is_true) == Some(true)
                && !name.ends_with(".fifo")
            {
                name.push_str(".fifo");
            }
            if type_name == "AWS::SNS::Topic"
                && props.and_then(|p| p.get("FifoTopic")).and_then(is_true) == Some(true)
                && !name.ends_with(".fifo")
            {
                name.push_str(".fifo");
            }
            let res = kind_of(&type_name);
            self.catalog.insert(
                id,
                Entry {
                    type_name,
                    res,
                    name,
                },
            );
        }
    }

    /// Evaluates a value to text; notes why when it cannot.
    fn string(&mut self, node: &Node, place: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.clone()),
            Value::Null => None,
            Value::Seq(_) => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: "[...]".into(),
                        expected: "a single value",
                    },
                );
                None
            }
            Value::Map(entries) => {
                let [(key, arg)] = entries.as_slice() else {
                    self.b.note(
                        node.line,
                        place,
                        Reason::BadValue {
                            value: "{...}".into(),
                            expected: "a single value",
                        },
                    );
                    return None;
                };
                match key.as_str() {
                    "Ref" => {
                        let id = arg.as_str()?;
                        self.reference(id, None, node.line, place)
                    }
                    "Fn::GetAtt" => {
                        let (id, attribute) = match (&arg.value, arg.items()) {
                            (Value::Scalar { text, .. }, _) => text.split_once('.')?,
                            (_, [id, attribute]) => (id.as_str()?, attribute.as_str()?),
                            _ => return None,
                        };
                        self.reference(id, Some(attribute), node.line, place)
                    }
                    "Fn::Sub" => self.sub(arg, place),
                    "Fn::Join" => {
                        let [delimiter, parts] = arg.items() else {
                            return None;
                        };
                        let delimiter = delimiter.as_str().unwrap_or("").to_string();
                        let mut out = Vec::new();
                        for part in parts.items() {
                            out.push(self.string(part, place)?);
                        }
                        Some(out.join(&delimiter))
                    }
                    "Fn::Select" => {
                        let [index, list] = arg.items() else {
                            return None;
                        };
                        let index: usize = index.as_str()?.parse().ok()?;
                        self.string(list.items().get(index)?, place)
                    }
                    other => {
                        self.b.note(
                            node.line,
                            place,
                            Reason::Intrinsic {
                                name: shorten(other),
                            },
                        );
                        None
                    }
                }
            }
        }
    }

    /// `Ref` (no attribute) or `Fn::GetAtt`.
    fn reference(
        &mut self,
        id: &str,
        attribute: Option<&str>,
        line: usize,
        place: &str,
    ) -> Option<String> {
        let region = self.b.scenario.region.clone();
        let account = self.b.scenario.account.clone();
        match id {
            "AWS::Region" => return Some(region),
            "AWS::AccountId" => return Some(account),
            "AWS::Partition" => return Some("aws".into()),
            "AWS::URLSuffix" => return Some("amazonaws.com".into()),
            "AWS::StackName" => return Some("stack".into()),
            "AWS::StackId" => {
                return Some(format!(
                    "arn:aws:cloudformation:{region}:{account}:stack/stack/0"
                ))
            }
            "AWS::NoValue" => return None,
            _ => {}
        }
        if attribute.is_none() {
            if let Some(default) = self.params.get(id).copied() {
                return match default {
                    Some(d) => self.string(d, place),
                    None => {
                        self.b.note(
                            line,
                            place,
                            Reason::Unresolved {
                                reference: format!("parameter {} (no Default)", shorten(id)),
                            },
                        );
                        None
                    }
                };
            }
        }
        let Some(entry) = self.catalog.get(id).cloned() else {
            self.b.note(
                line,
                place,
                Reason::Unresolved {
                    reference: shorten(id),
                },
            );
            return None;
        };
        let name = entry.name.clone();
        let value = match (entry.res, attribute) {
            (Some(Res::Queue), None | Some("QueueUrl")) => Some(self.b.queue_url(&name)),
            (Some(Res::Queue), Some("QueueName"))
            | (Some(Res::Topic), Some("TopicName"))
            | (Some(Res::Bus), Some("Name")) => Some(name),
            (Some(Res::Topic), None | Some("TopicArn")) => Some(self.b.arn(Res::Topic, &name)),
            (Some(Res::Table), Some("StreamArn")) => Some(self.b.arn(Res::Table, &name)),
            (Some(Res::Table), Some("Arn")) => {
                Some(format!("arn:aws:dynamodb:{region}:{account}:table/{name}"))
            }
            (Some(kind), Some("Arn")) => Some(self.b.arn(kind, &name)),
            (Some(_), None) => Some(name),
            (None, Some("Arn")) | (None, None) if entry.type_name.starts_with("AWS::MSK::") => {
                Some(self.b.kafka_arn(&name))
            }
            (None, None) => Some(name),
            _ => None,
        };
        if value.is_none() {
            self.b.note(
                line,
                place,
                Reason::Unresolved {
                    reference: format!("{}.{}", shorten(id), attribute.unwrap_or("")),
                },
            );
        }
        value
    }

    fn sub(&mut self, arg: &Node, place: &str) -> Option<String> {
        let (template, vars) = match (&arg.value, arg.items()) {
            (Value::Scalar { text, .. }, _) => (text.as_str(), None),
            (_, [template, vars]) => (template.as_str()?, Some(vars)),
            _ => return None,
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find('}')?;
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some(value) = vars.and_then(|v| v.get(name)) {
                out.push_str(&self.string(value, place)?);
            } else {
                let value = match name.split_once('.') {
                    Some((id, attribute)) if !id.starts_with("AWS::") => {
                        self.reference(id, Some(attribute), arg.line, place)
                    }
                    _ => self.reference(name, None, arg.line, place),
                }?;
                out.push_str(&value);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// A value that names a resource (ARN, queue URL, name): resolved into the scenario.
    fn target(&mut self, node: &Node, place: &str) -> Option<(Target, String)> {
        let text = self.string(node, place)?;
        let target = self.b.resolve(&text, node.line, place)?;
        Some((target, text))
    }

    /// The scenario ARN for a destination-like value; unknown ARNs stay as written so
    /// validation explains them.
    fn target_arn(&mut self, node: &Node, place: &str) -> Option<String> {
        let text = self.string(node, place)?;
        if text.is_empty() || text.starts_with("kafka://") {
            return Some(text);
        }
        Some(match self.b.resolve(&text, node.line, place) {
            Some(Target::Resource { arn, .. }) => arn,
            _ => text,
        })
    }

    fn int(&mut self, node: Option<&Node>, place: &str) -> Option<i64> {
        let node = node?;
        let text = self.string(node, place)?;
        match text.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "a whole number",
                    },
                );
                None
            }
        }
    }

    fn bool(&mut self, node: Option<&Node>, place: &str) -> Option<bool> {
        let node = node?;
        let text = self.string(node, place)?;
        match text.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.b.note(
                    node.line,
                    place,
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "true or false",
                    },
                );
                None
            }
        }
    }

    fn strings(&mut self, node: Option<&Node>, place: &str) -> Vec<String> {
        let Some(node) = node else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| self.string(n, place)).collect(),
            _ => self.string(node, place).into_iter().collect(),
        }
    }

    /// A template value as JSON (event patterns), intrinsics evaluated.
    fn json(&mut self, node: &Node, place: &str, depth: usize) -> serde_json::Value {
        use serde_json::Value as J;
        if depth > tree::MAX_DEPTH {
            return J::Null;
        }
        match &node.value {
            Value::Null => J::Null,
            Value::Scalar { text, plain: false } => J::String(text.clone()),
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" => J::Bool(true),
                "false" => J::Bool(false),
                _ => match text.parse::<i64>() {
                    Ok(n) => J::from(n),
                    Err(_) => match text.parse::<f64>() {
                        Ok(f)
                            if f.is_finite()
                                && text.chars().all(|c| "0123456789.-+eE".contains(c)) =>
                        {
                            J::from(f)
                        }
                        _ => J::String(text.clone()),
                    },
                },
            },
            Value::Seq(items) => J::Array(
                items
                    .iter()
                    .map(|n| self.json(n, place, depth + 1))
                    .collect(),
            ),
            Value::Map(entries) => {
                if let [(key, _)] = entries.as_slice() {
                    if key == "Ref" || key.starts_with("Fn::") {
                        return self.string(node, place).map_or(J::Null, J::String);
                    }
                }
                J::Object(
                    entries
                        .iter()
                        .map(|(k, v)| (k.clone(), self.json(v, &format!("{place}.{k}"), depth + 1)))
                        .collect(),
                )
            }
        }
    }

    fn resource(&mut self, id: &str, node: &'a Node, global_timeout: Option<&'a Node>) {
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
                        Value::Scalar { text, .. } => {
                            super::cli::parse_structure(text).map(|v| json_node(&v, policy.line))
                        }
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
                let place = props.place("FunctionName");
                let f = props
                    .take("FunctionName")
                    .and_then(|n| self.string(n, &place))
                    .and_then(|n| self.b.function(&n, node.line, &place));
                if let Some(q) = props.take("Qualifier") {
                    if q.as_str() != Some("$LATEST") {
                        self.b
                            .note(q.line, props.place("Qualifier"), Reason::NotModelled);
                    }
                }
                let config = self.invoke_config(&mut props, &base);
                match f {
                    Some(f) => self.b.scenario.functions[f].event_invoke_config = Some(config),
                    None => self.b.note(
                        node.line,
                        base.clone(),
                        Reason::Missing {
                            name: "FunctionName",
                        },
                    ),
                }
            }
            "AWS::Lambda::EventSourceMapping" => {
                let place = props.place("FunctionName");
                let f = props
                    .take("FunctionName")
                    .and_then(|n| self.string(n, &place))
                    .and_then(|n| self.b.function(&n, node.line, &place));
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
                let mut m = EventSourceMapping {
                    function_name: self.b.scenario.functions[f].function_name.clone(),
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
            | "AWS::Lambda::Version"
            | "AWS::Lambda::Alias"
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

    fn function(
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
                if key == super::BEHAVIOR_VARIABLE {
                    let text = self.string(value, &place).unwrap_or_default();
                    super::read_behavior(&mut self.b, f, &text, value.line, &place);
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
        if let Some(config) = props.take("EventInvokeConfig") {
            let mut inner = Props::new(Some(config), props.place("EventInvokeConfig"));
            let config = self.invoke_config(&mut inner, &format!("Resources.{id}"));
            inner.finish(&mut self.b);
            self.b.scenario.functions[f].event_invoke_config = Some(config);
        }
        if let Some(events) = props.take("Events") {
            for (event_id, event) in events.entries() {
                let place = format!("{}.{event_id}", props.place("Events"));
                self.sam_event(f, id, event, &place);
            }
        }
    }

    fn invoke_config(&mut self, props: &mut Props<'a>, base: &str) -> EventInvokeConfig {
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
    fn destination_config(&mut self, node: &'a Node, place: &str, base: &str) -> DestinationConfig {
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

    fn subscribe(&mut self, topic: usize, protocol: &str, endpoint: &Node, raw: bool, place: &str) {
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

    fn bus_index(&mut self, node: Option<&Node>, place: &str) -> usize {
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

    fn rule(&mut self, name: &str, props: &mut Props<'a>, line: usize) {
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

    fn notification(&mut self, bucket: usize, c: &'a Node, place: &str) {
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

    fn mapping_source(
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

    fn self_managed(
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
    fn mapping_props(&mut self, m: &mut EventSourceMapping, props: &mut Props<'a>) {
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

    fn sam_event(&mut self, f: usize, id: &str, event: &'a Node, place: &str) {
        let type_name = event.get("Type").and_then(Node::as_str).unwrap_or("");
        let mut props = Props::new(event.get("Properties"), format!("{place}.Properties"));
        let function = self.b.scenario.functions[f].function_name.clone();
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

/// A JSON value as a tree node (for JSON written inside a string).
fn json_node(value: &serde_json::Value, line: usize) -> Node {
    use serde_json::Value as J;
    let value = match value {
        J::Null => Value::Null,
        J::String(s) => Value::Scalar {
            text: s.clone(),
            plain: false,
        },
        J::Array(items) => Value::Seq(items.iter().map(|v| json_node(v, line)).collect()),
        J::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| (k.clone(), json_node(v, line)))
                .collect(),
        ),
        other => Value::Scalar {
            text: other.to_string(),
            plain: true,
        },
    };
    Node { value, line }
}
