//! My diagrams: the learner's named diagrams, kept in this browser.

use crate::i18n::T;
use crate::state::Action;
use crate::state::Store;
use yew::prelude::*;

/// The learner's named diagrams, kept in this browser: save the current one under a name, open
/// or delete one. Opening replaces the canvas, and undo brings the previous diagram back.
#[component]
pub fn DiagramsMenu() -> Html {
    let store = use_context::<Store>();
    let revision = use_state(|| 0u32);
    let name = use_state(String::new);
    let Some(store) = store else {
        return html! {};
    };
    let lang = store.lang;
    let saved = crate::platform::diagrams();
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_save = {
        let (store, name, revision) = (store.clone(), name.clone(), revision.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let trimmed = name.trim();
            if !trimmed.is_empty() {
                crate::platform::save_diagram(trimmed, &store.base);
                revision.set(*revision + 1);
            }
        })
    };
    let rows = saved.iter().map(|(title, scenario)| {
        let on_open = {
            let (store, scenario) = (store.clone(), scenario.clone());
            Callback::from(move |_| store.dispatch(Action::OpenScenario(Box::new(scenario.clone()))))
        };
        let on_delete = {
            let (title, revision) = (title.clone(), revision.clone());
            Callback::from(move |_| {
                crate::platform::delete_diagram(&title);
                revision.set(*revision + 1);
            })
        };
        html! {
            <li>
                <button type="button" class="diagram-open" onclick={on_open} data-testid={format!("diagram-open-{title}")}>{ title.clone() }</button>
                <button type="button" class="unlink" onclick={on_delete} aria-label={format!("{}: {title}", T::DeleteDiagram.get(lang))}
                    data-testid={format!("diagram-delete-{title}")}>{ "✕" }</button>
            </li>
        }
    });
    html! {
        <details class="export-menu" data-menu="" data-testid="diagrams-menu">
            <summary>{ T::MyDiagrams.get(lang) }</summary>
            <ul>
                <li>
                    <form class="save-as" onsubmit={on_save}>
                        <input type="text" value={(*name).clone()} oninput={on_name} placeholder={T::DiagramName.get(lang)}
                            aria-label={T::DiagramName.get(lang)} data-testid="diagram-name" />
                        <button type="submit" data-testid="diagram-save">{ T::SaveAs.get(lang) }</button>
                    </form>
                </li>
                if saved.is_empty() {
                    <li class="empty">{ T::NoDiagrams.get(lang) }</li>
                }
                { for rows }
            </ul>
        </details>
    }
}
