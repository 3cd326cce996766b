//! Round trips: every gallery scenario exported (as the AWS CLI commands the inspector shows,
//! the CLI script, CloudFormation YAML and JSON, and SAM) and imported back draws the same
//! resources and the same links with the same settings. Behaviour scripts and the timeline have
//! no AWS form and are not compared.

use crate::common;

use common::{KAFKA_FORMS, SQS};
use engine::diagram::{links, LinkKind};
use engine::import;
use engine::{awscli, Scenario, Topology};

/// Resources as sorted `kind:name` labels.
fn resources(s: &Scenario) -> Vec<String> {
    let t = Topology::build(s);
    let mut out: Vec<String> = t
        .resources
        .iter()
        .filter(|r| r.kind != engine::Kind::Client && r.kind != engine::Kind::EventSourceMapping)
        .map(|r| format!("{}:{}", r.kind.as_str(), r.name))
        .collect();
    out.sort();
    out
}

/// Links as sorted `(kind, from, to)`, resources named by `kind:name`.
fn drawn(s: &Scenario) -> Vec<(LinkKind, String, String)> {
    let t = Topology::build(s);
    let label = |id| {
        let r = t.get(id);
        format!("{}:{}", r.kind.as_str(), r.name)
    };
    let mut out: Vec<(LinkKind, String, String)> = links(s, &t)
        .into_iter()
        // Clients only exist on the canvas; the AWS forms have no caller.
        .filter(|l| t.get(l.from).kind != engine::Kind::Client)
        .map(|l| (l.kind, label(l.from), label(l.to)))
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

/// The AWS-shaped settings that both forms carry.
fn settings(s: &Scenario, with_behavior: bool) -> serde_json::Value {
    let mut mappings: Vec<serde_json::Value> = s
        .event_source_mappings
        .iter()
        .map(|m| {
            serde_json::json!({
                "function": m.function_name, "source": m.event_source_arn, "cluster": m.self_managed_cluster,
                "topics": m.topics, "batch": m.batch_size, "window": m.maximum_batching_window_in_seconds,
                "retries": m.maximum_retry_attempts, "age": m.maximum_record_age_in_seconds,
                "bisect": m.bisect_batch_on_function_error, "parallel": m.parallelization_factor,
                "tumbling": m.tumbling_window_in_seconds, "types": m.function_response_types,
                "destinations": m.destination_config, "enabled": m.enabled, "start": m.starting_position,
            })
        })
        .collect();
    mappings.sort_by_key(|m| m.to_string());
    let functions: Vec<serde_json::Value> = s
        .functions
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.function_name, "timeout": f.timeout, "reserved": f.reserved_concurrent_executions,
                "dlq": f.dead_letter_config, "invoke": f.event_invoke_config, "loop": f.recursive_loop,
                "versions": f.versions, "aliases": f.aliases,
                "behavior": if with_behavior { serde_json::json!(f.behavior) } else { serde_json::Value::Null },
            })
        })
        .collect();
    let queues: Vec<serde_json::Value> = s
        .queues
        .iter()
        .map(|q| {
            serde_json::json!([
                q.queue_name,
                q.fifo_queue,
                q.visibility_timeout,
                q.redrive_policy,
                q.message_retention_period
            ])
        })
        .collect();
    let mut functions = functions;
    functions.sort_by_key(|f| f.to_string());
    let mut queues = queues;
    queues.sort_by_key(|q| q.to_string());
    // Every rule with its whole event pattern, as the exports must carry it unchanged. A rule
    // without a pattern is exported with one that matches every event.
    let mut rules: Vec<serde_json::Value> = s
        .event_buses
        .iter()
        .flat_map(|b| {
            b.rules.iter().map(|r| {
                let pattern = if r.event_pattern.is_null() {
                    serde_json::json!({ "source": [{ "prefix": "" }] })
                } else {
                    r.event_pattern.clone()
                };
                serde_json::json!([b.name, r.name, pattern, r.targets])
            })
        })
        .collect();
    rules.sort_by_key(|r| r.to_string());
    serde_json::json!({ "functions": functions, "queues": queues, "mappings": mappings, "rules": rules })
}

