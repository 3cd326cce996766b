//! The sentences of goals, in English and Korean. The checklist a learner sees is made of these
//! sentences alone, so what is shown is what is checked.
//!
//! The words are split by what they name:
//!
//! - `nouns.rs`: event kinds, resources, targets, links, values and fields;
//! - `sentences.rs`: the sentence of each goal;
//! - `now.rs`: what a run or a drawing has now, shown beside a goal that is not met.

mod nouns;
mod now;
mod sentences;

pub(super) use nouns::{event_kind, named};
pub(super) use now::{
    count_now, found, instead, links_now, missing, now_value, order_missing, order_reversed,
    step_line, these,
};
pub use sentences::sentence;
