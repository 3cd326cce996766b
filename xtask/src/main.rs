//! Project automation for the Lambda Destinations Playground (`cargo xtask <command>`).

mod cmd;
mod e2e;
mod error;
mod offline;
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
  test [--repeat N] [--load]
                        Run every check in order: set-up, fmt, clippy (native and wasm32),
                        native tests, component tests in headless Chromium, dist, size ceilings,
                        end-to-end tests in headless Chromium against dist/. --repeat runs the
                        end-to-end step N times and lists each test that failed at least once;
                        --load runs a CPU-heavy job on every core beside all of it.
  e2e [--repeat N] [--load]
                        Set up, build dist/, then only the end-to-end step, as `test` runs it:
                        the quick way to shake out a flaky browser test.
  size                  Build dist/ and report each bundle (the full app's first download, the
                        tools worker, the service worker) raw, gzipped and Brotli-compressed;
                        fail when one is over its ceiling (xtask/src/size.rs).
  bench-browser [--runs N] [--only NAME] [--dist DIR]
                        Build dist/, then run the browser benchmarks in headless Chromium, N
                        fresh profiles each (default 10), and print each median and p95 with
                        its budget. NAME picks one: first-interactive (navigation start ->
                        [data-ready=\"true\"]), editor (open a 200-node scenario, drag a
                        node), player (seek in a run of about 100,000 events) or tokens
                        (frame times with 1,000 tokens in flight). --dist measures a
                        release build already in DIR instead of building dist/.
  help                  Show this text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => match parse_e2e(&args[1..], "test") {
            Ok(options) => return test::run(options),
            Err(e) => Err(e),
        },
        Some("e2e") => parse_e2e(&args[1..], "e2e").and_then(end_to_end),
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
    size::report(&paths::dist())
}

fn end_to_end(options: e2e::Options) -> Result<()> {
    setup::run(setup::Scope { browser: true })?;
    tasks::dist()?;
    let _load = options.load.then(e2e::Load::start);
    e2e::run(options.repeat)
}

/// Options of `test` and `e2e`: `--repeat N` (N >= 1) and `--load`.
fn parse_e2e(options: &[String], command: &str) -> Result<e2e::Options> {
    let usage = || {
        Error::msg(format!(
            "usage: cargo xtask {command} [--repeat N] [--load] (N >= 1)"
        ))
    };
    let mut parsed = e2e::Options::default();
    let mut rest = options.iter();
    while let Some(flag) = rest.next() {
        match flag.as_str() {
            "--load" => parsed.load = true,
            "--repeat" => {
                let value = rest.next().ok_or_else(usage)?;
                parsed.repeat = value.parse().ok().filter(|n| *n >= 1).ok_or_else(usage)?;
            }
            _ => return Err(usage()),
        }
    }
    Ok(parsed)
}

fn bench_browser(options: &[String]) -> Result<()> {
    let bench = parse_bench(options)?;
    setup::run(setup::Scope { browser: true })?;
    let dist = match bench.dist {
        Some(dir) => dir,
        None => {
            tasks::dist()?;
            paths::dist()
        }
    };
    tasks::bench_browser(&dist, bench.runs, bench.only.as_deref())
}

/// Options of `bench-browser`.
#[derive(Debug, PartialEq)]
struct Bench {
    runs: u32,
    only: Option<String>,
    dist: Option<std::path::PathBuf>,
}

fn parse_bench(options: &[String]) -> Result<Bench> {
    let names: Vec<&str> = tasks::BENCHMARKS.iter().map(|(name, _)| *name).collect();
    let usage = || {
        Error::msg(format!(
            "usage: cargo xtask bench-browser [--runs N] [--only NAME] [--dist DIR] \
             (N >= 1; NAME is one of {})",
            names.join(", ")
        ))
    };
    let mut bench = Bench {
        runs: 10,
        only: None,
        dist: None,
    };
    let mut rest = options.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(usage)?;
        match flag.as_str() {
            "--runs" => bench.runs = value.parse().ok().filter(|n| *n >= 1).ok_or_else(usage)?,
            "--only" if names.contains(&value.as_str()) => bench.only = Some(value.clone()),
            "--dist" => bench.dist = Some(value.into()),
            _ => return Err(usage()),
        }
    }
    Ok(bench)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn runs_default_to_ten_and_reject_garbage() {
        let runs = |v: &[&str]| parse_bench(&args(v)).ok().map(|b| b.runs);
        assert_eq!(runs(&[]), Some(10));
        assert_eq!(runs(&["--runs", "3"]), Some(3));
        assert_eq!(runs(&["--runs", "0"]), None);
        assert_eq!(runs(&["--runs", "x"]), None);
        assert_eq!(runs(&["--runs"]), None);
        assert_eq!(runs(&["--fast"]), None);
    }

    #[test]
    fn test_options_repeat_the_end_to_end_step_and_add_load() {
        let parse = |v: &[&str]| parse_e2e(&args(v), "test").ok();
        assert_eq!(parse(&[]), Some(e2e::Options::default()));
        assert_eq!(
            parse(&["--repeat", "10", "--load"]),
            Some(e2e::Options {
                repeat: 10,
                load: true
            })
        );
        assert_eq!(
            parse(&["--load"]).map(|o| (o.repeat, o.load)),
            Some((1, true))
        );
        assert_eq!(parse(&["--repeat", "0"]), None);
        assert_eq!(parse(&["--repeat"]), None);
        assert_eq!(parse(&["--repeat", "x"]), None);
        assert_eq!(parse(&["--fast"]), None);
    }

    #[test]
    fn only_names_one_benchmark() {
        let bench = |v: &[&str]| parse_bench(&args(v)).ok();
        assert_eq!(
            bench(&["--only", "player", "--runs", "2"]),
            Some(Bench {
                runs: 2,
                only: Some("player".into()),
                dist: None,
            })
        );
        assert_eq!(
            bench(&["--only", "editor"]).and_then(|b| b.only).as_deref(),
            Some("editor")
        );
        assert_eq!(
            bench(&["--only", "tokens"]).and_then(|b| b.only).as_deref(),
            Some("tokens")
        );
        assert_eq!(bench(&["--only", "everything"]), None);
        assert_eq!(bench(&["--only"]), None);
        assert_eq!(
            bench(&["--dist", "/tmp/site"]).and_then(|b| b.dist),
            Some("/tmp/site".into())
        );
    }
}
