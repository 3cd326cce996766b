//! The AWS SAM template: the CloudFormation template with `Transform:
//! AWS::Serverless-2016-10-31`, each function as an `AWS::Serverless::Function` (inline code, the
//! same explicit role, `EventInvokeConfig` with SAM's destination `Type`, `DeadLetterQueue`), and
//! the SQS, Kinesis and DynamoDB mappings as the function's `Events` when SAM's event has every
//! parameter the mapping sets. Kafka mappings, and mappings SAM's events cannot express, stay
//! `AWS::Lambda::EventSourceMapping` resources, which a SAM template may hold as well.

use super::cloudformation::{get_att, Builder, Flavor};
use super::{Plan, HANDLER_PY, RUNTIME};
use crate::scenario::{EventSourceMapping, Function};
use crate::topology::{parse_arn, Kind};
use serde_json::{json, Map, Value};

/// The whole SAM template.
pub(super) fn template(plan: &Plan) -> Value {
    Builder::new(plan, Flavor::Sam).build()
}

/// SAM's `Type` for a destination ARN: `SQS`, `SNS`, `Lambda`, `EventBridge` or `S3Bucket`.
pub(super) fn destination_type(plan: &Plan, arn: &str) -> &'static str {
    let kind = plan.by_arn(arn).map(|id| plan.kind(id));
    let service = parse_arn(arn).map(|a| a.service);
    match (kind, service) {
        (Some(Kind::Queue), _) | (None, Some("sqs")) => "SQS",
        (Some(Kind::Topic), _) | (None, Some("sns")) => "SNS",
        (Some(Kind::Function), _) | (None, Some("lambda")) => "Lambda",
        (Some(Kind::EventBus), _) | (None, Some("events")) => "EventBridge",
        _ => "S3Bucket",
    }
}

/// SAM's event type for a mapping, when its source is in the scenario and SAM's event takes
/// every parameter the mapping sets.
pub(super) fn as_event(plan: &Plan, m: &EventSourceMapping) -> Option<&'static str> {
    plan.function(&m.function_name)?;
    let source = plan.source_of(m.event_source_arn.as_deref()?)?;
    // A SAM event invokes the function (or its AutoPublishAlias), never another qualifier.
    let qualified = crate::qualifier::split(&m.function_name).1.is_some();
    if m.self_managed_cluster.is_some() || !m.topics.is_empty() || qualified {
        return None;
    }
    match plan.kind(source) {
        Kind::Queue => {
            let stream_only = m.starting_position.is_some()
                || m.maximum_retry_attempts.is_some()
                || m.maximum_record_age_in_seconds.is_some()
                || m.bisect_batch_on_function_error.is_some()
                || m.parallelization_factor.is_some()
                || m.tumbling_window_in_seconds.is_some()
                || m.destination_config.is_some();
            (!stream_only).then_some("SQS")
        }
        Kind::KinesisStream => Some("Kinesis"),
        Kind::DynamoDbStream => Some("DynamoDB"),
        _ => None,
    }
}

/// Function `f` as an `AWS::Serverless::Function`.
pub(super) fn function(b: &mut Builder, f: usize, function: &Function, role: &str) -> Value {
    let plan = b.plan;
    let mut props = Map::new();
    props.insert(
        "FunctionName".into(),
        function.function_name.as_str().into(),
    );
    props.insert("Runtime".into(), RUNTIME.into());
    props.insert("Handler".into(), "index.handler".into());
    props.insert("InlineCode".into(), HANDLER_PY.into());
    props.insert("Role".into(), get_att(role, "Arn"));
    b.common_function_properties(f, function, &mut props);
    if let Some(dlq) = &function.dead_letter_config {
        let kind = if destination_type(plan, &dlq.target_arn) == "SNS" {
            "SNS"
        } else {
            "SQS"
        };
        props.insert(
            "DeadLetterQueue".into(),
            json!({ "Type": kind, "TargetArn": b.arn_value(&dlq.target_arn) }),
        );
    }
    // With AutoPublishAlias, SAM puts EventInvokeConfig on the alias it makes.
    let auto = super::versions::auto_publish_alias(function);
    if let Some(alias) = auto {
        props.insert("AutoPublishAlias".into(), alias.name.as_str().into());
    }
    let config = match auto {
        Some(alias) => alias
            .event_invoke_config
            .as_ref()
            .and_then(|c| b.invoke_config_value(c, true)),
        None => b.event_invoke_config(function, true),
    };
    if let Some(config) = config {
        props.insert("EventInvokeConfig".into(), config);
    }
    let mut events = Map::new();
    let mut used = std::collections::HashSet::new();
    for m in plan.mappings_of(f) {
        let Some(kind) = as_event(plan, m) else {
            continue;
        };
        let Some(source) = m
            .event_source_arn
            .as_deref()
            .and_then(|a| plan.source_of(a))
        else {
            continue;
        };
        let name = super::unique(
            &mut used,
            &format!("{}Mapping", super::pascal(plan.name(source))),
            "",
        );
        let mut properties = Map::new();
        let key = if kind == "SQS" { "Queue" } else { "Stream" };
        properties.insert(key.into(), b.arn_of(source));
        properties.extend(b.mapping_properties(m, false));
        events.insert(name, json!({ "Type": kind, "Properties": properties }));
    }
    if !events.is_empty() {
        props.insert("Events".into(), Value::Object(events));
    }
    json!({ "Type": "AWS::Serverless::Function", "Properties": props })
}
