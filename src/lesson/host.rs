//! Where the lesson views go: the panel beside the diagram (the open lesson, or the recorder),
//! written into the app's `.lesson-host`, and the lesson dialogs (the list, the room link), a
//! modal `<dialog>` made when one opens. The tools worker writes them as markup; this module
//! puts the markup in place, keeping what was typed in its fields and where the focus was, and
//! answers their buttons by `data-action`, mostly by telling the worker. It is written against
//! the DOM, not as a component, so that it costs the first download little.

use crate::platform::focus_first_in;
use crate::state::{Action, Store};
use gloo::events::EventListener;
use serde_json::{json, Value};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The store as the app last rendered it: a press sends the diagram as it is now.
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
    /// Which step's heading last took the focus.
    static HEADING: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The lesson dialog shown, what had the focus before it opened, and its listeners.
    static DIALOG: RefCell<Option<Shown>> = const { RefCell::new(None) };
    /// A progress file being read.
    static READING: RefCell<Option<gloo::file::callbacks::FileReader>> = const { RefCell::new(None) };
}

/// A lesson dialog on screen.
struct Shown {
    dialog: web_sys::HtmlDialogElement,
    opener: Option<web_sys::HtmlElement>,
    _listeners: [EventListener; 4],
}

/// Keeps the store the app just rendered.
pub fn remember(store: &Store) {
    STORE.with(|s| *s.borrow_mut() = Some(store.clone()));
}

/// The store as the app last rendered it.
pub fn latest() -> Option<Store> {
    STORE.with(|s| s.borrow().clone())
}

/// The `data-action` and `data-value` of the button an event landed on, if it did.
fn pressed(event: &web_sys::Event) -> Option<(String, String)> {
    let button = event
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
/// that had it, except that a new step puts it on the step's heading, so keyboard and screen
/// reader users start reading there.
fn put(root: &web_sys::Element, html: &str) {
    let focused = gloo::utils::document()
        .active_element()
        .filter(|a| root.contains(Some(a)))
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
    const HEADING_ID: &str = r#"[data-testid="lesson-step-title"]"#;
    let step = root
        .query_selector(HEADING_ID)
        .ok()
        .flatten()
        .and_then(|h| h.get_attribute("data-step"));
    let new_step = step.is_some() && HEADING.with(|h| *h.borrow() != step);
    if new_step {
        HEADING.with(|h| *h.borrow_mut() = step);
        focus_first_in(root, HEADING_ID);
    } else if let Some(id) = focused {
        focus_first_in(root, &format!("[data-testid=\"{id}\"]"));
    }
}

/// The panel's holder, which the app draws.
fn holder() -> Option<web_sys::Element> {
    gloo::utils::document()
        .query_selector(".lesson-host")
        .ok()
        .flatten()
}

/// Shows the panel (`None`: no lesson and no recording).
pub fn show_panel(html: Option<&str>) {
    let Some(holder) = holder() else {
        return;
    };
    match html {
        Some(html) => put(&holder, html),
        None => {
            holder.set_inner_html("");
            HEADING.with(|h| *h.borrow_mut() = None);
        }
    }
}

/// Answers the panel's buttons and the recorder's form; once, when the app starts.
pub fn listen_to_panel() {
    let Some(holder) = holder() else {
        return;
    };
    EventListener::new(&holder, "click", |event| {
        if let (Some((action, value)), Some(store)) = (pressed(event), latest()) {
            panel_pressed(&store, &action, &value);
        }
    })
    .forget();
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(&holder, "submit", options, |event| {
        event.prevent_default();
        let (Some(form), Some(store)) = (
            event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok()),
            latest(),
        ) else {
            return;
        };
        let form: serde_json::Map<String, Value> = fields(&form)
            .into_iter()
            .map(|(name, input)| (name, Value::from(input.value())))
            .collect();
        super::press(&store, "record-save", "", json!({ "form": form }));
    })
    .forget();
}

