//! Functions: their configuration, recursive-loop setting, dead-letter and event invoke
//! configurations, destinations, permissions, and the behaviour a learner gives them.

use super::declare::{model, tagged};
use super::read::{int, string};
use super::write::{self, scalar};
use serde_json::Value;

model! {
    /// A Lambda function.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Function {
        /// The function's name.
        function_name: String = "FunctionName" required, read string, write always;
        /// `Timeout` in seconds (default 3).
        timeout: i64 = "Timeout" default(default_timeout()), read int, write always;
        /// Reserved concurrency; `0` stops every invocation. Absent means unreserved.
        reserved_concurrent_executions: Option<i64> = "ReservedConcurrentExecutions" optional,
            read opt(int), write some;
        /// What Lambda does when it detects a recursive loop.
        recursive_loop: RecursiveLoop = "RecursiveLoop" optional,
            read recursive_loop, write unless(RecursiveLoop::is_default, write::recursive_loop);
        /// The legacy dead-letter queue for asynchronous invocations.
        dead_letter_config: Option<DeadLetterConfig> = "DeadLetterConfig" optional,
            read opt(DeadLetterConfig::read), write opt(DeadLetterConfig::write);
        /// Retries, event age and destinations for asynchronous invocations of `$LATEST` (and of
        /// unqualified invokes).
        event_invoke_config: Option<EventInvokeConfig> = "EventInvokeConfig" optional,
            read opt(EventInvokeConfig::read), write opt(EventInvokeConfig::write);
        /// Published versions (`PublishVersion`), oldest first.
        versions: Vec<FunctionVersion> = "Versions" optional,
            read list(FunctionVersion::read), write list(FunctionVersion::write);
        /// Aliases (`CreateAlias`).
        aliases: Vec<Alias> = "Aliases" optional,
            read list(Alias::read), write list(Alias::write);
        /// The execution role's allowed actions. Absent means the role allows every action the
        /// diagram needs (as SAM's generated policies do).
        permissions: Option<Vec<Permission>> = "permissions" optional,
            read opt_list(Permission::read), write opt_list(Permission::write);
        /// How the function's code behaves in the simulation.
        behavior: Behavior = "behavior" optional,
            read with(Behavior::read), write unless(Behavior::is_default, Behavior::write);
    }
}

fn default_timeout() -> i64 {
    3
}

model! {
    /// A published version (spec §2.9): a number, and its own `EventInvokeConfig`. Publishing does
    /// not copy `$LATEST`'s config to the version.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct FunctionVersion {
        /// `Version`: `"1"`, `"2"`, ...
        version: String = "Version" required, read string, write always;
        /// The version's own `EventInvokeConfig`.
        event_invoke_config: Option<EventInvokeConfig> = "EventInvokeConfig" optional,
            read opt(EventInvokeConfig::read), write opt(EventInvokeConfig::write);
    }
}

model! {
    /// An alias (spec §2.9): a name pointing at a version, optionally routing a share of
    /// invocations to a second version, with its own `EventInvokeConfig`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Alias {
        /// `Name`, e.g. `live`.
        name: String = "Name" required, read string, write always;
        /// `FunctionVersion`: a version number or `$LATEST`.
        function_version: String = "FunctionVersion" required, read string, write always;
        /// `RoutingConfig`.
        routing_config: Option<AliasRoutingConfig> = "RoutingConfig" optional,
            read opt(AliasRoutingConfig::read), write opt(AliasRoutingConfig::write);
        /// The alias's own `EventInvokeConfig`.
        event_invoke_config: Option<EventInvokeConfig> = "EventInvokeConfig" optional,
            read opt(EventInvokeConfig::read), write opt(EventInvokeConfig::write);
    }
}

model! {
    /// `RoutingConfig` of an alias.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct AliasRoutingConfig {
        /// `AdditionalVersionWeights`: version → share of invocations (0 to 1).
        additional_version_weights: Vec<(String, f64)> = "AdditionalVersionWeights" optional,
            read weights, write with(write::weights);
    }
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

    /// Where the `EventInvokeConfig` of `qualifier` is kept ([`Function::event_invoke_config_of`]),
    /// to be changed; `None` when no version or alias has that name.
    pub fn event_invoke_config_mut(
        &mut self,
        qualifier: Option<&str>,
    ) -> Option<&mut Option<EventInvokeConfig>> {
        match qualifier {
            None | Some("$LATEST") => Some(&mut self.event_invoke_config),
            Some(q) => {
                if let Some(v) = self.versions.iter_mut().find(|v| v.version == q) {
                    return Some(&mut v.event_invoke_config);
                }
                self.aliases
                    .iter_mut()
                    .find(|a| a.name == q)
                    .map(|a| &mut a.event_invoke_config)
            }
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
    fn is_default(&self) -> bool {
        *self == RecursiveLoop::Terminate
    }
}

model! {
    /// `DeadLetterConfig`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct DeadLetterConfig {
        /// ARN of an SQS queue or SNS topic.
        target_arn: String = "TargetArn" required, read string, write always;
    }
}

