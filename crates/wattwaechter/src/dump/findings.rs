//! What a dump means for the person holding the IR head: findings in plain words, each with
//! what to do.

use super::{Protocol, Report, Summary};
use crate::limits::LimitKind;
use crate::quirk::Quirk;
use crate::sml::Status;
use crate::words::counted;
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

/// What a finding is about: a stable name (the JSON writes it in snake_case, `no_data`),
/// so that programs and translations can tell findings apart without reading their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FindingId {
    /// The buffer is empty.
    NoData,
    /// Neither SML nor D0: noise.
    NoStartSequence,
    /// The meter speaks D0.
    D0Meter,
    /// A report limit stopped the decode.
    ReportTruncated,
    /// Telegrams arrive, none intact.
    NoGoodFrame,
    /// More than 5 % of the complete telegrams fail their checksum.
    CrcErrors,
    /// Telegrams cut off by the next one.
    Restarts,
    /// Telegrams arrive intact.
    Receiving,
    /// The meter sends only the basic registers (PIN not entered).
    PinNotEntered,
    /// The meter uses CRC-16/KERMIT.
    Kermit,
    /// Part of the buffer is zero fill.
    PartlyEmpty,
    /// The meter's sending interval.
    Interval,
    /// Telegrams inside the buffer lost their start or end sequence.
    LostBoundary,
    /// The first or last telegram is cut by the buffer's edges.
    CutEdges,
}

impl FindingId {
    /// Every id, in declaration order.
    pub const ALL: [FindingId; 14] = [
        FindingId::NoData,
        FindingId::NoStartSequence,
        FindingId::D0Meter,
        FindingId::ReportTruncated,
        FindingId::NoGoodFrame,
        FindingId::CrcErrors,
        FindingId::Restarts,
        FindingId::Receiving,
        FindingId::PinNotEntered,
        FindingId::Kermit,
        FindingId::PartlyEmpty,
        FindingId::Interval,
        FindingId::LostBoundary,
        FindingId::CutEdges,
    ];

    /// The stable name, as the JSON writes it (`no_data`, `crc_errors`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingId::NoData => "no_data",
            FindingId::NoStartSequence => "no_start_sequence",
            FindingId::D0Meter => "d0_meter",
            FindingId::ReportTruncated => "report_truncated",
            FindingId::NoGoodFrame => "no_good_frame",
            FindingId::CrcErrors => "crc_errors",
            FindingId::Restarts => "restarts",
            FindingId::Receiving => "receiving",
            FindingId::PinNotEntered => "pin_not_entered",
            FindingId::Kermit => "kermit",
            FindingId::PartlyEmpty => "partly_empty",
            FindingId::Interval => "interval",
            FindingId::LostBoundary => "lost_boundary",
            FindingId::CutEdges => "cut_edges",
        }
    }
}

impl core::fmt::Display for FindingId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Finding {
    /// What it is about.
    pub id: FindingId,
    /// How much it matters.
    pub severity: Severity,
    /// What was found.
    pub title: String,
    /// What it means and what to do.
    pub advice: String,
}

