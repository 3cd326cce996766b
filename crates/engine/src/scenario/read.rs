//! The scenario reader: builds the model from the `serde_json::Value` that
//! [`Scenario::from_json`] parses first, with the answers `#[derive(Deserialize)]` gave (strict
//! fields, defaults, AWS names, tagged inputs and outcomes, integers kept as written), in far
//! less code: one non-generic function per type instead of visitors monomorphised for every
//! deserializer.
//!
//! Errors carry the JSON path of the offending value and which part of it is at fault, so that
//! [`locate`] can find the line and column serde_json reported for the same mistake.

use super::*;
use serde::de::{Error as _, Unexpected};
use serde_json::Number;

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

type R<T> = Result<T, Fail>;

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

fn string(value: &Value, path: &Path) -> R<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => Err(wrong_type(other, path, "a string")),
    }
}

fn boolean(value: &Value, path: &Path) -> R<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(wrong_type(other, path, "a boolean")),
    }
}

fn float(value: &Value, path: &Path) -> R<f64> {
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

fn int(value: &Value, path: &Path) -> R<i64> {
    integer(value, path, "i64", i64::MIN.into(), i64::MAX.into()).map(|w| w as i64)
}

fn u64_(value: &Value, path: &Path) -> R<u64> {
    integer(value, path, "u64", 0, u64::MAX.into()).map(|w| w as u64)
}

fn u32_(value: &Value, path: &Path) -> R<u32> {
    integer(value, path, "u32", 0, u32::MAX.into()).map(|w| w as u32)
}

/// `null` is `None`, anything else is read by `read`.
fn opt<T>(value: &Value, path: &Path, read: fn(&Value, &Path) -> R<T>) -> R<Option<T>> {
    match value {
        Value::Null => Ok(None),
        other => read(other, path).map(Some),
    }
}

fn list<T>(value: &Value, path: &Path, read: fn(&Value, &Path) -> R<T>) -> R<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(wrong_type(value, path, "a sequence"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &path.index(i))?);
    }
    Ok(out)
}

fn strings(value: &Value, path: &Path) -> R<Vec<String>> {
    list(value, path, string)
}

/// A unit enum written as its name (`"Allow"`), or as `{"Allow": null}`. `content` is true
/// inside tagged inputs, where serde answered some mistakes differently.
fn variant(value: &Value, path: &Path, names: &'static [&'static str], content: bool) -> R<usize> {
    let expected_value = |path: &Path, at| Fail {
        steps: path.steps(),
        at,
        message: "expected value".into(),
    };
    let find = |name: &str, path: &Path, at| {
        names
            .iter()
            .position(|n| *n == name)
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
            let i = find(name, &here, At::Key)?;
            if !unit.is_null() {
                return Err(wrong_type(unit, &here, "unit"));
            }
            if map.len() > 1 {
                return Err(expected_value(&here, At::Value));
            }
            Ok(i)
        }
        _ if content => Err(wrong_type(value, path, "string or map")),
        _ => Err(expected_value(path, At::First)),
    }
}

/// Reads an object's fields in document order: `each(i, value, path)` gets the index in
/// `known` of each field, except `skip` (an enum's tag). Unknown fields are refused.
fn fields<'v>(
    value: &'v Value,
    path: &Path,
    expected: &str,
    known: &'static [&'static str],
    skip: Option<&str>,
    each: &mut dyn FnMut(usize, &'v Value, &Path) -> R<()>,
) -> R<()> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, expected));
    };
    for (key, v) in map {
        if Some(key.as_str()) == skip {
            continue;
        }
        let here = path.key(key);
        match known.iter().position(|k| k == key) {
            Some(i) => each(i, v, &here)?,
            None => {
                return Err(fail(
                    &here,
                    At::Key,
                    serde_json::Error::unknown_field(key, known),
                ))
            }
        }
    }
    Ok(())
}

/// Refuses an object without a required field (`seen` is false).
fn need(seen: bool, path: &Path, name: &'static str) -> R<()> {
    if seen {
        Ok(())
    } else {
        Err(fail(path, At::End, serde_json::Error::missing_field(name)))
    }
}

