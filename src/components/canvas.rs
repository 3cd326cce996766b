//! The architecture diagram as SVG: a node per resource with its live state, a link per trigger,
//! destination, subscription or redrive, each with an accessible name that reads as a sentence.

use super::{kind_label, link_label, status_class, status_label};
use crate::app::Store;
use crate::i18n::{Lang, T};
use crate::state::Action;
use engine::clock::human_duration;
use engine::diagram::{self, Link, LinkKind};
use engine::topology::{Kind, ResourceId, Topology};
use engine::trace::What;
use engine::world::{Status, World};
use engine::Scenario;
use std::collections::{HashMap, HashSet};
use yew::prelude::*;

/// Node size on the canvas.
pub const NODE_W: f64 = 180.0;
/// Node height.
pub const NODE_H: f64 = 72.0;
const MARGIN: f64 = 40.0;

/// Where each node sits: the scenario's layout where given, else a left-to-right layering that
/// follows the links.
pub fn positions(
    scenario: &Scenario,
    topology: &Topology,
    links: &[Link],
) -> HashMap<ResourceId, (f64, f64)> {
    let ids: Vec<ResourceId> = diagram::nodes(topology).collect();
    let mut layer: HashMap<ResourceId, usize> = ids.iter().map(|&id| (id, 0)).collect();
    for _ in 0..ids.len() {
        let mut changed = false;
        for link in links.iter().filter(|l| l.kind != LinkKind::Redrive) {
            let next = layer.get(&link.from).copied().unwrap_or(0) + 1;
            if next < ids.len() && layer.get(&link.to).is_some_and(|&l| l < next) {
                layer.insert(link.to, next);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut rows: HashMap<usize, usize> = HashMap::new();
    ids.iter()
        .map(|&id| {
            let arn = &topology.get(id).arn;
            let position = scenario
                .layout
                .get(arn)
                .map(|p| (p.x, p.y))
                .unwrap_or_else(|| {
                    let column = layer.get(&id).copied().unwrap_or(0);
                    let row = rows.entry(column).or_default();
                    *row += 1;
                    (
                        MARGIN + column as f64 * (NODE_W + 100.0),
                        MARGIN + (*row - 1) as f64 * (NODE_H + 60.0),
                    )
                });
            (id, position)
        })
        .collect()
}

fn icon(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "λ",
        Kind::Queue => "SQS",
        Kind::Topic => "SNS",
        Kind::EventBus => "EB",
        Kind::Bucket => "S3",
        Kind::KinesisStream => "KDS",
        Kind::DynamoDbStream => "DDB",
        Kind::KafkaTopic => "MSK",
        Kind::EventSourceMapping => "ESM",
        Kind::Client => "API",
    }
}

/// The sentence a screen reader reads for a node: what it is, its links, and its state.
pub fn node_sentence(
    lang: Lang,
    topology: &Topology,
    links: &[Link],
    id: ResourceId,
    status: Status,
) -> String {
    let resource = topology.get(id);
    let mut parts = vec![format!(
        "{} {}",
        kind_label(resource.kind).get(lang),
        resource.name
    )];
    for link in links.iter().filter(|l| l.to == id) {
        let from = topology.get(link.from);
        parts.push(format!(
            "{} ← {} {}",
            link_label(link.kind).get(lang),
            kind_label(from.kind).get(lang),
            from.name
        ));
    }
    for link in links.iter().filter(|l| l.from == id) {
        let to = topology.get(link.to);
        parts.push(format!(
            "{} → {} {}",
            link_label(link.kind).get(lang),
            kind_label(to.kind).get(lang),
            to.name
        ));
    }
    parts.push(status_label(status).get(lang).to_string());
    parts.join(", ")
}

fn link_sentence(lang: Lang, topology: &Topology, link: &Link) -> String {
    let (from, to) = (topology.get(link.from), topology.get(link.to));
    format!(
        "{} {} → {} {}: {}",
        kind_label(from.kind).get(lang),
        from.name,
        kind_label(to.kind).get(lang),
        to.name,
        link_label(link.kind).get(lang)
    )
}

/// The link the current event travels along, if any.
fn active_link(store: &Store) -> Option<(ResourceId, ResourceId)> {
    let run = &store.sim.run;
    let event = run.trace.events.get(store.step.checked_sub(1)?)?;
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
fn causal_path(store: &Store) -> (HashSet<ResourceId>, HashSet<(ResourceId, ResourceId)>) {
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

/// The diagram.
#[component]
pub fn Canvas() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let sim = &store.sim;
    let topology = &sim.run.topology;
    let world: World = sim.world(store.step);
    let now = world.at;
    let places = std::rc::Rc::new(positions(&store.scenario, topology, &sim.links));
    let current = store
        .step
        .checked_sub(1)
        .and_then(|i| sim.run.trace.events.get(i))
        .map(|e| e.resource);
    let active = active_link(&store);
    let (path_nodes, path_links) = causal_path(&store);
    let (width, height) = places.values().fold((0.0f64, 0.0f64), |(w, h), &(x, y)| {
        (
            w.max(x + NODE_W + MARGIN),
            h.max(y + NODE_H + MARGIN + 20.0),
        )
    });

    let links = sim.links.iter().map(|link| {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (places.get(&link.from), places.get(&link.to)) else { return html! {} };
        let (sx, sy, tx, ty) = (x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0);
        let path = if tx > sx {
            let dx = (tx - sx) / 2.0;
            format!("M{sx},{sy} C{},{sy} {},{ty} {tx},{ty}", sx + dx, tx - dx)
        } else {
            let (sx, tx) = (x1 + NODE_W / 2.0, x2 + NODE_W / 2.0);
            let (sy, ty) = (y1 + NODE_H, y2 + NODE_H);
            let low = sy.max(ty) + 50.0;
            format!("M{sx},{sy} C{sx},{low} {tx},{low} {tx},{ty}")
        };
        let (lx, ly) = if tx > sx { ((sx + tx) / 2.0, (sy + ty) / 2.0 - 8.0) } else { ((x1 + x2 + NODE_W) / 2.0, y1.max(y2) + NODE_H + 40.0) };
        let is_active = active == Some((link.from, link.to));
        let on_path = path_links.contains(&(link.from, link.to));
        let class = classes!("link", format!("link-{}", link.kind.as_str()), is_active.then_some("active"), on_path.then_some("on-path"));
        html! {
            <g class={class} role="img" aria-label={link_sentence(lang, topology, link)} data-testid={format!("link-{}-{}", topology.name(link.from), topology.name(link.to))}>
                <path d={path.clone()} marker-end="url(#arrow)" />
                if is_active {
                    <circle key={store.step.to_string()} class="token" r="7" aria-hidden="true">
                        <animateMotion dur="0.6s" fill="freeze" path={path} />
                    </circle>
                }
                <text x={lx.to_string()} y={ly.to_string()} text-anchor="middle" aria-hidden="true">{ short_link_label(link.kind).get(lang) }</text>
            </g>
        }
    });

    let nodes = diagram::nodes(topology).map(|id| {
        let Some(&(x, y)) = places.get(&id) else { return html! {} };
        let resource = topology.get(id);
        let node = world.nodes.get(id as usize).cloned().unwrap_or_default();
        let status = node.status;
        let selected = store.selected == Some(id);
        let onclick = {
            let store = store.clone();
            Callback::from(move |_| store.dispatch(Action::Select(Some(id))))
        };
        let onkeydown = {
            let store = store.clone();
            let places = std::rc::Rc::clone(&places);
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    store.dispatch(Action::Select(Some(id)));
                }
                key @ ("ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown") => {
                    e.prevent_default();
                    if let Some(next) = neighbour(&places, id, key) {
                        focus_node(store.sim.run.topology.name(next));
                    }
                }
                _ => {}
            })
        };
        let mut badges: Vec<String> = Vec::new();
        if let Some((attempt, of)) = node.attempt.filter(|_| resource.kind == Kind::Function && status != Status::Idle) {
            badges.push(if of > 0 { format!("{} {attempt}/{of}", T::Attempt.get(lang)) } else { format!("{} {attempt}", T::Attempt.get(lang)) });
        }
        if let Some(until) = node.until.filter(|&u| u > now) {
            badges.push(format!("{} {}", T::NextAttemptIn.get(lang), human_duration(until - now)));
        }
        if resource.kind == Kind::Queue {
            badges.push(format!("{} {}", node.messages.len(), T::Messages.get(lang)));
        }
        if node.async_queue > 0 {
            badges.push(format!("{} {}", node.async_queue, T::Queued.get(lang)));
        }
        let class = classes!("node", format!("kind-{}", resource.kind.as_str()), format!("status-{}", status_class(status)), selected.then_some("selected"), (current == Some(id)).then_some("current"), path_nodes.contains(&id).then_some("on-path"));
        html! {
            <g class={class} transform={format!("translate({x},{y})")} tabindex="0" role="button"
                aria-pressed={selected.to_string()}
                aria-label={node_sentence(lang, topology, &sim.links, id, status)}
                data-testid={format!("node-{}", resource.name)} data-status={status_class(status)}
                {onclick} {onkeydown}>
                <rect class="node-box" width={NODE_W.to_string()} height={NODE_H.to_string()} rx="10" />
                <rect class="node-icon" x="10" y="12" width="40" height="40" rx="8" />
                <text class="node-icon-text" x="30" y="37" text-anchor="middle" aria-hidden="true">{ icon(resource.kind) }</text>
                <text class="node-name" x="60" y="30">{ short(&resource.name, 16) }</text>
                <text class="node-status" x="60" y="50">{ status_label(status).get(lang) }</text>
                { for badges.iter().enumerate().map(|(i, b)| html! {
                    <text class="node-badge" x="8" y={(NODE_H + 16.0 + 14.0 * i as f64).to_string()}>{ b.clone() }</text>
                }) }
            </g>
        }
    });

    html! {
        <div class="canvas-wrap">
            <svg class="canvas" viewBox={format!("0 0 {} {}", width.max(400.0), height.max(200.0))} role="group" aria-label={T::Diagram.get(lang)} data-testid="canvas">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for links }
                { for nodes }
            </svg>
            <details class="outline" data-testid="outline">
                <summary>{ T::Outline.get(lang) }</summary>
                <ul>
                    { for diagram::nodes(topology).map(|id| {
                        let status = world.nodes.get(id as usize).map(|n| n.status).unwrap_or_default();
                        html! { <li>{ node_sentence(lang, topology, &sim.links, id, status) }</li> }
                    }) }
                </ul>
            </details>
            <ul class="legend" aria-label={T::Legend.get(lang)}>
                { for [Status::Idle, Status::Running, Status::Retrying, Status::Succeeded, Status::Failed, Status::Throttled, Status::Blocked, Status::Dropped].into_iter().map(|s| html! {
                    <li class={format!("status-{}", status_class(s))}><span class="swatch" aria-hidden="true"></span>{ status_label(s).get(lang) }</li>
                }) }
            </ul>
        </div>
    }
}

