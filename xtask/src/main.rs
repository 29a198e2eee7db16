//! `cargo xtask <command>`: the project's chores, each installing what a fresh machine lacks
//! before it works.
//!
//! * `demo` — build the npm package, then start the simulator as the demo server on port 8321
//!   with the diagnostic page at `/` until Ctrl-C.
//! * `decode [FILE]` — decode a capture (default: a bundled real one) with the CLI.
//! * `test` — every check the project has (formatting, clippy, tests, the core's unit tests
//!   without `std` too, the bare-metal no_std build, the wasm crate in Node and headless
//!   Chromium, the npm package's packaging tests, the fuzz targets' build); `.ci/run` calls
//!   exactly this.
//! * `pkg` — build the npm package into `pkg/` and report the `.wasm` size.
//! * `bench` — the native SML pipeline vs sml-rs (criterion), SmlLib (Python) and
//!   smartmeter-obis (Node) on the same bytes, the npm package in Node and headless Chromium,
//!   the dump decoder's peak memory and the package size; prints one table.

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
/// The wasm crate.
const WASM: &str = "wattwaechter-wasm";
/// The capture `demo` decodes: a 4 KiB window with good, bad, cut and misaligned frames.
const DEMO_CAPTURE: &str = "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(&args[1..]),
        Some("decode") => decode(&args[1..]),
        Some("pkg") => pkg().map(|_| ()),
        Some("bench") => bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 demo [ARGS]  the diagnostic page against the simulator on http://127.0.0.1:8321 (ARGS go to wattwaechter-sim)\n  \
                 decode [FILE] decode a capture (default {DEMO_CAPTURE}) and print the report\n  \
                 pkg          build the npm package into pkg/ and report its size\n  \
                 bench        SML pipeline vs sml-rs, SmlLib, smartmeter-obis; wasm in Node and Chromium; dump peak memory; package size\n  \
                 test         run every check: fmt, clippy, tests (also the core without std), no_std build, fuzz build"
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

/// The wasm-bindgen version in Cargo.lock (the CLI must match it exactly).
fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// Installs wasm-bindgen-cli in the locked version unless it is there (without `--locked`:
/// its lock file wants crate versions the registry here lacks).
fn ensure_wasm_bindgen() -> Result {
    let want = wasm_bindgen_version()?;
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

/// Installs the JS tools (wasm-opt from npm `binaryen`, playwright-core, esbuild, TypeScript).
fn ensure_js_tools() -> Result {
    let dir = root().join("tests/js");
    if dir.join("node_modules/.bin/wasm-opt").exists()
        && dir.join("node_modules/playwright-core").exists()
    {
        return Ok(());
    }
    run(
        "install JS tools (npm ci)",
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )
}

/// One entry of the npm package: a build of the wasm crate with its own `.wasm`.
struct Entry {
    /// What the entry holds (for the size report).
    what: &'static str,
    /// The cargo feature arguments of its build.
    features: &'static [&'static str],
    /// Its directory, relative to the workspace root.
    dir: &'static str,
    /// The name of its files (`{name}.js`, `{name}_bg.wasm`, …).
    name: &'static str,
    /// Issue 8's budget for its gzipped `.wasm`, where it has one.
    gzipped_budget: Option<u64>,
}

/// `import … from "wattwaechter"` (everything) and `"wattwaechter/decoders"` (no client).
const ENTRIES: [Entry; 2] = [
    Entry {
        what: "`wattwaechter` (decoders and device client)",
        features: &[],
        dir: "pkg",
        name: "wattwaechter",
        // A guard against regressions, not a target (the device client is 60 % of it).
        gzipped_budget: Some(280 * 1024),
    },
    Entry {
        what: "`wattwaechter/decoders` (decoders only)",
        features: &["--no-default-features"],
        dir: "pkg/decoders",
        name: "decoders",
        // A guard against regressions, not a target: a page that only decodes downloads at
        // most 120 KiB of gzipped `.wasm`.
        gzipped_budget: Some(120 * 1024),
    },
];

/// The `.wasm` of one entry: bytes raw and gzipped.
struct WasmSize {
    what: &'static str,
    raw: u64,
    gzipped: u64,
}

