//! The app's state as a reducer over actions: the scenario, the learner's edits, the simulated
//! run and where the player stands in it. Platform-free, so it is tested natively.
//!
//! The reducer owns every decision: a view reports what the user did ([`Action`]) and the state
//! decides what follows. Its parts live beside it: the run and what is derived from it
//! ([`sim`]), undo and redo ([`history`]), edits of the diagram and the selection
//! ([`editing`]), and what autosave keeps ([`saved`]).

mod editing;
mod history;
mod lesson;
mod saved;
mod sim;
mod suggest;
#[cfg(test)]
mod tests;

pub use lesson::{Answer, Lessons, Pause};
pub use saved::{Saved, FROM_FILE};
pub use sim::{difference, Behaviour, Sim};

use crate::gallery;
use engine::edit::{Edit, Element, LinkSpec, Refused};
use engine::scenario::{Input, Scenario};
use engine::topology::ResourceId;
use history::Snapshot;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

pub use engine::lang::Lang;

/// Events one run may record in the browser; a run that reaches it stops and says so (a poison
/// message without a redrive policy, or a loop with `RecursiveLoop: Allow`, would run forever).
pub const MAX_EVENTS_IN_APP: u32 = 200_000;

/// The player's speed multipliers.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// The state handle every component reads and dispatches to.
pub type Store = yew::UseReducerHandle<State>;

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.sim, &other.sim)
            && self.lang == other.lang
            && self.step == other.step
            && self.playing == other.playing
            && self.speed == other.speed
            && self.selected == other.selected
            && self.gallery_index == other.gallery_index
            && self.overrides == other.overrides
            && self.added == other.added
            && self.comparing == other.comparing
            && self.revision == other.revision
            && self.refused == other.refused
            && self.linking == other.linking
            && self.show_shortcuts == other.show_shortcuts
            && self.panels_open == other.panels_open
            && self.also_selected == other.also_selected
            && self.import_notes == other.import_notes
            && self.link_error == other.link_error
            && self.embed == other.embed
            && self.lessons == other.lessons
            && self.play_until == other.play_until
            && self.presenting == other.presenting
            && self.replacing == other.replacing
            && self.kept.as_ref().map(std::rc::Rc::as_ptr)
                == other.kept.as_ref().map(std::rc::Rc::as_ptr)
    }
}

/// The whole app state.
#[derive(Clone)]
pub struct State {
    /// Interface language.
    pub lang: Lang,
    /// Which gallery scenario is open.
    pub gallery_index: usize,
    /// The scenario as loaded.
    pub base: Rc<Scenario>,
    /// Behaviour chosen per function index.
    pub overrides: BTreeMap<usize, Behaviour>,
    /// The scenario with the learner's changes: what is simulated.
    pub scenario: Rc<Scenario>,
    /// The simulation of `scenario`.
    pub sim: Rc<Sim>,
    /// Events shown so far (0 = nothing yet).
    pub step: usize,
    /// Whether the player advances by itself.
    pub playing: bool,
    /// Playback speed multiplier.
    pub speed: f64,
    /// The resource shown in the inspector.
    pub selected: Option<ResourceId>,
    /// Invokes and faults the learner added to the timeline.
    pub added: Vec<Input>,
    /// The function shown in compare mode, if it is open.
    pub comparing: Option<usize>,
    /// A run the learner kept to compare with later changes.
    pub kept: Option<Rc<Sim>>,
    /// Resources selected besides `selected` (shift-click, box select), by ARN.
    pub also_selected: Vec<String>,
    /// What undo brings back, newest last.
    pub undo: Vec<Snapshot>,
    /// What redo brings back, newest last.
    pub redo: Vec<Snapshot>,
    /// The last edit that was refused, and why (until the next change or a dismissal).
    pub refused: Option<Refusal>,
    /// What copy put aside for paste, with where each one was.
    pub clipboard: Vec<(Element, (f64, f64))>,
    /// Counts changes to the diagram, so views that depend on it alone can tell.
    pub revision: u64,
    /// The link dialog, when open: from a resource, to a resource once one is chosen.
    pub linking: Option<(ResourceId, Option<ResourceId>)>,
    /// Whether the keyboard shortcut sheet is open.
    pub show_shortcuts: bool,
    /// Whether the panels (inspector, log, …) are open where they are a sheet over the diagram
    /// (a narrow window); beside a wide diagram they are always shown.
    pub panels_open: bool,
    /// What an import did not understand, listed until dismissed.
    pub import_notes: Vec<String>,
    /// Why a shared link could not be opened (the current diagram was kept).
    pub link_error: Option<String>,
    /// Set when the playground is embedded in another page: what it shows. An embed never
    /// reads or writes the learner's saved diagram.
    pub embed: Option<crate::embed::View>,
    /// The lesson the learner follows or the author records, as the tools worker wrote it.
    pub lessons: Lessons,
    /// Where playing stops by itself (a lesson's demonstration), as a step.
    pub play_until: Option<usize>,
    /// Whether the page is laid out for a projector (large type, the lesson beside the diagram).
    pub presenting: bool,
    /// A destination link that would replace the function's destination on the same side,
    /// waiting for the learner to confirm (AWS keeps one OnSuccess and one OnFailure).
    pub replacing: Option<Replacing>,
}

