//! Unit tests of the scenario model and its documents.

use super::{Input, Outcome, ParseError, RecursiveLoop, Scenario, MAX_INPUTS};

#[test]
fn a_minimal_scenario_gets_aws_defaults() {
    let s =
        Scenario::from_json(r#"{"version":1,"functions":[{"FunctionName":"f"}]}"#).expect("valid");
    assert_eq!(s.account, "123456789012");
    assert_eq!(s.region, "us-east-2");
    assert_eq!(s.functions[0].timeout, 3);
    assert_eq!(s.functions[0].recursive_loop, RecursiveLoop::Terminate);
}

#[test]
fn unknown_fields_are_refused_with_their_name_and_path() {
    let err = Scenario::from_json(r#"{"version":1,"functions":[{"FunctionName":"f","Timout":3}]}"#)
        .expect_err("unknown field");
    assert_eq!(err.path, "functions[0].Timout");
    assert!(
        err.message.contains("unknown field `Timout`"),
        "{}",
        err.message
    );
    assert_eq!(err.line, 1);
}

#[test]
fn unknown_fields_inside_inputs_are_refused() {
    let err = Scenario::from_json(
        r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","Payloda":{}}]}"#,
    )
    .expect_err("unknown field");
    assert!(err.message.contains("Payloda"), "{err}");
}

#[test]
fn a_wrong_type_names_the_path_of_the_value() {
    let err = Scenario::from_json(
        "{\"version\":1,\"queues\":[{\"QueueName\":\"q\"},\n {\"QueueName\":\"r\",\"VisibilityTimeout\":\"x\"}]}",
    )
    .expect_err("wrong type");
    assert_eq!(err.path, "queues[1].VisibilityTimeout");
    assert_eq!(err.line, 2);
    assert!(err.message.contains("invalid type: string"), "{err}");
}

#[test]
fn another_version_is_refused_before_anything_else() {
    let err = Scenario::from_json(r#"{"version":2,"whatever":true}"#).expect_err("version 2");
    assert_eq!(err.path, "version");
    assert!(err.message.contains("version 1"));
    let err = Scenario::from_json(r#"{"functions":[]}"#).expect_err("no version");
    assert!(err.message.contains("missing field `version`"));
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = Scenario::from_json("{\"version\":1,\n \"functions\": [}").expect_err("bad json");
    assert_eq!(err.line, 2);
    assert!(err.to_string().starts_with("line 2, column"), "{err}");
}

#[test]
fn too_many_inputs_are_refused_with_the_cap() {
    let inputs: Vec<String> = (0..=MAX_INPUTS)
        .map(|_| r#"{"type":"invoke","FunctionName":"f"}"#.to_string())
        .collect();
    let text = format!(r#"{{"version":1,"inputs":[{}]}}"#, inputs.join(","));
    let err = Scenario::from_json(&text).expect_err("cap");
    assert!(err.message.contains("at most 100000"), "{err}");
}

#[test]
fn text_can_be_plain_or_localized() {
    let s = Scenario::from_json(
        r#"{"version":1,"title":{"en":"Hello","ko":"안녕"},"description":"Plain"}"#,
    )
    .expect("valid");
    assert_eq!(s.title.get("ko"), "안녕");
    assert_eq!(s.title.get("en"), "Hello");
    assert_eq!(s.description.get("ko"), "Plain");
}

#[test]
fn scenarios_round_trip_through_json() {
    let text = r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":1,
        "DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-2:123456789012:q"}}},
        "behavior":{"attempts":[{"type":"error"},{"type":"ok"}]}}],
        "inputs":[{"type":"invoke","at":5,"FunctionName":"f","InvocationType":"Event","Payload":{"a":1}}]}"#;
    let s = Scenario::from_json(text).expect("valid");
    let again = Scenario::from_json(&s.to_json_pretty()).expect("round trip");
    assert_eq!(s, again);
    assert_eq!(s.inputs[0].at(), 5);
}

fn error(text: &str) -> ParseError {
    Scenario::from_json(text).expect_err("refused")
}