model! {
    /// `EventInvokeConfig`: the function's asynchronous invocation settings (spec §2.9).
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct EventInvokeConfig {
        /// 0 to 2; default 2.
        maximum_retry_attempts: Option<i64> = "MaximumRetryAttempts" optional,
            read opt(int), write some;
        /// 60 to 21600; default 21600.
        maximum_event_age_in_seconds: Option<i64> = "MaximumEventAgeInSeconds" optional,
            read opt(int), write some;
        /// OnSuccess and OnFailure destinations.
        destination_config: Option<DestinationConfig> = "DestinationConfig" optional,
            read opt(DestinationConfig::read), write opt(DestinationConfig::write);
    }
}

model! {
    /// `DestinationConfig`.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct DestinationConfig {
        /// Where successful invocations are recorded.
        on_success: Option<Destination> = "OnSuccess" optional,
            read opt(Destination::read), write opt(Destination::write);
        /// Where failed invocations are recorded.
        on_failure: Option<Destination> = "OnFailure" optional,
            read opt(Destination::read), write opt(Destination::write);
    }
}

model! {
    /// `{"Destination": "arn:..."}`; an absent or empty destination means "none".
    #[derive(Clone, Debug, Default, PartialEq)]
    pub struct Destination {
        /// The target's ARN (or `kafka://topic` for Kafka mappings).
        destination: Option<String> = "Destination" optional, read opt(string), write some;
    }
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

model! {
    /// One allowed action of the execution role, e.g. `sqs:SendMessage` on a queue ARN or `*`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Permission {
        /// The IAM action, e.g. `sns:Publish`.
        action: String = "Action" required, read string, write always;
        /// The resource ARN, or `*`.
        resource: String = "Resource" default(any_resource()), read string, write always;
    }
}

fn any_resource() -> String {
    "*".into()
}

model! {
    /// How a function behaves in the simulation. For each attempt the first that applies wins:
    /// the per-attempt script, a payload rule, the seeded error rate, then `outcome`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Behavior {
        /// The outcome of every attempt not otherwise scripted.
        outcome: Outcome = "outcome" optional,
            read with(Outcome::read), write unless(Outcome::is_ok, Outcome::write);
        /// Outcome of attempt 1, 2, 3, ... of the same request (or batch).
        attempts: Vec<Outcome> = "attempts" optional,
            read list(Outcome::read), write list(Outcome::write);
        /// Probability (0 to 1) that an attempt fails with an error, drawn from the seed.
        error_rate: f64 = "errorRate" optional, read float, write unless(is_zero, scalar);
        /// Outcomes chosen by a field of the payload.
        when: Vec<PayloadRule> = "when" optional,
            read list(PayloadRule::read), write list(PayloadRule::write);
        /// Records of a batch that this function fails to process; reported as
        /// `batchItemFailures` when the mapping has `ReportBatchItemFailures`, otherwise the whole
        /// batch fails.
        fail_records: Option<FieldMatch> = "failRecords" optional,
            read opt(FieldMatch::read), write opt(FieldMatch::write);
        /// What the function returns on success.
        response: Value = "response" optional, read free, write unless(Value::is_null, scalar);
        /// How long each attempt runs, in milliseconds.
        duration_ms: u64 = "durationMs" default(default_duration()), read u64_, write always;
    }
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}
fn default_duration() -> u64 {
    120
}

impl Default for Behavior {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Behavior {
    fn is_default(&self) -> bool {
        *self == Behavior::default()
    }
}

tagged! {
    /// The result of one attempt.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub enum Outcome {
        /// Returns `response`.
        #[default]
        Ok = "ok",
        /// Throws: an unhandled function error.
        Error = "error" {
            /// e.g. `Error`, `ValueError`.
            error_type: String = "errorType" default(default_error_type()),
                read string, write always;
            /// The exception message.
            error_message: String = "errorMessage" default(default_error_message()),
                read string, write always;
        },
        /// Runs past the function's `Timeout`.
        Timeout = "timeout",
        /// Lambda throttles the invocation (429) before the code runs.
        Throttle = "throttle",
    }
}

fn default_error_type() -> String {
    "Error".into()
}
fn default_error_message() -> String {
    "Something went wrong".into()
}

impl Outcome {
    fn is_ok(&self) -> bool {
        *self == Outcome::Ok
    }
}

model! {
    /// `{"field": "a.b", "equals": <json>, "outcome": {...}}`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct PayloadRule {
        /// Dotted path into the payload (or into each record's data for batches).
        field: String = "field" required, read string, write always;
        /// The value that selects this rule.
        equals: Value = "equals" required, read free, write always;
        /// The outcome when it matches.
        outcome: Outcome = "outcome" required, read with(Outcome::read), write with(Outcome::write);
    }
}

model! {
    /// `{"field": "a.b", "equals": <json>}`.
    #[derive(Clone, Debug, PartialEq)]
    pub struct FieldMatch {
        /// Dotted path into a record's data.
        field: String = "field" required, read string, write always;
        /// The value that marks a record as failing.
        equals: Value = "equals" required, read free, write always;
    }
}
