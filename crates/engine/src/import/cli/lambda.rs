//! Lambda commands: a function's configuration, its event invoke configuration (destinations),
//! and event source mappings.

use super::args::{function_arg, qualified_function_arg, required, Args};
use crate::import::{Builder, Reason, Target};
use crate::scenario::{
    DeadLetterConfig, Destination, DestinationConfig, EventInvokeConfig, EventSourceMapping,
    KafkaKind,
};
use serde_json::Value;

pub(super) fn function_config(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    if let Some(n) = args.int(b, "--timeout") {
        b.scenario.functions[f].timeout = n;
    }
    if let Some((config, line)) = args.structure(b, "--dead-letter-config") {
        let place = args.place("--dead-letter-config");
        match config.get("TargetArn").and_then(Value::as_str) {
            Some("") => b.scenario.functions[f].dead_letter_config = None,
            Some(arn) => {
                let arn = target_arn(b, arn, line, &place);
                b.scenario.functions[f].dead_letter_config =
                    Some(DeadLetterConfig { target_arn: arn });
            }
            None => b.note(line, place, Reason::Missing { name: "TargetArn" }),
        }
    }
    if let Some((environment, line)) = args.structure(b, "--environment") {
        let place = args.place("--environment");
        let variables = environment.get("Variables").and_then(Value::as_object);
        for (name, value) in variables.into_iter().flatten() {
            let place = format!("{place} {name}");
            if name == crate::import::BEHAVIOR_VARIABLE {
                crate::import::read_behavior(b, f, value.as_str().unwrap_or(""), line, &place);
            } else {
                b.note(line, place, Reason::NotModelled);
            }
        }
    }
    if args.switch(b, "--publish") == Some(true) {
        crate::import::versions::publish(b, f);
    }
    args.not_modelled(
        b,
        &[
            "--runtime",
            "--handler",
            "--role",
            "--zip-file",
            "--code",
            "--memory-size",
            "--description",
            "--environment",
            "--tags",
            "--architectures",
            "--layers",
            "--package-type",
            "--no-publish",
            "--vpc-config",
            "--tracing-config",
            "--ephemeral-storage",
            "--logging-config",
            "--kms-key-arn",
            "--image-config",
            "--snap-start",
            "--file-system-configs",
            "--code-signing-config-arn",
            "--revision-id",
        ],
    );
}

/// The scenario ARN for a destination-like ARN: the resource is drawn when new. Unknown targets
/// keep the ARN as written, so validation explains it.
pub(super) fn target_arn(b: &mut Builder, arn: &str, line: usize, place: &str) -> String {
    match b.resolve(arn, line, place) {
        Some(Target::Resource { arn, .. }) => arn,
        Some(Target::KafkaCluster { .. }) | None => arn.to_string(),
    }
}

/// Reads `{"OnSuccess": {"Destination": ...}, "OnFailure": {...}}`.
fn destination_config(
    b: &mut Builder,
    value: &Value,
    line: usize,
    place: &str,
) -> DestinationConfig {
    let mut config = DestinationConfig::default();
    for (key, side) in value.as_object().into_iter().flatten() {
        let place = format!("{place} {key}");
        let slot = match key.as_str() {
            "OnSuccess" => &mut config.on_success,
            "OnFailure" => &mut config.on_failure,
            _ => {
                b.note(line, place, Reason::UnknownProperty);
                continue;
            }
        };
        let mut destination = Destination::default();
        for (k, v) in side.as_object().into_iter().flatten() {
            match (k.as_str(), v.as_str()) {
                ("Destination", Some(arn)) if arn.starts_with("kafka://") || arn.is_empty() => {
                    destination.destination = Some(arn.to_string())
                }
                ("Destination", Some(arn)) => {
                    destination.destination = Some(target_arn(b, arn, line, &place))
                }
                _ => b.note(line, format!("{place}.{k}"), Reason::UnknownProperty),
            }
        }
        *slot = Some(destination);
    }
    config
}

pub(super) fn invoke_config(b: &mut Builder, args: &mut Args, line: usize, put: bool) {
    let Some((f, qualifier)) = qualified_function_arg(b, args, line) else {
        args.skip_rest();
        return;
    };
    let retries = args.int(b, "--maximum-retry-attempts");
    let age = args.int(b, "--maximum-event-age-in-seconds");
    let destinations = args
        .structure(b, "--destination-config")
        .map(|(value, line)| {
            let place = args.place("--destination-config");
            destination_config(b, &value, line, &place)
        });
    let place = args.place("--function-name");
    let Some(slot) = crate::import::versions::config_slot(b, f, qualifier.as_deref(), line, &place)
    else {
        return;
    };
    let config = match slot {
        // `put` replaces the whole configuration of that qualifier.
        slot if put => slot.insert(EventInvokeConfig::default()),
        Some(config) => config,
        // `update` merges into a configuration that must exist (spec §2.9).
        None => {
            let name = b.scenario.functions[f].function_name.clone();
            let arn = b.arn(crate::import::Res::Function, &name);
            let q = qualifier.as_deref().unwrap_or(crate::qualifier::LATEST);
            let message = format!("The function {arn}:{q} doesn't have an EventInvokeConfig");
            b.note(
                line,
                place,
                Reason::Refused {
                    rule: crate::rules::RuleId::InvokeConfigMissing,
                    code: "ResourceNotFoundException",
                    message,
                },
            );
            return;
        }
    };
    if retries.is_some() {
        config.maximum_retry_attempts = retries;
    }
    if age.is_some() {
        config.maximum_event_age_in_seconds = age;
    }
    if destinations.is_some() {
        config.destination_config = destinations;
    }
}

