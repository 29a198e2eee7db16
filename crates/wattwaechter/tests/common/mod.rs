//! Helpers shared by the integration tests: fixture paths and a compact, diff-friendly
//! rendering of decoded frames for snapshots.
#![allow(dead_code)]

pub mod against_sml_rs;
pub mod fuzz_checks;
pub mod mutation;

use std::fmt::Write as _;
use std::path::PathBuf;
use wattwaechter::sml::{self, Frame, MessageBody, ReadingValue, Time, Value};

/// The workspace's `tests/fixtures` folder.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Reads a fixture; `.hex` files are hex text.
pub fn read_fixture(rel: &str) -> Vec<u8> {
    let path = fixtures().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if rel.ends_with(".hex") {
        let text: String = String::from_utf8(bytes)
            .unwrap()
            .split_whitespace()
            .collect();
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    } else {
        bytes
    }
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn time(t: &Option<Time>) -> String {
    match t {
        None => "-".into(),
        Some(t) => format!("{t:?}"),
    }
}

fn value(v: &Option<Value<'_>>) -> String {
    match v {
        None => "(absent)".into(),
        Some(Value::Bytes(b)) => format!("bytes:{}", hex(b)),
        Some(Value::Int { value, width }) => format!("i{}:{value}", width * 8),
        Some(Value::Uint { value, width }) => format!("u{}:{value}", width * 8),
        Some(Value::Bool(b)) => format!("bool:{b}"),
        Some(Value::Time(t)) => format!("time:{t:?}"),
    }
}

/// One line per frame, one per message, one per reading.
pub fn render(frames: &[Frame]) -> String {
    let mut out = String::new();
    for f in frames {
        let quirks: Vec<_> = f.quirks.iter().map(|q| q.as_str()).collect();
        writeln!(
            out,
            "frame {}..{} {} crc={} misaligned={} quirks=[{}]",
            f.range.start,
            f.range.end,
            f.status.as_str(),
            f.crc.map(|c| c.as_str()).unwrap_or("-"),
            f.misaligned_end,
            quirks.join(",")
        )
        .unwrap();
        if let Some(e) = &f.error {
            writeln!(out, "  error {} @{}: {e}", e.kind.as_str(), e.offset).unwrap();
        }
        for m in f.messages() {
            let Ok(m) = m else { continue };
            let msg = &m.message;
            write!(
                out,
                "  {} tx={} group={} abort={} crc={:04x}",
                msg.body.name(),
                hex(msg.transaction_id),
                msg.group_no,
                msg.abort_on_error,
                msg.crc
            )
            .unwrap();
            match &msg.body {
                MessageBody::OpenResponse(r) => writeln!(
                    out,
                    " server={} file={} ref_time={} version={:?}",
                    hex(r.server_id),
                    hex(r.req_file_id),
                    time(&r.ref_time),
                    r.sml_version
                )
                .unwrap(),
                MessageBody::GetListResponse(r) => {
                    writeln!(
                        out,
                        " server={} list={} sensor_time={} gateway_time={}",
                        hex(r.server_id),
                        r.list_name.map(hex).unwrap_or("-".into()),
                        time(&r.act_sensor_time),
                        time(&r.act_gateway_time)
                    )
                    .unwrap();
                    for e in &r.val_list {
                        writeln!(
                            out,
                            "    {} status={} time={} unit={:?} scaler={:?} value={}{}",
                            e.obis()
                                .map(|o| o.to_string())
                                .unwrap_or_else(|| hex(e.obj_name)),
                            e.status
                                .map(|s| format!("u{}:{:x}", s.width * 8, s.value))
                                .unwrap_or("-".into()),
                            time(&e.val_time),
                            e.unit,
                            e.scaler,
                            value(&e.value),
                            e.value_signature
                                .map(|s| format!(" sig={}", hex(s)))
                                .unwrap_or_default()
                        )
                        .unwrap();
                    }
                }
                _ => writeln!(out).unwrap(),
            }
        }
        for r in &f.readings {
            if let ReadingValue::Number { value, .. } = &r.value {
                writeln!(
                    out,
                    "    = {} {} {}",
                    r.obis.map(|o| o.to_string()).unwrap_or_default(),
                    value,
                    r.unit.and_then(|u| u.symbol()).unwrap_or("")
                )
                .unwrap();
            }
        }
    }
    out
}

/// Decodes with default options.
pub fn decode(bytes: &[u8]) -> Vec<Frame> {
    sml::decode(bytes, &sml::DecodeOptions::default())
}

/// One line per telegram, one per data line, one per control message: a D0 capture as a
/// reviewer reads it (the JSON form of a long telegram runs to thousands of lines).
pub fn render_d0(c: &wattwaechter::d0::D0Capture) -> String {
    let mut out = String::new();
    for t in &c.telegrams {
        let ident = t.identification.as_ref().map_or("-".into(), |i| {
            format!("{}{} {}", i.manufacturer, i.baud, i.ident)
        });
        let error = t.error.as_ref().map_or(String::new(), |e| {
            format!(" error={}@{}: {}", e.kind, e.offset, e.message)
        });
        // Only DSMR telegrams have a CRC: the other snapshots stay as they were.
        let crc16 = t.crc16.map_or(String::new(), |c| {
            format!(" crc16=read:{:04x},computed:{:04x}", c.read, c.computed)
        });
        let _ = writeln!(
            out,
            "telegram {:?} {} /{ident} framing={:?} bcc={:?}{crc16}{error}",
            t.range,
            t.status.as_str(),
            t.framing,
            t.bcc
        );
        for d in &t.data {
            let values: Vec<String> = d
                .values
                .iter()
                .map(|v| match &v.unit {
                    Some(unit) => format!("({}*{unit})", v.value),
                    None => format!("({})", v.value),
                })
                .collect();
            // The OBIS code only where the address is not already written as one.
            let obis = match d.obis {
                Some(o) if o.to_string() != d.address => format!(" = {o}"),
                Some(_) => String::new(),
                None => " (no OBIS code)".into(),
            };
            let _ = writeln!(
                out,
                "  @{} {}{} {}",
                d.offset,
                d.address,
                obis,
                values.concat()
            );
        }
    }
    for control in &c.control {
        let _ = writeln!(out, "control {control:?}");
    }
    let _ = writeln!(
        out,
        "parity_stripped={} truncated={:?}",
        c.parity_stripped, c.truncated
    );
    out
}
