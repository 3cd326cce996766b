//! Functions: their configuration, recursive-loop setting, dead-letter and event invoke
//! configurations, destinations, permissions, and the behaviour a learner gives them.

use serde_json::Value;

/// A Lambda function.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// The function's name.
    pub function_name: String,
    /// `Timeout` in seconds (default 3).
    pub timeout: i64,
    /// Reserved concurrency; `0` stops every invocation. Absent means unreserved.
    pub reserved_concurrent_executions: Option<i64>,
    /// What Lambda does when it detects a recursive loop.
    pub recursive_loop: RecursiveLoop,
    /// The legacy dead-letter queue for asynchronous invocations.
    pub dead_letter_config: Option<DeadLetterConfig>,
    /// Retries, event age and destinations for asynchronous invocations of `$LATEST` (and of
    /// unqualified invokes).
    pub event_invoke_config: Option<EventInvokeConfig>,
    /// Published versions (`PublishVersion`), oldest first.
    pub versions: Vec<FunctionVersion>,
    /// Aliases (`CreateAlias`).
    pub aliases: Vec<Alias>,
    /// The execution role's allowed actions. Absent means the role allows every action the
    /// diagram needs (as SAM's generated policies do).
    pub permissions: Option<Vec<Permission>>,
    /// How the function's code behaves in the simulation.
    pub behavior: Behavior,
}

pub(super) fn default_timeout() -> i64 {
    3
}

/// A published version (spec §2.9): a number, and its own `EventInvokeConfig`. Publishing does
/// not copy `$LATEST`'s config to the version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FunctionVersion {
    /// `Version`: `"1"`, `"2"`, ...
    pub version: String,
    /// The version's own `EventInvokeConfig`.
    pub event_invoke_config: Option<EventInvokeConfig>,
}

/// An alias (spec §2.9): a name pointing at a version, optionally routing a share of
/// invocations to a second version, with its own `EventInvokeConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alias {
    /// `Name`, e.g. `live`.
    pub name: String,
    /// `FunctionVersion`: a version number or `$LATEST`.
    pub function_version: String,
    /// `RoutingConfig`.
    pub routing_config: Option<AliasRoutingConfig>,
    /// The alias's own `EventInvokeConfig`.
    pub event_invoke_config: Option<EventInvokeConfig>,
}

/// `RoutingConfig` of an alias.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AliasRoutingConfig {
    /// `AdditionalVersionWeights`: version → share of invocations (0 to 1).
    pub additional_version_weights: Vec<(String, f64)>,
}

impl Function {
    /// The `EventInvokeConfig` of `qualifier` (`None` or `$LATEST`, a version number, an alias
    /// name), as stored on that qualifier only: nothing is inherited.
    pub fn event_invoke_config_of(&self, qualifier: Option<&str>) -> Option<&EventInvokeConfig> {
        match qualifier {
            None | Some("$LATEST") => self.event_invoke_config.as_ref(),
            Some(q) => self
                .versions
                .iter()
                .find(|v| v.version == q)
                .map(|v| v.event_invoke_config.as_ref())
                .or_else(|| {
                    self.aliases
                        .iter()
                        .find(|a| a.name == q)
                        .map(|a| a.event_invoke_config.as_ref())
                })
                .flatten(),
        }
    }

    /// Every `EventInvokeConfig` of the function with its qualifier (`$LATEST`, versions,
    /// aliases), in that order.
    pub fn event_invoke_configs(&self) -> Vec<(&str, &EventInvokeConfig)> {
        let mut out = Vec::new();
        if let Some(c) = &self.event_invoke_config {
            out.push(("$LATEST", c));
        }
        for v in &self.versions {
            if let Some(c) = &v.event_invoke_config {
                out.push((v.version.as_str(), c));
            }
        }
        for a in &self.aliases {
            if let Some(c) = &a.event_invoke_config {
                out.push((a.name.as_str(), c));
            }
        }
        out
    }
}

/// `RecursiveLoop` setting (spec §7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RecursiveLoop {
    /// Stop the invocation after about 16 calls in one chain (the default).
    #[default]
    Terminate,
    /// Let loops run.
    Allow,
}

impl RecursiveLoop {
    pub(super) fn is_default(&self) -> bool {
        *self == RecursiveLoop::Terminate
    }
}

/// `DeadLetterConfig`.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadLetterConfig {
    /// ARN of an SQS queue or SNS topic.
    pub target_arn: String,
}

