//! The WattWächter ring-buffer dump (`GET /api/v1/logs/rawdump`): the raw bytes the IR head
//! received, decoded into a report a person can act on.
//!
//! The dump's layout is undocumented: it may be linearised (oldest → newest) or the raw
//! circular array with the seam anywhere, partly zero-filled, and it may hold D0 text instead
//! of SML. [`decode`] detects the content, un-rotates the buffer when the write position is
//! known (or when a frame only decodes across the buffer's end and start), and lists every
//! frame or telegram with its byte range, status, quirks, error and values, the gaps, and a
//! [`Summary`]: counts per status, the meter's identity, the OBIS codes seen and each value's
//! series across frames.
//!
//! Offsets in a [`Report`] are positions in the *linearised* buffer; the dump offset of
//! linear offset `o` is `(o + rotation) % bytes`.
//!
//! Frames are decoded one at a time ([`crate::sml::decode_iter`]): memory is proportional to
//! the report (the decoded values), plus one copy of the input when it has to be rotated.

mod csv;
mod detect;
mod findings;
mod from_d0;
mod from_sml;
mod summary;
#[cfg(test)]
mod tests;

use crate::crc::CrcKind;
use crate::limits::{Limits, Tally, Truncation};
use crate::quirk::Quirks;
use crate::sml::{self, Status};
use crate::text::{at_byte, Arg, Lang, Message};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub use csv::to_csv;
pub use detect::detect;
pub use findings::{findings, Finding, FindingId, Severity};
#[cfg(feature = "serde")]
pub use from_sml::SmlFramesView;
pub use summary::{MeterSummary, Point, Series, Summary};

/// What a dump holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Protocol {
    /// SML transport frames.
    Sml,
    /// D0 (IEC 62056-21) telegrams.
    D0,
    /// Nothing: no bytes, or only zero (or 0xff) fill.
    Empty,
    /// Bytes that are neither.
    Unknown,
}

impl Protocol {
    /// The stable lower-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Sml => "sml",
            Protocol::D0 => "d0",
            Protocol::Empty => "empty",
            Protocol::Unknown => "unknown",
        }
    }
}

/// Options of [`decode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DumpOptions {
    /// The ring buffer's write position, if the caller knows it: the dump is the raw circular
    /// array and its oldest byte is at this offset.
    pub write_pos: Option<usize>,
    /// Options for SML decoding (the opt-in DZG repair, the frame length limit).
    pub sml: sml::DecodeOptions,
    /// How much the report may hold; `None`: [`Limits::for_input`] (far above what real
    /// dumps need). Reaching a limit ends the report there ([`Report::truncated`]).
    pub limits: Option<Limits>,
    /// The language of the texts: findings, frame errors, OBIS names.
    pub lang: Lang,
}

/// Why a dump could not be decoded at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DumpError {
    /// The write position is not inside the dump.
    WritePosOutOfRange {
        /// The position given.
        write_pos: usize,
        /// The dump's length.
        len: usize,
    },
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DumpError::WritePosOutOfRange { write_pos, len } => write!(
                f,
                "write position {write_pos} is outside the {len}-byte dump"
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DumpError {}

/// How the linearised view was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SeamKind {
    /// The caller gave the write position.
    WritePosition,
    /// A frame decoded only when the end of the buffer was joined to its start: the dump is
    /// the raw circular array, and the view starts where that frame starts.
    Wrap,
}

/// Where the dump was cut to linearise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Seam {
    /// How it was found.
    pub kind: SeamKind,
    /// The dump offset where the linearised view begins (= [`Report::rotation`]).
    pub offset: usize,
}

/// An error inside a frame: what, where (linear offset), and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct ErrorInfo {
    /// A stable snake_case name (`transport_crc`, `bcc_mismatch`, `truncated`, …).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::label::serialize"))]
    pub kind: String,
    /// Linear byte offset.
    pub offset: usize,
    /// What happened, for people, with where (in the report's language).
    pub message: String,
    /// The catalogue id of the sentence (see [`crate::text`]).
    pub id: &'static str,
    /// The sentence's arguments.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::text::serialize_args")
    )]
    #[cfg_attr(feature = "_ts", tsify(type = "MessageArgs"))]
    pub args: Vec<(&'static str, Arg)>,
}

