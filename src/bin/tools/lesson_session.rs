//! The open lesson and the recording, kept in the tools worker between requests: which step is
//! shown, the hints revealed, whether Show solution asks to confirm, what the learner has done,
//! and the diagrams Reset step and Reset lesson bring back. The page keeps none of it: it sends
//! what the learner pressed with the diagram as it is, and applies what the answer says
//! (`{"op": "lesson"}` in `lessons.rs`).

use super::lesson_page::{self, Ui};
use super::lesson_texts::L;
use super::markup::Escaped;
use engine::lang::Lang;
use engine::lesson::{Lesson, Pause};
use engine::{Scenario, Topology};
use serde_json::{json, Value};
use std::fmt::Write;

/// What the learner has done in a lesson, kept by the page per lesson and version:
/// `{"hash", "passed", "solutionUsed", "step"}`.
#[derive(Debug, Default, PartialEq)]
pub struct Progress {
    /// The lesson file's hash this progress belongs to.
    pub hash: String,
    /// Steps passed, each once, in the order they passed.
    pub passed: Vec<String>,
    /// Steps whose solution was shown, each once.
    pub solution_used: Vec<String>,
    /// The step the learner was on (0-based).
    pub step: usize,
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn add(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|i| i == id) {
        list.push(id.to_string());
    }
}

impl Progress {
    /// As the page keeps it.
    pub fn to_json(&self) -> Value {
        json!({
            "hash": self.hash,
            "passed": self.passed,
            "solutionUsed": self.solution_used,
            "step": self.step,
        })
    }

    /// What the page kept; progress of another version of the lesson is none.
    pub fn from_json(value: &Value, hash: &str) -> Progress {
        if value["hash"].as_str() != Some(hash) {
            return Progress {
                hash: hash.to_string(),
                ..Progress::default()
            };
        }
        Progress {
            hash: hash.to_string(),
            passed: strings(&value["passed"]),
            solution_used: strings(&value["solutionUsed"]),
            step: value["step"].as_u64().unwrap_or(0) as usize,
        }
    }
}

/// A lesson the learner has open.
pub struct Open {
    /// The lesson, read.
    pub lesson: Lesson,
    /// The step shown (0-based); `None` while the intro is shown.
    pub step: Option<usize>,
    /// Hints of the current step revealed so far.
    pub hints: usize,
    /// Whether Show solution is asking to confirm.
    pub confirming: bool,
    /// Whether the panel is folded away.
    pub folded: bool,
    /// What was done, kept across visits.
    pub progress: Progress,
    /// The diagram as the lesson began (Reset lesson).
    pub start: Scenario,
    /// The diagram as the current step began (Reset step).
    pub step_start: Scenario,
    /// ARNs of the resources the learner may not remove or rename, resolved in the start diagram.
    pub locked: Vec<String>,
}

impl Open {
    /// Whether step `index` may be shown: every gated step before it has passed.
    fn reachable(&self, index: usize) -> bool {
        index < self.lesson.steps.len()
            && self
                .lesson
                .steps
                .iter()
                .take(index)
                .all(|s| !s.gate || self.progress.passed.contains(&s.id))
    }

    /// Shows `step` (`None`: the intro) when it is open; a closed step leaves the learner where
    /// they are.
    fn go(&mut self, step: Option<usize>, diagram: &Scenario) {
        if step.is_none_or(|i| self.reachable(i)) && step != self.step {
            self.step = step;
            self.hints = 0;
            self.confirming = false;
            self.step_start = diagram.clone();
            if let Some(i) = step {
                self.progress.step = i;
            }
        }
    }

    fn ui(&self, presenting: bool) -> Ui {
        Ui {
            step: self.step,
            hints: self.hints,
            confirming: self.confirming,
            passed: self.progress.passed.iter().cloned().collect(),
            solution_used: self.progress.solution_used.iter().cloned().collect(),
            folded: self.folded,
            presenting,
        }
    }
}

