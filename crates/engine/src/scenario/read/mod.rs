//! The scenario reader: builds the model from the `serde_json::Value` that
//! [`Scenario::from_json`] parses first, with the answers `#[derive(Deserialize)]` gave (strict
//! fields, defaults, AWS names, tagged inputs and outcomes, integers kept as written), in far
//! less code: one non-generic function per type instead of visitors monomorphised for every
//! deserializer.
//!
//! Errors carry the JSON path of the offending value and which part of it is at fault, so that
//! [`locate`] can find the line and column serde_json reported for the same mistake.
//!
//! The readers of the model's types are generated from their declarations (`declare.rs`); this
//! module holds what they call:
//!
//! - this module: paths, failures, and the readers of plain values, lists, variants and fields;
//! - `values.rs`: the values that are not declared structs (texts, layout, weights, unit enums);
//! - `locate.rs`: finding the line and column of a failure in the text;
//! - `duplicate.rs`: finding repeated fields, which a `serde_json::Value` cannot show.

mod duplicate;
mod locate;
mod values;

pub(crate) use duplicate::duplicate;
pub(crate) use locate::{line_and_column, locate};
pub(crate) use values::{invocation_type, kafka_kind, layout, recursive_loop, text, weights};

use serde::de::{Error as _, Unexpected};
use serde_json::{Number, Value};

/// One step from the document's root to a value.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path of the value being read, as a chain of borrowed steps (nothing is allocated unless
/// an error is reported).
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    up: Option<&'a Path<'a>>,
    step: Option<Step<'a>>,
}

/// The root of a document.
pub(crate) const ROOT: Path<'static> = Path {
    up: None,
    step: None,
};

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            up: Some(self),
            step: Some(Step::Key(key)),
        }
    }
    fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            up: Some(self),
            step: Some(Step::Index(index)),
        }
    }
    fn steps(&self) -> Vec<Owned> {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(path) = at {
            match path.step {
                Some(Step::Key(key)) => steps.push(Owned::Key(key.to_string())),
                Some(Step::Index(index)) => steps.push(Owned::Index(index)),
                None => {}
            }
            at = path.up;
        }
        steps.reverse();
        steps
    }
}

/// A step of a reported path.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Owned {
    Key(String),
    Index(usize),
}

/// Which part of the value at the path is at fault; decides the reported line and column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum At {
    /// The key (an unknown field): just after its closing quote.
    Key,
    /// The whole value (a wrong type or value): just after its last character.
    Value,
    /// A container value of the wrong type: just before it.
    Start,
    /// A value that is not a value of the expected kind at all: its first character.
    First,
    /// An object missing a field: just after its closing brace.
    End,
}

/// Why a value could not be read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fail {
    pub(crate) steps: Vec<Owned>,
    pub(crate) at: At,
    pub(crate) message: String,
}

impl Fail {
    /// The failure as a serde error, for `Deserialize` impls.
    pub(crate) fn into_error<E: serde::de::Error>(self) -> E {
        E::custom(self.message)
    }

    /// The path as the app shows it: `functions[0].EventInvokeConfig`.
    pub(crate) fn path(&self) -> String {
        let mut path = String::new();
        for step in &self.steps {
            match step {
                Owned::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Owned::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        path
    }
}

/// A reader's result.
pub(crate) type R<T> = Result<T, Fail>;

fn fail(path: &Path, at: At, error: serde_json::Error) -> Fail {
    Fail {
        steps: path.steps(),
        at,
        message: error.to_string(),
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => number_unexpected(n),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn number_unexpected(n: &Number) -> Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        Unexpected::Signed(i)
    } else {
        Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// "invalid type: ..., expected `expected`", placed as serde_json placed it: after a scalar,
/// before an array or object.
fn wrong_type(value: &Value, path: &Path, expected: &str) -> Fail {
    let at = match value {
        Value::Array(_) | Value::Object(_) => At::Start,
        _ => At::Value,
    };
    fail(
        path,
        at,
        serde_json::Error::invalid_type(unexpected(value), &expected),
    )
}

pub(crate) fn string(value: &Value, path: &Path) -> R<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong_type(other, path, "a string")),
    }
}

pub(crate) fn boolean(value: &Value, path: &Path) -> R<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(wrong_type(other, path, "a boolean")),
    }
}

pub(crate) fn float(value: &Value, path: &Path) -> R<f64> {
    match value {
        Value::Number(n) => Ok(n.as_f64().unwrap_or_default()),
        other => Err(wrong_type(other, path, "f64")),
    }
}

/// An integer between `min` and `max`, named `expected` in errors (`i64`, `u64`, `u32`).
fn integer(value: &Value, path: &Path, expected: &str, min: i128, max: i128) -> R<i128> {
    let Value::Number(n) = value else {
        return Err(wrong_type(value, path, expected));
    };
    let whole = n.as_i64().map(i128::from).or(n.as_u64().map(i128::from));
    match whole {
        Some(w) if (min..=max).contains(&w) => Ok(w),
        Some(_) => Err(fail(
            path,
            At::Value,
            serde_json::Error::invalid_value(number_unexpected(n), &expected),
        )),
        None => Err(wrong_type(value, path, expected)),
    }
}

pub(crate) fn int(value: &Value, path: &Path) -> R<i64> {
    integer(value, path, "i64", i64::MIN.into(), i64::MAX.into()).map(|w| w as i64)
}

pub(crate) fn u64_(value: &Value, path: &Path) -> R<u64> {
    integer(value, path, "u64", 0, u64::MAX.into()).map(|w| w as u64)
}

pub(crate) fn u32_(value: &Value, path: &Path) -> R<u32> {
    integer(value, path, "u32", 0, u32::MAX.into()).map(|w| w as u32)
}

