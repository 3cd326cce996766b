//! Editing a scenario the way the canvas does: add, remove, rename, move, link, unlink, copy and
//! paste. Resources are named by ARN in every edit, so an edit stays meaningful after the
//! topology is rebuilt (undo, autosave, a shared link).
//!
//! Whether AWS would accept an edit is never decided here: the edit is applied to a copy, the
//! copy is validated with [`validate`], and the errors that the edit introduced are the reason it
//! is refused. The messages a learner sees are the engine's findings, in AWS's words.
//!
//! The editor is split by what each part edits:
//!
//! - this module: the edits, refusals and [`apply`], which validates each edit on a copy;
//! - `links.rs`: the links that could be drawn between two resources, linking and unlinking;
//! - `resources.rs`: removing and renaming resources, and every reference to a name;
//! - `fields.rs`: setting, removing and reading one field of a resource's configuration;
//! - `elements.rs`: copying, creating and pasting whole resources.

mod elements;
mod fields;
mod links;
mod resources;

pub use elements::copy;
pub(crate) use elements::name_field;
pub use fields::get;
pub use links::link_options;

use crate::diagram::{self, Link, LinkKind};
use crate::scenario::{Point, Scenario};
use crate::topology::{Kind, ResourceId, Topology};
use crate::validate::{validate, Finding, Severity};
use elements::{insert, new_element};
use fields::set;
use links::{candidates, link, unlink};
use resources::{remove, rename};
use serde_json::Value;

/// The kinds a learner can draw, in palette order.
pub const PALETTE: [Kind; 9] = [
    Kind::Function,
    Kind::Queue,
    Kind::Topic,
    Kind::EventBus,
    Kind::Bucket,
    Kind::KinesisStream,
    Kind::DynamoDbStream,
    Kind::KafkaTopic,
    Kind::Client,
];

/// A link a learner can draw between two resources, with what AWS would say about it.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkOption {
    /// The link.
    pub link: LinkSpec,
    /// The errors AWS would answer with; empty when the link is accepted.
    pub refusal: Vec<Finding>,
}

impl LinkOption {
    /// Whether AWS accepts the link.
    pub fn accepted(&self) -> bool {
        self.refusal.is_empty()
    }
}

/// One link, by the ARNs of its ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LinkSpec {
    /// ARN of the resource it starts at (for a client: `client:name`).
    pub from: String,
    /// ARN of the resource it ends at.
    pub to: String,
    /// What it means.
    pub kind: LinkKind,
    /// For a mapping's OnFailure link: the index of the mapping.
    pub mapping: Option<usize>,
    /// For a destination of a published version or an alias (removed, never drawn, here: the
    /// inspector's Versions and aliases section sets them): its qualifier.
    pub qualifier: Option<String>,
}

/// Something a learner did to the diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Draw a new resource of this kind at a point.
    Add(Kind, Point),
    /// Put a copy of a resource at a point.
    Paste(Box<Element>, Point),
    /// Remove a resource and every link to and from it.
    Remove(Vec<String>),
    /// Give a resource another name; every reference follows.
    Rename(String, String),
    /// Move resources to these points.
    Move(Vec<(String, Point)>),
    /// Draw a link.
    Link(LinkSpec),
    /// Remove a link.
    Unlink(LinkSpec),
    /// Forget every position, so the automatic left-to-right layout places everything.
    Tidy,
    /// Set one field of a resource's configuration, addressed by a JSON pointer into its
    /// scenario form (e.g. `/EventInvokeConfig/MaximumRetryAttempts`); `null` removes the
    /// field, so AWS's default applies again.
    Set {
        /// The resource (a function, queue, …, or an event source mapping).
        arn: String,
        /// Where in its configuration.
        pointer: String,
        /// The new value.
        value: Value,
    },
}

/// Why an edit was not made.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// AWS would refuse the result: its errors.
    Aws(Vec<Finding>),
    /// The resource named is not in the scenario (any more).
    Missing(String),
    /// The same link already exists.
    AlreadyLinked,
    /// Nothing in AWS links these two kinds of resource.
    NoSuchLink(Kind, Kind),
    /// A name must not be empty.
    EmptyName,
    /// The value does not fit the field (a word where a number goes): the reader's message.
    Invalid(String),
}

