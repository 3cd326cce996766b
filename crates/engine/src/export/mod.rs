//! Export a scenario as deployable infrastructure: a CloudFormation template (YAML or JSON), a SAM
//! template, a Terraform configuration, and one AWS CLI shell script.
//!
//! Every exporter reads the same [`Plan`]: one logical id per resource (valid and unique however
//! hostile the names are), the execution role each function needs, and the notes about what a
//! template cannot express. A note is never a silent drop: it appears as a comment in YAML, HCL
//! and the script, and under `Metadata.PlaygroundExport` in the JSON template.
//!
//! The role grants exactly what the diagram uses: `sqs:SendMessage`, `sns:Publish`,
//! `lambda:InvokeFunction`, `events:PutEvents` or `s3:PutObject` on each destination and
//! dead-letter target, and the read actions each mapping's source needs. A function whose
//! scenario lists `permissions` gets that list instead (its gaps are what the scenario teaches),
//! plus the source read actions, which the playground does not model.
//!
//! Function code is one small Python handler that reads the function's `behavior` from the
//! `PLAYGROUND_BEHAVIOR` environment variable, so a deployed stack fails and succeeds the way the
//! simulation does.
//!
//! Everything here is text generation: no IO, deterministic, and wasm-safe.
//!
//! Besides the exporters, this module is split into `plan.rs` (the [`Plan`] every exporter reads:
//! logical ids, roles, grants and notes) and `names.rs` (names and comments made safe for each
//! format).

mod cloudformation;
mod names;
mod plan;
mod sam;
mod script;
mod terraform;
mod versions;
pub mod yaml;

pub(crate) use names::{comment_text, pascal, snake, unique};
pub(crate) use plan::{Grant, Plan, Target};
pub use script::awscli_script;
pub use terraform::hcl_string;

use crate::scenario::Scenario;
use crate::topology::Topology;

/// The Lambda runtime of the exported handler.
pub const RUNTIME: &str = "python3.13";
/// The environment variable that carries a function's `behavior`.
pub const BEHAVIOR_VARIABLE: &str = "PLAYGROUND_BEHAVIOR";
/// Lambda allows 4 KB of environment variables per function.
const MAX_ENVIRONMENT_BYTES: usize = 4096;

/// The exported handler (`index.handler`): it replays the function's `behavior` from
/// [`BEHAVIOR_VARIABLE`]: scripted attempts, payload rules, the error rate, failing batch records
/// (reported as `batchItemFailures` when the mapping asks for them), duration and response.
pub const HANDLER_PY: &str = r#"import base64, json, os, random, time

BEHAVIOR = json.loads(os.environ.get("PLAYGROUND_BEHAVIOR") or "{}")
ATTEMPTS = {}


def field(data, path):
    for part in str(path).split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def records(event):
    if isinstance(event, dict) and isinstance(event.get("Records"), list):
        return event["Records"]
    if isinstance(event, dict) and isinstance(event.get("records"), dict):
        return [r for batch in event["records"].values() for r in batch]
    return []


def data(record):
    try:
        if "body" in record:
            return json.loads(record["body"])
        if "kinesis" in record:
            return json.loads(base64.b64decode(record["kinesis"]["data"]))
        if "dynamodb" in record:
            return record["dynamodb"].get("NewImage")
        if "value" in record:
            return json.loads(base64.b64decode(record["value"]))
    except ValueError:
        return record.get("body")
    return record


def item_id(record):
    if "messageId" in record:
        return record["messageId"]
    if "kinesis" in record:
        return record["kinesis"]["sequenceNumber"]
    if "dynamodb" in record:
        return record["dynamodb"]["SequenceNumber"]
    return str(record.get("offset"))


