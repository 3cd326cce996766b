//! Property tests: random scenarios, imports and share links never panic and keep their
//! invariants (same seed, same trace; causal traces; round trips).

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/generate.rs"]
mod generate;

mod import_props;
mod properties;
mod share_props;
