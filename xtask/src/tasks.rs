//! The building blocks shared by the subcommands: builds, test layers, browser runs.

use std::path::Path;

use crate::cmd::Cmd;
use crate::error::{Error, Result};
use crate::paths;
use crate::server;
use crate::setup::{CHROMEDRIVER, WASM_TARGET};

/// Trunk runs with `offline = true`, so the crates must be in the cache first.
pub fn fetch_crates() -> Result<()> {
    Cmd::new("cargo").args(["fetch", "--locked"]).run()
}

/// `trunk serve` on 127.0.0.1:8080 (address and port come from Trunk.toml). It builds
/// into target/serve-dist so it never clobbers the release dist/ the tests use.
pub fn trunk_serve(release: bool) -> Result<()> {
    fetch_crates()?;
    println!("==> serving the playground on http://127.0.0.1:8080 (Ctrl-C stops)");
    Cmd::new("trunk")
        .arg("serve")
        .arg(format!("--release={release}"))
        .arg("--dist")
        .arg(paths::root().join("target").join("serve-dist"))
        .run()
}

/// Release build into dist/ (wasm-opt from node_modules/.bin is first on PATH), then the
/// player-only build (`player.html`, the crate without its `editor` feature) beside it, the
/// content-hashed tools worker and the service worker's precache list (`crate::offline`).
pub fn dist() -> Result<()> {
    fetch_crates()?;
    Cmd::new("trunk").args(["build", "--release"]).run()?;
    let player = paths::root().join("target").join("player-dist");
    Cmd::new("trunk")
        .args(["build", "player.html", "--release", "--dist"])
        .arg(&player)
        .run()?;
    crate::offline::finish(&paths::dist(), &player)
}

pub fn fmt_check() -> Result<()> {
    Cmd::new("cargo")
        .args(["fmt", "--all", "--", "--check"])
        .run()
}

pub fn clippy_native() -> Result<()> {
    Cmd::new("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()
}

/// Clippy on wasm32: the full app and the engine, then the player-only build (the app without
/// its `editor` feature).
pub fn clippy_wasm() -> Result<()> {
    Cmd::new("cargo")
        .args([
            "clippy",
            "-p",
            "playground",
            "-p",
            "engine",
            "--target",
            WASM_TARGET,
        ])
        .args(["--", "-D", "warnings"])
        .run()?;
    Cmd::new("cargo")
        .args(["clippy", "-p", "playground", "--no-default-features"])
        .args(["--target", WASM_TARGET, "--", "-D", "warnings"])
        .run()
}

pub fn native_tests() -> Result<()> {
    Cmd::new("cargo").args(["test", "--workspace"]).run()
}

/// wasm-bindgen-test in headless Chromium through chromedriver; the runner is set
/// in .cargo/config.toml and the Chromium flags come from webdriver.json.
pub fn component_tests() -> Result<()> {
    Cmd::new("cargo")
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .args(["test", "-p", "playground", "--target", WASM_TARGET])
        .run()
}

/// The browser benchmarks by name, each a script that prints its numbers against its budget.
pub const BENCHMARKS: [(&str, &str); 5] = [
    // navigation start -> [data-ready="true"]
    ("first-interactive", "tests/e2e/bench/first-interactive.mjs"),
    // opening a 200-node scenario, dragging one of its nodes
    ("editor", "tests/e2e/bench/editor-200.mjs"),
    // seeking in a run of about 100,000 events
    ("player", "tests/e2e/bench/player-scrub.mjs"),
    // frame times with 1,000 tokens in flight
    ("tokens", "tests/e2e/bench/tokens.mjs"),
    // first interactive on throttled networks, bytes over the wire, posters (gzip and Brotli)
    ("load", "tests/e2e/bench/load.mjs"),
];

/// The browser benchmarks (all, or the one named `only`) against a release build (`dist`)
/// served on a free local port, `runs` fresh browser profiles each.
pub fn bench_browser(dist: &Path, runs: u32, only: Option<&str>) -> Result<()> {
    if !dist.join("index.html").is_file() {
        return Err(Error::msg(format!(
            "{} holds no index.html: not a build of the playground",
            dist.display()
        )));
    }
    let base_url = server::serve_in_background(dist)?;
    for (name, script) in BENCHMARKS
        .iter()
        .filter(|(name, _)| only.is_none_or(|o| o == *name))
    {
        println!("==> browser benchmark: {name}");
        Cmd::new("node")
            .env("BASE_URL", &base_url)
            .env("BENCH_RUNS", runs.to_string())
            .env("DIST", dist)
            .arg(script)
            .run()?;
    }
    Ok(())
}