/// What the panel's buttons do that only the page can: the rest goes to the worker.
fn panel_pressed(store: &Store, action: &str, value: &str) {
    match action {
        "seek" => store.dispatch(Action::Seek(value.parse().unwrap_or(0))),
        "next-lesson" => super::open(store, value.to_string(), None, true),
        "present" => store.dispatch(Action::Present(!store.presenting)),
        "notes-window" => {
            let address = format!("{}?notes=1", crate::platform::page_base());
            let _ = gloo::utils::window().open_with_url_and_target_and_features(
                &address,
                "lambda-destinations-notes",
                "popup,width=640,height=720",
            );
        }
        _ => super::press(store, action, value, json!({})),
    }
}

/// What a lesson dialog's buttons do.
fn dialog_pressed(store: &Store, action: &str, value: &str) {
    match action {
        "open" => {
            super::open(store, value.to_string(), None, true);
            close_dialog();
        }
        "record" => {
            super::press(store, "record", "", json!({}));
            close_dialog();
        }
        "copy" => crate::platform::copy_text(value),
        "save-progress" => crate::platform::download_json(
            "lesson-progress.json",
            &crate::platform::all_lesson_progress().to_string(),
        ),
        "close-dialog" => close_dialog(),
        _ => {}
    }
}

/// A saved progress file, opened from the lesson list: kept, then the list says how it went.
fn progress_file_chosen(event: &web_sys::Event) {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    let task = gloo::file::callbacks::read_as_text(&file.into(), |text| {
        let said = match text
            .map_err(|e| e.to_string())
            .and_then(|text| crate::platform::restore_lesson_progress(&text))
        {
            Ok(n) => json!({ "restored": n }),
            Err(why) => json!({ "why": why }),
        };
        if let Some(store) = latest() {
            super::list(&store, said);
        }
    });
    READING.with(|r| *r.borrow_mut() = Some(task));
}

/// Shows the lesson dialog `id` with `html` as its contents: a modal `<dialog>` that keeps Tab
/// inside, closes on Escape, and gives the focus back to what opened it.
pub fn show_dialog(id: &str, html: &str) {
    let shown = DIALOG.with(|d| d.borrow().as_ref().map(|shown| shown.dialog.clone()));
    let dialog = match shown {
        Some(dialog) => dialog,
        None => {
            let document = gloo::utils::document();
            let Some(dialog) = document
                .create_element("dialog")
                .ok()
                .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
            else {
                return;
            };
            dialog.set_class_name("dialog lesson-dialog");
            let _ = dialog.set_attribute("aria-labelledby", "lesson-dialog-title");
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listeners = [
                EventListener::new(&dialog, "click", |event| {
                    if let (Some((action, value)), Some(store)) = (pressed(event), latest()) {
                        dialog_pressed(&store, &action, &value);
                    }
                }),
                EventListener::new(&dialog, "change", progress_file_chosen),
                EventListener::new_with_options(&dialog, "keydown", options, |event| {
                    if let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                        crate::components::dialog::trap_tab(key);
                    }
                }),
                EventListener::new_with_options(&dialog, "cancel", options, |event| {
                    event.prevent_default();
                    close_dialog();
                }),
            ];
            let opener = document
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(body) = document.body() {
                let _ = body.append_child(&dialog);
            }
            let _ = dialog.show_modal();
            DIALOG.with(|d| {
                *d.borrow_mut() = Some(Shown {
                    dialog: dialog.clone(),
                    opener,
                    _listeners: listeners,
                })
            });
            dialog
        }
    };
    let _ = dialog.set_attribute("data-testid", id);
    let fresh = dialog.child_element_count() == 0;
    put(&dialog, html);
    if fresh {
        focus_first_in(&dialog, "button:not([disabled])");
    }
}

/// Closes the lesson dialog, and gives the focus back to what opened it.
pub fn close_dialog() {
    let Some(shown) = DIALOG.with(|d| d.borrow_mut().take()) else {
        return;
    };
    shown.dialog.close();
    shown.dialog.remove();
    let Some(opener) = shown.opener else {
        return;
    };
    if opener.is_connected() {
        let _ = opener.focus();
    } else if let Some(id) = opener.get_attribute("data-testid") {
        // A panel written again while the dialog was open has a new button with that test id.
        crate::platform::focus_first(&format!("[data-testid=\"{id}\"]"));
    }
}
