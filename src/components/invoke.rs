//! The invoke panel: send an event to a function with a JSON payload and an invocation type, and
//! see what the caller gets. The invoke enters the timeline at the current step.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use engine::scenario::{Input, InvocationType};
use engine::trace::What;
use serde_json::Value;
use yew::prelude::*;

const TYPES: [InvocationType; 3] = [
    InvocationType::RequestResponse,
    InvocationType::Event,
    InvocationType::DryRun,
];

fn hint(t: InvocationType) -> T {
    match t {
        InvocationType::RequestResponse => T::HintRequestResponse,
        InvocationType::Event => T::HintEvent,
        InvocationType::DryRun => T::HintDryRun,
    }
}

/// What the caller of the last added invoke got: `HTTP 202`, `HTTP 200` with the payload, ...
fn caller_response(store: &Store) -> Option<String> {
    let Input::Invoke { at, .. } = store
        .added
        .iter()
        .rev()
        .find(|i| matches!(i, Input::Invoke { .. }))?
    else {
        return None;
    };
    let run = &store.sim.run;
    let request = run
        .trace
        .events
        .iter()
        .rev()
        .find(|e| e.at == *at && matches!(e.what, What::InvokeCalled { .. }))?
        .request?;
    run.trace
        .events
        .iter()
        .filter(|e| e.request == Some(request))
        .find_map(|e| match &e.what {
            What::AsyncAccepted => Some("HTTP 202 (Event accepted)".to_string()),
            What::DryRunChecked => Some("HTTP 204 (DryRun)".to_string()),
            What::InvokeRefused {
                status,
                code,
                message,
            } => Some(format!(
                "HTTP {status} {}: {}",
                run.trace.body(*code),
                run.trace.body(*message)
            )),
            What::SyncResponse {
                status,
                function_error,
                payload,
            } => Some(format!(
                "HTTP {status}{}\n{}",
                if *function_error {
                    ", X-Amz-Function-Error: Unhandled"
                } else {
                    ""
                },
                super::pretty_json(run.trace.body(*payload))
            )),
            _ => None,
        })
}

/// The invoke panel.
#[component]
pub fn InvokePanel() -> Html {
    let store = use_context::<Store>();
    let function = use_state(|| 0usize);
    let qualifier = use_state(String::new);
    let invocation_type = use_state(|| InvocationType::Event);
    let payload = use_state(|| "{\n  \"orderId\": \"1234\"\n}".to_string());
    let error = use_state(|| None::<String>);
    let Some(store) = store else { return html! {} };
    let lang = store.lang;
    let functions: Vec<String> = store
        .scenario
        .functions
        .iter()
        .map(|f| f.function_name.clone())
        .collect();
    if functions.is_empty() {
        return html! { <section class="invoke"><h2>{ T::InvokeTitle.get(lang) }</h2><p class="empty">{ T::NoFunctions.get(lang) }</p></section> };
    }
    // The chosen function's versions and aliases, any of which an invoke may name.
    let qualifiers: Vec<String> = store
        .scenario
        .functions
        .get(*function)
        .map(|f| {
            f.versions
                .iter()
                .map(|v| v.version.clone())
                .chain(f.aliases.iter().map(|a| a.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let on_qualifier = {
        let qualifier = qualifier.clone();
        Callback::from(move |e: Event| {
            qualifier.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let on_function = {
        let (function, qualifier) = (function.clone(), qualifier.clone());
        Callback::from(move |e: Event| {
            qualifier.set(String::new());
            function.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value()
                    .parse()
                    .unwrap_or(0),
            )
        })
    };
    let on_type = {
        let invocation_type = invocation_type.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            invocation_type.set(
                TYPES
                    .into_iter()
                    .find(|t| t.as_str() == value)
                    .unwrap_or_default(),
            );
        })
    };
    let on_payload = {
        let payload = payload.clone();
        Callback::from(move |e: InputEvent| {
            payload.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_send = {
        let (store, function, invocation_type, payload, error) = (
            store.clone(),
            function.clone(),
            invocation_type.clone(),
            payload.clone(),
            error.clone(),
        );
        let qualifier = (*qualifier).clone();
        let functions = functions.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match serde_json::from_str::<Value>(&payload) {
                Ok(value) => {
                    error.set(None);
                    let mut name = functions.get(*function).cloned().unwrap_or_default();
                    if !qualifier.is_empty() {
                        name = format!("{name}:{qualifier}");
                    }
                    store.dispatch(Action::AddInput(Input::Invoke {
                        at: store.insertion_time(),
                        function_name: name,
                        invocation_type: *invocation_type,
                        payload: value,
                        client: None,
                    }));
                }
                Err(e) => error.set(Some(format!(
                    "{} (line {}, column {}): {e}",
                    T::PayloadInvalid.get(store.lang),
                    e.line(),
                    e.column()
                ))),
            }
        })
    };
    let on_clear = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ClearAdded))
    };
    html! {
        <section class="invoke" aria-label={T::InvokeTitle.get(lang)}>
            <h2>{ T::InvokeTitle.get(lang) }</h2>
            <form onsubmit={on_send}>
                <label class="field">
                    <span>{ T::FunctionLabel.get(lang) }</span>
                    <select onchange={on_function} data-testid="invoke-function">
                        { for functions.iter().enumerate().map(|(i, name)| html! { <option value={i.to_string()} selected={i == *function}>{ name.clone() }</option> }) }
                    </select>
                </label>
                if !qualifiers.is_empty() {
                    <label class="field">
                        <span>{ T::QualifierLabel.get(lang) }</span>
                        <select onchange={on_qualifier} data-testid="invoke-qualifier">
                            <option value="" selected={qualifier.is_empty()}>{ T::Unqualified.get(lang) }</option>
                            { for qualifiers.iter().map(|q| html! { <option value={q.clone()} selected={*q == *qualifier}>{ q.clone() }</option> }) }
                        </select>
                    </label>
                }
                <label class="field">
                    <span>{ T::InvocationTypeLabel.get(lang) }</span>
                    <select onchange={on_type} data-testid="invoke-type">
                        { for TYPES.iter().map(|t| html! { <option value={t.as_str()} selected={*t == *invocation_type}>{ t.as_str() }</option> }) }
                    </select>
                </label>
                <p class="hint">{ hint(*invocation_type).get(lang) }</p>
                <label class="field">
                    <span>{ T::PayloadLabel.get(lang) }</span>
                    <textarea rows="4" spellcheck="false" value={(*payload).clone()} oninput={on_payload} data-testid="invoke-payload"
                        aria-invalid={error.is_some().then_some("true")} />
                </label>
                if let Some(message) = &*error {
                    <p class="error" role="alert" data-testid="invoke-error">{ message.clone() }</p>
                }
                <button type="submit" data-testid="invoke-send">{ T::Send.get(lang) }</button>
            </form>
            if let Some(response) = caller_response(&store) {
                <p class="caller-label">{ T::CallerGot.get(lang) }</p>
                <pre class="json" data-testid="invoke-response">{ response }</pre>
            }
            if !store.added.is_empty() {
                <p class="added">
                    { format!("{}: {} ", T::AddedInputs.get(lang), store.added.len()) }
                    <button type="button" onclick={on_clear} data-testid="clear-added">{ T::RemoveAdded.get(lang) }</button>
                </p>
            }
        </section>
    }
}
