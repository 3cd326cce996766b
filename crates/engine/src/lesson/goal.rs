//! The goal language: predicates over the diagram (links, settings, counts) and over the
//! complete run (how many trace events match, which comes first), combined with `all`, `any`
//! and `not`. This file reads goals; [`super::check`] evaluates them and [`super::words`]
//! writes their sentences.

use super::read::{self, error, one_of, Obj, R};
use super::words;
use crate::diagram::LinkKind;
use crate::record::Condition;
use crate::topology::{Kind, ResourceId, Topology};
use crate::trace::Via;
use serde_json::Value;

/// A short reference to a resource: `function:resize-image`, `queue:image-failures`, or
/// `mapping:process-orders` for the event source mapping that invokes that function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ref {
    /// The kind of resource (`Kind::EventSourceMapping` for `mapping:`).
    pub kind: Kind,
    /// Its name (for a mapping: the name of the function it invokes).
    pub name: String,
}

/// A table of the kinds a learner can draw, by the words the lesson format uses, with any more
/// rows after them.
macro_rules! drawn_kinds {
    ($($extra:expr),*) => {
        &[
            ("function", Kind::Function),
            ("queue", Kind::Queue),
            ("topic", Kind::Topic),
            ("eventBus", Kind::EventBus),
            ("bucket", Kind::Bucket),
            ("kinesisStream", Kind::KinesisStream),
            ("dynamodbStream", Kind::DynamoDbStream),
            ("kafkaTopic", Kind::KafkaTopic),
            ("client", Kind::Client),
            $($extra),*
        ]
    };
}

/// The kinds a learner can draw (and a solution can add).
pub(super) const DRAWN_KINDS: &[(&str, Kind)] = drawn_kinds!();

/// The words before the colon of a reference: the drawn kinds, and `mapping`.
pub(super) const REF_KINDS: &[(&str, Kind)] = drawn_kinds!(("mapping", Kind::EventSourceMapping));

/// Resource kinds a count or a link target names: the drawn kinds, and `eventSourceMapping`.
pub(super) const KINDS: &[(&str, Kind)] =
    drawn_kinds!(("eventSourceMapping", Kind::EventSourceMapping));

impl Ref {
    /// The resource it names in `scenario`, if there is one.
    pub fn resolve(&self, scenario: &crate::Scenario, topology: &Topology) -> Option<ResourceId> {
        if self.kind != Kind::EventSourceMapping {
            return topology.find(self.kind, &self.name);
        }
        let function = topology.find(Kind::Function, &self.name)?;
        let index = scenario
            .event_source_mappings
            .iter()
            .position(|m| topology.find(Kind::Function, &m.function_name) == Some(function))?;
        topology.of_kind(Kind::EventSourceMapping).nth(index)
    }
}

/// Where a link or a delivery goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// This resource.
    Resource(Ref),
    /// Any resource of this kind.
    Kind(Kind),
}

/// A count that must fall in a range (both ends included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// At least this many.
    pub min: Option<u64>,
    /// At most this many.
    pub max: Option<u64>,
}

impl Range {
    /// Whether `n` is in the range.
    pub fn holds(self, n: u64) -> bool {
        self.min.is_none_or(|min| n >= min) && self.max.is_none_or(|max| n <= max)
    }
}

/// What a setting's value must be.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueTest {
    /// Exactly this value.
    Equals(Value),
    /// A number in this range.
    Between(Option<f64>, Option<f64>),
    /// Set (`true`) or left to AWS's default (`false`).
    Present(bool),
}

/// Which trace events a run predicate counts: every field given must match.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Match {
    /// The event kind, as serialized (`delivered`, `retryScheduled`).
    pub kind: &'static str,
    /// Where it happened.
    pub resource: Option<Ref>,
    /// Where it went (deliveries, destinations chosen, failed deliveries, redrives).
    pub target: Option<Target>,
    /// How it got there.
    pub via: Option<Via>,
    /// The record's condition (destinations chosen, discarded batches).
    pub condition: Option<Condition>,
    /// Fields of the delivered body, by JSON pointer, and the value each must have.
    pub body: Vec<(String, Value)>,
    /// Only events up to this virtual time.
    pub within_ms: Option<u64>,
}

