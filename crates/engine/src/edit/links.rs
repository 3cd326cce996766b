//! Links: every link that could be drawn between two resources with AWS's answer, and drawing
//! or removing one.

use super::{apply, Edit, LinkOption, LinkSpec, Refused};
use crate::aws;
use crate::diagram::LinkKind;
use crate::scenario::{
    read, Destination, DestinationConfig, EventInvokeConfig, EventSourceMapping, Input,
    InvocationType, KafkaKind, LambdaNotification, Rule, Scenario, Subscription,
};
use crate::topology::{Kind, ResourceId, Topology};
use serde_json::json;
/// Every link that could be drawn from `from` to `to`, each with AWS's answer. Empty when
/// nothing in AWS links the two kinds.
pub fn link_options(scenario: &Scenario, from: &str, to: &str) -> Vec<LinkOption> {
    let topology = Topology::build(scenario);
    let (Some(a), Some(b)) = (topology.by_arn(from), topology.by_arn(to)) else {
        return Vec::new();
    };
    candidates(scenario, &topology, a, b)
        .into_iter()
        .filter_map(|spec| {
            let mut copy = scenario.clone();
            match apply(&mut copy, &Edit::Link(spec.clone())) {
                Ok(_) => Some(LinkOption {
                    link: spec,
                    refusal: Vec::new(),
                }),
                Err(Refused::Aws(refusal)) => Some(LinkOption {
                    link: spec,
                    refusal,
                }),
                Err(_) => None,
            }
        })
        .collect()
}

/// The links whose shape fits the pair, before asking AWS.
pub(super) fn candidates(
    scenario: &Scenario,
    topology: &Topology,
    from: ResourceId,
    to: ResourceId,
) -> Vec<LinkSpec> {
    let (a, b) = (topology.get(from), topology.get(to));
    let spec = |kind, mapping| LinkSpec {
        from: a.arn.clone(),
        to: b.arn.clone(),
        kind,
        mapping,
        qualifier: None,
    };
    let mut out = Vec::new();
    match (a.kind, b.kind) {
        (Kind::Client, Kind::Function) => {
            out.push(spec(LinkKind::SyncTrigger, None));
            out.push(spec(LinkKind::AsyncTrigger, None));
        }
        (Kind::Bucket, Kind::Function) => out.push(spec(LinkKind::AsyncTrigger, None)),
        (
            Kind::Queue | Kind::KinesisStream | Kind::DynamoDbStream | Kind::KafkaTopic,
            Kind::Function,
        ) => out.push(spec(LinkKind::Mapping, None)),
        (Kind::Topic, Kind::Function | Kind::Queue) => out.push(spec(LinkKind::Subscription, None)),
        (Kind::EventBus, Kind::Function | Kind::Queue | Kind::Topic) => {
            out.push(spec(LinkKind::RuleTarget, None))
        }
        (Kind::Queue, Kind::Queue) => out.push(spec(LinkKind::Redrive, None)),
        (Kind::Function, _) if b.kind != Kind::Client && b.kind != Kind::EventSourceMapping => {
            out.push(spec(LinkKind::OnSuccess, None));
            out.push(spec(LinkKind::OnFailure, None));
            if matches!(b.kind, Kind::Queue | Kind::Topic) {
                out.push(spec(LinkKind::DeadLetterQueue, None));
            }
            for (i, m) in scenario.event_source_mappings.iter().enumerate() {
                if topology.find(Kind::Function, &m.function_name) == Some(from) {
                    out.push(spec(LinkKind::MappingOnFailure, Some(i)));
                }
            }
        }
        _ => {}
    }
    out
}

