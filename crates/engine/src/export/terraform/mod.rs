//! The Terraform configuration for the `hashicorp/aws` provider (and `hashicorp/archive` for the
//! handler's zip). Policies are separate `aws_iam_role_policy` resources, so they can refer to
//! queues, topics and buckets directly; functions are named by an ARN built from their names, as
//! in the CloudFormation template, so two functions that are each other's destination don't
//! form a cycle.
//!
//! Strings are HCL quoted templates: `"` `\` and control characters are escaped, and a literal
//! `${` or `%{` is written `$${` or `%%{` so that a resource name can never interpolate.
//!
//! The exporter is split by what each part writes:
//!
//! - this module: HCL expressions and blocks, how they are written, and the configuration's
//!   names and ARNs;
//! - `resources.rs`: the providers and variables, queues, topics, delivery policies, streams,
//!   tables and event buses;
//! - `functions.rs`: functions, bucket notifications and event source mappings.

mod functions;
mod resources;
mod versions;

use super::{Plan, Target};
use crate::topology::{Kind, ResourceId};
use serde_json::Value;
use std::collections::HashSet;

/// An HCL expression.
#[derive(Clone, Debug)]
enum H {
    /// A literal string, escaped when written.
    Lit(String),
    /// An expression written as it is (`aws_sqs_queue.orders.arn`, `"arn:${...}"`).
    Expr(String),
    /// A number, boolean or null, as JSON writes it.
    Raw(String),
    List(Vec<H>),
    /// An object constructor; keys are quoted.
    Obj(Vec<(String, H)>),
    /// `jsonencode(...)` of a value.
    Json(Box<H>),
}

fn lit(text: &str) -> H {
    H::Lit(text.to_string())
}

fn expr(text: impl Into<String>) -> H {
    H::Expr(text.into())
}

