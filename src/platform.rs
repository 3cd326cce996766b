//! The browser behind small functions: the saved language, file downloads. Storage failures
//! (private mode, sandboxed iframes) fall back to memory silently: nothing the user made is
//! lost, the preference just is not remembered.
//!
//! An embed (`?embed=1`) never touches the reader's storage: every read and write of it starts
//! in [`stored`] or [`store`], which in an embed find nothing and keep nothing, so the reader's
//! language, session and named diagrams stay as their own visits left them.

use crate::i18n::Lang;
use gloo::storage::{LocalStorage, Storage};

const LANG_KEY: &str = "ldp.lang";
const SESSION_KEY: &str = "ldp.session";
const LESSON_KEY: &str = "ldp.lesson";

thread_local! {
    /// Whether this page is an embed, read once from its address.
    static EMBEDDED: bool = crate::embed::Params::from_query(&location_search()).embed.is_some();
}

/// The value under `key` in the reader's storage; nothing in an embed.
fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    if EMBEDDED.with(|embedded| *embedded) {
        return None;
    }
    LocalStorage::get(key).ok()
}

/// Keeps `value` under `key` in the reader's storage; returns false when it could not (storage
/// blocked), and always in an embed, which keeps nothing there.
fn store<T: serde::Serialize>(key: &str, value: T) -> bool {
    if EMBEDDED.with(|embedded| *embedded) {
        return false;
    }
    LocalStorage::set(key, value).is_ok()
}

/// Whether this browser lets the page keep data (private modes and sandboxed iframes may not;
/// an embed keeps none).
pub fn storage_available() -> bool {
    let probe = "ldp.probe";
    let ok = store(probe, "1");
    if ok {
        LocalStorage::delete(probe);
    }
    ok
}

/// The autosaved session, if there is one and it can be read.
pub fn load_session() -> Option<crate::state::Saved> {
    stored(SESSION_KEY)
}

/// Autosaves the session; returns false when storage is blocked (the work stays in memory).
pub fn save_session(saved: &crate::state::Saved) -> bool {
    store(SESSION_KEY, saved)
}

/// Runs `jobs` in order, one each time the page is idle (`requestIdleCallback`), so none of
/// them delays a frame or an input the learner makes.
pub fn one_at_a_time_when_idle(mut jobs: Vec<Box<dyn FnOnce()>>) {
    use wasm_bindgen::{closure::Closure, JsCast};
    if jobs.is_empty() {
        return;
    }
    let job = jobs.remove(0);
    let next = Closure::once_into_js(move || {
        job();
        one_at_a_time_when_idle(jobs);
    });
    let _ = gloo::utils::window().request_idle_callback(next.unchecked_ref());
}

thread_local! {
    /// The autosave waiting for its frame (see [`save_after_next_paint`]).
    static WAITING_SAVE: std::cell::RefCell<Option<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `save` once the next frame is on screen, so an autosave does not delay the frame that
/// shows the change; or within 100 ms when no frame comes (a tab in the background draws none),
/// or when the page is left, whichever is first. A newer save replaces one still waiting.
pub fn save_after_next_paint(save: impl FnOnce() + 'static) {
    use gloo::timers::callback::Timeout;
    use wasm_bindgen::{closure::Closure, JsCast};
    let first = WAITING_SAVE.with(|waiting| waiting.borrow_mut().replace(Box::new(save)).is_none());
    if !first {
        return;
    }
    // A task queued from the frame's callback runs after that frame is painted.
    let frame = Closure::once_into_js(|| Timeout::new(0, run_waiting_save).forget());
    let _ = gloo::utils::window().request_animation_frame(frame.unchecked_ref());
    Timeout::new(100, run_waiting_save).forget();
    static LEAVING: std::sync::Once = std::sync::Once::new();
    LEAVING.call_once(|| {
        gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", |_| {
            run_waiting_save()
        })
        .forget();
    });
}

fn run_waiting_save() {
    let save = WAITING_SAVE.with(|waiting| waiting.borrow_mut().take());
    if let Some(save) = save {
        save();
    }
}

/// The saved language, else the browser's, else English.
pub fn initial_lang() -> Lang {
    if let Some(code) = stored::<String>(LANG_KEY) {
        return Lang::from_tag(&code);
    }
    let browser = gloo::utils::window()
        .navigator()
        .language()
        .unwrap_or_default();
    Lang::from_tag(&browser)
}

/// Remembers the language for the next visit (when storage is available; never in an embed,
/// whose `lang` is the host page's choice, not the reader's).
pub fn save_lang(lang: Lang) {
    store(LANG_KEY, lang.code());
}

