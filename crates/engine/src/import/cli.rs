//! AWS CLI commands → scenario: the inverse of [`crate::awscli`].
//!
//! The text is split into words as a POSIX shell would (`\` line continuations, single and
//! double quotes, `;`, `&&`, `||`, `|` and new lines between commands, `#` comments), without
//! expanding anything: `$VAR` and `$(...)` are listed as not understood. Options take the
//! `--flag value`, `--flag=value` and `--flag v1 v2` (lists) forms; structured values are JSON or
//! the CLI's shorthand (`OnFailure={Destination=arn:...}`), and `file://` values are listed.

use super::{
    queue_name_from_url, shorten, Builder, Format, ImportError, Imported, Reason, Res, Target,
};
use crate::scenario::{
    DeadLetterConfig, Destination, DestinationConfig, EventInvokeConfig, EventSourceMapping, Input,
    InvocationType, KafkaKind, LambdaNotification, RecursiveLoop, RedrivePolicy, Rule,
    Subscription,
};
use serde_json::{Map, Value};

/// Most commands read from one text.
pub const MAX_COMMANDS: usize = 5000;
/// Most words in one command.
pub const MAX_WORDS: usize = 2000;

/// A word of a command, after quote removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The text.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Contains `$...` outside single quotes, which only a shell can expand.
    pub expands: bool,
}

/// One command: its words, its 1-based number in the text and its first line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// 1-based position among the commands.
    pub number: usize,
    /// 1-based line of its first word.
    pub line: usize,
    /// Its words (at most [`MAX_WORDS`]).
    pub words: Vec<Word>,
    /// Words past [`MAX_WORDS`], not kept.
    pub dropped_words: usize,
}

/// The commands of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// At most [`MAX_COMMANDS`] commands.
    pub commands: Vec<Command>,
    /// Commands past [`MAX_COMMANDS`], not kept.
    pub dropped_commands: usize,
}

