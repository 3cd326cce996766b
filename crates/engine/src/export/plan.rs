//! The [`Plan`] every exporter reads: one logical id per resource, the execution role and grants
//! each function needs, and the notes about what a template cannot express.

use super::{pascal, snake, unique, BEHAVIOR_VARIABLE, MAX_ENVIRONMENT_BYTES};
use crate::aws;
use crate::scenario::{Function, Scenario};
use crate::topology::{Kind, ResourceId, Topology};
use std::collections::HashSet;
/// What an IAM statement applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// `*`.
    Any,
    /// A resource of the scenario, by ARN.
    Resource(ResourceId),
    /// The objects of a bucket of the scenario (`arn:...:bucket/*`).
    ObjectsIn(ResourceId),
    /// An ARN that names nothing in the scenario, written as it is.
    Literal(String),
}

/// One `Allow` statement of a function's role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grant {
    /// IAM actions.
    pub actions: Vec<String>,
    /// What they apply to.
    pub targets: Vec<Target>,
}

/// What every exporter needs to know about the scenario, computed once.
pub(crate) struct Plan<'a> {
    pub scenario: &'a Scenario,
    pub topology: &'a Topology,
    /// CloudFormation logical id of each resource, indexed by [`ResourceId`].
    pub ids: Vec<String>,
    /// Terraform resource name of each resource, indexed by [`ResourceId`].
    pub tf_names: Vec<String>,
    /// What the templates cannot express, in words.
    pub notes: Vec<String>,
    /// Every published version and alias, with its ids.
    pub qualified_ids: Vec<super::versions::QualifiedId>,
    used_ids: HashSet<String>,
}

