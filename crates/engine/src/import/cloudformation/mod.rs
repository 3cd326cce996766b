//! CloudFormation and SAM templates (JSON or YAML) → scenario.
//!
//! Resources become the scenario's resources under their physical name (`FunctionName`,
//! `QueueName`, ...) or, when the template leaves naming to CloudFormation, their logical id.
//! `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join` and `Fn::Select` are evaluated against the
//! template's own resources, parameter defaults and the pseudo parameters (`AWS::Region` and
//! `AWS::AccountId` are the scenario's). Everything else is listed with its line and path.
//!
//! The importer is split by what each part reads:
//!
//! - this module: the entry points, the template's sections, and a resource's properties taken
//!   one by one;
//! - `intrinsics.rs`: the catalog of logical ids, and values: `Ref`, `Fn::GetAtt`, `Fn::Sub`,
//!   `Fn::Join`, `Fn::Select`, numbers, booleans, lists and JSON;
//! - `resources.rs`: one resource of the template, by its type;
//! - `functions.rs`: functions, their event invoke configurations, and SAM function events;
//! - `links.rs`: subscriptions, EventBridge rules, S3 notifications and event source mappings;
//! - `versions.rs`: versions, aliases, configs on a qualifier, and SAM's `AutoPublishAlias`.

mod functions;
mod intrinsics;
mod links;
mod resources;
mod versions;

use super::tree::{self, Node, Value};
use super::{Builder, Format, ImportError, Imported, Reason, Res};
use crate::scenario::Text;
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
    /// SAM's `Function.Alias` and `Function.Version` of functions with `AutoPublishAlias`.
    sam_refs: HashMap<String, Entry>,
    /// The `AutoPublishAlias` of the SAM function being read (its events go to that alias).
    sam_alias: Option<String>,
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
        sam_refs: HashMap::new(),
        sam_alias: None,
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
    cfn.catalog_versions();
    let resources = cfn.resources.clone();
    for phase in 0..3 {
        for &(id, node) in resources
            .iter()
            .filter(|(_, n)| versions::phase(n) == phase)
        {
            cfn.resource(id, node, global_timeout);
        }
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