/// Splits shell text into commands and words. Never fails: an unclosed quote runs to the end.
pub fn split(text: &str) -> Split {
    let mut out = Split {
        commands: Vec::new(),
        dropped_commands: 0,
    };
    let mut words = (Vec::new(), 0usize);
    let mut word: Option<Word> = None;
    let mut line = 1usize;
    let mut chars = text.chars().peekable();
    let mut heredoc: Option<(String, bool)> = None;
    let mut skip_target = false;
    fn end_word(word: &mut Option<Word>, words: &mut (Vec<Word>, usize), skip: &mut bool) {
        if let Some(w) = word.take() {
            if std::mem::take(skip) {
                // A redirection target.
            } else if words.0.len() < MAX_WORDS {
                words.0.push(w);
            } else {
                words.1 += 1;
            }
        }
    }
    let end_command = |words: &mut (Vec<Word>, usize), out: &mut Split| {
        if !words.0.is_empty() {
            if out.commands.len() < MAX_COMMANDS {
                let first = words.0[0].line;
                out.commands.push(Command {
                    number: out.commands.len() + 1,
                    line: first,
                    words: std::mem::take(&mut words.0),
                    dropped_words: words.1,
                });
            } else {
                out.dropped_commands += 1;
            }
        }
        words.0.clear();
        words.1 = 0;
    };
    let start = |word: &mut Option<Word>, line: usize| {
        if word.is_none() {
            *word = Some(Word {
                text: String::new(),
                line,
                expands: false,
            });
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                end_word(&mut word, &mut words, &mut skip_target);
                end_command(&mut words, &mut out);
                skip_target = false;
                line += 1;
                // A here-document's body is data for the command before it, not commands.
                if let Some((delimiter, strip_tabs)) = heredoc.take() {
                    let mut current = String::new();
                    for c in chars.by_ref() {
                        if c != '\n' {
                            current.push(c);
                            continue;
                        }
                        line += 1;
                        let candidate = if strip_tabs {
                            current.trim_start_matches('\t')
                        } else {
                            current.as_str()
                        };
                        if candidate.trim_end_matches('\r') == delimiter {
                            break;
                        }
                        current.clear();
                    }
                }
            }
            ' ' | '\t' | '\r' => end_word(&mut word, &mut words, &mut skip_target),
            '<' if chars.peek() == Some(&'<') => {
                end_word(&mut word, &mut words, &mut skip_target);
                chars.next();
                let strip_tabs = chars.peek() == Some(&'-');
                if strip_tabs {
                    chars.next();
                }
                while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                    chars.next();
                }
                let mut delimiter = String::new();
                while let Some(&c) = chars.peek() {
                    match c {
                        '\'' | '"' => {}
                        c if c.is_whitespace() || c == ';' || c == '&' || c == '|' => break,
                        c => delimiter.push(c),
                    }
                    chars.next();
                }
                if !delimiter.is_empty() {
                    heredoc = Some((delimiter, strip_tabs));
                }
            }
            // Redirections (`> out.json`, `2>&1`, `>> log`): the target is not an argument.
            '>' => {
                end_word(&mut word, &mut words, &mut skip_target);
                if words
                    .0
                    .last()
                    .is_some_and(|w: &Word| w.text.chars().all(|c| c.is_ascii_digit()))
                {
                    words.0.pop();
                }
                if chars.peek() == Some(&'>') {
                    chars.next();
                }
                if chars.peek() == Some(&'&') {
                    chars.next();
                    while chars
                        .peek()
                        .is_some_and(|c| c.is_ascii_digit() || *c == '-')
                    {
                        chars.next();
                    }
                } else {
                    skip_target = true;
                }
            }
            // `\` + new line (also with trailing spaces, a common copy-and-paste slip), and the
            // Windows `^` and PowerShell backtick continuations.
            '\\' | '^' | '`' if continues(&mut chars.clone()) => {
                end_word(&mut word, &mut words, &mut skip_target);
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '\\' => {
                start(&mut word, line);
                if let (Some(w), Some(next)) = (word.as_mut(), chars.next()) {
                    if next == '\n' {
                        line += 1;
                    } else {
                        w.text.push(next);
                    }
                }
            }
            '\'' => {
                start(&mut word, line);
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    if c == '\n' {
                        line += 1;
                    }
                    if let Some(w) = word.as_mut() {
                        w.text.push(c);
                    }
                }
            }
            '"' => {
                start(&mut word, line);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some('\n') => line += 1,
                            Some(e @ ('"' | '\\' | '$' | '`')) => {
                                if let Some(w) = word.as_mut() {
                                    w.text.push(e);
                                }
                            }
                            Some(other) => {
                                if let Some(w) = word.as_mut() {
                                    w.text.push('\\');
                                    w.text.push(other);
                                }
                            }
                            None => {}
                        },
                        c => {
                            if c == '\n' {
                                line += 1;
                            }
                            if let Some(w) = word.as_mut() {
                                w.expands |= c == '$';
                                w.text.push(c);
                            }
                        }
                    }
                }
            }
            '#' if word.is_none() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        end_command(&mut words, &mut out);
                        skip_target = false;
                        line += 1;
                        break;
                    }
                }
            }
            ';' => {
                end_word(&mut word, &mut words, &mut skip_target);
                end_command(&mut words, &mut out);
                skip_target = false;
            }
            '&' | '|' => {
                end_word(&mut word, &mut words, &mut skip_target);
                if chars.peek() == Some(&c) {
                    chars.next();
                }
                end_command(&mut words, &mut out);
                skip_target = false;
            }
            c => {
                start(&mut word, line);
                if let Some(w) = word.as_mut() {
                    w.expands |= c == '$';
                    w.text.push(c);
                }
            }
        }
    }
    end_word(&mut word, &mut words, &mut skip_target);
    end_command(&mut words, &mut out);
    out
}

/// After a continuation character: only spaces, then a new line (or the end).
fn continues(rest: &mut std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    for c in rest.by_ref() {
        match c {
            '\n' => return true,
            ' ' | '\t' | '\r' => {}
            _ => return false,
        }
    }
    false
}

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

/// One option and its values.
struct Opt {
    flag: String,
    values: Vec<Word>,
    line: usize,
    used: bool,
}

/// The options of one command, taken one by one; whatever is left is listed.
struct Args {
    label: String,
    opts: Vec<Opt>,
}

impl Args {
    fn place(&self, flag: &str) -> String {
        format!("{} {flag}", self.label)
    }

    fn find(&mut self, flag: &str) -> Option<&mut Opt> {
        self.opts.iter_mut().find(|o| o.flag == flag && !o.used)
    }

    /// The option's values as words, marked used. `None` when absent.
    fn words(&mut self, flag: &str) -> Option<(Vec<Word>, usize)> {
        let opt = self.find(flag)?;
        opt.used = true;
        Some((opt.values.clone(), opt.line))
    }

    /// The option's single value, checked for files and shell expansions.
    fn value(&mut self, b: &mut Builder, flag: &str) -> Option<(String, usize)> {
        let (words, line) = self.words(flag)?;
        let place = self.place(flag);
        let Some(first) = words.first() else {
            b.note(line, place, Reason::Missing { name: "a value" });
            return None;
        };
        if words.len() > 1 {
            for extra in &words[1..] {
                b.note(
                    extra.line,
                    place.clone(),
                    Reason::BadValue {
                        value: shorten(&extra.text),
                        expected: "one value (quote values that contain spaces)",
                    },
                );
            }
        }
        checked(b, first, &place).map(|text| (text, first.line))
    }

