//! `cargo xtask size`: the bytes of the initial load, raw and gzipped, against the budget.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::error::{Context, Error, Result};

/// Initial load budget from the issue: 250 KB gzipped in total (KB = 1000 bytes).
pub const BUDGET_GZIP_BYTES: u64 = 250_000;

/// The file kinds a browser fetches on first load, in the order they are reported.
const KINDS: [&str; 4] = ["wasm", "js", "css", "html"];

#[derive(Default, Clone, Copy)]
struct Bytes {
    raw: u64,
    gzip: u64,
}

impl Bytes {
    fn add(self, other: Bytes) -> Bytes {
        Bytes {
            raw: self.raw + other.raw,
            gzip: self.gzip + other.gzip,
        }
    }
}

/// What to do when the initial load is over budget.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OverBudget {
    /// Fail (`cargo xtask size`).
    Fail,
    /// Print a warning and go on (`cargo xtask test`: the budget is tracked on the issue, and a
    /// red CI would block every other change).
    Warn,
}

/// Measures the top-level files of `dist` and prints a table.
/// Fails when `dist` is missing or empty, and when the gzipped total is over budget unless
/// `over` is [`OverBudget::Warn`].
pub fn report(dist: &Path, over: OverBudget) -> Result<()> {
    let rows = KINDS
        .iter()
        .map(|kind| measure_kind(dist, kind, false).map(|bytes| (*kind, bytes)))
        .collect::<Result<Vec<_>>>()?;
    let total = rows
        .iter()
        .fold(Bytes::default(), |acc, (_, b)| acc.add(*b));
    print_table(&rows, total);
    let later = KINDS
        .iter()
        .map(|kind| measure_kind(dist, kind, true))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .fold(Bytes::default(), Bytes::add);
    println!(
        "loaded after start (the service worker; the tools worker: exports and imports): {:.1} KB gzipped, {:.1} KB raw",
        kb(later.gzip),
        kb(later.raw)
    );
    match check_budget(total, &rows) {
        Err(e) if over == OverBudget::Warn && total.gzip > BUDGET_GZIP_BYTES => {
            println!("WARNING: BUDGET NOT MET: {e}");
            Ok(())
        }
        other => other,
    }
}

fn print_table(rows: &[(&str, Bytes)], total: Bytes) {
    println!("{:<8}{:>12}{:>12}", "kind", "raw bytes", "gzip bytes");
    for (kind, bytes) in rows {
        println!("{kind:<8}{:>12}{:>12}", bytes.raw, bytes.gzip);
    }
    println!("{:<8}{:>12}{:>12}", "total", total.raw, total.gzip);
    println!(
        "initial load: {:.1} KB gzipped of a {:.0} KB budget ({:.0}%)",
        kb(total.gzip),
        kb(BUDGET_GZIP_BYTES),
        100.0 * total.gzip as f64 / BUDGET_GZIP_BYTES as f64
    );
}

fn check_budget(total: Bytes, rows: &[(&str, Bytes)]) -> Result<()> {
    let wasm_missing = rows.iter().any(|(kind, b)| *kind == "wasm" && b.raw == 0);
    if wasm_missing {
        return Err(Error::msg(
            "no .wasm file in dist/: run `cargo xtask dist` first",
        ));
    }
    if total.gzip > BUDGET_GZIP_BYTES {
        return Err(Error::msg(format!(
            "initial load is {:.1} KB gzipped, over the {:.0} KB budget",
            kb(total.gzip),
            kb(BUDGET_GZIP_BYTES)
        )));
    }
    Ok(())
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// Files of the worker that the page starts only when an export or an import is asked for: not
/// part of the initial load.
const ON_DEMAND_PREFIX: &str = "tools";

/// The service worker, which the browser fetches after the app has started: not part of the
/// initial load either.
const AFTER_START: &str = crate::offline::SERVICE_WORKER;

/// The bytes of every top-level file of `kind`: those loaded at start, or those on demand.
fn measure_kind(dist: &Path, kind: &str, on_demand: bool) -> Result<Bytes> {
    let entries = fs::read_dir(dist).context(|| format!("reading {}", dist.display()))?;
    let mut sum = Bytes::default();
    for entry in entries {
        let path = entry
            .context(|| format!("listing {}", dist.display()))?
            .path();
        let later = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(ON_DEMAND_PREFIX) || n == AFTER_START);
        if path.is_file() && path.extension().is_some_and(|e| e == kind) && later == on_demand {
            let data = fs::read(&path).context(|| format!("reading {}", path.display()))?;
            sum = sum.add(Bytes {
                raw: data.len() as u64,
                gzip: gzip_len(&data)?,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_data() -> Result<()> {
        let data = vec![b'a'; 10_000];
        let len = gzip_len(&data)?;
        assert!(len > 0 && len < 200, "gzip length {len}");
        Ok(())
    }

    #[test]
    fn over_budget_is_an_error() {
        let wasm = Bytes { raw: 1, gzip: 1 };
        let rows = [("wasm", wasm)];
        assert!(check_budget(Bytes { raw: 1, gzip: 1 }, &rows).is_ok());
        let huge = Bytes {
            raw: 1,
            gzip: BUDGET_GZIP_BYTES + 1,
        };
        assert!(check_budget(huge, &rows).is_err());
        assert!(check_budget(Bytes::default(), &[("wasm", Bytes::default())]).is_err());
    }
}
