//! What a lesson author's CI checks beyond reading the file: the solutions, applied in order,
//! each pass their step; every gated step fails before its solution (a check that cannot fail
//! teaches nothing); every reference names a resource once its step is solved; every wrong
//! answer fails the steps it names.

use super::check::Context;
use super::{change, Lesson};
use crate::lang::Lang;
use crate::scenario::Scenario;
use crate::topology::Topology;
use std::fmt;

/// Something wrong with a lesson, with the place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path (`steps[1].solution`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

fn problem(path: String, message: String) -> Problem {
    Problem { path, message }
}

/// The items of a step that fail, with what the run or diagram had instead.
fn failures(context: &Context, lesson: &Lesson, index: usize) -> String {
    let check = context.step(&lesson.steps[index], Lang::En);
    check
        .items
        .iter()
        .filter(|i| !i.passed)
        .map(|i| match &i.detail {
            Some(detail) => format!("\"{}\" ({detail})", i.text),
            None => format!("\"{}\"", i.text),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks `lesson` from its start diagram; no problem means it is ready to ship.
pub fn audit(lesson: &Lesson, start: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let topology = Topology::build(start);
    for (i, r) in lesson.locks.resources.iter().enumerate() {
        if r.resolve(start, &topology).is_none() {
            problems.push(problem(
                format!("locks.resources[{i}]"),
                format!("`{}` names nothing in the start diagram", r.name),
            ));
        }
    }
    // The diagram before each step: the start with the solutions of the steps before it.
    let mut before = vec![start.clone()];
    for (i, step) in lesson.steps.iter().enumerate() {
        let Some(state) = before.last().cloned() else {
            break;
        };
        let context = Context::new(&state);
        if step.gate && context.holds(&step.goal) {
            problems.push(problem(
                format!("steps[{i}].goal"),
                format!(
                    "step `{}` already passes before its solution: a check that cannot fail",
                    step.id
                ),
            ));
        }
        let solved = match change::apply_all(&state, &step.solution) {
            Ok(solved) => solved,
            Err(e) => {
                problems.push(problem(format!("steps[{i}].solution"), e.to_string()));
                return problems;
            }
        };
        let topology = Topology::build(&solved);
        for r in step.goal.refs() {
            if r.resolve(&solved, &topology).is_none() {
                problems.push(problem(
                    format!("steps[{i}].goal"),
                    format!(
                        "the reference to `{}` names nothing, even after the step's solution",
                        r.name
                    ),
                ));
            }
        }
        let context = Context::new(&solved);
        if !context.holds(&step.goal) {
            problems.push(problem(
                format!("steps[{i}].solution"),
                format!(
                    "the solution of `{}` does not pass it: {}",
                    step.id,
                    failures(&context, lesson, i)
                ),
            ));
        }
        before.push(solved);
    }
    for (i, wrong) in lesson.wrong.iter().enumerate() {
        let first = wrong
            .fails
            .iter()
            .filter_map(|id| lesson.step_index(id))
            .min()
            .unwrap_or(0);
        let Some(state) = before.get(first) else {
            continue;
        };
        let mistaken = match change::apply_all(state, &wrong.edits) {
            Ok(mistaken) => mistaken,
            Err(e) => {
                problems.push(problem(format!("wrong[{i}].edits"), e.to_string()));
                continue;
            }
        };
        let context = Context::new(&mistaken);
        for id in &wrong.fails {
            let Some(step) = lesson.step_index(id).and_then(|s| lesson.steps.get(s)) else {
                continue;
            };
            if context.holds(&step.goal) {
                problems.push(problem(
                    format!("wrong[{i}]"),
                    format!(
                        "the wrong answer \"{}\" passes step `{id}`, which it must fail",
                        wrong.why
                    ),
                ));
            }
        }
    }
    problems
}
