//! SML frames: the transport's framing on the wire, and a walk over the unescaped payload that
//! names every field by its place in the SML 1.04 structures.

use super::{cover, Explained, Span, Verdict};
use crate::crc::{KERMIT, X25};
use crate::hex;
use crate::obis::Obis;
use crate::server_id::MeterId;
use crate::sml::error::MAX_DEPTH;
use crate::sml::tl::{tl, TlType};
use crate::sml::transport::{decode_frames, FrameSpan, FrameStatus};
use crate::sml::{decode, message_crc_kind, DecodeOptions, Frame, ReadingValue};
use crate::status::Status;
use crate::text::Lang;
use crate::unit::Unit;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Every frame of `input`, each explained when it is taken.
pub(super) fn frames(input: &[u8], lang: Lang) -> impl Iterator<Item = Explained> + '_ {
    decode_frames(input)
        .into_iter()
        .enumerate()
        .map(move |(index, span)| explain_span(input, index, &span, lang))
}

/// Frame `n` of `input` (from 0).
pub(super) fn frame_nth(input: &[u8], n: usize, lang: Lang) -> Option<Explained> {
    decode_frames(input)
        .into_iter()
        .nth(n)
        .map(|span| explain_span(input, n, &span, lang))
}

/// The frame that holds byte `offset` of `input`.
pub(super) fn frame_at(input: &[u8], offset: usize, lang: Lang) -> Option<Explained> {
    decode_frames(input)
        .into_iter()
        .enumerate()
        .find(|(_, span)| span.range.contains(&offset))
        .map(|(index, span)| explain_span(input, index, &span, lang))
}

/// One frame: decoded on its own bytes (a complete frame needs nothing before it) for the
/// meanings, then explained.
fn explain_span(input: &[u8], index: usize, span: &FrameSpan<'_>, lang: Lang) -> Explained {
    let mut decoded = decode(&input[span.range.clone()], &DecodeOptions::default());
    let frame = decoded.iter_mut().find(|f| f.range.start == 0).map(|f| {
        f.range = span.range.clone();
        &*f
    });
    explain_frame(input, index, span, frame, lang)
}

fn status_of(span: &FrameSpan<'_>, frame: Option<&Frame>) -> Status {
    frame.map(|f| f.status).unwrap_or(match span.status {
        FrameStatus::Ok => Status::Ok,
        FrameStatus::CrcMismatch { .. } => Status::CrcMismatch,
        FrameStatus::TruncatedStart => Status::TruncatedStart,
        FrameStatus::TruncatedEnd => Status::TruncatedEnd,
        FrameStatus::Aborted => Status::Aborted,
        FrameStatus::Malformed(_) => Status::Malformed,
    })
}

fn leaf(start: usize, end: usize, path: &str, kind: String, meaning: Option<String>) -> Span {
    Span {
        start,
        end,
        path: path.into(),
        kind,
        meaning,
        verdict: None,
    }
}