/// A lesson an author is recording.
pub struct Recording {
    /// The diagram when recording began: the lesson's start.
    pub start: Scenario,
    /// The diagram at the end of each recorded step.
    pub steps: Vec<Scenario>,
    /// Whether Stop recording asks to confirm (steps would be lost).
    pub confirming: bool,
    /// What saving said: the file saved and what `lesson check` would say, or why it failed.
    pub saved: Option<Result<(String, Vec<String>), String>>,
}

impl Recording {
    /// Whether `diagram` differs from where the last step ended: End step would record it.
    fn changed(&self, diagram: &Scenario) -> bool {
        self.steps.last().unwrap_or(&self.start) != diagram
    }
}

/// Everything the worker keeps between lesson requests.
#[derive(Default)]
pub struct Session {
    /// The lesson open, if one is.
    pub open: Option<Open>,
    /// The lesson being recorded, if one is; while a lesson is open it waits, hidden.
    pub recording: Option<Recording>,
}

/// What a request does besides writing the panel again.
#[derive(Default)]
struct Effects {
    /// The diagram the page puts on the canvas as one undoable change.
    replace: Option<Scenario>,
    /// Play the intro's demonstration to this pause.
    pause: Option<Value>,
    /// A file the page saves: name and text.
    download: Option<(String, String)>,
    /// A dialog the page opens: its test id and body.
    dialog: Option<(&'static str, String)>,
}

/// The request's `scenario`, or the start of an opened lesson.
fn read(request: &Value, key: &str) -> Result<Scenario, String> {
    Scenario::from_json(request[key].as_str().unwrap_or("")).map_err(|e| e.to_string())
}

impl Session {
    /// Answers `{"op": "lesson", "do", "value", "scenario", "lang", "presenting", ...}`.
    pub fn answer(&mut self, request: &Value, lang: Lang) -> Value {
        let diagram = match read(request, "scenario") {
            Ok(diagram) => diagram,
            Err(error) => return json!({ "error": error }),
        };
        let action = request["do"].as_str().unwrap_or("render");
        let mut effects = Effects::default();
        if let Err(error) = self.apply(action, request, &diagram, lang, &mut effects) {
            return json!({ "error": error });
        }
        let shown = effects.replace.as_ref().unwrap_or(&diagram);
        let presenting = request["presenting"].as_bool().unwrap_or(false);
        let mut reply = self.render(shown, presenting, lang);
        if let Some(replace) = &effects.replace {
            reply["replace"] = json!(replace.to_json_pretty());
        }
        if let Some(pause) = effects.pause {
            reply["pause"] = pause;
        }
        if let Some((name, text)) = effects.download {
            reply["download"] = json!({ "name": name, "text": text });
        }
        if let Some((id, html)) = effects.dialog {
            reply["dialog"] = json!({ "id": id, "html": html });
        }
        reply
    }

