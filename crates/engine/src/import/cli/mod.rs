//! AWS CLI commands → scenario: the inverse of [`crate::awscli`].
//!
//! The text is split into words as a POSIX shell would (`\` line continuations, single and
//! double quotes, `;`, `&&`, `||`, `|` and new lines between commands, `#` comments), without
//! expanding anything: `$VAR` and `$(...)` are listed as not understood. Options take the
//! `--flag value`, `--flag=value` and `--flag v1 v2` (lists) forms; structured values are JSON or
//! the CLI's shorthand (`OnFailure={Destination=arn:...}`), and `file://` values are listed.
//!
//! The importer is split by what each part reads:
//!
//! - this module: the entry point, and each command's dispatch to its service and operation;
//! - `words.rs`: splitting shell text into commands and words;
//! - `args.rs`: a command's options, taken one by one, and their values;
//! - `lambda.rs`: functions, their invoke configurations and event source mappings;
//! - `resources.rs`: queue attributes, SNS subscriptions, S3 notifications, EventBridge rules;
//! - `inputs.rs`: invocations, sent messages and published notifications, as inputs;
//! - `shorthand.rs`: JSON or the CLI's shorthand syntax for structured values.

mod args;
mod inputs;
mod lambda;
mod resources;
mod shorthand;
mod words;

pub use shorthand::parse_structure;
pub use words::{split, Command, Split, Word};

use super::{queue_name_from_url, shorten, Builder, Format, ImportError, Imported, Reason, Res};
use crate::scenario::RecursiveLoop;
use args::{function_arg, required, truthy, Args, Opt};
use inputs::{invoke, publish, send_message};
use lambda::{function_config, invoke_config, mapping};
use resources::{notifications, put_rule, put_targets, queue_attributes, subscribe};

/// Most commands read from one text.
pub const MAX_COMMANDS: usize = 5000;
/// Most words in one command.
pub const MAX_WORDS: usize = 2000;

/// Global options of the AWS CLI that take a value.
const GLOBAL_WITH_VALUE: &[&str] = &[
    "--region",
    "--profile",
    "--output",
    "--endpoint-url",
    "--cli-binary-format",
    "--query",
    "--color",
    "--ca-bundle",
    "--cli-read-timeout",
    "--cli-connect-timeout",
];
/// Global switches.
const GLOBAL_SWITCHES: &[&str] = &[
    "--debug",
    "--no-cli-pager",
    "--no-verify-ssl",
    "--no-paginate",
    "--no-sign-request",
    "--cli-auto-prompt",
    "--no-cli-auto-prompt",
];

/// Reads AWS CLI commands.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let mut b = Builder::new(text);
    let split = split(text);
    if split.commands.is_empty() {
        return Err(ImportError::Empty);
    }
    for command in &split.commands {
        if command.dropped_words > 0 {
            b.note(
                command.line,
                format!("command {}", command.number),
                Reason::TooMany {
                    more: command.dropped_words,
                },
            );
        }
        run(&mut b, command);
    }
    if split.dropped_commands > 0 {
        let line = split.commands.last().map_or(0, |c| c.line);
        b.note(
            line,
            format!("after command {MAX_COMMANDS}"),
            Reason::TooMany {
                more: split.dropped_commands,
            },
        );
    }
    b.finish(Format::Cli)
}

fn is_program(word: &str) -> bool {
    let base = word.rsplit(['/', '\\']).next().unwrap_or(word);
    base == "aws" || base.eq_ignore_ascii_case("aws.exe")
}

