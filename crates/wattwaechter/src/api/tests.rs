use super::*;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const EXAMPLES: &[(&str, &str)] = &[
    (
        "system_info.json",
        include_str!("../../../../tests/fixtures/api/system_info.json"),
    ),
    (
        "settings_get.json",
        include_str!("../../../../tests/fixtures/api/settings_get.json"),
    ),
    (
        "history_latest_electricity.json",
        include_str!("../../../../tests/fixtures/api/history_latest_electricity.json"),
    ),
    (
        "history_latest_gas.json",
        include_str!("../../../../tests/fixtures/api/history_latest_gas.json"),
    ),
    (
        "history_highres_electricity.json",
        include_str!("../../../../tests/fixtures/api/history_highres_electricity.json"),
    ),
    (
        "history_highres_gas.json",
        include_str!("../../../../tests/fixtures/api/history_highres_gas.json"),
    ),
    (
        "history_lowres_electricity.json",
        include_str!("../../../../tests/fixtures/api/history_lowres_electricity.json"),
    ),
    (
        "history_lowres_gas.json",
        include_str!("../../../../tests/fixtures/api/history_lowres_gas.json"),
    ),
];

/// Every leaf of `original` is in `again` with the same value (numbers compared as numbers).
fn assert_kept(original: &Value, again: &Value, path: &str) {
    match (original, again) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let w = b.get(k).unwrap_or_else(|| panic!("{path}.{k} was lost"));
                assert_kept(v, w, &alloc::format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}");
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                assert_kept(v, w, &alloc::format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64(), "{path}"),
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

fn round_trip<T: DeserializeOwned + serde::Serialize>(text: &str) -> T {
    let value: T = serde_json::from_str(text).unwrap();
    let again = serde_json::to_value(&value).unwrap();
    let original: Value = serde_json::from_str(text).unwrap();
    assert_kept(&original, &again, "");
    value
}

#[test]
fn every_example_round_trips() {
    for (name, text) in EXAMPLES {
        match *name {
            "system_info.json" => drop(round_trip::<SystemInfo>(text)),
            "settings_get.json" => drop(round_trip::<Settings>(text)),
            n if n.starts_with("history_latest") => drop(round_trip::<Latest>(text)),
            n if n.starts_with("history_highres") => drop(round_trip::<HighRes>(text)),
            n if n.starts_with("history_lowres") => drop(round_trip::<LowRes>(text)),
            n => panic!("unhandled example {n}"),
        }
    }
}

#[test]
fn system_info_accessors() {
    let info: SystemInfo = serde_json::from_str(EXAMPLES[0].1).unwrap();
    assert_eq!(info.device_id(), Some("9BFEFF453AB4"));
    assert_eq!(info.firmware_version(), Some("1.2.3"));
    assert_eq!(info.model_id(), Some("ww_plus"));
    assert_eq!(info.product_name(), Some("WattWächter Plus"));
    assert!(!info.is_gas_water());
    assert_eq!(info.signal_strength_dbm(), Some(-45));
    assert_eq!(info.free_heap(), Some(120_000));
    assert_eq!(info.uptime(), Some("2d 5h 30m"));
    // Numbers instead of strings, unknown sections, missing unit.
    let odd: SystemInfo =
        serde_json::from_value(json!({"heap": [{"name": "free_heap", "value": 5000}], "new": []}))
            .unwrap();
    assert_eq!(odd.free_heap(), Some(5000));
    assert!(odd.sections.contains_key("new"));
}

#[test]
fn settings_fields_and_partial_updates() {
    let s: Settings = serde_json::from_str(EXAMPLES[1].1).unwrap();
    assert_eq!(s.access_point.ssid, "WattWaechter-1234");
    assert_eq!(s.mqtt.send_interval, 60);
    assert_eq!(
        (s.reboot_counter, s.reboots_total, s.reboots_all),
        (0, 5, 10)
    );
    assert!(s.led_enable && s.api_auth_required && !s.aws_iot_enabled);
    assert_eq!(s.language.installed.len(), 2);
    assert!(s.extra.is_empty());
    assert_eq!(s.modbus, None);
    let with_more: Settings =
        serde_json::from_value(json!({"modbus": {"enable": true, "port": "502"}, "futureKey": 1}))
            .unwrap();
    assert_eq!(
        with_more.modbus,
        Some(ModbusConfig {
            enable: true,
            port: 502
        })
    );
    assert_eq!(with_more.extra.get("futureKey"), Some(&json!(1)));

    assert_eq!(SettingsUpdate::new().to_json(), "{}");
    assert!(SettingsUpdate::new().is_empty());
    let u = SettingsUpdate::new()
        .device_name("Keller-Zähler")
        .mqtt(|m| {
            m.enable = Some(true);
            m.host = Some("mqtt.local".into());
            m.port = Some(1883);
            m.password = Some("secret".into());
            m.send_interval = Some(15);
        })
        .wifi_primary(|w| w.ssid = Some("Home".into()))
        .api_auth_required(true);
    let v: Value = serde_json::from_str(&u.to_json()).unwrap();
    assert_eq!(
        v,
        json!({"device_name": "Keller-Zähler", "api_auth_required": true, "wifi": {"primary": {"ssid": "Home"}},
               "mqtt": {"enable": true, "host": "mqtt.local", "port": 1883, "password": "secret", "sendInterval": 15}})
    );
}

#[test]
fn latest_electricity_and_gas() {
    let e: Latest = serde_json::from_str(EXAMPLES[2].1).unwrap();
    assert_eq!(e.timestamp, 1_704_067_200);
    assert_eq!(e.power(), Some(1500.5));
    assert_eq!(e.total_import(), Some(12345.678));
    assert_eq!(e.total_export(), Some(1234.567));
    assert_eq!(e.medium(), Medium::Electricity);
    assert_eq!(e.volume(), None);
    assert_eq!(
        e.get("94.91.0").unwrap().value,
        ObisNumberOrText::Text("0x0182".into())
    );
    assert_eq!(e.get("1-0:96.1.0*255").unwrap().value.as_f64(), None);
    assert_eq!(e.get("1-0:16.7.0").unwrap().value.as_f64(), Some(1500.5));
    let keys: Vec<ObisKey> = e.keys().collect();
    assert!(keys.iter().all(|k| k.obis.is_some()));

    let g: Latest = serde_json::from_str(EXAMPLES[3].1).unwrap();
    assert_eq!(g.medium(), Medium::Gas);
    assert_eq!(g.volume(), Some(1234.567));
    assert_eq!(g.flow(), Some(0.42));
    assert_eq!(g.power(), None);
    let gw = g.gw.as_ref().unwrap();
    assert!(gw.ok);
    assert_eq!((gw.coils, gw.active_coils), (3, 3));
    assert_eq!(gw.meter_since, None);
    assert_eq!(gw.raw.get("ticks"), Some(&json!(1234)));

    // Water by keys; a medium the gw block names but this version does not know; junk keys.
    let w: Latest = serde_json::from_value(
        json!({"timestamp": "1709913600", "8-0:1.0.0": {"value": "12.5", "unit": "m³"},
        "gw": {"medium": "steam", "meterSince": 1709251200}, "note": "x", "odd": {"no": "value"}}),
    )
    .unwrap();
    assert_eq!(w.timestamp, 1_709_913_600);
    assert_eq!(w.medium(), Medium::Unknown("steam".into()));
    assert_eq!(w.gw.as_ref().unwrap().meter_since, Some(1_709_251_200));
    assert_eq!(w.extra.len(), 2);
    let w2: Latest =
        serde_json::from_value(json!({"8-0:1.0.0": {"value": 12.5}, "8-0:2.0.0": {"value": 0.1}}))
            .unwrap();
    assert_eq!(
        (w2.medium(), w2.volume(), w2.flow()),
        (Medium::Water, Some(12.5), Some(0.1))
    );
    assert_eq!(w2.values["8-0:1.0.0"].name, "");
}

#[test]
fn history_variants() {
    let h: HighRes = serde_json::from_str(EXAMPLES[4].1).unwrap();
    assert_eq!(h.unit(), HistoryUnit::Kwh);
    assert_eq!(h.consumption(), Some(5.6));
    assert_eq!(h.export(), Some(1.2));
    assert_eq!(h.items[0].power_w, Some(1234.0));
    assert_eq!(h.items[0].import_total(), Some(12345.0));
    let hg: HighRes = serde_json::from_str(EXAMPLES[5].1).unwrap();
    assert_eq!(hg.unit(), HistoryUnit::M3);
    assert_eq!(hg.consumption(), Some(0.03));
    assert_eq!(hg.items[1].import_total(), Some(1234.53));
    assert_eq!(hg.items[0].power_w, None);
    let l: LowRes = serde_json::from_str(EXAMPLES[6].1).unwrap();
    assert_eq!(
        (l.unit(), l.days, l.items.len()),
        (HistoryUnit::Kwh, None, 2)
    );
    assert_eq!(l.items[1].consumption(), Some(7.0));
    let lg: LowRes = serde_json::from_str(EXAMPLES[7].1).unwrap();
    assert_eq!(
        (lg.unit(), lg.days, lg.consumption()),
        (HistoryUnit::M3, Some(2), Some(5.5))
    );
    assert_eq!(lg.items[0].consumption(), Some(2.5));
}

#[test]
fn unknown_enum_values_do_not_break() {
    let led: Led = serde_json::from_value(json!({"status": "METER_ATTENTION", "priority": 3, "color": "cyan", "mode": "blink",
        "rgb": {"r": 0, "g": 255, "b": 0}, "enabled": true, "active_statuses": {"ok": true, "meter_attention": true}})).unwrap();
    assert_eq!(led.status, LedStatus::MeterAttention);
    assert_eq!(led.color, LedColor::Unknown("cyan".into()));
    assert_eq!(led.mode, LedMode::Unknown("blink".into()));
    assert_eq!(serde_json::to_value(&led).unwrap()["color"], "cyan");
    let future: Led = serde_json::from_value(json!({"status": "NEW_THING"})).unwrap();
    assert_eq!(future.status.as_str(), "NEW_THING");
    let m: MqttStatus =
        serde_json::from_value(json!({"state": "CONNECTED", "port": "1883", "enabled": 1}))
            .unwrap();
    assert!(m.connected() && m.enabled);
    assert_eq!(m.port, 1883);
}

#[test]
fn the_other_endpoint_bodies() {
    let alive: Alive =
        serde_json::from_value(json!({"alive": true, "version": "1.0.3", "extra": 1})).unwrap();
    assert_eq!(alive.version, "1.0.3");
    assert_eq!(
        serde_json::from_value::<Alive>(json!({})).unwrap(),
        Alive::default()
    );
    let scan: WifiScan =
        serde_json::from_value(json!({"networks": [], "count": 0, "scanning": true})).unwrap();
    assert!(scan.scanning);
    let tz: Vec<Timezone> =
        serde_json::from_value(json!([{"name": "Europe/Berlin", "utcOffsetMin": 60}])).unwrap();
    assert_eq!(tz[0].utc_offset_min, 60);
    let g: TokensGenerated = serde_json::from_value(json!({"success": true, "pending": {"token_read": "A1", "token_write": "X9"}, "expires_in": 60})).unwrap();
    assert_eq!(g.pending.token_write, "X9");
    assert!(
        !alloc::format!("{g:?}").contains("X9"),
        "tokens never appear in Debug output"
    );
    let s: SetupTokens =
        serde_json::from_value(json!({"readToken": "READ123", "writeToken": "WRITE456"})).unwrap();
    assert_eq!(s.write_token, "WRITE456");
    let ota: OtaCheck = serde_json::from_value(json!({"ok": true, "data": {"update_available": true, "version": "1.2.0", "last_checked": 1700000000}})).unwrap();
    assert!(ota.data.update_available);
    let start: OtaStart =
        serde_json::from_value(json!({"ok": true, "msg": "OTA started"})).unwrap();
    assert!(start.started());
    let none: OtaStart =
        serde_json::from_value(json!({"ok": true, "update_available": false})).unwrap();
    assert!(!none.started());
    let modbus: ModbusStatus = serde_json::from_value(json!({"enabled": true, "running": true, "port": 502, "active_connections": 1,
        "registers": [{"register": 40088, "name": "W", "obis": "16.7.0", "value": null, "unit": "W", "valid": false}]})).unwrap();
    assert_eq!(modbus.registers[0].value, None);
    let ca: CaStatus = serde_json::from_value(
        json!({"has_custom_cert": false, "bundle_size": 5750, "custom_size": 0}),
    )
    .unwrap();
    assert_eq!(ca.bundle_size, 5750);
    let applied: SettingsApplied =
        serde_json::from_value(json!({"success": true, "applied": {"ledEnable": false}})).unwrap();
    assert_eq!(applied.applied["ledEnable"], false);
    let selftest: SelfTest = serde_json::from_value(
        json!({"success": true, "result": "SUCCESS", "message": "IR-Transceiver OK"}),
    )
    .unwrap();
    assert!(selftest.success);
    assert!(
        serde_json::from_value::<Reboot>(json!({"rebooting": true}))
            .unwrap()
            .rebooting
    );
    assert_eq!(
        serde_json::to_string(&CloudPair {
            pairing_token: "WW-ABCD2345".into()
        })
        .unwrap(),
        r#"{"pairing_token":"WW-ABCD2345"}"#
    );
}

#[test]
fn the_endpoint_catalogue() {
    assert_eq!(Endpoint::ALL.len(), 27);
    let mut seen: Vec<String> = Endpoint::ALL
        .iter()
        .map(|e| alloc::format!("{} {}", e.method().as_str(), e.path()))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 27, "method + path is unique");
    assert_eq!(
        Endpoint::find(Method::Get, "/api/v1/history/highRes?date=2024-03-08"),
        Some(Endpoint::HistoryHighRes)
    );
    assert_eq!(
        Endpoint::find(Method::Delete, "/mqtt/ca"),
        Some(Endpoint::MqttCaDelete)
    );
    assert_eq!(Endpoint::find(Method::Get, "/nope"), None);
    assert_eq!(Endpoint::OtaStart.timeout().min_ms(), 30_000);
    assert_eq!(Endpoint::SystemAlive.auth(), AuthLevel::None);
    assert_eq!(Endpoint::SystemReboot.auth(), AuthLevel::Write);
    assert_eq!(Endpoint::LogsRawdump.body(), BodyKind::Binary);
    assert!(Endpoint::HistoryLatest.may_have_no_data());
    assert!(!Endpoint::SettingsGet.may_have_no_data());
    assert!(Endpoint::SettingsGet.idempotent() && !Endpoint::SettingsUpdate.idempotent());
    assert_eq!(Endpoint::SystemAlive.full_path(), "/api/v1/system/alive");
    let _ = "x".to_string();
}

/// The OpenAPI document showed these two strict where everything else is lenient: an LED
/// color as numeric strings, and the `gw` block's `ok` as `"1"` (read as false before).
#[test]
fn led_colors_and_gw_ok_are_read_leniently() {
    let led: Led = serde_json::from_str(r#"{"rgb": {"r": "255", "g": 0.0, "b": null}}"#).unwrap();
    assert_eq!(led.rgb, Rgb { r: 255, g: 0, b: 0 });
    assert!(serde_json::from_str::<Led>(r#"{"rgb": {"r": 256}}"#).is_err());
    let latest: Latest = serde_json::from_str(r#"{"timestamp": 1, "gw": {"ok": "1"}}"#).unwrap();
    assert!(latest.gw.expect("gw").ok);
}
