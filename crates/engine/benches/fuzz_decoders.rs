//! Mutation fuzzing of every decoder that reads text from strangers: share links, AWS CLI
//! commands, CloudFormation templates in JSON and YAML, and scenario files.
//!
//! Valid seeds (the gallery, its CLI commands and templates made from it, share links) are
//! mutated (truncation, byte flips, splices between seeds, insertions of syntax that parsers
//! trip on, deletions, duplications) with a fixed-seed generator, so a run is repeatable. A
//! decoder passes when no case panics; each case's time is measured, so a near-hang shows up as
//! the slowest case.
//!
//! `cargo bench -p engine --bench fuzz_decoders` runs 1,000,000 cases per decoder (override with
//! `FUZZ_CASES`). Under `cargo test --benches` it runs 2,000 per decoder as a smoke test. A
//! panicking input is written to `target/fuzz-crash-<decoder>.txt`.

use engine::{awscli, import, share, Scenario, Topology};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that make parsers take unusual paths.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "\\",
    "\\\n",
    "\n",
    "\n  ",
    ":",
    ": ",
    ",",
    "- ",
    "!Ref ",
    "!GetAtt ",
    "!Sub ",
    "!Join ",
    "!If ",
    "${",
    "${AWS::Region}",
    "&a ",
    "*a",
    "? ",
    "|\n",
    ">-\n",
    "--",
    " --function-name ",
    "--destination-config=",
    "file://x",
    "fileb://",
    "$(",
    "$HOME",
    "`",
    "^\n",
    ";",
    "&&",
    "|",
    "#",
    "arn:aws:sqs:us-east-2:123456789012:",
    "arn:aws:lambda:",
    "99999999999999999999999999",
    "-1",
    "1e999",
    "0x1F",
    "null",
    "true",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "é",
    "한국어",
    "😀",
    "\t",
    "\r\n",
    "v1.",
    ".",
    "_",
    "-",
    "=",
    "Resources:",
    "Type: AWS::Lambda::Function\n",
    "{\"Ref\":",
    "{\"Fn::GetAtt\":[",
    "\"version\":1",
    "\"functions\":[{\"FunctionName\":\"f\"}]",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "!!str ",
    "<<: *a\n",
];

fn mutate(rng: &mut Rng, seed: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(7) {
            0 => data.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            3 => {
                let other = &seeds[rng.below(seeds.len())];
                let start = rng.below(other.len() + 1);
                let end = (start + rng.below(256)).min(other.len());
                let at = rng.below(len + 1);
                data.splice(at..at, other[start..end].iter().copied());
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                let times = if rng.below(20) == 0 {
                    1 + rng.below(200)
                } else {
                    1
                };
                for _ in 0..times {
                    data.splice(at..at, token.iter().copied());
                }
            }
            5 if len > 0 => {
                let start = rng.below(len);
                let end = (start + rng.below(64)).min(len);
                data.drain(start..end);
            }
            _ if len > 0 => {
                let start = rng.below(len);
                let end = (start + rng.below(128)).min(len);
                let chunk = data[start..end].to_vec();
                data.splice(end..end, chunk);
            }
            _ => {}
        }
    }
    data
}

/// Makes one case from a seed and the other seeds.
type Mutator = dyn Fn(&mut Rng, &[u8], &[Vec<u8>]) -> Vec<u8>;

struct Report {
    name: &'static str,
    cases: usize,
    ok: usize,
    /// The whole loop, making cases included.
    elapsed: Duration,
    /// Time inside the decoder only.
    decoding: Duration,
    slowest: Duration,
    /// Length in bytes of the slowest case.
    slowest_len: usize,
    /// The slowest case timed again (best of 5): tells a slow input from a preempted run.
    slowest_again: Duration,
}

