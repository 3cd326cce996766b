//! The scenario writer: the model as a `serde_json::Value`, field for field what
//! `#[derive(Serialize)]` wrote (declaration order, AWS names, the same fields left out). The
//! declared types' writers are generated (`declare.rs`) and call the field writers below; every
//! model type's `Serialize` goes through them, so the serializers (pretty, compact, `to_value`)
//! share one copy of the code.

use super::{InvocationType, KafkaKind, Point, RecursiveLoop, Text};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// An object under construction, in field order.
pub(crate) struct Obj(Map<String, Value>);

impl Obj {
    pub(crate) fn new() -> Obj {
        Obj(Map::new())
    }
    pub(crate) fn put(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }
    pub(crate) fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// A string, number, boolean or free JSON value as JSON.
pub(crate) fn scalar<T: Clone + Into<Value>>(value: &T) -> Value {
    value.clone().into()
}

/// Writes the field.
pub(crate) fn always<T: Clone + Into<Value>>(o: &mut Obj, key: &str, value: &T) {
    o.put(key, scalar(value));
}

/// Writes the field when set.
pub(crate) fn some<T: Clone + Into<Value>>(o: &mut Obj, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        o.put(key, scalar(value));
    }
}

/// Writes the field when true.
pub(crate) fn flag(o: &mut Obj, key: &str, value: &bool) {
    if *value {
        o.put(key, Value::Bool(true));
    }
}

/// Writes a list of strings when not empty.
pub(crate) fn strings(o: &mut Obj, key: &str, value: &Vec<String>) {
    if !value.is_empty() {
        o.put(key, scalar(value));
    }
}

/// Writes the field with `write`.
pub(crate) fn with<T>(o: &mut Obj, key: &str, value: &T, write: fn(&T) -> Value) {
    o.put(key, write(value));
}

/// Writes the field with `write`, unless `skip` says it has its default.
pub(crate) fn unless<T>(
    o: &mut Obj,
    key: &str,
    value: &T,
    skip: fn(&T) -> bool,
    write: fn(&T) -> Value,
) {
    if !skip(value) {
        o.put(key, write(value));
    }
}

/// Writes the field with `write` when set.
pub(crate) fn opt<T>(o: &mut Obj, key: &str, value: &Option<T>, write: fn(&T) -> Value) {
    if let Some(value) = value {
        o.put(key, write(value));
    }
}

/// Writes the list, each item with `write`, when not empty.
pub(crate) fn list<T>(o: &mut Obj, key: &str, items: &[T], write: fn(&T) -> Value) {
    if !items.is_empty() {
        o.put(key, Value::Array(items.iter().map(write).collect()));
    }
}

/// Writes the list, each item with `write`, when set (even empty).
pub(crate) fn opt_list<T>(o: &mut Obj, key: &str, items: &Option<Vec<T>>, write: fn(&T) -> Value) {
    if let Some(items) = items {
        o.put(key, Value::Array(items.iter().map(write).collect()));
    }
}

pub(crate) fn text(t: &Text) -> Value {
    match t {
        Text::Empty => Value::Null,
        Text::Plain(text) => Value::String(text.clone()),
        Text::Localized { en, ko } => {
            let mut o = Obj::new();
            always(&mut o, "en", en);
            some(&mut o, "ko", ko);
            o.done()
        }
    }
}

pub(crate) fn layout(layout: &BTreeMap<String, Point>) -> Value {
    let mut o = Obj::new();
    for (arn, at) in layout {
        o.put(arn, at.write());
    }
    o.done()
}

/// An alias's `AdditionalVersionWeights` (a field's writer: it takes the field's type).
#[allow(clippy::ptr_arg)]
pub(crate) fn weights(weights: &Vec<(String, f64)>) -> Value {
    Value::Object(
        weights
            .iter()
            .map(|(version, weight)| (version.clone(), Value::from(*weight)))
            .collect(),
    )
}

pub(crate) fn recursive_loop(r: &RecursiveLoop) -> Value {
    Value::from(match r {
        RecursiveLoop::Terminate => "Terminate",
        RecursiveLoop::Allow => "Allow",
    })
}

pub(crate) fn kafka_kind(k: &KafkaKind) -> Value {
    Value::from(match k {
        KafkaKind::Msk => "MSK",
        KafkaKind::SelfManaged => "SelfManaged",
    })
}

pub(crate) fn invocation_type(t: &InvocationType) -> Value {
    Value::from(t.as_str())
}
