//! The lesson dialogs whose body the tools worker writes as markup: the lesson list (every
//! lesson of `lessons/index.json` with its length and the learner's progress) and the room link
//! (one address and its QR code that open every attendee's playground on the presenter's
//! lesson, step and language; nothing goes through a server).

use super::dialog::{cancel_closes, escape_closes, use_modal};
use crate::i18n::T;
use crate::state::{Action, RecordAction, Store};
use yew::prelude::*;

/// Which lesson dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The lesson list.
    List,
    /// The room link of the open lesson.
    RoomLink,
}

/// Properties of [`LessonDialog`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which dialog.
    pub which: Which,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// The room link of the open lesson: its step, in the page's language.
fn room_link(store: &Store) -> Option<String> {
    let open = store.lesson.as_ref()?;
    let step = open
        .step
        .map_or(String::new(), |i| format!("&step={}", i + 1));
    Some(format!(
        "{}?lesson={}{step}&lang={}",
        crate::platform::page_base(),
        open.outline.id,
        store.lang.code()
    ))
}

/// A lesson dialog.
#[component]
pub fn LessonDialog(props: &Props) -> Html {
    let store = use_context::<Store>();
    let dialog = use_node_ref();
    let body = use_state(|| None::<Result<String, String>>);
    // What opening a progress file did, and a count that asks for the list again after it.
    let said = use_state(|| None::<String>);
    let reread = use_state(|| 0u32);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    use_modal(&dialog, true);
    let which = props.which;
    let link = store.as_ref().and_then(room_link);
    {
        let body = body.clone();
        let lang = store.as_ref().map(|s| s.lang);
        use_effect_with((link.clone(), lang, *reread), move |(link, lang, _)| {
            let Some(lang) = *lang else {
                return;
            };
            match (which, link) {
                (Which::List, _) => crate::lesson::list(lang, move |html| body.set(Some(html))),
                (Which::RoomLink, Some(link)) => {
                    crate::lesson::room_link(link, lang, move |html| body.set(Some(Ok(html))))
                }
                (Which::RoomLink, None) => {}
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
            match super::lesson_panel::clicked(&e) {
                Some((action, id)) if action == "open" => {
                    crate::lesson::open(store.clone(), id, None, true);
                    on_close.emit(());
                }
                Some((action, link)) if action == "copy" => crate::platform::copy_text(&link),
                Some((action, _)) if action == "record" => {
                    store.dispatch(Action::Record(RecordAction::Start));
                    on_close.emit(());
                }
                Some((action, _)) if action == "save-progress" => crate::platform::download_json(
                    "lesson-progress.json",
                    &crate::platform::all_lesson_progress().to_string(),
                ),
                _ => {}
            }
            // A panel behind the dialog must not answer its buttons.
            e.stop_propagation();
        })
    };
    let onchange = {
        let (said, reread, reader) = (said.clone(), reread.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let (said, reread) = (said.clone(), reread.clone());
            let task = gloo::file::callbacks::read_as_text(&file.into(), move |text| {
                let restored = text
                    .map_err(|e| e.to_string())
                    .and_then(|text| crate::platform::restore_lesson_progress(&text));
                said.set(Some(match restored {
                    Ok(n) => T::ProgressRestored.get(lang).replace("{n}", &n.to_string()),
                    Err(why) => T::ProgressNotRestored.get(lang).replace("{why}", &why),
                }));
                reread.set(*reread + 1);
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let (title, test_id) = match which {
        Which::List => (T::LessonList, "lessons-dialog"),
        Which::RoomLink => (T::RoomLinkTitle, "room-link-dialog"),
    };
    html! {
        <dialog ref={dialog} class="dialog lesson-dialog" aria-labelledby="lesson-dialog-title" data-testid={test_id}
            onkeydown={escape_closes(&props.on_close)} oncancel={cancel_closes(&props.on_close)} {onclick} {onchange}>
            <h2 id="lesson-dialog-title">{ title.get(lang) }</h2>
            { match &*body {
                None => html! { <p role="status">{ T::LessonLoading.get(lang) }</p> },
                Some(Err(why)) => html! { <p role="alert">{ T::LessonLoadError.get(lang).replace("{why}", why) }</p> },
                Some(Ok(markup)) => Html::from_html_unchecked(AttrValue::from(markup.clone())),
            } }
            if let Some(message) = &*said {
                <p role="status" data-testid="progress-message">{ message.clone() }</p>
            }
            <button type="button" class="dialog-close" onclick={close}>{ T::Close.get(lang) }</button>
        </dialog>
    }
}
