//! The slim bar an embedded playground shows instead of the header.

use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The slim bar an embedded playground shows instead of the header: its name, and a link that
/// opens the same scenario at the same step, in the same language, in the full playground.
#[component]
pub fn EmbedBar() -> Html {
    let Some(store) = use_context::<Store>() else {
        return html! {};
    };
    let lang = store.lang;
    let href = format!(
        "{}?lang={}#{}",
        crate::platform::app_base(),
        lang.code(),
        engine::share::encode(&store.scenario, Some(store.step as u64))
    );
    html! {
        <header class="embed-bar">
            <strong>{ T::AppTitle.get(lang) }</strong>
            <a href={href} target="_blank" rel="noopener" data-testid="open-full">{ T::OpenFull.get(lang) }</a>
        </header>
    }
}