#[test]
fn an_unknown_field_in_a_function_is_named_with_its_path() {
    let err = error("{\"version\": 1,\n \"functions\": [{\"FunctionName\": \"f\", \"Foo\": 1}]}");
    assert_eq!(err.path, "functions[0].Foo");
    assert_eq!((err.line, err.column), (2, 42));
    assert_eq!(
        err.message,
        "unknown field `Foo`, expected one of `FunctionName`, `Timeout`, \
         `ReservedConcurrentExecutions`, `RecursiveLoop`, `DeadLetterConfig`, \
         `EventInvokeConfig`, `Versions`, `Aliases`, `permissions`, `behavior`"
    );
    assert_eq!(
        err.to_string(),
        format!("line 2, column 42: at functions[0].Foo: {}", err.message)
    );
}

#[test]
fn an_unknown_field_in_an_input_is_named_with_the_input_s_own_path() {
    let err = error(
        r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f"},
           {"type":"sendMessage","QueueName":"q","Bdy":"x"}]}"#,
    );
    assert_eq!(err.path, "inputs[1].Bdy");
    assert_eq!(err.line, 2);
    assert_eq!(
        err.message,
        "unknown field `Bdy`, expected one of `at`, `QueueName`, `MessageBody`, `MessageGroupId`"
    );
}

