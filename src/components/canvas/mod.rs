//! The architecture diagram as SVG: a node per resource with its live state, a link per trigger,
//! destination, subscription or redrive, each with an accessible name that reads as a sentence.

mod drawing;
mod flow;
mod focus;
mod framing;
mod gestures;
mod markup;
mod sentences;

use super::tokens;
use super::{status_class, status_label};
use crate::i18n::T;
use crate::keys::{self, Command, Scope};
use crate::state::Action;
use crate::state::Store;
use engine::diagram;
use engine::edit::{self, Edit};
use engine::scenario::Point;
use engine::topology::{Kind, ResourceId};
use engine::world::{Status, World};
use gloo::events::{EventListener, EventListenerOptions};
use markup::{self as canvas_markup, LinkLook, NodeLook};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::layout::MARGIN;
pub use crate::layout::{NODE_H, NODE_W};
pub use drawing::rehearse;
use drawing::*;
use flow::*;
use focus::*;
pub use focus::{focus_node, focus_selected_soon};
use framing::{following, Framed};
pub use gestures::space_panned;
use gestures::*;
use sentences::*;
pub use sentences::{link_sentence, qualifier_suffix};

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
    // The canvas's size on screen, and the view the canvas last took by itself (`framing`).
    let canvas_size = use_state(|| (0.0f64, 0.0f64));
    let framed = use_mut_ref(Framed::default);
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
    // A name longer than its box, or a label longer than the gap between two nodes, is drawn
    // narrower rather than over the box's edge.
    {
        let layer = layer.clone();
        use_effect_with(ByPtr(Rc::clone(&cached)), move |_| {
            if let Some(layer) = layer.cast::<web_sys::Element>() {
                canvas_markup::fit_texts(&layer);
            }
        });
    }
    // The canvas frames the diagram by itself (a phone's readable start, else the whole diagram
    // as large as it fits clear of the zoom buttons) as a diagram opens, and again as the canvas
    // is resized or the diagram edited, until the view is zoomed or moved.
    {
        let svg = svg.clone();
        let size = canvas_size.clone();
        use_effect_with((), move |_| {
            let observer = svg.cast::<web_sys::Element>().and_then(|element| {
                let target = element.clone();
                let measured = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    let rect = target.get_bounding_client_rect();
                    size.set((rect.width().round(), rect.height().round()));
                });
                let observer =
                    web_sys::ResizeObserver::new(measured.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, measured))
            });
            move || {
                if let Some((observer, _)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    {
        let (svg, view, content, framed) =
            (svg.clone(), view.clone(), content.clone(), framed.clone());
        let places = Rc::clone(&cached.places);
        let opened = store.as_ref().map(|s| s.gallery_index);
        let size = *canvas_size;
        use_effect_with((opened, ByPtr(Rc::clone(&places)), size), move |_| {
            let next = svg.cast::<web_sys::Element>().and_then(|element| {
                framed.borrow_mut().again(
                    *view,
                    (opened, size),
                    &element,
                    *content.borrow(),
                    &places,
                )
            });
            if let Some(next) = next {
                view.set(next);
            }
        });
    }
    // While only part of the diagram is in sight (a phone), the view follows the run to the node
    // each step happens at.
    {
        let (svg, view, content) = (svg.clone(), view.clone(), content.clone());
        let place = store.as_ref().and_then(|s| {
            let at = s.step.checked_sub(1)?;
            let resource = s.sim.run.trace.events.get(at)?.resource;
            cached.places.get(&resource).copied()
        });
        use_effect_with(place, move |place| {
            let moved = place
                .zip(svg.cast::<web_sys::Element>())
                .and_then(|(place, e)| following(*view, &e, *content.borrow(), place));
            if let Some(moved) = moved {
                view.set(moved);
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
            let status_text = status_label(status).get(lang);
            let badges = badges(&store, &world, id, &node);
            let state = NodeLook {
                status,
                status_label: status_text,
                sentence: node_label(
                    &short(topology.name(id), NAME_SHOWN),
                    status_text,
                    &badges,
                    cached.descriptions.get(&id),
                ),
                selected: store.is_selected(id),
                current: current == Some(id),
                on_path: path_nodes.contains(&id),
                badges,
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
                                canvas_markup::place_link(
                                    element,
                                    &view.curve,
                                    view.label_at,
                                    view.label_room,
                                );
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
        let store = store.clone();
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
                if !crate::EDITOR {
                    // The player-only build moves and links nothing: a press selects.
                    store.dispatch(Action::Select(Some(id)));
                } else if on_port {
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
            if !crate::EDITOR {
                return;
            }
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
        let (view, svg, framed) = (view.clone(), svg.clone(), framed.clone());
        let places = Rc::clone(&places);
        let onclick = Callback::from(move |_| {
            let Some(element) = svg.cast::<web_sys::Element>() else {
                return;
            };
            match factor {
                Some(f) => zoom_at(&view, &element, f, None, (width, height)),
                None => view.set(
                    framed
                        .borrow_mut()
                        .whole(&element, (width, height), &places),
                ),
            }
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
            if let Some((resource, at)) = (*menu).filter(|_| crate::EDITOR && !store.lessons.hides("faults")) {
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
