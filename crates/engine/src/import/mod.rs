//! Importers: AWS CLI commands or a CloudFormation/SAM template (JSON or YAML) pasted by a
//! learner become a scenario, the inverse of [`crate::awscli`] and the exporters.
//!
//! The importer draws what it understands and lists everything else with where it was (line,
//! command or property), so nothing is dropped without a word. Configurations AWS would refuse
//! (the brief's SQS mapping with an `OnFailure` destination) are kept as written, so validation
//! explains the refusal on the drawing; [`fixes`] has the one-call repairs.
//!
//! Besides the two readers (`cli/`, `cloudformation/`), `reason.rs` words why something was left
//! out, `versions.rs` reads versions, aliases and configs on a qualifier for both, and `tree.rs`
//! parses JSON and YAML.
//!
//! Pasted text is untrusted: sizes, nesting, node counts and list lengths are capped, and every
//! failure is an [`ImportError`] or a [`NotUnderstood`] entry, never a panic.

pub mod cli;
pub mod cloudformation;
pub mod fixes;
mod reason;
mod tree;
pub(crate) mod versions;

pub use reason::Reason;

use crate::lang::Lang;
use crate::scenario::{
    Bucket, DynamoDbTable, EventBus, Function, KafkaKind, KafkaTopic, KinesisStream, Queue,
    Scenario, Topic, MAX_RESOURCES,
};
use crate::topology::{kafka_cluster_arn, parse_arn};
use std::collections::HashMap;
use std::fmt;

/// Largest text accepted, in bytes (CloudFormation's own limit for a template in S3 is 1 MB).
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
/// At most this many entries are listed as not understood; one more entry says how many were
/// left out.
pub const MAX_NOT_UNDERSTOOD: usize = 1000;

/// What kind of text was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// AWS CLI commands.
    Cli,
    /// A CloudFormation or SAM template in JSON.
    CloudFormationJson,
    /// A CloudFormation or SAM template in YAML.
    CloudFormationYaml,
}

/// The result of an import: the scenario drawn, and what was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// What the text was.
    pub format: Format,
    /// The resources and links understood.
    pub scenario: Scenario,
    /// Everything not taken into the scenario, in text order.
    pub not_understood: Vec<NotUnderstood>,
}

/// One piece of the text that is not in the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUnderstood {
    /// 1-based line in the text (0 when unknown).
    pub line: usize,
    /// Where: `command 2 (aws lambda create-function) --zip-file`, or
    /// `Resources.Resize.Properties.Code`.
    pub place: String,
    /// Why it was left out.
    pub reason: Reason,
}

impl NotUnderstood {
    /// `line 3, Resources.Fn.Properties.Code: the playground does not know this property`, in
    /// `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason.message(lang);
        match (self.line, lang) {
            (0, _) => format!("{}: {reason}", self.place),
            (line, Lang::En) => format!("line {line}, {}: {reason}", self.place),
            (line, Lang::Ko) => format!("{line}행, {}: {reason}", self.place),
        }
    }
}

