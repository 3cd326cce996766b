//! Run-time delivery failures: a revoked permission, a deleted target, a FIFO target, an oversized
//! SNS message. The record is dropped and `DestinationDeliveryFailures` (or `DeadLetterErrors`)
//! goes up; the invocation's own outcome does not change (spec §3.1, §4.7, §6, §8, §9).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{DeliveryFailure, Via, What};
use engine::{Kind, Severity};

fn failures(run: &engine::Run) -> Vec<(String, Via, DeliveryFailure)> {
    events(run, |w| matches!(w, What::DeliveryFailed { .. }))
        .map(|(_, e)| match e.what {
            What::DeliveryFailed {
                target,
                via,
                reason,
            } => (run.topology.name(target).to_string(), via, reason),
            _ => unreachable!(),
        })
        .collect()
}

/// `f` fails (no retries) or succeeds, with OnSuccess → `ok`, OnFailure → `failed`; `fault` is
/// applied at 1 s and the event is invoked at 2 s.
fn with_fault(behavior: &str, fault: &str, extra: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior},
            "EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:ok"}},"OnFailure":{{"Destination":"{SNS}:alerts"}}}}}}{extra}}}],
        "queues":[{{"QueueName":"ok"}},{{"QueueName":"dlq"}}],"topics":[{{"TopicName":"alerts"}}],
        "inputs":[{fault},{{"type":"invoke","at":2000,"FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    )
}

#[test]
fn spec_8_a_revoked_permission_drops_the_record_and_counts_destination_delivery_failures() {
    let fault =
        r#"{"type":"revokePermission","at":1000,"FunctionName":"f","Action":"sqs:SendMessage"}"#;
    let run = run(&with_fault("{}", fault, ""));
    assert!(deliveries(&run, "ok").is_empty());
    assert_eq!(
        failures(&run),
        [(
            "ok".to_string(),
            Via::OnSuccess,
            DeliveryFailure::PermissionDenied
        )]
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "DestinationDeliveryFailures"),
        1
    );
}

#[test]
fn spec_8_a_delivery_failure_does_not_change_the_invocations_outcome() {
    let fault =
        r#"{"type":"revokePermission","at":1000,"FunctionName":"f","Action":"sqs:SendMessage"}"#;
    let run = run(&with_fault("{}", fault, ""));
    assert_eq!(count(&run, |w| *w == What::AsyncCompleted), 1);
    assert_eq!(count(&run, |w| *w == What::AsyncDropped), 0);
    assert_eq!(count(&run, |w| matches!(w, What::RetryScheduled { .. })), 0);
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsDropped"), 0);
}

#[test]
fn spec_8_revoking_one_action_leaves_the_other_destination_working() {
    let fault =
        r#"{"type":"revokePermission","at":1000,"FunctionName":"f","Action":"sqs:SendMessage"}"#;
    let run = run(&with_fault(FAIL, fault, ""));
    assert!(failures(&run).is_empty());
    assert_eq!(deliveries(&run, "alerts").len(), 1);
}

#[test]
fn spec_8_revoking_sns_publish_drops_the_failure_record() {
    let fault =
        r#"{"type":"revokePermission","at":1000,"FunctionName":"f","Action":"sns:Publish"}"#;
    let run = run(&with_fault(FAIL, fault, ""));
    assert_eq!(
        failures(&run),
        [(
            "alerts".to_string(),
            Via::OnFailure,
            DeliveryFailure::PermissionDenied
        )]
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "DestinationDeliveryFailures"),
        1
    );
    assert_eq!(counter(&run, Kind::Function, "f", "AsyncEventsDropped"), 1);
}

#[test]
fn spec_8_a_deleted_destination_queue_drops_the_record() {
    let fault = format!(r#"{{"type":"deleteResource","at":1000,"Arn":"{SQS}:ok"}}"#);
    let run = run(&with_fault("{}", &fault, ""));
    assert_eq!(
        failures(&run),
        [(
            "ok".to_string(),
            Via::OnSuccess,
            DeliveryFailure::TargetDeleted
        )]
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "DestinationDeliveryFailures"),
        1
    );
}