/// The variant of an internally tagged enum, from its `type` field.
fn tag(value: &Value, path: &Path, expected: &str, names: &'static [&'static str]) -> R<usize> {
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

/// Reads a whole scenario.
pub(crate) fn scenario(value: &Value, path: &Path) -> R<Scenario> {
    const F: &[&str] = &[
        "version",
        "title",
        "description",
        "account",
        "region",
        "seed",
        "startTime",
        "settings",
        "functions",
        "queues",
        "topics",
        "eventBuses",
        "buckets",
        "kinesisStreams",
        "dynamodbTables",
        "kafkaTopics",
        "clients",
        "eventSourceMappings",
        "inputs",
        "layout",
    ];
    let mut s = Scenario::empty();
    let mut version = false;
    fields(value, path, "struct Scenario", F, None, &mut |i, v, p| {
        match i {
            0 => {
                s.version = u32_(v, p)?;
                version = true;
            }
            1 => s.title = text(v, p)?,
            2 => s.description = text(v, p)?,
            3 => s.account = string(v, p)?,
            4 => s.region = string(v, p)?,
            5 => s.seed = u64_(v, p)?,
            6 => s.start_time = string(v, p)?,
            7 => s.settings = settings(v, p)?,
            8 => s.functions = list(v, p, function)?,
            9 => s.queues = list(v, p, queue)?,
            10 => s.topics = list(v, p, topic)?,
            11 => s.event_buses = list(v, p, event_bus)?,
            12 => s.buckets = list(v, p, bucket)?,
            13 => s.kinesis_streams = list(v, p, kinesis_stream)?,
            14 => s.dynamodb_tables = list(v, p, dynamodb_table)?,
            15 => s.kafka_topics = list(v, p, kafka_topic)?,
            16 => s.clients = list(v, p, client)?,
            17 => s.event_source_mappings = list(v, p, event_source_mapping)?,
            18 => s.inputs = list(v, p, input)?,
            _ => s.layout = layout(v, p)?,
        }
        Ok(())
    })?;
    need(version, path, "version")?;
    Ok(s)
}

fn text(value: &Value, path: &Path) -> R<Text> {
    match value {
        Value::Null => return Ok(Text::Empty),
        Value::String(s) => return Ok(Text::Plain(s.clone())),
        Value::Object(map) => {
            let ko = match map.get("ko") {
                None | Some(Value::Null) => Some(None),
                Some(Value::String(ko)) => Some(Some(ko.clone())),
                Some(_) => None,
            };
            if let (Some(Value::String(en)), Some(ko)) = (map.get("en"), ko) {
                return Ok(Text::Localized { en: en.clone(), ko });
            }
        }
        _ => {}
    }
    Err(fail(
        path,
        At::Value,
        serde_json::Error::custom("data did not match any variant of untagged enum Text"),
    ))
}

fn layout(value: &Value, path: &Path) -> R<BTreeMap<String, Point>> {
    let Value::Object(map) = value else {
        return Err(wrong_type(value, path, "a map"));
    };
    let mut out = BTreeMap::new();
    for (key, v) in map {
        out.insert(key.clone(), point(v, &path.key(key))?);
    }
    Ok(out)
}

fn point(value: &Value, path: &Path) -> R<Point> {
    let mut point = Point::default();
    let mut seen = [false; 2];
    fields(
        value,
        path,
        "struct Point",
        &["x", "y"],
        None,
        &mut |i, v, p| {
            seen[i] = true;
            *(if i == 0 { &mut point.x } else { &mut point.y }) = float(v, p)?;
            Ok(())
        },
    )?;
    need(seen[0], path, "x")?;
    need(seen[1], path, "y")?;
    Ok(point)
}

fn settings(value: &Value, path: &Path) -> R<Settings> {
    let mut s = Settings::default();
    fields(
        value,
        path,
        "struct Settings",
        &["maxFunctionTimeoutSeconds"],
        None,
        &mut |_, v, p| {
            s.max_function_timeout_seconds = int(v, p)?;
            Ok(())
        },
    )?;
    Ok(s)
}

/// Reads a function.
pub(crate) fn function(value: &Value, path: &Path) -> R<Function> {
    const F: &[&str] = &[
        "FunctionName",
        "Timeout",
        "ReservedConcurrentExecutions",
        "RecursiveLoop",
        "DeadLetterConfig",
        "EventInvokeConfig",
        "permissions",
        "behavior",
    ];
    let mut f = Function {
        function_name: String::new(),
        timeout: default_timeout(),
        reserved_concurrent_executions: None,
        recursive_loop: RecursiveLoop::Terminate,
        dead_letter_config: None,
        event_invoke_config: None,
        permissions: None,
        behavior: Behavior::default(),
    };
    let mut name = false;
    fields(value, path, "struct Function", F, None, &mut |i, v, p| {
        match i {
            0 => {
                f.function_name = string(v, p)?;
                name = true;
            }
            1 => f.timeout = int(v, p)?,
            2 => f.reserved_concurrent_executions = opt(v, p, int)?,
            3 => {
                f.recursive_loop = match variant(v, p, &["Terminate", "Allow"], false)? {
                    0 => RecursiveLoop::Terminate,
                    _ => RecursiveLoop::Allow,
                }
            }
            4 => f.dead_letter_config = opt(v, p, dead_letter_config)?,
            5 => f.event_invoke_config = opt(v, p, event_invoke_config)?,
            6 => f.permissions = opt(v, p, |v, p| list(v, p, permission))?,
            _ => f.behavior = behavior(v, p)?,
        }
        Ok(())
    })?;
    need(name, path, "FunctionName")?;
    Ok(f)
}

fn dead_letter_config(value: &Value, path: &Path) -> R<DeadLetterConfig> {
    let mut target_arn = None;
    fields(
        value,
        path,
        "struct DeadLetterConfig",
        &["TargetArn"],
        None,
        &mut |_, v, p| {
            target_arn = Some(string(v, p)?);
            Ok(())
        },
    )?;
    match target_arn {
        Some(target_arn) => Ok(DeadLetterConfig { target_arn }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("TargetArn"),
        )),
    }
}

