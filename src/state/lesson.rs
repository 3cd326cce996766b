//! An open lesson in the reducer: moving between steps, hints, the solution as one undoable
//! change, resetting a step or the lesson, and the progress each checklist answer records.
//!
//! Lessons work on the scenario as the learner sees it run (behaviours chosen and timeline
//! additions included): a solution or a reset replaces the diagram with one that already holds
//! them, so undo brings back exactly what was there.

use super::State;
use crate::lesson::{Open, Recording};
use engine::scenario::Scenario;
use std::rc::Rc;

/// What the learner did in a lesson, or what the worker answered.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonAction {
    /// A lesson was read: show it; `replace` puts its start diagram on the canvas (an opened
    /// lesson), else the learner's own diagram stays (a lesson restored after a reload).
    Opened(Box<Open>, bool),
    /// The worker wrote the panel, with the ids of the steps that pass.
    Rendered {
        /// The panel, as markup.
        html: Rc<str>,
        /// Steps that pass on the current diagram.
        passed: Vec<String>,
    },
    /// Fold the panel away, or open it again.
    Fold,
    /// Show a step (`None`: the intro).
    Go(Option<usize>),
    /// The next step, when it is open (from the intro: the first).
    Next,
    /// The step before (from the first: the intro, when there is one).
    Previous,
    /// Reveal the next hint.
    Hint,
    /// Ask to confirm Show solution (`true`), or stop asking.
    Confirm(bool),
    /// The current step's solution, applied by the worker: one undoable change.
    Solved(Box<Scenario>),
    /// Put the diagram back as the step began.
    ResetStep,
    /// Start the lesson over.
    ResetLesson,
    /// Play the intro's demonstration to its pause.
    Demonstrate,
    /// Leave the lesson (the diagram stays).
    Close,
}

/// What a lesson's author did while recording one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordAction {
    /// Start recording: the diagram as it is becomes the lesson's start.
    Start,
    /// End the current step: the diagram as it is becomes where the step ends.
    EndStep,
    /// Stop recording (the diagram stays).
    Stop,
}

impl State {
    pub(super) fn record_action(&mut self, action: RecordAction) {
        match action {
            RecordAction::Start => {
                // The recorder takes the lesson panel's place.
                self.lesson = None;
                self.recording = Some(Rc::new(Recording {
                    start: Rc::clone(&self.scenario),
                    steps: Vec::new(),
                }));
            }
            RecordAction::EndStep => {
                let Some(recording) = self.recording.as_mut() else {
                    return;
                };
                if recording.changed(&self.scenario) {
                    Rc::make_mut(recording)
                        .steps
                        .push(Rc::clone(&self.scenario));
                }
            }
            RecordAction::Stop => self.recording = None,
        }
    }

