//! The IR head's ring buffer: what the meter sent in the last seconds, written by the core's
//! SML encoder (or as D0 text) into a circular array that wraps.

use crate::config::DumpFaults;
use crate::meter::{unit, Meter};
use wattwaechter::obis::Obis;
use wattwaechter::sml::{encode, types::*};
use wattwaechter::unit::Unit;

/// Seconds between two telegrams of the simulated meter.
pub const TELEGRAM_INTERVAL_S: i64 = 2;

use crate::HOSTILE;

/// One SML file as the simulated EMH meter sends it at Unix second `t`.
pub fn sml_telegram(meter: &Meter, t: i64, boot_s: i64, hostile: bool) -> Vec<u8> {
    let r = meter.reading(t);
    let server = meter.server_id();
    let tx = |n: u8| -> [u8; 4] { [(t >> 8) as u8, t as u8, 0x42, n] };
    let (tx1, tx2, tx3) = (tx(1), tx(2), tx(3));
    let file_id = (t as u32).to_be_bytes();
    let mut list = vec![
        ListEntry::reading(
            Obis::MANUFACTURER.as_bytes(),
            None,
            None,
            Value::Bytes(b"EMH"),
        ),
        ListEntry::reading(
            Obis::DEVICE_ID.as_bytes(),
            None,
            None,
            Value::Bytes(&server),
        ),
        ListEntry {
            status: Some(Unsigned {
                value: 0x0001_0182,
                width: 3,
            }),
            ..ListEntry::reading(
                Obis::IMPORT_TOTAL.as_bytes(),
                Some(Unit::WATT_HOUR.code),
                Some(-1),
                Value::Uint {
                    value: (r.import * 10.0) as u64,
                    width: 8,
                },
            )
        },
        ListEntry::reading(
            Obis::EXPORT_TOTAL.as_bytes(),
            Some(Unit::WATT_HOUR.code),
            Some(-1),
            Value::Uint {
                value: (r.export * 10.0) as u64,
                width: 8,
            },
        ),
        ListEntry::reading(
            Obis::POWER.as_bytes(),
            Some(Unit::WATT.code),
            Some(-1),
            Value::Int {
                value: (r.power * 10.0) as i64,
                width: 4,
            },
        ),
    ];
    for (code, watts) in Obis::POWER_PHASES.iter().zip(r.phase_power) {
        let value = Value::Int {
            value: (watts * 10.0) as i64,
            width: 4,
        };
        list.push(ListEntry::reading(
            code.as_bytes(),
            Some(Unit::WATT.code),
            Some(-1),
            value,
        ));
    }
    for (code, volts) in Obis::VOLTAGE_PHASES.iter().zip(r.voltage) {
        let value = Value::Uint {
            value: (volts * 10.0) as u64,
            width: 2,
        };
        list.push(ListEntry::reading(
            code.as_bytes(),
            Some(Unit::VOLT.code),
            Some(-1),
            value,
        ));
    }
    list.push(ListEntry::reading(
        Obis::FREQUENCY.as_bytes(),
        Some(Unit::HERTZ.code),
        Some(-1),
        Value::Uint {
            value: (r.frequency * 10.0) as u64,
            width: 2,
        },
    ));
    list.push(ListEntry::reading(
        Obis::MANUFACTURER_EMH.as_bytes(),
        None,
        None,
        Value::Bytes(b"EMH"),
    ));
    if hostile {
        list.push(ListEntry::reading(
            Obis::OWNER_NUMBER.as_bytes(),
            None,
            None,
            Value::Bytes(HOSTILE.as_bytes()),
        ));
    }
    let seconds = (t - boot_s).max(0) as u32;
    let messages = [
        Message::new(
            &tx1,
            MessageBody::OpenResponse(OpenResponse {
                codepage: None,
                client_id: None,
                req_file_id: &file_id,
                server_id: &server,
                ref_time: None,
                sml_version: None,
            }),
        ),
        Message::new(
            &tx2,
            MessageBody::GetListResponse(GetListResponse {
                list_name: Some(Obis::EMH_LIST.as_bytes()),
                act_sensor_time: Some(Time::SecIndex(seconds)),
                ..GetListResponse::readings(&server, list)
            }),
        ),
        Message::new(
            &tx3,
            MessageBody::CloseResponse(CloseResponse {
                global_signature: None,
            }),
        ),
    ];
    encode::file(&messages)
}