fn event_invoke_config(value: &Value, path: &Path) -> R<EventInvokeConfig> {
    const F: &[&str] = &[
        "MaximumRetryAttempts",
        "MaximumEventAgeInSeconds",
        "DestinationConfig",
    ];
    let mut c = EventInvokeConfig::default();
    fields(
        value,
        path,
        "struct EventInvokeConfig",
        F,
        None,
        &mut |i, v, p| {
            match i {
                0 => c.maximum_retry_attempts = opt(v, p, int)?,
                1 => c.maximum_event_age_in_seconds = opt(v, p, int)?,
                _ => c.destination_config = opt(v, p, destination_config)?,
            }
            Ok(())
        },
    )?;
    Ok(c)
}

fn destination_config(value: &Value, path: &Path) -> R<DestinationConfig> {
    let mut c = DestinationConfig::default();
    fields(
        value,
        path,
        "struct DestinationConfig",
        &["OnSuccess", "OnFailure"],
        None,
        &mut |i, v, p| {
            *(if i == 0 {
                &mut c.on_success
            } else {
                &mut c.on_failure
            }) = opt(v, p, destination)?;
            Ok(())
        },
    )?;
    Ok(c)
}

fn destination(value: &Value, path: &Path) -> R<Destination> {
    let mut d = Destination::default();
    fields(
        value,
        path,
        "struct Destination",
        &["Destination"],
        None,
        &mut |_, v, p| {
            d.destination = opt(v, p, string)?;
            Ok(())
        },
    )?;
    Ok(d)
}

fn permission(value: &Value, path: &Path) -> R<Permission> {
    let mut action = None;
    let mut resource = any_resource();
    fields(
        value,
        path,
        "struct Permission",
        &["Action", "Resource"],
        None,
        &mut |i, v, p| {
            match i {
                0 => action = Some(string(v, p)?),
                _ => resource = string(v, p)?,
            }
            Ok(())
        },
    )?;
    match action {
        Some(action) => Ok(Permission { action, resource }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Action"),
        )),
    }
}

/// Reads a function's `behavior`.
pub(crate) fn behavior(value: &Value, path: &Path) -> R<Behavior> {
    const F: &[&str] = &[
        "outcome",
        "attempts",
        "errorRate",
        "when",
        "failRecords",
        "response",
        "durationMs",
    ];
    let mut b = Behavior::default();
    fields(value, path, "struct Behavior", F, None, &mut |i, v, p| {
        match i {
            0 => b.outcome = outcome(v, p)?,
            1 => b.attempts = list(v, p, outcome)?,
            2 => b.error_rate = float(v, p)?,
            3 => b.when = list(v, p, payload_rule)?,
            4 => b.fail_records = opt(v, p, field_match)?,
            5 => b.response = v.clone(),
            _ => b.duration_ms = u64_(v, p)?,
        }
        Ok(())
    })?;
    Ok(b)
}