#[test]
fn spec_8_a_deleted_destination_topic_drops_the_record() {
    let fault = format!(r#"{{"type":"deleteResource","at":1000,"Arn":"{SNS}:alerts"}}"#);
    let run = run(&with_fault(FAIL, &fault, ""));
    assert_eq!(failures(&run)[0].2, DeliveryFailure::TargetDeleted);
    assert!(deliveries(&run, "alerts").is_empty());
}

#[test]
fn spec_6_a_deleted_dlq_counts_dead_letter_errors_not_destination_delivery_failures() {
    let fault = format!(r#"{{"type":"deleteResource","at":1000,"Arn":"{SQS}:dlq"}}"#);
    let extra = format!(r#","DeadLetterConfig":{{"TargetArn":"{SQS}:dlq"}}"#);
    let run = run(&with_fault(FAIL, &fault, &extra));
    assert_eq!(
        failures(&run),
        [(
            "dlq".to_string(),
            Via::DeadLetterQueue,
            DeliveryFailure::TargetDeleted
        )]
    );
    let c = counters(&run, Kind::Function, "f");
    assert_eq!(c.get("DeadLetterErrors"), Some(&1));
    assert_eq!(c.get("DestinationDeliveryFailures"), None);
    assert_eq!(
        deliveries(&run, "alerts").len(),
        1,
        "OnFailure still gets the record"
    );
}

#[test]
fn spec_3_1_a_fifo_queue_destination_is_accepted_with_a_warning_and_fails_every_delivery() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:ok.fifo"}}}}}}}}],
        "queues":[{{"QueueName":"ok.fifo","FifoQueue":true}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}},{{"type":"invoke","at":5,"FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let found = findings(&json);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    let run = run(&json);
    assert_eq!(
        failures(&run),
        vec![
            (
                "ok.fifo".to_string(),
                Via::OnSuccess,
                DeliveryFailure::FifoTarget
            );
            2
        ]
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "DestinationDeliveryFailures"),
        2
    );
}

#[test]
fn spec_3_1_a_fifo_topic_destination_fails_every_delivery() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{SNS}:alerts.fifo"}}}}}}}}],
        "topics":[{{"TopicName":"alerts.fifo","FifoTopic":true}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let run = run(&json);
    assert_eq!(failures(&run)[0].2, DeliveryFailure::FifoTarget);
}

#[test]
fn spec_4_7_an_sns_record_over_256_kb_is_a_delivery_failure() {
    let big = "x".repeat(300_000);
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"{SNS}:alerts"}}}}}}}}],
        "topics":[{{"TopicName":"alerts"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":"{big}"}}]}}"#
    );
    let run = run(&json);
    assert_eq!(
        failures(&run),
        [(
            "alerts".to_string(),
            Via::OnFailure,
            DeliveryFailure::TooLarge
        )]
    );
}

#[test]
fn spec_9_a_mapping_on_failure_delivery_failure_counts_destination_delivery_failures() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{{"outcome":{{"type":"error"}}}}}}],
        "kinesisStreams":[{{"StreamName":"s"}}],"queues":[{{"QueueName":"failed"}}],
        "eventSourceMappings":[{{"FunctionName":"f","EventSourceArn":"{KINESIS}/s","StartingPosition":"TRIM_HORIZON","MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{SQS}:failed"}}}}}}],
        "inputs":[{{"type":"revokePermission","at":0,"FunctionName":"f","Action":"sqs:SendMessage"}},
                  {{"type":"putRecord","at":10,"StreamName":"s","PartitionKey":"k","Data":{{"n":1}}}}]}}"#
    );
    let run = run(&json);
    assert_eq!(
        failures(&run),
        [(
            "failed".to_string(),
            Via::MappingOnFailure,
            DeliveryFailure::PermissionDenied
        )]
    );
    assert_eq!(
        counter(&run, Kind::Function, "f", "DestinationDeliveryFailures"),
        1
    );
    // The batch is still discarded and the shard moves on.
    assert_eq!(
        count(&run, |w| matches!(w, What::CheckpointAdvanced { .. })),
        1
    );
}
