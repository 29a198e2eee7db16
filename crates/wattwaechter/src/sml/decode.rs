//! Whole-input decoding: transport frames → messages → readings, with every check reported.
//!
//! [`decode`] is the one-call API: it returns an owned [`Frame`] per frame found in the input
//! (with its byte range, status, CRC variant, quirks, first error and readings). Each frame
//! keeps its unescaped payload, so [`Frame::messages`] can re-read the full messages.
//!
//! [`decode`], [`decode_iter`] and [`for_each_frame`] checksum each byte once: the message
//! CRCs are computed from the bytes, and the frame CRC of a frame without escapes is derived
//! from them and the few bytes between the messages ([`crate::crc::Digest::append_checksum`]);
//! the result is the same as checking the frame first ([`decode_span`] after
//! [`transport::decode_frames`]), which the mutation tests compare frame by frame.

use super::error::ParseError;
use super::parse::{messages, Messages, ParsedMessage};
use super::transport::{
    self, FrameSpan, FrameStatus, TransportError, UncheckedCrc, DEFAULT_MAX_PAYLOAD,
};
use super::types::{ListEntry, MessageBody, Time, Value};
use crate::crc::{self, CrcKind, KERMIT, X25};
use crate::decimal::Decimal;
use crate::obis::Obis;
use crate::quirk::{Quirk, Quirks};
use crate::server_id::MeterId;
use crate::status::Status;
use crate::text::{at_byte, Arg, Lang, Message};
use crate::unit::Unit;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

/// Options of [`decode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Opt-in repair for DZG DVS74 meters with serials 42000000–48999999 and
    /// 55000000–58999999, whose firmware sends positive power (1-0:16.7.0) as a negative
    /// Integer: such values are re-read as unsigned. Off by default, because other DZG meters
    /// send correct negative values.
    pub fix_dzg_dvs74: bool,
    /// Upper bound for one frame's payload.
    pub max_payload: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            fix_dzg_dvs74: false,
            max_payload: DEFAULT_MAX_PAYLOAD,
        }
    }
}

/// Why a frame is not `ok`, and where (absolute byte offset in the input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameError {
    /// What went wrong.
    pub kind: FrameErrorKind,
    /// Absolute byte offset in the decoded input.
    pub offset: usize,
}

/// The kinds of [`FrameError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameErrorKind {
    /// A transport rule was broken.
    Transport(TransportError),
    /// The transport CRC does not match.
    TransportCrc {
        /// Read from the wire.
        read: u16,
        /// Computed.
        computed: u16,
    },
    /// A message CRC does not match.
    MessageCrc {
        /// Read from the message.
        read: u16,
        /// Computed (X-25, byte-swapped as the field holds it).
        computed: u16,
    },
    /// A message does not parse.
    Parse(super::error::ParseErrorKind),
    /// The input ended inside the frame.
    Truncated,
    /// Only the end of the frame was found.
    StartMissing,
    /// A start sequence interrupted the frame.
    Restarted,
}

