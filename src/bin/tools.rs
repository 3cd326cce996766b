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
//! AWS CLI commands the inspector shows for that resource; the lesson requests are in
//! `tools/lessons.rs`. The worker says `{"ready": true}` once it listens.

use serde_json::{json, Value};

#[path = "tools/lessons.rs"]
mod lessons;

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
        Some(op) if op.starts_with("lesson") => {
            let mut reply = lessons::answer(op, request, lang);
            reply["id"] = id;
            reply
        }
        _ => json!({ "id": id, "error": "unknown request" }),
    }
}

/// A QR code of `text` as an SVG element (the room link).
fn qr_svg(text: &str) -> Result<String, String> {
    use qrcode::render::svg::Color;
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| e.to_string())?;
    let svg = code
        .render::<Color>()
        .min_dimensions(240, 240)
        .dark_color(Color("#000000"))
        .light_color(Color("#ffffff"))
        .build();
    // The SVG element alone, to go inline into the page.
    Ok(svg
        .find("<svg")
        .map_or(svg.as_str(), |at| &svg[at..])
        .to_string())
}

/// Fetches `url`, relative to the worker's script, and calls `done` with its text or why not.
#[cfg(target_arch = "wasm32")]
fn fetch_text(url: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    type Done = Rc<RefCell<Option<Box<dyn FnOnce(Result<String, String>)>>>>;
    let done: Done = Rc::new(RefCell::new(Some(done)));
    let finish = |done: &Done, result: Result<String, String>| {
        if let Some(done) = done.borrow_mut().take() {
            done(result);
        }
    };
    let failed = {
        let done = Rc::clone(&done);
        Rc::new(Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            finish(&done, Err("the network failed".to_string()));
        }))
    };
    let got_text = {
        let done = Rc::clone(&done);
        Rc::new(Closure::<dyn FnMut(JsValue)>::new(move |text: JsValue| {
            let text = text.as_string().ok_or_else(|| "not text".to_string());
            finish(&done, text);
        }))
    };
    let got_response = {
        let (done, failed, got_text) = (Rc::clone(&done), Rc::clone(&failed), Rc::clone(&got_text));
        Closure::<dyn FnMut(JsValue)>::new(move |response: JsValue| {
            let response: web_sys::Response = response.unchecked_into();
            match response.text() {
                Ok(text) if response.ok() => {
                    let _ = text.then2(&got_text, &failed);
                }
                _ => finish(&done, Err(format!("HTTP {}", response.status()))),
            }
        })
    };
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.fetch_with_str(url).then2(&got_response, &failed);
    // Each closure is called at most once; they are few, one set per file.
    got_response.forget();
    std::mem::forget(got_text);
    std::mem::forget(failed);
}

#[cfg(target_arch = "wasm32")]
#[path = "../lesson/notes_channel.rs"]
mod notes_channel;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The channel to speaker notes windows (opened with the first notes) and what it last said.
    static NOTES: std::cell::RefCell<Option<(web_sys::BroadcastChannel, String)>> = const { std::cell::RefCell::new(None) };
}

