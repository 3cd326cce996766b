//! What the exported templates, configuration and script say, checked in Rust (the real tools
//! check that they are valid: see exports_real_tools.rs).

use crate::common;

use common::{Kafka, KAFKA_FORMS};
use engine::awscli::{commands, shell_quote};
use engine::export::{self, hcl_string};
use engine::{Scenario, Topology};
use serde_json::{json, Value};

fn gallery(name: &str) -> (Scenario, Topology) {
    let path = format!(
        "{}/../../static/gallery/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("a gallery scenario");
    let scenario = Scenario::from_json(&text).expect("the gallery scenario parses");
    let topology = Topology::build(&scenario);
    (scenario, topology)
}

fn parse(text: &str) -> (Scenario, Topology) {
    let scenario = Scenario::from_json(text).expect("the test scenario parses");
    let topology = Topology::build(&scenario);
    (scenario, topology)
}

fn cfn(s: &(Scenario, Topology)) -> Value {
    serde_json::from_str(&export::cloudformation_json(&s.0, &s.1)).expect("the template is JSON")
}

fn resources_of<'a>(template: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    template["Resources"]
        .as_object()
        .expect("Resources")
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .collect()
}

#[test]
fn the_image_function_sends_successes_to_the_queue_and_failures_to_the_topic() {
    let template = cfn(&gallery("image-processing"));
    let configs = resources_of(&template, "AWS::Lambda::EventInvokeConfig");
    assert_eq!(configs.len(), 1, "one function has an EventInvokeConfig");
    let props = &configs[0].1["Properties"];
    assert_eq!(
        props["FunctionName"],
        json!({ "Ref": "ResizeImageFunction" })
    );
    assert_eq!(props["Qualifier"], "$LATEST");
    assert_eq!(props["MaximumRetryAttempts"], 2);
    assert_eq!(props["MaximumEventAgeInSeconds"], 21600);
    assert_eq!(
        props["DestinationConfig"],
        json!({
            "OnSuccess": { "Destination": { "Fn::GetAtt": ["ImageMetadataQueue", "Arn"] } },
            "OnFailure": { "Destination": { "Ref": "ImageAlertsTopic" } },
        })
    );
}

#[test]
fn the_image_function_role_may_send_to_its_two_destinations_and_nothing_else() {
    let template = cfn(&gallery("image-processing"));
    let role = &template["Resources"]["ResizeImageFunctionRole"]["Properties"];
    assert_eq!(
        role["Policies"][0]["PolicyDocument"]["Statement"],
        json!([
            { "Effect": "Allow", "Action": ["sqs:SendMessage"],
              "Resource": [{ "Fn::GetAtt": ["ImageMetadataQueue", "Arn"] }] },
            { "Effect": "Allow", "Action": ["sns:Publish"],
              "Resource": [{ "Ref": "ImageAlertsTopic" }] },
        ])
    );
    let reader = &template["Resources"]["StoreMetadataFunctionRole"]["Properties"];
    assert_eq!(
        reader["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"],
        json!([
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes"
        ]),
        "the mapping's function may read its queue"
    );
}

#[test]
fn a_role_the_scenario_lists_is_exported_as_listed() {
    let s = parse(
        r#"{"version":1,"functions":[{"FunctionName":"f","permissions":[{"Action":"sqs:SendMessage"}],
        "EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sns:us-east-2:123456789012:alerts"}}}}],
        "topics":[{"TopicName":"alerts"}]}"#,
    );
    let template = cfn(&s);
    let statements = &template["Resources"]["FFunctionRole"]["Properties"]["Policies"][0]
        ["PolicyDocument"]["Statement"];
    assert_eq!(
        statements,
        &json!([{ "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": ["*"] }]),
        "the missing sns:Publish stays missing"
    );
    let notes = template["Metadata"]["PlaygroundExport"]["Notes"].to_string();
    assert!(
        notes.contains("without sns:Publish on arn:aws:sns:us-east-2:123456789012:alerts"),
        "{notes}"
    );
}

#[test]
fn the_bucket_waits_for_the_permission_that_lets_s3_invoke_the_function() {
    let template = cfn(&gallery("image-processing"));
    let bucket = &template["Resources"]["ImagesBucket"];
    let permission_id = bucket["DependsOn"][0].as_str().expect("DependsOn");
    let permission = &template["Resources"][permission_id]["Properties"];
    assert_eq!(permission["Principal"], "s3.amazonaws.com");
    assert_eq!(
        permission["FunctionName"],
        json!({ "Fn::GetAtt": ["ResizeImageFunction", "Arn"] })
    );
    assert_eq!(
        bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]["Filter"],
        json!({ "S3Key": { "Rules": [{ "Name": "prefix", "Value": "uploads/" }] } })
    );
}

