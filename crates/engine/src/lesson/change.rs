//! The edits a lesson's solutions and wrong answers make, written with short references and
//! applied through [`crate::edit`], exactly as the canvas applies a learner's edits: AWS's
//! refusals apply to a solution too.

use super::goal::{self, Ref, LINK_KINDS};
use super::read::{self, error, one_of, Obj, R};
use crate::diagram::LinkKind;
use crate::edit::{self, Edit, Element, LinkSpec, Refused};
use crate::scenario::{Input, Point, Scenario};
use crate::topology::{Kind, Topology};
use serde_json::Value;
use std::fmt;

/// One edit of a solution or a wrong answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Draw a resource with this name (and any other settings) at a point.
    Add {
        /// What it is.
        kind: Kind,
        /// Its configuration in the scenario format, including its name.
        config: Value,
        /// Where on the canvas; the automatic layout places it when absent.
        at: Option<Point>,
    },
    /// Remove a resource and its links.
    Remove(Ref),
    /// Rename a resource.
    Rename(Ref, String),
    /// Draw a link.
    Link(Ref, LinkKind, Ref),
    /// Remove a link.
    Unlink(Ref, LinkKind, Ref),
    /// Set a field of a resource's configuration (`null` removes it).
    Set(Ref, String, Value),
    /// Add an input to the timeline (an invoke, a message, an upload, a fault).
    Send(Box<Input>),
}

/// Why a solution or a wrong answer could not be applied.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeError {
    /// There is no step with this index.
    NoSuchStep(usize),
    /// Edit `index` names a resource the diagram does not have.
    Missing(usize, Ref),
    /// Edit `index` was refused: the reason, in AWS's words where AWS refuses it.
    Refused(usize, String),
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::NoSuchStep(i) => write!(f, "there is no step {i}"),
            ChangeError::Missing(i, r) => {
                write!(f, "edit {i}: there is no {}:{}", kind_word(r.kind), r.name)
            }
            ChangeError::Refused(i, why) => write!(f, "edit {i} was refused: {why}"),
        }
    }
}

fn kind_word(kind: Kind) -> &'static str {
    goal::REF_KINDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("resource", |(w, _)| w)
}

/// Applies every change in order to a copy of `scenario`.
pub(super) fn apply_all(scenario: &Scenario, changes: &[Change]) -> Result<Scenario, ChangeError> {
    let mut next = scenario.clone();
    for (i, change) in changes.iter().enumerate() {
        apply(&mut next, change, i)?;
    }
    Ok(next)
}

fn apply(scenario: &mut Scenario, change: &Change, index: usize) -> Result<(), ChangeError> {
    let topology = Topology::build(scenario);
    let arn = |r: &Ref| -> Result<String, ChangeError> {
        r.resolve(scenario, &topology)
            .map(|id| topology.get(id).arn.clone())
            .ok_or_else(|| ChangeError::Missing(index, r.clone()))
    };
    let edit = match change {
        Change::Add { kind, config, at } => Edit::Paste(
            Box::new(Element {
                kind: *kind,
                config: config.clone(),
            }),
            at.unwrap_or(Point { x: 0.0, y: 0.0 }),
        ),
        Change::Remove(r) => Edit::Remove(vec![arn(r)?]),
        Change::Rename(r, name) => Edit::Rename(arn(r)?, name.clone()),
        Change::Link(from, kind, to) | Change::Unlink(from, kind, to) => {
            let spec = link_spec(scenario, &topology, from, *kind)
                .ok_or_else(|| ChangeError::Missing(index, from.clone()))?;
            let to_arn = arn(to)?;
            let spec = LinkSpec { to: to_arn, ..spec };
            if matches!(change, Change::Link(..)) {
                Edit::Link(spec)
            } else {
                Edit::Unlink(spec)
            }
        }
        Change::Set(r, pointer, value) => Edit::Set {
            arn: arn(r)?,
            pointer: pointer.clone(),
            value: value.clone(),
        },
        Change::Send(input) => {
            scenario.inputs.push((**input).clone());
            return Ok(());
        }
    };
    let created =
        edit::apply(scenario, &edit).map_err(|e| ChangeError::Refused(index, refusal(&e)))?;
    if let (Change::Add { at: None, .. }, Some(arn)) = (change, created) {
        // No place given: the automatic layout finds one.
        scenario.layout.remove(&arn);
    }
    Ok(())
}

