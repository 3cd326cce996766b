//! Checks of versions, aliases and the qualifiers other resources name (spec §2.9): version
//! numbers, alias names and the versions they point at, and every `name:qualifier` or qualified
//! ARN that invokes, subscribes or maps a function.

use super::{Checker, Severity, INVALID, NOT_FOUND, VALIDATION};
use crate::qualifier::{self, ALIAS_PATTERN, PATTERN};
use crate::rules::RuleId;
use crate::scenario::{Function, Input};
use crate::topology::Kind;

/// Checks function `i`'s versions and aliases.
pub(super) fn check_versions(c: &mut Checker, i: usize, function: &Function) {
    let arn = format!(
        "arn:aws:lambda:{}:{}:function:{}",
        c.scenario.region, c.scenario.account, function.function_name
    );
    let mut last = 0u64;
    for (j, v) in function.versions.iter().enumerate() {
        let number = v
            .version
            .parse::<u64>()
            .ok()
            .filter(|n| *n > last && !v.version.starts_with('0'));
        match number {
            Some(n) => last = n,
            None => c.push(
                Severity::Error,
                VALIDATION,
                "PublishVersion",
                RuleId::VersionNumber,
                &arn,
                format!("functions[{i}].Versions[{j}].Version"),
                format!("Version '{}' is not a version PublishVersion gives: versions are numbered 1, 2, 3, ... in the order they are published, each once.", v.version),
            ),
        }
    }
    for (j, a) in function.aliases.iter().enumerate() {
        let base = format!("functions[{i}].Aliases[{j}]");
        if !qualifier::alias_name_ok(&a.name) {
            c.push(
                Severity::Error,
                VALIDATION,
                "CreateAlias",
                RuleId::AliasName,
                &arn,
                format!("{base}.Name"),
                format!("1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: {ALIAS_PATTERN}", a.name),
            );
        } else if function.aliases[..j].iter().any(|b| b.name == a.name) {
            c.push(
                Severity::Error,
                "ResourceConflictException",
                "CreateAlias",
                RuleId::AliasName,
                &arn,
                format!("{base}.Name"),
                format!("Alias already exists: {arn}:{}", a.name),
            );
        }
        let exists = |version: &str| {
            version == qualifier::LATEST || function.versions.iter().any(|v| v.version == version)
        };
        if !exists(&a.function_version) {
            c.push(
                Severity::Error,
                NOT_FOUND,
                "CreateAlias",
                RuleId::AliasVersion,
                &arn,
                format!("{base}.FunctionVersion"),
                format!("Function not found: {arn}:{}", a.function_version),
            );
        }
        let weights = a
            .routing_config
            .as_ref()
            .map(|r| r.additional_version_weights.as_slice())
            .unwrap_or_default();
        for (version, weight) in weights {
            let field = format!("{base}.RoutingConfig.AdditionalVersionWeights.{version}");
            if !(0.0..=1.0).contains(weight) {
                c.push(
                    Severity::Error,
                    VALIDATION,
                    "CreateAlias",
                    RuleId::AliasVersion,
                    &arn,
                    field,
                    format!("1 validation error detected: Value '{{{version}={weight}}}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]"),
                );
            } else if !exists(version) || version == qualifier::LATEST {
                c.push(
                    Severity::Error,
                    NOT_FOUND,
                    "CreateAlias",
                    RuleId::AliasVersion,
                    &arn,
                    field,
                    format!("Function not found: {arn}:{version}"),
                );
            }
        }
        if weights.len() > 1 {
            c.push(
                Severity::Error,
                INVALID,
                "CreateAlias",
                RuleId::AliasVersion,
                &arn,
                format!("{base}.RoutingConfig.AdditionalVersionWeights"),
                "An alias routes to at most one additional version.".into(),
            );
        }
    }
}

/// Checks every qualifier a resource or an input writes with a function it names: it must
/// match the pattern and name `$LATEST`, a version or an alias of that function.
pub(super) fn check_references(c: &mut Checker) {
    let scenario = c.scenario;
    let mut references: Vec<(&str, String, &'static str)> = Vec::new();
    for (i, topic) in scenario.topics.iter().enumerate() {
        for (j, s) in topic.subscriptions.iter().enumerate() {
            if s.protocol == "lambda" {
                let field = format!("topics[{i}].Subscriptions[{j}].Endpoint");
                references.push((&s.endpoint, field, "Subscribe"));
            }
        }
    }
    for (i, bus) in scenario.event_buses.iter().enumerate() {
        for (j, rule) in bus.rules.iter().enumerate() {
            for (k, target) in rule.targets.iter().enumerate() {
                let field = format!("eventBuses[{i}].Rules[{j}].Targets[{k}]");
                references.push((target, field, "PutTargets"));
            }
        }
    }
    for (i, bucket) in scenario.buckets.iter().enumerate() {
        for (j, n) in bucket.lambda_function_configurations.iter().enumerate() {
            let field = format!("buckets[{i}].LambdaFunctionConfigurations[{j}].LambdaFunctionArn");
            references.push((
                &n.lambda_function_arn,
                field,
                "PutBucketNotificationConfiguration",
            ));
        }
    }
    for (i, m) in scenario.event_source_mappings.iter().enumerate() {
        let field = format!("eventSourceMappings[{i}].FunctionName");
        references.push((&m.function_name, field, "CreateEventSourceMapping"));
    }
    for (i, input) in scenario.inputs.iter().enumerate() {
        if let Input::Invoke { function_name, .. } = input {
            references.push((function_name, format!("inputs[{i}].FunctionName"), "Invoke"));
        }
    }
    for (reference, field, operation) in references {
        check_reference(c, reference, field, operation);
    }
}

/// Checks one function reference; references to other resources, and to functions the scenario
/// does not have, are left to the wiring checks.
fn check_reference(c: &mut Checker, reference: &str, field: String, operation: &'static str) {
    let (_, Some(written)) = qualifier::split(reference) else {
        return;
    };
    let Some(id) = c.topology.find(Kind::Function, reference) else {
        return;
    };
    let resource = c.topology.get(id);
    let (arn, index) = (resource.arn.clone(), resource.index);
    if !qualifier::matches_pattern(written) {
        let message = format!("1 validation error detected: Value '{written}' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: {PATTERN}");
        c.push(
            Severity::Error,
            VALIDATION,
            operation,
            RuleId::QualifierPattern,
            &arn,
            field,
            message,
        );
        return;
    }
    let exists = c
        .scenario
        .functions
        .get(index)
        .and_then(|f| qualifier::resolve(f, Some(written)))
        .is_some();
    if !exists {
        c.push(
            Severity::Error,
            NOT_FOUND,
            operation,
            RuleId::QualifierMissing,
            &format!("{arn}:{written}"),
            field,
            qualifier::NOT_FOUND.into(),
        );
    }
}
