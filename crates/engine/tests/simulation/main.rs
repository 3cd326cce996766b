//! What the simulator does, one module per behaviour of the spec: asynchronous retries and
//! event age, destinations and dead-letter queues, delivery failures, SNS, EventBridge and S3,
//! event source mappings (SQS, streams, Kafka), records, recursion, synchronous calls, the golden
//! traces of the gallery, and that every rule is named by a test.

#[path = "../common/mod.rs"]
mod common;

mod async_retries;
mod delivery_failures;
mod dlq_and_destinations;
mod event_age;
mod eventbridge_patterns;
mod eventbridge_sns_s3;
mod gallery_golden;
mod kafka_topic_destination;
mod records;
mod recursion;
mod rule_coverage;
mod rules_runtime;
mod rules_validation;
mod spec_async;
mod spec_mappings;
mod sqs_mappings;
mod stream_mappings;
mod sync_and_dry_run;
mod versions_and_aliases;
