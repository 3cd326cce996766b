//! The event log: every step so far, with its virtual time, the rule it applied (linked to the
//! AWS documentation) and the sentence saying why.

use crate::app::Store;
use crate::i18n::T;
use crate::state::Action;
use engine::narrate::{format_ms, sentence};
use yew::prelude::*;

/// Lines rendered at most; older lines are summarised to keep long runs fast.
const VISIBLE_LINES: usize = 300;

/// The event log.
#[component]
pub fn EventLog() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let run = &store.sim.run;
    let shown = store.step;
    let first = shown.saturating_sub(VISIBLE_LINES);
    html! {
        <div class="event-log">
            <h2>{ T::EventLog.get(lang) }</h2>
            if shown == 0 {
                <p class="empty">{ T::EventLogEmpty.get(lang) }</p>
            } else {
                <ol start={(first + 1).to_string()} data-testid="event-log">
                    { for (first..shown).map(|i| {
                        let event = &run.trace.events[i];
                        let rule = event.rule;
                        let current = i + 1 == shown;
                        let onclick = {
                            let store = store.clone();
                            Callback::from(move |_| store.dispatch(Action::Seek(i + 1)))
                        };
                        html! {
                            <li class={classes!("log-line", current.then_some("current"), event.what.is_decision().then_some("decision"))}
                                aria-current={current.then_some("step")} data-kind={event.what.kind()}>
                                <button type="button" class="log-time" {onclick}>{ format!("T+{}", format_ms(event.at)) }</button>
                                { " " }
                                <span class="log-text">{ sentence(run, i, lang) }</span>
                                { " " }
                                if rule.doc_url().is_empty() {
                                    <span class="log-rule">{ rule.id() }</span>
                                } else {
                                    <a class="log-rule" href={rule.doc_url()} target="_blank" rel="noopener noreferrer"
                                        title={format!("{} {} · {}", T::RuleLink.get(lang), rule.section(), T::AwsDocs.get(lang))}>{ rule.id() }</a>
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
            if shown > 0 && shown == run.trace.events.len() {
                <p class="end">{ T::EndOfRun.get(lang) }</p>
            }
        </div>
    }
}
