//! The Python of the interop and OpenAPI tests: a venv in `target/interop-venv` with exactly
//! the packages of `tests/interop/requirements.txt` (the vendor's client, openapi-core,
//! openapi-spec-validator), installed from PyPI on first use and again whenever that file
//! changes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The workspace root.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The venv's Python, installing the pinned packages if needed.
pub fn python() -> PathBuf {
    // Tests of one binary run in parallel: one installs, the others wait.
    static INSTALLING: Mutex<()> = Mutex::new(());
    let _guard = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    let requirements = workspace().join("tests/interop/requirements.txt");
    let venv = workspace().join("target/interop-venv");
    let py = venv.join("bin/python");
    let stamp = venv.join("installed-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("tests/interop/requirements.txt");
    if py.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return py;
    }
    let status = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .expect("python3 is needed for the interop and OpenAPI tests");
    assert!(status.success(), "creating the venv failed");
    let status = Command::new(&py)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements)
        .status()
        .expect("pip runs");
    assert!(
        status.success(),
        "installing tests/interop/requirements.txt from PyPI failed"
    );
    std::fs::write(&stamp, wanted).expect("writing the venv's stamp");
    py
}

/// Runs `tests/openapi/conformance.py` with `args`; fails the test with its output when it
/// fails, and returns its output.
pub fn conformance(args: &[&str]) -> String {
    let py = python();
    run_script(
        &py,
        &workspace().join("tests/openapi/conformance.py"),
        std::iter::once(workspace().join("docs/openapi.json").display().to_string())
            .chain(args.iter().map(|a| a.to_string())),
    )
}

/// Runs a Python script; panics with its output when it fails.
pub fn run_script(py: &Path, script: &Path, args: impl IntoIterator<Item = String>) -> String {
    let out = Command::new(py)
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{} failed:\n{stdout}\n{stderr}",
        script.display()
    );
    eprint!("{stdout}");
    stdout
}
