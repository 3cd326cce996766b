//! The tools worker: exports (CloudFormation, SAM, Terraform, the AWS CLI script) and imports
//! (AWS CLI commands, CloudFormation and SAM templates). Their readers and writers are large, and
//! a learner needs them only now and then, so they live in this second module, which the
//! playground loads in a web worker the first time one is asked for. The first load stays small,
//! and a 1 MB paste is read without freezing the page.
//!
//! Messages are JSON text both ways, and scenarios travel as their own JSON text:
//! `{"id", "op": "export", "scenario"}` answers `{"id", "files": [{"name", "text"}]}`;
//! `{"id", "op": "import", "text", "lang"}` answers `{"id", "scenario", "notes"}` or
//! `{"id", "error"}`; `{"id", "op": "cli", "scenario", "arn"}` answers `{"id", "commands"}`, the
//! AWS CLI commands the inspector shows for that resource. The worker says `{"ready": true}`
//! once it listens.

use serde_json::{json, Value};

/// Answers one request.
fn answer(request: &Value) -> Value {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let lang = match request.get("lang").and_then(Value::as_str) {
        Some("ko") => engine::lang::Lang::Ko,
        _ => engine::lang::Lang::En,
    };
    match request.get("op").and_then(Value::as_str) {
        Some("export") => {
            let scenario = request
                .get("scenario")
                .and_then(Value::as_str)
                .map(engine::Scenario::from_json);
            match scenario {
                Some(Ok(scenario)) => {
                    let topology = engine::Topology::build(&scenario);
                    let files: Vec<Value> = engine::export::all(&scenario, &topology)
                        .into_iter()
                        .map(|f| json!({ "name": f.name, "text": f.text }))
                        .collect();
                    json!({ "id": id, "files": files })
                }
                Some(Err(e)) => json!({ "id": id, "error": e.to_string() }),
                None => json!({ "id": id, "error": "no scenario" }),
            }
        }
        Some("import") => {
            let text = request.get("text").and_then(Value::as_str).unwrap_or("");
            match engine::import::from_text(text) {
                Ok(imported) => {
                    let notes: Vec<String> = imported
                        .not_understood
                        .iter()
                        .map(|n| n.message(lang))
                        .collect();
                    json!({ "id": id, "scenario": imported.scenario.to_json_pretty(), "notes": notes })
                }
                Err(e) => json!({ "id": id, "error": e.message(lang) }),
            }
        }
        Some("cli") => {
            let scenario = request
                .get("scenario")
                .and_then(Value::as_str)
                .map(engine::Scenario::from_json);
            let arn = request.get("arn").and_then(Value::as_str).unwrap_or("");
            match scenario {
                Some(Ok(scenario)) => {
                    let topology = engine::Topology::build(&scenario);
                    let commands = topology
                        .by_arn(arn)
                        .map(|resource| {
                            engine::awscli::commands_for(&scenario, &topology, resource)
                        })
                        .unwrap_or_default();
                    json!({ "id": id, "commands": commands })
                }
                Some(Err(e)) => json!({ "id": id, "error": e.to_string() }),
                None => json!({ "id": id, "error": "no scenario" }),
            }
        }
        _ => json!({ "id": id, "error": "unknown request" }),
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let request: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let reply = answer(&request).to_string();
            let _ = reply_to.post_message(&wasm_bindgen::JsValue::from_str(&reply));
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before this point were not heard: the page waits for this one first.
    let _ = scope.post_message(&wasm_bindgen::JsValue::from_str(r#"{"ready":true}"#));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // Natively, read one request per line on stdin: handy to try the worker from a shell.
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let request: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        println!("{}", answer(&request));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_request_answers_every_file() {
        let scenario = include_str!("../../static/gallery/image-processing.json");
        let reply = answer(&json!({ "id": 7, "op": "export", "scenario": scenario }));
        assert_eq!(reply["id"], 7);
        let names: Vec<&str> = reply["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        assert_eq!(
            names,
            [
                "template.yaml",
                "template.json",
                "sam-template.yaml",
                "main.tf",
                "deploy.sh"
            ]
        );
    }

    #[test]
    fn a_cli_request_answers_the_commands_of_the_resource_named() {
        let scenario = include_str!("../../static/gallery/image-processing.json");
        let arn = "arn:aws:lambda:us-east-2:123456789012:function:resize-image";
        let reply = answer(&json!({ "id": 3, "op": "cli", "scenario": scenario, "arn": arn }));
        assert_eq!(reply["id"], 3);
        let commands = reply["commands"].as_array().expect("commands");
        assert!(
            commands.iter().any(|c| c
                .as_str()
                .is_some_and(|c| c.starts_with("aws lambda put-function-event-invoke-config"))),
            "{reply}"
        );
        let reply = answer(&json!({ "id": 4, "op": "cli", "scenario": scenario, "arn": "nope" }));
        assert_eq!(reply["commands"], json!([]));
    }

    #[test]
    fn an_import_request_answers_a_scenario_or_an_error_in_the_language_asked() {
        let reply = answer(
            &json!({ "id": 1, "op": "import", "text": "aws lambda invoke --function-name f out.json", "lang": "en" }),
        );
        let scenario = reply["scenario"].as_str().expect("scenario text");
        assert!(engine::Scenario::from_json(scenario).is_ok(), "{reply}");
        let reply = answer(&json!({ "id": 2, "op": "import", "text": "", "lang": "ko" }));
        assert!(
            reply["error"].as_str().is_some_and(|e| e.contains("붙여")),
            "{reply}"
        );
        assert_eq!(
            answer(&json!({ "op": "nonsense" }))["error"],
            "unknown request"
        );
    }
}
