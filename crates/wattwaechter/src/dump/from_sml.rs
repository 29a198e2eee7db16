//! SML frames as dump frames.

use super::{DumpFrame, DumpValue, ErrorInfo, RawValue, ValueKind};
use crate::hex;
use crate::sml::{Frame, ReadingValue, Time};
use alloc::format;
use alloc::string::ToString;

pub(super) fn frame(f: &Frame) -> DumpFrame {
    DumpFrame {
        offset: f.range.start,
        length: f.range.len(),
        status: f.status,
        crc: f.crc,
        quirks: f.quirks.iter().map(|q| q.as_str()).collect(),
        error: f.error.as_ref().map(|e| ErrorInfo {
            kind: e.kind.as_str().into(),
            offset: e.offset,
            message: format!("{e}"),
        }),
        values: f
            .readings
            .iter()
            .map(|r| {
                let obis = match r.obis {
                    Some(o) => o.to_string(),
                    None => hex::encode(&r.obj_name),
                };
                let (kind, raw, value) = match &r.value {
                    ReadingValue::Absent => (ValueKind::Absent, RawValue::Null, None),
                    ReadingValue::Bool { value } => (
                        ValueKind::Bool,
                        RawValue::Bool(*value),
                        Some(value.to_string()),
                    ),
                    ReadingValue::Bytes { value } => {
                        let h = hex::encode(value);
                        (ValueKind::Bytes, RawValue::Text(h.clone()), Some(h))
                    }
                    ReadingValue::Number { raw, value } => (
                        ValueKind::Number,
                        RawValue::Int(*raw),
                        Some(value.to_string()),
                    ),
                    ReadingValue::Time { value } => (
                        ValueKind::Time,
                        RawValue::Int(i128::from(value.seconds())),
                        Some(time_text(value)),
                    ),
                };
                DumpValue {
                    obis,
                    name: r.obis.and_then(|o| o.name()).map(|n| n.en),
                    kind,
                    raw,
                    scaler: r.scaler,
                    unit_code: r.unit.map(|u| u.code),
                    unit: r.unit.and_then(|u| u.symbol()).map(Into::into),
                    value,
                }
            })
            .collect(),
        messages: f.message_names.clone(),
        meter: f.server_id.as_deref().map(hex::encode),
        time: f.sensor_time.map(|t| t.seconds()),
    }
}

fn time_text(t: &Time) -> alloc::string::String {
    match *t {
        Time::SecIndex(v) | Time::BareSecIndex(v) => format!("sec_index {v}"),
        Time::Timestamp(v) => format!("unix {v}"),
        Time::LocalTimestamp {
            timestamp,
            local_offset,
            season_time_offset,
        } => format!(
            "unix {timestamp} local_offset {local_offset} season_offset {season_time_offset}"
        ),
    }
}
