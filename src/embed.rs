//! Embedding: the URL parameters that turn the playground into a view inside another page
//! (a documentation page, a slide, a course). Platform-free, so it is tested natively.
//!
//! `?embed=1` hides the page chrome and never reads or writes the reader's storage (their saved
//! diagram, named diagrams and language: see `platform`);
//! `view=player|editor|full` chooses what shows; `gallery=<file stem>` opens a gallery scenario
//! (a shared link's fragment opens any scenario); `step=N` starts there; `autoplay=1` plays;
//! `theme=light|dark` and `lang=en|ko` override the browser's; `lesson=<id>` opens a lesson,
//! and with it `step=N` is the lesson's step; `present` lays the page out for a projector and
//! `notes=1` is the presenter's speaker notes window.

use crate::i18n::Lang;

/// What an embedded playground shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The diagram and the player: watch and step, no editing.
    Player,
    /// The palette, diagram and inspector: build, no player.
    Editor,
    /// Everything but the page header.
    Full,
}

impl View {
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Player => "player",
            View::Editor => "editor",
            View::Full => "full",
        }
    }

    /// The snippet's height in pixels: enough, in a 720 px column, for the view's diagram (at
    /// least 320 px tall; `static/app.css` keeps it from growing past what the frame leaves) and
    /// for the player's controls, step counter and narration below it.
    pub fn height(self) -> u32 {
        match self {
            View::Player => 800,
            View::Editor => 640,
            View::Full => 960,
        }
    }
}

/// Light or dark, whatever the host's reader prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
}

/// What the URL asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Set when the page is embedded (`embed=1`).
    pub embed: Option<View>,
    /// Play at once.
    pub autoplay: bool,
    /// Start at this step.
    pub step: Option<usize>,
    /// Colours.
    pub theme: Option<Theme>,
    /// Language.
    pub lang: Option<Lang>,
    /// A gallery scenario by file stem (`image-processing`).
    pub gallery: Option<String>,
    /// A lesson by id; `step` is then the lesson's step (1-based), not the player's.
    pub lesson: Option<String>,
    /// Laid out for a projector (`present`).
    pub present: bool,
    /// The speaker notes window (`notes=1`).
    pub notes: bool,
}

