//! `destinations lesson check` and `lesson explain` (issue 15): every shipped lesson passes, and
//! each rule of the author's check fails a lesson made to break it, with the place and the reason
//! on stderr and exit code 1; a file that cannot be read exits 2.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_destinations");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The purpose-made lessons of these tests.
fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lessons")
}

fn test_lesson(name: &str) -> String {
    lessons_dir().join(name).to_str().unwrap().to_string()
}

fn gallery_dir() -> String {
    repo("static/gallery").to_str().unwrap().to_string()
}

fn destinations(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the runner starts")
}

/// `lesson check` of purpose-made lessons, with the gallery of the repository.
fn check(names: &[&str]) -> Output {
    let files: Vec<String> = names.iter().map(|n| test_lesson(n)).collect();
    let gallery = gallery_dir();
    let mut args = vec!["lesson", "check"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--gallery", gallery.as_str()]);
    destinations(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The problems `lesson check` printed for `name`, without the file name before each.
fn problems(output: &Output, name: &str) -> Vec<String> {
    let prefix = format!("{}: ", test_lesson(name));
    stderr(output)
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
        .collect()
}

/// Every `static/lessons/*.json`, the index among them, found when the test runs.
fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("static/lessons"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn is_index(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "index.json")
}

#[test]
fn every_shipped_lesson_and_the_index_pass_lesson_check() {
    // As `docs/lesson-format.md` says to run it: `lesson check static/lessons/*.json`.
    let files = shipped();
    assert!(
        files.iter().any(|f| is_index(f)),
        "no static/lessons/index.json"
    );
    assert!(
        files.iter().any(|f| !is_index(f)),
        "no lesson in static/lessons"
    );
    let names: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["lesson", "check"];
    args.extend(&names);
    let output = destinations(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let out = stdout(&output);
    for name in names {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{name}: ok ("))),
            "no ok for {name}: {out}"
        );
    }
}

#[test]
fn every_shipped_lesson_explains_its_checklist_in_both_languages() {
    for file in shipped().iter().filter(|f| !is_index(f)) {
        let file = file.to_str().unwrap();
        for lang in ["en", "ko"] {
            let output = destinations(&["lesson", "explain", file, "--lang", lang]);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{file} {lang}: {}",
                stderr(&output)
            );
            assert!(stdout(&output).contains("1. "), "{file} {lang}");
        }
    }
}

/// The valid purpose-made lessons.
const VALID: &[&str] = &[
    "first-valid.json",
    "second-valid.json",
    "course/listed.json",
    "course/unlisted.json",
];

/// Each broken purpose-made lesson and the problems `lesson check` must print for it.
const BROKEN: &[(&str, &[&str])] = &[
    (
        "missing-korean.json",
        &["steps[0].title: missing the Korean text (`ko`)"],
    ),
    (
        "unknown-field.json",
        &["steps[0].goal.all[1].link.too: unknown field `too`, expected one of `from`, `kind`, `to` or `toKind`"],
    ),
    (
        "wrong-version.json",
        &["version: this playground reads lesson format version 1"],
    ),
    (
        "not-json.json",
        &["not JSON: EOF while parsing a value at line 2 column 0"],
    ),
    (
        "check-cannot-fail.json",
        &["steps[0].goal: step `make-it-fail` already passes before its solution: a check that cannot fail"],
    ),
    (
        "solution-does-not-pass.json",
        &["steps[0].solution: the solution of `make-it-fail` does not pass it: \
           \"At least 3 failed attempts at resize-image\" (The run had none.); \
           \"At least 1 delivery to the topic image-alerts through OnFailure\" (The run had none. \
           Closest in the run: Step 1: The object uploads/cat.jpg was uploaded to the bucket images. \
           Step 6: The queue image-metadata received the body through its OnSuccess destination.)"],
    ),
    (
        "solution-refused.json",
        &["steps[0].solution: edit 1 was refused: An error occurred (ValidationException) when \
           calling the PutFunctionEventInvokeConfig operation: 1 validation error detected: Value \
           '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less \
           than or equal to 2"],
    ),
    (
        "wrong-answer-passes.json",
        &["wrong[0]: the wrong answer \"a different error type\" passes step `make-it-fail`, which it must fail"],
    ),
    (
        "dangling-reference.json",
        &["steps[0].goal: the reference to `image-failures` names nothing, even after the step's solution"],
    ),
    (
        "start-invalid.json",
        &["start: the start diagram has an error: An error occurred (ValidationException) when \
           calling the PutFunctionEventInvokeConfig operation: 1 validation error detected: Value \
           '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less \
           than or equal to 2"],
    ),
    (
        "unknown-gallery.json",
        &["start.gallery: no gallery scenario `no-such-scenario.json`"],
    ),
    (
        "misnamed.json",
        &["id: the file of lesson `properly-named` must be named properly-named.json"],
    ),
    (
        "next-missing.json",
        &["next: no lesson file no-such-lesson.json beside this one"],
    ),
    (
        "course/index.json",
        &[
            "[0].title: not the title of listed.json",
            "[1]: no lesson file missing-lesson.json beside the index",
            "[2].id: missing the id of the lesson",
            "unlisted.json is beside the index but not listed in it",
        ],
    ),
];

#[test]
fn the_valid_test_lessons_pass_with_exit_code_0_and_ok() {
    let output = check(VALID);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let expected: String = VALID
        .iter()
        .map(|name| format!("{}: ok (1 step, 1 wrong answer)\n", test_lesson(name)))
        .collect();
    assert_eq!(stdout(&output), expected);
}

#[test]
fn each_broken_test_lesson_fails_with_exit_code_1_naming_the_place_and_the_rule() {
    for (name, expected) in BROKEN {
        let output = check(&[name]);
        assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
        assert_eq!(problems(&output, name), *expected, "{name}");
        assert!(stdout(&output).is_empty(), "{name}: {}", stdout(&output));
    }
}

#[test]
fn every_test_lesson_is_checked_by_a_test() {
    let files = std::fs::read_dir(lessons_dir())
        .unwrap()
        .chain(std::fs::read_dir(lessons_dir().join("course")).unwrap());
    for entry in files {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let name = path.strip_prefix(lessons_dir()).unwrap().to_str().unwrap();
        assert!(
            VALID.contains(&name) || BROKEN.iter().any(|(n, _)| *n == name),
            "tests/lessons/{name} is not in VALID or BROKEN"
        );
    }
}

#[test]
fn an_index_that_lists_every_lesson_beside_it_passes() {
    let output = check(&["course/index.json"]);
    assert_eq!(output.status.code(), Some(1));
    // Listing the unlisted lesson and giving the title and minutes of each leaves nothing wrong.
    let dir = std::env::temp_dir().join(format!("lesson-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["listed", "unlisted"] {
        std::fs::copy(
            lessons_dir().join(format!("course/{name}.json")),
            dir.join(format!("{name}.json")),
        )
        .unwrap();
    }
    let title = serde_json::json!({"en": "A valid lesson", "ko": "올바른 수업"});
    let index = serde_json::json!([
        {"id": "listed", "title": title, "minutes": 3},
        {"id": "unlisted", "title": title, "minutes": 3}
    ]);
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let path = dir.join("index.json");
    let output = destinations(&["lesson", "check", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{}: ok (the index of 2 lessons)\n", path.display())
    );
}

#[test]
fn one_broken_lesson_among_valid_ones_fails_the_run_and_the_others_still_print_ok() {
    let output = check(&[
        "first-valid.json",
        "wrong-answer-passes.json",
        "second-valid.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 2, "{}", stdout(&output));
    assert_eq!(problems(&output, "wrong-answer-passes.json").len(), 1);
}

#[test]
fn a_file_that_cannot_be_read_exits_2_even_beside_broken_lessons() {
    let missing = test_lesson("no-such-file.json");
    let gallery = gallery_dir();
    let output = destinations(&["lesson", "check", &missing, "--gallery", &gallery]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(&format!("{missing}: cannot read {missing}: ")),
        "{}",
        stderr(&output)
    );
    let broken = test_lesson("missing-korean.json");
    let output = destinations(&["lesson", "check", &broken, &missing, "--gallery", &gallery]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let output = destinations(&["lesson", "explain", &missing]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["lesson"][..],
        &["lesson", "check"],
        &["lesson", "grade", "a.json"],
        &["lesson", "check", "a.json", "--gallery"],
        &["lesson", "check", "a.json", "--verbose"],
        &["lesson", "explain", "a.json", "b.json"],
    ] {
        let output = destinations(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn explain_prints_each_step_checklist_in_korean_with_nothing_ticked_at_the_start() {
    let file = test_lesson("first-valid.json");
    let gallery = gallery_dir();
    let output = destinations(&[
        "lesson",
        "explain",
        &file,
        "--lang",
        "ko",
        "--gallery",
        &gallery,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "올바른 수업 (3분)\n\
         함수를 실패하게 만들고 레코드가 OnFailure 대상에 도착하는 것을 봅니다.\n\n\
         1. 실패하게 만들기\n   \
         [ ] resize-image에서 실패한 시도가 3번 이상 있습니다\n   \
         [ ] OnFailure를 통해 토픽 image-alerts로 가는 전달이 1번 이상 있습니다\n"
    );
    let output = destinations(&["lesson", "explain", &test_lesson("missing-korean.json")]);
    assert_eq!(output.status.code(), Some(1));
}
