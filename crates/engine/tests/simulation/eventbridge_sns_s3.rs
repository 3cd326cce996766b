//! How EventBridge, SNS and S3 receive records, and how they trigger functions (spec §4.6, §11.1,
//! §11.2).

#![allow(clippy::unwrap_used)]

use crate::common;

use common::*;
use engine::trace::{Via, What};
use engine::Kind;
use serde_json::{json, Value};

/// `f` with `behavior`, OnSuccess and OnFailure both to bus `results`, whose rules are `rules`.
fn to_bus(behavior: &str, rules: &str, extra_resources: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{behavior},"EventInvokeConfig":{{"MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnSuccess":{{"Destination":"{BUS}/results"}},"OnFailure":{{"Destination":"{BUS}/results"}}}}}}}},
            {{"FunctionName":"triage"}}],
        "eventBuses":[{{"Name":"results","Rules":{rules}}}]{extra_resources},
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    )
}

fn bus_event(run: &engine::Run) -> Value {
    let (_, _, body, _) = deliveries(run, "results").remove(0);
    serde_json::from_str(&body).unwrap()
}

#[test]
fn spec_4_6_an_eventbridge_destination_gets_source_lambda_and_an_ascii_hyphen_detail_type() {
    let ok = run(&to_bus("{}", "[]", ""));
    let event = bus_event(&ok);
    assert_eq!(event["source"], "lambda", "spec §11.1: not aws.lambda");
    assert_eq!(
        event["detail-type"],
        "Lambda Function Invocation Result - Success"
    );
    let failed = run(&to_bus(FAIL, "[]", ""));
    let detail_type = bus_event(&failed)["detail-type"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(detail_type, "Lambda Function Invocation Result - Failure");
    assert!(
        detail_type.is_ascii(),
        "spec §11.2: an ASCII hyphen, not an en dash"
    );
}

#[test]
fn spec_4_6_an_eventbridge_destination_lists_the_bus_and_the_qualified_function_as_resources() {
    let event = bus_event(&run(&to_bus("{}", "[]", "")));
    assert_eq!(
        event["resources"],
        json!([format!("{BUS}/results"), format!("{LAMBDA}:f:$LATEST")])
    );
}

#[test]
fn spec_4_6_the_eventbridge_envelope_has_its_fields_in_order_and_the_record_as_detail() {
    let event = bus_event(&run(&to_bus(FAIL, "[]", "")));
    assert_eq!(
        keys(&event),
        [
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail"
        ]
    );
    assert_eq!(event["version"], "0");
    assert_eq!(event["account"], "123456789012");
    assert_eq!(event["region"], "us-east-2");
    assert_eq!(event["time"], "2026-01-01T00:00:00Z");
    assert!(event["detail"].is_object(), "the record is a JSON object");
    assert_eq!(
        event["detail"]["requestContext"]["condition"],
        "RetriesExhausted"
    );
    assert_eq!(event["detail"]["requestPayload"], json!({"order": 7}));
}

#[test]
fn spec_4_6_bus_rules_route_results_by_detail_type() {
    let rules = format!(
        r#"[{{"Name":"failures","EventPattern":{{"detail-type":["Lambda Function Invocation Result - Failure"]}},"Targets":["{LAMBDA}:triage"]}},
            {{"Name":"everything","EventPattern":{{"source":["lambda"]}},"Targets":["{SQS}:audit"]}}]"#
    );
    let queues = r#","queues":[{"QueueName":"audit"}]"#;
    let ok = run(&to_bus("{}", &rules, queues));
    assert!(deliveries(&ok, "triage").is_empty());
    assert_eq!(deliveries(&ok, "audit").len(), 1);
    let failed = run(&to_bus(FAIL, &rules, queues));
    let (_, via, body, _) = deliveries(&failed, "triage").remove(0);
    assert_eq!(via, Via::RuleTarget);
    let event: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        event["detail"]["requestContext"]["condition"],
        "RetriesExhausted"
    );
    assert_eq!(deliveries(&failed, "audit").len(), 1);
    assert_eq!(
        attempt_times_of(&failed, "triage").len(),
        1,
        "EventBridge invokes the target asynchronously"
    );
    assert_eq!(
        counter(&failed, Kind::EventBus, "results", "MatchedEvents"),
        2
    );
}

