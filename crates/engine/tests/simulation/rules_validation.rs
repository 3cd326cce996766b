//! The validation rules, one test each: the scenario a learner writes, the finding it gets, the
//! rule id the finding links to, AWS's message and the field the finding points at (spec §1,
//! §2.7, §2.9, §3, §5, §6, §8).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::{Finding, Severity};

/// The one finding of `json` with rule id `rule`.
fn the_finding(json: &str, rule: &str) -> Finding {
    let found: Vec<Finding> = findings(json)
        .into_iter()
        .filter(|f| f.rule.id() == rule)
        .collect();
    assert_eq!(found.len(), 1, "one {rule} finding: {found:#?}");
    found.into_iter().next().unwrap()
}

/// Function `f` (with `extra` fields), queue `src` (with `queue` fields) and a mapping from
/// `source` to `f` (with `mapping` fields).
fn mapping(extra: &str, queue: &str, source: &str, mapping: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{}}{extra}}}],
        "queues":[{{"QueueName":"src"{queue}}},{{"QueueName":"failed"}}],
        "kinesisStreams":[{{"StreamName":"s","ShardCount":1}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{source}"{mapping}}}]}}"#
    )
}

#[test]
fn an_event_invoke_config_with_nothing_in_it_is_refused_with_at_least_one_setting_required() {
    let f = the_finding(
        &async_scenario(FAIL, "{}", ""),
        "config.invoke.at-least-one",
    );
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.code, "InvalidParameterValueException");
    assert_eq!(f.operation, "PutFunctionEventInvokeConfig");
    assert_eq!(
        f.message,
        "You must specify at least one of error handling or destination setting."
    );
    assert_eq!(f.field, "functions[0].EventInvokeConfig");
}

#[test]
fn three_retries_or_an_event_age_of_thirty_seconds_are_out_of_range_for_put_function_event_invoke_config(
) {
    let found: Vec<Finding> = findings(&async_scenario(FAIL, &limits(3, 30), ""))
        .into_iter()
        .filter(|f| f.rule.id() == "config.invoke.range")
        .collect();
    let seen: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.field.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "functions[0].EventInvokeConfig.MaximumRetryAttempts",
                "1 validation error detected: Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2"
            ),
            (
                "functions[0].EventInvokeConfig.MaximumEventAgeInSeconds",
                "1 validation error detected: Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"
            ),
        ]
    );
    assert!(found.iter().all(|f| f.code == "ValidationException"));
}

#[test]
fn a_destination_that_is_not_an_arn_fails_the_destination_pattern() {
    let config = r#"{"DestinationConfig":{"OnFailure":{"Destination":"failed"}}}"#;
    let f = the_finding(
        &async_scenario(FAIL, config, ""),
        "config.destination.pattern",
    );
    assert_eq!(f.code, "ValidationException");
    assert!(
        f.message.starts_with("1 validation error detected: Value 'failed' at 'destinationConfig.onFailure.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: "),
        "{}",
        f.message
    );
    assert_eq!(
        f.field,
        "functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
    );
}

#[test]
fn a_function_named_as_its_own_on_failure_destination_is_refused() {
    let config =
        format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{LAMBDA}:f"}}}}}}"#);
    let f = the_finding(
        &async_scenario(FAIL, &config, ""),
        "config.destination.self",
    );
    assert_eq!(f.code, "InvalidParameterValueException");
    assert_eq!(
        f.message,
        "You can't specify the function as a destination for itself."
    );
    assert_eq!(
        f.field,
        "functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
    );
}

#[test]
fn a_role_that_may_only_publish_to_sns_cannot_name_a_queue_as_on_failure() {
    let json = async_scenario(FAIL, &limits(0, 60), "").replace(
        r#""behavior""#,
        r#""permissions":[{"Action":"sns:Publish"}],"behavior""#,
    );
    let f = the_finding(&json, "config.destination.permission");
    assert_eq!(f.code, "InvalidParameterValueException");
    assert_eq!(
        f.message,
        format!(
            "The function's execution role does not have permissions to call SendMessage on {SQS}:failed"
        )
    );
    assert_eq!(
        f.field,
        "functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
    );
}

#[test]
fn a_fifo_queue_as_on_failure_is_accepted_with_a_warning_that_every_record_will_fail_to_deliver() {
    let config =
        format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed.fifo"}}}}}}"#);
    let json = async_scenario(FAIL, &config, "").replace(
        r#"{"QueueName":"failed"}"#,
        r#"{"QueueName":"failed.fifo","FifoQueue":true}"#,
    );
    let f = the_finding(&json, "config.destination.fifo");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.message,
        format!("{SQS}:failed.fifo is a FIFO queue. Lambda accepts it, but FIFO targets are unsupported for destinations: every record sent there fails to deliver and counts in DestinationDeliveryFailures.")
    );
    assert!(f.message_ko.is_some(), "a playground warning has Korean");
}

#[test]
fn a_function_as_dead_letter_target_is_refused_as_not_a_queue_or_topic() {
    let json = async_scenario(
        FAIL,
        &limits(0, 60),
        &format!(r#","DeadLetterConfig":{{"TargetArn":"{LAMBDA}:f"}}"#),
    );
    let f = the_finding(&json, "config.dlq.target");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.operation, "UpdateFunctionConfiguration");
    assert_eq!(
        f.message,
        format!("The provided target ARN {LAMBDA}:f is not an SQS queue or SNS topic of this scenario. A dead-letter queue must be an SQS queue or SNS topic.")
    );
    assert_eq!(f.field, "functions[0].DeadLetterConfig.TargetArn");
}

