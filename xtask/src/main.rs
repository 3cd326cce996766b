//! Project automation for the Lambda Destinations Playground (`cargo xtask <command>`).

mod cmd;
mod error;
mod paths;
mod server;
mod setup;
mod size;
mod tasks;
mod test;

use std::process::ExitCode;

use error::{Error, Result};

const HELP: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  setup                 Check tool versions and install only what is missing: the wasm32
                        target, wasm-bindgen-cli 0.2.130, trunk 0.21.14, the npm dev tools
                        (playwright-core, binaryen/wasm-opt) and, as root, Debian's chromium
                        and chromium-driver.
  serve [--dev]         Set up (without the browser), then build and serve the playground on
                        http://127.0.0.1:8080 with live reload. Release build by default (what
                        is hosted and tested); --dev builds faster and keeps debug info.
  dist                  Release build into dist/ (a static site; works at /, under a sub-path
                        and inside an iframe).
  test                  Run every check in order: set-up, fmt, clippy (native and wasm32),
                        native tests, component tests in headless Chromium, dist, size budget,
                        end-to-end tests in headless Chromium against dist/.
  size                  Build dist/ and report wasm, JS, CSS and HTML bytes, raw and gzipped,
                        against the 250 KB gzipped budget.
  bench-browser [--runs N]
                        Build dist/, then measure navigation start -> [data-ready=\"true\"] in
                        headless Chromium, N fresh profiles (default 10); print median and p95.
  help                  Show this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => return test::run(),
        Some("setup") => setup::run(setup::Scope { browser: true }),
        Some("serve") => serve(&args[1..]),
        Some("dist") => dist(),
        Some("size") => size(),
        Some("bench-browser") => bench_browser(&args[1..]),
        Some("help" | "-h" | "--help") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(Error::msg(format!(
            "unknown command `{other}`; run `cargo xtask help`"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

const NO_BROWSER: setup::Scope = setup::Scope { browser: false };

fn serve(options: &[String]) -> Result<()> {
    let release = match options {
        [] => true,
        [flag] if flag == "--dev" => false,
        _ => return Err(Error::msg("usage: cargo xtask serve [--dev]")),
    };
    setup::run(NO_BROWSER)?;
    tasks::trunk_serve(release)
}

fn dist() -> Result<()> {
    setup::run(NO_BROWSER)?;
    tasks::dist()
}

fn size() -> Result<()> {
    dist()?;
    size::report(&paths::dist(), size::OverBudget::Fail)
}

fn bench_browser(options: &[String]) -> Result<()> {
    let runs = parse_runs(options)?;
    setup::run(setup::Scope { browser: true })?;
    tasks::dist()?;
    tasks::bench_browser(runs)
}

fn parse_runs(options: &[String]) -> Result<u32> {
    let usage = || Error::msg("usage: cargo xtask bench-browser [--runs N] (N >= 1)");
    match options {
        [] => Ok(10),
        [flag, n] if flag == "--runs" => n.parse().ok().filter(|n| *n >= 1).ok_or_else(usage),
        _ => Err(usage()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_default_to_ten_and_reject_garbage() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_runs(&[]).ok(), Some(10));
        assert_eq!(parse_runs(&args(&["--runs", "3"])).ok(), Some(3));
        assert!(parse_runs(&args(&["--runs", "0"])).is_err());
        assert!(parse_runs(&args(&["--runs", "x"])).is_err());
        assert!(parse_runs(&args(&["--fast"])).is_err());
    }
}
