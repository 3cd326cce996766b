//! The architecture diagram as SVG: a node per resource with its live state, a link per trigger,
//! destination, subscription or redrive, each with an accessible name that reads as a sentence.

use super::canvas_markup::{self, LinkDrawing, LinkLook, NodeDrawing, NodeLook};
use super::tokens::{self, Curve};
use super::{kind_label, link_label, status_class, status_label};
use crate::i18n::{Lang, T};
use crate::keys::{self, Command, Direction, Scope};
use crate::state::Action;
use crate::state::Store;
use engine::clock::human_duration;
use engine::diagram::{self, Link, LinkKind};
use engine::edit::{self, Edit};
use engine::scenario::Point;
use engine::topology::{Kind, ResourceId, Topology};
use engine::trace::What;
use engine::world::{Status, World};
use engine::Scenario;
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::layout::MARGIN;
pub use crate::layout::{positions, NODE_H, NODE_W};

/// The playground's own pictogram for a kind, drawn in a 32×32 box with strokes (no AWS logos):
/// λ for a function, stacked messages for a queue, a fan-out for a topic, a bus with stops, a
/// bucket, stream waves, a table, a Kafka log, a screen for a client.
pub fn glyph(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "M7 4h5l11 24M14 15 8 28",
        Kind::Queue => "M4 8h24v5H4zM4 15h24v5H4zM4 22h24v5H4z",
        Kind::Topic => "M6 16h7M13 16 24 6M13 16h13M13 16l11 10M24 6h3M26 16h2M24 26h3",
        Kind::EventBus => "M3 16h26M8 10v12M16 10v12M24 10v12",
        Kind::Bucket => "M5 7h22l-3 20H8zM5 7c0 3 22 3 22 0",
        Kind::KinesisStream => {
            "M3 10c4-4 8 4 13 0s9-4 13 0M3 17c4-4 8 4 13 0s9-4 13 0M3 24c4-4 8 4 13 0s9-4 13 0"
        }
        Kind::DynamoDbStream => {
            "M6 7c0-4 20-4 20 0v18c0 4-20 4-20 0zM6 7c0 4 20 4 20 0M6 16c0 4 20 4 20 0"
        }
        Kind::KafkaTopic => "M4 9h6v14H4zM13 9h6v14h-6zM22 9h6v14h-6z",
        Kind::EventSourceMapping => "M4 16h24M20 9l8 7-8 7",
        Kind::Client => "M4 6h24v16H4zM12 27h8M16 22v5",
    }
}

/// An `Rc` compared by address: a cheap dependency for memos.
#[derive(Clone)]
struct ByPtr<T>(Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the canvas computes once per diagram and language.
#[derive(Default)]
struct Cached {
    /// Where each node sits.
    places: Rc<HashMap<ResourceId, (f64, f64)>>,
    /// Each node's sentence, without its state.
    descriptions: HashMap<ResourceId, String>,
    /// What each link (in `sim.links` order) draws and says, when both its ends have a place.
    links: Vec<Option<LinkView>>,
}

/// A link's parts that change only with the diagram.
struct LinkView {
    kind: LinkKind,
    curve: Curve,
    label_at: (f64, f64),
    label: &'static str,
    /// Its sentence, with AWS's refusals at the end.
    sentence: String,
    /// AWS's refusals of it, one a line, if any.
    refused: Option<String>,
    test_id: String,
}

impl LinkView {
    fn new(
        lang: Lang,
        sim: &crate::state::Sim,
        link: &Link,
        places: &HashMap<ResourceId, (f64, f64)>,
    ) -> Option<LinkView> {
        let topology = &sim.run.topology;
        let (from, to) = (*places.get(&link.from)?, *places.get(&link.to)?);
        let (curve, label_at) = link_geometry(from, to);
        let refused = link_errors(topology, link, &sim.findings);
        let mut sentence = link_sentence(lang, topology, link);
        for message in &refused {
            sentence.push_str(". ");
            sentence.push_str(message);
        }
        Some(LinkView {
            kind: link.kind,
            curve,
            label_at,
            label: short_link_label(link.kind).get(lang),
            sentence,
            refused: (!refused.is_empty()).then(|| refused.join("\n")),
            test_id: format!(
                "link-{}-{}",
                topology.name(link.from),
                topology.name(link.to)
            ),
        })
    }

    fn drawing(&self, index: usize) -> LinkDrawing<'_> {
        LinkDrawing {
            index,
            kind: self.kind,
            curve: self.curve,
            label_at: self.label_at,
            label: self.label,
            sentence: &self.sentence,
            refused: self.refused.as_deref(),
            test_id: &self.test_id,
        }
    }
}

impl Cached {
    fn new(scenario: &Scenario, sim: &crate::state::Sim, lang: Lang) -> Cached {
        let topology = &sim.run.topology;
        let places = positions(scenario, topology, &sim.links);
        Cached {
            links: sim
                .links
                .iter()
                .map(|link| LinkView::new(lang, sim, link, &places))
                .collect(),
            places: Rc::new(places),
            descriptions: diagram::nodes(topology)
                .map(|id| (id, node_description(lang, topology, &sim.links, id)))
                .collect(),
        }
    }

    /// Whether `other` is this diagram with some nodes moved, and nothing else changed.
    fn same_but_places(&self, other: &Cached) -> bool {
        let same_link = |a: &Option<LinkView>, b: &Option<LinkView>| match (a, b) {
            (Some(a), Some(b)) => {
                (a.kind, a.label, &a.sentence, &a.refused, &a.test_id)
                    == (b.kind, b.label, &b.sentence, &b.refused, &b.test_id)
            }
            (a, b) => a.is_none() && b.is_none(),
        };
        self.descriptions == other.descriptions
            && self.places.len() == other.places.len()
            && self.places.keys().all(|id| other.places.contains_key(id))
            && self.links.len() == other.links.len()
            && self
                .links
                .iter()
                .zip(&other.links)
                .all(|(a, b)| same_link(a, b))
    }

