//! Pointer gestures on the diagram: dragging nodes, drawing links, box selection, panning with
//! Space, pinching and the wheel's zoom.

use super::markup::{self as canvas_markup};
use crate::state::Store;
use engine::topology::ResourceId;
use std::collections::HashMap;
use yew::prelude::*;

use super::*;
use crate::layout::{NODE_H, NODE_W};

/// A pointer gesture on the canvas, in diagram coordinates.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Gesture {
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
    pub(super) static SPACE: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
}

/// Space held down: a drag anywhere on the canvas, nodes included, pans it.
pub(super) fn space_held() -> bool {
    SPACE.with(|s| s.get().0)
}

/// Whether the Space key just released was used to pan (then it does not also play or pause).
pub fn space_panned() -> bool {
    SPACE.with(|s| s.get().1)
}

/// The distance between two points on screen and their middle.
pub(super) fn spread(a: (f64, f64), b: (f64, f64)) -> (f64, (f64, f64)) {
    (
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0),
        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
    )
}

/// The view a pinch gives: zoomed by how far the fingers spread, and moved with their middle,
/// so the point that was under the fingers stays under them.
pub(super) fn pinched(
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
pub(super) struct View {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) zoom: f64,
}

impl View {
    pub(super) const FIT: View = View {
        x: 0.0,
        y: 0.0,
        zoom: 1.0,
    };
}

/// Grid the nodes snap to when moved.
pub(super) const GRID: f64 = 20.0;
/// How far Shift+arrow moves a node.
pub(super) const NUDGE: f64 = 20.0;
/// Diagrams with more nodes than this get a minimap.
pub(super) const MINIMAP_FROM: usize = 12;

pub(super) fn snap(v: f64) -> f64 {
    (v / GRID).round() * GRID
}

/// The diagram's own coordinates of a point on screen.
pub(super) fn to_diagram(
    svg: &NodeRef,
    view_box: (f64, f64, f64, f64),
    client: (f64, f64),
) -> (f64, f64) {
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

pub(super) fn client_point(e: &MouseEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

/// The node under a point of the diagram.
pub(super) fn node_at(
    places: &HashMap<ResourceId, (f64, f64)>,
    (px, py): (f64, f64),
) -> Option<ResourceId> {
    places
        .iter()
        .find(|(_, &(x, y))| px >= x && px <= x + NODE_W && py >= y && py <= y + NODE_H)
        .map(|(&id, _)| id)
}

/// A drag of nodes, drawn straight into the page while the pointer moves (the diagram itself
/// changes once, on release), so a drag costs a few attribute writes per frame.
#[derive(Clone, Debug, Default)]
pub(super) struct Drag {
    pub(super) ids: Vec<ResourceId>,
    pub(super) from: (f64, f64),
    pub(super) by: (f64, f64),
}

/// Moves the dragged nodes and the links that touch them on the page, by `by`.
pub(super) fn draw_drag(
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
        let (curve, label_at) = link_geometry(from, to, bend(&store.sim.links, index));
        if let Ok(Some(group)) = document.query_selector(&format!("[data-link=\"{index}\"]")) {
            let room = label_room(from, to, label_at);
            canvas_markup::place_link(&group, &curve, label_at, room);
        }
    }
}

pub(super) fn capture(svg: &NodeRef, e: &PointerEvent) {
    if let Some(element) = svg.cast::<web_sys::Element>() {
        let _ = element.set_pointer_capture(e.pointer_id());
    }
}

/// Zooms by `factor` around a point on screen (the middle when `None`), keeping that point
/// still. `content` is the size of the whole diagram (what zoom 1 shows).
pub(super) fn zoom_at(
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