/// Builds the npm package into `pkg/` (both entries); returns the size of each `.wasm`.
fn pkg() -> Result<Vec<WasmSize>> {
    ensure_target("wasm32-unknown-unknown")?;
    ensure_wasm_bindgen()?;
    ensure_js_tools()?;
    let root = root();
    let built = root.join("target/wasm32-unknown-unknown/wasm-release/wattwaechter_wasm.wasm");
    let mut sizes = Vec::new();
    for entry in &ENTRIES {
        run(
            &format!("build wasm: {}", entry.what),
            cargo()
                .args([
                    "build",
                    "-p",
                    WASM,
                    "--target",
                    "wasm32-unknown-unknown",
                    "--profile",
                    "wasm-release",
                ])
                .args(entry.features),
        )?;
        run(
            "wasm-bindgen --target web",
            Command::new("wasm-bindgen")
                .args(["--target", "web", "--out-name", entry.name, "--out-dir"])
                .arg(root.join(entry.dir))
                .arg(&built),
        )?;
        let wasm = root.join(entry.dir).join(format!("{}_bg.wasm", entry.name));
        run(
            "wasm-opt -Oz",
            Command::new(root.join("tests/js/node_modules/.bin/wasm-opt"))
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                    "-o",
                ])
                .arg(&wasm)
                .arg(&wasm),
        )?;
        let raw = std::fs::metadata(&wasm)
            .map_err(|e| format!("{}: {e}", wasm.display()))?
            .len();
        sizes.push(WasmSize {
            what: entry.what,
            raw,
            gzipped: gzip_len(&wasm)?,
        });
    }
    vendor_www()?;
    eprintln!();
    for s in &sizes {
        eprintln!(
            "pkg: {}: .wasm {} bytes ({:.1} KiB), gzipped {} bytes ({:.1} KiB)",
            s.what,
            s.raw,
            s.raw as f64 / 1024.0,
            s.gzipped,
            s.gzipped as f64 / 1024.0
        );
    }
    Ok(sizes)
}

/// Checks every entry that has a budget against it. The build is deterministic, so this is a
/// size check, not a timed one.
fn within_budgets(sizes: &[WasmSize]) -> Result {
    for (entry, size) in ENTRIES.iter().zip(sizes) {
        let Some(budget) = entry.gzipped_budget else {
            continue;
        };
        if size.gzipped > budget {
            return Err(format!(
                "{}: {} bytes gzipped, above the budget of {budget}",
                entry.what, size.gzipped
            ));
        }
        eprintln!(
            "== size budget: {} {} of {budget} bytes gzipped: ok",
            entry.what, size.gzipped
        );
    }
    Ok(())
}

/// Copies the page's chart library (uPlot, from npm) into `www/vendor/`.
fn vendor_www() -> Result {
    let root = root();
    let from = root.join("tests/js/node_modules/uplot/dist");
    let to = root.join("www/vendor");
    std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for f in ["uPlot.esm.js", "uPlot.min.css"] {
        std::fs::copy(from.join(f), to.join(f)).map_err(|e| format!("copying {f}: {e}"))?;
    }
    Ok(())
}

