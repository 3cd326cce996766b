//! The main thread's side of the tools worker (`src/bin/tools.rs`): started the first time an
//! export or an import is asked for, then kept. Each request gets an id; its answer calls the
//! callback that asked.

use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

type Reply = Box<dyn FnOnce(Value)>;

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    static WAITING: RefCell<HashMap<u64, Reply>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    /// Requests written before the worker said it listens.
    static QUEUED: RefCell<Option<Vec<String>>> = const { RefCell::new(Some(Vec::new())) };
}

/// The worker's script, next to the page (Trunk writes it with the worker module).
const LOADER: &str = "./tools_loader.js";

fn worker() -> Option<web_sys::Worker> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
        return Some(worker);
    }
    let worker = web_sys::Worker::new(LOADER).ok()?;
    let onmessage =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let reply: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            if reply.get("ready").is_some() {
                flush_queue();
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
pub fn request(mut message: Value, reply: impl FnOnce(Value) + 'static) {
    let Some(worker) = worker() else {
        reply(serde_json::json!({ "error": "The tools worker could not start." }));
        return;
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    message["id"] = Value::from(id);
    WAITING.with(|w| w.borrow_mut().insert(id, Box::new(reply)));
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