/// A goal: predicates combined with all, any and not.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// Every goal holds. At the top of a step, each is one line of the checklist.
    All(Vec<Goal>),
    /// At least one goal holds.
    Any(Vec<Goal>),
    /// The goal does not hold.
    Not(Box<Goal>),
    /// The diagram has a link of this kind from a resource to a target.
    Link {
        /// Where it starts.
        from: Ref,
        /// What it means.
        kind: LinkKind,
        /// Where it ends.
        to: Target,
    },
    /// A setting of a resource has a value.
    Setting {
        /// The resource.
        of: Ref,
        /// A JSON pointer into its scenario form (`/EventInvokeConfig/MaximumRetryAttempts`).
        field: String,
        /// What the value must be.
        test: ValueTest,
    },
    /// The diagram has so many resources of a kind.
    Resources {
        /// The kind.
        kind: Kind,
        /// How many.
        count: Range,
    },
    /// The diagram has so many links of a kind.
    Links {
        /// The kind.
        kind: LinkKind,
        /// How many.
        count: Range,
    },
    /// The run has so many events matching.
    Events {
        /// Which events.
        matching: Match,
        /// How many.
        count: Range,
    },
    /// An event matching `first` happens before one matching `then`.
    Before {
        /// The earlier event.
        first: Match,
        /// The later event.
        then: Match,
    },
}

impl Goal {
    /// Whether any predicate of this goal reads the run.
    pub fn needs_run(&self) -> bool {
        match self {
            Goal::All(goals) | Goal::Any(goals) => goals.iter().any(Goal::needs_run),
            Goal::Not(goal) => goal.needs_run(),
            Goal::Events { .. } | Goal::Before { .. } => true,
            _ => false,
        }
    }

    /// Every resource reference in the goal.
    pub fn refs(&self) -> Vec<&Ref> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<&'a Ref>) {
        let target = |t: &'a Target, out: &mut Vec<&'a Ref>| {
            if let Target::Resource(r) = t {
                out.push(r);
            }
        };
        let matching = |m: &'a Match, out: &mut Vec<&'a Ref>| {
            out.extend(m.resource.iter());
            if let Some(t) = &m.target {
                target(t, out);
            }
        };
        match self {
            Goal::All(goals) | Goal::Any(goals) => {
                goals.iter().for_each(|g| g.collect_refs(out));
            }
            Goal::Not(goal) => goal.collect_refs(out),
            Goal::Link { from, to, .. } => {
                out.push(from);
                target(to, out);
            }
            Goal::Setting { of, .. } => out.push(of),
            Goal::Resources { .. } | Goal::Links { .. } => {}
            Goal::Events { matching: m, .. } => matching(m, out),
            Goal::Before { first, then } => {
                matching(first, out);
                matching(then, out);
            }
        }
    }
}

/// The link kinds, by the names the lesson format uses.
pub(super) const LINK_KINDS: &[(&str, LinkKind)] = &[
    ("syncTrigger", LinkKind::SyncTrigger),
    ("asyncTrigger", LinkKind::AsyncTrigger),
    ("mapping", LinkKind::Mapping),
    ("onSuccess", LinkKind::OnSuccess),
    ("onFailure", LinkKind::OnFailure),
    ("mappingOnFailure", LinkKind::MappingOnFailure),
    ("deadLetterQueue", LinkKind::DeadLetterQueue),
    ("subscription", LinkKind::Subscription),
    ("ruleTarget", LinkKind::RuleTarget),
    ("redrive", LinkKind::Redrive),
];

pub(super) const VIAS: &[(&str, Via)] = &[
    ("onSuccess", Via::OnSuccess),
    ("onFailure", Via::OnFailure),
    ("deadLetterQueue", Via::DeadLetterQueue),
    ("mappingOnFailure", Via::MappingOnFailure),
    ("subscription", Via::Subscription),
    ("ruleTarget", Via::RuleTarget),
    ("notification", Via::Notification),
    ("redrive", Via::Redrive),
    ("input", Via::Input),
];

