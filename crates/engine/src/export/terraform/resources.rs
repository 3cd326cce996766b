//! The configuration's preamble (providers, variables, data sources), queues, topics and their
//! delivery policies, Kinesis streams and DynamoDB tables, and event buses with their rules.

use super::{expr, from_json, jsonencode, lit, resource, Block, Tf, H};
use crate::export::HANDLER_PY;
use crate::scenario::KafkaKind;
use crate::topology::{Kind, ResourceId};
use serde_json::json;
impl Tf<'_, '_> {
    pub(super) fn preamble(&mut self) {
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

    pub(super) fn kafka_variables(&mut self) {
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
                                crate::export::snake(&cluster).replace('_', "-")
                            ))]),
                        )
                }
            };
            self.blocks.push(block);
        }
    }

    pub(super) fn queues(&mut self) {
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

    pub(super) fn topics(&mut self) {
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
                    let qualifier = self.qualifier_value(&s.endpoint);
                    self.blocks.push(
                        self.qualified_permission(&pn, qualifier)
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
    pub(super) fn delivery_policies(&mut self) {
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

    pub(super) fn streams_and_tables(&mut self) {
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

    pub(super) fn buses(&mut self) {
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
                            let qualifier = self.qualifier_value(arn);
                            self.blocks.push(
                                self.qualified_permission(&pn, qualifier)
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
}
