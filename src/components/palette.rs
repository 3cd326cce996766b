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
use yew::prelude::*;

/// Where a new node goes when it is added by click or keyboard: below everything in the first
/// column, so it never covers a node.
fn free_spot(store: &Store) -> Point {
    let places =
        crate::layout::positions(&store.scenario, &store.sim.run.topology, &store.sim.links);
    let lowest = places
        .values()
        .filter(|&&(x, _)| x < MARGIN + NODE_W)
        .map(|&(_, y)| y + NODE_H + 60.0)
        .fold(MARGIN, f64::max);
    Point {
        x: MARGIN,
        y: lowest,
    }
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
