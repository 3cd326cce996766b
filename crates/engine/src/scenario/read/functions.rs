//! Reading functions: their configuration, dead-letter and event invoke configurations,
//! destinations, permissions, behaviours and outcomes.

use super::{
    fail, fields, float, int, list, need, opt, string, tag, u64_, variant, wrong_type, At, Path, R,
};
use crate::scenario::{
    any_resource, default_error_message, default_error_type, default_timeout, Alias,
    AliasRoutingConfig, Behavior, DeadLetterConfig, Destination, DestinationConfig,
    EventInvokeConfig, FieldMatch, Function, FunctionVersion, Outcome, PayloadRule, Permission,
    RecursiveLoop,
};
use serde::de::Error as _;
use serde_json::Value;
/// Reads a function.
pub(crate) fn function(value: &Value, path: &Path) -> R<Function> {
    const F: &[&str] = &[
        "FunctionName",
        "Timeout",
        "ReservedConcurrentExecutions",
        "RecursiveLoop",
        "DeadLetterConfig",
        "EventInvokeConfig",
        "Versions",
        "Aliases",
        "permissions",
        "behavior",
    ];
    let mut f = Function {
        function_name: String::new(),
        timeout: default_timeout(),
        reserved_concurrent_executions: None,
        recursive_loop: RecursiveLoop::Terminate,
        dead_letter_config: None,
        event_invoke_config: None,
        versions: Vec::new(),
        aliases: Vec::new(),
        permissions: None,
        behavior: Behavior::default(),
    };
    let mut name = false;
    fields(value, path, "struct Function", F, None, &mut |i, v, p| {
        match i {
            0 => {
                f.function_name = string(v, p)?;
                name = true;
            }
            1 => f.timeout = int(v, p)?,
            2 => f.reserved_concurrent_executions = opt(v, p, int)?,
            3 => {
                f.recursive_loop = match variant(v, p, &["Terminate", "Allow"], false)? {
                    0 => RecursiveLoop::Terminate,
                    _ => RecursiveLoop::Allow,
                }
            }
            4 => f.dead_letter_config = opt(v, p, dead_letter_config)?,
            5 => f.event_invoke_config = opt(v, p, event_invoke_config)?,
            6 => f.versions = list(v, p, function_version)?,
            7 => f.aliases = list(v, p, alias)?,
            8 => f.permissions = opt(v, p, |v, p| list(v, p, permission))?,
            _ => f.behavior = behavior(v, p)?,
        }
        Ok(())
    })?;
    need(name, path, "FunctionName")?;
    Ok(f)
}

fn function_version(value: &Value, path: &Path) -> R<FunctionVersion> {
    let mut v = FunctionVersion::default();
    let mut seen = false;
    fields(
        value,
        path,
        "struct FunctionVersion",
        &["Version", "EventInvokeConfig"],
        None,
        &mut |i, x, p| {
            match i {
                0 => {
                    v.version = string(x, p)?;
                    seen = true;
                }
                _ => v.event_invoke_config = opt(x, p, event_invoke_config)?,
            }
            Ok(())
        },
    )?;
    need(seen, path, "Version")?;
    Ok(v)
}

fn alias(value: &Value, path: &Path) -> R<Alias> {
    let mut a = Alias::default();
    let (mut name, mut version) = (false, false);
    fields(
        value,
        path,
        "struct Alias",
        &[
            "Name",
            "FunctionVersion",
            "RoutingConfig",
            "EventInvokeConfig",
        ],
        None,
        &mut |i, x, p| {
            match i {
                0 => {
                    a.name = string(x, p)?;
                    name = true;
                }
                1 => {
                    a.function_version = string(x, p)?;
                    version = true;
                }
                2 => a.routing_config = opt(x, p, routing_config)?,
                _ => a.event_invoke_config = opt(x, p, event_invoke_config)?,
            }
            Ok(())
        },
    )?;
    need(name, path, "Name")?;
    need(version, path, "FunctionVersion")?;
    Ok(a)
}

fn routing_config(value: &Value, path: &Path) -> R<AliasRoutingConfig> {
    let mut c = AliasRoutingConfig::default();
    fields(
        value,
        path,
        "struct AliasRoutingConfig",
        &["AdditionalVersionWeights"],
        None,
        &mut |_, x, p| {
            let Value::Object(map) = x else {
                return Err(wrong_type(x, p, "a map"));
            };
            for (version, weight) in map {
                c.additional_version_weights
                    .push((version.clone(), float(weight, &p.key(version))?));
            }
            Ok(())
        },
    )?;
    Ok(c)
}

fn dead_letter_config(value: &Value, path: &Path) -> R<DeadLetterConfig> {
    let mut target_arn = None;
    fields(
        value,
        path,
        "struct DeadLetterConfig",
        &["TargetArn"],
        None,
        &mut |_, v, p| {
            target_arn = Some(string(v, p)?);
            Ok(())
        },
    )?;
    match target_arn {
        Some(target_arn) => Ok(DeadLetterConfig { target_arn }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("TargetArn"),
        )),
    }
}