/// A copied resource: its whole configuration, without the links other resources own.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// What it is.
    pub kind: Kind,
    /// Its configuration, in the scenario format.
    pub config: Value,
}

/// Applies an edit, or says why not; on refusal `scenario` is unchanged. Returns the ARN of the
/// resource the edit created or renamed, when there is one, so the caller can select it.
pub fn apply(scenario: &mut Scenario, edit: &Edit) -> Result<Option<String>, Refused> {
    let before = Topology::build(scenario);
    let mut next = scenario.clone();
    let created = match edit {
        Edit::Add(kind, at) => {
            let element = new_element(&before, *kind).ok_or(Refused::NoSuchLink(*kind, *kind))?;
            Some(insert(&mut next, &element, *at)?)
        }
        Edit::Paste(element, at) => Some(insert(&mut next, element, *at)?),
        Edit::Remove(arns) => {
            for arn in arns {
                let topology = Topology::build(&next);
                let id = topology
                    .by_arn(arn)
                    .ok_or_else(|| Refused::Missing(arn.clone()))?;
                remove(&mut next, &topology, id);
            }
            None
        }
        Edit::Rename(arn, name) => Some(rename(&mut next, &before, arn, name)?),
        Edit::Move(moves) => {
            for (arn, at) in moves {
                before
                    .by_arn(arn)
                    .ok_or_else(|| Refused::Missing(arn.clone()))?;
                next.layout.insert(arn.clone(), *at);
            }
            None
        }
        Edit::Link(spec) => {
            let fits = match (before.by_arn(&spec.from), before.by_arn(&spec.to)) {
                (Some(a), Some(b)) => candidates(scenario, &before, a, b).contains(spec),
                _ => return Err(Refused::Missing(format!("{} → {}", spec.from, spec.to))),
            };
            if !fits {
                let kind = |arn: &str| before.by_arn(arn).map(|id| before.get(id).kind);
                return Err(match (kind(&spec.from), kind(&spec.to)) {
                    (Some(a), Some(b)) => Refused::NoSuchLink(a, b),
                    _ => Refused::Missing(spec.from.clone()),
                });
            }
            if diagram::links(scenario, &before)
                .iter()
                .any(|l| same_link(&before, l, spec))
            {
                return Err(Refused::AlreadyLinked);
            }
            link(&mut next, &before, spec)?;
            None
        }
        Edit::Unlink(spec) => {
            unlink(&mut next, &before, spec)?;
            None
        }
        Edit::Tidy => {
            next.layout.clear();
            None
        }
        Edit::Set {
            arn,
            pointer,
            value,
        } => {
            set(&mut next, &before, arn, pointer, value)?;
            None
        }
    };
    let checked = matches!(edit, Edit::Link(_) | Edit::Rename(..) | Edit::Set { .. });
    commit(scenario, next, created, &before, checked)
}

/// Keeps `next` when it introduces no error AWS would answer with (only checked for links and
/// renames: other edits cannot make a valid configuration invalid, and a learner may still be
/// mid-way through fixing one).
fn commit(
    scenario: &mut Scenario,
    next: Scenario,
    created: Option<String>,
    before: &Topology,
    checked: bool,
) -> Result<Option<String>, Refused> {
    if checked {
        let introduced = new_errors(scenario, before, &next);
        if !introduced.is_empty() {
            return Err(Refused::Aws(introduced));
        }
    }
    *scenario = next;
    Ok(created)
}

/// Errors in `next` that `scenario` did not have.
fn new_errors(scenario: &Scenario, topology: &Topology, next: &Scenario) -> Vec<Finding> {
    let old = validate(scenario, topology);
    validate(next, &Topology::build(next))
        .into_iter()
        .filter(|f| f.severity == Severity::Error && !old.contains(f))
        .collect()
}

fn same_link(topology: &Topology, link: &Link, spec: &LinkSpec) -> bool {
    let arn = |id: ResourceId| topology.get(id).arn.as_str();
    let mapping_matches = match (spec.kind, link.via) {
        (LinkKind::MappingOnFailure, Some(via)) => Some(topology.get(via).index) == spec.mapping,
        _ => true,
    };
    link.kind == spec.kind
        && arn(link.from) == spec.from
        && arn(link.to) == spec.to
        && mapping_matches
        && link.qualifier == spec.qualifier
}
