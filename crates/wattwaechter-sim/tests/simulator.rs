//! The simulator against the core's client: every endpoint, auth, limits, faults, variants.

mod common;

use common::{raw, send};
use std::time::Duration;
use wattwaechter::api::*;
use wattwaechter::client::{
    interpret_binary, interpret_json, interpret_text, requests, Credentials, ErrorKind,
    TokenRotation,
};
use wattwaechter_sim::{MediumKind, SimConfig, Simulator};

/// A fast simulator without the rate limit (tests make many calls; the limit has its own test).
fn quick() -> SimConfig {
    let mut c = SimConfig::default();
    c.runtime.selftest_ms = 10;
    c.runtime.rate_limit = false;
    c.control = true;
    c
}

async fn json<T: serde::de::DeserializeOwned>(
    sim: &Simulator,
    spec: wattwaechter::client::RequestSpec,
    creds: &Credentials,
) -> Result<Option<T>, wattwaechter::client::ApiError> {
    let a = send(&sim.base_url(), &spec, creds)
        .await
        .expect("connection");
    interpret_json::<T>(spec.endpoint, &a.response(), &creds.secrets())
}

/// A call the simulator must answer with a value.
async fn value<T: serde::de::DeserializeOwned>(
    sim: &Simulator,
    spec: wattwaechter::client::RequestSpec,
    creds: &Credentials,
) -> T {
    json(sim, spec, creds)
        .await
        .expect("a success status")
        .expect("a body")
}

/// A call the simulator must refuse: the error's kind.
async fn refused<T: serde::de::DeserializeOwned + core::fmt::Debug>(
    sim: &Simulator,
    spec: wattwaechter::client::RequestSpec,
    creds: &Credentials,
) -> ErrorKind {
    json::<T>(sim, spec, creds)
        .await
        .expect_err("an error status")
        .kind
}

fn today(sim: &Simulator) -> String {
    let t = sim.state().clock.now_s();
    wattwaechter_sim::clock::utc(t).date().to_string()
}

fn days_ago(sim: &Simulator, n: i64) -> String {
    let t = sim.state().clock.now_s() - n * 86_400;
    wattwaechter_sim::clock::utc(t).date().to_string()
}