fn outcome(value: &Value, path: &Path) -> R<Outcome> {
    const VARIANTS: &[&str] = &["ok", "error", "timeout", "throttle"];
    Ok(
        match tag(value, path, "internally tagged enum Outcome", VARIANTS)? {
            0 => Outcome::Ok,
            1 => {
                let mut error_type = default_error_type();
                let mut error_message = default_error_message();
                fields(
                    value,
                    path,
                    "struct variant Outcome::Error",
                    &["errorType", "errorMessage"],
                    Some("type"),
                    &mut |i, v, p| {
                        *(if i == 0 {
                            &mut error_type
                        } else {
                            &mut error_message
                        }) = string(v, p)?;
                        Ok(())
                    },
                )?;
                Outcome::Error {
                    error_type,
                    error_message,
                }
            }
            2 => Outcome::Timeout,
            _ => Outcome::Throttle,
        },
    )
}

/// `field` and `equals` of a payload rule or a record match, and the rule's `outcome`.
fn matcher(
    value: &Value,
    path: &Path,
    expected: &str,
    known: &'static [&'static str],
) -> R<(String, Value, Option<Outcome>)> {
    let mut field = None;
    let mut equals = None;
    let mut result = None;
    fields(value, path, expected, known, None, &mut |i, v, p| {
        match i {
            0 => field = Some(string(v, p)?),
            1 => equals = Some(v.clone()),
            _ => result = Some(outcome(v, p)?),
        }
        Ok(())
    })?;
    need(field.is_some(), path, "field")?;
    need(equals.is_some(), path, "equals")?;
    if known.len() > 2 {
        need(result.is_some(), path, "outcome")?;
    }
    Ok((
        field.unwrap_or_default(),
        equals.unwrap_or_default(),
        result,
    ))
}

fn payload_rule(value: &Value, path: &Path) -> R<PayloadRule> {
    let (field, equals, outcome) = matcher(
        value,
        path,
        "struct PayloadRule",
        &["field", "equals", "outcome"],
    )?;
    Ok(PayloadRule {
        field,
        equals,
        outcome: outcome.unwrap_or_default(),
    })
}

fn field_match(value: &Value, path: &Path) -> R<FieldMatch> {
    let (field, equals, _) = matcher(value, path, "struct FieldMatch", &["field", "equals"])?;
    Ok(FieldMatch { field, equals })
}

/// Reads a queue.
pub(crate) fn queue(value: &Value, path: &Path) -> R<Queue> {
    const F: &[&str] = &[
        "QueueName",
        "FifoQueue",
        "VisibilityTimeout",
        "RedrivePolicy",
        "MessageRetentionPeriod",
    ];
    let mut q = Queue {
        queue_name: String::new(),
        fifo_queue: false,
        visibility_timeout: default_visibility(),
        message_retention_period: DEFAULT_MESSAGE_RETENTION,
        redrive_policy: None,
    };
    let mut name = false;
    fields(value, path, "struct Queue", F, None, &mut |i, v, p| {
        match i {
            0 => {
                q.queue_name = string(v, p)?;
                name = true;
            }
            1 => q.fifo_queue = boolean(v, p)?,
            2 => q.visibility_timeout = int(v, p)?,
            3 => q.redrive_policy = opt(v, p, redrive_policy)?,
            _ => q.message_retention_period = int(v, p)?,
        }
        Ok(())
    })?;
    need(name, path, "QueueName")?;
    Ok(q)
}

fn redrive_policy(value: &Value, path: &Path) -> R<RedrivePolicy> {
    let mut arn = None;
    let mut count = None;
    fields(
        value,
        path,
        "struct RedrivePolicy",
        &["deadLetterTargetArn", "maxReceiveCount"],
        None,
        &mut |i, v, p| {
            match i {
                0 => arn = Some(string(v, p)?),
                _ => count = Some(int(v, p)?),
            }
            Ok(())
        },
    )?;
    need(arn.is_some(), path, "deadLetterTargetArn")?;
    need(count.is_some(), path, "maxReceiveCount")?;
    Ok(RedrivePolicy {
        dead_letter_target_arn: arn.unwrap_or_default(),
        max_receive_count: count.unwrap_or_default(),
    })
}

/// Reads a topic.
pub(crate) fn topic(value: &Value, path: &Path) -> R<Topic> {
    let mut t = Topic {
        topic_name: String::new(),
        fifo_topic: false,
        subscriptions: Vec::new(),
    };
    let mut name = false;
    fields(
        value,
        path,
        "struct Topic",
        &["TopicName", "FifoTopic", "Subscriptions"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    t.topic_name = string(v, p)?;
                    name = true;
                }
                1 => t.fifo_topic = boolean(v, p)?,
                _ => t.subscriptions = list(v, p, subscription)?,
            }
            Ok(())
        },
    )?;
    need(name, path, "TopicName")?;
    Ok(t)
}

