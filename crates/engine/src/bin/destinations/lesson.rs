//! `destinations lesson check FILE... [--gallery DIR]` and `destinations lesson explain FILE
//! [--lang en|ko]`: a workshop author's CI and a printed checklist.

use engine::lang::Lang;
use engine::lesson::{audit, Lesson};
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
        if file.file_name().is_some_and(|n| n == INDEX) {
            match check_index(file) {
                Err(message) => {
                    eprintln!("{name}: {message}");
                    worst = 2;
                }
                Ok((n, problems)) if problems.is_empty() => {
                    println!(
                        "{name}: ok (the index of {})",
                        count(n, "lesson", "lessons")
                    );
                }
                Ok((_, problems)) => {
                    problems.iter().for_each(|p| eprintln!("{name}: {p}"));
                    worst = worst.max(1);
                }
            }
            continue;
        }
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

/// The course index beside the lessons: `[{"id", "title", "minutes"}, …]`.
const INDEX: &str = "index.json";

/// Checks a course index: each entry names a lesson file beside it and repeats its title and
/// minutes, and every lesson file beside it is listed. The number of entries and the problems,
/// or why the file cannot be read.
fn check_index(file: &Path) -> Result<(usize, Vec<String>), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let entries = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(entries)) => entries,
        Ok(_) => return Ok((0, vec!["the index must be an array of lessons".into()])),
        Err(e) => return Ok((0, vec![format!("not JSON: {e}")])),
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let mut listed = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(id) = entry.get("id").and_then(|id| id.as_str()) else {
            problems.push(format!("[{i}].id: missing the id of the lesson"));
            continue;
        };
        listed.push(format!("{id}.json"));
        let Ok(lesson) = std::fs::read_to_string(dir.join(format!("{id}.json"))) else {
            problems.push(format!("[{i}]: no lesson file {id}.json beside the index"));
            continue;
        };
        let Ok(lesson) = serde_json::from_str::<serde_json::Value>(&lesson) else {
            continue; // The lesson's own check says what is wrong with it.
        };
        for field in ["title", "minutes"] {
            if entry.get(field) != lesson.get(field) {
                problems.push(format!("[{i}].{field}: not the {field} of {id}.json"));
            }
        }
    }
    let mut beside: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && n != INDEX && !listed.contains(n))
        .collect();
    beside.sort();
    for name in beside {
        problems.push(format!("{name} is beside the index but not listed in it"));
    }
    Ok((entries.len(), problems))
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
    let minutes = match lang {
        Lang::En => format!("{} min", lesson.minutes),
        Lang::Ko => format!("{}분", lesson.minutes),
    };
    println!("{} ({minutes})", lesson.title.get(lang));
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
