//! A command's options, taken one by one (whatever is left is listed), and reading their values:
//! single values, lists, numbers, switches and structures.

use super::parse_structure;
use super::words::Word;
use crate::import::{shorten, Builder, Reason};
use serde_json::Value;

/// One option and its values.
pub(super) struct Opt {
    pub(super) flag: String,
    pub(super) values: Vec<Word>,
    pub(super) line: usize,
    pub(super) used: bool,
}

/// The options of one command, taken one by one; whatever is left is listed.
pub(super) struct Args {
    pub(super) label: String,
    pub(super) opts: Vec<Opt>,
}

impl Args {
    pub(super) fn place(&self, flag: &str) -> String {
        format!("{} {flag}", self.label)
    }

    fn find(&mut self, flag: &str) -> Option<&mut Opt> {
        self.opts.iter_mut().find(|o| o.flag == flag && !o.used)
    }

    /// The option's values as words, marked used. `None` when absent.
    pub(super) fn words(&mut self, flag: &str) -> Option<(Vec<Word>, usize)> {
        let opt = self.find(flag)?;
        opt.used = true;
        Some((opt.values.clone(), opt.line))
    }

    /// The option's single value, checked for files and shell expansions.
    pub(super) fn value(&mut self, b: &mut Builder, flag: &str) -> Option<(String, usize)> {
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
    pub(super) fn list(&mut self, b: &mut Builder, flag: &str) -> Option<(Vec<String>, usize)> {
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

    pub(super) fn int(&mut self, b: &mut Builder, flag: &str) -> Option<i64> {
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
    pub(super) fn switch(&mut self, b: &mut Builder, flag: &str) -> Option<bool> {
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
    pub(super) fn structure(&mut self, b: &mut Builder, flag: &str) -> Option<(Value, usize)> {
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
    pub(super) fn not_modelled(&mut self, b: &mut Builder, flags: &[&str]) {
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
    pub(super) fn skip_rest(&mut self) {
        for opt in &mut self.opts {
            opt.used = true;
        }
    }

    /// Lists every option not taken.
    pub(super) fn finish(self, b: &mut Builder) {
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
pub(super) fn checked(b: &mut Builder, word: &Word, place: &str) -> Option<String> {
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

pub(super) fn required(
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

pub(super) fn function_arg(b: &mut Builder, args: &mut Args, line: usize) -> Option<usize> {
    let (name, line) = required(b, args, "--function-name", line)?;
    let place = args.place("--function-name");
    let f = b.function(&name, line, &place);
    if f.is_none() {
        args.skip_rest();
    }
    f
}

/// `--function-name` (a name, `name:qualifier` or an ARN) and the qualifier it and
/// `--qualifier` name together (spec §2.9). `None` when the function cannot be read, or when
/// the two qualifiers disagree (AWS's refusal is noted).
pub(super) fn qualified_function_arg(
    b: &mut Builder,
    args: &mut Args,
    line: usize,
) -> Option<(usize, Option<String>)> {
    let written = args
        .opts
        .iter()
        .find(|o| o.flag == "--function-name" && !o.used)
        .and_then(|o| o.values.first())
        .map(|w| w.text.clone())
        .unwrap_or_default();
    let f = function_arg(b, args, line)?;
    let place = args.place("--qualifier");
    // Only the first word: `invoke … --qualifier 1 out.json` ends with the positional outfile.
    let given = args
        .words("--qualifier")
        .and_then(|(words, _)| words.into_iter().next())
        .and_then(|word| checked(b, &word, &place).map(|text| (text, word.line)));
    let given_line = given.as_ref().map_or(line, |(_, l)| *l);
    crate::import::versions::derive(
        b,
        &written,
        given.as_ref().map(|(q, _)| q.as_str()),
        given_line,
        &place,
    )
    .ok()
    .map(|q| (f, q))
}

pub(super) fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

pub(super) fn int_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
