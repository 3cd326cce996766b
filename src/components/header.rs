//! Title, scenario picker and language switch.

use crate::app::Store;
use crate::gallery;
use crate::i18n::{Lang, T};
use crate::state::Action;
use yew::prelude::*;

/// The page header.
#[component]
pub fn Header() -> Html {
    let store = use_context::<Store>();
    let Some(store) = store else { return html! {} };
    let lang = store.lang;
    let on_lang = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            store.dispatch(Action::SetLang(Lang::from_tag(&value)));
        })
    };
    let on_scenario = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            store.dispatch(Action::OpenGallery(value.parse().unwrap_or(0)));
        })
    };
    let lang_code = lang.code();
    html! {
        <header class="header">
            <div class="brand">
                <h1>{ T::AppTitle.get(lang) }</h1>
                <p class="tagline">{ T::Tagline.get(lang) }</p>
            </div>
            <div class="header-controls">
                <label>
                    <span>{ T::Scenario.get(lang) }</span>
                    <select onchange={on_scenario} data-testid="scenario-select">
                        { for gallery::titles().iter().enumerate().map(|(i, title)| html! {
                            <option value={i.to_string()} selected={i == store.gallery_index}>{ title.get(lang_code).to_string() }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ T::Language.get(lang) }</span>
                    <select onchange={on_lang} data-testid="language-select">
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                        <option value="ko" selected={lang == Lang::Ko}>{ "한국어" }</option>
                    </select>
                </label>
            </div>
        </header>
    }
}
