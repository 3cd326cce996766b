//! Component tests in real headless Chromium (`cargo test -p playground --target
//! wasm32-unknown-unknown`): the app mounted as a user gets it, driven through the DOM.
#![cfg(target_arch = "wasm32")]

use crate::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app as a first visit does: no autosaved session from an earlier test.
fn mount() -> web_sys::Element {
    <gloo::storage::LocalStorage as gloo::storage::Storage>::delete("ldp.session");
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a root element");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("root attached");
    yew::Renderer::<crate::app::App>::with_root(root.clone()).render();
    root
}

fn find(root: &web_sys::Element, test_id: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid=\"{test_id}\"]"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{test_id} is on the page"))
}

/// A click as the browser makes one: it bubbles (the canvas handles its nodes' clicks).
fn click(root: &web_sys::Element, test_id: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let event =
        web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("a click event");
    find(root, test_id)
        .dispatch_event(&event)
        .expect("dispatched");
}

#[wasm_bindgen_test]
async fn stepping_forward_narrates_the_upload_and_stepping_back_undoes_it() {
    crate::platform::save_lang(Lang::En);
    let root = mount();
    yew::scheduler::flush().await;
    let narration = find(&root, "narration").text_content().unwrap_or_default();
    assert!(narration.contains("Press Play"), "{narration}");

    click(&root, "player-step-forward");
    yew::scheduler::flush().await;
    let narration = find(&root, "narration").text_content().unwrap_or_default();
    assert_eq!(
        narration,
        "The object uploads/cat.jpg was uploaded to the bucket images."
    );

    click(&root, "player-step-back");
    yew::scheduler::flush().await;
    assert!(find(&root, "narration")
        .text_content()
        .unwrap_or_default()
        .contains("Press Play"));
    root.remove();
}

#[wasm_bindgen_test]
async fn choosing_fail_in_the_inspector_changes_the_run() {
    crate::platform::save_lang(Lang::En);
    let root = mount();
    yew::scheduler::flush().await;
    click(&root, "node-resize-image");
    yew::scheduler::flush().await;
    let select: web_sys::HtmlSelectElement = find(&root, "behaviour-select")
        .dyn_into()
        .expect("a select");
    select.set_value("fail");
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatched");
    yew::scheduler::flush().await;
    click(&root, "player-next-decision");
    yew::scheduler::flush().await;
    let narration = find(&root, "narration").text_content().unwrap_or_default();
    assert_eq!(
        narration,
        "A function error is retried: attempt 2 runs in 1 min."
    );
    root.remove();
}

#[wasm_bindgen_test]
fn the_recovery_panel_explains_and_offers_the_scenario_as_a_file() {
    let container = gloo::utils::document()
        .create_element("div")
        .expect("a container");
    crate::recovery::show_panel(&container, "panicked at boom", "{\"version\":1}", Lang::Ko);
    let text = container.text_content().unwrap_or_default();
    assert!(text.contains("문제가 발생했습니다"), "{text}");
    let link = container
        .query_selector("a[download]")
        .ok()
        .flatten()
        .expect("a download link");
    assert_eq!(
        link.get_attribute("download").as_deref(),
        Some("scenario.json")
    );
    assert!(link
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("blob:"));
}

#[wasm_bindgen_test]
async fn a_queue_added_from_the_palette_is_drawn_selected_and_undo_takes_it_away() {
    crate::platform::save_lang(Lang::En);
    let root = mount();
    yew::scheduler::flush().await;
    click(&root, "new-empty");
    yew::scheduler::flush().await;
    click(&root, "palette-queue");
    yew::scheduler::flush().await;
    let node = find(&root, "node-queue-1");
    assert_eq!(node.get_attribute("aria-pressed").as_deref(), Some("true"));
    let name: web_sys::HtmlInputElement = find(&root, "rename-input").dyn_into().expect("an input");
    assert_eq!(name.value(), "queue-1");
    click(&root, "undo");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("[data-testid=\"node-queue-1\"]")
        .ok()
        .flatten()
        .is_none());
    root.remove();
}