/// Reads an SNS subscription.
pub(crate) fn subscription(value: &Value, path: &Path) -> R<Subscription> {
    let mut protocol = None;
    let mut endpoint = None;
    let mut raw_message_delivery = false;
    fields(
        value,
        path,
        "struct Subscription",
        &["Protocol", "Endpoint", "RawMessageDelivery"],
        None,
        &mut |i, v, p| {
            match i {
                0 => protocol = Some(string(v, p)?),
                1 => endpoint = Some(string(v, p)?),
                _ => raw_message_delivery = boolean(v, p)?,
            }
            Ok(())
        },
    )?;
    need(protocol.is_some(), path, "Protocol")?;
    need(endpoint.is_some(), path, "Endpoint")?;
    Ok(Subscription {
        protocol: protocol.unwrap_or_default(),
        endpoint: endpoint.unwrap_or_default(),
        raw_message_delivery,
    })
}

/// Reads an event bus.
pub(crate) fn event_bus(value: &Value, path: &Path) -> R<EventBus> {
    let mut name = None;
    let mut rules = Vec::new();
    fields(
        value,
        path,
        "struct EventBus",
        &["Name", "Rules"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                _ => rules = list(v, p, rule)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(EventBus { name, rules }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Name"),
        )),
    }
}

/// Reads an EventBridge rule.
pub(crate) fn rule(value: &Value, path: &Path) -> R<Rule> {
    let mut name = None;
    let mut event_pattern = Value::Null;
    let mut targets = Vec::new();
    fields(
        value,
        path,
        "struct Rule",
        &["Name", "EventPattern", "Targets"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                1 => event_pattern = v.clone(),
                _ => targets = strings(v, p)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(Rule {
            name,
            event_pattern,
            targets,
        }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("Name"),
        )),
    }
}

/// Reads a bucket.
pub(crate) fn bucket(value: &Value, path: &Path) -> R<Bucket> {
    let mut name = None;
    let mut configurations = Vec::new();
    fields(
        value,
        path,
        "struct Bucket",
        &["BucketName", "LambdaFunctionConfigurations"],
        None,
        &mut |i, v, p| {
            match i {
                0 => name = Some(string(v, p)?),
                _ => configurations = list(v, p, lambda_notification)?,
            }
            Ok(())
        },
    )?;
    match name {
        Some(bucket_name) => Ok(Bucket {
            bucket_name,
            lambda_function_configurations: configurations,
        }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("BucketName"),
        )),
    }
}

/// Reads an S3 notification to a function.
pub(crate) fn lambda_notification(value: &Value, path: &Path) -> R<LambdaNotification> {
    let mut n = LambdaNotification {
        lambda_function_arn: String::new(),
        events: Vec::new(),
        prefix: String::new(),
        suffix: String::new(),
    };
    let mut arn = false;
    let mut events = false;
    fields(
        value,
        path,
        "struct LambdaNotification",
        &["LambdaFunctionArn", "Events", "Prefix", "Suffix"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    n.lambda_function_arn = string(v, p)?;
                    arn = true;
                }
                1 => {
                    n.events = strings(v, p)?;
                    events = true;
                }
                2 => n.prefix = string(v, p)?,
                _ => n.suffix = string(v, p)?,
            }
            Ok(())
        },
    )?;
    need(arn, path, "LambdaFunctionArn")?;
    if !events {
        n.events = default_s3_events();
    }
    Ok(n)
}

/// The name and shard count of a Kinesis stream or a DynamoDB table.
fn sharded(
    value: &Value,
    path: &Path,
    expected: &str,
    known: &'static [&'static str],
) -> R<(String, i64)> {
    let mut name = None;
    let mut shards = one();
    fields(value, path, expected, known, None, &mut |i, v, p| {
        match i {
            0 => name = Some(string(v, p)?),
            _ => shards = int(v, p)?,
        }
        Ok(())
    })?;
    match name {
        Some(name) => Ok((name, shards)),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field(known[0]),
        )),
    }
}

