//! The main thread's side of the tools worker (`src/bin/tools.rs`): started the first time an
//! export or an import is asked for, then kept. Each request gets an id; its answer calls the
//! callback that asked.
//!
//! When the worker cannot load (offline before its files were ever kept, or a load error), every
//! waiting request is answered with an error that says which file failed, the page is told
//! ([`use_failure`]), and the next request tries again.

use crate::i18n::{Lang, T};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

type Reply = Box<dyn FnOnce(Value)>;

/// Told of each failed request's reply (see [`report`]).
pub type FailureListener = Rc<dyn Fn(&Value)>;

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    static WAITING: RefCell<HashMap<u64, Reply>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    /// Requests written before the worker said it listens.
    static QUEUED: RefCell<Option<Vec<String>>> = const { RefCell::new(Some(Vec::new())) };
}

thread_local! {
    /// Tells the page that the worker could not load (set by [`use_failure`]).
    static ON_FAILURE: RefCell<Option<FailureListener>> = const { RefCell::new(None) };
}

/// The worker's script, next to the page: the content-hashed name that `cargo xtask dist` writes
/// into `<meta name="tools-worker">`, or Trunk's own name in development.
fn loader() -> String {
    crate::offline::meta("tools-worker").unwrap_or_else(|| "tools_loader.js".into())
}

fn worker() -> Option<web_sys::Worker> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
        return Some(worker);
    }
    let script = loader();
    let worker = web_sys::Worker::new(&script).ok()?;
    // The loader itself could not be fetched or run.
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        fail_all(script.clone());
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let reply: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            if reply.get("ready").is_some() {
                flush_queue();
                return;
            }
            // The loader could not fetch the glue or the module.
            if let Some(failed) = reply.get("failed").and_then(Value::as_str) {
                fail_all(failed.to_string());
                return;
            }
            let Some(id) = reply.get("id").and_then(Value::as_u64) else {
                return;
            };
            if let Some(callback) = WAITING.with(|w| w.borrow_mut().remove(&id)) {
                callback(reply);
            }
        });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
    Some(worker)
}

/// The worker could not load (`detail` names the file and why): drops it, answers every waiting
/// request with an error, tells the page, and lets the next request start a new worker.
fn fail_all(detail: String) {
    if let Some(worker) = WORKER.with(|w| w.borrow_mut().take()) {
        worker.terminate();
    }
    QUEUED.with(|q| *q.borrow_mut() = Some(Vec::new()));
    let failed = unavailable(detail);
    report(&failed);
    let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
    for (_, reply) in waiting {
        reply(failed.clone());
    }
}

/// The answer to a request when the worker could not load: `detail` names the file and why.
fn unavailable(detail: String) -> Value {
    serde_json::json!({ "error": detail, "unavailable": true })
}

/// Tells the page that an export or an import failed: `reply` is the worker's answer with its
/// `error` (and `unavailable` when the worker could not load).
pub fn report(reply: &Value) {
    if let Some(listener) = ON_FAILURE.with(|f| f.borrow().clone()) {
        listener(reply);
    }
}

/// Who is told of failures ([`report`]): the page's notices, while they are shown.
pub fn listen_for_failures(listener: Option<FailureListener>) {
    ON_FAILURE.with(|f| *f.borrow_mut() = listener);
}

/// The sentence for a failed request, in `lang`: a worker that could not load (`unavailable`) is
/// said as such, with `detail` naming the file that failed and why; any other error is the
/// worker's own message.
pub fn failure_text(detail: &str, unavailable: bool, lang: Lang) -> String {
    if unavailable {
        format!("{} ({detail}).", T::ToolsUnavailable.get(lang))
    } else {
        detail.to_string()
    }
}

/// [`failure_text`] of a reply that carries an error.
pub fn error_text(reply: &Value, lang: Lang) -> String {
    failure_text(
        reply["error"].as_str().unwrap_or_default(),
        reply.get("unavailable").is_some(),
        lang,
    )
}

/// Sends the requests written before the worker listened.
fn flush_queue() {
    let queued = QUEUED.with(|q| q.borrow_mut().take()).unwrap_or_default();
    if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
        for message in queued {
            let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(&message));
        }
    }
}

/// Sends a request (`op` and its fields) and calls `reply` with the answer. When the worker
/// cannot start, `reply` gets `{"error": …}` at once.
pub fn request(message: Value, reply: impl FnOnce(Value) + 'static) {
    send(message, Box::new(reply));
}

/// [`request`]'s work, written once for every kind of `reply`.
fn send(mut message: Value, reply: Box<dyn FnOnce(Value)>) {
    let Some(worker) = worker() else {
        let failed = unavailable(loader());
        report(&failed);
        reply(failed);
        return;
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    message["id"] = Value::from(id);
    WAITING.with(|w| w.borrow_mut().insert(id, reply));
    let text = message.to_string();
    // Until the worker listens, requests wait in line.
    let text = match QUEUED.with(|q| q.borrow_mut().as_mut().map(|q| q.push(text.clone()))) {
        Some(()) => return,
        None => text,
    };
    if worker
        .post_message(&wasm_bindgen::JsValue::from_str(&text))
        .is_err()
    {
        if let Some(reply) = WAITING.with(|w| w.borrow_mut().remove(&id)) {
            reply(serde_json::json!({ "error": "The tools worker did not take the request." }));
        }
    }
}

/// The strings of the array `reply[key]`: empty when the worker sent none.
pub fn strings(reply: &Value, key: &str) -> Vec<String> {
    reply[key]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