    /// Every link, then every node, as they look now, as one string (see [`canvas_markup`]).
    fn markup(
        &self,
        topology: &Topology,
        lang: Lang,
        node_looks: &HashMap<ResourceId, NodeLook>,
        link_looks: &[LinkLook],
    ) -> String {
        let mut out = String::with_capacity(1024 * (link_looks.len() + node_looks.len()));
        canvas_markup::layer(&mut out, |out| {
            for (index, view) in self.links.iter().enumerate() {
                if let Some(view) = view {
                    let look = link_looks.get(index).copied().unwrap_or_default();
                    canvas_markup::link(out, &view.drawing(index), look);
                }
            }
            let port_title = T::Port.get(lang);
            for id in diagram::nodes(topology) {
                let (Some(&at), Some(look)) = (self.places.get(&id), node_looks.get(&id)) else {
                    continue;
                };
                let resource = topology.get(id);
                let drawing = NodeDrawing {
                    id,
                    kind: resource.kind,
                    name: &resource.name,
                    short_name: &short(&resource.name, 16),
                    at,
                    port_title,
                };
                canvas_markup::node(out, &drawing, look);
            }
        });
        out
    }
}

/// Does what opening `scenario` does, short of the page: reads it, simulates it and writes its
/// canvas. Run while the app is idle after it starts (see `app.rs`), so the code a large
/// diagram's first opening runs is compiled and warm by then (a first opening took about three
/// times as long as the next one). Returns the markup's length, so nothing is optimised away.
pub fn rehearse(json: &str, lang: Lang) -> usize {
    let Ok(scenario) = Scenario::from_json(json) else {
        return 0;
    };
    let sim = crate::state::Sim::new(&scenario);
    let cached = Cached::new(&scenario, &sim, lang);
    let topology = &sim.run.topology;
    let node_looks = diagram::nodes(topology)
        .map(|id| {
            let look = NodeLook {
                status_label: status_label(Status::Idle).get(lang),
                sentence: with_status(cached.descriptions.get(&id), lang, Status::Idle),
                ..NodeLook::default()
            };
            (id, look)
        })
        .collect();
    let link_looks = vec![LinkLook::default(); sim.links.len()];
    cached
        .markup(topology, lang, &node_looks, &link_looks)
        .len()
}

/// What the canvas's nodes and links show on the page now (see [`canvas_markup`]).
#[derive(Default)]
struct Drawn {
    /// The diagram they were written for.
    diagram: Option<Rc<Cached>>,
    /// All links, then all nodes, as written when the diagram last changed.
    markup: AttrValue,
    nodes: HashMap<ResourceId, NodeLook>,
    /// In `sim.links` order.
    links: Vec<LinkLook>,
    /// Their elements, found once the markup is on the page.
    elements: Option<Elements>,
    /// The node that had focus when the markup was written anew, to give it back.
    refocus: Option<ResourceId>,
}

#[derive(Default)]
struct Elements {
    nodes: HashMap<ResourceId, web_sys::Element>,
    links: HashMap<usize, web_sys::Element>,
}

impl Elements {
    fn find(layer: &web_sys::Element) -> Elements {
        let mut found = Elements::default();
        for child in canvas_markup::children(layer) {
            if let Some(id) = node_id(&child) {
                found.nodes.insert(id, child);
            } else if let Some(index) = child
                .get_attribute("data-link")
                .and_then(|v| v.parse().ok())
            {
                found.links.insert(index, child);
            }
        }
        found
    }
}

/// The node whose `<g>` has focus, if one has.
fn focused_node(layer: &web_sys::Element) -> Option<ResourceId> {
    let active = gloo::utils::document().active_element()?;
    if !layer.contains(Some(&active)) {
        return None;
    }
    node_id(&active)
}

/// The id a node's `<g>` carries in `data-node`.
fn node_id(element: &web_sys::Element) -> Option<ResourceId> {
    element.get_attribute("data-node")?.parse().ok()
}

/// A node's sentence with its state at the end.
fn with_status(description: Option<&String>, lang: Lang, status: Status) -> String {
    let status = status_label(status).get(lang);
    match description {
        Some(d) => format!("{d}, {status}"),
        None => status.to_string(),
    }
}

/// The sentence a screen reader reads for a node: what it is, how it is invoked, where it sends,
/// and its state ("Lambda function resize-image, invoked asynchronously by S3 bucket images, on
/// failure sends to SNS topic image-alerts, idle").
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
    let named = |other: ResourceId| {
        let r = topology.get(other);
        format!("{} {}", kind_label(r.kind).get(lang), r.name)
    };
    for link in links.iter().filter(|l| l.to == id) {
        parts.push(phrase(lang, incoming(link.kind), &named(link.from)));
    }
    for link in links.iter().filter(|l| l.from == id) {
        parts.push(phrase(lang, outgoing(link.kind), &named(link.to)));
    }
    parts.push(status_label(status).get(lang).to_string());
    parts.join(", ")
}

/// [`node_sentence`] without the state, which changes at every step.
fn node_description(lang: Lang, topology: &Topology, links: &[Link], id: ResourceId) -> String {
    let mut sentence = node_sentence(lang, topology, links, id, Status::Idle);
    let idle = status_label(Status::Idle).get(lang);
    sentence.truncate(sentence.len().saturating_sub(idle.len() + 2));
    sentence
}

/// "invoked asynchronously by X" in English; Korean puts the resource first ("X에서 비동기 호출됨").
fn phrase(lang: Lang, words: T, other: &str) -> String {
    match lang {
        Lang::En => format!("{} {other}", words.get(lang)),
        Lang::Ko => format!("{other}{}", words.get(lang)),
    }
}

/// How a node reads a link that ends at it.
fn incoming(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::InSync,
        LinkKind::AsyncTrigger => T::InAsync,
        LinkKind::Mapping => T::InMapping,
        LinkKind::OnSuccess => T::InOnSuccess,
        LinkKind::OnFailure => T::InOnFailure,
        LinkKind::MappingOnFailure => T::InMappingOnFailure,
        LinkKind::DeadLetterQueue => T::InDlq,
        LinkKind::Subscription => T::InSubscription,
        LinkKind::RuleTarget => T::InRuleTarget,
        LinkKind::Redrive => T::InRedrive,
    }
}