#[tokio::test]
async fn every_endpoint_answers_in_the_documented_shape() {
    let sim = Simulator::start(quick()).await.unwrap();
    let c = Credentials::none();
    let alive: Alive = value(&sim, requests::alive(), &c).await;
    assert!(alive.alive && !alive.version.is_empty());
    let info: SystemInfo = value(&sim, requests::system_info(), &c).await;
    assert_eq!(info.model_id(), Some("ww_plus"));
    assert!(
        info.device_id().unwrap().len() == 12
            && info.free_heap().is_some()
            && info.signal_strength_dbm().is_some()
    );
    let led: Led = value(&sim, requests::led(), &c).await;
    assert_eq!(led.status, LedStatus::Ok);
    let st: SelfTest = value(&sim, requests::selftest(), &c).await;
    assert_eq!(st.result, "SUCCESS");
    let scan: WifiScan = value(&sim, requests::wifi_scan(false), &c).await;
    assert_eq!(scan.count as usize, scan.networks.len());
    let scanning: WifiScan = value(&sim, requests::wifi_scan(true), &c).await;
    assert!(scanning.scanning && scanning.networks.is_empty());
    let tz: Vec<Timezone> = value(&sim, requests::timezones(), &c).await;
    assert!(tz
        .iter()
        .any(|t| t.name == "Europe/Berlin" && t.utc_offset_min == 60));
    let latest: Latest = value(&sim, requests::latest(), &c).await;
    assert!(latest.power().is_some() && latest.total_import().unwrap() > 1000.0);
    assert_eq!(latest.medium(), Medium::Electricity);
    assert!(
        latest.values.keys().all(|k| !k.contains(':')),
        "electricity uses short keys"
    );
    let high: HighRes = value(
        &sim,
        requests::history_high_res(&days_ago(&sim, 1)).unwrap(),
        &c,
    )
    .await;
    assert_eq!(high.items.len(), 96);
    assert_eq!(high.unit(), HistoryUnit::Kwh);
    let low: LowRes = value(
        &sim,
        requests::history_low_res(&days_ago(&sim, 10), 7).unwrap(),
        &c,
    )
    .await;
    assert_eq!(low.items.len(), 7);
    assert_eq!(low.days, None, "electricity lowRes has no days key");
    let settings: Settings = value(&sim, requests::settings(), &c).await;
    assert_eq!(settings.timezone, "Europe/Berlin");
    let applied: SettingsApplied = value(
        &sim,
        requests::update_settings(
            &SettingsUpdate::new()
                .led_enable(false)
                .device_name("Keller"),
        )
        .unwrap(),
        &c,
    )
    .await;
    assert!(applied.success && applied.applied["ledEnable"] == false);
    let settings: Settings = value(&sim, requests::settings(), &c).await;
    assert!(!settings.led_enable && settings.device_name == "Keller");
    let ca: CaStatus = value(&sim, requests::mqtt_ca(), &c).await;
    assert!(!ca.has_custom_cert);
    let pem = "-----BEGIN CERTIFICATE-----\nMIIBsim\n-----END CERTIFICATE-----";
    let up: CaAction = value(&sim, requests::mqtt_ca_upload(pem).unwrap(), &c).await;
    assert!(up.success && up.bundle_size > 5750);
    let del: CaAction = value(&sim, requests::mqtt_ca_delete(), &c).await;
    assert_eq!(del.bundle_size, 5750);
    let again = json::<CaAction>(&sim, requests::mqtt_ca_delete(), &c)
        .await
        .unwrap_err();
    assert_eq!(again.kind, ErrorKind::NotFound);
    let big = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----",
        "A".repeat(5000)
    );
    assert_eq!(
        refused::<CaAction>(&sim, requests::mqtt_ca_upload(&big).unwrap(), &c).await,
        ErrorKind::PayloadTooLarge
    );
    let mqtt: MqttStatus = value(&sim, requests::mqtt_status(), &c).await;
    assert_eq!(mqtt.state, MqttState::Off);
    json::<SettingsApplied>(
        &sim,
        requests::update_settings(&SettingsUpdate::new().mqtt(|m| {
            m.enable = Some(true);
            m.host = Some("broker".into());
            m.password = Some("pw".into());
        }))
        .unwrap(),
        &c,
    )
    .await
    .unwrap();
    let mqtt: MqttStatus = value(&sim, requests::mqtt_status(), &c).await;
    assert!(mqtt.connected());
    let settings: Settings = value(&sim, requests::settings(), &c).await;
    assert!(
        !serde_json::to_string(&settings).unwrap().contains("\"pw\""),
        "passwords are never returned"
    );
    let modbus: ModbusStatus = value(&sim, requests::modbus_status(), &c).await;
    assert!(!modbus.enabled && modbus.registers.iter().any(|r| r.name == "W"));
    let pair: SuccessMessage = value(&sim, requests::cloud_pair("WW-ABCD2345").unwrap(), &c).await;
    assert!(pair.success);
    assert_eq!(
        refused::<SuccessMessage>(&sim, requests::cloud_pair("nope").unwrap(), &c).await,
        ErrorKind::BadRequest
    );
    let unpair: SuccessMessage = value(&sim, requests::cloud_unpair(), &c).await;
    assert!(unpair.success);
    let ota: OtaCheck = value(&sim, requests::ota_check(), &c).await;
    assert!(ota.ok && ota.data.update_available);
    let start: OtaStart = value(&sim, requests::ota_start(), &c).await;
    assert!(start.started());
    assert_eq!(
        refused::<SetupTokens>(&sim, requests::setup_token(), &c).await,
        ErrorKind::Forbidden
    );
    // Logs and dump.
    let a = send(&sim.base_url(), &requests::rawdump(), &c)
        .await
        .unwrap();
    let dump = interpret_binary(Endpoint::LogsRawdump, &a.response(), &[])
        .unwrap()
        .unwrap();
    assert_eq!(dump.len(), 4096);
    assert_eq!(a.headers["content-type"], "application/octet-stream");
    let report = wattwaechter::dump::decode(&dump, &Default::default()).unwrap();
    assert!(report.summary.frames_ok >= 8);
    for spec in [requests::logs_ram(), requests::logs_persistent()] {
        let a = send(&sim.base_url(), &spec, &c).await.unwrap();
        let text = interpret_text(spec.endpoint, &a.response(), &[]).unwrap();
        assert!(wattwaechter::log::parse(text.as_bytes()).lines.len() > 10);
    }
    // Unknown paths.
    assert_eq!(
        raw(&sim.base_url(), "GET", "/api/v1/nope", &[], None)
            .await
            .unwrap()
            .status,
        404
    );
    assert_eq!(
        raw(&sim.base_url(), "PUT", "/api/v1/settings", &[], None)
            .await
            .unwrap()
            .status,
        404
    );
    // Reboot: counters grow, uptime restarts, the RAM log starts over.
    let reboot: Reboot = value(&sim, requests::reboot(), &c).await;
    assert!(reboot.rebooting);
    let settings: Settings = value(&sim, requests::settings(), &c).await;
    assert_eq!(settings.reboot_counter, 1);
    let info: SystemInfo = value(&sim, requests::system_info(), &c).await;
    assert_eq!(info.uptime(), Some("0d 0h 0m"));
}

