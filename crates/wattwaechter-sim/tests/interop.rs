//! The vendor's own Python client (`aio-wattwaechter` from PyPI), a real client nobody here
//! wrote, calls every one of its public methods against the simulator, with auth off and on;
//! every request it sends is then validated against the OpenAPI document (`docs/openapi.json`)
//! by openapi-core. The pinned packages are installed into `target/interop-venv` on first use.

mod python;

use wattwaechter_sim::{SimConfig, Simulator};

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
    let py = tokio::task::spawn_blocking(python::python).await.unwrap();
    for auth in [false, true] {
        let sim = Simulator::start(config(auth)).await.unwrap();
        let host = sim.addr().to_string();
        let mut args = Vec::new();
        let recorded = python::workspace().join(format!(
            "target/interop-requests-auth-{}.json",
            if auth { "on" } else { "off" }
        ));
        args.push("--record".to_string());
        args.push(recorded.display().to_string());
        args.push(host.clone());
        if auth {
            let rt = sim.state().runtime();
            args.extend([rt.write_token, rt.read_token]);
        }
        let py = py.clone();
        tokio::task::spawn_blocking(move || {
            let script = python::workspace().join("tests/interop/aio_wattwaechter_check.py");
            let out = python::run_script(&py, &script, args);
            assert!(out.contains("public methods OK"), "{out}");
            let checked = python::conformance(&["requests", &recorded.display().to_string()]);
            assert!(checked.contains("(27 operations)"), "{checked}");
        })
        .await
        .unwrap();
    }
}
