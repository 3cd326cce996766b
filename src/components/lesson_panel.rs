//! The open lesson beside the diagram. The tools worker writes the panel as markup (its steps,
//! the current step's text and live checklist, hints, Show solution, the explanation once the
//! step passes); this component puts it in place and answers its buttons by their
//! `data-action`, keeping the focus where the learner was.

use crate::state::{Action, LessonAction, Store};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What a button of the panel asks for: its `data-action`, and its `data-value`.
fn answer(store: &Store, action: &str, value: &str, room_link: &UseStateHandle<bool>) {
    let number = || value.parse::<usize>().ok();
    let lesson = |action: LessonAction| store.dispatch(Action::Lesson(action));
    match action {
        "go" => lesson(LessonAction::Go(number())),
        "next" => lesson(LessonAction::Next),
        "previous" => lesson(LessonAction::Previous),
        "hint" => lesson(LessonAction::Hint),
        "confirm" => lesson(LessonAction::Confirm(true)),
        "cancel" => lesson(LessonAction::Confirm(false)),
        "apply" => crate::lesson::solve(store.clone()),
        "reset-step" => lesson(LessonAction::ResetStep),
        "reset-lesson" => lesson(LessonAction::ResetLesson),
        "demonstrate" => lesson(LessonAction::Demonstrate),
        "fold" => lesson(LessonAction::Fold),
        "leave" => lesson(LessonAction::Close),
        "seek" => store.dispatch(Action::Seek(number().unwrap_or(0))),
        "next-lesson" => crate::lesson::open(store.clone(), value.to_string(), None, true),
        "present" => store.dispatch(Action::Present(!store.presenting)),
        "room-link" => room_link.set(true),
        "notes-window" => {
            let address = format!("{}?notes=1", crate::platform::page_base());
            let _ = gloo::utils::window().open_with_url_and_target_and_features(
                &address,
                "lambda-destinations-notes",
                "popup,width=640,height=720",
            );
        }
        _ => {}
    }
}

/// The `data-action` and `data-value` of the button a click landed on, if it did.
pub fn clicked(e: &MouseEvent) -> Option<(String, String)> {
    let button = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-action]")
        .ok()??;
    Some((
        button.get_attribute("data-action")?,
        button.get_attribute("data-value").unwrap_or_default(),
    ))
}

/// The lesson panel; nothing when no lesson is open.
#[component]
pub fn LessonPanel() -> Html {
    let store = use_context::<Store>();
    let panel = use_node_ref();
    let room_link = use_state(|| false);
    // The test id of what had the focus when the panel was written again.
    let focused = use_mut_ref(|| None::<String>);
    let html = store
        .as_ref()
        .and_then(|s| s.lesson.as_ref())
        .map(|o| o.html.clone());
    let step = store
        .as_ref()
        .and_then(|s| s.lesson.as_ref())
        .map(|o| o.step);
    {
        // A new step puts the focus on its heading (once the worker has written that step), so
        // keyboard and screen reader users start reading there; otherwise the control that had
        // the focus keeps it when the panel is written again.
        let (panel, focused) = (panel.clone(), focused.clone());
        let heading_for = use_mut_ref(|| None::<Option<usize>>);
        use_effect_with((html.clone(), step), move |(_, step)| {
            let (Some(root), Some(step)) = (panel.cast::<web_sys::Element>(), *step) else {
                return;
            };
            let focus = |selector: &str| {
                root.query_selector(selector)
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|e| e.focus().is_ok())
                    .unwrap_or(false)
            };
            if *heading_for.borrow() != Some(step) {
                let key = step.map_or("intro".to_string(), |i| i.to_string());
                if focus(&format!(
                    "[data-testid=\"lesson-step-title\"][data-step=\"{key}\"]"
                )) {
                    *heading_for.borrow_mut() = Some(step);
                }
                return;
            }
            let lost = gloo::utils::document()
                .active_element()
                .is_none_or(|a| a.tag_name() == "BODY" || !a.is_connected());
            if let Some(id) = focused.borrow().as_ref().filter(|_| lost) {
                focus(&format!("[data-testid=\"{id}\"]"));
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let Some(open) = store.lesson.as_ref() else {
        return html! {};
    };
    let onclick = {
        let (store, room_link, focused) = (store.clone(), room_link.clone(), focused.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((action, value)) = clicked(&e) {
                *focused.borrow_mut() = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest("[data-testid]").ok().flatten())
                    .and_then(|t| t.get_attribute("data-testid"));
                answer(&store, &action, &value, &room_link);
            }
        })
    };
    let close_room = {
        let room_link = room_link.clone();
        Callback::from(move |_: ()| room_link.set(false))
    };
    html! {
        <section ref={panel} class={classes!("lesson-panel", open.folded.then_some("folded"))}
            aria-labelledby="lesson-title" data-testid="lesson-panel" {onclick}>
            { Html::from_html_unchecked(AttrValue::from(open.html.to_string())) }
            if *room_link {
                <super::lesson_dialog::LessonDialog which={super::lesson_dialog::Which::RoomLink} on_close={close_room} />
            }
        </section>
    }
}
