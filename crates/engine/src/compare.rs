//! Compare mode: the same event sent to the same function three ways (a synchronous invoke, an
//! asynchronous invoke, and a record read by an event source mapping) to show where each result
//! goes and why. Each way is an ordinary scenario derived from the learner's, so every rule it
//! shows is the simulator's own.

use crate::aws;
use crate::scenario::{
    Destination, DestinationConfig, EventSourceMapping, Input, InvocationType, KinesisStream,
    Scenario,
};
use crate::topology::{Kind, Topology};
use serde_json::Value;

/// The three invocation paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// `Invoke` with `RequestResponse`.
    Synchronous,
    /// `Invoke` with `Event`.
    Asynchronous,
    /// A Kinesis record read by an event source mapping.
    EventSourceMapping,
}

impl Path {
    /// All three, in teaching order.
    pub const ALL: [Path; 3] = [
        Path::Synchronous,
        Path::Asynchronous,
        Path::EventSourceMapping,
    ];
}

/// Name of the stream added for the mapping path.
pub const COMPARE_STREAM: &str = "compare-stream";

/// The scenario that sends `payload` to `function` along `path`: the learner's resources and
/// configuration, with the inputs replaced. For the mapping path a one-shard Kinesis stream and a
/// mapping are added; the mapping's OnFailure is the function's async OnFailure when a mapping
/// can use it (an SQS queue, SNS topic or S3 bucket), with `MaximumRetryAttempts` 2 like the
/// async default.
pub fn scenario_for(base: &Scenario, function: &str, payload: &Value, path: Path) -> Scenario {
    let mut scenario = base.clone();
    scenario.inputs.clear();
    match path {
        Path::Synchronous | Path::Asynchronous => {
            let invocation_type = if path == Path::Synchronous {
                InvocationType::RequestResponse
            } else {
                InvocationType::Event
            };
            scenario.inputs.push(Input::Invoke {
                at: 0,
                function_name: function.to_string(),
                invocation_type,
                payload: payload.clone(),
                client: None,
            });
        }
        Path::EventSourceMapping => {
            let topology = Topology::build(base);
            let on_failure = base
                .functions
                .iter()
                .find(|f| f.function_name == function)
                .and_then(|f| f.event_invoke_config.as_ref())
                .and_then(|c| c.destination_config.as_ref())
                .and_then(|d| d.on_failure_arn())
                .filter(|arn| {
                    topology
                        .by_arn(arn)
                        .is_some_and(|id| aws::mapping_destination_supported(topology.get(id).kind))
                })
                .map(str::to_string);
            scenario.kinesis_streams.push(KinesisStream {
                stream_name: COMPARE_STREAM.into(),
                shard_count: 1,
            });
            let stream_arn = format!(
                "arn:aws:kinesis:{}:{}:stream/{COMPARE_STREAM}",
                base.region, base.account
            );
            scenario.event_source_mappings.push(EventSourceMapping {
                event_source_arn: Some(stream_arn),
                function_name: function.to_string(),
                enabled: true,
                batch_size: Some(1),
                starting_position: Some("TRIM_HORIZON".into()),
                maximum_retry_attempts: Some(2),
                destination_config: on_failure.map(|arn| DestinationConfig {
                    on_success: None,
                    on_failure: Some(Destination {
                        destination: Some(arn),
                    }),
                }),
                ..EventSourceMapping::default()
            });
            scenario.inputs.push(Input::PutRecord {
                at: 0,
                stream_name: COMPARE_STREAM.into(),
                partition_key: "compare".into(),
                data: payload.clone(),
            });
        }
    }
    scenario
}

/// Whether `function` exists in `base` (compare mode needs one).
pub fn can_compare(base: &Scenario, function: &str) -> bool {
    Topology::build(base)
        .find(Kind::Function, function)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{simulate, RunOptions};
    use crate::trace::{NoDestinationReason, Via, What};

    fn base() -> Scenario {
        Scenario::from_json(
            r#"{"version":1,"functions":[{"FunctionName":"f","behavior":{"outcome":{"type":"error"}},
              "EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:failures"}}}}],
              "queues":[{"QueueName":"failures"}],
              "inputs":[{"type":"invoke","FunctionName":"f","InvocationType":"Event"}]}"#,
        )
        .expect("valid")
    }

    fn deliveries(path: Path) -> Vec<Via> {
        let scenario = scenario_for(&base(), "f", &serde_json::json!({"k": 1}), path);
        let run = simulate(&scenario, &RunOptions::default());
        run.trace
            .events
            .iter()
            .filter_map(|e| {
                if let What::Delivered { via, .. } = e.what {
                    Some(via)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn the_same_failure_goes_nowhere_synchronously_and_to_on_failure_asynchronously_and_through_a_mapping(
    ) {
        assert!(deliveries(Path::Synchronous).is_empty());
        assert_eq!(deliveries(Path::Asynchronous), [Via::OnFailure]);
        assert_eq!(
            deliveries(Path::EventSourceMapping),
            [Via::MappingOnFailure]
        );
    }

    #[test]
    fn the_synchronous_path_explains_why_nothing_was_delivered() {
        let scenario = scenario_for(&base(), "f", &Value::Null, Path::Synchronous);
        let run = simulate(&scenario, &RunOptions::default());
        assert!(run.trace.events.iter().any(|e| e.what
            == What::NoDestination {
                reason: NoDestinationReason::Synchronous
            }));
    }

    #[test]
    fn the_mapping_path_is_valid_configuration() {
        let scenario = scenario_for(&base(), "f", &Value::Null, Path::EventSourceMapping);
        let findings = crate::validate::validate(&scenario, &Topology::build(&scenario));
        assert!(findings.is_empty(), "{findings:?}");
    }
}
