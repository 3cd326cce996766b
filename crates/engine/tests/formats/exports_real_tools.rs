//! Exports checked with the real tools: cfn-lint on every CloudFormation and SAM template,
//! botocore's service models on every AWS CLI command, python-hcl2 on every Terraform file, and
//! PyYAML against the JSON template (see `tests/tools/check_exports.py`).
//!
//! The tools live in the virtualenv that `cargo xtask setup` creates at
//! `target/tools/venv`; `PLAYGROUND_TOOLS_PYTHON` may name another interpreter that has them.

use engine::{export, Scenario, Topology};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

fn tools_python() -> PathBuf {
    match std::env::var_os("PLAYGROUND_TOOLS_PYTHON") {
        Some(path) => PathBuf::from(path),
        None => root().join("target/tools/venv/bin/python"),
    }
}

/// Every feature the exporters know, in one valid scenario.
pub const COVERAGE: &str = r#"{
  "version": 1,
  "title": "Every exported resource",
  "region": "us-east-2",
  "functions": [
    { "FunctionName": "ingest", "Timeout": 30, "ReservedConcurrentExecutions": 5, "RecursiveLoop": "Allow",
      "DeadLetterConfig": { "TargetArn": "arn:aws:sns:us-east-2:123456789012:ingest-dlq" },
      "EventInvokeConfig": { "MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 3600,
        "DestinationConfig": {
          "OnSuccess": { "Destination": "arn:aws:events:us-east-2:123456789012:event-bus/results" },
          "OnFailure": { "Destination": "arn:aws:s3:::failed-ingests" } } },
      "behavior": { "attempts": [{ "type": "error", "errorType": "Flaky" }, { "type": "ok" }],
        "response": { "ok": true } } },
    { "FunctionName": "notify",
      "EventInvokeConfig": { "DestinationConfig": {
        "OnSuccess": { "Destination": "arn:aws:lambda:us-east-2:123456789012:function:ingest" },
        "OnFailure": { "Destination": "arn:aws:sqs:us-east-2:123456789012:orders-dlq.fifo" } } },
      "permissions": [ { "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-2:123456789012:function:ingest" },
        { "Action": "sqs:SendMessage" } ] },
    { "FunctionName": "clicks", "behavior": { "failRecords": { "field": "valid", "equals": false } } },
    { "FunctionName": "audit" },
    { "FunctionName": "consume" }
  ],
  "queues": [
    { "QueueName": "orders.fifo", "FifoQueue": true, "VisibilityTimeout": 60,
      "RedrivePolicy": { "deadLetterTargetArn": "arn:aws:sqs:us-east-2:123456789012:orders-dlq.fifo", "maxReceiveCount": 4 } },
    { "QueueName": "orders-dlq.fifo", "FifoQueue": true },
    { "QueueName": "audit-copy", "MessageRetentionPeriod": 1209600 },
    { "QueueName": "click-failures" }
  ],
  "topics": [
    { "TopicName": "ingest-dlq" },
    { "TopicName": "alerts", "Subscriptions": [
      { "Protocol": "email", "Endpoint": "operator@example.com" },
      { "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-2:123456789012:audit-copy", "RawMessageDelivery": true },
      { "Protocol": "lambda", "Endpoint": "audit" } ] }
  ],
  "eventBuses": [
    { "Name": "results", "Rules": [
      { "Name": "failures", "EventPattern": { "source": ["lambda"], "detail-type": ["Lambda Function Invocation Result - Failure"],
          "resources": [{ "wildcard": "arn:aws:lambda:*:function:ingest:*" }],
          "detail": { "responsePayload": { "errorType": [{ "anything-but": ["ValueError"] }, { "prefix": { "equals-ignore-case": "sandbox." } },
              { "suffix": "Error" }, { "equals-ignore-case": "flaky" }, { "anything-but": { "prefix": ["Runtime."] } }] },
            "requestContext": { "approximateInvokeCount": [{ "numeric": [">", 1, "<=", 3] }] },
            "responseContext": { "functionError": [{ "exists": true }] },
            "requestPayload": { "ip": [{ "cidr": "10.0.0.0/24" }] },
            "$or": [ { "version": ["1.0"] }, { "timestamp": [{ "exists": false }] } ] } },
        "Targets": ["arn:aws:lambda:us-east-2:123456789012:function:audit", "arn:aws:sqs:us-east-2:123456789012:audit-copy",
          "arn:aws:sns:us-east-2:123456789012:alerts"] } ] },
    { "Name": "default", "Rules": [ { "Name": "everything", "Targets": ["arn:aws:sqs:us-east-2:123456789012:audit-copy"] } ] }
  ],
  "buckets": [
    { "BucketName": "failed-ingests" },
    { "BucketName": "uploads", "LambdaFunctionConfigurations": [
      { "LambdaFunctionArn": "arn:aws:lambda:us-east-2:123456789012:function:ingest",
        "Events": ["s3:ObjectCreated:Put", "s3:ObjectCreated:Post"], "Prefix": "in/", "Suffix": ".json" } ] }
  ],
  "kinesisStreams": [ { "StreamName": "clickstream", "ShardCount": 2 } ],
  "dynamodbTables": [ { "TableName": "orders" } ],
  "kafkaTopics": [
    { "ClusterName": "events", "Topic": "orders", "Partitions": 3 },
    { "ClusterName": "onprem", "ClusterKind": "SelfManaged", "Topic": "payments" }
  ],
  "eventSourceMappings": [
    { "EventSourceArn": "arn:aws:kinesis:us-east-2:123456789012:stream/clickstream", "FunctionName": "clicks",
      "StartingPosition": "TRIM_HORIZON", "BatchSize": 50, "MaximumBatchingWindowInSeconds": 2,
      "MaximumRetryAttempts": 3, "MaximumRecordAgeInSeconds": 3600, "BisectBatchOnFunctionError": true,
      "ParallelizationFactor": 2, "TumblingWindowInSeconds": 60, "FunctionResponseTypes": ["ReportBatchItemFailures"],
      "DestinationConfig": { "OnFailure": { "Destination": "arn:aws:sqs:us-east-2:123456789012:click-failures" } } },
    { "EventSourceArn": "arn:aws:dynamodb:us-east-2:123456789012:table/orders/stream/2026-01-01T00:00:00.000",
      "FunctionName": "audit", "StartingPosition": "LATEST", "MaximumRetryAttempts": 0,
      "DestinationConfig": { "OnFailure": { "Destination": "arn:aws:s3:::failed-ingests" } } },
    { "EventSourceArn": "arn:aws:sqs:us-east-2:123456789012:orders.fifo", "FunctionName": "audit", "BatchSize": 5,
      "FunctionResponseTypes": ["ReportBatchItemFailures"], "Enabled": false },
    { "EventSourceArn": "{MSK_ARN}",
      "Topics": ["orders"], "FunctionName": "consume", "StartingPosition": "TRIM_HORIZON", "MaximumRetryAttempts": 2,
      "DestinationConfig": { "OnFailure": { "Destination": "kafka://orders-failures" } } },
    { "SelfManagedCluster": "onprem", "Topics": ["payments"], "FunctionName": "consume", "StartingPosition": "LATEST" }
  ]
}"#;

