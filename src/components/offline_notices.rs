//! The notices of the offline machinery: a new version is ready (`crate::offline`), and an export
//! or an import failed because its tools could not load (`crate::tools`).

use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// "A new version is ready" with a Reload button (never reloads by itself), and the last export
/// or import failure, naming what failed.
#[component]
pub fn OfflineNotices() -> Html {
    let store = use_context::<Store>();
    let new_version = crate::offline::use_new_version();
    let (failure, dismiss) = crate::tools::use_failure();
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    // An embed takes a new version at its next load: the reader did not open the playground.
    let show_update = new_version && store.embed.is_none();
    let reload = Callback::from(|_| crate::offline::apply_update());
    html! {
        <>
            // Always in the page, so the polite announcement is made when the text appears.
            <div class="update-notice" role="status" data-testid="update-status">
                if show_update {
                    <p>{ T::NewVersionReady.get(lang) }</p>
                    <button type="button" onclick={reload} data-testid="update-reload">{ T::Reload.get(lang) }</button>
                }
            </div>
            if let Some(reply) = failure {
                <div class="refusal" role="alert" data-testid="tools-error">
                    <p class="aws-error">{ crate::tools::error_text(&reply, lang) }</p>
                    if reply.get("unavailable").is_some() {
                        <p>{ T::ToolsRetry.get(lang) }</p>
                    }
                    <button type="button" onclick={dismiss.reform(|_| ())}>{ T::Dismiss.get(lang) }</button>
                </div>
            }
        </>
    }
}
