//! The notices of the offline machinery: a new version is ready (`crate::offline`), and an export
//! or an import failed because its tools could not load (`crate::tools`). A hook and a view that
//! [`super::notices::Notices`] shows, not a component of its own: a Yew component and its state
//! types cost the first load several kilobytes.

use crate::i18n::{Lang, T};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// What the offline machinery has to say.
pub struct Offline {
    /// A new version is installed and waits for a reload.
    new_version: UseStateHandle<bool>,
    /// The last export or import failure's detail (`None` until one, or once dismissed).
    failure: UseStateHandle<Option<String>>,
    /// Whether that failure is the tools worker that could not load.
    unavailable: UseStateHandle<bool>,
}

/// Listens for a new version and for export or import failures.
#[hook]
pub fn use_offline() -> Offline {
    let new_version = use_state(crate::offline::update_waiting);
    let failure = use_state(|| None::<String>);
    let unavailable = use_state(|| false);
    {
        let (new_version, failure, unavailable) =
            (new_version.clone(), failure.clone(), unavailable.clone());
        use_effect_with((), move |()| {
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, crate::offline::UPDATE_EVENT, move |_| {
                new_version.set(true)
            });
            crate::tools::listen_for_failures(Some(Rc::new(move |reply: &serde_json::Value| {
                unavailable.set(reply.get("unavailable").is_some());
                failure.set(Some(
                    reply["error"].as_str().unwrap_or_default().to_string(),
                ));
            })));
            move || {
                drop(listener);
                crate::tools::listen_for_failures(None);
            }
        });
    }
    Offline {
        new_version,
        failure,
        unavailable,
    }
}

impl Offline {
    /// "A new version is ready" with a Reload button (it never reloads by itself; an embed takes
    /// the new version at its next load, as the reader did not open the playground), and the
    /// last export or import failure, naming what failed.
    pub fn view(&self, lang: Lang, embedded: bool) -> Html {
        let reload = Callback::from(|_| crate::offline::apply_update());
        let dismiss = {
            let failure = self.failure.clone();
            Callback::from(move |_| failure.set(None))
        };
        html! {
            <>
                // Always in the page, so the polite announcement is made when the text appears.
                <div class="update-notice" role="status" data-testid="update-status">
                    if *self.new_version && !embedded {
                        <p>{ T::NewVersionReady.get(lang) }</p>
                        <button type="button" onclick={reload} data-testid="update-reload">{ T::Reload.get(lang) }</button>
                    }
                </div>
                if let Some(detail) = &*self.failure {
                    <div class="refusal" role="alert" data-testid="tools-error">
                        <p class="aws-error">{ crate::tools::failure_text(detail, *self.unavailable, lang) }</p>
                        if *self.unavailable {
                            <p>{ T::ToolsRetry.get(lang) }</p>
                        }
                        <button type="button" onclick={dismiss}>{ T::Dismiss.get(lang) }</button>
                    </div>
                }
            </>
        }
    }
}