impl fmt::Display for NotUnderstood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Why the text could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing but white space and comments.
    Empty,
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Neither AWS CLI commands nor a CloudFormation template.
    NotRecognized,
    /// A JSON template that is not valid JSON.
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A YAML template that is not valid YAML.
    Yaml {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// Nested deeper than the importer reads.
    TooDeep {
        /// 1-based line where the limit was passed.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// More values (after YAML aliases are expanded) than the importer reads.
    TooManyValues {
        /// The limit.
        limit: usize,
    },
    /// A template without a `Resources` mapping.
    NoResources,
    /// More resources than a scenario may have.
    TooManyResources {
        /// How many the text describes.
        count: usize,
    },
}

impl ImportError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Empty, Lang::En) => "There is nothing to import: paste AWS CLI commands or a CloudFormation/SAM template.".into(),
            (ImportError::Empty, Lang::Ko) => "가져올 내용이 없습니다. AWS CLI 명령이나 CloudFormation/SAM 템플릿을 붙여 넣으세요.".into(),
            (ImportError::TooLarge { bytes }, Lang::En) => format!("The text is {bytes} bytes; at most {MAX_IMPORT_BYTES} bytes are imported."),
            (ImportError::TooLarge { bytes }, Lang::Ko) => format!("텍스트가 {bytes}바이트입니다. 최대 {MAX_IMPORT_BYTES}바이트까지 가져옵니다."),
            (ImportError::NotRecognized, Lang::En) => "This is neither AWS CLI commands (starting with 'aws') nor a CloudFormation/SAM template (with 'Resources').".into(),
            (ImportError::NotRecognized, Lang::Ko) => "AWS CLI 명령('aws'로 시작)도 CloudFormation/SAM 템플릿('Resources' 포함)도 아닙니다.".into(),
            (ImportError::Json { line, column, message }, Lang::En) => format!("line {line}, column {column}: not valid JSON: {message}"),
            (ImportError::Json { line, column, message }, Lang::Ko) => format!("{line}행 {column}열: 올바른 JSON이 아닙니다: {message}"),
            (ImportError::Yaml { line, column, message }, Lang::En) => format!("line {line}, column {column}: not valid YAML: {message}"),
            (ImportError::Yaml { line, column, message }, Lang::Ko) => format!("{line}행 {column}열: 올바른 YAML이 아닙니다: {message}"),
            (ImportError::TooDeep { line, limit }, Lang::En) => format!("line {line}: nested more than {limit} levels deep; templates are never that deep"),
            (ImportError::TooDeep { line, limit }, Lang::Ko) => format!("{line}행: {limit}단계보다 깊게 중첩되었습니다"),
            (ImportError::TooManyValues { limit }, Lang::En) => format!("The template has more than {limit} values (counting expanded YAML aliases)."),
            (ImportError::TooManyValues { limit }, Lang::Ko) => format!("템플릿 값이 {limit}개를 넘습니다(YAML 별칭을 펼친 수 포함)."),
            (ImportError::NoResources, Lang::En) => "The template has no 'Resources' section.".into(),
            (ImportError::NoResources, Lang::Ko) => "템플릿에 'Resources' 섹션이 없습니다.".into(),
            (ImportError::TooManyResources { count }, Lang::En) => format!("The text describes {count} resources; a scenario has at most {MAX_RESOURCES}."),
            (ImportError::TooManyResources { count }, Lang::Ko) => format!("리소스가 {count}개입니다. 시나리오에는 최대 {MAX_RESOURCES}개까지 넣을 수 있습니다."),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// Imports AWS CLI commands or a CloudFormation/SAM template (JSON or YAML), detected from the
/// text.
pub fn from_text(text: &str) -> Result<Imported, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match detect(text) {
        None => Err(if significant_lines(text).next().is_none() {
            ImportError::Empty
        } else {
            ImportError::NotRecognized
        }),
        Some(Format::Cli) => cli::import(text),
        Some(Format::CloudFormationJson) => cloudformation::import_json(text),
        Some(Format::CloudFormationYaml) => cloudformation::import_yaml(text),
    }
}

fn significant_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Which importer reads `text`, or `None` when it looks like neither.
pub fn detect(text: &str) -> Option<Format> {
    let first = significant_lines(text).next()?;
    if first.starts_with('{') {
        return Some(Format::CloudFormationJson);
    }
    let mut cli = false;
    for line in significant_lines(text) {
        let line = line.trim_start_matches(['$', '>', ' ']);
        if ["Resources:", "AWSTemplateFormatVersion:", "Transform:"]
            .iter()
            .any(|k| line.starts_with(k))
            || line.starts_with("\"AWSTemplateFormatVersion\"")
        {
            return Some(Format::CloudFormationYaml);
        }
        cli |= line == "aws"
            || line.starts_with("aws ")
            || line.starts_with("aws\t")
            || line.starts_with("aws.exe ");
    }
    cli.then_some(Format::Cli)
}

/// Collects the scenario and the notes; shared by both importers.
pub(crate) struct Builder {
    pub scenario: Scenario,
    notes: Vec<NotUnderstood>,
    left_out: usize,
    index: HashMap<(u8, String), usize>,
    account_set: bool,
}

/// Resource kinds the builder creates on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Res {
    Function,
    Queue,
    Topic,
    Bus,
    Bucket,
    Stream,
    Table,
}

/// What an ARN names, once resolved into the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A resource of the scenario; `arn` is its ARN as the topology builds it.
    Resource {
        kind: Res,
        name: String,
        arn: String,
    },
    /// An MSK cluster: its name (topics come from the mapping).
    KafkaCluster { name: String },
}

impl Builder {
    pub fn new(text: &str) -> Builder {
        let mut scenario = Scenario::empty();
        let mut account_set = false;
        if let Some((account, region)) = first_account_and_region(text) {
            scenario.account = account;
            scenario.region = region;
            account_set = true;
        }
        Builder {
            scenario,
            notes: Vec::new(),
            left_out: 0,
            index: HashMap::new(),
            account_set,
        }
    }

