//! Title, scenario picker and language switch.

use crate::gallery;
use crate::i18n::{Lang, T};
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// The page header.
#[component]
pub fn Header() -> Html {
    let store = use_context::<Store>();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let error = use_state(|| None::<String>);
    let dialog = use_state(|| None::<&'static str>);
    // On a narrow window the file actions are a menu; on a wide one they are always shown.
    let menu_open = use_state(|| false);
    let Some(store) = store else { return html! {} };
    let open_dialog = |which: &'static str| {
        let dialog = dialog.clone();
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| {
            menu_open.set(false);
            dialog.set(Some(which));
        })
    };
    let open_lessons = {
        let (store, menu_open) = (store.clone(), menu_open.clone());
        Callback::from(move |_: MouseEvent| {
            menu_open.set(false);
            crate::lesson::list(&store, serde_json::Value::Null);
        })
    };
    let toggle_menu = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let menu_keys = {
        let menu_open = menu_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *menu_open {
                e.prevent_default();
                menu_open.set(false);
                crate::platform::focus_first("[data-testid=\"file-menu-toggle\"]");
            }
        })
    };
    let close_dialog = {
        let dialog = dialog.clone();
        Callback::from(move |_: ()| dialog.set(None))
    };
    let lang = store.lang;
    let hides = |tool: &str| store.lessons.hides(tool);
    let on_lang = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            store.dispatch(Action::SetLang(Lang::from_tag(&value)));
        })
    };
    let on_scenario = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            store.dispatch(Action::OpenGallery(value.parse().unwrap_or(0)));
        })
    };
    let lang_code = lang.code();
    let on_save = {
        let store = store.clone();
        Callback::from(move |_| {
            let name = store
                .scenario
                .functions
                .first()
                .map(|f| f.function_name.as_str())
                .unwrap_or("scenario");
            crate::platform::download_json(
                &format!("{name}.scenario.json"),
                &store.scenario.to_json_pretty(),
            );
        })
    };
    let on_open = {
        let (store, reader, error) = (store.clone(), reader.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (store, error) = (store.clone(), error.clone());
            let task = gloo::file::callbacks::read_as_text(&file, move |text| {
                let parsed = text.map_err(|e| e.to_string()).and_then(|t| {
                    if t.trim_start().starts_with('<') {
                        engine::picture::scenario_from_svg(&t).map_err(|e| e.message(lang))
                    } else {
                        engine::Scenario::from_json(&t).map_err(|e| e.to_string())
                    }
                });
                match parsed {
                    Ok(scenario) => {
                        error.set(None);
                        store.dispatch(Action::OpenScenario(Box::new(scenario)));
                    }
                    Err(message) => error.set(Some(format!("{name}: {message}"))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let exports = [
        ("template.yaml", T::ExportCfnYaml, "application/yaml"),
        ("template.json", T::ExportCfnJson, "application/json"),
        ("sam-template.yaml", T::ExportSam, "application/yaml"),
        ("main.tf", T::ExportTerraform, "text/plain"),
        ("deploy.sh", T::ExportCli, "text/x-shellscript"),
    ]
    .into_iter()
    .map(|(file, label, media_type)| {
        let store = store.clone();
        let onclick = Callback::from(move |_| {
            let request = serde_json::json!({ "op": "export", "scenario": store.base.to_json_pretty() });
            crate::tools::request(request, move |reply| {
                let text = reply["files"]
                    .as_array()
                    .and_then(|files| files.iter().find(|f| f["name"] == file))
                    .and_then(|f| f["text"].as_str());
                match text {
                    Some(text) => crate::platform::download(file, text, media_type),
                    // Said by the page's notice (`OfflineNotices`), never silently dropped.
                    None => crate::tools::report(&reply),
                }
            });
        });
        html! { <li><button type="button" {onclick} data-testid={format!("export-{file}")}>{ format!("{} · {file}", label.get(lang)) }</button></li> }
    })
    .collect::<Vec<Html>>();
    let picture = |png: bool| {
        let store = store.clone();
        Callback::from(move |_| {
            let metadata = engine::picture::metadata(&store.base);
            if let Some(svg) = crate::platform::diagram_svg(&metadata) {
                if png {
                    crate::platform::download_png(&svg, "diagram.png");
                } else {
                    crate::platform::download("diagram.svg", &svg, "image/svg+xml");
                }
            }
        })
    };
    let on_dismiss = {
        let error = error.clone();
        Callback::from(move |_| error.set(None))
    };
    html! {
        <header class={classes!("header", menu_open.then_some("menu-open"))}>
            <div class="brand">
                <h1>{ T::AppTitle.get(lang) }</h1>
                <p class="tagline">{ T::Tagline.get(lang) }</p>
            </div>
            <div class="header-controls">
                <label hidden={hides("gallery")}>
                    <span>{ T::Scenario.get(lang) }</span>
                    <select onchange={on_scenario} data-testid="scenario-select">
                        if store.gallery_index == crate::state::FROM_FILE {
                            <option selected=true disabled=true>{ format!("{} {}", store.scenario.title.get(lang_code), T::FromFile.get(lang)) }</option>
                        }
                        { for gallery::titles().iter().enumerate().map(|(i, title)| html! {
                            <option value={i.to_string()} selected={i == store.gallery_index}>{ title.get(lang_code).to_string() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="file-menu-toggle" aria-expanded={menu_open.to_string()} aria-controls="file-buttons"
                    onclick={toggle_menu} data-testid="file-menu-toggle">{ T::Menu.get(lang) }</button>
                <div class="file-buttons" id="file-buttons" onkeydown={menu_keys}>
                    <button type="button" class="lessons-open" onclick={open_lessons} data-testid="lessons-open">{ T::Lessons.get(lang) }</button>
                    <button type="button" onclick={on_save} data-testid="save-file">{ T::SaveFile.get(lang) }</button>
                    <button type="button" onclick={open_dialog("share")} data-testid="share-open">{ T::Share.get(lang) }</button>
                    <button type="button" onclick={open_dialog("embed")} data-testid="embed-open">{ T::Embed.get(lang) }</button>
                    <button type="button" hidden={hides("import")} onclick={open_dialog("import")} data-testid="import-open">{ format!("{}…", T::Import.get(lang)) }</button>
                    <super::diagrams_menu::DiagramsMenu />
                    <details class="export-menu" data-menu="" data-testid="export-menu">
                        <summary>{ T::Export.get(lang) }</summary>
                        <ul>
                            { for exports }
                            <li><button type="button" onclick={picture(false)} data-testid="export-diagram.svg">{ format!("{} · diagram.svg", T::ExportSvg.get(lang)) }</button></li>
                            <li><button type="button" onclick={picture(true)} data-testid="export-diagram.png">{ format!("{} · diagram.png", T::ExportPng.get(lang)) }</button></li>
                        </ul>
                    </details>
                    <label class="button file-open">
                        { T::OpenFile.get(lang) }
                        <input type="file" accept=".json,application/json,.svg,image/svg+xml" onchange={on_open} data-testid="open-file" />
                    </label>
                </div>
                <label>
                    <span>{ T::Language.get(lang) }</span>
                    <select onchange={on_lang} data-testid="language-select">
                        <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                        <option value="ko" selected={lang == Lang::Ko}>{ "한국어" }</option>
                    </select>
                </label>
            </div>
            if let Some(message) = &*error {
                <div class="open-error" role="alert" data-testid="open-error">
                    <p>{ format!("{} {message}", T::CannotOpen.get(lang)) }</p>
                    <p>{ T::KeptCurrent.get(lang) }</p>
                    <button type="button" onclick={on_dismiss}>{ T::Dismiss.get(lang) }</button>
                </div>
            }
            if *dialog == Some("share") {
                <super::share::ShareDialog on_close={close_dialog.clone()} />
            }
            if *dialog == Some("embed") {
                <super::embed_dialog::EmbedDialog on_close={close_dialog.clone()} />
            }
            if *dialog == Some("import") {
                <super::import_dialog::ImportDialog on_close={close_dialog} />
            }
        </header>
    }
}