#[test]
fn a_missing_required_field_names_the_object_that_lacks_it() {
    let err = error(r#"{"version":1,"queues":[{"VisibilityTimeout":30}]}"#);
    assert_eq!(err.path, "queues[0]");
    assert_eq!(err.message, "missing field `QueueName`");
    assert_eq!((err.line, err.column), (1, 47));
    let err = error(r#"{"version":1,"inputs":[{"type":"putItem","TableName":"t"}]}"#);
    assert_eq!(err.path, "inputs[0]");
    assert_eq!(err.message, "missing field `Item`");
    let err = error(r#"{"version":1,"inputs":[{"at":5}]}"#);
    assert_eq!(err.message, "missing field `type`");
}

#[test]
fn an_unknown_input_type_lists_the_types_there_are() {
    let err = error(r#"{"version":1,"inputs":[{"type":"invok","FunctionName":"f"}]}"#);
    assert_eq!(err.path, "inputs[0].type");
    assert!(
        err.message
            .starts_with("unknown variant `invok`, expected one of `invoke`, `putRecord`,"),
        "{err}"
    );
    let err = error(
        r#"{"version":1,"functions":[{"FunctionName":"f","behavior":{"attempts":[{"type":"eror"}]}}]}"#,
    );
    assert_eq!(err.path, "functions[0].behavior.attempts[0].type");
    assert_eq!(
        err.message,
        "unknown variant `eror`, expected one of `ok`, `error`, `timeout`, `throttle`"
    );
}

#[test]
fn a_repeated_field_is_refused_but_a_repeated_key_in_a_payload_is_not() {
    let err = error(r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":3,"Timeout":4}]}"#);
    assert_eq!(err.path, "functions[0].Timeout");
    assert_eq!(err.message, "duplicate field `Timeout`");
    assert_eq!((err.line, err.column), (1, 67));
    let s = Scenario::from_json(
        r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","Payload":{"a":1,"a":2}}]}"#,
    )
    .expect("payloads are free JSON");
    let Input::Invoke { payload, .. } = &s.inputs[0] else {
        panic!("an invoke")
    };
    assert_eq!(payload["a"], 2);
    // A key written with an escape is the same key.
    let err =
        error(r#"{"version":1,"functions":[{"FunctionName":"f","Time\u006fut":3,"Timeout":4}]}"#);
    assert_eq!(err.message, "duplicate field `Timeout`");
}

#[test]
fn integers_out_of_aws_ranges_are_kept_for_validation_but_not_out_of_the_type() {
    let s = Scenario::from_json(
        r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":-7,"EventInvokeConfig":{"MaximumRetryAttempts":99}}]}"#,
    )
    .expect("validation answers these");
    assert_eq!(s.functions[0].timeout, -7);
    let err = error(r#"{"version":1,"inputs":[{"type":"invoke","FunctionName":"f","at":-1}]}"#);
    assert_eq!(err.path, "inputs[0].at");
    assert_eq!(err.message, "invalid value: integer `-1`, expected u64");
    let err = error(r#"{"version":1,"functions":[{"FunctionName":"f","Timeout":1.5}]}"#);
    assert_eq!(
        err.message,
        "invalid type: floating point `1.5`, expected i64"
    );
    let err = error(r#"{"version":1,"functions":[{"FunctionName":null}]}"#);
    assert_eq!(err.message, "invalid type: null, expected a string");
    let err = error(r#"{"version":1,"functions":[{"FunctionName":"f","RecursiveLoop":"Stop"}]}"#);
    assert_eq!(
        err.message,
        "unknown variant `Stop`, expected `Terminate` or `Allow`"
    );
}

#[test]
fn absent_fields_get_their_defaults_in_every_part() {
    let s = Scenario::from_json(
        r#"{"version":1,
           "functions":[{"FunctionName":"f","permissions":[{"Action":"sns:Publish"}],
             "behavior":{"outcome":{"type":"error"}}}],
           "buckets":[{"BucketName":"b","LambdaFunctionConfigurations":[{"LambdaFunctionArn":"a"}]}],
           "eventSourceMappings":[{"FunctionName":"f"}],
           "inputs":[{"type":"putObject","Bucket":"b","Key":"k"},
                     {"type":"failNext","FunctionName":"f","Outcome":{"type":"timeout"}}]}"#,
    )
    .expect("valid");
    let f = &s.functions[0];
    assert_eq!(f.timeout, 3);
    assert_eq!(f.behavior.duration_ms, 120);
    assert_eq!(f.permissions.as_ref().expect("listed")[0].resource, "*");
    assert_eq!(
        f.behavior.outcome,
        Outcome::Error {
            error_type: "Error".into(),
            error_message: "Something went wrong".into()
        }
    );
    assert_eq!(
        s.buckets[0].lambda_function_configurations[0].events,
        ["s3:ObjectCreated:*"]
    );
    assert!(s.event_source_mappings[0].enabled);
    assert_eq!(s.inputs[0].at(), 0);
    assert!(matches!(s.inputs[0], Input::PutObject { size: 1024, .. }));
    assert!(matches!(s.inputs[1], Input::FailNext { count: 1, .. }));
    assert_eq!(s.settings.max_function_timeout_seconds, 900);
}

#[test]
fn an_autosave_record_reads_its_scenario_through_the_same_rules() {
    let s: Scenario = serde_json::from_str(r#"{"version":1,"seed":4}"#).expect("valid");
    assert_eq!(s.seed, 4);
    let err = serde_json::from_str::<Scenario>(r#"{"version":1,"sed":4}"#).expect_err("typo");
    assert!(err.to_string().starts_with("unknown field `sed`"), "{err}");
    let err =
        serde_json::from_str::<Vec<Input>>(r#"[{"type":"deleteResource"}]"#).expect_err("no Arn");
    assert!(err.to_string().contains("missing field `Arn`"), "{err}");
}

#[test]
fn a_saved_scenario_lists_fields_in_aws_order_and_leaves_out_the_defaults_it_may() {
    let s = Scenario::from_json(
        r#"{"version":1,"functions":[{"behavior":{"outcome":{"type":"timeout"}},"FunctionName":"f"}],
            "inputs":[{"FunctionName":"f","type":"invoke"},{"type":"produce","ClusterName":"c","Topic":"t"}]}"#,
    )
    .expect("valid");
    assert_eq!(
        serde_json::to_string(&s).expect("serializes"),
        r#"{"version":1,"account":"123456789012","region":"us-east-2","seed":0,"#.to_string()
            + r#""startTime":"2026-01-01T00:00:00.000Z","functions":[{"FunctionName":"f","Timeout":3,"#
            + r#""behavior":{"outcome":{"type":"timeout"},"durationMs":120}}],"inputs":["#
            + r#"{"type":"invoke","at":0,"FunctionName":"f","InvocationType":"RequestResponse","Payload":null},"#
            + r#"{"type":"produce","at":0,"ClusterName":"c","Topic":"t","Key":null,"Value":null}]}"#
    );
}
