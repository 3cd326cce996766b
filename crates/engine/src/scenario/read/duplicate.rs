//! The duplicate-field check: a `serde_json::Value` keeps only the last of repeated keys, so
//! the text is scanned for a repeated field of the model, which serde refused.

use super::locate::{find_key, skip_string, skip_value, skip_ws};
use super::{line_and_column, At, Fail, Owned};
use crate::scenario::ParseError;
/// How the duplicate-key check treats an object.
#[derive(Clone, Copy, PartialEq)]
enum Keys {
    /// A model struct: serde refused a repeated field.
    Struct,
    /// `layout`: a map whose values are structs (a repeated key keeps the last).
    Map,
    /// A title or description: a repeated `en` or `ko` matched no form of the text.
    Text,
    /// Free JSON (payloads, responses, patterns): anything goes.
    Free,
}

/// Fields that hold free JSON.
const FREE: &[&str] = &[
    "Payload",
    "Data",
    "Item",
    "MessageBody",
    "Message",
    "Detail",
    "Value",
    "response",
    "equals",
    "EventPattern",
];

/// A repeated field of the model: its path, the offset serde_json reported and the message.
pub(crate) struct Duplicate {
    pub(crate) steps: Vec<Owned>,
    pub(crate) offset: usize,
    pub(crate) message: String,
}

impl Duplicate {
    /// The error the app shows.
    pub(crate) fn into_error(self, text: &str) -> ParseError {
        let (line, column) = line_and_column(text, self.offset);
        let path = Fail {
            steps: self.steps,
            at: At::Key,
            message: String::new(),
        }
        .path();
        ParseError {
            path,
            line,
            column,
            message: self.message,
        }
    }
}

/// The first repeated field of the model in `text` (valid JSON), in document order. A
/// `serde_json::Value` keeps only the last of repeated keys, so the reader cannot see them.
pub(crate) fn duplicate(text: &str) -> Option<Duplicate> {
    let mut scan = Scan {
        text,
        steps: Vec::new(),
    };
    let start = skip_ws(text.as_bytes(), 0);
    scan.value(start, Keys::Struct, true).err()
}

struct Scan<'t> {
    text: &'t str,
    /// The path to the value being scanned; keys borrow the text unless they have escapes, so
    /// a scan allocates almost nothing.
    steps: Vec<ScanStep<'t>>,
}

/// A step of [`Scan`]'s path.
enum ScanStep<'t> {
    Key(std::borrow::Cow<'t, str>),
    Index(usize),
}

impl<'t> Scan<'t> {
    /// Scans the value at `i`; returns the offset after it.
    fn value(&mut self, i: usize, keys: Keys, root: bool) -> Result<usize, Duplicate> {
        let bytes = self.text.as_bytes();
        let end = || skip_value(bytes, i).unwrap_or(bytes.len());
        match bytes.get(i) {
            Some(b'{') if keys != Keys::Free => self.object(i, keys, root),
            Some(b'[') if keys != Keys::Free => {
                let mut j = skip_ws(bytes, i + 1);
                let mut index = 0;
                while !matches!(bytes.get(j), Some(b']') | None) {
                    self.steps.push(ScanStep::Index(index));
                    j = skip_ws(bytes, self.value(j, keys, false)?);
                    self.steps.pop();
                    if bytes.get(j) == Some(&b',') {
                        j = skip_ws(bytes, j + 1);
                    }
                    index += 1;
                }
                Ok(j + 1)
            }
            _ => Ok(end()),
        }
    }

    fn object(&mut self, i: usize, keys: Keys, root: bool) -> Result<usize, Duplicate> {
        let bytes = self.text.as_bytes();
        let text: &'t str = self.text;
        let mut seen: Vec<std::borrow::Cow<'t, str>> = Vec::new();
        let mut j = skip_ws(bytes, i + 1);
        while bytes.get(j) == Some(&b'"') {
            let key_end = skip_string(bytes, j).unwrap_or(bytes.len());
            let raw = text.get(j..key_end).unwrap_or("\"\"");
            let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            let key: std::borrow::Cow<'t, str> = if inner.contains('\\') {
                std::borrow::Cow::Owned(serde_json::from_str::<String>(raw).unwrap_or_default())
            } else {
                std::borrow::Cow::Borrowed(inner)
            };
            let colon = skip_ws(bytes, key_end);
            let value = skip_ws(bytes, colon + 1);
            // No part of the model has more than 20 fields: past that the reader refuses an
            // unknown one, and the check would only cost time.
            if seen.len() <= 32 && seen.contains(&key) {
                self.repeated(i, &key, keys, colon)?;
            }
            let child = match keys {
                Keys::Struct if FREE.contains(&key.as_ref()) => Keys::Free,
                Keys::Struct if root && key == "layout" => Keys::Map,
                Keys::Struct if root && (key == "title" || key == "description") => Keys::Text,
                Keys::Struct | Keys::Map => Keys::Struct,
                Keys::Text | Keys::Free => Keys::Free,
            };
            self.steps.push(ScanStep::Key(key.clone()));
            j = skip_ws(bytes, self.value(value, child, false)?);
            self.steps.pop();
            if seen.len() <= 32 {
                seen.push(key);
            }
            if bytes.get(j) == Some(&b',') {
                j = skip_ws(bytes, j + 1);
            }
        }
        Ok(j + 1)
    }

    /// `key` appears again at `colon` in the object at `i`: an error where serde gave one.
    fn repeated(&self, i: usize, key: &str, keys: Keys, colon: usize) -> Result<(), Duplicate> {
        let bytes = self.text.as_bytes();
        let mut steps: Vec<Owned> = self
            .steps
            .iter()
            .map(|step| match step {
                ScanStep::Key(key) => Owned::Key(key.to_string()),
                ScanStep::Index(index) => Owned::Index(*index),
            })
            .collect();
        let (offset, message) = match keys {
            Keys::Text if key == "en" || key == "ko" => (
                skip_value(bytes, i).unwrap_or(colon),
                "data did not match any variant of untagged enum Text".to_string(),
            ),
            Keys::Struct => {
                // An `ok`, `timeout` or `throttle` outcome ignores its other fields.
                let unit = find_key(self.text, i, "type")
                    .and_then(|(_, v)| self.text.get(v..skip_value(bytes, v)?))
                    .is_some_and(|t| matches!(t, "\"ok\"" | "\"timeout\"" | "\"throttle\""));
                if unit && key != "type" {
                    return Ok(());
                }
                steps.push(Owned::Key(key.to_string()));
                (colon, format!("duplicate field `{key}`"))
            }
            _ => return Ok(()),
        };
        Err(Duplicate {
            steps,
            offset,
            message,
        })
    }
}