fn gzip_len(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Installs Debian's Chromium and ChromeDriver if they are missing (root on these machines).
fn ensure_chromium() -> Result {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-qq"]),
    )?;
    run(
        "install chromium and chromium-driver",
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Simulators for the JS tests; stopped when dropped (also when a step fails).
struct Simulators(Vec<std::process::Child>);

impl Drop for Simulators {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// Starts one simulator per configuration; returns them with their URLs.
fn start_simulators(configs: &[&[&str]]) -> Result<(Simulators, Vec<String>)> {
    let bin = root().join("target/release/wattwaechter-sim");
    let mut sims = Simulators(Vec::new());
    let mut urls = Vec::new();
    for args in configs {
        let port = free_port()?;
        let child = Command::new(&bin)
            .args(["--port", &port.to_string(), "--control"])
            .args(*args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("starting the simulator: {e}"))?;
        sims.0.push(child);
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let up = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::net::TcpStream::connect(addr).is_ok()
        });
        if !up {
            return Err(format!("the simulator on port {port} did not start"));
        }
        urls.push(format!("http://127.0.0.1:{port}"));
    }
    Ok((sims, urls))
}

/// The package's tests: the wasm crate in Node and headless Chromium against simulators, then
/// the packed npm package imported every way.
fn js_suite() -> Result {
    ensure_target("wasm32-unknown-unknown")?;
    ensure_wasm_bindgen()?;
    ensure_js_tools()?;
    ensure_chromium()?;
    for (what, targets) in [
        ("clippy (wasm)", ["--all-targets", "--all-features"]),
        (
            "clippy (wasm, decoders only)",
            ["--lib", "--no-default-features"],
        ),
    ] {
        run(
            what,
            cargo()
                .args(["clippy", "-p", WASM, "--target", "wasm32-unknown-unknown"])
                .args(targets)
                .args(["--", "-D", "warnings"]),
        )?;
    }
    run(
        "build simulator",
        cargo().args(["build", "-p", SIM, "--release"]),
    )?;
    let (sims, urls) = start_simulators(&[
        &["--cors", "--no-rate-limit", "--selftest-ms", "10"],
        &[],
        &["--cors"],
        &["--cors"],
    ])?;
    let env = [
        ("WW_SIM", urls[0].as_str()),
        ("WW_SIM_NOCORS", urls[1].as_str()),
        ("WW_SIM_LIMITED", urls[2].as_str()),
        ("WW_SIM_BURST", urls[3].as_str()),
        (
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        ),
        ("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ];
    for (suite, what) in [
        ("node", "wasm tests in Node"),
        ("browser", "wasm tests in headless Chromium"),
    ] {
        run(
            what,
            cargo()
                .args([
                    "test",
                    "-p",
                    WASM,
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    suite,
                ])
                .envs(env),
        )?;
    }
    let sizes = pkg()?;
    within_budgets(&sizes)?;
    let host = urls[0].trim_start_matches("http://").to_string();
    run(
        "packaging tests (npm pack; Node, script module, Worker, esbuild, tsc, README)",
        Command::new("node")
            .args(["--test", "packaging.test.mjs"])
            .current_dir(root().join("tests/js"))
            .env("WW_SIM", &urls[0])
            .env("WW_SIM_BIN", root().join("target/release/wattwaechter-sim"))
            .env("WATTWAECHTER_HOST", host),
    )?;
    run(
        "attacks on the packed package (hostile fake devices, hostile inputs)",
        Command::new("node")
            .args(["--test", "attacks.test.mjs"])
            .current_dir(root().join("tests/js")),
    )?;
    run(
        "diagnostic page end to end (Chromium; screenshots in tests/js/out/screenshots)",
        Command::new("node")
            .args(["--test", "page.test.mjs"])
            .current_dir(root().join("tests/js"))
            .env("WW_SIM_BIN", root().join("target/release/wattwaechter-sim")),
    )?;
    drop(sims);
    Ok(())
}

/// A number from criterion's JSON: the value after `"key":` (first occurrence after `after`).
fn json_number(text: &str, after: &str, key: &str) -> Option<f64> {
    let start = text.find(after)? + after.len();
    let rest = &text[start..];
    let at = rest.find(&format!("\"{key}\":"))? + key.len() + 3;
    let num: String = rest[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        .collect();
    num.parse().ok()
}

/// The SmlLib release `cargo xtask bench` compares against (also in tests/bench/requirements.txt).
const SMLLIB_VERSION: &str = "1.7";

/// What one of the benchmark scripts in `tests/bench` measured.
struct ScriptRun {
    /// The interpreter's version (Python or Node).
    runtime: String,
    /// The version of what the script measured, when it prints `version=` (the competitor's
    /// package, or the browser).
    measured: String,
    /// The best run's throughput.
    mib_per_s: f64,
    /// The median run's throughput, when the script prints `median_mib_per_s=` (the JS ones).
    median: Option<f64>,
    frames_ok: u64,
}

impl ScriptRun {
    /// `12.3 MiB/s`, with the median when there is one.
    fn throughput(&self) -> String {
        match self.median {
            Some(m) => format!("{:.1} MiB/s (median {m:.1})", self.mib_per_s),
            None => format!("{:.1} MiB/s", self.mib_per_s),
        }
    }

    /// The median, or the best when there is no median.
    fn median_or_best(&self) -> f64 {
        self.median.unwrap_or(self.mib_per_s)
    }
}

/// Runs `interpreter script <root> args…`, which prints one `key=value …` line, and asks the
/// interpreter for its version with `version_args`.
fn run_bench_script(
    step: &str,
    interpreter: &std::ffi::OsStr,
    script: &str,
    args: &[&str],
    version_args: &[&str],
) -> std::result::Result<ScriptRun, String> {
    eprintln!("\n== {step}");
    let out = Command::new(interpreter)
        .arg(root().join(script))
        .arg(root())
        .args(args)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("{step}: cannot start: {e}"))?;
    if !out.status.success() {
        return Err(format!("{step}: failed ({})", out.status));
    }
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{line}");
    let version = Command::new(interpreter)
        .args(version_args)
        .output()
        .map_err(|e| format!("{step}: interpreter version: {e}"))?;
    Ok(ScriptRun {
        runtime: String::from_utf8_lossy(&version.stdout).trim().to_string(),
        measured: bench_field(&line, "version").unwrap_or_default(),
        mib_per_s: bench_field(&line, "mib_per_s")?,
        median: bench_field(&line, "median_mib_per_s").ok(),
        frames_ok: bench_field(&line, "frames_ok")?,
    })
}

/// Installs the pinned SmlLib into `target/bench-venv` (skipped when present) and runs the
/// Python side of the benchmark on the same bytes as the criterion bench.
fn smllib_throughput() -> std::result::Result<ScriptRun, String> {
    let venv = root().join("target/bench-venv");
    let py = venv.join("bin/python");
    let check =
        format!("import importlib.metadata as m; assert m.version('smllib') == '{SMLLIB_VERSION}'");
    let ready = py.exists()
        && Command::new(&py)
            .args(["-c", &check])
            .status()
            .is_ok_and(|s| s.success());
    if !ready {
        run(
            "python venv for SmlLib",
            Command::new("python3").args(["-m", "venv"]).arg(&venv),
        )?;
        run(
            "pip install SmlLib (pinned)",
            Command::new(&py)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(root().join("tests/bench/requirements.txt")),
        )?;
    }
    run_bench_script(
        "SmlLib on the same bytes (best of 3)",
        py.as_os_str(),
        "tests/bench/smllib_pipeline.py",
        &[],
        &["-c", "import platform; print(platform.python_version())"],
    )
}

/// Runs the npm package's `api` (`decodeSml` or `decodeReadings`) in Node on the same bytes
/// as the criterion bench (needs `pkg/`).
fn node_throughput(api: &str) -> std::result::Result<ScriptRun, String> {
    run_bench_script(
        &format!("npm package `{api}` in Node on the same bytes (best and median of 100)"),
        std::ffi::OsStr::new("node"),
        "tests/bench/wasm_node.mjs",
        &[api],
        &["--version"],
    )
}

/// Installs the pinned JS competitor (tests/bench/package-lock.json; skipped when present) and
/// runs it on the same bytes. `--ignore-scripts`: only its SML protocol module is loaded, so
/// the native serial-port addon it depends on is never built.
fn smartmeter_obis_throughput() -> std::result::Result<ScriptRun, String> {
    let dir = root().join("tests/bench");
    if !dir.join("node_modules/smartmeter-obis").exists() {
        run(
            "install smartmeter-obis (npm ci, pinned)",
            Command::new("npm")
                .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    run_bench_script(
        "smartmeter-obis in Node on the same bytes (best and median of 100)",
        std::ffi::OsStr::new("node"),
        "tests/bench/smartmeter_obis.mjs",
        &[],
        &["--version"],
    )
}

/// Runs the npm package's `api` in headless Chromium on the same bytes (needs `pkg/`,
/// Chromium and playwright-core, which `pkg()` and `ensure_chromium()` provide).
fn chromium_throughput(api: &str) -> std::result::Result<ScriptRun, String> {
    run_bench_script(
        &format!(
            "npm package `{api}` in headless Chromium on the same bytes (best and median of 100)"
        ),
        std::ffi::OsStr::new("node"),
        "tests/bench/wasm_chromium.mjs",
        &[api],
        &["--version"],
    )
}

/// Reads `key=value` from a benchmark script's result line.
fn bench_field<T: std::str::FromStr>(line: &str, key: &str) -> std::result::Result<T, String>
where
    T::Err: std::fmt::Display,
{
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .ok_or_else(|| format!("no {key} in {line:?}"))?
        .parse()
        .map_err(|e| format!("{key} in {line:?}: {e}"))
}

/// Runs the benchmarks and prints one table of throughput and ratios.
fn bench() -> Result {
    run(
        "criterion: sml_pipeline (ours vs sml-rs, same bytes, same run)",
        cargo().args(["bench", "-p", CORE, "--bench", "pipeline", "--", "--noplot"]),
    )?;
    let dir = root().join("target/criterion/sml_pipeline");
    let read = |name: &str, file: &str| {
        std::fs::read_to_string(dir.join(name).join("new").join(file))
            .map_err(|e| format!("criterion output for {name}: {e}"))
    };
    let bytes = json_number(
        &read("wattwaechter", "benchmark.json")?,
        "\"throughput\"",
        "Bytes",
    )
    .ok_or("no throughput in criterion's output")?;
    let mut rows = Vec::new();
    for name in [
        "wattwaechter",
        "sml-rs",
        "wattwaechter-dump-frames",
        "wattwaechter-reading-table",
    ] {
        let ns = json_number(&read(name, "estimates.json")?, "\"mean\"", "point_estimate")
            .ok_or("no mean in criterion's output")?;
        rows.push((name, bytes / (ns / 1e9) / (1024.0 * 1024.0)));
    }
    let adversarial_dir = root().join("target/criterion/sml_adversarial");
    let mut adversarial = Vec::new();
    for name in ["real-captures", "long-frame", "start-sequences"] {
        let estimates =
            std::fs::read_to_string(adversarial_dir.join(name).join("new/estimates.json"))
                .map_err(|e| format!("criterion output for {name}: {e}"))?;
        let ns = json_number(&estimates, "\"mean\"", "point_estimate")
            .ok_or("no mean in criterion's output")?;
        adversarial.push((name, (1u64 << 20) as f64 / (ns / 1e9) / (1024.0 * 1024.0)));
    }
    let smllib = smllib_throughput()?;
    eprintln!("\n== peak memory of the dump decoder (1 MiB and 16 MiB)");
    let memory = cargo()
        .args(["bench", "-p", CORE, "--bench", "dump_memory"])
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("dump_memory bench: cannot start: {e}"))?;
    if !memory.status.success() {
        return Err(format!("dump_memory bench: failed ({})", memory.status));
    }
    let sizes = pkg()?;
    ensure_chromium()?;
    let node = node_throughput("decodeSml")?;
    let chromium = chromium_throughput("decodeSml")?;
    let node_table = node_throughput("decodeReadings")?;
    let chromium_table = chromium_throughput("decodeReadings")?;
    let js = smartmeter_obis_throughput()?;
    let ours = rows[0].1;
    let (frames_native, table_native) = (rows[2].1, rows[3].1);
    println!("\n| what | throughput | vs wattwaechter |");
    println!("|---|---|---|");
    for (name, mibs) in &rows {
        let what = match *name {
            "wattwaechter-dump-frames" => {
                "wattwaechter `dump::sml_frames` (native; the frames `decodeSml` returns, as Rust objects)"
                    .to_string()
            }
            "wattwaechter-reading-table" => {
                "wattwaechter `sml::reading_table` (native; the columns `decodeReadings` returns, as Rust vectors)"
                    .to_string()
            }
            _ => format!(
                "{name} (native, full pipeline, {:.1} MiB of real captures)",
                bytes / 1048576.0
            ),
        };
        println!("| {what} | {mibs:.1} MiB/s | {:.2}× |", mibs / ours);
    }
    println!(
        "| SmlLib {SMLLIB_VERSION} (Python {}, same bytes, parse_frame on every frame; {} frames ok) | {} | {:.3}× |",
        smllib.runtime, smllib.frames_ok, smllib.throughput(), smllib.mib_per_s / ours
    );
    for (api, what, node, chromium) in [
        (
            "decodeSml",
            "one object per frame and per value",
            &node,
            &chromium,
        ),
        (
            "decodeReadings",
            "typed-array columns",
            &node_table,
            &chromium_table,
        ),
    ] {
        println!(
            "| wattwaechter wasm in Node {} (npm package `{api}`, {what}; {} frames ok) | {} | {:.3}× |",
            node.runtime, node.frames_ok, node.throughput(), node.mib_per_s / ours
        );
        println!(
            "| wattwaechter wasm in headless Chromium {} (npm package `{api}`, {what}; {} frames ok) | {} | {:.3}× |",
            chromium.measured, chromium.frames_ok, chromium.throughput(), chromium.mib_per_s / ours
        );
    }
    println!(
        "| smartmeter-obis {} (npm, its SmlProtocol over open-sml, in Node {}; 1 KiB chunks; {} frames delivered) | {} | {:.3}× |",
        js.measured, js.runtime, js.frames_ok, js.throughput(), js.mib_per_s / ours
    );
    println!(
        "\nwattwaechter vs sml-rs: {:.2}× (goal ≥ 2×); vs SmlLib: {:.0}× (goal ≥ 50×)",
        ours / rows[1].1,
        ours / smllib.mib_per_s,
    );
    println!(
        "our wasm in Node vs smartmeter-obis (goal ≥ 10×; best runs, medians in brackets): `decodeSml` {:.2}× ({:.2}×), `decodeReadings` {:.2}× ({:.2}×)",
        node.mib_per_s / js.mib_per_s,
        node.median_or_best() / js.median_or_best(),
        node_table.mib_per_s / js.mib_per_s,
        node_table.median_or_best() / js.median_or_best(),
    );
    println!(
        "wasm vs the same work natively (goal ≥ 0.5×; best wasm run vs criterion's mean, median wasm run in brackets): `decodeSml` / `dump::sml_frames` Node {:.3}× ({:.3}×), Chromium {:.3}× ({:.3}×); `decodeReadings` / `sml::reading_table` Node {:.3}× ({:.3}×), Chromium {:.3}× ({:.3}×)",
        node.mib_per_s / frames_native,
        node.median_or_best() / frames_native,
        chromium.mib_per_s / frames_native,
        chromium.median_or_best() / frames_native,
        node_table.mib_per_s / table_native,
        node_table.median_or_best() / table_native,
        chromium_table.mib_per_s / table_native,
        chromium_table.median_or_best() / table_native,
    );
    for s in &sizes {
        println!(
            "npm package {} .wasm: {} bytes raw, {} bytes gzipped ({:.1} KiB; goal ≤ 100 KiB)",
            s.what,
            s.raw,
            s.gzipped,
            s.gzipped as f64 / 1024.0
        );
    }
    println!("\nhostile inputs of 1 MiB, native full pipeline (issue 26), against 1 MiB of the real captures:\n");
    println!("| input | throughput | vs real captures |");
    println!("|---|---|---|");
    let real = adversarial[0].1;
    for (name, mibs) in &adversarial {
        println!("| {name} | {mibs:.1} MiB/s | {:.2}× |", mibs / real);
    }
    println!("\npeak heap of `dump::decode` (real captures repeated):\n");
    print!("{}", String::from_utf8_lossy(&memory.stdout));
    println!(
        "machine: {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    Ok(())
}

fn test() -> Result {
    let started = Instant::now();
    ensure_target(NO_STD_TARGET)?;
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
    js_suite()?;
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
    // The page needs the package (and uPlot next to it).
    pkg()?;
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
        "\nopen http://127.0.0.1:8321/ (the diagnostic page; \"Load real sample\" or \"Connect\")"
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