fn event_invoke_config(value: &Value, path: &Path) -> R<EventInvokeConfig> {
    const F: &[&str] = &[
        "MaximumRetryAttempts",
        "MaximumEventAgeInSeconds",
        "DestinationConfig",
    ];
    let mut c = EventInvokeConfig::default();
    fields(
        value,
        path,
        "struct EventInvokeConfig",
        F,
        None,
        &mut |i, v, p| {
            match i {
                0 => c.maximum_retry_attempts = opt(v, p, int)?,
                1 => c.maximum_event_age_in_seconds = opt(v, p, int)?,
                _ => c.destination_config = opt(v, p, destination_config)?,
            }
            Ok(())
        },
    )?;
    Ok(c)
}

pub(super) fn destination_config(value: &Value, path: &Path) -> R<DestinationConfig> {
    let mut c = DestinationConfig::default();
    fields(
        value,
        path,
        "struct DestinationConfig",
        &["OnSuccess", "OnFailure"],
        None,
        &mut |i, v, p| {
            *(if i == 0 {
                &mut c.on_success
            } else {
                &mut c.on_failure
            }) = opt(v, p, destination)?;
            Ok(())
        },
    )?;
    Ok(c)
}

fn destination(value: &Value, path: &Path) -> R<Destination> {
    let mut d = Destination::default();
    fields(
        value,
        path,
        "struct Destination",
        &["Destination"],
        None,
        &mut |_, v, p| {
            d.destination = opt(v, p, string)?;
            Ok(())
        },
    )?;
    Ok(d)
}

fn permission(value: &Value, path: &Path) -> R<Permission> {
    let mut action = None;
    let mut resource = any_resource();
    fields(
        value,
        path,
        "struct Permission",
        &["Action", "Resource"],
        None,
        &mut |i, v, p| {
            match i {
                0 => action = Some(string(v, p)?),
                _ => resource = string(v, p)?,
            }
            Ok(())
        },
    )?;
    match action {
        Some(action) => Ok(Permission { action, resource }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Action"),
        )),
    }
}

/// Reads a function's `behavior`.
pub(crate) fn behavior(value: &Value, path: &Path) -> R<Behavior> {
    const F: &[&str] = &[
        "outcome",
        "attempts",
        "errorRate",
        "when",
        "failRecords",
        "response",
        "durationMs",
    ];
    let mut b = Behavior::default();
    fields(value, path, "struct Behavior", F, None, &mut |i, v, p| {
        match i {
            0 => b.outcome = outcome(v, p)?,
            1 => b.attempts = list(v, p, outcome)?,
            2 => b.error_rate = float(v, p)?,
            3 => b.when = list(v, p, payload_rule)?,
            4 => b.fail_records = opt(v, p, field_match)?,
            5 => b.response = v.clone(),
            _ => b.duration_ms = u64_(v, p)?,
        }
        Ok(())
    })?;
    Ok(b)
}

pub(super) fn outcome(value: &Value, path: &Path) -> R<Outcome> {
    const VARIANTS: &[&str] = &["ok", "error", "timeout", "throttle"];
    Ok(
        match tag(value, path, "internally tagged enum Outcome", VARIANTS)? {
            0 => Outcome::Ok,
            1 => {
                let mut error_type = default_error_type();
                let mut error_message = default_error_message();
                fields(
                    value,
                    path,
                    "struct variant Outcome::Error",
                    &["errorType", "errorMessage"],
                    Some("type"),
                    &mut |i, v, p| {
                        *(if i == 0 {
                            &mut error_type
                        } else {
                            &mut error_message
                        }) = string(v, p)?;
                        Ok(())
                    },
                )?;
                Outcome::Error {
                    error_type,
                    error_message,
                }
            }
            2 => Outcome::Timeout,
            _ => Outcome::Throttle,
        },
    )
}

/// `field` and `equals` of a payload rule or a record match, and the rule's `outcome`.
fn matcher(
    value: &Value,
    path: &Path,
    expected: &str,
    known: &'static [&'static str],
) -> R<(String, Value, Option<Outcome>)> {
    let mut field = None;
    let mut equals = None;
    let mut result = None;
    fields(value, path, expected, known, None, &mut |i, v, p| {
        match i {
            0 => field = Some(string(v, p)?),
            1 => equals = Some(v.clone()),
            _ => result = Some(outcome(v, p)?),
        }
        Ok(())
    })?;
    need(field.is_some(), path, "field")?;
    need(equals.is_some(), path, "equals")?;
    if known.len() > 2 {
        need(result.is_some(), path, "outcome")?;
    }
    Ok((
        field.unwrap_or_default(),
        equals.unwrap_or_default(),
        result,
    ))
}

fn payload_rule(value: &Value, path: &Path) -> R<PayloadRule> {
    let (field, equals, outcome) = matcher(
        value,
        path,
        "struct PayloadRule",
        &["field", "equals", "outcome"],
    )?;
    Ok(PayloadRule {
        field,
        equals,
        outcome: outcome.unwrap_or_default(),
    })
}

fn field_match(value: &Value, path: &Path) -> R<FieldMatch> {
    let (field, equals, _) = matcher(value, path, "struct FieldMatch", &["field", "equals"])?;
    Ok(FieldMatch { field, equals })
}
