//! Golden traces: every gallery scenario validates and plays exactly as recorded in
//! `tests/golden/<name>.txt` (the English text log). Set `UPDATE_GOLDEN=1` to rewrite them after a
//! deliberate change, and read the diff.

use engine::lang::Lang;
use engine::narrate::text_log;
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

/// An English unit after a number ("1 min", "30 s", "6 h", "850 ms"), if `line` has one.
fn english_unit(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    for unit in ["min", "ms", "s", "h"] {
        let unit: Vec<char> = format!(" {unit}").chars().collect();
        for start in 1..chars.len() {
            let end = start + unit.len();
            if chars[start - 1].is_ascii_digit()
                && chars.get(start..end) == Some(&unit[..])
                && !chars.get(end).is_some_and(|c| c.is_alphanumeric())
            {
                return Some(chars[start - 1..end].iter().collect());
            }
        }
    }
    None
}

#[test]
fn the_korean_narration_writes_units_and_particles_the_korean_way() {
    let mut all = String::new();
    for file in gallery() {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let (scenario, _, _) = engine::load(&text).unwrap_or_else(|e| panic!("{e}"));
        let log = text_log(&simulate(&scenario, &RunOptions::default()), Lang::Ko);
        for line in log.lines() {
            let both = [
                "(을)", "(를)", "(이)", "(가)", "(은)", "(는)", "(와)", "(과)", "(으)",
            ];
            assert!(
                !both.iter().any(|b| line.contains(b)),
                "both forms of a particle: {line}"
            );
            assert_eq!(english_unit(line), None, "an English unit: {line}");
        }
        all.push_str(&log);
    }
    for expected in [
        "resize-image 시도 1이 850ms 만에 성공했습니다.",
        "charge-card 시도 2/3을 시작했습니다. 이벤트 나이: 1분.",
        "재시도 2는 2초 후입니다.",
        "S3는 함수를 비동기로",
        "레코드를 OnSuccess 대상인 ping으로 보냅니다.",
        "레코드를 OnSuccess 대상인 image-metadata로 보냅니다.",
        "thumbnails-done으로의 전달이 실패했습니다",
        "객체 uploads/cat.jpg가 버킷 images에 업로드되었습니다.",
    ] {
        assert!(all.contains(expected), "no line reads: {expected}");
    }
}

#[test]
fn the_gallery_index_lists_every_scenario_once_in_teaching_order_with_both_titles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/gallery");
    let text = std::fs::read_to_string(dir.join("index.json")).expect("index.json");
    let index: serde_json::Value = serde_json::from_str(&text).expect("index.json is JSON");
    let entries = index.as_array().expect("a list");
    let listed: Vec<&str> = entries
        .iter()
        .map(|e| e["file"].as_str().expect("file"))
        .collect();
    assert_eq!(&listed[..2], ["image-processing.json", "kinesis-dlq.json"]);
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "listed once");
    let on_disk: Vec<String> = gallery()
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
        .collect();
    assert_eq!(sorted, on_disk, "every gallery file is listed");
    for entry in entries {
        let file = entry["file"].as_str().expect("file");
        let scenario = engine::Scenario::from_json(
            &std::fs::read_to_string(dir.join(file)).expect("readable"),
        )
        .expect("parses");
        for lang in ["en", "ko"] {
            let title = entry["title"][lang].as_str().expect("a title in en and ko");
            assert!(!title.is_empty(), "{file} {lang}");
            assert_eq!(
                title,
                scenario.title.get(lang),
                "{file}: index and scenario agree"
            );
            assert!(
                !scenario.description.get(lang).is_empty(),
                "{file} has a description"
            );
        }
        assert!(
            !matches!(scenario.description, engine::scenario::Text::Plain(_)),
            "{file}: the description has a Korean translation"
        );
    }
}

#[test]
fn every_gallery_layout_places_every_resource_and_nothing_else() {
    for file in gallery() {
        let text = std::fs::read_to_string(&file).expect("readable");
        let scenario = engine::Scenario::from_json(&text).expect("parses");
        let topology = engine::Topology::build(&scenario);
        assert!(
            !scenario.layout.is_empty(),
            "{}: has a layout",
            file.display()
        );
        for resource in topology
            .resources
            .iter()
            .filter(|r| r.kind != engine::Kind::EventSourceMapping)
        {
            assert!(
                scenario.layout.contains_key(&resource.arn),
                "{}: {} has no canvas position",
                file.display(),
                resource.arn
            );
        }
        for arn in scenario.layout.keys() {
            assert!(
                topology.by_arn(arn).is_some(),
                "{}: layout key {arn} is not a resource",
                file.display()
            );
        }
    }
}
