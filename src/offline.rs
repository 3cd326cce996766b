//! Offline: registers the service worker that `cargo xtask dist` writes (`static/sw.js`, named by
//! `<meta name="service-worker">`; none in development), and tells when a new version is
//! installed while this page runs the old one. The page is never reloaded until the learner
//! asks ([`apply_update`]).
//!
//! Embeds register it too, so a docs page read offline still plays: the service worker's cache
//! belongs to the playground's origin and holds only the playground's own files, never the
//! reader's diagrams or settings.

use gloo::events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

/// How often an open page asks whether a new version was deployed, besides when it comes back
/// online or into view.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the learner chose to reload: the new version's taking over then reloads.
    static RELOAD_WHEN_TAKEN_OVER: Cell<bool> = const { Cell::new(false) };
}

/// The content of the page's `<meta name="{name}">`, when there is one and it is not empty.
pub fn meta(name: &str) -> Option<String> {
    gloo::utils::document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|content| !content.is_empty())
}

/// The page's service worker container: none where the browser has none (outside a secure
/// context, or where storage is blocked).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|worker| !worker.is_undefined() && !worker.is_null())
        .map(|_| navigator.service_worker())
}

/// Whether a new version of the playground is installed and waits for a reload. Registers the
/// service worker once, when first used.
#[hook]
pub fn use_new_version() -> bool {
    let ready = use_state_eq(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| register(Rc::new(move || ready.set(true))));
    }
    *ready
}

/// Registers the service worker and calls `on_new_version` when a new version is installed
/// while this page is controlled by an older one, or when another tab's reload made the new
/// version take this page over.
fn register(on_new_version: Rc<dyn Fn()>) {
    let (Some(url), Some(container)) = (meta("service-worker"), container()) else {
        return;
    };
    // Whether an older version serves this page: the first install is no update.
    let controlled = Rc::new(Cell::new(container.controller().is_some()));
    {
        let (controlled, on_new_version) = (controlled.clone(), on_new_version.clone());
        EventListener::new(&container, "controllerchange", move |_| {
            if RELOAD_WHEN_TAKEN_OVER.get() {
                let _ = gloo::utils::window().location().reload();
            } else if controlled.get() {
                on_new_version();
            }
            controlled.set(true);
        })
        .forget();
    }
    let registered = Closure::<dyn FnMut(JsValue)>::new(move |registration: JsValue| {
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if registration.waiting().is_some() && controlled.get() {
            on_new_version();
        }
        let (found_in, controlled, on_new_version) = (
            registration.clone(),
            controlled.clone(),
            on_new_version.clone(),
        );
        EventListener::new(&registration, "updatefound", move |_| {
            let Some(installing) = found_in.installing() else {
                return;
            };
            let (watched, controlled, on_new_version) = (
                installing.clone(),
                controlled.clone(),
                on_new_version.clone(),
            );
            EventListener::new(&installing, "statechange", move |_| {
                if watched.state() == ServiceWorkerState::Installed && controlled.get() {
                    on_new_version();
                }
            })
            .forget();
        })
        .forget();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
        watch_for_deploys();
    });
    // Registration fails where service workers are blocked: the page then works online only.
    let refused = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let _ = container.register(&url).then2(&registered, &refused);
    registered.forget();
    refused.forget();
}

/// Asks the server for a new version when the page comes back online or into view, and every
/// half hour. A failed check (still offline) is quietly retried at the next one.
fn watch_for_deploys() {
    let window = gloo::utils::window();
    EventListener::new(&window, "online", |_| check_for_update()).forget();
    EventListener::new(&gloo::utils::document(), "visibilitychange", |_| {
        if !gloo::utils::document().hidden() {
            check_for_update();
        }
    })
    .forget();
    gloo::timers::callback::Interval::new(CHECK_EVERY_MS, check_for_update).forget();
}

fn check_for_update() {
    let Some(update) = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.update().ok()))
    else {
        return;
    };
    let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
    let _ = update.catch(&ignore);
    ignore.forget();
}

/// Uses the new version: the waiting service worker takes over, then the page reloads (the
/// learner's work is autosaved). With none waiting (another tab already switched), reloads.
pub fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            RELOAD_WHEN_TAKEN_OVER.set(true);
            if worker
                .post_message(&JsValue::from_str("skip-waiting"))
                .is_err()
            {
                let _ = gloo::utils::window().location().reload();
            }
        }
        None => {
            let _ = gloo::utils::window().location().reload();
        }
    }
}