impl ErrorInfo {
    /// The error `kind` at `offset`, saying `text` in `lang`.
    #[cold]
    pub fn new(kind: &str, offset: usize, text: Message, lang: Lang) -> Self {
        ErrorInfo {
            kind: kind.into(),
            offset,
            message: at_byte(&text, offset, lang),
            id: text.id,
            args: text.args,
        }
    }
}

/// The raw value as the meter sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// No value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (JSON: a number when |n| ≤ 2^53, otherwise a string).
    Int(i128),
    /// Text: lower-case hex for SML octet strings, the value text for D0.
    Text(String),
}

#[cfg(feature = "serde")]
impl serde::Serialize for RawValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        from_sml::RawRef::from(self).serialize(s)
    }
}

/// What kind of value a [`DumpValue`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ValueKind {
    /// A number (SML integer with scaler; D0 decimal text).
    Number,
    /// SML octet string (hex).
    Bytes,
    /// D0 text that is not a decimal number.
    Text,
    /// A boolean.
    Bool,
    /// A time.
    Time,
    /// The meter sent no value.
    Absent,
}

/// One value of a frame or telegram.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct DumpValue {
    /// The OBIS code in full form (`1-0:1.8.0*255`); hex of the object name if it is not 6
    /// bytes (SML); the address as sent if it is no OBIS code (D0).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::label::serialize"))]
    pub obis: String,
    /// The catalogue name (English), if known.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::label::serialize_static_opt")
    )]
    pub name: Option<&'static str>,
    /// What the value is.
    pub kind: ValueKind,
    /// The value as sent.
    pub raw: RawValue,
    /// The SML scaler.
    pub scaler: Option<i8>,
    /// The DLMS unit code (SML).
    pub unit_code: Option<u8>,
    /// The unit symbol (SML: from the DLMS table; D0: as sent).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::label::serialize_opt")
    )]
    pub unit: Option<String>,
    /// The exact value: the decimal with the scaler applied (`198927.3`), hex for octet
    /// strings, the text for D0; `None` when the meter sent no value.
    pub value: Option<String>,
    /// An SML octet string that is printable text (ASCII, at least 2 characters) as that text:
    /// the manufacturer FLAG `49534b` is `ISK`. `None` otherwise (and for D0, whose values are
    /// text already).
    pub text: Option<String>,
}

/// One frame (SML) or telegram (D0) of the dump.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct DumpFrame {
    /// Linear byte offset.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// How it ended.
    pub status: Status,
    /// The SML transport CRC variant that matched (`None` for D0 and non-`ok` frames).
    pub crc: Option<CrcKind>,
    /// The deviations from the specification it needed.
    pub quirks: Quirks,
    /// Why it is not `ok`.
    pub error: Option<ErrorInfo>,
    /// Its values, in order.
    pub values: Vec<DumpValue>,
    /// SML message names, in order (empty for D0).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::label::serialize_static_all")
    )]
    pub messages: Vec<&'static str>,
    /// The meter: SML server ID in hex, D0 identification line.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::label::serialize_opt")
    )]
    pub meter: Option<String>,
    /// The meter's seconds counter or clock (SML `actSensorTime`).
    pub time: Option<u32>,
}

/// A byte range that belongs to no frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Gap {
    /// Linear byte offset.
    pub offset: usize,
    /// Length in bytes.
    pub length: usize,
    /// Every byte is zero (unused buffer).
    pub zero_fill: bool,
}

/// The decoded dump.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Report {
    /// What the dump holds.
    pub protocol: Protocol,
    /// The dump's length.
    pub bytes: usize,
    /// Linear offset `o` is dump offset `(o + rotation) % bytes`.
    pub rotation: usize,
    /// How the dump was linearised, if it was.
    pub seam: Option<Seam>,
    /// Frames or telegrams, in linear order.
    pub frames: Vec<DumpFrame>,
    /// The bytes between them.
    pub gaps: Vec<Gap>,
    /// What a person needs first.
    pub summary: Summary,
    /// What it means, in plain words, most severe first.
    pub findings: Vec<Finding>,
    /// The report stopped at a limit: frames from this offset on are not in it.
    pub truncated: Option<Truncation>,
}

