//! The answers of the 27 endpoints, built from the core's API types so the simulator can never
//! drift from what the client parses.

use crate::clock::utc;
use crate::logs;
use crate::meter::{MediumKind, SLOT_S};
use crate::ring;
use crate::state::Sim;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use wattwaechter::api::*;

/// An answer before faults are applied.
#[derive(Debug)]
pub enum Reply {
    /// 200 with JSON.
    Json(Value),
    /// 204.
    NoContent,
    /// 200 with text bytes (logs; not necessarily valid UTF-8 after the cut).
    Text(Vec<u8>),
    /// 200 with binary bytes.
    Binary(Vec<u8>),
    /// An error status with `{"error": message}` and an optional `Retry-After`.
    Error(u16, &'static str, Option<u32>),
}

fn to_json<T: serde::Serialize>(v: &T) -> Reply {
    Reply::Json(serde_json::to_value(v).expect("API types serialise"))
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// Dispatches one endpoint (after limits and auth).
pub async fn answer(
    sim: &Sim,
    endpoint: Endpoint,
    query: &HashMap<String, String>,
    body: &[u8],
) -> Reply {
    let now_ms = sim.clock.now_ms();
    let now = now_ms / 1000;
    let electricity = sim.config.medium == MediumKind::Electricity;
    match endpoint {
        Endpoint::SystemAlive => to_json(&Alive {
            alive: true,
            version: VERSION.into(),
        }),
        Endpoint::SystemInfo => to_json(&system_info(sim, now_ms)),
        Endpoint::SystemLed => {
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
        Endpoint::SystemSelftest => {
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
        Endpoint::SystemWifiScan => {
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
        Endpoint::SystemTimezones => to_json(
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
        ),
        Endpoint::SystemReboot => {
            let mut shared = sim.lock();
            let dev = &mut shared.device;
            dev.settings.reboot_counter += 1;
            dev.settings.reboots_total += 1;
            dev.settings.reboots_all += 1;
            dev.boot_ms = now_ms;
            to_json(&Reboot { rebooting: true })
        }
        Endpoint::HistoryLatest => {
            if sim.lock().runtime.no_reading_yet {
                return Reply::NoContent;
            }
            to_json(&latest(sim, now))
        }
        Endpoint::HistoryHighRes => {
            let Some(day) = query
                .get("date")
                .and_then(|d| wattwaechter::calendar::parse_date(d))
            else {
                return Reply::Error(400, "Invalid date", None);
            };
            large(sim, || high_res(sim, day, now)).await
        }
        Endpoint::HistoryLowRes => {
            let start = query
                .get("start")
                .and_then(|d| wattwaechter::calendar::parse_date(d));
            let days = query.get("days").and_then(|d| d.parse::<i64>().ok());
            let (Some(start), Some(days)) = (start, days) else {
                return Reply::Error(400, "Invalid parameters", None);
            };
            if !(1..=31).contains(&days) {
                return Reply::Error(400, "days must be 1-31", None);
            }
            large(sim, || low_res(sim, start, days, now)).await
        }
        Endpoint::SettingsGet => to_json(&sim.lock().device.settings),
        Endpoint::SettingsUpdate => update_settings(sim, body),
        Endpoint::TokensGenerate => {
            let ttl = sim.lock().runtime.pending_token_ttl_ms;
            let pair = TokenPair {
                token_read: sim.new_token(1),
                token_write: sim.new_token(2),
            };
            sim.lock().device.pending = Some((pair.clone(), now_ms + ttl as i64));
            to_json(&TokensGenerated {
                success: true,
                pending: pair,
                expires_in: (ttl / 1000) as i64,
            })
        }
        Endpoint::TokensConfirm => {
            let Ok(req) = serde_json::from_slice::<TokensConfirm>(body) else {
                return Reply::Error(400, "Body must be {\"new_write_token\": \"...\"}", None);
            };
            let mut shared = sim.lock();
            match shared.device.pending.take() {
                Some((pair, deadline))
                    if now_ms <= deadline && pair.token_write == req.new_write_token =>
                {
                    shared.runtime.read_token = pair.token_read;
                    shared.runtime.write_token = pair.token_write;
                    to_json(&SuccessMessage {
                        success: true,
                        message: "Tokens activated successfully.".into(),
                    })
                }
                Some((_, deadline)) if now_ms > deadline => {
                    Reply::Error(400, "Pending tokens expired", None)
                }
                Some(p) => {
                    shared.device.pending = Some(p);
                    Reply::Error(400, "Token does not match the pending token", None)
                }
                None => Reply::Error(400, "No pending tokens", None),
            }
        }
        Endpoint::SetupToken => {
            let shared = sim.lock();
            let rt = &shared.runtime;
            if !rt.setup_mode {
                return Reply::Error(403, "Setup already completed", None);
            }
            to_json(&SetupTokens {
                read_token: rt.read_token.clone(),
                write_token: rt.write_token.clone(),
            })
        }
        Endpoint::MqttCaGet => {
            let shared = sim.lock();
            let dev = &shared.device;
            let custom = dev.custom_cert.as_ref().map_or(0, String::len) as i64;
            to_json(&CaStatus {
                has_custom_cert: custom > 0,
                bundle_size: 5750 + custom,
                custom_size: custom,
            })
        }
        Endpoint::MqttCaUpload => {
            let Ok(req) = serde_json::from_slice::<CaUpload>(body) else {
                return Reply::Error(400, "Body must be {\"certificate\": \"...\"}", None);
            };
            if req.certificate.len() > 4096 {
                return Reply::Error(413, "Certificate too large", None);
            }
            if !req.certificate.contains("-----BEGIN CERTIFICATE-----") {
                return Reply::Error(400, "Not a PEM certificate", None);
            }
            let size = req.certificate.len() as i64;
            sim.lock().device.custom_cert = Some(req.certificate);
            to_json(&CaAction {
                success: true,
                message: "Certificate added".into(),
                bundle_size: 5750 + size,
            })
        }
        Endpoint::MqttCaDelete => {
            if sim.lock().device.custom_cert.take().is_none() {
                return Reply::Error(404, "No custom certificate", None);
            }
            to_json(&CaAction {
                success: true,
                message: "Custom certificate deleted".into(),
                bundle_size: 5750,
            })
        }
        Endpoint::MqttStatus => {
            let shared = sim.lock();
            let dev = &shared.device;
            let m = &dev.settings.mqtt;
            let configured = m.enable && !m.host.is_empty();
            to_json(&MqttStatus {
                enabled: m.enable,
                state: if !m.enable {
                    MqttState::Off
                } else if configured {
                    MqttState::Connected
                } else {
                    MqttState::Failed
                },
                host: m.host.clone(),
                port: m.port,
                client_id: if m.client_id.is_empty() {
                    format!("wattwaechter-{}", sim.device_id())
                } else {
                    m.client_id.clone()
                },
                use_tls: m.use_tls,
                last_error: if m.enable && !configured { 5 } else { 0 },
                last_error_message: if m.enable && !configured {
                    "No broker host configured".into()
                } else {
                    String::new()
                },
                reconnect_attempts: 0,
            })
        }
        Endpoint::ModbusStatus => to_json(&modbus(sim, now)),
        Endpoint::CloudPair => {
            let Ok(req) = serde_json::from_slice::<CloudPair>(body) else {
                return Reply::Error(
                    400,
                    "Body must be {\"pairing_token\": \"WW-XXXXXXXX\"}",
                    None,
                );
            };
            let t = req.pairing_token.as_bytes();
            if t.len() != 11
                || !t.starts_with(b"WW-")
                || !t[3..]
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                return Reply::Error(400, "Invalid pairing token", None);
            }
            sim.lock().device.cloud_token = Some(req.pairing_token);
            to_json(&SuccessMessage {
                success: true,
                message: "Pairing wird durchgeführt...".into(),
            })
        }
        Endpoint::CloudUnpair => {
            sim.lock().device.cloud_token = None;
            to_json(&SuccessMessage {
                success: true,
                message: "Pairing token removed.".into(),
            })
        }
        Endpoint::OtaCheck => to_json(&OtaCheck {
            ok: true,
            data: OtaData {
                update_available: true,
                version: "1.4.0".into(),
                tag: "stable".into(),
                release_date: "2026-10-01".into(),
                release_note_de: "Simulierte Version".into(),
                release_note_en: "Simulated release".into(),
                last_checked: now - 3600,
            },
        }),
        Endpoint::OtaStart => to_json(&OtaStart {
            ok: true,
            msg: "OTA started".into(),
            update_available: None,
        }),
        Endpoint::LogsRawdump => {
            if !electricity {
                return Reply::Error(404, "Not available on this device", None);
            }
            let faults = sim.lock().runtime.dump.clone();
            if faults.empty {
                return Reply::NoContent;
            }
            let boot = sim.lock().device.boot_ms / 1000;
            let (bytes, _) = ring::ring(
                &sim.meter,
                now,
                boot,
                sim.config.ring_size,
                sim.config.seed,
                &faults,
                sim.config.hostile,
            );
            Reply::Binary(bytes)
        }
        Endpoint::LogsPersistent => Reply::Text(logs::persistent(
            &sim.meter,
            sim.config.seed,
            now,
            sim.config.hostile,
        )),
        Endpoint::LogsRam => {
            let boot = sim.lock().device.boot_ms / 1000;
            Reply::Text(logs::ram(
                &sim.meter,
                sim.config.seed,
                now,
                boot,
                sim.config.hostile,
            ))
        }
    }
}

/// The firmware version the simulator reports.
pub const VERSION: &str = "1.3.0-sim";

/// Builds a large answer under heap protection: too many at once → 503.
async fn large(sim: &Sim, build: impl FnOnce() -> Reply) -> Reply {
    use std::sync::atomic::Ordering;
    let limit = sim.lock().runtime.heap_concurrent_large;
    let before = sim.large_in_flight.fetch_add(1, Ordering::SeqCst);
    let reply = if before >= limit {
        Reply::Error(503, "Service temporary unavailable", Some(5))
    } else {
        // Reading history from flash takes a moment on the device.
        tokio::time::sleep(Duration::from_millis(60)).await;
        build()
    };
    sim.large_in_flight.fetch_sub(1, Ordering::SeqCst);
    reply
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

fn value(v: f64, unit: &str, name: &str) -> ObisValue {
    ObisValue {
        value: ObisNumberOrText::Number(v),
        unit: unit.into(),
        name: name.into(),
    }
}

fn latest(sim: &Sim, now: i64) -> Latest {
    let r = sim.meter.reading(now);
    let mut out = Latest {
        timestamp: now,
        datetime: utc(now).to_string(),
        ..Latest::default()
    };
    let v = &mut out.values;
    match sim.config.medium {
        MediumKind::Electricity => {
            v.insert(
                "1.8.0".into(),
                value(round(r.import / 1000.0, 4), "kWh", "Bezug"),
            );
            v.insert(
                "2.8.0".into(),
                value(round(r.export / 1000.0, 4), "kWh", "Einspeisung"),
            );
            v.insert("16.7.0".into(), value(round(r.power, 1), "W", "Leistung"));
            for (p, (pw, (u, i))) in ["36.7.0", "56.7.0", "76.7.0"]
                .iter()
                .zip(
                    ["32.7.0", "52.7.0", "72.7.0"]
                        .iter()
                        .zip(["31.7.0", "51.7.0", "71.7.0"]),
                )
                .enumerate()
            {
                v.insert(
                    (*pw).into(),
                    value(
                        round(r.phase_power[p], 1),
                        "W",
                        &format!("Leistung L{}", p + 1),
                    ),
                );
                v.insert(
                    (*u).into(),
                    value(round(r.voltage[p], 1), "V", &format!("Spannung L{}", p + 1)),
                );
                v.insert(
                    i.into(),
                    value(round(r.current[p], 2), "A", &format!("Strom L{}", p + 1)),
                );
            }
            v.insert(
                "14.7.0".into(),
                value(round(r.frequency, 2), "Hz", "Frequenz"),
            );
            let server: String = sim
                .meter
                .server_id()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            v.insert(
                "96.1.0".into(),
                ObisValue {
                    value: ObisNumberOrText::Text(server),
                    unit: String::new(),
                    name: "Seriennummer".into(),
                },
            );
            v.insert(
                "96.50.1".into(),
                ObisValue {
                    value: ObisNumberOrText::Text("EMH".into()),
                    unit: String::new(),
                    name: "Hersteller".into(),
                },
            );
            v.insert(
                "94.91.0".into(),
                ObisValue {
                    value: ObisNumberOrText::Text("0x0182".into()),
                    unit: String::new(),
                    name: "Statuswort".into(),
                },
            );
            if sim.config.hostile {
                v.insert(
                    "0.0.0".into(),
                    ObisValue {
                        value: ObisNumberOrText::Text(HOSTILE.into()),
                        unit: String::new(),
                        name: HOSTILE.into(),
                    },
                );
            }
        }
        MediumKind::Gas | MediumKind::Water => {
            let gas = sim.config.medium == MediumKind::Gas;
            let (vol, flow) = if gas {
                (codes::GAS_VOLUME, codes::GAS_FLOW)
            } else {
                (codes::WATER_VOLUME, codes::WATER_FLOW)
            };
            v.insert(
                vol.into(),
                value(round(r.import / 1000.0, 3), "m³", "Zählerstand"),
            );
            v.insert(
                flow.into(),
                value(round(r.power.max(0.0) / 1000.0, 3), "m³/h", "Durchfluss"),
            );
            let raw = json!({
                "ok": true, "medium": if gas { "gas" } else { "water" }, "ticks": (r.import * 4.0) as i64,
                "revolutions": round(r.import, 1), "activeCoils": 3, "coils": 3, "referenceCoil": 0,
                "cycles": r.import as i64, "catchUp": 0, "dropped": 0, "refLost": 0, "hysteresis": 12.0,
                "energyFactor": if gas { 10.5 } else { 0.0 }, "field": 120, "meterSince": sim.meter.history_start()
            });
            out.gw = serde_json::from_value::<Latest>(json!({ "gw": raw }))
                .ok()
                .and_then(|l| l.gw);
        }
    }
    out
}

fn high_res(sim: &Sim, day: i64, now: i64) -> Reply {
    let start = day * 86_400;
    let first = sim.meter.history_start().max(now - 30 * 86_400);
    let electricity = sim.config.medium == MediumKind::Electricity;
    let mut items = Vec::new();
    let (mut import, mut export) = (0.0, 0.0);
    let mut t = start;
    while t < start + 86_400 {
        if t >= first && t + SLOT_S <= now {
            let (ci, ce) = sim.meter.counters(t);
            let (ai, ae) = sim.meter.slot_average(t);
            let time = utc(t);
            let mut item = HighResItem {
                date: format!("{}T{:02}:{:02}", time.date(), time.hour, time.minute),
                timestamp: t,
                ..Default::default()
            };
            if electricity {
                item.import_total_kwh = Some(round(ci / 1000.0, 3));
                item.export_total_kwh = Some(round(ce / 1000.0, 3));
                item.import_kw = Some(round(ai / 1000.0, 3));
                item.export_kw = Some(round(ae / 1000.0, 3));
                item.power_w = Some((ai - ae).round());
            } else {
                item.import_total_m3 = Some(round(ci / 1000.0, 3));
                item.import_m3h = Some(round(ai / 1000.0, 3));
                item.flow_m3h = Some(round(
                    ai * (0.9 + 0.2 * crate::meter::unit(sim.config.seed, t as u64)) / 1000.0,
                    3,
                ));
            }
            import += ai * SLOT_S as f64 / 3600.0;
            export += ae * SLOT_S as f64 / 3600.0;
            items.push(item);
        }
        t += SLOT_S;
    }
    if items.is_empty() {
        return Reply::NoContent;
    }
    let mut h = HighRes {
        start: utc(start).date().to_string(),
        days: Some(1),
        items,
        ..Default::default()
    };
    if electricity {
        h.import_total_kwh = Some(round(import / 1000.0, 3));
        h.export_total_kwh = Some(round(export / 1000.0, 3));
    } else {
        h.consumption_m3 = Some(round(import / 1000.0, 3));
    }
    to_json(&h)
}

fn low_res(sim: &Sim, start_day: i64, days: i64, now: i64) -> Reply {
    let electricity = sim.config.medium == MediumKind::Electricity;
    let first_day = (sim.meter.history_start() / 86_400).max(now / 86_400 - 2 * 365);
    let mut items = Vec::new();
    let (mut import, mut export) = (0.0, 0.0);
    for day in start_day..start_day + days {
        let t = day * 86_400;
        if day < first_day || t > now {
            continue;
        }
        let (si, se) = sim.meter.counters(t);
        let (ei, ee) = sim.meter.counters((t + 86_400).min(now));
        let mut item = LowResItem {
            date: utc(t).date().to_string(),
            timestamp: t,
            ..Default::default()
        };
        if electricity {
            item.import_total_kwh = Some(round(si / 1000.0, 3));
            item.export_total_kwh = Some(round(se / 1000.0, 3));
            item.import_kwh = Some(round((ei - si) / 1000.0, 3));
            item.export_kwh = Some(round((ee - se) / 1000.0, 3));
        } else {
            item.import_total_m3 = Some(round(si / 1000.0, 3));
            item.import_m3 = Some(round((ei - si) / 1000.0, 3));
        }
        import += ei - si;
        export += ee - se;
        items.push(item);
    }
    if items.is_empty() {
        return Reply::NoContent;
    }
    let mut l = LowRes {
        start: utc(start_day * 86_400).date().to_string(),
        items,
        ..Default::default()
    };
    if electricity {
        // Like the firmware: no `days` key on electricity.
        l.import_total_kwh = Some(round(import / 1000.0, 3));
        l.export_total_kwh = Some(round(export / 1000.0, 3));
    } else {
        l.days = Some(days);
        l.consumption_m3 = Some(round(import / 1000.0, 3));
    }
    to_json(&l)
}

fn modbus(sim: &Sim, now: i64) -> ModbusStatus {
    let shared = sim.lock();
    let dev = &shared.device;
    let cfg = dev.settings.modbus.clone().unwrap_or_default();
    let r = sim.meter.reading(now);
    let reg =
        |register, name: &str, obis: &str, v: f64, unit: &str, sf: i64, sf_reg| ModbusRegister {
            register,
            name: name.into(),
            obis: obis.into(),
            value: Some(v),
            unit: unit.into(),
            valid: true,
            raw: Some((v / 10f64.powi(sf as i32)).round() as i64),
            scale_factor: Some(sf),
            scale_register: Some(sf_reg),
            derived: false,
        };
    let electricity = sim.config.medium == MediumKind::Electricity;
    let registers = if electricity {
        vec![
            reg(
                40073,
                "AphA",
                "31.7.0",
                round(r.current[0], 2),
                "A",
                -2,
                40076,
            ),
            reg(
                40078,
                "PhVphA",
                "32.7.0",
                round(r.voltage[0], 1),
                "V",
                -1,
                40085,
            ),
            reg(
                40086,
                "Hz",
                "14.7.0",
                round(r.frequency, 2),
                "Hz",
                -2,
                40087,
            ),
            reg(40088, "W", "16.7.0", r.power.round(), "W", 0, 40092),
            reg(40108, "TotWhExp", "2.8.0", r.export.round(), "Wh", 0, 40124),
            reg(40116, "TotWhImp", "1.8.0", r.import.round(), "Wh", 0, 40124),
        ]
    } else {
        vec![]
    };
    ModbusStatus {
        enabled: cfg.enable,
        running: cfg.enable,
        port: cfg.port,
        active_connections: 0,
        registers,
    }
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                match t.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn update_settings(sim: &Sim, body: &[u8]) -> Reply {
    let Ok(Value::Object(mut patch)) = serde_json::from_slice::<Value>(body) else {
        return Reply::Error(400, "Body must be a JSON object", None);
    };
    // Write-only values (the Wi-Fi, access-point and MQTT passwords) are kept aside and never
    // returned, not even in the echo of what was applied.
    let mqtt_password = patch
        .get_mut("mqtt")
        .and_then(|m| m.as_object_mut())
        .and_then(|m| m.remove("password"));
    for station in ["primary", "secondary"] {
        if let Some(w) = patch
            .get_mut("wifi")
            .and_then(|w| w.get_mut(station))
            .and_then(|s| s.as_object_mut())
        {
            w.remove("password");
        }
    }
    if let Some(ap) = patch.get_mut("accessPoint").and_then(|a| a.as_object_mut()) {
        ap.remove("password");
    }
    let patch = Value::Object(patch);
    let mut shared = sim.lock();
    let mut current = serde_json::to_value(&shared.device.settings).expect("settings serialise");
    merge(&mut current, &patch);
    match serde_json::from_value::<Settings>(current) {
        Ok(s) => {
            if let Some(pw) = mqtt_password {
                shared.device.mqtt_password = pw.as_str().map(Into::into);
            }
            shared.runtime.auth_required = s.api_auth_required;
            shared.device.settings = s;
            to_json(&SettingsApplied {
                success: true,
                applied: patch,
            })
        }
        Err(_) => Reply::Error(400, "Invalid settings value", None),
    }
}