#[test]
fn a_role_without_send_message_cannot_set_a_queue_as_dead_letter_queue() {
    let json = async_scenario(
        FAIL,
        &format!(r#"{{"DestinationConfig":{{"OnFailure":{{"Destination":"{SNS}:alerts"}}}}}}"#),
        &format!(r#","DeadLetterConfig":{{"TargetArn":"{SQS}:dlq"}}"#),
    )
    .replace(
        r#""behavior""#,
        r#""permissions":[{"Action":"sns:Publish"}],"behavior""#,
    )
    .replace(
        r#""queues":"#,
        r#""topics":[{"TopicName":"alerts"}],"queues":"#,
    );
    let f = the_finding(&json, "config.dlq.permission");
    assert_eq!(f.code, "InvalidParameterValueException");
    assert_eq!(
        f.message,
        "The provided execution role does not have permissions to call SendMessage on SQS"
    );
    assert_eq!(f.field, "functions[0].DeadLetterConfig.TargetArn");
}

#[test]
fn a_timeout_of_zero_seconds_is_below_the_one_second_minimum() {
    let f = the_finding(
        &async_scenario("{}", "", r#","Timeout":0"#),
        "config.function.timeout",
    );
    assert_eq!(f.code, "ValidationException");
    assert_eq!(
        f.message,
        "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"
    );
    assert_eq!(f.field, "functions[0].Timeout");
}

#[test]
fn a_negative_reserved_concurrency_is_refused_by_put_function_concurrency() {
    let f = the_finding(
        &async_scenario("{}", "", r#","ReservedConcurrentExecutions":-1"#),
        "config.function.concurrency",
    );
    assert_eq!(f.operation, "PutFunctionConcurrency");
    assert_eq!(
        f.message,
        "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"
    );
    assert_eq!(f.field, "functions[0].ReservedConcurrentExecutions");
}

#[test]
fn an_sqs_mapping_with_an_on_failure_destination_is_refused_as_unsupported() {
    let json = mapping(
        "",
        "",
        &format!("{SQS}:src"),
        &format!(r#","DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}"#),
    );
    let f = the_finding(&json, "config.mapping.destination-unsupported");
    assert_eq!(f.operation, "CreateEventSourceMapping");
    assert_eq!(
        f.message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
    assert_eq!(
        f.field,
        "eventSourceMappings[0].DestinationConfig.OnFailure"
    );
}

#[test]
fn a_stream_mapping_with_an_empty_on_failure_needs_its_destination_field() {
    let json = mapping(
        "",
        "",
        &format!("{KINESIS}/s"),
        r#","StartingPosition":"TRIM_HORIZON","DestinationConfig":{"OnFailure":{}}"#,
    );
    let f = the_finding(&json, "config.mapping.destination-required");
    assert_eq!(f.code, "InvalidParameterValueException");
    assert_eq!(
        f.message,
        "The Destination field is required for an OnFailure configuration."
    );
    assert_eq!(
        f.field,
        "eventSourceMappings[0].DestinationConfig.OnFailure.Destination"
    );
}

#[test]
fn a_stream_mapping_without_a_starting_position_is_refused() {
    let f = the_finding(
        &mapping("", "", &format!("{KINESIS}/s"), ""),
        "config.mapping.range",
    );
    assert_eq!(
        f.message,
        "StartingPosition is required for Kinesis and DynamoDB Streams event sources. Use TRIM_HORIZON or LATEST."
    );
    assert_eq!(f.field, "eventSourceMappings[0].StartingPosition");
}

#[test]
fn a_mapping_reading_a_queue_the_scenario_lacks_is_refused_for_its_source() {
    let f = the_finding(
        &mapping("", "", &format!("{SQS}:nowhere"), ""),
        "config.mapping.source",
    );
    assert_eq!(f.code, "InvalidParameterValueException");
    assert!(
        f.message.contains(&format!("{SQS}:nowhere")),
        "{}",
        f.message
    );
    assert_eq!(f.field, "eventSourceMappings[0].EventSourceArn");
}

#[test]
fn an_invoke_of_a_function_the_scenario_lacks_names_the_missing_reference() {
    let json = async_scenario("{}", "", "").replace(
        r#""FunctionName":"f","InvocationType""#,
        r#""FunctionName":"nobody","InvocationType""#,
    );
    let f = the_finding(&json, "config.reference");
    assert_eq!(f.operation, "Simulate");
    assert_eq!(f.message, "nobody does not exist in this scenario.");
    assert_eq!(f.field, "inputs[0].FunctionName");
}

#[test]
fn two_queues_with_one_name_conflict_on_create() {
    let json = async_scenario("{}", "", "").replace(
        r#"{"QueueName":"dlq"}"#,
        r#"{"QueueName":"dlq"},{"QueueName":"dlq"}"#,
    );
    let f = the_finding(&json, "config.name");
    assert_eq!(f.code, "ResourceConflictException");
    assert_eq!(
        f.message,
        "A queue named dlq already exists in this scenario."
    );
}

#[test]
fn a_retention_period_of_ten_seconds_is_an_invalid_queue_attribute() {
    let json = async_scenario("{}", "", "").replace(
        r#"{"QueueName":"dlq"}"#,
        r#"{"QueueName":"dlq","MessageRetentionPeriod":10}"#,
    );
    let f = the_finding(&json, "config.queue");
    assert_eq!(f.code, "InvalidAttributeValue");
    assert_eq!(f.operation, "SetQueueAttributes");
    assert_eq!(
        f.message,
        "Invalid value for the parameter MessageRetentionPeriod."
    );
    assert_eq!(f.field, "queues[2].MessageRetentionPeriod");
}
