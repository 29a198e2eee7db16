//! `/history/*`: the latest reading, one day in 15-minute slots, days.

use super::{round, to_json, Call, Reply, HOSTILE};
use crate::clock::utc;
use crate::meter::{MediumKind, SLOT_S};
use crate::state::Sim;
use serde_json::json;
use std::time::Duration;
use wattwaechter::api::*;
use wattwaechter::obis::Obis;

/// `GET /history/latest`.
pub(super) fn latest(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    if sim.lock().runtime.no_reading_yet {
        return Reply::NoContent;
    }
    to_json(&reading(sim, now))
}

/// `GET /history/highRes?date=`.
pub(super) async fn high_res(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    let query = c.query;
    let Some(day) = query
        .get("date")
        .and_then(|d| wattwaechter::calendar::parse_date(d))
    else {
        return Reply::Error(400, "Invalid date", None);
    };
    large(sim, || day_slots(sim, day, now)).await
}

/// `GET /history/lowRes?start=&days=`.
pub(super) async fn low_res(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    let query = c.query;
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
    large(sim, || days_of(sim, start, days, now)).await
}

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

fn value(v: f64, unit: &str, name: &str) -> ObisValue {
    ObisValue {
        value: ObisNumberOrText::Number(v),
        unit: unit.into(),
        name: name.into(),
    }
}

fn reading(sim: &Sim, now: i64) -> Latest {
    let r = sim.meter.reading(now);
    let mut out = Latest {
        timestamp: now,
        datetime: utc(now).to_string(),
        ..Latest::default()
    };
    let values = &mut out.values;
    match sim.config.medium {
        MediumKind::Electricity => {
            // The device keys electricity registers by the short form (`1.8.0`).
            let mut put = |code: Obis, v: f64, unit: &str, name: &str| {
                values.insert(code.short().to_string(), value(v, unit, name));
            };
            put(
                Obis::IMPORT_TOTAL,
                round(r.import / 1000.0, 4),
                "kWh",
                "Bezug",
            );
            put(
                Obis::EXPORT_TOTAL,
                round(r.export / 1000.0, 4),
                "kWh",
                "Einspeisung",
            );
            put(Obis::POWER, round(r.power, 1), "W", "Leistung");
            for p in 0..3 {
                let phase = p + 1;
                let power = round(r.phase_power[p], 1);
                put(
                    Obis::POWER_PHASES[p],
                    power,
                    "W",
                    &format!("Leistung L{phase}"),
                );
                let volts = round(r.voltage[p], 1);
                put(
                    Obis::VOLTAGE_PHASES[p],
                    volts,
                    "V",
                    &format!("Spannung L{phase}"),
                );
                let amps = round(r.current[p], 2);
                put(
                    Obis::CURRENT_PHASES[p],
                    amps,
                    "A",
                    &format!("Strom L{phase}"),
                );
            }
            put(Obis::FREQUENCY, round(r.frequency, 2), "Hz", "Frequenz");
            let v = &mut *values;
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
            values.insert(
                vol.into(),
                value(round(r.import / 1000.0, 3), "m³", "Zählerstand"),
            );
            values.insert(
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

fn day_slots(sim: &Sim, day: i64, now: i64) -> Reply {
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

fn days_of(sim: &Sim, start_day: i64, days: i64, now: i64) -> Reply {
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
