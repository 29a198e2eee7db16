//! The report's values as a table for spreadsheets.

use super::{RawValue, Report};
use alloc::format;
use alloc::string::String;

/// The report's values as CSV (`frame;offset;status;obis;name;value;unit;raw`), one row per
/// value, for spreadsheets.
pub fn to_csv(r: &Report) -> String {
    let mut out = String::from("frame;offset;status;obis;name;value;unit;raw\n");
    let esc = |t: &str| {
        if t.contains([';', '"', '\n']) {
            format!("\"{}\"", t.replace('"', "\"\""))
        } else {
            t.into()
        }
    };
    for (i, f) in r.frames.iter().enumerate() {
        for v in &f.values {
            let raw = match &v.raw {
                RawValue::Null => String::new(),
                RawValue::Bool(b) => format!("{b}"),
                RawValue::Int(n) => format!("{n}"),
                RawValue::Text(t) => t.clone(),
            };
            out.push_str(&format!(
                "{i};{};{};{};{};{};{};{}\n",
                f.offset,
                f.status.as_str(),
                esc(&v.obis),
                esc(v.name.unwrap_or("")),
                esc(v.value.as_deref().unwrap_or("")),
                esc(v.unit.as_deref().unwrap_or("")),
                esc(&raw)
            ));
        }
    }
    out
}