/// A function reading topic `orders` of cluster `events` in each Kafka form, failing records
/// going to an SQS queue or (as `kafka://`) to another topic of the cluster.
fn kafka() -> Vec<(String, Scenario)> {
    let mut out = Vec::new();
    for form in KAFKA_FORMS {
        // The AWS forms create no Kafka topics: the scenario has only those its mapping names.
        let failures = form.topic("events", "orders-failures", 1);
        for (destination, topics) in [
            (format!("{SQS}:failed"), form.topic("events", "orders", 1)),
            (
                "kafka://orders-failures".into(),
                format!("{},{failures}", form.topic("events", "orders", 1)),
            ),
        ] {
            let text = format!(
                r#"{{"version":1,"functions":[{{"FunctionName":"consume"}}],"queues":[{{"QueueName":"failed"}}],
                "kafkaTopics":[{topics}],
                "eventSourceMappings":[{{"FunctionName":"consume",{},"StartingPosition":"TRIM_HORIZON","BatchSize":50,
                    "MaximumRetryAttempts":2,"MaximumRecordAgeInSeconds":3600,"BisectBatchOnFunctionError":true,
                    "DestinationConfig":{{"OnFailure":{{"Destination":"{destination}"}}}}}}]}}"#,
                form.source("events", "orders"),
            );
            let scenario = Scenario::from_json(&text).expect("a Kafka scenario");
            let topology = Topology::build(&scenario);
            assert_eq!(
                engine::validate(&scenario, &topology),
                vec![],
                "{form:?} to {destination}"
            );
            out.push((format!("{form:?} to {destination}"), scenario));
        }
    }
    out
}

/// A rule routing failures with every operator of EventBridge's patterns, on a custom bus and on
/// the default bus.
fn patterns() -> Vec<(String, Scenario)> {
    let pattern = r#"{"source":["lambda"],"detail-type":[{"equals-ignore-case":"lambda function invocation result - failure"}],
        "resources":[{"wildcard":"arn:aws:lambda:*:function:score-lead:*"}],
        "detail":{"requestContext":{"condition":[{"anything-but":{"prefix":"Success"}}],"approximateInvokeCount":[{"numeric":[">",0,"<=",3]},{"anything-but":[7,8.5]}]},
          "responseContext":{"functionError":[{"exists":true}]},
          "responsePayload":{"errorType":[{"anything-but":["ValueError","TypeError"]},{"prefix":{"equals-ignore-case":"sandbox."}},{"suffix":"Error"},{"anything-but":{"suffix":[".Timedout"]}},{"anything-but":{"equals-ignore-case":"x"}},{"anything-but":{"wildcard":"Runtime.*"}},{"wildcard":"a\\*b*"}]},
          "requestPayload":{"ip":[{"cidr":"10.0.0.0/24"},{"cidr":"2001:db8::/32"}],"tag":["a: #b","${x}","",null,true,false,0,-1.5e3,"*"],"note":[{"exists":false}]},
          "$or":[{"version":[{"prefix":"1"}]},{"timestamp":[{"suffix":"Z"}],"$or":[{"a":[1]},{"b":[{"exactly":"c"}]}]}]}}"#;
    let text = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"score-lead"}},{{"FunctionName":"triage"}}],"queues":[{{"QueueName":"oncall"}}],
        "eventBuses":[{{"Name":"results","Rules":[{{"Name":"every-operator","EventPattern":{pattern},"Targets":["{SQS}:oncall"]}},
            {{"Name":"no-pattern","Targets":["{SQS}:oncall"]}}]}},
          {{"Name":"default","Rules":[{{"Name":"on-default","EventPattern":{pattern},"Targets":["arn:aws:lambda:us-east-2:123456789012:function:triage"]}}]}}]}}"#
    );
    let scenario = Scenario::from_json(&text).expect("a scenario with patterns");
    let topology = Topology::build(&scenario);
    assert_eq!(engine::validate(&scenario, &topology), vec![]);
    vec![("every operator".to_string(), scenario)]
}

#[test]
fn an_event_pattern_with_every_operator_comes_back_unchanged_from_every_export() {
    use engine::export::{awscli_script, cloudformation_json, cloudformation_yaml, sam_yaml};
    cli_commands_round_trip(patterns());
    round_trip(
        patterns(),
        "CloudFormation YAML",
        cloudformation_yaml,
        template_notes,
    );
    round_trip(
        patterns(),
        "CloudFormation JSON",
        cloudformation_json,
        template_notes,
    );
    round_trip(patterns(), "SAM", sam_yaml, template_notes);
    round_trip(patterns(), "CLI script", awscli_script, script_notes);
}

