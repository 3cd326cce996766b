//! Importing AWS CLI commands: the brief's two commands first, then the commands the playground
//! itself prints, then everything a paste can contain that is not understood.

use crate::common;
use engine::diagram::LinkKind;
use engine::import::{self, cli, fixes, Format, Reason};
use engine::{validate, Scenario, Topology};

const BRIEF_ASYNC: &str = r#"aws lambda put-function-event-invoke-config \
    --function-name my-function \
    --destination-config '{"OnSuccess":{"Destination": "arn:aws:sqs:us-east-2:123456789012:destination"},"OnFailure":{"Destination": "arn:aws:sns:us-east-2:123456789012:destination"}}'
"#;

const BRIEF_MAPPING: &str = r#"aws lambda create-event-source-mapping \
    --function-name my-function \
    --event-source-arn arn:aws:sqs:us-east-2:123456789012:source-queue \
    --destination-config '{"OnFailure":{"Destination": "arn:aws:sqs:us-east-2:123456789012:destination-queue"}}'
"#;

fn findings(s: &Scenario) -> Vec<engine::Finding> {
    validate(s, &Topology::build(s))
}

#[test]
fn the_briefs_first_command_draws_a_function_with_sqs_on_success_and_sns_on_failure() {
    let imported = import::from_text(BRIEF_ASYNC).expect("imports");
    assert_eq!(imported.format, Format::Cli);
    assert!(
        imported.not_understood.is_empty(),
        "{:?}",
        imported.not_understood
    );
    let s = &imported.scenario;
    assert_eq!(s.functions.len(), 1);
    assert_eq!(s.functions[0].function_name, "my-function");
    assert_eq!(s.queues.len(), 1);
    assert_eq!(s.queues[0].queue_name, "destination");
    assert_eq!(s.topics.len(), 1);
    assert_eq!(s.topics[0].topic_name, "destination");
    let config = s.functions[0]
        .event_invoke_config
        .as_ref()
        .and_then(|c| c.destination_config.as_ref())
        .expect("destinations");
    assert_eq!(
        config.on_success_arn(),
        Some("arn:aws:sqs:us-east-2:123456789012:destination")
    );
    assert_eq!(
        config.on_failure_arn(),
        Some("arn:aws:sns:us-east-2:123456789012:destination")
    );
    // The diagram: both links resolve, and AWS accepts the configuration.
    assert_eq!(findings(s), vec![]);
    assert_eq!(
        common::drawn(s),
        vec![
            (
                LinkKind::OnSuccess,
                "function:my-function".into(),
                "queue:destination".into()
            ),
            (
                LinkKind::OnFailure,
                "function:my-function".into(),
                "topic:destination".into()
            ),
        ]
    );
}

#[test]
fn the_briefs_second_command_is_drawn_and_refused_like_aws_then_fixed_with_a_redrive_policy() {
    let imported = import::from_text(BRIEF_MAPPING).expect("imports");
    assert!(
        imported.not_understood.is_empty(),
        "{:?}",
        imported.not_understood
    );
    let mut s = imported.scenario;
    assert_eq!(s.event_source_mappings.len(), 1);
    let m = &s.event_source_mappings[0];
    assert_eq!(m.function_name, "my-function");
    assert_eq!(
        m.event_source_arn.as_deref(),
        Some("arn:aws:sqs:us-east-2:123456789012:source-queue")
    );
    assert!(
        m.destination_config.is_some(),
        "kept so validation can explain it"
    );
    let names: Vec<&str> = s.queues.iter().map(|q| q.queue_name.as_str()).collect();
    assert_eq!(names, ["source-queue", "destination-queue"]);

    let before = findings(&s);
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(
        before[0].message,
        "Unsupported DestinationConfig parameter for given event source mapping type."
    );
    assert_eq!(
        before[0].field,
        "eventSourceMappings[0].DestinationConfig.OnFailure"
    );

    assert_eq!(
        fixes::redrive_candidate(&s, &before[0]),
        Some(0),
        "the fix is offered"
    );
    let fix = fixes::redrive_instead(&mut s, 0).expect("fix applies");
    assert_eq!(fix.queue, "source-queue");
    assert_eq!(
        fix.dead_letter_target_arn,
        "arn:aws:sqs:us-east-2:123456789012:destination-queue"
    );
    assert_eq!(fix.max_receive_count, 5);
    assert!(s.event_source_mappings[0].destination_config.is_none());
    let policy = s.queues[0].redrive_policy.as_ref().expect("redrive policy");
    assert_eq!(policy.max_receive_count, 5);
    assert_eq!(findings(&s), vec![], "the finding is gone");
}

