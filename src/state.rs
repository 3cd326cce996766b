//! The app's state as a reducer over actions: the scenario, the learner's edits, the simulated
//! run and where the player stands in it. Platform-free, so it is tested natively.

use crate::gallery;
use engine::diagram::{self, Link};
use engine::edit::{self, Edit, Element, Refused};
use engine::scenario::{Input, Outcome, Scenario};
use engine::topology::ResourceId;
use engine::{simulate, validate, Finding, Run, RunOptions, Timeline, Topology, World};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

pub use engine::narrate::Lang;

/// A run and everything derived from it once.
pub struct Sim {
    /// The trace and topology.
    pub run: Run,
    /// Snapshots for seeking.
    pub timeline: Timeline,
    /// Links of the diagram.
    pub links: Vec<Link>,
    /// What AWS would say about the configuration.
    pub findings: Vec<Finding>,
    /// Indices of decision events (for jumping).
    pub decisions: Vec<usize>,
}

impl Sim {
    /// Validates and simulates `scenario`.
    pub fn new(scenario: &Scenario) -> Sim {
        let topology = Topology::build(scenario);
        let findings = validate(scenario, &topology);
        let links = diagram::links(scenario, &topology);
        let run = simulate(
            scenario,
            &RunOptions {
                max_events: Some(MAX_EVENTS_IN_APP),
                ..RunOptions::default()
            },
        );
        let timeline = Timeline::new(&run);
        let decisions = run
            .trace
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.what.is_decision())
            .map(|(i, _)| i)
            .collect();
        Sim {
            run,
            timeline,
            links,
            findings,
            decisions,
        }
    }

    /// Number of events in the run.
    pub fn len(&self) -> usize {
        self.run.trace.events.len()
    }

    /// True when the run recorded nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The world after `applied` events.
    pub fn world(&self, applied: usize) -> World {
        self.timeline.world_after(&self.run, applied)
    }
}

/// What the learner chose for a function in the inspector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Whatever the scenario scripts.
    Scripted,
    /// Every attempt succeeds.
    Succeed,
    /// Every attempt throws.
    Fail,
    /// Every attempt times out.
    Timeout,
    /// Every attempt is throttled.
    Throttle,
}

impl Behaviour {
    /// All choices, in menu order.
    pub const ALL: [Behaviour; 5] = [
        Behaviour::Scripted,
        Behaviour::Succeed,
        Behaviour::Fail,
        Behaviour::Timeout,
        Behaviour::Throttle,
    ];

    /// Stable value for forms and tests.
    pub fn value(self) -> &'static str {
        match self {
            Behaviour::Scripted => "scripted",
            Behaviour::Succeed => "succeed",
            Behaviour::Fail => "fail",
            Behaviour::Timeout => "timeout",
            Behaviour::Throttle => "throttle",
        }
    }

    /// From [`Behaviour::value`].
    pub fn from_value(value: &str) -> Behaviour {
        Behaviour::ALL
            .into_iter()
            .find(|b| b.value() == value)
            .unwrap_or(Behaviour::Scripted)
    }

    fn apply(self, behavior: &mut engine::scenario::Behavior) {
        let outcome = match self {
            Behaviour::Scripted => return,
            Behaviour::Succeed => Outcome::Ok,
            Behaviour::Fail => Outcome::Error {
                error_type: "Error".into(),
                error_message: "Simulated failure".into(),
            },
            Behaviour::Timeout => Outcome::Timeout,
            Behaviour::Throttle => Outcome::Throttle,
        };
        behavior.outcome = outcome;
        behavior.attempts.clear();
        behavior.when.clear();
        behavior.error_rate = 0.0;
        behavior.fail_records = None;
    }
}

/// How the current run differs from the kept one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The first step (1-based) where the runs part, if they do.
    pub first_difference: Option<usize>,
    /// Per target that received anything in either run: (name, kept count, current count).
    pub deliveries: Vec<(String, usize, usize)>,
}

/// Compares two runs of the same scenario: where they part, and what each target received.
pub fn difference(kept: &Sim, current: &Sim) -> Difference {
    let (a, b) = (&kept.run.trace, &current.run.trace);
    let first_difference = (0..a.events.len().max(b.events.len()))
        .find(|&i| match (a.events.get(i), b.events.get(i)) {
            (Some(x), Some(y)) => {
                x.at != y.at || x.resource != y.resource || x.what.kind() != y.what.kind()
            }
            _ => true,
        })
        .map(|i| i + 1);
    let count = |sim: &Sim| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for e in &sim.run.trace.events {
            if let engine::trace::What::Delivered { target, via, .. } = e.what {
                if via != engine::trace::Via::Input {
                    *counts
                        .entry(sim.run.topology.name(target).to_string())
                        .or_default() += 1;
                }
            }
        }
        counts
    };
    let (before, after) = (count(kept), count(current));
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let deliveries = names
        .into_iter()
        .map(|n| {
            (
                n.clone(),
                before.get(n).copied().unwrap_or(0),
                after.get(n).copied().unwrap_or(0),
            )
        })
        .collect();
    Difference {
        first_difference,
        deliveries,
    }
}