pub(super) const CONDITIONS: &[(&str, Condition)] = &[
    ("Success", Condition::Success),
    ("RetriesExhausted", Condition::RetriesExhausted),
    ("EventAgeExceeded", Condition::EventAgeExceeded),
    (
        "ZeroReservedConcurrency",
        Condition::ZeroReservedConcurrency,
    ),
    (
        crate::assumptions::RECURSION_CONDITION,
        Condition::RecursiveInvocation,
    ),
    ("RetryAttemptsExhausted", Condition::RetryAttemptsExhausted),
    ("RecordAgeExceeded", Condition::RecordAgeExceeded),
];

/// Reads a reference `kind:name`.
pub(super) fn reference(value: &Value, path: &str) -> R<Ref> {
    let text = read::string(value, path)?;
    let (word, name) = text.split_once(':').ok_or_else(|| {
        error(
            path,
            format!("`{text}` is not a reference: write `kind:name`, e.g. `function:resize-image`"),
        )
    })?;
    let kind = REF_KINDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, k)| *k)
        .ok_or_else(|| {
            let words: Vec<&str> = REF_KINDS.iter().map(|(w, _)| *w).collect();
            error(
                path,
                format!(
                    "unknown kind `{word}` in `{text}`, expected {}",
                    read::list(&words)
                ),
            )
        })?;
    if name.is_empty() {
        return Err(error(path, format!("`{text}` names no resource")));
    }
    Ok(Ref {
        kind,
        name: name.to_string(),
    })
}

fn target(obj: &Obj, resource_key: &str, kind_key: &str) -> R<Option<Target>> {
    let resource = obj
        .opt(resource_key)
        .map(|(v, p)| reference(v, &p))
        .transpose()?;
    let kind = obj
        .opt(kind_key)
        .map(|(v, p)| one_of(v, &p, KINDS))
        .transpose()?;
    match (resource, kind) {
        (Some(_), Some(_)) => Err(error(
            &obj.path,
            format!("give `{resource_key}` or `{kind_key}`, not both"),
        )),
        (Some(r), None) => Ok(Some(Target::Resource(r))),
        (None, Some(k)) => Ok(Some(Target::Kind(k))),
        (None, None) => Ok(None),
    }
}

/// `min`, `max` and `equals` of `obj`, with `default` when none is given.
fn range(obj: &Obj, default: Range) -> R<Range> {
    let equals = obj.opt_u64("equals")?;
    let (min, max) = (obj.opt_u64("min")?, obj.opt_u64("max")?);
    if equals.is_some() && (min.is_some() || max.is_some()) {
        return Err(error(
            &obj.path,
            "give `equals`, or `min` and `max`, not both",
        ));
    }
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            return Err(error(
                &obj.path,
                format!("`min` {min} is above `max` {max}"),
            ));
        }
    }
    Ok(match (equals, min, max) {
        (Some(n), _, _) => Range {
            min: Some(n),
            max: Some(n),
        },
        (None, None, None) => default,
        (None, min, max) => Range { min, max },
    })
}

