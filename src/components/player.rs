//! Play, pause, step, jump between decisions, scrub, speed; the virtual clock and the current
//! sentence, announced to screen readers when stepping and when playback pauses or ends.

use super::markers::{Markers, Sim};
use crate::i18n::T;
use crate::platform;
use crate::state::Store;
use crate::state::{Action, SPEEDS};
use engine::narrate::{format_ms, sentence};
use yew::prelude::*;

/// The player controls.
#[component]
pub fn Player() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let len = store.sim.len();
    let button = |label: T, action: Action, key: &'static str, disabled: bool| {
        let store = store.clone();
        let onclick = Callback::from(move |_| store.dispatch(action.clone()));
        html! {
            <button type="button" {onclick} disabled={disabled} aria-keyshortcuts={key} data-testid={format!("player-{}", label.get(crate::i18n::Lang::En).to_lowercase().replace(' ', "-"))}>
                { label.get(lang) }
            </button>
        }
    };
    let on_scrub = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            store.dispatch(Action::Seek(value.parse().unwrap_or(0)));
        })
    };
    let on_speed = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            store.dispatch(Action::SetSpeed(value.parse().unwrap_or(1.0)));
        })
    };
    let on_seed = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            match input.value().trim().parse::<u64>() {
                Ok(seed) => store.dispatch(Action::SetSeed(seed)),
                Err(_) => input.set_value(&store.sim.run.seed.to_string()),
            }
        })
    };
    let at = store
        .step
        .checked_sub(1)
        .and_then(|i| store.sim.run.trace.events.get(i))
        .map(|e| e.at)
        .unwrap_or(0);
    let narration = match store.step {
        // What to do next when there is nothing to play: build something, or send something in.
        0 if len == 0
            && engine::diagram::nodes(&store.sim.run.topology)
                .next()
                .is_none() =>
        {
            T::GuideEmpty.get(lang).to_string()
        }
        0 if len == 0 => T::GuideNoInputs.get(lang).to_string(),
        0 => T::EventLogEmpty.get(lang).to_string(),
        step => sentence(&store.sim.run, step - 1, lang),
    };
    let summary = (len > 0 && store.step == len).then(|| results_summary(&store));
    let toggle_panels = {
        let store = store.clone();
        let open = store.panels_open;
        Callback::from(move |_| store.dispatch(Action::ShowPanels(!open)))
    };
    html! {
        <div class="player" id="player" role="group" aria-label={T::Timeline.get(lang)}>
            <div class="player-buttons">
                { button(T::Reset, Action::Reset, "Home", store.step == 0) }
                { button(T::PreviousDecision, Action::PreviousDecision, "[", store.step == 0) }
                { button(T::StepBack, Action::StepBack, "ArrowLeft", store.step == 0) }
                if store.playing {
                    { button(T::Pause, Action::Pause, "Space", false) }
                } else {
                    { button(T::Play, Action::Play, "Space", len == 0) }
                }
                { button(T::StepForward, Action::StepForward, "ArrowRight", store.step >= len) }
                { button(T::NextDecision, Action::NextDecision, "]", store.step >= len) }
                <label class="speed">
                    // Read, not shown: the select shows "1×", as video players do, so the
                    // controls keep to one line beside the panels.
                    <span class="visually-hidden">{ T::Speed.get(lang) }</span>
                    <select onchange={on_speed} data-testid="speed-select" aria-keyshortcuts="+ -">
                        { for SPEEDS.iter().map(|&s| html! { <option value={s.to_string()} selected={s == store.speed}>{ format!("{s}×") }</option> }) }
                    </select>
                </label>
                <button type="button" class="panels-toggle" aria-expanded={store.panels_open.to_string()} aria-controls="panels"
                    onclick={toggle_panels} data-testid="panels-toggle">{ T::Details.get(lang) }</button>
                <button type="button" class="full-screen"
                    onclick={Callback::from(|_| platform::toggle_full_screen())} data-testid="full-screen">{ T::FullScreen.get(lang) }</button>
            </div>
            <div class="scrubber">
                <input type="range" min="0" max={len.to_string()} value={store.step.to_string()} oninput={on_scrub}
                    aria-label={T::Timeline.get(lang)} aria-valuetext={format!("{} {} {} {}", T::Step.get(lang), store.step, T::Of.get(lang), len)} data-testid="scrubber" />
                <Markers sim={Sim(std::rc::Rc::clone(&store.sim))} />
            </div>
            <div class="clock">
                <span data-testid="step-counter">{ format!("{} {} {} {}", T::Step.get(lang), store.step, T::Of.get(lang), len) }</span>
                <span data-testid="virtual-time"><span class="clock-label">{ T::VirtualTime.get(lang) }</span>{ format!(" T+{}", format_ms(at)) }</span>
                <label class="field inline seed">
                    <span>{ T::Seed.get(lang) }</span>
                    <input type="number" min="0" step="1" value={store.sim.run.seed.to_string()} onchange={on_seed} data-testid="seed-input" />
                </label>
            </div>
            <p class="narration" data-testid="narration">{ narration.clone() }</p>
            if let Some(summary) = &summary {
                <p class="run-summary" data-testid="run-summary">{ summary.clone() }</p>
                // Then what to try next, where the learner has just read what happened.
                if !store.lessons.open && store.embed.is_none_or(|v| v == crate::embed::View::Full) {
                    { super::about::what_to_try(&store) }
                }
            }
            // What screen readers hear: each step when stepping or paused, and while playing
            // nothing until playback pauses or ends, then the step it reached (not a dozen
            // sentences in five seconds at 1×).
            <p class="visually-hidden" aria-live="polite" data-testid="narration-live">
                if !store.playing { { narration } { summary.map(|s| format!(" {s}")).unwrap_or_default() } }
            </p>
        </div>
    }
}

/// One line at the end of a run: where its results went ("Where results went: 1 delivered to
/// image-alerts through OnFailure."), or that no destination received anything.
fn results_summary(store: &Store) -> String {
    let lang = store.lang;
    let topology = &store.sim.run.topology;
    let results = store.sim.results();
    if results.is_empty() {
        return T::ReachedNothing.get(lang).to_string();
    }
    let parts: Vec<String> = results
        .iter()
        .map(|&(target, via, n)| {
            let via = super::via_label(via);
            let via = match lang {
                crate::i18n::Lang::Ko => {
                    engine::korean::attach(via, engine::korean::Particle::Toward)
                }
                crate::i18n::Lang::En => via.to_string(),
            };
            T::ReachedThrough
                .get(lang)
                .replace("{n}", &n.to_string())
                .replace("{target}", topology.name(target))
                .replace("{via}", &via)
        })
        .collect();
    format!("{} {}.", T::ResultsWent.get(lang), parts.join("; "))
}
