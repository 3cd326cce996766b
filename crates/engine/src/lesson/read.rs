//! A strict reader for lesson files: every object is read field by field, an unknown field is
//! refused with its path (`steps[2].goal.all[0].link.too`), and every text must be given in
//! English and Korean.

use super::{Tr, MAX_TEXT};
use serde_json::{Map, Value};
use std::fmt;

/// Why a lesson file could not be read: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The JSON path of the offending value (`steps[0].hints[1].ko`); empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LessonError {}

pub(super) type R<T> = Result<T, LessonError>;

/// An error at `path`.
pub(super) fn error(path: &str, message: impl Into<String>) -> LessonError {
    LessonError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// The path of a field of the object at `path`.
pub(super) fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The path of an item of the array at `path`.
pub(super) fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// What a JSON value is, for messages: "a string", "an array".
fn what(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// "expected X, found Y" at `path`.
pub(super) fn wrong_type(value: &Value, path: &str, expected: &str) -> LessonError {
    error(path, format!("expected {expected}, found {}", what(value)))
}

/// An object being read: each field is taken once, and [`Obj::finish`] refuses the rest.
pub(super) struct Obj<'a> {
    map: &'a Map<String, Value>,
    /// The object's own path.
    pub path: String,
    known: &'static [&'static str],
}

impl<'a> Obj<'a> {
    /// Reads `value` at `path` as an object whose fields are `known`; any other field is an
    /// error naming it.
    pub fn new(value: &'a Value, path: &str, known: &'static [&'static str]) -> R<Obj<'a>> {
        let Value::Object(map) = value else {
            return Err(wrong_type(value, path, "an object"));
        };
        if let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(error(
                &key_path(path, unknown),
                format!("unknown field `{unknown}`, expected one of {}", list(known)),
            ));
        }
        Ok(Obj {
            map,
            path: path.to_string(),
            known,
        })
    }

    /// The field `key` and its path, when present.
    pub fn opt(&self, key: &str) -> Option<(&'a Value, String)> {
        debug_assert!(self.known.contains(&key), "{key} is not a known field");
        self.map.get(key).map(|v| (v, key_path(&self.path, key)))
    }

    /// The field `key` and its path; missing is an error.
    pub fn req(&self, key: &str) -> R<(&'a Value, String)> {
        self.opt(key)
            .ok_or_else(|| error(&self.path, format!("missing field `{key}`")))
    }

    /// A required string field.
    pub fn string(&self, key: &str) -> R<String> {
        let (value, path) = self.req(key)?;
        string(value, &path)
    }

    /// An optional string field.
    pub fn opt_string(&self, key: &str) -> R<Option<String>> {
        self.opt(key).map(|(v, p)| string(v, &p)).transpose()
    }

    /// A required text in both languages.
    pub fn text(&self, key: &str) -> R<Tr> {
        let (value, path) = self.req(key)?;
        text(value, &path)
    }

    /// An optional text in both languages.
    pub fn opt_text(&self, key: &str) -> R<Option<Tr>> {
        self.opt(key).map(|(v, p)| text(v, &p)).transpose()
    }

    /// An optional whole number field.
    pub fn opt_u64(&self, key: &str) -> R<Option<u64>> {
        self.opt(key).map(|(v, p)| whole(v, &p)).transpose()
    }

    /// An optional boolean field.
    pub fn opt_bool(&self, key: &str) -> R<Option<bool>> {
        self.opt(key)
            .map(|(v, p)| {
                v.as_bool()
                    .ok_or_else(|| wrong_type(v, &p, "true or false"))
            })
            .transpose()
    }

    /// An optional array field, each item read by `item`; absent is empty.
    pub fn list<T>(&self, key: &str, item: impl Fn(&'a Value, &str) -> R<T>) -> R<Vec<T>> {
        match self.opt(key) {
            None => Ok(Vec::new()),
            Some((value, path)) => array(value, &path, item),
        }
    }
}

/// Reads every item of the array `value` with `item`.
pub(super) fn array<'a, T>(
    value: &'a Value,
    path: &str,
    item: impl Fn(&'a Value, &str) -> R<T>,
) -> R<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(wrong_type(value, path, "an array"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| item(v, &index_path(path, i)))
        .collect()
}

/// A string.
pub(super) fn string(value: &Value, path: &str) -> R<String> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong_type(value, path, "a string"))
}

/// A JSON pointer (`/EventInvokeConfig/MaximumRetryAttempts`).
pub(super) fn pointer(text: &str, path: &str) -> R<String> {
    if text.starts_with('/') {
        Ok(text.to_string())
    } else {
        Err(error(
            path,
            format!("`{text}` is not a JSON pointer: start it with `/`"),
        ))
    }
}

/// A whole number (0 or more).
pub(super) fn whole(value: &Value, path: &str) -> R<u64> {
    value
        .as_u64()
        .ok_or_else(|| wrong_type(value, path, "a whole number"))
}

/// A text in both languages: `{"en": "…", "ko": "…"}`, neither empty.
pub(super) fn text(value: &Value, path: &str) -> R<Tr> {
    let obj = Obj::new(value, path, &["en", "ko"])?;
    let one = |key: &str| -> R<String> {
        let text = obj.string(key).map_err(|e| {
            if obj.opt(key).is_none() {
                let language = if key == "en" { "English" } else { "Korean" };
                error(path, format!("missing the {language} text (`{key}`)"))
            } else {
                e
            }
        })?;
        if text.trim().is_empty() {
            return Err(error(&key_path(path, key), "the text is empty"));
        }
        if text.len() > MAX_TEXT {
            return Err(error(
                &key_path(path, key),
                format!("the text is longer than {MAX_TEXT} bytes"),
            ));
        }
        Ok(text)
    };
    Ok(Tr {
        en: one("en")?,
        ko: one("ko")?,
    })
}

/// Names as a message lists them: "`a`, `b` or `c`".
pub(super) fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// One of `names`, or an error listing them.
pub(super) fn one_of<T: Copy>(value: &Value, path: &str, table: &[(&'static str, T)]) -> R<T> {
    let text = string(value, path)?;
    table
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            error(
                path,
                format!("unknown value `{text}`, expected {}", list(&names)),
            )
        })
}

/// The single key of a one-key object (`{"all": […]}`), which must be one of `known`.
pub(super) fn tag<'a>(
    value: &'a Value,
    path: &str,
    known: &'static [&'static str],
) -> R<(&'a str, &'a Value, String)> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, "an object"));
    };
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((key, inner)), None) if known.contains(&key.as_str()) => {
            Ok((key.as_str(), inner, key_path(path, key)))
        }
        (Some((key, _)), None) => Err(error(
            &key_path(path, key),
            format!("unknown field `{key}`, expected one of {}", list(known)),
        )),
        _ => Err(error(
            path,
            format!("expected an object with exactly one of {}", list(known)),
        )),
    }
}