/// Reads a Kinesis stream.
pub(crate) fn kinesis_stream(value: &Value, path: &Path) -> R<KinesisStream> {
    let (stream_name, shard_count) = sharded(
        value,
        path,
        "struct KinesisStream",
        &["StreamName", "ShardCount"],
    )?;
    Ok(KinesisStream {
        stream_name,
        shard_count,
    })
}

/// Reads a DynamoDB table.
pub(crate) fn dynamodb_table(value: &Value, path: &Path) -> R<DynamoDbTable> {
    let (table_name, shard_count) = sharded(
        value,
        path,
        "struct DynamoDbTable",
        &["TableName", "ShardCount"],
    )?;
    Ok(DynamoDbTable {
        table_name,
        shard_count,
    })
}

/// Reads a Kafka topic.
pub(crate) fn kafka_topic(value: &Value, path: &Path) -> R<KafkaTopic> {
    let mut t = KafkaTopic {
        cluster_name: String::new(),
        cluster_kind: KafkaKind::Msk,
        topic: String::new(),
        partitions: one(),
    };
    let mut seen = [false; 2];
    fields(
        value,
        path,
        "struct KafkaTopic",
        &["ClusterName", "ClusterKind", "Topic", "Partitions"],
        None,
        &mut |i, v, p| {
            match i {
                0 => {
                    t.cluster_name = string(v, p)?;
                    seen[0] = true;
                }
                1 => {
                    t.cluster_kind = match variant(v, p, &["MSK", "SelfManaged"], false)? {
                        0 => KafkaKind::Msk,
                        _ => KafkaKind::SelfManaged,
                    }
                }
                2 => {
                    t.topic = string(v, p)?;
                    seen[1] = true;
                }
                _ => t.partitions = int(v, p)?,
            }
            Ok(())
        },
    )?;
    need(seen[0], path, "ClusterName")?;
    need(seen[1], path, "Topic")?;
    Ok(t)
}

/// Reads a client.
pub(crate) fn client(value: &Value, path: &Path) -> R<Client> {
    let mut name = None;
    fields(
        value,
        path,
        "struct Client",
        &["name"],
        None,
        &mut |_, v, p| {
            name = Some(string(v, p)?);
            Ok(())
        },
    )?;
    match name {
        Some(name) => Ok(Client { name }),
        None => Err(fail(
            path,
            At::End,
            serde_json::Error::missing_field("name"),
        )),
    }
}

/// Reads an event source mapping.
pub(crate) fn event_source_mapping(value: &Value, path: &Path) -> R<EventSourceMapping> {
    const F: &[&str] = &[
        "UUID",
        "EventSourceArn",
        "SelfManagedCluster",
        "Topics",
        "FunctionName",
        "Enabled",
        "BatchSize",
        "MaximumBatchingWindowInSeconds",
        "StartingPosition",
        "MaximumRetryAttempts",
        "MaximumRecordAgeInSeconds",
        "BisectBatchOnFunctionError",
        "ParallelizationFactor",
        "TumblingWindowInSeconds",
        "FunctionResponseTypes",
        "DestinationConfig",
    ];
    let mut m = EventSourceMapping {
        enabled: yes(),
        ..EventSourceMapping::default()
    };
    let mut name = false;
    fields(
        value,
        path,
        "struct EventSourceMapping",
        F,
        None,
        &mut |i, v, p| {
            match i {
                0 => m.uuid = opt(v, p, string)?,
                1 => m.event_source_arn = opt(v, p, string)?,
                2 => m.self_managed_cluster = opt(v, p, string)?,
                3 => m.topics = strings(v, p)?,
                4 => {
                    m.function_name = string(v, p)?;
                    name = true;
                }
                5 => m.enabled = boolean(v, p)?,
                6 => m.batch_size = opt(v, p, int)?,
                7 => m.maximum_batching_window_in_seconds = opt(v, p, int)?,
                8 => m.starting_position = opt(v, p, string)?,
                9 => m.maximum_retry_attempts = opt(v, p, int)?,
                10 => m.maximum_record_age_in_seconds = opt(v, p, int)?,
                11 => m.bisect_batch_on_function_error = opt(v, p, boolean)?,
                12 => m.parallelization_factor = opt(v, p, int)?,
                13 => m.tumbling_window_in_seconds = opt(v, p, int)?,
                14 => m.function_response_types = strings(v, p)?,
                _ => m.destination_config = opt(v, p, destination_config)?,
            }
            Ok(())
        },
    )?;
    need(name, path, "FunctionName")?;
    Ok(m)
}

