//! Editing a scenario the way the canvas does: add, remove, rename, move, link, unlink, copy and
//! paste. Resources are named by ARN in every edit, so an edit stays meaningful after the
//! topology is rebuilt (undo, autosave, a shared link).
//!
//! Whether AWS would accept an edit is never decided here: the edit is applied to a copy, the
//! copy is validated with [`validate`], and the errors that the edit introduced are the reason it
//! is refused. The messages a learner sees are the engine's findings, in AWS's words.

use crate::aws;
use crate::diagram::{self, Link, LinkKind};
use crate::scenario::{read, write};
use crate::scenario::{
    Destination, DestinationConfig, EventInvokeConfig, Input, InvocationType, KafkaKind, Point,
    Scenario,
};
use crate::topology::{unqualified_function_arn, Kind, ResourceId, Topology};
use crate::validate::{validate, Finding, Severity};
use serde_json::{json, Value};

/// The kinds a learner can draw, in palette order.
pub const PALETTE: [Kind; 9] = [
    Kind::Function,
    Kind::Queue,
    Kind::Topic,
    Kind::EventBus,
    Kind::Bucket,
    Kind::KinesisStream,
    Kind::DynamoDbStream,
    Kind::KafkaTopic,
    Kind::Client,
];

/// A link a learner can draw between two resources, with what AWS would say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkOption {
    /// The link.
    pub link: LinkSpec,
    /// The errors AWS would answer with; empty when the link is accepted.
    pub refusal: Vec<Finding>,
}

impl LinkOption {
    /// Whether AWS accepts the link.
    pub fn accepted(&self) -> bool {
        self.refusal.is_empty()
    }
}

/// One link, by the ARNs of its ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LinkSpec {
    /// ARN of the resource it starts at (for a client: `client:name`).
    pub from: String,
    /// ARN of the resource it ends at.
    pub to: String,
    /// What it means.
    pub kind: LinkKind,
    /// For a mapping's OnFailure link: the index of the mapping.
    pub mapping: Option<usize>,
}

/// Something a learner did to the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Draw a new resource of this kind at a point.
    Add(Kind, Point),
    /// Put a copy of a resource at a point.
    Paste(Box<Element>, Point),
    /// Remove a resource and every link to and from it.
    Remove(Vec<String>),
    /// Give a resource another name; every reference follows.
    Rename(String, String),
    /// Move resources to these points.
    Move(Vec<(String, Point)>),
    /// Draw a link.
    Link(LinkSpec),
    /// Remove a link.
    Unlink(LinkSpec),
    /// Forget every position, so the automatic left-to-right layout places everything.
    Tidy,
    /// Set one field of a resource's configuration, addressed by a JSON pointer into its
    /// scenario form (e.g. `/EventInvokeConfig/MaximumRetryAttempts`); `null` removes the
    /// field, so AWS's default applies again.
    Set {
        /// The resource (a function, queue, …, or an event source mapping).
        arn: String,
        /// Where in its configuration.
        pointer: String,
        /// The new value.
        value: Value,
    },
}

/// Why an edit was not made.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// AWS would refuse the result: its errors.
    Aws(Vec<Finding>),
    /// The resource named is not in the scenario (any more).
    Missing(String),
    /// The same link already exists.
    AlreadyLinked,
    /// Nothing in AWS links these two kinds of resource.
    NoSuchLink(Kind, Kind),
    /// A name must not be empty.
    EmptyName,
    /// The value does not fit the field (a word where a number goes): the reader's message.
    Invalid(String),
}

/// A copied resource: its whole configuration, without the links other resources own.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// What it is.
    pub kind: Kind,
    /// Its configuration, in the scenario format.
    pub config: Value,
}

