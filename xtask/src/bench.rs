//! `cargo xtask bench`: the native SML pipeline against sml-rs (criterion), SmlLib (Python)
//! and smartmeter-obis (Node) on the same bytes, the npm package in Node and headless
//! Chromium, hostile inputs against real captures, the dump decoder's peak memory and the
//! package's size; prints one report.

use crate::tools::{ensure_chromium, ensure_npm};
use crate::{cargo, package, root, run, Result, CORE};
use std::ffi::OsStr;
use std::process::{Command, Stdio};

/// The SmlLib release compared against (also in tests/bench/requirements.txt).
const SMLLIB_VERSION: &str = "1.7";

/// A criterion benchmark's mean time per iteration, in ns.
fn criterion_mean_ns(group: &str, name: &str) -> Result<f64> {
    let path = root()
        .join("target/criterion")
        .join(group)
        .join(name)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    v["mean"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no mean", path.display()))
}

/// The bytes per iteration a criterion benchmark declared.
fn criterion_bytes(group: &str, name: &str) -> Result<f64> {
    let path = root()
        .join("target/criterion")
        .join(group)
        .join(name)
        .join("new/benchmark.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    v["throughput"]["Bytes"]
        .as_f64()
        .ok_or_else(|| format!("{}: no throughput", path.display()))
}

/// A criterion benchmark's throughput in MiB/s.
fn criterion_mib_s(group: &str, name: &str) -> Result<f64> {
    Ok(criterion_bytes(group, name)? / (criterion_mean_ns(group, name)? / 1e9) / 1048576.0)
}

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

/// Reads `key=value` from a benchmark script's result line.
fn bench_field<T: std::str::FromStr>(line: &str, key: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .ok_or_else(|| format!("no {key} in {line:?}"))?
        .parse()
        .map_err(|e| format!("{key} in {line:?}: {e}"))
}

/// Runs `interpreter script <root> args…`, which prints one `key=value …` line, and asks the
/// interpreter for its version with `version_args`.
fn run_bench_script(
    step: &str,
    interpreter: &OsStr,
    script: &str,
    args: &[&str],
    version_args: &[&str],
) -> Result<ScriptRun> {
    eprintln!("\n== {step}");
    let out = Command::new(interpreter)
        .arg(root().join(script))
        .arg(root())
        .args(args)
        .stderr(Stdio::inherit())
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
fn smllib() -> Result<ScriptRun> {
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

/// The npm package's `api` (`decodeSml` or `decodeReadings`) in Node or headless Chromium on
/// the same bytes as the criterion bench (needs `pkg/`, and Chromium for the browser).
fn ours_in_js(api: &str, in_browser: bool) -> Result<ScriptRun> {
    let (place, script) = if in_browser {
        ("headless Chromium", "tests/bench/wasm_chromium.mjs")
    } else {
        ("Node", "tests/bench/wasm_node.mjs")
    };
    run_bench_script(
        &format!("npm package `{api}` in {place} on the same bytes (best and median of 100)"),
        OsStr::new("node"),
        script,
        &[api],
        &["--version"],
    )
}

/// The pinned JS competitor (tests/bench/package-lock.json) on the same bytes. Its native
/// serial-port addon is never built (`--ignore-scripts`): only its SML protocol module runs.
fn smartmeter_obis() -> Result<ScriptRun> {
    ensure_npm("tests/bench", &["smartmeter-obis"], true)?;
    run_bench_script(
        "smartmeter-obis in Node on the same bytes (best and median of 100)",
        OsStr::new("node"),
        "tests/bench/smartmeter_obis.mjs",
        &[],
        &["--version"],
    )
}

/// The diagnostic page's time to its first decoded sample (`tests/bench/page_load.mjs`), served
/// by the simulator on localhost and throttled to 20 Mbit/s.
fn page_load() -> Result<Vec<(&'static str, String)>> {
    crate::run(
        "build simulator",
        cargo().args(["build", "-p", crate::SIM, "--release"]),
    )?;
    let root = root();
    let www = root.join("www").display().to_string();
    let pkg = root.join("pkg").display().to_string();
    let (_sims, urls) =
        crate::suites::start_simulators(&[&["--www", www.as_str(), "--pkg", pkg.as_str()]])?;
    let mut lines = Vec::new();
    for (what, throttle) in [
        ("localhost", None),
        ("20 Mbit/s, 20 ms latency", Some("20")),
    ] {
        eprintln!("\n== the page's time to the decoded sample ({what})");
        let out = Command::new("node")
            .arg(root.join("tests/bench/page_load.mjs"))
            .arg(&root)
            .arg(format!("{}/", urls[0]))
            .arg("11")
            .args(throttle)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("page_load.mjs: {e}"))?;
        if !out.status.success() {
            return Err(format!("page_load.mjs: failed ({})", out.status));
        }
        lines.push((
            what,
            String::from_utf8_lossy(&out.stdout).trim().to_string(),
        ));
    }
    Ok(lines)
}

/// The native rows of the pipeline benchmark: (criterion name, description).
const NATIVE_ROWS: [(&str, &str); 4] = [
    ("wattwaechter", "wattwaechter (native, full pipeline)"),
    ("sml-rs", "sml-rs (native, full pipeline)"),
    (
        "wattwaechter-dump-frames",
        "wattwaechter `dump::sml_frames` (native; the frames `decodeSml` returns, as Rust objects)",
    ),
    (
        "wattwaechter-reading-table",
        "wattwaechter `sml::reading_table` (native; the columns `decodeReadings` returns, as Rust vectors)",
    ),
];

/// Runs the benchmarks and prints the report.
pub fn bench() -> Result {
    run(
        "criterion: the SML pipeline (ours vs sml-rs, same bytes, same run) and hostile inputs",
        cargo().args(["bench", "-p", CORE, "--bench", "pipeline", "--", "--noplot"]),
    )?;
    let group = "sml_pipeline";
    let bytes = criterion_bytes(group, "wattwaechter")?;
    let native = |name: &str| criterion_mib_s(group, name);
    let ours = native("wattwaechter")?;
    let sml_rs = native("sml-rs")?;
    let frames_native = native("wattwaechter-dump-frames")?;
    let table_native = native("wattwaechter-reading-table")?;
    let hostile: Vec<(&str, f64)> = ["real-captures", "long-frame", "start-sequences"]
        .into_iter()
        .map(|n| criterion_mib_s("sml_adversarial", n).map(|v| (n, v)))
        .collect::<Result<_>>()?;
    let smllib = smllib()?;
    eprintln!("\n== peak memory of the dump decoder (1 MiB and 16 MiB)");
    let memory = cargo()
        .args(["bench", "-p", CORE, "--bench", "dump_memory"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("dump_memory bench: cannot start: {e}"))?;
    if !memory.status.success() {
        return Err(format!("dump_memory bench: failed ({})", memory.status));
    }
    let sizes = package::build()?;
    ensure_chromium()?;
    let node = ours_in_js("decodeSml", false)?;
    let chromium = ours_in_js("decodeSml", true)?;
    let node_table = ours_in_js("decodeReadings", false)?;
    let chromium_table = ours_in_js("decodeReadings", true)?;
    let js = smartmeter_obis()?;
    let page = page_load()?;

    println!("\n| what | throughput | vs wattwaechter |");
    println!("|---|---|---|");
    for (name, what) in NATIVE_ROWS {
        let mibs = native(name)?;
        println!(
            "| {what}, {:.1} MiB of real captures | {mibs:.1} MiB/s | {:.2}× |",
            bytes / 1048576.0,
            mibs / ours
        );
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
        ours / sml_rs,
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
    println!(
        "\nhostile inputs of 1 MiB, native full pipeline, against 1 MiB of the real captures:\n"
    );
    println!("| input | throughput | vs real captures |");
    println!("|---|---|---|");
    let real = hostile[0].1;
    for (name, mibs) in &hostile {
        println!("| {name} | {mibs:.1} MiB/s | {:.2}× |", mibs / real);
    }
    println!("\nthe diagnostic page, navigation to the decoded real sample in headless Chromium (median of 11 loads, fresh cache):\n");
    for (what, line) in &page {
        println!("- {what}: {line}");
    }
    println!();
    for (entry, s) in package::ENTRIES.iter().zip(&sizes) {
        println!(
            "npm package {} .wasm: {} bytes raw, {} bytes gzipped ({:.1} KiB; budget {} KiB)",
            s.what,
            s.raw,
            s.gzipped,
            s.gzipped as f64 / 1024.0,
            entry.gzipped_budget / 1024
        );
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