    /// The option's values (a list option such as `--topics a b`).
    fn list(&mut self, b: &mut Builder, flag: &str) -> Option<(Vec<String>, usize)> {
        let (words, line) = self.words(flag)?;
        let place = self.place(flag);
        let values = words
            .iter()
            .filter_map(|w| checked(b, w, &place))
            .flat_map(|t| {
                // `--topics a,b` and `--topics a b` both occur.
                t.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        Some((values, line))
    }

    fn int(&mut self, b: &mut Builder, flag: &str) -> Option<i64> {
        let (text, line) = self.value(b, flag)?;
        match text.trim().parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                b.note(
                    line,
                    self.place(flag),
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "a whole number",
                    },
                );
                None
            }
        }
    }

    /// A boolean switch pair: `--flag` → true, `--no-flag` → false.
    fn switch(&mut self, b: &mut Builder, flag: &str) -> Option<bool> {
        let negative = format!("--no-{}", flag.trim_start_matches('-'));
        let mut result = None;
        for (name, value) in [(flag, true), (negative.as_str(), false)] {
            if let Some((words, line)) = self.words(name) {
                result = Some(value);
                for w in words {
                    match w.text.as_str() {
                        "true" if value => {}
                        "false" if value => result = Some(false),
                        _ => b.note(
                            line,
                            self.place(name),
                            Reason::BadValue {
                                value: shorten(&w.text),
                                expected: "no value (it is a switch)",
                            },
                        ),
                    }
                }
            }
        }
        result
    }

    /// A JSON or shorthand structure.
    fn structure(&mut self, b: &mut Builder, flag: &str) -> Option<(Value, usize)> {
        let (text, line) = self.value(b, flag)?;
        match parse_structure(&text) {
            Some(value) => Some((value, line)),
            None => {
                b.note(
                    line,
                    self.place(flag),
                    Reason::BadValue {
                        value: shorten(&text),
                        expected: "JSON or the CLI's shorthand syntax",
                    },
                );
                None
            }
        }
    }

    /// Options the playground knows but does not simulate.
    fn not_modelled(&mut self, b: &mut Builder, flags: &[&str]) {
        for flag in flags {
            while let Some((words, line)) = self.words(flag) {
                let place = self.place(flag);
                match words.iter().find(|w| is_file(&w.text)) {
                    Some(file) => b.note(
                        line,
                        place,
                        Reason::FileReference {
                            path: shorten(&file.text),
                        },
                    ),
                    None => b.note(line, place, Reason::NotModelled),
                }
            }
        }
    }

    /// Marks every option as taken (the command could not be applied, which is listed once).
    fn skip_rest(&mut self) {
        for opt in &mut self.opts {
            opt.used = true;
        }
    }

    /// Lists every option not taken.
    fn finish(self, b: &mut Builder) {
        for opt in self.opts.iter().filter(|o| !o.used) {
            let place = format!("{} {}", self.label, opt.flag);
            if let Some(file) = opt.values.iter().find(|w| is_file(&w.text)) {
                b.note(
                    opt.line,
                    place,
                    Reason::FileReference {
                        path: shorten(&file.text),
                    },
                );
            } else {
                b.note(opt.line, place, Reason::UnknownOption);
            }
        }
    }
}

fn is_file(text: &str) -> bool {
    text.starts_with("file://") || text.starts_with("fileb://")
}

