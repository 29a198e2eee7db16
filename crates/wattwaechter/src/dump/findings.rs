//! What a dump means for the person holding the IR head: findings in plain words, each with
//! what to do.

use super::{Protocol, Report, Summary};
use crate::limits::LimitKind;
use crate::quirk::Quirk;
use crate::sml::Status;
use crate::text::{Arg, Lang, Message};
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

/// One finding: its sentences rendered in a language, and their catalogue ids and
/// arguments (see [`crate::text`]) for programs that translate on their own.
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
    /// The catalogue id of the title.
    pub title_id: &'static str,
    /// The catalogue id of the advice (it has no arguments).
    pub advice_id: &'static str,
    /// The title's arguments.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::text::serialize_args")
    )]
    #[cfg_attr(feature = "_ts", tsify(type = "MessageArgs"))]
    pub args: Vec<(&'static str, Arg)>,
}

impl Finding {
    /// The title as a message.
    pub fn title_message(&self) -> Message {
        Message {
            id: self.title_id,
            args: self.args.clone(),
        }
    }
}

/// A finding before it is rendered: the title as a message, the advice as an id.
struct Draft {
    id: FindingId,
    severity: Severity,
    title: Message,
    advice: &'static str,
}

fn finding(id: FindingId, severity: Severity, title: Message, advice: &'static str) -> Draft {
    Draft {
        id,
        severity,
        title,
        advice,
    }
}

impl Draft {
    fn render(self, lang: Lang) -> Finding {
        Finding {
            id: self.id,
            severity: self.severity,
            title: self.title.render(lang),
            advice: Message::new(self.advice).render(lang),
            title_id: self.title.id,
            advice_id: self.advice,
            args: self.title.args,
        }
    }
}

/// The findings of a report in `lang`, most severe first (in the order found within one
/// severity).
pub fn findings(r: &Report, lang: Lang) -> Vec<Finding> {
    let mut out: Vec<Draft> = protocol(r).into_iter().collect();
    out.extend(truncation(r));
    if matches!(r.protocol, Protocol::Sml | Protocol::D0) {
        reception(&r.summary, &mut out);
    }
    if r.protocol == Protocol::Sml && r.summary.frames_ok > 0 {
        out.extend(missing_registers(&r.summary));
        out.extend(kermit(&r.summary));
    }
    out.extend(partly_empty(r));
    out.extend(interval(&r.summary));
    boundaries(r, &mut out);
    out.sort_by_key(|f| core::cmp::Reverse(f.severity));
    out.into_iter().map(|d| d.render(lang)).collect()
}

/// What the buffer holds, when that is not SML.
fn protocol(r: &Report) -> Option<Draft> {
    let (id, severity, title, advice) = match r.protocol {
        Protocol::Empty => (
            FindingId::NoData,
            Severity::Error,
            "finding.no_data.title",
            "finding.no_data.advice",
        ),
        Protocol::Unknown => (
            FindingId::NoStartSequence,
            Severity::Error,
            "finding.no_start_sequence.title",
            "finding.no_start_sequence.advice",
        ),
        Protocol::D0 => (
            FindingId::D0Meter,
            Severity::Info,
            "finding.d0_meter.title",
            "finding.d0_meter.advice",
        ),
        Protocol::Sml => return None,
    };
    Some(finding(id, severity, Message::new(title), advice))
}

/// Where a report limit stopped the decode.
fn truncation(r: &Report) -> Option<Draft> {
    let t = r.truncated?;
    let title = match t.limit {
        LimitKind::Frames => "finding.report_truncated.frames.title",
        LimitKind::Values => "finding.report_truncated.values.title",
    };
    Some(finding(
        FindingId::ReportTruncated,
        Severity::Warning,
        Message::new(title)
            .with("offset", Arg::Offset(t.offset as u64))
            .with("max", Arg::Offset(t.max as u64)),
        "finding.report_truncated.advice",
    ))
}

/// How well telegrams arrive: none intact, checksum errors, restarts, intact ones.
fn reception(s: &Summary, out: &mut Vec<Draft>) {
    let count = Arg::count;
    let complete = s.frames_ok + s.frames_crc_mismatch;
    if s.frames_ok == 0 && complete + s.frames_aborted + s.frames_malformed > 0 {
        out.push(finding(
            FindingId::NoGoodFrame,
            Severity::Error,
            Message::new("finding.no_good_frame.title")
                .with("damaged", count(s.frames_crc_mismatch + s.frames_malformed))
                .with("interrupted", count(s.frames_aborted)),
            "finding.no_good_frame.advice",
        ));
    } else if let Some(rate) = s.crc_error_rate.filter(|&rate| rate > 0.05) {
        out.push(finding(
            FindingId::CrcErrors,
            Severity::Warning,
            Message::new("finding.crc_errors.title").with("percent", Arg::percent(rate)),
            "finding.crc_errors.advice",
        ));
    }
    if s.frames_aborted > 0 && s.frames_ok > 0 {
        out.push(finding(
            FindingId::Restarts,
            Severity::Warning,
            Message::new("finding.restarts.title").with("count", count(s.frames_aborted)),
            "finding.restarts.advice",
        ));
    }
    if s.frames_ok > 0 {
        out.push(finding(
            FindingId::Receiving,
            Severity::Ok,
            Message::new("finding.receiving.title").with("count", count(s.frames_ok)),
            "finding.receiving.advice",
        ));
    }
}

