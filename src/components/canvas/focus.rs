//! The keyboard on the diagram: which node has the focus, what a key does on a node, and
//! moving the focus from node to node.

use crate::keys::{Command, Direction};
use crate::state::Action;
use crate::state::Store;
use engine::edit::Edit;
use engine::scenario::Point;
use engine::topology::ResourceId;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::*;

/// The node whose `<g>` has focus, if one has.
pub(super) fn focused_node(layer: &web_sys::Element) -> Option<ResourceId> {
    let active = gloo::utils::document().active_element()?;
    if !layer.contains(Some(&active)) {
        return None;
    }
    node_id(&active)
}

/// The id a node's `<g>` carries in `data-node`.
pub(super) fn node_id(element: &web_sys::Element) -> Option<ResourceId> {
    element.get_attribute("data-node")?.parse().ok()
}

/// Keys on a focused node: Enter selects, arrows move focus, Shift+arrows move the node, L links,
/// Delete removes.
pub(super) fn on_node_command(
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
pub(super) fn event_node(e: &Event) -> Option<(ResourceId, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let node = target.closest("[data-node]").ok()??;
    Some((node_id(&node)?, node))
}

/// The node whose own `<g>` is an event's target.
pub(super) fn target_node(e: &Event) -> Option<(ResourceId, web_sys::Element)> {
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some((node_id(&target)?, target))
}

/// Whether an event in `node` happened on its port (links are dragged from there).
pub(super) fn is_port(e: &Event, node: &web_sys::Element) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(".port").ok().flatten())
        .is_some_and(|port| node.contains(Some(&port)))
}

/// The nearest node in the direction of an arrow key, for moving focus across the diagram.
pub(super) fn neighbour(
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
    gloo::timers::callback::Timeout::new(0, || crate::platform::focus_first(".node.selected"))
        .forget();
}

/// Focuses the canvas once the next render is on screen (after the focused node was removed).
pub(super) fn focus_canvas_soon() {
    gloo::timers::callback::Timeout::new(0, || {
        crate::platform::focus_first("[data-testid=\"canvas\"]")
    })
    .forget();
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
pub(super) fn node_element(name: &str) -> Option<web_sys::Element> {
    let test_id = format!("node-{name}");
    let nodes = gloo::utils::document()
        .query_selector_all("[data-node]")
        .ok()?;
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::Element>().ok())
        .find(|node| node.get_attribute("data-testid").as_deref() == Some(test_id.as_str()))
}
