//! Helpers shared by the integration tests: build a scenario from JSON, run it, and read what the
//! trace says happened (attempt times, delivered bodies, counters).

#![allow(dead_code, clippy::unwrap_used)]

use engine::clock::Millis;
use engine::trace::{TraceEvent, Via, What};
use engine::{simulate, Kind, Run, RunOptions, Severity, Timeline};
use serde_json::Value;
use std::collections::BTreeMap;

/// The default account and region of a scenario, as ARN prefixes.
pub const SQS: &str = "arn:aws:sqs:us-east-2:123456789012";
/// SNS ARN prefix.
pub const SNS: &str = "arn:aws:sns:us-east-2:123456789012";
/// Lambda ARN prefix.
pub const LAMBDA: &str = "arn:aws:lambda:us-east-2:123456789012:function";
/// EventBridge bus ARN prefix.
pub const BUS: &str = "arn:aws:events:us-east-2:123456789012:event-bus";
/// Kinesis stream ARN prefix.
pub const KINESIS: &str = "arn:aws:kinesis:us-east-2:123456789012:stream";

/// A function behaviour that always fails with `ValueError: bad order` after 100 ms.
pub const FAIL: &str = r#"{"outcome":{"type":"error","errorType":"ValueError","errorMessage":"bad order"},"durationMs":100}"#;

/// Parses and validates `json` (no validation errors allowed), then runs it.
pub fn run(json: &str) -> Run {
    run_with(json, &RunOptions::default())
}

/// Like [`run`], with options.
pub fn run_with(json: &str, options: &RunOptions) -> Run {
    let (scenario, _, findings) =
        engine::load(json).unwrap_or_else(|e| panic!("scenario parses: {e}\n{json}"));
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "validation errors: {errors:#?}");
    let run = simulate(&scenario, options);
    if let Some(dir) = std::env::var_os("ENGINE_TRACE_DUMP") {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (json, format!("{options:?}")).hash(&mut hasher);
        let path = std::path::Path::new(&dir).join(format!("{:016x}.txt", hasher.finish()));
        std::fs::write(&path, dump(json, &findings, options, &run)).expect("dump written");
    }
    run
}

/// One run written out in full for the byte-identical check (`examples/trace_dump.rs`, and
/// [`run_with`] when `ENGINE_TRACE_DUMP` names a folder): the scenario's label, its findings, the
/// options, the trace as JSON, and the narration in English and in Korean.
pub fn dump(label: &str, findings: &[engine::Finding], options: &RunOptions, run: &Run) -> String {
    use engine::lang::Lang;
    use engine::narrate::text_log;
    format!(
        "=== {label}\nfindings: {findings:?}\noptions: {options:?}\nseed: {} epoch: {} capped: {}\ntrace: {}\n--- en\n{}--- ko\n{}",
        run.seed,
        run.epoch_ms,
        run.capped,
        serde_json::to_string(&run.trace).expect("a trace serialises"),
        text_log(run, Lang::En),
        text_log(run, Lang::Ko),
    )
}

/// Validation findings of a scenario.
pub fn findings(json: &str) -> Vec<engine::Finding> {
    engine::load(json)
        .unwrap_or_else(|e| panic!("scenario parses: {e}"))
        .2
}