fn run(
    name: &'static str,
    seeds: &[Vec<u8>],
    cases: usize,
    rng: &mut Rng,
    make: &Mutator,
    decode: &dyn Fn(&str) -> bool,
) -> Report {
    let mut ok = 0;
    let mut slowest = Duration::ZERO;
    let mut decoding = Duration::ZERO;
    let mut slowest_len = 0;
    let mut slowest_input = String::new();
    let start = Instant::now();
    for case in 0..cases {
        let seed = &seeds[case % seeds.len()];
        let bytes = if case < seeds.len() {
            seed.clone()
        } else {
            make(rng, seed, seeds)
        };
        let text = String::from_utf8_lossy(&bytes);
        let t = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(&text)));
        let took = t.elapsed();
        decoding += took;
        if took > slowest {
            slowest = took;
            slowest_len = text.len();
            slowest_input = text.to_string();
        }
        match result {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(_) => {
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/fuzz-crash-");
                let path = format!("{path}{name}.txt");
                let _ = std::fs::write(&path, text.as_bytes());
                eprintln!("{name}: case {case} panicked; input written to {path}");
                std::process::exit(1);
            }
        }
    }
    let elapsed = start.elapsed();
    let slowest_again = (0..5)
        .map(|_| {
            let t = Instant::now();
            decode(&slowest_input);
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    Report {
        name,
        cases,
        ok,
        elapsed,
        decoding,
        slowest,
        slowest_len,
        slowest_again,
    }
}

fn gallery() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/gallery");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name == "index.json" || !name.ends_with(".json") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((name, text));
        }
    }
    out.sort();
    out
}

/// A small CloudFormation template for a scenario: functions with their invoke configs,
/// queues, topics, streams, mappings, with `Ref`/`Fn::GetAtt` between them.
fn template(s: &Scenario) -> Value {
    let logical =
        |name: &str| -> String { name.chars().filter(|c| c.is_ascii_alphanumeric()).collect() };
    let reference = |arn: &str| -> Value {
        let name = arn.rsplit([':', '/']).next().unwrap_or(arn);
        json!({ "Fn::GetAtt": [logical(name), "Arn"] })
    };
    let mut resources = serde_json::Map::new();
    for q in &s.queues {
        let mut props =
            json!({ "QueueName": q.queue_name, "VisibilityTimeout": q.visibility_timeout });
        if let Some(r) = &q.redrive_policy {
            props["RedrivePolicy"] = json!({ "deadLetterTargetArn": reference(&r.dead_letter_target_arn), "maxReceiveCount": r.max_receive_count });
        }
        resources.insert(
            logical(&q.queue_name),
            json!({ "Type": "AWS::SQS::Queue", "Properties": props }),
        );
    }
    for t in &s.topics {
        resources.insert(
            logical(&t.topic_name),
            json!({ "Type": "AWS::SNS::Topic", "Properties": { "TopicName": t.topic_name } }),
        );
    }
    for k in &s.kinesis_streams {
        resources.insert(logical(&k.stream_name), json!({ "Type": "AWS::Kinesis::Stream", "Properties": { "Name": k.stream_name, "ShardCount": k.shard_count } }));
    }
    for f in &s.functions {
        resources.insert(
            logical(&f.function_name),
            json!({ "Type": "AWS::Lambda::Function", "Properties": {
                "FunctionName": f.function_name, "Timeout": f.timeout, "Runtime": "python3.13", "Handler": "app.handler",
                "Role": { "Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/x" }, "Code": { "ZipFile": "def handler(e, c):\n  return e\n" } } }),
        );
        if let Some(c) = &f.event_invoke_config {
            let mut props = json!({ "FunctionName": { "Ref": logical(&f.function_name) }, "Qualifier": "$LATEST" });
            if let Some(n) = c.maximum_retry_attempts {
                props["MaximumRetryAttempts"] = json!(n);
            }
            if let Some(d) = &c.destination_config {
                let mut config = serde_json::Map::new();
                if let Some(arn) = d.on_success_arn() {
                    config.insert("OnSuccess".into(), json!({ "Destination": reference(arn) }));
                }
                if let Some(arn) = d.on_failure_arn() {
                    config.insert("OnFailure".into(), json!({ "Destination": reference(arn) }));
                }
                props["DestinationConfig"] = Value::Object(config);
            }
            resources.insert(
                format!("{}InvokeConfig", logical(&f.function_name)),
                json!({ "Type": "AWS::Lambda::EventInvokeConfig", "Properties": props }),
            );
        }
    }
    for (i, m) in s.event_source_mappings.iter().enumerate() {
        let mut props = json!({ "FunctionName": { "Ref": logical(&m.function_name) } });
        if let Some(arn) = &m.event_source_arn {
            props["EventSourceArn"] = reference(arn);
        }
        if let Some(n) = m.batch_size {
            props["BatchSize"] = json!(n);
        }
        if let Some(p) = &m.starting_position {
            props["StartingPosition"] = json!(p);
        }
        if let Some(arn) = m
            .destination_config
            .as_ref()
            .and_then(|d| d.on_failure_arn())
        {
            props["DestinationConfig"] = json!({ "OnFailure": { "Destination": reference(arn) } });
        }
        resources.insert(
            format!("Mapping{i}"),
            json!({ "Type": "AWS::Lambda::EventSourceMapping", "Properties": props }),
        );
    }
    json!({ "AWSTemplateFormatVersion": "2010-09-09", "Resources": resources })
}

