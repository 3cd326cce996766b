//! Fork and compare: the run the learner kept, set against the current one.

use crate::i18n::T;
use crate::state::Store;
use crate::state::{difference, Action};
use yew::prelude::*;

/// The keep button and, when a run is kept, how the current run differs from it.
#[component]
pub fn KeptRun() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let on_keep = {
        let store = store.clone();
        let keep = store.kept.is_none();
        Callback::from(move |_| store.dispatch(Action::Keep(keep)))
    };
    let label = if store.kept.is_some() {
        T::ForgetRun
    } else {
        T::KeepRun
    };
    html! {
        <section class="kept" data-testid="kept">
            <button type="button" onclick={on_keep} data-testid="keep-run">{ label.get(lang) }</button>
            if let Some(kept) = &store.kept {
                <>
                    <h2>{ T::KeptTitle.get(lang) }</h2>
                    {{
                        let diff = difference(kept, &store.sim);
                        html! {
                            <>
                                <p data-testid="kept-parts">{ match diff.first_difference {
                                    None => T::SameRun.get(lang).to_string(),
                                    Some(step) => format!("{} {step}.", T::PartsAtStep.get(lang)),
                                } }</p>
                                <table class="counters">
                                    <thead><tr><th scope="col">{ T::TargetHeader.get(lang) }</th><th scope="col">{ T::KeptHeader.get(lang) }</th><th scope="col">{ T::NowHeader.get(lang) }</th></tr></thead>
                                    <tbody data-testid="kept-deliveries">
                                        { for diff.deliveries.iter().map(|(name, before, now)| html! {
                                            <tr class={(before != now).then_some("changed")}><th scope="row">{ name.clone() }</th><td>{ before.to_string() }</td><td>{ now.to_string() }</td></tr>
                                        }) }
                                    </tbody>
                                </table>
                            </>
                        }
                    }}
                </>
            }
        </section>
    }
}
