//! Property tests for the importers: any text gets an answer (never a panic), and every note
//! points at a line that exists.

use engine::import::{self, Imported};
use proptest::prelude::*;
use serde_json::Value;

fn lines_ok(text: &str, imported: &Imported) -> bool {
    let lines = text.lines().count().max(1) + 1;
    imported.not_understood.iter().all(|n| n.line <= lines)
}

/// Shell-ish words: flags, quotes, continuations, ARNs, JSON.
fn cli_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("aws".to_string()),
        Just("lambda".to_string()),
        Just("sqs".to_string()),
        Just("create-event-source-mapping".to_string()),
        Just("put-function-event-invoke-config".to_string()),
        Just("create-queue".to_string()),
        Just("--function-name".to_string()),
        Just("--event-source-arn".to_string()),
        Just("--destination-config".to_string()),
        Just("--attributes".to_string()),
        Just("--queue-name".to_string()),
        Just("--batch-size".to_string()),
        Just("\\\n".to_string()),
        Just("\n".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("$X".to_string()),
        Just("file://a.json".to_string()),
        Just("arn:aws:sqs:us-east-2:123456789012:q".to_string()),
        Just("arn:aws:lambda:us-east-2:123456789012:function:f".to_string()),
        Just(
            "'{\"OnFailure\":{\"Destination\":\"arn:aws:sns:us-east-2:123456789012:t\"}}'"
                .to_string()
        ),
        Just("OnSuccess={Destination=arn:aws:sqs:us-east-2:123456789012:d}".to_string()),
        "[a-z0-9=:{}\\[\\],.-]{1,12}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(word, 0..60).prop_map(|w| format!("aws {}", w.join(" ")))
}

/// Arbitrary JSON, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("AWS::Lambda::Function".to_string()),
            Just("AWS::SQS::Queue".to_string()),
            Just("AWS::Lambda::EventSourceMapping".to_string()),
            Just("AWS::Serverless::Function".to_string()),
            Just("Ref".to_string()),
            Just("Fn::GetAtt".to_string()),
            Just("${AWS::Region}".to_string()),
            ".{0,12}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        let key = prop_oneof![
            Just("Type".to_string()),
            Just("Properties".to_string()),
            Just("FunctionName".to_string()),
            Just("EventSourceArn".to_string()),
            Just("DestinationConfig".to_string()),
            Just("OnFailure".to_string()),
            Just("Destination".to_string()),
            Just("Ref".to_string()),
            Just("Fn::GetAtt".to_string()),
            Just("Fn::Sub".to_string()),
            Just("Events".to_string()),
            "[A-Za-z]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// YAML-ish lines: keys, short-form tags, flow collections, anchors, block scalars.
fn yaml_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("  A:".to_string()),
        Just("    Type: AWS::Lambda::Function".to_string()),
        Just("    Type: AWS::SQS::Queue".to_string()),
        Just("    Properties:".to_string()),
        Just("      FunctionName: !Ref A".to_string()),
        Just("      EventSourceArn: !GetAtt B.Arn".to_string()),
        Just("      QueueName: !Sub '${AWS::StackName}-q'".to_string()),
        Just("      Timeout: !If [C, 1, 2]".to_string()),
        Just("      X: &a [1, 2, {b: *a}]".to_string()),
        Just("      Code: |".to_string()),
        Just("        def f(): pass".to_string()),
        Just("- !Join ['', [a, b]]".to_string()),
        Just("? [complex]".to_string()),
        "[ -~]{0,30}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| format!("Resources:\n{}", lines.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_cli_paste_gets_an_answer_whose_notes_point_at_real_lines(text in cli_text()) {
        if let Ok(imported) = import::from_text(&text) {
            prop_assert!(lines_ok(&text, &imported), "{:?}", imported.not_understood);
        }
    }

    #[test]
    fn any_json_template_gets_an_answer_whose_notes_point_at_real_lines(resources in json_value(), pretty in any::<bool>()) {
        let template = serde_json::json!({ "Resources": resources });
        let text = if pretty { serde_json::to_string_pretty(&template) } else { serde_json::to_string(&template) }.expect("json");
        if let Ok(imported) = import::from_text(&text) {
            prop_assert!(lines_ok(&text, &imported), "{:?}", imported.not_understood);
        }
    }

    #[test]
    fn any_yaml_template_gets_an_answer_whose_notes_point_at_real_lines(text in yaml_text()) {
        if let Ok(imported) = import::from_text(&text) {
            prop_assert!(lines_ok(&text, &imported), "{:?}", imported.not_understood);
        }
    }

    #[test]
    fn any_text_at_all_gets_an_answer(text in "\\PC{0,300}") {
        let _ = import::from_text(&text).map_err(|e| e.to_string());
    }
}