/// Events matching `pick`, with their index.
pub fn events<'a>(
    run: &'a Run,
    pick: impl Fn(&What) -> bool + 'a,
) -> impl Iterator<Item = (usize, &'a TraceEvent)> + 'a {
    run.trace
        .events
        .iter()
        .enumerate()
        .filter(move |(_, e)| pick(&e.what))
}

/// How many events match `pick`.
pub fn count(run: &Run, pick: impl Fn(&What) -> bool) -> usize {
    run.trace.events.iter().filter(|e| pick(&e.what)).count()
}

/// The start time of every attempt (async, sync and batch).
pub fn attempt_times(run: &Run) -> Vec<Millis> {
    events(run, |w| matches!(w, What::AttemptStarted { .. }))
        .map(|(_, e)| e.at)
        .collect()
}

/// The start time of every attempt of the function `name`.
pub fn attempt_times_of(run: &Run, name: &str) -> Vec<Millis> {
    let id = function(run, name);
    events(run, |w| matches!(w, What::AttemptStarted { .. }))
        .filter(|(_, e)| e.resource == id)
        .map(|(_, e)| e.at)
        .collect()
}

/// The resource id of function `name`.
pub fn function(run: &Run, name: &str) -> u32 {
    run.topology
        .find(Kind::Function, name)
        .unwrap_or_else(|| panic!("no function {name}"))
}

/// Every `Delivered` event whose target is named `target`: (time, via, body, attributes).
pub fn deliveries(run: &Run, target: &str) -> Vec<(Millis, Via, String, Option<Value>)> {
    run.trace
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Delivered {
                target: t,
                via,
                body,
                attributes,
            } if run.topology.name(*t) == target => Some((
                e.at,
                *via,
                run.trace.body(*body).to_string(),
                attributes
                    .map(|a| serde_json::from_str(run.trace.body(a)).expect("attributes are JSON")),
            )),
            _ => None,
        })
        .collect()
}

/// The bodies delivered to `target`, parsed as JSON.
pub fn delivered(run: &Run, target: &str) -> Vec<Value> {
    deliveries(run, target)
        .into_iter()
        .map(|(_, _, body, _)| {
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
        })
        .collect()
}

/// The one body delivered to `target` through `via`, parsed.
pub fn the_record(run: &Run, target: &str, via: Via) -> Value {
    let found: Vec<Value> = deliveries(run, target)
        .into_iter()
        .filter(|(_, v, _, _)| *v == via)
        .map(|(_, _, body, _)| serde_json::from_str(&body).expect("a JSON record"))
        .collect();
    assert_eq!(found.len(), 1, "one record to {target} via {via:?}");
    found.into_iter().next().unwrap()
}

/// The keys of a JSON object, in order.
pub fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// The CloudWatch counters of a resource at the end of the run.
pub fn counters(run: &Run, kind: Kind, name: &str) -> BTreeMap<&'static str, u64> {
    let id = run
        .topology
        .find(kind, name)
        .unwrap_or_else(|| panic!("no {kind:?} {name}"));
    Timeline::new(run).end().nodes[id as usize].counters.clone()
}

/// One counter of a resource at the end of the run (0 when never counted).
pub fn counter(run: &Run, kind: Kind, name: &str, metric: &str) -> u64 {
    counters(run, kind, name)
        .get(metric)
        .copied()
        .unwrap_or_default()
}

/// The mapping's resource id (the first mapping of the scenario).
pub fn first_mapping(run: &Run) -> u32 {
    run.topology
        .of_kind(Kind::EventSourceMapping)
        .next()
        .expect("a mapping")
}

/// One function `f` with `behavior`, an `EventInvokeConfig` (JSON or empty), extra function fields
/// (starting with a comma), queues `ok`, `failed`, `dlq`, and one async invoke of `{"order":7}`.
pub fn async_scenario(behavior: &str, invoke_config: &str, extra: &str) -> String {
    let config = if invoke_config.is_empty() {
        String::new()
    } else {
        format!(r#","EventInvokeConfig":{invoke_config}"#)
    };
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior}{config}{extra}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"failed"}},{{"QueueName":"dlq"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    )
}

/// An `EventInvokeConfig` with OnSuccess → `ok` and OnFailure → `failed`.
pub fn both_destinations() -> String {
    format!(
        r#"{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:ok"}},"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}"#
    )
}

/// An `EventInvokeConfig` with the given limits and OnFailure → `failed`.
pub fn limits(retries: i64, age: i64) -> String {
    format!(
        r#"{{"MaximumRetryAttempts":{retries},"MaximumEventAgeInSeconds":{age},"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}"#
    )
}

