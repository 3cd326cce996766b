//! The lesson views written as markup in the tools worker: the panel beside the diagram, the
//! lesson list, the speaker notes and the room link. The page puts the markup in place and
//! answers its buttons by their `data-action` (see `src/lesson/host.rs`); every text
//! from a lesson or a learner goes through [`Escaped`].

use super::lesson_texts::L;
use super::markup::Escaped;
use engine::lang::Lang;
use engine::lesson::{Lesson, RecordError, StepCheck};
use std::collections::BTreeSet;
use std::fmt::Write;

/// What the page shows of the lesson besides the lesson itself: which step, how many hints,
/// whether it asks to confirm the solution, and what the learner has done.
#[derive(Debug, Default)]
pub struct Ui {
    /// The step shown (0-based); `None`: the intro.
    pub step: Option<usize>,
    /// Hints revealed.
    pub hints: usize,
    /// Show solution is asking to confirm.
    pub confirming: bool,
    /// Steps passed so far.
    pub passed: BTreeSet<String>,
    /// Steps whose solution was shown.
    pub solution_used: BTreeSet<String>,
    /// The panel is folded away.
    pub folded: bool,
    /// The page is presenting.
    pub presenting: bool,
}

impl Ui {
    /// Whether step `index` is open: every gated step before it has passed.
    fn reachable(&self, lesson: &Lesson, index: usize) -> bool {
        lesson
            .steps
            .iter()
            .take(index)
            .all(|s| !s.gate || self.passed.contains(&s.id))
    }
}

