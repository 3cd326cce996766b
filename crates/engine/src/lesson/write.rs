//! Writing a lesson back to its file format: the inverse of the reader, so that a lesson recorded
//! in the playground is a file an author can edit and `destinations lesson check` reads.
//! Reading what this writes gives the same lesson (tested on every shipped lesson).

use super::goal::{self, Goal, Match, Range, Ref, Target, ValueTest};
use super::{Change, Intro, Lesson, Pause, Start, Step, Tr, Wrong, FORMAT_VERSION};
use serde_json::{json, Map, Value};

/// The lesson as pretty JSON, in the field order of `docs/lesson-format.md`.
pub fn to_json(lesson: &Lesson) -> String {
    serde_json::to_string_pretty(&lesson_value(lesson))
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn lesson_value(lesson: &Lesson) -> Value {
    let mut out = Map::new();
    out.insert("version".into(), json!(FORMAT_VERSION));
    out.insert("id".into(), json!(lesson.id));
    out.insert("title".into(), text(&lesson.title));
    out.insert("summary".into(), text(&lesson.summary));
    out.insert("minutes".into(), json!(lesson.minutes));
    out.insert(
        "start".into(),
        match &lesson.start {
            Start::Gallery(file) => json!({ "gallery": file }),
            Start::Scenario(scenario) => json!({
                "scenario": serde_json::to_value(&**scenario).unwrap_or(Value::Null)
            }),
        },
    );
    let locks = &lesson.locks;
    if !locks.resources.is_empty() || !locks.tools.is_empty() {
        let mut map = Map::new();
        if !locks.resources.is_empty() {
            map.insert("resources".into(), refs(&locks.resources));
        }
        if !locks.tools.is_empty() {
            map.insert("tools".into(), json!(locks.tools));
        }
        out.insert("locks".into(), Value::Object(map));
    }
    if let Some(intro) = &lesson.intro {
        out.insert("intro".into(), intro_value(intro));
    }
    out.insert(
        "steps".into(),
        Value::Array(lesson.steps.iter().map(step_value).collect()),
    );
    if !lesson.wrong.is_empty() {
        out.insert(
            "wrong".into(),
            Value::Array(lesson.wrong.iter().map(wrong_value).collect()),
        );
    }
    if let Some(next) = &lesson.next {
        out.insert("next".into(), json!(next));
    }
    Value::Object(out)
}

fn text(tr: &Tr) -> Value {
    json!({ "en": tr.en, "ko": tr.ko })
}

fn intro_value(intro: &Intro) -> Value {
    let mut out = Map::new();
    out.insert("text".into(), text(&intro.text));
    match intro.pause {
        Some(Pause::AtMs(ms)) => {
            out.insert("pauseAtMs".into(), json!(ms));
        }
        Some(Pause::OnKind(kind)) => {
            out.insert("pauseOn".into(), json!(kind));
        }
        None => {}
    }
    Value::Object(out)
}

fn step_value(step: &Step) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(step.id));
    out.insert("title".into(), text(&step.title));
    out.insert("text".into(), text(&step.text));
    out.insert("goal".into(), goal_value(&step.goal));
    if !step.hints.is_empty() {
        out.insert(
            "hints".into(),
            Value::Array(step.hints.iter().map(text).collect()),
        );
    }
    out.insert("explain".into(), text(&step.explain));
    if let Some(notes) = &step.notes {
        out.insert("notes".into(), text(notes));
    }
    if !step.gate {
        out.insert("gate".into(), json!(false));
    }
    if !step.solution.is_empty() {
        out.insert("solution".into(), changes(&step.solution));
    }
    Value::Object(out)
}

fn wrong_value(wrong: &Wrong) -> Value {
    json!({ "why": wrong.why, "edits": changes(&wrong.edits), "fails": wrong.fails })
}

fn word<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(w, _)| w)
}

/// `kind:name`, as the reader reads it.
pub(super) fn reference(r: &Ref) -> String {
    format!("{}:{}", word(goal::REF_KINDS, r.kind), r.name)
}

fn refs(list: &[Ref]) -> Value {
    Value::Array(list.iter().map(|r| json!(reference(r))).collect())
}

/// Writes a target as `to`/`target` (a resource) or `toKind`/`targetKind` (a kind).
fn put_target(out: &mut Map<String, Value>, target: &Target, resource_key: &str, kind_key: &str) {
    match target {
        Target::Resource(r) => out.insert(resource_key.into(), json!(reference(r))),
        Target::Kind(k) => out.insert(kind_key.into(), json!(word(goal::KINDS, *k))),
    };
}

