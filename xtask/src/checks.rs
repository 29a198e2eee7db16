//! `cargo xtask test`: every check the project has, in the order a failure is cheapest to
//! see; `.ci/run` calls exactly this.

use crate::tools::{ensure_component, ensure_target, ensure_toolchain};
use crate::{cargo, root, run, suites, Result, CLI, CORE};
use std::time::Instant;

/// The bare-metal target that proves the core crate is `no_std`.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";

/// The core's builds without `std`: (what, extra cargo arguments).
const NO_STD_BUILDS: [(&str, &[&str]); 2] = [
    ("no_std build", &[]),
    ("no_std build with serde", &["--features", "serde"]),
];

/// The workspace's declared `rust-version`, from `Cargo.toml`.
fn declared_rust_version() -> Result<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .map(|v| v.trim_end_matches('"').to_string())
        .ok_or_else(|| "Cargo.toml declares no rust-version".into())
}

/// The publishable crates build with exactly the declared `rust-version` (rustup installs it),
/// the core also without `std`.
fn msrv() -> Result {
    let version = declared_rust_version()?;
    ensure_toolchain(&version)?;
    let target_dir = root().join("target/msrv");
    for (what, args) in [
        (
            format!("build with Rust {version} (the declared rust-version): core and CLI"),
            vec!["-p", CORE, "-p", CLI],
        ),
        (
            format!("build with Rust {version}: core without std"),
            vec!["-p", CORE, "--no-default-features", "--features", "serde"],
        ),
    ] {
        run(
            &what,
            std::process::Command::new("cargo")
                .arg(format!("+{version}"))
                .args(["build", "--locked"])
                .args(args)
                .arg("--target-dir")
                .arg(&target_dir)
                .current_dir(root())
                .env_remove("RUSTUP_TOOLCHAIN")
                .env_remove("CARGO"),
        )?;
    }
    Ok(())
}

/// Runs every check.
pub fn test() -> Result {
    let started = Instant::now();
    ensure_target(NO_STD_TARGET, None)?;
    ensure_component("rustfmt", &["fmt", "--version"])?;
    ensure_component("clippy", &["clippy", "--version"])?;
    run("format", cargo().args(["fmt", "--all", "--", "--check"]))?;
    // The fuzz crate is outside the workspace, so `--all` does not reach it.
    run(
        "format (fuzz targets)",
        cargo().args(["fmt", "--manifest-path", "fuzz/Cargo.toml", "--", "--check"]),
    )?;
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
    // The core's own unit tests once more without `std`: the bare-metal code paths (the
    // 256-entry CRC table, the zero-run operator from its columns) run on the host.
    run(
        "core unit tests without std",
        cargo().args(["test", "-p", CORE, "--lib", "--no-default-features"]),
    )?;
    for (what, features) in NO_STD_BUILDS {
        run(
            what,
            cargo()
                .args(["build", "-p", CORE, "--target", NO_STD_TARGET])
                .arg("--no-default-features")
                .args(features),
        )?;
    }
    msrv()?;
    run(
        "docs",
        cargo()
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    suites::js_suite()?;
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
