//! Checks of event source mappings: their source, settings and destinations (spec §3.2, §5).

use super::names::qualify_function;
use super::{Checker, Finding, Severity, CREATE_MAPPING, INVALID, NOT_FOUND, VALIDATION};
use crate::aws::{
    self, destination_matches_pattern, kafka_destination, mapping_destination_supported,
    mapping_source, mapping_takes_destinations, required_action, role_allows, Limit,
    MappingDefaults, DESTINATION_PATTERN,
};
use crate::korean::{attach, Particle};
use crate::rules::RuleId;
use crate::scenario::{DestinationConfig, EventSourceMapping, Scenario};
use crate::topology::{Kind, Topology};
pub(super) fn check_mapping(c: &mut Checker, i: usize, mapping: &EventSourceMapping) {
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
