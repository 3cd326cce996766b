//! Edits of the diagram (through the engine, which refuses what AWS would refuse), opening other
//! scenarios, copy and paste, and the selection.

use super::{Action, Behaviour, State, FROM_FILE};
use super::{Refusal, Replacing};
use engine::diagram::LinkKind;
use engine::edit::{self, Edit, Element, LinkSpec};
use engine::scenario::Scenario;
use engine::topology::ResourceId;
use engine::Topology;
use std::rc::Rc;

impl State {
    /// The actions of the full app's editor (see [`State::apply`]).
    pub(super) fn apply_editing(&mut self, action: Action) {
        match action {
            Action::OpenScenario(scenario) => self.open(*scenario),
            Action::OpenImported(scenario, notes) => {
                self.open(*scenario);
                self.import_notes = notes;
            }
            Action::ReplaceBase(scenario) => {
                self.checkpoint();
                self.base = Rc::new(*scenario);
                self.resimulate();
            }
            Action::DismissImportNotes => self.import_notes.clear(),
            Action::LessonAnswered(answer) => self.lesson_answered(*answer),
            Action::Present(on) => self.presenting = on,
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
            Action::Compare(function) => self.comparing = function,
            Action::Keep(keep) => self.kept = keep.then(|| Rc::clone(&self.sim)),
            Action::Edit(Edit::Link(link)) => self.link(link),
            Action::Edit(edit) => self.edit(edit),
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
            Action::LinkDropped(from, to) => self.link_dropped(from, to),
            Action::LinkChosen(link) => {
                self.linking = None;
                self.link(link);
            }
            Action::ConfirmReplace(replace) => {
                if let Some(pending) = self.replacing.take() {
                    if replace {
                        self.edit(Edit::Link(pending.link));
                    }
                }
            }
            // The player's own actions, which `apply` handles.
            _ => {}
        }
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

    pub(super) fn select_arns(&mut self, arns: &[String]) {
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
    pub(super) fn edit(&mut self, edit: Edit) {
        let locked = match &edit {
            Edit::Remove(arns) => arns.iter().find(|a| self.locked_by_lesson(a)),
            Edit::Rename(arn, _) => Some(arn).filter(|a| self.locked_by_lesson(a)),
            _ => None,
        };
        if let Some(arn) = locked {
            let name = self
                .sim
                .run
                .topology
                .by_arn(arn)
                .map_or(arn.as_str(), |id| self.sim.run.topology.name(id));
            let why = crate::i18n::T::LessonKeeps
                .get(self.lang)
                .replace("{name}", name);
            self.refused = Some(Refusal {
                edit,
                why: engine::edit::Refused::Invalid(why),
            });
            return;
        }
        let mut next = (*self.base).clone();
        let result = edit::apply(&mut next, &edit);
        let created = match result {
            Ok(created) => created,
            Err(why) => {
                self.refused = Some(Refusal { edit, why });
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

    /// A link drawn from `from` to `to`: made at once when exactly one kind of link fits and AWS
    /// accepts it; otherwise the link dialog opens on the pair, to choose or to say why not.
    pub(super) fn link_dropped(&mut self, from: ResourceId, to: ResourceId) {
        let topology = &self.sim.run.topology;
        let (Some(a), Some(b)) = (
            topology.resources.get(from as usize),
            topology.resources.get(to as usize),
        ) else {
            return;
        };
        match edit::link_options(&self.base, &a.arn, &b.arn).as_slice() {
            [only] if only.accepted() => {
                let link = only.link.clone();
                self.linking = None;
                self.link(link);
            }
            _ => self.linking = Some((from, Some(to))),
        }
    }

    /// Makes a link, unless AWS would accept it and it would replace the function's destination
    /// on the same side with another: that waits in `replacing` for the learner to confirm.
    pub(super) fn link(&mut self, link: LinkSpec) {
        let accepted = || edit::apply(&mut (*self.base).clone(), &Edit::Link(link.clone())).is_ok();
        if let Some(old) = self.replaced_destination(&link).filter(|_| accepted()) {
            self.replacing = Some(Replacing { link, old });
            return;
        }
        self.edit(Edit::Link(link));
    }

    /// The ARN of the destination `link` would replace, when the function already sends that
    /// side somewhere else.
    fn replaced_destination(&self, link: &LinkSpec) -> Option<String> {
        let config = self
            .base
            .functions
            .iter()
            .find(|f| {
                self.sim.run.topology.by_arn(&link.from).is_some_and(|id| {
                    self.sim
                        .run
                        .topology
                        .find(engine::Kind::Function, &f.function_name)
                        == Some(id)
                })
            })?
            .event_invoke_config
            .as_ref()?
            .destination_config
            .as_ref()?;
        let old = match link.kind {
            LinkKind::OnSuccess => config.on_success_arn(),
            LinkKind::OnFailure => config.on_failure_arn(),
            _ => None,
        }?;
        (old != link.to).then(|| old.to_string())
    }

    /// Opens a scenario that did not come from the gallery; undo brings back what was there.
    pub(super) fn open(&mut self, scenario: Scenario) {
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
    pub(super) fn copy(&mut self) {
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
    pub(super) fn paste(&mut self) {
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
}