#[test]
fn functions_that_are_each_others_destination_name_each_other_without_a_cycle() {
    let template = cfn(&gallery("recursion"));
    let statements = &template["Resources"]["PingFunctionRole"]["Properties"]["Policies"][0]
        ["PolicyDocument"]["Statement"];
    assert_eq!(
        statements[0]["Resource"][0],
        json!({ "Fn::Sub": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:pong" })
    );
    let config = &template["Resources"]["PingFunctionEventInvokeConfig"]["Properties"];
    assert_eq!(
        config["DestinationConfig"]["OnSuccess"]["Destination"],
        json!({ "Fn::GetAtt": ["PongFunction", "Arn"] })
    );
}

#[test]
fn the_handler_replays_the_functions_behavior() {
    let template = cfn(&gallery("dlq-vs-destination"));
    let function = &template["Resources"]["SendInvoiceFunction"]["Properties"];
    assert_eq!(function["Code"]["ZipFile"], export::HANDLER_PY);
    let behavior: Value = serde_json::from_str(
        function["Environment"]["Variables"][export::BEHAVIOR_VARIABLE]
            .as_str()
            .expect("the behavior variable"),
    )
    .expect("the behavior is JSON");
    assert_eq!(behavior["outcome"]["errorType"], "SmtpError");
    assert_eq!(
        function["DeadLetterConfig"]["TargetArn"],
        json!({ "Fn::GetAtt": ["InvoiceDlqQueue", "Arn"] })
    );
}

#[test]
fn the_cli_script_runs_every_awscli_command_with_dead_letter_queues_first() {
    let (scenario, topology) = gallery("sqs-redrive");
    let script = export::awscli_script(&scenario, &topology);
    for c in commands(&scenario, &topology) {
        assert!(script.contains(&c.text), "missing:\n{}", c.text);
    }
    let at = |needle: &str| {
        script
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("--queue-name orders-dlq") < at("--queue-name orders \\"));
    assert!(at("aws iam create-role") < at("aws lambda create-function"));
    assert!(at("aws lambda create-function") < at("aws lambda create-event-source-mapping"));
    assert!(script.starts_with("#!/bin/sh\n"));
}

#[test]
fn the_cli_script_configures_destinations_after_every_function_exists() {
    let (scenario, topology) = gallery("recursion");
    let script = export::awscli_script(&scenario, &topology);
    let last_create = script.rfind("aws lambda create-function").expect("create");
    let first_config = script
        .find("aws lambda put-function-event-invoke-config")
        .expect("config");
    assert!(
        last_create < first_config,
        "pong must exist before ping names it"
    );
}

#[test]
fn sam_types_each_destination_and_turns_the_sqs_mapping_into_an_event() {
    let (scenario, topology) = gallery("image-processing");
    let sam = export::sam_yaml(&scenario, &topology);
    assert!(
        sam.contains("Transform: AWS::Serverless-2016-10-31\n"),
        "{sam}"
    );
    assert!(sam.contains(
        "      EventInvokeConfig:\n        MaximumRetryAttempts: 2\n        MaximumEventAgeInSeconds: 21600\n        DestinationConfig:\n          OnSuccess:\n            Type: SQS\n            Destination:\n              Fn::GetAtt:\n                - ImageMetadataQueue\n                - Arn\n          OnFailure:\n            Type: SNS\n            Destination:\n              Ref: ImageAlertsTopic\n"
    ), "{sam}");
    assert!(sam.contains("      Events:\n        ImageMetadataMapping:\n          Type: SQS\n          Properties:\n            Queue:\n"), "{sam}");
    assert!(!sam.contains("AWS::Lambda::EventSourceMapping"), "{sam}");
}

#[test]
fn terraform_configures_the_same_destinations() {
    let (scenario, topology) = gallery("image-processing");
    let tf = export::terraform_hcl(&scenario, &topology);
    assert!(tf.contains(
        "resource \"aws_lambda_function_event_invoke_config\" \"resize_image_function_event_invoke_config\" {\n  function_name = aws_lambda_function.resize_image_function.function_name\n  qualifier = \"$LATEST\"\n  maximum_retry_attempts = 2\n  maximum_event_age_in_seconds = 21600\n  destination_config {\n    on_success {\n      destination = aws_sqs_queue.image_metadata_queue.arn\n    }\n    on_failure {\n      destination = aws_sns_topic.image_alerts_topic.arn\n    }\n  }\n"
    ), "{tf}");
}

#[test]
fn every_mapping_parameter_reaches_cloudformation_terraform_and_sam() {
    let s = parse(
        r#"{"version":1,"functions":[{"FunctionName":"clicks"}],"queues":[{"QueueName":"failed"}],
        "kinesisStreams":[{"StreamName":"clickstream"}],
        "eventSourceMappings":[{"EventSourceArn":"arn:aws:kinesis:us-east-2:123456789012:stream/clickstream",
          "FunctionName":"clicks","StartingPosition":"TRIM_HORIZON","BatchSize":50,"MaximumBatchingWindowInSeconds":2,
          "MaximumRetryAttempts":3,"MaximumRecordAgeInSeconds":3600,"BisectBatchOnFunctionError":true,
          "ParallelizationFactor":2,"TumblingWindowInSeconds":60,"FunctionResponseTypes":["ReportBatchItemFailures"],
          "Enabled":false,
          "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:failed"}}}]}"#,
    );
    let template = cfn(&s);
    let mappings = resources_of(&template, "AWS::Lambda::EventSourceMapping");
    assert_eq!(
        mappings[0].1["Properties"],
        json!({
            "FunctionName": { "Ref": "ClicksFunction" },
            "EventSourceArn": { "Fn::GetAtt": ["ClickstreamStream", "Arn"] },
            "StartingPosition": "TRIM_HORIZON",
            "BatchSize": 50,
            "MaximumBatchingWindowInSeconds": 2,
            "MaximumRetryAttempts": 3,
            "MaximumRecordAgeInSeconds": 3600,
            "ParallelizationFactor": 2,
            "TumblingWindowInSeconds": 60,
            "BisectBatchOnFunctionError": true,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "DestinationConfig": { "OnFailure": { "Destination": { "Fn::GetAtt": ["FailedQueue", "Arn"] } } },
            "Enabled": false,
        })
    );
    let tf = export::terraform_hcl(&s.0, &s.1);
    for line in [
        "batch_size = 50",
        "maximum_batching_window_in_seconds = 2",
        "maximum_retry_attempts = 3",
        "maximum_record_age_in_seconds = 3600",
        "parallelization_factor = 2",
        "tumbling_window_in_seconds = 60",
        "bisect_batch_on_function_error = true",
        "destination_arn = aws_sqs_queue.failed_queue.arn",
        "enabled = false",
    ] {
        assert!(tf.contains(line), "{line} missing from\n{tf}");
    }
    let sam = export::sam_yaml(&s.0, &s.1);
    assert!(sam.contains("          Type: Kinesis\n"), "{sam}");
    assert!(
        sam.contains("            TumblingWindowInSeconds: 60\n"),
        "{sam}"
    );
}