fn run(b: &mut Builder, command: &Command) {
    let mut words = command.words.iter().peekable();
    // A shell prompt, then `VAR=value` assignments.
    if words.peek().is_some_and(|w| w.text == "$" || w.text == ">") {
        words.next();
    }
    while let Some(w) = words.peek() {
        let Some((name, value)) = w.text.split_once('=') else {
            break;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            break;
        }
        let place = format!("command {} {name}", command.number);
        if matches!(name, "AWS_REGION" | "AWS_DEFAULT_REGION") {
            b.region_hint(value);
        } else {
            b.note(w.line, place, Reason::NotModelled);
        }
        words.next();
    }
    let Some(program) = words.next() else {
        return;
    };
    let mut label = format!("command {} ({}", command.number, shorten(&program.text));
    if !is_program(&program.text) {
        label.push(')');
        let reason = if program.text == "export" || program.text == "set" {
            Reason::NotModelled
        } else {
            Reason::NotAwsCommand
        };
        b.note(program.line, label, reason);
        return;
    }
    // Global options before the service, then the service and the operation.
    let mut rest: Vec<Word> = Vec::new();
    let mut service: Option<&Word> = None;
    let mut operation: Option<&Word> = None;
    let mut globals: Vec<Opt> = Vec::new();
    while let Some(w) = words.next() {
        if service.is_some() && operation.is_some() {
            rest.push(w.clone());
            continue;
        }
        if w.text.starts_with("--") {
            let (flag, inline) = match w.text.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (w.text.clone(), None),
            };
            let mut values = Vec::new();
            if let Some(v) = inline {
                values.push(Word {
                    text: v,
                    line: w.line,
                    expands: w.expands,
                });
            } else if GLOBAL_WITH_VALUE.contains(&flag.as_str()) {
                if let Some(v) = words.next() {
                    values.push(v.clone());
                }
            }
            globals.push(Opt {
                flag,
                values,
                line: w.line,
                used: false,
            });
        } else if service.is_none() {
            service = Some(w);
        } else {
            operation = Some(w);
        }
    }
    let (Some(service), Some(operation)) = (service, operation) else {
        label.push(')');
        b.note(
            program.line,
            label,
            Reason::Missing {
                name: "a service and an operation",
            },
        );
        return;
    };
    label.push_str(&format!(" {} {})", service.text, operation.text));
    let mut opts = globals;
    let mut i = 0;
    while i < rest.len() {
        let w = &rest[i];
        i += 1;
        if !w.text.starts_with("--") {
            // A positional argument (the out-file of `aws lambda invoke`).
            opts.push(Opt {
                flag: w.text.clone(),
                values: Vec::new(),
                line: w.line,
                used: false,
            });
            continue;
        }
        let (flag, inline) = match w.text.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (w.text.clone(), None),
        };
        let mut values = Vec::new();
        if let Some(v) = inline {
            values.push(Word {
                text: v,
                line: w.line,
                expands: w.expands,
            });
        } else if !GLOBAL_SWITCHES.contains(&flag.as_str()) {
            while i < rest.len() && !rest[i].text.starts_with("--") {
                values.push(rest[i].clone());
                i += 1;
                if GLOBAL_WITH_VALUE.contains(&flag.as_str()) {
                    break;
                }
            }
        }
        opts.push(Opt {
            flag,
            values,
            line: w.line,
            used: false,
        });
    }
    let mut args = Args { label, opts };
    if let Some((region, _)) = args.value(b, "--region") {
        b.region_hint(&region);
    }
    let mut globals_used: Vec<&str> = GLOBAL_WITH_VALUE.to_vec();
    globals_used.extend(GLOBAL_SWITCHES);
    args.not_modelled(b, &globals_used);
    let line = command.line;
    match (service.text.as_str(), operation.text.as_str()) {
        ("lambda", "create-function" | "update-function-configuration") => {
            function_config(b, &mut args, line)
        }
        ("lambda", "put-function-event-invoke-config" | "update-function-event-invoke-config") => {
            invoke_config(b, &mut args, line, operation.text.starts_with("put"))
        }
        ("lambda", "create-event-source-mapping") => mapping(b, &mut args, line),
        ("lambda", "put-function-concurrency") => {
            if let Some(f) = function_arg(b, &mut args, line) {
                let n = args.int(b, "--reserved-concurrent-executions");
                b.scenario.functions[f].reserved_concurrent_executions = n;
            }
        }
        ("lambda", "put-function-recursion-config") => {
            if let Some(f) = function_arg(b, &mut args, line) {
                if let Some((value, line)) = args.value(b, "--recursive-loop") {
                    match value.as_str() {
                        "Allow" => b.scenario.functions[f].recursive_loop = RecursiveLoop::Allow,
                        "Terminate" => {
                            b.scenario.functions[f].recursive_loop = RecursiveLoop::Terminate
                        }
                        _ => b.note(
                            line,
                            args.place("--recursive-loop"),
                            Reason::BadValue {
                                value: shorten(&value),
                                expected: "Allow or Terminate",
                            },
                        ),
                    }
                }
            }
        }
        ("lambda", "invoke") => invoke(b, &mut args, line),
        ("sqs", "create-queue") => {
            if let Some((name, _)) = required(b, &mut args, "--queue-name", line) {
                let q = b.ensure(Res::Queue, &name);
                queue_attributes(b, &mut args, q);
            }
            args.not_modelled(b, &["--tags"]);
        }
        ("sqs", "set-queue-attributes") => {
            if let Some((url, line)) = required(b, &mut args, "--queue-url", line) {
                match queue_name_from_url(&url)
                    .or_else(|| (!url.contains('/') && !url.contains(':')).then_some(url.as_str()))
                {
                    Some(name) => {
                        let q = b.ensure(Res::Queue, name);
                        queue_attributes(b, &mut args, q);
                    }
                    None => b.note(
                        line,
                        args.place("--queue-url"),
                        Reason::BadValue {
                            value: shorten(&url),
                            expected: "a queue URL",
                        },
                    ),
                }
            }
        }
        ("sqs", "send-message") => send_message(b, &mut args, line),
        ("sns", "create-topic") => {
            if let Some((name, _)) = required(b, &mut args, "--name", line) {
                b.ensure(Res::Topic, &name);
                if let Some((attributes, line)) = args.structure(b, "--attributes") {
                    for (key, value) in attributes.as_object().into_iter().flatten() {
                        let place = format!("{} {key}", args.place("--attributes"));
                        match key.as_str() {
                            "FifoTopic" => {
                                let t = b.ensure(Res::Topic, &name);
                                b.scenario.topics[t].fifo_topic = truthy(value);
                            }
                            _ => b.note(line, place, Reason::NotModelled),
                        }
                    }
                }
            }
            args.not_modelled(b, &["--tags", "--data-protection-policy"]);
        }
        ("sns", "subscribe") => subscribe(b, &mut args, line),
        ("sns", "publish") => publish(b, &mut args, line),
        ("kinesis", "create-stream") => {
            if let Some((name, _)) = required(b, &mut args, "--stream-name", line) {
                let s = b.ensure(Res::Stream, &name);
                if let Some(n) = args.int(b, "--shard-count") {
                    b.scenario.kinesis_streams[s].shard_count = n;
                }
            }
            args.not_modelled(b, &["--stream-mode-details", "--tags"]);
        }
        ("dynamodb", "create-table" | "update-table") => {
            if let Some((name, _)) = required(b, &mut args, "--table-name", line) {
                b.ensure(Res::Table, &name);
                if let Some((spec, line)) = args.structure(b, "--stream-specification") {
                    if !spec.get("StreamEnabled").is_some_and(truthy) {
                        b.note(
                            line,
                            args.place("--stream-specification"),
                            Reason::BadValue {
                                value: shorten(&spec.to_string()),
                                expected:
                                    "StreamEnabled=true (the playground draws the table's stream)",
                            },
                        );
                    }
                }
            }
            args.not_modelled(
                b,
                &[
                    "--attribute-definitions",
                    "--key-schema",
                    "--billing-mode",
                    "--provisioned-throughput",
                    "--global-secondary-indexes",
                    "--local-secondary-indexes",
                    "--sse-specification",
                    "--tags",
                    "--table-class",
                    "--deletion-protection-enabled",
                ],
            );
        }
        ("s3api", "create-bucket") => {
            if let Some((name, _)) = required(b, &mut args, "--bucket", line) {
                b.ensure(Res::Bucket, &name);
            }
            args.not_modelled(
                b,
                &[
                    "--create-bucket-configuration",
                    "--acl",
                    "--object-ownership",
                ],
            );
        }
        ("s3", "mb") => {
            let target = args
                .opts
                .iter_mut()
                .find(|o| o.flag.starts_with("s3://") && !o.used);
            match target {
                Some(opt) => {
                    opt.used = true;
                    let name = opt.flag.trim_start_matches("s3://").trim_end_matches('/');
                    let name = name.to_string();
                    b.ensure(Res::Bucket, &name);
                }
                None => b.note(
                    line,
                    args.label.clone(),
                    Reason::Missing {
                        name: "s3://bucket",
                    },
                ),
            }
        }
        ("s3api", "put-bucket-notification-configuration") => notifications(b, &mut args, line),
        ("events", "create-event-bus") => {
            if let Some((name, _)) = required(b, &mut args, "--name", line) {
                b.ensure(Res::Bus, &name);
            }
            args.not_modelled(b, &["--tags", "--description", "--kms-key-identifier"]);
        }
        ("events", "put-rule") => put_rule(b, &mut args, line),
        ("events", "put-targets") => put_targets(b, &mut args, line),
        ("lambda", "publish-version") => lambda::publish_version(b, &mut args, line),
        ("lambda", "create-alias" | "update-alias") => lambda::alias(b, &mut args, line),
        ("lambda", "add-permission" | "tag-resource" | "put-provisioned-concurrency-config")
        | ("iam", _)
        | ("sqs", "tag-queue" | "add-permission")
        | ("sns", "set-topic-attributes" | "tag-resource")
        | ("logs", _)
        | ("sts", _)
        | (_, "wait") => {
            b.note(line, args.label.clone(), Reason::NotModelled);
            for opt in &mut args.opts {
                opt.used = true;
            }
        }
        _ => {
            b.note(line, args.label.clone(), Reason::UnknownCommand);
            for opt in &mut args.opts {
                opt.used = true;
            }
        }
    }
    args.finish(b);
}

#[cfg(test)]
mod tests;
