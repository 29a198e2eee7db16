//! What a dump means for the person holding the IR head: findings in plain words, each with
//! what to do.

use super::{Protocol, Report};
use crate::limits::LimitKind;
use crate::sml::Status;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// All is well.
    Ok,
    /// Worth knowing.
    Info,
    /// Something is off.
    Warning,
    /// The reading does not work.
    Error,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Finding {
    /// A stable name (`no_start_sequence`, `crc_errors`, …).
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What was found.
    pub title: String,
    /// What it means and what to do.
    pub advice: String,
}

fn finding(id: &'static str, severity: Severity, title: String, advice: &str) -> Finding {
    Finding {
        id,
        severity,
        title,
        advice: advice.into(),
    }
}

/// The plural ending of a noun counted `n` times: `format!("{n} telegram{}", plural(n))`
/// gives "1 telegram", "2 telegrams".
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What a meter without its PIN entered typically leaves out, as the end of a sentence
/// ("no current power, no per-phase values and energy without decimals"); only what is
/// missing is named.
fn missing_registers(power: bool, per_phase: bool, decimals: bool) -> String {
    let missing: Vec<&str> = [
        (!power, "no current power"),
        (!per_phase, "no per-phase values"),
        (!decimals, "energy without decimals"),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    match missing.split_last() {
        None => String::new(),
        Some((last, [])) => String::from(*last),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The findings of a report, most severe first.
pub fn findings(r: &Report) -> Vec<Finding> {
    let s = &r.summary;
    let mut out = Vec::new();
    match r.protocol {
        Protocol::Empty => out.push(finding(
            "no_data",
            Severity::Error,
            "The buffer is empty: nothing was received".into(),
            "The meter is not sending, or the IR head does not see it. Check that the head sits centred on the meter's optical interface (the magnet holds it), that the meter's info interface is on, and that the cable is connected.",
        )),
        Protocol::Unknown => out.push(finding(
            "no_start_sequence",
            Severity::Error,
            "Neither SML (no start sequence 1b1b1b1b 01010101) nor D0 text".into(),
            "The head receives noise: it may be misaligned, see stray light, or the baud rate is wrong. Re-seat the head centred on the interface and shade it; check the configured protocol and baud rate (SML meters use 9600 8N1, D0 meters often 300/9600 7E1).",
        )),
        Protocol::D0 => out.push(finding(
            "d0_meter",
            Severity::Info,
            "The meter speaks D0 (IEC 62056-21 text), not SML".into(),
            "Configure the WattWächter for D0. Values are read as sent; there is no CRC, only a block check in mode C.",
        )),
        Protocol::Sml => {}
    }
    if let Some(t) = r.truncated {
        let what = match t.limit {
            LimitKind::Frames => "frames",
            LimitKind::Values => "values",
        };
        out.push(finding(
            "report_truncated",
            Severity::Warning,
            format!("The report stops at byte {}: the input holds more than {} {what}, the limit of one decode", t.offset, t.max),
            "Only what comes before that byte is decoded. Real dumps stay far below the limits, so this input is unusual; decode the rest separately, or raise the limit (--max-frames and --max-values on the command line, maxFrames and maxValues in JavaScript).",
        ));
    }
    if matches!(r.protocol, Protocol::Sml | Protocol::D0) {
        let complete = s.frames_ok + s.frames_crc_mismatch;
        if s.frames_ok == 0 && complete + s.frames_aborted + s.frames_malformed > 0 {
            out.push(finding(
                "no_good_frame",
                Severity::Error,
                format!("No telegram arrived intact ({} damaged, {} interrupted)", s.frames_crc_mismatch + s.frames_malformed, s.frames_aborted),
                "The signal is received but garbled. Re-seat the IR head centred on the interface, shade it against daylight, and check the cable.",
            ));
        } else if let Some(rate) = s.crc_error_rate {
            if rate > 0.05 {
                out.push(finding(
                    "crc_errors",
                    Severity::Warning,
                    format!("{} % of complete telegrams have a checksum error", percent(rate)),
                    "Bytes get lost or changed on the optical path: align the head, shade it against stray light, keep the cable away from mains lines.",
                ));
            }
        }
        if s.frames_aborted > 0 && s.frames_ok > 0 {
            out.push(finding(
                "restarts",
                Severity::Warning,
                format!(
                    "{} telegram{} {} cut off by the next one",
                    s.frames_aborted,
                    plural(s.frames_aborted),
                    if s.frames_aborted == 1 { "was" } else { "were" }
                ),
                "Bytes are lost in the middle of telegrams, usually from a weak or disturbed optical signal.",
            ));
        }
        if s.frames_ok > 0 {
            out.push(finding(
                "receiving",
                Severity::Ok,
                format!(
                    "{} telegram{} received intact",
                    s.frames_ok,
                    plural(s.frames_ok)
                ),
                "The IR head reads the meter.",
            ));
        }
    }
    if r.protocol == Protocol::Sml && s.frames_ok > 0 {
        let has = |prefix: &str| s.obis.iter().any(|o| o.starts_with(prefix));
        let per_phase = has("1-0:36.7.0") || has("1-0:21.7.0") || has("1-0:32.7.0");
        let power = has("1-0:16.7.0") || has("1-0:1.7.0") || has("1-0:15.7.0");
        let decimals = s
            .series
            .iter()
            .filter(|x| x.obis.starts_with("1-0:1.8.") || x.obis.starts_with("1-0:2.8."))
            .any(|x| x.points.iter().any(|p| p.value.contains('.')));
        if !power || !per_phase || !decimals {
            out.push(finding(
                "pin_not_entered",
                Severity::Info,
                format!(
                    "The meter sends {}",
                    missing_registers(power, per_phase, decimals)
                ),
                "Many meters send only the basic registers until their PIN is entered (ask the metering operator for the PIN, enter it with a torch on the optical button, and switch 'InF' on).",
            ));
        }
        if s.quirks.contains(&"kermit_crc") {
            out.push(finding(
                "kermit",
                Severity::Info,
                "The meter uses the CRC-16/KERMIT checksum (known Holley behaviour)".into(),
                "Accepted; nothing to do.",
            ));
        }
    }
    if r.protocol != Protocol::Empty && r.gaps.iter().any(|g| g.zero_fill && g.length > r.bytes / 4)
    {
        out.push(finding(
            "partly_empty",
            Severity::Info,
            "Part of the buffer is still empty (zero fill)".into(),
            "The device started recently or the meter sends little; wait for the buffer to fill.",
        ));
    }
    if let Some(i) = s.interval_seconds {
        out.push(finding(
            "interval",
            Severity::Info,
            format!("The meter sends a telegram every {} s", half_seconds(i)),
            "For reference.",
        ));
    }
    // A telegram cut by the buffer's start or end is normal; one without its start or end
    // sequence between two others lost bytes on the way.
    let cut_first = r.frames.first().map(|f| f.status) == Some(Status::TruncatedStart);
    let cut_last = r.frames.last().map(|f| f.status) == Some(Status::TruncatedEnd);
    let cut_inside = s
        .frames_truncated
        .saturating_sub(usize::from(cut_first) + usize::from(cut_last));
    if cut_inside > 0 {
        out.push(finding(
            "lost_boundary",
            Severity::Warning,
            format!(
                "{} telegram{} lost {} start or end sequence",
                cut_inside,
                plural(cut_inside),
                if cut_inside == 1 { "its" } else { "their" }
            ),
            "Bytes are lost at the boundaries of telegrams, usually from a weak or disturbed optical signal.",
        ));
    }
    if cut_first || cut_last {
        out.push(finding(
            "cut_edges",
            Severity::Info,
            match (cut_first, cut_last) {
                (true, true) => "The first and last telegrams are cut by the buffer's edges",
                (true, false) => "The first telegram is cut by the buffer's start",
                _ => "The last telegram is cut by the buffer's end",
            }
            .into(),
            "Normal for a ring buffer, not an error.",
        ));
    }
    // Most severe first; in the order found within one severity.
    out.sort_by_key(|f| core::cmp::Reverse(f.severity));
    out
}

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
                super::RawValue::Null => String::new(),
                super::RawValue::Bool(b) => format!("{b}"),
                super::RawValue::Int(n) => format!("{n}"),
                super::RawValue::Text(t) => t.clone(),
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

/// A rate (0–1) as a percentage with one decimal (`42.9`), rounded half up, as the report's
/// summary line shows it. Integer formatting keeps the float formatter (14 KB) out of the npm
/// package's `.wasm`.
fn percent(rate: f64) -> String {
    let tenths = (rate * 1000.0 + 0.5) as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A median interval (a whole or half number of seconds) as text, as `f64`'s `Display` would
/// write it (`2`, `2.5`), without the float formatter.
fn half_seconds(seconds: f64) -> String {
    let halves = (seconds * 2.0 + 0.5) as u64;
    if halves % 2 == 0 {
        format!("{}", halves / 2)
    } else {
        format!("{}.5", halves / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::{half_seconds, missing_registers, percent, plural};

    #[test]
    fn one_is_singular() {
        assert_eq!(plural(0), "s");
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
    }

    /// Every combination names exactly the missing registers, joined like a sentence.
    #[test]
    fn missing_registers_name_only_what_is_missing() {
        for bits in 0..8u8 {
            let present = [bits & 1 != 0, bits & 2 != 0, bits & 4 != 0];
            let text = missing_registers(present[0], present[1], present[2]);
            let phrases = [
                "no current power",
                "no per-phase values",
                "energy without decimals",
            ];
            for (is_present, phrase) in present.iter().zip(phrases) {
                assert_eq!(text.contains(phrase), !is_present, "{present:?}: {text:?}");
            }
            let missing = present.iter().filter(|p| !**p).count();
            assert_eq!(text.contains(" and "), missing >= 2, "{text:?}");
            assert_eq!(text.contains(", "), missing == 3, "{text:?}");
        }
        assert_eq!(
            missing_registers(false, false, false),
            "no current power, no per-phase values and energy without decimals"
        );
    }

    #[test]
    fn half_seconds_read_like_floats() {
        for s in [0.0, 0.5, 1.0, 2.0, 2.5, 17.0, 3600.5] {
            assert_eq!(half_seconds(s), alloc::format!("{s}"));
        }
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(0.0), "0.0");
        assert_eq!(percent(3.0 / 7.0), "42.9");
        assert_eq!(percent(0.125), "12.5");
        assert_eq!(percent(0.0549), "5.5");
        assert_eq!(percent(0.05), "5.0");
        assert_eq!(percent(1.0), "100.0");
    }
}
