//! `cargo xtask <command>`: the project's chores, each installing what a fresh machine lacks
//! before it works.
//!
//! * `demo` — build the npm package, then start the simulator as the demo server on port 8321
//!   with the diagnostic page at `/` until Ctrl-C.
//! * `decode [FILE]` — decode a capture (default: a bundled real one) with the CLI.
//! * `test` — every check the project has ([`checks`]); `.ci/run` calls exactly this.
//! * `pkg` — build the npm package into `pkg/` and report the size of each entry
//!   ([`package`]).
//! * `bench` — the benchmarks against the competitors, one table ([`bench`](mod@bench)).
//!
//! The modules: [`tools`] installs what is missing (pinned, skipped when present),
//! [`package`] builds the npm package, [`suites`] runs the JavaScript suites against
//! simulators, [`bench`](mod@bench) and [`checks`] are the commands.

mod bench;
mod checks;
mod package;
mod suites;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The core crate.
const CORE: &str = "wattwaechter";
/// The command-line crate.
const CLI: &str = "wattwaechter-cli";
/// The Rust device client crate.
const CLIENT: &str = "wattwaechter-client";
/// The simulator crate.
const SIM: &str = "wattwaechter-sim";
/// The wasm crate.
const WASM: &str = "wattwaechter-wasm";
/// The capture `decode` decodes by default: a 4 KiB window with good, bad, cut and misaligned
/// frames.
const DEMO_CAPTURE: &str = "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => checks::test(),
        Some("demo") => demo(&args[1..]),
        Some("decode") => decode(&args[1..]),
        Some("pkg") => package::build().map(|_| ()),
        Some("bench") => bench::bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 demo [ARGS]   the diagnostic page against the simulator on http://127.0.0.1:8321 (ARGS go to wattwaechter-sim)\n  \
                 decode [FILE] decode a capture (default {DEMO_CAPTURE}) and print the report\n  \
                 pkg           build the npm package into pkg/ and report its size\n  \
                 bench         SML pipeline vs sml-rs, SmlLib, smartmeter-obis; wasm in Node and Chromium; hostile inputs; dump peak memory; package size\n  \
                 test          every check: fmt, clippy, tests (also the core without std), no_std and MSRV builds, wasm, npm package, page, fuzz build"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A failure: what failed, for people.
type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// `cargo`, as the one running xtask, in the workspace root.
fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// Runs a command, echoing it; fails with its name when it fails.
fn run(step: &str, cmd: &mut Command) -> Result {
    eprintln!("\n== {step}");
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("{step}: cannot start: {e}"))?;
    if !status.success() {
        return Err(format!("{step}: failed ({status})"));
    }
    eprintln!("== {step}: ok ({:.1} s)", started.elapsed().as_secs_f64());
    Ok(())
}

fn demo(args: &[String]) -> Result {
    let root = root();
    // The page needs the package (and uPlot next to it).
    package::build()?;
    let mut sim_args: Vec<String> = vec![
        "--www".into(),
        root.join("www").display().to_string(),
        "--pkg".into(),
        root.join("pkg").display().to_string(),
    ];
    sim_args.extend(args.iter().cloned());
    let mut cmd = cargo();
    cmd.args(["run", "--quiet", "--release", "-p", SIM, "--"])
        .args(&sim_args);
    eprintln!(
        "\nopen http://127.0.0.1:8321/ (the diagnostic page; \"Load real sample\" or \"Connect\") and http://127.0.0.1:8321/docs/ (the API documentation)"
    );
    run("wattwaechter-sim (Ctrl-C stops it)", &mut cmd)
}

fn decode(args: &[String]) -> Result {
    let capture = args.first().map(String::as_str).unwrap_or(DEMO_CAPTURE);
    run(
        &format!("wattwaechter decode {capture}"),
        cargo().args(["run", "--quiet", "-p", CLI, "--", "decode", capture]),
    )
}
