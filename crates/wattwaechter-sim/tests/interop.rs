//! The vendor's own Python client (`aio-wattwaechter` from PyPI), a real client nobody here
//! wrote, calls every one of its public methods against the simulator, with auth off and on.
//! The pinned package is installed into `target/interop-venv` on first use.

use std::path::PathBuf;
use std::process::Command;
use wattwaechter_sim::{SimConfig, Simulator};

/// The pinned version of the vendor's client.
const AIO_WATTWAECHTER: &str = "aio-wattwaechter==1.3.0";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A Python with the vendor's client, installing it if needed.
fn python() -> PathBuf {
    let venv = workspace().join("target/interop-venv");
    let py = venv.join("bin/python");
    let ready = py.exists()
        && Command::new(&py)
            .args([
                "-c",
                "import importlib.metadata as m; assert m.version('aio-wattwaechter') == '1.3.0'",
            ])
            .status()
            .is_ok_and(|s| s.success());
    if !ready {
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 is needed for the interop test");
        assert!(status.success(), "creating the venv failed");
        let status = Command::new(&py)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                AIO_WATTWAECHTER,
            ])
            .status()
            .expect("pip runs");
        assert!(
            status.success(),
            "installing {AIO_WATTWAECHTER} from PyPI failed"
        );
    }
    py
}

fn run_check(py: &PathBuf, host: &str, tokens: &[&str]) {
    let script = workspace().join("tests/interop/aio_wattwaechter_check.py");
    let out = Command::new(py)
        .arg(&script)
        .arg(host)
        .args(tokens)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the vendor client failed against the simulator:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("public methods OK"), "{stdout}");
    eprint!("{stdout}");
}

fn config(auth: bool) -> SimConfig {
    let mut c = SimConfig::default();
    c.runtime.selftest_ms = 100;
    c.runtime.rate_limit = false;
    c.runtime.setup_mode = true;
    c.runtime.auth_required = auth;
    c
}

#[tokio::test(flavor = "multi_thread")]
async fn the_vendor_client_works_against_the_simulator() {
    let py = tokio::task::spawn_blocking(python).await.unwrap();
    for auth in [false, true] {
        let sim = Simulator::start(config(auth)).await.unwrap();
        let host = sim.addr().to_string();
        let tokens: Vec<String> = if auth {
            let rt = sim.state().runtime();
            vec![rt.write_token, rt.read_token]
        } else {
            vec![]
        };
        let py = py.clone();
        tokio::task::spawn_blocking(move || {
            let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
            run_check(&py, &host, &t)
        })
        .await
        .unwrap();
    }
}