/// `equals`, or `min` and `max`; nothing for the reader's default (at least one).
fn put_range(out: &mut Map<String, Value>, count: Range) {
    match (count.min, count.max) {
        (Some(min), Some(max)) if min == max => {
            out.insert("equals".into(), json!(min));
        }
        (Some(1), None) => {}
        (min, max) => {
            if let Some(min) = min {
                out.insert("min".into(), json!(min));
            }
            if let Some(max) = max {
                out.insert("max".into(), json!(max));
            }
        }
    }
}

/// A goal, as the reader reads it.
pub(super) fn goal_value(goal: &Goal) -> Value {
    match goal {
        Goal::All(goals) => json!({ "all": goals.iter().map(goal_value).collect::<Vec<_>>() }),
        Goal::Any(goals) => json!({ "any": goals.iter().map(goal_value).collect::<Vec<_>>() }),
        Goal::Not(inner) => json!({ "not": goal_value(inner) }),
        Goal::Link { from, kind, to } => {
            let mut out = Map::new();
            out.insert("from".into(), json!(reference(from)));
            out.insert("kind".into(), json!(word(goal::LINK_KINDS, *kind)));
            put_target(&mut out, to, "to", "toKind");
            json!({ "link": out })
        }
        Goal::Setting { of, field, test } => {
            let mut out = Map::new();
            out.insert("of".into(), json!(reference(of)));
            out.insert("field".into(), json!(field));
            match test {
                ValueTest::Equals(v) => {
                    out.insert("equals".into(), v.clone());
                }
                ValueTest::Between(min, max) => {
                    for (key, bound) in [("min", min), ("max", max)] {
                        if let Some(bound) = bound {
                            out.insert(key.into(), number(*bound));
                        }
                    }
                }
                ValueTest::Present(p) => {
                    out.insert("present".into(), json!(p));
                }
            }
            json!({ "setting": out })
        }
        Goal::Resources { kind, count } => {
            let mut out = Map::new();
            out.insert("kind".into(), json!(word(goal::KINDS, *kind)));
            put_range(&mut out, *count);
            json!({ "resources": out })
        }
        Goal::Links { kind, count } => {
            let mut out = Map::new();
            out.insert("kind".into(), json!(word(goal::LINK_KINDS, *kind)));
            put_range(&mut out, *count);
            json!({ "links": out })
        }
        Goal::Events { matching, count } if count.min.is_none() && count.max == Some(0) => {
            json!({ "none": match_value(matching) })
        }
        Goal::Events { matching, count } => {
            let mut out = match_value(matching);
            put_range(&mut out, *count);
            json!({ "events": out })
        }
        Goal::Before { first, then } => {
            json!({ "before": { "first": match_value(first), "then": match_value(then) } })
        }
    }
}

/// A whole number as an integer, so `3` is not written `3.0`.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn match_value(m: &Match) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("kind".into(), json!(m.kind));
    if let Some(r) = &m.resource {
        out.insert("resource".into(), json!(reference(r)));
    }
    if let Some(t) = &m.target {
        put_target(&mut out, t, "target", "targetKind");
    }
    if let Some(via) = m.via {
        out.insert("via".into(), json!(word(goal::VIAS, via)));
    }
    if let Some(condition) = m.condition {
        out.insert("condition".into(), json!(word(goal::CONDITIONS, condition)));
    }
    if !m.body.is_empty() {
        let body: Map<String, Value> = m.body.iter().cloned().collect();
        out.insert("body".into(), Value::Object(body));
    }
    if let Some(ms) = m.within_ms {
        out.insert("withinMs".into(), json!(ms));
    }
    out
}

/// Edits, as the reader reads them.
pub(super) fn changes(list: &[Change]) -> Value {
    Value::Array(list.iter().map(change_value).collect())
}

fn change_value(change: &Change) -> Value {
    let link = |from: &Ref, kind, to: &Ref| {
        json!({
            "from": reference(from),
            "kind": word(goal::LINK_KINDS, kind),
            "to": reference(to),
        })
    };
    match change {
        Change::Add { kind, config, at } => {
            let mut out = Map::new();
            out.insert("kind".into(), json!(word(goal::DRAWN_KINDS, *kind)));
            out.insert("config".into(), config.clone());
            if let Some(at) = at {
                out.insert("at".into(), json!({ "x": number(at.x), "y": number(at.y) }));
            }
            json!({ "add": out })
        }
        Change::Remove(r) => json!({ "remove": reference(r) }),
        Change::Rename(r, to) => json!({ "rename": { "of": reference(r), "to": to } }),
        Change::Link(from, kind, to) => json!({ "link": link(from, *kind, to) }),
        Change::Unlink(from, kind, to) => json!({ "unlink": link(from, *kind, to) }),
        Change::Set(r, field, value) => {
            json!({ "set": { "of": reference(r), "field": field, "value": value } })
        }
        Change::Send(input) => json!({ "send": input.write() }),
    }
}
