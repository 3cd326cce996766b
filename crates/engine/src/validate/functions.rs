//! Checks of a function: its settings' limits, its asynchronous destinations (spec §2.9, §3.1)
//! and its dead-letter queue.

use super::{
    java_destination_config, Checker, Finding, Severity, INVALID, PUT_INVOKE_CONFIG,
    UPDATE_FUNCTION, VALIDATION,
};
use crate::aws::{
    self, async_destination_supported, destination_matches_pattern, is_fifo, required_action,
    role_allows, Limit, Side, DESTINATION_PATTERN,
};
use crate::korean::{attach, Particle};
use crate::rules::RuleId;
use crate::scenario::{DestinationConfig, Function, Scenario};
use crate::topology::{parse_arn, Kind, ResourceId, Topology};
pub(super) fn check_function(c: &mut Checker, i: usize, function: &Function) {
    let arn = c.topology.get(function_id(c.topology, i)).arn.clone();
    let base = format!("functions[{i}]");
    let name_ok = !function.function_name.is_empty()
        && function.function_name.len() <= 64
        && function
            .function_name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if !name_ok {
        let message = format!("1 validation error detected: Value '{}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length between 1 and 64", function.function_name);
        c.push(
            Severity::Error,
            VALIDATION,
            "CreateFunction",
            RuleId::ResourceName,
            &arn,
            format!("{base}.FunctionName"),
            message,
        );
    }
    let max_timeout = c.scenario.settings.max_function_timeout_seconds;
    c.range(
        Some(function.timeout),
        Limit {
            max: max_timeout,
            ..aws::TIMEOUT
        },
        UPDATE_FUNCTION,
        RuleId::FunctionTimeoutRange,
        &arn,
        format!("{base}.Timeout"),
    );
    c.range(
        function.reserved_concurrent_executions,
        aws::RESERVED_CONCURRENCY,
        "PutFunctionConcurrency",
        RuleId::FunctionConcurrencyRange,
        &arn,
        format!("{base}.ReservedConcurrentExecutions"),
    );
    if !(0.0..=1.0).contains(&function.behavior.error_rate) {
        c.push(
            Severity::Error,
            VALIDATION,
            "Simulate",
            RuleId::ResourceReference,
            &arn,
            format!("{base}.behavior.errorRate"),
            format!(
                "errorRate is {}; use a probability from 0 to 1",
                function.behavior.error_rate
            ),
        );
    }
    if let Some(dlq) = &function.dead_letter_config {
        check_dead_letter(
            c,
            function,
            &arn,
            &dlq.target_arn,
            format!("{base}.DeadLetterConfig.TargetArn"),
        );
    }
    let configs = std::iter::once((
        format!("{base}.EventInvokeConfig"),
        function.event_invoke_config.as_ref(),
    ))
    .chain(function.versions.iter().enumerate().map(|(j, v)| {
        (
            format!("{base}.Versions[{j}].EventInvokeConfig"),
            v.event_invoke_config.as_ref(),
        )
    }))
    .chain(function.aliases.iter().enumerate().map(|(j, a)| {
        (
            format!("{base}.Aliases[{j}].EventInvokeConfig"),
            a.event_invoke_config.as_ref(),
        )
    }));
    for (field, config) in configs {
        let Some(config) = config else { continue };
        check_invoke_config(c, i, &arn, &base, field, config);
    }
}

