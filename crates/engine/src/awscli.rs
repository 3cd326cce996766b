//! AWS CLI commands that create what a scenario describes, in the brief's form
//! (`aws lambda put-function-event-invoke-config --function-name … --destination-config '{…}'`).
//! The inspector shows the commands of the selected resource; the export gives all of them.
//! Parameter names are the AWS CLI's; JSON values are compact and single-quoted for POSIX shells.

use crate::scenario::{DestinationConfig, EventSourceMapping, Function, Scenario};
use crate::topology::{Kind, ResourceId, Topology};
use serde_json::{json, Map, Value};

/// One command, with the resource it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The resource it creates or configures.
    pub resource: ResourceId,
    /// The command, with `\` line continuations.
    pub text: String,
}

/// Quotes a value for a POSIX shell when it needs it.
pub fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+%".contains(c));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

fn command(program: &str, args: &[(&str, String)]) -> String {
    let mut text = program.to_string();
    for (flag, value) in args {
        text.push_str(" \\\n    ");
        text.push_str(flag);
        if !value.is_empty() {
            text.push(' ');
            text.push_str(value);
        }
    }
    text
}

fn destination_json(config: &DestinationConfig) -> String {
    let mut map = Map::new();
    for (key, arn) in [
        ("OnSuccess", config.on_success_arn()),
        ("OnFailure", config.on_failure_arn()),
    ] {
        if let Some(arn) = arn {
            map.insert(key.into(), json!({ "Destination": arn }));
        }
    }
    Value::Object(map).to_string()
}

fn function_commands(f: &Function, id: ResourceId, account: &str) -> Vec<Command> {
    let name = shell_quote(&f.function_name);
    let mut out = vec![Command {
        resource: id,
        text: command(
            "aws lambda create-function",
            &[
                ("--function-name", name.clone()),
                ("--runtime", "python3.13".into()),
                ("--handler", "app.handler".into()),
                ("--zip-file", "fileb://function.zip".into()),
                (
                    "--role",
                    shell_quote(&format!(
                        "arn:aws:iam::{account}:role/{}-role",
                        f.function_name
                    )),
                ),
                ("--timeout", f.timeout.to_string()),
            ],
        ),
    }];
    for _ in &f.versions {
        out.push(Command {
            resource: id,
            text: command(
                "aws lambda publish-version",
                &[("--function-name", name.clone())],
            ),
        });
    }
    for a in &f.aliases {
        let mut args = vec![
            ("--function-name", name.clone()),
            ("--name", shell_quote(&a.name)),
            ("--function-version", shell_quote(&a.function_version)),
        ];
        if let Some(r) = a
            .routing_config
            .as_ref()
            .filter(|r| !r.additional_version_weights.is_empty())
        {
            let weights: Map<String, Value> = r
                .additional_version_weights
                .iter()
                .map(|(v, w)| (v.clone(), Value::from(*w)))
                .collect();
            let routing = json!({ "AdditionalVersionWeights": weights }).to_string();
            args.push(("--routing-config", shell_quote(&routing)));
        }
        out.push(Command {
            resource: id,
            text: command("aws lambda create-alias", &args),
        });
    }
    for (qualifier, c) in f.event_invoke_configs() {
        let mut args = vec![("--function-name", name.clone())];
        if qualifier != crate::qualifier::LATEST {
            args.push(("--qualifier", shell_quote(qualifier)));
        }
        if let Some(n) = c.maximum_retry_attempts {
            args.push(("--maximum-retry-attempts", n.to_string()));
        }
        if let Some(n) = c.maximum_event_age_in_seconds {
            args.push(("--maximum-event-age-in-seconds", n.to_string()));
        }
        if let Some(d) = c
            .destination_config
            .as_ref()
            .filter(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some())
        {
            args.push(("--destination-config", shell_quote(&destination_json(d))));
        }
        out.push(Command {
            resource: id,
            text: command("aws lambda put-function-event-invoke-config", &args),
        });
    }
    if let Some(dlq) = &f.dead_letter_config {
        let config = json!({ "TargetArn": dlq.target_arn }).to_string();
        out.push(Command {
            resource: id,
            text: command(
                "aws lambda update-function-configuration",
                &[
                    ("--function-name", name.clone()),
                    ("--dead-letter-config", shell_quote(&config)),
                ],
            ),
        });
    }
    if let Some(n) = f.reserved_concurrent_executions {
        out.push(Command {
            resource: id,
            text: command(
                "aws lambda put-function-concurrency",
                &[
                    ("--function-name", name.clone()),
                    ("--reserved-concurrent-executions", n.to_string()),
                ],
            ),
        });
    }
    if f.recursive_loop == crate::scenario::RecursiveLoop::Allow {
        out.push(Command {
            resource: id,
            text: command(
                "aws lambda put-function-recursion-config",
                &[
                    ("--function-name", name),
                    ("--recursive-loop", "Allow".into()),
                ],
            ),
        });
    }
    out
}

