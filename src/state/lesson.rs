//! The lesson views in the reducer. The tools worker keeps the open lesson and the recording
//! (`src/bin/tools/lesson_session.rs`) and answers each request with the panel as markup and
//! what the page does besides: put a diagram in place as one undoable change, play the intro's
//! demonstration to its pause, lock resources, hide tools. The reducer keeps only that.
//!
//! Lessons work on the scenario as the learner sees it run (behaviours chosen and timeline
//! additions included): a solution or a reset replaces the diagram with one that already holds
//! them, so undo brings back exactly what was there.

use super::State;
use engine::scenario::Scenario;
use std::rc::Rc;

/// Where the intro's demonstration pauses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pause {
    /// After the first event of this kind.
    OnKind(String),
    /// After the last event at or before this virtual time.
    AtMs(u64),
    /// At the end.
    End,
}

/// The lesson views as the tools worker last wrote them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lessons {
    /// Whether a lesson is open (else the panel, if any, is the recorder).
    pub open: bool,
    /// Whether a panel is beside the diagram: the open lesson, else the recorder.
    pub panel: bool,
    /// ARNs of the resources the learner may not remove or rename.
    pub locked: Rc<[String]>,
    /// Tools hidden during the lesson (`palette`, `import`, `faults`, `gallery`).
    pub tools: Rc<[String]>,
}

impl Lessons {
    /// Whether the open lesson hides a tool.
    pub fn hides(&self, tool: &str) -> bool {
        self.tools.iter().any(|t| t == tool)
    }
}

/// The worker's answer to a lesson request.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The lesson views.
    pub views: Lessons,
    /// A diagram to put on the canvas as one undoable change.
    pub replace: Option<Box<Scenario>>,
    /// Play the intro's demonstration to this pause.
    pub pause: Option<Pause>,
}

impl State {
    pub(super) fn lesson_answered(&mut self, answer: Answer) {
        let Answer {
            views,
            replace,
            pause,
        } = answer;
        if let Some(scenario) = replace {
            self.replace_diagram(&scenario);
        }
        if let Some(pause) = pause {
            self.demonstrate(&pause);
        }
        self.lessons = views;
    }

    /// Plays the run from its start to `pause`, where playing stops by itself.
    fn demonstrate(&mut self, pause: &Pause) {
        let events = &self.sim.run.trace.events;
        let pause = match pause {
            Pause::OnKind(kind) => events
                .iter()
                .position(|e| e.what.kind() == kind)
                .map(|i| i + 1),
            Pause::AtMs(ms) => Some(events.iter().take_while(|e| e.at <= *ms).count()),
            Pause::End => None,
        };
        self.step = 0;
        self.play_until = pause;
        self.playing = !events.is_empty();
    }

    /// Puts `scenario` on the canvas as one undoable change; behaviours and timeline additions
    /// are part of it.
    fn replace_diagram(&mut self, scenario: &Scenario) {
        self.checkpoint();
        self.base = Rc::new(scenario.clone());
        self.overrides.clear();
        self.added.clear();
        self.selected = None;
        self.also_selected.clear();
        self.resimulate();
    }

    /// Whether the open lesson keeps this resource (by ARN) from being removed or renamed.
    pub fn locked_by_lesson(&self, arn: &str) -> bool {
        self.lessons.locked.iter().any(|a| a == arn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Behaviour, Lang};
    use engine::edit::{Edit, Refused};

    const RESIZE: &str = "arn:aws:lambda:us-east-2:123456789012:function:resize-image";

    /// The worker's answer for a lesson that keeps resize-image, with a diagram to put in place.
    fn answer(replace: Option<Scenario>, pause: Option<Pause>) -> Action {
        Action::LessonAnswered(Box::new(Answer {
            views: Lessons {
                open: true,
                panel: true,
                locked: Rc::from([RESIZE.to_string()]),
                tools: Rc::from(["faults".to_string()]),
            },
            replace: replace.map(Box::new),
            pause,
        }))
    }

    fn failing(state: &State) -> Scenario {
        let mut scenario = (*state.scenario).clone();
        scenario.functions[0].behavior.outcome = engine::scenario::Outcome::Error {
            error_type: "Error".into(),
            error_message: "boom".into(),
        };
        scenario
    }

    #[test]
    fn a_solution_the_worker_answers_is_one_change_that_undo_takes_back() {
        let mut state = State::new(Lang::En);
        let before = (*state.scenario).clone();
        let solved = failing(&state);
        state.apply(answer(Some(solved.clone()), None));
        assert_eq!(*state.scenario, solved);
        assert!(state.lessons.hides("faults"));
        state.apply(Action::Undo);
        assert_eq!(*state.scenario, before);
    }

    #[test]
    fn a_resource_the_lesson_keeps_cannot_be_removed_or_renamed_but_can_be_configured() {
        let mut state = State::new(Lang::En);
        state.apply(answer(None, None));
        state.apply(Action::Edit(Edit::Remove(vec![RESIZE.into()])));
        let refused = state.refused.clone().expect("refused");
        assert!(
            matches!(&refused.why, Refused::Invalid(why) if why.contains("resize-image")),
            "{refused:?}"
        );
        state.apply(Action::Edit(Edit::Rename(RESIZE.into(), "other".into())));
        assert!(state.refused.is_some());
        assert!(state
            .scenario
            .functions
            .iter()
            .any(|f| f.function_name == "resize-image"));
        state.apply(Action::Edit(Edit::Set {
            arn: RESIZE.into(),
            pointer: "/Timeout".into(),
            value: 10.into(),
        }));
        assert!(state.refused.is_none());
        assert_eq!(state.scenario.functions[0].timeout, 10);
    }

    #[test]
    fn the_demonstration_plays_to_the_first_retry_and_pauses_there() {
        let mut state = State::new(Lang::En);
        state.apply(Action::SetBehaviour(0, Behaviour::Fail));
        state.apply(answer(None, Some(Pause::OnKind("retryScheduled".into()))));
        for _ in 0..1_000 {
            state.apply(Action::Tick);
        }
        assert!(!state.playing);
        let shown = state.step;
        let last = &state.sim.run.trace.events[shown - 1];
        assert_eq!(last.what.kind(), "retryScheduled");
        assert!(shown < state.sim.len());
        // The learner's Play goes on past the pause.
        state.apply(Action::Play);
        state.apply(Action::Tick);
        assert_eq!(state.step, shown + 1);
    }
}