impl FrameErrorKind {
    /// A stable snake_case name for JSON.
    pub const fn as_str(&self) -> &'static str {
        match self {
            FrameErrorKind::Transport(TransportError::InvalidEscape { .. }) => "invalid_escape",
            FrameErrorKind::Transport(TransportError::InvalidPadding { .. }) => "invalid_padding",
            FrameErrorKind::Transport(TransportError::TooLong { .. }) => "frame_too_long",
            FrameErrorKind::TransportCrc { .. } => "transport_crc",
            FrameErrorKind::MessageCrc { .. } => "message_crc",
            FrameErrorKind::Parse(k) => k.as_str(),
            FrameErrorKind::Truncated => "truncated",
            FrameErrorKind::StartMissing => "start_missing",
            FrameErrorKind::Restarted => "restarted",
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for FrameError {
    /// `{"kind": "transport_crc", "offset": 943, "message": "…"}`
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("FrameError", 3)?;
        st.serialize_field("kind", self.kind.as_str())?;
        st.serialize_field("offset", &self.offset)?;
        st.serialize_field("message", &alloc::format!("{self}"))?;
        st.end()
    }
}

impl FrameError {
    /// What happened, without where, as a catalogue message (see [`crate::text`]).
    #[cold]
    pub fn message(&self) -> Message {
        let crc = |id, read: u16, computed: u16| {
            Message::new(id)
                .with("read", Arg::Hex(read.into(), 4))
                .with("computed", Arg::Hex(computed.into(), 4))
        };
        match self.kind {
            FrameErrorKind::Transport(e) => e.message(),
            FrameErrorKind::TransportCrc { read, computed } => {
                crc("sml.transport_crc", read, computed)
            }
            FrameErrorKind::MessageCrc { read, computed } => crc("sml.message_crc", read, computed),
            FrameErrorKind::Parse(k) => k.message(),
            FrameErrorKind::Truncated => Message::new("sml.truncated"),
            // At the input's first byte the input began inside a frame; further on, the
            // frame's start sequence was lost or damaged.
            FrameErrorKind::StartMissing if self.offset == 0 => {
                Message::new("sml.start_missing.input")
            }
            FrameErrorKind::StartMissing => Message::new("sml.start_missing"),
            FrameErrorKind::Restarted => Message::new("sml.restarted"),
        }
    }

    /// The sentence with where it happened, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        at_byte(&self.message(), self.offset, lang)
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A reading's value, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
pub enum ReadingValue {
    /// The meter sent no value (`01`).
    Absent,
    /// A boolean.
    Bool {
        /// The value.
        value: bool,
    },
    /// An octet string (serialised as lower-case hex).
    Bytes {
        /// The bytes.
        #[cfg_attr(feature = "serde", serde(serialize_with = "crate::hex::serialize"))]
        value: Vec<u8>,
    },
    /// An integer: the raw value and the exact decimal with the scaler applied.
    Number {
        /// The integer as sent (after the DZG repair, if it applied); serialised as a JSON
        /// number when |raw| ≤ 2^53, else as a decimal string.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::hex::serialize_exact_int")
        )]
        raw: i128,
        /// `raw × 10^scaler`.
        value: Decimal,
    },
    /// A time.
    Time {
        /// The time.
        value: Time,
    },
}

/// An object name: up to 8 bytes inline (OBIS codes have 6), longer ones on the heap.
pub type ObjName = smallvec::SmallVec<[u8; 8]>;

/// One reading: a list entry of a GetListResponse, owned and interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Reading {
    /// The object name as sent (normally a 6-byte OBIS code, kept inline: no allocation per
    /// reading), serialised as hex.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::hex::serialize"))]
    #[cfg_attr(feature = "_ts", tsify(type = "string"))]
    pub obj_name: ObjName,
    /// The OBIS code, if the object name has 6 bytes.
    pub obis: Option<Obis>,
    /// Status word.
    pub status: Option<u64>,
    /// Time of the value.
    pub val_time: Option<Time>,
    /// DLMS unit.
    pub unit: Option<Unit>,
    /// Decimal scaler.
    pub scaler: Option<i8>,
    /// The value.
    pub value: ReadingValue,
}

/// A decoded frame (owned).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Frame {
    /// The frame's bytes in the input.
    pub range: Range<usize>,
    /// The outcome.
    pub status: Status,
    /// The transport CRC variant that matched.
    pub crc: Option<CrcKind>,
    /// The deviations from the specification the frame needed.
    pub quirks: Quirks,
    /// Why the frame is not `ok` (the first problem found).
    pub error: Option<FrameError>,
    /// The end sequence was not 4-byte aligned (bytes lost).
    pub misaligned_end: bool,
    /// The message body names, in order (only the messages that parsed).
    pub message_names: Vec<&'static str>,
    /// The meter's time from the first GetListResponse (`actSensorTime`).
    pub sensor_time: Option<Time>,
    /// The server ID of the first OpenResponse or GetListResponse (hex when serialised).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::hex::serialize_opt"))]
    pub server_id: Option<Vec<u8>>,
    /// The list entries of every GetListResponse, in order.
    pub readings: Vec<Reading>,
    /// The unescaped payload without padding (empty for a truncated start; hex when
    /// serialised).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::hex::serialize"))]
    pub payload: Vec<u8>,
}

