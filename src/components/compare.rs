//! Compare mode: three columns, one per invocation path, each with the decisions the engine made
//! and what every destination received.

use crate::i18n::T;
use crate::state::Store;
use crate::state::{Action, Sim};
use engine::compare::{scenario_for, Path};
use engine::narrate::{format_ms, sentence};
use engine::scenario::Input;
use engine::trace::What;
use std::rc::Rc;
use yew::prelude::*;

fn title(path: Path) -> T {
    match path {
        Path::Synchronous => T::PathSync,
        Path::Asynchronous => T::PathAsync,
        Path::EventSourceMapping => T::PathEsm,
    }
}

fn shown(what: &What) -> bool {
    what.is_decision()
        || matches!(
            what,
            What::Delivered { .. }
                | What::SyncResponse { .. }
                | What::AsyncAccepted
                | What::AttemptFailed { .. }
                | What::AttemptSucceeded { .. }
                | What::BatchInvoked { .. }
                | What::ShardBlocked { .. }
        )
}

/// The compare panel.
#[component]
pub fn ComparePanel() -> Html {
    let store = use_context::<Store>();
    let runs = {
        let key = store
            .as_ref()
            .map(|s| (Rc::clone(&s.scenario), s.comparing));
        use_memo(key, |key| {
            let Some((scenario, Some(index))) = key else {
                return Vec::new();
            };
            let Some(function) = scenario.functions.get(*index) else {
                return Vec::new();
            };
            let payload = scenario
                .inputs
                .iter()
                .find_map(|i| match i {
                    Input::Invoke {
                        function_name,
                        payload,
                        ..
                    } if *function_name == function.function_name => Some(payload.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| serde_json::json!({ "orderId": "1234" }));
            Path::ALL
                .iter()
                .map(|&path| {
                    (
                        path,
                        Sim::new(&scenario_for(
                            scenario,
                            &function.function_name,
                            &payload,
                            path,
                        )),
                    )
                })
                .collect::<Vec<(Path, Sim)>>()
        })
    };
    let Some(store) = store else { return html! {} };
    let lang = store.lang;
    let on_close = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Compare(None)))
    };
    html! {
        <section class="compare" aria-label={T::CompareTitle.get(lang)} data-testid="compare">
            <div class="log-head">
                <h2>{ T::CompareTitle.get(lang) }</h2>
                <button type="button" onclick={on_close}>{ T::Close.get(lang) }</button>
            </div>
            <p class="hint">{ T::CompareIntro.get(lang) }</p>
            <div class="compare-columns">
                { for runs.iter().map(|(path, sim)| {
                    let run = &sim.run;
                    let received: Vec<String> = run.trace.events.iter().filter_map(|e| match &e.what {
                        What::Delivered { target, via, .. } if *via != engine::trace::Via::Input => Some(format!("{} ← {}", run.topology.name(*target), super::via_label(*via))),
                        _ => None,
                    }).collect();
                    html! {
                        <div class="compare-column" data-testid={format!("compare-{path:?}")}>
                            <h3>{ title(*path).get(lang) }</h3>
                            <ol>
                                { for run.trace.events.iter().enumerate().filter(|(_, e)| shown(&e.what)).map(|(i, e)| html! {
                                    <li><span class="log-time">{ format!("T+{}", format_ms(e.at)) }</span>{ " " }{ sentence(run, i, lang) }</li>
                                }) }
                            </ol>
                            <p class="compare-summary">
                                if received.is_empty() {
                                    { T::ReachedNothing.get(lang) }
                                } else {
                                    { format!("{}: {}", T::Received.get(lang), received.join(", ")) }
                                }
                            </p>
                        </div>
                    }
                }) }
            </div>
        </section>
    }
}