#[test]
fn spec_4_6_a_pattern_on_a_detail_field_matches_nested_values() {
    let rules = format!(
        r#"[{{"Name":"seven","EventPattern":{{"detail":{{"requestPayload":{{"order":[7]}}}}}},"Targets":["{SQS}:sevens"]}},
            {{"Name":"eight","EventPattern":{{"detail":{{"requestPayload":{{"order":[8]}}}}}},"Targets":["{SQS}:eights"]}}]"#
    );
    let run = run(&to_bus(
        "{}",
        &rules,
        r#","queues":[{"QueueName":"sevens"},{"QueueName":"eights"}]"#,
    ));
    assert_eq!(deliveries(&run, "sevens").len(), 1);
    assert!(deliveries(&run, "eights").is_empty());
}

#[test]
fn spec_4_6_put_events_reaches_rule_targets() {
    let json = format!(
        r#"{{"version":1,"queues":[{{"QueueName":"orders"}}],
        "eventBuses":[{{"Name":"default","Rules":[{{"Name":"placed","EventPattern":{{"detail-type":["Order Placed"]}},"Targets":["{SQS}:orders"]}}]}}],
        "inputs":[{{"type":"putEvents","EventBusName":"default","Source":"shop","DetailType":"Order Placed","Detail":{{"id":1}}}},
                  {{"type":"putEvents","EventBusName":"default","Source":"shop","DetailType":"Order Shipped","Detail":{{"id":1}}}}]}}"#
    );
    let run = run(&json);
    let bodies = delivered(&run, "orders");
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["source"], "shop");
    assert_eq!(bodies[0]["detail"], json!({"id": 1}));
    assert_eq!(bodies[0]["resources"], json!([]));
}

/// `f` fails (no retries) with OnFailure to topic `alerts`, which has `subscriptions`.
fn to_topic(subscriptions: &str) -> String {
    format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"f","behavior":{FAIL},"EventInvokeConfig":{{"MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnFailure":{{"Destination":"{SNS}:alerts"}}}}}}}},{{"FunctionName":"notify"}}],
        "topics":[{{"TopicName":"alerts","Subscriptions":{subscriptions}}}],
        "queues":[{{"QueueName":"inbox"}}],
        "inputs":[{{"type":"invoke","FunctionName":"f","InvocationType":"Event","Payload":{{"order":7}}}}]}}"#
    )
}

#[test]
fn spec_4_6_an_sns_destination_publishes_the_record_and_sqs_subscribers_get_the_sns_envelope() {
    let run = run(&to_topic(&format!(
        r#"[{{"Protocol":"sqs","Endpoint":"{SQS}:inbox"}}]"#
    )));
    let (_, via, body, _) = deliveries(&run, "alerts").remove(0);
    assert_eq!(via, Via::OnFailure);
    let record: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    let envelope = &delivered(&run, "inbox")[0];
    assert_eq!(
        &keys(envelope)[..4],
        ["Type", "MessageId", "TopicArn", "Message"],
        "no Subject"
    );
    assert_eq!(envelope["Type"], "Notification");
    assert_eq!(envelope["TopicArn"], format!("{SNS}:alerts"));
    assert_eq!(envelope["Message"], Value::from(body));
    assert_eq!(
        counter(&run, Kind::Topic, "alerts", "NumberOfMessagesPublished"),
        1
    );
}

#[test]
fn spec_4_6_raw_message_delivery_gives_the_sqs_subscriber_the_record_itself() {
    let run = run(&to_topic(&format!(
        r#"[{{"Protocol":"sqs","Endpoint":"{SQS}:inbox","RawMessageDelivery":true}}]"#
    )));
    let record = &delivered(&run, "inbox")[0];
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
}