#[test]
fn a_kafka_cluster_becomes_a_parameter_and_its_kafka_destination_is_kept() {
    for form in KAFKA_FORMS {
        let text = format!(
            r#"{{"version":1,"functions":[{{"FunctionName":"consume"}}],
            "kafkaTopics":[{}],
            "eventSourceMappings":[{{{},"FunctionName":"consume",
              "StartingPosition":"TRIM_HORIZON","DestinationConfig":{{"OnFailure":{{"Destination":"kafka://orders-failures"}}}}}}]}}"#,
            form.topic("events", "orders", 1),
            form.source("events", "orders"),
        );
        let s = parse(&text);
        let tf = export::terraform_hcl(&s.0, &s.1);
        assert!(
            tf.contains(
                "  # OnFailure destination kafka://orders-failures: the aws provider accepts only ARNs"
            ),
            "{form:?}: {tf}"
        );
        assert!(
            tf.contains("  topics = [\n    \"orders\",\n  ]\n"),
            "{form:?}: {tf}"
        );
        let template = cfn(&s);
        let mapping =
            &resources_of(&template, "AWS::Lambda::EventSourceMapping")[0].1["Properties"];
        assert_eq!(mapping["Topics"], json!(["orders"]), "{form:?}");
        assert_eq!(
            mapping["DestinationConfig"]["OnFailure"]["Destination"], "kafka://orders-failures",
            "{form:?}"
        );
        let notes = template["Metadata"]["PlaygroundExport"]["Notes"].to_string();
        let script = export::awscli_script(&s.0, &s.1);
        match form {
            Kafka::Msk => {
                // The cluster is not created; its ARN is asked for, the playground's as default.
                let arn = form.cluster_arn("events");
                assert!(
                    tf.contains("event_source_arn = var.events_cluster_arn"),
                    "{tf}"
                );
                assert!(tf.contains(&format!("  default = \"{arn}\"\n")), "{tf}");
                let parameter = &template["Parameters"]["EventsKafkaClusterArn"];
                assert_eq!(parameter["Type"], "String");
                assert_eq!(parameter["Default"], arn.as_str());
                assert_eq!(
                    mapping["EventSourceArn"],
                    json!({ "Ref": "EventsKafkaClusterArn" })
                );
                assert!(mapping.get("SelfManagedEventSource").is_none());
                assert!(notes.contains("MSK cluster events: not created"), "{notes}");
                assert!(
                    script.contains(&format!("--event-source-arn {arn} \\\n    --topics orders")),
                    "{script}"
                );
            }
            Kafka::SelfManaged => {
                assert!(
                    tf.contains(
                        "KAFKA_BOOTSTRAP_SERVERS\" = join(\",\", var.events_bootstrap_servers)"
                    ),
                    "{tf}"
                );
                assert!(!tf.contains("event_source_arn"), "{tf}");
                assert_eq!(
                    template["Parameters"]["EventsKafkaBootstrapServers"]["Type"],
                    "CommaDelimitedList"
                );
                assert_eq!(
                    mapping["SelfManagedEventSource"]["Endpoints"]["KafkaBootstrapServers"],
                    json!({ "Ref": "EventsKafkaBootstrapServers" })
                );
                assert!(mapping.get("EventSourceArn").is_none());
                assert!(
                    notes.contains("self-managed Kafka cluster events"),
                    "{notes}"
                );
                assert!(
                    script.contains("--self-managed-event-source '{\"Endpoints\":{\"KAFKA_BOOTSTRAP_SERVERS\":[\"events.example.com:9092\"]}}' \\\n    --topics orders"),
                    "{script}"
                );
            }
        }
    }
}

