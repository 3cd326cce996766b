//! The inspector's editing section for the selected resource: rename (refused inline with AWS's
//! message), duplicate, remove, link to another resource, and its links, each removable.

use super::canvas::focus_selected_soon;
use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use engine::edit::{Edit, LinkSpec};
use engine::topology::ResourceId;
use yew::prelude::*;

/// Properties of [`EditSection`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The selected resource.
    pub resource: ResourceId,
}

/// The section.
#[component]
pub fn EditSection(props: &Props) -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let topology = &store.sim.run.topology;
    let Some(resource) = topology.resources.get(props.resource as usize) else {
        return html! {};
    };
    let id = props.resource;
    let arn = resource.arn.clone();
    // A rename AWS refuses is said next to the field, in AWS's words.
    let error = store
        .refused
        .as_ref()
        .filter(|r| r.of_name(&arn))
        .map(|r| super::refusal_text(lang, &r.why));
    let rename = {
        let store = store.clone();
        let arn = arn.clone();
        let current = resource.name.clone();
        Callback::from(move |name: String| {
            if name.trim() != current {
                store.dispatch(Action::Edit(Edit::Rename(arn.clone(), name)));
            }
        })
    };
    let onkeydown = {
        let rename = rename.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                rename.emit(
                    e.target_unchecked_into::<web_sys::HtmlInputElement>()
                        .value(),
                );
                // A rename writes the field anew for the new ARN, dropping the focus: it goes
                // back to the renamed node. A refused name keeps the field, and the focus in it.
                gloo::timers::callback::Timeout::new(0, || {
                    if gloo::utils::document()
                        .active_element()
                        .is_none_or(|e| e.tag_name() == "BODY")
                    {
                        crate::platform::focus_first(".node.selected");
                    }
                })
                .forget();
            }
        })
    };
    let onchange = Callback::from(move |e: Event| {
        rename.emit(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let action = |label: T, test: &'static str, action: Action, focus: bool| {
        let store = store.clone();
        let onclick = Callback::from(move |_| {
            store.dispatch(action.clone());
            if focus {
                focus_selected_soon();
            }
        });
        html! { <button type="button" {onclick} data-testid={test}>{ label.get(lang) }</button> }
    };
    let links = store
        .sim
        .links
        .iter()
        .filter(|l| l.from == id || l.to == id)
        .map(|link| {
            let spec = LinkSpec {
                from: topology.get(link.from).arn.clone(),
                to: topology.get(link.to).arn.clone(),
                kind: link.kind,
                mapping: link.via.map(|v| topology.get(v).index),
                qualifier: link.qualifier.clone(),
            };
            let (from, to) = (topology.get(link.from), topology.get(link.to));
            let text = super::canvas::link_sentence(lang, topology, link);
            let onclick = {
                let store = store.clone();
                Callback::from(move |_| store.dispatch(Action::Edit(Edit::Unlink(spec.clone()))))
            };
            html! {
                <li>
                    <span>{ text.clone() }</span>
                    <button type="button" class="unlink" {onclick} aria-label={format!("{}: {text}", T::Unlink.get(lang))}
                        data-testid={format!("unlink-{}-{}-{}{}", from.name, to.name, link.kind.as_str(), super::canvas::qualifier_suffix(link))}>{ "✕" }</button>
                </li>
            }
        })
        .collect::<Vec<Html>>();
    html! {
        <section class="edit-section" aria-label={T::EditTitle.get(lang)} data-testid="edit-section">
            <label class="field">
                <span>{ T::Name.get(lang) }</span>
                <input key={arn.clone()} type="text" value={resource.name.clone()} {onkeydown} {onchange}
                    aria-invalid={error.is_some().to_string()} aria-describedby="rename-error"
                    data-testid="rename-input" spellcheck="false" autocomplete="off" />
            </label>
            if let Some(message) = error {
                <p id="rename-error" class="aws-error" role="alert" data-testid="rename-error">{ message }</p>
            }
            <div class="edit-actions">
                { action(T::LinkTo, "link-to", Action::Linking(Some((id, None))), false) }
                { action(T::Duplicate, "duplicate", Action::Duplicate, true) }
                { action(T::Remove, "remove", Action::RemoveSelected, false) }
            </div>
            if !links.is_empty() {
                <h3>{ T::Links.get(lang) }</h3>
                <ul class="link-list" data-testid="link-list">{ for links }</ul>
            }
        </section>
    }
}
