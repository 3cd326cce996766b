//! A whole scenario document: reading it (strict, with the JSON path, line and column of a
//! mistake), writing it, and the caps on its size.

use super::{
    read, Scenario, FORMAT_VERSION, MAX_DOCUMENT_BYTES, MAX_INPUTS, MAX_QUALIFIERS, MAX_RESOURCES,
};
use serde::Serialize;
use serde_json::Value;

/// Why a scenario document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// JSON path of the offending value, e.g. `functions[0].EventInvokeConfig`.
    pub path: String,
    /// 1-based line, when known.
    pub line: usize,
    /// 1-based column, when known.
    pub column: usize,
    /// What was wrong and what would be accepted.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, "at {}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

impl Scenario {
    /// A scenario with no resources and no inputs.
    pub fn empty() -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            ..Scenario::defaults()
        }
    }

    /// Reads a scenario from JSON text, strictly.
    pub fn from_json(text: &str) -> Result<Scenario, ParseError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ParseError {
                path: String::new(),
                line: 0,
                column: 0,
                message: format!(
                    "the scenario is {} bytes; the largest accepted is {} bytes",
                    text.len(),
                    MAX_DOCUMENT_BYTES
                ),
            });
        }
        // Check the version first so an old or future file gets a clear answer rather than a
        // complaint about some field it has.
        let probe: Value = serde_json::from_str(text).map_err(|e| ParseError {
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: format!("not valid JSON: {}", strip_position(&e.to_string())),
        })?;
        match probe.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
            Some(other) => {
                return Err(ParseError {
                    path: "version".into(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "unsupported scenario version {other}; this playground reads version {FORMAT_VERSION}"
                    ),
                })
            }
            None => {
                return Err(ParseError {
                    path: "version".into(),
                    line: 0,
                    column: 0,
                    message: format!("missing field `version`; add \"version\": {FORMAT_VERSION}"),
                })
            }
        }
        // A `Value` keeps the last of repeated keys; serde refused repeated fields, in document
        // order with the other mistakes.
        let duplicate = read::duplicate(text);
        let scenario = match Scenario::read(&probe, &read::ROOT) {
            Ok(scenario) => match duplicate {
                None => scenario,
                Some(d) => return Err(d.into_error(text)),
            },
            Err(fail) => {
                let offset = read::locate(text, &fail.steps, fail.at);
                return Err(match (duplicate, offset) {
                    (Some(d), Some(offset)) if d.offset < offset => d.into_error(text),
                    _ => {
                        let (line, column) =
                            offset.map_or((0, 0), |offset| read::line_and_column(text, offset));
                        ParseError {
                            path: fail.path(),
                            line,
                            column,
                            message: fail.message,
                        }
                    }
                });
            }
        };
        scenario.check_caps()?;
        Ok(scenario)
    }

    /// Writes the scenario as pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Total number of resources of every kind.
    pub fn resource_count(&self) -> usize {
        self.functions.len()
            + self.queues.len()
            + self.topics.len()
            + self.event_buses.len()
            + self.buckets.len()
            + self.kinesis_streams.len()
            + self.dynamodb_tables.len()
            + self.kafka_topics.len()
            + self.clients.len()
            + self.event_source_mappings.len()
    }

    fn check_caps(&self) -> Result<(), ParseError> {
        let cap = |path: &str, message: String| ParseError {
            path: path.into(),
            line: 0,
            column: 0,
            message,
        };
        if self.resource_count() > MAX_RESOURCES {
            return Err(cap(
                ".",
                format!(
                    "the scenario has {} resources; the playground simulates at most {MAX_RESOURCES}",
                    self.resource_count()
                ),
            ));
        }
        for (i, f) in self.functions.iter().enumerate() {
            let count = f.versions.len() + f.aliases.len();
            if count > MAX_QUALIFIERS {
                return Err(cap(
                    &format!("functions[{i}].Versions"),
                    format!("{} has {count} versions and aliases; the playground simulates at most {MAX_QUALIFIERS}", f.function_name),
                ));
            }
        }
        if self.inputs.len() > MAX_INPUTS {
            return Err(cap(
                "inputs",
                format!(
                    "the timeline has {} inputs; at most {MAX_INPUTS} are simulated",
                    self.inputs.len()
                ),
            ));
        }
        Ok(())
    }
}

/// The JSON path (`functions[0].Timeout`) of the value at a 1-based line and column, found by
/// scanning the text up to that point. Used to name the place of a parse error.
pub fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object {
            key: Option<String>,
            expecting_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let offset = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + column;
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        match c {
            '{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            '"' => {
                let mut string = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            chars.next();
                        }
                        other => string.push(other),
                    }
                }
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                }) = stack.last_mut()
                {
                    *key = Some(string);
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    path
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