impl Frame {
    /// Re-parses the full messages from the stored payload.
    pub fn messages(&self) -> Messages<'_> {
        messages(&self.payload)
    }

    /// The server ID in the DIN 43863-5 layout, if it has it.
    pub fn meter_id(&self) -> Option<MeterId> {
        self.server_id.as_deref().and_then(MeterId::parse)
    }
}

/// Decodes every frame in `input`.
pub fn decode(input: &[u8], options: &DecodeOptions) -> Vec<Frame> {
    decode_iter(input, options).collect()
}

/// Decodes the frames of `input` one at a time, in one pass: memory is what the caller keeps.
pub fn decode_iter<'a>(
    input: &'a [u8],
    options: &'a DecodeOptions,
) -> impl Iterator<Item = Frame> + 'a {
    transport::unchecked_frames(input, options.max_payload).map(move |(span, unchecked)| {
        let mut frame = Frame::empty();
        decode_unchecked_span_into(input, &span, unchecked, options, &mut frame);
        frame
    })
}

/// Decodes the frames of `input` one at a time, in one pass, and shows each to `visit`. Unlike
/// [`decode_iter`], every frame is decoded into the same scratch [`Frame`], so its vectors are
/// allocated once, not per frame: the fastest way when each frame is turned into something
/// else.
pub fn for_each_frame(input: &[u8], options: &DecodeOptions, mut visit: impl FnMut(&Frame)) {
    try_for_each_frame(input, options, |f| {
        visit(f);
        core::ops::ControlFlow::Continue(())
    });
}

/// [`for_each_frame`] that `visit` can stop: the frames after a `Break` are not decoded.
pub fn try_for_each_frame(
    input: &[u8],
    options: &DecodeOptions,
    mut visit: impl FnMut(&Frame) -> core::ops::ControlFlow<()>,
) {
    let mut frame = Frame::empty();
    for (span, unchecked) in transport::unchecked_frames(input, options.max_payload) {
        decode_unchecked_span_into(input, &span, unchecked, options, &mut frame);
        if visit(&frame).is_break() {
            return;
        }
    }
}

/// Decodes one frame found by [`transport::decode_frames`] (`input` is the slice that was
/// given to it, for offsets).
pub fn decode_span(input: &[u8], span: &FrameSpan<'_>, options: &DecodeOptions) -> Frame {
    let mut frame = Frame::empty();
    decode_span_into(input, span, options, &mut frame);
    frame
}

impl Frame {
    /// A frame with nothing in it, to decode into.
    pub(crate) fn empty() -> Self {
        Frame {
            range: 0..0,
            status: Status::Ok,
            crc: None,
            quirks: Quirks::new(),
            error: None,
            misaligned_end: false,
            message_names: Vec::new(),
            sensor_time: None,
            server_id: None,
            readings: Vec::new(),
            payload: Vec::new(),
        }
    }
}

/// [`decode_span`] into an existing `frame`, which is overwritten completely; its vectors keep
/// their allocations, so decoding many frames through one scratch frame allocates (almost)
/// nothing per frame.
pub fn decode_span_into(
    input: &[u8],
    span: &FrameSpan<'_>,
    options: &DecodeOptions,
    frame: &mut Frame,
) {
    decode_unchecked_span_into(input, span, None, options, frame);
}

/// [`decode_span_into`] for a span whose transport CRC may have been left `unchecked` (see
/// [`transport::unchecked_frames`]): it is settled here, from the checksums of the messages
/// and the frame's raw bytes in `input`.
fn decode_unchecked_span_into(
    input: &[u8],
    span: &FrameSpan<'_>,
    unchecked: Option<UncheckedCrc>,
    options: &DecodeOptions,
    frame: &mut Frame,
) {
    let unchecked = unchecked.map(|u| (u, &input[span.range.clone()]));
    decode_payload_into(span, unchecked, options, frame);
}

