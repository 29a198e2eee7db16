//! Attacks on the simulator: lock order under races, the control endpoints, the
//! clock, write-only values, the proxy's limits, security headers. Each failed before its fix.
//! Idle connections have their own test binary (`idle_connections.rs`): it needs a process of
//! its own.

mod common;

use common::raw;
use std::time::Duration;
use wattwaechter_sim::{SimConfig, Simulator};

fn with_control() -> SimConfig {
    let mut c = SimConfig::default();
    c.runtime.rate_limit = false;
    c.runtime.selftest_ms = 10;
    c.control = true;
    c
}

/// A simulator on a runtime of its own, so that a deadlock in it cannot stop the test's
/// clock: returns its URL; it runs until the test process ends.
fn simulator_apart(config: SimConfig) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let sim = Simulator::start(config).await.unwrap();
            tx.send(sim.base_url()).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

async fn post_json(base: &str, path: &str, body: &str) -> Result<u16, String> {
    raw(
        base,
        "POST",
        path,
        &[("content-type", "application/json")],
        Some(body),
    )
    .await
    .map(|a| a.status)
}

/// `POST /__sim/config` took the runtime lock and then the device lock, the settings update
/// and the token confirmation the other way round: racing them hung the whole server.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_config_settings_and_tokens_never_deadlocks() {
    let base = simulator_apart(with_control());
    let until = std::time::Instant::now() + Duration::from_secs(3);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u32;
            while std::time::Instant::now() < until {
                let on = n % 2 == 0;
                let _ = match i % 3 {
                    0 => {
                        post_json(
                            &base,
                            "/__sim/config",
                            &format!(r#"{{"auth_required": {on}}}"#),
                        )
                        .await
                    }
                    1 => {
                        post_json(
                            &base,
                            "/api/v1/settings",
                            &format!(r#"{{"api_auth_required": {on}}}"#),
                        )
                        .await
                    }
                    _ => {
                        post_json(&base, "/api/v1/auth/tokens/generate", "")
                            .await
                            .ok();
                        post_json(
                            &base,
                            "/api/v1/auth/tokens/confirm",
                            r#"{"new_write_token": "XXXXXXXXXXXXXXXX"}"#,
                        )
                        .await
                    }
                };
                n += 1;
            }
            n
        }));
    }
    let mut calls = 0;
    for t in tasks {
        calls += tokio::time::timeout(Duration::from_secs(10), t)
            .await
            .expect("the racing calls finished (no deadlock)")
            .unwrap();
    }
    assert!(calls > 100, "the race ran ({calls} calls)");
    for path in ["/__sim/stats", "/__sim/config"] {
        let a = tokio::time::timeout(Duration::from_secs(2), raw(&base, "GET", path, &[], None))
            .await
            .unwrap_or_else(|_| panic!("{path} answers after the race"))
            .unwrap();
        assert_eq!(a.status, 200, "{path}");
    }
    // Auth may be on now: 200 or 401, but an answer.
    let a = tokio::time::timeout(
        Duration::from_secs(2),
        raw(&base, "GET", "/api/v1/settings", &[], None),
    )
    .await
    .expect("the API answers after the race")
    .unwrap();
    assert!(a.status == 200 || a.status == 401, "{}", a.status);
}