fn mapping_command(m: &EventSourceMapping, id: ResourceId) -> Command {
    let mut args = vec![("--function-name", shell_quote(&m.function_name))];
    if let Some(arn) = &m.event_source_arn {
        args.push(("--event-source-arn", shell_quote(arn)));
    }
    if let Some(cluster) = &m.self_managed_cluster {
        let servers = json!({ "Endpoints": { "KAFKA_BOOTSTRAP_SERVERS": [format!("{cluster}.example.com:9092")] } }).to_string();
        args.push(("--self-managed-event-source", shell_quote(&servers)));
    }
    if !m.topics.is_empty() {
        args.push((
            "--topics",
            m.topics
                .iter()
                .map(|t| shell_quote(t))
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    let numbers = [
        ("--batch-size", m.batch_size),
        (
            "--maximum-batching-window-in-seconds",
            m.maximum_batching_window_in_seconds,
        ),
        ("--maximum-retry-attempts", m.maximum_retry_attempts),
        (
            "--maximum-record-age-in-seconds",
            m.maximum_record_age_in_seconds,
        ),
        ("--parallelization-factor", m.parallelization_factor),
        ("--tumbling-window-in-seconds", m.tumbling_window_in_seconds),
    ];
    if let Some(p) = &m.starting_position {
        args.push(("--starting-position", shell_quote(p)));
    }
    for (flag, value) in numbers {
        if let Some(v) = value {
            args.push((flag, v.to_string()));
        }
    }
    match m.bisect_batch_on_function_error {
        Some(true) => args.push(("--bisect-batch-on-function-error", String::new())),
        Some(false) => args.push(("--no-bisect-batch-on-function-error", String::new())),
        None => {}
    }
    if !m.function_response_types.is_empty() {
        args.push((
            "--function-response-types",
            m.function_response_types.join(" "),
        ));
    }
    if let Some(d) = &m.destination_config {
        args.push(("--destination-config", shell_quote(&destination_json(d))));
    }
    if !m.enabled {
        args.push(("--no-enabled", String::new()));
    }
    Command {
        resource: id,
        text: command("aws lambda create-event-source-mapping", &args),
    }
}

/// Every command for the scenario, resources before the functions and mappings that use them.
pub fn commands(scenario: &Scenario, topology: &Topology) -> Vec<Command> {
    let mut out = Vec::new();
    let find = |kind: Kind, name: &str| topology.find(kind, name).unwrap_or_default();
    for q in &scenario.queues {
        let mut attributes = Map::new();
        if q.fifo_queue {
            attributes.insert("FifoQueue".into(), Value::from("true"));
        }
        if q.visibility_timeout != 30 {
            attributes.insert(
                "VisibilityTimeout".into(),
                Value::from(q.visibility_timeout.to_string()),
            );
        }
        if q.message_retention_period != crate::scenario::DEFAULT_MESSAGE_RETENTION {
            attributes.insert(
                "MessageRetentionPeriod".into(),
                Value::from(q.message_retention_period.to_string()),
            );
        }
        if let Some(r) = &q.redrive_policy {
            let policy = json!({ "deadLetterTargetArn": r.dead_letter_target_arn, "maxReceiveCount": r.max_receive_count }).to_string();
            attributes.insert("RedrivePolicy".into(), Value::from(policy));
        }
        let mut args = vec![("--queue-name", shell_quote(&q.queue_name))];
        if !attributes.is_empty() {
            args.push((
                "--attributes",
                shell_quote(&Value::Object(attributes).to_string()),
            ));
        }
        out.push(Command {
            resource: find(Kind::Queue, &q.queue_name),
            text: command("aws sqs create-queue", &args),
        });
    }
    for t in &scenario.topics {
        let id = find(Kind::Topic, &t.topic_name);
        let mut args = vec![("--name", shell_quote(&t.topic_name))];
        if t.fifo_topic {
            args.push(("--attributes", shell_quote(r#"{"FifoTopic":"true"}"#)));
        }
        out.push(Command {
            resource: id,
            text: command("aws sns create-topic", &args),
        });
        for s in &t.subscriptions {
            let endpoint = if s.protocol == "lambda" && !s.endpoint.starts_with("arn:") {
                format!(
                    "arn:aws:lambda:{}:{}:function:{}",
                    scenario.region, scenario.account, s.endpoint
                )
            } else {
                s.endpoint.clone()
            };
            let mut args = vec![
                ("--topic-arn", shell_quote(&topology.get(id).arn)),
                ("--protocol", shell_quote(&s.protocol)),
                ("--notification-endpoint", shell_quote(&endpoint)),
            ];
            if s.raw_message_delivery {
                args.push((
                    "--attributes",
                    shell_quote(r#"{"RawMessageDelivery":"true"}"#),
                ));
            }
            out.push(Command {
                resource: id,
                text: command("aws sns subscribe", &args),
            });
        }
    }
    for s in &scenario.kinesis_streams {
        out.push(Command {
            resource: find(Kind::KinesisStream, &s.stream_name),
            text: command(
                "aws kinesis create-stream",
                &[
                    ("--stream-name", shell_quote(&s.stream_name)),
                    ("--shard-count", s.shard_count.to_string()),
                ],
            ),
        });
    }
    for t in &scenario.dynamodb_tables {
        out.push(Command {
            resource: find(Kind::DynamoDbStream, &t.table_name),
            text: command(
                "aws dynamodb create-table",
                &[
                    ("--table-name", shell_quote(&t.table_name)),
                    (
                        "--attribute-definitions",
                        "AttributeName=id,AttributeType=S".into(),
                    ),
                    ("--key-schema", "AttributeName=id,KeyType=HASH".into()),
                    ("--billing-mode", "PAY_PER_REQUEST".into()),
                    (
                        "--stream-specification",
                        "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES".into(),
                    ),
                ],
            ),
        });
    }
    for f in &scenario.functions {
        out.extend(function_commands(
            f,
            find(Kind::Function, &f.function_name),
            &scenario.account,
        ));
    }
    for b in &scenario.buckets {
        let id = find(Kind::Bucket, &b.bucket_name);
        out.push(Command {
            resource: id,
            text: command(
                "aws s3api create-bucket",
                &[
                    ("--bucket", shell_quote(&b.bucket_name)),
                    (
                        "--create-bucket-configuration",
                        format!("LocationConstraint={}", scenario.region),
                    ),
                ],
            ),
        });
        if !b.lambda_function_configurations.is_empty() {
            let configurations: Vec<Value> = b
                .lambda_function_configurations
                .iter()
                .map(|n| {
                    let mut rules = Vec::new();
                    if !n.prefix.is_empty() {
                        rules.push(json!({ "Name": "prefix", "Value": n.prefix }));
                    }
                    if !n.suffix.is_empty() {
                        rules.push(json!({ "Name": "suffix", "Value": n.suffix }));
                    }
                    let arn = topology
                        .find(Kind::Function, &n.lambda_function_arn)
                        .map(|f| {
                            let arn = &topology.get(f).arn;
                            match crate::qualifier::split(&n.lambda_function_arn).1 {
                                Some(q) => format!("{arn}:{q}"),
                                None => arn.clone(),
                            }
                        })
                        .unwrap_or_else(|| n.lambda_function_arn.clone());
                    let mut c = json!({ "LambdaFunctionArn": arn, "Events": n.events });
                    if let (false, Some(map)) = (rules.is_empty(), c.as_object_mut()) {
                        map.insert("Filter".into(), json!({ "Key": { "FilterRules": rules } }));
                    }
                    c
                })
                .collect();
            let config = json!({ "LambdaFunctionConfigurations": configurations }).to_string();
            out.push(Command {
                resource: id,
                text: command(
                    "aws s3api put-bucket-notification-configuration",
                    &[
                        ("--bucket", shell_quote(&b.bucket_name)),
                        ("--notification-configuration", shell_quote(&config)),
                    ],
                ),
            });
        }
    }
    for bus in &scenario.event_buses {
        let id = find(Kind::EventBus, &bus.name);
        if bus.name != "default" {
            out.push(Command {
                resource: id,
                text: command(
                    "aws events create-event-bus",
                    &[("--name", shell_quote(&bus.name))],
                ),
            });
        }
        for rule in &bus.rules {
            let pattern = if rule.event_pattern.is_null() {
                json!({ "source": [{ "prefix": "" }] })
            } else {
                rule.event_pattern.clone()
            };
            out.push(Command {
                resource: id,
                text: command(
                    "aws events put-rule",
                    &[
                        ("--name", shell_quote(&rule.name)),
                        ("--event-bus-name", shell_quote(&bus.name)),
                        ("--event-pattern", shell_quote(&pattern.to_string())),
                    ],
                ),
            });
            if !rule.targets.is_empty() {
                let targets: Vec<Value> = rule
                    .targets
                    .iter()
                    .enumerate()
                    .map(|(i, arn)| json!({ "Id": format!("target-{}", i + 1), "Arn": arn }))
                    .collect();
                out.push(Command {
                    resource: id,
                    text: command(
                        "aws events put-targets",
                        &[
                            ("--rule", shell_quote(&rule.name)),
                            ("--event-bus-name", shell_quote(&bus.name)),
                            ("--targets", shell_quote(&Value::from(targets).to_string())),
                        ],
                    ),
                });
            }
        }
    }
    for (i, m) in scenario.event_source_mappings.iter().enumerate() {
        let id = topology
            .id_of(Kind::EventSourceMapping, i)
            .unwrap_or_default();
        out.push(mapping_command(m, id));
    }
    out
}

/// The commands that configure `resource`: its own, plus for a function the mappings that
/// invoke it, and for a mapping its own.
pub fn commands_for(scenario: &Scenario, topology: &Topology, resource: ResourceId) -> Vec<String> {
    let kind = topology.get(resource).kind;
    commands(scenario, topology)
        .into_iter()
        .filter(|c| {
            c.resource == resource
                || (kind == Kind::Function
                    && topology.get(c.resource).kind == Kind::EventSourceMapping
                    && scenario
                        .event_source_mappings
                        .get(topology.get(c.resource).index)
                        .is_some_and(|m| {
                            topology.find(Kind::Function, &m.function_name) == Some(resource)
                        }))
        })
        .map(|c| c.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_function_gets_the_briefs_put_function_event_invoke_config() {
        let scenario = Scenario::from_json(include_str!(
            "../../../static/gallery/image-processing.json"
        ))
        .expect("gallery");
        let topology = Topology::build(&scenario);
        let id = topology
            .find(Kind::Function, "resize-image")
            .expect("function");
        let commands = commands_for(&scenario, &topology, id);
        let invoke_config = commands
            .iter()
            .find(|c| c.starts_with("aws lambda put-function-event-invoke-config"))
            .expect("present");
        assert_eq!(
            invoke_config,
            "aws lambda put-function-event-invoke-config \\\n    --function-name resize-image \\\n    --maximum-retry-attempts 2 \\\n    --maximum-event-age-in-seconds 21600 \\\n    --destination-config '{\"OnSuccess\":{\"Destination\":\"arn:aws:sqs:us-east-2:123456789012:image-metadata\"},\"OnFailure\":{\"Destination\":\"arn:aws:sns:us-east-2:123456789012:image-alerts\"}}'"
        );
    }

    #[test]
    fn the_briefs_second_command_comes_back_from_an_sqs_mapping_with_on_failure() {
        let scenario = Scenario::from_json(
            r#"{"version":1,"functions":[{"FunctionName":"my-function"}],"queues":[{"QueueName":"source-queue"},{"QueueName":"destination-queue"}],
            "eventSourceMappings":[{"FunctionName":"my-function","EventSourceArn":"arn:aws:sqs:us-east-2:123456789012:source-queue",
              "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:destination-queue"}}}]}"#,
        )
        .expect("valid json");
        let all = commands(&scenario, &Topology::build(&scenario));
        assert_eq!(
            all.last().map(|c| c.text.as_str()),
            Some("aws lambda create-event-source-mapping \\\n    --function-name my-function \\\n    --event-source-arn arn:aws:sqs:us-east-2:123456789012:source-queue \\\n    --destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:us-east-2:123456789012:destination-queue\"}}'")
        );
    }

    #[test]
    fn values_with_quotes_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("plain-name_1"), "plain-name_1");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }
}