/// How a node reads a link that starts at it.
fn outgoing(kind: LinkKind) -> T {
    match kind {
        LinkKind::SyncTrigger => T::OutSync,
        LinkKind::AsyncTrigger => T::OutAsync,
        LinkKind::Mapping => T::OutMapping,
        LinkKind::OnSuccess => T::OutOnSuccess,
        LinkKind::OnFailure => T::OutOnFailure,
        LinkKind::MappingOnFailure => T::OutMappingOnFailure,
        LinkKind::DeadLetterQueue => T::OutDlq,
        LinkKind::Subscription => T::OutSubscription,
        LinkKind::RuleTarget => T::OutRuleTarget,
        LinkKind::Redrive => T::OutRedrive,
    }
}

/// The sentence a screen reader reads for a link.
pub fn link_sentence(lang: Lang, topology: &Topology, link: &Link) -> String {
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

/// Tokens drawn at most at once (a burst of thousands of uploads at one instant).
const MAX_TOKENS: usize = 2_000;

/// The links travelled at the current instant, with how many tokens travel each: every event
/// shown so far that happens at the same virtual time as the current one moves at once.
fn travelling(store: &Store) -> HashMap<(ResourceId, ResourceId), usize> {
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
fn event_link(store: &Store, index: usize) -> Option<(ResourceId, ResourceId)> {
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

/// A pointer gesture on the canvas, in diagram coordinates.
#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    /// Dragging a link from a node's port.
    Link { from: ResourceId, to: (f64, f64) },
    /// Dragging the background.
    Pan { client: (f64, f64), view: View },
    /// Shift-dragging a selection box.
    Select { from: (f64, f64), to: (f64, f64) },
    /// Two fingers on the background: pinch to zoom, move together to pan.
    Pinch {
        view: View,
        distance: f64,
        middle: (f64, f64),
    },
}

thread_local! {
    /// Whether Space is held down, and whether the canvas was panned while it was.
    static SPACE: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
}

/// Space held down: a drag anywhere on the canvas, nodes included, pans it.
fn space_held() -> bool {
    SPACE.with(|s| s.get().0)
}

/// Whether the Space key just released was used to pan (then it does not also play or pause).
pub fn space_panned() -> bool {
    SPACE.with(|s| s.get().1)
}

/// The distance between two points on screen and their middle.
fn spread(a: (f64, f64), b: (f64, f64)) -> (f64, (f64, f64)) {
    (
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0),
        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
    )
}

/// The view a pinch gives: zoomed by how far the fingers spread, and moved with their middle,
/// so the point that was under the fingers stays under them.
fn pinched(
    svg: &NodeRef,
    start: View,
    (distance0, middle0): (f64, (f64, f64)),
    (distance, middle): (f64, (f64, f64)),
    content: (f64, f64),
) -> View {
    let zoom = (start.zoom * distance / distance0).clamp(0.25, 4.0);
    let Some(rect) = svg
        .cast::<web_sys::Element>()
        .map(|e| e.get_bounding_client_rect())
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
    else {
        return View { zoom, ..start };
    };
    let fraction = |client: (f64, f64)| {
        (
            (client.0 - rect.left()) / rect.width(),
            (client.1 - rect.top()) / rect.height(),
        )
    };
    let (f0, f1) = (fraction(middle0), fraction(middle));
    // The diagram point under the fingers when they came down.
    let anchor = (
        start.x + f0.0 * content.0 / start.zoom,
        start.y + f0.1 * content.1 / start.zoom,
    );
    View {
        x: anchor.0 - f1.0 * content.0 / zoom,
        y: anchor.1 - f1.1 * content.1 / zoom,
        zoom,
    }
}

/// The visible part of the diagram: zoom 1 fits the whole diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
struct View {
    x: f64,
    y: f64,
    zoom: f64,
}

impl View {
    const FIT: View = View {
        x: 0.0,
        y: 0.0,
        zoom: 1.0,
    };
}

/// Grid the nodes snap to when moved.
const GRID: f64 = 20.0;
/// How far Shift+arrow moves a node.
const NUDGE: f64 = 20.0;
/// Diagrams with more nodes than this get a minimap.
const MINIMAP_FROM: usize = 12;

fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// The diagram's own coordinates of a point on screen.
fn to_diagram(svg: &NodeRef, view_box: (f64, f64, f64, f64), client: (f64, f64)) -> (f64, f64) {
    let Some(element) = svg.cast::<web_sys::Element>() else {
        return client;
    };
    let rect = element.get_bounding_client_rect();
    let (x, y, w, h) = view_box;
    let scale = (rect.width() / w).min(rect.height() / h);
    if !scale.is_finite() || scale <= 0.0 {
        return (x, y);
    }
    let (ox, oy) = (
        (rect.width() - w * scale) / 2.0,
        (rect.height() - h * scale) / 2.0,
    );
    (
        x + (client.0 - rect.left() - ox) / scale,
        y + (client.1 - rect.top() - oy) / scale,
    )
}

fn client_point(e: &MouseEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

/// The node under a point of the diagram.
fn node_at(places: &HashMap<ResourceId, (f64, f64)>, (px, py): (f64, f64)) -> Option<ResourceId> {
    places
        .iter()
        .find(|(_, &(x, y))| px >= x && px <= x + NODE_W && py >= y && py <= y + NODE_H)
        .map(|(&id, _)| id)
}

/// The diagram.
#[component]
pub fn Canvas() -> Html {
    let store = use_context::<Store>();
    let gesture = use_state(|| None::<Gesture>);
    let drag = use_mut_ref(|| None::<Drag>);
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    let menu = use_state(|| None::<(ResourceId, (f64, f64))>);
    let view = use_state(|| View::FIT);
    let outline_open = use_state(|| false);
    let svg = use_node_ref();
    let layer = use_node_ref();
    let drawn = use_mut_ref(Drawn::default);
    let content = use_mut_ref(|| (640.0f64, 360.0f64));
    // What depends on the diagram alone is computed once per diagram, not once per frame: a drag
    // or a step re-renders the canvas many times a second.
    let diagram = store.as_ref().map(|s| {
        (
            ByPtr(Rc::clone(&s.scenario)),
            ByPtr(Rc::clone(&s.sim)),
            s.lang,
        )
    });
    let cached = use_memo(diagram, |diagram| {
        diagram
            .as_ref()
            .map(|(scenario, sim, lang)| Cached::new(&scenario.0, &sim.0, *lang))
            .unwrap_or_default()
    });

    // Space held down turns a drag anywhere on the canvas into a pan (see `space_panned`).
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        let is_space = |event: &Event| {
            event
                .dyn_ref::<web_sys::KeyboardEvent>()
                .filter(|k| k.key() == " " && !k.repeat())
                .is_some()
        };
        let down = EventListener::new(&document, "keydown", move |event| {
            if is_space(event) {
                SPACE.with(|s| s.set((true, false)));
            }
        });
        let up = EventListener::new(&document, "keyup", move |event| {
            if is_space(event) {
                SPACE.with(|s| s.set((false, s.get().1)));
            }
        });
        move || drop((down, up))
    });

    // The wheel zooms around the pointer; the listener is not passive so the page does not scroll.
    {
        let svg = svg.clone();
        let view = view.clone();
        let content = content.clone();
        use_effect_with((), move |_| {
            let listener = svg.cast::<web_sys::Element>().map(|element| {
                let target = element.clone();
                EventListener::new_with_options(
                    &element,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(wheel) = event.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        event.prevent_default();
                        let factor = if wheel.delta_y() < 0.0 {
                            1.15
                        } else {
                            1.0 / 1.15
                        };
                        zoom_at(
                            &view,
                            &target,
                            factor,
                            Some(client_point(wheel)),
                            *content.borrow(),
                        );
                    },
                )
            });
            move || drop(listener)
        });
    }

    // Each step's tokens start moving when the step is shown, and stop when another is.
    {
        let step = store
            .as_ref()
            .map(|s| (s.step, Rc::as_ptr(&s.sim) as usize));
        let svg = svg.clone();
        use_effect_with(step, move |_| {
            let motion = svg
                .cast::<web_sys::Element>()
                .and_then(|canvas| tokens::Motion::start(&canvas));
            move || drop(motion)
        });
    }
    // A node that had focus keeps it when the diagram changes and its markup is written anew.
    {
        let drawn = drawn.clone();
        let layer = layer.clone();
        use_effect(move || {
            let Some(id) = drawn.borrow_mut().refocus.take() else {
                return;
            };
            let lost = gloo::utils::document()
                .active_element()
                .is_none_or(|active| active.tag_name().eq_ignore_ascii_case("body"));
            let element = layer.cast::<web_sys::Element>().and_then(|layer| {
                layer
                    .query_selector(&format!("[data-node=\"{id}\"]"))
                    .ok()
                    .flatten()
            });
            if let Some(svg) = element
                .filter(|_| lost)
                .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
            {
                let _ = svg.focus();
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let sim = &store.sim;
    let topology = &sim.run.topology;
    let world: World = sim.world(store.step);
    let places = Rc::clone(&cached.places);
    let (width, height) = places
        .values()
        .fold((640.0f64, 360.0f64), |(w, h), &(x, y)| {
            (
                w.max(x + NODE_W + MARGIN),
                h.max(y + NODE_H + MARGIN + 40.0),
            )
        });
    *content.borrow_mut() = (width, height);
    let view_box = (view.x, view.y, width / view.zoom, height / view.zoom);
    let current = store
        .step
        .checked_sub(1)
        .and_then(|i| sim.run.trace.events.get(i))
        .map(|e| e.resource);
    let travelling_now = travelling(&store);
    let (path_nodes, path_links) = causal_path(&store);

    // What every node and link shows at this step.
    let link_looks: Vec<LinkLook> = sim
        .links
        .iter()
        .map(|link| LinkLook {
            tokens: travelling_now
                .get(&(link.from, link.to))
                .copied()
                .unwrap_or(0),
            on_path: path_links.contains(&(link.from, link.to)),
        })
        .collect();
    let node_looks: HashMap<ResourceId, NodeLook> = diagram::nodes(topology)
        .filter(|id| places.contains_key(id))
        .map(|id| {
            let node = world.nodes.get(id as usize).cloned().unwrap_or_default();
            let status = node.status;
            let state = NodeLook {
                status,
                status_label: status_label(status).get(lang),
                sentence: with_status(cached.descriptions.get(&id), lang, status),
                selected: store.is_selected(id),
                current: current == Some(id),
                on_path: path_nodes.contains(&id),
                badges: badges(&store, &world, id, &node),
            };
            (id, state)
        })
        .collect();

    // The nodes and links are markup (see canvas_markup): written anew when the diagram
    // changes, else changed in place, now, so the page never shows a stale state.
    let markup = {
        let mut drawn = drawn.borrow_mut();
        let same_diagram = drawn
            .diagram
            .as_ref()
            .is_some_and(|d| Rc::ptr_eq(d, &cached));
        let layer = layer.cast::<web_sys::Element>();
        // A move changes the diagram but only where things are: they are moved in place.
        let moved = !same_diagram
            && layer.is_some()
            && drawn
                .diagram
                .as_ref()
                .is_some_and(|d| d.same_but_places(&cached));
        if same_diagram || moved {
            if let Some(layer) = &layer {
                let Drawn {
                    elements,
                    nodes,
                    links,
                    diagram,
                    ..
                } = &mut *drawn;
                let elements = elements.get_or_insert_with(|| Elements::find(layer));
                if let Some(was) = diagram.as_ref().filter(|_| moved) {
                    for (id, &at) in cached.places.iter() {
                        if let Some(element) = elements
                            .nodes
                            .get(id)
                            .filter(|_| was.places.get(id) != Some(&at))
                        {
                            canvas_markup::place_node(element, at);
                        }
                    }
                    for (index, (before, view)) in was.links.iter().zip(&cached.links).enumerate() {
                        if let (Some(before), Some(view), Some(element)) =
                            (before, view, elements.links.get(&index))
                        {
                            if before.curve != view.curve {
                                canvas_markup::place_link(element, &view.curve, view.label_at);
                            }
                        }
                    }
                }
                *diagram = Some(Rc::clone(&cached));
                for (id, now) in &node_looks {
                    if let (Some(was), Some(element)) = (nodes.get(id), elements.nodes.get(id)) {
                        if was != now {
                            canvas_markup::patch_node(element, topology.get(*id).kind, was, now);
                        }
                    }
                }
                for (index, view) in cached.links.iter().enumerate() {
                    let (Some(view), Some(element)) = (view, elements.links.get(&index)) else {
                        continue;
                    };
                    let was = links.get(index).copied().unwrap_or_default();
                    let now = link_looks.get(index).copied().unwrap_or_default();
                    canvas_markup::patch_link(element, &view.drawing(index), was, now);
                }
            }
        } else {
            let markup = cached.markup(topology, lang, &node_looks, &link_looks);
            drawn.markup = markup.into();
            drawn.diagram = Some(Rc::clone(&cached));
            drawn.elements = None;
            drawn.refocus = layer.as_ref().and_then(focused_node);
        }
        drawn.nodes = node_looks;
        drawn.links = link_looks;
        drawn.markup.clone()
    };

    let node_down = {
        let store = store.clone();
        let drag = drag.clone();
        let svg = svg.clone();
        let gesture = gesture.clone();
        let view = view.clone();
        move |id: ResourceId, e: &PointerEvent| {
            if space_held() {
                SPACE.with(|s| s.set((true, true)));
                gesture.set(Some(Gesture::Pan {
                    client: client_point(e),
                    view: *view,
                }));
                return;
            }
            let ids = if e.shift_key() {
                store.dispatch(Action::ToggleSelect(id));
                return;
            } else if store.is_selected(id) {
                let topology = &store.sim.run.topology;
                store
                    .selected_arns()
                    .iter()
                    .filter_map(|a| topology.by_arn(a))
                    .collect()
            } else {
                store.dispatch(Action::Select(Some(id)));
                vec![id]
            };
            let from = to_diagram(&svg, view_box, client_point(e));
            *drag.borrow_mut() = Some(Drag {
                ids,
                from,
                by: (0.0, 0.0),
            });
        }
    };
    let port_down = {
        let gesture = gesture.clone();
        let svg = svg.clone();
        move |id: ResourceId, e: &PointerEvent| {
            let to = to_diagram(&svg, view_box, client_point(e));
            gesture.set(Some(Gesture::Link { from: id, to }));
        }
    };
    let onkeydown = {
        let store = store.clone();
        let places = std::rc::Rc::clone(&places);
        let menu = menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Keys reach a node when it has focus: the event's target is its own `<g>`.
            let Some((id, element)) = target_node(&e) else {
                return;
            };
            match keys::command_for(Scope::Node, &e) {
                Some(Command::Faults) => {
                    e.prevent_default();
                    let rect = element.get_bounding_client_rect();
                    store.dispatch(Action::Select(Some(id)));
                    menu.set(Some((id, (rect.left() + 20.0, rect.bottom()))));
                }
                Some(command) => {
                    e.prevent_default();
                    on_node_command(&store, &places, id, command);
                }
                None => {}
            }
        })
    };
    // Assistive technologies activate a button with a click, not a pointerdown.
    let onclick = {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((id, _)) = event_node(&e) {
                if !e.shift_key() && !store.is_selected(id) {
                    store.dispatch(Action::Select(Some(id)));
                }
            }
        })
    };
    let oncontextmenu = {
        let store = store.clone();
        let menu = menu.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((id, _)) = event_node(&e) {
                e.prevent_default();
                store.dispatch(Action::Select(Some(id)));
                menu.set(Some((id, client_point(&e))));
            }
        })
    };

    let canvas_down = {
        let gesture = gesture.clone();
        let menu = menu.clone();
        let svg = svg.clone();
        let view = view.clone();
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            capture(&svg, &e);
            let on_node = event_node(&e);
            let on_port = on_node
                .as_ref()
                .filter(|(_, node)| is_port(&e, node))
                .is_some();
            if let Some((id, _)) = on_node {
                if on_port {
                    port_down(id, &e);
                } else {
                    node_down(id, &e);
                }
                return;
            }
            menu.set(None);
            let point = client_point(&e);
            let mut down = pointers.borrow_mut();
            down.insert(e.pointer_id(), point);
            if let [a, b] = down.values().copied().collect::<Vec<_>>()[..] {
                let (distance, middle) = spread(a, b);
                gesture.set(Some(Gesture::Pinch {
                    view: *view,
                    distance,
                    middle,
                }));
                return;
            }
            if space_held() {
                SPACE.with(|s| s.set((true, true)));
            }
            gesture.set(Some(if e.shift_key() && !space_held() {
                let at = to_diagram(&svg, view_box, point);
                Gesture::Select { from: at, to: at }
            } else {
                Gesture::Pan {
                    client: point,
                    view: *view,
                }
            }));
        })
    };
    let pointer_move = {
        let gesture = gesture.clone();
        let svg = svg.clone();
        let view = view.clone();
        let pointers = pointers.clone();
        let drag = drag.clone();
        let store = store.clone();
        let places = std::rc::Rc::clone(&places);
        Callback::from(move |e: PointerEvent| {
            if let Some(moving) = drag.borrow_mut().as_mut() {
                let at = to_diagram(&svg, view_box, client_point(&e));
                moving.by = (at.0 - moving.from.0, at.1 - moving.from.1);
                draw_drag(&store, &places, &moving.ids, moving.by);
                return;
            }
            if let Some(p) = pointers.borrow_mut().get_mut(&e.pointer_id()) {
                *p = client_point(&e);
            }
            let Some(current) = (*gesture).clone() else {
                return;
            };
            let at = to_diagram(&svg, view_box, client_point(&e));
            let next = match current {
                Gesture::Pinch {
                    view: start,
                    distance,
                    middle,
                } => {
                    if let [a, b] = pointers.borrow().values().copied().collect::<Vec<_>>()[..] {
                        view.set(pinched(
                            &svg,
                            start,
                            (distance, middle),
                            spread(a, b),
                            (width, height),
                        ));
                    }
                    Gesture::Pinch {
                        view: start,
                        distance,
                        middle,
                    }
                }
                Gesture::Link { from, .. } => Gesture::Link { from, to: at },
                Gesture::Select { from, .. } => Gesture::Select { from, to: at },
                Gesture::Pan {
                    client,
                    view: start,
                } => {
                    let origin = to_diagram(&svg, view_box, client);
                    view.set(View {
                        x: start.x - (at.0 - origin.0),
                        y: start.y - (at.1 - origin.1),
                        zoom: start.zoom,
                    });
                    Gesture::Pan {
                        client,
                        view: start,
                    }
                }
            };
            gesture.set(Some(next));
        })
    };
    let pointer_up = {
        let gesture = gesture.clone();
        let store = store.clone();
        let places = std::rc::Rc::clone(&places);
        let drag = drag.clone();
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
            if matches!(*gesture, Some(Gesture::Pinch { .. })) {
                // One finger lifted: the pinch is over; the other finger does nothing more.
                gesture.set(None);
                return;
            }
            let dragged = drag.borrow_mut().take();
            if let Some(Drag { ids, by, .. }) = dragged {
                if by.0.abs() + by.1.abs() > 3.0 {
                    let topology = &store.sim.run.topology;
                    let moves = ids
                        .iter()
                        .filter_map(|id| {
                            let &(x, y) = places.get(id)?;
                            let at = Point {
                                x: snap(x + by.0),
                                y: snap(y + by.1),
                            };
                            Some((topology.get(*id).arn.clone(), at))
                        })
                        .collect();
                    store.dispatch(Action::Edit(Edit::Move(moves)));
                } else {
                    // Not a drag after all: put back what the pointer nudged.
                    draw_drag(&store, &places, &ids, (0.0, 0.0));
                }
                return;
            }
            let Some(done) = (*gesture).clone() else {
                return;
            };
            gesture.set(None);
            match done {
                Gesture::Link { from, to } => {
                    if let Some(target) = node_at(&places, to) {
                        store.dispatch(Action::LinkDropped(from, target));
                    }
                }
                Gesture::Select { from, to } => {
                    let (x0, x1) = (from.0.min(to.0), from.0.max(to.0));
                    let (y0, y1) = (from.1.min(to.1), from.1.max(to.1));
                    let ids = places
                        .iter()
                        .filter(|(_, &(x, y))| {
                            x + NODE_W >= x0 && x <= x1 && y + NODE_H >= y0 && y <= y1
                        })
                        .map(|(&id, _)| id)
                        .collect();
                    store.dispatch(Action::SelectMany(ids));
                }
                _ => {}
            }
        })
    };
    let pointer_cancel = {
        let gesture = gesture.clone();
        let drag = drag.clone();
        let store = store.clone();
        let places = std::rc::Rc::clone(&places);
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
            if let Some(moving) = drag.borrow_mut().take() {
                draw_drag(&store, &places, &moving.ids, (0.0, 0.0));
            }
            gesture.set(None)
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let store = store.clone();
        let svg = svg.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let kind = e
                .data_transfer()
                .and_then(|d| d.get_data("text/plain").ok())
                .and_then(|k| edit::PALETTE.into_iter().find(|p| p.as_str() == k));
            if let Some(kind) = kind {
                let (x, y) = to_diagram(&svg, view_box, client_point(&e));
                store.dispatch(Action::Edit(Edit::Add(
                    kind,
                    Point {
                        x: snap(x - NODE_W / 2.0),
                        y: snap(y - NODE_H / 2.0),
                    },
                )));
                focus_selected_soon();
            }
        })
    };

    let overlay = match &*gesture {
        Some(Gesture::Link { from, to }) => places.get(from).map(|&(x, y)| html! {
            <line class="link-draft" x1={(x + NODE_W).to_string()} y1={(y + NODE_H / 2.0).to_string()} x2={to.0.to_string()} y2={to.1.to_string()} aria-hidden="true" />
        }),
        Some(Gesture::Select { from, to }) => Some(html! {
            <rect class="select-box" x={from.0.min(to.0).to_string()} y={from.1.min(to.1).to_string()} width={(from.0 - to.0).abs().to_string()} height={(from.1 - to.1).abs().to_string()} aria-hidden="true" />
        }),
        _ => None,
    };
    let zoom_button = |label: T, test: &'static str, factor: Option<f64>| {
        let view = view.clone();
        let svg = svg.clone();
        let onclick = Callback::from(move |_| match factor {
            Some(f) => {
                if let Some(element) = svg.cast::<web_sys::Element>() {
                    zoom_at(&view, &element, f, None, (width, height));
                }
            }
            None => view.set(View::FIT),
        });
        html! { <button type="button" {onclick} data-testid={test} title={label.get(lang)} aria-label={label.get(lang)}>{ match test { "zoom-in" => "+", "zoom-out" => "−", _ => "⤢" } }</button> }
    };
    let minimap = (places.len() > MINIMAP_FROM).then(|| {
        let onclick = {
            let view = view.clone();
            Callback::from(move |e: MouseEvent| {
                let Some(target) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
                let rect = target.get_bounding_client_rect();
                let fx = (f64::from(e.client_x()) - rect.left()) / rect.width().max(1.0);
                let fy = (f64::from(e.client_y()) - rect.top()) / rect.height().max(1.0);
                let (w, h) = (width / view.zoom, height / view.zoom);
                view.set(View { x: fx * width - w / 2.0, y: fy * height - h / 2.0, zoom: view.zoom });
            })
        };
        html! {
            <svg class="minimap" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={T::Minimap.get(lang)} data-testid="minimap" {onclick}>
                // Every node as one path: a large diagram's minimap is one element, not hundreds.
                <path class="minimap-nodes" d={diagram::nodes(topology).filter_map(|id| places.get(&id)).map(|&(x, y)| format!("M{x},{y}h{NODE_W}v{NODE_H}h-{NODE_W}z")).collect::<String>()} />
                <rect class="minimap-view" x={view_box.0.to_string()} y={view_box.1.to_string()} width={view_box.2.to_string()} height={view_box.3.to_string()} />
            </svg>
        }
    });
    let empty = places.is_empty();
    let on_outline_toggle = {
        let outline_open = outline_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            outline_open.set(open);
        })
    };

    html! {
        <div class="canvas-wrap">
            <div class="view-controls" role="toolbar" aria-label={T::FitView.get(lang)}>
                { zoom_button(T::ZoomIn, "zoom-in", Some(1.25)) }
                { zoom_button(T::ZoomOut, "zoom-out", Some(0.8)) }
                { zoom_button(T::FitView, "fit-view", None) }
            </div>
            <svg ref={svg.clone()} class={classes!("canvas", gesture.is_some().then_some("dragging"))}
                viewBox={format!("{} {} {} {}", view_box.0, view_box.1, view_box.2, view_box.3)}
                role="group" aria-label={T::Diagram.get(lang)} data-testid="canvas"
                data-full-view={format!("0 0 {width} {height}")}
                onpointerdown={canvas_down} onpointermove={pointer_move} onpointerup={pointer_up}
                onpointercancel={pointer_cancel} {ondragover} {ondrop} {onkeydown} {onclick} {oncontextmenu}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <pattern id="grid" width={GRID.to_string()} height={GRID.to_string()} patternUnits="userSpaceOnUse">
                        <circle cx="1" cy="1" r="1" class="grid-dot" />
                    </pattern>
                </defs>
                <rect class="grid" x={(view_box.0 - width).to_string()} y={(view_box.1 - height).to_string()} width={(view_box.2 + 2.0 * width).to_string()} height={(view_box.3 + 2.0 * height).to_string()} fill="url(#grid)" aria-hidden="true" />
                <g ref={layer.clone()}>{ Html::from_html_unchecked(markup) }</g>
                { overlay.unwrap_or_default() }
            </svg>
            if let Some((resource, at)) = *menu {
                <super::fault_menu::FaultMenu {resource} {at} on_close={ let menu = menu.clone(); Callback::from(move |_| menu.set(None)) } />
            }
            if empty {
                <p class="empty-canvas" data-testid="empty-canvas">{ T::EmptyCanvas.get(lang) }</p>
            }
            { minimap.unwrap_or_default() }
            // The outline's sentences are written when it is opened, not with every diagram.
            <details class="outline" data-testid="outline" ontoggle={on_outline_toggle}>
                <summary>{ T::Outline.get(lang) }</summary>
                if *outline_open {
                    <ul>
                        { for diagram::nodes(topology).map(|id| {
                            let status = world.nodes.get(id as usize).map(|n| n.status).unwrap_or_default();
                            html! { <li>{ with_status(cached.descriptions.get(&id), lang, status) }</li> }
                        }) }
                    </ul>
                }
            </details>
            <ul class="legend" aria-label={T::Legend.get(lang)}>
                { for [Status::Idle, Status::Running, Status::Retrying, Status::Succeeded, Status::Failed, Status::Throttled, Status::Blocked, Status::Dropped].into_iter().map(|s| html! {
                    <li class={format!("status-{}", status_class(s))}><span class="swatch" aria-hidden="true"></span>{ status_label(s).get(lang) }</li>
                }) }
            </ul>
        </div>
    }
}

