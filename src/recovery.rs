//! Never a blank page: when the app panics, a recovery panel replaces it, says what happened and
//! offers the current scenario as a file. The panel is plain DOM built inside the panic hook, and
//! its links work without calling back into the (stopped) wasm module.

use crate::i18n::{Lang, T};
use engine::Scenario;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// The scenario on screen, written as JSON only if the panel is ever shown.
    static LAST: RefCell<(Option<Rc<Scenario>>, Lang)> = const { RefCell::new((None, Lang::En)) };
}

/// Remembers the scenario and language the panel would need (a pointer: it is written as JSON
/// only when the panel is shown, not on every change).
pub fn remember(scenario: Rc<Scenario>, lang: Lang) {
    LAST.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = (Some(scenario), lang);
        }
    });
}

/// Installs the panic hook (through Yew, which would otherwise install its own).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let (scenario, lang) =
            LAST.with(|last| last.try_borrow().map(|l| l.clone()).unwrap_or_default());
        let json = scenario.map(|s| s.to_json_pretty()).unwrap_or_default();
        if let Some(body) = gloo::utils::document().body() {
            body.set_text_content(None);
            show_panel(&body, &info.to_string(), &json, lang);
        }
    }));
}

/// Starts a recovery drill when the page address asks for one (`?drill=panic`): the app renders,
/// then panics, so trainers and tests can see the recovery panel.
pub fn drill_requested() -> bool {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
        .contains("drill=panic")
}

/// Fills `container` with the recovery panel.
pub fn show_panel(container: &web_sys::Element, details: &str, scenario_json: &str, lang: Lang) {
    let document = gloo::utils::document();
    let element = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(panel) = document.create_element("section").ok() else {
        return;
    };
    panel.set_class_name("recovery");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "recovery-panel");
    let mut children = vec![
        element("h1", T::RecoveryTitle.get(lang)),
        element("p", T::RecoveryBody.get(lang)),
    ];
    if let (Some(link), Some(url)) = (
        element("a", T::RecoveryDownload.get(lang)),
        crate::platform::json_object_url(scenario_json),
    ) {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", "scenario.json");
        link.set_class_name("button");
        children.push(Some(link));
    }
    if let Some(reload) = element("a", T::RecoveryReload.get(lang)) {
        let _ = reload.set_attribute("href", "");
        reload.set_class_name("button");
        children.push(Some(reload));
    }
    if let (Some(more), Some(summary), Some(pre)) = (
        element("details", ""),
        element("summary", T::RecoveryDetails.get(lang)),
        element("pre", details),
    ) {
        let _ = more.append_child(&summary);
        let _ = more.append_child(&pre);
        children.push(Some(more));
    }
    for child in children.into_iter().flatten() {
        let _ = panel.append_child(&child);
    }
    let _ = container.append_child(&panel);
}