    /// Sets the region from `--region` when no ARN gave one.
    pub fn region_hint(&mut self, region: &str) {
        if !self.account_set && region_like(region) {
            self.scenario.region = region.to_string();
        }
    }

    pub fn note(&mut self, line: usize, place: impl Into<String>, reason: Reason) {
        if self.notes.len() < MAX_NOT_UNDERSTOOD {
            self.notes.push(NotUnderstood {
                line,
                place: place.into(),
                reason,
            });
        } else {
            self.left_out += 1;
        }
    }

    pub fn finish(mut self, format: Format) -> Result<Imported, ImportError> {
        self.ensure_kafka_destinations();
        let count = self.scenario.resource_count();
        if count > MAX_RESOURCES {
            return Err(ImportError::TooManyResources { count });
        }
        if self.left_out > 0 {
            self.notes.push(NotUnderstood {
                line: 0,
                place: String::new(),
                reason: Reason::TooMany {
                    more: self.left_out,
                },
            });
        }
        Ok(Imported {
            format,
            scenario: self.scenario,
            not_understood: self.notes,
        })
    }

    /// A Kafka mapping's `kafka://<topic>` destination is a topic of its source's cluster (spec
    /// §3.2): drawn there, so the diagram shows what it receives. A source topic, or a name AWS
    /// refuses, is left for validation to explain.
    fn ensure_kafka_destinations(&mut self) {
        let topology = crate::topology::Topology::build(&self.scenario);
        let wanted: Vec<(String, String, KafkaKind)> = self
            .scenario
            .event_source_mappings
            .iter()
            .filter_map(|m| {
                let target = m.destination_config.as_ref()?.on_failure_arn()?;
                let topic = target.strip_prefix("kafka://")?;
                let source = topology.get(crate::aws::mapping_source(&topology, m)?);
                let cluster = self
                    .scenario
                    .kafka_topics
                    .get(source.index)
                    .filter(|_| source.kind == crate::topology::Kind::KafkaTopic)?;
                let valid = !topic.is_empty()
                    && crate::aws::destination_matches_pattern(target)
                    && !m.topics.iter().any(|t| t == topic);
                valid.then(|| {
                    (
                        cluster.cluster_name.clone(),
                        topic.to_string(),
                        cluster.cluster_kind,
                    )
                })
            })
            .collect();
        for (cluster, topic, kind) in wanted {
            self.ensure_kafka(&cluster, &topic, kind);
        }
    }

    /// The index of the resource of `kind` named `name`, created with defaults when new.
    pub fn ensure(&mut self, kind: Res, name: &str) -> usize {
        let key = (kind as u8, name.to_string());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let s = &mut self.scenario;
        let i = match kind {
            Res::Function => {
                s.functions.push(new_function(name));
                s.functions.len() - 1
            }
            Res::Queue => {
                s.queues.push(Queue {
                    queue_name: name.to_string(),
                    fifo_queue: name.ends_with(".fifo"),
                    visibility_timeout: 30,
                    message_retention_period: crate::scenario::DEFAULT_MESSAGE_RETENTION,
                    redrive_policy: None,
                });
                s.queues.len() - 1
            }
            Res::Topic => {
                s.topics.push(Topic {
                    topic_name: name.to_string(),
                    fifo_topic: name.ends_with(".fifo"),
                    subscriptions: Vec::new(),
                });
                s.topics.len() - 1
            }
            Res::Bus => {
                s.event_buses.push(EventBus {
                    name: name.to_string(),
                    rules: Vec::new(),
                });
                s.event_buses.len() - 1
            }
            Res::Bucket => {
                s.buckets.push(Bucket {
                    bucket_name: name.to_string(),
                    lambda_function_configurations: Vec::new(),
                });
                s.buckets.len() - 1
            }
            Res::Stream => {
                s.kinesis_streams.push(KinesisStream {
                    stream_name: name.to_string(),
                    shard_count: 1,
                });
                s.kinesis_streams.len() - 1
            }
            Res::Table => {
                s.dynamodb_tables.push(DynamoDbTable {
                    table_name: name.to_string(),
                    shard_count: 1,
                });
                s.dynamodb_tables.len() - 1
            }
        };
        self.index.insert(key, i);
        i
    }