    fn apply(
        &mut self,
        action: &str,
        request: &Value,
        diagram: &Scenario,
        lang: Lang,
        effects: &mut Effects,
    ) -> Result<(), String> {
        let number = || {
            request["value"]
                .as_str()
                .and_then(|v| v.parse::<usize>().ok())
        };
        match action {
            "open" => return self.open_lesson(request, diagram, effects),
            "record" => {
                // The recorder takes the lesson panel's place.
                self.open = None;
                self.recording = Some(Recording {
                    start: diagram.clone(),
                    steps: Vec::new(),
                    confirming: false,
                    saved: None,
                });
                return Ok(());
            }
            "record-step" | "record-stop" | "record-discard" | "record-keep" | "record-save" => {
                return self.record(action, request, diagram, lang, effects);
            }
            _ => {}
        }
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        match action {
            "go" => open.go(number(), diagram),
            "next" => open.go(Some(open.step.map_or(0, |i| i + 1)), diagram),
            "previous" => match open.step {
                Some(0) if open.lesson.intro.is_some() => open.go(None, diagram),
                Some(i) => open.go(Some(i.saturating_sub(1)), diagram),
                None => {}
            },
            // The panel shows no more hints than the step has.
            "hint" => open.hints += 1,
            "confirm" => open.confirming = open.step.is_some(),
            "cancel" => open.confirming = false,
            "apply" => {
                let Some(index) = open.step else {
                    return Ok(());
                };
                let solved = open
                    .lesson
                    .solve(diagram, index)
                    .map_err(|e| e.to_string())?;
                add(
                    &mut open.progress.solution_used,
                    &open.lesson.steps[index].id,
                );
                open.confirming = false;
                effects.replace = Some(solved);
            }
            "reset-step" => effects.replace = Some(open.step_start.clone()),
            "reset-lesson" => {
                open.progress.passed.clear();
                open.progress.solution_used.clear();
                open.progress.step = 0;
                open.step = if open.lesson.intro.is_some() {
                    None
                } else {
                    Some(0)
                };
                open.hints = 0;
                open.confirming = false;
                open.step_start = open.start.clone();
                effects.replace = Some(open.start.clone());
            }
            "demonstrate" => {
                effects.pause = Some(
                    match open.lesson.intro.as_ref().and_then(|i| i.pause.as_ref()) {
                        Some(Pause::OnKind(kind)) => json!({ "kind": kind }),
                        Some(Pause::AtMs(ms)) => json!({ "atMs": ms }),
                        None => json!({}),
                    },
                );
            }
            "fold" => open.folded = !open.folded,
            "leave" => {
                self.open = None;
                // A recording left waiting shows again; one with no step gave way.
            }
            "room-link" => {
                let step = open
                    .step
                    .map_or(String::new(), |i| format!("&step={}", i + 1));
                let link = format!(
                    "{}?lesson={}{step}&lang={}",
                    request["base"].as_str().unwrap_or(""),
                    open.lesson.id,
                    lang.code()
                );
                let svg = super::super::qr_svg(&link)?;
                effects.dialog = Some((
                    "room-link-dialog",
                    lesson_page::dialog(
                        L::RoomLinkTitle,
                        &lesson_page::room(&link, &svg, lang),
                        lang,
                    ),
                ));
            }
            _ => {}
        }
        Ok(())
    }

    /// Opens a lesson: at `step` (0-based; else where the learner left it, else the intro), with
    /// the diagram as that step begins when `replace`, else over the learner's own diagram (a
    /// lesson restored after a reload).
    fn open_lesson(
        &mut self,
        request: &Value,
        diagram: &Scenario,
        effects: &mut Effects,
    ) -> Result<(), String> {
        let lesson = Lesson::from_json(request["lesson"].as_str().unwrap_or(""))
            .map_err(|e| e.to_string())?;
        let gallery = request["gallery"].as_str().map(str::to_string);
        let start = lesson
            .start_scenario(&|_| gallery.clone())
            .map_err(|e| e.to_string())?;
        let mut progress = Progress::from_json(&request["saved"], &lesson.hash);
        let linked = request["step"].as_u64().map(|s| s as usize);
        // A link to a step (a trainer's room link) counts the steps before it as done.
        if let Some(step) = linked {
            for before in lesson.steps.iter().take(step) {
                add(&mut progress.passed, &before.id);
            }
        }
        let wanted = linked.or_else(|| request["saved"]["step"].as_u64().map(|s| s as usize));
        let step = match wanted {
            Some(i) => Some(i.min(lesson.steps.len().saturating_sub(1))),
            None if lesson.intro.is_some() => None,
            None => Some(0),
        };
        let mut step_start = start.clone();
        for index in 0..wanted.unwrap_or(0).min(lesson.steps.len()) {
            step_start = lesson
                .solve(&step_start, index)
                .map_err(|e| e.to_string())?;
        }
        if request["replace"].as_bool().unwrap_or(true) {
            effects.replace = Some(step_start.clone());
        } else {
            step_start = diagram.clone();
        }
        if let Some(i) = step {
            progress.step = i;
        }
        // A recording with no step yet gives way; one with steps waits until the lesson is left.
        if self.recording.as_ref().is_some_and(|r| r.steps.is_empty()) {
            self.recording = None;
        }
        let topology = Topology::build(&start);
        let locked = lesson
            .locks
            .resources
            .iter()
            .filter_map(|r| r.resolve(&start, &topology))
            .map(|id| topology.get(id).arn.clone())
            .collect();
        self.open = Some(Open {
            locked,
            lesson,
            step,
            hints: 0,
            confirming: false,
            folded: false,
            progress,
            start,
            step_start,
        });
        Ok(())
    }