/// A link that would replace an existing destination: what it would replace, by ARN.
#[derive(Clone, Debug, PartialEq)]
pub struct Replacing {
    /// The new link.
    pub link: LinkSpec,
    /// The ARN of the destination it replaces.
    pub old: String,
}

/// An edit the engine refused, and why. A refusal of a rename or of a setting is shown next to
/// that field; any other in the refusal notice.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// What was asked.
    pub edit: Edit,
    /// Why it was refused.
    pub why: Refused,
}

impl Refusal {
    /// Whether this refuses a rename of the resource `arn`.
    pub fn of_name(&self, arn: &str) -> bool {
        matches!(&self.edit, Edit::Rename(refused, _) if refused == arn)
    }

    /// Whether this refuses a setting of the resource `arn` at `pointer`.
    pub fn of_setting(&self, arn: &str, pointer: &str) -> bool {
        matches!(&self.edit, Edit::Set { arn: a, pointer: p, .. } if a == arn && p == pointer)
    }

    /// Whether a field asked for the refused edit (it is then shown there, not in the notice).
    pub fn of_field(&self) -> bool {
        matches!(self.edit, Edit::Rename(..) | Edit::Set { .. })
    }
}

/// Everything a user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Switch language.
    SetLang(Lang),
    /// Open a gallery scenario.
    OpenGallery(usize),
    /// Open a scenario the learner loaded from a file.
    OpenScenario(Box<Scenario>),
    /// Start playing (from the start when at the end).
    Play,
    /// Stop playing.
    Pause,
    /// The player's timer fired.
    Tick,
    /// One event forward.
    StepForward,
    /// One event back.
    StepBack,
    /// Jump to the next decision.
    NextDecision,
    /// Jump to the previous decision.
    PreviousDecision,
    /// Back to the start.
    Reset,
    /// Show the first `n` events.
    Seek(usize),
    /// Change speed.
    SetSpeed(f64),
    /// Select a resource (or nothing).
    Select(Option<ResourceId>),
    /// Choose a function's behaviour.
    SetBehaviour(usize, Behaviour),
    /// Add an invoke or a fault to the timeline and re-run, keeping the current step: the run
    /// forks here, and everything before it stays the same.
    AddInput(Input),
    /// Remove everything the learner added.
    ClearAdded,
    /// Run again with another seed.
    SetSeed(u64),
    /// One speed step faster (`true`) or slower.
    NudgeSpeed(bool),
    /// Open compare mode for a function index, or close it.
    Compare(Option<usize>),
    /// Keep the current run to compare with what changes next (`true`), or forget it.
    Keep(bool),
    /// Change the diagram.
    Edit(Edit),
    /// Take back the last change.
    Undo,
    /// Make the last change taken back again.
    Redo,
    /// Start from an empty canvas.
    NewEmpty,
    /// Select or unselect one more resource (shift-click), by id.
    ToggleSelect(ResourceId),
    /// Select exactly these resources (box select).
    SelectMany(Vec<ResourceId>),
    /// Copy the selected resources.
    Copy,
    /// Paste what was copied, offset from where it was.
    Paste,
    /// Copy and paste the selected resources in one go.
    Duplicate,
    /// Remove the selected resources.
    RemoveSelected,
    /// Forget the last refusal (its message was read).
    DismissRefusal,
    /// Open the link dialog from a resource (and to one, when known), or close it.
    Linking(Option<(ResourceId, Option<ResourceId>)>),
    /// A link was drawn from one resource to another (dropped on it, or picked in the dialog).
    LinkDropped(ResourceId, ResourceId),
    /// A kind of link was chosen in the link dialog.
    LinkChosen(LinkSpec),
    /// Replace the destination the pending link would replace (`true`), or keep it.
    ConfirmReplace(bool),
    /// Open or close the keyboard shortcut sheet.
    ShowShortcuts(bool),
    /// Open or close the panels where they are a sheet over the diagram.
    ShowPanels(bool),
    /// Open an imported scenario, with what the import did not understand.
    OpenImported(Box<Scenario>, Vec<String>),
    /// Open a scenario from a shared link, at a step when the link has one.
    OpenShared(Box<Scenario>, Option<u64>),
    /// Say why a shared link could not be opened.
    LinkError(Option<String>),
    /// Replace the diagram with a repaired one (a one-click fix), keeping the learner's choices.
    ReplaceBase(Box<Scenario>),
    /// Forget the import notes.
    DismissImportNotes,
    /// The tools worker answered a lesson request.
    LessonAnswered(Box<lesson::Answer>),
    /// Lay the page out for a projector, or not.
    Present(bool),
}