fn explain_frame(
    input: &[u8],
    index: usize,
    span: &FrameSpan<'_>,
    frame: Option<&Frame>,
    lang: Lang,
) -> Explained {
    let range = span.range.clone();
    let wire = &input[range.clone()];
    let status = status_of(span, frame);
    let mut spans = Vec::new();
    let complete = matches!(
        span.status,
        FrameStatus::Ok | FrameStatus::CrcMismatch { .. }
    );
    if span.status == FrameStatus::TruncatedStart {
        return Explained {
            index,
            offset: range.start,
            length: range.len(),
            status,
            spans: cover(
                range,
                spans,
                (
                    "transport.cut",
                    "bytes",
                    Some(
                        "the frame's start is before the capture: its bytes cannot be read".into(),
                    ),
                ),
            ),
        };
    }
    spans.push(leaf(
        range.start,
        range.start + 8,
        "transport.start",
        "start sequence".into(),
        Some("1b1b1b1b 01010101: a frame begins".into()),
    ));
    // Where the payload ends on the wire: before padding, end sequence and CRC.
    let payload_end = if complete && wire.len() >= 16 {
        let padding = usize::from(span.padding);
        let crc_at = wire.len() - 2;
        let end_at = crc_at - 6;
        spans.push(leaf(
            range.start + end_at,
            range.start + crc_at,
            "transport.end",
            "end sequence".into(),
            Some(format!(
                "1b1b1b1b 1a {:02x}: the frame ends, {padding} padding bytes",
                span.padding
            )),
        ));
        let read = [wire[crc_at], wire[crc_at + 1]];
        let x25 = X25.checksum(&wire[..crc_at]);
        let kermit = KERMIT.checksum(&wire[..crc_at]);
        // The transport's verdict; the checksums are computed here only to be shown.
        let ok = span.status == FrameStatus::Ok;
        spans.push(Span {
            start: range.start + crc_at,
            end: range.end,
            path: "transport.crc".into(),
            kind: "CRC-16".into(),
            meaning: Some(if ok {
                "the frame's checksum matches".into()
            } else {
                "the frame's checksum does not match: bytes were lost or changed".into()
            }),
            verdict: Some(Verdict {
                check: "transport_crc",
                ok,
                read: hex::encode(&read),
                computed: hex::encode(&x25.to_le_bytes()),
                computed_kermit: Some(hex::encode(&kermit.to_be_bytes())),
            }),
        });
        if padding > 0 && end_at >= 8 + padding {
            spans.push(leaf(
                range.start + end_at - padding,
                range.start + end_at,
                "transport.padding",
                format!("padding, {padding} bytes"),
                Some("fills the payload to a multiple of 4".into()),
            ));
        }
        end_at.saturating_sub(padding)
    } else {
        wire.len()
    };
    // The payload's bytes on the wire, and the escape markers between them.
    let mut wire_of = Vec::with_capacity(span.payload.len());
    let mut at = 8;
    while wire_of.len() < span.payload.len() && at < payload_end {
        if wire.get(at..at + 8) == Some(&[0x1b; 8][..]) && (at - 8) % 4 == 0 {
            spans.push(leaf(
                range.start + at,
                range.start + at + 4,
                "transport.escape",
                "escape".into(),
                Some("1b1b1b1b: the next four bytes are data".into()),
            ));
            at += 4;
            for k in 0..4 {
                wire_of.push(at + k);
            }
            at += 4;
        } else {
            wire_of.push(at);
            at += 1;
        }
    }
    wire_of.truncate(span.payload.len());
    let mut walker = Walker {
        payload: &span.payload,
        spans: Vec::new(),
        frame,
        entry: 0,
        lang,
        stopped: None,
        depth: 0,
    };
    walker.file();
    for s in walker.spans {
        push_on_wire(&mut spans, s, &wire_of, range.start);
    }
    let stopped = walker
        .stopped
        .unwrap_or_else(|| "not part of a message".into());
    Explained {
        index,
        offset: range.start,
        length: range.len(),
        status,
        spans: cover(range, spans, ("unparsed", "bytes", Some(stopped))),
    }
}

/// A span over payload offsets, put on the wire: split where an escape marker lies between.
fn push_on_wire(out: &mut Vec<Span>, s: Span, wire_of: &[usize], base: usize) {
    let Some(first) = wire_of.get(s.start) else {
        return;
    };
    let mut start = *first;
    let mut prev = start;
    for &w in wire_of
        .get(s.start + 1..s.end.min(wire_of.len()))
        .unwrap_or(&[])
    {
        if w != prev + 1 {
            out.push(Span {
                start: base + start,
                end: base + prev + 1,
                ..s.clone()
            });
            start = w;
        }
        prev = w;
    }
    out.push(Span {
        start: base + start,
        end: base + prev + 1,
        ..s
    });
}

/// What a field is, for naming its children and saying what it means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Message,
    Body,
    Element(u32),
    ValList,
    Entry,
    ObjName,
    Status,
    Time,
    Unit,
    Scaler,
    Value,
    ServerId,
    MessageCrc(usize),
    Generic,
}

/// The fields of GetProfilePackRequest and GetProfileListRequest (the same in SML 1.04).
const PROFILE_REQUEST: &[&str] = &[
    "server_id",
    "username",
    "password",
    "with_rawdata",
    "begin_time",
    "end_time",
    "parameter_tree_path",
    "object_list",
    "das_details",
];