/// Tells speaker notes windows the notes of the step shown (`{"lang", "notes"}`), and tells
/// again each window that says hello later.
#[cfg(target_arch = "wasm32")]
fn tell_notes_windows(message: Value) {
    let message = message.to_string();
    NOTES.with(|notes| {
        let mut notes = notes.borrow_mut();
        if notes.is_none() {
            let Some(opened) = notes_channel::channel(|text| {
                if text == notes_channel::HELLO {
                    NOTES.with(|n| {
                        if let Some((channel, last)) = n.borrow().as_ref() {
                            let _ = channel.post_message(&last.as_str().into());
                        }
                    });
                }
            }) else {
                return;
            };
            *notes = Some((opened, String::new()));
        }
        if let Some((channel, last)) = notes.as_mut() {
            if *last != message {
                let _ = channel.post_message(&message.as_str().into());
                *last = message;
            }
        }
    });
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
            let reply_to = reply_to.clone();
            let fetch: lessons::Fetch = std::rc::Rc::new(fetch_text);
            lessons::fetch_files(
                request,
                fetch,
                Box::new(move |request| {
                    let reply = answer(&request);
                    if let Some(notes) = reply["notes"].as_str() {
                        tell_notes_windows(json!({ "lang": request["lang"], "notes": notes }));
                    }
                    let reply = reply.to_string();
                    let _ = reply_to.post_message(&wasm_bindgen::JsValue::from_str(&reply));
                }),
            );
        });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages sent before this point were not heard: the page waits for this one first.
    let _ = scope.post_message(&wasm_bindgen::JsValue::from_str(r#"{"ready":true}"#));
}

/// Natively, the files the worker fetches are read from `static/`, as `dist/` serves them.
#[cfg(not(target_arch = "wasm32"))]
fn read_static(url: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("static")
        .join(url);
    done(std::fs::read_to_string(path).map_err(|e| e.to_string()));
}

/// Answers `request` once the files it names are read.
#[cfg(not(target_arch = "wasm32"))]
fn answer_with_files(request: Value) -> Value {
    let answered = std::rc::Rc::new(std::cell::RefCell::new(Value::Null));
    let into = std::rc::Rc::clone(&answered);
    let fetch: lessons::Fetch = std::rc::Rc::new(read_static);
    lessons::fetch_files(
        request,
        fetch,
        Box::new(move |request| *into.borrow_mut() = answer(&request)),
    );
    answered.take()
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // Natively, read one request per line on stdin: handy to try the worker from a shell.
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let request: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        println!("{}", answer_with_files(request));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
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

    const GALLERY: &str = include_str!("../../static/gallery/image-processing.json");

    /// The on-failure lesson (the worker reads its file and its gallery start), opened at step 2
    /// in Korean: the worker's answer.
    fn open_at_step_two() -> Value {
        answer_with_files(json!({
            "id": 1, "op": "lesson", "do": "open", "lesson": "on-failure-basics",
            "step": 1, "replace": true, "scenario": GALLERY, "lang": "ko",
        }))
    }

    fn lesson(request: Value) -> Value {
        let mut request = request;
        request["op"] = json!("lesson");
        answer(&request)
    }

    #[test]
    fn a_lesson_opened_at_a_step_starts_from_the_solutions_before_it_and_checks_in_the_language_asked(
    ) {
        let opened = open_at_step_two();
        let start = opened["replace"]
            .as_str()
            .expect("the diagram as step 2 begins");
        let panel = lesson(json!({ "do": "hint", "scenario": start, "lang": "ko" }));
        let html = panel["panel"].as_str().expect("the panel");
        assert!(
            html.contains("resize-image의 MaximumRetryAttempts 값이 0입니다"),
            "{html}"
        );
        assert!(
            html.contains(r#"data-action="hint""#),
            "a second hint is offered: {html}"
        );
        assert_eq!(
            panel["progress"]["value"]["passed"],
            json!(["make-it-fail"]),
            "step 1's solution is in place"
        );
        assert!(panel["notes"].as_str().is_some_and(|n| n.contains("2단계")));
    }

    #[test]
    fn show_solution_answers_the_diagram_solved_and_remembers_it_was_used() {
        let opened = open_at_step_two();
        let start = opened["replace"].as_str().expect("the step's diagram");
        let solved = lesson(json!({ "do": "apply", "scenario": start, "lang": "en" }));
        let diagram = solved["replace"].as_str().expect("the solution");
        assert_ne!(diagram, start);
        let progress = &solved["progress"]["value"];
        assert!(
            progress["solutionUsed"]
                .as_array()
                .is_some_and(|used| used.len() == 1),
            "{progress}"
        );
        let reset = lesson(json!({ "do": "reset-step", "scenario": diagram, "lang": "en" }));
        assert_eq!(reset["replace"].as_str(), Some(start));
    }

    #[test]
    fn a_gated_step_stays_closed_until_the_run_passes_the_one_before() {
        let opened = answer_with_files(json!({
            "op": "lesson", "do": "open", "lesson": "on-failure-basics", "step": 0,
            "replace": true, "scenario": GALLERY, "lang": "en",
        }));
        let start = opened["replace"].as_str().expect("the start");
        let tried = lesson(json!({ "do": "go", "value": "1", "scenario": start, "lang": "en" }));
        assert_eq!(tried["progress"]["value"]["step"], 0, "{tried}");
    }

    #[test]
    fn the_room_link_is_written_with_its_qr_code_and_escaped_address() {
        let opened = open_at_step_two();
        let start = opened["replace"].as_str().expect("the step's diagram");
        let reply = lesson(json!({
            "do": "room-link", "scenario": start, "lang": "en", "base": "http://h/",
        }));
        assert_eq!(reply["dialog"]["id"], "room-link-dialog");
        let html = reply["dialog"]["html"].as_str().expect("markup");
        assert!(html.contains("<svg"), "{html}");
        assert!(
            html.contains("?lesson=on-failure-basics&amp;step=2&amp;lang=en"),
            "{html}"
        );
    }

    #[test]
    fn a_recorded_lesson_is_saved_as_a_file_lesson_check_reads_or_a_reason_in_the_language_asked() {
        let gallery = include_str!("../../static/gallery/image-processing.json");
        let start = engine::Scenario::from_json(gallery).expect("the gallery scenario");
        let mut step = start.clone();
        if let Some(config) = step.functions[0].event_invoke_config.as_mut() {
            config.maximum_retry_attempts = Some(0);
        }
        let step = step.to_json_pretty();
        let form = json!({
            "id": "no-retries",
            "title-en": "No retries", "title-ko": "재시도 없음",
            "summary-en": "Turn retries off.", "summary-ko": "재시도를 끕니다.",
        });
        let save = |lang: &str| {
            lesson(json!({ "do": "record-save", "scenario": step, "lang": lang, "form": form }))
        };
        lesson(json!({ "do": "record", "scenario": gallery, "lang": "ko" }));
        let refused = save("ko");
        assert!(
            refused["panel"]
                .as_str()
                .is_some_and(|p| p.contains("단계를 하나 이상")),
            "{refused}"
        );
        let ended = lesson(json!({ "do": "record-step", "scenario": step, "lang": "en" }));
        assert!(
            ended["panel"]
                .as_str()
                .is_some_and(|p| p.contains("record-form")),
            "{ended}"
        );
        let saved = save("en");
        assert_eq!(saved["download"]["name"], "no-retries.json", "{saved}");
        let file = saved["download"]["text"].as_str().expect("a lesson file");
        let read = engine::lesson::Lesson::from_json(file).expect("the file reads");
        assert_eq!(read.id, "no-retries");
        assert!(
            saved["panel"]
                .as_str()
                .is_some_and(|p| p.contains("lesson check finds nothing to fix")),
            "{saved}"
        );
    }

    #[test]
    fn a_lesson_that_cannot_be_fetched_or_named_answers_why() {
        let missing = answer_with_files(json!({
            "op": "lesson", "do": "open", "lesson": "no-such-lesson", "scenario": GALLERY,
        }));
        assert!(
            missing["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{missing}"
        );
        let escaping = answer_with_files(json!({
            "op": "lesson", "do": "open", "lesson": "../index", "scenario": GALLERY,
        }));
        assert_eq!(escaping["error"], "`../index` is not a lesson id");
    }

    #[test]
    fn the_lesson_list_reads_every_lesson_of_the_index() {
        let index: Value =
            serde_json::from_str(include_str!("../../static/lessons/index.json")).expect("index");
        let listed = answer_with_files(json!({ "op": "lessonList", "lang": "en", "progress": {} }));
        let html = listed["html"].as_str().expect("the list");
        for entry in index.as_array().expect("entries") {
            let id = entry["id"].as_str().expect("an id");
            assert!(
                html.contains(&format!(r#"data-testid="lesson-{id}""#)),
                "{id}"
            );
        }
    }

    #[test]
    fn the_lesson_list_counts_only_progress_kept_for_the_lesson_as_it_is_now() {
        let lesson = include_str!("../../static/lessons/on-failure-basics.json");
        let index = r#"[{"id": "on-failure-basics", "title": {"en": "OnFailure", "ko": "OnFailure 실습"}, "minutes": 8}]"#;
        let hash = engine::lesson::content_hash(lesson);
        let list = |kept_hash: &str| {
            answer(&json!({
                "id": 3, "op": "lessonList", "index": index, "lang": "en",
                "files": { "on-failure-basics": lesson },
                "progress": { "on-failure-basics": { "hash": kept_hash, "passed": ["make-it-fail"] } },
            }))["html"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            list(&hash).contains("8 min · 1 of 3 steps done"),
            "{}",
            list(&hash)
        );
        assert!(!list("an-older-version").contains("steps done"));
    }
}