/// The nearest node in the direction of an arrow key, for moving focus across the diagram.
fn neighbour(
    places: &HashMap<ResourceId, (f64, f64)>,
    from: ResourceId,
    key: &str,
) -> Option<ResourceId> {
    let &(x, y) = places.get(&from)?;
    places
        .iter()
        .filter(|(&id, _)| id != from)
        .filter_map(|(&id, &(nx, ny))| {
            let (dx, dy) = (nx - x, ny - y);
            let (along, across) = match key {
                "ArrowRight" => (dx, dy),
                "ArrowLeft" => (-dx, dy),
                "ArrowDown" => (dy, dx),
                _ => (-dy, dx),
            };
            (along > 1.0).then_some((id, along + across.abs() * 2.0))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

fn focus_node(name: &str) {
    let selector = format!("[data-testid=\"node-{name}\"]");
    if let Some(element) = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
    {
        if let Some(svg) = wasm_bindgen::JsCast::dyn_ref::<web_sys::SvgElement>(&element) {
            let _ = svg.focus();
        }
    }
}

fn short_link_label(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::LinkSyncShort,
        LinkKind::AsyncTrigger => T::LinkAsyncShort,
        LinkKind::Mapping => T::LinkMappingShort,
        other => link_label(other),
    }
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(max - 1).collect::<String>())
    }
}