/// The registers a meter without its PIN entered leaves out (current power, per-phase
/// values, decimals), when some are missing; only what is missing is named.
fn missing_registers(s: &Summary) -> Option<Draft> {
    let has = |prefix: &str| s.obis.iter().any(|o| o.starts_with(prefix));
    let per_phase = has("1-0:36.7.0") || has("1-0:21.7.0") || has("1-0:32.7.0");
    let power = has("1-0:16.7.0") || has("1-0:1.7.0") || has("1-0:15.7.0");
    let decimals = s
        .series
        .iter()
        .filter(|x| x.obis.starts_with("1-0:1.8.") || x.obis.starts_with("1-0:2.8."))
        .any(|x| x.points.iter().any(|p| p.value.contains('.')));
    let missing = missing_phrases(power, per_phase, decimals);
    (!missing.is_empty()).then(|| {
        finding(
            FindingId::PinNotEntered,
            Severity::Info,
            Message::new("finding.pin_not_entered.title").with("missing", Arg::Phrases(missing)),
            "finding.pin_not_entered.advice",
        )
    })
}

/// The catalogue phrases of what is missing, in the sentence's order.
fn missing_phrases(power: bool, per_phase: bool, decimals: bool) -> Vec<&'static str> {
    [
        (power, "missing.power"),
        (per_phase, "missing.per_phase"),
        (decimals, "missing.decimals"),
    ]
    .into_iter()
    .filter_map(|(present, phrase)| (!present).then_some(phrase))
    .collect()
}

/// A meter with the CRC-16/KERMIT checksum.
fn kermit(s: &Summary) -> Option<Draft> {
    s.quirks.contains(&Quirk::KermitCrc).then(|| {
        finding(
            FindingId::Kermit,
            Severity::Info,
            Message::new("finding.kermit.title"),
            "finding.kermit.advice",
        )
    })
}

/// A buffer a quarter of which or more is still zero fill.
fn partly_empty(r: &Report) -> Option<Draft> {
    let empty = r.gaps.iter().any(|g| g.zero_fill && g.length > r.bytes / 4);
    (r.protocol != Protocol::Empty && empty).then(|| {
        finding(
            FindingId::PartlyEmpty,
            Severity::Info,
            Message::new("finding.partly_empty.title"),
            "finding.partly_empty.advice",
        )
    })
}

/// The meter's sending interval, where its clock tells it.
fn interval(s: &Summary) -> Option<Draft> {
    let i = s.interval_seconds?;
    Some(finding(
        FindingId::Interval,
        Severity::Info,
        Message::new("finding.interval.title").with("seconds", Arg::half_seconds(i)),
        "finding.interval.advice",
    ))
}

/// Telegrams without their start or end sequence: normal at the buffer's edges; between two
/// others they lost bytes on the way.
fn boundaries(r: &Report, out: &mut Vec<Draft>) {
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
            Message::new("finding.lost_boundary.title").with("count", Arg::count(cut_inside)),
            "finding.lost_boundary.advice",
        ));
    }
    if cut_first || cut_last {
        let title = match (cut_first, cut_last) {
            (true, true) => "finding.cut_edges.both.title",
            (true, false) => "finding.cut_edges.first.title",
            _ => "finding.cut_edges.last.title",
        };
        out.push(finding(
            FindingId::CutEdges,
            Severity::Info,
            Message::new(title),
            "finding.cut_edges.advice",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{missing_phrases, FindingId};
    use crate::text::{Arg, Lang, Message};

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
            let text = Message::new("finding.pin_not_entered.title")
                .with(
                    "missing",
                    Arg::Phrases(missing_phrases(present[0], present[1], present[2])),
                )
                .render(Lang::En);
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
    }

    #[test]
    fn half_seconds_read_like_floats() {
        let text = |s: f64, lang| {
            Message::new("finding.interval.title")
                .with("seconds", Arg::half_seconds(s))
                .render(lang)
        };
        for s in [0.0, 0.5, 1.0, 2.0, 2.5, 17.0, 999.5] {
            assert_eq!(
                text(s, Lang::En),
                alloc::format!("The meter sends a telegram every {s} s")
            );
        }
        assert_eq!(
            text(3600.5, Lang::En),
            "The meter sends a telegram every 3,600.5 s"
        );
        assert_eq!(
            text(3600.5, Lang::De),
            "Der Zähler sendet alle 3.600,5 s ein Telegramm"
        );
    }

    #[test]
    fn percent_rounds_half_up() {
        for (rate, tenths) in [
            (0.0, 0),
            (3.0 / 7.0, 429),
            (0.125, 125),
            (0.0549, 55),
            (0.05, 50),
            (1.0, 1000),
        ] {
            assert_eq!(Arg::percent(rate), Arg::Tenths(tenths), "{rate}");
        }
    }
}