/// Queues that keep messages 2 minutes and 14 days, one the other's dead-letter queue.
fn retention() -> Vec<(String, Scenario)> {
    let text = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"consume"}}],
        "queues":[{{"QueueName":"orders","MessageRetentionPeriod":120,"VisibilityTimeout":20,
            "RedrivePolicy":{{"deadLetterTargetArn":"{SQS}:orders-dlq","maxReceiveCount":3}}}},
          {{"QueueName":"orders-dlq","MessageRetentionPeriod":1209600}}],
        "eventSourceMappings":[{{"FunctionName":"consume","EventSourceArn":"{SQS}:orders"}}]}}"#
    );
    let scenario = Scenario::from_json(&text).expect("a scenario with retention");
    vec![("retention".to_string(), scenario)]
}

#[test]
fn a_queues_message_retention_period_comes_back_from_every_export() {
    use engine::export::{awscli_script, cloudformation_json, cloudformation_yaml, sam_yaml};
    cli_commands_round_trip(retention());
    round_trip(
        retention(),
        "CloudFormation YAML",
        cloudformation_yaml,
        template_notes,
    );
    round_trip(
        retention(),
        "CloudFormation JSON",
        cloudformation_json,
        template_notes,
    );
    round_trip(retention(), "SAM", sam_yaml, template_notes);
    round_trip(retention(), "CLI script", awscli_script, script_notes);
}

#[test]
fn every_gallery_scenario_comes_back_from_its_cli_commands_with_the_same_diagram() {
    cli_commands_round_trip(common::gallery_scenarios());
}

#[test]
fn a_kafka_mapping_of_either_form_comes_back_from_its_cli_commands_with_the_same_diagram() {
    cli_commands_round_trip(kafka());
}

