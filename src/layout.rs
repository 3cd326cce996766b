//! Where each node of the diagram sits: the scenario's own layout where the learner placed it,
//! else a left-to-right layering that follows the links. Platform-free, so it is tested natively.

use engine::diagram::{self, Link, LinkKind};
use engine::topology::{ResourceId, Topology};
use engine::Scenario;
use std::collections::HashMap;

/// Node size on the canvas.
pub const NODE_W: f64 = 180.0;
/// Node height.
pub const NODE_H: f64 = 72.0;
pub const MARGIN: f64 = 40.0;

/// Where each node sits: the scenario's layout where given, else a left-to-right layering that
/// follows the links.
pub fn positions(
    scenario: &Scenario,
    topology: &Topology,
    links: &[Link],
) -> HashMap<ResourceId, (f64, f64)> {
    let ids: Vec<ResourceId> = diagram::nodes(topology).collect();
    let placed: Vec<Option<(f64, f64)>> = ids
        .iter()
        .map(|&id| {
            let arn = &topology.get(id).arn;
            scenario.layout.get(arn).map(|p| (p.x, p.y))
        })
        .collect();
    // The layering is only for nodes the learner has not placed (an opened file usually places
    // them all).
    let layer = if placed.iter().all(Option::is_some) {
        HashMap::new()
    } else {
        layers(&ids, links)
    };
    let mut rows: HashMap<usize, usize> = HashMap::new();
    ids.iter()
        .zip(placed)
        .map(|(&id, position)| {
            let position = position.unwrap_or_else(|| {
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

/// Each node's column, left to right: one after the node that links to it, redrives aside.
fn layers(ids: &[ResourceId], links: &[Link]) -> HashMap<ResourceId, usize> {
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
    layer
}
