//! `cargo xtask <command>`: the project's chores, each installing what a fresh machine lacks
//! before it works.
//!
//! * `demo` — start the simulator as the demo server on port 8321 (serving `www/` and `pkg/`
//!   when they exist) until Ctrl-C.
//! * `decode [FILE]` — decode a capture (default: a bundled real one) with the CLI.
//! * `test` — every check the project has (formatting, clippy, tests, the bare-metal no_std
//!   build, the fuzz targets' build); `.ci/run` calls exactly this.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The bare-metal target that proves the core crate is `no_std`.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";
/// The core crate.
const CORE: &str = "wattwaechter";
/// The command-line crate.
const CLI: &str = "wattwaechter-cli";
/// The simulator crate.
const SIM: &str = "wattwaechter-sim";
/// The capture `demo` decodes: a 4 KiB window with good, bad, cut and misaligned frames.
const DEMO_CAPTURE: &str = "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(&args[1..]),
        Some("decode") => decode(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 demo [ARGS]  start the simulator + demo server on http://127.0.0.1:8321 (ARGS go to wattwaechter-sim)\n  \
                 decode [FILE] decode a capture (default {DEMO_CAPTURE}) and print the report\n  \
                 test         run every check: fmt, clippy, tests, no_std build, fuzz build"
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

type Result<T = ()> = std::result::Result<T, String>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

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

/// Adds a rustup target unless it is already installed.
fn ensure_target(target: &str) -> Result {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup not found ({e}); install the target {target} by hand"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(());
    }
    run(
        &format!("install target {target}"),
        Command::new("rustup").args(["target", "add", target]),
    )
}

/// Adds a rustup component (clippy, rustfmt) unless its tool answers.
fn ensure_component(component: &str, probe: &[&str]) -> Result {
    let ok = cargo()
        .args(probe)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    run(
        &format!("install component {component}"),
        Command::new("rustup").args(["component", "add", component]),
    )
}

fn test() -> Result {
    let started = Instant::now();
    ensure_target(NO_STD_TARGET)?;
    ensure_component("rustfmt", &["fmt", "--version"])?;
    ensure_component("clippy", &["clippy", "--version"])?;
    run("format", cargo().args(["fmt", "--all", "--", "--check"]))?;
    run(
        "clippy",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    // Snapshots are compared, never written, by the test command.
    run(
        "tests",
        cargo()
            .args(["test", "--workspace", "--all-targets"])
            .env("INSTA_UPDATE", "no"),
    )?;
    run("doc tests", cargo().args(["test", "--workspace", "--doc"]))?;
    run(
        "no_std build",
        cargo().args([
            "build",
            "-p",
            CORE,
            "--target",
            NO_STD_TARGET,
            "--no-default-features",
        ]),
    )?;
    run(
        "no_std build with serde",
        cargo().args([
            "build",
            "-p",
            CORE,
            "--target",
            NO_STD_TARGET,
            "--no-default-features",
            "--features",
            "serde",
        ]),
    )?;
    run(
        "docs",
        cargo()
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    run(
        "fuzz targets build",
        cargo()
            .args(["check", "--manifest-path", "fuzz/Cargo.toml", "--bins"])
            .env("CARGO_TARGET_DIR", root().join("target/fuzz-check")),
    )?;
    eprintln!(
        "\nxtask test: every check passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn demo(args: &[String]) -> Result {
    let root = root();
    let mut sim_args: Vec<String> = Vec::new();
    if root.join("www/index.html").exists() {
        sim_args.extend(["--www".into(), root.join("www").display().to_string()]);
    }
    if root.join("pkg/package.json").exists() {
        sim_args.extend(["--pkg".into(), root.join("pkg").display().to_string()]);
    }
    sim_args.extend(args.iter().cloned());
    let mut cmd = cargo();
    cmd.args(["run", "--quiet", "--release", "-p", SIM, "--"])
        .args(&sim_args);
    run("wattwaechter-sim (Ctrl-C stops it)", &mut cmd)
}

fn decode(args: &[String]) -> Result {
    let capture = args.first().map(String::as_str).unwrap_or(DEMO_CAPTURE);
    run(
        &format!("wattwaechter decode {capture}"),
        cargo().args(["run", "--quiet", "-p", CLI, "--", "decode", capture]),
    )
}
