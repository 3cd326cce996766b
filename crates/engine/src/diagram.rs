//! The links of a scenario as a diagram shows them: triggers (with their invocation type),
//! destinations, dead-letter queues, subscriptions, rule targets and redrive policies, each with
//! the resource ids at both ends. Derived from the scenario, never stored twice.

use crate::aws;
use crate::scenario::{InvocationType, Scenario};
use crate::topology::{Kind, ResourceId, Topology};
use serde::Serialize;

/// What a link means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LinkKind {
    /// A service or client invokes the function synchronously.
    SyncTrigger,
    /// A service or client invokes the function asynchronously.
    AsyncTrigger,
    /// An event source mapping polls the source and invokes the function synchronously.
    Mapping,
    /// Async OnSuccess destination.
    OnSuccess,
    /// Async OnFailure destination.
    OnFailure,
    /// A mapping's OnFailure destination.
    MappingOnFailure,
    /// The function's dead-letter queue.
    DeadLetterQueue,
    /// An SNS subscription.
    Subscription,
    /// An EventBridge rule target.
    RuleTarget,
    /// An SQS redrive policy.
    Redrive,
}

impl LinkKind {
    /// Stable name used in CSS classes and test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::SyncTrigger => "sync",
            LinkKind::AsyncTrigger => "async",
            LinkKind::Mapping => "mapping",
            LinkKind::OnSuccess => "on-success",
            LinkKind::OnFailure => "on-failure",
            LinkKind::MappingOnFailure => "mapping-on-failure",
            LinkKind::DeadLetterQueue => "dlq",
            LinkKind::Subscription => "subscription",
            LinkKind::RuleTarget => "rule-target",
            LinkKind::Redrive => "redrive",
        }
    }
}

/// One link between two resources.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Where it starts.
    pub from: ResourceId,
    /// Where it ends.
    pub to: ResourceId,
    /// What it means.
    pub kind: LinkKind,
    /// For mapping links: the mapping resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<ResourceId>,
    /// For a destination of a published version or an alias: its qualifier (`1`, `live`);
    /// `None` for `$LATEST` and every other link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// Every link of the scenario, in a stable order.
