//! Commands that configure the other resources: queue attributes, SNS subscriptions, S3
//! notifications, and EventBridge buses, rules and targets.

use super::args::{checked, int_of, required, truthy, Args};
use super::lambda::target_arn;
use super::parse_structure;
use crate::import::{shorten, Builder, Reason, Res, Target};
use crate::scenario::{LambdaNotification, RedrivePolicy, Rule, Subscription};
use serde_json::Value;

pub(super) fn queue_attributes(b: &mut Builder, args: &mut Args, q: usize) {
    let Some((attributes, line)) = args.structure(b, "--attributes") else {
        return;
    };
    let base = args.place("--attributes");
    for (key, value) in attributes.as_object().into_iter().flatten() {
        let place = format!("{base} {key}");
        // A number of seconds, or a note that says what was there instead.
        let seconds = |b: &mut Builder, place: String| {
            let n = int_of(value);
            if n.is_none() {
                b.note(
                    line,
                    place,
                    Reason::BadValue {
                        value: shorten(&value.to_string()),
                        expected: "a number of seconds",
                    },
                );
            }
            n
        };
        match key.as_str() {
            "FifoQueue" => b.scenario.queues[q].fifo_queue = truthy(value),
            "VisibilityTimeout" => {
                if let Some(n) = seconds(b, place) {
                    b.scenario.queues[q].visibility_timeout = n;
                }
            }
            "MessageRetentionPeriod" => {
                if let Some(n) = seconds(b, place) {
                    b.scenario.queues[q].message_retention_period = n;
                }
            }
            "RedrivePolicy" => {
                let policy = match value {
                    Value::String(s) => parse_structure(s),
                    other => Some(other.clone()),
                };
                let target = policy
                    .as_ref()
                    .and_then(|p| p.get("deadLetterTargetArn"))
                    .and_then(Value::as_str);
                let count = policy
                    .as_ref()
                    .and_then(|p| p.get("maxReceiveCount"))
                    .and_then(int_of);
                match (target, count) {
                    (Some(target), Some(count)) => {
                        let arn = target_arn(b, target, line, &place);
                        b.scenario.queues[q].redrive_policy = Some(RedrivePolicy {
                            dead_letter_target_arn: arn,
                            max_receive_count: count,
                        });
                    }
                    _ => b.note(
                        line,
                        place,
                        Reason::BadValue {
                            value: shorten(&value.to_string()),
                            expected:
                                "{\"deadLetterTargetArn\": \"arn:...\", \"maxReceiveCount\": 5}",
                        },
                    ),
                }
            }
            _ => b.note(line, place, Reason::NotModelled),
        }
    }
}

pub(super) fn subscribe(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((topic_arn, topic_line)) = required(b, args, "--topic-arn", line) else {
        return;
    };
    let place = args.place("--topic-arn");
    let Some(Target::Resource {
        kind: Res::Topic,
        name,
        ..
    }) = b.resolve(&topic_arn, topic_line, &place)
    else {
        return;
    };
    let protocol = required(b, args, "--protocol", line).map(|(p, _)| p);
    let endpoint = args.value(b, "--notification-endpoint");
    let (Some(protocol), Some((endpoint, endpoint_line))) = (protocol, endpoint) else {
        return;
    };
    let endpoint = match protocol.as_str() {
        "sqs" | "lambda" => {
            let place = args.place("--notification-endpoint");
            target_arn(b, &endpoint, endpoint_line, &place)
        }
        _ => endpoint,
    };
    let mut raw = false;
    if let Some((attributes, line)) = args.structure(b, "--attributes") {
        for (key, value) in attributes.as_object().into_iter().flatten() {
            match key.as_str() {
                "RawMessageDelivery" => raw = truthy(value),
                _ => b.note(
                    line,
                    format!("{} {key}", args.place("--attributes")),
                    Reason::NotModelled,
                ),
            }
        }
    }
    args.not_modelled(b, &["--return-subscription-arn"]);
    let t = b.ensure(Res::Topic, &name);
    b.scenario.topics[t].subscriptions.push(Subscription {
        protocol,
        endpoint,
        raw_message_delivery: raw,
    });
}

