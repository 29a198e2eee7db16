//! The summary of a dump: what a person needs first.

use super::{DumpFrame, RawValue, ValueKind};
use crate::quirk::Quirk;
use crate::server_id::MeterId;
use crate::sml::Status;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// Counts, identity, codes and series.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Summary {
    /// Frames with status `ok`.
    pub frames_ok: usize,
    /// Frames with a bad CRC or BCC.
    pub frames_crc_mismatch: usize,
    /// Frames cut at either edge (`truncated_start` + `truncated_end`).
    pub frames_truncated: usize,
    /// Frames interrupted by a new start.
    pub frames_aborted: usize,
    /// Frames that break the rules.
    pub frames_malformed: usize,
    /// Frames whose start is missing.
    pub frames_truncated_start: usize,
    /// Frames whose end is missing.
    pub frames_truncated_end: usize,
    /// `crc_mismatch / (ok + crc_mismatch)` over the frames that carry a checksum (SML: all; D0:
    /// telegrams with a block check character, not those with the quirk `no_bcc`), when there
    /// was one.
    pub crc_error_rate: Option<f64>,
    /// The meter, from the `ok` frames.
    pub meter: Option<MeterSummary>,
    /// Every OBIS code seen in `ok` frames, in order of first appearance.
    pub obis: Vec<String>,
    /// Each numeric value across the `ok` frames.
    pub series: Vec<Series>,
    /// Median seconds between consecutive `ok` frames, from the meter's time.
    pub interval_seconds: Option<f64>,
    /// Every quirk any frame needed, in order of first appearance.
    pub quirks: Vec<Quirk>,
}

/// The meter's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct MeterSummary {
    /// SML: the server ID in hex; D0: the identification line.
    pub server_id: String,
    /// The server ID in DIN 43863-5 form (`1 EMH00 1234 5678`), when it has that layout.
    pub id: Option<String>,
    /// The manufacturer FLAG ID (`EMH`, `DZG`, `ISK`, …).
    pub manufacturer: Option<String>,
}

/// One value across frames.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Series {
    /// The OBIS code.
    pub obis: String,
    /// The catalogue name.
    pub name: Option<&'static str>,
    /// The unit.
    pub unit: Option<String>,
    /// The values, one per frame that had it.
    pub points: Vec<Point>,
}

/// One point of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Point {
    /// Index of the frame in [`super::Report::frames`].
    pub frame: usize,
    /// The meter time of that frame, if known.
    pub time: Option<u32>,
    /// The exact value.
    pub value: String,
}

const MANUFACTURER_FLAG: &str = "1-0:96.50.1*1";
const MANUFACTURER_ID: &str = "129-129:199.130.3*255";

pub(super) fn summarize(frames: &[DumpFrame]) -> Summary {
    let mut s = Summary::default();
    let mut series_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut quirks: Vec<Quirk> = Vec::new();
    let mut times: Vec<u32> = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        match f.status {
            Status::Ok => s.frames_ok += 1,
            Status::CrcMismatch => s.frames_crc_mismatch += 1,
            Status::TruncatedStart => s.frames_truncated_start += 1,
            Status::TruncatedEnd => s.frames_truncated_end += 1,
            Status::Aborted => s.frames_aborted += 1,
            Status::Malformed => s.frames_malformed += 1,
        }
        for q in f.quirks.iter() {
            if !quirks.contains(&q) {
                quirks.push(q);
            }
        }
        if f.status != Status::Ok {
            continue;
        }
        if let Some(t) = f.time {
            times.push(t);
        }
        if s.meter.is_none() {
            s.meter = meter_of(f);
        }
        let mut seen_in_frame: Vec<&str> = Vec::new();
        for v in &f.values {
            if !s.obis.contains(&v.obis) {
                s.obis.push(v.obis.clone());
            }
            // Only the first value of a code per frame (D0 sends extra values, e.g. the time
            // of a maximum, under the same code).
            if seen_in_frame.contains(&v.obis.as_str()) {
                continue;
            }
            seen_in_frame.push(&v.obis);
            let (ValueKind::Number, Some(value)) = (v.kind, &v.value) else {
                continue;
            };
            let idx = *series_index.entry(v.obis.clone()).or_insert_with(|| {
                s.series.push(Series {
                    obis: v.obis.clone(),
                    name: v.name,
                    unit: v.unit.clone(),
                    points: Vec::new(),
                });
                s.series.len() - 1
            });
            s.series[idx].points.push(Point {
                frame: i,
                time: f.time,
                value: value.clone(),
            });
        }
    }
    s.frames_truncated = s.frames_truncated_start + s.frames_truncated_end;
    let unchecked = frames
        .iter()
        .filter(|f| f.status == Status::Ok && f.quirks.contains(Quirk::NoBcc))
        .count();
    let complete = s.frames_ok - unchecked + s.frames_crc_mismatch;
    if complete > 0 {
        s.crc_error_rate = Some(s.frames_crc_mismatch as f64 / complete as f64);
    }
    s.interval_seconds = median_interval(&times);
    s.quirks = quirks;
    s
}

fn meter_of(f: &DumpFrame) -> Option<MeterSummary> {
    let server_id = f.meter.clone()?;
    let id = crate::hex::decode(&server_id)
        .ok()
        .and_then(|b| MeterId::parse(&b));
    let text_of = |code: &str| {
        f.values
            .iter()
            .find(|v| v.obis == code)
            .and_then(|v| match &v.raw {
                RawValue::Text(h) => crate::hex::decode(h).ok(),
                _ => None,
            })
            .filter(|b| b.iter().all(u8::is_ascii_alphanumeric))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let manufacturer = text_of(MANUFACTURER_FLAG)
        .or_else(|| text_of(MANUFACTURER_ID))
        .or_else(|| id.map(|m| m.flag_str().into()))
        .or_else(|| {
            // D0: the identification line `/XXXZ…`.
            server_id
                .strip_prefix('/')
                .and_then(|rest| rest.get(..3))
                .map(Into::into)
        });
    Some(MeterSummary {
        id: id.map(|m| alloc::format!("{m}")),
        server_id,
        manufacturer,
    })
}

/// The median of the positive steps between consecutive meter times.
fn median_interval(times: &[u32]) -> Option<f64> {
    let mut steps: Vec<u32> = times
        .windows(2)
        .filter(|w| w[1] > w[0])
        .map(|w| w[1] - w[0])
        .collect();
    steps.sort_unstable();
    let n = steps.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(steps[n / 2])),
        _ => Some((f64::from(steps[n / 2 - 1]) + f64::from(steps[n / 2])) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::median_interval;

    #[test]
    fn median_of_the_steps() {
        assert_eq!(median_interval(&[]), None);
        assert_eq!(median_interval(&[5]), None);
        assert_eq!(median_interval(&[5, 5, 3]), None);
        assert_eq!(median_interval(&[0, 2, 4, 7]), Some(2.0));
        assert_eq!(median_interval(&[0, 1, 4]), Some(2.0));
        assert_eq!(median_interval(&[0, 1, 3, 6, 10]), Some(2.5));
        assert_eq!(median_interval(&[10, 20, 5, 7, 27]), Some(10.0));
    }
}