pub fn links(scenario: &Scenario, topology: &Topology) -> Vec<Link> {
    let mut out = Vec::new();
    let mut push = |from: Option<ResourceId>,
                    to: Option<ResourceId>,
                    kind: LinkKind,
                    via: Option<ResourceId>| {
        if let (Some(from), Some(to)) = (from, to) {
            if !out
                .iter()
                .any(|l: &Link| l.from == from && l.to == to && l.kind == kind)
            {
                out.push(Link {
                    from,
                    to,
                    kind,
                    via,
                    qualifier: None,
                });
            }
        }
    };
    for bucket in &scenario.buckets {
        let from = topology.find(Kind::Bucket, &bucket.bucket_name);
        for n in &bucket.lambda_function_configurations {
            push(
                from,
                topology.find(Kind::Function, &n.lambda_function_arn),
                LinkKind::AsyncTrigger,
                None,
            );
        }
    }
    for input in &scenario.inputs {
        if let crate::scenario::Input::Invoke {
            function_name,
            invocation_type,
            client: Some(client),
            ..
        } = input
        {
            let kind = if *invocation_type == InvocationType::Event {
                LinkKind::AsyncTrigger
            } else {
                LinkKind::SyncTrigger
            };
            push(
                topology.find(Kind::Client, client),
                topology.find(Kind::Function, function_name),
                kind,
                None,
            );
        }
    }
    for (i, m) in scenario.event_source_mappings.iter().enumerate() {
        let mapping = topology.id_of(Kind::EventSourceMapping, i);
        let source = aws::mapping_source(topology, m);
        let function = topology.find(Kind::Function, &m.function_name);
        push(source, function, LinkKind::Mapping, mapping);
        if let Some(target) = m
            .destination_config
            .as_ref()
            .and_then(|d| d.on_failure_arn())
        {
            // A Kafka mapping's `kafka://<topic>` destination is a topic of the source's cluster.
            let to = match target.strip_prefix("kafka://") {
                Some(topic) => aws::kafka_destination(scenario, topology, m, topic),
                None => topology.by_arn(target),
            };
            push(function, to, LinkKind::MappingOnFailure, mapping);
        }
    }
    for f in &scenario.functions {
        let from = topology.find(Kind::Function, &f.function_name);
        if let Some(d) = f
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.destination_config.as_ref())
        {
            push(
                from,
                d.on_success_arn().and_then(|a| topology.by_arn(a)),
                LinkKind::OnSuccess,
                None,
            );
            push(
                from,
                d.on_failure_arn().and_then(|a| topology.by_arn(a)),
                LinkKind::OnFailure,
                None,
            );
        }
        if let Some(dlq) = &f.dead_letter_config {
            push(
                from,
                topology.by_arn(&dlq.target_arn),
                LinkKind::DeadLetterQueue,
                None,
            );
        }
    }
    for t in &scenario.topics {
        let from = topology.find(Kind::Topic, &t.topic_name);
        for s in &t.subscriptions {
            let to = match s.protocol.as_str() {
                "sqs" => topology.find(Kind::Queue, &s.endpoint),
                "lambda" => topology.find(Kind::Function, &s.endpoint),
                _ => None,
            };
            push(from, to, LinkKind::Subscription, None);
        }
    }
    for bus in &scenario.event_buses {
        let from = topology.find(Kind::EventBus, &bus.name);
        for rule in &bus.rules {
            for target in &rule.targets {
                push(from, topology.by_arn(target), LinkKind::RuleTarget, None);
            }
        }
    }
    for q in &scenario.queues {
        if let Some(r) = &q.redrive_policy {
            push(
                topology.find(Kind::Queue, &q.queue_name),
                topology.find(Kind::Queue, &r.dead_letter_target_arn),
                LinkKind::Redrive,
                None,
            );
        }
    }
    out
}

/// Every link of the scenario ([`links`]), then the OnSuccess and OnFailure destinations of
/// each function's published versions and aliases, which the diagram also draws (each with its
/// qualifier; the checks of lessons and edits read [`links`], `$LATEST`'s).
pub fn links_with_qualifiers(scenario: &Scenario, topology: &Topology) -> Vec<Link> {
    let mut out = links(scenario, topology);
    for f in &scenario.functions {
        let Some(from) = topology.find(Kind::Function, &f.function_name) else {
            continue;
        };
        let qualified = f
            .event_invoke_configs()
            .into_iter()
            .filter(|(qualifier, _)| *qualifier != "$LATEST");
        for (qualifier, config) in qualified {
            let Some(d) = &config.destination_config else {
                continue;
            };
            let sides = [
                (d.on_success_arn(), LinkKind::OnSuccess),
                (d.on_failure_arn(), LinkKind::OnFailure),
            ];
            for (arn, kind) in sides {
                if let Some(to) = arn.and_then(|a| topology.by_arn(a)) {
                    out.push(Link {
                        from,
                        to,
                        kind,
                        via: None,
                        qualifier: Some(qualifier.to_string()),
                    });
                }
            }
        }
    }
    out
}

/// Resources drawn as nodes: everything but mappings, which are drawn as links.
pub fn nodes(topology: &Topology) -> impl Iterator<Item = ResourceId> + '_ {
    (0..topology.resources.len() as ResourceId)
        .filter(|&id| topology.get(id).kind != Kind::EventSourceMapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_scenario_links_upload_destinations_and_mapping() {
        let text = include_str!("../../../static/gallery/image-processing.json");
        let scenario = Scenario::from_json(text).expect("gallery scenario parses");
        let topology = Topology::build(&scenario);
        let kinds: Vec<&str> = links(&scenario, &topology)
            .iter()
            .map(|l| l.kind.as_str())
            .collect();
        assert_eq!(kinds, ["async", "mapping", "on-success", "on-failure"]);
    }
}