/// What autosave keeps: enough to restore exactly what the learner had.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Saved {
    /// Format of this record.
    pub version: u32,
    /// The gallery entry the scenario came from.
    pub gallery_index: usize,
    /// The scenario as loaded (with its seed).
    pub base: Scenario,
    /// Behaviour chosen per function index.
    pub overrides: Vec<(usize, String)>,
    /// Invokes and faults the learner added.
    pub added: Vec<Input>,
    /// Where the player stood.
    pub step: usize,
}

/// `gallery_index` of a scenario that came from a file rather than the gallery.
pub const FROM_FILE: usize = usize::MAX;

/// The current [`Saved::version`].
pub const SAVED_VERSION: u32 = 1;

/// Events one run may record in the browser; a run that reaches it stops and says so (a poison
/// message without a redrive policy, or a loop with `RecursiveLoop: Allow`, would run forever).
pub const MAX_EVENTS_IN_APP: u32 = 200_000;

/// Edits the learner can undo.
pub const UNDO_STEPS: usize = 500;

/// Everything an undo brings back: the diagram, the behaviours chosen and the timeline additions.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    base: Rc<Scenario>,
    gallery_index: usize,
    overrides: BTreeMap<usize, Behaviour>,
    added: Vec<Input>,
}

/// Whether two scenarios differ in their layout at most.
fn differs_only_in_layout(a: &Scenario, b: &Scenario) -> bool {
    let mut a = a.clone();
    a.layout.clone_from(&b.layout);
    a == *b
}