/// One D0 telegram (push mode D, EMH eHZ style) at Unix second `t`.
pub fn d0_telegram(meter: &Meter, t: i64, hostile: bool) -> Vec<u8> {
    let r = meter.reading(t);
    let mut s = String::from("/EMH5eHZ-SIM\r\n\r\n");
    s.push_str(&format!("{}({})\r\n", Obis::OWNER_NUMBER, meter.serial()));
    let kwh = |wh: f64| wh / 1000.0;
    s.push_str(&format!(
        "{}({:011.4}*kWh)\r\n",
        Obis::IMPORT_TOTAL,
        kwh(r.import)
    ));
    s.push_str(&format!(
        "{}({:011.4}*kWh)\r\n",
        Obis::EXPORT_TOTAL,
        kwh(r.export)
    ));
    s.push_str(&format!("{}({:07.1}*W)\r\n", Obis::POWER, r.power));
    for (code, volts) in Obis::VOLTAGE_PHASES.iter().zip(r.voltage) {
        s.push_str(&format!("{code}({volts:05.1}*V)\r\n"));
    }
    if hostile {
        s.push_str(&format!("1-0:96.1.0*255({HOSTILE})\r\n"));
    }
    s.push_str("!\r\n");
    s.into_bytes()
}

/// The ring buffer at Unix second `now`: `(bytes, write position)`. The bytes are the raw
/// circular array when `faults.raw_ring`, else linearised oldest → newest.
pub fn ring(
    meter: &Meter,
    now: i64,
    boot_s: i64,
    size: usize,
    seed: u64,
    faults: &DumpFaults,
    hostile: bool,
) -> (Vec<u8>, usize) {
    // Telegrams from newest to oldest until the ring is more than full.
    let mut telegrams: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    let mut t = now - now.rem_euclid(TELEGRAM_INTERVAL_S);
    while total < size + 600 {
        let mut bytes = if faults.d0 {
            d0_telegram(meter, t, hostile)
        } else {
            sml_telegram(meter, t, boot_s, hostile)
        };
        if unit(seed ^ 0xc0, t as u64) < faults.crc_error_rate && bytes.len() > 40 {
            let at = 16 + (crate::meter::mix(t as u64) as usize % (bytes.len() - 32));
            bytes[at] ^= 0x10;
        }
        if unit(seed ^ 0xd0, t as u64) < faults.dropped_byte_rate && bytes.len() > 40 {
            let at = 16 + (crate::meter::mix(t as u64 ^ 5) as usize % (bytes.len() - 32));
            bytes.remove(at);
        }
        total += bytes.len();
        telegrams.push(bytes);
        t -= TELEGRAM_INTERVAL_S;
    }
    telegrams.reverse();
    // Write them into the circular array from its start, as the device would have.
    let mut array = vec![0u8; size];
    let mut pos = 0;
    for tg in &telegrams {
        for &b in tg {
            array[pos] = b;
            pos = (pos + 1) % size;
        }
    }
    if faults.raw_ring {
        (array, pos)
    } else {
        let linear: Vec<u8> = array[pos..].iter().chain(&array[..pos]).copied().collect();
        (linear, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meter::MediumKind;
    use wattwaechter::dump::{self, DumpOptions, Protocol};
    use wattwaechter::sml::Status;

    #[test]
    fn the_core_decodes_what_the_simulator_writes() {
        let now = 1_764_000_000;
        let meter = Meter::new(5, MediumKind::Electricity, now);
        let (bytes, _) = ring(
            &meter,
            now,
            now - 1000,
            4096,
            5,
            &DumpFaults::default(),
            false,
        );
        assert_eq!(bytes.len(), 4096);
        let r = dump::decode(&bytes, &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::Sml);
        assert!(r.summary.frames_ok >= 8);
        assert_eq!(r.summary.frames_crc_mismatch, 0);
        assert_eq!(r.summary.interval_seconds, Some(TELEGRAM_INTERVAL_S as f64));
        assert_eq!(
            r.summary.meter.as_ref().unwrap().manufacturer.as_deref(),
            Some("EMH")
        );

        let faults = DumpFaults {
            crc_error_rate: 0.5,
            dropped_byte_rate: 0.2,
            raw_ring: true,
            ..Default::default()
        };
        let (raw, pos) = ring(&meter, now, now - 1000, 4096, 5, &faults, true);
        let r = dump::decode(
            &raw,
            &DumpOptions {
                write_pos: Some(pos),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(r.summary.frames_crc_mismatch > 0);
        assert!(r.frames.iter().any(|f| f.status == Status::Ok));

        let d0 = DumpFaults {
            d0: true,
            ..Default::default()
        };
        let (text, _) = ring(&meter, now, now - 1000, 2048, 5, &d0, false);
        let r = dump::decode(&text, &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::D0);
        assert!(r.summary.frames_ok >= 5);
    }
}