/// The lines under a node's box at this step: its attempt, when it tries next, its messages, its
/// queued events and its iterator age.
fn badges(
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
            human_duration(until - world.at)
        ));
    }
    if kind == Kind::Queue {
        badges.push(format!("{} {}", node.messages.len(), T::Messages.get(lang)));
    }
    if node.async_queue > 0 {
        badges.push(format!("{} {}", node.async_queue, T::Queued.get(lang)));
    }
    if let Some(age) = iterator_age(store, world, id) {
        badges.push(format!("IteratorAge {}", human_duration(age)));
    }
    badges
}

/// A stream's `IteratorAge` as CloudWatch reports it for its mappings: how long the oldest record
/// not yet processed has waited, at the current step; `None` when every record is processed or
/// the resource is not a stream a mapping reads.
fn iterator_age(store: &Store, world: &World, id: ResourceId) -> Option<u64> {
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
fn link_errors(topology: &Topology, link: &Link, findings: &[engine::Finding]) -> Vec<String> {
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

/// A link's curve from one node's place to another's, and where its label goes.
fn link_geometry((x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> (Curve, (f64, f64)) {
    let (sx, sy, tx, ty) = (x1 + NODE_W, y1 + NODE_H / 2.0, x2, y2 + NODE_H / 2.0);
    if tx > sx {
        let dx = (tx - sx) / 2.0;
        (
            Curve([(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)]),
            ((sx + tx) / 2.0, (sy + ty) / 2.0 - 8.0),
        )
    } else {
        let (sx, tx) = (x1 + NODE_W / 2.0, x2 + NODE_W / 2.0);
        let (sy, ty) = (y1 + NODE_H, y2 + NODE_H);
        let low = sy.max(ty) + 50.0;
        (
            Curve([(sx, sy), (sx, low), (tx, low), (tx, ty)]),
            ((x1 + x2 + NODE_W) / 2.0, y1.max(y2) + NODE_H + 40.0),
        )
    }
}

/// A drag of nodes, drawn straight into the page while the pointer moves (the diagram itself
/// changes once, on release), so a drag costs a few attribute writes per frame.
#[derive(Clone, Debug, Default)]
struct Drag {
    ids: Vec<ResourceId>,
    from: (f64, f64),
    by: (f64, f64),
}

/// Moves the dragged nodes and the links that touch them on the page, by `by`.
fn draw_drag(
    store: &Store,
    places: &HashMap<ResourceId, (f64, f64)>,
    ids: &[ResourceId],
    by: (f64, f64),
) {
    let document = gloo::utils::document();
    let place = |id: ResourceId| {
        places.get(&id).map(|&(x, y)| {
            if ids.contains(&id) {
                (x + by.0, y + by.1)
            } else {
                (x, y)
            }
        })
    };
    for &id in ids {
        let Some(at) = place(id) else {
            continue;
        };
        // Ids are numbers: safe in a selector whatever the node is called.
        if let Ok(Some(node)) = document.query_selector(&format!("[data-node=\"{id}\"]")) {
            canvas_markup::place_node(&node, at);
        }
    }
    for (index, link) in store.sim.links.iter().enumerate() {
        if !ids.contains(&link.from) && !ids.contains(&link.to) {
            continue;
        }
        let (Some(from), Some(to)) = (place(link.from), place(link.to)) else {
            continue;
        };
        let (curve, label_at) = link_geometry(from, to);
        if let Ok(Some(group)) = document.query_selector(&format!("[data-link=\"{index}\"]")) {
            canvas_markup::place_link(&group, &curve, label_at);
        }
    }
}

/// Keys on a focused node: Enter selects, arrows move focus, Shift+arrows move the node, L links,
/// Delete removes.
fn on_node_command(
    store: &Store,
    places: &HashMap<ResourceId, (f64, f64)>,
    id: ResourceId,
    command: Command,
) {
    match command {
        Command::SelectNode => store.dispatch(Action::Select(Some(id))),
        Command::MoveNode(direction) => {
            let Some(&(x, y)) = places.get(&id) else {
                return;
            };
            let (dx, dy) = match direction {
                Direction::Right => (NUDGE, 0.0),
                Direction::Left => (-NUDGE, 0.0),
                Direction::Down => (0.0, NUDGE),
                Direction::Up => (0.0, -NUDGE),
            };
            let arn = store.sim.run.topology.get(id).arn.clone();
            store.dispatch(Action::Edit(Edit::Move(vec![(
                arn,
                Point {
                    x: snap(x + dx),
                    y: snap(y + dy),
                },
            )])));
        }
        Command::FocusNeighbour(direction) => {
            if let Some(next) = neighbour(places, id, direction) {
                focus_node(store.sim.run.topology.name(next));
            }
        }
        Command::LinkFrom => store.dispatch(Action::Linking(Some((id, None)))),
        Command::Delete => {
            if !store.is_selected(id) {
                store.dispatch(Action::Select(Some(id)));
            }
            store.dispatch(Action::RemoveSelected);
            focus_canvas_soon();
        }
        _ => {}
    }
}

/// The node an event happened in, found by its `data-node` id, with its `<g>`.
fn event_node(e: &Event) -> Option<(ResourceId, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let node = target.closest("[data-node]").ok()??;
    Some((node_id(&node)?, node))
}

/// The node whose own `<g>` is an event's target.
fn target_node(e: &Event) -> Option<(ResourceId, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some((node_id(&target)?, target))
}

/// Whether an event in `node` happened on its port (links are dragged from there).
fn is_port(e: &Event, node: &web_sys::Element) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(".port").ok().flatten())
        .is_some_and(|port| node.contains(Some(&port)))
}

fn capture(svg: &NodeRef, e: &PointerEvent) {
    if let Some(element) = svg.cast::<web_sys::Element>() {
        let _ = element.set_pointer_capture(e.pointer_id());
    }
}

/// Zooms by `factor` around a point on screen (the middle when `None`), keeping that point
/// still. `content` is the size of the whole diagram (what zoom 1 shows).
fn zoom_at(
    view: &UseStateHandle<View>,
    svg: &web_sys::Element,
    factor: f64,
    client: Option<(f64, f64)>,
    content: (f64, f64),
) {
    let current = **view;
    let zoom = (current.zoom * factor).clamp(0.25, 4.0);
    let rect = svg.get_bounding_client_rect();
    let (fx, fy) = match client {
        Some((cx, cy)) if rect.width() > 0.0 && rect.height() > 0.0 => (
            ((cx - rect.left()) / rect.width()).clamp(0.0, 1.0),
            ((cy - rect.top()) / rect.height()).clamp(0.0, 1.0),
        ),
        _ => (0.5, 0.5),
    };
    let shrink = 1.0 / current.zoom - 1.0 / zoom;
    view.set(View {
        x: current.x + fx * content.0 * shrink,
        y: current.y + fy * content.1 * shrink,
        zoom,
    });
}

/// The nearest node in the direction of an arrow key, for moving focus across the diagram.
fn neighbour(
    places: &HashMap<ResourceId, (f64, f64)>,
    from: ResourceId,
    direction: Direction,
) -> Option<ResourceId> {
    let &(x, y) = places.get(&from)?;
    places
        .iter()
        .filter(|(&id, _)| id != from)
        .filter_map(|(&id, &(nx, ny))| {
            let (dx, dy) = (nx - x, ny - y);
            let (along, across) = match direction {
                Direction::Right => (dx, dy),
                Direction::Left => (-dx, dy),
                Direction::Down => (dy, dx),
                Direction::Up => (-dy, dx),
            };
            (along > 1.0).then_some((id, along + across.abs() * 2.0))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

/// Focuses the selected node once the next render is on screen (after an add or a paste).
pub fn focus_selected_soon() {
    gloo::timers::callback::Timeout::new(0, || focus_first(".node.selected")).forget();
}

/// Focuses the canvas once the next render is on screen (after the focused node was removed).
fn focus_canvas_soon() {
    gloo::timers::callback::Timeout::new(0, || focus_first("[data-testid=\"canvas\"]")).forget();
}

fn focus_first(selector: &str) {
    if let Some(element) = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
    {
        if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
    }
}

/// Focuses a node by its name.
pub fn focus_node(name: &str) {
    if let Some(element) = node_element(name) {
        if let Some(svg) = wasm_bindgen::JsCast::dyn_ref::<web_sys::SvgElement>(&element) {
            let _ = svg.focus();
        }
    }
}

/// The `<g>` of the node named `name`, found by comparing names rather than through a CSS
/// selector, which a name with quotes or brackets would break.
fn node_element(name: &str) -> Option<web_sys::Element> {
    let test_id = format!("node-{name}");
    let nodes = gloo::utils::document()
        .query_selector_all("[data-node]")
        .ok()?;
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|node| node.get_attribute("data-testid").as_deref() == Some(test_id.as_str()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_reads_as_a_sentence_of_its_triggers_and_destinations() {
        let scenario = crate::gallery::load(0);
        let topology = Topology::build(&scenario);
        let links = diagram::links(&scenario, &topology);
        let id = topology
            .find(Kind::Function, "resize-image")
            .expect("the image scenario's function");
        assert_eq!(
            node_sentence(Lang::En, &topology, &links, id, Status::Idle),
            "Lambda function resize-image, invoked asynchronously by S3 bucket images, on success sends to SQS queue image-metadata, on failure sends to SNS topic image-alerts, idle"
        );
        let ko = node_sentence(Lang::Ko, &topology, &links, id, Status::Idle);
        assert!(
            ko.starts_with("Lambda 함수 resize-image, S3 버킷 images에서 비동기 호출됨"),
            "{ko}"
        );
    }
}