    /// The Kafka topic `cluster/topic`, created when new.
    pub fn ensure_kafka(&mut self, cluster: &str, topic: &str, kind: KafkaKind) {
        let key = (255u8, format!("{cluster}/{topic}"));
        if self.index.contains_key(&key) {
            return;
        }
        self.scenario.kafka_topics.push(KafkaTopic {
            cluster_name: cluster.to_string(),
            cluster_kind: kind,
            topic: topic.to_string(),
            partitions: 1,
        });
        self.index.insert(key, self.scenario.kafka_topics.len() - 1);
    }

    /// The ARN of a resource, as [`crate::topology::Topology`] builds it.
    pub fn arn(&self, kind: Res, name: &str) -> String {
        let (r, a) = (&self.scenario.region, &self.scenario.account);
        match kind {
            Res::Function => format!("arn:aws:lambda:{r}:{a}:function:{name}"),
            Res::Queue => format!("arn:aws:sqs:{r}:{a}:{name}"),
            Res::Topic => format!("arn:aws:sns:{r}:{a}:{name}"),
            Res::Bus => format!("arn:aws:events:{r}:{a}:event-bus/{name}"),
            Res::Bucket => format!("arn:aws:s3:::{name}"),
            Res::Stream => format!("arn:aws:kinesis:{r}:{a}:stream/{name}"),
            Res::Table => format!(
                "arn:aws:dynamodb:{r}:{a}:table/{name}/stream/{}",
                self.scenario.start_time.trim_end_matches('Z')
            ),
        }
    }

    /// The MSK cluster ARN the topology builds for `cluster`.
    pub fn kafka_arn(&self, cluster: &str) -> String {
        kafka_cluster_arn(
            &self.scenario.region,
            &self.scenario.account,
            cluster,
            KafkaKind::Msk,
        )
    }

    /// An SQS queue URL as AWS prints it.
    pub fn queue_url(&self, name: &str) -> String {
        format!(
            "https://sqs.{}.amazonaws.com/{}/{name}",
            self.scenario.region, self.scenario.account
        )
    }

    /// Resolves an ARN (or queue URL) into the scenario, creating the resource when it is new.
    /// Notes the place and returns `None` when it names nothing the playground draws.
    pub fn resolve(&mut self, reference: &str, line: usize, place: &str) -> Option<Target> {
        let target = self.target_of(reference, line, place);
        if target.is_none() {
            self.note(
                line,
                place,
                Reason::Unresolved {
                    reference: shorten(reference),
                },
            );
        }
        target
    }

    fn target_of(&mut self, reference: &str, line: usize, place: &str) -> Option<Target> {
        if let Some(name) = queue_name_from_url(reference) {
            self.ensure(Res::Queue, name);
            return Some(Target::Resource {
                kind: Res::Queue,
                name: name.to_string(),
                arn: self.arn(Res::Queue, name),
            });
        }
        let arn = parse_arn(reference)?;
        let (kind, name) = match arn.service {
            "sqs" => (Res::Queue, arn.resource),
            "sns" => (Res::Topic, arn.resource.split(':').next().unwrap_or("")),
            "lambda" => {
                let rest = arn.resource.strip_prefix("function:")?;
                (Res::Function, rest.split(':').next().unwrap_or(""))
            }
            "events" => (Res::Bus, arn.resource.strip_prefix("event-bus/")?),
            "s3" => (Res::Bucket, arn.resource.split('/').next().unwrap_or("")),
            "kinesis" => (Res::Stream, arn.resource.strip_prefix("stream/")?),
            "dynamodb" => (
                Res::Table,
                arn.resource.strip_prefix("table/")?.split('/').next()?,
            ),
            "kafka" => {
                let rest = arn.resource.strip_prefix("cluster/")?;
                let name = rest.split('/').next().filter(|n| !n.is_empty())?;
                self.check_account(arn.account, arn.region, reference, line, place);
                return Some(Target::KafkaCluster {
                    name: name.to_string(),
                });
            }
            _ => return None,
        };
        if name.is_empty() || name.len() > 256 {
            return None;
        }
        self.check_account(arn.account, arn.region, reference, line, place);
        let f = self.ensure(kind, name);
        let arn = match (kind, versions::written_qualifier(reference)) {
            (Res::Function, Some(q)) => versions::qualified_arn(self, f, q),
            _ => self.arn(kind, name),
        };
        Some(Target::Resource {
            kind,
            name: name.to_string(),
            arn,
        })
    }