#[tokio::test]
async fn history_is_consistent_and_bounded() {
    let sim = Simulator::start(quick()).await.unwrap();
    let c = Credentials::none();
    // 15-minute data for 30 days, none before.
    assert!(json::<HighRes>(
        &sim,
        requests::history_high_res(&days_ago(&sim, 29)).unwrap(),
        &c
    )
    .await
    .unwrap()
    .is_some());
    assert!(
        json::<HighRes>(
            &sim,
            requests::history_high_res(&days_ago(&sim, 32)).unwrap(),
            &c
        )
        .await
        .unwrap()
        .is_none(),
        "204 = no data"
    );
    assert!(
        json::<HighRes>(&sim, requests::history_high_res("2099-01-01").unwrap(), &c)
            .await
            .unwrap()
            .is_none()
    );
    // Daily values for two years.
    assert!(json::<LowRes>(
        &sim,
        requests::history_low_res(&days_ago(&sim, 720), 3).unwrap(),
        &c
    )
    .await
    .unwrap()
    .is_some());
    assert!(json::<LowRes>(
        &sim,
        requests::history_low_res(&days_ago(&sim, 800), 3).unwrap(),
        &c
    )
    .await
    .unwrap()
    .is_none());
    // Invalid parameters reach the device as 400 (bypassing the client's own validation).
    assert_eq!(
        raw(
            &sim.base_url(),
            "GET",
            "/api/v1/history/highRes?date=invalid",
            &[],
            None
        )
        .await
        .unwrap()
        .status,
        400
    );
    assert_eq!(
        raw(
            &sim.base_url(),
            "GET",
            "/api/v1/history/lowRes?start=2024-01-01&days=40",
            &[],
            None
        )
        .await
        .unwrap()
        .status,
        400
    );
    // Counters only grow, days chain up, footers sum the items.
    let low: LowRes = value(
        &sim,
        requests::history_low_res(&days_ago(&sim, 31), 31).unwrap(),
        &c,
    )
    .await;
    for w in low.items.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(b.import_total_kwh >= a.import_total_kwh);
        assert!(
            (a.import_total_kwh.unwrap() + a.import_kwh.unwrap() - b.import_total_kwh.unwrap())
                .abs()
                < 0.01
        );
    }
    let sum: f64 = low.items.iter().map(|i| i.import_kwh.unwrap()).sum();
    assert!((sum - low.consumption().unwrap()).abs() < 0.05);
    let high: HighRes = value(
        &sim,
        requests::history_high_res(&days_ago(&sim, 2)).unwrap(),
        &c,
    )
    .await;
    assert!(high
        .items
        .windows(2)
        .all(|w| w[1].import_total_kwh >= w[0].import_total_kwh
            && w[1].timestamp == w[0].timestamp + 900));
    assert!(
        high.items
            .iter()
            .map(|i| i.power_w.unwrap())
            .fold(f64::MIN, f64::max)
            > high
                .items
                .iter()
                .map(|i| i.power_w.unwrap())
                .fold(f64::MAX, f64::min)
                + 200.0,
        "power varies"
    );
    // Today: only slots that are over.
    let partial: Option<HighRes> =
        json(&sim, requests::history_high_res(&today(&sim)).unwrap(), &c)
            .await
            .unwrap();
    if let Some(p) = partial {
        assert!(p.items.len() < 96);
    }
}