def finish(outcome, event, context):
    kind = (outcome or {}).get("type", "ok")
    if kind == "error":
        error = type(outcome.get("errorType") or "Error", (Exception,), {})
        raise error(outcome.get("errorMessage") or "Something went wrong")
    if kind == "timeout":
        time.sleep(context.get_remaining_time_in_millis() / 1000 + 1)
    if kind == "throttle":
        raise RuntimeError("a throttle cannot be reproduced by function code")
    if isinstance(event, dict) and "window" in event:
        return {"state": event.get("state") or {}}
    return BEHAVIOR.get("response")


def handler(event, context):
    batch = records(event)
    key = item_id(batch[0]) if batch else context.aws_request_id
    attempt = ATTEMPTS[key] = ATTEMPTS.get(key, 0) + 1
    time.sleep(min(BEHAVIOR.get("durationMs", 120) / 1000, 60))
    attempts = BEHAVIOR.get("attempts") or []
    if attempt <= len(attempts):
        return finish(attempts[attempt - 1], event, context)
    for rule in BEHAVIOR.get("when") or []:
        values = [field(event, rule["field"])] + [field(data(r), rule["field"]) for r in batch]
        if rule.get("equals") in values:
            return finish(rule["outcome"], event, context)
    if random.random() < BEHAVIOR.get("errorRate", 0):
        return finish({"type": "error"}, event, context)
    match = BEHAVIOR.get("failRecords")
    failed = [item_id(r) for r in batch if match and field(data(r), match["field"]) == match["equals"]]
    if failed and BEHAVIOR.get("reportBatchItemFailures"):
        return {"batchItemFailures": [{"itemIdentifier": i} for i in failed]}
    if failed:
        raise ValueError("%d records failed" % len(failed))
    return finish(BEHAVIOR.get("outcome"), event, context)
"#;

/// One exported file: its suggested name and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// e.g. `template.yaml`.
    pub name: &'static str,
    /// A short label for the UI, e.g. `CloudFormation (YAML)`.
    pub label: &'static str,
    /// The file's content.
    pub text: String,
}

/// Every export of the scenario, in the order a download menu would list them.
pub fn all(scenario: &Scenario, topology: &Topology) -> Vec<ExportFile> {
    vec![
        ExportFile {
            name: "template.yaml",
            label: "CloudFormation (YAML)",
            text: cloudformation_yaml(scenario, topology),
        },
        ExportFile {
            name: "template.json",
            label: "CloudFormation (JSON)",
            text: cloudformation_json(scenario, topology),
        },
        ExportFile {
            name: "sam-template.yaml",
            label: "AWS SAM",
            text: sam_yaml(scenario, topology),
        },
        ExportFile {
            name: "main.tf",
            label: "Terraform",
            text: terraform_hcl(scenario, topology),
        },
        ExportFile {
            name: "deploy.sh",
            label: "AWS CLI script",
            text: awscli_script(scenario, topology),
        },
    ]
}

/// The scenario as a CloudFormation template in YAML.
pub fn cloudformation_yaml(scenario: &Scenario, topology: &Topology) -> String {
    let plan = Plan::new(scenario, topology);
    let template = cloudformation::template(&plan);
    yaml::document(&template, &plan.header())
}

/// The scenario as a CloudFormation template in JSON.
pub fn cloudformation_json(scenario: &Scenario, topology: &Topology) -> String {
    let plan = Plan::new(scenario, topology);
    let template = cloudformation::template(&plan);
    let mut text = serde_json::to_string_pretty(&template)
        .unwrap_or_else(|e| format!("{{\"error\":{}}}", serde_json::Value::from(e.to_string())));
    text.push('\n');
    text
}

/// The scenario as an AWS SAM template (YAML).
pub fn sam_yaml(scenario: &Scenario, topology: &Topology) -> String {
    let plan = Plan::new(scenario, topology);
    let template = sam::template(&plan);
    yaml::document(&template, &plan.header())
}

/// The scenario as a Terraform configuration for the `hashicorp/aws` provider.
pub fn terraform_hcl(scenario: &Scenario, topology: &Topology) -> String {
    terraform::configuration(&Plan::new(scenario, topology))
}

#[cfg(test)]
mod tests;