#[test]
fn names_with_quotes_newlines_and_interpolation_survive_every_format() {
    let name = "we\"ird\nname ${var.x} %{if} #: 'q' \\ 한국어 🎉";
    let text = json!({ "version": 1, "functions": [{ "FunctionName": name,
        "behavior": { "response": { "text": "a: b # c ${x}" } } }] })
    .to_string();
    let (scenario, topology) = parse(&text);
    let template = cfn(&(scenario.clone(), topology.clone()));
    let function = &resources_of(&template, "AWS::Lambda::Function")[0];
    assert_eq!(function.1["Properties"]["FunctionName"], name);
    assert!(
        function.0.chars().all(|c| c.is_ascii_alphanumeric()),
        "{}",
        function.0
    );
    let yaml = export::cloudformation_yaml(&scenario, &topology);
    assert!(
        yaml.contains(
            "FunctionName: |-\n        we\"ird\n        name ${var.x} %{if} #: 'q' \\ 한국어 🎉\n"
        ),
        "{yaml}"
    );
    let tf = export::terraform_hcl(&scenario, &topology);
    assert!(
        tf.contains(&format!("function_name = {}", hcl_string(name))),
        "{tf}"
    );
    assert!(tf.contains(r#"$${var.x} %%{if}"#), "{tf}");
    let script = export::awscli_script(&scenario, &topology);
    assert!(script.contains(&shell_quote(name)), "{script}");
}

#[test]
fn the_same_scenario_always_exports_the_same_text() {
    let (scenario, topology) = gallery("eventbridge-routing");
    assert_eq!(
        export::all(&scenario, &topology),
        export::all(&scenario, &topology)
    );
}

#[test]
fn terraform_jsonencodes_an_event_pattern_value_for_value() {
    // A literal `\*`, an interpolation-looking `${x}`, `$or`, null, booleans and numbers.
    let (scenario, topology) = parse(
        r#"{"version":1,"queues":[{"QueueName":"q"}],"eventBuses":[{"Name":"b","Rules":[{"Name":"r","EventPattern":
        {"detail":{"errorType":[{"anything-but":{"prefix":"Sandbox."}},{"wildcard":"a\\*${x}*"}],"ip":[{"cidr":"10.0.0.0/24"}],
          "$or":[{"n":[null,true,1.5,-3]},{"m":[{"numeric":[">",0,"<=",5]},{"exists":false}]}]}},
        "Targets":["arn:aws:sqs:us-east-2:123456789012:q"]}]}]}"#,
    );
    let tf = export::terraform_hcl(&scenario, &topology);
    let expected = r#"  event_pattern = jsonencode({
    "detail" = {
      "errorType" = [
        {
          "anything-but" = {
            "prefix" = "Sandbox."
          }
        },
        {
          "wildcard" = "a\\*$${x}*"
        },
      ]
      "ip" = [
        {
          "cidr" = "10.0.0.0/24"
        },
      ]
      "$or" = [
        {
          "n" = [
            null,
            true,
            1.5,
            -3,
          ]
        },
        {
          "m" = [
            {
              "numeric" = [
                ">",
                0,
                "<=",
                5,
              ]
            },
            {
              "exists" = false
            },
          ]
        },
      ]
    }
  })
"#;
    assert!(tf.contains(expected), "{tf}");
}
