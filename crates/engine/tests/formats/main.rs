//! The formats around the simulator: the `destinations` CLI (lessons too), diagram edits, exports
//! (CloudFormation, SAM, Terraform, scripts, checked by real tools when present), imports (AWS CLI,
//! CloudFormation) and share links.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod editing;
mod exports_content;
mod exports_real_tools;
mod import_cli;
mod import_cloudformation;
mod import_roundtrip;
mod import_versions;
mod lesson_cli;
mod read_errors;
mod share_links;
