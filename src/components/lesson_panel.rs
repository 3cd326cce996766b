//! The open lesson beside the diagram: its steps, the current step's text and live checklist
//! (the goals' own sentences, checked after every change), hints one at a time, Show solution,
//! the explanation once the step passes, and the way on.

use crate::i18n::T;
use crate::lesson::{self, Open};
use crate::state::{Action, LessonAction, Store};
use yew::prelude::*;

/// The lesson panel; nothing when no lesson is open.
#[component]
pub fn LessonPanel() -> Html {
    let store = use_context::<Store>();
    let heading = use_node_ref();
    // On a small screen the learner folds the lesson away to see the diagram, and back.
    let folded = use_state(|| false);
    let room_link = use_state(|| false);
    let step = store
        .as_ref()
        .and_then(|s| s.lesson.as_ref())
        .map(|o| o.step);
    {
        // A new step puts the focus on its heading, so keyboard and screen reader users start
        // reading there.
        let heading = heading.clone();
        use_effect_with(step, move |step| {
            if step.is_some() {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let Some(store) = store else {
        return html! {};
    };
    let Some(open) = store.lesson.as_ref() else {
        return html! {};
    };
    let lang = store.lang;
    let act = |action: LessonAction| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Lesson(action.clone())))
    };
    let total = open.view.steps.len();
    let steps = html! {
        <nav aria-label={T::LessonSteps.get(lang)}>
            <ol class="lesson-steps">
                { for open.view.steps.iter().enumerate().map(|(i, s)| {
                    let passed = open.progress.passed.contains(&s.id);
                    let current = open.step == Some(i);
                    html! {
                        <li>
                            <button type="button" class={classes!(passed.then_some("passed"))}
                                aria-current={current.then_some("step")}
                                disabled={!open.reachable(i)}
                                onclick={act(LessonAction::Go(Some(i)))}
                                data-testid="lesson-step-button">
                                { format!("{}{}", i + 1, if passed { " ✓" } else { "" }) }
                                <span class="visually-hidden">{ format!(" {}", s.title) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    };
    let body = match open.current() {
        _ if *folded => html! {},
        None => intro(open, &store, &heading),
        Some(current) => {
            let index = open.step.unwrap_or(0);
            step_body(open, &store, &heading, index, total, current)
        }
    };
    let fold = {
        let folded = folded.clone();
        Callback::from(move |_: MouseEvent| folded.set(!*folded))
    };
    let present = {
        let (store, on) = (store.clone(), !store.presenting);
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Present(on)))
    };
    let notes_window = Callback::from(|_: MouseEvent| {
        let address = format!("{}?notes=1", crate::platform::page_base());
        let _ = gloo::utils::window().open_with_url_and_target_and_features(
            &address,
            "lambda-destinations-notes",
            "popup,width=640,height=720",
        );
    });
    let open_room = {
        let room_link = room_link.clone();
        Callback::from(move |_: MouseEvent| room_link.set(true))
    };
    let close_room = {
        let room_link = room_link.clone();
        Callback::from(move |_: ()| room_link.set(false))
    };
    let summary = open.current().map(|current| {
        let met = open
            .current_check()
            .map_or(0, |c| c.items.iter().filter(|i| i.passed).count());
        let goals = open.current_check().map_or(0, |c| c.items.len());
        format!(
            "{} · {}",
            current.title,
            T::LessonGoalsMet
                .get(lang)
                .replace("{n}", &met.to_string())
                .replace("{total}", &goals.to_string())
        )
    });
    html! {
        <section class={classes!("lesson-panel", folded.then_some("folded"))} aria-labelledby="lesson-title" data-testid="lesson-panel">
            <div class="lesson-head">
                <h2 id="lesson-title">{ open.view.title.clone() }</h2>
                <button type="button" aria-expanded={(!*folded).to_string()} onclick={fold} data-testid="lesson-fold">
                    { if *folded { T::LessonUnfold.get(lang) } else { T::LessonFold.get(lang) } }
                </button>
                <button type="button" onclick={act(LessonAction::Close)} data-testid="lesson-leave">{ T::LessonLeave.get(lang) }</button>
            </div>
            <div class="lesson-tools">
                <button type="button" aria-pressed={store.presenting.to_string()} onclick={present} data-testid="lesson-present">
                    { if store.presenting { T::StopPresenting.get(lang) } else { T::Present.get(lang) } }
                </button>
                <button type="button" onclick={notes_window} data-testid="lesson-notes-window">{ T::NotesWindow.get(lang) }</button>
                <button type="button" onclick={open_room} data-testid="lesson-room-link">{ T::RoomLink.get(lang) }</button>
            </div>
            if *room_link {
                <super::room_link::RoomLinkDialog on_close={close_room} />
            }
            if *folded {
                if let Some(summary) = summary {
                    <p class="lesson-summary" data-testid="lesson-summary">{ summary }</p>
                }
            } else {
                { steps }
            }
            { body }
        </section>
    }
}

fn intro(open: &Open, store: &Store, heading: &NodeRef) -> Html {
    let lang = store.lang;
    let dispatch = |action: LessonAction| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Lesson(action.clone())))
    };
    let demonstrates = open.view.pause_on.is_some() || open.view.pause_at_ms.is_some();
    html! {
        <div class="lesson-body">
            <h3 ref={heading.clone()} tabindex="-1" data-testid="lesson-step-title">{ T::LessonIntro.get(lang) }</h3>
            <p>{ open.view.summary.clone() }</p>
            if let Some(text) = &open.view.intro {
                <p data-testid="lesson-intro">{ text.clone() }</p>
            }
            <div class="lesson-actions">
                if demonstrates {
                    <button type="button" onclick={dispatch(LessonAction::Demonstrate)} data-testid="lesson-demonstrate">{ T::LessonDemonstrate.get(lang) }</button>
                }
                <button type="button" class="primary" onclick={dispatch(LessonAction::Go(Some(0)))} data-testid="lesson-start">{ T::LessonStart.get(lang) }</button>
            </div>
        </div>
    }
}

fn step_body(
    open: &Open,
    store: &Store,
    heading: &NodeRef,
    index: usize,
    total: usize,
    current: &lesson::StepView,
) -> Html {
    let lang = store.lang;
    let dispatch = |action: LessonAction| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Lesson(action.clone())))
    };
    let check = open.current_check();
    // Once a step has passed, its explanation and the way on stay, whatever changes next.
    let passed = open.progress.passed.contains(&current.id);
    let items = match check {
        None => html! { <p class="lesson-checking">{ T::LessonChecking.get(lang) }</p> },
        Some(check) => html! {
            <ul class="checklist" aria-labelledby="lesson-goal" data-testid="lesson-checklist">
                { for check.items.iter().map(|item| {
                    let seeks = item.events.iter().map(|&event| {
                        let store = store.clone();
                        let onclick = Callback::from(move |_: MouseEvent| store.dispatch(Action::Seek(event + 1)));
                        html! {
                            <button type="button" class="link-button" {onclick} data-testid="lesson-show-step">
                                { T::LessonShowStep.get(lang).replace("{n}", &(event + 1).to_string()) }
                            </button>
                        }
                    });
                    html! {
                        <li class={if item.passed { "passed" } else { "open" }} data-testid="lesson-item" data-passed={item.passed.to_string()}>
                            <span class="mark" aria-hidden="true">{ if item.passed { "✓" } else { "○" } }</span>
                            <span class="visually-hidden">{ if item.passed { T::LessonItemPassed.get(lang) } else { T::LessonItemOpen.get(lang) } }{ " " }</span>
                            <span class="item-text">{ item.text.clone() }</span>
                            if let Some(detail) = &item.detail {
                                <p class="detail" data-testid="lesson-item-detail">{ detail.clone() }</p>
                            }
                            { for seeks }
                        </li>
                    }
                }) }
            </ul>
        },
    };
    let hint_count = current.hints.len();
    let hints = html! {
        <>
            if open.hints > 0 {
                <ol class="hints" data-testid="lesson-hints">
                    { for current.hints.iter().take(open.hints).map(|h| html! { <li>{ h.clone() }</li> }) }
                </ol>
            }
            if open.hints < hint_count && !passed {
                <button type="button" onclick={dispatch(LessonAction::Hint)} data-testid="lesson-hint">
                    { if open.hints == 0 {
                        T::LessonHint.get(lang).to_string()
                    } else {
                        T::LessonHintOf.get(lang).replace("{n}", &(open.hints + 1).to_string()).replace("{total}", &hint_count.to_string())
                    } }
                </button>
            }
        </>
    };
    let on_solve = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| lesson::solve(store.clone()))
    };
    let solution = if !current.has_solution || passed {
        html! {}
    } else if open.confirming {
        html! {
            <div class="lesson-confirm" role="group" aria-labelledby="lesson-confirm-text" data-testid="lesson-confirm">
                <p id="lesson-confirm-text">{ T::LessonConfirmSolution.get(lang) }</p>
                <button type="button" class="primary" onclick={on_solve} data-testid="lesson-apply-solution">{ T::LessonApplySolution.get(lang) }</button>
                <button type="button" onclick={dispatch(LessonAction::Confirm(false))}>{ T::Cancel.get(lang) }</button>
            </div>
        }
    } else {
        html! {
            <button type="button" onclick={dispatch(LessonAction::Confirm(true))} data-testid="lesson-show-solution">{ T::LessonShowSolution.get(lang) }</button>
        }
    };
    let used = open.progress.solution_used.contains(&current.id);
    let next = if index + 1 < total {
        html! { <button type="button" class="primary" onclick={dispatch(LessonAction::Go(Some(index + 1)))} data-testid="lesson-next">{ T::LessonNextStep.get(lang) }</button> }
    } else if let Some(next) = &open.view.next {
        let (store, next) = (store.clone(), next.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            lesson::open(store.clone(), next.clone(), None, true)
        });
        html! {
            <>
                <p>{ T::LessonFinished.get(lang) }</p>
                <button type="button" class="primary" {onclick} data-testid="lesson-next-lesson">{ T::LessonNextLesson.get(lang) }</button>
            </>
        }
    } else {
        html! { <p>{ T::LessonFinished.get(lang) }</p> }
    };
    html! {
        <div class="lesson-body">
            <p class="lesson-step-of">{ T::LessonStepOf.get(lang).replace("{n}", &(index + 1).to_string()).replace("{total}", &total.to_string()) }</p>
            <h3 ref={heading.clone()} tabindex="-1" data-testid="lesson-step-title">{ current.title.clone() }</h3>
            <p data-testid="lesson-step-text">{ current.text.clone() }</p>
            <h4 id="lesson-goal">{ T::LessonGoal.get(lang) }</h4>
            { items }
            <p class="visually-hidden" role="status">{ if passed { T::LessonPassed.get(lang) } else { "" } }</p>
            if passed {
                <div class="lesson-passed" data-testid="lesson-passed">
                    <h4>{ format!("✓ {}", T::LessonPassed.get(lang)) }</h4>
                    <p><strong>{ T::LessonWhy.get(lang) }</strong>{ " " }{ current.explain.clone() }</p>
                    { next }
                </div>
            }
            if used {
                <p class="lesson-note" data-testid="lesson-solution-used">{ T::LessonSolutionUsed.get(lang) }</p>
            }
            <div class="lesson-actions">
                { hints }
                { solution }
            </div>
            if let Some(notes) = &current.notes {
                <details class="lesson-notes">
                    <summary>{ T::LessonNotes.get(lang) }</summary>
                    <p>{ notes.clone() }</p>
                </details>
            }
            <div class="lesson-actions lesson-footer">
                if index > 0 {
                    <button type="button" onclick={dispatch(LessonAction::Go(Some(index - 1)))} data-testid="lesson-previous">{ T::LessonPreviousStep.get(lang) }</button>
                }
                <button type="button" onclick={dispatch(LessonAction::ResetStep)} data-testid="lesson-reset-step">{ T::LessonResetStep.get(lang) }</button>
                <button type="button" onclick={dispatch(LessonAction::ResetLesson)} data-testid="lesson-reset-lesson">{ T::LessonResetLesson.get(lang) }</button>
            </div>
        </div>
    }
}