/// Checks one `EventInvokeConfig` of function `i` (of `$LATEST`, a version or an alias) as
/// `PutFunctionEventInvokeConfig` would; `field` is its path.
fn check_invoke_config(
    c: &mut Checker,
    i: usize,
    arn: &str,
    base: &str,
    field: String,
    config: &crate::scenario::EventInvokeConfig,
) {
    let destinations = config.destination_config.as_ref();
    let has_destination =
        destinations.is_some_and(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some());
    if config.maximum_retry_attempts.is_none()
        && config.maximum_event_age_in_seconds.is_none()
        && !has_destination
    {
        c.push(
            Severity::Error,
            INVALID,
            PUT_INVOKE_CONFIG,
            RuleId::InvokeConfigEmpty,
            arn,
            field.clone(),
            "You must specify at least one of error handling or destination setting.".into(),
        );
    }
    c.range(
        config.maximum_retry_attempts,
        aws::ASYNC_RETRIES,
        PUT_INVOKE_CONFIG,
        RuleId::InvokeConfigRange,
        arn,
        format!("{field}.MaximumRetryAttempts"),
    );
    c.range(
        config.maximum_event_age_in_seconds,
        aws::EVENT_AGE,
        PUT_INVOKE_CONFIG,
        RuleId::InvokeConfigRange,
        arn,
        format!("{field}.MaximumEventAgeInSeconds"),
    );
    if let Some(destinations) = destinations {
        for (side, target) in [
            (Side::OnSuccess, destinations.on_success_arn()),
            (Side::OnFailure, destinations.on_failure_arn()),
        ] {
            if let Some(target) = target {
                let findings =
                    check_async_destination(c.scenario, c.topology, i, destinations, side, target);
                // The checks name the `$LATEST` config's path; this config may be another's.
                let latest = format!("{base}.EventInvokeConfig");
                c.findings.extend(findings.into_iter().map(|mut f| {
                    if let Some(rest) = f.field.strip_prefix(&latest) {
                        f.field = format!("{field}{rest}");
                    }
                    f
                }));
            }
        }
    }
}

fn function_id(topology: &Topology, index: usize) -> ResourceId {
    topology.id_of(Kind::Function, index).unwrap_or_default()
}

/// Checks one asynchronous destination of function `function_index` as
/// `PutFunctionEventInvokeConfig` would (spec §2.9, §3.1, §8). The editor calls this to refuse a
/// link before it is drawn.
pub fn check_async_destination(
    scenario: &Scenario,
    topology: &Topology,
    function_index: usize,
    config: &DestinationConfig,
    side: Side,
    target: &str,
) -> Vec<Finding> {
    let mut c = Checker {
        scenario,
        topology,
        findings: Vec::new(),
    };
    let Some(function) = scenario.functions.get(function_index) else {
        return Vec::new();
    };
    let arn = topology
        .get(function_id(topology, function_index))
        .arn
        .clone();
    let field = format!(
        "functions[{function_index}].EventInvokeConfig.DestinationConfig.{}.Destination",
        side.as_str()
    );
    let fail = |c: &mut Checker, code: &'static str, rule: RuleId, message: String| {
        c.push(
            Severity::Error,
            code,
            PUT_INVOKE_CONFIG,
            rule,
            &arn,
            field.clone(),
            message,
        );
    };
    if !destination_matches_pattern(target) {
        let message = format!("1 validation error detected: Value '{target}' at 'destinationConfig.{}.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: {DESTINATION_PATTERN}", side.camel());
        fail(&mut c, VALIDATION, RuleId::DestinationPattern, message);
        return c.findings;
    }
    let service = parse_arn(target).map(|a| a.service).unwrap_or("kafka");
    let target_id = topology.by_arn(target);
    let target_kind = target_id.map(|id| topology.get(id).kind);
    let service_kind = match service {
        "sqs" => Some(Kind::Queue),
        "sns" => Some(Kind::Topic),
        "lambda" => Some(Kind::Function),
        "events" => Some(Kind::EventBus),
        "s3" => Some(Kind::Bucket),
        _ => None,
    };
    if !service_kind.is_some_and(|kind| async_destination_supported(kind, side)) {
        fail(
            &mut c,
            INVALID,
            RuleId::DestinationUnsupported,
            format!(
                "The provided destination config {} is invalid.",
                java_destination_config(config)
            ),
        );
        return c.findings;
    }
    if target_id == Some(function_id(topology, function_index)) {
        fail(
            &mut c,
            INVALID,
            RuleId::DestinationSelf,
            "You can't specify the function as a destination for itself.".into(),
        );
        return c.findings;
    }
    let qualifier_missing = target_id.is_some_and(|id| {
        let resource = topology.get(id);
        resource.kind == Kind::Function
            && scenario.functions.get(resource.index).is_some_and(|f| {
                crate::qualifier::resolve(f, crate::qualifier::split(target).1).is_none()
            })
    });
    let Some(kind) = target_kind
        .filter(|k| Some(*k) == service_kind)
        .filter(|_| !qualifier_missing)
    else {
        fail(
            &mut c,
            INVALID,
            RuleId::DestinationMissing,
            format!("The destination ARN {target} is invalid."),
        );
        return c.findings;
    };
    if let Some((action, api)) = required_action(kind) {
        if !role_allows(function.permissions.as_deref(), action, target) {
            let message = format!(
                "The function's execution role does not have permissions to call {api} on {target}"
            );
            fail(&mut c, INVALID, RuleId::DestinationPermission, message);
            return c.findings;
        }
    }
    if is_fifo(scenario, topology, target) {
        let (en, ko) = if kind == Kind::Queue {
            ("queue", "큐")
        } else {
            ("topic", "토픽")
        };
        let message = (
            format!("{target} is a FIFO {en}. Lambda accepts it, but FIFO targets are unsupported for destinations: every record sent there fails to deliver and counts in DestinationDeliveryFailures."),
            format!("{} FIFO {ko}입니다. Lambda는 설정을 받아들이지만 FIFO 대상은 Destinations에 지원되지 않습니다: 그곳으로 보내는 모든 레코드는 전달에 실패하고 DestinationDeliveryFailures에 집계됩니다.", attach(target, Particle::Topic)),
        );
        c.warn(
            PUT_INVOKE_CONFIG,
            RuleId::DestinationFifo,
            &arn,
            field.clone(),
            message,
        );
    }
    c.findings
}