/// The word's text, or `None` (noted) for files and shell expansions.
fn checked(b: &mut Builder, word: &Word, place: &str) -> Option<String> {
    if is_file(&word.text) {
        b.note(
            word.line,
            place,
            Reason::FileReference {
                path: shorten(&word.text),
            },
        );
        return None;
    }
    if word.expands {
        b.note(
            word.line,
            place,
            Reason::ShellExpansion {
                text: shorten(&word.text),
            },
        );
        return None;
    }
    Some(word.text.clone())
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
        (
            "lambda",
            "add-permission"
            | "create-alias"
            | "publish-version"
            | "tag-resource"
            | "put-provisioned-concurrency-config",
        )
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

fn required(
    b: &mut Builder,
    args: &mut Args,
    flag: &'static str,
    line: usize,
) -> Option<(String, usize)> {
    let value = args.value(b, flag);
    if value.is_none() && !args.opts.iter().any(|o| o.flag == flag) {
        b.note(line, args.label.clone(), Reason::Missing { name: flag });
    }
    let value = value.filter(|(v, _)| !v.is_empty());
    if value.is_none() {
        // The command cannot be applied; its other options are not listed one by one.
        args.skip_rest();
    }
    value
}

fn function_arg(b: &mut Builder, args: &mut Args, line: usize) -> Option<usize> {
    let (name, line) = required(b, args, "--function-name", line)?;
    let place = args.place("--function-name");
    let f = b.function(&name, line, &place);
    if f.is_none() {
        args.skip_rest();
    }
    f
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn int_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn function_config(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    if let Some(n) = args.int(b, "--timeout") {
        b.scenario.functions[f].timeout = n;
    }
    if let Some((config, line)) = args.structure(b, "--dead-letter-config") {
        let place = args.place("--dead-letter-config");
        match config.get("TargetArn").and_then(Value::as_str) {
            Some("") => b.scenario.functions[f].dead_letter_config = None,
            Some(arn) => {
                let arn = target_arn(b, arn, line, &place);
                b.scenario.functions[f].dead_letter_config =
                    Some(DeadLetterConfig { target_arn: arn });
            }
            None => b.note(line, place, Reason::Missing { name: "TargetArn" }),
        }
    }
    if let Some((environment, line)) = args.structure(b, "--environment") {
        let place = args.place("--environment");
        let variables = environment.get("Variables").and_then(Value::as_object);
        for (name, value) in variables.into_iter().flatten() {
            let place = format!("{place} {name}");
            if name == super::BEHAVIOR_VARIABLE {
                super::read_behavior(b, f, value.as_str().unwrap_or(""), line, &place);
            } else {
                b.note(line, place, Reason::NotModelled);
            }
        }
    }
    args.not_modelled(
        b,
        &[
            "--runtime",
            "--handler",
            "--role",
            "--zip-file",
            "--code",
            "--memory-size",
            "--description",
            "--environment",
            "--tags",
            "--architectures",
            "--layers",
            "--package-type",
            "--publish",
            "--no-publish",
            "--vpc-config",
            "--tracing-config",
            "--ephemeral-storage",
            "--logging-config",
            "--kms-key-arn",
            "--image-config",
            "--snap-start",
            "--file-system-configs",
            "--code-signing-config-arn",
            "--revision-id",
        ],
    );
}

/// The scenario ARN for a destination-like ARN: the resource is drawn when new. Unknown targets
/// keep the ARN as written, so validation explains it.
fn target_arn(b: &mut Builder, arn: &str, line: usize, place: &str) -> String {
    match b.resolve(arn, line, place) {
        Some(Target::Resource { arn, .. }) => arn,
        Some(Target::KafkaCluster { .. }) | None => arn.to_string(),
    }
}

/// Reads `{"OnSuccess": {"Destination": ...}, "OnFailure": {...}}`.
fn destination_config(
    b: &mut Builder,
    value: &Value,
    line: usize,
    place: &str,
) -> DestinationConfig {
    let mut config = DestinationConfig::default();
    for (key, side) in value.as_object().into_iter().flatten() {
        let place = format!("{place} {key}");
        let slot = match key.as_str() {
            "OnSuccess" => &mut config.on_success,
            "OnFailure" => &mut config.on_failure,
            _ => {
                b.note(line, place, Reason::UnknownProperty);
                continue;
            }
        };
        let mut destination = Destination::default();
        for (k, v) in side.as_object().into_iter().flatten() {
            match (k.as_str(), v.as_str()) {
                ("Destination", Some(arn)) if arn.starts_with("kafka://") || arn.is_empty() => {
                    destination.destination = Some(arn.to_string())
                }
                ("Destination", Some(arn)) => {
                    destination.destination = Some(target_arn(b, arn, line, &place))
                }
                _ => b.note(line, format!("{place}.{k}"), Reason::UnknownProperty),
            }
        }
        *slot = Some(destination);
    }
    config
}

fn invoke_config(b: &mut Builder, args: &mut Args, line: usize, put: bool) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    let retries = args.int(b, "--maximum-retry-attempts");
    let age = args.int(b, "--maximum-event-age-in-seconds");
    let destinations = args
        .structure(b, "--destination-config")
        .map(|(value, line)| {
            let place = args.place("--destination-config");
            destination_config(b, &value, line, &place)
        });
    args.not_modelled(b, &["--qualifier"]);
    let function = &mut b.scenario.functions[f];
    let config = if put {
        // `put` replaces the whole configuration.
        function
            .event_invoke_config
            .insert(EventInvokeConfig::default())
    } else {
        function
            .event_invoke_config
            .get_or_insert_with(Default::default)
    };
    if retries.is_some() {
        config.maximum_retry_attempts = retries;
    }
    if age.is_some() {
        config.maximum_event_age_in_seconds = age;
    }
    if destinations.is_some() {
        config.destination_config = destinations;
    }
}

fn mapping(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
        return;
    };
    let mut m = EventSourceMapping {
        function_name: b.scenario.functions[f].function_name.clone(),
        enabled: true,
        ..Default::default()
    };
    let topics = args.list(b, "--topics").map(|(t, _)| t).unwrap_or_default();
    if let Some((arn, line)) = args.value(b, "--event-source-arn") {
        let place = args.place("--event-source-arn");
        match b.resolve(&arn, line, &place) {
            Some(Target::Resource { arn, .. }) => m.event_source_arn = Some(arn),
            Some(Target::KafkaCluster { name }) => {
                for topic in &topics {
                    b.ensure_kafka(&name, topic, KafkaKind::Msk);
                }
                m.event_source_arn = Some(b.kafka_arn(&name));
            }
            None => m.event_source_arn = Some(arn),
        }
    }
    if let Some((source, line)) = args.structure(b, "--self-managed-event-source") {
        let servers = source
            .pointer("/Endpoints/KAFKA_BOOTSTRAP_SERVERS")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str);
        match servers
            .and_then(|s| s.split(['.', ':']).next())
            .filter(|c| !c.is_empty())
        {
            Some(cluster) => {
                for topic in &topics {
                    b.ensure_kafka(cluster, topic, KafkaKind::SelfManaged);
                }
                m.self_managed_cluster = Some(cluster.to_string());
            }
            None => b.note(
                line,
                args.place("--self-managed-event-source"),
                Reason::Missing {
                    name: "Endpoints.KAFKA_BOOTSTRAP_SERVERS",
                },
            ),
        }
    }
    if m.event_source_arn.is_none() && m.self_managed_cluster.is_none() {
        b.note(
            line,
            args.label.clone(),
            Reason::Missing {
                name: "--event-source-arn",
            },
        );
    }
    m.topics = topics;
    m.batch_size = args.int(b, "--batch-size");
    m.maximum_batching_window_in_seconds = args.int(b, "--maximum-batching-window-in-seconds");
    m.starting_position = args.value(b, "--starting-position").map(|(v, _)| v);
    m.maximum_retry_attempts = args.int(b, "--maximum-retry-attempts");
    m.maximum_record_age_in_seconds = args.int(b, "--maximum-record-age-in-seconds");
    m.bisect_batch_on_function_error = args.switch(b, "--bisect-batch-on-function-error");
    m.parallelization_factor = args.int(b, "--parallelization-factor");
    m.tumbling_window_in_seconds = args.int(b, "--tumbling-window-in-seconds");
    if let Some((types, _)) = args.list(b, "--function-response-types") {
        m.function_response_types = types;
    }
    if let Some((value, line)) = args.structure(b, "--destination-config") {
        let place = args.place("--destination-config");
        m.destination_config = Some(destination_config(b, &value, line, &place));
    }
    if let Some(enabled) = args.switch(b, "--enabled") {
        m.enabled = enabled;
    }
    args.not_modelled(
        b,
        &[
            "--starting-position-timestamp",
            "--filter-criteria",
            "--scaling-config",
            "--queues",
            "--source-access-configurations",
            "--amazon-managed-kafka-event-source-config",
            "--self-managed-kafka-event-source-config",
            "--document-db-event-source-config",
            "--kms-key-arn",
            "--metrics-config",
            "--provisioned-poller-config",
            "--tags",
        ],
    );
    b.scenario.event_source_mappings.push(m);
}

