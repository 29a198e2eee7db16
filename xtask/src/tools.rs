//! Installs what a fresh machine lacks, pinned, and skips what is there: rustup targets,
//! components and toolchains, `wasm-bindgen-cli` in the locked version, the npm tools of a
//! folder (`npm ci` from its lock file), Debian's Chromium.

use crate::{cargo, root, run, Result};
use std::path::Path;
use std::process::Command;

/// Adds a rustup target unless it is already installed (for `toolchain`, or the default one).
pub fn ensure_target(target: &str, toolchain: Option<&str>) -> Result {
    let mut list = Command::new("rustup");
    if let Some(t) = toolchain {
        list.arg(format!("+{t}"));
    }
    let out = list
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup not found ({e}); install the target {target} by hand"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(());
    }
    let mut add = Command::new("rustup");
    add.args(["target", "add", target]);
    if let Some(t) = toolchain {
        add.args(["--toolchain", t]);
    }
    run(&format!("install target {target}"), &mut add)
}

/// Adds a rustup component (clippy, rustfmt) unless its tool answers.
pub fn ensure_component(component: &str, probe: &[&str]) -> Result {
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

/// Installs a rustup toolchain (minimal profile) unless it is there.
pub fn ensure_toolchain(version: &str) -> Result {
    let there = Command::new("rustup")
        .args(["run", version, "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if there {
        return Ok(());
    }
    run(
        &format!("install Rust {version} (rustup, minimal profile)"),
        Command::new("rustup").args(["toolchain", "install", version, "--profile", "minimal"]),
    )
}

/// A field (`version`, `rust_version`, …) of a package in the workspace's dependency graph
/// (`cargo metadata`).
pub fn package_field(package: &str, field: &str) -> Result<String> {
    let out = cargo()
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == package)
        .and_then(|p| p[field].as_str())
        .map(String::from)
        .ok_or_else(|| format!("{package} has no {field} in cargo metadata"))
}

/// Installs wasm-bindgen-cli in the version the crates use unless it is there (without
/// `--locked`: its lock file wants crate versions the registry here lacks).
pub fn ensure_wasm_bindgen() -> Result {
    let want = package_field("wasm-bindgen", "version")?;
    let have = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if have.as_deref() == Some(&format!("wasm-bindgen {want}")) {
        return Ok(());
    }
    run(
        &format!("install wasm-bindgen-cli {want} (about 4 minutes)"),
        cargo().args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]),
    )
}

/// `npm ci` in `dir` (relative to the root) unless every file of `probes` is in its
/// `node_modules` already; `ignore_scripts` leaves install scripts out (native addons a
/// benchmark does not load).
pub fn ensure_npm(dir: &str, probes: &[&str], ignore_scripts: bool) -> Result {
    let dir = root().join(dir);
    let modules = dir.join("node_modules");
    if probes.iter().all(|p| modules.join(p).exists()) {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund"]);
    if ignore_scripts {
        npm.arg("--ignore-scripts");
    }
    run(
        &format!("install npm tools in {} (npm ci, pinned)", dir.display()),
        npm.current_dir(&dir),
    )
}

/// The release toolchain of the npm package and the page: wasm-opt (npm `binaryen`, never
/// Debian's, whose output crashes), esbuild (the CommonJS build), uPlot (the page's charts),
/// Swagger UI (the API documentation).
pub fn ensure_release_tools() -> Result {
    ensure_npm(
        "tools/npm",
        &[
            ".bin/wasm-opt",
            ".bin/esbuild",
            "uplot/dist/uPlot.esm.js",
            "swagger-ui-dist/swagger-ui-bundle.js",
        ],
        false,
    )
}

/// A tool of the release toolchain (`tools/npm/node_modules/.bin/<name>`).
pub fn release_tool(name: &str) -> Command {
    Command::new(root().join("tools/npm/node_modules/.bin").join(name))
}

/// The test tools of `tests/js`: Playwright, TypeScript, the bundlers, the package linters,
/// axe-core.
pub fn ensure_test_tools() -> Result {
    ensure_npm(
        "tests/js",
        &[
            "playwright-core",
            "typescript",
            "vite",
            "publint",
            "@redocly/cli/bin/cli.js",
        ],
        false,
    )
}

/// Installs Debian's Chromium and ChromeDriver if they are missing (root on these machines).
pub fn ensure_chromium() -> Result {
    ensure_debian_packages(
        &["chromium", "chromium-driver"],
        &["/usr/bin/chromium", "/usr/bin/chromedriver"],
    )
}

/// socat (Debian), which makes the pseudo-terminal pairs the serial-port tests use.
pub fn ensure_socat() -> Result {
    ensure_debian_packages(&["socat"], &["/usr/bin/socat"])
}

/// Installs Debian `packages` unless every one of `files` is there already.
fn ensure_debian_packages(packages: &[&str], files: &[&str]) -> Result {
    if files.iter().all(|f| Path::new(f).exists()) {
        return Ok(());
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-qq"]),
    )?;
    run(
        &format!("install {}", packages.join(", ")),
        Command::new("apt-get")
            .args(["install", "-y", "-qq"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
