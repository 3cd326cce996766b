//! Validation that answers like the Lambda API: the error code, the HTTP status, the operation
//! and the exact message of spec §2.9, §3 and §6, plus the scenario field and resource it is about.
//!
//! Each rule is one function here; the editor calls the same functions to refuse a link on the
//! spot, so the reason a learner reads is always AWS's reason. The rules are split by what they
//! check:
//!
//! - this module: findings, the checker that collects them, and [`validate`];
//! - `functions.rs`: a function's settings, its asynchronous destinations and dead-letter queue;
//! - `mappings.rs`: event source mappings and their destinations;
//! - `names.rs`: the names the create APIs accept;
//! - `qualifiers.rs`: versions, aliases, and the qualifiers other resources name;
//! - `wiring.rs`: the links between resources, and what inputs are sent to.

mod functions;
mod mappings;
mod names;
mod qualifiers;
mod wiring;

pub use functions::check_async_destination;
pub use mappings::check_mapping_destination;

use crate::aws::Limit;
use crate::rules::RuleId;
use crate::scenario::{DestinationConfig, Scenario};
use crate::topology::Topology;
use functions::check_function;
use mappings::check_mapping;
use names::check_names;
use serde::Serialize;
use std::fmt;
use wiring::check_wiring;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// AWS refuses the configuration.
    Error,
    /// AWS accepts it, but it will not work as the learner probably expects.
    Warning,
}

/// One validation finding, in the form the AWS CLI prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// AWS error code, e.g. `InvalidParameterValueException`.
    pub code: &'static str,
    /// HTTP status of the error.
    pub status: u16,
    /// The API operation that would have been called.
    pub operation: &'static str,
    /// AWS's message.
    pub message: String,
    /// ARN of the resource the finding is about.
    pub resource: String,
    /// Path of the field in the scenario, e.g. `functions[0].EventInvokeConfig.MaximumRetryAttempts`.
    pub field: String,
    /// The rule applied.
    pub rule: RuleId,
    /// The message in Korean, for the playground's own warnings. AWS's messages have none: the
    /// API answers in English whatever the learner's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_ko: Option<String>,
}

impl Finding {
    /// The finding as the learner's language shows it: [`Finding`]'s `Display` (the AWS CLI's
    /// form), or for a playground warning in Korean, the same lines in Korean.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        match (&self.message_ko, lang) {
            (Some(ko), crate::lang::Lang::Ko) => format!(
                "경고 ({}): {ko}\n  위치: {} ({})",
                self.operation, self.field, self.resource
            ),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            write!(f, "Warning ({}): {}", self.operation, self.message)?;
        } else {
            write!(
                f,
                "An error occurred ({}) when calling the {} operation: {}",
                self.code, self.operation, self.message
            )?;
        }
        write!(f, "\n  at {} ({})", self.field, self.resource)
    }
}

const INVALID: &str = "InvalidParameterValueException";
const VALIDATION: &str = "ValidationException";
const NOT_FOUND: &str = "ResourceNotFoundException";
const PUT_INVOKE_CONFIG: &str = "PutFunctionEventInvokeConfig";
const CREATE_MAPPING: &str = "CreateEventSourceMapping";
const UPDATE_FUNCTION: &str = "UpdateFunctionConfiguration";

fn range_message(value: i64, field: &str, min: i64, max: i64) -> Option<String> {
    let constraint = if value < min {
        format!("Member must have value greater than or equal to {min}")
    } else if value > max {
        format!("Member must have value less than or equal to {max}")
    } else {
        return None;
    };
    Some(format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"))
}

/// The Java `toString` of a destination config, as AWS prints it in "is invalid" messages.
pub fn java_destination_config(config: &DestinationConfig) -> String {
    let side = |name: &str, arn: Option<&str>| match arn {
        Some(arn) => format!("{name}(destination={arn})"),
        None => "null".to_string(),
    };
    format!(
        "DestinationConfig(onSuccess={}, onFailure={})",
        side("OnSuccess", config.on_success_arn()),
        side("OnFailure", config.on_failure_arn())
    )
}

/// A collector of findings for one scenario.
struct Checker<'a> {
    scenario: &'a Scenario,
    topology: &'a Topology,
    findings: Vec<Finding>,
}

impl Checker<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        operation: &'static str,
        rule: RuleId,
        resource: &str,
        field: String,
        message: String,
    ) {
        let status = match code {
            NOT_FOUND => 404,
            _ => 400,
        };
        self.findings.push(Finding {
            severity,
            code,
            status,
            operation,
            message,
            resource: resource.to_string(),
            field,
            rule,
            message_ko: None,
        });
    }

    /// A warning of the playground's own (not an AWS error), in English and in Korean.
    fn warn(
        &mut self,
        operation: &'static str,
        rule: RuleId,
        resource: &str,
        field: String,
        message: (String, String),
    ) {
        let (en, ko) = message;
        self.push(
            Severity::Warning,
            INVALID,
            operation,
            rule,
            resource,
            field,
            en,
        );
        if let Some(finding) = self.findings.last_mut() {
            finding.message_ko = Some(ko);
        }
    }

    /// An error when `value` is outside what `limit` accepts, in AWS's words.
    fn range(
        &mut self,
        value: Option<i64>,
        limit: Limit,
        op: &'static str,
        rule: RuleId,
        resource: &str,
        field: String,
    ) {
        let message =
            value.and_then(|v| range_message(v, limit.parameter, limit.lowest(), limit.max));
        if let Some(message) = message {
            self.push(
                Severity::Error,
                VALIDATION,
                op,
                rule,
                resource,
                field,
                message,
            );
        }
    }
}

/// Validates the whole scenario. Errors come first, in scenario order, then warnings.
pub fn validate(scenario: &Scenario, topology: &Topology) -> Vec<Finding> {
    let mut c = Checker {
        scenario,
        topology,
        findings: Vec::new(),
    };
    for (kind, name) in &topology.duplicates {
        let field = format!("{}s", kind.as_str());
        c.push(
            Severity::Error,
            "ResourceConflictException",
            "Create",
            RuleId::ResourceName,
            name,
            field,
            format!(
                "A {} named {name} already exists in this scenario.",
                kind.as_str()
            ),
        );
    }
    for (i, function) in scenario.functions.iter().enumerate() {
        check_function(&mut c, i, function);
        qualifiers::check_versions(&mut c, i, function);
    }
    qualifiers::check_references(&mut c);
    for (i, mapping) in scenario.event_source_mappings.iter().enumerate() {
        check_mapping(&mut c, i, mapping);
    }
    check_wiring(&mut c);
    check_names(&mut c);
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity == Severity::Warning);
    findings
}

#[cfg(test)]
mod tests;
