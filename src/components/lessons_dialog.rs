//! The lesson list: every lesson of `lessons/index.json` with its length and the learner's
//! progress, fetched when the dialog opens and written by the tools worker.

use super::dialog::{cancel_closes, escape_closes, use_modal, Props};
use crate::i18n::T;
use crate::state::Store;
use yew::prelude::*;

/// The lesson list dialog.
#[component]
pub fn LessonsDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let list = use_state(|| None::<Result<String, String>>);
    use_modal(&dialog, true);
    {
        let list = list.clone();
        let lang = store.as_ref().map(|s| s.lang);
        use_effect_with(lang, move |lang| {
            if let Some(lang) = lang {
                crate::lesson::list(*lang, move |html| list.set(Some(html)));
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let onclick = {
        let (store, on_close) = (store.clone(), props.on_close.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((action, id)) = super::lesson_panel::clicked(&e) {
                if action == "open" {
                    crate::lesson::open(store.clone(), id, None, true);
                    on_close.emit(());
                }
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <dialog ref={dialog} class="dialog lessons-dialog" aria-labelledby="lessons-title" data-testid="lessons-dialog"
            onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)} {onclick}>
            <h2 id="lessons-title">{ T::LessonList.get(lang) }</h2>
            { match &*list {
                None => html! { <p role="status">{ T::LessonLoading.get(lang) }</p> },
                Some(Err(why)) => html! { <p role="alert">{ T::LessonLoadError.get(lang).replace("{why}", why) }</p> },
                Some(Ok(markup)) => Html::from_html_unchecked(AttrValue::from(markup.clone())),
            } }
            <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
