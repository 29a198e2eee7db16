//! One contract: the OpenAPI document (`docs/openapi.json`, generated from the core's models)
//! against the simulator's answers on all 27 endpoints — auth off and on (no token, the READ
//! and the WRITE token), the documented errors, 204s, heap protection (503) and the rate limit
//! (429) everywhere, a gas meter — and against the API examples in `tests/fixtures/api`. The
//! checks are openapi-spec-validator and openapi-core (JSON Schema 2020-12), run in Python
//! (`tests/openapi/conformance.py`), never our serde types.

mod common;
mod python;

use wattwaechter_sim::{MediumKind, SimConfig, Simulator};

fn config(medium: MediumKind) -> SimConfig {
    let mut c = SimConfig {
        medium,
        control: true,
        ..SimConfig::default()
    };
    c.runtime.selftest_ms = 10;
    c.runtime.rate_limit = false;
    c
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_of_the_simulator_is_as_the_document_says() {
    let electricity = Simulator::start(config(MediumKind::Electricity))
        .await
        .unwrap();
    let gas = Simulator::start(config(MediumKind::Gas)).await.unwrap();
    let urls = [electricity.addr(), gas.addr()].map(|a| format!("http://{a}"));
    let out = tokio::task::spawn_blocking(move || {
        python::conformance(&["simulators", &urls[0], &urls[1]])
    })
    .await
    .unwrap();
    assert!(out.contains("27 operations covered"), "{out}");
}

#[test]
fn the_api_examples_are_as_the_document_says() {
    let fixtures = python::workspace().join("tests/fixtures/api");
    let out = python::conformance(&["fixtures", &fixtures.display().to_string()]);
    assert!(out.contains("8 API examples valid"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_simulator_serves_the_checked_in_document() {
    let checked_in: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(python::workspace().join("docs/openapi.json")).unwrap(),
    )
    .unwrap();
    // Also in proxy mode, where every other /api/v1 path goes to the device.
    let proxied = SimConfig {
        proxy: Some("http://127.0.0.1:9".into()),
        ..SimConfig::default()
    };
    for config in [SimConfig::default(), proxied] {
        let sim = Simulator::start(config).await.unwrap();
        let base = format!("http://{}", sim.addr());
        let answer = common::raw(&base, "GET", "/api/v1/openapi.json", &[], None)
            .await
            .unwrap();
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.headers["content-type"].to_str().unwrap(),
            "application/json"
        );
        let served: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(served, checked_in);
    }
}