/// Decodes one frame from its payload and what the transport found: `span.range` is where it
/// lies in the input or stream. A transport CRC left unchecked comes with the frame's raw
/// bytes (start sequence to CRC), which settling it needs.
pub(crate) fn decode_payload_into(
    span: &FrameSpan<'_>,
    unchecked: Option<(UncheckedCrc, &[u8])>,
    options: &DecodeOptions,
    frame: &mut Frame,
) {
    frame.range = span.range.clone();
    frame.status = Status::Ok;
    frame.crc = span.crc;
    frame.quirks = Quirks::new();
    frame.error = None;
    frame.misaligned_end = span.misaligned_end;
    frame.message_names.clear();
    frame.sensor_time = None;
    let mut spare_id = frame.server_id.take();
    frame.readings.clear();
    frame.payload.clear();
    frame.payload.extend_from_slice(&span.payload);
    if span.crc == Some(CrcKind::Kermit) {
        frame.quirks.insert(Quirk::KermitCrc);
    }
    if span.nonzero_padding {
        frame.quirks.insert(Quirk::NonZeroPadding);
    }
    if span.padding == 4 {
        frame.quirks.insert(Quirk::PaddingFour);
    }
    let end = span.range.end;
    let (status, error) = match span.status {
        FrameStatus::Ok => (Status::Ok, None),
        FrameStatus::CrcMismatch { read, computed } => (
            Status::CrcMismatch,
            Some(FrameError {
                kind: FrameErrorKind::TransportCrc { read, computed },
                offset: end - 2,
            }),
        ),
        FrameStatus::TruncatedStart => (
            Status::TruncatedStart,
            Some(FrameError {
                kind: FrameErrorKind::StartMissing,
                offset: span.range.start,
            }),
        ),
        FrameStatus::TruncatedEnd => (
            Status::TruncatedEnd,
            Some(FrameError {
                kind: FrameErrorKind::Truncated,
                offset: end,
            }),
        ),
        FrameStatus::Aborted => (
            Status::Aborted,
            Some(FrameError {
                kind: FrameErrorKind::Restarted,
                offset: end,
            }),
        ),
        FrameStatus::Malformed(e) => (
            Status::Malformed,
            Some(FrameError {
                kind: FrameErrorKind::Transport(e),
                offset: e.offset() as usize,
            }),
        ),
    };
    frame.status = status;
    frame.error = error;
    if status == Status::TruncatedStart {
        return;
    }
    let to_abs = |payload_offset: usize| {
        span.range.start + transport::raw_offset_of_payload(&span.payload, payload_offset)
    };
    let complete = matches!(status, Status::Ok | Status::CrcMismatch);
    let mut iter = messages(&span.payload);
    let mut parse_error: Option<ParseError> = None;
    let mut dzg = None;
    // The transport CRC left unchecked covers exactly the raw bytes up to the padding count.
    let mut transport_crc = unchecked.map(|(_, raw)| FrameChecksum::new(&raw[..raw.len() - 2]));
    for item in iter.by_ref() {
        match item {
            Ok(m) => {
                let x25 = X25.checksum(&span.payload[m.crc_range.clone()]);
                if let Some(t) = transport_crc.as_mut() {
                    t.append_message(m.crc_range.clone(), x25);
                }
                check_message_crc(&span.payload, &m, x25, frame, &to_abs);
                collect(&m, frame, options, &mut dzg, &mut spare_id);
            }
            Err(e) => parse_error = Some(e),
        }
    }
    if let (Some((wire, _)), Some(t)) = (unchecked, transport_crc) {
        settle_transport_crc(wire, t, frame);
    }
    if iter.trailing_zeros() > 0 {
        frame.quirks.insert(Quirk::TrailingZeros);
    }
    if let Some(e) = parse_error {
        // In an incomplete frame the last message is expected to be cut; the frame status
        // already says so. In a complete one a parse error makes the frame malformed.
        if complete {
            if frame.status == Status::Ok {
                frame.status = Status::Malformed;
            }
            if frame.error.is_none() {
                frame.error = Some(FrameError {
                    kind: FrameErrorKind::Parse(e.kind),
                    offset: to_abs(e.offset),
                });
            }
        }
    }
}

