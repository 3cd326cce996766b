//! The editing toolbar above the canvas: the palette of resource kinds (click to add, or drag
//! onto the canvas), undo and redo, tidy up, a new empty diagram and the shortcut sheet.

use super::canvas::{focus_selected_soon, glyph, NODE_H, NODE_W};
use super::kind_label;
use crate::i18n::T;
use crate::layout::MARGIN;
use crate::state::Action;
use crate::state::Store;
use engine::edit::{Edit, PALETTE};
use engine::scenario::Point;
use engine::topology::ResourceId;
use yew::prelude::*;

/// Where a new node goes when it is added by click or keyboard: in the column right of the
/// selected node (where what it will link to usually is), else right of the whole diagram, in
/// the first row there that no node covers.
fn free_spot(store: &Store) -> Point {
    let places =
        crate::layout::positions(&store.scenario, &store.sim.run.topology, &store.sim.links);
    spot_beside(&places, store.selected)
}

/// The free spot beside `selected` (or right of everything) among nodes placed at `places`.
fn spot_beside(
    places: &std::collections::HashMap<ResourceId, (f64, f64)>,
    selected: Option<ResourceId>,
) -> Point {
    const COLUMN: f64 = NODE_W + 100.0;
    const ROW: f64 = NODE_H + 60.0;
    let (x, top) = match selected.and_then(|id| places.get(&id)) {
        Some(&(x, y)) => (x + COLUMN, y),
        None => (
            places
                .values()
                .map(|&(x, _)| x + COLUMN)
                .fold(MARGIN, f64::max),
            MARGIN,
        ),
    };
    let covered = |y: f64| {
        places
            .values()
            .any(|&(px, py)| (px - x).abs() < NODE_W + 20.0 && (py - y).abs() < NODE_H + 20.0)
    };
    let mut y = top;
    while covered(y) {
        y += ROW;
    }
    Point { x, y }
}

/// The toolbar.
#[component]
pub fn Palette() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let button = |label: T, test: &'static str, action: Action, enabled: bool| {
        let store = store.clone();
        let onclick = Callback::from(move |_| store.dispatch(action.clone()));
        html! { <button type="button" {onclick} data-testid={test} disabled={!enabled}>{ label.get(lang) }</button> }
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label={T::EditTitle.get(lang)}>
            <ul class="palette" aria-label={T::Palette.get(lang)} title={T::PaletteHint.get(lang)}>
                { for PALETTE.iter().map(|&kind| {
                    let onclick = {
                        let store = store.clone();
                        Callback::from(move |_| {
                            store.dispatch(Action::Edit(Edit::Add(kind, free_spot(&store))));
                            focus_selected_soon();
                        })
                    };
                    let ondragstart = Callback::from(move |e: DragEvent| {
                        if let Some(data) = e.data_transfer() {
                            let _ = data.set_data("text/plain", kind.as_str());
                            data.set_effect_allowed("copy");
                        }
                    });
                    html! {
                        <li>
                            <button type="button" class={classes!("palette-item", format!("kind-{}", kind.as_str()))}
                                draggable="true" {onclick} {ondragstart}
                                data-testid={format!("palette-{}", kind.as_str())}
                                aria-label={format!("{}: {}", T::Palette.get(lang), kind_label(kind).get(lang))}>
                                <svg class={classes!("palette-icon", format!("kind-{}", kind.as_str()))} viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
                                    <path d={glyph(kind)} />
                                </svg>
                                <span class="palette-label">{ kind_label(kind).get(lang) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="edit-buttons">
                { button(T::Undo, "undo", Action::Undo, !store.undo.is_empty()) }
                { button(T::Redo, "redo", Action::Redo, !store.redo.is_empty()) }
                { button(T::Tidy, "tidy", Action::Edit(Edit::Tidy), !store.base.layout.is_empty()) }
                { button(T::NewEmpty, "new-empty", Action::NewEmpty, true) }
                { button(T::Shortcuts, "shortcuts", Action::ShowShortcuts(true), true) }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const ROW: f64 = NODE_H + 60.0;

    #[test]
    fn a_new_node_goes_beside_the_selected_one_below_any_node_already_there() {
        let places = HashMap::from([
            (0, (MARGIN, MARGIN)),
            (1, (MARGIN + NODE_W + 100.0, MARGIN)),
        ]);
        let beside = spot_beside(&places, Some(0));
        assert_eq!(
            (beside.x, beside.y),
            (MARGIN + NODE_W + 100.0, MARGIN + ROW)
        );
        let beside_last = spot_beside(&places, Some(1));
        assert_eq!(
            (beside_last.x, beside_last.y),
            (MARGIN + 2.0 * (NODE_W + 100.0), MARGIN)
        );
    }

    #[test]
    fn with_nothing_selected_a_new_node_goes_right_of_the_whole_diagram() {
        let places = HashMap::from([(0, (MARGIN, MARGIN)), (1, (MARGIN, MARGIN + ROW))]);
        let spot = spot_beside(&places, None);
        assert_eq!((spot.x, spot.y), (MARGIN + NODE_W + 100.0, MARGIN));
        let empty = spot_beside(&HashMap::new(), None);
        assert_eq!((empty.x, empty.y), (MARGIN, MARGIN));
    }
}
