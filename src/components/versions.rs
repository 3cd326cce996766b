//! A function's versions and aliases in the inspector: publish a version (`PublishVersion`, which
//! copies no `EventInvokeConfig`), create an alias pointing at a version (`CreateAlias`), and
//! choose each alias's own OnSuccess and OnFailure destinations (`PutFunctionEventInvokeConfig`
//! with `Qualifier`). Every change is one edit the engine checks, refused in AWS's words.

use crate::i18n::T;
use crate::state::{Action, Store};
use engine::aws::{self, Side};
use engine::edit::Edit;
use engine::Kind;
use serde_json::{json, Value};
use yew::prelude::*;

/// Properties of [`Versions`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Index of the function in the scenario.
    pub index: usize,
}

/// The ARNs and names of the resources AWS accepts as a destination on `side`
/// ([`aws::async_destination_supported`]).
fn destinations(store: &Store, own: &str, side: Side) -> Vec<(String, String)> {
    store
        .sim
        .run
        .topology
        .resources
        .iter()
        .filter(|r| aws::async_destination_supported(r.kind, side) && r.arn != own)
        .map(|r| (r.arn.clone(), r.name.clone()))
        .collect()
}

/// A list field of the function with one more item.
fn appended(store: &Store, arn: &str, pointer: &str, item: Value) -> Value {
    let mut list = engine::edit::get(&store.scenario, arn, pointer)
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    list.push(item);
    Value::Array(list)
}

/// The versions and aliases of function `index`.
#[component]
pub fn Versions(props: &Props) -> Html {
    let store = use_context::<Store>();
    let alias_name = use_node_ref();
    let alias_version = use_node_ref();
    let Some(store) = store else {
        return html! {};
    };
    let Some(function) = store.scenario.functions.get(props.index) else {
        return html! {};
    };
    let topology = &store.sim.run.topology;
    let Some(arn) = topology
        .id_of(Kind::Function, props.index)
        .map(|id| topology.get(id).arn.clone())
    else {
        return html! {};
    };
    let lang = store.lang;
    let publish = {
        let (store, arn) = (store.clone(), arn.clone());
        let next = function.versions.len() + 1;
        Callback::from(move |_: MouseEvent| {
            let value = appended(
                &store,
                &arn,
                "/Versions",
                json!({ "Version": next.to_string() }),
            );
            store.dispatch(Action::Edit(Edit::Set {
                arn: arn.clone(),
                pointer: "/Versions".into(),
                value,
            }));
        })
    };
    let create = {
        let (store, arn) = (store.clone(), arn.clone());
        let (name, version) = (alias_name.clone(), alias_version.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(name), Some(version)) = (
                name.cast::<web_sys::HtmlInputElement>(),
                version.cast::<web_sys::HtmlSelectElement>(),
            ) else {
                return;
            };
            let alias = json!({ "Name": name.value().trim(), "FunctionVersion": version.value() });
            let value = appended(&store, &arn, "/Aliases", alias);
            // The name stays in the field: an alias AWS refuses is named beside the diagram,
            // and the learner corrects it rather than typing it again.
            store.dispatch(Action::Edit(Edit::Set {
                arn: arn.clone(),
                pointer: "/Aliases".into(),
                value,
            }));
        })
    };
    let destination_select = |i: usize, side: Side, label: T, current: Option<&str>| {
        let field = side.as_str();
        let targets = destinations(&store, &arn, side);
        let pointer = format!("/Aliases/{i}/EventInvokeConfig/DestinationConfig/{field}");
        let onchange = {
            let (store, arn) = (store.clone(), arn.clone());
            Callback::from(move |e: Event| {
                let chosen = e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value();
                let value = if chosen.is_empty() {
                    Value::Null
                } else {
                    json!({ "Destination": chosen })
                };
                store.dispatch(Action::Edit(Edit::Set {
                    arn: arn.clone(),
                    pointer: pointer.clone(),
                    value,
                }));
            })
        };
        html! {
            <label class="field">
                <span>{ label.get(lang) }</span>
                <select {onchange} data-testid={format!("alias-{i}-{}", field.to_lowercase())}>
                    <option value="" selected={current.is_none()}>{ T::NoDestination.get(lang) }</option>
                    { for targets.iter().map(|(target, name)| html! {
                        <option value={target.clone()} selected={current == Some(target.as_str())}>{ name.clone() }</option>
                    }) }
                </select>
            </label>
        }
    };
    let aliases = function.aliases.iter().enumerate().map(|(i, alias)| {
        let config = alias
            .event_invoke_config
            .as_ref()
            .and_then(|c| c.destination_config.as_ref());
        let heading = T::AliasPointsTo
            .get(lang)
            .replace("{name}", &alias.name)
            .replace("{version}", &alias.function_version);
        html! {
            <li class="alias" data-testid={format!("alias-{}", alias.name)}>
                <p>{ heading }</p>
                { destination_select(i, Side::OnSuccess, T::AliasOnSuccess, config.and_then(|d| d.on_success_arn())) }
                { destination_select(i, Side::OnFailure, T::AliasOnFailure, config.and_then(|d| d.on_failure_arn())) }
            </li>
        }
    });
    let versions = std::iter::once("$LATEST".to_string())
        .chain(function.versions.iter().map(|v| v.version.clone()))
        .collect::<Vec<_>>();
    html! {
        <section class="versions" aria-labelledby="versions-title" data-testid="versions">
            <h3 id="versions-title">{ T::VersionsTitle.get(lang) }</h3>
            <p class="hint">{ T::VersionsHint.get(lang) }</p>
            <ul class="version-list">
                { for function.versions.iter().map(|v| html! {
                    <li data-testid={format!("version-{}", v.version)}>{ T::VersionN.get(lang).replace("{n}", &v.version) }</li>
                }) }
            </ul>
            <button type="button" onclick={publish} data-testid="version-publish">{ T::PublishVersion.get(lang) }</button>
            <ul class="alias-list">{ for aliases }</ul>
            <form class="alias-create" onsubmit={create}>
                <label class="field">
                    <span>{ T::AliasName.get(lang) }</span>
                    <input ref={alias_name} type="text" data-testid="alias-name" />
                </label>
                <label class="field">
                    <span>{ T::AliasVersion.get(lang) }</span>
                    <select ref={alias_version} data-testid="alias-version">
                        { for versions.iter().rev().map(|v| html! { <option value={v.clone()}>{ v.clone() }</option> }) }
                    </select>
                </label>
                <button type="submit" data-testid="alias-create">{ T::CreateAlias.get(lang) }</button>
            </form>
        </section>
    }
}