fn queue_attributes(b: &mut Builder, args: &mut Args, q: usize) {
    let Some((attributes, line)) = args.structure(b, "--attributes") else {
        return;
    };
    let base = args.place("--attributes");
    for (key, value) in attributes.as_object().into_iter().flatten() {
        let place = format!("{base} {key}");
        // A number of seconds, or a note that says what was there instead.
        let seconds = |b: &mut Builder, place: String| {
            let n = int_of(value);
            if n.is_none() {
                b.note(
                    line,
                    place,
                    Reason::BadValue {
                        value: shorten(&value.to_string()),
                        expected: "a number of seconds",
                    },
                );
            }
            n
        };
        match key.as_str() {
            "FifoQueue" => b.scenario.queues[q].fifo_queue = truthy(value),
            "VisibilityTimeout" => {
                if let Some(n) = seconds(b, place) {
                    b.scenario.queues[q].visibility_timeout = n;
                }
            }
            "MessageRetentionPeriod" => {
                if let Some(n) = seconds(b, place) {
                    b.scenario.queues[q].message_retention_period = n;
                }
            }
            "RedrivePolicy" => {
                let policy = match value {
                    Value::String(s) => parse_structure(s),
                    other => Some(other.clone()),
                };
                let target = policy
                    .as_ref()
                    .and_then(|p| p.get("deadLetterTargetArn"))
                    .and_then(Value::as_str);
                let count = policy
                    .as_ref()
                    .and_then(|p| p.get("maxReceiveCount"))
                    .and_then(int_of);
                match (target, count) {
                    (Some(target), Some(count)) => {
                        let arn = target_arn(b, target, line, &place);
                        b.scenario.queues[q].redrive_policy = Some(RedrivePolicy {
                            dead_letter_target_arn: arn,
                            max_receive_count: count,
                        });
                    }
                    _ => b.note(
                        line,
                        place,
                        Reason::BadValue {
                            value: shorten(&value.to_string()),
                            expected:
                                "{\"deadLetterTargetArn\": \"arn:...\", \"maxReceiveCount\": 5}",
                        },
                    ),
                }
            }
            _ => b.note(line, place, Reason::NotModelled),
        }
    }
}

