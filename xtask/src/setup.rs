//! `cargo xtask setup`: check every tool's version and install only what is missing.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::error::{Error, Result};
use crate::paths;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
const MIN_NODE_MAJOR: u32 = 20;
const WASM_OPT_VERSION: &str = "version_132";
const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A tool installed with `cargo install`, checked by `<bin> --version`.
struct CargoTool {
    krate: &'static str,
    version: &'static str,
    bins: &'static [&'static str],
    locked: bool,
}

/// wasm-bindgen-cli must match the `=0.2.130` pin in Cargo.toml exactly; it does
/// not build with `--locked` (a locked dependency is gone from the registry).
const WASM_BINDGEN: CargoTool = CargoTool {
    krate: "wasm-bindgen-cli",
    version: "0.2.130",
    bins: &["wasm-bindgen", "wasm-bindgen-test-runner"],
    locked: false,
};

/// Trunk 0.21.14 builds only with `--locked`; 0.22 needs a newer Rust.
const TRUNK: CargoTool = CargoTool {
    krate: "trunk",
    version: "0.21.14",
    bins: &["trunk"],
    locked: true,
};

/// Python tools that check the engine's exports (tests/tools/check_exports.py), pinned so the
/// checks answer the same everywhere; pip installs them into a virtualenv under target/.
const PYTHON_TOOLS: &[(&str, &str)] = &[
    ("cfn-lint", "1.58.0"),
    ("botocore", "1.44.8"),
    ("python-hcl2", "8.1.4"),
];

/// What `setup` should cover.
#[derive(Clone, Copy)]
pub struct Scope {
    /// Debian's chromium and chromedriver, and the Python export checkers (needed by the
    /// tests, not by serve/dist).
    pub browser: bool,
}

/// The virtualenv with [`PYTHON_TOOLS`]; crates/engine/tests/exports_real_tools.rs runs its
/// `bin/python`.
pub fn python_venv() -> PathBuf {
    paths::root().join("target").join("tools").join("venv")
}

/// Collects one line per tool: what was found, skipped or installed.
#[derive(Default)]
struct Report(Vec<String>);

impl Report {
    fn skipped(&mut self, what: &str) {
        self.0
            .push(format!("  skipped    {what} (already installed)"));
    }
    fn installed(&mut self, what: &str) {
        self.0.push(format!("  installed  {what}"));
    }
}

pub fn run(scope: Scope) -> Result<()> {
    println!("==> setup: checking tools");
    let mut report = Report::default();
    ensure_wasm_target(&mut report)?;
    ensure_cargo_tool(&WASM_BINDGEN, &mut report)?;
    ensure_cargo_tool(&TRUNK, &mut report)?;
    ensure_node()?;
    ensure_npm_packages(&mut report)?;
    if scope.browser {
        ensure_browser(&mut report)?;
        ensure_python_tools(&mut report)?;
    }
    println!("==> setup done:");
    report.0.iter().for_each(|line| println!("{line}"));
    Ok(())
}

fn ensure_wasm_target(report: &mut Report) -> Result<()> {
    let what = format!("rust target {WASM_TARGET}");
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .probe()
        .ok_or_else(|| {
            Error::msg("`rustup` not found: install Rust with rustup (https://rustup.rs)")
        })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        report.skipped(&what);
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()?;
    report.installed(&what);
    Ok(())
}

fn ensure_cargo_tool(tool: &CargoTool, report: &mut Report) -> Result<()> {
    let what = format!("{} {}", tool.krate, tool.version);
    if tool.bins.iter().all(|bin| has_version(bin, tool.version)) {
        report.skipped(&what);
        return Ok(());
    }
    println!("{what} is missing or has another version: installing (this compiles from source, several minutes)");
    let mut cmd = Cmd::new("cargo")
        .args(["install", tool.krate, "--version", tool.version])
        .arg("--force");
    if tool.locked {
        cmd = cmd.arg("--locked");
    }
    cmd.run()?;
    report.installed(&what);
    Ok(())
}

/// True when `<bin> --version` prints `<bin> <version>` (how trunk and wasm-bindgen answer).
fn has_version(bin: &str, version: &str) -> bool {
    Cmd::new(bin)
        .arg("--version")
        .probe()
        .is_some_and(|out| version_matches(&out, version))
}

fn version_matches(output: &str, version: &str) -> bool {
    output.split_whitespace().any(|word| word == version)
}