/// [`COVERAGE`] with the MSK cluster's ARN as the topology builds it.
pub fn coverage() -> String {
    let arn = engine::topology::kafka_cluster_arn(
        "us-east-2",
        "123456789012",
        "events",
        engine::scenario::KafkaKind::Msk,
    );
    COVERAGE.replace("{MSK_ARN}", &arn)
}

/// Names and texts no AWS API accepts, to check quoting and escaping in every format.
pub const HOSTILE: &str = r##"{
  "version": 1,
  "title": "Quotes \" and 'apostrophes', a newline\nand ${interpolation} %{directive} # : - [x] {y} ☕ 한국어 🎉 \u2028 \u0085",
  "functions": [
    { "FunctionName": "we\"ird\nname ${var.x} %{if} #: 'q' \\ 한국어 🎉",
      "EventInvokeConfig": { "DestinationConfig": { "OnFailure": { "Destination": "arn:aws:sqs:us-east-2:123456789012:q: #\"${x}\"" } } },
      "behavior": { "response": { "text": "line1\nline2 \"quoted\" ${x} \u2028 ☕", "yes": "yes", "num": "007" },
        "when": [ { "field": "a: b", "equals": "#not a comment", "outcome": { "type": "error", "errorMessage": "'single' \"double\"" } } ] } },
    { "FunctionName": "true" },
    { "FunctionName": "2026-01-01" },
    { "FunctionName": "- dash" }
  ],
  "queues": [ { "QueueName": "q: #\"${x}\"" }, { "QueueName": "null" } ],
  "topics": [ { "TopicName": "%{t}\t\u0001" } ],
  "eventBuses": [ { "Name": "bus ${x}", "Rules": [ { "Name": "r \"1\"",
    "EventPattern": { "detail": { "key: #": ["${x}", "\n", 1.5, true, null] } } } ] } ],
  "buckets": [ { "BucketName": "b'${x}'" } ]
}"##;

