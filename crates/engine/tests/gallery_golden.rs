//! Golden traces: every gallery scenario validates and plays exactly as recorded in
//! `tests/golden/<name>.txt` (the English text log). Set `UPDATE_GOLDEN=1` to rewrite them after a
//! deliberate change, and read the diff.

use engine::narrate::{text_log, Lang};
use engine::{simulate, RunOptions, Severity};
use std::path::{Path, PathBuf};

fn gallery() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "index.json")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_gallery_scenario_is_accepted_by_aws_validation() {
    for file in gallery() {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (_, _, findings) =
            engine::load(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn every_gallery_scenario_plays_as_its_golden_trace() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut checked = 0;
    for file in gallery() {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (scenario, _, _) = engine::load(&text).unwrap_or_else(|e| panic!("{e}"));
        let log = text_log(&simulate(&scenario, &RunOptions::default()), Lang::En);
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("scenario");
        let golden = golden_dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&golden, &log).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!(
                "{} has no golden trace; run with UPDATE_GOLDEN=1",
                file.display()
            )
        });
        assert_eq!(
            log,
            expected,
            "{} no longer plays as {}",
            file.display(),
            golden.display()
        );
        checked += 1;
    }
    assert!(checked >= 2, "the gallery has the brief's two scenarios");
}
