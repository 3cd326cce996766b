//! What `cargo xtask dist` does after Trunk, so the build works offline and a new deploy is seen:
//!
//! 1. the tools worker's files (`tools.js`, `tools_bg.wasm`, `tools_loader.js`), which Trunk
//!    writes without content hashes, get them, and `index.html` names the hashed loader
//!    (`<meta name="tools-worker">`), so an old cached worker never meets a new app;
//! 2. the player-only build (built by Trunk into its own folder) joins the app as
//!    `player.html` and its files, and `index.html` names it (`<meta name="player">`), so an
//!    embedded player's address loads it instead of the full app;
//! 3. `sw.js` gets the list of every file of the build with its content hash (the precache
//!    list), so any changed file changes `sw.js` and the browser installs the new version, and
//!    `index.html` names it (`<meta name="service-worker">`; empty in development, where nothing
//!    is registered). The player's own files are not in it: the full app never loads them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Context, Error, Result};

/// The service worker's file, at the root of `dist/` (its scope is the folder it is in).
pub const SERVICE_WORKER: &str = "sw.js";

/// The line of `static/sw.js` that this step fills in.
const PRECACHE_MARKER: &str = "const PRECACHE = [];";

/// The tools worker's meta element as written in `index.html`.
const TOOLS_META: &str = r#"<meta name="tools-worker" content="tools_loader.js" />"#;

/// The service worker's meta element as written in `index.html`.
const SW_META: &str = r#"<meta name="service-worker" content="" />"#;

/// The player-only build's page in `dist/`.
pub const PLAYER_PAGE: &str = "player.html";

/// The player's meta element as written in `index.html`.
const PLAYER_META: &str = r#"<meta name="player" content="" />"#;