/// Reads a goal.
pub(super) fn goal(value: &Value, path: &str) -> R<Goal> {
    let (key, inner, path) = read::tag(
        value,
        path,
        &[
            "all",
            "any",
            "not",
            "link",
            "setting",
            "resources",
            "links",
            "events",
            "none",
            "before",
        ],
    )?;
    let path = path.as_str();
    match key {
        "all" | "any" => {
            let goals = read::array(inner, path, goal)?;
            if goals.is_empty() {
                return Err(error(path, format!("`{key}` needs at least one goal")));
            }
            Ok(if key == "all" {
                Goal::All(goals)
            } else {
                Goal::Any(goals)
            })
        }
        "not" => Ok(Goal::Not(Box::new(goal(inner, path)?))),
        "link" => {
            let obj = Obj::new(inner, path, &["from", "kind", "to", "toKind"])?;
            let (from, from_path) = obj.req("from")?;
            let (kind, kind_path) = obj.req("kind")?;
            Ok(Goal::Link {
                from: reference(from, &from_path)?,
                kind: one_of(kind, &kind_path, LINK_KINDS)?,
                to: target(&obj, "to", "toKind")?
                    .ok_or_else(|| error(path, "give `to` or `toKind`"))?,
            })
        }
        "setting" => {
            let obj = Obj::new(
                inner,
                path,
                &["of", "field", "equals", "min", "max", "present"],
            )?;
            let (of, of_path) = obj.req("of")?;
            let field = read::pointer(&obj.string("field")?, &read::key_path(path, "field"))?;
            let number = |key: &str| -> R<Option<f64>> {
                obj.opt(key)
                    .map(|(v, p)| {
                        v.as_f64()
                            .ok_or_else(|| read::wrong_type(v, &p, "a number"))
                    })
                    .transpose()
            };
            let (min, max) = (number("min")?, number("max")?);
            let equals = obj.opt("equals").map(|(v, _)| v.clone());
            let present = obj.opt_bool("present")?;
            let test = match (equals, min.is_some() || max.is_some(), present) {
                (Some(v), false, None) => ValueTest::Equals(v),
                (None, true, None) => ValueTest::Between(min, max),
                (None, false, Some(p)) => ValueTest::Present(p),
                _ => {
                    return Err(error(
                        path,
                        "give one of `equals`, `min`/`max` or `present`",
                    ))
                }
            };
            Ok(Goal::Setting {
                of: reference(of, &of_path)?,
                field,
                test,
            })
        }
        "resources" => {
            let obj = Obj::new(inner, path, &["kind", "equals", "min", "max"])?;
            let (kind, kind_path) = obj.req("kind")?;
            Ok(Goal::Resources {
                kind: one_of(kind, &kind_path, KINDS)?,
                count: range(&obj, AT_LEAST_ONE)?,
            })
        }
        "links" => {
            let obj = Obj::new(inner, path, &["kind", "equals", "min", "max"])?;
            let (kind, kind_path) = obj.req("kind")?;
            Ok(Goal::Links {
                kind: one_of(kind, &kind_path, LINK_KINDS)?,
                count: range(&obj, AT_LEAST_ONE)?,
            })
        }
        "events" => {
            let obj = Obj::new(inner, path, COUNTED_MATCH_FIELDS)?;
            Ok(Goal::Events {
                matching: matching(&obj)?,
                count: range(&obj, AT_LEAST_ONE)?,
            })
        }
        "none" => {
            let obj = Obj::new(inner, path, MATCH_FIELDS)?;
            Ok(Goal::Events {
                matching: matching(&obj)?,
                count: Range {
                    min: None,
                    max: Some(0),
                },
            })
        }
        _ => {
            let obj = Obj::new(inner, path, &["first", "then"])?;
            let (first, first_path) = obj.req("first")?;
            let (then, then_path) = obj.req("then")?;
            Ok(Goal::Before {
                first: matching(&Obj::new(first, &first_path, MATCH_FIELDS)?)?,
                then: matching(&Obj::new(then, &then_path, MATCH_FIELDS)?)?,
            })
        }
    }
}

const AT_LEAST_ONE: Range = Range {
    min: Some(1),
    max: None,
};

/// The fields of a match.
const MATCH_FIELDS: &[&str] = &[
    "kind",
    "resource",
    "target",
    "targetKind",
    "via",
    "condition",
    "body",
    "withinMs",
];

/// The fields of a match with a count.
const COUNTED_MATCH_FIELDS: &[&str] = &[
    "kind",
    "resource",
    "target",
    "targetKind",
    "via",
    "condition",
    "body",
    "withinMs",
    "equals",
    "min",
    "max",
];

fn matching(obj: &Obj) -> R<Match> {
    let (kind, kind_path) = obj.req("kind")?;
    let body = match obj.opt("body") {
        None => Vec::new(),
        Some((Value::Object(fields), path)) => {
            let mut body = Vec::new();
            for (pointer, value) in fields {
                let pointer = read::pointer(pointer, &read::key_path(&path, pointer))?;
                body.push((pointer, value.clone()));
            }
            body
        }
        Some((other, path)) => return Err(read::wrong_type(other, &path, "an object")),
    };
    Ok(Match {
        kind: words::event_kind(kind, &kind_path)?,
        resource: obj
            .opt("resource")
            .map(|(v, p)| reference(v, &p))
            .transpose()?,
        target: target(obj, "target", "targetKind")?,
        via: obj
            .opt("via")
            .map(|(v, p)| one_of(v, &p, VIAS))
            .transpose()?,
        condition: obj
            .opt("condition")
            .map(|(v, p)| one_of(v, &p, CONDITIONS))
            .transpose()?,
        body,
        within_ms: obj.opt_u64("withinMs")?,
    })
}