/// The X-25 checksum of a frame whose CRC the transport left unchecked, computed from the
/// checksums of its messages (which the message check computes anyway) and the bytes between
/// them, so that the frame's bytes are read once, not twice.
struct FrameChecksum<'a> {
    /// The bytes the transport CRC covers (start sequence through padding count).
    covered: &'a [u8],
    digest: crc::Digest,
    /// How far into `covered` the digest has got.
    done: usize,
}

impl<'a> FrameChecksum<'a> {
    fn new(covered: &'a [u8]) -> Self {
        FrameChecksum {
            covered,
            digest: X25.digest(),
            done: 0,
        }
    }

    /// Adds the bytes up to the message whose CRC covers `range` of the payload, then the
    /// message as its X-25 checksum `x25`.
    fn append_message(&mut self, range: Range<usize>, x25: u16) {
        // Payload offsets are raw offsets after the start sequence (the frame has no escapes).
        let (start, end) = (range.start + START_LEN, range.end + START_LEN);
        // Messages come in order inside the payload; anything else (never seen) is left to
        // `finalize`, which adds whatever was not appended as bytes.
        if let (Some(gap), true) = (
            self.covered.get(self.done..start),
            end <= self.covered.len(),
        ) {
            self.digest.update(gap);
            self.digest.append_checksum(&X25, x25, end - start);
            self.done = end;
        }
    }

    /// The checksum of all covered bytes.
    fn finalize(mut self) -> u16 {
        self.digest.update(&self.covered[self.done..]);
        self.digest.finalize()
    }
}

const START_LEN: usize = transport::START.len();

/// Settles the transport CRC the transport left unchecked, exactly as the transport would have
/// (see `Decoder::end_of_frame`): the variant that matched, or a CRC mismatch, which outranks
/// whatever the messages found (the transport's verdict comes first).
fn settle_transport_crc(unchecked: UncheckedCrc, checksum: FrameChecksum<'_>, frame: &mut Frame) {
    let covered = checksum.covered;
    match unchecked.verdict(checksum.finalize(), || KERMIT.checksum(covered)) {
        Ok(CrcKind::X25) => {}
        Ok(CrcKind::Kermit) => {
            frame.crc = Some(CrcKind::Kermit);
            frame.quirks.insert(Quirk::KermitCrc);
        }
        Err(computed) => {
            frame.crc = None;
            frame.status = Status::CrcMismatch;
            frame.error = Some(FrameError {
                kind: FrameErrorKind::TransportCrc {
                    read: u16::from_le_bytes(unchecked.wire),
                    computed,
                },
                offset: frame.range.end - 2,
            });
        }
    }
}

/// Which variant a message CRC matches: `read` is the field's value (an Unsigned16, or an
/// Unsigned8 where a meter drops a leading zero byte), `x25` the X-25 checksum of the bytes it
/// covers. X-25 is the field's value byte-swapped; KERMIT (computed only when X-25 does not
/// match) may be either way round.
pub(crate) fn message_crc_kind(read: u16, x25: u16, covered: &[u8]) -> Option<CrcKind> {
    if read == x25.swap_bytes() {
        return Some(CrcKind::X25);
    }
    let kermit = KERMIT.checksum(covered);
    (read == kermit || read == kermit.swap_bytes()).then_some(CrcKind::Kermit)
}

fn check_message_crc(
    payload: &[u8],
    m: &ParsedMessage<'_>,
    x25: u16,
    frame: &mut Frame,
    to_abs: &dyn Fn(usize) -> usize,
) {
    let covered = &payload[m.crc_range.clone()];
    if m.crc_width == 1 {
        frame.quirks.insert(Quirk::ShortMessageCrc);
    }
    match message_crc_kind(m.message.crc, x25, covered) {
        Some(CrcKind::X25) => return,
        Some(CrcKind::Kermit) => {
            frame.quirks.insert(Quirk::KermitMessageCrc);
            return;
        }
        None => {}
    }
    if frame.status == Status::Ok {
        frame.status = Status::CrcMismatch;
    }
    if frame.error.is_none() {
        frame.error = Some(FrameError {
            kind: FrameErrorKind::MessageCrc {
                read: m.message.crc,
                computed: x25.swap_bytes(),
            },
            offset: to_abs(m.crc_range.end),
        });
    }
}