impl State {
    /// The state for a language, opening the first gallery scenario.
    pub fn new(lang: Lang) -> State {
        let base = Rc::new(gallery::load(0));
        let sim = Rc::new(Sim::new(&base));
        State {
            lang,
            gallery_index: 0,
            scenario: base.clone(),
            base,
            overrides: BTreeMap::new(),
            sim,
            step: 0,
            playing: false,
            speed: 1.0,
            selected: None,
            added: Vec::new(),
            comparing: None,
            kept: None,
            also_selected: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            refused: None,
            clipboard: Vec::new(),
            revision: 0,
            linking: None,
            show_shortcuts: false,
            panels_open: false,
            import_notes: Vec::new(),
            link_error: None,
            embed: None,
            lessons: Lessons::default(),
            play_until: None,
            presenting: false,
            replacing: None,
        }
    }

    /// Virtual time of the last event shown (0 before the first).
    pub fn now(&self) -> u64 {
        self.step
            .checked_sub(1)
            .and_then(|i| self.sim.run.trace.events.get(i))
            .map(|e| e.at)
            .unwrap_or(0)
    }

    /// When something added now enters the timeline: just after the last event shown, so that
    /// every step already shown stays exactly as it was.
    pub fn insertion_time(&self) -> u64 {
        if self.step == 0 {
            0
        } else {
            self.now() + 1
        }
    }

    /// The behaviour chosen for function `index`.
    pub fn behaviour(&self, index: usize) -> Behaviour {
        self.overrides
            .get(&index)
            .copied()
            .unwrap_or(Behaviour::Scripted)
    }

    /// Whether AWS would accept the diagram as it is (no errors, warnings allowed).
    #[cfg(test)]
    pub fn findings_are_clean(&self) -> bool {
        self.sim
            .findings
            .iter()
            .all(|f| f.severity != engine::Severity::Error)
    }

    /// Whether the player is at the last event.
    pub fn at_end(&self) -> bool {
        self.step >= self.sim.len()
    }

