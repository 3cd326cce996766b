//! The scenarios shipped with the app, compiled in so the playground works offline.

use engine::scenario::{Scenario, Text};
use std::sync::OnceLock;

/// One gallery scenario: its file name and JSON text.
pub struct Entry {
    /// File name under `static/gallery/`.
    pub file: &'static str,
    /// The scenario document.
    pub json: &'static str,
}

/// Every gallery scenario, in teaching order.
pub const ENTRIES: &[Entry] = &[
    Entry {
        file: "image-processing.json",
        json: include_str!("../static/gallery/image-processing.json"),
    },
    Entry {
        file: "kinesis-dlq.json",
        json: include_str!("../static/gallery/kinesis-dlq.json"),
    },
    Entry {
        file: "sync-vs-async.json",
        json: include_str!("../static/gallery/sync-vs-async.json"),
    },
    Entry {
        file: "event-age.json",
        json: include_str!("../static/gallery/event-age.json"),
    },
    Entry {
        file: "dlq-vs-destination.json",
        json: include_str!("../static/gallery/dlq-vs-destination.json"),
    },
    Entry {
        file: "sqs-redrive.json",
        json: include_str!("../static/gallery/sqs-redrive.json"),
    },
    Entry {
        file: "bisect-partial-batch.json",
        json: include_str!("../static/gallery/bisect-partial-batch.json"),
    },
    Entry {
        file: "recursion.json",
        json: include_str!("../static/gallery/recursion.json"),
    },
    Entry {
        file: "permission-failure.json",
        json: include_str!("../static/gallery/permission-failure.json"),
    },
    Entry {
        file: "eventbridge-routing.json",
        json: include_str!("../static/gallery/eventbridge-routing.json"),
    },
];

/// The title of every gallery scenario, parsed once.
pub fn titles() -> &'static [Text] {
    static TITLES: OnceLock<Vec<Text>> = OnceLock::new();
    TITLES.get_or_init(|| {
        ENTRIES
            .iter()
            .map(|entry| {
                Scenario::from_json(entry.json)
                    .map(|s| s.title)
                    .unwrap_or_else(|_| Text::Plain(entry.file.to_string()))
            })
            .collect()
    })
}

/// Parses gallery scenario `index`. Gallery files are checked by tests, so a parse error here
/// is a bug; it still yields an empty scenario rather than a panic.
pub fn load(index: usize) -> Scenario {
    ENTRIES
        .get(index)
        .and_then(|entry| Scenario::from_json(entry.json).ok())
        .unwrap_or_else(Scenario::empty)
}

/// The index of a gallery scenario by its file stem (`image-processing`), for embeds.
pub fn index_of(stem: &str) -> Option<usize> {
    ENTRIES
        .iter()
        .position(|e| e.file.strip_suffix(".json") == Some(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gallery_scenario_parses_and_has_a_title() {
        for entry in ENTRIES {
            let scenario =
                Scenario::from_json(entry.json).unwrap_or_else(|e| panic!("{}: {e}", entry.file));
            assert!(
                !scenario.title.get("en").is_empty(),
                "{} has no title",
                entry.file
            );
            assert!(
                !scenario.title.get("ko").is_empty(),
                "{} has no Korean title",
                entry.file
            );
        }
    }
}