/// Finishes a Trunk build in `dist`, with the player-only build's Trunk output in `player`.
pub fn finish(dist: &Path, player: &Path) -> Result<()> {
    let loader = hash_tools(dist)?;
    let player_files = add_player(dist, player)?;
    let index = dist.join("index.html");
    let html = read(&index)?;
    let html = replace_once(
        &html,
        PLAYER_META,
        &format!(r#"<meta name="player" content="{PLAYER_PAGE}" />"#),
    )
    .context(|| format!("naming the player in {}", index.display()))?;
    let html = replace_once(
        &html,
        TOOLS_META,
        &format!(r#"<meta name="tools-worker" content="{loader}" />"#),
    )
    .context(|| format!("naming the tools worker in {}", index.display()))?;
    let html = replace_once(
        &html,
        SW_META,
        &format!(r#"<meta name="service-worker" content="{SERVICE_WORKER}" />"#),
    )
    .context(|| format!("naming the service worker in {}", index.display()))?;
    write(&index, html.as_bytes())?;
    write_precache(dist, &player_files)
}

/// Copies the player-only build into `dist`: its page as [`PLAYER_PAGE`], and each of its
/// files that the app does not already have (the stylesheets are the same). Returns the names
/// it added.
fn add_player(dist: &Path, player: &Path) -> Result<Vec<String>> {
    let mut added = Vec::new();
    let mut files = Vec::new();
    list_files(player, player, &mut files)?;
    for (relative, path) in files {
        let name = if relative == "index.html" {
            PLAYER_PAGE.to_string()
        } else {
            relative
        };
        let to = dist.join(&name);
        if to.exists() && name != PLAYER_PAGE {
            continue;
        }
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder).context(|| format!("creating {}", folder.display()))?;
        }
        fs::copy(&path, &to)
            .context(|| format!("copying {} to {}", path.display(), to.display()))?;
        added.push(name);
    }
    Ok(added)
}

/// FNV-1a, 64 bits, as 16 hex digits: a content hash for cache busting (not for security).
pub fn content_hash(data: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in data {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Renames the tools worker's three files to content-hashed names, pointing the loader at the
/// hashed glue and module. Returns the loader's new name.
fn hash_tools(dist: &Path) -> Result<String> {
    let glue = hashed(dist, "tools.js", |h| format!("tools-{h}.js"))?;
    let module = hashed(dist, "tools_bg.wasm", |h| format!("tools-{h}_bg.wasm"))?;
    let loader_path = dist.join("tools_loader.js");
    let loader = read(&loader_path)?;
    let loader = replace_once(&loader, "'./tools.js'", &format!("'./{glue}'"))
        .and_then(|text| replace_once(&text, "'./tools_bg.wasm'", &format!("'./{module}'")))
        .context(|| format!("pointing {} at the hashed files", loader_path.display()))?;
    let name = format!("tools_loader-{}.js", content_hash(loader.as_bytes()));
    write(&dist.join(&name), loader.as_bytes())?;
    fs::remove_file(&loader_path).context(|| format!("removing {}", loader_path.display()))?;
    Ok(name)
}

/// Renames `dist/name` to `to(hash of its bytes)` and returns the new name.
fn hashed(dist: &Path, name: &str, to: impl Fn(&str) -> String) -> Result<String> {
    let from = dist.join(name);
    let data = fs::read(&from).context(|| format!("reading {}", from.display()))?;
    let new_name = to(&content_hash(&data));
    fs::rename(&from, dist.join(&new_name))
        .context(|| format!("renaming {} to {new_name}", from.display()))?;
    Ok(new_name)
}

/// Writes the precache list into `dist/sw.js`: every file of the build but the service worker
/// itself, hidden files and `leave_out`, with its content hash.
fn write_precache(dist: &Path, leave_out: &[String]) -> Result<()> {
    let mut files = Vec::new();
    list_files(dist, dist, &mut files)?;
    files.sort();
    let mut entries = Vec::new();
    for (relative, path) in &files {
        if relative == SERVICE_WORKER || leave_out.contains(relative) {
            continue;
        }
        let data = fs::read(path).context(|| format!("reading {}", path.display()))?;
        entries.push(format!("  [{relative:?}, {:?}],", content_hash(&data)));
    }
    let list = format!("const PRECACHE = [\n{}\n];", entries.join("\n"));
    let sw_path = dist.join(SERVICE_WORKER);
    let sw = read(&sw_path)?;
    let sw = replace_once(&sw, PRECACHE_MARKER, &list)
        .context(|| format!("writing the precache list into {}", sw_path.display()))?;
    write(&sw_path, sw.as_bytes())
}

/// Every file under `dir` as (path relative to `root` with `/` separators, full path), hidden
/// files and folders left out.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries = fs::read_dir(dir).context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .context(|| format!("listing {}", dir.display()))?
            .path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((parts.join("/"), path.clone()));
        }
    }
    Ok(())
}