/// `EventInvokeConfig`: the function's asynchronous invocation settings (spec §2.9).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventInvokeConfig {
    /// 0 to 2; default 2.
    pub maximum_retry_attempts: Option<i64>,
    /// 60 to 21600; default 21600.
    pub maximum_event_age_in_seconds: Option<i64>,
    /// OnSuccess and OnFailure destinations.
    pub destination_config: Option<DestinationConfig>,
}

/// `DestinationConfig`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DestinationConfig {
    /// Where successful invocations are recorded.
    pub on_success: Option<Destination>,
    /// Where failed invocations are recorded.
    pub on_failure: Option<Destination>,
}

/// `{"Destination": "arn:..."}`; an absent or empty destination means "none".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Destination {
    /// The target's ARN (or `kafka://topic` for Kafka mappings).
    pub destination: Option<String>,
}

impl Destination {
    /// The ARN when one is set and not empty.
    pub fn arn(&self) -> Option<&str> {
        self.destination.as_deref().filter(|arn| !arn.is_empty())
    }
}

impl DestinationConfig {
    /// The OnSuccess ARN, if set.
    pub fn on_success_arn(&self) -> Option<&str> {
        self.on_success.as_ref().and_then(Destination::arn)
    }
    /// The OnFailure ARN, if set.
    pub fn on_failure_arn(&self) -> Option<&str> {
        self.on_failure.as_ref().and_then(Destination::arn)
    }
}

/// One allowed action of the execution role, e.g. `sqs:SendMessage` on a queue ARN or `*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Permission {
    /// The IAM action, e.g. `sns:Publish`.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
}

pub(super) fn any_resource() -> String {
    "*".into()
}

/// How a function behaves in the simulation. For each attempt the first that applies wins:
/// the per-attempt script, a payload rule, the seeded error rate, then `outcome`.
#[derive(Clone, Debug, PartialEq)]
pub struct Behavior {
    /// The outcome of every attempt not otherwise scripted.
    pub outcome: Outcome,
    /// Outcome of attempt 1, 2, 3, ... of the same request (or batch).
    pub attempts: Vec<Outcome>,
    /// Probability (0 to 1) that an attempt fails with an error, drawn from the seed.
    pub error_rate: f64,
    /// Outcomes chosen by a field of the payload.
    pub when: Vec<PayloadRule>,
    /// Records of a batch that this function fails to process; reported as
    /// `batchItemFailures` when the mapping has `ReportBatchItemFailures`, otherwise the whole
    /// batch fails.
    pub fail_records: Option<FieldMatch>,
    /// What the function returns on success.
    pub response: Value,
    /// How long each attempt runs, in milliseconds.
    pub duration_ms: u64,
}

pub(super) fn is_zero(value: &f64) -> bool {
    *value == 0.0
}
fn default_duration() -> u64 {
    120
}

impl Default for Behavior {
    fn default() -> Self {
        Self {
            outcome: Outcome::Ok,
            attempts: Vec::new(),
            error_rate: 0.0,
            when: Vec::new(),
            fail_records: None,
            response: Value::Null,
            duration_ms: default_duration(),
        }
    }
}

impl Behavior {
    pub(super) fn is_default(&self) -> bool {
        *self == Behavior::default()
    }
}

/// The result of one attempt.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Outcome {
    /// Returns `response`.
    #[default]
    Ok,
    /// Throws: an unhandled function error.
    Error {
        /// e.g. `Error`, `ValueError`.
        error_type: String,
        /// The exception message.
        error_message: String,
    },
    /// Runs past the function's `Timeout`.
    Timeout,
    /// Lambda throttles the invocation (429) before the code runs.
    Throttle,
}

pub(super) fn default_error_type() -> String {
    "Error".into()
}
pub(super) fn default_error_message() -> String {
    "Something went wrong".into()
}

impl Outcome {
    pub(super) fn is_ok(&self) -> bool {
        *self == Outcome::Ok
    }
}

/// `{"field": "a.b", "equals": <json>, "outcome": {...}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadRule {
    /// Dotted path into the payload (or into each record's data for batches).
    pub field: String,
    /// The value that selects this rule.
    pub equals: Value,
    /// The outcome when it matches.
    pub outcome: Outcome,
}

/// `{"field": "a.b", "equals": <json>}`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMatch {
    /// Dotted path into a record's data.
    pub field: String,
    /// The value that marks a record as failing.
    pub equals: Value,
}
