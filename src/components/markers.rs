//! The decisions' marks on the player's scrubber.

use yew::prelude::*;

/// The run, compared by address: the markers render again only for another run.
#[derive(Clone)]
pub struct Sim(pub std::rc::Rc<crate::state::Sim>);

impl PartialEq for Sim {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`Markers`].
#[derive(Properties, PartialEq)]
pub struct MarkersProps {
    /// The run whose decisions are marked.
    pub sim: Sim,
}

/// Where the decisions lie on the scrubber, at most one mark per 0.25 % of its width: a long
/// run has thousands of decisions, and the marks are drawn once per run, not once per step.
#[component]
pub fn Markers(props: &MarkersProps) -> Html {
    let sim = &props.sim.0;
    let len = sim.len().max(1);
    let mut slots: Vec<u32> = sim
        .decisions
        .iter()
        .map(|&d| ((d + 1) as f64 / len as f64 * 400.0).round() as u32)
        .collect();
    slots.dedup();
    html! {
        <div class="markers">
            { for slots.iter().map(|&slot| html! {
                <span class="marker" style={format!("left:{:.2}%", f64::from(slot) / 4.0)} aria-hidden="true"></span>
            }) }
        </div>
    }
}
