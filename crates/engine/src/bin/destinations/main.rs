//! `destinations`: the headless runner for workshop authors.
//!
//! ```text
//! destinations validate FILE
//! destinations run FILE [--seed N] [--until MS] [--format jsonl|text] [--lang en|ko]
//! destinations lesson check FILE... [--gallery DIR]
//! destinations lesson explain FILE [--lang en|ko] [--gallery DIR]
//! ```
//! Exit codes: 0 ok, 1 validation errors (printed in the AWS CLI form) or lesson problems, 2
//! unreadable input.

mod lesson;

use engine::lang::Lang;
use engine::narrate;
use engine::trace::What;
use engine::{simulate, RunOptions, Severity};
use serde_json::{json, Value};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  destinations validate FILE
  destinations run FILE [--seed N] [--until MS] [--format jsonl|text] [--lang en|ko]
";

const EXIT_CODES: &str =
    "exit codes: 0 ok, 1 validation errors or lesson problems, 2 unreadable input or bad arguments";

struct Args {
    command: String,
    file: String,
    seed: Option<u64>,
    until: Option<u64>,
    jsonl: bool,
    lang: Lang,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = args.next().ok_or("missing command")?;
    if command != "validate" && command != "run" {
        return Err(format!("unknown command `{command}`"));
    }
    let file = args.next().ok_or("missing FILE")?;
    let mut parsed = Args {
        command,
        file,
        seed: None,
        until: None,
        jsonl: true,
        lang: Lang::En,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--seed" => {
                parsed.seed = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--seed takes a whole number")?,
                )
            }
            "--until" => {
                parsed.until = Some(value()?.parse().map_err(|_| "--until takes milliseconds")?)
            }
            "--format" => {
                parsed.jsonl = match value()?.as_str() {
                    "jsonl" => true,
                    "text" => false,
                    other => return Err(format!("unknown format `{other}`; use jsonl or text")),
                }
            }
            "--lang" => parsed.lang = Lang::from_tag(&value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let usage = format!("{USAGE}{}\n\n{EXIT_CODES}", lesson::USAGE);
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.first().map(String::as_str) == Some("lesson") {
        return lesson::main(&all[1..]).unwrap_or_else(|message| {
            eprintln!("destinations: {message}\n{usage}");
            ExitCode::from(2)
        });
    }
    let args = match parse_args(all.into_iter()) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("destinations: {message}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("destinations: cannot read {}: {e}", args.file);
            return ExitCode::from(2);
        }
    };
    let (scenario, _topology, findings) = match engine::load(&text) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{}: {e}", args.file);
            return ExitCode::from(2);
        }
    };
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    for finding in &findings {
        eprintln!("{finding}");
    }
    if errors > 0 {
        eprintln!("{}: {errors} validation error(s)", args.file);
        return ExitCode::from(1);
    }
    if args.command == "validate" {
        eprintln!("{}: valid ({} warning(s))", args.file, findings.len());
        return ExitCode::SUCCESS;
    }
    let run = simulate(
        &scenario,
        &RunOptions {
            seed: args.seed,
            until: args.until,
            max_events: None,
        },
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if args.jsonl {
        write_jsonl(&mut out, &run, args.lang)
    } else {
        out.write_all(narrate::text_log(&run, args.lang).as_bytes())
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("destinations: {e}");
            ExitCode::from(2)
        }
    }
}

fn write_jsonl(out: &mut impl Write, run: &engine::Run, lang: Lang) -> std::io::Result<()> {
    for (i, event) in run.trace.events.iter().enumerate() {
        let resource = &run.topology.get(event.resource).arn;
        let mut line = json!({
            "step": i,
            "at": event.at,
            "resource": resource,
            "parent": event.parent,
            "requestId": event.request.map(|r| run.trace.requests[r as usize].id.clone()),
            "rule": event.rule.id(),
            "section": event.rule.section(),
            "kind": event.what.kind(),
            "what": event.what,
            "text": narrate::sentence(run, i, lang),
        });
        if let (
            What::Delivered {
                target,
                body,
                attributes,
                ..
            },
            Some(map),
        ) = (&event.what, line.as_object_mut())
        {
            map.insert(
                "target".into(),
                Value::from(run.topology.get(*target).arn.clone()),
            );
            map.insert("body".into(), Value::from(run.trace.body(*body)));
            if let Some(a) = attributes {
                map.insert(
                    "attributes".into(),
                    serde_json::from_str(run.trace.body(*a)).unwrap_or(Value::Null),
                );
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