/// An object URL holding `text` as a JSON file, for a download link.
pub fn json_object_url(text: &str) -> Option<String> {
    object_url(text, "application/json")
}

/// An object URL holding `text` with a media type.
fn object_url(text: &str, media_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Offers `text` as a JSON file download named `file_name`.
pub fn download_json(file_name: &str, text: &str) {
    download(file_name, text, "application/json");
}

/// Offers `text` as a file download named `file_name`, of a media type.
pub fn download(file_name: &str, text: &str, media_type: &str) {
    let Some(url) = object_url(text, media_type) else {
        return;
    };
    save_url(file_name, &url);
    // Revoked later, not at once: Chromium reads the blob after the click returns.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The page's fragment without its `#`, when it has one.
pub fn location_hash() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let hash = hash.trim_start_matches('#');
    (!hash.is_empty()).then(|| hash.to_string())
}

/// Drops the fragment from the address bar without reloading, so a reload restores the
/// autosaved diagram rather than opening the shared link again over the learner's edits.
pub fn clear_hash() {
    let window = gloo::utils::window();
    let (Ok(history), Ok(path), Ok(search)) = (
        window.history(),
        window.location().pathname(),
        window.location().search(),
    ) else {
        return;
    };
    let _ = history.replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("{path}{search}")),
    );
}

/// The page's address without its fragment, to build a shared link on.
pub fn page_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Copies text to the clipboard when the browser allows it (the text stays selectable anyway).
pub fn copy_text(text: &str) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}

/// The page's query string (`?a=1`), or empty.
pub fn location_search() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// The page's address without query or fragment: where embeds and links point.
pub fn page_base() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The folder of the page's address (up to its last `/`): where the files beside it are.
pub fn page_folder() -> String {
    let base = page_base();
    match base.rfind('/') {
        Some(end) => base[..=end].to_string(),
        None => base,
    }
}

/// The full app's address: the page's own, or in the player-only build (`player.html`, beside
/// the app) its folder.
pub fn app_base() -> String {
    if crate::EDITOR {
        page_base()
    } else {
        page_folder()
    }
}

/// Where an embedded player points: the player-only build that `cargo xtask dist` names in
/// `<meta name="player">` beside the app, or the app itself in development, where there is none.
pub fn player_base() -> String {
    match crate::offline::meta("player") {
        Some(player) => format!("{}{player}", page_folder()),
        None => page_base(),
    }
}

/// Tells the host page how tall the embedded playground is, when it changed.
pub fn post_height(last: &std::cell::Cell<i32>) {
    let window = gloo::utils::window();
    let height = gloo::utils::document_element().scroll_height();
    if height == last.get() {
        return;
    }
    last.set(height);
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &"type".into(),
        &crate::embed::HEIGHT_MESSAGE.into(),
    );
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// Sets the colour theme the page was asked for (`data-theme` on the root element).
pub fn set_theme(theme: crate::embed::Theme) {
    let value = match theme {
        crate::embed::Theme::Light => "light",
        crate::embed::Theme::Dark => "dark",
    };
    let _ = gloo::utils::document_element().set_attribute("data-theme", value);
}

/// The styles a standalone picture of the diagram needs: the page's own, read from its style
/// sheets (`static/style.css` and `static/app.css`, which Trunk links) rather than compiled in.
/// With `drawn`, only the rules that style something in it (and the colour tokens of `:root`),
/// so that a poster's picture stays small.
fn page_style(drawn: Option<&web_sys::Element>) -> String {
    let get = |target: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(target, &wasm_bindgen::JsValue::from_str(key)).ok()
    };
    let used = |rule: &wasm_bindgen::JsValue| {
        let Some(drawn) = drawn else {
            return true;
        };
        let Some(selector) = get(rule, "selectorText").and_then(|t| t.as_string()) else {
            return false;
        };
        selector.starts_with(":root")
            || drawn.matches(&selector).unwrap_or(false)
            || drawn.query_selector(&selector).ok().flatten().is_some()
    };
    let mut css = String::new();
    let Some(sheets) = get(&gloo::utils::document().into(), "styleSheets") else {
        return css;
    };
    for sheet in js_sys::Array::from(&sheets).iter() {
        // A sheet from another origin refuses to list its rules; it is not the page's own.
        let Some(rules) = get(&sheet, "cssRules").filter(|r| !r.is_undefined() && !r.is_null())
        else {
            continue;
        };
        for rule in js_sys::Array::from(&rules).iter().filter(used) {
            if let Some(text) = get(&rule, "cssText").and_then(|t| t.as_string()) {
                css.push_str(&text);
                css.push('\n');
            }
        }
    }
    css
}