    fn check_account(&mut self, account: &str, region: &str, arn: &str, line: usize, place: &str) {
        let other_account = !account.is_empty() && account != self.scenario.account;
        let other_region = !region.is_empty() && region != self.scenario.region;
        if other_account || other_region {
            self.note(line, place, Reason::OtherAccount { arn: shorten(arn) });
        }
    }

    /// A function named by name, ARN or partial ARN (`123456789012:function:f`), created when new.
    pub fn function(&mut self, name_or_arn: &str, line: usize, place: &str) -> Option<usize> {
        let name = function_name(name_or_arn);
        if !name_or_arn.starts_with("arn:") && name.is_empty() {
            self.note(
                line,
                place,
                Reason::BadValue {
                    value: shorten(name_or_arn),
                    expected: "a function name or ARN",
                },
            );
            return None;
        }
        if name_or_arn.starts_with("arn:") {
            return match self.resolve(name_or_arn, line, place)? {
                Target::Resource {
                    kind: Res::Function,
                    name,
                    ..
                } => Some(self.ensure(Res::Function, &name)),
                _ => {
                    self.note(
                        line,
                        place,
                        Reason::BadValue {
                            value: shorten(name_or_arn),
                            expected: "a Lambda function ARN",
                        },
                    );
                    None
                }
            };
        }
        Some(self.ensure(Res::Function, name))
    }
}

/// The environment variable in which the exporters carry a function's `behavior`, so a
/// deployed function fails and succeeds as in the simulation; the importers read it back.
pub const BEHAVIOR_VARIABLE: &str = "PLAYGROUND_BEHAVIOR";

/// Reads a `behavior` carried in [`BEHAVIOR_VARIABLE`] into function `f`.
pub(crate) fn read_behavior(b: &mut Builder, f: usize, text: &str, line: usize, place: &str) {
    // The exported handler also gets `reportBatchItemFailures` (from the mapping, which the
    // scenario already has).
    let behavior = serde_json::from_str::<serde_json::Value>(text)
        .map_err(|e| e.to_string())
        .and_then(|mut v| {
            if let Some(map) = v.as_object_mut() {
                map.remove("reportBatchItemFailures");
            }
            crate::scenario::read::part(&v, crate::scenario::Behavior::read)
        });
    match behavior {
        Ok(behavior) => {
            if let Some(function) = b.scenario.functions.get_mut(f) {
                function.behavior = behavior;
            }
        }
        Err(_) => b.note(
            line,
            place,
            Reason::BadValue {
                value: shorten(text),
                expected: "a playground behavior in JSON",
            },
        ),
    }
}

fn new_function(name: &str) -> Function {
    Function {
        function_name: name.to_string(),
        timeout: 3,
        reserved_concurrent_executions: None,
        recursive_loop: Default::default(),
        dead_letter_config: None,
        event_invoke_config: None,
        versions: Vec::new(),
        aliases: Vec::new(),
        permissions: None,
        behavior: Default::default(),
    }
}

/// The function name in `f`, `123456789012:function:f` or `arn:aws:lambda:...:function:f:alias`.
pub(crate) fn function_name(value: &str) -> &str {
    let rest = match value.find("function:") {
        Some(i) => &value[i + "function:".len()..],
        None => value,
    };
    rest.split(':').next().unwrap_or("")
}

/// `https://sqs.us-east-2.amazonaws.com/123456789012/orders` → `orders`.
pub(crate) fn queue_name_from_url(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    if !(host.starts_with("sqs.") || host.contains(".sqs.") || host.starts_with("queue.")) {
        return None;
    }
    let (_account, name) = path.split_once('/')?;
    Some(name).filter(|n| !n.is_empty() && !n.contains('/'))
}

fn region_like(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 32
        && region.contains('-')
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The account and region of the first ARN in the text that has both, so imported resources
/// keep the ARNs the learner wrote.
fn first_account_and_region(text: &str) -> Option<(String, String)> {
    for (i, _) in text.match_indices("arn:aws") {
        let candidate: String = text[i..]
            .chars()
            .take(80)
            .take_while(|c| c.is_ascii_alphanumeric() || ":-_/.".contains(*c))
            .collect();
        if let Some(arn) = parse_arn(&candidate) {
            if arn.account.len() == 12
                && arn.account.chars().all(|c| c.is_ascii_digit())
                && region_like(arn.region)
            {
                return Some((arn.account.to_string(), arn.region.to_string()));
            }
        }
    }
    None
}

/// At most 120 characters of `text`, for messages.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= 120 {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(117).collect();
        s.push_str("...");
        s
    }
}
