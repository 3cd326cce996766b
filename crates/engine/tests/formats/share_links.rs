//! Share links: a scenario and a step packed into a URL fragment, and every way a pasted link
//! can be broken getting a message that names the place.

use crate::common;
use engine::share::{self, ShareError, Shared, LINK_WARNING_CHARS, MAX_DECOMPRESSED_BYTES};
use engine::Scenario;

#[test]
fn every_gallery_scenario_comes_back_from_its_link_with_the_step() {
    for (name, scenario) in common::gallery_scenarios() {
        let link = share::encode(&scenario, Some(42));
        assert!(link.starts_with("v1."), "{name}: {link}");
        assert!(link.ends_with(".42"), "{name}");
        let back = share::decode(&link).expect(&name);
        assert_eq!(
            back,
            Shared {
                scenario: scenario.clone(),
                step: Some(42)
            },
            "{name}"
        );
        let without = share::decode(&share::encode(&scenario, None)).expect(&name);
        assert_eq!(without.step, None);
    }
}

#[test]
fn gallery_links_are_short_enough_to_paste_without_the_file_warning() {
    for (name, scenario) in common::gallery_scenarios() {
        let link = share::encode(&scenario, None);
        assert!(
            link.len() < LINK_WARNING_CHARS,
            "{name}: {} characters",
            link.len()
        );
        // Compression pays: the link is shorter than the JSON it carries.
        let json = serde_json::to_string(&scenario).expect("json");
        assert!(link.len() < json.len(), "{name}");
    }
}

#[test]
fn a_link_pasted_with_its_hash_and_spaces_still_opens() {
    let scenario = Scenario::empty();
    let link = format!("  #{}\n", share::encode(&scenario, Some(3)));
    assert_eq!(share::decode(&link).expect("opens").step, Some(3));
}

#[test]
fn a_link_from_another_version_says_so() {
    let err = share::decode("v2.AAAA").expect_err("v2");
    assert_eq!(
        err,
        ShareError::UnknownVersion {
            found: "v2.AAAA".into()
        }
    );
    assert!(err.to_string().contains("'v1.'"), "{err}");
    let err = share::decode("https://example.com").expect_err("not a payload");
    assert!(matches!(err, ShareError::UnknownVersion { .. }));
    assert_eq!(share::decode("#").expect_err("empty"), ShareError::Empty);
}

#[test]
fn a_damaged_character_is_reported_at_its_position_in_the_link() {
    let link = share::encode(&Scenario::empty(), None);
    let mut chars: Vec<char> = link.chars().collect();
    chars[10] = '*';
    let damaged: String = chars.into_iter().collect();
    let err = share::decode(&damaged).expect_err("damaged");
    assert_eq!(
        err,
        ShareError::BadBase64 {
            position: 11,
            found: '*'
        }
    );
    assert!(err.to_string().contains("character 11"), "{err}");
    // With a leading '#', the position still counts from the start of what was pasted.
    let err = share::decode(&format!("#{damaged}")).expect_err("damaged");
    assert!(matches!(err, ShareError::BadBase64 { position: 12, .. }));
}

#[test]
fn a_link_cut_short_when_copied_is_reported_as_cut_off() {
    let scenario = &common::gallery_scenarios()[0].1;
    let link = share::encode(scenario, None);
    let mut saw_truncated = false;
    for cut in (4..link.len()).step_by(7) {
        let err = share::decode(&link[..cut]).expect_err("cut");
        assert!(
            matches!(
                err,
                ShareError::Truncated | ShareError::BadBase64Length { .. } | ShareError::Corrupt
            ),
            "cut at {cut}: {err:?}"
        );
        saw_truncated |= err == ShareError::Truncated;
    }
    assert!(saw_truncated);
}

#[test]
fn a_decompression_bomb_is_refused_at_the_size_cap() {
    // 10 MB of spaces compresses to a few kilobytes.
    let bomb = vec![b' '; 10 * 1024 * 1024];
    let compressed = miniz_oxide::deflate::compress_to_vec(&bomb, 9);
    let link = format!("v1.{}", share::base64url_encode(&compressed));
    assert!(link.len() < 40_000, "{}", link.len());
    assert_eq!(
        share::decode(&link).expect_err("bomb"),
        ShareError::TooLarge {
            limit: MAX_DECOMPRESSED_BYTES
        }
    );
}

#[test]
fn a_link_whose_scenario_is_invalid_names_the_field() {
    let json = r#"{"version":1,"functions":[{"FunctionName":"f","Timout":3}]}"#;
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    let link = format!("v1.{}", share::base64url_encode(&compressed));
    let err = share::decode(&link).expect_err("invalid");
    let ShareError::Scenario(parse) = &err else {
        panic!("expected a scenario error, got {err:?}");
    };
    assert_eq!(parse.path, "functions[0].Timout");
    assert!(err.to_string().contains("functions[0].Timout"), "{err}");
}

#[test]
fn binary_data_in_a_link_is_not_text() {
    let compressed = miniz_oxide::deflate::compress_to_vec(&[b'{', 0xff, 0xfe], 9);
    let link = format!("v1.{}", share::base64url_encode(&compressed));
    assert_eq!(
        share::decode(&link).expect_err("binary"),
        ShareError::NotText { offset: 1 }
    );
}

#[test]
fn a_step_that_is_not_a_number_is_refused() {
    let link = share::encode(&Scenario::empty(), None);
    for step in ["x", "", "-1", "+1", "99999999999999999999999"] {
        let err = share::decode(&format!("{link}.{step}")).expect_err(step);
        assert_eq!(
            err,
            ShareError::BadStep {
                found: step.to_string()
            }
        );
    }
}

#[test]
fn errors_read_in_korean_too() {
    let err = share::decode("v9.x").expect_err("version");
    let ko = err.message(engine::lang::Lang::Ko);
    assert!(ko.contains("버전"), "{ko}");
    assert_ne!(ko, err.to_string());
}
