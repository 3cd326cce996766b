//! A diagram picture (SVG) that carries its scenario, so the picture can be opened again: the
//! scenario's JSON goes into the SVG's `<metadata>` element, escaped as XML text.

use crate::scenario::{ParseError, Scenario};

/// The id of the metadata element that holds the scenario.
const METADATA_OPEN: &str = "<metadata id=\"ldp-scenario\">";
const METADATA_CLOSE: &str = "</metadata>";

/// The `<metadata>` element for `scenario`, to put inside an `<svg>`.
pub fn metadata(scenario: &Scenario) -> String {
    let json = scenario.to_json_pretty();
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str(METADATA_OPEN);
    for ch in json.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out.push_str(METADATA_CLOSE);
    out
}

/// Why a picture could not be opened as a scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum PictureError {
    /// The SVG has no scenario in it (a picture from elsewhere, or one whose metadata was cut).
    NoScenario,
    /// The scenario in it does not read.
    Scenario(ParseError),
}

impl PictureError {
    /// The message in `lang`.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (PictureError::NoScenario, crate::lang::Lang::En) => "This SVG carries no playground scenario: only pictures exported by the playground can be opened.".into(),
            (PictureError::NoScenario, crate::lang::Lang::Ko) => "이 SVG에는 플레이그라운드 시나리오가 없습니다. 플레이그라운드에서 내보낸 그림만 열 수 있습니다.".into(),
            (PictureError::Scenario(e), _) => format!("SVG metadata: {e}"),
        }
    }
}

/// The scenario a picture carries.
pub fn scenario_from_svg(svg: &str) -> Result<Scenario, PictureError> {
    let start = svg.find(METADATA_OPEN).ok_or(PictureError::NoScenario)? + METADATA_OPEN.len();
    let length = svg
        .get(start..)
        .and_then(|rest| rest.find(METADATA_CLOSE))
        .ok_or(PictureError::NoScenario)?;
    let escaped = svg
        .get(start..start + length)
        .ok_or(PictureError::NoScenario)?;
    let json = unescape(escaped);
    Scenario::from_json(&json).map_err(PictureError::Scenario)
}

/// Undoes XML escaping (the five named entities and numeric references); anything else is kept
/// as it is, so a mangled entity surfaces as a JSON error with its place.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(ch) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_opens_again_as_the_same_scenario_even_with_markup_in_its_strings() {
        let text = r#"{"version":1,"title":{"en":"A <b>&</b> ]]> \"quoted\""},"functions":[{"FunctionName":"f","behavior":{"response":{"html":"</metadata><x>"}}}]}"#;
        let scenario = Scenario::from_json(text).expect("valid");
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/>{}</svg>",
            metadata(&scenario)
        );
        assert_eq!(scenario_from_svg(&svg), Ok(scenario));
    }

    #[test]
    fn an_svg_from_elsewhere_or_cut_short_is_refused_with_a_reason() {
        assert_eq!(
            scenario_from_svg("<svg></svg>"),
            Err(PictureError::NoScenario)
        );
        let scenario = Scenario::from_json(r#"{"version":1}"#).expect("valid");
        let svg = format!("<svg>{}</svg>", metadata(&scenario));
        let cut = &svg[..svg.len() - 20];
        assert_eq!(scenario_from_svg(cut), Err(PictureError::NoScenario));
        let broken = svg.replace("\"version\"", "&bogus;\"version\"");
        assert!(matches!(
            scenario_from_svg(&broken),
            Err(PictureError::Scenario(_))
        ));
        assert_eq!(
            unescape("a &amp; b &#x3C; &#60; &unknown; &"),
            "a & b < < &unknown; &"
        );
    }
}
