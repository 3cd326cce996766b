//! Functions (their role, policies, code and invoke configuration), bucket notifications, and
//! event source mappings.

use super::{
    escape_template, expr, from_json, jsonencode, lit, resource, Block, Item, Tf, ACCOUNT, H,
    PARTITION,
};
use crate::export::{BEHAVIOR_VARIABLE, RUNTIME};
use crate::topology::{Kind, ResourceId};
use serde_json::json;
impl Tf<'_, '_> {
    pub(super) fn function(&mut self, f: usize) {
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
        if !function.versions.is_empty() {
            b.push("publish", H::Raw("true".into()));
        }
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
        if let Some(c) = &function.event_invoke_config {
            self.invoke_config(&n, &n, lit("$LATEST"), c, policy.clone());
        }
        self.versions_and_aliases(f, &n, policy);
    }

    /// `aws_lambda_function_event_invoke_config` of function `n` on `qualifier`, named after
    /// `base`; none when the config sets nothing.
    pub(super) fn invoke_config(
        &mut self,
        n: &str,
        base: &str,
        qualifier: H,
        c: &crate::scenario::EventInvokeConfig,
        policy: Option<String>,
    ) {
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
        let en = self.name(&format!("{base}_event_invoke_config"));
        let mut b = resource("aws_lambda_function_event_invoke_config", &en)
            .attr(
                "function_name",
                expr(format!("aws_lambda_function.{n}.function_name")),
            )
            .attr("qualifier", qualifier);
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

    pub(super) fn buckets(&mut self) {
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
                    let qualifier = self.qualifier_value(&c.lambda_function_arn);
                    self.blocks.push(
                        self.qualified_permission(&pn, qualifier)
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
                        function.map_or_else(
                            || lit(&c.lambda_function_arn),
                            |f| self.function_arn_value(f, &c.lambda_function_arn),
                        ),
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

    pub(super) fn mappings(&mut self) {
        for (i, m) in self.plan.scenario.event_source_mappings.iter().enumerate() {
            let Some(id) = self.resource_id(Kind::EventSourceMapping, i) else {
                continue;
            };
            let function = self.plan.function(&m.function_name);
            let mut b = resource("aws_lambda_event_source_mapping", self.tf(id)).attr(
                "function_name",
                function.map_or_else(
                    || lit(&m.function_name),
                    |f| self.function_arn_value(f, &m.function_name),
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
