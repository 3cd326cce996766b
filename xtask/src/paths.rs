//! Where things live in the repository and on the machine.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The repository root (the xtask crate sits one level below it).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The npm package holding the end-to-end tests and the node dev tools.
pub fn e2e_dir() -> PathBuf {
    root().join("tests").join("e2e")
}

/// `node_modules/.bin` of the e2e package: `wasm-opt` (binaryen) lives here.
pub fn node_bin() -> PathBuf {
    e2e_dir().join("node_modules").join(".bin")
}

/// Trunk's output directory.
pub fn dist() -> PathBuf {
    root().join("dist")
}

/// `$CARGO_HOME/bin`, where `cargo install` puts trunk and wasm-bindgen.
pub fn cargo_bin() -> PathBuf {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// The PATH given to every child process: the npm tools first (so Trunk finds
/// binaryen's `wasm-opt`), then cargo-installed tools, then the inherited PATH.
pub fn tool_path() -> OsString {
    let inherited = env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![node_bin(), cargo_bin()];
    dirs.extend(env::split_paths(&inherited));
    env::join_paths(dirs).unwrap_or(inherited)
}