#[test]
fn everything_not_understood_is_listed_with_its_line_command_and_option() {
    let text = r#"# set up
export AWS_PAGER=""
aws sqs create-queue --queue-name orders --attributes file://attributes.json
aws lambda create-function --function-name worker --timeout 30 --frobnicate yes \
    --runtime python3.13
aws lambda put-function-concurrency --function-name $FUNCTION --reserved-concurrent-executions 5
aws stepfunctions create-state-machine --name flow
cat notes.txt | grep x
"#;
    let imported = import::from_text(text).expect("imports");
    let notes: Vec<(usize, &str, &Reason)> = imported
        .not_understood
        .iter()
        .map(|n| (n.line, n.place.as_str(), &n.reason))
        .collect();
    assert_eq!(
        notes,
        vec![
            (2, "command 1 (export)", &Reason::NotModelled),
            (
                3,
                "command 2 (aws sqs create-queue) --attributes",
                &Reason::FileReference {
                    path: "file://attributes.json".into()
                }
            ),
            (
                5,
                "command 3 (aws lambda create-function) --runtime",
                &Reason::NotModelled
            ),
            (
                4,
                "command 3 (aws lambda create-function) --frobnicate",
                &Reason::UnknownOption
            ),
            (
                6,
                "command 4 (aws lambda put-function-concurrency) --function-name",
                &Reason::ShellExpansion {
                    text: "$FUNCTION".into()
                }
            ),
            (
                7,
                "command 5 (aws stepfunctions create-state-machine)",
                &Reason::UnknownCommand
            ),
            (8, "command 6 (cat)", &Reason::NotAwsCommand),
            (8, "command 7 (grep)", &Reason::NotAwsCommand),
        ]
    );
    // What was understood is drawn.
    let s = &imported.scenario;
    assert_eq!(s.queues[0].queue_name, "orders");
    assert_eq!(s.functions[0].function_name, "worker");
    assert_eq!(s.functions[0].timeout, 30);
    // The message names the place, in English and Korean.
    let note = &imported.not_understood[1];
    assert_eq!(
        note.to_string(),
        "line 3, command 2 (aws sqs create-queue) --attributes: refers to the file file://attributes.json, which the playground cannot read; paste its content instead"
    );
    assert!(note.message(engine::lang::Lang::Ko).starts_with("3행"));
}

#[test]
fn equals_forms_double_quotes_and_shorthand_are_read() {
    let text = "aws lambda put-function-event-invoke-config --function-name=arn:aws:lambda:eu-west-1:111122223333:function:resize:prod \\\n  --maximum-retry-attempts=0 --destination-config \"OnFailure={Destination=arn:aws:sqs:eu-west-1:111122223333:failed}\"";
    let imported = import::from_text(text).expect("imports");
    assert!(
        imported.not_understood.is_empty(),
        "{:?}",
        imported.not_understood
    );
    let s = &imported.scenario;
    assert_eq!(
        (s.account.as_str(), s.region.as_str()),
        ("111122223333", "eu-west-1")
    );
    assert_eq!(s.functions[0].function_name, "resize");
    // The config is put on the alias the ARN names (spec §2.9), drawn since the text has none.
    assert!(s.functions[0].event_invoke_config.is_none());
    assert_eq!(s.functions[0].aliases[0].name, "prod");
    let config = s.functions[0].aliases[0]
        .event_invoke_config
        .as_ref()
        .expect("config");
    assert_eq!(config.maximum_retry_attempts, Some(0));
    assert_eq!(
        config
            .destination_config
            .as_ref()
            .and_then(|d| d.on_failure_arn()),
        Some("arn:aws:sqs:eu-west-1:111122223333:failed")
    );
}

#[test]
fn a_kinesis_mapping_with_its_on_failure_queue_is_accepted_like_aws() {
    let text = r#"aws kinesis create-stream --stream-name clicks --shard-count 2
aws lambda create-event-source-mapping --function-name count-clicks \
  --event-source-arn arn:aws:kinesis:us-east-2:123456789012:stream/clicks \
  --starting-position LATEST --batch-size 100 --maximum-batching-window-in-seconds 1 \
  --bisect-batch-on-function-error --maximum-retry-attempts 2 \
  --function-response-types ReportBatchItemFailures \
  --destination-config '{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:clicks-dlq"}}'
"#;
    let imported = import::from_text(text).expect("imports");
    assert!(
        imported.not_understood.is_empty(),
        "{:?}",
        imported.not_understood
    );
    let s = &imported.scenario;
    assert_eq!(s.kinesis_streams[0].shard_count, 2);
    let m = &s.event_source_mappings[0];
    assert_eq!(m.bisect_batch_on_function_error, Some(true));
    assert_eq!(m.function_response_types, ["ReportBatchItemFailures"]);
    assert_eq!(findings(s), vec![], "{:#?}", findings(s));
    assert!(common::drawn(s).contains(&(
        LinkKind::MappingOnFailure,
        "function:count-clicks".into(),
        "queue:clicks-dlq".into()
    )));
}