/// The fields of a message body, by tag.
fn body(tag: u32) -> (&'static str, &'static [&'static str]) {
    match tag {
        0x0100 => (
            "OpenRequest",
            &[
                "codepage",
                "client_id",
                "req_file_id",
                "server_id",
                "username",
                "password",
                "sml_version",
            ],
        ),
        0x0101 => (
            "OpenResponse",
            &[
                "codepage",
                "client_id",
                "req_file_id",
                "server_id",
                "ref_time",
                "sml_version",
            ],
        ),
        0x0200 => ("CloseRequest", &["global_signature"]),
        0x0201 => ("CloseResponse", &["global_signature"]),
        0x0300 => ("GetProfilePackRequest", PROFILE_REQUEST),
        0x0301 => (
            "GetProfilePackResponse",
            &[
                "server_id",
                "act_time",
                "reg_period",
                "parameter_tree_path",
                "header_list",
                "period_list",
                "rawdata",
                "profile_signature",
            ],
        ),
        0x0400 => ("GetProfileListRequest", PROFILE_REQUEST),
        0x0401 => (
            "GetProfileListResponse",
            &[
                "server_id",
                "act_time",
                "reg_period",
                "parameter_tree_path",
                "val_time",
                "status",
                "period_list",
                "rawdata",
                "period_signature",
            ],
        ),
        0x0500 => (
            "GetProcParameterRequest",
            &[
                "server_id",
                "username",
                "password",
                "parameter_tree_path",
                "attribute",
            ],
        ),
        0x0501 => (
            "GetProcParameterResponse",
            &["server_id", "parameter_tree_path", "parameter_tree"],
        ),
        0x0600 => (
            "SetProcParameterRequest",
            &[
                "server_id",
                "username",
                "password",
                "parameter_tree_path",
                "parameter_tree",
            ],
        ),
        0x0700 => (
            "GetListRequest",
            &[
                "client_id",
                "server_id",
                "username",
                "password",
                "list_name",
            ],
        ),
        0x0701 => (
            "GetListResponse",
            &[
                "client_id",
                "server_id",
                "list_name",
                "act_sensor_time",
                "val_list",
                "list_signature",
                "act_gateway_time",
            ],
        ),
        0xff01 => (
            "AttentionResponse",
            &[
                "server_id",
                "attention_no",
                "attention_msg",
                "attention_details",
            ],
        ),
        _ => ("unknown body", &[]),
    }
}

const ENTRY: &[&str] = &[
    "obj_name",
    "status",
    "val_time",
    "unit",
    "scaler",
    "value",
    "value_signature",
];
const MESSAGE: &[&str] = &[
    "transaction_id",
    "group_no",
    "abort_on_error",
    "body",
    "crc",
    "end",
];

/// The child context of field `name`.
fn child_ctx(name: &str) -> Ctx {
    match name {
        "server_id" => Ctx::ServerId,
        "val_list" => Ctx::ValList,
        "act_sensor_time" | "act_gateway_time" | "ref_time" | "val_time" | "act_time"
        | "begin_time" | "end_time" => Ctx::Time,
        _ => Ctx::Generic,
    }
}

/// How deep lists may nest before the walk stops: more than any frame the decoder accepts
/// needs (a message, its body and element, then [`MAX_DEPTH`] levels of `SML_Tree`, two lists
/// each), and few enough that neither the stack nor the paths grow with hostile input.
pub(super) const MAX_NESTING: usize = 8 + 2 * MAX_DEPTH;

struct Walker<'a> {
    payload: &'a [u8],
    spans: Vec<Span>,
    frame: Option<&'a Frame>,
    /// List entries seen so far (the decoder's readings are in the same order).
    entry: usize,
    lang: Lang,
    /// Why parsing stopped, if it did.
    stopped: Option<String>,
    /// How many lists the field being read is inside.
    depth: usize,
}

/// A field read: where its value bytes are, its type, and (lists) how many elements.
struct Field {
    next: usize,
    ty: TlType,
    value: core::ops::Range<usize>,
    elements: usize,
}

