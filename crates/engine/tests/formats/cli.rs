//! The `destinations` runner: exit codes 0/1/2, jsonl and text output, validation errors in the
//! AWS CLI's form (issue #2, spec §2.9).

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_destinations");

fn gallery(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/gallery")
        .join(name)
}

fn destinations(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the runner starts")
}

/// Writes `text` to a file of its own in the temp directory and returns its path.
fn scenario_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("destinations-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn cli_validate_accepts_a_gallery_scenario_with_exit_code_0() {
    let path = gallery("image-processing.json");
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("valid"));
    assert!(stdout(&output).is_empty());
}

#[test]
fn cli_run_jsonl_prints_one_parseable_object_per_trace_event() {
    let path = gallery("kinesis-dlq.json");
    let output = destinations(&["run", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let (scenario, _, _) = engine::load(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let run = engine::simulate(&scenario, &engine::RunOptions::default());
    assert_eq!(lines.len(), run.trace.events.len());
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["step"], i);
        for key in ["at", "resource", "rule", "section", "kind", "what", "text"] {
            assert!(line.get(key).is_some(), "line {i} has no {key}: {line}");
        }
        assert!(line["resource"].as_str().unwrap().starts_with("arn:aws:"));
    }
}

#[test]
fn cli_every_delivery_line_carries_the_target_arn_and_the_exact_body() {
    let path = gallery("kinesis-dlq.json");
    let output = destinations(&["run", path.to_str().unwrap(), "--format", "jsonl"]);
    let deliveries: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["kind"] == "delivered")
        .collect();
    assert!(!deliveries.is_empty());
    for line in &deliveries {
        assert!(
            line["target"].as_str().unwrap().starts_with("arn:aws:"),
            "{line}"
        );
        assert!(line["body"].is_string(), "{line}");
    }
    let failure = deliveries
        .iter()
        .find(|l| l["what"]["via"] == "mappingOnFailure")
        .expect("the OnFailure record");
    assert_eq!(
        failure["target"],
        "arn:aws:sqs:us-east-2:123456789012:clickstream-failures"
    );
    let record: Value = serde_json::from_str(failure["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        record["requestContext"]["condition"],
        "RetryAttemptsExhausted"
    );
    assert_eq!(
        record
            .as_object()
            .unwrap()
            .keys()
            .next()
            .map(String::as_str),
        Some("requestContext"),
        "the body is printed exactly as delivered, key order included"
    );
}

#[test]
fn cli_run_text_prints_the_same_log_as_the_golden_trace() {
    let path = gallery("image-processing.json");
    let output = destinations(&["run", path.to_str().unwrap(), "--format", "text"]);
    assert_eq!(output.status.code(), Some(0));
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/image-processing.txt"),
    )
    .unwrap();
    assert_eq!(stdout(&output), golden);
}

#[test]
fn cli_run_text_speaks_korean_with_lang_ko() {
    let path = gallery("image-processing.json");
    let output = destinations(&[
        "run",
        path.to_str().unwrap(),
        "--format",
        "text",
        "--lang",
        "ko",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).chars().any(|c| ('가'..='힣').contains(&c)),
        "{}",
        stdout(&output)
    );
}

#[test]
fn cli_seed_changes_request_ids_and_until_cuts_the_run() {
    let path = gallery("sync-vs-async.json");
    let path = path.to_str().unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        stdout(&destinations(args))
            .lines()
            .filter_map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["requestId"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect()
    };
    let a = ids(&["run", path]);
    let b = ids(&["run", path, "--seed", "1"]);
    assert_eq!(a, ids(&["run", path]), "same seed, same ids");
    assert_ne!(a, b);
    let cut = stdout(&destinations(&["run", path, "--until", "60000"]));
    let last: Value = serde_json::from_str(cut.lines().last().unwrap()).unwrap();
    assert!(last["at"].as_u64().unwrap() <= 60_000);
    assert!(cut.lines().count() < stdout(&destinations(&["run", path])).lines().count());
}