    pub(super) fn lesson_action(&mut self, action: LessonAction) {
        if let LessonAction::Opened(open, replace) = action {
            // A recording with no step yet gives way; one with steps waits, hidden, until the
            // lesson is left.
            if self.recording.as_ref().is_some_and(|r| r.steps.is_empty()) {
                self.recording = None;
            }
            if replace {
                self.replace_diagram(&open.step_start);
            }
            self.lesson = Some(open);
            return;
        }
        let action = match (&action, &self.lesson) {
            (LessonAction::Next, Some(open)) => {
                LessonAction::Go(Some(open.step.map_or(0, |i| i + 1)))
            }
            (LessonAction::Previous, Some(open)) => match open.step {
                Some(0) if open.outline.intro => LessonAction::Go(None),
                Some(i) => LessonAction::Go(Some(i.saturating_sub(1))),
                None => return,
            },
            _ => action,
        };
        let Some(mut open) = self.lesson.take() else {
            return;
        };
        match action {
            LessonAction::Opened(..) | LessonAction::Next | LessonAction::Previous => {}
            LessonAction::Rendered { html, passed } => {
                for id in passed {
                    open.progress.mark_passed(id);
                }
                open.html = html;
            }
            LessonAction::Fold => open.folded = !open.folded,
            LessonAction::Go(step) => {
                let open_to = |i: usize| i < open.outline.steps.len() && open.reachable(i);
                // A closed step stays closed: the learner stays where they are.
                if step.is_none_or(open_to) && step != open.step {
                    open.step = step;
                    open.hints = 0;
                    open.confirming = false;
                    open.step_start = Rc::clone(&self.scenario);
                    if let Some(i) = step {
                        open.progress.step = i;
                    }
                }
            }
            // The worker shows no more hints than the step has.
            LessonAction::Hint => open.hints += 1,
            LessonAction::Confirm(asking) => open.confirming = asking,
            LessonAction::Solved(scenario) => {
                if let Some(id) = open.current_id().map(str::to_string) {
                    if !open.progress.solution_used.contains(&id) {
                        open.progress.solution_used.push(id);
                    }
                }
                open.confirming = false;
                self.replace_diagram(&scenario);
            }
            LessonAction::ResetStep => {
                let start = Rc::clone(&open.step_start);
                self.replace_diagram(&start);
            }
            LessonAction::ResetLesson => {
                let start = Rc::clone(&open.start);
                self.replace_diagram(&start);
                open.progress.passed.clear();
                open.progress.solution_used.clear();
                open.progress.step = 0;
                open.step = if open.outline.intro { None } else { Some(0) };
                open.hints = 0;
                open.step_start = start;
            }
            LessonAction::Demonstrate => {
                let events = &self.sim.run.trace.events;
                let pause = match (&open.outline.pause_on, open.outline.pause_at_ms) {
                    (Some(kind), _) => events
                        .iter()
                        .position(|e| e.what.kind() == kind)
                        .map(|i| i + 1),
                    (None, Some(ms)) => Some(events.iter().take_while(|e| e.at <= ms).count()),
                    (None, None) => None,
                };
                self.step = 0;
                self.play_until = pause;
                self.playing = !events.is_empty();
            }
            LessonAction::Close => return,
        }
        self.lesson = Some(open);
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
        self.lesson
            .as_ref()
            .is_some_and(|open| open.outline.locked.iter().any(|a| a == arn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::{Outline, Progress, StepOutline};
    use crate::state::{Action, Behaviour, Lang};
    use engine::edit::{Edit, Refused};

    const RESIZE: &str = "arn:aws:lambda:us-east-2:123456789012:function:resize-image";

    fn step(id: &str) -> StepOutline {
        StepOutline {
            id: id.to_string(),
            gate: true,
        }
    }

    /// The image scenario with a two-step lesson open on it that keeps resize-image.
    fn in_lesson() -> State {
        let mut state = State::new(Lang::En);
        let start = Rc::clone(&state.scenario);
        let outline = Outline {
            id: "l".into(),
            steps: vec![step("first"), step("second")],
            locked: vec![RESIZE.to_string()],
            pause_on: Some("retryScheduled".into()),
            ..Outline::default()
        };
        let open = Open {
            source: Rc::from("{}"),
            outline: Rc::new(outline),
            step: Some(0),
            hints: 0,
            progress: Progress::default(),
            start: Rc::clone(&start),
            step_start: start,
            confirming: false,
            folded: false,
            html: Rc::from(""),
        };
        state.apply(Action::Lesson(LessonAction::Opened(Box::new(open), true)));
        state
    }

    /// The worker's answer when the first step passes.
    fn first_passed() -> LessonAction {
        LessonAction::Rendered {
            html: Rc::from("<p>panel</p>"),
            passed: vec!["first".into()],
        }
    }

    fn lesson(state: &State) -> &Open {
        state.lesson.as_deref().expect("a lesson is open")
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
    fn a_gated_step_stays_closed_until_the_simulator_says_the_one_before_passed() {
        let mut state = in_lesson();
        state.apply(Action::Lesson(LessonAction::Go(Some(1))));
        assert_eq!(
            lesson(&state).step,
            Some(0),
            "the second step is still closed"
        );
        state.apply(Action::Lesson(first_passed()));
        state.apply(Action::Lesson(LessonAction::Go(Some(1))));
        assert_eq!(lesson(&state).step, Some(1));
        assert!(lesson(&state)
            .progress
            .passed
            .contains(&"first".to_string()));
        assert_eq!(lesson(&state).progress.step, 1);
    }

    #[test]
    fn hints_are_revealed_one_at_a_time_and_start_again_on_another_step() {
        let mut state = in_lesson();
        for expected in [1, 2] {
            state.apply(Action::Lesson(LessonAction::Hint));
            assert_eq!(lesson(&state).hints, expected);
        }
        state.apply(Action::Lesson(first_passed()));
        state.apply(Action::Lesson(LessonAction::Next));
        assert_eq!(lesson(&state).hints, 0);
    }

    #[test]
    fn the_solution_is_one_change_that_undo_takes_back_and_is_remembered() {
        let mut state = in_lesson();
        let before = (*state.scenario).clone();
        state.apply(Action::Lesson(LessonAction::Confirm(true)));
        let solved = failing(&state);
        state.apply(Action::Lesson(LessonAction::Solved(Box::new(
            solved.clone(),
        ))));
        assert_eq!(*state.scenario, solved);
        assert!(!lesson(&state).confirming);
        assert!(lesson(&state)
            .progress
            .solution_used
            .contains(&"first".to_string()));
        state.apply(Action::Undo);
        assert_eq!(*state.scenario, before);
    }

    #[test]
    fn reset_step_brings_back_the_diagram_as_the_step_began_with_the_behaviours_chosen() {
        let mut state = in_lesson();
        state.apply(Action::SetBehaviour(0, Behaviour::Fail));
        let chosen = (*state.scenario).clone();
        state.apply(Action::Lesson(first_passed()));
        state.apply(Action::Lesson(LessonAction::Go(Some(1))));
        state.apply(Action::Edit(Edit::Set {
            arn: RESIZE.into(),
            pointer: "/EventInvokeConfig/MaximumRetryAttempts".into(),
            value: 0.into(),
        }));
        assert_ne!(*state.scenario, chosen);
        state.apply(Action::Lesson(LessonAction::ResetStep));
        assert_eq!(
            *state.scenario, chosen,
            "the failing behaviour of step one stays"
        );
    }

    #[test]
    fn a_resource_the_lesson_keeps_cannot_be_removed_or_renamed_but_can_be_configured() {
        let mut state = in_lesson();
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
        let mut state = in_lesson();
        state.apply(Action::SetBehaviour(0, Behaviour::Fail));
        state.apply(Action::Lesson(LessonAction::Demonstrate));
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

    fn set_retries(state: &mut State, retries: u64) {
        state.apply(Action::Edit(Edit::Set {
            arn: RESIZE.to_string(),
            pointer: "/EventInvokeConfig/MaximumRetryAttempts".into(),
            value: retries.into(),
        }));
    }

    fn recording(state: &State) -> &Recording {
        state
            .recording
            .as_deref()
            .expect("a lesson is being recorded")
    }

    #[test]
    fn recording_starts_from_the_diagram_as_it_is_and_ends_a_step_only_after_a_change() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Record(RecordAction::Start));
        assert_eq!(recording(&state).start, state.scenario);
        state.apply(Action::Record(RecordAction::EndStep));
        assert!(recording(&state).steps.is_empty(), "nothing changed yet");
        set_retries(&mut state, 0);
        assert!(recording(&state).changed(&state.scenario));
        state.apply(Action::Record(RecordAction::EndStep));
        assert_eq!(recording(&state).steps, vec![Rc::clone(&state.scenario)]);
        assert!(!recording(&state).changed(&state.scenario));
        set_retries(&mut state, 1);
        state.apply(Action::Record(RecordAction::EndStep));
        assert_eq!(recording(&state).steps.len(), 2);
    }

    #[test]
    fn stopping_a_recording_keeps_the_diagram_the_author_made() {
        let mut state = State::new(Lang::En);
        state.apply(Action::Record(RecordAction::Start));
        set_retries(&mut state, 0);
        state.apply(Action::Record(RecordAction::EndStep));
        let made = Rc::clone(&state.scenario);
        state.apply(Action::Record(RecordAction::Stop));
        assert!(state.recording.is_none());
        assert_eq!(state.scenario, made);
    }
}
