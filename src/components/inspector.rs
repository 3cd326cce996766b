//! The inspector: the selected resource, its settings that matter for routing, the exact body of
//! everything it received up to the current step, and its CloudWatch counters.

use super::{kind_label, pretty_json, status_label, via_label};
use crate::i18n::T;
use crate::state::Store;
use crate::state::{Action, Behaviour};
use engine::narrate::format_ms;
use engine::scenario::{Input, Outcome};
use engine::trace::{Via, What};
use engine::Kind;
use yew::prelude::*;

/// The faults that can be injected into `id` at the current step: label, test id, and the
/// timeline inputs that make it happen.
pub fn fault_choices(
    store: &Store,
    id: engine::topology::ResourceId,
) -> Vec<(T, &'static str, Vec<Input>)> {
    let topology = &store.sim.run.topology;
    let resource = topology.get(id);
    let at = store.insertion_time();
    let name = resource.name.clone();
    let mut choices: Vec<(T, &'static str, Vec<Input>)> = Vec::new();
    if resource.kind == Kind::Function {
        let next = |outcome: Outcome| {
            vec![Input::FailNext {
                at,
                function_name: name.clone(),
                count: 1,
                outcome,
            }]
        };
        let error = Outcome::Error {
            error_type: "Error".into(),
            error_message: "Injected failure".into(),
        };
        choices.push((T::FaultFailNext, "fail-next", next(error)));
        choices.push((T::FaultTimeoutNext, "timeout-next", next(Outcome::Timeout)));
        choices.push((
            T::FaultThrottleNext,
            "throttle-next",
            next(Outcome::Throttle),
        ));
        choices.push((
            T::FaultZeroConcurrency,
            "zero-concurrency",
            vec![Input::SetReservedConcurrency {
                at,
                function_name: name.clone(),
                reserved_concurrent_executions: 0,
            }],
        ));
        let revokes: Vec<Input> = store
            .sim
            .links
            .iter()
            .filter(|l| l.from == id)
            .filter_map(|l| engine::aws::required_action(topology.get(l.to).kind))
            .map(|(action, _)| Input::RevokePermission {
                at,
                function_name: name.clone(),
                action: action.to_string(),
            })
            .collect();
        if !revokes.is_empty() {
            choices.push((T::FaultRevoke, "revoke", revokes));
        }
    }
    if resource.kind != Kind::Client {
        choices.push((
            T::FaultDelete,
            "delete",
            vec![Input::DeleteResource {
                at,
                arn: resource.arn.clone(),
            }],
        ));
    }
    choices
}

/// Buttons that add a fault for `id` at the current step.
fn faults(store: &Store, id: engine::topology::ResourceId) -> Html {
    let lang = store.lang;
    let choices = fault_choices(store, id);
    html! {
        <details class="faults">
            <summary>{ T::FaultsTitle.get(lang) }</summary>
            <div class="fault-buttons">
                { for choices.into_iter().map(|(label, test_id, inputs)| {
                    let store = store.clone();
                    let onclick = Callback::from(move |_| {
                        for input in inputs.clone() {
                            store.dispatch(Action::AddInput(input));
                        }
                    });
                    html! { <button type="button" {onclick} data-testid={format!("fault-{test_id}")}>{ label.get(lang) }</button> }
                }) }
            </div>
        </details>
    }
}

/// A counter's value with its CloudWatch unit (`AsyncEventAge` is in milliseconds).
fn metric_value(name: &str, value: u64) -> String {
    if name == "AsyncEventAge" {
        format!("{value} ms")
    } else {
        value.to_string()
    }
}

/// The fields of an invocation record that `body` has, each with what it means.
fn field_notes(body: &str) -> Vec<(&'static str, T)> {
    let Ok(serde_json::Value::Object(record)) = serde_json::from_str::<serde_json::Value>(body)
    else {
        return Vec::new();
    };
    if !record.contains_key("requestContext") {
        return Vec::new();
    }
    let context = record.get("requestContext");
    let has = |key: &str| record.contains_key(key);
    let in_context = |key: &str| context.and_then(|c| c.get(key)).is_some();
    [
        ("version", has("version"), T::NoteVersion),
        ("timestamp", has("timestamp"), T::NoteTimestamp),
        (
            "requestContext.requestId",
            in_context("requestId"),
            T::NoteRequestId,
        ),
        (
            "requestContext.functionArn",
            in_context("functionArn"),
            T::NoteFunctionArn,
        ),
        (
            "requestContext.condition",
            in_context("condition"),
            T::NoteCondition,
        ),
        (
            "requestContext.approximateInvokeCount",
            in_context("approximateInvokeCount"),
            T::NoteInvokeCount,
        ),
        (
            "requestPayload",
            has("requestPayload"),
            T::NoteRequestPayload,
        ),
        (
            "responseContext",
            has("responseContext"),
            T::NoteResponseContext,
        ),
        (
            "responsePayload",
            has("responsePayload"),
            T::NoteResponsePayload,
        ),
        (
            "KinesisBatchInfo",
            has("KinesisBatchInfo"),
            T::NoteBatchInfo,
        ),
        (
            "DDBStreamBatchInfo",
            has("DDBStreamBatchInfo"),
            T::NoteBatchInfo,
        ),
        ("KafkaBatchInfo", has("KafkaBatchInfo"), T::NoteBatchInfo),
        ("payload", has("payload"), T::NotePayload),
    ]
    .into_iter()
    .filter(|(_, present, _)| *present)
    .map(|(key, _, note)| (key, note))
    .collect()
}

fn behaviour_label(b: Behaviour) -> T {
    match b {
        Behaviour::Scripted => T::BehaviourScripted,
        Behaviour::Succeed => T::BehaviourSucceed,
        Behaviour::Fail => T::BehaviourFail,
        Behaviour::Timeout => T::BehaviourTimeout,
        Behaviour::Throttle => T::BehaviourThrottle,
    }
}

/// The inspector panel.
#[component]
pub fn Inspector() -> Html {
    let store = use_context::<Store>();
    // Hooks first, whatever is selected: the AWS CLI commands come from the tools worker.
    let selected_arn = store.as_ref().and_then(|store| {
        let resources = &store.sim.run.topology.resources;
        Some(resources.get(store.selected? as usize)?.arn.clone())
    });
    let cli = super::aws_cli::use_aws_cli(store.as_ref().map(|s| s.scenario.clone()), selected_arn);
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let run = &store.sim.run;
    let Some(id) = store
        .selected
        .filter(|&id| (id as usize) < run.topology.resources.len())
    else {
        return html! {
            <section class="inspector" aria-label={T::Inspector.get(lang)}>
                <h2>{ T::Inspector.get(lang) }</h2>
                <p class="empty">{ T::InspectorEmpty.get(lang) }</p>
            </section>
        };
    };
    let resource = run.topology.get(id);
    let world = store.sim.world(store.step);
    let node = world.nodes.get(id as usize).cloned().unwrap_or_default();
    let behaviour = (resource.kind == Kind::Function).then(|| {
        let index = resource.index;
        let current = store.behaviour(index);
        let onchange = {
            let store = store.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                store.dispatch(Action::SetBehaviour(index, Behaviour::from_value(&value)));
            })
        };
        let on_compare = {
            let store = store.clone();
            Callback::from(move |_| store.dispatch(Action::Compare(Some(index))))
        };
        html! {
            <>
            if crate::EDITOR {
                <button type="button" class="compare-button" onclick={on_compare} data-testid="compare-button">{ T::CompareButton.get(lang) }</button>
            }
            <label class="field">
                <span>{ T::Behaviour.get(lang) }</span>
                <select {onchange} data-testid="behaviour-select">
                    { for Behaviour::ALL.iter().map(|&b| html! { <option value={b.value()} selected={b == current}>{ behaviour_label(b).get(lang) }</option> }) }
                </select>
            </label>
            </>
        }
    });
    let received = node.received.iter().rev().map(|&index| {
        let event = &run.trace.events[index as usize];
        let What::Delivered { via, body, attributes, .. } = &event.what else { return html! {} };
        html! {
            <li class="received">
                <p class="received-meta">{ format!("T+{} · {} {}", format_ms(event.at), T::Via.get(lang), via_label(*via)) }</p>
                <pre class="json" data-testid="received-body" tabindex="0">{ pretty_json(run.trace.body(*body)) }</pre>
                if let Some(a) = attributes {
                    <pre class="json attributes" tabindex="0">{ pretty_json(run.trace.body(*a)) }</pre>
                }
                if let Some(notes) = Some(field_notes(run.trace.body(*body))).filter(|n| !n.is_empty()) {
                    <details class="field-notes" data-testid="field-notes">
                        <summary>{ T::FieldNotes.get(lang) }</summary>
                        <dl>
                            { for notes.into_iter().map(|(key, note)| html! { <><dt><code>{ key }</code></dt><dd>{ note.get(lang) }</dd></> }) }
                        </dl>
                    </details>
                }
                if *via == Via::OnFailure {
                    if let Some((dlq_body, dlq_attributes)) = engine::record::dead_letter_counterpart(run.trace.body(*body)) {
                        <details class="dlq-compare" data-testid="dlq-counterpart">
                            <summary>{ T::DlqInstead.get(lang) }</summary>
                            <p class="hint">{ T::DlqExplain.get(lang) }</p>
                            <pre class="json" tabindex="0">{ pretty_json(&dlq_body) }</pre>
                            <pre class="json attributes" tabindex="0">{ pretty_json(&dlq_attributes) }</pre>
                        </details>
                    }
                }
            </li>
        }
    });
    let editor = crate::EDITOR && store.embed != Some(crate::embed::View::Player);
    let faults = editor.then(|| faults(&store, id));
    html! {
        <section class="inspector" aria-label={T::Inspector.get(lang)} data-testid="inspector">
            <h2>{ format!("{}: {}", kind_label(resource.kind).get(lang), resource.name) }</h2>
            <p class="arn"><span>{ T::Arn.get(lang) }</span>{ " " }<code>{ resource.arn.clone() }</code></p>
            <p class="status">{ status_label(node.status).get(lang) }</p>
            // Each component in its own element: Yew then never has to place one before a
            // keyed sibling that is being replaced in the same render.
            if editor {
                <div><super::edit_panel::EditSection key={resource.arn.clone()} resource={id} /></div>
                <div><super::settings::Settings resource={id} /></div>
            }
            { behaviour.unwrap_or_default() }
            if editor {
                if resource.kind == Kind::Function {
                    <super::versions::Versions index={resource.index} />
                }
                <div><super::send::SendForm key={id} resource={id} /></div>
            }
            { faults.unwrap_or_default() }
            if !cli.is_empty() {
                <details class="cli" data-testid="aws-cli">
                    <summary>{ T::AwsCli.get(lang) }</summary>
                    { for cli.iter().map(|c| html! { <pre class="json" tabindex="0">{ c.clone() }</pre> }) }
                </details>
            }
            <h3>{ T::Received.get(lang) }</h3>
            if node.received.is_empty() {
                <p class="empty" data-testid="nothing-received">{ T::NothingReceivedYet.get(lang) }</p>
            } else {
                <ul class="received-list">{ for received }</ul>
            }
            if !node.counters.is_empty() {
                <h3>{ T::Counters.get(lang) }</h3>
                <table class="counters" data-testid="counters">
                    <tbody>
                        { for node.counters.iter().map(|(name, value)| html! { <tr><th scope="row">{ *name }</th><td>{ metric_value(name, *value) }</td></tr> }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
