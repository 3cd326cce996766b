//! Lessons: a start diagram, ordered steps whose goals the engine checks, hints, an explanation
//! of why the answer works, speaker notes, a solution per step and wrong answers that must fail.
//!
//! A lesson is a JSON file (`static/lessons/*.json`, documented in `docs/lesson-format.md`),
//! read as strictly as a scenario: an unknown field, a text without its Korean or English, a
//! reference to a kind that does not exist are refused with their path.
//!
//! A goal is a tree of predicates ([`Goal`]) over the learner's diagram and over the complete
//! deterministic run of it. Each predicate writes its own sentence in English and Korean, and
//! the checklist a learner sees is exactly those sentences: the goal shown and the goal checked
//! cannot differ. A predicate that fails says how close the run came and which steps to look at.
//!
//! The playground loads this module in its tools worker, never in the first download.

mod author;
mod change;
mod check;
mod goal;
mod read;
mod record;
mod words;
mod write;

pub use author::{audit, Problem};
pub use change::{Change, ChangeError};
pub use check::{Item, StepCheck};
pub use goal::{Goal, Match, Ref, Target};
pub use read::LessonError;
pub use record::{record, RecordError, Recording};
pub use write::to_json;

use crate::lang::Lang;
use crate::scenario::Scenario;
use read::{error, Obj, R};
use serde_json::Value;

/// The lesson format version this engine reads.
pub const FORMAT_VERSION: u64 = 1;
/// The longest text a lesson may hold, in bytes.
pub const MAX_TEXT: usize = 4_000;

/// A text in English and Korean; a lesson has no text in one language only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tr {
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

/// Where a lesson starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// A gallery scenario, by file name (`image-processing.json`).
    Gallery(String),
    /// A scenario written in the lesson.
    Scenario(Box<Scenario>),
}

/// What the learner may not change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Locks {
    /// Resources that may not be removed or renamed, nor their settings changed.
    pub resources: Vec<Ref>,
    /// Tools hidden while the lesson is open (`palette`, `import`, `faults`, `gallery`).
    pub tools: Vec<String>,
}

/// The tools a lesson can hide.
pub const TOOLS: &[&str] = &["palette", "import", "faults", "gallery"];

/// Where an intro's demonstration pauses.
#[derive(Clone, Debug, PartialEq)]
pub enum Pause {
    /// At this virtual time (the last event at or before it).
    AtMs(u64),
    /// On the first trace event of this kind (`retryScheduled`).
    OnKind(&'static str),
}

/// What the learner reads and sees before the first step.
#[derive(Clone, Debug, PartialEq)]
pub struct Intro {
    /// The text.
    pub text: Tr,
    /// Where the demonstration of the start diagram pauses, when it plays one.
    pub pause: Option<Pause>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Stable id, unique in the lesson (`add-on-failure`).
    pub id: String,
    /// Short title.
    pub title: Tr,
    /// What to do.
    pub text: Tr,
    /// What the engine checks.
    pub goal: Goal,
    /// Hints, revealed one at a time.
    pub hints: Vec<Tr>,
    /// Why the answer works, shown once the step passes.
    pub explain: Tr,
    /// Notes for the trainer (presenter view).
    pub notes: Option<Tr>,
    /// Whether later steps stay hidden until this one passes.
    pub gate: bool,
    /// The edits that solve it, applied as one change.
    pub solution: Vec<Change>,
}

/// A wrong answer: edits that must fail the steps it names (a negative test of the goals).
#[derive(Clone, Debug, PartialEq)]
pub struct Wrong {
    /// What mistake it stands for (for authors).
    pub why: String,
    /// The edits, applied where the first named step begins.
    pub edits: Vec<Change>,
    /// Ids of the steps it must fail.
    pub fails: Vec<String>,
}

/// A lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Stable id (`on-failure-basics`): the file name, the deep link and the progress key.
    pub id: String,
    /// Title.
    pub title: Tr,
    /// One or two sentences on what the learner will know afterwards.
    pub summary: Tr,
    /// Estimated minutes.
    pub minutes: u64,
    /// The diagram the lesson starts from.
    pub start: Start,
    /// What the learner may not change.
    pub locks: Locks,
    /// Text and demonstration before the first step.
    pub intro: Option<Intro>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Wrong answers that must fail named steps.
    pub wrong: Vec<Wrong>,
    /// The id of the lesson that follows.
    pub next: Option<String>,
    /// A hash of the file's text, so progress kept for an edited lesson is not shown as done.
    pub hash: String,
}

impl Lesson {
    /// Reads a lesson file.
    pub fn from_json(text: &str) -> Result<Lesson, LessonError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| error("", format!("not JSON: {e}")))?;
        let mut lesson = lesson(&value)?;
        lesson.hash = content_hash(text);
        Ok(lesson)
    }

    /// The index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }

    /// The start diagram; `gallery` gives the text of a gallery scenario by file name.
    pub fn start_scenario(
        &self,
        gallery: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Scenario, LessonError> {
        match &self.start {
            Start::Scenario(scenario) => Ok((**scenario).clone()),
            Start::Gallery(file) => {
                let text = gallery(file).ok_or_else(|| {
                    error("start.gallery", format!("no gallery scenario `{file}`"))
                })?;
                Scenario::from_json(&text)
                    .map_err(|e| error("start.gallery", format!("`{file}`: {e}")))
            }
        }
    }

    /// Checks every step against `scenario` and its complete run.
    pub fn check(&self, scenario: &Scenario, lang: Lang) -> Vec<StepCheck> {
        let context = check::Context::new(scenario);
        self.steps
            .iter()
            .map(|step| context.step(step, lang))
            .collect()
    }

    /// `scenario` with the solution of step `index` applied.
    pub fn solve(&self, scenario: &Scenario, index: usize) -> Result<Scenario, ChangeError> {
        let step = self
            .steps
            .get(index)
            .ok_or(ChangeError::NoSuchStep(index))?;
        change::apply_all(scenario, &step.solution)
    }
}

