//! Lessons on the page's side: the lesson index and files fetched from `lessons/`, the texts and
//! checklists the tools worker reads from them (`src/bin/tools/lessons.rs`), and the learner's
//! progress kept in the browser. The goals are evaluated in the worker, never here, so a lesson
//! costs the first download almost nothing.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::rc::Rc;

/// One entry of `lessons/index.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The lesson id.
    pub id: String,
    /// Its title in English and Korean.
    pub title: (String, String),
    /// Estimated minutes.
    pub minutes: u64,
}

/// The lesson list, from `lessons/index.json`.
pub fn entries(index: &Value) -> Vec<Entry> {
    index
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| {
                    Some(Entry {
                        id: item["id"].as_str()?.to_string(),
                        title: (
                            item["title"]["en"].as_str()?.to_string(),
                            item["title"]["ko"].as_str()?.to_string(),
                        ),
                        minutes: item["minutes"].as_u64().unwrap_or(0),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One step's texts in the learner's language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepView {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What to do.
    pub text: String,
    /// Hints, in the order they are revealed.
    pub hints: Vec<String>,
    /// Why the answer works.
    pub explain: String,
    /// Speaker notes.
    pub notes: Option<String>,
    /// Later steps wait until this one passes.
    pub gate: bool,
    /// Whether Show solution can solve it.
    pub has_solution: bool,
}

/// A lesson's texts in the learner's language, as the worker read them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Lesson id.
    pub id: String,
    /// Hash of the lesson file: progress of another version is not shown as done.
    pub hash: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Estimated minutes.
    pub minutes: u64,
    /// The intro's text, when there is one.
    pub intro: Option<String>,
    /// Where the intro's demonstration pauses: the first event of this kind.
    pub pause_on: Option<String>,
    /// Where the intro's demonstration pauses: this virtual time.
    pub pause_at_ms: Option<u64>,
    /// The steps.
    pub steps: Vec<StepView>,
    /// The next lesson's id.
    pub next: Option<String>,
    /// Tools hidden during the lesson.
    pub hidden_tools: Vec<String>,
    /// ARNs of the resources the learner may not change.
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

impl View {
    /// Reads the worker's `view`.
    pub fn from_json(view: &Value) -> View {
        let steps = view["steps"]
            .as_array()
            .map(|steps| {
                steps
                    .iter()
                    .map(|s| StepView {
                        id: text(&s["id"]),
                        title: text(&s["title"]),
                        text: text(&s["text"]),
                        hints: strings(&s["hints"]),
                        explain: text(&s["explain"]),
                        notes: s["notes"].as_str().map(str::to_string),
                        gate: s["gate"].as_bool().unwrap_or(true),
                        has_solution: s["solution"].as_bool().unwrap_or(false),
                    })
                    .collect()
            })
            .unwrap_or_default();
        View {
            id: text(&view["id"]),
            hash: text(&view["hash"]),
            title: text(&view["title"]),
            summary: text(&view["summary"]),
            minutes: view["minutes"].as_u64().unwrap_or(0),
            intro: view["intro"]["text"].as_str().map(str::to_string),
            pause_on: view["intro"]["pauseOn"].as_str().map(str::to_string),
            pause_at_ms: view["intro"]["pauseAtMs"].as_u64(),
            steps,
            next: view["next"].as_str().map(str::to_string),
            hidden_tools: strings(&view["tools"]),
            locked: strings(&view["locked"]),
        }
    }

    /// Whether the lesson hides a tool (`palette`, `import`, `faults`, `gallery`).
    pub fn hides(&self, tool: &str) -> bool {
        self.hidden_tools.iter().any(|t| t == tool)
    }
}

/// One line of a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The goal's sentence.
    pub text: String,
    /// Whether it holds.
    pub passed: bool,
    /// What the diagram or run has instead.
    pub detail: Option<String>,
    /// Steps of the run (event indices) the detail points at.
    pub events: Vec<usize>,
}

/// A step's checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The step id.
    pub id: String,
    /// Whether every line holds.
    pub passed: bool,
    /// The lines.
    pub items: Vec<Item>,
}

/// Reads the worker's `steps` answer.
pub fn checks(reply: &Value) -> Vec<Check> {
    reply["steps"]
        .as_array()
        .map(|steps| {
            steps
                .iter()
                .map(|s| Check {
                    id: text(&s["id"]),
                    passed: s["passed"].as_bool().unwrap_or(false),
                    items: s["items"]
                        .as_array()
                        .map(|items| {
                            items
                                .iter()
                                .map(|i| Item {
                                    text: text(&i["text"]),
                                    passed: i["passed"].as_bool().unwrap_or(false),
                                    detail: i["detail"].as_str().map(str::to_string),
                                    events: i["events"]
                                        .as_array()
                                        .map(|e| {
                                            e.iter()
                                                .filter_map(|n| n.as_u64().map(|n| n as usize))
                                                .collect()
                                        })
                                        .unwrap_or_default(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What the learner has done in a lesson, kept in the browser per lesson and version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The lesson file's hash this progress belongs to.
    pub hash: String,
    /// Steps passed.
    pub passed: BTreeSet<String>,
    /// Steps whose solution was shown.
    pub solution_used: BTreeSet<String>,
    /// The step the learner was on (0-based).
    pub step: usize,
}

impl Progress {
    /// As stored: `{"hash", "passed", "solutionUsed", "step"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "hash": self.hash,
            "passed": self.passed,
            "solutionUsed": self.solution_used,
            "step": self.step,
        })
    }

    /// From storage or an imported file; progress of another version of the lesson is none.
    pub fn from_json(value: &Value, hash: &str) -> Option<Progress> {
        if value["hash"].as_str() != Some(hash) {
            return None;
        }
        Some(Progress {
            hash: hash.to_string(),
            passed: strings(&value["passed"]).into_iter().collect(),
            solution_used: strings(&value["solutionUsed"]).into_iter().collect(),
            step: value["step"].as_u64().unwrap_or(0) as usize,
        })
    }
}

/// A lesson the learner has open.
#[derive(Clone, Debug, PartialEq)]
pub struct Open {
    /// The lesson file's text, which the worker reads for each request.
    pub source: Rc<str>,
    /// The gallery scenario it starts from, when it does.
    pub gallery: Option<Rc<str>>,
    /// Its texts in the learner's language.
    pub view: Rc<View>,
    /// The step shown (0-based); `None` while the intro is shown.
    pub step: Option<usize>,
    /// Hints of the current step revealed so far.
    pub hints: usize,
    /// The latest checklists, one per step (empty until the first check answers).
    pub checks: Rc<Vec<Check>>,
    /// What was done, kept across visits.
    pub progress: Progress,
    /// The diagram as the lesson began (Reset lesson).
    pub start: Rc<engine::Scenario>,
    /// The diagram as the current step began (Reset step).
    pub step_start: Rc<engine::Scenario>,
    /// Whether Show solution is asking to confirm.
    pub confirming: bool,
}

impl Open {
    /// The current step's texts.
    pub fn current(&self) -> Option<&StepView> {
        self.step.and_then(|i| self.view.steps.get(i))
    }

    /// The current step's checklist.
    pub fn current_check(&self) -> Option<&Check> {
        let id = &self.current()?.id;
        self.checks.iter().find(|c| &c.id == id)
    }

    /// Whether step `index` may be shown: every gated step before it has passed.
    pub fn reachable(&self, index: usize) -> bool {
        self.view
            .steps
            .iter()
            .take(index)
            .all(|s| !s.gate || self.progress.passed.contains(&s.id))
    }
}

/// The name of a gallery file a lesson starts from, read from the lesson text.
pub fn gallery_file(source: &str) -> Option<String> {
    let value: Value = serde_json::from_str(source).ok()?;
    value["start"]["gallery"].as_str().map(str::to_string)
}

pub mod present;
mod requests;
pub use requests::{open, solve, use_lesson};
