//! The event log: every step so far, with its virtual time, the rule it applied (linked to the
//! AWS documentation) and the sentence saying why.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use engine::narrate::{format_ms, sentence};
use engine::topology::ResourceId;
use engine::trace::{TraceEvent, What};
use yew::prelude::*;

/// Lines rendered at most; older lines are summarised to keep long runs fast.
const VISIBLE_LINES: usize = 120;

/// Which events the log lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Everything.
    All,
    /// Decisions only.
    Decisions,
    /// What targets received.
    Deliveries,
    /// Failed attempts, refused invokes, failed deliveries, throttles, expiries.
    Failures,
    /// Events at, or delivered to, the selected resource.
    Selected,
}

const FILTERS: [(Filter, &str, T); 5] = [
    (Filter::All, "all", T::FilterAll),
    (Filter::Decisions, "decisions", T::FilterDecisions),
    (Filter::Deliveries, "deliveries", T::FilterDeliveries),
    (Filter::Failures, "failures", T::FilterFailures),
    (Filter::Selected, "selected", T::FilterSelected),
];

fn keeps(filter: Filter, event: &TraceEvent, selected: Option<ResourceId>) -> bool {
    match filter {
        Filter::All => true,
        Filter::Decisions => event.what.is_decision(),
        Filter::Deliveries => matches!(event.what, What::Delivered { .. } | What::DeliveryFailed { .. } | What::EmailSent { .. }),
        Filter::Failures => matches!(
            event.what,
            What::AttemptFailed { .. }
                | What::DeliveryFailed { .. }
                | What::InvokeRefused { .. }
                | What::Throttled { .. }
                | What::EventAgeExceeded { .. }
                | What::RetriesExhausted { .. }
                | What::ZeroReservedConcurrency
                | What::RecursionStopped { .. }
                | What::BatchDiscarded { .. }
                | What::ShardBlocked { .. }
                | What::MessageRedriven { .. }
                | What::MessagesExpired { .. }
                | What::PartialBatchInvalid { .. }
        ),
        Filter::Selected => selected.is_some_and(|id| {
            event.resource == id || matches!(event.what, What::Delivered { target, .. } | What::DeliveryFailed { target, .. } if target == id)
        }),
    }
}

/// The event log.
#[component]
pub fn EventLog() -> Html {
    let filter = use_state(|| Filter::All);
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let run = &store.sim.run;
    let shown = store.step;
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            filter.set(
                FILTERS
                    .iter()
                    .find(|(_, v, _)| *v == value)
                    .map(|(f, _, _)| *f)
                    .unwrap_or(Filter::All),
            );
        })
    };
    let lines: Vec<usize> = (0..shown)
        .filter(|&i| keeps(*filter, &run.trace.events[i], store.selected))
        .collect();
    let lines = &lines[lines.len().saturating_sub(VISIBLE_LINES)..];
    html! {
        <div class="event-log">
            <div class="log-head">
                <h2>{ T::EventLog.get(lang) }</h2>
                <label class="field inline">
                    <span>{ T::Show.get(lang) }</span>
                    <select onchange={on_filter} data-testid="log-filter">
                        { for FILTERS.iter().map(|(f, value, label)| html! { <option value={*value} selected={*f == *filter}>{ label.get(lang) }</option> }) }
                    </select>
                </label>
            </div>
            if shown == 0 {
                <p class="empty">{ T::EventLogEmpty.get(lang) }</p>
            } else if lines.is_empty() {
                <p class="empty">{ T::NoMatchingEvents.get(lang) }</p>
            } else {
                <ol data-testid="event-log">
                    { for lines.iter().map(|&i| {
                        let event = &run.trace.events[i];
                        let rule = event.rule;
                        let current = i + 1 == shown;
                        let onclick = {
                            let store = store.clone();
                            Callback::from(move |_| store.dispatch(Action::Seek(i + 1)))
                        };
                        html! {
                            <li value={(i + 1).to_string()} class={classes!("log-line", current.then_some("current"), event.what.is_decision().then_some("decision"))}
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