#[tokio::test]
async fn control_endpoints_are_off_unless_asked_for_and_never_show_tokens() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    for (method, path) in [
        ("GET", "/__sim/config"),
        ("POST", "/__sim/config"),
        ("POST", "/__sim/clock"),
        ("GET", "/__sim/stats"),
    ] {
        let a = raw(
            &sim.base_url(),
            method,
            path,
            &[("content-type", "application/json")],
            Some(r#"{"auth_required": false, "advance_ms": 1}"#),
        )
        .await
        .unwrap();
        assert_eq!(a.status, 404, "{method} {path} without --control");
    }
    let mut cfg = with_control();
    cfg.runtime.auth_required = true;
    let sim = Simulator::start(cfg).await.unwrap();
    let base = sim.base_url();
    let shown = raw(&base, "GET", "/__sim/config", &[], None).await.unwrap();
    let set = raw(
        &base,
        "POST",
        "/__sim/config",
        &[("content-type", "application/json")],
        Some(r#"{"write_token": "NEWWRITE12345678"}"#),
    )
    .await
    .unwrap();
    for answer in [&shown, &set] {
        let text = String::from_utf8_lossy(&answer.body);
        assert_eq!(answer.status, 200);
        assert!(text.contains("auth_required"), "{text}");
        for secret in [
            "READ0123456789AB",
            "WRITE0123456789A",
            "NEWWRITE12345678",
            "read_token",
            "write_token",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    // The token set above is in force, and the READ token survived the change.
    assert_eq!(sim.state().runtime().write_token, "NEWWRITE12345678");
    assert_eq!(sim.state().runtime().read_token, "READ0123456789AB");
}

/// A huge `advance_ms` overflowed the clock: every later request panicked.
#[tokio::test]
async fn the_clock_refuses_absurd_moves_and_every_endpoint_survives_the_largest() {
    let sim = Simulator::start(with_control()).await.unwrap();
    let base = sim.base_url();
    for bad in [
        "9223372036854775807",
        "-9223372036854775808",
        "-1",
        "316224000001",
    ] {
        let status = post_json(
            &base,
            "/__sim/clock",
            &format!(r#"{{"advance_ms": {bad}}}"#),
        )
        .await
        .unwrap();
        assert_eq!(status, 400, "advance_ms {bad}");
    }
    // Ten years at a time up to the horizon, then refused.
    let mut accepted = 0;
    loop {
        let status = post_json(&base, "/__sim/clock", r#"{"advance_ms": 316224000000}"#)
            .await
            .unwrap();
        if status != 200 {
            assert_eq!(status, 400);
            break;
        }
        accepted += 1;
    }
    assert_eq!(accepted, 10, "a century in steps of ten years");
    for endpoint in wattwaechter::api::Endpoint::ALL {
        let path = format!("/api/v1{}", endpoint.path());
        let query = match endpoint {
            wattwaechter::api::Endpoint::HistoryHighRes => "?date=2120-01-01",
            wattwaechter::api::Endpoint::HistoryLowRes => "?start=2120-01-01&days=31",
            _ => "",
        };
        let a = raw(
            &base,
            endpoint.method().as_str(),
            &format!("{path}{query}"),
            &[("content-type", "application/json")],
            Some("{}"),
        )
        .await
        .unwrap_or_else(|e| panic!("{path} answers a century ahead: {e}"));
        assert!(a.status < 500, "{path}: {}", a.status);
    }
}

/// The settings answer echoed the Wi-Fi, access-point and MQTT passwords in `applied`.
#[tokio::test]
async fn write_only_values_are_never_returned() {
    let sim = Simulator::start(with_control()).await.unwrap();
    let base = sim.base_url();
    let body = r#"{"wifi": {"primary": {"ssid": "Zuhause", "password": "wifi-secret-1"},
                             "secondary": {"password": "wifi-secret-2"}},
                   "accessPoint": {"password": "ap-secret-3"},
                   "mqtt": {"host": "broker.local", "password": "mqtt-secret-4"}}"#;
    let applied = raw(
        &base,
        "POST",
        "/api/v1/settings",
        &[("content-type", "application/json")],
        Some(body),
    )
    .await
    .unwrap();
    assert_eq!(applied.status, 200);
    let settings = raw(&base, "GET", "/api/v1/settings", &[], None)
        .await
        .unwrap();
    for answer in [&applied, &settings] {
        let text = String::from_utf8_lossy(&answer.body);
        assert!(!text.contains("secret"), "{text}");
        assert!(!text.contains("password\""), "{text}");
    }
    assert!(String::from_utf8_lossy(&applied.body).contains("broker.local"));
    assert_eq!(
        sim.state().lock().device.mqtt_password.as_deref(),
        Some("mqtt-secret-4"),
        "kept aside"
    );
}

/// The proxy read request bodies without limit and forwarded `..` segments to the device.
#[tokio::test]
async fn the_proxy_limits_bodies_and_stays_inside_the_api() {
    let device = Simulator::start(with_control()).await.unwrap();
    let mut cfg = with_control();
    cfg.proxy = Some(device.base_url());
    let proxy = Simulator::start(cfg).await.unwrap();
    let base = proxy.base_url();
    let big = "x".repeat(3 * 1024 * 1024);
    for server in [&device.base_url(), &base] {
        let a = raw(
            server,
            "POST",
            "/api/v1/settings",
            &[("content-type", "application/json")],
            Some(&big),
        )
        .await;
        // The server may answer 413 before reading the rest, or close the connection.
        if let Ok(a) = a {
            assert_eq!(a.status, 413, "{server}");
        }
    }
    let before = raw(&device.base_url(), "GET", "/__sim/stats", &[], None)
        .await
        .unwrap();
    for path in [
        "/api/v1/../__sim/config",
        "/api/v1/%2e%2e/__sim/config",
        "/api/v1/.%2E/.%2e/__sim/stats",
        "/api/v1/system/./alive",
    ] {
        let a = raw(&base, "GET", path, &[], None).await.unwrap();
        assert_eq!(a.status, 400, "{path}");
        assert!(String::from_utf8_lossy(&a.body).contains("/api/v1"));
    }
    let after = raw(&device.base_url(), "GET", "/__sim/stats", &[], None)
        .await
        .unwrap();
    assert_eq!(before.body, after.body, "nothing reached the device");
    let ok = raw(&base, "GET", "/api/v1/system/alive", &[], None)
        .await
        .unwrap();
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn pages_carry_the_csp_header_and_every_answer_nosniff() {
    let www = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www");
    let mut cfg = with_control();
    cfg.www = Some(www.clone());
    let sim = Simulator::start(cfg).await.unwrap();
    let page = raw(&sim.base_url(), "GET", "/", &[], None).await.unwrap();
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    // The header is the page's own policy plus what only a header can say.
    let html = std::fs::read_to_string(www.join("index.html")).unwrap();
    let meta = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page has a CSP meta tag");
    assert_eq!(
        format!("{meta}; frame-ancestors 'none'"),
        csp,
        "the header and the meta tag say the same"
    );
    let api = raw(&sim.base_url(), "GET", "/api/v1/system/alive", &[], None)
        .await
        .unwrap();
    assert_eq!(api.headers["x-content-type-options"], "nosniff");
    assert!(api.headers.get("content-security-policy").is_none());
}