fn write_exports(dir: &Path, name: &str, text: &str, hostile: bool) {
    let scenario =
        Scenario::from_json(text).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    let topology = Topology::build(&scenario);
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).expect("create the scenario's folder");
    std::fs::write(folder.join("scenario.json"), text).expect("write scenario.json");
    for file in export::all(&scenario, &topology) {
        std::fs::write(folder.join(file.name), &file.text).expect("write an export");
    }
    if hostile {
        std::fs::write(folder.join("hostile"), "").expect("write the marker");
    }
}

#[test]
fn every_gallery_export_passes_cfn_lint_botocore_and_hcl2() {
    let python = tools_python();
    assert!(
        python.exists(),
        "the export checks need cfn-lint, botocore and python-hcl2 in {}: run `cargo xtask setup`",
        python.display()
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("exports-real-tools");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the export folder");
    let gallery = root().join("static/gallery");
    let mut scenarios = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&gallery)
        .expect("read static/gallery")
        .map(|e| e.expect("a gallery entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
        .collect();
    entries.sort();
    for path in &entries {
        let text = std::fs::read_to_string(path).expect("read a gallery scenario");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name");
        write_exports(&dir, name, &text, false);
        scenarios += 1;
    }
    assert!(scenarios >= 8, "only {scenarios} gallery scenarios found");
    write_exports(&dir, "zz-coverage", &coverage(), false);
    write_exports(&dir, "zz-hostile", HOSTILE, true);
    for name in ["versions-and-aliases", "one-version-one-alias"] {
        let path = root().join(format!("crates/engine/tests/scenarios/{name}.json"));
        let text = std::fs::read_to_string(path).expect("read a versions scenario");
        write_exports(&dir, &format!("zz-{name}"), &text, false);
    }

    let output = Command::new(&python)
        .arg(root().join("tests/tools/check_exports.py"))
        .arg(&dir)
        .output()
        .expect("run tests/tools/check_exports.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "the real tools refused an export (files kept in {}):\n{stdout}\n{stderr}",
        dir.display()
    );
    let summary = stdout
        .lines()
        .find_map(|l| l.strip_prefix("SUMMARY "))
        .expect("the checker prints a summary");
    let summary: serde_json::Value = serde_json::from_str(summary).expect("the summary is JSON");
    assert_eq!(summary["scenarios"], scenarios + 4, "{summary}");
    assert_eq!(
        summary["templates_linted"],
        3 * (scenarios + 3),
        "{summary}"
    );
    assert!(
        summary["cli_commands_checked"].as_u64().unwrap_or(0) > 50,
        "{summary}"
    );
}