/// A button answered by the page: its action, an optional value, its test id and its text.
pub fn button(out: &mut String, class: &str, action: &str, value: &str, test_id: &str, text: &str) {
    let _ = write!(
        out,
        r#"<button type="button"{} data-action="{action}"{} data-testid="{test_id}">{}</button>"#,
        if class.is_empty() {
            String::new()
        } else {
            format!(r#" class="{class}""#)
        },
        if value.is_empty() {
            String::new()
        } else {
            format!(r#" data-value="{}""#, Escaped(value))
        },
        Escaped(text)
    );
}

/// "Step 2 of 3".
fn step_of(lang: Lang, n: usize, total: usize) -> String {
    L::StepOf
        .get(lang)
        .replace("{n}", &n.to_string())
        .replace("{total}", &total.to_string())
}

/// The lesson panel.
pub fn panel(lesson: &Lesson, checks: &[StepCheck], ui: &Ui, lang: Lang) -> String {
    let mut out = String::new();
    let total = lesson.steps.len();
    let current = ui.step.and_then(|i| lesson.steps.get(i).map(|s| (i, s)));
    let check = current.and_then(|(_, s)| checks.iter().find(|c| c.id == s.id));
    let _ = write!(
        out,
        r#"<div class="lesson-head"><h2 id="lesson-title">{}</h2>"#,
        Escaped(lesson.title.get(lang))
    );
    let _ = write!(
        out,
        r#"<button type="button" aria-expanded="{}" data-action="fold" data-testid="lesson-fold">{}</button>"#,
        !ui.folded,
        Escaped(if ui.folded { L::Unfold } else { L::Fold }.get(lang))
    );
    button(
        &mut out,
        "",
        "leave",
        "",
        "lesson-leave",
        L::Leave.get(lang),
    );
    out.push_str(r#"</div><div class="lesson-tools">"#);
    let _ = write!(
        out,
        r#"<button type="button" aria-pressed="{}" data-action="present" data-testid="lesson-present">{}</button>"#,
        ui.presenting,
        Escaped(
            if ui.presenting {
                L::StopPresenting
            } else {
                L::Present
            }
            .get(lang)
        )
    );
    button(
        &mut out,
        "",
        "notes-window",
        "",
        "lesson-notes-window",
        L::NotesWindow.get(lang),
    );
    button(
        &mut out,
        "",
        "room-link",
        "",
        "lesson-room-link",
        L::RoomLink.get(lang),
    );
    out.push_str("</div>");
    if ui.folded {
        if let (Some((_, step)), Some(check)) = (current, check) {
            let met = check.items.iter().filter(|i| i.passed).count();
            let goals = L::GoalsMet
                .get(lang)
                .replace("{n}", &met.to_string())
                .replace("{total}", &check.items.len().to_string());
            let _ = write!(
                out,
                r#"<p class="lesson-summary" data-testid="lesson-summary">{} · {}</p>"#,
                Escaped(step.title.get(lang)),
                Escaped(&goals)
            );
        }
        return out;
    }
    let _ = write!(
        out,
        r#"<nav aria-label="{}"><ol class="lesson-steps">"#,
        Escaped(L::Steps.get(lang))
    );
    for (i, step) in lesson.steps.iter().enumerate() {
        let passed = ui.passed.contains(&step.id);
        let _ = write!(
            out,
            r#"<li><button type="button"{}{}{} data-action="go" data-value="{i}" data-testid="lesson-step-button">{}{}<span class="visually-hidden"> {}</span></button></li>"#,
            if passed { r#" class="passed""# } else { "" },
            if ui.step == Some(i) {
                r#" aria-current="step""#
            } else {
                ""
            },
            if ui.reachable(lesson, i) {
                ""
            } else {
                " disabled"
            },
            i + 1,
            if passed { " ✓" } else { "" },
            Escaped(step.title.get(lang))
        );
    }
    out.push_str("</ol></nav>");
    match current {
        None => intro(&mut out, lesson, lang),
        Some((index, _)) => step_body(&mut out, lesson, check, ui, index, total, lang),
    }
    out
}

fn intro(out: &mut String, lesson: &Lesson, lang: Lang) {
    let _ = write!(
        out,
        r#"<div class="lesson-body"><h3 tabindex="-1" data-step="intro" data-testid="lesson-step-title">{}</h3><p>{}</p>"#,
        Escaped(L::Intro.get(lang)),
        Escaped(lesson.summary.get(lang))
    );
    if let Some(intro) = &lesson.intro {
        let _ = write!(
            out,
            r#"<p data-testid="lesson-intro">{}</p>"#,
            Escaped(intro.text.get(lang))
        );
    }
    out.push_str(r#"<div class="lesson-actions">"#);
    if lesson.intro.as_ref().is_some_and(|i| i.pause.is_some()) {
        button(
            out,
            "",
            "demonstrate",
            "",
            "lesson-demonstrate",
            L::Demonstrate.get(lang),
        );
    }
    button(
        out,
        "primary",
        "go",
        "0",
        "lesson-start",
        L::Start.get(lang),
    );
    out.push_str("</div></div>");
}

fn step_body(
    out: &mut String,
    lesson: &Lesson,
    check: Option<&StepCheck>,
    ui: &Ui,
    index: usize,
    total: usize,
    lang: Lang,
) {
    let step = &lesson.steps[index];
    let passed = ui.passed.contains(&step.id);
    let _ = write!(
        out,
        r#"<div class="lesson-body"><p class="lesson-step-of">{}</p><h3 tabindex="-1" data-step="{index}" data-testid="lesson-step-title">{}</h3><p data-testid="lesson-step-text">{}</p><h4 id="lesson-goal">{}</h4>"#,
        Escaped(&step_of(lang, index + 1, total)),
        Escaped(step.title.get(lang)),
        Escaped(step.text.get(lang)),
        Escaped(L::Goal.get(lang))
    );
    if let Some(check) = check {
        out.push_str(r#"<ul class="checklist" aria-labelledby="lesson-goal" data-testid="lesson-checklist">"#);
        for item in &check.items {
            let _ = write!(
                out,
                r#"<li class="{}" data-testid="lesson-item" data-passed="{}"><span class="mark" aria-hidden="true">{}</span><span class="visually-hidden">{} </span><span class="item-text">{}</span>"#,
                if item.passed { "passed" } else { "open" },
                item.passed,
                if item.passed { "✓" } else { "○" },
                Escaped(
                    if item.passed {
                        L::ItemPassed
                    } else {
                        L::ItemOpen
                    }
                    .get(lang)
                ),
                Escaped(&item.text)
            );
            if let Some(detail) = &item.detail {
                let _ = write!(
                    out,
                    r#"<p class="detail" data-testid="lesson-item-detail">{}</p>"#,
                    Escaped(detail)
                );
            }
            for event in &item.events {
                let shown = event + 1;
                let label = L::ShowStep.get(lang).replace("{n}", &shown.to_string());
                button(
                    out,
                    "link-button",
                    "seek",
                    &shown.to_string(),
                    "lesson-show-step",
                    &label,
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        r#"<p class="visually-hidden" role="status">{}</p>"#,
        if passed { L::Passed.get(lang) } else { "" }
    );
    if passed {
        let _ = write!(
            out,
            r#"<div class="lesson-passed" data-testid="lesson-passed"><h4>✓ {}</h4><p><strong>{}</strong> {}</p>"#,
            Escaped(L::Passed.get(lang)),
            Escaped(L::Why.get(lang)),
            Escaped(step.explain.get(lang))
        );
        if index + 1 < total {
            button(
                out,
                "primary",
                "next",
                "",
                "lesson-next",
                L::NextStep.get(lang),
            );
        } else {
            let _ = write!(out, "<p>{}</p>", Escaped(L::Finished.get(lang)));
            if let Some(next) = &lesson.next {
                button(
                    out,
                    "primary",
                    "next-lesson",
                    next,
                    "lesson-next-lesson",
                    L::NextLesson.get(lang),
                );
            }
        }
        out.push_str("</div>");
    }
    if ui.solution_used.contains(&step.id) {
        let _ = write!(
            out,
            r#"<p class="lesson-note" data-testid="lesson-solution-used">{}</p>"#,
            Escaped(L::SolutionUsed.get(lang))
        );
    }
    out.push_str(r#"<div class="lesson-actions">"#);
    let hints = &step.hints;
    if ui.hints > 0 {
        out.push_str(r#"<ol class="hints" data-testid="lesson-hints">"#);
        for hint in hints.iter().take(ui.hints) {
            let _ = write!(out, "<li>{}</li>", Escaped(hint.get(lang)));
        }
        out.push_str("</ol>");
    }
    if ui.hints < hints.len() && !passed {
        let label = if ui.hints == 0 {
            L::Hint.get(lang).to_string()
        } else {
            L::HintOf
                .get(lang)
                .replace("{n}", &(ui.hints + 1).to_string())
                .replace("{total}", &hints.len().to_string())
        };
        button(out, "", "hint", "", "lesson-hint", &label);
    }
    if !step.solution.is_empty() && !passed {
        if ui.confirming {
            let _ = write!(
                out,
                r#"<div class="lesson-confirm" role="group" aria-labelledby="lesson-confirm-text" data-testid="lesson-confirm"><p id="lesson-confirm-text">{}</p>"#,
                Escaped(L::ConfirmSolution.get(lang))
            );
            button(
                out,
                "primary",
                "apply",
                "",
                "lesson-apply-solution",
                L::ApplySolution.get(lang),
            );
            button(
                out,
                "",
                "cancel",
                "",
                "lesson-cancel-solution",
                L::Cancel.get(lang),
            );
            out.push_str("</div>");
        } else {
            button(
                out,
                "",
                "confirm",
                "",
                "lesson-show-solution",
                L::ShowSolution.get(lang),
            );
        }
    }
    out.push_str("</div>");
    if let Some(notes) = &step.notes {
        let _ = write!(
            out,
            r#"<details class="lesson-notes"><summary>{}</summary><p>{}</p></details>"#,
            Escaped(L::Notes.get(lang)),
            Escaped(notes.get(lang))
        );
    }
    out.push_str(r#"<div class="lesson-actions lesson-footer">"#);
    if index > 0 {
        button(
            out,
            "",
            "previous",
            "",
            "lesson-previous",
            L::PreviousStep.get(lang),
        );
    }
    button(
        out,
        "",
        "reset-step",
        "",
        "lesson-reset-step",
        L::ResetStep.get(lang),
    );
    button(
        out,
        "",
        "reset-lesson",
        "",
        "lesson-reset-lesson",
        L::ResetLesson.get(lang),
    );
    out.push_str("</div></div>");
}

/// The speaker notes of the step shown, for the notes window.
pub fn notes(lesson: &Lesson, ui: &Ui, lang: Lang) -> String {
    let mut out = String::new();
    let step = ui.step.and_then(|i| lesson.steps.get(i));
    let position = match ui.step {
        Some(i) => step_of(lang, i + 1, lesson.steps.len()),
        None => L::Intro.get(lang).to_string(),
    };
    let _ = write!(
        out,
        r#"<p class="notes-lesson">{}</p><h1 data-testid="notes-step">{}{}</h1>"#,
        Escaped(lesson.title.get(lang)),
        Escaped(&position),
        step.map(|s| format!(" · {}", Escaped(s.title.get(lang))))
            .unwrap_or_default()
    );
    let Some(step) = step else {
        if let Some(intro) = &lesson.intro {
            let _ = write!(out, "<p>{}</p>", Escaped(intro.text.get(lang)));
        }
        return out;
    };
    if let Some(notes) = &step.notes {
        let _ = write!(
            out,
            r#"<h2>{}</h2><p class="notes-text" data-testid="notes-text">{}</p>"#,
            Escaped(L::Notes.get(lang)),
            Escaped(notes.get(lang))
        );
    }
    let _ = write!(out, "<p>{}</p>", Escaped(step.text.get(lang)));
    if !step.hints.is_empty() {
        let _ = write!(out, "<h2>{}</h2><ol>", Escaped(L::Hint.get(lang)));
        for (i, hint) in step.hints.iter().enumerate() {
            let _ = write!(
                out,
                "<li{}>{}</li>",
                if i < ui.hints {
                    r#" class="shown""#
                } else {
                    ""
                },
                Escaped(hint.get(lang))
            );
        }
        out.push_str("</ol>");
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p>",
        Escaped(L::Why.get(lang)),
        Escaped(step.explain.get(lang))
    );
    out
}

/// One lesson of the list: its id, its title in both languages, its minutes, and (when known)
/// its file's text and the progress kept for it.
pub struct Listed<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub minutes: u64,
    pub steps_done: Option<(usize, usize)>,
}

/// The lesson list.
pub fn list(lessons: &[Listed], lang: Lang) -> String {
    let mut out = String::from(r#"<ul class="lesson-list" data-testid="lesson-list">"#);
    for lesson in lessons {
        let status = match lesson.steps_done {
            Some((done, total)) if done == total && total > 0 => L::Complete.get(lang).to_string(),
            Some((done, total)) if done > 0 => L::StepsDone
                .get(lang)
                .replace("{done}", &done.to_string())
                .replace("{total}", &total.to_string()),
            _ => String::new(),
        };
        let minutes = L::Minutes
            .get(lang)
            .replace("{n}", &lesson.minutes.to_string());
        let meta = if status.is_empty() {
            minutes
        } else {
            format!("{minutes} · {status}")
        };
        let _ = write!(
            out,
            r#"<li><button type="button" data-action="open" data-value="{id}" data-testid="lesson-{id}"><span class="lesson-name">{}</span><span class="lesson-meta">{}</span></button></li>"#,
            Escaped(lesson.title),
            Escaped(&meta),
            id = Escaped(lesson.id)
        );
    }
    out.push_str(r#"</ul><div class="lesson-actions">"#);
    button(
        &mut out,
        "",
        "save-progress",
        "",
        "progress-save",
        L::SaveProgress.get(lang),
    );
    let _ = write!(
        out,
        r#"<label class="button file-open">{}<input type="file" accept=".json,application/json" data-action="open-progress" data-testid="progress-open" /></label></div>"#,
        Escaped(L::OpenProgress.get(lang))
    );
    let _ = write!(
        out,
        r#"<section class="lesson-record" aria-labelledby="lesson-record-title"><h3 id="lesson-record-title">{}</h3><p>{}</p>"#,
        Escaped(L::RecordTitle.get(lang)),
        Escaped(L::RecordHelp.get(lang))
    );
    button(
        &mut out,
        "",
        "record",
        "",
        "record-start",
        L::RecordStart.get(lang),
    );
    out.push_str("</section>");
    out
}

/// A lesson dialog's contents: its title, its body and Close.
pub fn dialog(title: L, body: &str, lang: Lang) -> String {
    let mut out = format!(
        r#"<h2 id="lesson-dialog-title">{}</h2>{body}"#,
        Escaped(title.get(lang))
    );
    button(
        &mut out,
        "dialog-close",
        "close-dialog",
        "",
        "dialog-close",
        L::Close.get(lang),
    );
    out
}

/// Why a recording cannot become a lesson, in `lang`.
pub fn record_error(error: &RecordError, lang: Lang) -> String {
    match error {
        RecordError::NoSteps => L::RecordNoSteps.get(lang).to_string(),
        RecordError::BadId(id) => L::RecordBadId.get(lang).replace("{id}", id),
        RecordError::MissingText("title") => L::RecordMissingTitle.get(lang).to_string(),
        RecordError::MissingText(_) => L::RecordMissingSummary.get(lang).to_string(),
        RecordError::NothingChanged(i) => L::RecordNothingChanged
            .get(lang)
            .replace("{n}", &(i + 1).to_string()),
    }
}

/// The room link's explanation, QR code and address.
pub fn room(link: &str, svg: &str, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<p>{}</p><figure class="qr" role="img" aria-label="{}" data-testid="room-qr">{svg}</figure><p><code class="room-address" data-testid="room-link">{}</code></p>"#,
        Escaped(L::RoomLinkHelp.get(lang)),
        Escaped(L::QrCode.get(lang)),
        Escaped(link)
    );
    button(
        &mut out,
        "",
        "copy",
        link,
        "room-copy",
        L::CopyLink.get(lang),
    );
    out
}