/// The canvas on screen, and a copy of it showing the whole diagram (not just the part in
/// view) without the editing handles.
fn canvas_copy() -> Option<(web_sys::Element, web_sys::Element, String)> {
    let document = gloo::utils::document();
    let svg = document
        .query_selector("svg[data-testid=\"canvas\"]")
        .ok()
        .flatten()?;
    let copy: web_sys::Element =
        wasm_bindgen::JsCast::dyn_into(svg.clone_node_with_deep(true).ok()?).ok()?;
    let view_box = copy.get_attribute("data-full-view")?;
    let _ = copy.set_attribute("viewBox", &view_box);
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let mut size = view_box.split(' ').skip(2);
    if let (Some(w), Some(h)) = (size.next(), size.next()) {
        let _ = copy.set_attribute("width", w);
        let _ = copy.set_attribute("height", h);
    }
    for selector in [".grid", ".port", ".token", ".link-draft", ".select-box"] {
        if let Ok(found) = copy.query_selector_all(selector) {
            for i in 0..found.length() {
                if let Some(node) = found.get(i) {
                    if let Some(parent) = node.parent_node() {
                        let _ = parent.remove_child(&node);
                    }
                }
            }
        }
    }
    Some((svg, copy, view_box))
}

/// `copy` as an SVG document with `style` and `extra` (metadata) inside.
fn standalone(copy: &web_sys::Element, style: &str, extra: &str) -> Option<String> {
    let markup = copy.outer_html();
    let style = style.replace("]]>", "]]]]><![CDATA[>");
    let inner_start = markup.find('>')? + 1;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}<style><![CDATA[{style}]]></style>{extra}{}",
        &markup[..inner_start],
        &markup[inner_start..]
    ))
}

/// The diagram on screen as a standalone SVG document carrying its scenario: the whole diagram
/// (not just the part in view), with the page's styles inlined and the editing handles left out.
pub fn diagram_svg(metadata: &str) -> Option<String> {
    let (_, copy, _) = canvas_copy()?;
    standalone(&copy, &page_style(None), metadata)
}

/// The diagram as a poster's picture: an SVG document with only the styles that draw it, whose
/// colours follow the reader's scheme; with its size (width, height) and the accessible names
/// of its nodes, which say what the picture shows.
pub fn poster_svg() -> Option<(String, (String, String), Vec<String>)> {
    let (original, copy, view_box) = canvas_copy()?;
    // The picture follows the reader's light or dark scheme, whatever the page shows now.
    let _ = copy.remove_attribute("data-theme");
    // The page's font is set on its body, which the picture does not have.
    let style = format!(
        "{}svg{{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif}}\n",
        page_style(Some(&original))
    );
    let svg = standalone(&copy, &style, "")?;
    let mut size = view_box.split(' ').skip(2).map(str::to_string);
    let size = (size.next()?, size.next()?);
    let mut names = Vec::new();
    if let Ok(nodes) = original.query_selector_all("[data-testid^=\"node-\"][aria-label]") {
        for i in 0..nodes.length() {
            let label = nodes
                .get(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                .and_then(|n| n.get_attribute("aria-label"));
            names.extend(label);
        }
    }
    Some((svg, size, names))
}

/// Draws an SVG document onto a canvas at twice its size and offers it as a PNG download.
pub fn download_png(svg: &str, file_name: &'static str) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(url) = object_url(svg, "image/svg+xml") else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let onload = Closure::once(move || {
        let document = gloo::utils::document();
        let Some(canvas) = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        let (w, h) = (
            loaded.natural_width().max(1),
            loaded.natural_height().max(1),
        );
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = context.scale(2.0, 2.0);
        let _ = context.draw_image_with_html_image_element(&loaded, 0.0, 0.0);
        if let Ok(data_url) = canvas.to_data_url_with_type("image/png") {
            save_url(file_name, &data_url);
        }
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    image.set_src(&url);
}

fn save_url(file_name: &str, url: &str) {
    let document = gloo::utils::document();
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", url);
        let _ = link.set_attribute("download", file_name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&link);
            if let Some(link) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&link) {
                link.click();
            }
            let _ = body.remove_child(&link);
        }
    }
}

const DIAGRAMS_KEY: &str = "ldp.diagrams";

thread_local! {
    /// Named diagrams kept in memory when the browser blocks storage.
    static DIAGRAMS_IN_MEMORY: std::cell::RefCell<std::collections::BTreeMap<String, engine::Scenario>> =
        std::cell::RefCell::default();
}