fn cli_commands_round_trip(scenarios: Vec<(String, Scenario)>) {
    for (name, scenario) in scenarios {
        let topology = Topology::build(&scenario);
        let text: Vec<String> = awscli::commands(&scenario, &topology)
            .into_iter()
            .map(|c| c.text)
            .collect();
        let text = text.join("\n\n");
        let imported = import::from_text(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back = &imported.scenario;
        assert_eq!(resources(back), resources(&scenario), "{name}: resources");
        assert_eq!(drawn(back), drawn(&scenario), "{name}: links");
        // The inspector's commands carry no behaviour.
        assert_eq!(
            settings(back, false),
            settings(&scenario, false),
            "{name}: settings"
        );
        // Only code, runtime and IAM details are left out: nothing the diagram shows.
        for note in &imported.not_understood {
            assert!(
                matches!(&note.reason, import::Reason::NotModelled)
                    || matches!(&note.reason, import::Reason::FileReference { path } if path == "fileb://function.zip"),
                "{name}: {note}"
            );
        }
    }
}

/// Templates name buckets `<name>-<account>-<region>` (bucket names are global); the export
/// says so in a note. Undo that before comparing.
fn without_bucket_suffix(mut s: Scenario, original: &Scenario) -> Scenario {
    let suffix = format!("-{}-{}", original.account, original.region);
    let renames: Vec<(String, String)> = s
        .buckets
        .iter()
        .filter_map(|b| {
            b.bucket_name
                .strip_suffix(&suffix)
                .map(|n| (b.bucket_name.clone(), n.to_string()))
        })
        .collect();
    for b in &mut s.buckets {
        if let Some(n) = b.bucket_name.strip_suffix(&suffix) {
            b.bucket_name = n.to_string();
        }
    }
    // ARNs that mention the renamed buckets (destinations, DLQs, rule targets).
    let mut json = serde_json::to_string(&s).expect("json");
    for (from, to) in renames {
        json = json.replace(
            &format!("arn:aws:s3:::{from}\""),
            &format!("arn:aws:s3:::{to}\""),
        );
    }
    serde_json::from_str(&json).expect("scenario")
}

fn round_trip(
    scenarios: Vec<(String, Scenario)>,
    format: &str,
    export: fn(&Scenario, &Topology) -> String,
    allowed: fn(&import::NotUnderstood) -> bool,
) {
    for (name, scenario) in scenarios {
        let topology = Topology::build(&scenario);
        let text = export(&scenario, &topology);
        let imported =
            import::from_text(&text).unwrap_or_else(|e| panic!("{name} ({format}): {e}"));
        let back = without_bucket_suffix(imported.scenario.clone(), &scenario);
        assert_eq!(
            resources(&back),
            resources(&scenario),
            "{name} ({format}): resources"
        );
        assert_eq!(drawn(&back), drawn(&scenario), "{name} ({format}): links");
        // The exports carry each function's behaviour in an environment variable.
        assert_eq!(
            settings(&back, true),
            settings(&scenario, true),
            "{name} ({format}): settings"
        );
        for note in &imported.not_understood {
            assert!(allowed(note), "{name} ({format}): {note}");
        }
    }
}

/// Templates carry code, IAM roles, permissions and the export's own metadata: understood,
/// not simulated.
fn template_notes(note: &import::NotUnderstood) -> bool {
    note.reason == import::Reason::NotModelled
}

#[test]
fn every_gallery_scenario_comes_back_from_its_cloudformation_yaml() {
    round_trip(
        common::gallery_scenarios(),
        "CloudFormation YAML",
        engine::export::cloudformation_yaml,
        template_notes,
    );
}

#[test]
fn every_gallery_scenario_comes_back_from_its_cloudformation_json() {
    round_trip(
        common::gallery_scenarios(),
        "CloudFormation JSON",
        engine::export::cloudformation_json,
        template_notes,
    );
}

#[test]
fn every_gallery_scenario_comes_back_from_its_sam_template() {
    round_trip(
        common::gallery_scenarios(),
        "SAM",
        engine::export::sam_yaml,
        template_notes,
    );
}

#[test]
fn every_gallery_scenario_comes_back_from_its_cli_script() {
    round_trip(
        common::gallery_scenarios(),
        "CLI script",
        engine::export::awscli_script,
        script_notes,
    );
}

/// The script carries shell lines, IAM and the handler's file next to the AWS commands.
fn script_notes(note: &import::NotUnderstood) -> bool {
    matches!(
        note.reason,
        import::Reason::NotModelled
            | import::Reason::NotAwsCommand
            | import::Reason::FileReference { .. }
    )
}

#[test]
fn a_kafka_mapping_of_either_form_comes_back_from_every_export() {
    use engine::export::{awscli_script, cloudformation_json, cloudformation_yaml, sam_yaml};
    round_trip(
        kafka(),
        "CloudFormation YAML",
        cloudformation_yaml,
        template_notes,
    );
    round_trip(
        kafka(),
        "CloudFormation JSON",
        cloudformation_json,
        template_notes,
    );
    round_trip(kafka(), "SAM", sam_yaml, template_notes);
    round_trip(kafka(), "CLI script", awscli_script, script_notes);
}

/// The versions-and-aliases fixture: versions, aliases with routing weights, configs per
/// qualifier, and a subscription, rule target, notification and mapping through qualifiers.
/// With it, one version and its alias (the shape SAM's `AutoPublishAlias` makes).
fn versions_and_aliases() -> Vec<(String, Scenario)> {
    ["versions-and-aliases", "one-version-one-alias"]
        .iter()
        .map(|name| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/scenarios/{name}.json"));
            let text = std::fs::read_to_string(path).expect("the fixture");
            let scenario = Scenario::from_json(&text).expect("the fixture parses");
            let topology = Topology::build(&scenario);
            assert_eq!(engine::validate(&scenario, &topology), vec![], "{name}");
            (name.to_string(), scenario)
        })
        .collect()
}

#[test]
fn spec_2_9_versions_aliases_and_their_configs_come_back_from_every_export() {
    use engine::export::{awscli_script, cloudformation_json, cloudformation_yaml, sam_yaml};
    cli_commands_round_trip(versions_and_aliases());
    round_trip(
        versions_and_aliases(),
        "CloudFormation YAML",
        cloudformation_yaml,
        template_notes,
    );
    round_trip(
        versions_and_aliases(),
        "CloudFormation JSON",
        cloudformation_json,
        template_notes,
    );
    round_trip(versions_and_aliases(), "SAM", sam_yaml, template_notes);
    round_trip(
        versions_and_aliases(),
        "CLI script",
        awscli_script,
        script_notes,
    );
}
