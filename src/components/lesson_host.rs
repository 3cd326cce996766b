//! Where the lesson views go: the panel beside the diagram (the open lesson, or the recorder)
//! and the lesson dialogs (the lesson list, the room link). The tools worker writes them as
//! markup; this component puts the markup in place, keeping what the learner typed and where
//! the focus was, and answers their buttons by `data-action`, mostly by telling the worker.

use super::dialog::{cancel_closes, escape_closes, use_modal};
use crate::state::{Action, Store};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The `data-action` and `data-value` of the button an event landed on, if it did.
fn pressed(e: &MouseEvent) -> Option<(String, String)> {
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

/// Moves the focus to the first element of `root` that `selector` finds; whether it did.
fn focus(root: &web_sys::Element, selector: &str) -> bool {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|e| e.focus().is_ok())
}

/// The text fields of `root`, by name.
fn fields(root: &web_sys::Element) -> Vec<(String, web_sys::HtmlInputElement)> {
    let Ok(inputs) = root.query_selector_all("input[name]") else {
        return Vec::new();
    };
    (0..inputs.length())
        .filter_map(|i| inputs.get(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter_map(|input| Some((input.get_attribute("name")?, input)))
        .collect()
}

/// Puts `html` into `root`. What was typed in its fields stays; the focus stays on the control
/// that had it, except that a new step puts it on the step's heading (`heading` remembers which
/// step's), so keyboard and screen reader users start reading there.
fn put(root: &web_sys::Element, html: &str, heading: &mut Option<String>) {
    let active = gloo::utils::document()
        .active_element()
        .filter(|a| root.contains(Some(a)));
    let focused = active
        .and_then(|a| a.closest("[data-testid]").ok().flatten())
        .and_then(|a| a.get_attribute("data-testid"));
    let typed: Vec<(String, String)> = fields(root)
        .into_iter()
        .map(|(name, input)| (name, input.value()))
        .collect();
    root.set_inner_html(html);
    for (name, input) in fields(root) {
        if let Some((_, value)) = typed.iter().find(|(n, _)| *n == name) {
            input.set_value(value);
        }
    }
    let step = root
        .query_selector(r#"[data-testid="lesson-step-title"]"#)
        .ok()
        .flatten()
        .and_then(|h| h.get_attribute("data-step"));
    if step.is_some() && step != *heading {
        *heading = step;
        focus(root, r#"[data-testid="lesson-step-title"]"#);
    } else if let Some(id) = focused {
        focus(root, &format!("[data-testid=\"{id}\"]"));
    }
}

/// Keeps `node`'s contents equal to `html` (when it is shown).
#[hook]
fn use_markup(node: &NodeRef, html: Option<std::rc::Rc<str>>) {
    let node = node.clone();
    let heading = use_mut_ref(|| None::<String>);
    use_effect_with(html, move |html| {
        match (node.cast::<web_sys::Element>(), html) {
            (Some(root), Some(html)) => put(&root, html, &mut heading.borrow_mut()),
            _ => *heading.borrow_mut() = None,
        }
    });
}

/// What the panel's buttons do that only the page can: the rest goes to the worker.
fn panel_pressed(store: &Store, action: &str, value: &str) {
    match action {
        "seek" => store.dispatch(Action::Seek(value.parse().unwrap_or(0))),
        "next-lesson" => crate::lesson::open(store.clone(), value.to_string(), None, true),
        "present" => store.dispatch(Action::Present(!store.presenting)),
        "notes-window" => {
            let address = format!("{}?notes=1", crate::platform::page_base());
            let _ = gloo::utils::window().open_with_url_and_target_and_features(
                &address,
                "lambda-destinations-notes",
                "popup,width=640,height=720",
            );
        }
        _ => crate::lesson::press(store, action, value, json!({})),
    }
}

/// What a lesson dialog's buttons do.
fn dialog_pressed(store: &Store, action: &str, value: &str) {
    let close = || store.dispatch(Action::LessonDialog(None));
    match action {
        "open" => {
            crate::lesson::open(store.clone(), value.to_string(), None, true);
            close();
        }
        "record" => {
            crate::lesson::press(store, "record", "", json!({}));
            close();
        }
        "copy" => crate::platform::copy_text(value),
        "save-progress" => crate::platform::download_json(
            "lesson-progress.json",
            &crate::platform::all_lesson_progress().to_string(),
        ),
        "close-dialog" => close(),
        _ => {}
    }
}

/// The lesson panel and dialog; nothing when neither is open.
#[component]
pub fn LessonHost() -> Html {
    let store = use_context::<Store>();
    let panel = use_node_ref();
    let dialog = use_node_ref();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let lessons = store
        .as_ref()
        .map(|s| s.lessons.clone())
        .unwrap_or_default();
    use_markup(&panel, lessons.panel.clone());
    use_markup(&dialog, lessons.dialog.as_ref().map(|d| d.html.clone()));
    use_modal(&dialog, lessons.dialog.is_some());
    let Some(store) = store else {
        return html! {};
    };
    let on_panel_click = {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((action, value)) = pressed(&e) {
                panel_pressed(&store, &action, &value);
            }
        })
    };
    // The recorder's form: the lesson's id, titles and summaries.
    let on_submit = {
        let store = store.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form: web_sys::Element = e.target_unchecked_into();
            let form: serde_json::Map<String, Value> = fields(&form)
                .into_iter()
                .map(|(name, input)| (name, Value::from(input.value())))
                .collect();
            crate::lesson::press(&store, "record-save", "", json!({ "form": form }));
        })
    };
    let on_dialog_click = {
        let store = store.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((action, value)) = pressed(&e) {
                dialog_pressed(&store, &action, &value);
            }
        })
    };
    // A saved progress file, opened from the lesson list.
    let on_dialog_change = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let store = store.clone();
            let task = gloo::file::callbacks::read_as_text(&file.into(), move |text| {
                let said = match text
                    .map_err(|e| e.to_string())
                    .and_then(|text| crate::platform::restore_lesson_progress(&text))
                {
                    Ok(n) => json!({ "restored": n }),
                    Err(why) => json!({ "why": why }),
                };
                crate::lesson::list(store, said);
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let close = {
        let store = store.clone();
        Callback::from(move |_: ()| store.dispatch(Action::LessonDialog(None)))
    };
    html! {
        <>
            if lessons.panel.is_some() {
                <div ref={panel} class="lesson-host" onclick={on_panel_click} onsubmit={on_submit}></div>
            }
            if let Some(shown) = &lessons.dialog {
                <dialog ref={dialog} class="dialog lesson-dialog" aria-labelledby="lesson-dialog-title" data-testid={shown.id.to_string()}
                    onkeydown={escape_closes(&close)} oncancel={cancel_closes(&close)} onclick={on_dialog_click} onchange={on_dialog_change}></dialog>
            }
        </>
    }
}