/// Every gallery scenario: (file name, text).
pub fn gallery() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("gallery folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter(|path| path.file_name().is_some_and(|n| n != "index.json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            (path.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

/// The two ways a mapping reads a Kafka topic (`docs/scenario-format.md`): an MSK cluster's ARN
/// plus `Topics`, or a self-managed cluster's name plus `Topics`. Every Kafka test runs both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kafka {
    /// `"EventSourceArn": "<MSK cluster ARN>", "Topics": [...]`.
    Msk,
    /// `"SelfManagedCluster": "<name>", "Topics": [...]`.
    SelfManaged,
}

/// Both Kafka forms.
pub const KAFKA_FORMS: [Kafka; 2] = [Kafka::Msk, Kafka::SelfManaged];

impl Kafka {
    /// The `ClusterKind` of the cluster's topics under `kafkaTopics`.
    pub fn cluster_kind(self) -> &'static str {
        match self {
            Kafka::Msk => "MSK",
            Kafka::SelfManaged => "SelfManaged",
        }
    }

    /// The ARN the scenario gives `cluster` in the default account and region (for a
    /// self-managed cluster, the playground's stand-in).
    pub fn cluster_arn(self, cluster: &str) -> String {
        let kind = match self {
            Kafka::Msk => engine::scenario::KafkaKind::Msk,
            Kafka::SelfManaged => engine::scenario::KafkaKind::SelfManaged,
        };
        engine::topology::kafka_cluster_arn("us-east-2", "123456789012", cluster, kind)
    }

    /// A `kafkaTopics` entry for `topic` of `cluster`, of this form's cluster kind.
    pub fn topic(self, cluster: &str, topic: &str, partitions: u32) -> String {
        format!(
            r#"{{"ClusterName":"{cluster}","ClusterKind":"{}","Topic":"{topic}","Partitions":{partitions}}}"#,
            self.cluster_kind()
        )
    }

    /// A mapping's source members (no braces) reading `topic` of `cluster`.
    pub fn source(self, cluster: &str, topic: &str) -> String {
        match self {
            Kafka::Msk => format!(
                r#""EventSourceArn":"{}","Topics":["{topic}"]"#,
                self.cluster_arn(cluster)
            ),
            Kafka::SelfManaged => {
                format!(r#""SelfManagedCluster":"{cluster}","Topics":["{topic}"]"#)
            }
        }
    }
}

/// Every gallery scenario, parsed: (file name, scenario).
pub fn gallery_scenarios() -> Vec<(String, engine::Scenario)> {
    gallery()
        .into_iter()
        .map(|(path, text)| {
            let name = path.rsplit('/').next().unwrap_or(&path).to_string();
            let scenario = engine::Scenario::from_json(&text).expect("gallery scenario");
            (name, scenario)
        })
        .collect()
}

/// The diagram's links as `(kind, from, to)` with `kind:name` resource labels.
pub fn drawn(s: &engine::Scenario) -> Vec<(engine::diagram::LinkKind, String, String)> {
    let t = engine::Topology::build(s);
    let label = |id| {
        let r = t.get(id);
        format!("{}:{}", r.kind.as_str(), r.name)
    };
    engine::diagram::links(s, &t)
        .into_iter()
        .map(|l| (l.kind, label(l.from), label(l.to)))
        .collect()
}

/// The events of `run` whose rule id is `rule`.
pub fn ruled<'a>(run: &'a Run, rule: &str) -> Vec<&'a TraceEvent> {
    run.trace
        .events
        .iter()
        .filter(|e| e.rule.id() == rule)
        .collect()
}

/// (status, code, message) of the one refused invoke.
pub fn refusal(run: &Run, event: &TraceEvent) -> (u16, String, String) {
    match &event.what {
        What::InvokeRefused {
            status,
            code,
            message,
        } => (
            *status,
            run.trace.body(*code).to_string(),
            run.trace.body(*message).to_string(),
        ),
        other => panic!("not a refusal: {other:?}"),
    }
}
