//! Decodes an SML capture and prints a report: every frame with its range, status, quirks,
//! error and readings.
//!
//! ```text
//! cargo run -p wattwaechter --example decode -- FILE [--hex] [--fix-dzg]
//! ```

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;
use wattwaechter::sml::{self, DecodeOptions, ReadingValue, Status};

macro_rules! out {
    ($out:expr, $($arg:tt)*) => { let _ = write!($out, $($arg)*); };
}
macro_rules! outln {
    ($out:expr) => { $out.push('\n'); };
    ($out:expr, $($arg:tt)*) => { let _ = writeln!($out, $($arg)*); };
}

fn main() -> ExitCode {
    let mut path = None;
    let mut hex = false;
    let mut options = DecodeOptions::default();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--hex" => hex = true,
            "--fix-dzg" => options.fix_dzg_dvs74 = true,
            _ if path.is_none() => path = Some(arg),
            _ => {
                eprintln!("usage: decode FILE [--hex] [--fix-dzg]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("usage: decode FILE [--hex] [--fix-dzg]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = if hex {
        match decode_hex(&bytes) {
            Some(b) => b,
            None => {
                eprintln!("error: {path} is not hex text");
                return ExitCode::FAILURE;
            }
        }
    } else {
        bytes
    };
    let frames = sml::decode(&bytes, &options);
    let mut out = String::new();
    outln!(
        out,
        "{path}: {} bytes, {} frames",
        bytes.len(),
        frames.len()
    );
    for status in [
        Status::Ok,
        Status::CrcMismatch,
        Status::TruncatedStart,
        Status::TruncatedEnd,
        Status::Aborted,
        Status::Malformed,
    ] {
        let n = frames.iter().filter(|f| f.status == status).count();
        if n > 0 {
            outln!(out, "  {:<16} {n}", status.as_str());
        }
    }
    for f in &frames {
        out!(
            out,
            "\nframe {}..{} {}{}",
            f.range.start,
            f.range.end,
            f.status.as_str(),
            if f.misaligned_end {
                " (misaligned end)"
            } else {
                ""
            }
        );
        if let Some(crc) = f.crc {
            out!(out, " crc={}", crc.as_str());
        }
        for q in f.quirks.iter() {
            out!(out, " +{q}");
        }
        outln!(out);
        if let Some(e) = &f.error {
            outln!(out, "  error: {e}");
        }
        if let Some(id) = f.meter_id() {
            outln!(out, "  meter: {id}");
        }
        if !f.message_names.is_empty() {
            outln!(out, "  messages: {}", f.message_names.join(", "));
        }
        for r in &f.readings {
            let code = r
                .obis
                .map(|o| o.to_string())
                .unwrap_or_else(|| to_hex(&r.obj_name));
            let name = r.obis.and_then(|o| o.name()).map(|n| n.en).unwrap_or("");
            let unit = r.unit.and_then(|u| u.symbol()).unwrap_or("");
            let value = match &r.value {
                ReadingValue::Absent => "(absent)".to_string(),
                ReadingValue::Bool { value } => value.to_string(),
                ReadingValue::Bytes { value } => to_hex(value),
                ReadingValue::Number { value, .. } => value.to_string(),
                ReadingValue::Time { value } => format!("{value:?}"),
            };
            outln!(out, "  {code:<22} {value:>24} {unit:<4} {name}");
        }
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .iter()
        .copied()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
        .collect()
}
