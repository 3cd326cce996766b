//! Removing and renaming resources, with every link, input and position that names them.

use super::links::unlink;
use super::{LinkSpec, Refused};
use crate::aws;
use crate::diagram;
use crate::scenario::{DestinationConfig, Input, Scenario};
use crate::topology::{unqualified_function_arn, Kind, ResourceId, Topology};
/// Removes a resource, every link to and from it, the inputs aimed at it and its position.
pub(super) fn remove(scenario: &mut Scenario, topology: &Topology, id: ResourceId) {
    let resource = topology.get(id).clone();
    for l in diagram::links(scenario, topology) {
        if l.from == id || l.to == id {
            let spec = LinkSpec {
                from: topology.get(l.from).arn.clone(),
                to: topology.get(l.to).arn.clone(),
                kind: l.kind,
                mapping: l.via.map(|v| topology.get(v).index),
                qualifier: l.qualifier.clone(),
            };
            let _ = unlink(scenario, topology, &spec);
        }
    }
    // Mappings whose function is gone, or whose source is gone, go with it.
    scenario.event_source_mappings.retain(|m| {
        topology.find(Kind::Function, &m.function_name) != Some(id)
            && aws::mapping_source(topology, m) != Some(id)
    });
    scenario
        .inputs
        .retain(|input| !input_targets(input, &resource));
    for function in &mut scenario.functions {
        if let Some(permissions) = function.permissions.as_mut() {
            permissions.retain(|p| p.resource != resource.arn);
        }
        // The destinations of versions and aliases (the diagram's links are `$LATEST`'s).
        let configs = function
            .versions
            .iter_mut()
            .map(|v| &mut v.event_invoke_config)
            .chain(
                function
                    .aliases
                    .iter_mut()
                    .map(|a| &mut a.event_invoke_config),
            );
        for config in configs.flatten() {
            if let Some(d) = config.destination_config.as_mut() {
                for side in [&mut d.on_success, &mut d.on_failure] {
                    let named = side
                        .as_ref()
                        .and_then(|s| s.arn())
                        .is_some_and(|arn| unqualified_function_arn(arn) == resource.arn);
                    if named {
                        *side = None;
                    }
                }
            }
        }
    }
    scenario.layout.remove(&resource.arn);
    let i = resource.index;
    match resource.kind {
        Kind::Function => drop_at(&mut scenario.functions, i),
        Kind::Queue => drop_at(&mut scenario.queues, i),
        Kind::Topic => drop_at(&mut scenario.topics, i),
        Kind::EventBus => drop_at(&mut scenario.event_buses, i),
        Kind::Bucket => drop_at(&mut scenario.buckets, i),
        Kind::KinesisStream => drop_at(&mut scenario.kinesis_streams, i),
        Kind::DynamoDbStream => drop_at(&mut scenario.dynamodb_tables, i),
        Kind::KafkaTopic => drop_at(&mut scenario.kafka_topics, i),
        Kind::Client => drop_at(&mut scenario.clients, i),
        Kind::EventSourceMapping => drop_at(&mut scenario.event_source_mappings, i),
    }
}

fn drop_at<T>(items: &mut Vec<T>, index: usize) {
    if index < items.len() {
        items.remove(index);
    }
}

