//! The JavaScript suites: the wasm crate in Node and headless Chromium, and the packed npm
//! package as consumers use it (Node, CommonJS, TypeScript, bundlers, the linters), under
//! attack, and in the diagnostic page — each against simulators started here.

use crate::tools::{
    ensure_chromium, ensure_socat, ensure_target, ensure_test_tools, ensure_wasm_bindgen,
};
use crate::{cargo, package, root, run, Result, SIM, WASM};
use std::process::{Child, Command, Stdio};

/// Simulators for the JS tests; stopped when dropped (also when a step fails).
pub struct Simulators(Vec<Child>);

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

/// The release build of the simulator.
pub fn simulator_binary() -> std::path::PathBuf {
    root().join("target/release/wattwaechter-sim")
}

/// Starts one simulator per configuration (with its control endpoints); returns them with
/// their URLs.
pub fn start_simulators(configs: &[&[&str]]) -> Result<(Simulators, Vec<String>)> {
    let mut sims = Simulators(Vec::new());
    let mut urls = Vec::new();
    for args in configs {
        let port = free_port()?;
        let child = Command::new(simulator_binary())
            .args(["--port", &port.to_string(), "--control"])
            .args(*args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
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

/// `node --test <file>` in `tests/js`, with the environment the suites read.
fn node_test(step: &str, file: &str, env: &[(&str, &str)]) -> Result {
    run(
        step,
        Command::new("node")
            .args(["--test", "--test-concurrency=1", file])
            .current_dir(root().join("tests/js"))
            .env("WW_SIM_BIN", simulator_binary())
            .envs(env.iter().copied()),
    )
}

/// The OpenAPI document (`docs/openapi.json`) through Redocly's linter, every rule of its
/// recommended set an error (`redocly.yaml`); its examples are checked against their schemas
/// there too. (openapi-spec-validator and the conformance tests run in `cargo test`:
/// `crates/wattwaechter-sim/tests/openapi.rs`.)
fn openapi_lint() -> Result {
    run(
        "OpenAPI lint (@redocly/cli, recommended-strict): docs/openapi.json",
        Command::new(root().join("tests/js/node_modules/.bin/redocly"))
            .args(["lint", "--config", "redocly.yaml", "docs/openapi.json"])
            .env("REDOCLY_TELEMETRY", "off")
            .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
            .current_dir(root()),
    )
}

/// Every JavaScript suite.
pub fn js_suite() -> Result {
    ensure_target("wasm32-unknown-unknown", None)?;
    ensure_wasm_bindgen()?;
    ensure_test_tools()?;
    ensure_chromium()?;
    ensure_socat()?;
    openapi_lint()?;
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
    let sizes = package::build()?;
    package::within_budgets(&sizes)?;
    run(
        "the page's JavaScript type-checked against the package's declarations (tsc, www/tsconfig.json)",
        Command::new(root().join("tests/js/node_modules/.bin/tsc"))
            .args(["-p", "www/tsconfig.json"])
            .current_dir(root()),
    )?;
    let host = urls[0].trim_start_matches("http://").to_string();
    let sim_env = [
        ("WW_SIM", urls[0].as_str()),
        ("WATTWAECHTER_HOST", host.as_str()),
    ];
    node_test(
        "packaging tests (npm pack; Node, script module, Worker, README)",
        "packaging.test.mjs",
        &sim_env,
    )?;
    node_test(
        "consumers (strict TypeScript in every resolution mode, CommonJS, publint, arethetypeswrong)",
        "consumers.test.mjs",
        &sim_env,
    )?;
    node_test(
        "bundlers (Vite build and dev server, Rollup, webpack, esbuild; the inline entry)",
        "bundlers.test.mjs",
        &sim_env,
    )?;
    node_test(
        "the stream decoder (random chunks against the whole-buffer decoders, TransformStream, a serial port at 9600 baud through socat)",
        "stream.test.mjs",
        &[],
    )?;
    node_test(
        "attacks on the packed package (hostile fake devices, hostile inputs)",
        "attacks.test.mjs",
        &[],
    )?;
    node_test(
        "diagnostic page end to end (Chromium; screenshots in tests/js/out/screenshots)",
        "page.test.mjs",
        &[],
    )?;
    node_test(
        "the page's accessibility (axe-core, WCAG 2.1 A/AA, every tab; the keyboard alone)",
        "accessibility.test.mjs",
        &[],
    )?;
    node_test(
        "the page in German and English (de-DE and en-US browsers, the switch, number and date formats)",
        "i18n.test.mjs",
        &[],
    )?;
    node_test(
        "the API documentation at /docs/ (Swagger UI under its CSP; Try it out against the simulator and through --proxy)",
        "docs.test.mjs",
        &[],
    )?;
    drop(sims);
    Ok(())
}

/// The CLI as users install it (`cargo install --path crates/wattwaechter-cli`), then
/// `wattwaechter device --host … rawdump | wattwaechter decode - --format jsonl` against a
/// simulator: the simulator's frames.
pub fn installed_cli() -> Result {
    let root = root();
    let install = root.join("target/install");
    run(
        "cargo install --path crates/wattwaechter-cli (as a user installs it)",
        cargo()
            .args([
                "install",
                "--path",
                "crates/wattwaechter-cli",
                "--locked",
                "--root",
            ])
            .arg(&install)
            .arg("--target-dir")
            .arg(root.join("target/install-build")),
    )?;
    let bin = install.join("bin/wattwaechter");
    let (sims, urls) = start_simulators(&[&["--no-rate-limit"]])?;
    let host = urls[0].trim_start_matches("http://");
    eprintln!("\n== the installed CLI: wattwaechter device --host {host} rawdump | wattwaechter decode - --format jsonl");
    let mut dump = Command::new(&bin)
        .args(["device", "--host", host, "rawdump"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let decode = Command::new(&bin)
        .args(["decode", "-", "--format", "jsonl"])
        .stdin(dump.stdout.take().ok_or("no pipe")?)
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let dumped = dump.wait().map_err(|e| e.to_string())?;
    drop(sims);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&decode.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let frames_ok = lines.iter().filter(|l| l["status"] == "ok").count();
    let last = lines.last().cloned().unwrap_or_default();
    if !dumped.success()
        || decode.status.code() != Some(0)
        || frames_ok == 0
        || last["protocol"] != "sml"
    {
        return Err(format!(
            "the installed CLI's pipe: rawdump {dumped}, decode {} with {frames_ok} intact frames",
            decode.status
        ));
    }
    eprintln!(
        "== the installed CLI: {} frames ({frames_ok} ok), summary {}",
        lines.len() - 1,
        last["summary"]["frames_ok"]
    );
    Ok(())
}
