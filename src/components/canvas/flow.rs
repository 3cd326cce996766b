//! What moves on the diagram at a step: the tokens on their links, the path of the current
//! request, the badges of each node, and the refusals drawn on links.

use crate::components::tokens::Curve;
use crate::i18n::T;
use crate::state::Store;
use engine::diagram::{Link, LinkKind};
use engine::narrate::duration;
use engine::topology::{Kind, ResourceId, Topology};
use engine::trace::What;
use engine::world::{Status, World};
use std::collections::{HashMap, HashSet};

use crate::layout::{NODE_H, NODE_W};

/// Tokens drawn at most at once (a burst of thousands of uploads at one instant).
pub(super) const MAX_TOKENS: usize = 2_000;

/// The links travelled at the current instant, with how many tokens travel each: every event
/// shown so far that happens at the same virtual time as the current one moves at once.
pub(super) fn travelling(store: &Store) -> HashMap<(ResourceId, ResourceId), usize> {
    let events = &store.sim.run.trace.events;
    let mut out: HashMap<(ResourceId, ResourceId), usize> = HashMap::new();
    let Some(last) = store.step.checked_sub(1) else {
        return out;
    };
    let Some(now) = events.get(last).map(|e| e.at) else {
        return out;
    };
    let mut shown = 0;
    for index in (0..=last).rev() {
        if events[index].at != now || shown >= MAX_TOKENS {
            break;
        }
        if let Some(link) = event_link(store, index) {
            *out.entry(link).or_default() += 1;
            shown += 1;
        }
    }
    out
}

/// The link an event travels along, if any.
pub(super) fn event_link(store: &Store, index: usize) -> Option<(ResourceId, ResourceId)> {
    let run = &store.sim.run;
    let event = run.trace.events.get(index)?;
    let parent = event.parent.and_then(|p| run.trace.events.get(p as usize));
    match (&event.what, parent) {
        (What::Delivered { target, .. }, Some(parent)) => Some((parent.resource, *target)),
        (What::AsyncAccepted, Some(parent)) => Some((parent.resource, event.resource)),
        (What::AttemptStarted { .. }, Some(parent))
            if run.topology.get(parent.resource).kind == Kind::EventSourceMapping =>
        {
            let mapping = parent.resource;
            store
                .sim
                .links
                .iter()
                .find(|l| l.via == Some(mapping) && l.kind == LinkKind::Mapping)
                .map(|l| (l.from, l.to))
        }
        _ => None,
    }
}

/// The resources and links on the causal path of the current event: from what started it (an
/// upload, an invoke, a record) to where it is now.
pub(super) fn causal_path(
    store: &Store,
) -> (HashSet<ResourceId>, HashSet<(ResourceId, ResourceId)>) {
    let run = &store.sim.run;
    let Some(current) = store.step.checked_sub(1) else {
        return Default::default();
    };
    let mut nodes = HashSet::new();
    let mut hops = HashSet::new();
    let mut previous: Option<ResourceId> = None;
    for index in run.trace.path_to(current as u32) {
        let event = &run.trace.events[index as usize];
        let mut here = event.resource;
        if run.topology.get(here).kind == Kind::EventSourceMapping {
            if let Some(link) = store
                .sim
                .links
                .iter()
                .find(|l| l.via == Some(here) && l.kind == LinkKind::Mapping)
            {
                nodes.insert(link.from);
                hops.insert((link.from, link.to));
                here = link.to;
            }
        }
        if let What::Delivered { target, .. } | What::DestinationChosen { target, .. } = &event.what
        {
            nodes.insert(*target);
            hops.insert((here, *target));
        }
        if let Some(previous) = previous.filter(|&p| p != here) {
            hops.insert((previous, here));
        }
        nodes.insert(here);
        previous = Some(here);
    }
    (nodes, hops)
}

/// The lines under a node's box at this step: its attempt, when it tries next, its messages, its
/// queued events and its iterator age.
pub(super) fn badges(
    store: &Store,
    world: &World,
    id: ResourceId,
    node: &engine::world::NodeState,
) -> Vec<String> {
    let lang = store.lang;
    let kind = store.sim.run.topology.get(id).kind;
    let mut badges = Vec::new();
    if let Some((attempt, of)) = node
        .attempt
        .filter(|_| kind == Kind::Function && node.status != Status::Idle)
    {
        badges.push(if of > 0 {
            format!("{} {attempt}/{of}", T::Attempt.get(lang))
        } else {
            format!("{} {attempt}", T::Attempt.get(lang))
        });
    }
    if let Some(until) = node.until.filter(|&u| u > world.at) {
        badges.push(format!(
            "{} {}",
            T::NextAttemptIn.get(lang),
            duration(until - world.at, lang)
        ));
    }
    if kind == Kind::Queue {
        badges.push(format!("{} {}", node.messages.len(), T::Messages.get(lang)));
    }
    if node.async_queue > 0 {
        badges.push(format!("{} {}", node.async_queue, T::Queued.get(lang)));
    }
    if let Some(age) = iterator_age(store, world, id) {
        badges.push(format!("IteratorAge {}", duration(age, lang)));
    }
    badges
}