/// The fields an input may have, by variant; `at` comes first in each.
const INPUT_FIELDS: [&[&str]; 12] = [
    &["at", "FunctionName", "InvocationType", "Payload", "client"],
    &["at", "StreamName", "PartitionKey", "Data"],
    &["at", "TableName", "Item"],
    &["at", "QueueName", "MessageBody", "MessageGroupId"],
    &["at", "TopicName", "Message", "Subject"],
    &["at", "Bucket", "Key", "Size"],
    &["at", "EventBusName", "Source", "DetailType", "Detail"],
    &["at", "ClusterName", "Topic", "Key", "Value"],
    &["at", "FunctionName", "Action"],
    &["at", "Arn"],
    &["at", "FunctionName", "ReservedConcurrentExecutions"],
    &["at", "FunctionName", "Count", "Outcome"],
];

/// Which fields of each variant must be present (bit `i` for field `i`).
const INPUT_REQUIRED: [u8; 12] = [
    0b10, 0b110, 0b110, 0b10, 0b10, 0b110, 0b1110, 0b110, 0b110, 0b10, 0b110, 0b1010,
];

/// Reads one input of the timeline.
pub(crate) fn input(value: &Value, path: &Path) -> R<Input> {
    const VARIANTS: &[&str] = &[
        "invoke",
        "putRecord",
        "putItem",
        "sendMessage",
        "publish",
        "putObject",
        "putEvents",
        "produce",
        "revokePermission",
        "deleteResource",
        "setReservedConcurrency",
        "failNext",
    ];
    let kind = tag(value, path, "internally tagged enum Input", VARIANTS)?;
    let known = INPUT_FIELDS[kind];
    let mut at = 0;
    // The fields after `at`, as read; `Null` where absent.
    let mut got: [Option<&Value>; 5] = [None; 5];
    let mut seen = 0u8;
    fields(
        value,
        path,
        "struct variant",
        known,
        Some("type"),
        &mut |i, v, p| {
            seen |= 1 << i;
            if i == 0 {
                at = u64_(v, p)?;
            } else {
                got[i] = Some(v);
                // Check the types now, in document order, as serde did.
                check_input_field(kind, i, v, p)?;
            }
            Ok(())
        },
    )?;
    for (i, name) in known.iter().enumerate() {
        if INPUT_REQUIRED[kind] & (1 << i) != 0 && seen & (1 << i) == 0 {
            return Err(fail(path, At::End, serde_json::Error::missing_field(name)));
        }
    }
    let free = |i: usize| got[i].cloned().unwrap_or(Value::Null);
    let text = |i: usize| match got[i] {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let maybe = |i: usize| match got[i] {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |i: usize| got[i].and_then(Value::as_i64).unwrap_or_default();
    let here = |i: usize| path.key(known[i]);
    Ok(match kind {
        0 => Input::Invoke {
            at,
            function_name: text(1),
            invocation_type: match got[2] {
                Some(v) => match variant(v, &here(2), INVOCATION_TYPES, true)? {
                    0 => InvocationType::RequestResponse,
                    1 => InvocationType::Event,
                    _ => InvocationType::DryRun,
                },
                None => InvocationType::RequestResponse,
            },
            payload: free(3),
            client: maybe(4),
        },
        1 => Input::PutRecord {
            at,
            stream_name: text(1),
            partition_key: text(2),
            data: free(3),
        },
        2 => Input::PutItem {
            at,
            table_name: text(1),
            item: free(2),
        },
        3 => Input::SendMessage {
            at,
            queue_name: text(1),
            message_body: free(2),
            message_group_id: maybe(3),
        },
        4 => Input::Publish {
            at,
            topic_name: text(1),
            message: free(2),
            subject: maybe(3),
        },
        5 => Input::PutObject {
            at,
            bucket: text(1),
            key: text(2),
            size: match got[3] {
                Some(v) => u64_(v, &here(3))?,
                None => default_object_size(),
            },
        },
        6 => Input::PutEvents {
            at,
            event_bus_name: text(1),
            source: text(2),
            detail_type: text(3),
            detail: free(4),
        },
        7 => Input::Produce {
            at,
            cluster_name: text(1),
            topic: text(2),
            key: maybe(3),
            value: free(4),
        },
        8 => Input::RevokePermission {
            at,
            function_name: text(1),
            action: text(2),
        },
        9 => Input::DeleteResource { at, arn: text(1) },
        10 => Input::SetReservedConcurrency {
            at,
            function_name: text(1),
            reserved_concurrent_executions: number(2),
        },
        _ => Input::FailNext {
            at,
            function_name: text(1),
            count: match got[2] {
                Some(v) => u32_(v, &here(2))?,
                None => one_u32(),
            },
            outcome: match got[3] {
                Some(v) => outcome(v, &here(3))?,
                None => Outcome::Ok,
            },
        },
    })
}

const INVOCATION_TYPES: &[&str] = &["RequestResponse", "Event", "DryRun"];

/// Checks the type of field `i` of input variant `kind`, so that the first error in document
/// order is the one reported.
fn check_input_field(kind: usize, i: usize, v: &Value, p: &Path) -> R<()> {
    match (kind, i) {
        // Free JSON values.
        (0, 3) | (1, 3) | (2, 2) | (3, 2) | (4, 2) | (6, 4) | (7, 4) => Ok(()),
        (0, 2) => variant(v, p, INVOCATION_TYPES, true).map(drop),
        // Optional strings.
        (0, 4) | (3, 3) | (4, 3) | (7, 3) => opt(v, p, string).map(drop),
        (5, 3) => u64_(v, p).map(drop),
        (10, 2) => int(v, p).map(drop),
        (11, 2) => u32_(v, p).map(drop),
        (11, 3) => outcome(v, p).map(drop),
        _ => string(v, p).map(drop),
    }
}

/// Finds the byte offset serde_json would have reported for a failure: `steps` lead from the
/// root of `text` (valid JSON) to the value at fault. Returns the offset just after the part
/// `at` names (or at it, for [`At::Start`]), or `None` when the path is not in the text.
pub(crate) fn locate(text: &str, steps: &[Owned], at: At) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut value = skip_ws(bytes, 0);
    let mut key_end = None;
    for step in steps {
        match step {
            Owned::Key(key) => {
                let (end, start) = find_key(text, value, key)?;
                key_end = Some(end);
                value = start;
            }
            Owned::Index(index) => {
                value = find_index(bytes, value, *index)?;
                key_end = None;
            }
        }
    }
    Some(match at {
        At::Key => key_end?,
        At::Value | At::End => skip_value(bytes, value)?,
        At::Start => value,
        At::First => value + 1,
    })
}

#[inline]
fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The offset just after the string starting at `i` (its opening quote).
#[inline]
fn skip_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The offset just after the value starting at `i`.
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match bytes.get(j)? {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// In the object starting at `i`: the offset just after the last `key` and the offset of its
/// value (serde_json keeps the last of repeated keys).
fn find_key(text: &str, i: usize, key: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    let mut found = None;
    let mut j = skip_ws(bytes, i + 1);
    while bytes.get(j) == Some(&b'"') {
        let end = skip_string(bytes, j)?;
        let raw = text.get(j..end)?;
        let matches = if raw.contains('\\') {
            serde_json::from_str::<String>(raw).ok().as_deref() == Some(key)
        } else {
            &raw[1..raw.len() - 1] == key
        };
        let colon = skip_ws(bytes, end);
        let value = skip_ws(bytes, colon + 1);
        if matches {
            found = Some((end, value));
        }
        j = skip_ws(bytes, skip_value(bytes, value)?);
        if bytes.get(j) != Some(&b',') {
            break;
        }
        j = skip_ws(bytes, j + 1);
    }
    found
}

/// In the array starting at `i`: the offset of element `index`.
fn find_index(bytes: &[u8], i: usize, index: usize) -> Option<usize> {
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let mut j = skip_ws(bytes, i + 1);
    for _ in 0..index {
        j = skip_ws(bytes, skip_value(bytes, j)?);
        if bytes.get(j) != Some(&b',') {
            return None;
        }
        j = skip_ws(bytes, j + 1);
    }
    Some(j)
}

/// 1-based line and the column serde_json reports for byte offset `offset` (the number of
/// bytes before it on its line).
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = match before.iter().rposition(|&b| b == b'\n') {
        Some(newline) => before.len() - newline - 1,
        None => before.len(),
    };
    (line, column)
}

/// Reads one model type through [`scenario`]'s rules, for code that builds part of a scenario
/// from JSON (the editor, the importers). The error is the message serde_json gave.
pub(crate) fn part<T>(value: &Value, read: fn(&Value, &Path) -> R<T>) -> Result<T, String> {
    read(value, &ROOT).map_err(|fail| fail.message)
}

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
