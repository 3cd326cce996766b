//! Fault injection in place: right-click a node (or press F on it) for a menu of the faults it
//! can suffer from this step on; the chosen fault enters the timeline at the current time.

use super::inspector::fault_choices;
use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use engine::topology::ResourceId;
use yew::prelude::*;

/// Properties of [`FaultMenu`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The node the menu is for.
    pub resource: ResourceId,
    /// Where it opens, in page pixels.
    pub at: (f64, f64),
    /// Closes the menu.
    pub on_close: Callback<()>,
}

/// The menu.
#[component]
pub fn FaultMenu(props: &Props) -> Html {
    let store = use_context::<Store>();
    let menu = use_node_ref();
    {
        let menu = menu.clone();
        use_effect_with(props.resource, move |_| super::focus_first_button(&menu));
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let name = store.sim.run.topology.name(props.resource).to_string();
    let onkeydown = {
        let on_close = props.on_close.clone();
        let name = name.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                on_close.emit(());
                super::canvas::focus_node(&name);
            }
            key @ ("ArrowDown" | "ArrowUp") => {
                e.prevent_default();
                move_focus(&e, key == "ArrowDown");
            }
            _ => {}
        })
    };
    let items = fault_choices(&store, props.resource)
        .into_iter()
        .map(|(label, test_id, inputs)| {
            let store = store.clone();
            let on_close = props.on_close.clone();
            let onclick = Callback::from(move |_| {
                for input in inputs.clone() {
                    store.dispatch(Action::AddInput(input));
                }
                on_close.emit(());
            });
            html! {
                <li role="none"><button type="button" role="menuitem" {onclick} data-testid={format!("menu-fault-{test_id}")}>{ label.get(lang) }</button></li>
            }
        });
    let style = format!("left:{}px;top:{}px", props.at.0, props.at.1);
    html! {
        <ul ref={menu} class="context-menu" role="menu" aria-label={format!("{}: {name}", T::FaultsTitle.get(lang))} {style} {onkeydown} data-testid="fault-menu">
            { for items }
        </ul>
    }
}

/// Moves focus to the next or previous item of the menu the event came from.
fn move_focus(e: &KeyboardEvent, down: bool) {
    use wasm_bindgen::JsCast;
    let Some(current) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let item = current.parent_element();
    let next = item.and_then(|li| {
        if down {
            li.next_element_sibling()
        } else {
            li.previous_element_sibling()
        }
    });
    if let Some(button) = next
        .and_then(|li| li.first_element_child())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
