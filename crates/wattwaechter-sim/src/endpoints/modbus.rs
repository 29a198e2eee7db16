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

/// One SunSpec register the device serves: address, name, OBIS code, unit, scale factor and
/// the register that holds it.
struct SunSpec {
    register: i64,
    name: &'static str,
    obis: Obis,
    unit: &'static str,
    scale_factor: i64,
    scale_register: i64,
}

/// The registers of an electricity meter, in the order the device lists them.
const SUNSPEC: [SunSpec; 6] = [
    SunSpec {
        register: 40073,
        name: "AphA",
        obis: Obis::CURRENT_PHASES[0],
        unit: "A",
        scale_factor: -2,
        scale_register: 40076,
    },
    SunSpec {
        register: 40078,
        name: "PhVphA",
        obis: Obis::VOLTAGE_PHASES[0],
        unit: "V",
        scale_factor: -1,
        scale_register: 40085,
    },
    SunSpec {
        register: 40086,
        name: "Hz",
        obis: Obis::FREQUENCY,
        unit: "Hz",
        scale_factor: -2,
        scale_register: 40087,
    },
    SunSpec {
        register: 40088,
        name: "W",
        obis: Obis::POWER,
        unit: "W",
        scale_factor: 0,
        scale_register: 40092,
    },
    SunSpec {
        register: 40108,
        name: "TotWhExp",
        obis: Obis::EXPORT_TOTAL,
        unit: "Wh",
        scale_factor: 0,
        scale_register: 40124,
    },
    SunSpec {
        register: 40116,
        name: "TotWhImp",
        obis: Obis::IMPORT_TOTAL,
        unit: "Wh",
        scale_factor: 0,
        scale_register: 40124,
    },
];

fn registers(sim: &Sim, now: i64) -> ModbusStatus {
    let shared = sim.lock();
    let dev = &shared.device;
    let cfg = dev.settings.modbus.clone().unwrap_or_default();
    let r = sim.meter.reading(now);
    let electricity = sim.config.medium == MediumKind::Electricity;
    let values = [
        round(r.current[0], 2),
        round(r.voltage[0], 1),
        round(r.frequency, 2),
        r.power.round(),
        r.export.round(),
        r.import.round(),
    ];
    let registers = if electricity {
        SUNSPEC
            .iter()
            .zip(values)
            .map(|(s, v)| ModbusRegister {
                register: s.register,
                name: s.name.into(),
                obis: s.obis.short().to_string(),
                value: Some(v),
                unit: s.unit.into(),
                valid: true,
                raw: Some((v / 10f64.powi(s.scale_factor as i32)).round() as i64),
                scale_factor: Some(s.scale_factor),
                scale_register: Some(s.scale_register),
                derived: false,
            })
            .collect()
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