fn finding(id: FindingId, severity: Severity, title: String, advice: &str) -> Finding {
    Finding {
        id,
        severity,
        title,
        advice: advice.into(),
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

/// The findings of a report, most severe first (in the order found within one severity).
pub fn findings(r: &Report) -> Vec<Finding> {
    let mut out: Vec<Finding> = protocol(r).into_iter().collect();
    out.extend(truncation(r));
    if matches!(r.protocol, Protocol::Sml | Protocol::D0) {
        reception(&r.summary, &mut out);
    }
    if r.protocol == Protocol::Sml && r.summary.frames_ok > 0 {
        out.extend(missing_registers_finding(&r.summary));
        out.extend(kermit(&r.summary));
    }
    out.extend(partly_empty(r));
    out.extend(interval(&r.summary));
    boundaries(r, &mut out);
    out.sort_by_key(|f| core::cmp::Reverse(f.severity));
    out
}

/// What the buffer holds, when that is not SML.
fn protocol(r: &Report) -> Option<Finding> {
    Some(match r.protocol {
        Protocol::Empty => finding(
            FindingId::NoData,
            Severity::Error,
            "The buffer is empty: nothing was received".into(),
            "The meter is not sending, or the IR head does not see it. Check that the head sits centred on the meter's optical interface (the magnet holds it), that the meter's info interface is on, and that the cable is connected.",
        ),
        Protocol::Unknown => finding(
            FindingId::NoStartSequence,
            Severity::Error,
            "Neither SML (no start sequence 1b1b1b1b 01010101) nor D0 text".into(),
            "The head receives noise: it may be misaligned, see stray light, or the baud rate is wrong. Re-seat the head centred on the interface and shade it; check the configured protocol and baud rate (SML meters use 9600 8N1, D0 meters often 300/9600 7E1).",
        ),
        Protocol::D0 => finding(
            FindingId::D0Meter,
            Severity::Info,
            "The meter speaks D0 (IEC 62056-21 text), not SML".into(),
            "Configure the WattWächter for D0. Values are read as sent; there is no CRC, only a block check in mode C.",
        ),
        Protocol::Sml => return None,
    })
}

/// Where a report limit stopped the decode.
fn truncation(r: &Report) -> Option<Finding> {
    let t = r.truncated?;
    let what = match t.limit {
        LimitKind::Frames => "frames",
        LimitKind::Values => "values",
    };
    Some(finding(
        FindingId::ReportTruncated,
        Severity::Warning,
        format!("The report stops at byte {}: the input holds more than {} {what}, the limit of one decode", t.offset, t.max),
        "Only what comes before that byte is decoded. Real dumps stay far below the limits, so this input is unusual; decode the rest separately, or raise the limit (--max-frames and --max-values on the command line, maxFrames and maxValues in JavaScript).",
    ))
}

/// How well telegrams arrive: none intact, checksum errors, restarts, intact ones.
fn reception(s: &Summary, out: &mut Vec<Finding>) {
    let complete = s.frames_ok + s.frames_crc_mismatch;
    if s.frames_ok == 0 && complete + s.frames_aborted + s.frames_malformed > 0 {
        out.push(finding(
            FindingId::NoGoodFrame,
            Severity::Error,
            format!("No telegram arrived intact ({} damaged, {} interrupted)", s.frames_crc_mismatch + s.frames_malformed, s.frames_aborted),
            "The signal is received but garbled. Re-seat the IR head centred on the interface, shade it against daylight, and check the cable.",
        ));
    } else if let Some(rate) = s.crc_error_rate.filter(|&rate| rate > 0.05) {
        out.push(finding(
            FindingId::CrcErrors,
            Severity::Warning,
            format!("{} % of complete telegrams have a checksum error", percent(rate)),
            "Bytes get lost or changed on the optical path: align the head, shade it against stray light, keep the cable away from mains lines.",
        ));
    }
    if s.frames_aborted > 0 && s.frames_ok > 0 {
        out.push(finding(
            FindingId::Restarts,
            Severity::Warning,
            format!(
                "{} {} cut off by the next one",
                counted(s.frames_aborted, "telegram"),
                if s.frames_aborted == 1 { "was" } else { "were" }
            ),
            "Bytes are lost in the middle of telegrams, usually from a weak or disturbed optical signal.",
        ));
    }
    if s.frames_ok > 0 {
        out.push(finding(
            FindingId::Receiving,
            Severity::Ok,
            format!("{} received intact", counted(s.frames_ok, "telegram")),
            "The IR head reads the meter.",
        ));
    }
}

/// The registers a meter without its PIN entered leaves out, when some are missing.
fn missing_registers_finding(s: &Summary) -> Option<Finding> {
    let has = |prefix: &str| s.obis.iter().any(|o| o.starts_with(prefix));
    let per_phase = has("1-0:36.7.0") || has("1-0:21.7.0") || has("1-0:32.7.0");
    let power = has("1-0:16.7.0") || has("1-0:1.7.0") || has("1-0:15.7.0");
    let decimals = s
        .series
        .iter()
        .filter(|x| x.obis.starts_with("1-0:1.8.") || x.obis.starts_with("1-0:2.8."))
        .any(|x| x.points.iter().any(|p| p.value.contains('.')));
    if power && per_phase && decimals {
        return None;
    }
    Some(finding(
        FindingId::PinNotEntered,
        Severity::Info,
        format!(
            "The meter sends {}",
            missing_registers(power, per_phase, decimals)
        ),
        "Many meters send only the basic registers until their PIN is entered (ask the metering operator for the PIN, enter it with a torch on the optical button, and switch 'InF' on).",
    ))
}

/// A meter with the CRC-16/KERMIT checksum.
fn kermit(s: &Summary) -> Option<Finding> {
    s.quirks.contains(&Quirk::KermitCrc).then(|| {
        finding(
            FindingId::Kermit,
            Severity::Info,
            "The meter uses the CRC-16/KERMIT checksum (known Holley behaviour)".into(),
            "Accepted; nothing to do.",
        )
    })
}

/// A buffer a quarter of which or more is still zero fill.
fn partly_empty(r: &Report) -> Option<Finding> {
    let empty = r.gaps.iter().any(|g| g.zero_fill && g.length > r.bytes / 4);
    (r.protocol != Protocol::Empty && empty).then(|| {
        finding(
            FindingId::PartlyEmpty,
            Severity::Info,
            "Part of the buffer is still empty (zero fill)".into(),
            "The device started recently or the meter sends little; wait for the buffer to fill.",
        )
    })
}

/// The meter's sending interval, where its clock tells it.
fn interval(s: &Summary) -> Option<Finding> {
    let i = s.interval_seconds?;
    Some(finding(
        FindingId::Interval,
        Severity::Info,
        format!("The meter sends a telegram every {} s", half_seconds(i)),
        "For reference.",
    ))
}

/// Telegrams without their start or end sequence: normal at the buffer's edges; between two
/// others they lost bytes on the way.
fn boundaries(r: &Report, out: &mut Vec<Finding>) {
    let cut_first = r.frames.first().map(|f| f.status) == Some(Status::TruncatedStart);
    let cut_last = r.frames.last().map(|f| f.status) == Some(Status::TruncatedEnd);
    let cut_inside = r
        .summary
        .frames_truncated
        .saturating_sub(usize::from(cut_first) + usize::from(cut_last));
    if cut_inside > 0 {
        out.push(finding(
            FindingId::LostBoundary,
            Severity::Warning,
            format!(
                "{} lost {} start or end sequence",
                counted(cut_inside, "telegram"),
                if cut_inside == 1 { "its" } else { "their" }
            ),
            "Bytes are lost at the boundaries of telegrams, usually from a weak or disturbed optical signal.",
        ));
    }
    if cut_first || cut_last {
        out.push(finding(
            FindingId::CutEdges,
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
}

/// A rate (0–1) as a percentage with one decimal (`42.9`), rounded half up, as the report's
/// summary line shows it. Integer formatting keeps the float formatter out of the npm
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
    use super::{half_seconds, missing_registers, percent, FindingId};

    #[test]
    fn ids_are_unique_and_serialise_as_their_names() {
        let mut names: alloc::vec::Vec<_> = FindingId::ALL.iter().map(|f| f.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FindingId::ALL.len());
        #[cfg(feature = "serde")]
        for id in FindingId::ALL {
            assert_eq!(
                serde_json::to_string(&id).unwrap(),
                alloc::format!("\"{id}\"")
            );
        }
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