impl Params {
    /// Reads the query's pairs; unknown parameters and bad values are ignored (a host page's
    /// typo must not break the embed).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Params {
        let mut params = Params::default();
        let mut view = View::Full;
        let mut embed = false;
        for (key, value) in pairs {
            match key {
                "embed" => embed = matches!(value, "1" | "true" | "yes"),
                "view" => {
                    view = match value {
                        "player" => View::Player,
                        "editor" => View::Editor,
                        _ => View::Full,
                    }
                }
                "autoplay" => params.autoplay = matches!(value, "1" | "true" | "yes"),
                "step" => params.step = value.parse().ok(),
                "theme" => {
                    params.theme = match value {
                        "dark" => Some(Theme::Dark),
                        "light" => Some(Theme::Light),
                        _ => None,
                    }
                }
                "lang" => params.lang = matches!(value, "en" | "ko").then(|| Lang::from_tag(value)),
                "gallery" => params.gallery = Some(value.to_string()).filter(|v| !v.is_empty()),
                "present" => params.present = !matches!(value, "0" | "false" | "no"),
                "notes" => params.notes = matches!(value, "1" | "true" | "yes"),
                "lesson" => {
                    params.lesson = Some(value.to_string()).filter(|v| {
                        !v.is_empty()
                            && v.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    })
                }
                _ => {}
            }
        }
        params.embed = embed.then_some(view);
        params
    }

    /// Reads a query string (`?a=1&b=2`), decoding `%XX` and `+`.
    pub fn from_query(query: &str) -> Params {
        let decoded: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect();
        Params::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match text.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16)) {
                    Some(Ok(b)) => {
                        out.push(b);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The query for an embed of `view`.
pub fn query(view: View, autoplay: bool, lang: Lang) -> String {
    let mut query = format!("?embed=1&view={}", view.as_str());
    if autoplay {
        query.push_str("&autoplay=1");
    }
    query.push_str("&lang=");
    query.push_str(lang.code());
    query
}

/// An iframe snippet for a host page, `height` pixels tall ([`View::height`]) until the embed
/// sizes itself through `postMessage` (see `docs/embedding.md` for the few lines the host adds).
pub fn iframe_snippet(src: &str, title: &str, height: u32) -> String {
    let escape = crate::markup::escape;
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        escape(src),
        escape(title)
    )
}

/// A picture of the diagram for a poster: an SVG document, its size, and what it shows in words.
pub struct Picture {
    /// The SVG document.
    pub svg: String,
    /// Its width and height, as the SVG gives them.
    pub size: (String, String),
    /// What it shows, for readers who cannot see it.
    pub alt: String,
}

/// A poster snippet (the facade pattern): the diagram as a picture with its title, linking to
/// the playground; `embed.js` (beside the app) turns it into a Play button that replaces the
/// poster with the live embed at `src`. Nothing of the app loads until the reader presses Play.
pub fn poster_snippet(
    src: &str,
    open: &str,
    title: &str,
    height: u32,
    picture: &Picture,
    lang: Lang,
) -> String {
    let escape = crate::markup::escape;
    let data_url = format!(
        "data:image/svg+xml,{}",
        String::from(js_sys::encode_uri_component(&picture.svg))
    );
    format!(
        "<div class=\"lambda-playground-poster\" data-src=\"{}\" data-height=\"{height}\" data-title=\"{title}\" lang=\"{lang}\">\n  <a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\" /> {title}</a>\n</div>\n<script src=\"{}embed.js\" defer></script>",
        escape(src),
        escape(open),
        escape(&data_url),
        escape(&picture.alt),
        escape(&picture.size.0),
        escape(&picture.size.1),
        escape(&crate::platform::page_folder()),
        title = escape(title),
        lang = lang.code(),
    )
}

/// The message an embedded playground posts to its host whenever its height changes.
pub const HEIGHT_MESSAGE: &str = "lambda-destinations-playground:height";
/// The type of the message an embedded lesson posts to its host page after each change of the
/// learner's progress (`docs/embedding.md`).
pub const LESSON_MESSAGE: &str = "lambda-destinations-playground:lesson-progress";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embed_url_is_read_with_its_view_step_theme_and_language() {
        let p = Params::from_query(
            "?embed=1&view=player&step=12&autoplay=1&theme=dark&lang=ko&gallery=kinesis-dlq",
        );
        assert_eq!(p.embed, Some(View::Player));
        assert_eq!(p.step, Some(12));
        assert!(p.autoplay);
        assert_eq!(p.theme, Some(Theme::Dark));
        assert_eq!(p.lang, Some(Lang::Ko));
        assert_eq!(p.gallery.as_deref(), Some("kinesis-dlq"));
    }

    #[test]
    fn without_embed_nothing_is_hidden_and_bad_values_are_ignored() {
        let p = Params::from_query("?view=editor&step=-3&theme=purple&lang=fr&x=%ZZ&y=%");
        assert_eq!(p.embed, None);
        assert_eq!(p.step, None);
        assert_eq!(p.theme, None);
        assert_eq!(p.lang, None);
        assert_eq!(Params::from_query("").embed, None);
        assert_eq!(Params::from_query("?embed=1").embed, Some(View::Full));
    }

    #[test]
    fn the_snippet_escapes_what_would_break_out_of_its_attributes() {
        let snippet = iframe_snippet(
            "https://x/?embed=1&view=player#v1.ab\"c",
            "A <b> \"title\"",
            800,
        );
        assert!(snippet.contains("src=\"https://x/?embed=1&amp;view=player#v1.ab&quot;c\""));
        assert!(snippet.contains("title=\"A &lt;b&gt; &quot;title&quot;\""));
        assert_eq!(
            Params::from_query("?gallery=image%2Dprocessing")
                .gallery
                .as_deref(),
            Some("image-processing")
        );
    }
}