fn check_dead_letter(c: &mut Checker, function: &Function, arn: &str, target: &str, field: String) {
    let kind = c.topology.by_arn(target).map(|id| c.topology.get(id).kind);
    match kind {
        Some(kind @ (Kind::Queue | Kind::Topic)) => {
            let (action, api, service) = if kind == Kind::Queue {
                ("sqs:SendMessage", "SendMessage", "SQS")
            } else {
                ("sns:Publish", "Publish", "SNS")
            };
            if !role_allows(function.permissions.as_deref(), action, target) {
                let message = format!("The provided execution role does not have permissions to call {api} on {service}");
                c.push(
                    Severity::Error,
                    INVALID,
                    UPDATE_FUNCTION,
                    RuleId::DeadLetterPermission,
                    arn,
                    field,
                    message,
                );
            } else if is_fifo(c.scenario, c.topology, target) {
                let message = (
                    format!("{target} is FIFO. A dead-letter queue must be a standard queue or topic: events sent there fail and count in DeadLetterErrors."),
                    format!("{} FIFO입니다. 데드 레터 큐는 표준 큐나 토픽이어야 합니다: 그곳으로 보내는 이벤트는 실패하고 DeadLetterErrors에 집계됩니다.", attach(target, Particle::Topic)),
                );
                c.warn(
                    UPDATE_FUNCTION,
                    RuleId::DeadLetterTarget,
                    arn,
                    field,
                    message,
                );
            }
        }
        _ => {
            let message = format!("The provided target ARN {target} is not an SQS queue or SNS topic of this scenario. A dead-letter queue must be an SQS queue or SNS topic.");
            c.push(
                Severity::Error,
                INVALID,
                UPDATE_FUNCTION,
                RuleId::DeadLetterTarget,
                arn,
                field,
                message,
            );
        }
    }
}
