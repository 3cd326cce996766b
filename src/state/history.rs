//! Undo and redo: a snapshot of what the learner changed, taken before each change.

use super::{Behaviour, State};
use engine::scenario::{Input, Scenario};
use std::collections::BTreeMap;
use std::rc::Rc;

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

impl State {
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            base: Rc::clone(&self.base),
            gallery_index: self.gallery_index,
            overrides: self.overrides.clone(),
            added: self.added.clone(),
        }
    }

    pub(super) fn restore_snapshot(&mut self, snapshot: Snapshot) {
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
    pub(super) fn follow_layout(&mut self) {
        let mut scenario = (*self.scenario).clone();
        scenario.layout = self.base.layout.clone();
        self.scenario = Rc::new(scenario);
    }

    /// Remembers the current state for undo, before a change.
    pub(super) fn checkpoint(&mut self) {
        self.undo.push(self.snapshot());
        if self.undo.len() > UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.refused = None;
        self.revision += 1;
    }
}