/// The player's speed multipliers.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

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
    /// The last edit that was refused, and why.
    pub refused: Option<Refused>,
    /// What copy put aside for paste, with where each one was.
    pub clipboard: Vec<(Element, (f64, f64))>,
    /// Counts changes to the diagram, so views that depend on it alone can tell.
    pub revision: u64,
    /// The link dialog, when open: from a resource, to a resource once one is chosen.
    pub linking: Option<(ResourceId, Option<ResourceId>)>,
    /// Whether the keyboard shortcut sheet is open.
    pub show_shortcuts: bool,
    /// What an import did not understand, listed until dismissed.
    pub import_notes: Vec<String>,
    /// Why a shared link could not be opened (the current diagram was kept).
    pub link_error: Option<String>,
    /// Set when the playground is embedded in another page: what it shows. An embed never
    /// reads or writes the learner's saved diagram.
    pub embed: Option<crate::embed::View>,
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
    /// Open or close the keyboard shortcut sheet.
    ShowShortcuts(bool),
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
            import_notes: Vec::new(),
            link_error: None,
            embed: None,
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            base: Rc::clone(&self.base),
            gallery_index: self.gallery_index,
            overrides: self.overrides.clone(),
            added: self.added.clone(),
        }
    }

    fn restore_snapshot(&mut self, snapshot: Snapshot) {
        let selected = self.selected_arns();
        // Undoing or redoing a move changes only where things are: the run stays as it is.
        let layout_only = snapshot.gallery_index == self.gallery_index
            && snapshot.overrides == self.overrides
            && snapshot.added == self.added
            && differs_only_in_layout(&snapshot.base, &self.base);
        self.base = snapshot.base;
        self.gallery_index = snapshot.gallery_index;
        self.overrides = snapshot.overrides;
        self.added = snapshot.added;
        self.refused = None;
        self.revision += 1;
        if layout_only {
            self.follow_layout();
        } else {
            self.resimulate();
        }
        self.select_arns(&selected);
    }

    /// Gives the shown scenario the base's layout, keeping the run.
    fn follow_layout(&mut self) {
        let mut scenario = (*self.scenario).clone();
        scenario.layout = self.base.layout.clone();
        self.scenario = Rc::new(scenario);
    }

    /// Remembers the current state for undo, before a change.
    fn checkpoint(&mut self) {
        self.undo.push(self.snapshot());
        if self.undo.len() > UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.refused = None;
        self.revision += 1;
    }

    /// ARNs of every selected resource, the primary one first.
    pub fn selected_arns(&self) -> Vec<String> {
        let topology = &self.sim.run.topology;
        let mut out: Vec<String> = self
            .selected
            .filter(|&id| (id as usize) < topology.resources.len())
            .map(|id| topology.get(id).arn.clone())
            .into_iter()
            .collect();
        out.extend(
            self.also_selected
                .iter()
                .filter(|a| !out.contains(a))
                .cloned()
                .collect::<Vec<_>>(),
        );
        out
    }

    /// Whether a resource is selected (as the primary or one of several).
    pub fn is_selected(&self, id: ResourceId) -> bool {
        self.selected == Some(id)
            || self
                .also_selected
                .iter()
                .any(|a| self.sim.run.topology.by_arn(a) == Some(id))
    }

    fn select_arns(&mut self, arns: &[String]) {
        let topology = &self.sim.run.topology;
        let mut ids = arns.iter().filter_map(|a| topology.by_arn(a));
        self.selected = ids.next();
        self.also_selected = arns
            .iter()
            .filter(|a| topology.by_arn(a).is_some())
            .skip(1)
            .cloned()
            .collect();
    }

    /// Applies an edit to the diagram; a refusal is kept in `refused` and changes nothing else.
    fn edit(&mut self, edit: Edit) {
        let mut next = (*self.base).clone();
        let result = edit::apply(&mut next, &edit);
        let created = match result {
            Ok(created) => created,
            Err(refused) => {
                self.refused = Some(refused);
                return;
            }
        };
        let selected = self.selected_arns();
        // Behaviours are chosen per function; follow each function by name across the edit.
        let names: Vec<(String, Behaviour)> = self
            .overrides
            .iter()
            .filter_map(|(&i, &b)| Some((self.base.functions.get(i)?.function_name.clone(), b)))
            .collect();
        let renamed = match &edit {
            Edit::Rename(arn, name) => Some((arn.clone(), name.trim().to_string())),
            _ => None,
        };
        // What the learner added to the timeline follows renames and goes with removed resources.
        let added = if matches!(edit, Edit::Rename(..) | Edit::Remove(_)) {
            let mut timeline = (*self.base).clone();
            timeline.inputs = self.added.clone();
            match edit::apply(&mut timeline, &edit) {
                Ok(_) => timeline.inputs,
                Err(_) => self.added.clone(),
            }
        } else {
            self.added.clone()
        };
        self.checkpoint();
        let layout_only = matches!(edit, Edit::Move(_) | Edit::Tidy);
        // Only a rename needs to know which function a name was before the edit.
        let old_topology = renamed.as_ref().map(|_| Topology::build(&self.base));
        self.base = Rc::new(next);
        self.added = added;
        self.overrides = names
            .into_iter()
            .filter_map(|(name, behaviour)| {
                let name = match &renamed {
                    Some((arn, new))
                        if old_topology.as_ref().is_some_and(|old| {
                            old.find(engine::Kind::Function, &name) == old.by_arn(arn)
                        }) =>
                    {
                        new.clone()
                    }
                    _ => name,
                };
                let index = self
                    .base
                    .functions
                    .iter()
                    .position(|f| f.function_name == name)?;
                Some((index, behaviour))
            })
            .collect();
        if layout_only {
            self.follow_layout();
        } else {
            self.resimulate();
        }
        let keep: Vec<String> = match (&edit, created) {
            (Edit::Rename(old, _), Some(new)) => selected
                .into_iter()
                .map(|a| if &a == old { new.clone() } else { a })
                .collect(),
            (_, Some(created)) => vec![created],
            _ => selected,
        };
        self.select_arns(&keep);
    }

    /// Opens a scenario that did not come from the gallery; undo brings back what was there.
    fn open(&mut self, scenario: Scenario) {
        self.checkpoint();
        self.gallery_index = FROM_FILE;
        self.base = Rc::new(scenario);
        self.overrides.clear();
        self.added.clear();
        self.selected = None;
        self.also_selected.clear();
        self.comparing = None;
        self.import_notes.clear();
        self.resimulate();
    }

    /// Copies the selected resources.
    fn copy(&mut self) {
        let topology = &self.sim.run.topology;
        let places = crate::layout::positions(&self.scenario, topology, &self.sim.links);
        let copied: Vec<(Element, (f64, f64))> = self
            .selected_arns()
            .iter()
            .filter_map(|arn| {
                let place = places.get(&topology.by_arn(arn)?).copied()?;
                Some((edit::copy(&self.base, arn)?, place))
            })
            .collect();
        if !copied.is_empty() {
            self.clipboard = copied;
        }
    }

    /// Pastes copies of what was copied, offset down and right from the originals.
    fn paste(&mut self) {
        if self.clipboard.is_empty() {
            return;
        }
        let mut next = (*self.base).clone();
        let mut pasted = Vec::new();
        for (element, origin) in &self.clipboard {
            let at = engine::scenario::Point {
                x: origin.0 + 40.0,
                y: origin.1 + 40.0,
            };
            if let Ok(Some(arn)) =
                edit::apply(&mut next, &Edit::Paste(Box::new(element.clone()), at))
            {
                pasted.push(arn);
            }
        }
        self.checkpoint();
        self.base = Rc::new(next);
        self.resimulate();
        self.select_arns(&pasted);
    }

    /// The state saved by [`State::saved`], or `None` when it cannot be used (another version,
    /// an index out of range): the caller then starts fresh, losing nothing that was readable.
    pub fn restore(lang: Lang, saved: Saved) -> Option<State> {
        if saved.version != SAVED_VERSION {
            return None;
        }
        let mut state = State::new(lang);
        state.gallery_index = saved.gallery_index;
        state.base = Rc::new(saved.base);
        state.overrides = saved
            .overrides
            .iter()
            .map(|(i, b)| (*i, Behaviour::from_value(b)))
            .collect();
        state.added = saved.added;
        state.resimulate_keeping(saved.step);
        Some(state)
    }

    /// What autosave keeps of this state.
    pub fn saved(&self) -> Saved {
        Saved {
            version: SAVED_VERSION,
            gallery_index: self.gallery_index,
            base: (*self.base).clone(),
            overrides: self
                .overrides
                .iter()
                .map(|(i, b)| (*i, b.value().to_string()))
                .collect(),
            added: self.added.clone(),
            step: self.step,
        }
    }

    fn resimulate(&mut self) {
        self.resimulate_keeping(0);
    }

    /// Re-runs the scenario with the learner's changes and shows the first `step` events.
    fn resimulate_keeping(&mut self, step: usize) {
        let mut scenario = (*self.base).clone();
        for (&index, &behaviour) in &self.overrides {
            if let Some(function) = scenario.functions.get_mut(index) {
                behaviour.apply(&mut function.behavior);
            }
        }
        scenario.inputs.extend(self.added.iter().cloned());
        self.sim = Rc::new(Sim::new(&scenario));
        self.scenario = Rc::new(scenario);
        self.step = step.min(self.sim.len());
        self.playing = false;
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
            Action::OpenScenario(scenario) => self.open(*scenario),
            Action::OpenImported(scenario, notes) => {
                self.open(*scenario);
                self.import_notes = notes;
            }
            Action::OpenShared(scenario, step) => {
                self.open(*scenario);
                let step = step.map_or(0, |s| usize::try_from(s).unwrap_or(usize::MAX));
                self.step = step.min(self.sim.len());
                self.link_error = None;
            }
            Action::LinkError(error) => self.link_error = error,
            Action::ReplaceBase(scenario) => {
                self.checkpoint();
                self.base = Rc::new(*scenario);
                self.resimulate();
            }
            Action::DismissImportNotes => self.import_notes.clear(),
            Action::Play => {
                if self.at_end() {
                    self.step = 0;
                }
                self.playing = !self.sim.is_empty();
            }
            Action::Pause => self.playing = false,
            Action::Tick => {
                if self.playing {
                    self.step = (self.step + 1).min(len);
                    self.playing = self.step < len;
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
            Action::AddInput(input) => {
                self.checkpoint();
                self.added.push(input);
                self.resimulate_keeping(self.step);
            }
            Action::ClearAdded => {
                self.checkpoint();
                self.added.clear();
                self.resimulate();
            }
            Action::SetSeed(seed) => {
                self.checkpoint();
                let mut base = (*self.base).clone();
                base.seed = seed;
                self.base = Rc::new(base);
                self.resimulate();
            }
            Action::Compare(function) => self.comparing = function,
            Action::Keep(keep) => self.kept = keep.then(|| Rc::clone(&self.sim)),
            Action::Edit(edit) => self.edit(edit),
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
            Action::NewEmpty => {
                self.checkpoint();
                self.gallery_index = FROM_FILE;
                self.base = Rc::new(Scenario::empty());
                self.overrides.clear();
                self.added.clear();
                self.selected = None;
                self.also_selected.clear();
                self.comparing = None;
                self.resimulate();
            }
            Action::ToggleSelect(id) => {
                let Some(arn) = self
                    .sim
                    .run
                    .topology
                    .resources
                    .get(id as usize)
                    .map(|r| r.arn.clone())
                else {
                    return;
                };
                let mut arns = self.selected_arns();
                match arns.iter().position(|a| *a == arn) {
                    Some(i) => {
                        arns.remove(i);
                    }
                    None => arns.push(arn),
                }
                self.select_arns(&arns);
            }
            Action::SelectMany(ids) => {
                let topology = &self.sim.run.topology;
                let arns: Vec<String> = ids
                    .iter()
                    .filter_map(|&id| topology.resources.get(id as usize))
                    .map(|r| r.arn.clone())
                    .collect();
                self.select_arns(&arns);
            }
            Action::Copy => self.copy(),
            Action::Paste => self.paste(),
            Action::Duplicate => {
                let clipboard = std::mem::take(&mut self.clipboard);
                self.copy();
                self.paste();
                self.clipboard = clipboard;
            }
            Action::RemoveSelected => {
                let arns = self.selected_arns();
                if !arns.is_empty() {
                    self.edit(Edit::Remove(arns));
                    self.selected = None;
                    self.also_selected.clear();
                }
            }
            Action::DismissRefusal => self.refused = None,
            Action::Linking(linking) => self.linking = linking,
            Action::ShowShortcuts(show) => self.show_shortcuts = show,
            Action::NudgeSpeed(faster) => {
                let index = SPEEDS.iter().position(|&s| s >= self.speed).unwrap_or(2);
                let next = if faster {
                    (index + 1).min(SPEEDS.len() - 1)
                } else {
                    index.saturating_sub(1)
                };
                self.speed = SPEEDS[next];
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

#[cfg(test)]
mod tests {
    use super::*;
    use engine::trace::{Via, What};
    use engine::Kind;

    fn delivered_to(state: &State, name: &str) -> Vec<(Via, String)> {
        let run = &state.sim.run;
        run.trace
            .events
            .iter()
            .filter_map(|e| match &e.what {
                What::Delivered {
                    target, via, body, ..
                } if run.topology.name(*target) == name => {
                    Some((*via, run.trace.body(*body).to_string()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_app_opens_on_the_image_scenario_whose_success_reaches_the_metadata_queue() {
        let state = State::new(Lang::En);
        let received = delivered_to(&state, "image-metadata");
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].0, Via::OnSuccess);
        assert!(received[0].1.contains(r#""condition":"Success""#));
    }

    #[test]
    fn choosing_fail_sends_the_failure_record_to_the_alerts_topic_after_three_attempts() {
        let mut state = State::new(Lang::En);
        let f = state
            .scenario
            .functions
            .iter()
            .position(|f| f.function_name == "resize-image")
            .expect("function");
        state.apply(Action::SetBehaviour(f, Behaviour::Fail));
        let received = delivered_to(&state, "image-alerts");
        assert_eq!(received.len(), 1);
        assert!(
            received[0]
                .1
                .contains(r#""condition":"RetriesExhausted","approximateInvokeCount":3"#),
            "{}",
            received[0].1
        );
        assert!(delivered_to(&state, "image-metadata").is_empty());
        state.apply(Action::SetBehaviour(f, Behaviour::Scripted));
        assert_eq!(delivered_to(&state, "image-metadata").len(), 1);
    }

    #[test]
    fn playing_advances_one_event_per_tick_and_stops_at_the_end() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Play);
        assert!(state.playing);
        for _ in 0..state.sim.len() {
            state.apply(Action::Tick);
        }
        assert!(state.at_end());
        assert!(!state.playing);
        state.apply(Action::Play);
        assert_eq!(state.step, 0, "play at the end starts again");
    }

    #[test]
    fn stepping_back_and_forward_returns_to_the_same_world() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Seek(6));
        let before = state.sim.world(state.step);
        state.apply(Action::StepForward);
        state.apply(Action::StepBack);
        assert_eq!(state.sim.world(state.step), before);
    }

    #[test]
    fn decisions_are_jump_targets() {
        let mut state = State::new(Lang::En);
        let f = state
            .scenario
            .functions
            .iter()
            .position(|f| f.function_name == "resize-image")
            .expect("function");
        state.apply(Action::SetBehaviour(f, Behaviour::Fail));
        state.apply(Action::NextDecision);
        let event = &state.sim.run.trace.events[state.step - 1];
        assert!(
            matches!(
                event.what,
                What::RetryScheduled {
                    delay_ms: 60_000,
                    ..
                }
            ),
            "{:?}",
            event.what
        );
        state.apply(Action::NextDecision);
        assert!(matches!(
            state.sim.run.trace.events[state.step - 1].what,
            What::RetryScheduled {
                delay_ms: 120_000,
                ..
            }
        ));
        state.apply(Action::PreviousDecision);
        assert!(matches!(
            state.sim.run.trace.events[state.step - 1].what,
            What::RetryScheduled {
                delay_ms: 60_000,
                ..
            }
        ));
    }

    #[test]
    fn a_fault_added_mid_run_keeps_the_past_and_changes_the_future() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Seek(3));
        let before: Vec<_> = state.sim.run.trace.events[..3].to_vec();
        let at = state.insertion_time();
        state.apply(Action::AddInput(Input::DeleteResource {
            at,
            arn: "arn:aws:sqs:us-east-2:123456789012:image-metadata".into(),
        }));
        assert_eq!(state.step, 3);
        assert_eq!(&state.sim.run.trace.events[..3], &before[..]);
        assert!(delivered_to(&state, "image-metadata").is_empty());
        let failed = state.sim.run.trace.events.iter().any(|e| {
            matches!(
                e.what,
                What::DeliveryFailed {
                    reason: engine::trace::DeliveryFailure::TargetDeleted,
                    ..
                }
            )
        });
        assert!(
            failed,
            "the OnSuccess record fails to deliver to the deleted queue"
        );
        state.apply(Action::ClearAdded);
        assert_eq!(delivered_to(&state, "image-metadata").len(), 1);
    }

    #[test]
    fn autosave_restores_exactly_what_the_learner_had() {
        let mut state = State::new(Lang::En);
        state.apply(Action::SetBehaviour(0, Behaviour::Fail));
        state.apply(Action::Seek(5));
        let at = state.insertion_time();
        state.apply(Action::AddInput(Input::FailNext {
            at,
            function_name: "store-metadata".into(),
            count: 1,
            outcome: Outcome::Timeout,
        }));
        let text = serde_json::to_string(&state.saved()).expect("serializes");
        let saved: Saved = serde_json::from_str(&text).expect("reads back");
        let restored = State::restore(Lang::En, saved).expect("restores");
        assert_eq!(restored.step, 5);
        assert_eq!(restored.overrides, state.overrides);
        assert_eq!(restored.added, state.added);
        assert_eq!(restored.sim.run.trace.events, state.sim.run.trace.events);
    }

    #[test]
    fn a_scenario_opened_from_a_file_replaces_the_gallery_one_and_survives_a_restore() {
        let mut state = State::new(Lang::En);
        let text = r#"{"version":1,"functions":[{"FunctionName":"mine"}],"inputs":[{"type":"invoke","FunctionName":"mine","InvocationType":"Event"}]}"#;
        state.apply(Action::OpenScenario(Box::new(
            Scenario::from_json(text).expect("valid"),
        )));
        assert_eq!(state.gallery_index, FROM_FILE);
        assert_eq!(state.scenario.functions[0].function_name, "mine");
        let restored = State::restore(Lang::En, state.saved()).expect("restores");
        assert_eq!(restored.scenario.functions[0].function_name, "mine");
    }

    #[test]
    fn a_kept_run_shows_where_a_fault_made_the_runs_part_and_what_changed() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Seek(3));
        state.apply(Action::Keep(true));
        let at = state.insertion_time();
        state.apply(Action::AddInput(Input::FailNext {
            at,
            function_name: "store-metadata".into(),
            count: 5,
            outcome: Outcome::Timeout,
        }));
        let kept = state.kept.clone().expect("kept");
        let diff = difference(&kept, &state.sim);
        assert!(diff.first_difference.is_some_and(|s| s > 3), "{diff:?}");
        assert!(diff
            .deliveries
            .contains(&("image-metadata".to_string(), 1, 1)));
        assert_eq!(difference(&kept, &kept).first_difference, None);
    }

    #[test]
    fn a_saved_state_from_another_version_is_not_restored() {
        let mut saved = State::new(Lang::En).saved();
        saved.version = 99;
        assert!(State::restore(Lang::En, saved).is_none());
    }

    #[test]
    fn plus_and_minus_move_through_the_speed_steps() {
        let mut state = State::new(Lang::En);
        state.apply(Action::NudgeSpeed(true));
        assert_eq!(state.speed, 2.0);
        for _ in 0..10 {
            state.apply(Action::NudgeSpeed(false));
        }
        assert_eq!(state.speed, 0.25);
    }

    #[test]
    fn another_seed_changes_which_attempts_a_seeded_error_rate_fails() {
        let mut state = State::new(Lang::En);
        let mut base = (*state.base).clone();
        base.functions[0].behavior.error_rate = 0.5;
        base.inputs = (0..20)
            .map(|i| Input::PutObject {
                at: i * 1000,
                bucket: "images".into(),
                key: format!("uploads/{i}.jpg"),
                size: 1,
            })
            .collect();
        state.base = Rc::new(base);
        state.apply(Action::SetSeed(1));
        let failures = |s: &State| {
            s.sim
                .run
                .trace
                .events
                .iter()
                .filter(|e| matches!(e.what, What::AttemptFailed { .. }))
                .count()
        };
        let with_one = failures(&state);
        state.apply(Action::SetSeed(1));
        assert_eq!(
            failures(&state),
            with_one,
            "the same seed gives the same run"
        );
        state.apply(Action::SetSeed(2));
        assert_ne!(failures(&state), with_one);
        assert_eq!(state.sim.run.seed, 2);
    }

    #[test]
    fn long_waits_are_compressed_but_never_instant() {
        let mut state = State::new(Lang::En);
        let f = state
            .scenario
            .functions
            .iter()
            .position(|f| f.function_name == "resize-image")
            .expect("function");
        state.apply(Action::SetBehaviour(f, Behaviour::Fail));
        let retry = state
            .sim
            .run
            .trace
            .events
            .iter()
            .position(|e| matches!(e.what, What::AttemptStarted { attempt: 2, .. }))
            .expect("second attempt");
        state.step = retry;
        let slow = state.tick_delay_ms();
        state.speed = 16.0;
        assert!(state.tick_delay_ms() < slow);
        assert!(slow <= 1_800);
        assert_eq!(
            state
                .sim
                .run
                .topology
                .get(state.sim.run.trace.events[retry].resource)
                .kind,
            Kind::Function
        );
    }

    fn arn_of(state: &State, name: &str) -> String {
        let topology = &state.sim.run.topology;
        topology
            .resources
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.arn.clone())
            .unwrap_or_else(|| panic!("{name} is on the canvas"))
    }

    fn names(state: &State) -> Vec<String> {
        let topology = &state.sim.run.topology;
        diagram::nodes(topology)
            .map(|id| topology.name(id).to_string())
            .collect()
    }

    #[test]
    fn every_edit_can_be_undone_and_redone_two_hundred_steps_deep() {
        let mut state = State::new(Lang::En);
        state.apply(Action::NewEmpty);
        let empty = state.base.clone();
        for i in 0..200 {
            let at = engine::scenario::Point {
                x: f64::from(i),
                y: 0.0,
            };
            state.apply(Action::Edit(Edit::Add(engine::Kind::Queue, at)));
        }
        assert_eq!(state.base.queues.len(), 200);
        let full = state.base.clone();
        for _ in 0..200 {
            state.apply(Action::Undo);
        }
        assert_eq!(state.base, empty);
        for _ in 0..200 {
            state.apply(Action::Redo);
        }
        assert_eq!(state.base, full);
        state.apply(Action::Undo);
        state.apply(Action::Undo);
        assert_eq!(state.base.queues.len(), 198);
        state.apply(Action::Edit(Edit::Tidy));
        assert!(state.redo.is_empty(), "a new edit forgets what was undone");
    }

    #[test]
    fn opening_a_gallery_scenario_over_a_drawing_can_be_undone() {
        let mut state = State::new(Lang::En);
        state.apply(Action::NewEmpty);
        state.apply(Action::Edit(Edit::Add(
            engine::Kind::Function,
            engine::scenario::Point { x: 1.0, y: 2.0 },
        )));
        let drawing = state.base.clone();
        state.apply(Action::OpenGallery(1));
        assert_ne!(state.base, drawing);
        state.apply(Action::Undo);
        assert_eq!(state.base, drawing);
    }

    #[test]
    fn a_refused_link_is_reported_and_changes_nothing() {
        let mut state = State::new(Lang::En);
        let function = arn_of(&state, "resize-image");
        let before = state.base.clone();
        state.apply(Action::Edit(Edit::Link(engine::edit::LinkSpec {
            from: function.clone(),
            to: function,
            kind: engine::diagram::LinkKind::OnSuccess,
            mapping: None,
        })));
        assert_eq!(state.base, before);
        assert!(state.undo.is_empty(), "nothing to undo");
        let Some(Refused::Aws(findings)) = &state.refused else {
            panic!("refused with AWS's findings: {:?}", state.refused);
        };
        assert_eq!(
            findings[0].message,
            "You can't specify the function as a destination for itself."
        );
    }

    #[test]
    fn a_chosen_behaviour_and_the_selection_follow_a_renamed_function() {
        let mut state = State::new(Lang::En);
        let f = state
            .base
            .functions
            .iter()
            .position(|f| f.function_name == "resize-image")
            .expect("function");
        state.apply(Action::SetBehaviour(f, Behaviour::Fail));
        let arn = arn_of(&state, "resize-image");
        state.apply(Action::Select(state.sim.run.topology.by_arn(&arn)));
        state.apply(Action::Edit(Edit::Rename(arn, "thumbnail".into())));
        assert_eq!(state.base.functions[f].function_name, "thumbnail");
        assert_eq!(state.behaviour(f), Behaviour::Fail);
        assert_eq!(delivered_to(&state, "image-alerts").len(), 1);
        let selected = state
            .selected
            .map(|id| state.sim.run.topology.name(id).to_string());
        assert_eq!(selected.as_deref(), Some("thumbnail"));
    }

    #[test]
    fn shift_selected_resources_are_removed_together_and_come_back_with_undo() {
        let mut state = State::new(Lang::En);
        let queue = state
            .sim
            .run
            .topology
            .by_arn(&arn_of(&state, "image-metadata"));
        let topic = state
            .sim
            .run
            .topology
            .by_arn(&arn_of(&state, "image-alerts"));
        state.apply(Action::Select(queue));
        state.apply(Action::ToggleSelect(topic.expect("topic")));
        assert_eq!(state.selected_arns().len(), 2);
        let before = names(&state);
        state.apply(Action::RemoveSelected);
        let after = names(&state);
        assert_eq!(after.len(), before.len() - 2);
        assert!(!after.contains(&"image-alerts".to_string()));
        assert!(state.findings_are_clean());
        state.apply(Action::Undo);
        assert_eq!(names(&state), before);
    }

    #[test]
    fn duplicating_a_function_places_a_renamed_copy_next_to_it_and_selects_it() {
        let mut state = State::new(Lang::En);
        let id = state
            .sim
            .run
            .topology
            .by_arn(&arn_of(&state, "resize-image"));
        state.apply(Action::Select(id));
        state.apply(Action::Duplicate);
        let selected = state
            .selected
            .map(|id| state.sim.run.topology.name(id).to_string());
        assert_eq!(selected.as_deref(), Some("resize-image-2"));
        assert!(
            state.clipboard.is_empty(),
            "duplicate leaves the clipboard alone"
        );
        state.apply(Action::Copy);
        state.apply(Action::Paste);
        let selected = state
            .selected
            .map(|id| state.sim.run.topology.name(id).to_string());
        assert_eq!(selected.as_deref(), Some("resize-image-3"));
    }

    #[test]
    fn moving_a_node_keeps_the_run_and_survives_a_restore() {
        let mut state = State::new(Lang::En);
        let sim = Rc::clone(&state.sim);
        let arn = arn_of(&state, "image-metadata");
        let to = engine::scenario::Point { x: 640.0, y: 480.0 };
        state.apply(Action::Edit(Edit::Move(vec![(arn.clone(), to)])));
        assert!(
            Rc::ptr_eq(&sim, &state.sim),
            "a move does not re-run anything"
        );
        let restored = State::restore(Lang::En, state.saved()).expect("restores");
        assert_eq!(restored.base.layout.get(&arn), Some(&to));
        state.apply(Action::Seek(5));
        state.apply(Action::Undo);
        assert!(
            Rc::ptr_eq(&sim, &state.sim),
            "undoing a move does not re-run anything"
        );
        assert_eq!(state.step, 5, "and keeps the step shown");
        assert_ne!(
            state.scenario.layout.get(&arn),
            Some(&to),
            "the node is back"
        );
        state.apply(Action::Redo);
        assert_eq!(state.scenario.layout.get(&arn), Some(&to));
        assert!(Rc::ptr_eq(&sim, &state.sim));
    }

    #[test]
    fn a_shared_link_opens_the_same_run_at_the_same_step_and_undo_returns_to_the_own_diagram() {
        let mut state = State::new(Lang::En);
        state.apply(Action::SetBehaviour(0, Behaviour::Fail));
        state.apply(Action::Seek(7));
        let link = engine::share::encode(&state.scenario, Some(state.step as u64));
        let shared = engine::share::decode(&link).expect("the link decodes");
        let mut other = State::new(Lang::En);
        other.apply(Action::OpenGallery(3));
        let own = other.base.clone();
        other.apply(Action::OpenShared(Box::new(shared.scenario), shared.step));
        assert_eq!(other.step, 7);
        assert_eq!(other.sim.run.trace.events, state.sim.run.trace.events);
        other.apply(Action::Undo);
        assert_eq!(other.base, own);
    }

    #[test]
    fn the_redrive_fix_replaces_the_refused_mapping_destination_and_can_be_undone() {
        let text = "aws lambda create-event-source-mapping --function-name my-function --batch-size 10 \\\n  --event-source-arn arn:aws:sqs:us-east-2:123456789012:source-queue \\\n  --destination-config '{\"OnFailure\":{\"Destination\":\"arn:aws:sqs:us-east-2:123456789012:dlq\"}}'";
        let imported = engine::import::from_text(text).expect("imports");
        let mut state = State::new(Lang::En);
        state.apply(Action::OpenImported(
            Box::new(imported.scenario),
            vec!["note".into()],
        ));
        let finding = state
            .sim
            .findings
            .iter()
            .find(|f| f.message == "Unsupported DestinationConfig parameter for given event source mapping type.")
            .cloned()
            .expect("the brief's second command is refused");
        assert_eq!(state.import_notes, ["note"]);
        let index = engine::import::fixes::redrive_candidate(&state.base, &finding)
            .expect("a fix is offered");
        let mut fixed = (*state.base).clone();
        engine::import::fixes::redrive_instead(&mut fixed, index).expect("fixed");
        state.apply(Action::ReplaceBase(Box::new(fixed)));
        assert!(state.findings_are_clean(), "{:?}", state.sim.findings);
        state.apply(Action::Undo);
        assert!(!state.findings_are_clean());
    }

    #[test]
    fn what_the_learner_added_follows_a_rename_and_goes_with_a_removed_function() {
        let mut state = State::new(Lang::En);
        let at = state.insertion_time();
        state.apply(Action::AddInput(Input::FailNext {
            at,
            function_name: "resize-image".into(),
            count: 1,
            outcome: Outcome::Timeout,
        }));
        let arn = arn_of(&state, "resize-image");
        state.apply(Action::Edit(Edit::Rename(arn, "thumbnail".into())));
        assert!(
            matches!(&state.added[..], [Input::FailNext { function_name, .. }] if function_name == "thumbnail")
        );
        let arn = arn_of(&state, "thumbnail");
        state.apply(Action::Edit(Edit::Remove(vec![arn])));
        assert!(state.added.is_empty(), "{:?}", state.added);
        state.apply(Action::Undo);
        assert_eq!(state.added.len(), 1, "undo brings the addition back");
    }
}