/// The learner's named diagrams, by name.
pub fn diagrams() -> std::collections::BTreeMap<String, engine::Scenario> {
    stored(DIAGRAMS_KEY).unwrap_or_else(|| DIAGRAMS_IN_MEMORY.with(|d| d.borrow().clone()))
}

/// Keeps a diagram under a name (replacing one of the same name); in memory when storage is
/// blocked, and in an embed.
pub fn save_diagram(name: &str, scenario: &engine::Scenario) {
    let mut all = diagrams();
    all.insert(name.to_string(), scenario.clone());
    if !store(DIAGRAMS_KEY, &all) {
        DIAGRAMS_IN_MEMORY.with(|d| *d.borrow_mut() = all);
    }
}

/// Forgets a named diagram.
pub fn delete_diagram(name: &str) {
    let mut all = diagrams();
    all.remove(name);
    if !store(DIAGRAMS_KEY, &all) {
        DIAGRAMS_IN_MEMORY.with(|d| *d.borrow_mut() = all);
    }
}

/// Fills the screen with the page, or leaves full screen. A refusal (an iframe without
/// `allowfullscreen`, say) changes nothing.
pub fn toggle_full_screen() {
    let document = gloo::utils::document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else {
        let _ = gloo::utils::document_element().request_fullscreen();
    }
}

/// Focuses the first element that matches `selector` (an HTML control or an SVG node), if any.
pub fn focus_first(selector: &str) {
    if let Some(page) = gloo::utils::document().document_element() {
        focus_first_in(&page, selector);
    }
}

/// Focuses the first element inside `root` that matches `selector`, if any.
pub fn focus_first_in(root: &web_sys::Element, selector: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = root.query_selector(selector).ok().flatten() else {
        return;
    };
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}

/// The progress kept for lesson `id` (any version: the caller checks the hash).
pub fn lesson_progress(id: &str) -> Option<serde_json::Value> {
    stored(&format!("{LESSON_KEY}.{id}"))
}

/// Keeps the progress of lesson `id`, and that it is the lesson open.
pub fn save_lesson_progress(id: &str, progress: &serde_json::Value) {
    store(&format!("{LESSON_KEY}.{id}"), progress);
    store(LESSON_KEY, id);
}

/// The format of a saved progress file.
pub const PROGRESS_FORMAT: &str = "lambda-destinations-lesson-progress/1";

/// Every lesson's progress kept in this browser, as a file to save:
/// `{"format", "lessons": {id: progress}}`.
pub fn all_lesson_progress() -> serde_json::Value {
    let mut lessons = serde_json::Map::new();
    let prefix = format!("{LESSON_KEY}.");
    let storage = LocalStorage::raw();
    for i in 0..storage.length().unwrap_or(0) {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        if let Some(id) = key.strip_prefix(&prefix) {
            if let Some(progress) = lesson_progress(id) {
                lessons.insert(id.to_string(), progress);
            }
        }
    }
    serde_json::json!({ "format": PROGRESS_FORMAT, "lessons": lessons })
}

/// Keeps the progress of every lesson in a saved progress file; returns how many, or why the
/// text is not such a file (the progress kept is then unchanged).
pub fn restore_lesson_progress(text: &str) -> Result<usize, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value["format"] != PROGRESS_FORMAT {
        return Err(format!("`format` is not \"{PROGRESS_FORMAT}\""));
    }
    let lessons = value["lessons"]
        .as_object()
        .ok_or("`lessons` is not an object")?;
    let valid = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    if let Some(bad) = lessons.keys().find(|id| !valid(id)) {
        return Err(format!("`lessons.{bad}` is not a lesson id"));
    }
    for (id, progress) in lessons {
        store(&format!("{LESSON_KEY}.{id}"), progress);
    }
    Ok(lessons.len())
}

/// The lesson open at the last visit.
pub fn open_lesson() -> Option<String> {
    stored(LESSON_KEY)
}

/// Forgets which lesson is open (its progress stays).
pub fn close_lesson() {
    if !EMBEDDED.with(|embedded| *embedded) {
        LocalStorage::delete(LESSON_KEY);
    }
}

/// Tells the host page of an embedded lesson what the learner has done: a message
/// `{"type": "lambda-destinations-playground:lesson-progress", "lesson", "step", "passed", "solutionUsed"}`.
pub fn post_lesson_progress(id: &str, progress: &serde_json::Value) {
    if !EMBEDDED.with(|embedded| *embedded) {
        return;
    }
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = serde_json::json!({
        "type": crate::embed::LESSON_MESSAGE,
        "lesson": id,
        "step": progress["step"],
        "passed": progress["passed"],
        "solutionUsed": progress["solutionUsed"],
    });
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        let _ = parent.post_message(&value, "*");
    }
}
