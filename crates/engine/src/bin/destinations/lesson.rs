//! `destinations lesson check FILE... [--gallery DIR]` and `destinations lesson explain FILE
//! [--lang en|ko]`: a workshop author's CI and a printed checklist.

use engine::lesson::{audit, Lesson};
use engine::narrate::Lang;
use engine::Severity;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str = "  destinations lesson check FILE... [--gallery DIR]
  destinations lesson explain FILE [--lang en|ko] [--gallery DIR]";

/// Runs `lesson check` or `lesson explain` with the arguments after `lesson`.
pub fn main(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("missing `check` or `explain`")?;
    let mut files = Vec::new();
    let mut gallery = None;
    let mut lang = Lang::En;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--gallery" => {
                gallery = Some(PathBuf::from(
                    it.next().ok_or("--gallery needs a directory")?,
                ))
            }
            "--lang" => lang = Lang::from_tag(it.next().ok_or("--lang needs en or ko")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            file => files.push(PathBuf::from(file)),
        }
    }
    if files.is_empty() {
        return Err("missing FILE".into());
    }
    match command.as_str() {
        "check" => Ok(check(&files, gallery.as_deref())),
        "explain" if files.len() == 1 => Ok(explain(&files[0], gallery.as_deref(), lang)),
        "explain" => Err("`lesson explain` takes one FILE".into()),
        other => Err(format!("unknown lesson command `{other}`")),
    }
}

/// What reading one file gave.
enum Read {
    Unreadable(String),
    Broken(Vec<String>),
    Lesson(Box<(Lesson, engine::Scenario)>),
}

/// Reads a lesson and its start diagram; `gallery` defaults to `../gallery` beside the file.
fn read(file: &Path, gallery: Option<&Path>) -> Read {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => return Read::Unreadable(format!("cannot read {}: {e}", file.display())),
    };
    let lesson = match Lesson::from_json(&text) {
        Ok(lesson) => lesson,
        Err(e) => return Read::Broken(vec![e.to_string()]),
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    let gallery = gallery.map_or_else(|| dir.join("../gallery"), Path::to_path_buf);
    let start =
        match lesson.start_scenario(&|name| std::fs::read_to_string(gallery.join(name)).ok()) {
            Ok(start) => start,
            Err(e) => return Read::Broken(vec![e.to_string()]),
        };
    Read::Lesson(Box::new((lesson, start)))
}

fn check(files: &[PathBuf], gallery: Option<&Path>) -> ExitCode {
    let mut worst = 0;
    for file in files {
        let name = file.display();
        let (lesson, start) = match read(file, gallery) {
            Read::Unreadable(message) => {
                eprintln!("{name}: {message}");
                worst = 2;
                continue;
            }
            Read::Broken(problems) => {
                problems.iter().for_each(|p| eprintln!("{name}: {p}"));
                worst = worst.max(1);
                continue;
            }
            Read::Lesson(both) => *both,
        };
        let mut problems: Vec<String> = audit(&lesson, &start)
            .iter()
            .map(ToString::to_string)
            .collect();
        let findings = engine::validate(&start, &engine::Topology::build(&start));
        for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
            problems.push(format!("start: the start diagram has an error: {finding}"));
        }
        let expected = format!("{}.json", lesson.id);
        if file.file_name().and_then(|n| n.to_str()) != Some(expected.as_str()) {
            problems.push(format!(
                "id: the file of lesson `{}` must be named {expected}",
                lesson.id
            ));
        }
        if let Some(next) = &lesson.next {
            let dir = file.parent().unwrap_or(Path::new("."));
            if !dir.join(format!("{next}.json")).is_file() {
                problems.push(format!("next: no lesson file {next}.json beside this one"));
            }
        }
        if problems.is_empty() {
            println!(
                "{name}: ok ({}, {})",
                count(lesson.steps.len(), "step", "steps"),
                count(lesson.wrong.len(), "wrong answer", "wrong answers")
            );
        } else {
            problems.iter().for_each(|p| eprintln!("{name}: {p}"));
            worst = worst.max(1);
        }
    }
    ExitCode::from(worst)
}

/// "1 step", "3 steps".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn explain(file: &Path, gallery: Option<&Path>, lang: Lang) -> ExitCode {
    let (lesson, start) = match read(file, gallery) {
        Read::Unreadable(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
        Read::Broken(problems) => {
            problems
                .iter()
                .for_each(|p| eprintln!("{}: {p}", file.display()));
            return ExitCode::from(1);
        }
        Read::Lesson(both) => *both,
    };
    println!("{} ({} min)", lesson.title.get(lang), lesson.minutes);
    println!("{}\n", lesson.summary.get(lang));
    let checks = lesson.check(&start, lang);
    for (i, (step, check)) in lesson.steps.iter().zip(&checks).enumerate() {
        println!("{}. {}", i + 1, step.title.get(lang));
        for item in &check.items {
            println!("   [{}] {}", if item.passed { "x" } else { " " }, item.text);
        }
    }
    ExitCode::SUCCESS
}