/// A stream's `IteratorAge` as CloudWatch reports it for its mappings: how long the oldest record
/// not yet processed has waited, at the current step; `None` when every record is processed or
/// the resource is not a stream a mapping reads.
pub(super) fn iterator_age(store: &Store, world: &World, id: ResourceId) -> Option<u64> {
    let sim = &store.sim;
    let kind = sim.run.topology.get(id).kind;
    if !matches!(
        kind,
        Kind::KinesisStream | Kind::DynamoDbStream | Kind::KafkaTopic
    ) {
        return None;
    }
    let mappings: Vec<ResourceId> = sim
        .links
        .iter()
        .filter(|l| l.from == id && l.kind == LinkKind::Mapping)
        .filter_map(|l| l.via)
        .collect();
    if mappings.is_empty() {
        return None;
    }
    // When each record reached its shard, in order.
    let mut puts: HashMap<u32, Vec<u64>> = HashMap::new();
    for event in sim.run.trace.events.iter().take(store.step) {
        if let What::RecordPut { shard, .. } = event.what {
            if event.resource == id {
                puts.entry(shard).or_default().push(event.at);
            }
        }
    }
    mappings
        .iter()
        .flat_map(|&mapping| {
            let processed = world.nodes.get(mapping as usize).map(|n| &n.checkpoints);
            puts.iter().filter_map(move |(shard, times)| {
                let done = processed.and_then(|p| p.get(shard)).copied().unwrap_or(0);
                times
                    .get(done as usize)
                    .map(|&at| world.at.saturating_sub(at))
            })
        })
        .max()
}

/// The errors AWS answers for the configuration a link stands for (a refused mapping
/// destination, an unsupported destination), in AWS's words.
pub(super) fn link_errors(
    topology: &Topology,
    link: &Link,
    findings: &[engine::Finding],
) -> Vec<String> {
    let owner = match link.kind {
        LinkKind::Mapping | LinkKind::MappingOnFailure => link.via,
        LinkKind::OnSuccess | LinkKind::OnFailure | LinkKind::DeadLetterQueue => Some(link.from),
        _ => None,
    };
    let Some(owner) = owner else {
        return Vec::new();
    };
    let arn = &topology.get(owner).arn;
    let part = match link.kind {
        LinkKind::OnSuccess => ".OnSuccess",
        LinkKind::OnFailure => ".OnFailure",
        LinkKind::DeadLetterQueue => "DeadLetterConfig",
        LinkKind::MappingOnFailure => "DestinationConfig",
        _ => "",
    };
    findings
        .iter()
        .filter(|f| f.severity == engine::Severity::Error && &f.resource == arn)
        .filter(|f| match link.kind {
            LinkKind::Mapping => !f.field.contains("DestinationConfig"),
            _ => f.field.contains(part),
        })
        .map(|f| f.message.clone())
        .collect()
}

/// How far the link at `index` bows away from the links before it between the same two nodes
/// (a version's or alias's destination beside `$LATEST`'s): nothing for the first, then 28 px
/// more for each.
pub(super) fn bend(links: &[Link], index: usize) -> f64 {
    let Some(link) = links.get(index) else {
        return 0.0;
    };
    let before = links[..index]
        .iter()
        .filter(|l| l.from == link.from && l.to == link.to)
        .count();
    before as f64 * 28.0
}

/// A link's curve from one node's place to another's, bowed down by `bend` ([`bend`]), and
/// where its label goes.
/// The width a link's label has where it sits between two nodes of one row (between their
/// columns, level with one of them): the gap between them less the port and the arrowhead.
/// `None` where the label is in the open.
pub(super) fn label_room(from: (f64, f64), to: (f64, f64), label_at: (f64, f64)) -> Option<f64> {
    /// Kept clear at each end: the source's port and the target's arrowhead.
    const ENDS: f64 = 10.0;
    let (start, end) = (from.0 + NODE_W, to.0);
    // The label's baseline, level with a node's box or just under its top.
    let level = |y: f64| (y..=y + NODE_H + 12.0).contains(&label_at.1);
    (end > start && (level(from.1) || level(to.1))).then(|| (end - start - 2.0 * ENDS).max(24.0))
}

pub(super) fn link_geometry(
    (x1, y1): (f64, f64),
    (x2, y2): (f64, f64),
    bend: f64,
) -> (Curve, (f64, f64)) {
    let (sx, sy, tx, ty) = (x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0);
    if tx > sx {
        let dx = (tx - sx) / 2.0;
        (
            Curve([
                (sx, sy),
                (sx + dx, sy + bend),
                (tx - dx, ty + bend),
                (tx, ty),
            ]),
            // The curve's middle is three quarters of the bend down.
            ((sx + tx) / 2.0, (sy + ty) / 2.0 - 8.0 + bend * 0.75),
        )
    } else {
        let (sx, tx) = (x1 + NODE_W / 2.0, x2 + NODE_W / 2.0);
        let (sy, ty) = (y1 + NODE_H, y2 + NODE_H);
        let low = sy.max(ty) + 50.0 + bend;
        (
            Curve([(sx, sy), (sx, low), (tx, low), (tx, ty)]),
            ((x1 + x2 + NODE_W) / 2.0, y1.max(y2) + NODE_H + 40.0 + bend),
        )
    }
}
