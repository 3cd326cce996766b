//! Lessons on the page's side: the lesson files fetched from `lessons/`, the requests that tell
//! the tools worker what the learner pressed, and what its answers make the page do (put a
//! diagram in place, keep progress, tell the host page and the notes window). The worker keeps
//! the open lesson, checks its goals and writes its views as markup (`src/bin/tools/lessons.rs`),
//! so a lesson costs the first download almost nothing.

pub mod host;
pub mod present;
mod requests;
pub use requests::{list, open, press, use_lesson};