pub(super) fn mapping(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((f, qualifier)) = qualified_function_arg(b, args, line) else {
        args.skip_rest();
        return;
    };
    let name = &b.scenario.functions[f].function_name;
    let mut m = EventSourceMapping {
        function_name: match qualifier {
            Some(q) => format!("{name}:{q}"),
            None => name.clone(),
        },
        enabled: true,
        ..Default::default()
    };
    let topics = args.list(b, "--topics").map(|(t, _)| t).unwrap_or_default();
    if let Some((arn, line)) = args.value(b, "--event-source-arn") {
        let place = args.place("--event-source-arn");
        match b.resolve(&arn, line, &place) {
            Some(Target::Resource { arn, .. }) => m.event_source_arn = Some(arn),
            Some(Target::KafkaCluster { name }) => {
                for topic in &topics {
                    b.ensure_kafka(&name, topic, KafkaKind::Msk);
                }
                m.event_source_arn = Some(b.kafka_arn(&name));
            }
            None => m.event_source_arn = Some(arn),
        }
    }
    if let Some((source, line)) = args.structure(b, "--self-managed-event-source") {
        let servers = source
            .pointer("/Endpoints/KAFKA_BOOTSTRAP_SERVERS")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str);
        match servers
            .and_then(|s| s.split(['.', ':']).next())
            .filter(|c| !c.is_empty())
        {
            Some(cluster) => {
                for topic in &topics {
                    b.ensure_kafka(cluster, topic, KafkaKind::SelfManaged);
                }
                m.self_managed_cluster = Some(cluster.to_string());
            }
            None => b.note(
                line,
                args.place("--self-managed-event-source"),
                Reason::Missing {
                    name: "Endpoints.KAFKA_BOOTSTRAP_SERVERS",
                },
            ),
        }
    }
    if m.event_source_arn.is_none() && m.self_managed_cluster.is_none() {
        b.note(
            line,
            args.label.clone(),
            Reason::Missing {
                name: "--event-source-arn",
            },
        );
    }
    m.topics = topics;
    m.batch_size = args.int(b, "--batch-size");
    m.maximum_batching_window_in_seconds = args.int(b, "--maximum-batching-window-in-seconds");
    m.starting_position = args.value(b, "--starting-position").map(|(v, _)| v);
    m.maximum_retry_attempts = args.int(b, "--maximum-retry-attempts");
    m.maximum_record_age_in_seconds = args.int(b, "--maximum-record-age-in-seconds");
    m.bisect_batch_on_function_error = args.switch(b, "--bisect-batch-on-function-error");
    m.parallelization_factor = args.int(b, "--parallelization-factor");
    m.tumbling_window_in_seconds = args.int(b, "--tumbling-window-in-seconds");
    if let Some((types, _)) = args.list(b, "--function-response-types") {
        m.function_response_types = types;
    }
    if let Some((value, line)) = args.structure(b, "--destination-config") {
        let place = args.place("--destination-config");
        m.destination_config = Some(destination_config(b, &value, line, &place));
    }
    if let Some(enabled) = args.switch(b, "--enabled") {
        m.enabled = enabled;
    }
    args.not_modelled(
        b,
        &[
            "--starting-position-timestamp",
            "--filter-criteria",
            "--scaling-config",
            "--queues",
            "--source-access-configurations",
            "--amazon-managed-kafka-event-source-config",
            "--self-managed-kafka-event-source-config",
            "--document-db-event-source-config",
            "--kms-key-arn",
            "--metrics-config",
            "--provisioned-poller-config",
            "--tags",
        ],
    );
    b.scenario.event_source_mappings.push(m);
}

/// `aws lambda publish-version --function-name f`: the next version, with no config of its own.
pub(super) fn publish_version(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    crate::import::versions::publish(b, f);
    args.not_modelled(b, &["--description", "--code-sha256", "--revision-id"]);
}

/// `aws lambda create-alias` / `update-alias --function-name f --name live --function-version 1
/// [--routing-config AdditionalVersionWeights={"2"=0.1}]`.
pub(super) fn alias(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    let Some((name, _)) = required(b, args, "--name", line) else {
        return;
    };
    let existing = b.scenario.functions[f]
        .aliases
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.function_version.clone());
    let version = match args.value(b, "--function-version") {
        Some((v, _)) => v,
        None => match existing {
            Some(v) => v,
            None => {
                b.note(
                    line,
                    args.label.clone(),
                    Reason::Missing {
                        name: "--function-version",
                    },
                );
                return;
            }
        },
    };
    let mut weights = Vec::new();
    if let Some((routing, line)) = args.structure(b, "--routing-config") {
        let place = args.place("--routing-config");
        let map = routing
            .get("AdditionalVersionWeights")
            .and_then(Value::as_object);
        for (v, weight) in map.into_iter().flatten() {
            match weight
                .as_f64()
                .or_else(|| weight.as_str().and_then(|w| w.parse().ok()))
            {
                Some(w) => weights.push((v.clone(), w)),
                None => b.note(
                    line,
                    format!("{place} {v}"),
                    Reason::BadValue {
                        value: crate::import::shorten(&weight.to_string()),
                        expected: "a weight from 0 to 1",
                    },
                ),
            }
        }
    }
    crate::import::versions::alias(b, f, &name, &version, weights);
    args.not_modelled(b, &["--description", "--revision-id"]);
}
