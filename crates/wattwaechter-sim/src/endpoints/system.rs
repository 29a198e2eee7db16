//! `/system/*`: alive, info, LED, self-test, Wi-Fi scan, time zones, reboot.

use super::{to_json, Call, Reply, HOSTILE, VERSION};
use crate::meter::MediumKind;
use crate::state::Sim;
use std::collections::BTreeMap;
use std::time::Duration;
use wattwaechter::api::*;

/// `GET /system/alive`.
pub(super) fn alive() -> Reply {
    to_json(&Alive {
        alive: true,
        version: VERSION.into(),
    })
}

/// `GET /system/info`.
pub(super) fn info(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now_ms = c.now_ms;
    to_json(&system_info(sim, now_ms))
}

/// `GET /system/led`.
pub(super) fn led(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let enabled = sim.lock().device.settings.led_enable;
    to_json(&Led {
        status: LedStatus::Ok,
        priority: 1,
        color: if enabled {
            LedColor::Green
        } else {
            LedColor::Off
        },
        mode: if enabled {
            LedMode::Dimmed
        } else {
            LedMode::Off
        },
        rgb: Rgb {
            r: 0,
            g: if enabled { 255 } else { 0 },
            b: 0,
        },
        enabled,
        active_statuses: [("ok".to_string(), true), ("error".to_string(), false)]
            .into_iter()
            .collect(),
    })
}

/// `POST /system/selftest`.
pub(super) async fn selftest(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let electricity = c.electricity();
    if !electricity {
        return Reply::Error(404, "Not available on this device", None);
    }
    let ms = sim.lock().runtime.selftest_ms;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    to_json(&SelfTest {
        success: true,
        result: "SUCCESS".into(),
        message: "IR-Transceiver OK".into(),
    })
}

/// `GET /system/wifi_scan`.
pub(super) fn wifi_scan(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now_ms = c.now_ms;
    let query = c.query;
    let mut shared = sim.lock();
    let dev = &mut shared.device;
    if query.get("refresh").is_some_and(|v| v == "true") {
        dev.scan_until_ms = now_ms + 3000;
    }
    if now_ms < dev.scan_until_ms {
        return to_json(&WifiScan {
            networks: vec![],
            count: 0,
            scanning: true,
        });
    }
    let mut networks = vec![
        WifiNetwork {
            ssid: "Zuhause".into(),
            rssi: -48,
        },
        WifiNetwork {
            ssid: "FRITZ!Box 7590 XY".into(),
            rssi: -67,
        },
        WifiNetwork {
            ssid: "Nachbar-Gast".into(),
            rssi: -81,
        },
    ];
    if sim.config.hostile {
        networks.push(WifiNetwork {
            ssid: HOSTILE.into(),
            rssi: -70,
        });
    }
    let count = networks.len() as i64;
    to_json(&WifiScan {
        networks,
        count,
        scanning: false,
    })
}

/// `GET /system/timezones`.
pub(super) fn timezones() -> Reply {
    to_json(
        &[
            ("Europe/Berlin", 60),
            ("Europe/Vienna", 60),
            ("Europe/Zurich", 60),
            ("Europe/London", 0),
            ("UTC", 0),
            ("Europe/Helsinki", 120),
            ("America/New_York", -300),
        ]
        .iter()
        .map(|&(name, utc_offset_min)| Timezone {
            name: name.into(),
            utc_offset_min,
        })
        .collect::<Vec<_>>(),
    )
}

/// `POST /system/reboot`.
pub(super) fn reboot(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now_ms = c.now_ms;
    let mut shared = sim.lock();
    let dev = &mut shared.device;
    dev.settings.reboot_counter += 1;
    dev.settings.reboots_total += 1;
    dev.settings.reboots_all += 1;
    dev.boot_ms = now_ms;
    to_json(&Reboot { rebooting: true })
}

fn system_info(sim: &Sim, now_ms: i64) -> SystemInfo {
    let shared = sim.lock();
    let dev = &shared.device;
    let up = (now_ms - dev.boot_ms).max(0) / 1000;
    let id = sim.device_id();
    let mac: Vec<String> = (0..6).map(|i| id[2 * i..2 * i + 2].to_string()).collect();
    let e = |name: &str, value: String, unit: &str| InfoEntry {
        name: name.into(),
        value,
        unit: unit.into(),
    };
    let rssi = -45 - (crate::meter::mix(now_ms as u64 / 10_000) % 12) as i64;
    let (model, product) = match sim.config.medium {
        MediumKind::Electricity => ("ww_plus", "WattWächter Plus"),
        MediumKind::Gas => ("ww_gw_mf", "WattWächter Gas"),
        MediumKind::Water => ("ww_gw_mf", "WattWächter Wasser"),
    };
    let mut sections = BTreeMap::new();
    sections.insert(
        "uptime".into(),
        vec![e(
            "uptime",
            format!("{}d {}h {}m", up / 86_400, up / 3600 % 24, up / 60 % 60),
            "",
        )],
    );
    sections.insert(
        "wifi".into(),
        vec![
            e("ssid", dev.settings.wifi.primary.ssid.clone(), ""),
            e("signal_strength", rssi.to_string(), "dBm"),
            e("ip_address", "127.0.0.1".into(), ""),
            e("mac_address", mac.join(":"), ""),
            e(
                "mdns_name",
                format!("wattwaechter-{}.local", id.to_lowercase()),
                "",
            ),
        ],
    );
    sections.insert("ap".into(), vec![]);
    sections.insert(
        "esp".into(),
        vec![
            e("esp_id", id, ""),
            e("product_name", product.into(), ""),
            e("model_id", model.into(), ""),
            e("os_version", VERSION.into(), ""),
        ],
    );
    let heap = 110_000 + (crate::meter::mix(now_ms as u64 / 5000) % 30_000) as i64;
    sections.insert(
        "heap".into(),
        vec![e("free_heap", heap.to_string(), "bytes")],
    );
    SystemInfo { sections }
}