pub(super) fn link(
    scenario: &mut Scenario,
    topology: &Topology,
    spec: &LinkSpec,
) -> Result<(), Refused> {
    let find = |arn: &str| {
        topology
            .by_arn(arn)
            .map(|id| topology.get(id).clone())
            .ok_or_else(|| Refused::Missing(arn.to_string()))
    };
    let (from, to) = (find(&spec.from)?, find(&spec.to)?);
    let no_link = || Refused::NoSuchLink(from.kind, to.kind);
    match spec.kind {
        LinkKind::SyncTrigger | LinkKind::AsyncTrigger if from.kind == Kind::Client => {
            let at = scenario
                .inputs
                .iter()
                .map(Input::at)
                .max()
                .map_or(0, |t| t + 1_000);
            scenario.inputs.push(Input::Invoke {
                at,
                function_name: to.name.clone(),
                invocation_type: if spec.kind == LinkKind::AsyncTrigger {
                    InvocationType::Event
                } else {
                    InvocationType::RequestResponse
                },
                payload: json!({}),
                client: Some(from.name.clone()),
            });
        }
        LinkKind::AsyncTrigger if from.kind == Kind::Bucket => {
            let bucket = scenario.buckets.get_mut(from.index).ok_or_else(no_link)?;
            let notification = read::part(
                &json!({ "LambdaFunctionArn": to.arn }),
                LambdaNotification::read,
            )
            .map_err(|_| no_link())?;
            bucket.lambda_function_configurations.push(notification);
        }
        LinkKind::Mapping => {
            let mut mapping = json!({ "FunctionName": to.name });
            match from.kind {
                Kind::KafkaTopic => {
                    let topic = scenario.kafka_topics.get(from.index).ok_or_else(no_link)?;
                    mapping["Topics"] = json!([topic.topic]);
                    mapping["StartingPosition"] = json!("TRIM_HORIZON");
                    match topic.cluster_kind {
                        KafkaKind::Msk => {
                            let cluster = from.arn.trim_end_matches(&format!("/{}", topic.topic));
                            mapping["EventSourceArn"] = json!(cluster);
                        }
                        KafkaKind::SelfManaged => {
                            mapping["SelfManagedCluster"] = json!(topic.cluster_name)
                        }
                    }
                }
                Kind::KinesisStream | Kind::DynamoDbStream => {
                    mapping["EventSourceArn"] = json!(from.arn);
                    mapping["StartingPosition"] = json!("TRIM_HORIZON");
                }
                _ => mapping["EventSourceArn"] = json!(from.arn),
            }
            let mapping = read::part(&mapping, EventSourceMapping::read).map_err(|_| no_link())?;
            scenario.event_source_mappings.push(mapping);
        }
        LinkKind::OnSuccess | LinkKind::OnFailure => {
            let function = scenario.functions.get_mut(from.index).ok_or_else(no_link)?;
            let config = function
                .event_invoke_config
                .get_or_insert_with(EventInvokeConfig::default)
                .destination_config
                .get_or_insert_with(DestinationConfig::default);
            let side = if spec.kind == LinkKind::OnSuccess {
                &mut config.on_success
            } else {
                &mut config.on_failure
            };
            *side = Some(Destination {
                destination: Some(to.arn.clone()),
            });
        }
        LinkKind::MappingOnFailure => {
            let mapping = spec
                .mapping
                .and_then(|i| scenario.event_source_mappings.get_mut(i))
                .ok_or_else(no_link)?;
            mapping
                .destination_config
                .get_or_insert_with(DestinationConfig::default)
                .on_failure = Some(Destination {
                destination: Some(to.arn.clone()),
            });
        }
        LinkKind::DeadLetterQueue => {
            let function = scenario.functions.get_mut(from.index).ok_or_else(no_link)?;
            function.dead_letter_config = Some(crate::scenario::DeadLetterConfig {
                target_arn: to.arn.clone(),
            });
        }
        LinkKind::Subscription => {
            let protocol = if to.kind == Kind::Function {
                "lambda"
            } else {
                "sqs"
            };
            let subscription = read::part(
                &json!({ "Protocol": protocol, "Endpoint": to.arn }),
                Subscription::read,
            )
            .map_err(|_| no_link())?;
            let topic = scenario.topics.get_mut(from.index).ok_or_else(no_link)?;
            topic.subscriptions.push(subscription);
        }
        LinkKind::RuleTarget => {
            let bus = scenario
                .event_buses
                .get_mut(from.index)
                .ok_or_else(no_link)?;
            match bus.rules.first_mut() {
                Some(rule) => rule.targets.push(to.arn.clone()),
                None => bus.rules.push(
                    read::part(
                        &json!({
                            "Name": "lambda-results",
                            "EventPattern": { "source": ["lambda"] },
                            "Targets": [to.arn],
                        }),
                        Rule::read,
                    )
                    .map_err(|_| no_link())?,
                ),
            }
        }
        LinkKind::Redrive => {
            let queue = scenario.queues.get_mut(from.index).ok_or_else(no_link)?;
            queue.redrive_policy = Some(crate::scenario::RedrivePolicy {
                dead_letter_target_arn: to.arn.clone(),
                max_receive_count: 3,
            });
        }
        LinkKind::SyncTrigger | LinkKind::AsyncTrigger => return Err(no_link()),
    }
    Ok(())
}

