//! What autosave keeps, and the state it restores.

use super::{Behaviour, Lang, State};
use engine::scenario::{Input, Scenario};
use std::rc::Rc;

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

impl State {
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
}