/// FNV-1a of the text, as 16 hex digits: stable across builds and machines.
pub fn content_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn lesson(value: &Value) -> R<Lesson> {
    let obj = Obj::new(
        value,
        "",
        &[
            "version", "id", "title", "summary", "minutes", "start", "locks", "intro", "steps",
            "wrong", "next",
        ],
    )?;
    let (version, path) = obj.req("version")?;
    if version.as_u64() != Some(FORMAT_VERSION) {
        return Err(error(
            &path,
            format!("this playground reads lesson format version {FORMAT_VERSION}"),
        ));
    }
    let id = obj.string("id")?;
    check_id(&id, "id")?;
    let steps = obj.list("steps", step)?;
    if steps.is_empty() {
        return Err(error("steps", "a lesson needs at least one step"));
    }
    for (i, s) in steps.iter().enumerate() {
        if steps[..i].iter().any(|earlier| earlier.id == s.id) {
            return Err(error(
                &format!("steps[{i}].id"),
                format!("two steps have the id `{}`", s.id),
            ));
        }
    }
    let wrong = obj.list("wrong", wrong)?;
    for (i, w) in wrong.iter().enumerate() {
        for (j, name) in w.fails.iter().enumerate() {
            if !steps.iter().any(|s| &s.id == name) {
                return Err(error(
                    &format!("wrong[{i}].fails[{j}]"),
                    format!("no step has the id `{name}`"),
                ));
            }
        }
    }
    let next = obj.opt_string("next")?;
    if let Some(next) = &next {
        check_id(next, "next")?;
    }
    Ok(Lesson {
        id,
        title: obj.text("title")?,
        summary: obj.text("summary")?,
        minutes: obj
            .opt_u64("minutes")?
            .ok_or_else(|| error("", "missing field `minutes`"))?,
        start: start(obj.req("start")?)?,
        locks: obj
            .opt("locks")
            .map(|(v, p)| locks(v, &p))
            .transpose()?
            .unwrap_or_default(),
        intro: obj.opt("intro").map(|(v, p)| intro(v, &p)).transpose()?,
        steps,
        wrong,
        next,
        hash: String::new(),
    })
}

/// Ids are lower-case words joined by hyphens: they go into file names and links.
fn check_id(id: &str, path: &str) -> R<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(error(
            path,
            format!("`{id}` is not an id: use lower-case letters, digits and hyphens"),
        ))
    }
}

fn start((value, path): (&Value, String)) -> R<Start> {
    let (key, inner, inner_path) = read::tag(value, &path, &["gallery", "scenario"])?;
    match key {
        "gallery" => Ok(Start::Gallery(read::string(inner, &inner_path)?)),
        _ => {
            let text = inner.to_string();
            Scenario::from_json(&text)
                .map(|s| Start::Scenario(Box::new(s)))
                .map_err(|e| error(&inner_path, e.to_string()))
        }
    }
}

fn locks(value: &Value, path: &str) -> R<Locks> {
    let obj = Obj::new(value, path, &["resources", "tools"])?;
    let tools = obj.list("tools", |v, p| {
        let tool = read::string(v, p)?;
        if TOOLS.contains(&tool.as_str()) {
            Ok(tool)
        } else {
            Err(error(
                p,
                format!("unknown tool `{tool}`, expected {}", read::list(TOOLS)),
            ))
        }
    })?;
    Ok(Locks {
        resources: obj.list("resources", goal::reference)?,
        tools,
    })
}

fn intro(value: &Value, path: &str) -> R<Intro> {
    let obj = Obj::new(value, path, &["text", "pauseAtMs", "pauseOn"])?;
    let at = obj.opt_u64("pauseAtMs")?.map(Pause::AtMs);
    let on = obj
        .opt("pauseOn")
        .map(|(v, p)| words::event_kind(v, &p).map(Pause::OnKind))
        .transpose()?;
    if at.is_some() && on.is_some() {
        return Err(error(path, "give `pauseAtMs` or `pauseOn`, not both"));
    }
    Ok(Intro {
        text: obj.text("text")?,
        pause: at.or(on),
    })
}

fn step(value: &Value, path: &str) -> R<Step> {
    let obj = Obj::new(
        value,
        path,
        &[
            "id", "title", "text", "goal", "hints", "explain", "notes", "gate", "solution",
        ],
    )?;
    let id = obj.string("id")?;
    check_id(&id, &read::key_path(path, "id"))?;
    let (goal_value, goal_path) = obj.req("goal")?;
    Ok(Step {
        id,
        title: obj.text("title")?,
        text: obj.text("text")?,
        goal: goal::goal(goal_value, &goal_path)?,
        hints: obj.list("hints", read::text)?,
        explain: obj.text("explain")?,
        notes: obj.opt_text("notes")?,
        gate: obj.opt_bool("gate")?.unwrap_or(true),
        solution: obj.list("solution", change::change)?,
    })
}

fn wrong(value: &Value, path: &str) -> R<Wrong> {
    let obj = Obj::new(value, path, &["why", "edits", "fails"])?;
    let fails = obj.list("fails", read::string)?;
    if fails.is_empty() {
        return Err(error(path, "a wrong answer must name the steps it fails"));
    }
    Ok(Wrong {
        why: obj.string("why")?,
        edits: obj.list("edits", change::change)?,
        fails,
    })
}

#[cfg(test)]
mod tests;
