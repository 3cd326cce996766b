//! What to try next on the diagram: a function whose run took only one of its routes, and the
//! behaviour that shows the other ("make resize-image fail, then play again: its record goes to
//! image-alerts through OnFailure").

use super::{Behaviour, State};
use engine::trace::{Via, What};
use engine::Kind;

/// A behaviour to choose for a function, and the route it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the function in the scenario.
    pub function: usize,
    /// Its name.
    pub name: String,
    /// What to make it do: [`Behaviour::Fail`] or [`Behaviour::Succeed`].
    pub behaviour: Behaviour,
    /// Where its record would then go.
    pub target: String,
    /// How it would get there.
    pub via: Via,
}

impl State {
    /// The first function, with no behaviour chosen yet, whose run took one of its routes
    /// (OnSuccess, OnFailure or a dead-letter queue) but not another, and the behaviour that
    /// takes the other.
    pub fn suggestion(&self) -> Option<Suggestion> {
        let run = &self.sim.run;
        let topology = &run.topology;
        // One pass over the run: which resources ran an attempt; the routes records took come
        // from the end-of-run summary's own count.
        let mut attempted = vec![false; topology.resources.len()];
        for event in &run.trace.events {
            if matches!(event.what, What::AttemptStarted { .. }) {
                if let Some(seen) = attempted.get_mut(event.resource as usize) {
                    *seen = true;
                }
            }
        }
        let invoked = |id: engine::topology::ResourceId| attempted.get(id as usize) == Some(&true);
        let results = self.sim.results();
        let taken = |target, via| results.iter().any(|&(t, v, _)| t == target && v == via);
        for (index, function) in self.scenario.functions.iter().enumerate() {
            // Only where the learner has not chosen a behaviour yet.
            if self.behaviour(index) != Behaviour::Scripted {
                continue;
            }
            let Some(id) = topology.id_of(Kind::Function, index) else {
                continue;
            };
            if !invoked(id) {
                continue;
            }
            let destinations = function
                .event_invoke_config
                .as_ref()
                .and_then(|c| c.destination_config.as_ref());
            let on_failure = destinations
                .and_then(|d| d.on_failure_arn())
                .map(|arn| (arn, Via::OnFailure))
                .or_else(|| {
                    function
                        .dead_letter_config
                        .as_ref()
                        .map(|d| (d.target_arn.as_str(), Via::DeadLetterQueue))
                });
            let on_success = destinations
                .and_then(|d| d.on_success_arn())
                .map(|arn| (arn, Via::OnSuccess));
            let routes: Vec<(engine::topology::ResourceId, Via, Behaviour)> = [
                (on_failure, Behaviour::Fail),
                (on_success, Behaviour::Succeed),
            ]
            .into_iter()
            .filter_map(|(route, behaviour)| {
                let (arn, via) = route?;
                Some((topology.by_arn(arn)?, via, behaviour))
            })
            .collect();
            // A function invoked synchronously takes none of its routes: destinations are for
            // asynchronous invocations, so choosing a behaviour would not open one.
            if !routes.iter().any(|&(target, via, _)| taken(target, via)) {
                continue;
            }
            if let Some(&(target, via, behaviour)) =
                routes.iter().find(|&&(target, via, _)| !taken(target, via))
            {
                return Some(Suggestion {
                    function: index,
                    name: topology.name(id).to_string(),
                    behaviour,
                    target: topology.name(target).to_string(),
                    via,
                });
            }
        }
        None
    }
}