/// Decodes a dump.
pub fn decode(bytes: &[u8], options: &DumpOptions) -> Result<Report, DumpError> {
    let protocol = detect(bytes);
    if let Some(pos) = options.write_pos {
        if pos >= bytes.len() && !(pos == 0 && bytes.is_empty()) {
            return Err(DumpError::WritePosOutOfRange {
                write_pos: pos,
                len: bytes.len(),
            });
        }
        let seam = (pos > 0).then_some(Seam {
            kind: SeamKind::WritePosition,
            offset: pos,
        });
        return Ok(report(protocol, bytes, pos, seam, options));
    }
    if let Some(rotation) = wrapped_frame_start(protocol, bytes, options) {
        let seam = Some(Seam {
            kind: SeamKind::Wrap,
            offset: rotation,
        });
        return Ok(report(protocol, bytes, rotation, seam, options));
    }
    Ok(report(protocol, bytes, 0, None, options))
}

fn report(
    protocol: Protocol,
    bytes: &[u8],
    rotation: usize,
    seam: Option<Seam>,
    options: &DumpOptions,
) -> Report {
    let rotated: Vec<u8>;
    let linear: &[u8] = if rotation == 0 {
        bytes
    } else {
        rotated = bytes[rotation..]
            .iter()
            .chain(&bytes[..rotation])
            .copied()
            .collect();
        &rotated
    };
    let limits = options
        .limits
        .unwrap_or_else(|| Limits::for_input(bytes.len()));
    let (frames, truncated) = frames_of(protocol, linear, options, limits);
    // The bytes not decoded are not a gap.
    let decoded = truncated.map_or(linear.len(), |t| t.offset);
    let gaps = gaps_between(&frames, &linear[..decoded]);
    let summary = summary::summarize(&frames);
    let mut report = Report {
        protocol,
        bytes: bytes.len(),
        rotation,
        seam,
        frames,
        gaps,
        summary,
        findings: Vec::new(),
        truncated,
    };
    report.findings = findings::findings(&report, options.lang);
    report
}

/// The frames of an SML capture, in the same form as a dump's (no detection, no rotation),
/// at most [`Limits::for_input`] of them (the frames after the limit are left out; see
/// [`sml_frames_with`]).
pub fn sml_frames(bytes: &[u8], options: &sml::DecodeOptions) -> Vec<DumpFrame> {
    sml_frames_with(bytes, options, Limits::for_input(bytes.len()), Lang::En).0
}

/// One decoded SML frame in the dump's form, its texts in `lang`.
pub fn sml_frame(frame: &sml::Frame, lang: Lang) -> DumpFrame {
    from_sml::frame(frame, lang)
}

/// The telegrams of a D0 capture in the dump's form (no detection, no rotation), at most
/// [`Limits::for_input`] of them.
pub fn d0_frames(bytes: &[u8]) -> Vec<DumpFrame> {
    from_d0::frames(bytes, Limits::for_input(bytes.len()), Lang::En).0
}

/// The telegrams of a parsed D0 capture (or of a [`D0Stream`](crate::d0::stream::D0Stream)'s
/// batch) in the dump's form, its texts in `lang`.
pub fn d0_frames_of(capture: crate::d0::D0Capture, lang: Lang) -> Vec<DumpFrame> {
    from_d0::frames_of(capture, lang)
}

/// [`sml_frames`] with other limits and texts in `lang`; says where it stopped when it
/// reached one.
pub fn sml_frames_with(
    bytes: &[u8],
    options: &sml::DecodeOptions,
    limits: Limits,
    lang: Lang,
) -> (Vec<DumpFrame>, Option<Truncation>) {
    let mut frames = Vec::new();
    let mut tally = Tally::new(limits);
    let mut truncated = None;
    sml::try_for_each_frame(bytes, options, |f| {
        match tally.admit(f.range.start, f.readings.len()) {
            Ok(()) => frames.push(from_sml::frame(f, lang)),
            Err(t) => truncated = Some(t),
        }
        if truncated.is_some() {
            core::ops::ControlFlow::Break(())
        } else {
            core::ops::ControlFlow::Continue(())
        }
    });
    (frames, truncated)
}