pub(super) fn notifications(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((bucket, _)) = required(b, args, "--bucket", line) else {
        return;
    };
    let i = b.ensure(Res::Bucket, &bucket);
    let Some((config, line)) = args.structure(b, "--notification-configuration") else {
        return;
    };
    let base = args.place("--notification-configuration");
    for (key, value) in config.as_object().into_iter().flatten() {
        if key != "LambdaFunctionConfigurations" {
            b.note(line, format!("{base} {key}"), Reason::NotModelled);
            continue;
        }
        for (n, c) in value.as_array().into_iter().flatten().enumerate() {
            let place = format!("{base} {key}[{n}]");
            let Some(arn) = c.get("LambdaFunctionArn").and_then(Value::as_str) else {
                b.note(
                    line,
                    place,
                    Reason::Missing {
                        name: "LambdaFunctionArn",
                    },
                );
                continue;
            };
            let Some(f) = b.function(arn, line, &place) else {
                continue;
            };
            let arn = b.arn(
                Res::Function,
                &b.scenario.functions[f].function_name.clone(),
            );
            let events = c
                .get("Events")
                .and_then(Value::as_array)
                .map(|e| {
                    e.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_else(|| vec!["s3:ObjectCreated:*".to_string()]);
            let mut notification = LambdaNotification {
                lambda_function_arn: arn,
                events,
                prefix: String::new(),
                suffix: String::new(),
            };
            let rules = c
                .pointer("/Filter/Key/FilterRules")
                .and_then(Value::as_array);
            for rule in rules.into_iter().flatten() {
                let name = rule.get("Name").and_then(Value::as_str).unwrap_or("");
                let value = rule
                    .get("Value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                match name.to_ascii_lowercase().as_str() {
                    "prefix" => notification.prefix = value,
                    "suffix" => notification.suffix = value,
                    _ => b.note(line, format!("{place}.Filter"), Reason::UnknownProperty),
                }
            }
            for k in c.as_object().into_iter().flatten().map(|(k, _)| k) {
                if !matches!(k.as_str(), "LambdaFunctionArn" | "Events" | "Filter" | "Id") {
                    b.note(line, format!("{place}.{k}"), Reason::UnknownProperty);
                }
            }
            b.scenario.buckets[i]
                .lambda_function_configurations
                .push(notification);
        }
    }
    args.not_modelled(
        b,
        &["--skip-destination-validation", "--expected-bucket-owner"],
    );
}

/// The bus named by `--event-bus-name` (a name or ARN; `default` when absent).
fn bus_arg(b: &mut Builder, args: &mut Args) -> Option<usize> {
    match args.value(b, "--event-bus-name") {
        None => Some(b.ensure(Res::Bus, "default")),
        Some((name, line)) if name.starts_with("arn:") => {
            let place = args.place("--event-bus-name");
            match b.resolve(&name, line, &place)? {
                Target::Resource {
                    kind: Res::Bus,
                    name,
                    ..
                } => Some(b.ensure(Res::Bus, &name)),
                _ => None,
            }
        }
        Some((name, _)) => Some(b.ensure(Res::Bus, &name)),
    }
}

fn rule_index(b: &mut Builder, bus: usize, name: &str) -> usize {
    let rules = &mut b.scenario.event_buses[bus].rules;
    match rules.iter().position(|r| r.name == name) {
        Some(i) => i,
        None => {
            rules.push(Rule {
                name: name.to_string(),
                event_pattern: Value::Null,
                targets: Vec::new(),
            });
            rules.len() - 1
        }
    }
}

pub(super) fn put_rule(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((name, _)) = required(b, args, "--name", line) else {
        return;
    };
    let Some(bus) = bus_arg(b, args) else {
        return;
    };
    let r = rule_index(b, bus, &name);
    if let Some((pattern, line)) = args.value(b, "--event-pattern") {
        match serde_json::from_str::<Value>(&pattern) {
            Ok(p) => b.scenario.event_buses[bus].rules[r].event_pattern = p,
            Err(_) => b.note(
                line,
                args.place("--event-pattern"),
                Reason::BadValue {
                    value: shorten(&pattern),
                    expected: "an event pattern in JSON",
                },
            ),
        }
    }
    args.not_modelled(
        b,
        &[
            "--schedule-expression",
            "--state",
            "--description",
            "--role-arn",
            "--tags",
        ],
    );
}

pub(super) fn put_targets(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((name, _)) = required(b, args, "--rule", line) else {
        return;
    };
    let Some(bus) = bus_arg(b, args) else {
        return;
    };
    let r = rule_index(b, bus, &name);
    let Some((words, line)) = args.words("--targets") else {
        b.note(
            line,
            args.label.clone(),
            Reason::Missing { name: "--targets" },
        );
        return;
    };
    let place = args.place("--targets");
    let mut targets = Vec::new();
    for word in &words {
        let Some(text) = checked(b, word, &place) else {
            continue;
        };
        match parse_structure(&text) {
            Some(Value::Array(items)) => targets.extend(items),
            Some(item @ Value::Object(_)) => targets.push(item),
            _ => b.note(
                word.line,
                place.clone(),
                Reason::BadValue {
                    value: shorten(&text),
                    expected: "targets in JSON or Id=...,Arn=...",
                },
            ),
        }
    }
    for (n, target) in targets.iter().enumerate() {
        let place = format!("{place}[{n}]");
        let Some(arn) = target.get("Arn").and_then(Value::as_str) else {
            b.note(line, place, Reason::Missing { name: "Arn" });
            continue;
        };
        let arn = target_arn(b, arn, line, &place);
        b.scenario.event_buses[bus].rules[r].targets.push(arn);
        for k in target.as_object().into_iter().flatten().map(|(k, _)| k) {
            if !matches!(k.as_str(), "Id" | "Arn") {
                b.note(line, format!("{place}.{k}"), Reason::NotModelled);
            }
        }
    }
}