#[test]
fn spec_4_6_a_lambda_subscriber_gets_an_sns_event_and_an_email_subscriber_a_notification() {
    let run = run(&to_topic(&format!(
        r#"[{{"Protocol":"lambda","Endpoint":"{LAMBDA}:notify"}},{{"Protocol":"email","Endpoint":"ops@example.com"}}]"#
    )));
    let (_, via, body, _) = deliveries(&run, "notify").remove(0);
    assert_eq!(via, Via::Subscription);
    let event: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(event["Records"][0]["EventSource"], "aws:sns");
    let message: Value =
        serde_json::from_str(event["Records"][0]["Sns"]["Message"].as_str().unwrap()).unwrap();
    assert_eq!(message["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(attempt_times_of(&run, "notify").len(), 1);
    let email = events(&run, |w| matches!(w, What::EmailSent { .. }))
        .map(|(_, e)| match e.what {
            What::EmailSent { endpoint, .. } => run.trace.body(endpoint).to_string(),
            _ => unreachable!(),
        })
        .collect::<Vec<_>>();
    assert_eq!(email, ["ops@example.com"]);
}

#[test]
fn spec_4_6_an_s3_failure_destination_stores_the_record_under_the_async_key() {
    let json = format!(
        r#"{{"version":1,"startTime":"2026-03-04T05:06:07.000Z","functions":[{{"FunctionName":"f","behavior":{FAIL},
            "EventInvokeConfig":{{"MaximumRetryAttempts":0,"DestinationConfig":{{"OnFailure":{{"Destination":"arn:aws:s3:::failures"}}}}}}}}],
        "buckets":[{{"BucketName":"failures"}}],"inputs":[{{"type":"invoke","at":2000,"FunctionName":"f","InvocationType":"Event"}}]}}"#
    );
    let run = run(&json);
    let (_, via, body, attributes) = deliveries(&run, "failures").remove(0);
    assert_eq!(via, Via::OnFailure);
    let attributes = attributes.unwrap();
    assert_eq!(attributes["Bucket"], "failures");
    // aws/lambda/async/<fn>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>, at the failure time 05:06:09.1.
    let key = attributes["Key"].as_str().unwrap();
    let prefix = "aws/lambda/async/f/2026/03/04/2026-03-04T05.06.09-";
    assert!(key.starts_with(prefix), "{key}");
    let uuid = &key[prefix.len()..];
    assert_eq!(uuid.len(), 36, "{key}");
    assert_eq!(
        uuid.split('-').map(str::len).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12]
    );
    let record: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(counter(&run, Kind::Bucket, "failures", "PutRequests"), 1);
}

#[test]
fn spec_1_an_s3_upload_invokes_the_function_asynchronously_with_an_s3_event() {
    let json = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"resize","EventInvokeConfig":{{"DestinationConfig":{{"OnSuccess":{{"Destination":"{SQS}:done"}}}}}}}}],
        "queues":[{{"QueueName":"done"}}],
        "buckets":[{{"BucketName":"images","LambdaFunctionConfigurations":[{{"LambdaFunctionArn":"{LAMBDA}:resize","Prefix":"uploads/","Suffix":".jpg"}}]}}],
        "inputs":[{{"type":"putObject","Bucket":"images","Key":"uploads/cat.jpg","Size":2048}},
                  {{"type":"putObject","at":10,"Bucket":"images","Key":"uploads/readme.txt"}},
                  {{"type":"putObject","at":20,"Bucket":"images","Key":"other/dog.jpg"}}]}}"#
    );
    let run = run(&json);
    assert_eq!(
        attempt_times(&run),
        [0],
        "only the key matching prefix and suffix"
    );
    assert_eq!(count(&run, |w| *w == What::AsyncAccepted), 1);
    let record = the_record(&run, "done", Via::OnSuccess);
    let s3 = &record["requestPayload"]["Records"][0]["s3"];
    assert_eq!(s3["bucket"]["name"], "images");
    assert_eq!(s3["object"]["key"], "uploads/cat.jpg");
    assert_eq!(s3["object"]["size"], 2048);
}
