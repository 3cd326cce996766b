//! The Terraform configuration for the `hashicorp/aws` provider (and `hashicorp/archive` for the
//! handler's zip). Policies are separate `aws_iam_role_policy` resources, so they can refer to
//! queues, topics and buckets directly; functions are named by an ARN built from their names, as
//! in the CloudFormation template, so two functions that are each other's destination don't
//! form a cycle.
//!
//! Strings are HCL quoted templates: `"` `\` and control characters are escaped, and a literal
//! `${` or `%{` is written `$${` or `%%{` so that a resource name can never interpolate.

use super::{Plan, Target, BEHAVIOR_VARIABLE, HANDLER_PY, RUNTIME};
use crate::scenario::KafkaKind;
use crate::topology::{Kind, ResourceId};
use serde_json::{json, Value};
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
        self.plan
            .by_arn(arn)
            .map_or_else(|| lit(arn), |id| self.arn_of(id))
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

    fn preamble(&mut self) {
        let providers = H::Obj(vec![
            (
                "aws".into(),
                H::Obj(vec![
                    ("source".into(), lit("hashicorp/aws")),
                    ("version".into(), lit(">= 5.70")),
                ]),
            ),
            (
                "archive".into(),
                H::Obj(vec![
                    ("source".into(), lit("hashicorp/archive")),
                    ("version".into(), lit(">= 2.4")),
                ]),
            ),
        ]);
        let mut required = Block::new("required_providers".into());
        if let H::Obj(entries) = providers {
            for (key, value) in entries {
                required.push(&key, value);
            }
        }
        self.blocks
            .push(Block::new("terraform".into()).block(required));
        self.blocks.push(
            Block::new("variable \"region\"".into())
                .attr("type", expr("string"))
                .attr("default", lit(&self.plan.scenario.region)),
        );
        self.blocks
            .push(Block::new("provider \"aws\"".into()).attr("region", expr("var.region")));
        self.blocks.push(Block::new(
            "data \"aws_caller_identity\" \"current\"".into(),
        ));
        self.blocks
            .push(Block::new("data \"aws_partition\" \"current\"".into()));
        if self.plan.scenario.functions.is_empty() {
            return;
        }
        let code = format!(
            "<<-EOT\n{}    EOT",
            HANDLER_PY
                .lines()
                .map(|l| {
                    if l.is_empty() {
                        "\n".to_string()
                    } else {
                        format!("    {}\n", l.replace("${", "$${").replace("%{", "%%{"))
                    }
                })
                .collect::<String>()
        );
        self.blocks.push(
            Block::new("data \"archive_file\" \"handler\"".into())
                .attr("type", lit("zip"))
                .attr("output_path", expr("\"${path.module}/handler.zip\""))
                .block(
                    Block::new("source".into())
                        .attr("content", expr(code))
                        .attr("filename", lit("index.py")),
                ),
        );
    }

    fn kafka_variables(&mut self) {
        for (cluster, kind) in self.plan.kafka_clusters() {
            let block = match kind {
                KafkaKind::Msk => {
                    let var = self.name(&format!("{cluster}_cluster_arn"));
                    self.clusters.push((cluster.clone(), var.clone()));
                    Block::new(format!("variable \"{var}\""))
                        .attr("type", expr("string"))
                        .attr(
                            "description",
                            lit(&format!("ARN of the Amazon MSK cluster {cluster}")),
                        )
                        .attr(
                            "default",
                            lit(&crate::topology::kafka_cluster_arn(
                                &self.plan.scenario.region,
                                &self.plan.scenario.account,
                                &cluster,
                                kind,
                            )),
                        )
                }
                KafkaKind::SelfManaged => {
                    let var = self.name(&format!("{cluster}_bootstrap_servers"));
                    self.clusters.push((cluster.clone(), var.clone()));
                    Block::new(format!("variable \"{var}\""))
                        .attr("type", expr("list(string)"))
                        .attr(
                            "description",
                            lit(&format!("Bootstrap servers (host:port) of the self-managed Kafka cluster {cluster}")),
                        )
                        .attr(
                            "default",
                            H::List(vec![lit(&format!(
                                "{}.example.com:9092",
                                super::snake(&cluster).replace('_', "-")
                            ))]),
                        )
                }
            };
            self.blocks.push(block);
        }
    }

    fn queues(&mut self) {
        for (i, q) in self.plan.scenario.queues.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Queue, i) else {
                continue;
            };
            let mut b = resource("aws_sqs_queue", self.tf(id)).attr("name", lit(&q.queue_name));
            if q.fifo_queue {
                b.push("fifo_queue", expr("true"));
            }
            b.push(
                "visibility_timeout_seconds",
                H::Raw(q.visibility_timeout.to_string()),
            );
            if q.message_retention_period != crate::scenario::DEFAULT_MESSAGE_RETENTION {
                b.push(
                    "message_retention_seconds",
                    H::Raw(q.message_retention_period.to_string()),
                );
            }
            if let Some(r) = &q.redrive_policy {
                let policy = H::Obj(vec![
                    (
                        "deadLetterTargetArn".into(),
                        self.arn_value(&r.dead_letter_target_arn),
                    ),
                    (
                        "maxReceiveCount".into(),
                        H::Raw(r.max_receive_count.to_string()),
                    ),
                ]);
                b.push("redrive_policy", jsonencode(policy));
            }
            self.blocks.push(b);
        }
    }

    fn topics(&mut self) {
        for (i, t) in self.plan.scenario.topics.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Topic, i) else {
                continue;
            };
            let n = self.tf(id).to_string();
            let mut b = resource("aws_sns_topic", &n).attr("name", lit(&t.topic_name));
            if t.fifo_topic {
                b.push("fifo_topic", expr("true"));
            }
            self.blocks.push(b);
            for (k, s) in t.subscriptions.iter().enumerate() {
                let endpoint = match s.protocol.as_str() {
                    "lambda" => self.plan.function(&s.endpoint).map(|f| self.arn_of(f)),
                    "sqs" => self
                        .plan
                        .topology
                        .find(Kind::Queue, &s.endpoint)
                        .map(|q| self.arn_of(q)),
                    _ => None,
                }
                .unwrap_or_else(|| lit(&s.endpoint));
                let sn = self.name(&format!("{n}_subscription_{}", k + 1));
                let mut b = resource("aws_sns_topic_subscription", &sn)
                    .attr("topic_arn", expr(format!("aws_sns_topic.{n}.arn")))
                    .attr("protocol", lit(&s.protocol))
                    .attr("endpoint", endpoint);
                if s.raw_message_delivery {
                    b.push("raw_message_delivery", expr("true"));
                }
                self.blocks.push(b);
                if s.protocol == "sqs" {
                    if let Some(q) = self.plan.topology.find(Kind::Queue, &s.endpoint) {
                        self.deliveries.push((
                            q,
                            "sns.amazonaws.com",
                            expr(format!("aws_sns_topic.{n}.arn")),
                        ));
                    }
                }
                if let Some(f) = self
                    .plan
                    .function(&s.endpoint)
                    .filter(|_| s.protocol == "lambda")
                {
                    let pn = self.name(&format!("{sn}_permission"));
                    let fname = self.tf(f).to_string();
                    self.blocks.push(
                        resource("aws_lambda_permission", &pn)
                            .attr("action", lit("lambda:InvokeFunction"))
                            .attr(
                                "function_name",
                                expr(format!("aws_lambda_function.{fname}.function_name")),
                            )
                            .attr("principal", lit("sns.amazonaws.com"))
                            .attr("source_arn", expr(format!("aws_sns_topic.{n}.arn"))),
                    );
                }
            }
        }
    }

    /// One queue or topic policy per target, letting SNS and EventBridge deliver to it.
    fn delivery_policies(&mut self) {
        let deliveries = std::mem::take(&mut self.deliveries);
        let mut targets: Vec<ResourceId> = Vec::new();
        for (t, _, _) in &deliveries {
            if !targets.contains(t) {
                targets.push(*t);
            }
        }
        for target in targets {
            let is_queue = self.plan.kind(target) == Kind::Queue;
            let t = self.tf(target).to_string();
            let (action, resource_arn) = if is_queue {
                ("sqs:SendMessage", format!("aws_sqs_queue.{t}.arn"))
            } else {
                ("sns:Publish", format!("aws_sns_topic.{t}.arn"))
            };
            let statements: Vec<H> = deliveries
                .iter()
                .filter(|(d, _, _)| *d == target)
                .map(|(_, principal, source)| {
                    H::Obj(vec![
                        ("Effect".into(), lit("Allow")),
                        (
                            "Principal".into(),
                            H::Obj(vec![("Service".into(), lit(principal))]),
                        ),
                        ("Action".into(), lit(action)),
                        ("Resource".into(), expr(resource_arn.clone())),
                        (
                            "Condition".into(),
                            H::Obj(vec![(
                                "ArnEquals".into(),
                                H::Obj(vec![("aws:SourceArn".into(), source.clone())]),
                            )]),
                        ),
                    ])
                })
                .collect();
            let policy = jsonencode(H::Obj(vec![
                ("Version".into(), lit("2012-10-17")),
                ("Statement".into(), H::List(statements)),
            ]));
            let name = self.name(&format!("{t}_policy"));
            let b = if is_queue {
                resource("aws_sqs_queue_policy", &name)
                    .attr("queue_url", expr(format!("aws_sqs_queue.{t}.id")))
                    .attr("policy", policy)
            } else {
                resource("aws_sns_topic_policy", &name)
                    .attr("arn", expr(format!("aws_sns_topic.{t}.arn")))
                    .attr("policy", policy)
            };
            self.blocks.push(b);
        }
    }

    fn streams_and_tables(&mut self) {
        for (i, s) in self.plan.scenario.kinesis_streams.iter().enumerate() {
            if let Some(id) = self.resource_id(Kind::KinesisStream, i) {
                let b = resource("aws_kinesis_stream", self.tf(id))
                    .attr("name", lit(&s.stream_name))
                    .attr("shard_count", H::Raw(s.shard_count.to_string()));
                self.blocks.push(b);
            }
        }
        for (i, t) in self.plan.scenario.dynamodb_tables.iter().enumerate() {
            if let Some(id) = self.resource_id(Kind::DynamoDbStream, i) {
                let b = resource("aws_dynamodb_table", self.tf(id))
                    .attr("name", lit(&t.table_name))
                    .attr("billing_mode", lit("PAY_PER_REQUEST"))
                    .attr("hash_key", lit("id"))
                    .attr("stream_enabled", expr("true"))
                    .attr("stream_view_type", lit("NEW_AND_OLD_IMAGES"))
                    .block(
                        Block::new("attribute".into())
                            .attr("name", lit("id"))
                            .attr("type", lit("S")),
                    );
                self.blocks.push(b);
            }
        }
    }

    fn buses(&mut self) {
        for (i, bus) in self.plan.scenario.event_buses.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::EventBus, i) else {
                continue;
            };
            let n = self.tf(id).to_string();
            let bus_name = if self.plan.is_default_bus(id) {
                lit("default")
            } else {
                self.blocks
                    .push(resource("aws_cloudwatch_event_bus", &n).attr("name", lit(&bus.name)));
                expr(format!("aws_cloudwatch_event_bus.{n}.name"))
            };
            for rule in &bus.rules {
                let rn = self.name(&format!("{n}_{}_rule", rule.name));
                let pattern = if rule.event_pattern.is_null() {
                    json!({ "source": [{ "prefix": "" }] })
                } else {
                    rule.event_pattern.clone()
                };
                self.blocks.push(
                    resource("aws_cloudwatch_event_rule", &rn)
                        .attr("name", lit(&rule.name))
                        .attr("event_bus_name", bus_name.clone())
                        .attr("event_pattern", jsonencode(from_json(&pattern))),
                );
                for (k, arn) in rule.targets.iter().enumerate() {
                    let tn = self.name(&format!("{rn}_target_{}", k + 1));
                    self.blocks.push(
                        resource("aws_cloudwatch_event_target", &tn)
                            .attr("rule", expr(format!("aws_cloudwatch_event_rule.{rn}.name")))
                            .attr("event_bus_name", bus_name.clone())
                            .attr("target_id", lit(&format!("target-{}", k + 1)))
                            .attr("arn", self.arn_value(arn)),
                    );
                    let source = expr(format!("aws_cloudwatch_event_rule.{rn}.arn"));
                    match self.plan.by_arn(arn).map(|t| (t, self.plan.kind(t))) {
                        Some((t, Kind::Queue | Kind::Topic)) => {
                            self.deliveries.push((t, "events.amazonaws.com", source));
                        }
                        Some((f, Kind::Function)) => {
                            let pn = self.name(&format!("{tn}_permission"));
                            let fname = self.tf(f).to_string();
                            self.blocks.push(
                                resource("aws_lambda_permission", &pn)
                                    .attr("action", lit("lambda:InvokeFunction"))
                                    .attr(
                                        "function_name",
                                        expr(format!("aws_lambda_function.{fname}.function_name")),
                                    )
                                    .attr("principal", lit("events.amazonaws.com"))
                                    .attr("source_arn", source),
                            );
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    fn function(&mut self, f: usize) {
        let Some(function) = self.plan.scenario.functions.get(f) else {
            return;
        };
        let Some(id) = self.resource_id(Kind::Function, f) else {
            return;
        };
        let n = self.tf(id).to_string();
        let role = self.name(&format!("{n}_role"));
        let assume = jsonencode(from_json(&json!({ "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "lambda.amazonaws.com" },
            "Action": "sts:AssumeRole",
        }] })));
        self.blocks
            .push(resource("aws_iam_role", &role).attr("assume_role_policy", assume));
        let logs = self.name(&format!("{n}_logs"));
        self.blocks.push(
            resource("aws_iam_role_policy_attachment", &logs)
                .attr("role", expr(format!("aws_iam_role.{role}.name")))
                .attr(
                    "policy_arn",
                    expr(format!("\"arn:{PARTITION}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"")),
                ),
        );
        let statements: Vec<H> = self
            .plan
            .grants(f)
            .iter()
            .map(|g| {
                H::Obj(vec![
                    ("Effect".into(), lit("Allow")),
                    (
                        "Action".into(),
                        H::List(g.actions.iter().map(|a| lit(a)).collect()),
                    ),
                    (
                        "Resource".into(),
                        H::List(g.targets.iter().map(|t| self.policy_arn(t)).collect()),
                    ),
                ])
            })
            .collect();
        let policy = if statements.is_empty() {
            None
        } else {
            let name = self.name(&format!("{n}_destinations"));
            self.blocks.push(
                resource("aws_iam_role_policy", &name)
                    .attr("role", expr(format!("aws_iam_role.{role}.id")))
                    .attr(
                        "policy",
                        jsonencode(H::Obj(vec![
                            ("Version".into(), lit("2012-10-17")),
                            ("Statement".into(), H::List(statements)),
                        ])),
                    ),
            );
            Some(format!("aws_iam_role_policy.{name}"))
        };
        let mut b = resource("aws_lambda_function", &n)
            .attr("function_name", lit(&function.function_name))
            .attr("role", expr(format!("aws_iam_role.{role}.arn")))
            .attr("runtime", lit(RUNTIME))
            .attr("handler", lit("index.handler"))
            .attr("filename", expr("data.archive_file.handler.output_path"))
            .attr(
                "source_code_hash",
                expr("data.archive_file.handler.output_base64sha256"),
            )
            .attr("timeout", H::Raw(function.timeout.to_string()));
        if let Some(c) = function.reserved_concurrent_executions {
            b.push("reserved_concurrent_executions", H::Raw(c.to_string()));
        }
        if let Some(behavior) = self.plan.behavior_json(f) {
            b = b.block(Block::new("environment".into()).attr(
                "variables",
                H::Obj(vec![(BEHAVIOR_VARIABLE.into(), H::Lit(behavior))]),
            ));
        }
        if let Some(dlq) = &function.dead_letter_config {
            b = b.block(
                Block::new("dead_letter_config".into())
                    .attr("target_arn", self.arn_value(&dlq.target_arn)),
            );
        }
        if let Some(p) = &policy {
            b.push("depends_on", H::List(vec![expr(p.clone())]));
        }
        self.blocks.push(b);
        if function.recursive_loop == crate::scenario::RecursiveLoop::Allow {
            let rn = self.name(&format!("{n}_recursion"));
            self.blocks.push(
                resource("aws_lambda_function_recursion_config", &rn)
                    .attr(
                        "function_name",
                        expr(format!("aws_lambda_function.{n}.function_name")),
                    )
                    .attr("recursive_loop", lit("Allow")),
            );
        }
        let Some(c) = &function.event_invoke_config else {
            return;
        };
        let on_success = c
            .destination_config
            .as_ref()
            .and_then(|d| d.on_success_arn());
        let on_failure = c
            .destination_config
            .as_ref()
            .and_then(|d| d.on_failure_arn());
        if c.maximum_retry_attempts.is_none()
            && c.maximum_event_age_in_seconds.is_none()
            && on_success.is_none()
            && on_failure.is_none()
        {
            return;
        }
        let en = self.name(&format!("{n}_event_invoke_config"));
        let mut b = resource("aws_lambda_function_event_invoke_config", &en)
            .attr(
                "function_name",
                expr(format!("aws_lambda_function.{n}.function_name")),
            )
            .attr("qualifier", lit("$LATEST"));
        if let Some(v) = c.maximum_retry_attempts {
            b.push("maximum_retry_attempts", H::Raw(v.to_string()));
        }
        if let Some(v) = c.maximum_event_age_in_seconds {
            b.push("maximum_event_age_in_seconds", H::Raw(v.to_string()));
        }
        if on_success.is_some() || on_failure.is_some() {
            let mut d = Block::new("destination_config".into());
            if let Some(arn) = on_success {
                d = d.block(
                    Block::new("on_success".into()).attr("destination", self.arn_value(arn)),
                );
            }
            if let Some(arn) = on_failure {
                d = d.block(
                    Block::new("on_failure".into()).attr("destination", self.arn_value(arn)),
                );
            }
            b = b.block(d);
        }
        if let Some(p) = policy {
            b.push("depends_on", H::List(vec![expr(p)]));
        }
        self.blocks.push(b);
    }

    fn buckets(&mut self) {
        for (i, bucket) in self.plan.scenario.buckets.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::Bucket, i) else {
                continue;
            };
            let n = self.tf(id).to_string();
            let name = if self.plan.bucket_suffix_fits(id) {
                expr(format!(
                    "\"{}-{ACCOUNT}-${{var.region}}\"",
                    escape_template(&bucket.bucket_name)
                ))
            } else {
                lit(&bucket.bucket_name)
            };
            self.blocks
                .push(resource("aws_s3_bucket", &n).attr("bucket", name));
            if bucket.lambda_function_configurations.is_empty() {
                continue;
            }
            let mut permissions: Vec<(ResourceId, String)> = Vec::new();
            let mut notification = resource(
                "aws_s3_bucket_notification",
                &self.name(&format!("{n}_notification")),
            )
            .attr("bucket", expr(format!("aws_s3_bucket.{n}.id")));
            for c in &bucket.lambda_function_configurations {
                let function = self.plan.function(&c.lambda_function_arn);
                if let Some(f) = function.filter(|f| !permissions.iter().any(|(p, _)| p == f)) {
                    let pn = self.name(&format!("{n}_invokes_{}", self.tf(f)));
                    let fname = self.tf(f).to_string();
                    self.blocks.push(
                        resource("aws_lambda_permission", &pn)
                            .attr("action", lit("lambda:InvokeFunction"))
                            .attr(
                                "function_name",
                                expr(format!("aws_lambda_function.{fname}.function_name")),
                            )
                            .attr("principal", lit("s3.amazonaws.com"))
                            .attr(
                                "source_account",
                                expr("data.aws_caller_identity.current.account_id"),
                            )
                            .attr("source_arn", expr(format!("aws_s3_bucket.{n}.arn"))),
                    );
                    permissions.push((f, pn));
                }
                let mut l = Block::new("lambda_function".into())
                    .attr(
                        "lambda_function_arn",
                        function.map_or_else(|| lit(&c.lambda_function_arn), |f| self.arn_of(f)),
                    )
                    .attr("events", H::List(c.events.iter().map(|e| lit(e)).collect()));
                if !c.prefix.is_empty() {
                    l.push("filter_prefix", lit(&c.prefix));
                }
                if !c.suffix.is_empty() {
                    l.push("filter_suffix", lit(&c.suffix));
                }
                notification = notification.block(l);
            }
            if !permissions.is_empty() {
                notification.push(
                    "depends_on",
                    H::List(
                        permissions
                            .iter()
                            .map(|(_, p)| expr(format!("aws_lambda_permission.{p}")))
                            .collect(),
                    ),
                );
            }
            self.blocks.push(notification);
        }
    }

    fn mappings(&mut self) {
        for (i, m) in self.plan.scenario.event_source_mappings.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::EventSourceMapping, i) else {
                continue;
            };
            let function = self.plan.function(&m.function_name);
            let mut b = resource("aws_lambda_event_source_mapping", self.tf(id)).attr(
                "function_name",
                function.map_or_else(
                    || lit(&m.function_name),
                    |f| expr(format!("aws_lambda_function.{}.arn", self.tf(f))),
                ),
            );
            if let Some(arn) = &m.event_source_arn {
                let source = self
                    .plan
                    .source_of(arn)
                    .map_or_else(|| lit(arn), |s| self.arn_of(s));
                b.push("event_source_arn", source);
            }
            if !m.topics.is_empty() {
                b.push("topics", H::List(m.topics.iter().map(|t| lit(t)).collect()));
            }
            if let Some(cluster) = &m.self_managed_cluster {
                let servers = match self.clusters.iter().find(|(name, _)| name == cluster) {
                    Some((_, var)) => expr(format!("join(\",\", var.{var})")),
                    None => lit(&format!("{cluster}.example.com:9092")),
                };
                b = b.block(Block::new("self_managed_event_source".into()).attr(
                    "endpoints",
                    H::Obj(vec![("KAFKA_BOOTSTRAP_SERVERS".into(), servers)]),
                ));
            }
            if let Some(p) = &m.starting_position {
                b.push("starting_position", lit(p));
            }
            for (key, value) in [
                ("batch_size", m.batch_size),
                (
                    "maximum_batching_window_in_seconds",
                    m.maximum_batching_window_in_seconds,
                ),
                ("maximum_retry_attempts", m.maximum_retry_attempts),
                (
                    "maximum_record_age_in_seconds",
                    m.maximum_record_age_in_seconds,
                ),
                ("parallelization_factor", m.parallelization_factor),
                ("tumbling_window_in_seconds", m.tumbling_window_in_seconds),
            ] {
                if let Some(v) = value {
                    b.push(key, H::Raw(v.to_string()));
                }
            }
            if let Some(v) = m.bisect_batch_on_function_error {
                b.push("bisect_batch_on_function_error", H::Raw(v.to_string()));
            }
            if !m.function_response_types.is_empty() {
                b.push(
                    "function_response_types",
                    H::List(m.function_response_types.iter().map(|t| lit(t)).collect()),
                );
            }
            let on_failure = m
                .destination_config
                .as_ref()
                .and_then(|d| d.on_failure_arn());
            if let Some(topic) = on_failure.filter(|arn| arn.starts_with("kafka://")) {
                b.items.push(Item::Comment(format!(
                    "OnFailure destination {topic}: the aws provider accepts only ARNs in destination_config.on_failure.destination_arn; set it with `aws lambda update-event-source-mapping --destination-config` after applying."
                )));
            } else if let Some(arn) = on_failure {
                b = b.block(Block::new("destination_config".into()).block(
                    Block::new("on_failure".into()).attr("destination_arn", self.arn_value(arn)),
                ));
            }
            if !m.enabled {
                b.push("enabled", expr("false"));
            }
            self.blocks.push(b);
        }
    }
}

fn jsonencode(value: H) -> H {
    H::Json(Box::new(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_and_directives_are_escaped_in_strings() {
        assert_eq!(hcl_string("${var.x}"), "\"$${var.x}\"");
        assert_eq!(hcl_string("%{if}"), "\"%%{if}\"");
        assert_eq!(hcl_string("$x %y"), "\"$x %y\"");
        assert_eq!(
            hcl_string("q\"b\\n\nl\u{2028}"),
            "\"q\\\"b\\\\n\\nl\\u2028\""
        );
        assert_eq!(hcl_string("한국어 🎉"), "\"한국어 🎉\"");
    }
}