/// Applies an edit, or says why not; on refusal `scenario` is unchanged. Returns the ARN of the
/// resource the edit created or renamed, when there is one, so the caller can select it.
pub fn apply(scenario: &mut Scenario, edit: &Edit) -> Result<Option<String>, Refused> {
    let before = Topology::build(scenario);
    let mut next = scenario.clone();
    let created = match edit {
        Edit::Add(kind, at) => {
            let element = new_element(&before, *kind).ok_or(Refused::NoSuchLink(*kind, *kind))?;
            Some(insert(&mut next, &element, *at)?)
        }
        Edit::Paste(element, at) => Some(insert(&mut next, element, *at)?),
        Edit::Remove(arns) => {
            for arn in arns {
                let topology = Topology::build(&next);
                let id = topology
                    .by_arn(arn)
                    .ok_or_else(|| Refused::Missing(arn.clone()))?;
                remove(&mut next, &topology, id);
            }
            None
        }
        Edit::Rename(arn, name) => Some(rename(&mut next, &before, arn, name)?),
        Edit::Move(moves) => {
            for (arn, at) in moves {
                before
                    .by_arn(arn)
                    .ok_or_else(|| Refused::Missing(arn.clone()))?;
                next.layout.insert(arn.clone(), *at);
            }
            None
        }
        Edit::Link(spec) => {
            let fits = match (before.by_arn(&spec.from), before.by_arn(&spec.to)) {
                (Some(a), Some(b)) => candidates(scenario, &before, a, b).contains(spec),
                _ => return Err(Refused::Missing(format!("{} → {}", spec.from, spec.to))),
            };
            if !fits {
                let kind = |arn: &str| before.by_arn(arn).map(|id| before.get(id).kind);
                return Err(match (kind(&spec.from), kind(&spec.to)) {
                    (Some(a), Some(b)) => Refused::NoSuchLink(a, b),
                    _ => Refused::Missing(spec.from.clone()),
                });
            }
            if diagram::links(scenario, &before)
                .iter()
                .any(|l| same_link(&before, l, spec))
            {
                return Err(Refused::AlreadyLinked);
            }
            link(&mut next, &before, spec)?;
            None
        }
        Edit::Unlink(spec) => {
            unlink(&mut next, &before, spec)?;
            None
        }
        Edit::Tidy => {
            next.layout.clear();
            None
        }
        Edit::Set {
            arn,
            pointer,
            value,
        } => {
            set(&mut next, &before, arn, pointer, value)?;
            None
        }
    };
    let checked = matches!(edit, Edit::Link(_) | Edit::Rename(..) | Edit::Set { .. });
    commit(scenario, next, created, &before, checked)
}

/// Keeps `next` when it introduces no error AWS would answer with (only checked for links and
/// renames: other edits cannot make a valid configuration invalid, and a learner may still be
/// mid-way through fixing one).
fn commit(
    scenario: &mut Scenario,
    next: Scenario,
    created: Option<String>,
    before: &Topology,
    checked: bool,
) -> Result<Option<String>, Refused> {
    if checked {
        let introduced = new_errors(scenario, before, &next);
        if !introduced.is_empty() {
            return Err(Refused::Aws(introduced));
        }
    }
    *scenario = next;
    Ok(created)
}

/// Errors in `next` that `scenario` did not have.
fn new_errors(scenario: &Scenario, topology: &Topology, next: &Scenario) -> Vec<Finding> {
    let old = validate(scenario, topology);
    validate(next, &Topology::build(next))
        .into_iter()
        .filter(|f| f.severity == Severity::Error && !old.contains(f))
        .collect()
}