#[test]
fn cli_validation_errors_print_in_the_aws_form_and_exit_1() {
    let path = scenario_file(
        "self-destination.json",
        r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:lambda:us-east-2:123456789012:function:f"}}}}]}"#,
    );
    for command in ["validate", "run"] {
        let output = destinations(&[command, path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let err = stderr(&output);
        assert!(
            err.contains("An error occurred (InvalidParameterValueException) when calling the PutFunctionEventInvokeConfig operation: You can't specify the function as a destination for itself."),
            "{err}"
        );
        assert!(
            err.contains(
                "at functions[0].EventInvokeConfig.DestinationConfig.OnFailure.Destination"
            ),
            "{err}"
        );
        assert!(stdout(&output).is_empty(), "nothing runs");
    }
}

#[test]
fn cli_validate_and_run_accept_an_msk_source_and_print_its_failure_record() {
    let arn = engine::topology::kafka_cluster_arn(
        "us-east-2",
        "123456789012",
        "events",
        engine::scenario::KafkaKind::Msk,
    );
    let text = format!(
        r#"{{"version":1,"functions":[{{"FunctionName":"consume","behavior":{{"outcome":{{"type":"error"}}}}}}],
        "queues":[{{"QueueName":"failed"}}],
        "kafkaTopics":[{{"ClusterName":"events","ClusterKind":"MSK","Topic":"orders"}}],
        "eventSourceMappings":[{{"EventSourceArn":"{arn}","Topics":["orders"],"FunctionName":"consume",
            "StartingPosition":"TRIM_HORIZON","MaximumRetryAttempts":0,
            "DestinationConfig":{{"OnFailure":{{"Destination":"arn:aws:sqs:us-east-2:123456789012:failed"}}}}}}],
        "inputs":[{{"type":"produce","ClusterName":"events","Topic":"orders","Key":"k1","Value":{{"n":1}}}}]}}"#
    );
    let path = scenario_file("msk.json", &text);
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = destinations(&["run", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let delivered: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["kind"] == "delivered")
        .collect();
    assert_eq!(delivered.len(), 1);
    assert_eq!(
        delivered[0]["target"],
        "arn:aws:sqs:us-east-2:123456789012:failed"
    );
    let record: Value = serde_json::from_str(delivered[0]["body"].as_str().unwrap()).unwrap();
    let info = &record["KafkaBatchInfo"];
    assert_eq!(info["eventSourceArn"], arn.as_str());
    assert_eq!(
        info["bootstrapServers"],
        "b-1.events.kafka.us-east-2.amazonaws.com:9098,b-2.events.kafka.us-east-2.amazonaws.com:9098"
    );
    assert_eq!(info["recordsInfo"]["orders-0"]["firstRecordOffset"], "0");
}

#[test]
fn cli_a_range_error_names_the_field_in_the_validation_exception_form() {
    let path = scenario_file(
        "range.json",
        r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"MaximumRetryAttempts":5}}]}"#,
    );
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("An error occurred (ValidationException) when calling the PutFunctionEventInvokeConfig operation: 1 validation error detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2"));
}

#[test]
fn cli_warnings_alone_still_exit_0() {
    let path = scenario_file(
        "fifo.json",
        r#"{"version":1,"functions":[{"FunctionName":"f","EventInvokeConfig":{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:sqs:us-east-2:123456789012:q.fifo"}}}}],
            "queues":[{"QueueName":"q.fifo","FifoQueue":true}]}"#,
    );
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("Warning (PutFunctionEventInvokeConfig)"));
}

#[test]
fn cli_malformed_json_exits_2_with_the_line_and_column() {
    let path = scenario_file("broken.json", "{\"version\":1,\n \"functions\": [}");
    let output = destinations(&["run", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("line 2, column"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn cli_an_unknown_field_or_version_exits_2_and_names_it() {
    let path = scenario_file(
        "unknown.json",
        r#"{"version":1,"functions":[{"FunctionName":"f","Timout":3}]}"#,
    );
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("functions[0].Timout") && err.contains("unknown field `Timout`"),
        "{err}"
    );
    let path = scenario_file("v2.json", r#"{"version":2}"#);
    let output = destinations(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unsupported scenario version 2"));
}

#[test]
fn cli_a_missing_file_or_bad_arguments_exit_2() {
    let output = destinations(&["run", "/nonexistent/scenario.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read"));
    for args in [
        &[][..],
        &["simulate", "x.json"][..],
        &["run"][..],
        &["run", "x.json", "--format", "xml"][..],
        &["run", "x.json", "--seed", "many"][..],
        &["run", "x.json", "--bogus"][..],
    ] {
        let output = destinations(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("usage:"), "{args:?}");
    }
}

#[test]
fn cli_every_gallery_scenario_validates_and_runs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json")
            || path.file_name().is_some_and(|n| n == "index.json")
        {
            continue;
        }
        let output = destinations(&["run", path.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
    }
}
