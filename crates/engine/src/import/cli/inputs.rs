//! Commands that send something: `lambda invoke`, `sqs send-message` and `sns publish`, each
//! read as an input of the scenario.

use super::args::{qualified_function_arg, required, Args};
use crate::import::{queue_name_from_url, shorten, Builder, Reason, Res, Target};
use crate::scenario::{Input, InvocationType};
use serde_json::Value;

pub(super) fn invoke(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((f, qualifier)) = qualified_function_arg(b, args, line) else {
        args.skip_rest();
        return;
    };
    let invocation_type = match args.value(b, "--invocation-type") {
        None => InvocationType::RequestResponse,
        Some((t, line)) => match t.as_str() {
            "Event" => InvocationType::Event,
            "DryRun" => InvocationType::DryRun,
            "RequestResponse" => InvocationType::RequestResponse,
            _ => {
                b.note(
                    line,
                    args.place("--invocation-type"),
                    Reason::BadValue {
                        value: shorten(&t),
                        expected: "RequestResponse, Event or DryRun",
                    },
                );
                InvocationType::RequestResponse
            }
        },
    };
    let payload = match args.value(b, "--payload") {
        None => Value::Null,
        Some((text, line)) => serde_json::from_str(&text).unwrap_or_else(|_| {
            b.note(
                line,
                args.place("--payload"),
                Reason::BadValue {
                    value: shorten(&text),
                    expected: "a JSON event",
                },
            );
            Value::Null
        }),
    };
    args.not_modelled(b, &["--log-type", "--client-context"]);
    // The positional out-file.
    for opt in &mut args.opts {
        if !opt.flag.starts_with("--") {
            opt.used = true;
        }
    }
    let at = next_input_time(b);
    b.scenario.inputs.push(Input::Invoke {
        at,
        function_name: match qualifier {
            Some(q) => format!("{}:{q}", b.scenario.functions[f].function_name),
            None => b.scenario.functions[f].function_name.clone(),
        },
        invocation_type,
        payload,
        client: None,
    });
}

fn next_input_time(b: &Builder) -> u64 {
    b.scenario
        .inputs
        .iter()
        .map(Input::at)
        .max()
        .map_or(0, |t| t.saturating_add(1000))
}

pub(super) fn send_message(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((url, url_line)) = required(b, args, "--queue-url", line) else {
        return;
    };
    let Some(name) = queue_name_from_url(&url).map(str::to_string) else {
        b.note(
            url_line,
            args.place("--queue-url"),
            Reason::BadValue {
                value: shorten(&url),
                expected: "a queue URL",
            },
        );
        return;
    };
    b.ensure(Res::Queue, &name);
    let body = args
        .value(b, "--message-body")
        .map(|(t, _)| serde_json::from_str(&t).unwrap_or(Value::String(t)))
        .unwrap_or(Value::Null);
    let group = args.value(b, "--message-group-id").map(|(g, _)| g);
    args.not_modelled(
        b,
        &[
            "--message-deduplication-id",
            "--delay-seconds",
            "--message-attributes",
        ],
    );
    let at = next_input_time(b);
    b.scenario.inputs.push(Input::SendMessage {
        at,
        queue_name: name,
        message_body: body,
        message_group_id: group,
    });
}

pub(super) fn publish(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((arn, arn_line)) = required(b, args, "--topic-arn", line) else {
        return;
    };
    let place = args.place("--topic-arn");
    let Some(Target::Resource {
        kind: Res::Topic,
        name,
        ..
    }) = b.resolve(&arn, arn_line, &place)
    else {
        return;
    };
    let message = args
        .value(b, "--message")
        .map(|(t, _)| serde_json::from_str(&t).unwrap_or(Value::String(t)))
        .unwrap_or(Value::Null);
    let subject = args.value(b, "--subject").map(|(s, _)| s);
    args.not_modelled(
        b,
        &[
            "--message-attributes",
            "--message-group-id",
            "--message-deduplication-id",
        ],
    );
    let at = next_input_time(b);
    b.scenario.inputs.push(Input::Publish {
        at,
        topic_name: name,
        message,
        subject,
    });
}
