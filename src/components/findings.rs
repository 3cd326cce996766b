//! What AWS would answer for this configuration, in the AWS CLI's own words, and the stated
//! assumptions where AWS does not document the behaviour.

use crate::i18n::{Lang, T};
use crate::state::Action;
use crate::state::Store;
use engine::Severity;
use yew::prelude::*;

/// Validation findings and assumptions.
#[component]
pub fn Findings() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let findings = &store.sim.findings;
    html! {
        <section class="findings" aria-label={T::Findings.get(lang)}>
            <h2>{ T::Findings.get(lang) }</h2>
            if findings.is_empty() {
                <p class="ok" data-testid="no-findings">{ T::NoFindings.get(lang) }</p>
            } else {
                <ul data-testid="findings">
                    { for findings.iter().map(|f| {
                        let fix = engine::import::fixes::redrive_candidate(&store.base, f).map(|index| {
                            let store = store.clone();
                            Callback::from(move |_| {
                                let mut fixed = (*store.base).clone();
                                if engine::import::fixes::redrive_instead(&mut fixed, index).is_ok() {
                                    store.dispatch(Action::ReplaceBase(Box::new(fixed)));
                                }
                            })
                        });
                        html! {
                            <li class={if f.severity == Severity::Error { "error" } else { "warning" }}>
                                <code>{ f.text(lang) }</code>
                                if let Some(onclick) = fix {
                                    <button type="button" class="fix" {onclick} data-testid="fix-redrive">{ T::FixRedrive.get(lang) }</button>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            <details class="assumptions">
                <summary>{ T::Assumptions.get(lang) }</summary>
                <ul>
                    { for engine::assumptions::ALL.iter().map(|a| html! {
                        <li>{ format!("{} ({}) ", a.section, a.source) }{ if lang == Lang::Ko { a.ko } else { a.en } }</li>
                    }) }
                </ul>
            </details>
        </section>
    }
}
