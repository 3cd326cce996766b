//! Validation that answers like the Lambda API: the error code, the HTTP status, the operation
//! and the exact message of spec §2.9, §3 and §6, plus the scenario field and resource it is about.
//!
//! Each rule is one function here; the editor calls the same functions to refuse a link on the
//! spot, so the reason a learner reads is always AWS's reason.

use crate::aws::{
    self, async_destination_supported, destination_matches_pattern, is_fifo, kafka_destination,
    mapping_destination_supported, mapping_source, mapping_takes_destinations, required_action,
    role_allows, Limit, MappingDefaults, Side, DESTINATION_PATTERN,
};
use crate::korean::{attach, Particle};
use crate::rules::RuleId;
use crate::scenario::{DestinationConfig, EventSourceMapping, Function, Scenario};
use crate::topology::{parse_arn, Kind, ResourceId, Topology};
use serde::Serialize;
use std::fmt;

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
    }
    for (i, mapping) in scenario.event_source_mappings.iter().enumerate() {
        check_mapping(&mut c, i, mapping);
    }
    check_wiring(&mut c);
    check_names(&mut c);
    let mut findings = c.findings;
    findings.sort_by_key(|f| f.severity == Severity::Warning);
    findings
}

fn check_function(c: &mut Checker, i: usize, function: &Function) {
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
    if let Some(config) = &function.event_invoke_config {
        let field = format!("{base}.EventInvokeConfig");
        let destinations = config.destination_config.as_ref();
        let has_destination = destinations
            .is_some_and(|d| d.on_success_arn().is_some() || d.on_failure_arn().is_some());
        if config.maximum_retry_attempts.is_none()
            && config.maximum_event_age_in_seconds.is_none()
            && !has_destination
        {
            c.push(
                Severity::Error,
                INVALID,
                PUT_INVOKE_CONFIG,
                RuleId::InvokeConfigEmpty,
                &arn,
                field.clone(),
                "You must specify at least one of error handling or destination setting.".into(),
            );
        }
        c.range(
            config.maximum_retry_attempts,
            aws::ASYNC_RETRIES,
            PUT_INVOKE_CONFIG,
            RuleId::InvokeConfigRange,
            &arn,
            format!("{field}.MaximumRetryAttempts"),
        );
        c.range(
            config.maximum_event_age_in_seconds,
            aws::EVENT_AGE,
            PUT_INVOKE_CONFIG,
            RuleId::InvokeConfigRange,
            &arn,
            format!("{field}.MaximumEventAgeInSeconds"),
        );
        if let Some(destinations) = destinations {
            for (side, target) in [
                (Side::OnSuccess, destinations.on_success_arn()),
                (Side::OnFailure, destinations.on_failure_arn()),
            ] {
                if let Some(target) = target {
                    let findings = check_async_destination(
                        c.scenario,
                        c.topology,
                        i,
                        destinations,
                        side,
                        target,
                    );
                    c.findings.extend(findings);
                }
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
    let Some(kind) = target_kind.filter(|k| Some(*k) == service_kind) else {
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

fn check_mapping(c: &mut Checker, i: usize, mapping: &EventSourceMapping) {
    let id = c
        .topology
        .id_of(Kind::EventSourceMapping, i)
        .unwrap_or_default();
    let arn = c.topology.get(id).arn.clone();
    let base = format!("eventSourceMappings[{i}]");
    if c.topology
        .find(Kind::Function, &mapping.function_name)
        .is_none()
    {
        let message = format!(
            "Function not found: {}",
            qualify_function(c.scenario, &mapping.function_name)
        );
        c.push(
            Severity::Error,
            NOT_FOUND,
            CREATE_MAPPING,
            RuleId::ResourceReference,
            &arn,
            format!("{base}.FunctionName"),
            message,
        );
    }
    let source = mapping_source(c.topology, mapping);
    let Some(source) = source else {
        let what = mapping
            .event_source_arn
            .clone()
            .or(mapping.self_managed_cluster.clone())
            .unwrap_or_default();
        let message = format!("The event source {what} does not exist in this scenario. Draw the stream, queue or Kafka topic first.");
        c.push(
            Severity::Error,
            INVALID,
            CREATE_MAPPING,
            RuleId::MappingSource,
            &arn,
            format!("{base}.EventSourceArn"),
            message,
        );
        return;
    };
    let source_kind = c.topology.get(source).kind;
    let defaults = MappingDefaults::for_source(source_kind, c.scenario, c.topology, source);
    c.range(
        mapping.batch_size,
        Limit {
            max: defaults.max_batch,
            ..aws::STREAM_BATCH_SIZE
        },
        CREATE_MAPPING,
        RuleId::MappingRange,
        &arn,
        format!("{base}.BatchSize"),
    );
    c.range(
        mapping.maximum_batching_window_in_seconds,
        aws::BATCHING_WINDOW,
        CREATE_MAPPING,
        RuleId::MappingRange,
        &arn,
        format!("{base}.MaximumBatchingWindowInSeconds"),
    );
    let window = mapping.maximum_batching_window_in_seconds.unwrap_or(0);
    if matches!(
        source_kind,
        Kind::KinesisStream | Kind::DynamoDbStream | Kind::Queue
    ) && mapping.batch_size.unwrap_or(0) > 10
        && window < 1
    {
        let message = "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10".to_string();
        c.push(
            Severity::Error,
            INVALID,
            CREATE_MAPPING,
            RuleId::MappingRange,
            &arn,
            format!("{base}.MaximumBatchingWindowInSeconds"),
            message,
        );
    }
    let is_stream = source_kind != Kind::Queue;
    if is_stream {
        c.range(
            mapping.maximum_retry_attempts,
            aws::MAPPING_RETRIES,
            CREATE_MAPPING,
            RuleId::MappingRange,
            &arn,
            format!("{base}.MaximumRetryAttempts"),
        );
        c.range(
            mapping.maximum_record_age_in_seconds,
            aws::RECORD_AGE,
            CREATE_MAPPING,
            RuleId::MappingRange,
            &arn,
            format!("{base}.MaximumRecordAgeInSeconds"),
        );
        if let Some(age @ 0..=59) = mapping.maximum_record_age_in_seconds {
            c.push(Severity::Error, VALIDATION, CREATE_MAPPING, RuleId::MappingRange, &arn, format!("{base}.MaximumRecordAgeInSeconds"),
                format!("1 validation error detected: Value '{age}' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60, or be -1"));
        }
        c.range(
            mapping.parallelization_factor,
            aws::PARALLELIZATION,
            CREATE_MAPPING,
            RuleId::MappingRange,
            &arn,
            format!("{base}.ParallelizationFactor"),
        );
        c.range(
            mapping.tumbling_window_in_seconds,
            aws::TUMBLING_WINDOW,
            CREATE_MAPPING,
            RuleId::MappingRange,
            &arn,
            format!("{base}.TumblingWindowInSeconds"),
        );
        if source_kind != Kind::KafkaTopic {
            match mapping.starting_position.as_deref() {
                None => c.push(Severity::Error, INVALID, CREATE_MAPPING, RuleId::MappingRange, &arn, format!("{base}.StartingPosition"), "StartingPosition is required for Kinesis and DynamoDB Streams event sources. Use TRIM_HORIZON or LATEST.".into()),
                Some("TRIM_HORIZON" | "LATEST") => {}
                Some("AT_TIMESTAMP") if source_kind == Kind::KinesisStream => {}
                Some(other) => c.push(Severity::Error, VALIDATION, CREATE_MAPPING, RuleId::MappingRange, &arn, format!("{base}.StartingPosition"),
                    format!("1 validation error detected: Value '{other}' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                        if source_kind == Kind::KinesisStream { "AT_TIMESTAMP, LATEST, TRIM_HORIZON" } else { "LATEST, TRIM_HORIZON" })),
            }
        }
    } else {
        for (value, name) in [
            (mapping.maximum_retry_attempts, "MaximumRetryAttempts"),
            (
                mapping.maximum_record_age_in_seconds,
                "MaximumRecordAgeInSeconds",
            ),
            (mapping.parallelization_factor, "ParallelizationFactor"),
            (
                mapping.tumbling_window_in_seconds,
                "TumblingWindowInSeconds",
            ),
        ] {
            if value.is_some() {
                c.push(
                    Severity::Error,
                    INVALID,
                    CREATE_MAPPING,
                    RuleId::MappingRange,
                    &arn,
                    format!("{base}.{name}"),
                    format!("Unsupported {name} parameter for given event source mapping type."),
                );
            }
        }
    }
    for t in &mapping.function_response_types {
        if t != "ReportBatchItemFailures" {
            c.push(Severity::Error, VALIDATION, CREATE_MAPPING, RuleId::MappingRange, &arn, format!("{base}.FunctionResponseTypes"),
                format!("1 validation error detected: Value '[{t}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]"));
        }
    }
    if let Some(config) = &mapping.destination_config {
        c.findings.extend(check_mapping_destination(
            c.scenario,
            c.topology,
            i,
            source_kind,
            config,
        ));
    }
}

/// Checks a mapping's `DestinationConfig` as `CreateEventSourceMapping` would (spec §3.2).
pub fn check_mapping_destination(
    scenario: &Scenario,
    topology: &Topology,
    mapping_index: usize,
    source_kind: Kind,
    config: &DestinationConfig,
) -> Vec<Finding> {
    let mut c = Checker {
        scenario,
        topology,
        findings: Vec::new(),
    };
    let arn = topology
        .id_of(Kind::EventSourceMapping, mapping_index)
        .map(|id| topology.get(id).arn.clone())
        .unwrap_or_default();
    let base = format!("eventSourceMappings[{mapping_index}].DestinationConfig");
    let unsupported =
        "Unsupported DestinationConfig parameter for given event source mapping type.";
    if config.on_success.is_some() {
        c.push(
            Severity::Error,
            INVALID,
            CREATE_MAPPING,
            RuleId::MappingDestinationUnsupported,
            &arn,
            format!("{base}.OnSuccess"),
            unsupported.into(),
        );
        return c.findings;
    }
    let Some(on_failure) = &config.on_failure else {
        return c.findings;
    };
    if !mapping_takes_destinations(source_kind) {
        if on_failure.arn().is_some() {
            c.push(
                Severity::Error,
                INVALID,
                CREATE_MAPPING,
                RuleId::MappingDestinationUnsupported,
                &arn,
                format!("{base}.OnFailure"),
                unsupported.into(),
            );
        }
        return c.findings;
    }
    let field = format!("{base}.OnFailure.Destination");
    let Some(target) = on_failure.arn() else {
        if on_failure.destination.is_none() {
            c.push(
                Severity::Error,
                INVALID,
                CREATE_MAPPING,
                RuleId::MappingDestinationRequired,
                &arn,
                field,
                "The Destination field is required for an OnFailure configuration.".into(),
            );
        }
        return c.findings;
    };
    if !destination_matches_pattern(target) {
        let message = format!("1 validation error detected: Value '{target}' at 'destinationConfig.onFailure.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: {DESTINATION_PATTERN}");
        c.push(
            Severity::Error,
            VALIDATION,
            CREATE_MAPPING,
            RuleId::DestinationPattern,
            &arn,
            field,
            message,
        );
        return c.findings;
    }
    if let Some(topic) = target.strip_prefix("kafka://") {
        if source_kind != Kind::KafkaTopic {
            c.push(
                Severity::Error,
                INVALID,
                CREATE_MAPPING,
                RuleId::MappingDestinationUnsupported,
                &arn,
                field,
                unsupported.into(),
            );
            return c.findings;
        }
        let Some(mapping) = scenario.event_source_mappings.get(mapping_index) else {
            return c.findings;
        };
        if mapping.topics.iter().any(|t| t == topic) {
            // The rule is documented (spec §3.2); AWS's wording is not (see `assumptions`).
            let message = format!("The destination topic {target} must not be one of the event source mapping's topics.");
            c.push(
                Severity::Error,
                INVALID,
                CREATE_MAPPING,
                RuleId::MappingDestinationUnsupported,
                &arn,
                field,
                message,
            );
        } else if kafka_destination(scenario, topology, mapping, topic).is_none() {
            let message = (
                format!("The cluster has no topic {topic} in this scenario, so nothing shows what {target} receives: add it under kafkaTopics."),
                format!("이 시나리오의 클러스터에는 {topic} 토픽이 없어 {} 받는 내용을 보여 줄 곳이 없습니다: kafkaTopics에 추가하세요.", attach(target, Particle::Subject)),
            );
            c.warn(
                CREATE_MAPPING,
                RuleId::DestinationMissing,
                &arn,
                field,
                message,
            );
        }
        return c.findings;
    }
    match topology.by_arn(target).map(|id| topology.get(id).kind) {
        Some(kind) if mapping_destination_supported(kind) => {
            if let Some(function) = scenario
                .event_source_mappings
                .get(mapping_index)
                .and_then(|m| topology.find(Kind::Function, &m.function_name))
            {
                let f = &scenario.functions[topology.get(function).index];
                if let Some((action, api)) = required_action(kind) {
                    if !role_allows(f.permissions.as_deref(), action, target) {
                        let message = format!("The function's execution role does not have permissions to call {api} on {target}");
                        c.push(
                            Severity::Error,
                            INVALID,
                            CREATE_MAPPING,
                            RuleId::DestinationPermission,
                            &arn,
                            field,
                            message,
                        );
                    }
                }
            }
        }
        Some(_) => c.push(
            Severity::Error,
            INVALID,
            CREATE_MAPPING,
            RuleId::MappingDestinationUnsupported,
            &arn,
            field,
            unsupported.into(),
        ),
        None => c.push(
            Severity::Error,
            INVALID,
            CREATE_MAPPING,
            RuleId::DestinationMissing,
            &arn,
            field,
            format!("The destination ARN {target} is invalid."),
        ),
    }
    c.findings
}

fn qualify_function(scenario: &Scenario, name: &str) -> String {
    if name.starts_with("arn:") {
        name.to_string()
    } else {
        format!(
            "arn:aws:lambda:{}:{}:function:{name}",
            scenario.region, scenario.account
        )
    }
}

/// Whether every character of `name` is ASCII alphanumeric or one of `extra`, and its length is
/// within `min..=max`.
fn name_fits(name: &str, extra: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&name.len())
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || extra.contains(ch))
}

/// Resource names the create APIs would reject, in each API's words. (Function names are
/// checked with the function.)
fn check_names(c: &mut Checker) {
    let scenario = c.scenario;
    let topology = c.topology;
    let arn = |kind: Kind, name: &str| {
        topology
            .find(kind, name)
            .map(|id| topology.get(id).arn.clone())
            .unwrap_or_default()
    };
    for (i, q) in scenario.queues.iter().enumerate() {
        let stem = q.queue_name.strip_suffix(".fifo").unwrap_or(&q.queue_name);
        if !name_fits(stem, "-_", 1, 80 - (q.queue_name.len() - stem.len())) {
            c.push(Severity::Error, "InvalidParameterValue", "CreateQueue", RuleId::ResourceName, &arn(Kind::Queue, &q.queue_name), format!("queues[{i}].QueueName"),
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into());
        }
    }
    for (i, t) in scenario.topics.iter().enumerate() {
        let stem = t.topic_name.strip_suffix(".fifo").unwrap_or(&t.topic_name);
        if !name_fits(stem, "-_", 1, 256 - (t.topic_name.len() - stem.len())) {
            c.push(
                Severity::Error,
                "InvalidParameter",
                "CreateTopic",
                RuleId::ResourceName,
                &arn(Kind::Topic, &t.topic_name),
                format!("topics[{i}].TopicName"),
                "Invalid parameter: Topic Name".into(),
            );
        }
    }
    for (i, b) in scenario.buckets.iter().enumerate() {
        let name = &b.bucket_name;
        let edges_ok = name.starts_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit())
            && name.ends_with(|ch: char| ch.is_ascii_lowercase() || ch.is_ascii_digit());
        let lower = name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '.');
        if !(edges_ok && lower && (3..=63).contains(&name.len()) && !name.contains("..")) {
            c.push(
                Severity::Error,
                "InvalidBucketName",
                "CreateBucket",
                RuleId::ResourceName,
                &arn(Kind::Bucket, name),
                format!("buckets[{i}].BucketName"),
                "The specified bucket is not valid.".into(),
            );
        }
    }
    let pattern = |c: &mut Checker,
                   operation: &'static str,
                   member: &str,
                   name: &str,
                   regex: &str,
                   max: usize,
                   (kind, field): (Kind, String)| {
        let resource = arn(kind, name);
        c.push(Severity::Error, VALIDATION, operation, RuleId::ResourceName, &resource, field,
            format!("1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {regex} and have length between 1 and {max}"));
    };
    for (i, s) in scenario.kinesis_streams.iter().enumerate() {
        if !name_fits(&s.stream_name, "_.-", 1, 128) {
            pattern(
                c,
                "CreateStream",
                "streamName",
                &s.stream_name,
                "[a-zA-Z0-9_.-]+",
                128,
                (
                    Kind::KinesisStream,
                    format!("kinesisStreams[{i}].StreamName"),
                ),
            );
        }
    }
    for (i, t) in scenario.dynamodb_tables.iter().enumerate() {
        if !name_fits(&t.table_name, "_.-", 3, 255) {
            pattern(
                c,
                "CreateTable",
                "tableName",
                &t.table_name,
                "[a-zA-Z0-9_.-]+",
                255,
                (
                    Kind::DynamoDbStream,
                    format!("dynamodbTables[{i}].TableName"),
                ),
            );
        }
    }
    for (i, b) in scenario.event_buses.iter().enumerate() {
        if !name_fits(&b.name, "/._-", 1, 256) {
            pattern(
                c,
                "CreateEventBus",
                "name",
                &b.name,
                "[/\\.\\-_A-Za-z0-9]+",
                256,
                (Kind::EventBus, format!("eventBuses[{i}].Name")),
            );
        }
    }
}

fn check_wiring(c: &mut Checker) {
    let scenario = c.scenario;
    let topology = c.topology;
    let missing = |arn: &str| format!("{arn} does not exist in this scenario.");
    for (i, queue) in scenario.queues.iter().enumerate() {
        let arn = format!(
            "arn:aws:sqs:{}:{}:{}",
            scenario.region, scenario.account, queue.queue_name
        );
        c.range(
            Some(queue.visibility_timeout),
            aws::VISIBILITY_TIMEOUT,
            "SetQueueAttributes",
            RuleId::QueueSettings,
            &arn,
            format!("queues[{i}].VisibilityTimeout"),
        );
        let retention = aws::MESSAGE_RETENTION;
        if !(retention.min..=retention.max).contains(&queue.message_retention_period) {
            // SQS's own wording for an attribute out of its range (60 s to 14 days).
            c.push(
                Severity::Error,
                "InvalidAttributeValue",
                "SetQueueAttributes",
                RuleId::QueueSettings,
                &arn,
                format!("queues[{i}].MessageRetentionPeriod"),
                "Invalid value for the parameter MessageRetentionPeriod.".into(),
            );
        }
        if queue.fifo_queue != queue.queue_name.ends_with(".fifo") {
            c.push(Severity::Error, "InvalidParameterValue", "CreateQueue", RuleId::QueueSettings, &arn, format!("queues[{i}].QueueName"),
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix".into());
        }
        if let Some(redrive) = &queue.redrive_policy {
            let field = format!("queues[{i}].RedrivePolicy");
            if topology
                .find(Kind::Queue, &redrive.dead_letter_target_arn)
                .is_none()
            {
                c.push(Severity::Error, "InvalidParameterValue", "SetQueueAttributes", RuleId::ResourceReference, &arn, format!("{field}.deadLetterTargetArn"),
                    format!("Value {{\"deadLetterTargetArn\":\"{}\"}} for parameter RedrivePolicy is invalid. Reason: Dead-letter target does not exist.", redrive.dead_letter_target_arn));
            } else if is_fifo(scenario, topology, &redrive.dead_letter_target_arn)
                != queue.fifo_queue
            {
                c.push(Severity::Error, "InvalidParameterValue", "SetQueueAttributes", RuleId::QueueSettings, &arn, format!("{field}.deadLetterTargetArn"),
                    "Value for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.".into());
            }
            if let Some(message) = range_message(
                redrive.max_receive_count,
                "maxReceiveCount",
                aws::MAX_RECEIVE_COUNT.min,
                aws::MAX_RECEIVE_COUNT.max,
            ) {
                c.push(
                    Severity::Error,
                    "InvalidParameterValue",
                    "SetQueueAttributes",
                    RuleId::QueueSettings,
                    &arn,
                    format!("{field}.maxReceiveCount"),
                    message,
                );
            }
        }
    }
    for (i, topic) in scenario.topics.iter().enumerate() {
        let arn = format!(
            "arn:aws:sns:{}:{}:{}",
            scenario.region, scenario.account, topic.topic_name
        );
        for (j, sub) in topic.subscriptions.iter().enumerate() {
            let field = format!("topics[{i}].Subscriptions[{j}].Endpoint");
            let kind = match sub.protocol.as_str() {
                "sqs" => Some(Kind::Queue),
                "lambda" => Some(Kind::Function),
                "email" => None,
                other => {
                    c.push(Severity::Error, "InvalidParameter", "Subscribe", RuleId::ResourceReference, &arn, format!("topics[{i}].Subscriptions[{j}].Protocol"),
                        format!("Invalid parameter: Protocol {other} is not supported by the playground; use sqs, lambda or email"));
                    continue;
                }
            };
            if let Some(kind) = kind {
                if topology.find(kind, &sub.endpoint).is_none() {
                    c.push(
                        Severity::Error,
                        "NotFound",
                        "Subscribe",
                        RuleId::ResourceReference,
                        &arn,
                        field,
                        missing(&sub.endpoint),
                    );
                }
            }
        }
    }
    for (i, bus) in scenario.event_buses.iter().enumerate() {
        let arn = format!(
            "arn:aws:events:{}:{}:event-bus/{}",
            scenario.region, scenario.account, bus.name
        );
        for (j, rule) in bus.rules.iter().enumerate() {
            if let Err(invalid) = crate::pattern::compile(&rule.event_pattern) {
                // The rule's ARN names it: `rule/<name>` on the default bus, `rule/<bus>/<name>`
                // on any other.
                let rule_arn = if bus.name == "default" {
                    format!(
                        "arn:aws:events:{}:{}:rule/{}",
                        scenario.region, scenario.account, rule.name
                    )
                } else {
                    format!(
                        "arn:aws:events:{}:{}:rule/{}/{}",
                        scenario.region, scenario.account, bus.name, rule.name
                    )
                };
                c.push(
                    Severity::Error,
                    crate::pattern::ERROR_CODE,
                    "PutRule",
                    RuleId::EventPatternInvalid,
                    &rule_arn,
                    format!("eventBuses[{i}].Rules[{j}].EventPattern"),
                    invalid.message(),
                );
            }
            for (k, target) in rule.targets.iter().enumerate() {
                let ok = topology.by_arn(target).is_some_and(|id| {
                    matches!(
                        topology.get(id).kind,
                        Kind::Function | Kind::Queue | Kind::Topic
                    )
                });
                if !ok {
                    c.push(
                        Severity::Error,
                        "ResourceNotFoundException",
                        "PutTargets",
                        RuleId::ResourceReference,
                        &arn,
                        format!("eventBuses[{i}].Rules[{j}].Targets[{k}]"),
                        missing(target),
                    );
                }
            }
        }
    }
    for (i, bucket) in scenario.buckets.iter().enumerate() {
        let arn = format!("arn:aws:s3:::{}", bucket.bucket_name);
        for (j, n) in bucket.lambda_function_configurations.iter().enumerate() {
            if topology
                .find(Kind::Function, &n.lambda_function_arn)
                .is_none()
            {
                c.push(
                    Severity::Error,
                    "InvalidArgument",
                    "PutBucketNotificationConfiguration",
                    RuleId::ResourceReference,
                    &arn,
                    format!("buckets[{i}].LambdaFunctionConfigurations[{j}].LambdaFunctionArn"),
                    format!(
                        "Unable to validate the following destination configurations: {}",
                        n.lambda_function_arn
                    ),
                );
            }
        }
    }
    for (i, input) in scenario.inputs.iter().enumerate() {
        if let Some((kind, name, field)) = input_target(input) {
            if topology.find(kind, &name).is_none() {
                c.push(
                    Severity::Error,
                    NOT_FOUND,
                    "Simulate",
                    RuleId::ResourceReference,
                    &name,
                    format!("inputs[{i}].{field}"),
                    format!("{name} does not exist in this scenario."),
                );
            }
        }
    }
}

fn input_target(input: &crate::scenario::Input) -> Option<(Kind, String, &'static str)> {
    use crate::scenario::Input::*;
    Some(match input {
        Invoke { function_name, .. }
        | RevokePermission { function_name, .. }
        | SetReservedConcurrency { function_name, .. }
        | FailNext { function_name, .. } => (Kind::Function, function_name.clone(), "FunctionName"),
        PutRecord { stream_name, .. } => (Kind::KinesisStream, stream_name.clone(), "StreamName"),
        PutItem { table_name, .. } => (Kind::DynamoDbStream, table_name.clone(), "TableName"),
        SendMessage { queue_name, .. } => (Kind::Queue, queue_name.clone(), "QueueName"),
        Publish { topic_name, .. } => (Kind::Topic, topic_name.clone(), "TopicName"),
        PutObject { bucket, .. } => (Kind::Bucket, bucket.clone(), "Bucket"),
        PutEvents { event_bus_name, .. } => {
            (Kind::EventBus, event_bus_name.clone(), "EventBusName")
        }
        Produce {
            cluster_name,
            topic,
            ..
        } => (Kind::KafkaTopic, format!("{cluster_name}/{topic}"), "Topic"),
        DeleteResource { .. } => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(json: &str) -> Vec<Finding> {
        let scenario = Scenario::from_json(json).expect("parses");
        validate(&scenario, &Topology::build(&scenario))
    }

    const Q: &str = "arn:aws:sqs:us-east-2:123456789012";

    #[test]
    fn destination_pattern_accepts_arns_and_kafka_topics() {
        assert!(destination_matches_pattern(
            "arn:aws:sqs:us-east-2:123456789012:destination"
        ));
        assert!(destination_matches_pattern("arn:aws:s3:::bucket"));
        assert!(destination_matches_pattern(
            "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t"
        ));
        assert!(destination_matches_pattern("kafka://failures"));
        assert!(destination_matches_pattern(""));
        assert!(!destination_matches_pattern("sqs:destination"));
        assert!(!destination_matches_pattern(
            "arn:aws:sqs:useast2:123456789012:q"
        ));
        assert!(!destination_matches_pattern("arn:aws:sqs:us-east-2:1234:q"));
        assert!(!destination_matches_pattern("kafka://.hidden"));
    }

    #[test]
    fn spec_2_9_a_function_cannot_be_its_own_destination() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:lambda:us-east-2:123456789012:function:f"}}}}]}"#,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].message,
            "You can't specify the function as a destination for itself."
        );
        assert_eq!(f[0].code, "InvalidParameterValueException");
        assert_eq!(
            f[0].field,
            "functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
        );
        assert_eq!(
            f[0].resource,
            "arn:aws:lambda:us-east-2:123456789012:function:f"
        );
    }

    #[test]
    fn spec_3_1_s3_is_refused_as_on_success_with_the_java_config_string() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:s3:::my-bucket"}}}}],"buckets":[{"BucketName":"my-bucket"}]}"#,
        );
        assert_eq!(f[0].message, "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::my-bucket), onFailure=null) is invalid.");
        assert_eq!(f[0].rule, RuleId::DestinationUnsupported);
    }

    #[test]
    fn names_the_create_apis_reject_are_refused_in_their_words() {
        let f = findings(
            r#"{"version":1,"queues":[{"QueueName":"bad name!"}],"topics":[{"TopicName":"a:b"}],"buckets":[{"BucketName":"My_Bucket"}],"kinesisStreams":[{"StreamName":"s p"}]}"#,
        );
        let messages: Vec<(&str, &str)> = f.iter().map(|f| (f.code, f.message.as_str())).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages.contains(&(
            "InvalidParameterValue",
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
        )));
        assert!(messages.contains(&("InvalidParameter", "Invalid parameter: Topic Name")));
        assert!(messages.contains(&("InvalidBucketName", "The specified bucket is not valid.")));
        assert!(f.iter().any(|f| f
            .message
            .starts_with("1 validation error detected: Value 's p' at 'streamName'")));
        assert!(findings(r#"{"version":1,"queues":[{"QueueName":"orders.fifo","FifoQueue":true}],"buckets":[{"BucketName":"my.bucket-1"}]}"#).is_empty());
    }

    #[test]
    fn spec_3_1_s3_is_accepted_as_on_failure() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:s3:::my-bucket"}}}}],"buckets":[{"BucketName":"my-bucket"}]}"#,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn spec_2_9_an_empty_invoke_config_is_refused() {
        let f =
            findings(r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{}}]}"#);
        assert_eq!(
            f[0].message,
            "You must specify at least one of error handling or destination setting."
        );
    }

    #[test]
    fn spec_2_9_numbers_out_of_range_get_the_validation_exception_text() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":5,"MaximumEventAgeInSeconds":30}}]}"#,
        );
        assert_eq!(f[0].code, "ValidationException");
        assert_eq!(f[0].message, "1 validation error detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2");
        assert_eq!(f[1].message, "1 validation error detected: Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60");
    }

    #[test]
    fn spec_2_9_a_missing_lambda_destination_is_an_invalid_arn() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:lambda:us-east-2:123456789012:function:nope"}}}}]}"#,
        );
        assert_eq!(
            f[0].message,
            "The destination ARN arn:aws:lambda:us-east-2:123456789012:function:nope is invalid."
        );
    }

    #[test]
    fn spec_8_a_role_without_publish_is_refused_at_config_time() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","permissions":[{"Action":"sqs:SendMessage"}],
            "EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sns:us-east-2:123456789012:alerts"}}}}],"topics":[{"TopicName":"alerts"}]}"#,
        );
        assert_eq!(f[0].message, "The function's execution role does not have permissions to call Publish on arn:aws:sns:us-east-2:123456789012:alerts");
    }

    #[test]
    fn spec_3_1_a_fifo_destination_is_accepted_with_a_warning() {
        let f = findings(&format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"f","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{Q}:q.fifo"}}}}}}}}],"queues":[{{"QueueName":"q.fifo","FifoQueue":true}}]}}"#
        ));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].message.contains("DestinationDeliveryFailures"));
    }

    #[test]
    fn a_playground_warning_reads_in_korean_and_an_aws_error_stays_in_english() {
        use crate::lang::Lang;
        let warning = &findings(&format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"f","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{Q}:q.fifo"}}}}}}}}],"queues":[{{"QueueName":"q.fifo","FifoQueue":true}}]}}"#
        ))[0];
        let ko = warning.text(Lang::Ko);
        assert!(
            ko.starts_with("경고 (PutFunctionEventInvokeConfig): "),
            "{ko}"
        );
        assert!(ko.contains("FIFO 큐입니다"), "{ko}");
        assert!(ko.ends_with("위치: functions[0].EventInvokeConfig.DestinationConfig.OnSuccess.Destination (arn:aws:lambda:us-east-2:123456789012:function:f)"), "{ko}");
        assert_eq!(warning.text(Lang::En), warning.to_string());
        let error = &findings(
            r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":5}}]}"#,
        )[0];
        assert_eq!(error.severity, Severity::Error);
        assert_eq!(error.message_ko, None);
        assert_eq!(error.text(Lang::Ko), error.to_string());
    }

    #[test]
    fn spec_3_2_the_briefs_sqs_mapping_with_on_failure_is_refused() {
        let f = findings(&format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"my-function"}}],"queues":[{{"QueueName":"source-queue"}},{{"QueueName":"destination-queue"}}],
            "eventSourceMappings":[{{"FunctionName":"my-function","EventSourceArn":"{Q}:source-queue","DestinationConfig":{{"OnFailure":{{"Destination":"{Q}:destination-queue"}}}}}}]}}"#
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "Unsupported DestinationConfig parameter for given event source mapping type."
        );
        assert_eq!(f[0].operation, "CreateEventSourceMapping");
        assert_eq!(
            f[0].field,
            "eventSourceMappings[0].DestinationConfig.OnFailure"
        );
    }

    #[test]
    fn spec_3_2_on_success_is_refused_on_every_mapping() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f"}],"kinesisStreams":[{"StreamName":"s"}],"queues":[{"QueueName":"q"}],
            "eventSourceMappings":[{"FunctionName":"f","EventSourceArn":"arn:aws:kinesis:us-east-2:123456789012:stream/s","StartingPosition":"LATEST","DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:sqs:us-east-2:123456789012:q"}}}]}"#,
        );
        assert_eq!(
            f[0].message,
            "Unsupported DestinationConfig parameter for given event source mapping type."
        );
    }

    #[test]
    fn spec_5_1_record_age_below_sixty_is_refused() {
        let f = findings(
            r#"{"version":1,"functions":[{"FunctionName":"f"}],"kinesisStreams":[{"StreamName":"s"}],
            "eventSourceMappings":[{"FunctionName":"f","EventSourceArn":"arn:aws:kinesis:us-east-2:123456789012:stream/s","StartingPosition":"LATEST","MaximumRecordAgeInSeconds":59}]}"#,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("'59' at 'maximumRecordAgeInSeconds'"));
    }

    #[test]
    fn findings_print_in_the_aws_cli_form() {
        let f =
            findings(r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{}}]}"#);
        assert_eq!(
            f[0].to_string(),
            "An error occurred (InvalidParameterValueException) when calling the PutFunctionEventInvokeConfig operation: You must specify at least one of error handling or destination setting.\n  at functions[0].EventInvokeConfig (arn:aws:lambda:us-east-2:123456789012:function:f)"
        );
    }

    #[test]
    fn dangling_references_name_the_field() {
        let f = findings(
            r#"{"version":1,"topics":[{"TopicName":"t","Subscriptions":[{"Protocol":"sqs","Endpoint":"arn:aws:sqs:us-east-2:123456789012:gone"}]}]}"#,
        );
        assert_eq!(f[0].field, "topics[0].Subscriptions[0].Endpoint");
    }
}
