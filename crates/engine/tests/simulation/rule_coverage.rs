//! Every rule is named by a test: its `RuleId::Name` or its id (`async.retry`) appears in a test
//! (an integration test, or a unit test's module in `src/`) or in a golden trace. A new rule
//! without a test fails here. The rules that no test names yet are listed below, and the list
//! may only shrink: naming one in a test fails here too, until it is taken off the list.

use engine::RuleId;
use std::path::{Path, PathBuf};

/// Rules no test names yet. Empty: the five ids the engine never emitted (a parse error, an SQS
/// redrive advice, an allowed recursion, a batch's own success and failure) were taken out of
/// `rules!` rather than kept as names of nothing; a new one must come with its test.
const NOT_YET_NAMED: &[&str] = &[];

/// This file, which names every rule in its list.
const THIS_FILE: &str = "rule_coverage.rs";

/// True when `text` has `id` as a whole id (`esm.batch` is not in `esm.batch-succeeded`).
fn has_id(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let after = text[at + id.len()..].chars().next();
        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    })
}

/// Files under `dir` (recursively) whose name ends with one of `extensions`.
fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            files(&path, extensions, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push(path);
        }
    }
}

/// The text of every test and golden trace: integration tests (but this file), golden traces,
/// and the unit tests of `src/` (what follows `#[cfg(test)]`, and every `tests.rs` module or
/// `tests/` directory).
fn test_texts() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests"), &["rs", "txt"], &mut paths);
    let mut text = String::new();
    for path in paths.iter().filter(|p| !p.ends_with(THIS_FILE)) {
        text.push_str(&std::fs::read_to_string(path).unwrap_or_default());
    }
    let mut sources = Vec::new();
    files(&root.join("src"), &["rs"], &mut sources);
    for path in sources {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        if path.ends_with("tests.rs") || path.parent().is_some_and(|p| p.ends_with("tests")) {
            text.push_str(&source);
        } else if let Some(at) = source.find("#[cfg(test)]") {
            text.push_str(&source[at..]);
        }
    }
    text
}

#[test]
fn every_rule_is_named_by_a_test_or_a_golden_trace() {
    let text = test_texts();
    let named =
        |rule: RuleId| text.contains(&format!("RuleId::{rule:?}")) || has_id(&text, rule.id());
    let unnamed: Vec<String> = RuleId::ALL
        .iter()
        .filter(|&&rule| !named(rule) && !NOT_YET_NAMED.contains(&format!("{rule:?}").as_str()))
        .map(|rule| format!("{rule:?} ({})", rule.id()))
        .collect();
    assert!(
        unnamed.is_empty(),
        "no test or golden trace names these rules: {unnamed:?}"
    );
    let now_named: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|&&rule| named(rule) && NOT_YET_NAMED.contains(&format!("{rule:?}").as_str()))
        .map(|rule| rule.id())
        .collect();
    assert!(
        now_named.is_empty(),
        "these rules are named by a test now: take them off NOT_YET_NAMED: {now_named:?}"
    );
}

#[test]
fn the_list_of_rules_not_yet_named_holds_only_rules() {
    for name in NOT_YET_NAMED {
        assert!(
            RuleId::ALL.iter().any(|r| format!("{r:?}") == *name),
            "{name} is no rule"
        );
    }
}