#[tokio::test]
async fn auth_tokens_rotation_and_setup() {
    let mut cfg = quick();
    cfg.runtime.auth_required = true;
    cfg.runtime.setup_mode = true;
    let sim = Simulator::start(cfg).await.unwrap();
    let read = Credentials {
        read: Some("READ0123456789AB".into()),
        write: None,
    };
    let write = Credentials::token("WRITE0123456789A");
    // No token: 401 on READ endpoints, alive and wifi_scan stay open.
    assert_eq!(
        refused::<Settings>(&sim, requests::settings(), &Credentials::none()).await,
        ErrorKind::Unauthorized
    );
    assert_eq!(
        refused::<Settings>(
            &sim,
            requests::settings(),
            &Credentials::token("WRONGTOKEN")
        )
        .await,
        ErrorKind::Unauthorized
    );
    assert!(json::<Alive>(&sim, requests::alive(), &Credentials::none())
        .await
        .unwrap()
        .is_some());
    assert!(
        json::<WifiScan>(&sim, requests::wifi_scan(false), &Credentials::none())
            .await
            .unwrap()
            .is_some()
    );
    // READ token: reads, but 403 on WRITE endpoints.
    assert!(json::<Settings>(&sim, requests::settings(), &read)
        .await
        .unwrap()
        .is_some());
    let e = json::<Reboot>(&sim, requests::reboot(), &read)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Forbidden);
    assert!(!e.message.contains("READ0123456789AB"));
    assert!(json::<Reboot>(&sim, requests::reboot(), &write)
        .await
        .unwrap()
        .is_some());
    // Setup mode: the tokens without auth; afterwards 403.
    let setup: SetupTokens = value(&sim, requests::setup_token(), &Credentials::none()).await;
    assert_eq!(setup.write_token, "WRITE0123456789A");
    raw(
        &sim.base_url(),
        "POST",
        "/__sim/config",
        &[("content-type", "application/json")],
        Some(r#"{"setup_mode": false}"#),
    )
    .await
    .unwrap();
    assert_eq!(
        refused::<SetupTokens>(&sim, requests::setup_token(), &Credentials::none()).await,
        ErrorKind::Forbidden
    );

    // Two-phase rotation through the core's state machine.
    let mut rot = TokenRotation::new();
    let a = send(&sim.base_url(), &rot.start(), &write).await.unwrap();
    let now = sim.state().clock.now_ms() as u64;
    let confirm = rot
        .on_generated(&a.response(), now, &write.secrets())
        .unwrap();
    // The old tokens stay valid until the confirm.
    assert!(json::<Settings>(&sim, requests::settings(), &write)
        .await
        .unwrap()
        .is_some());
    let a = send(&sim.base_url(), &confirm, &write).await.unwrap();
    let pair = rot
        .on_confirmed(&a.response(), now, &write.secrets())
        .unwrap();
    let new_write = Credentials::token(pair.token_write.clone());
    assert!(json::<Settings>(&sim, requests::settings(), &new_write)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        refused::<Settings>(&sim, requests::settings(), &write).await,
        ErrorKind::Unauthorized
    );

    // Pending tokens lapse after 60 s: the old ones stay.
    let mut rot = TokenRotation::new();
    let a = send(&sim.base_url(), &rot.start(), &new_write)
        .await
        .unwrap();
    let confirm = rot.on_generated(&a.response(), 0, &[]).unwrap();
    sim.state().clock.advance_ms(61_000);
    let a = send(&sim.base_url(), &confirm, &new_write).await.unwrap();
    assert_eq!(a.status, 400);
    assert!(json::<Settings>(&sim, requests::settings(), &new_write)
        .await
        .unwrap()
        .is_some());

    // Turning auth off through the settings.
    json::<SettingsApplied>(
        &sim,
        requests::update_settings(&SettingsUpdate::new().api_auth_required(false)).unwrap(),
        &new_write,
    )
    .await
    .unwrap();
    assert!(
        json::<Settings>(&sim, requests::settings(), &Credentials::none())
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn rate_limit_and_heap_protection() {
    let mut cfg = quick();
    cfg.runtime.rate_limit = true;
    let sim = Simulator::start(cfg).await.unwrap();
    let c = Credentials::none();
    for _ in 0..25 {
        assert!(json::<Alive>(&sim, requests::alive(), &c).await.is_ok());
    }
    let a = send(&sim.base_url(), &requests::alive(), &c).await.unwrap();
    assert_eq!(a.status, 429);
    assert_eq!(a.retry_after.as_deref(), Some("10"));
    assert_eq!(a.headers["content-type"], "application/json");
    assert_eq!(
        String::from_utf8_lossy(&a.body),
        r#"{"error":"Too many requests"}"#
    );
    let e = interpret_json::<Alive>(Endpoint::SystemAlive, &a.response(), &[]).unwrap_err();
    assert_eq!((e.kind, e.retry_after), (ErrorKind::RateLimited, Some(10)));
    sim.state().clock.advance_ms(10_000);
    assert!(json::<Alive>(&sim, requests::alive(), &c).await.is_ok());

    // Heap protection: large history answers built at once.
    let sim = Simulator::start(quick()).await.unwrap();
    let base = sim.base_url();
    let date = days_ago(&sim, 3);
    let calls = (0..6).map(|_| {
        let base = base.clone();
        let spec = requests::history_high_res(&date).unwrap();
        tokio::spawn(async move { send(&base, &spec, &Credentials::none()).await.unwrap() })
    });
    let statuses: Vec<u16> = futures_util::future::join_all(calls)
        .await
        .into_iter()
        .map(|r| r.unwrap().status)
        .collect();
    assert!(
        statuses.contains(&200) && statuses.contains(&503),
        "{statuses:?}"
    );
    // And on demand.
    raw(
        &base,
        "POST",
        "/__sim/config",
        &[("content-type", "application/json")],
        Some(r#"{"busy": true}"#),
    )
    .await
    .unwrap();
    let a = send(&base, &requests::alive(), &Credentials::none())
        .await
        .unwrap();
    assert_eq!((a.status, a.retry_after.as_deref()), (503, Some("5")));
    assert_eq!(
        String::from_utf8_lossy(&a.body),
        r#"{"error":"Service temporary unavailable"}"#
    );
}

#[tokio::test]
async fn faults_cors_and_static_files() {
    let sim = Simulator::start(quick()).await.unwrap();
    let base = sim.base_url();
    let set = |body: &'static str| {
        let base = base.clone();
        async move {
            raw(
                &base,
                "POST",
                "/__sim/config",
                &[("content-type", "application/json")],
                Some(body),
            )
            .await
            .unwrap()
        }
    };
    set(r#"{"malformed_rate": 1.0}"#).await;
    assert_eq!(
        refused::<Alive>(&sim, requests::alive(), &Credentials::none()).await,
        ErrorKind::BadResponse
    );
    set(r#"{"malformed_rate": 0.0, "drop_rate": 1.0}"#).await;
    assert!(
        send(&base, &requests::alive(), &Credentials::none())
            .await
            .is_err(),
        "dropped"
    );
    set(r#"{"drop_rate": 0.0, "truncate_rate": 1.0}"#).await;
    assert!(
        send(&base, &requests::settings(), &Credentials::none())
            .await
            .is_err(),
        "truncated"
    );
    set(r#"{"truncate_rate": 0.0, "latency_ms": 300}"#).await;
    let t = std::time::Instant::now();
    assert!(send(&base, &requests::alive(), &Credentials::none())
        .await
        .is_ok());
    assert!(t.elapsed() >= Duration::from_millis(300));
    set(r#"{"latency_ms": 0, "no_reading_yet": true, "dump": {"empty": true}}"#).await;
    assert!(
        json::<Latest>(&sim, requests::latest(), &Credentials::none())
            .await
            .unwrap()
            .is_none()
    );
    let a = send(&base, &requests::rawdump(), &Credentials::none())
        .await
        .unwrap();
    assert_eq!(a.status, 204);
    set(r#"{"dump": {"empty": false, "d0": true}}"#).await;
    let a = send(&base, &requests::rawdump(), &Credentials::none())
        .await
        .unwrap();
    assert_eq!(
        wattwaechter::dump::decode(&a.body, &Default::default())
            .unwrap()
            .protocol,
        wattwaechter::dump::Protocol::D0
    );
    assert_eq!(
        raw(
            &base,
            "POST",
            "/__sim/config",
            &[("content-type", "application/json")],
            Some(r#"{"latency_ms": "x"}"#)
        )
        .await
        .unwrap()
        .status,
        400
    );

    // CORS off: no headers, like a device without CORS support.
    let a = raw(
        &base,
        "GET",
        "/api/v1/system/alive",
        &[("origin", "http://example.test")],
        None,
    )
    .await
    .unwrap();
    assert!(a.headers.get("access-control-allow-origin").is_none());
    // CORS on: permissive, including the preflight and Retry-After exposed.
    let dir = std::env::temp_dir().join(format!("ww-sim-www-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>page</title>").unwrap();
    std::fs::write(dir.join("pkg/wattwaechter.js"), "export {}").unwrap();
    let mut cfg = quick();
    cfg.cors = true;
    cfg.www = Some(dir.clone());
    cfg.pkg = Some(dir.join("pkg"));
    let sim = Simulator::start(cfg).await.unwrap();
    let a = raw(
        &sim.base_url(),
        "GET",
        "/api/v1/system/alive",
        &[("origin", "http://example.test")],
        None,
    )
    .await
    .unwrap();
    assert_eq!(a.headers["access-control-allow-origin"], "*");
    let pre = raw(
        &sim.base_url(),
        "OPTIONS",
        "/api/v1/settings",
        &[
            ("origin", "http://example.test"),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization,content-type",
            ),
        ],
        None,
    )
    .await
    .unwrap();
    assert!(pre.status < 300 && pre.headers.contains_key("access-control-allow-headers"));
    let page = raw(&sim.base_url(), "GET", "/", &[], None).await.unwrap();
    assert!(String::from_utf8_lossy(&page.body).contains("<title>page</title>"));
    let js = raw(&sim.base_url(), "GET", "/pkg/wattwaechter.js", &[], None)
        .await
        .unwrap();
    assert_eq!(js.status, 200);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn gas_and_water_devices() {
    for (medium, key) in [
        (MediumKind::Gas, "7-0:3.0.0"),
        (MediumKind::Water, "8-0:1.0.0"),
    ] {
        let mut cfg = quick();
        cfg.medium = medium;
        let sim = Simulator::start(cfg).await.unwrap();
        let c = Credentials::none();
        let latest: Latest = value(&sim, requests::latest(), &c).await;
        assert!(latest.values.contains_key(key));
        assert!(latest.gw.is_some() && latest.volume().unwrap() > 0.0);
        assert_eq!(
            latest.medium(),
            if medium == MediumKind::Gas {
                Medium::Gas
            } else {
                Medium::Water
            }
        );
        let info: SystemInfo = value(&sim, requests::system_info(), &c).await;
        assert!(info.is_gas_water());
        let high: HighRes = value(
            &sim,
            requests::history_high_res(&days_ago(&sim, 1)).unwrap(),
            &c,
        )
        .await;
        assert_eq!(high.unit(), HistoryUnit::M3);
        assert!(high.items[0].power_w.is_none() && high.consumption_m3.is_some());
        let low: LowRes = value(
            &sim,
            requests::history_low_res(&days_ago(&sim, 5), 2).unwrap(),
            &c,
        )
        .await;
        assert_eq!(low.days, Some(2));
        assert_eq!(
            refused::<SelfTest>(&sim, requests::selftest(), &c).await,
            ErrorKind::NotFound
        );
        let a = send(&sim.base_url(), &requests::rawdump(), &c)
            .await
            .unwrap();
        assert_eq!(a.status, 404);
    }
}

#[tokio::test]
async fn proxy_mode_forwards_to_a_device() {
    let device = Simulator::start(quick()).await.unwrap();
    let mut cfg = quick();
    cfg.proxy = Some(device.base_url());
    let proxy = Simulator::start(cfg).await.unwrap();
    let c = Credentials::none();
    let info: SystemInfo = value(&proxy, requests::system_info(), &c).await;
    assert_eq!(info.device_id(), Some(device.state().device_id().as_str()));
    json::<SettingsApplied>(
        &proxy,
        requests::update_settings(&SettingsUpdate::new().device_name("via proxy")).unwrap(),
        &c,
    )
    .await
    .unwrap();
    let s: Settings = value(&device, requests::settings(), &c).await;
    assert_eq!(s.device_name, "via proxy");
    let a = send(&proxy.base_url(), &requests::rawdump(), &c)
        .await
        .unwrap();
    assert_eq!(a.body.len(), 4096);
    // A device that is not there: 502 with a clear message.
    let mut cfg = quick();
    cfg.proxy = Some("http://127.0.0.1:9".into());
    let dead = Simulator::start(cfg).await.unwrap();
    let a = send(&dead.base_url(), &requests::alive(), &c)
        .await
        .unwrap();
    assert_eq!(a.status, 502);
    assert!(String::from_utf8_lossy(&a.body).contains("did not answer"));
}

#[tokio::test]
async fn hostile_strings_are_everywhere_a_client_shows_text() {
    let mut cfg = quick();
    cfg.hostile = true;
    let sim = Simulator::start(cfg).await.unwrap();
    let c = Credentials::none();
    let s: Settings = value(&sim, requests::settings(), &c).await;
    assert!(s.device_name.contains("<img"));
    let scan: WifiScan = value(&sim, requests::wifi_scan(false), &c).await;
    assert!(scan.networks.iter().any(|n| n.ssid.contains("<img")));
    let a = send(&sim.base_url(), &requests::logs_ram(), &c)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&a.body).contains("<img"));
    let a = send(&sim.base_url(), &requests::rawdump(), &c)
        .await
        .unwrap();
    assert!(a.body.windows(4).any(|w| w == b"<img"));
}