/// `text` with its one occurrence of `from` replaced; an error when `from` occurs not exactly
/// once (the source file changed and this step must follow).
fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(Error::msg(format!(
            "expected `{from}` once, found it {n} times"
        ))),
    }
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).context(|| format!("reading {}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<()> {
    fs::write(path, data).context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-offline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("gallery")).expect("scratch folder");
        dir
    }

    /// A fake Trunk build of the app in `dir`, and of the player in `dir/.player` (hidden, so
    /// the precache list leaves it out as it would a folder elsewhere).
    fn fake_build(dir: &Path, app: &str) {
        let player = dir.join(".player");
        fs::create_dir_all(&player).expect("scratch folder");
        for (name, text) in [
            ("index.html", "<head>player</head>"),
            ("player-2.js", "player glue"),
            ("style.css", "shared"),
        ] {
            fs::write(player.join(name), text).expect("fake file");
        }
        fs::write(dir.join("style.css"), "shared").expect("fake file");
        let files: [(&str, &str); 7] = [
            (
                "index.html",
                "<head>\n<meta name=\"player\" content=\"\" />\n<meta name=\"tools-worker\" content=\"tools_loader.js\" />\n<meta name=\"service-worker\" content=\"\" />\n</head>",
            ),
            ("app-1.js", app),
            ("tools.js", "glue"),
            ("tools_bg.wasm", "module"),
            (
                "tools_loader.js",
                "importScripts('./tools.js');\nwasm_bindgen({ module_or_path: './tools_bg.wasm' });\n",
            ),
            ("sw.js", "const VERSION = 1;\nconst PRECACHE = [];\n"),
            ("gallery/a.json", "{}"),
        ];
        for (name, text) in files {
            fs::write(dir.join(name), text).expect("fake file");
        }
        fs::write(dir.join("gallery/.gitkeep"), "").expect("fake file");
    }

    #[test]
    fn the_tools_files_get_content_hashes_and_the_page_names_the_loader() -> Result<()> {
        let dir = scratch("tools");
        fake_build(&dir, "app");
        finish(&dir, &dir.join(".player"))?;
        let glue = format!("tools-{}.js", content_hash(b"glue"));
        let module = format!("tools-{}_bg.wasm", content_hash(b"module"));
        assert!(dir.join(&glue).is_file());
        assert!(dir.join(&module).is_file());
        for old in ["tools.js", "tools_bg.wasm", "tools_loader.js"] {
            assert!(!dir.join(old).exists(), "{old} is left");
        }
        let html = read(&dir.join("index.html"))?;
        let loader = html
            .split(r#"<meta name="tools-worker" content=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .ok_or_else(|| Error::msg("no tools-worker meta"))?;
        assert!(loader.starts_with("tools_loader-"), "{html}");
        let loader_text = read(&dir.join(loader))?;
        assert!(
            loader_text.contains(&format!("'./{glue}'")),
            "{loader_text}"
        );
        assert!(
            loader_text.contains(&format!("'./{module}'")),
            "{loader_text}"
        );
        assert!(html.contains(r#"<meta name="service-worker" content="sw.js" />"#));
        let _ = fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn the_player_joins_the_app_as_player_html_and_stays_out_of_the_precache_list() -> Result<()> {
        let dir = scratch("player");
        fake_build(&dir, "app");
        finish(&dir, &dir.join(".player"))?;
        assert_eq!(read(&dir.join(PLAYER_PAGE))?, "<head>player</head>");
        assert_eq!(read(&dir.join("player-2.js"))?, "player glue");
        let html = read(&dir.join("index.html"))?;
        assert!(
            html.contains(r#"<meta name="player" content="player.html" />"#),
            "{html}"
        );
        let sw = read(&dir.join("sw.js"))?;
        assert!(sw.contains(r#"["style.css", "#), "{sw}");
        assert!(!sw.contains("player"), "{sw}");
        let _ = fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn the_precache_list_names_every_file_and_changes_with_any_of_them() -> Result<()> {
        let dir = scratch("precache");
        fake_build(&dir, "app");
        finish(&dir, &dir.join(".player"))?;
        let first = read(&dir.join("sw.js"))?;
        assert!(first.contains(r#"["gallery/a.json", "#), "{first}");
        assert!(first.contains(r#"["index.html", "#), "{first}");
        assert!(first.contains(r#"["app-1.js", ""#), "{first}");
        assert!(
            !first.contains(".gitkeep") && !first.contains(r#"["sw.js""#),
            "{first}"
        );
        assert!(first.contains("tools_loader-"), "{first}");

        let changed = scratch("precache-changed");
        fake_build(&changed, "app, changed");
        finish(&changed, &changed.join(".player"))?;
        assert_ne!(first, read(&changed.join("sw.js"))?);
        let _ = fs::remove_dir_all(&dir);
        let _ = fs::remove_dir_all(&changed);
        Ok(())
    }

    #[test]
    fn a_source_that_lost_its_marker_is_an_error() {
        let dir = scratch("marker");
        fake_build(&dir, "app");
        fs::write(dir.join("sw.js"), "// no list here").expect("fake file");
        assert!(finish(&dir, &dir.join(".player")).is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