/// The link spec for a link starting at `from`: a mapping's OnFailure link starts at the
/// function the mapping invokes and names the mapping by its index.
fn link_spec(
    scenario: &Scenario,
    topology: &Topology,
    from: &Ref,
    kind: LinkKind,
) -> Option<LinkSpec> {
    let id = from.resolve(scenario, topology)?;
    let resource = topology.get(id);
    let (from_arn, mapping) = if resource.kind == Kind::EventSourceMapping {
        let function = topology.find(Kind::Function, &from.name)?;
        (topology.get(function).arn.clone(), Some(resource.index))
    } else {
        (resource.arn.clone(), None)
    };
    Some(LinkSpec {
        from: from_arn,
        to: String::new(),
        kind,
        mapping,
        qualifier: None,
    })
}

/// A refusal in words: AWS's errors, or what was missing.
fn refusal(refused: &Refused) -> String {
    match refused {
        Refused::Aws(findings) => findings
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        Refused::Missing(arn) => format!("{arn} is not in the diagram"),
        Refused::AlreadyLinked => "the same link already exists".to_string(),
        Refused::NoSuchLink(a, b) => {
            format!("nothing in AWS links a {} to a {}", a.as_str(), b.as_str())
        }
        Refused::EmptyName => "a name must not be empty".to_string(),
        Refused::Invalid(why) => why.clone(),
    }
}

/// Reads one change.
pub(super) fn change(value: &Value, path: &str) -> R<Change> {
    let (key, inner, path) = read::tag(
        value,
        path,
        &["add", "remove", "rename", "link", "unlink", "set", "send"],
    )?;
    let path = path.as_str();
    match key {
        "add" => {
            let obj = Obj::new(inner, path, &["kind", "config", "at"])?;
            let (kind, kind_path) = obj.req("kind")?;
            let (config, config_path) = obj.req("config")?;
            if !config.is_object() {
                return Err(read::wrong_type(config, &config_path, "an object"));
            }
            let at = match obj.opt("at") {
                None => None,
                Some((v, p)) => {
                    let point = Obj::new(v, &p, &["x", "y"])?;
                    let coordinate = |k: &str| -> R<f64> {
                        let (v, p) = point.req(k)?;
                        v.as_f64()
                            .ok_or_else(|| read::wrong_type(v, &p, "a number"))
                    };
                    Some(Point {
                        x: coordinate("x")?,
                        y: coordinate("y")?,
                    })
                }
            };
            Ok(Change::Add {
                kind: one_of(kind, &kind_path, goal::DRAWN_KINDS)?,
                config: config.clone(),
                at,
            })
        }
        "remove" => Ok(Change::Remove(goal::reference(inner, path)?)),
        "rename" => {
            let obj = Obj::new(inner, path, &["of", "to"])?;
            let (of, of_path) = obj.req("of")?;
            Ok(Change::Rename(
                goal::reference(of, &of_path)?,
                obj.string("to")?,
            ))
        }
        "link" | "unlink" => {
            let obj = Obj::new(inner, path, &["from", "kind", "to"])?;
            let (from, from_path) = obj.req("from")?;
            let (kind, kind_path) = obj.req("kind")?;
            let (to, to_path) = obj.req("to")?;
            let (from, kind, to) = (
                goal::reference(from, &from_path)?,
                one_of(kind, &kind_path, LINK_KINDS)?,
                goal::reference(to, &to_path)?,
            );
            Ok(if key == "link" {
                Change::Link(from, kind, to)
            } else {
                Change::Unlink(from, kind, to)
            })
        }
        "set" => {
            let obj = Obj::new(inner, path, &["of", "field", "value"])?;
            let (of, of_path) = obj.req("of")?;
            let field = read::pointer(&obj.string("field")?, &read::key_path(path, "field"))?;
            let (value, _) = obj.req("value")?;
            Ok(Change::Set(
                goal::reference(of, &of_path)?,
                field,
                value.clone(),
            ))
        }
        _ => {
            let input: Input =
                serde_json::from_value(inner.clone()).map_err(|e| error(path, e.to_string()))?;
            Ok(Change::Send(Box::new(input)))
        }
    }
}