impl<'a> Plan<'a> {
    pub fn new(scenario: &'a Scenario, topology: &'a Topology) -> Plan<'a> {
        let mut plan = Plan {
            scenario,
            topology,
            ids: Vec::new(),
            tf_names: Vec::new(),
            notes: Vec::new(),
            qualified_ids: Vec::new(),
            used_ids: HashSet::new(),
        };
        let mut used_tf = HashSet::new();
        for r in &topology.resources {
            let name = plan.id_name(r);
            let base = format!("{}{}", pascal(&name), kind_word(r.kind));
            let id = plan.unique_id(&base);
            plan.ids.push(id);
            let base = format!("{}_{}", snake(&name), snake(kind_word(r.kind)));
            plan.tf_names.push(unique(&mut used_tf, &base, "_"));
        }
        plan.collect_notes();
        plan.qualified_ids = super::versions::qualified_ids(&mut plan, &mut used_tf);
        plan
    }

    /// The name a resource's ids are built from: its own, or for a mapping "function from
    /// source", which reads better than its UUID.
    fn id_name(&self, r: &crate::topology::Resource) -> String {
        if r.kind != Kind::EventSourceMapping {
            return r.name.clone();
        }
        let Some(m) = self.scenario.event_source_mappings.get(r.index) else {
            return r.name.clone();
        };
        let source = match (&m.event_source_arn, &m.self_managed_cluster) {
            (Some(arn), _) => self.source_of(arn).map_or_else(
                || {
                    arn.rsplit([':', '/'])
                        .next()
                        .unwrap_or_default()
                        .to_string()
                },
                |id| self.name(id).to_string(),
            ),
            (None, Some(cluster)) => cluster.clone(),
            (None, None) => String::new(),
        };
        format!("{} from {source}", m.function_name)
    }

    /// A logical id not used yet, built from `base` (alphanumeric, at most 200 characters).
    pub fn unique_id(&mut self, base: &str) -> String {
        let mut clean: String = base
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(200)
            .collect();
        if !clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
            clean.insert(0, 'R');
        }
        unique(&mut self.used_ids, &clean, "")
    }

    /// The header comment of YAML, HCL and the script: title, source and notes.
    pub fn header(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Exported from the Lambda Destinations Playground: {}",
            self.title()
        )];
        lines.push(
            "Function code: a small Python handler that replays each function's behavior."
                .to_string(),
        );
        lines.extend(self.notes.iter().map(|n| format!("NOTE: {n}")));
        lines
    }

    /// The scenario's English title, or a stand-in.
    pub fn title(&self) -> String {
        let title = self.scenario.title.get("en");
        if title.is_empty() {
            "untitled scenario".to_string()
        } else {
            title.to_string()
        }
    }

    /// The function resource a mapping or notification names (by name or ARN).
    pub fn function(&self, name_or_arn: &str) -> Option<ResourceId> {
        self.topology.find(Kind::Function, name_or_arn)
    }

    /// The resource an ARN names, of any kind.
    pub fn by_arn(&self, arn: &str) -> Option<ResourceId> {
        self.topology.by_arn(arn)
    }

    /// The kind of the resource `id`.
    pub fn kind(&self, id: ResourceId) -> Kind {
        self.topology.get(id).kind
    }

    /// The name of the resource `id`.
    pub fn name(&self, id: ResourceId) -> &str {
        &self.topology.get(id).name
    }

    /// Whether an event bus is the account's `default` bus, which exists and is never created.
    pub fn is_default_bus(&self, id: ResourceId) -> bool {
        self.kind(id) == Kind::EventBus && self.name(id) == "default"
    }

    /// Whether a bucket is deployed as `{name}-{account}-{region}`: bucket names are global, so
    /// the templates append the account and region when the result fits S3's 63 characters
    /// (regions are at most 16); otherwise the scenario's own name is kept.
    pub fn bucket_suffix_fits(&self, id: ResourceId) -> bool {
        self.name(id).len() + 1 + 12 + 1 + 16 <= 63
    }

    /// The statements of the execution role of function `f` (index into `scenario.functions`).
    pub fn grants(&self, f: usize) -> Vec<Grant> {
        let Some(function) = self.scenario.functions.get(f) else {
            return Vec::new();
        };
        let mut grants: Vec<Grant> = Vec::new();
        let mut add = |actions: &[&str], target: Target| {
            let actions: Vec<String> = actions.iter().map(|a| (*a).to_string()).collect();
            if let Some(g) = grants.iter_mut().find(|g| g.actions == actions) {
                if !g.targets.contains(&target) {
                    g.targets.push(target);
                }
            } else {
                grants.push(Grant {
                    actions,
                    targets: vec![target],
                });
            }
        };
        match &function.permissions {
            Some(list) => {
                for p in list {
                    let target = if p.resource == "*" {
                        Target::Any
                    } else {
                        self.by_arn(&p.resource)
                            .map_or(Target::Literal(p.resource.clone()), Target::Resource)
                    };
                    if let (Target::Resource(b), true) =
                        (&target, p.action.starts_with("s3:") || p.action == "*")
                    {
                        if self.kind(*b) == Kind::Bucket {
                            add(&[p.action.as_str()], Target::ObjectsIn(*b));
                        }
                    }
                    add(&[p.action.as_str()], target);
                }
            }
            None => {
                for (target, from_mapping) in self.sends_to(f) {
                    match target {
                        Target::Resource(id) => match self.kind(id) {
                            Kind::Bucket => {
                                add(&["s3:PutObject"], Target::ObjectsIn(id));
                                add(&["s3:ListBucket"], Target::Resource(id));
                            }
                            kind => {
                                if let Some((action, _)) = aws::required_action(kind) {
                                    add(&[action], Target::Resource(id));
                                }
                            }
                        },
                        Target::Literal(arn) => {
                            if let Some(action) = action_for_service(&arn, from_mapping) {
                                add(&[action], Target::Literal(arn));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        for (source, actions) in self.mapping_sources(f) {
            add(actions, source);
        }
        grants
    }

    /// Every destination and dead-letter target of function `f`, and the OnFailure destinations
    /// of the mappings that invoke it (`true`), without duplicates and without `kafka://` topics.
    pub fn sends_to(&self, f: usize) -> Vec<(Target, bool)> {
        let mut out: Vec<(Target, bool)> = Vec::new();
        let mut push = |arn: &str, from_mapping: bool| {
            if arn.is_empty() || arn.starts_with("kafka://") {
                return;
            }
            let target = self
                .by_arn(arn)
                .map_or(Target::Literal(arn.to_string()), Target::Resource);
            if !out.iter().any(|(t, _)| *t == target) {
                out.push((target, from_mapping));
            }
        };
        let Some(function) = self.scenario.functions.get(f) else {
            return out;
        };
        if let Some(d) = function
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.destination_config.as_ref())
        {
            d.on_success_arn().into_iter().for_each(|a| push(a, false));
            d.on_failure_arn().into_iter().for_each(|a| push(a, false));
        }
        if let Some(dlq) = &function.dead_letter_config {
            push(&dlq.target_arn, false);
        }
        for m in self.mappings_of(f) {
            if let Some(arn) = m
                .destination_config
                .as_ref()
                .and_then(|d| d.on_failure_arn())
            {
                push(arn, true);
            }
        }
        out
    }

    /// The mappings that invoke function `f`.
    pub fn mappings_of(&self, f: usize) -> Vec<&'a crate::scenario::EventSourceMapping> {
        let topology = self.topology;
        let scenario = self.scenario;
        scenario
            .event_source_mappings
            .iter()
            .filter(|m| {
                topology
                    .find(Kind::Function, &m.function_name)
                    .is_some_and(|id| topology.get(id).index == f)
            })
            .collect()
    }

    /// What function `f`'s role must be allowed to read for its mappings' sources.
    fn mapping_sources(&self, f: usize) -> Vec<(Target, &'static [&'static str])> {
        const SQS: &[&str] = &[
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
        ];
        const KINESIS: &[&str] = &[
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:GetRecords",
            "kinesis:GetShardIterator",
            "kinesis:ListShards",
            "kinesis:SubscribeToShard",
        ];
        const DYNAMODB: &[&str] = &[
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
            "dynamodb:ListStreams",
        ];
        const MSK: &[&str] = &[
            "kafka:DescribeClusterV2",
            "kafka:GetBootstrapBrokers",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeVpcs",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups",
        ];
        let mut out = Vec::new();
        for m in self.mappings_of(f) {
            if m.self_managed_cluster.is_some() {
                out.push((Target::Any, &MSK[2..]));
                continue;
            }
            let Some(arn) = m.event_source_arn.as_deref() else {
                continue;
            };
            match self.source_of(arn).map(|id| (id, self.kind(id))) {
                Some((id, Kind::Queue)) => out.push((Target::Resource(id), SQS)),
                Some((id, Kind::KinesisStream)) => out.push((Target::Resource(id), KINESIS)),
                Some((id, Kind::DynamoDbStream)) => out.push((Target::Resource(id), DYNAMODB)),
                Some((_, Kind::KafkaTopic)) => out.push((Target::Any, MSK)),
                _ => {
                    let service = crate::topology::parse_arn(arn).map(|a| a.service);
                    let actions = match service {
                        Some("sqs") => SQS,
                        Some("kinesis") => KINESIS,
                        Some("dynamodb") => DYNAMODB,
                        _ => MSK,
                    };
                    out.push((Target::Literal(arn.to_string()), actions));
                }
            }
        }
        out
    }

    /// The resource a mapping's `EventSourceArn` reads: a queue, stream, table stream, or (for an
    /// MSK cluster ARN) the cluster's first Kafka topic of the scenario.
    pub fn source_of(&self, arn: &str) -> Option<ResourceId> {
        self.by_arn(arn).or_else(|| {
            self.topology
                .of_kind(Kind::KafkaTopic)
                .find(|&id| self.topology.get(id).arn.starts_with(&format!("{arn}/")))
        })
    }

    /// The Kafka cluster names of the scenario, each once, with their kind.
    pub fn kafka_clusters(&self) -> Vec<(String, crate::scenario::KafkaKind)> {
        let mut out: Vec<(String, crate::scenario::KafkaKind)> = Vec::new();
        for t in &self.scenario.kafka_topics {
            if !out.iter().any(|(name, _)| *name == t.cluster_name) {
                out.push((t.cluster_name.clone(), t.cluster_kind));
            }
        }
        for m in &self.scenario.event_source_mappings {
            if let Some(c) = &m.self_managed_cluster {
                if !out.iter().any(|(name, _)| name == c) {
                    out.push((c.clone(), crate::scenario::KafkaKind::SelfManaged));
                }
            }
        }
        out
    }

    /// The behaviour JSON a function's handler reads, or `None` when it is too large.
    pub fn behavior_json(&self, f: usize) -> Option<String> {
        let function = self.scenario.functions.get(f)?;
        let mut value = function.behavior.write();
        if self
            .mappings_of(f)
            .iter()
            .any(|m| m.reports_batch_item_failures())
        {
            if let Some(map) = value.as_object_mut() {
                map.insert("reportBatchItemFailures".into(), true.into());
            }
        }
        let text = value.to_string();
        (text.len() + BEHAVIOR_VARIABLE.len() <= MAX_ENVIRONMENT_BYTES).then_some(text)
    }

    fn collect_notes(&mut self) {
        let mut notes = Vec::new();
        for (f, function) in self.scenario.functions.iter().enumerate() {
            let name = &function.function_name;
            if self.behavior_json(f).is_none() {
                notes.push(format!("function {name}: its behavior is larger than Lambda's 4 KB of environment variables, so the handler runs with the default behavior (returns null)."));
            }
            if let Some(c) = &function.event_invoke_config {
                let has_destination = c
                    .destination_config
                    .as_ref()
                    .is_some_and(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some());
                if c.maximum_retry_attempts.is_none()
                    && c.maximum_event_age_in_seconds.is_none()
                    && !has_destination
                {
                    notes.push(format!("function {name}: its EventInvokeConfig sets nothing, which AWS refuses (\"You must specify at least one of error handling or destination setting.\"); it is left out."));
                }
            }
            if function.permissions.is_some() {
                for (target, _) in self.sends_to(f) {
                    let arn = match &target {
                        Target::Resource(id) => self.topology.get(*id).arn.clone(),
                        Target::Literal(arn) => arn.clone(),
                        _ => continue,
                    };
                    let kind = match target {
                        Target::Resource(id) => Some(self.kind(id)),
                        _ => None,
                    };
                    if let Some((action, _)) = kind.and_then(aws::required_action) {
                        if !aws::role_allows(function.permissions.as_deref(), action, &arn) {
                            notes.push(format!("function {name}: its role lists permissions without {action} on {arn}, as the scenario has it; AWS checks the role when the destination is configured, so deploying this fails the same way the playground's validation does."));
                        }
                    }
                }
            }
            note_behavior(&mut notes, function);
        }
        for input in &self.scenario.inputs {
            if let crate::scenario::Input::RevokePermission {
                at,
                function_name,
                action,
            } = input
            {
                notes.push(format!("the timeline removes {action} from {function_name}'s role at {} s; the export deploys the role as it is before that (remove the statement by hand to reproduce the fault).", at / 1000));
            }
        }
        if self.scenario.inputs.iter().any(|i| !i.is_fault()) {
            notes.push("the timeline's inputs (invocations, messages, uploads, ...) are not part of the infrastructure; send them yourself after deploying.".to_string());
        }
        for t in &self.scenario.dynamodb_tables {
            if t.shard_count != 1 {
                notes.push(format!("DynamoDB table {}: ShardCount {} cannot be set; DynamoDB chooses the number of stream shards.", t.table_name, t.shard_count));
            }
        }
        for t in &self.scenario.kafka_topics {
            notes.push(format!("Kafka topic {}/{} ({} partitions): topics are created on the cluster with Kafka's own tools, not by AWS APIs.", t.cluster_name, t.topic, t.partitions));
        }
        for (cluster, kind) in self.kafka_clusters() {
            notes.push(match kind {
                crate::scenario::KafkaKind::Msk => format!("MSK cluster {cluster}: not created (it needs a VPC, subnets and brokers); the template asks for its ARN as a parameter, whose default is the playground's made-up ARN: give your cluster's."),
                crate::scenario::KafkaKind::SelfManaged => format!("self-managed Kafka cluster {cluster}: the template asks for its bootstrap servers; add SourceAccessConfigurations (VPC or SASL/TLS) for a real cluster."),
            });
        }
        for (i, m) in self.scenario.event_source_mappings.iter().enumerate() {
            if m.uuid.is_some() {
                notes.push(format!(
                    "mapping {}: AWS assigns a new UUID on creation.",
                    crate::topology::mapping_uuid(self.scenario, i)
                ));
            }
        }
        for b in &self.scenario.buckets {
            if let Some(id) = self.topology.find(Kind::Bucket, &b.bucket_name) {
                if self.bucket_suffix_fits(id) {
                    notes.push(format!("bucket {}: bucket names are global, so the templates name it {}-<account>-<region> (the CLI script keeps the name).", b.bucket_name, b.bucket_name));
                }
            }
        }
        self.notes = notes;
    }
}

/// Notes on behaviour a handler cannot reproduce.
fn note_behavior(notes: &mut Vec<String>, function: &Function) {
    let b = &function.behavior;
    let throttles = std::iter::once(&b.outcome)
        .chain(b.attempts.iter())
        .chain(b.when.iter().map(|w| &w.outcome))
        .any(|o| *o == crate::scenario::Outcome::Throttle);
    if throttles {
        notes.push(format!("function {}: a throttle outcome cannot come from function code; the handler raises an error instead. Set reserved concurrency to 0 to see throttling.", function.function_name));
    }
}

/// The action a role needs to send to an ARN outside the scenario, by its service.
fn action_for_service(arn: &str, from_mapping: bool) -> Option<&'static str> {
    let service = crate::topology::parse_arn(arn)?.service;
    match service {
        "sqs" => Some("sqs:SendMessage"),
        "sns" => Some("sns:Publish"),
        "lambda" if !from_mapping => Some("lambda:InvokeFunction"),
        "events" if !from_mapping => Some("events:PutEvents"),
        "s3" => Some("s3:PutObject"),
        _ => None,
    }
}

/// The word that ends a resource's logical id.
fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "Function",
        Kind::Queue => "Queue",
        Kind::Topic => "Topic",
        Kind::EventBus => "Bus",
        Kind::Bucket => "Bucket",
        Kind::KinesisStream => "Stream",
        Kind::DynamoDbStream => "Table",
        Kind::KafkaTopic => "KafkaTopic",
        Kind::EventSourceMapping => "Mapping",
        Kind::Client => "Client",
    }
}
