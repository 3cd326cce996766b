//! `cargo xtask size`: the bytes of every bundle the browser loads, raw, gzipped and
//! Brotli-compressed, each against its recorded ceiling.
//!
//! The old 250 KB budget of the first download is retired (issue 16): what is held now is that
//! no bundle grows without a deliberate change. Each ceiling is the bundle's gzipped size when
//! it was recorded plus 2%; a bundle over its ceiling fails the step. When a change makes a
//! bundle smaller, record the new number so the gain is kept; when a change must make it
//! larger, raise the ceiling in the same commit and say why.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::error::{Context, Error, Result};

/// A set of top-level files of `dist/` that the browser loads together.
struct Bundle {
    /// Short name, used for its ceiling.
    name: &'static str,
    /// What it is and when it loads.
    label: &'static str,
    /// Whether a file (by name) belongs to it, given what the two pages load.
    holds: fn(&str, &Pages) -> bool,
    /// Its ceiling, in gzipped bytes.
    ceiling: u64,
}

/// The file kinds a browser loads as code, style or page.
const KINDS: [&str; 4] = ["wasm", "js", "css", "html"];

fn kind_of(name: &str) -> Option<&'static str> {
    KINDS
        .into_iter()
        .find(|kind| name.rsplit_once('.').is_some_and(|(_, ext)| ext == *kind))
}

/// The player-only build's ceiling: 384,764 gzipped bytes measured 2026-12-06 after lessons
/// moved into the tools worker and the phone's readable start (388,402 when it was added),
/// plus 2%.
const PLAYER_CEILING: u64 = 392_459;

/// The service worker, which the browser fetches after the app has started.
const AFTER_START: &str = crate::offline::SERVICE_WORKER;

/// What a documentation page with posters loads from the playground before a press.
const POSTER: [&str; 2] = ["embed.js", "embed.css"];

/// What the full app's page and the player-only build's page load: file names of `dist/`.
#[derive(Default)]
struct Pages {
    app: Vec<String>,
    player: Vec<String>,
}

impl Pages {
    /// Reads `index.html` and `player.html` in `dist` (a missing page loads nothing).
    fn read(dist: &Path) -> Pages {
        let loads = |page: &str| {
            let html = fs::read_to_string(dist.join(page)).unwrap_or_default();
            let mut names = loaded_by(&html);
            names.push(page.to_string());
            names
        };
        Pages {
            app: loads("index.html"),
            player: loads(crate::offline::PLAYER_PAGE),
        }
    }

    /// Whether only the player's page loads `name`.
    fn player_only(&self, name: &str) -> bool {
        self.player.iter().any(|n| n == name) && !self.app.iter().any(|n| n == name)
    }
}

