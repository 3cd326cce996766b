//! The embed dialog: what an embed shows, as an iframe snippet, a poster snippet (a picture of
//! the diagram that loads the embed only when the reader presses Play) or a plain link.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The embed dialog: choose what the embed shows, then copy an iframe snippet or a plain link
/// (for hosts that render no HTML).
#[component]
pub fn EmbedDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let view = use_state(|| crate::embed::View::Player);
    let autoplay = use_state(|| false);
    let dialog = use_node_ref();
    use_modal(&dialog, true);
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    // The scenario and step, compressed once for every address below.
    let fragment = engine::share::encode(&store.scenario, Some(store.step as u64));
    let base = crate::platform::page_base();
    // A player embed loads the player-only build, without the editor.
    let page = match *view {
        crate::embed::View::Player => crate::platform::player_base(),
        _ => base.clone(),
    };
    let src = format!(
        "{page}{}#{fragment}",
        crate::embed::query(*view, *autoplay, lang)
    );
    let snippet = crate::embed::iframe_snippet(&src, T::AppTitle.get(lang), view.height());
    let title = store.scenario.title.get(lang.code()).to_string();
    let open = format!("{base}?lang={}#{fragment}", lang.code());
    let poster = crate::platform::poster_svg().map(|(svg, size, names)| {
        let alt = T::DiagramShows
            .get(lang)
            .replace("{nodes}", &names.join("; "));
        let picture = crate::embed::Picture { svg, size, alt };
        crate::embed::poster_snippet(&src, &open, &title, view.height(), &picture, lang)
    });
    let copy = |text: String| Callback::from(move |_| crate::platform::copy_text(&text));
    let on_view = {
        let view = view.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            view.set(match value.as_str() {
                "editor" => crate::embed::View::Editor,
                "full" => crate::embed::View::Full,
                _ => crate::embed::View::Player,
            });
        })
    };
    let on_autoplay = {
        let autoplay = autoplay.clone();
        Callback::from(move |e: Event| {
            autoplay.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let views = [
        (crate::embed::View::Player, T::EmbedPlayer),
        (crate::embed::View::Editor, T::EmbedEditor),
        (crate::embed::View::Full, T::EmbedFull),
    ];
    html! {
        <dialog ref={dialog} class="dialog" aria-labelledby="embed-title" data-testid="embed-dialog" onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)}>
                <h2 id="embed-title">{ T::EmbedTitle.get(lang) }</h2>
                <p>{ T::EmbedExplain.get(lang) }</p>
                <button type="button" onclick={copy(snippet.clone())} data-testid="embed-copy">{ T::CopySnippet.get(lang) }</button>
                <label class="field">
                    <span>{ T::EmbedShows.get(lang) }</span>
                    <select onchange={on_view} data-testid="embed-view">
                        { for views.iter().map(|(v, label)| html! { <option value={v.as_str()} selected={*v == *view}>{ label.get(lang) }</option> }) }
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" checked={*autoplay} onchange={on_autoplay} data-testid="embed-autoplay" />
                    { T::Autoplay.get(lang) }
                </label>
                <label class="field">
                    <span>{ T::IframeSnippet.get(lang) }</span>
                    <textarea readonly=true rows="4" value={snippet} data-testid="embed-snippet" />
                </label>
                if let Some(poster) = poster {
                    <label class="field">
                        <span>{ T::PosterSnippet.get(lang) }</span>
                        <textarea readonly=true rows="4" value={poster.clone()} data-testid="embed-poster" />
                    </label>
                    <button type="button" onclick={copy(poster)} data-testid="embed-copy-poster">{ T::CopyPoster.get(lang) }</button>
                }
                <label class="field">
                    <span>{ T::PlainLink.get(lang) }</span>
                    <input type="text" readonly=true value={src.clone()} data-testid="embed-link" />
                </label>
                <button type="button" onclick={copy(src)}>{ T::CopyLink.get(lang) }</button>
                <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