fn same_link(topology: &Topology, link: &Link, spec: &LinkSpec) -> bool {
    let arn = |id: ResourceId| topology.get(id).arn.as_str();
    let mapping_matches = match (spec.kind, link.via) {
        (LinkKind::MappingOnFailure, Some(via)) => Some(topology.get(via).index) == spec.mapping,
        _ => true,
    };
    link.kind == spec.kind
        && arn(link.from) == spec.from
        && arn(link.to) == spec.to
        && mapping_matches
}

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
fn candidates(
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

fn link(scenario: &mut Scenario, topology: &Topology, spec: &LinkSpec) -> Result<(), Refused> {
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
                read::lambda_notification,
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
            let mapping =
                read::part(&mapping, read::event_source_mapping).map_err(|_| no_link())?;
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
                read::subscription,
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
                        read::rule,
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

fn unlink(scenario: &mut Scenario, topology: &Topology, spec: &LinkSpec) -> Result<(), Refused> {
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
            if let Some(function) = scenario.functions.get_mut(from.index) {
                if let Some(invoke) = function.event_invoke_config.as_mut() {
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
                        function.event_invoke_config = None;
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

/// Removes a resource, every link to and from it, the inputs aimed at it and its position.
fn remove(scenario: &mut Scenario, topology: &Topology, id: ResourceId) {
    let resource = topology.get(id).clone();
    for l in diagram::links(scenario, topology) {
        if l.from == id || l.to == id {
            let spec = LinkSpec {
                from: topology.get(l.from).arn.clone(),
                to: topology.get(l.to).arn.clone(),
                kind: l.kind,
                mapping: l.via.map(|v| topology.get(v).index),
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
fn rename(
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
        if *reference == resource.arn {
            *reference = new_arn.clone();
        } else if kind == Some(resource.kind) && *reference == old_name {
            *reference = name.to_string();
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
        if let Some(config) = f
            .event_invoke_config
            .as_mut()
            .and_then(|c| c.destination_config.as_mut())
        {
            destination_refs(config, &mut out);
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

/// Sets one field of a resource's configuration (see [`Edit::Set`]).
fn set(
    scenario: &mut Scenario,
    topology: &Topology,
    arn: &str,
    pointer: &str,
    value: &Value,
) -> Result<(), Refused> {
    let missing = || Refused::Missing(arn.to_string());
    let id = topology.by_arn(arn).ok_or_else(missing)?;
    let resource = topology.get(id);
    let mut config = copy(scenario, arn).ok_or_else(missing)?.config;
    let keys: Vec<&str> = pointer.split('/').skip(1).collect();
    let Some((last, parents)) = keys.split_last() else {
        return Err(Refused::Invalid(format!("No field at '{pointer}'.")));
    };
    if value.is_null() {
        remove_field(&mut config, parents, last);
    } else {
        let mut at = &mut config;
        for key in parents {
            if !at.get(*key).is_some_and(Value::is_object) {
                at[*key] = json!({});
            }
            at = &mut at[*key];
        }
        at[*last] = value.clone();
    }
    let i = resource.index;
    let invalid = |e: String| Refused::Invalid(format!("{pointer}: {e}"));
    macro_rules! replace {
        ($list:expr, $read:expr) => {
            *$list.get_mut(i).ok_or_else(missing)? = read::part(&config, $read).map_err(invalid)?
        };
    }
    match resource.kind {
        Kind::Function => replace!(scenario.functions, read::function),
        Kind::Queue => replace!(scenario.queues, read::queue),
        Kind::Topic => replace!(scenario.topics, read::topic),
        Kind::EventBus => replace!(scenario.event_buses, read::event_bus),
        Kind::Bucket => replace!(scenario.buckets, read::bucket),
        Kind::KinesisStream => replace!(scenario.kinesis_streams, read::kinesis_stream),
        Kind::DynamoDbStream => replace!(scenario.dynamodb_tables, read::dynamodb_table),
        Kind::KafkaTopic => replace!(scenario.kafka_topics, read::kafka_topic),
        Kind::Client => replace!(scenario.clients, read::client),
        Kind::EventSourceMapping => {
            replace!(scenario.event_source_mappings, read::event_source_mapping)
        }
    }
    Ok(())
}

/// Removes a field, then every object the removal left empty (AWS refuses an empty
/// `EventInvokeConfig`).
fn remove_field(config: &mut Value, parents: &[&str], last: &str) {
    match parents.split_first() {
        None => {
            if let Some(map) = config.as_object_mut() {
                map.remove(last);
            }
        }
        Some((first, rest)) => {
            if let Some(child) = config.get_mut(*first) {
                remove_field(child, rest, last);
                if child.as_object().is_some_and(|m| m.is_empty()) {
                    if let Some(map) = config.as_object_mut() {
                        map.remove(*first);
                    }
                }
            }
        }
    }
}

/// The value of one field of a resource's configuration, when it is set.
pub fn get(scenario: &Scenario, arn: &str, pointer: &str) -> Option<Value> {
    copy(scenario, arn)?.config.pointer(pointer).cloned()
}

/// The configuration of a resource, to copy or edit.
pub fn copy(scenario: &Scenario, arn: &str) -> Option<Element> {
    let topology = Topology::build(scenario);
    let resource = topology.get(topology.by_arn(arn)?);
    let i = resource.index;
    let config = match resource.kind {
        Kind::Function => write::function(scenario.functions.get(i)?),
        Kind::Queue => write::queue(scenario.queues.get(i)?),
        Kind::Topic => write::topic(scenario.topics.get(i)?),
        Kind::EventBus => write::event_bus(scenario.event_buses.get(i)?),
        Kind::Bucket => write::bucket(scenario.buckets.get(i)?),
        Kind::KinesisStream => write::kinesis_stream(scenario.kinesis_streams.get(i)?),
        Kind::DynamoDbStream => write::dynamodb_table(scenario.dynamodb_tables.get(i)?),
        Kind::KafkaTopic => write::kafka_topic(scenario.kafka_topics.get(i)?),
        Kind::Client => write::client(scenario.clients.get(i)?),
        Kind::EventSourceMapping => {
            write::event_source_mapping(scenario.event_source_mappings.get(i)?)
        }
    };
    Some(Element {
        kind: resource.kind,
        config,
    })
}

/// The field that holds a resource's own name in the scenario format.
fn name_field(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "FunctionName",
        Kind::Queue => "QueueName",
        Kind::Topic => "TopicName",
        Kind::Bucket => "BucketName",
        Kind::KinesisStream => "StreamName",
        Kind::DynamoDbStream => "TableName",
        Kind::KafkaTopic => "Topic",
        Kind::EventBus => "Name",
        Kind::Client => "name",
        Kind::EventSourceMapping => "UUID",
    }
}

/// A new resource of `kind` with default settings and a name not yet taken.
fn new_element(topology: &Topology, kind: Kind) -> Option<Element> {
    let base = match kind {
        Kind::Function => "function",
        Kind::Queue => "queue",
        Kind::Topic => "topic",
        Kind::EventBus => "bus",
        Kind::Bucket => "bucket",
        Kind::KinesisStream => "stream",
        Kind::DynamoDbStream => "table",
        Kind::KafkaTopic => "orders",
        Kind::Client => "client",
        Kind::EventSourceMapping => return None,
    };
    let mut config = json!({});
    config[name_field(kind)] = json!(format!("{base}-1"));
    if kind == Kind::KafkaTopic {
        config["ClusterName"] = json!("cluster");
    }
    let element = Element { kind, config };
    Some(renamed_free(topology, element))
}

/// `element` with a name no resource of its kind has: `name`, `name-2`, `name-3`, … (keeping a
/// `.fifo` suffix last, as SQS and SNS require).
fn renamed_free(topology: &Topology, mut element: Element) -> Element {
    let field = name_field(element.kind);
    let current = element.config[field]
        .as_str()
        .unwrap_or("resource")
        .to_string();
    let (stem, suffix) = match current.strip_suffix(".fifo") {
        Some(stem) => (stem.to_string(), ".fifo"),
        None => (current.clone(), ""),
    };
    let stem = match stem.rsplit_once('-') {
        Some((head, n)) if !head.is_empty() && n.parse::<u32>().is_ok() => head.to_string(),
        _ => stem,
    };
    let cluster = element.config["ClusterName"].as_str().map(str::to_string);
    let taken = |name: &str| {
        let full = match &cluster {
            Some(cluster) => format!("{cluster}/{name}"),
            None => name.to_string(),
        };
        topology.find(element.kind, &full).is_some()
    };
    let mut name = current.clone();
    let mut n = 1;
    while taken(&name) {
        n += 1;
        name = format!("{stem}-{n}{suffix}");
    }
    element.config[field] = json!(name);
    element
}

/// Adds an element with a free name at a point; returns its ARN.
fn insert(scenario: &mut Scenario, element: &Element, at: Point) -> Result<String, Refused> {
    let topology = Topology::build(scenario);
    let element = renamed_free(&topology, element.clone());
    let bad = || Refused::NoSuchLink(element.kind, element.kind);
    let config = element.config.clone();
    match element.kind {
        Kind::Function => scenario
            .functions
            .push(read::part(&config, read::function).map_err(|_| bad())?),
        Kind::Queue => scenario
            .queues
            .push(read::part(&config, read::queue).map_err(|_| bad())?),
        Kind::Topic => scenario
            .topics
            .push(read::part(&config, read::topic).map_err(|_| bad())?),
        Kind::EventBus => scenario
            .event_buses
            .push(read::part(&config, read::event_bus).map_err(|_| bad())?),
        Kind::Bucket => scenario
            .buckets
            .push(read::part(&config, read::bucket).map_err(|_| bad())?),
        Kind::KinesisStream => scenario
            .kinesis_streams
            .push(read::part(&config, read::kinesis_stream).map_err(|_| bad())?),
        Kind::DynamoDbStream => scenario
            .dynamodb_tables
            .push(read::part(&config, read::dynamodb_table).map_err(|_| bad())?),
        Kind::KafkaTopic => scenario
            .kafka_topics
            .push(read::part(&config, read::kafka_topic).map_err(|_| bad())?),
        Kind::Client => scenario
            .clients
            .push(read::part(&config, read::client).map_err(|_| bad())?),
        Kind::EventSourceMapping => return Err(bad()),
    }
    let topology = Topology::build(scenario);
    let arn = topology
        .resources
        .iter()
        .rev()
        .find(|r| r.kind == element.kind)
        .map(|r| r.arn.clone())
        .ok_or_else(bad)?;
    scenario.layout.insert(arn.clone(), at);
    Ok(arn)
}