fn frames_of(
    protocol: Protocol,
    linear: &[u8],
    options: &DumpOptions,
    limits: Limits,
) -> (Vec<DumpFrame>, Option<Truncation>) {
    match protocol {
        Protocol::Sml => sml_frames_with(linear, &options.sml, limits, options.lang),
        Protocol::D0 => from_d0::frames(linear, limits, options.lang),
        Protocol::Empty | Protocol::Unknown => (Vec::new(), None),
    }
}

/// The dump offset where a frame starts that is cut by the buffer's end and continues at its
/// start: decoding `bytes[start..] ++ bytes[..]` gives an `ok` frame across the join.
fn wrapped_frame_start(protocol: Protocol, bytes: &[u8], options: &DumpOptions) -> Option<usize> {
    if !matches!(protocol, Protocol::Sml | Protocol::D0) {
        return None;
    }
    let (first, last) = first_and_last(protocol, bytes, options)?;
    // The tail: a frame cut by the buffer's end, or the bytes after the last frame (the cut
    // fell inside a start sequence).
    let tail_start = match last.status {
        Status::TruncatedEnd => last.range.start,
        _ => last.range.end,
    };
    // The head up to the end of the cut frame's other half: a truncated start, or a gap
    // before the first frame.
    let head_end = match first.status {
        Status::TruncatedStart => first.range.end,
        _ => first.range.start,
    };
    if head_end == 0 || tail_start == 0 || tail_start >= bytes.len() || head_end > tail_start {
        return None;
    }
    let tail = &bytes[tail_start..];
    let mut joined = Vec::with_capacity(tail.len() + head_end);
    joined.extend_from_slice(tail);
    joined.extend_from_slice(&bytes[..head_end]);
    // The joined part is small (the tail and head of the buffer); the default limits suffice.
    let (across, _) = frames_of(protocol, &joined, options, Limits::for_input(joined.len()));
    // SML frames prove themselves with their CRC; a D0 telegram without BCC must at least
    // carry data.
    let ok_across = across.iter().any(|f| {
        f.status == Status::Ok
            && f.offset == 0
            && f.offset + f.length > tail.len()
            && (f.crc.is_some() || !f.values.is_empty())
    });
    ok_across.then_some(tail_start)
}

/// Where a frame sits and how it ended, without its values.
#[derive(Debug, Clone)]
struct Outline {
    range: core::ops::Range<usize>,
    status: Status,
}

/// The first and the last frame of a dump, found without keeping the frames in between.
fn first_and_last(
    protocol: Protocol,
    bytes: &[u8],
    options: &DumpOptions,
) -> Option<(Outline, Outline)> {
    let mut ends: Option<(Outline, Outline)> = None;
    let mut see = |o: Outline| match &mut ends {
        None => ends = Some((o.clone(), o)),
        Some((_, last)) => *last = o,
    };
    match protocol {
        Protocol::Sml => sml::for_each_frame(bytes, &options.sml, |f| {
            see(Outline {
                range: f.range.clone(),
                status: f.status,
            })
        }),
        Protocol::D0 => {
            let limits = options
                .limits
                .unwrap_or_else(|| Limits::for_input(bytes.len()));
            for t in crate::d0::parse_with(bytes, limits).telegrams {
                see(Outline {
                    range: t.range,
                    status: t.status,
                });
            }
        }
        Protocol::Empty | Protocol::Unknown => {}
    }
    ends
}

fn gaps_between(frames: &[DumpFrame], linear: &[u8]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut at = 0;
    let mut push = |from: usize, to: usize| {
        if to > from {
            gaps.push(Gap {
                offset: from,
                length: to - from,
                zero_fill: linear[from..to].iter().all(|&b| b == 0),
            });
        }
    };
    for f in frames {
        push(at, f.offset);
        at = at.max(f.offset + f.length);
    }
    push(at, linear.len());
    gaps
}