fn subscribe(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((topic_arn, topic_line)) = required(b, args, "--topic-arn", line) else {
        return;
    };
    let place = args.place("--topic-arn");
    let Some(Target::Resource {
        kind: Res::Topic,
        name,
        ..
    }) = b.resolve(&topic_arn, topic_line, &place)
    else {
        return;
    };
    let protocol = required(b, args, "--protocol", line).map(|(p, _)| p);
    let endpoint = args.value(b, "--notification-endpoint");
    let (Some(protocol), Some((endpoint, endpoint_line))) = (protocol, endpoint) else {
        return;
    };
    let endpoint = match protocol.as_str() {
        "sqs" | "lambda" => {
            let place = args.place("--notification-endpoint");
            target_arn(b, &endpoint, endpoint_line, &place)
        }
        _ => endpoint,
    };
    let mut raw = false;
    if let Some((attributes, line)) = args.structure(b, "--attributes") {
        for (key, value) in attributes.as_object().into_iter().flatten() {
            match key.as_str() {
                "RawMessageDelivery" => raw = truthy(value),
                _ => b.note(
                    line,
                    format!("{} {key}", args.place("--attributes")),
                    Reason::NotModelled,
                ),
            }
        }
    }
    args.not_modelled(b, &["--return-subscription-arn"]);
    let t = b.ensure(Res::Topic, &name);
    b.scenario.topics[t].subscriptions.push(Subscription {
        protocol,
        endpoint,
        raw_message_delivery: raw,
    });
}