    fn record(
        &mut self,
        action: &str,
        request: &Value,
        diagram: &Scenario,
        lang: Lang,
        effects: &mut Effects,
    ) -> Result<(), String> {
        let Some(recording) = self.recording.as_mut() else {
            return Ok(());
        };
        match action {
            "record-step" if recording.changed(diagram) => recording.steps.push(diagram.clone()),
            "record-stop" if !recording.steps.is_empty() => recording.confirming = true,
            "record-stop" | "record-discard" => self.recording = None,
            "record-keep" => recording.confirming = false,
            "record-save" => {
                let form = &request["form"];
                let field = |name: &str| form[name].as_str().unwrap_or_default().trim().to_string();
                let recorded = engine::lesson::Recording {
                    id: field("id"),
                    title: engine::lesson::Tr {
                        en: field("title-en"),
                        ko: field("title-ko"),
                    },
                    summary: engine::lesson::Tr {
                        en: field("summary-en"),
                        ko: field("summary-ko"),
                    },
                    start: recording.start.clone(),
                    steps: recording.steps.clone(),
                };
                recording.saved = Some(match engine::lesson::record(&recorded) {
                    Ok((lesson, problems)) => {
                        let name = format!("{}.json", recorded.id);
                        effects.download = Some((name.clone(), engine::lesson::to_json(&lesson)));
                        Ok((name, problems.iter().map(|p| p.to_string()).collect()))
                    }
                    Err(e) => Err(lesson_page::record_error(&e, lang)),
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// The panel (the open lesson, else the recorder, else none), the speaker notes, the
    /// locks, and the progress to keep, with every step checked against `diagram` and its
    /// complete run.
    fn render(&mut self, diagram: &Scenario, presenting: bool, lang: Lang) -> Value {
        if let Some(open) = self.open.as_mut() {
            let checks = open.lesson.check(diagram, lang);
            for check in checks.iter().filter(|c| c.passed) {
                add(&mut open.progress.passed, &check.id);
            }
            let ui = open.ui(presenting);
            let panel = format!(
                r#"<section class="lesson-panel{}" aria-labelledby="lesson-title" data-testid="lesson-panel">{}</section>"#,
                if open.folded { " folded" } else { "" },
                lesson_page::panel(&open.lesson, &checks, &ui, lang)
            );
            return json!({
                "panel": panel,
                "notes": lesson_page::notes(&open.lesson, &ui, lang),
                "locked": open.locked,
                "tools": open.lesson.locks.tools,
                "progress": { "id": open.lesson.id, "value": open.progress.to_json() },
            });
        }
        match &self.recording {
            Some(recording) => json!({ "panel": recorder(recording, diagram, lang) }),
            None => json!({ "panel": null }),
        }
    }
}

/// The recorder beside the diagram: End step, Stop recording (asking first when steps would be
/// lost) and the form that saves the lesson as a file.
fn recorder(recording: &Recording, diagram: &Scenario, lang: Lang) -> String {
    let recorded = recording.steps.len();
    let mut out = String::new();
    let status = L::RecordingStatus
        .get(lang)
        .replace("{n}", &recorded.to_string())
        .replace("{next}", &(recorded + 1).to_string());
    let _ = write!(
        out,
        r#"<section class="lesson-panel recorder" aria-labelledby="recorder-title" data-testid="recorder"><h2 id="recorder-title">{}</h2><p role="status" data-testid="recorder-status">{}</p>"#,
        Escaped(L::Recording.get(lang)),
        Escaped(&status)
    );
    let changed = recording.changed(diagram);
    if !changed {
        let _ = write!(
            out,
            r#"<p class="record-hint">{}</p>"#,
            Escaped(L::RecordingUnchanged.get(lang))
        );
    }
    if recording.confirming {
        let question = L::ConfirmStopRecording
            .get(lang)
            .replace("{n}", &recorded.to_string());
        let _ = write!(
            out,
            r#"<div class="lesson-confirm" role="group" aria-labelledby="record-stop-question"><p id="record-stop-question">{}</p>"#,
            Escaped(&question)
        );
        lesson_page::button(
            &mut out,
            "",
            "record-discard",
            "",
            "record-discard",
            L::DiscardRecording.get(lang),
        );
        lesson_page::button(
            &mut out,
            "",
            "record-keep",
            "",
            "record-keep",
            L::KeepRecording.get(lang),
        );
    } else {
        let _ = write!(
            out,
            r#"<div class="lesson-actions"><button type="button" class="primary" data-action="record-step"{} data-testid="record-step">{}</button>"#,
            if changed { "" } else { " disabled" },
            Escaped(
                &L::EndStep
                    .get(lang)
                    .replace("{n}", &(recorded + 1).to_string())
            )
        );
        lesson_page::button(
            &mut out,
            "",
            "record-stop",
            "",
            "record-stop",
            L::StopRecording.get(lang),
        );
    }
    out.push_str("</div>");
    if recorded > 0 {
        let _ = write!(
            out,
            r#"<form class="record-form" aria-labelledby="record-save-title" data-testid="record-form"><h3 id="record-save-title">{}</h3>"#,
            Escaped(L::SaveLessonTitle.get(lang))
        );
        for (name, label, value) in [
            ("id", L::LessonId, "my-lesson"),
            ("title-en", L::TitleEnglish, ""),
            ("title-ko", L::TitleKorean, ""),
            ("summary-en", L::SummaryEnglish, ""),
            ("summary-ko", L::SummaryKorean, ""),
        ] {
            let _ = write!(
                out,
                r#"<label class="record-field">{}<input type="text" name="{name}" value="{value}" data-testid="record-{name}" /></label>"#,
                Escaped(label.get(lang))
            );
        }
        let _ = write!(
            out,
            r#"<button type="submit" class="primary" data-testid="record-save">{}</button></form>"#,
            Escaped(L::SaveLessonFile.get(lang))
        );
    }
    match &recording.saved {
        None => {}
        Some(Ok((file, problems))) if problems.is_empty() => {
            let _ = write!(
                out,
                r#"<p role="status" data-testid="record-saved">{}</p>"#,
                Escaped(&L::LessonFileSaved.get(lang).replace("{file}", file))
            );
        }
        Some(Ok((file, problems))) => {
            let _ = write!(
                out,
                r#"<div role="status" data-testid="record-saved"><p>{}</p><ul>"#,
                Escaped(&L::LessonFileProblems.get(lang).replace("{file}", file))
            );
            for problem in problems {
                let _ = write!(out, "<li>{}</li>", Escaped(problem));
            }
            out.push_str("</ul></div>");
        }
        Some(Err(why)) => {
            let _ = write!(
                out,
                r#"<p role="alert" data-testid="record-error">{}</p>"#,
                Escaped(why)
            );
        }
    }
    out.push_str("</section>");
    out
}