impl Walker<'_> {
    fn file(&mut self) {
        let mut at = 0;
        let mut i = 0;
        while at < self.payload.len() {
            if self.payload[at..].iter().all(|&b| b == 0) {
                self.spans.push(leaf(
                    at,
                    self.payload.len(),
                    "trailing_zeros",
                    "bytes".into(),
                    Some("zero bytes after the last message".into()),
                ));
                return;
            }
            match self.node(at, &format!("message[{i}]"), Ctx::Message) {
                Some(next) => at = next,
                None => return,
            }
            i += 1;
        }
    }

    /// Reads a TL field at `at` and records its TL span; `None` (and `stopped`) on an error.
    fn tl_at(&mut self, at: usize, path: &str) -> Option<Field> {
        let input = &self.payload[at..];
        let t = match tl(input) {
            Ok((_, t)) => t,
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                let e = e.into_parse_error(input.len());
                self.stopped = Some(format!("parsing stopped here: {} ({path})", e.kind));
                return None;
            }
            Err(nom::Err::Incomplete(_)) => {
                self.stopped = Some(format!(
                    "parsing stopped here: the frame ends inside {path}"
                ));
                return None;
            }
        };
        let size = t.size as usize;
        let (kind, value, elements) = match t.ty {
            TlType::EndOfMessage => ("end of message".into(), at + 1..at + 1, 0),
            TlType::List => (
                format!("TL: list of {}", t.len),
                at + size..at + size,
                t.len as usize,
            ),
            ty => {
                let len = t.len as usize;
                if len < size || at + len > self.payload.len() {
                    self.stopped = Some(format!(
                        "parsing stopped here: {path} says {len} bytes, {} are left",
                        self.payload.len() - at
                    ));
                    return None;
                }
                let unit = if len == 1 { "byte" } else { "bytes" };
                (
                    format!("TL: {}, {len} {unit}", type_name(ty, len - size)),
                    at + size..at + len,
                    0,
                )
            }
        };
        let meaning = (t.ty == TlType::OctetString && t.len == 1)
            .then(|| "absent (optional field)".to_string());
        self.spans.push(leaf(at, at + size, path, kind, meaning));
        Some(Field {
            next: if t.ty == TlType::List {
                at + size
            } else {
                value.end.max(at + size)
            },
            ty: t.ty,
            value,
            elements,
        })
    }

    /// One field and everything in it; the offset after it.
    fn node(&mut self, at: usize, path: &str, ctx: Ctx) -> Option<usize> {
        let f = self.tl_at(at, path)?;
        match f.ty {
            TlType::List if self.depth == MAX_NESTING => {
                self.stopped = Some(format!(
                    "parsing stopped here: lists nested more than {MAX_NESTING} deep ({path})"
                ));
                None
            }
            TlType::List => {
                self.depth += 1;
                let next = self.list(f, path, ctx, at);
                self.depth -= 1;
                next
            }
            TlType::EndOfMessage => Some(f.next),
            ty => {
                if !f.value.is_empty() {
                    let bytes = &self.payload[f.value.clone()];
                    let mut s = leaf(
                        f.value.start,
                        f.value.end,
                        path,
                        type_name(ty, f.value.len()),
                        self.meaning(ctx, ty, bytes),
                    );
                    if let Ctx::MessageCrc(start) = ctx {
                        let verdict = message_crc(&self.payload[start..at], bytes);
                        s.meaning = Some(if verdict.ok {
                            "the message's checksum matches".into()
                        } else {
                            "the message's checksum does not match".into()
                        });
                        s.verdict = Some(verdict);
                    }
                    self.spans.push(s);
                }
                Some(f.next)
            }
        }
    }

    fn list(&mut self, f: Field, path: &str, ctx: Ctx, start: usize) -> Option<usize> {
        let mut at = f.next;
        let n = f.elements;
        match ctx {
            Ctx::Message => {
                self.set_meaning("SML message");
                for name in MESSAGE.iter().take(n) {
                    let c = match *name {
                        "body" => Ctx::Body,
                        "crc" => Ctx::MessageCrc(start),
                        _ => Ctx::Generic,
                    };
                    at = self.node(at, &format!("{path}.{name}"), c)?;
                }
                for i in MESSAGE.len()..n {
                    at = self.node(at, &format!("{path}.field[{i}]"), Ctx::Generic)?;
                }
            }
            Ctx::Body => {
                self.set_meaning("message body: its tag, then the element the tag names");
                // The tag, then the element it names.
                let tag_at = at;
                at = self.node(at, &format!("{path}.tag"), Ctx::Generic)?;
                let tag = self
                    .payload
                    .get(tag_at..at)
                    .and_then(|b| b.get(1..))
                    .map_or(0, |v| v.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)));
                let (name, _) = body(tag);
                if let Some(tag_span) = self
                    .spans
                    .iter_mut()
                    .rev()
                    .find(|s| s.path == format!("{path}.tag") && !s.kind.starts_with("TL"))
                {
                    tag_span.meaning = Some(format!("{tag:#06x}: {name}"));
                }
                for i in 1..n {
                    let c = if i == 1 {
                        Ctx::Element(tag)
                    } else {
                        Ctx::Generic
                    };
                    let p = if i == 1 {
                        path.to_string()
                    } else {
                        format!("{path}.field[{i}]")
                    };
                    at = self.node(at, &p, c)?;
                }
            }
            Ctx::Element(tag) => {
                let (name, fields) = body(tag);
                self.set_meaning(name);
                for i in 0..n {
                    let field = fields.get(i).copied();
                    let p = field
                        .map_or_else(|| format!("{path}.field[{i}]"), |f| format!("{path}.{f}"));
                    at = self.node(at, &p, field.map_or(Ctx::Generic, child_ctx))?;
                }
            }
            Ctx::ValList => {
                self.set_meaning(&format!("{n} list entries"));
                for i in 0..n {
                    at = self.node(at, &format!("{path}[{i}]"), Ctx::Entry)?;
                }
            }
            Ctx::Entry => {
                self.set_meaning("list entry");
                for i in 0..n {
                    let name = ENTRY.get(i).copied();
                    let c = match name {
                        Some("obj_name") => Ctx::ObjName,
                        Some("status") => Ctx::Status,
                        Some("val_time") => Ctx::Time,
                        Some("unit") => Ctx::Unit,
                        Some("scaler") => Ctx::Scaler,
                        Some("value") => Ctx::Value,
                        _ => Ctx::Generic,
                    };
                    let p = name
                        .map_or_else(|| format!("{path}.field[{i}]"), |f| format!("{path}.{f}"));
                    at = self.node(at, &p, c)?;
                }
                self.entry += 1;
            }
            Ctx::Time => {
                self.set_meaning("SML_Time: tag and value");
                for (i, name) in ["tag", "value"].iter().enumerate().take(n) {
                    at = self.node(
                        at,
                        &format!("{path}.{name}"),
                        if i == 1 { Ctx::Time } else { Ctx::Generic },
                    )?;
                }
                let value_of = |spans: &[Span], name: &str| {
                    spans
                        .iter()
                        .rev()
                        .find(|s| s.path == format!("{path}.{name}") && !s.kind.starts_with("TL"))
                        .map(|s| (s.start, s.end))
                };
                if let (Some(tag), Some(value)) =
                    (value_of(&self.spans, "tag"), value_of(&self.spans, "value"))
                {
                    let tag = self.payload[tag.0..tag.1]
                        .iter()
                        .fold(0u64, |a, &b| (a << 8) | u64::from(b));
                    if let Some(t) = time_of(tag, &self.payload[value.0..value.1]) {
                        if let Some(s) = self.spans.iter_mut().rev().find(|s| s.start == value.0) {
                            s.meaning = Some(t);
                        }
                    }
                }
                for i in 2..n {
                    at = self.node(at, &format!("{path}.field[{i}]"), Ctx::Generic)?;
                }
            }
            _ => {
                for i in 0..n {
                    at = self.node(at, &format!("{path}[{i}]"), Ctx::Generic)?;
                }
            }
        }
        Some(at)
    }

    /// Sets the meaning of the list TL span just read (the last TL span pushed at its path).
    fn set_meaning(&mut self, meaning: &str) {
        if let Some(s) = self
            .spans
            .iter_mut()
            .rev()
            .find(|s| s.kind.starts_with("TL: list"))
        {
            if s.meaning.is_none() {
                s.meaning = Some(meaning.into());
            }
        }
    }

    fn meaning(&self, ctx: Ctx, ty: TlType, bytes: &[u8]) -> Option<String> {
        // SML's numbers have at most 8 bytes; a longer field is shown as its bytes.
        let number = || -> Option<i128> {
            if bytes.len() > 8 {
                return None;
            }
            let mut v: i128 = 0;
            for &b in bytes {
                v = (v << 8) | i128::from(b);
            }
            if ty == TlType::Integer && bytes.first().is_some_and(|&b| b & 0x80 != 0) {
                v -= 1i128 << (8 * bytes.len());
            }
            Some(v)
        };
        let too_long = || {
            format!(
                "{}: longer than the 8 bytes of an SML number",
                hex::encode(bytes)
            )
        };
        match ctx {
            Ctx::ObjName if bytes.len() == 6 => {
                let o = Obis([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]]);
                Some(match o.name() {
                    Some(n) => format!("{o}: {}", n.get(self.lang)),
                    None => o.to_string(),
                })
            }
            Ctx::ServerId => Some(match MeterId::parse(bytes) {
                Some(id) => format!("meter ID {id} (server ID {})", hex::encode(bytes)),
                None => format!("server ID {}", hex::encode(bytes)),
            }),
            Ctx::Status => Some(number().map_or_else(too_long, |v| format!("status word {v:#x}"))),
            Ctx::Unit => bytes.first().map(|&c| match Unit::from_code(c).symbol() {
                Some(s) => format!("unit {c}: {s}"),
                None => format!("unit {c}"),
            }),
            Ctx::Scaler => Some(number().map_or_else(too_long, |v| format!("scaler 10^{v}"))),
            Ctx::Value => {
                let reading = self.frame.and_then(|f| f.readings.get(self.entry));
                match reading.map(|r| (&r.value, r.unit)) {
                    Some((ReadingValue::Number { value, .. }, unit)) => {
                        Some(match unit.and_then(Unit::symbol) {
                            Some(u) => format!("{value} {u}"),
                            None => value.to_string(),
                        })
                    }
                    Some((ReadingValue::Bytes { value }, _)) => Some(text_or_hex(value)),
                    Some((ReadingValue::Bool { value }, _)) => Some(value.to_string()),
                    Some((ReadingValue::Time { value }, _)) => Some(format!("{value:?}")),
                    Some((ReadingValue::Absent, _)) | None => None,
                }
                .or_else(|| (ty == TlType::OctetString).then(|| text_or_hex(bytes)))
            }
            _ if ty == TlType::OctetString => Some(text_or_hex(bytes)),
            _ if matches!(ty, TlType::Unsigned | TlType::Integer) => {
                Some(number().map_or_else(too_long, |v| v.to_string()))
            }
            _ if ty == TlType::Boolean => {
                Some((bytes.first().copied().unwrap_or(0) != 0).to_string())
            }
            _ => None,
        }
    }
}