pub(super) fn unlink(
    scenario: &mut Scenario,
    topology: &Topology,
    spec: &LinkSpec,
) -> Result<(), Refused> {
    let find = |arn: &str| {
        topology
            .by_arn(arn)
            .map(|id| (id, topology.get(id).clone()))
            .ok_or_else(|| Refused::Missing(arn.to_string()))
    };
    let ((from_id, from), (to_id, to)) = (find(&spec.from)?, find(&spec.to)?);
    let points_to = |target: &str| topology.by_arn(target) == Some(to_id);
    match spec.kind {
        LinkKind::SyncTrigger | LinkKind::AsyncTrigger if from.kind == Kind::Client => {
            scenario.inputs.retain(|input| {
                !matches!(input, Input::Invoke { client: Some(c), function_name, invocation_type, .. }
                    if *c == from.name
                        && topology.find(Kind::Function, function_name) == Some(to_id)
                        && (*invocation_type == InvocationType::Event) == (spec.kind == LinkKind::AsyncTrigger))
            });
        }
        LinkKind::SyncTrigger => {}
        LinkKind::AsyncTrigger => {
            if let Some(bucket) = scenario.buckets.get_mut(from.index) {
                bucket.lambda_function_configurations.retain(|n| {
                    topology.find(Kind::Function, &n.lambda_function_arn) != Some(to_id)
                });
            }
        }
        LinkKind::Mapping => {
            scenario.event_source_mappings.retain(|m| {
                !(aws::mapping_source(topology, m) == Some(from_id)
                    && topology.find(Kind::Function, &m.function_name) == Some(to_id))
            });
        }
        LinkKind::OnSuccess | LinkKind::OnFailure => {
            let function = scenario.functions.get_mut(from.index);
            let slot = function.and_then(|f| f.event_invoke_config_mut(spec.qualifier.as_deref()));
            if let Some(slot) = slot {
                if let Some(invoke) = slot.as_mut() {
                    if let Some(config) = invoke.destination_config.as_mut() {
                        if spec.kind == LinkKind::OnSuccess {
                            config.on_success = None;
                        } else {
                            config.on_failure = None;
                        }
                        if config.on_success.is_none() && config.on_failure.is_none() {
                            invoke.destination_config = None;
                        }
                    }
                    // AWS refuses an EventInvokeConfig with nothing in it.
                    if invoke == &EventInvokeConfig::default() {
                        *slot = None;
                    }
                }
            }
        }
        LinkKind::MappingOnFailure => {
            for (i, m) in scenario.event_source_mappings.iter_mut().enumerate() {
                let chosen = spec.mapping.is_none_or(|wanted| wanted == i);
                if let Some(config) = m.destination_config.as_mut().filter(|_| chosen) {
                    if config.on_failure_arn().is_some_and(points_to) {
                        config.on_failure = None;
                    }
                }
            }
        }
        LinkKind::DeadLetterQueue => {
            if let Some(function) = scenario.functions.get_mut(from.index) {
                function.dead_letter_config = None;
            }
        }
        LinkKind::Subscription => {
            if let Some(topic) = scenario.topics.get_mut(from.index) {
                topic.subscriptions.retain(|s| {
                    topology.by_arn(&s.endpoint) != Some(to_id)
                        && topology.find(to.kind, &s.endpoint) != Some(to_id)
                });
            }
        }
        LinkKind::RuleTarget => {
            if let Some(bus) = scenario.event_buses.get_mut(from.index) {
                for rule in &mut bus.rules {
                    rule.targets.retain(|t| !points_to(t));
                }
            }
        }
        LinkKind::Redrive => {
            if let Some(queue) = scenario.queues.get_mut(from.index) {
                queue.redrive_policy = None;
            }
        }
    }
    Ok(())
}