/// Whether an input on the timeline is aimed at `resource`.
fn input_targets(input: &Input, resource: &crate::topology::Resource) -> bool {
    let name = resource.name.as_str();
    let is = |value: &str, kind: Kind| {
        let value = match kind {
            // `name:qualifier` names the function too.
            Kind::Function => crate::qualifier::split(value).0,
            _ => value,
        };
        resource.kind == kind && (value == name || unqualified_function_arn(value) == resource.arn)
    };
    match input {
        Input::Invoke {
            function_name,
            client,
            ..
        } => {
            is(function_name, Kind::Function)
                || client.as_deref().is_some_and(|c| is(c, Kind::Client))
        }
        Input::RevokePermission { function_name, .. }
        | Input::SetReservedConcurrency { function_name, .. }
        | Input::FailNext { function_name, .. } => is(function_name, Kind::Function),
        Input::PutRecord { stream_name, .. } => is(stream_name, Kind::KinesisStream),
        Input::PutItem { table_name, .. } => is(table_name, Kind::DynamoDbStream),
        Input::SendMessage { queue_name, .. } => is(queue_name, Kind::Queue),
        Input::Publish { topic_name, .. } => is(topic_name, Kind::Topic),
        Input::PutObject { bucket, .. } => is(bucket, Kind::Bucket),
        Input::PutEvents { event_bus_name, .. } => is(event_bus_name, Kind::EventBus),
        Input::Produce {
            cluster_name,
            topic,
            ..
        } => is(&format!("{cluster_name}/{topic}"), Kind::KafkaTopic),
        Input::DeleteResource { arn, .. } => *arn == resource.arn,
    }
}

/// Renames a resource; every reference to its name or ARN follows. Returns the new ARN.
pub(super) fn rename(
    scenario: &mut Scenario,
    topology: &Topology,
    arn: &str,
    name: &str,
) -> Result<String, Refused> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Refused::EmptyName);
    }
    let id = topology
        .by_arn(arn)
        .ok_or_else(|| Refused::Missing(arn.to_string()))?;
    let resource = topology.get(id).clone();
    let i = resource.index;
    let own: Option<&mut String> = match resource.kind {
        Kind::Function => scenario.functions.get_mut(i).map(|r| &mut r.function_name),
        Kind::Queue => scenario.queues.get_mut(i).map(|r| &mut r.queue_name),
        Kind::Topic => scenario.topics.get_mut(i).map(|r| &mut r.topic_name),
        Kind::EventBus => scenario.event_buses.get_mut(i).map(|r| &mut r.name),
        Kind::Bucket => scenario.buckets.get_mut(i).map(|r| &mut r.bucket_name),
        Kind::KinesisStream => scenario
            .kinesis_streams
            .get_mut(i)
            .map(|r| &mut r.stream_name),
        Kind::DynamoDbStream => scenario
            .dynamodb_tables
            .get_mut(i)
            .map(|r| &mut r.table_name),
        Kind::KafkaTopic => scenario.kafka_topics.get_mut(i).map(|r| &mut r.topic),
        Kind::Client => scenario.clients.get_mut(i).map(|r| &mut r.name),
        Kind::EventSourceMapping => scenario
            .event_source_mappings
            .get_mut(i)
            .map(|r| r.uuid.get_or_insert_with(String::new)),
    };
    let own = own.ok_or_else(|| Refused::Missing(arn.to_string()))?;
    let old_name = std::mem::replace(own, name.to_string());
    let new_arn = Topology::build(scenario).get(id).arn.clone();
    // References by name use the resource's own name field (for a Kafka topic, the topic alone).
    for (kind, reference) in references_mut(scenario) {
        // A function may be named with a qualifier (`name:live`, `arn…:function:name:3`), which
        // stays.
        let (base, qualifier) = match kind.or(Some(resource.kind)) {
            Some(Kind::Function) if resource.kind == Kind::Function => {
                crate::qualifier::split(reference)
            }
            _ => (reference.as_str(), None),
        };
        let renamed = if base == resource.arn {
            Some(new_arn.clone())
        } else if kind == Some(resource.kind) && base == old_name {
            Some(name.to_string())
        } else {
            None
        };
        if let Some(renamed) = renamed {
            *reference = match qualifier {
                Some(q) => format!("{renamed}:{q}"),
                None => renamed,
            };
        }
    }
    if let Some(point) = scenario.layout.remove(&resource.arn) {
        scenario.layout.insert(new_arn.clone(), point);
    }
    Ok(new_arn)
}

