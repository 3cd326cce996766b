//! Checks of the links between resources (subscriptions, rules, notifications, permissions) and
//! of what the scenario's inputs are sent to.

use super::{range_message, Checker, Severity, NOT_FOUND};
use crate::aws::{self, is_fifo};
use crate::rules::RuleId;
use crate::topology::Kind;
pub(super) fn check_wiring(c: &mut Checker) {
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