/// `null` is `None`, anything else is read by `read`.
pub(crate) fn opt<T>(value: &Value, path: &Path, read: fn(&Value, &Path) -> R<T>) -> R<Option<T>> {
    match value {
        Value::Null => Ok(None),
        other => read(other, path).map(Some),
    }
}

pub(crate) fn list<T>(value: &Value, path: &Path, read: fn(&Value, &Path) -> R<T>) -> R<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(wrong_type(value, path, "a sequence"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &path.index(i))?);
    }
    Ok(out)
}

pub(crate) fn strings(value: &Value, path: &Path) -> R<Vec<String>> {
    list(value, path, string)
}

/// A unit enum written as its name (`"Allow"`), or as `{"Allow": null}`. `content` is true
/// inside tagged inputs, where serde answered some mistakes differently. Returns the name.
fn variant(
    value: &Value,
    path: &Path,
    names: &'static [&'static str],
    content: bool,
) -> R<&'static str> {
    let expected_value = |path: &Path, at| Fail {
        steps: path.steps(),
        at,
        message: "expected value".into(),
    };
    let find = |name: &str, path: &Path, at| {
        names
            .iter()
            .find(|n| **n == name)
            .copied()
            .ok_or_else(|| fail(path, at, serde_json::Error::unknown_variant(name, names)))
    };
    match value {
        Value::String(name) => find(name, path, At::Value),
        Value::Object(map) if content && map.len() != 1 => Err(fail(
            path,
            At::Start,
            serde_json::Error::invalid_value(Unexpected::Map, &"map with a single key"),
        )),
        Value::Object(map) => {
            let Some((name, unit)) = map.iter().next() else {
                return Err(expected_value(path, At::Value));
            };
            let here = path.key(name);
            let found = find(name, &here, At::Key)?;
            if !unit.is_null() {
                return Err(wrong_type(unit, &here, "unit"));
            }
            if map.len() > 1 {
                return Err(expected_value(&here, At::Value));
            }
            Ok(found)
        }
        _ if content => Err(wrong_type(value, path, "string or map")),
        _ => Err(expected_value(path, At::First)),
    }
}

/// Stores a field's value, or passes its failure on: one copy per field type rather than one
/// per field.
#[inline(never)]
pub(crate) fn store<T>(slot: &mut T, read: R<T>) -> R<()> {
    *slot = read?;
    Ok(())
}

/// A value kept as written (payloads, responses, patterns).
pub(crate) fn free(value: &Value, _: &Path) -> R<Value> {
    Ok(value.clone())
}

/// A value read by `read` (a declared type's reader).
pub(crate) fn with<T>(value: &Value, path: &Path, read: fn(&Value, &Path) -> R<T>) -> R<T> {
    read(value, path)
}

/// `null` is `None`, anything else a list read by `read`.
pub(crate) fn opt_list<T>(
    value: &Value,
    path: &Path,
    read: fn(&Value, &Path) -> R<T>,
) -> R<Option<Vec<T>>> {
    match value {
        Value::Null => Ok(None),
        other => list(other, path, read).map(Some),
    }
}

/// The most fields a declared type may have (one bit each in `fields`).
pub(crate) const MAX_FIELDS: usize = 64;

/// Reads an object's fields in document order: `each(i, value, path)` gets the index in `keys`
/// of each field, except `skip` (an enum's tag). Unknown fields are refused, then the first
/// absent `required` one (in the order of `keys`).
pub(crate) fn fields(
    value: &Value,
    path: &Path,
    expected: &str,
    keys: &'static [&'static str],
    required: &[bool],
    skip: Option<&str>,
    each: &mut dyn FnMut(usize, &Value, &Path) -> R<()>,
) -> R<()> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, expected));
    };
    let mut seen = 0u64;
    for (key, v) in map {
        if Some(key.as_str()) == skip {
            continue;
        }
        let here = path.key(key);
        match keys.iter().position(|k| k == key) {
            Some(i) => {
                seen |= 1 << i;
                each(i, v, &here)?;
            }
            None => {
                return Err(fail(
                    &here,
                    At::Key,
                    serde_json::Error::unknown_field(key, keys),
                ))
            }
        }
    }
    for (i, (key, required)) in keys.iter().zip(required).enumerate() {
        if *required && seen & (1 << i) == 0 {
            return Err(fail(path, At::End, serde_json::Error::missing_field(key)));
        }
    }
    Ok(())
}

/// A variant of a `tagged!` enum: its value before any field is read, and its fields.
pub(crate) struct Variant<T: 'static> {
    pub(crate) make: fn() -> T,
    pub(crate) keys: &'static [&'static str],
    pub(crate) required: &'static [bool],
}

/// The variant of an internally tagged enum, from its `type` field.
pub(crate) fn tag(
    value: &Value,
    path: &Path,
    expected: &str,
    names: &'static [&'static str],
) -> R<usize> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, expected));
    };
    let Some(tag) = map.get("type") else {
        return Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("type"),
        ));
    };
    let here = path.key("type");
    match tag {
        Value::String(name) => names.iter().position(|n| n == name).ok_or_else(|| {
            fail(
                &here,
                At::Value,
                serde_json::Error::unknown_variant(name, names),
            )
        }),
        other => Err(wrong_type(other, &here, "variant identifier")),
    }
}

/// Reads one model type through [`scenario`]'s rules, for code that builds part of a scenario
/// from JSON (the editor, the importers). The error is the message serde_json gave.
pub(crate) fn part<T>(value: &Value, read: fn(&Value, &Path) -> R<T>) -> Result<T, String> {
    read(value, &ROOT).map_err(|fail| fail.message)
}