/// Every string in the scenario that refers to another resource, with the kind it names when it
/// may be a plain name (`None`: it is always an ARN).
fn references_mut(scenario: &mut Scenario) -> Vec<(Option<Kind>, &mut String)> {
    let mut out: Vec<(Option<Kind>, &mut String)> = Vec::new();
    let function = Some(Kind::Function);
    for f in &mut scenario.functions {
        if let Some(dlq) = f.dead_letter_config.as_mut() {
            out.push((None, &mut dlq.target_arn));
        }
        let configs = std::iter::once(&mut f.event_invoke_config)
            .chain(f.versions.iter_mut().map(|v| &mut v.event_invoke_config))
            .chain(f.aliases.iter_mut().map(|a| &mut a.event_invoke_config));
        for config in configs.flatten() {
            if let Some(config) = config.destination_config.as_mut() {
                destination_refs(config, &mut out);
            }
        }
        for p in f.permissions.iter_mut().flatten() {
            out.push((None, &mut p.resource));
        }
    }
    for q in &mut scenario.queues {
        if let Some(r) = q.redrive_policy.as_mut() {
            out.push((Some(Kind::Queue), &mut r.dead_letter_target_arn));
        }
    }
    for t in &mut scenario.topics {
        for s in &mut t.subscriptions {
            let kind = if s.protocol == "lambda" {
                function
            } else {
                Some(Kind::Queue)
            };
            out.push((kind, &mut s.endpoint));
        }
    }
    for bus in &mut scenario.event_buses {
        for rule in &mut bus.rules {
            for target in &mut rule.targets {
                out.push((None, target));
            }
        }
    }
    for b in &mut scenario.buckets {
        for n in &mut b.lambda_function_configurations {
            out.push((function, &mut n.lambda_function_arn));
        }
    }
    for m in &mut scenario.event_source_mappings {
        out.push((function, &mut m.function_name));
        if let Some(arn) = m.event_source_arn.as_mut() {
            out.push((None, arn));
        }
        for topic in &mut m.topics {
            out.push((Some(Kind::KafkaTopic), topic));
        }
        if let Some(config) = m.destination_config.as_mut() {
            destination_refs(config, &mut out);
        }
    }
    for input in &mut scenario.inputs {
        match input {
            Input::Invoke {
                function_name,
                client,
                ..
            } => {
                out.push((function, function_name));
                if let Some(client) = client.as_mut() {
                    out.push((Some(Kind::Client), client));
                }
            }
            Input::RevokePermission { function_name, .. }
            | Input::SetReservedConcurrency { function_name, .. }
            | Input::FailNext { function_name, .. } => out.push((function, function_name)),
            Input::PutRecord { stream_name, .. } => {
                out.push((Some(Kind::KinesisStream), stream_name))
            }
            Input::PutItem { table_name, .. } => out.push((Some(Kind::DynamoDbStream), table_name)),
            Input::SendMessage { queue_name, .. } => out.push((Some(Kind::Queue), queue_name)),
            Input::Publish { topic_name, .. } => out.push((Some(Kind::Topic), topic_name)),
            Input::PutObject { bucket, .. } => out.push((Some(Kind::Bucket), bucket)),
            Input::PutEvents { event_bus_name, .. } => {
                out.push((Some(Kind::EventBus), event_bus_name))
            }
            Input::Produce { topic, .. } => out.push((Some(Kind::KafkaTopic), topic)),
            Input::DeleteResource { arn, .. } => out.push((None, arn)),
        }
    }
    out
}

fn destination_refs<'a>(
    config: &'a mut DestinationConfig,
    out: &mut Vec<(Option<Kind>, &'a mut String)>,
) {
    for side in [config.on_success.as_mut(), config.on_failure.as_mut()]
        .into_iter()
        .flatten()
    {
        if let Some(arn) = side.destination.as_mut() {
            out.push((None, arn));
        }
    }
}
