//! `/modbus/status`: the SunSpec registers the device serves.

use super::{round, to_json, Call, Reply};
use crate::meter::MediumKind;
use crate::state::Sim;
use wattwaechter::api::*;
use wattwaechter::obis::Obis;

/// `GET /modbus/status`.
pub(super) fn status(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    to_json(&registers(sim, now))
}

fn registers(sim: &Sim, now: i64) -> ModbusStatus {
    let shared = sim.lock();
    let dev = &shared.device;
    let cfg = dev.settings.modbus.clone().unwrap_or_default();
    let r = sim.meter.reading(now);
    let reg =
        |register, name: &str, obis: Obis, v: f64, unit: &str, sf: i64, sf_reg| ModbusRegister {
            register,
            name: name.into(),
            obis: obis.short().to_string(),
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
                Obis::CURRENT_PHASES[0],
                round(r.current[0], 2),
                "A",
                -2,
                40076,
            ),
            reg(
                40078,
                "PhVphA",
                Obis::VOLTAGE_PHASES[0],
                round(r.voltage[0], 1),
                "V",
                -1,
                40085,
            ),
            reg(
                40086,
                "Hz",
                Obis::FREQUENCY,
                round(r.frequency, 2),
                "Hz",
                -2,
                40087,
            ),
            reg(40088, "W", Obis::POWER, r.power.round(), "W", 0, 40092),
            reg(
                40108,
                "TotWhExp",
                Obis::EXPORT_TOTAL,
                r.export.round(),
                "Wh",
                0,
                40124,
            ),
            reg(
                40116,
                "TotWhImp",
                Obis::IMPORT_TOTAL,
                r.import.round(),
                "Wh",
                0,
                40124,
            ),
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