#[test]
fn a_kafka_mapping_of_an_msk_cluster_or_a_self_managed_one_is_drawn_from_its_topic_and_accepted() {
    // The MSK command as AWS's documentation writes it: the cluster's ARN (any cluster id) and
    // the topics; and the self-managed one with its bootstrap servers.
    let msk = r#"aws lambda create-event-source-mapping --function-name consume \
  --event-source-arn arn:aws:kafka:us-east-2:123456789012:cluster/events/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1 \
  --topics orders --starting-position LATEST --maximum-retry-attempts 2 \
  --destination-config '{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:failed"}}'
"#;
    let self_managed = r#"aws lambda create-event-source-mapping --function-name consume \
  --self-managed-event-source '{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["events.example.com:9092"]}}' \
  --topics orders --starting-position LATEST --maximum-retry-attempts 2 \
  --destination-config '{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:failed"}}'
"#;
    for (form, text, kind) in [
        ("MSK", msk, engine::scenario::KafkaKind::Msk),
        (
            "self-managed",
            self_managed,
            engine::scenario::KafkaKind::SelfManaged,
        ),
    ] {
        let imported = import::from_text(text).expect("imports");
        assert!(
            imported.not_understood.is_empty(),
            "{form}: {:?}",
            imported.not_understood
        );
        let s = &imported.scenario;
        assert_eq!(s.kafka_topics.len(), 1, "{form}");
        assert_eq!(s.kafka_topics[0].cluster_name, "events");
        assert_eq!(s.kafka_topics[0].topic, "orders");
        assert_eq!(s.kafka_topics[0].cluster_kind, kind, "{form}");
        assert_eq!(s.event_source_mappings[0].topics, ["orders"]);
        assert_eq!(findings(s), vec![], "{form}: AWS accepts it");
        assert_eq!(
            common::drawn(s),
            vec![
                (
                    LinkKind::Mapping,
                    "kafkaTopic:events/orders".into(),
                    "function:consume".into()
                ),
                (
                    LinkKind::MappingOnFailure,
                    "function:consume".into(),
                    "queue:failed".into()
                ),
            ],
            "{form}"
        );
    }
}

#[test]
fn the_redrive_fix_refuses_mappings_it_cannot_repair() {
    let mut s = import::from_text(
        "aws kinesis create-stream --stream-name s\naws lambda create-event-source-mapping --function-name f --event-source-arn arn:aws:kinesis:us-east-2:123456789012:stream/s --starting-position LATEST",
    )
    .expect("imports")
    .scenario;
    assert_eq!(
        fixes::redrive_instead(&mut s, 0),
        Err(fixes::FixError::SourceNotAQueue)
    );
    assert_eq!(
        fixes::redrive_instead(&mut s, 3),
        Err(fixes::FixError::NoSuchMapping { index: 3 })
    );
    let mut s = import::from_text(
        "aws lambda create-event-source-mapping --function-name f --event-source-arn arn:aws:sqs:us-east-2:123456789012:q --destination-config 'OnFailure={Destination=arn:aws:sns:us-east-2:123456789012:t}'",
    )
    .expect("imports")
    .scenario;
    let finding = findings(&s).into_iter().next().expect("refused");
    assert_eq!(
        fixes::redrive_candidate(&s, &finding),
        None,
        "no fix offered"
    );
    let err = fixes::redrive_instead(&mut s, 0).expect_err("a topic cannot be a DLQ");
    assert!(err.to_string().contains("not an SQS queue"), "{err}");
    assert!(
        s.event_source_mappings[0].destination_config.is_some(),
        "left as it was"
    );
}

#[test]
fn values_that_are_not_numbers_are_listed_not_guessed() {
    let imported = import::from_text(
        "aws lambda create-function --function-name f --timeout 99999999999999999999999",
    )
    .expect("imports");
    assert_eq!(imported.scenario.functions[0].timeout, 3);
    assert!(matches!(
        imported.not_understood[0].reason,
        Reason::BadValue {
            expected: "a whole number",
            ..
        }
    ));
}

#[test]
fn text_that_is_neither_commands_nor_a_template_is_refused_with_a_hint() {
    let err = import::from_text("hello world\nthis is not aws").expect_err("foreign");
    assert_eq!(err, import::ImportError::NotRecognized);
    assert!(err.to_string().contains("'aws'"), "{err}");
    assert_eq!(
        import::from_text("  \n# only a comment\n"),
        Err(import::ImportError::Empty)
    );
    let huge = "aws ".repeat(3 * 1024 * 1024);
    assert!(matches!(
        import::from_text(&huge),
        Err(import::ImportError::TooLarge { .. })
    ));
}

#[test]
fn a_paste_longer_than_the_limits_says_how_much_was_left_out() {
    let text = "aws sqs create-queue --queue-name q\n".repeat(cli::MAX_COMMANDS + 7);
    let imported = import::from_text(&text).expect("imports");
    let last = imported.not_understood.last().expect("a note");
    assert_eq!(last.reason, Reason::TooMany { more: 7 });
    assert_eq!(last.place, format!("after command {}", cli::MAX_COMMANDS));
    assert_eq!(
        imported.scenario.queues.len(),
        1,
        "the same queue each time"
    );
}