fn note_time(t: &Option<Time>, q: &mut Quirks) {
    if matches!(t, Some(Time::BareSecIndex(_))) {
        q.insert(Quirk::BareTime);
    }
}

/// `id` in `spare`'s allocation, if there is one.
fn server_id(spare: &mut Option<Vec<u8>>, id: &[u8]) -> Vec<u8> {
    let mut v = spare.take().unwrap_or_default();
    v.clear();
    v.extend_from_slice(id);
    v
}

fn collect(
    m: &ParsedMessage<'_>,
    frame: &mut Frame,
    options: &DecodeOptions,
    dzg: &mut Option<bool>,
    spare_id: &mut Option<Vec<u8>>,
) {
    frame.message_names.push(m.message.body.name());
    match &m.message.body {
        MessageBody::OpenResponse(r) => {
            note_time(&r.ref_time, &mut frame.quirks);
            if frame.server_id.is_none() {
                frame.server_id = Some(server_id(spare_id, r.server_id));
            }
        }
        MessageBody::GetListResponse(r) => {
            if frame.server_id.is_none() {
                frame.server_id = Some(server_id(spare_id, r.server_id));
            }
            note_time(&r.act_sensor_time, &mut frame.quirks);
            note_time(&r.act_gateway_time, &mut frame.quirks);
            if frame.sensor_time.is_none() {
                frame.sensor_time = r.act_sensor_time;
            }
            let repair =
                options.fix_dzg_dvs74 && *dzg.get_or_insert_with(|| is_buggy_dzg(r.server_id));
            frame.readings.reserve(r.val_list.len());
            for e in &r.val_list {
                frame.readings.push(reading(e, repair, &mut frame.quirks));
            }
        }
        MessageBody::GetProfileListResponse(r) => {
            note_time(&Some(r.act_time), &mut frame.quirks);
            note_time(&Some(r.val_time), &mut frame.quirks);
        }
        MessageBody::GetProfilePackResponse(r) => note_time(&Some(r.act_time), &mut frame.quirks),
        _ => {}
    }
}

/// DZG DVS74 meters with the power sign bug (serial ranges as in libsml's workaround).
fn is_buggy_dzg(server_id: &[u8]) -> bool {
    MeterId::parse(server_id).is_some_and(|id| {
        &id.flag == b"DZG" && matches!(id.serial, 42_000_000..=48_999_999 | 55_000_000..=58_999_999)
    })
}

const POWER_SUM: [u8; 5] = [1, 0, 16, 7, 0];

fn reading(e: &ListEntry<'_>, repair_dzg: bool, quirks: &mut Quirks) -> Reading {
    if e.unit == Some(0) {
        quirks.insert(Quirk::UnitZero);
    }
    note_time(&e.val_time, quirks);
    let scaler = e.scaler.unwrap_or(0);
    let value = match &e.value {
        None => {
            quirks.insert(Quirk::MissingValue);
            ReadingValue::Absent
        }
        Some(Value::Bool(b)) => ReadingValue::Bool { value: *b },
        Some(Value::Bytes(b)) => ReadingValue::Bytes { value: b.to_vec() },
        Some(Value::Time(t)) => ReadingValue::Time { value: *t },
        Some(Value::Int { value, width }) => {
            let mut raw = i128::from(*value);
            if repair_dzg && *value < 0 && e.obj_name.get(..5) == Some(&POWER_SUM[..]) {
                raw += 1i128 << (8 * u32::from(*width));
                quirks.insert(Quirk::DzgSignRepaired);
            }
            ReadingValue::Number {
                raw,
                value: Decimal::new(raw, scaler),
            }
        }
        Some(Value::Uint { value, .. }) => ReadingValue::Number {
            raw: i128::from(*value),
            value: Decimal::new(i128::from(*value), scaler),
        },
    };
    Reading {
        obj_name: ObjName::from_slice(e.obj_name),
        obis: e.obis(),
        status: e.status.map(|s| s.value),
        val_time: e.val_time,
        unit: e.unit.map(Unit::from_code),
        scaler: e.scaler,
        value,
    }
}