fn notifications(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((bucket, _)) = required(b, args, "--bucket", line) else {
        return;
    };
    let i = b.ensure(Res::Bucket, &bucket);
    let Some((config, line)) = args.structure(b, "--notification-configuration") else {
        return;
    };
    let base = args.place("--notification-configuration");
    for (key, value) in config.as_object().into_iter().flatten() {
        if key != "LambdaFunctionConfigurations" {
            b.note(line, format!("{base} {key}"), Reason::NotModelled);
            continue;
        }
        for (n, c) in value.as_array().into_iter().flatten().enumerate() {
            let place = format!("{base} {key}[{n}]");
            let Some(arn) = c.get("LambdaFunctionArn").and_then(Value::as_str) else {
                b.note(
                    line,
                    place,
                    Reason::Missing {
                        name: "LambdaFunctionArn",
                    },
                );
                continue;
            };
            let Some(f) = b.function(arn, line, &place) else {
                continue;
            };
            let arn = b.arn(
                Res::Function,
                &b.scenario.functions[f].function_name.clone(),
            );
            let events = c
                .get("Events")
                .and_then(Value::as_array)
                .map(|e| {
                    e.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_else(|| vec!["s3:ObjectCreated:*".to_string()]);
            let mut notification = LambdaNotification {
                lambda_function_arn: arn,
                events,
                prefix: String::new(),
                suffix: String::new(),
            };
            let rules = c
                .pointer("/Filter/Key/FilterRules")
                .and_then(Value::as_array);
            for rule in rules.into_iter().flatten() {
                let name = rule.get("Name").and_then(Value::as_str).unwrap_or("");
                let value = rule
                    .get("Value")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                match name.to_ascii_lowercase().as_str() {
                    "prefix" => notification.prefix = value,
                    "suffix" => notification.suffix = value,
                    _ => b.note(line, format!("{place}.Filter"), Reason::UnknownProperty),
                }
            }
            for k in c.as_object().into_iter().flatten().map(|(k, _)| k) {
                if !matches!(k.as_str(), "LambdaFunctionArn" | "Events" | "Filter" | "Id") {
                    b.note(line, format!("{place}.{k}"), Reason::UnknownProperty);
                }
            }
            b.scenario.buckets[i]
                .lambda_function_configurations
                .push(notification);
        }
    }
    args.not_modelled(
        b,
        &["--skip-destination-validation", "--expected-bucket-owner"],
    );
}

/// The bus named by `--event-bus-name` (a name or ARN; `default` when absent).
fn bus_arg(b: &mut Builder, args: &mut Args) -> Option<usize> {
    match args.value(b, "--event-bus-name") {
        None => Some(b.ensure(Res::Bus, "default")),
        Some((name, line)) if name.starts_with("arn:") => {
            let place = args.place("--event-bus-name");
            match b.resolve(&name, line, &place)? {
                Target::Resource {
                    kind: Res::Bus,
                    name,
                    ..
                } => Some(b.ensure(Res::Bus, &name)),
                _ => None,
            }
        }
        Some((name, _)) => Some(b.ensure(Res::Bus, &name)),
    }
}

fn rule_index(b: &mut Builder, bus: usize, name: &str) -> usize {
    let rules = &mut b.scenario.event_buses[bus].rules;
    match rules.iter().position(|r| r.name == name) {
        Some(i) => i,
        None => {
            rules.push(Rule {
                name: name.to_string(),
                event_pattern: Value::Null,
                targets: Vec::new(),
            });
            rules.len() - 1
        }
    }
}

fn put_rule(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((name, _)) = required(b, args, "--name", line) else {
        return;
    };
    let Some(bus) = bus_arg(b, args) else {
        return;
    };
    let r = rule_index(b, bus, &name);
    if let Some((pattern, line)) = args.value(b, "--event-pattern") {
        match serde_json::from_str::<Value>(&pattern) {
            Ok(p) => b.scenario.event_buses[bus].rules[r].event_pattern = p,
            Err(_) => b.note(
                line,
                args.place("--event-pattern"),
                Reason::BadValue {
                    value: shorten(&pattern),
                    expected: "an event pattern in JSON",
                },
            ),
        }
    }
    args.not_modelled(
        b,
        &[
            "--schedule-expression",
            "--state",
            "--description",
            "--role-arn",
            "--tags",
        ],
    );
}

fn put_targets(b: &mut Builder, args: &mut Args, line: usize) {
    let Some((name, _)) = required(b, args, "--rule", line) else {
        return;
    };
    let Some(bus) = bus_arg(b, args) else {
        return;
    };
    let r = rule_index(b, bus, &name);
    let Some((words, line)) = args.words("--targets") else {
        b.note(
            line,
            args.label.clone(),
            Reason::Missing { name: "--targets" },
        );
        return;
    };
    let place = args.place("--targets");
    let mut targets = Vec::new();
    for word in &words {
        let Some(text) = checked(b, word, &place) else {
            continue;
        };
        match parse_structure(&text) {
            Some(Value::Array(items)) => targets.extend(items),
            Some(item @ Value::Object(_)) => targets.push(item),
            _ => b.note(
                word.line,
                place.clone(),
                Reason::BadValue {
                    value: shorten(&text),
                    expected: "targets in JSON or Id=...,Arn=...",
                },
            ),
        }
    }
    for (n, target) in targets.iter().enumerate() {
        let place = format!("{place}[{n}]");
        let Some(arn) = target.get("Arn").and_then(Value::as_str) else {
            b.note(line, place, Reason::Missing { name: "Arn" });
            continue;
        };
        let arn = target_arn(b, arn, line, &place);
        b.scenario.event_buses[bus].rules[r].targets.push(arn);
        for k in target.as_object().into_iter().flatten().map(|(k, _)| k) {
            if !matches!(k.as_str(), "Id" | "Arn") {
                b.note(line, format!("{place}.{k}"), Reason::NotModelled);
            }
        }
    }
}

fn invoke(b: &mut Builder, args: &mut Args, line: usize) {
    let Some(f) = function_arg(b, args, line) else {
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
    args.not_modelled(b, &["--log-type", "--client-context", "--qualifier"]);
    // The positional out-file.
    for opt in &mut args.opts {
        if !opt.flag.starts_with("--") {
            opt.used = true;
        }
    }
    let at = next_input_time(b);
    b.scenario.inputs.push(Input::Invoke {
        at,
        function_name: b.scenario.functions[f].function_name.clone(),
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

fn send_message(b: &mut Builder, args: &mut Args, line: usize) {
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

fn publish(b: &mut Builder, args: &mut Args, line: usize) {
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

/// JSON, or the AWS CLI's shorthand syntax (`Key=Value,Key={Nested=Value},List=[a,b]`).
pub fn parse_structure(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"') {
        if let Ok(value) = serde_json::from_str(trimmed) {
            return Some(value);
        }
    }
    let mut parser = Shorthand {
        chars: trimmed.chars().collect(),
        at: 0,
    };
    let value = parser.object(0, false)?;
    (parser.at == parser.chars.len()).then_some(value)
}

struct Shorthand {
    chars: Vec<char>,
    at: usize,
}

impl Shorthand {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn object(&mut self, depth: usize, braced: bool) -> Option<Value> {
        if depth > 32 {
            return None;
        }
        let mut map = Map::new();
        loop {
            let key = self.scalar(&['=', ',', '}'])?;
            if key.is_empty() {
                return None;
            }
            if self.peek() != Some('=') {
                return None;
            }
            self.at += 1;
            let value = self.value(depth)?;
            map.insert(key.trim().trim_matches('"').to_string(), value);
            match self.peek() {
                Some(',') => self.at += 1,
                Some('}') if braced => return Some(Value::Object(map)),
                None if !braced => return Some(Value::Object(map)),
                _ => return None,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        match self.peek() {
            Some('{') => {
                self.at += 1;
                let v = self.object(depth + 1, true)?;
                self.at += 1;
                Some(v)
            }
            Some('[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some(']') {
                        self.at += 1;
                        return Some(Value::Array(items));
                    }
                    let item = if self.peek() == Some('{') {
                        self.value(depth + 1)?
                    } else {
                        Value::String(self.scalar(&[',', ']'])?)
                    };
                    items.push(item);
                    match self.peek() {
                        Some(',') => self.at += 1,
                        Some(']') => {}
                        _ => return None,
                    }
                }
            }
            _ => Some(Value::String(self.scalar(&[',', '}', ']'])?)),
        }
    }

    fn scalar(&mut self, stops: &[char]) -> Option<String> {
        let mut out = String::new();
        if self.peek() == Some('"') {
            self.at += 1;
            loop {
                match self.peek()? {
                    '"' => {
                        self.at += 1;
                        return Some(out);
                    }
                    '\\' => {
                        self.at += 1;
                        out.push(self.peek()?);
                        self.at += 1;
                    }
                    c => {
                        out.push(c);
                        self.at += 1;
                    }
                }
            }
        }
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                break;
            }
            out.push(c);
            self.at += 1;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_shell_quoting_and_continuations() {
        let commands = split(
            "aws lambda x \\\n  --a 'one two' \\  \n  --b \"say \\\"hi\\\"\" --c=d # note\naws s3 mb s3://b; echo done",
        )
        .commands;
        let words: Vec<Vec<&str>> = commands
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            words,
            vec![
                vec![
                    "aws",
                    "lambda",
                    "x",
                    "--a",
                    "one two",
                    "--b",
                    "say \"hi\"",
                    "--c=d"
                ],
                vec!["aws", "s3", "mb", "s3://b"],
                vec!["echo", "done"],
            ]
        );
        assert_eq!(commands[0].words[4].line, 2);
        assert_eq!(commands[1].line, 4);
    }

    #[test]
    fn here_documents_and_redirections_are_not_commands_or_arguments() {
        let split = split(
            "cat > app.py <<'EOF'\naws lambda invoke --function-name inside\nEOF\naws sqs create-queue --queue-name q > out.json 2>&1\n",
        );
        let words: Vec<Vec<&str>> = split
            .commands
            .iter()
            .map(|c| c.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            words,
            vec![
                vec!["cat"],
                vec!["aws", "sqs", "create-queue", "--queue-name", "q"],
            ]
        );
        assert_eq!(split.commands[1].line, 4);
    }

    #[test]
    fn shorthand_reads_nested_structures() {
        assert_eq!(
            parse_structure("OnFailure={Destination=arn:aws:sqs:us-east-2:123456789012:q}"),
            Some(
                serde_json::json!({"OnFailure": {"Destination": "arn:aws:sqs:us-east-2:123456789012:q"}})
            )
        );
        assert_eq!(
            parse_structure("Id=1,Arn=arn:aws:lambda:us-east-2:123456789012:function:f"),
            Some(
                serde_json::json!({"Id": "1", "Arn": "arn:aws:lambda:us-east-2:123456789012:function:f"})
            )
        );
        assert_eq!(parse_structure("not shorthand"), None);
    }
}