/// The type of a field with `len` value bytes: `Unsigned32`, `Integer8`, `OctetString`.
fn type_name(ty: TlType, len: usize) -> String {
    match ty {
        TlType::OctetString => "OctetString".into(),
        TlType::Boolean => "Boolean".into(),
        TlType::Integer => format!("Integer{}", 8 * len),
        TlType::Unsigned => format!("Unsigned{}", 8 * len),
        TlType::List => "List".into(),
        TlType::EndOfMessage => "end of message".into(),
    }
}

/// Text in quotes when every byte is printable ASCII, else hex.
fn text_or_hex(bytes: &[u8]) -> String {
    if !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        format!(
            "\"{}\" ({})",
            String::from_utf8_lossy(bytes),
            hex::encode(bytes)
        )
    } else {
        hex::encode(bytes)
    }
}

/// The time an SML_Time's value bytes hold, given its tag (1: seconds index, 2: Unix time).
fn time_of(tag: u64, value: &[u8]) -> Option<String> {
    let v = value.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
    match tag {
        1 => Some(format!("seconds index {v}")),
        2 => Some(match crate::calendar::Civil::from_unix_utc(v as i64) {
            Some(c) => format!("Unix time {v} ({c} UTC)"),
            None => format!("Unix time {v}"),
        }),
        _ => None,
    }
}

/// The verdict on a message CRC: its value bytes against X-25 and KERMIT of the message
/// through its body (`covered`).
fn message_crc(covered: &[u8], read: &[u8]) -> Verdict {
    let x25 = X25.checksum(covered);
    let kermit = KERMIT.checksum(covered);
    // The decoder's rule: an Unsigned16, or an Unsigned8 where the leading zero is dropped.
    let value = read.iter().fold(0u16, |a, &b| (a << 8) | u16::from(b));
    let ok = matches!(read.len(), 1 | 2) && message_crc_kind(value, x25, covered).is_some();
    Verdict {
        check: "message_crc",
        ok,
        read: hex::encode(read),
        computed: hex::encode(&x25.to_le_bytes()),
        computed_kermit: Some(hex::encode(&kermit.to_be_bytes())),
    }
}