/// Block YAML with CloudFormation's short forms for `Ref` and `Fn::GetAtt`.
fn yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push_str(&format!("{pad}{k}:"));
                match v {
                    Value::Object(inner) if inner.len() == 1 && inner.contains_key("Ref") => {
                        out.push_str(&format!(" !Ref {}\n", inner["Ref"].as_str().unwrap_or("")));
                    }
                    Value::Object(inner)
                        if inner.len() == 1 && inner.contains_key("Fn::GetAtt") =>
                    {
                        let parts: Vec<&str> = inner["Fn::GetAtt"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .collect();
                        out.push_str(&format!(" !GetAtt {}\n", parts.join(".")));
                    }
                    Value::Object(inner) if inner.len() == 1 && inner.contains_key("Fn::Sub") => {
                        out.push_str(&format!(
                            " !Sub '{}'\n",
                            inner["Fn::Sub"].as_str().unwrap_or("")
                        ));
                    }
                    Value::Object(_) | Value::Array(_) => {
                        out.push('\n');
                        yaml(v, indent + 2, out);
                    }
                    Value::String(s) if s.contains('\n') => {
                        out.push_str(" |\n");
                        for line in s.lines() {
                            out.push_str(&format!("{pad}  {line}\n"));
                        }
                    }
                    other => out.push_str(&format!(" {other}\n")),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&format!("{pad}-\n"));
                yaml(item, indent + 2, out);
            }
        }
        other => out.push_str(&format!("{pad}{other}\n")),
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let cases: usize = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 1_000_000 } else { 2_000 });
    let gallery = gallery();
    let scenarios: Vec<Scenario> = gallery
        .iter()
        .filter_map(|(_, text)| Scenario::from_json(text).ok())
        .collect();
    assert!(!scenarios.is_empty(), "the gallery is missing");

    let scenario_seeds: Vec<Vec<u8>> = gallery
        .iter()
        .map(|(_, t)| t.clone().into_bytes())
        .collect();
    let link_seeds: Vec<Vec<u8>> = scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| share::encode(s, (i % 2 == 0).then_some(i as u64 * 7)).into_bytes())
        .collect();
    let json_seeds: Vec<Vec<u8>> = scenarios
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default().into_bytes())
        .collect();
    let mut cli_seeds: Vec<Vec<u8>> = scenarios
        .iter()
        .map(|s| {
            let commands: Vec<String> = awscli::commands(s, &Topology::build(s))
                .into_iter()
                .map(|c| c.text)
                .collect();
            commands.join("\n\n").into_bytes()
        })
        .collect();
    cli_seeds.push(
        br#"aws lambda put-function-event-invoke-config \
    --function-name my-function \
    --destination-config '{"OnSuccess":{"Destination": "arn:aws:sqs:us-east-2:123456789012:destination"},"OnFailure":{"Destination": "arn:aws:sns:us-east-2:123456789012:destination"}}'
aws lambda create-event-source-mapping --function-name=my-function --event-source-arn "arn:aws:sqs:us-east-2:123456789012:source-queue" \
    --destination-config OnFailure={Destination=arn:aws:sqs:us-east-2:123456789012:destination-queue} --batch-size $SIZE # comment
"#
        .to_vec(),
    );
    let templates: Vec<Value> = scenarios.iter().map(template).collect();
    let cfn_json_seeds: Vec<Vec<u8>> = templates
        .iter()
        .map(|t| {
            serde_json::to_string_pretty(t)
                .unwrap_or_default()
                .into_bytes()
        })
        .collect();
    let cfn_yaml_seeds: Vec<Vec<u8>> = templates
        .iter()
        .map(|t| {
            let mut out = String::new();
            yaml(t, 0, &mut out);
            out.into_bytes()
        })
        .collect();
    // The seeds themselves must import, or the fuzzing would only test error paths.
    for seeds in [&cli_seeds, &cfn_json_seeds, &cfn_yaml_seeds] {
        for seed in seeds.iter() {
            let text = String::from_utf8_lossy(seed);
            if let Err(e) = import::from_text(&text) {
                panic!("seed does not import: {e}\n{text}");
            }
        }
    }

    let plain = |rng: &mut Rng, seed: &[u8], seeds: &[Vec<u8>]| mutate(rng, seed, seeds);
    // Share links: a third mutated as link text, a third as the JSON inside (re-compressed, so
    // the scenario reader is reached), a third as the compressed bytes.
    let json_for_links = json_seeds.clone();
    let link = move |rng: &mut Rng, seed: &[u8], seeds: &[Vec<u8>]| -> Vec<u8> {
        match rng.below(3) {
            0 => mutate(rng, seed, seeds),
            1 => {
                let json = &json_for_links[rng.below(json_for_links.len())];
                let mutated = mutate(rng, json, &json_for_links);
                let compressed = miniz_oxide::deflate::compress_to_vec(&mutated, 6);
                format!("v1.{}", share::base64url_encode(&compressed)).into_bytes()
            }
            _ => {
                let json = &json_for_links[rng.below(json_for_links.len())];
                let compressed = miniz_oxide::deflate::compress_to_vec(json, 6);
                let mutated = mutate(rng, &compressed, std::slice::from_ref(&compressed));
                format!("v1.{}", share::base64url_encode(&mutated)).into_bytes()
            }
        }
    };

    let svg_seeds: Vec<Vec<u8>> = scenarios
        .iter()
        .map(|s| {
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><g class=\"node\"/>{}</svg>",
                engine::picture::metadata(s)
            )
            .into_bytes()
        })
        .collect();

    let mut rng = Rng(0x5EED_F00D);
    let reports = [
        run("share_decode", &link_seeds, cases, &mut rng, &link, &|t| {
            share::decode(t).is_ok()
        }),
        run("import_cli", &cli_seeds, cases, &mut rng, &plain, &|t| {
            import::from_text(t).is_ok()
        }),
        run(
            "import_cfn_json",
            &cfn_json_seeds,
            cases,
            &mut rng,
            &plain,
            &|t| import::from_text(t).is_ok(),
        ),
        run(
            "import_cfn_yaml",
            &cfn_yaml_seeds,
            cases,
            &mut rng,
            &plain,
            &|t| import::from_text(t).is_ok(),
        ),
        run(
            "scenario_from_json",
            &scenario_seeds,
            cases,
            &mut rng,
            &plain,
            &|t| Scenario::from_json(t).is_ok(),
        ),
        run("picture_svg", &svg_seeds, cases, &mut rng, &plain, &|t| {
            engine::picture::scenario_from_svg(t).is_ok()
        }),
    ];
    println!(
        "{:<20} {:>10} {:>9} {:>9} {:>11} {:>10} {:>11} {:>13}",
        "decoder",
        "cases",
        "accepted",
        "loop s",
        "decoding s",
        "µs/decode",
        "slowest µs",
        "slowest bytes"
    );
    for r in &reports {
        println!(
            "{:<20} {:>10} {:>9} {:>9.2} {:>11.2} {:>10.2} {:>11} {:>13} {:>14}",
            r.name,
            r.cases,
            r.ok,
            r.elapsed.as_secs_f64(),
            r.decoding.as_secs_f64(),
            r.decoding.as_secs_f64() * 1e6 / r.cases as f64,
            r.slowest.as_micros(),
            r.slowest_len,
            r.slowest_again.as_micros()
        );
    }
    println!("no decoder panicked");
}