/// The files beside it that a page names (`href="./x"` or `src="./x"`), as Trunk writes them.
fn loaded_by(html: &str) -> Vec<String> {
    html.split("=\"./")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The bundles, with their ceilings: gzipped bytes measured on 2026-12-06 (poster 2,776 and
/// service worker 2,312 after versions and aliases landed; tools 411,730 after the lessons'
/// state, recorder and dialogs moved from the page into the tools worker, and app 506,352 after
/// that and the phone's readable start), plus 2%.
const BUNDLES: &[Bundle] = &[
    Bundle {
        name: "app",
        label: "full app, first download (page, script, styles, app wasm)",
        holds: |name, pages| {
            kind_of(name).is_some()
                && !name.starts_with("tools")
                && name != AFTER_START
                && !POSTER.contains(&name)
                && !pages.player_only(name)
        },
        ceiling: 516_479,
    },
    Bundle {
        name: "player",
        label: "player-only build for embeds and posters (player.html and what it loads)",
        holds: |name, pages| pages.player.iter().any(|n| n == name),
        ceiling: PLAYER_CEILING,
    },
    Bundle {
        name: "tools",
        label: "tools worker (exports, imports, lessons), on first use",
        holds: |name, _| name.starts_with("tools") && kind_of(name).is_some(),
        ceiling: 419_965,
    },
    Bundle {
        name: "poster",
        label: "poster script and styles (embed.js, embed.css), on a page with posters",
        holds: |name, _| POSTER.contains(&name),
        ceiling: 2_832,
    },
    Bundle {
        name: "sw",
        label: "service worker, after start",
        holds: |name, _| name == AFTER_START,
        ceiling: 2_358,
    },
];

/// Sizes of a set of files.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
struct Bytes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Bytes {
    fn add(self, other: Bytes) -> Bytes {
        Bytes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
            brotli: self.brotli + other.brotli,
        }
    }
}

/// Measures every bundle of `dist`, prints a table, and fails when `dist` has no app wasm or a
/// bundle is over its ceiling.
pub fn report(dist: &Path) -> Result<()> {
    let pages = Pages::read(dist);
    let mut measured = Vec::new();
    for bundle in BUNDLES {
        measured.push((bundle, measure(dist, |name| (bundle.holds)(name, &pages))?));
    }
    println!(
        "{:<8}{:>12}{:>12}{:>12}{:>12}  what",
        "bundle", "raw", "gzip", "brotli", "ceiling"
    );
    for (bundle, bytes) in &measured {
        println!(
            "{:<8}{:>12}{:>12}{:>12}{:>12}  {}",
            bundle.name, bytes.raw, bytes.gzip, bytes.brotli, bundle.ceiling, bundle.label
        );
    }
    check(&measured)
}

fn check(measured: &[(&Bundle, Bytes)]) -> Result<()> {
    let missing = measured
        .iter()
        .any(|(bundle, bytes)| ["app", "player"].contains(&bundle.name) && bytes.raw == 0);
    if missing {
        return Err(Error::msg(
            "no app or player files in dist/: run `cargo xtask dist` first",
        ));
    }
    let over: Vec<String> = measured
        .iter()
        .filter(|(bundle, bytes)| bytes.gzip > bundle.ceiling)
        .map(|(bundle, bytes)| {
            format!(
                "{} is {} bytes gzipped, over its ceiling of {} (xtask/src/size.rs)",
                bundle.name, bytes.gzip, bundle.ceiling
            )
        })
        .collect();
    if over.is_empty() {
        Ok(())
    } else {
        Err(Error::msg(over.join("; ")))
    }
}

/// The bytes of every top-level file of `dist` that `holds` accepts.
fn measure(dist: &Path, holds: impl Fn(&str) -> bool) -> Result<Bytes> {
    let entries = fs::read_dir(dist).context(|| format!("reading {}", dist.display()))?;
    let mut sum = Bytes::default();
    for entry in entries {
        let path = entry
            .context(|| format!("listing {}", dist.display()))?
            .path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_file() && holds(name) {
            let data = fs::read(&path).context(|| format!("reading {}", path.display()))?;
            sum = sum.add(Bytes {
                raw: data.len() as u64,
                gzip: gzip_len(&data)?,
                brotli: brotli_len(&data)?,
            });
        }
    }
    Ok(sum)
}

fn gzip_len(data: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map(|out| out.len() as u64)
        .context(|| "gzip-compressing".into())
}

/// Brotli at quality 11, as files pre-compressed for a host that serves them.
fn brotli_len(data: &[u8]) -> Result<u64> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .map(|_| out.len() as u64)
        .context(|| "Brotli-compressing".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_and_brotli_shrink_repetitive_data() -> Result<()> {
        let data = vec![b'a'; 10_000];
        let (gzip, brotli) = (gzip_len(&data)?, brotli_len(&data)?);
        assert!(gzip > 0 && gzip < 200, "gzip length {gzip}");
        assert!(brotli > 0 && brotli < 200, "Brotli length {brotli}");
        Ok(())
    }

    #[test]
    fn files_go_to_their_bundle() {
        let pages = Pages {
            app: loaded_by(
                r#"<link href="./style-1.css"><link rel="preload" href="./playground-1a2b_bg.wasm">"#,
            ),
            player: loaded_by(r#"<link href="./style-1.css"><script src="./playground-3c4d.js">"#)
                .into_iter()
                .chain(["player.html".to_string()])
                .collect(),
        };
        let bundle_of = |name: &str| {
            BUNDLES
                .iter()
                .filter(|b| (b.holds)(name, &pages))
                .map(|b| b.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(bundle_of("playground-1a2b_bg.wasm"), ["app"]);
        assert_eq!(bundle_of("index.html"), ["app"]);
        assert_eq!(bundle_of("style-1.css"), ["app", "player"]);
        assert_eq!(bundle_of("playground-3c4d.js"), ["player"]);
        assert_eq!(bundle_of("player.html"), ["player"]);
        assert_eq!(bundle_of("tools_loader-9f.js"), ["tools"]);
        assert_eq!(bundle_of(AFTER_START), ["sw"]);
        assert_eq!(bundle_of("embed.js"), ["poster"]);
        assert!(bundle_of("manifest.webmanifest").is_empty());
    }

    #[test]
    fn a_bundle_over_its_ceiling_fails_and_one_under_passes() {
        let app = &BUNDLES[0];
        let bytes = |gzip| Bytes {
            raw: 1,
            gzip,
            brotli: 1,
        };
        assert!(check(&[(app, bytes(app.ceiling))]).is_ok());
        let error = check(&[(app, bytes(app.ceiling + 1))])
            .expect_err("over the ceiling")
            .to_string();
        assert!(error.contains("app is"), "{error}");
        assert!(check(&[(app, Bytes::default())]).is_err(), "no app files");
        let player = &BUNDLES[1];
        assert!(
            check(&[(app, bytes(1)), (player, Bytes::default())]).is_err(),
            "no player files"
        );
    }
}
