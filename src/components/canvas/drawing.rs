//! The diagram's markup, written once per diagram and kept: each node's and link's drawing,
//! and what changes of them from step to step.

use super::markup::{self as canvas_markup, LinkDrawing, LinkLook, NodeDrawing, NodeLook};
use crate::components::status_label;
use crate::components::tokens::Curve;
use crate::i18n::{Lang, T};
use engine::diagram::{self, LinkKind};
use engine::topology::{ResourceId, Topology};
use engine::world::Status;
use engine::Scenario;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

use super::*;
use crate::layout::positions;

/// An `Rc` compared by address: a cheap dependency for memos.
#[derive(Clone)]
pub(super) struct ByPtr<T>(pub(super) Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the canvas computes once per diagram and language.
#[derive(Default)]
pub(super) struct Cached {
    /// Where each node sits.
    pub(super) places: Rc<HashMap<ResourceId, (f64, f64)>>,
    /// Each node's sentence, without its state.
    pub(super) descriptions: HashMap<ResourceId, String>,
    /// What each link (in `sim.links` order) draws and says, when both its ends have a place.
    pub(super) links: Vec<Option<LinkView>>,
}

/// A link's parts that change only with the diagram.
pub(super) struct LinkView {
    pub(super) kind: LinkKind,
    pub(super) curve: Curve,
    pub(super) label_at: (f64, f64),
    /// The width its label has between two nodes, if it sits between them.
    pub(super) label_room: Option<f64>,
    pub(super) label: String,
    /// Its sentence, with AWS's refusals at the end.
    pub(super) sentence: String,
    /// AWS's refusals of it, one a line, if any.
    pub(super) refused: Option<String>,
    pub(super) test_id: String,
}

impl LinkView {
    /// The view of `sim.links[index]`.
    pub(super) fn new(
        lang: Lang,
        sim: &crate::state::Sim,
        index: usize,
        places: &HashMap<ResourceId, (f64, f64)>,
    ) -> Option<LinkView> {
        let topology = &sim.run.topology;
        let link = sim.links.get(index)?;
        let (from, to) = (*places.get(&link.from)?, *places.get(&link.to)?);
        let (curve, label_at) = link_geometry(from, to, bend(&sim.links, index));
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
            label_room: label_room(from, to, label_at),
            label: match &link.qualifier {
                Some(q) => format!("{} ({q})", short_link_label(link.kind).get(lang)),
                None => short_link_label(link.kind).get(lang).to_string(),
            },
            sentence,
            refused: (!refused.is_empty()).then(|| refused.join("\n")),
            test_id: format!(
                "link-{}-{}{}",
                topology.name(link.from),
                topology.name(link.to),
                qualifier_suffix(link)
            ),
        })
    }

    pub(super) fn drawing(&self, index: usize) -> LinkDrawing<'_> {
        LinkDrawing {
            index,
            kind: self.kind,
            curve: self.curve,
            label_at: self.label_at,
            label_room: self.label_room,
            label: &self.label,
            sentence: &self.sentence,
            refused: self.refused.as_deref(),
            test_id: &self.test_id,
        }
    }
}

impl Cached {
    pub(super) fn new(scenario: &Scenario, sim: &crate::state::Sim, lang: Lang) -> Cached {
        let topology = &sim.run.topology;
        let places = positions(scenario, topology, &sim.links);
        Cached {
            links: (0..sim.links.len())
                .map(|index| LinkView::new(lang, sim, index, &places))
                .collect(),
            places: Rc::new(places),
            descriptions: diagram::nodes(topology)
                .map(|id| (id, node_description(lang, topology, &sim.links, id)))
                .collect(),
        }
    }

    /// Whether `other` is this diagram with some nodes moved, and nothing else changed.
    pub(super) fn same_but_places(&self, other: &Cached) -> bool {
        let same_link = |a: &Option<LinkView>, b: &Option<LinkView>| match (a, b) {
            (Some(a), Some(b)) => {
                (a.kind, &a.label, &a.sentence, &a.refused, &a.test_id)
                    == (b.kind, &b.label, &b.sentence, &b.refused, &b.test_id)
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
    pub(super) fn markup(
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
                    short_name: &short(&resource.name, NAME_SHOWN),
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
            let status = status_label(Status::Idle).get(lang);
            let look = NodeLook {
                status_label: status,
                sentence: node_label(
                    &short(topology.name(id), NAME_SHOWN),
                    status,
                    &[],
                    cached.descriptions.get(&id),
                ),
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
pub(super) struct Drawn {
    /// The diagram they were written for.
    pub(super) diagram: Option<Rc<Cached>>,
    /// All links, then all nodes, as written when the diagram last changed.
    pub(super) markup: AttrValue,
    pub(super) nodes: HashMap<ResourceId, NodeLook>,
    /// In `sim.links` order.
    pub(super) links: Vec<LinkLook>,
    /// Their elements, found once the markup is on the page.
    pub(super) elements: Option<Elements>,
    /// The node that had focus when the markup was written anew, to give it back.
    pub(super) refocus: Option<ResourceId>,
}

#[derive(Default)]
pub(super) struct Elements {
    pub(super) nodes: HashMap<ResourceId, web_sys::Element>,
    pub(super) links: HashMap<usize, web_sys::Element>,
}

impl Elements {
    pub(super) fn find(layer: &web_sys::Element) -> Elements {
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