fn from_json(value: &Value) -> H {
    match value {
        Value::String(s) => lit(s),
        Value::Array(items) => H::List(items.iter().map(from_json).collect()),
        Value::Object(map) => H::Obj(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
        other => H::Raw(other.to_string()),
    }
}

/// An HCL quoted string for `text`: every character reads back as itself.
pub fn hcl_string(text: &str) -> String {
    format!("\"{}\"", escape_template(text))
}

/// The inside of a quoted template.
fn escape_template(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn render(h: &H, level: usize, out: &mut String) {
    let pad = "  ".repeat(level + 1);
    let end = "  ".repeat(level);
    match h {
        H::Lit(s) => out.push_str(&hcl_string(s)),
        H::Expr(s) | H::Raw(s) => out.push_str(s),
        H::List(items) if items.is_empty() => out.push_str("[]"),
        H::List(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                render(item, level + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&end);
            out.push(']');
        }
        H::Json(inner) => {
            out.push_str("jsonencode(");
            render(inner, level, out);
            out.push(')');
        }
        H::Obj(entries) if entries.is_empty() => out.push_str("{}"),
        H::Obj(entries) => {
            out.push_str("{\n");
            for (key, value) in entries {
                out.push_str(&pad);
                out.push_str(&hcl_string(key));
                out.push_str(" = ");
                render(value, level + 1, out);
                out.push('\n');
            }
            out.push_str(&end);
            out.push('}');
        }
    }
}

/// A block body item.
enum Item {
    Attr(String, H),
    Block(Block),
    /// A `#` comment line.
    Comment(String),
}

struct Block {
    header: String,
    items: Vec<Item>,
}

impl Block {
    fn new(header: String) -> Block {
        Block {
            header,
            items: Vec::new(),
        }
    }
    fn attr(mut self, key: &str, value: H) -> Block {
        self.items.push(Item::Attr(key.to_string(), value));
        self
    }
    fn push(&mut self, key: &str, value: H) {
        self.items.push(Item::Attr(key.to_string(), value));
    }
    fn block(mut self, child: Block) -> Block {
        self.items.push(Item::Block(child));
        self
    }
    fn write(&self, level: usize, out: &mut String) {
        let pad = "  ".repeat(level);
        out.push_str(&pad);
        out.push_str(&self.header);
        if self.items.is_empty() {
            out.push_str(" {}\n");
            return;
        }
        out.push_str(" {\n");
        for item in &self.items {
            match item {
                Item::Attr(key, value) => {
                    out.push_str(&pad);
                    out.push_str("  ");
                    out.push_str(key);
                    out.push_str(" = ");
                    render(value, level + 1, out);
                    out.push('\n');
                }
                Item::Block(child) => child.write(level + 1, out),
                Item::Comment(text) => {
                    out.push_str(&pad);
                    out.push_str("  # ");
                    out.push_str(&super::comment_text(text));
                    out.push('\n');
                }
            }
        }
        out.push_str(&pad);
        out.push_str("}\n");
    }
}

fn resource(kind: &str, name: &str) -> Block {
    Block::new(format!("resource \"{kind}\" \"{name}\""))
}

struct Tf<'p, 'a> {
    plan: &'p Plan<'a>,
    blocks: Vec<Block>,
    used: HashSet<String>,
    /// Variable name per Kafka cluster name.
    clusters: Vec<(String, String)>,
    /// Who delivers to a queue or topic: (target, service principal, source ARN).
    deliveries: Vec<(ResourceId, &'static str, H)>,
}

const ACCOUNT: &str = "${data.aws_caller_identity.current.account_id}";
const PARTITION: &str = "${data.aws_partition.current.partition}";

/// The whole configuration.
pub(super) fn configuration(plan: &Plan) -> String {
    let mut tf = Tf {
        plan,
        blocks: Vec::new(),
        used: plan.tf_names.iter().cloned().collect(),
        clusters: Vec::new(),
        deliveries: Vec::new(),
    };
    tf.preamble();
    tf.kafka_variables();
    tf.queues();
    tf.topics();
    tf.streams_and_tables();
    tf.buses();
    for f in 0..plan.scenario.functions.len() {
        tf.function(f);
    }
    tf.buckets();
    tf.mappings();
    tf.delivery_policies();
    let mut out = String::new();
    for line in plan.header() {
        out.push_str("# ");
        out.push_str(&super::comment_text(&line));
        out.push('\n');
    }
    for block in &tf.blocks {
        out.push('\n');
        block.write(0, &mut out);
    }
    out
}

impl Tf<'_, '_> {
    fn name(&mut self, base: &str) -> String {
        super::unique(&mut self.used, &super::snake(base), "_")
    }

    fn tf(&self, id: ResourceId) -> &str {
        self.plan
            .tf_names
            .get(id as usize)
            .map_or("", String::as_str)
    }

    fn resource_id(&self, kind: Kind, index: usize) -> Option<ResourceId> {
        self.plan.topology.id_of(kind, index)
    }

    /// The expression for a resource's ARN.
    fn arn_of(&self, id: ResourceId) -> H {
        let n = self.tf(id);
        match self.plan.kind(id) {
            Kind::Function => expr(format!("aws_lambda_function.{n}.arn")),
            Kind::Queue => expr(format!("aws_sqs_queue.{n}.arn")),
            Kind::Topic => expr(format!("aws_sns_topic.{n}.arn")),
            Kind::EventBus if self.plan.is_default_bus(id) => expr(format!(
                "\"arn:{PARTITION}:events:${{var.region}}:{ACCOUNT}:event-bus/default\""
            )),
            Kind::EventBus => expr(format!("aws_cloudwatch_event_bus.{n}.arn")),
            Kind::Bucket => expr(format!("aws_s3_bucket.{n}.arn")),
            Kind::KinesisStream => expr(format!("aws_kinesis_stream.{n}.arn")),
            Kind::DynamoDbStream => expr(format!("aws_dynamodb_table.{n}.stream_arn")),
            Kind::KafkaTopic => self.cluster_arn(id),
            Kind::EventSourceMapping | Kind::Client => lit(&self.plan.topology.get(id).arn),
        }
    }

    fn arn_value(&self, arn: &str) -> H {
        match self.plan.by_arn(arn) {
            Some(f) if self.plan.kind(f) == Kind::Function => self.function_arn_value(f, arn),
            Some(id) => self.arn_of(id),
            None => lit(arn),
        }
    }

    fn cluster_arn(&self, topic: ResourceId) -> H {
        let cluster = self
            .plan
            .scenario
            .kafka_topics
            .get(self.plan.topology.get(topic).index)
            .map(|t| t.cluster_name.as_str())
            .unwrap_or_default();
        match self.clusters.iter().find(|(name, _)| name == cluster) {
            Some((_, var)) => expr(format!("var.{var}")),
            None => lit(&self.plan.topology.get(topic).arn),
        }
    }

    fn policy_arn(&self, target: &Target) -> H {
        match target {
            Target::Any => lit("*"),
            Target::Literal(arn) => lit(arn),
            Target::ObjectsIn(b) => expr(format!("\"${{aws_s3_bucket.{}.arn}}/*\"", self.tf(*b))),
            Target::Resource(id) if self.plan.kind(*id) == Kind::Function => expr(format!(
                "\"arn:{PARTITION}:lambda:${{var.region}}:{ACCOUNT}:function:{}\"",
                escape_template(self.plan.name(*id))
            )),
            Target::Resource(id) => self.arn_of(*id),
        }
    }
}

fn jsonencode(value: H) -> H {
    H::Json(Box::new(value))
}

#[cfg(test)]
mod tests;
