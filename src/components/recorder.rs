//! Recording a lesson: beside the diagram while an author records, with End step, Stop
//! recording (asking first when steps would be lost) and the form that saves the lesson as a
//! file. The tools worker turns the recording into the lesson (each step's solution and
//! checklist come from what the author changed) and checks it as `lesson check` would.

use crate::i18n::T;
use crate::state::{Action, RecordAction, Store};
use serde_json::json;
use yew::prelude::*;

/// What saving said: the file saved and what `lesson check` would say, or why it failed.
type Saved = Option<Result<(String, Vec<String>), String>>;

/// The value of a form field by its name.
fn field(form: &web_sys::Element, name: &str) -> String {
    use wasm_bindgen::JsCast;
    form.query_selector(&format!("[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// The recorder; nothing unless a lesson is being recorded.
#[component]
pub fn Recorder() -> Html {
    let store = use_context::<Store>();
    let confirming = use_state(|| false);
    let saved = use_state(|| None as Saved);
    let Some(store) = store else {
        return html! {};
    };
    // An open lesson has the panel's place; the recording waits until it is left.
    let Some(recording) = store.recording.as_ref().filter(|_| store.lesson.is_none()) else {
        return html! {};
    };
    let lang = store.lang;
    let recorded = recording.steps.len();
    let changed = recording.changed(&store.scenario);
    let action = |action: RecordAction| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Record(action)))
    };
    let end_step = action(RecordAction::EndStep);
    let stop = if recorded == 0 {
        action(RecordAction::Stop)
    } else {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let onsubmit = {
        let (store, saved) = (store.clone(), saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form: web_sys::Element = e.target_unchecked_into();
            let id = field(&form, "id").trim().to_string();
            let request = json!({
                "lessonId": id,
                "title": {"en": field(&form, "title-en"), "ko": field(&form, "title-ko")},
                "summary": {"en": field(&form, "summary-en"), "ko": field(&form, "summary-ko")},
            });
            let saved = saved.clone();
            crate::lesson::record(&store, request, move |result| {
                let result = result.map(|(file, problems)| {
                    let name = format!("{id}.json");
                    crate::platform::download_json(&name, &file);
                    (name, problems)
                });
                saved.set(Some(result));
            });
        })
    };
    let status = T::RecordingStatus
        .get(lang)
        .replace("{n}", &recorded.to_string())
        .replace("{next}", &(recorded + 1).to_string());
    let input = |name: &'static str, label: T, value: &str| {
        html! {
            <label class="record-field">{ label.get(lang) }
                <input type="text" {name} value={value.to_string()} data-testid={format!("record-{name}")} />
            </label>
        }
    };
    html! {
        <section class="lesson-panel recorder" aria-labelledby="recorder-title" data-testid="recorder">
            <h2 id="recorder-title">{ T::Recording.get(lang) }</h2>
            <p role="status" data-testid="recorder-status">{ status }</p>
            if !changed {
                <p class="record-hint">{ T::RecordingUnchanged.get(lang) }</p>
            }
            if *confirming {
                <div class="lesson-confirm" role="group" aria-labelledby="record-stop-question">
                    <p id="record-stop-question">{ T::ConfirmStopRecording.get(lang).replace("{n}", &recorded.to_string()) }</p>
                    <button type="button" onclick={action(RecordAction::Stop)} data-testid="record-discard">{ T::DiscardRecording.get(lang) }</button>
                    <button type="button" onclick={keep} data-testid="record-keep">{ T::KeepRecording.get(lang) }</button>
                </div>
            } else {
                <div class="lesson-actions">
                    <button type="button" class="primary" onclick={end_step} disabled={!changed} data-testid="record-step">
                        { T::EndStep.get(lang).replace("{n}", &(recorded + 1).to_string()) }
                    </button>
                    <button type="button" onclick={stop} data-testid="record-stop">{ T::StopRecording.get(lang) }</button>
                </div>
            }
            if recorded > 0 {
                <form class="record-form" aria-labelledby="record-save-title" {onsubmit} data-testid="record-form">
                    <h3 id="record-save-title">{ T::SaveLessonTitle.get(lang) }</h3>
                    { input("id", T::LessonId, "my-lesson") }
                    { input("title-en", T::TitleEnglish, "") }
                    { input("title-ko", T::TitleKorean, "") }
                    { input("summary-en", T::SummaryEnglish, "") }
                    { input("summary-ko", T::SummaryKorean, "") }
                    <button type="submit" class="primary" data-testid="record-save">{ T::SaveLessonFile.get(lang) }</button>
                </form>
            }
            { match &*saved {
                None => html! {},
                Some(Ok((file, problems))) if problems.is_empty() => html! {
                    <p role="status" data-testid="record-saved">{ T::LessonFileSaved.get(lang).replace("{file}", file) }</p>
                },
                Some(Ok((file, problems))) => html! {
                    <div role="status" data-testid="record-saved">
                        <p>{ T::LessonFileProblems.get(lang).replace("{file}", file) }</p>
                        <ul>{ for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                    </div>
                },
                Some(Err(why)) => html! { <p role="alert" data-testid="record-error">{ why.clone() }</p> },
            } }
        </section>
    }
}