    /// Reduces one action.
    pub fn apply(&mut self, action: Action) {
        let len = self.sim.len();
        // A lesson's demonstration stops at its pause unless the learner takes the player.
        if matches!(
            action,
            Action::Play
                | Action::Pause
                | Action::StepForward
                | Action::StepBack
                | Action::NextDecision
                | Action::PreviousDecision
                | Action::Reset
                | Action::Seek(_)
        ) {
            self.play_until = None;
        }
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::OpenGallery(index) => {
                self.checkpoint();
                self.gallery_index = index.min(gallery::ENTRIES.len().saturating_sub(1));
                self.base = Rc::new(gallery::load(self.gallery_index));
                self.overrides.clear();
                self.added.clear();
                self.selected = None;
                self.comparing = None;
                self.resimulate();
            }
            Action::OpenShared(scenario, step) => {
                self.open(*scenario);
                let step = step.map_or(0, |s| usize::try_from(s).unwrap_or(usize::MAX));
                self.step = step.min(self.sim.len());
                self.link_error = None;
            }
            Action::LinkError(error) => self.link_error = error,
            Action::Play => {
                if self.at_end() {
                    self.step = 0;
                }
                self.playing = !self.sim.is_empty();
            }
            Action::Pause => self.playing = false,
            Action::Tick => {
                if self.playing {
                    let end = self.play_until.unwrap_or(len).min(len);
                    self.step = (self.step + 1).min(end);
                    self.playing = self.step < end;
                }
            }
            Action::StepForward => {
                self.playing = false;
                self.step = (self.step + 1).min(len);
            }
            Action::StepBack => {
                self.playing = false;
                self.step = self.step.saturating_sub(1);
            }
            Action::NextDecision => {
                self.playing = false;
                let current = self.step;
                self.step = self
                    .sim
                    .decisions
                    .iter()
                    .map(|&d| d + 1)
                    .find(|&s| s > current)
                    .unwrap_or(len);
            }
            Action::PreviousDecision => {
                self.playing = false;
                let current = self.step;
                self.step = self
                    .sim
                    .decisions
                    .iter()
                    .rev()
                    .map(|&d| d + 1)
                    .find(|&s| s < current)
                    .unwrap_or(0);
            }
            Action::Reset => {
                self.playing = false;
                self.step = 0;
            }
            Action::Seek(step) => {
                self.playing = false;
                self.step = step.min(len);
            }
            Action::SetSpeed(speed) => {
                self.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1])
            }
            Action::Select(selected) => {
                self.selected = selected;
                self.also_selected.clear();
                // What was selected is shown in the inspector, even where it is a sheet.
                self.panels_open |= selected.is_some();
            }
            Action::SetBehaviour(index, behaviour) => {
                self.checkpoint();
                if behaviour == Behaviour::Scripted {
                    self.overrides.remove(&index);
                } else {
                    self.overrides.insert(index, behaviour);
                }
                self.resimulate();
            }
            Action::SetSeed(seed) => {
                self.checkpoint();
                let mut base = (*self.base).clone();
                base.seed = seed;
                self.base = Rc::new(base);
                self.resimulate();
            }
            Action::Undo => {
                if let Some(snapshot) = self.undo.pop() {
                    self.redo.push(self.snapshot());
                    self.restore_snapshot(snapshot);
                }
            }
            Action::Redo => {
                if let Some(snapshot) = self.redo.pop() {
                    self.undo.push(self.snapshot());
                    self.restore_snapshot(snapshot);
                }
            }
            Action::ShowShortcuts(show) => self.show_shortcuts = show,
            Action::ShowPanels(open) => self.panels_open = open,
            Action::NudgeSpeed(faster) => {
                let index = SPEEDS.iter().position(|&s| s >= self.speed).unwrap_or(2);
                let next = if faster {
                    (index + 1).min(SPEEDS.len() - 1)
                } else {
                    index.saturating_sub(1)
                };
                self.speed = SPEEDS[next];
            }
            // Everything that edits the diagram, opens files or lessons, or compares runs: left
            // out of the player-only build, whose views never ask for it.
            editing => {
                if crate::EDITOR {
                    self.apply_editing(editing);
                }
            }
        }
    }

    /// How long the player waits before showing the next event, in real milliseconds: the
    /// virtual gap, compressed (minutes become about a second), then divided by the speed.
    pub fn tick_delay_ms(&self) -> u32 {
        let events = &self.sim.run.trace.events;
        let gap = match (
            self.step.checked_sub(1).and_then(|i| events.get(i)),
            events.get(self.step),
        ) {
            (Some(previous), Some(next)) => next.at.saturating_sub(previous.at),
            _ => 0,
        };
        let compressed = if gap == 0 {
            350.0
        } else {
            350.0 + (gap as f64).log10() * 180.0
        };
        (compressed.min(1_800.0) / self.speed).max(15.0) as u32
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}
