//! Unit tests of validation.

use super::{validate, Finding, Severity};
use crate::aws::destination_matches_pattern;
use crate::rules::RuleId;
use crate::scenario::Scenario;
use crate::topology::Topology;
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
    let f = findings(r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{}}]}"#);
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
    let f = findings(r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{}}]}"#);
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
