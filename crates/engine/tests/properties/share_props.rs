//! Property tests for the share-link and scenario-file decoders: whatever a stranger pastes,
//! decoding returns an answer (never a panic), and what was encoded comes back.

use engine::share::{self, ShareError};
use engine::Scenario;
use proptest::prelude::*;

fn gallery() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/gallery");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("gallery")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("index.json"))
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    out.sort();
    out
}

/// A gallery text with a few edits: cuts, flips and insertions.
fn mutated(texts: Vec<String>) -> impl Strategy<Value = String> {
    (
        0..texts.len(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    )
        .prop_map(move |(i, edits)| {
            let mut bytes = texts[i].clone().into_bytes();
            for (at, byte, kind) in edits {
                let len = bytes.len();
                match kind {
                    0 => bytes.truncate(at.index(len + 1)),
                    1 if len > 0 => bytes[at.index(len)] = byte,
                    _ => bytes.insert(at.index(len + 1), byte),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_gallery_scenario_and_step_come_back_from_a_link(i in 0usize..64, step in proptest::option::of(any::<u64>())) {
        let texts = gallery();
        let scenario = Scenario::from_json(&texts[i % texts.len()]).expect("gallery");
        let decoded = share::decode(&share::encode(&scenario, step)).expect("decodes");
        prop_assert_eq!(decoded.step, step);
        prop_assert_eq!(decoded.scenario, scenario);
    }

    #[test]
    fn arbitrary_text_pasted_as_a_link_gets_an_answer(text in ".{0,400}") {
        let _ = share::decode(&text).map_err(|e| e.to_string());
    }

    #[test]
    fn links_in_the_alphabet_but_not_from_the_encoder_get_an_error_not_a_panic(body in "[A-Za-z0-9_-]{0,600}", step in "(\\.[0-9a-z]{0,5})?") {
        match share::decode(&format!("v1.{body}{step}")) {
            Ok(_) => {}
            Err(ShareError::BadBase64 { .. }) => prop_assert!(false, "only alphabet characters were used"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn a_damaged_link_names_a_position_inside_it(i in 0usize..64, at in any::<prop::sample::Index>(), bad in "[^A-Za-z0-9_.-]") {
        let texts = gallery();
        let scenario = Scenario::from_json(&texts[i % texts.len()]).expect("gallery");
        let link = share::encode(&scenario, None);
        let mut chars: Vec<char> = link.chars().collect();
        let at = 3 + at.index(chars.len() - 3);
        let bad = bad.chars().next().expect("one char");
        chars[at] = bad;
        let damaged: String = chars.into_iter().collect();
        if bad.is_whitespace() {
            return Ok(());
        }
        match share::decode(&damaged) {
            Err(ShareError::BadBase64 { position, found }) => {
                prop_assert_eq!(position, at + 1);
                prop_assert_eq!(found, bad);
            }
            other => prop_assert!(false, "{:?}", other.map(|s| s.step)),
        }
    }

    #[test]
    fn mutated_scenario_files_get_an_answer_with_a_place(text in mutated(gallery())) {
        if let Err(e) = Scenario::from_json(&text) {
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn mutated_scenarios_inside_links_get_an_answer(text in mutated(gallery())) {
        let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
        let link = format!("v1.{}", share::base64url_encode(&compressed));
        match (share::decode(&link), Scenario::from_json(&text)) {
            (Ok(shared), Ok(direct)) => prop_assert_eq!(shared.scenario, direct),
            (Err(ShareError::Scenario(a)), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "link {:?} vs file {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }
}
