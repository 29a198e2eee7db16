//! `cargo xtask test`: every check the project has, in the order a failure is cheapest to
//! see; `.ci/run` calls exactly this.

use crate::tools::{self, ensure_component, ensure_target, ensure_toolchain};
use crate::{cargo, root, run, suites, Result, CLI, CLIENT, CORE};
use std::time::Instant;

/// The bare-metal target that proves the core crate is `no_std`.
const NO_STD_TARGET: &str = "thumbv7em-none-eabihf";

/// The core's builds without `std`: (what, extra cargo arguments).
const NO_STD_BUILDS: [(&str, &[&str]); 4] = [
    ("no_std build", &[]),
    ("no_std build with serde", &["--features", "serde"]),
    (
        "no_std build with the embedded-io readers",
        &["--features", "embedded-io-async"],
    ),
    (
        "no_std build with the OpenAPI document",
        &["--features", "openapi"],
    ),
];

/// The crates for crates.io.
const PUBLISHED: [&str; 3] = [CORE, CLIENT, CLI];

/// Where `cargo package` builds the packages it verifies (relative to the workspace).
const VERIFY_TARGET: &str = "target/package-verify";

/// Removes what cargo kept of an earlier `cargo package`: the verification builds in
/// `target/package`, and the local registry's `.crate` files and unpacked sources. Cargo
/// treats registry crates as immutable by name and version, so it would verify this run's
/// packages against the old ones, compiled or unpacked (the version does not change between
/// runs).
fn forget_earlier_packages() -> Result {
    let package_dir = root().join("target/package");
    if package_dir.exists() {
        remove(&package_dir)?;
    }
    // The verification builds' own target dir: the crates.io dependencies stay built, ours
    // (which come from the local registry there) go.
    let built = root().join(VERIFY_TARGET).join("debug");
    for kind in ["deps", ".fingerprint", "build", "incremental"] {
        for entry in std::fs::read_dir(built.join(kind))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let name = name.strip_prefix("lib").unwrap_or(&name);
            if !name.starts_with("wattwaechter") {
                continue;
            }
            remove(&entry.path())?;
        }
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let ours = |name: &str| {
        PUBLISHED.iter().any(|p| {
            name.strip_prefix(p)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|version| version.starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    for kept in ["registry/src", "registry/cache"] {
        let Ok(registries) = std::fs::read_dir(cargo_home.join(kept)) else {
            continue;
        };
        for registry in registries.flatten() {
            let entries = std::fs::read_dir(registry.path()).into_iter().flatten();
            for entry in entries.flatten() {
                if !ours(&entry.file_name().to_string_lossy()) {
                    continue;
                }
                remove(&entry.path())?;
            }
        }
    }
    Ok(())
}

/// Removes a file or a folder with everything in it.
fn remove(path: &std::path::Path) -> Result {
    let removed = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    removed.map_err(|e| format!("{}: {e}", path.display()))
}

/// Every published crate builds with exactly its declared `rust-version` (rustup installs
/// it), the core also without `std`.
fn msrv() -> Result {
    for package in PUBLISHED {
        let version = tools::package_field(package, "rust_version")?;
        ensure_toolchain(&version)?;
        let mut builds = vec![vec!["-p", package]];
        if package == CORE {
            builds.push(vec![
                "-p",
                package,
                "--no-default-features",
                "--features",
                "serde",
            ]);
        }
        for args in builds {
            run(
                &format!(
                    "build {} with Rust {version} (its declared rust-version)",
                    args.join(" ")
                ),
                std::process::Command::new("cargo")
                    .arg(format!("+{version}"))
                    .args(["build", "--locked"])
                    .args(&args)
                    .arg("--target-dir")
                    .arg(root().join("target/msrv"))
                    .current_dir(root())
                    .env_remove("RUSTUP_TOOLCHAIN")
                    .env_remove("CARGO"),
            )?;
        }
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
    // The bare-metal example (its own workspace): SML from a UART on a Cortex-M4F.
    run(
        "examples/embedded-uart for thumbv7em-none-eabihf (embedded-io reader, fixed buffers)",
        cargo()
            .args(["build", "--release", "--locked", "--target", NO_STD_TARGET])
            .arg("--manifest-path")
            .arg(root().join("examples/embedded-uart/Cargo.toml")),
    )?;
    msrv()?;
    // The crates for crates.io, each built from its package (unpublished dependencies among
    // them come from a local registry cargo makes).
    forget_earlier_packages()?;
    run(
        "cargo package (core, client, CLI; each built from its package)",
        cargo()
            .arg("package")
            .args(PUBLISHED.iter().flat_map(|p| ["-p", p]))
            .args(["--locked", "--allow-dirty", "--target-dir", VERIFY_TARGET]),
    )?;
    run(
        "docs",
        cargo()
            .args(["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    suites::js_suite()?;
    suites::installed_cli()?;
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
