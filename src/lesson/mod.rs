//! Lessons on the page's side: the lesson files fetched from `lessons/`, what the reducer needs
//! of an open lesson, and the learner's progress kept in the browser. The tools worker reads
//! the lesson, checks its goals and writes its views as markup (`src/bin/tools/lessons.rs`), so
//! a lesson costs the first download almost nothing.

use serde_json::{json, Value};
use std::rc::Rc;

pub mod present;
mod requests;
pub use requests::{list, open, record, room_link, solve, use_lesson};

/// One step, as the reducer needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepOutline {
    /// Stable id.
    pub id: String,
    /// Later steps wait until this one passes.
    pub gate: bool,
}

/// What the reducer needs of a lesson (the worker writes its texts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// Lesson id.
    pub id: String,
    /// Hash of the lesson file: progress of another version is not shown as done.
    pub hash: String,
    /// The steps.
    pub steps: Vec<StepOutline>,
    /// Whether there is an intro before the first step.
    pub intro: bool,
    /// Where the intro's demonstration pauses: the first event of this kind.
    pub pause_on: Option<String>,
    /// Where the intro's demonstration pauses: this virtual time.
    pub pause_at_ms: Option<u64>,
    /// The next lesson's id.
    pub next: Option<String>,
    /// Tools hidden during the lesson.
    pub hidden_tools: Vec<String>,
    /// ARNs of the resources the learner may not remove or rename.
    pub locked: Vec<String>,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Outline {
    /// Reads the worker's `outline`.
    pub fn from_json(outline: &Value) -> Outline {
        let steps = outline["steps"]
            .as_array()
            .map(|steps| {
                steps
                    .iter()
                    .map(|s| StepOutline {
                        id: text(&s["id"]),
                        gate: s["gate"].as_bool().unwrap_or(true),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Outline {
            id: text(&outline["id"]),
            hash: text(&outline["hash"]),
            steps,
            intro: outline["intro"].as_bool().unwrap_or(false),
            pause_on: outline["pauseOn"].as_str().map(str::to_string),
            pause_at_ms: outline["pauseAtMs"].as_u64(),
            next: outline["next"].as_str().map(str::to_string),
            hidden_tools: strings(&outline["tools"]),
            locked: strings(&outline["locked"]),
        }
    }

    /// Whether the lesson hides a tool (`palette`, `import`, `faults`, `gallery`).
    pub fn hides(&self, tool: &str) -> bool {
        self.hidden_tools.iter().any(|t| t == tool)
    }
}

/// What the learner has done in a lesson, kept in the browser per lesson and version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The lesson file's hash this progress belongs to.
    pub hash: String,
    /// Steps passed, each once.
    pub passed: Vec<String>,
    /// Steps whose solution was shown, each once.
    pub solution_used: Vec<String>,
    /// The step the learner was on (0-based).
    pub step: usize,
}

impl Progress {
    /// Records that step `id` passed.
    pub fn mark_passed(&mut self, id: String) {
        if !self.passed.contains(&id) {
            self.passed.push(id);
        }
    }

    /// As stored: `{"hash", "passed", "solutionUsed", "step"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "hash": self.hash,
            "passed": self.passed,
            "solutionUsed": self.solution_used,
            "step": self.step,
        })
    }

    /// From storage; progress of another version of the lesson is none.
    pub fn from_json(value: &Value, hash: &str) -> Option<Progress> {
        if value["hash"].as_str() != Some(hash) {
            return None;
        }
        Some(Progress {
            hash: hash.to_string(),
            passed: strings(&value["passed"]),
            solution_used: strings(&value["solutionUsed"]),
            step: value["step"].as_u64().unwrap_or(0) as usize,
        })
    }
}

/// A lesson the learner has open.
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    /// The lesson file's text, which the worker reads for each request.
    pub source: Rc<str>,
    /// What the reducer needs of it.
    pub outline: Rc<Outline>,
    /// The step shown (0-based); `None` while the intro is shown.
    pub step: Option<usize>,
    /// Hints of the current step revealed so far.
    pub hints: usize,
    /// What was done, kept across visits.
    pub progress: Progress,
    /// The diagram as the lesson began (Reset lesson).
    pub start: Rc<engine::Scenario>,
    /// The diagram as the current step began (Reset step).
    pub step_start: Rc<engine::Scenario>,
    /// Whether Show solution is asking to confirm.
    pub confirming: bool,
    /// Whether the panel is folded away.
    pub folded: bool,
    /// The panel as the worker last wrote it.
    pub html: Rc<str>,
}

impl Open {
    /// The current step's id.
    pub fn current_id(&self) -> Option<&str> {
        self.step
            .and_then(|i| self.outline.steps.get(i))
            .map(|s| s.id.as_str())
    }

    /// Whether step `index` may be shown: every gated step before it has passed.
    pub fn reachable(&self, index: usize) -> bool {
        self.outline
            .steps
            .iter()
            .take(index)
            .all(|s| !s.gate || self.progress.passed.contains(&s.id))
    }

    /// What the worker needs to write the panel: everything the page decides.
    pub fn ui(&self, presenting: bool) -> Value {
        json!({
            "step": self.step,
            "hints": self.hints,
            "confirming": self.confirming,
            "passed": self.progress.passed,
            "solutionUsed": self.progress.solution_used,
            "folded": self.folded,
            "presenting": presenting,
        })
    }
}

/// A lesson an author is recording: where it starts and where each step ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Recording {
    /// The diagram when recording began: the lesson's start.
    pub start: Rc<engine::Scenario>,
    /// The diagram at the end of each recorded step.
    pub steps: Vec<Rc<engine::Scenario>>,
}

impl Recording {
    /// Whether `scenario` differs from where the last step ended: End step would record it.
    pub fn changed(&self, scenario: &Rc<engine::Scenario>) -> bool {
        let last = self.steps.last().unwrap_or(&self.start);
        !Rc::ptr_eq(last, scenario) && **last != **scenario
    }
}

/// The name of a gallery file a lesson starts from, read from the lesson text.
pub fn gallery_file(source: &str) -> Option<String> {
    let value: Value = serde_json::from_str(source).ok()?;
    value["start"]["gallery"].as_str().map(str::to_string)
}