fn ensure_node() -> Result<()> {
    let version = Cmd::new("node").arg("--version").probe().ok_or_else(|| {
        Error::msg(format!(
            "Node.js is not installed: install Node.js {MIN_NODE_MAJOR} or newer with npm"
        ))
    })?;
    match node_major(&version) {
        Some(major) if major >= MIN_NODE_MAJOR => Ok(()),
        _ => Err(Error::msg(format!(
            "Node.js {version} found, but {MIN_NODE_MAJOR} or newer is needed (playwright-core)"
        ))),
    }
}

fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `npm ls` fails when anything in package.json is missing or at another version;
/// only then run `npm ci` from the committed lockfile.
fn ensure_npm_packages(report: &mut Report) -> Result<()> {
    let dir = paths::e2e_dir();
    let what = "npm dev tools (tests/e2e: playwright-core, binaryen)";
    let in_sync = Cmd::new("npm")
        .args(["ls", "--depth=0"])
        .dir(&dir)
        .probe()
        .is_some();
    if in_sync && wasm_opt_ok() {
        report.skipped(what);
        return Ok(());
    }
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .dir(&dir)
        .run()?;
    if !wasm_opt_ok() {
        return Err(Error::msg(format!(
            "{} does not print {WASM_OPT_VERSION} after `npm ci`",
            paths::node_bin().join("wasm-opt").display()
        )));
    }
    report.installed(what);
    Ok(())
}

fn wasm_opt_ok() -> bool {
    let wasm_opt = paths::node_bin().join("wasm-opt");
    Cmd::new(&wasm_opt.to_string_lossy())
        .arg("--version")
        .probe()
        .is_some_and(|out| out.contains(WASM_OPT_VERSION))
}

fn ensure_browser(report: &mut Report) -> Result<()> {
    let what = "chromium + chromium-driver (Debian)";
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        report.skipped(what);
        return Ok(());
    }
    if !is_root() {
        return Err(Error::msg(format!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing; as root run: \
             apt-get update && apt-get install -y chromium chromium-driver"
        )));
    }
    Cmd::new("apt-get").arg("update").run()?;
    Cmd::new("apt-get")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .run()?;
    report.installed(what);
    Ok(())
}

fn ensure_python_tools(report: &mut Report) -> Result<()> {
    let venv = python_venv();
    let python = venv.join("bin").join("python");
    let pins: Vec<String> = PYTHON_TOOLS
        .iter()
        .map(|(name, version)| format!("{name}=={version}"))
        .collect();
    let what = format!("python tools in target/tools/venv ({})", pins.join(", "));
    if python_tools_ok(&python) {
        report.skipped(&what);
        return Ok(());
    }
    if !python.exists() {
        Cmd::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .run()
            .map_err(|e| {
                Error::msg(format!(
                    "{e}: install Python 3.9+ with venv (Debian: apt-get install python3-venv)"
                ))
            })?;
    }
    Cmd::new(&python.to_string_lossy())
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(&pins)
        .run()?;
    if !python_tools_ok(&python) {
        return Err(Error::msg(format!(
            "{} does not list {} after `pip install`",
            python.display(),
            pins.join(", ")
        )));
    }
    report.installed(&what);
    Ok(())
}

/// `pip list --format=freeze` prints `name==version` per installed package.
fn python_tools_ok(python: &Path) -> bool {
    Cmd::new(&python.to_string_lossy())
        .args([
            "-m",
            "pip",
            "list",
            "--format=freeze",
            "--disable-pip-version-check",
        ])
        .probe()
        .is_some_and(|out| pins_installed(&out))
}

fn pins_installed(freeze: &str) -> bool {
    PYTHON_TOOLS.iter().all(|(name, version)| {
        freeze.lines().any(|line| {
            line.trim()
                .eq_ignore_ascii_case(&format!("{name}=={version}"))
        })
    })
}

fn is_root() -> bool {
    Cmd::new("id").arg("-u").probe().as_deref() == Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_match_whole_words_only() {
        assert!(version_matches("trunk 0.21.14", "0.21.14"));
        assert!(version_matches("wasm-bindgen 0.2.130\n", "0.2.130"));
        assert!(!version_matches("wasm-bindgen 0.2.1300", "0.2.130"));
        assert!(!version_matches("trunk 0.22.0", "0.21.14"));
    }

    #[test]
    fn python_pins_must_all_match_exactly() {
        let freeze = "botocore==1.44.8\ncfn-lint==1.58.0\npython-hcl2==8.1.4\nPyYAML==6.0.4\n";
        assert!(pins_installed(freeze));
        assert!(!pins_installed(&freeze.replace("1.58.0", "1.57.0")));
        assert!(!pins_installed("botocore==1.44.8\ncfn-lint==1.58.0\n"));
    }

    #[test]
    fn node_major_is_parsed() {
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major("v18.19.0\n"), Some(18));
        assert_eq!(node_major("node"), None);
    }
}
