//! Every byte of a frame explained: which field it belongs to, its wire type, what it means,
//! and where there is something to check, the verdict.
//!
//! [`explain`] cuts each SML frame and each D0 telegram of a capture into leaf spans that
//! cover its bytes exactly once, in order: for SML the start and end sequences, escapes,
//! padding and the transport CRC, and for every message field its TL byte(s) and its value
//! bytes, with a path that names the field (`message[2].body.val_list[3].value`), the wire type
//! (`TL: Unsigned32, 5 bytes`, `Unsigned32`, `TL: list of 7`) and the meaning (an OBIS code
//! with its name, the value with scaler and unit as the decoder reports it, a time, a status
//! word, the meter ID). Message and transport CRCs carry a [`Verdict`] with the value read and
//! the values computed (X-25 and KERMIT). A damaged frame is explained as far as it parses;
//! the span where parsing stopped says why. For D0: the identification, each line's address
//! and values, STX, `!`, ETX, the BCC and the DSMR CRC with their verdicts.

mod d0;
mod sml;

use crate::dump::{detect, Protocol};
use crate::status::Status;
use crate::text::Lang;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// One leaf span: bytes of one field (or of the framing) and what they are.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Span {
    /// First byte, absolute in the input.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The field (`message[2].body.val_list[3].value`, `transport.crc`, `data[4].address`).
    pub path: String,
    /// The wire type (`TL: Unsigned32, 5 bytes`, `OctetString`, `TL: list of 7`, `start
    /// sequence`).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: String,
    /// What it means, where it means something.
    pub meaning: Option<String>,
    /// The check, where there is one.
    pub verdict: Option<Verdict>,
}

/// A checksum: read and computed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Verdict {
    /// Which check (`transport_crc`, `message_crc`, `bcc`, `dsmr_crc`).
    pub check: &'static str,
    /// It matches (either variant, for SML).
    pub ok: bool,
    /// The value read, hex in wire order.
    pub read: String,
    /// The value computed (X-25 for SML), hex in wire order.
    pub computed: String,
    /// The CRC-16/KERMIT value of the same bytes (SML only), hex in the order KERMIT meters
    /// send it.
    pub computed_kermit: Option<String>,
}

/// One frame or telegram, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Explained {
    /// Its place among the frames of the capture (from 0).
    pub index: usize,
    /// Its first byte.
    pub offset: usize,
    /// Its length.
    pub length: usize,
    /// How it ended.
    pub status: Status,
    /// The spans, in order, covering `[offset, offset + length)` exactly once.
    pub spans: Vec<Span>,
}

/// Every frame (SML) or telegram (D0) of `bytes`, explained, the meanings in `lang`.
pub fn explain(bytes: &[u8], lang: Lang) -> Vec<Explained> {
    explain_each(bytes, lang).collect()
}

/// [`explain`] one frame at a time: each frame is explained when it is taken, so that a
/// large capture can be written out without holding every span of it (a 64 MiB capture has
/// tens of millions).
pub fn explain_each(bytes: &[u8], lang: Lang) -> Box<dyn Iterator<Item = Explained> + '_> {
    match detect(bytes) {
        Protocol::Sml => Box::new(sml::frames(bytes, lang)),
        Protocol::D0 => Box::new(d0::telegrams(bytes)),
        Protocol::Empty | Protocol::Unknown => Box::new(core::iter::empty()),
    }
}

/// Frame (SML) or telegram (D0) number `n` of `bytes` (from 0), explained; `None` when there
/// are not that many. Only that frame is explained.
pub fn explain_nth(bytes: &[u8], n: usize, lang: Lang) -> Option<Explained> {
    match detect(bytes) {
        Protocol::Sml => sml::frame_nth(bytes, n, lang),
        Protocol::D0 => d0::telegram_nth(bytes, n),
        Protocol::Empty | Protocol::Unknown => None,
    }
}

/// The frame or telegram that holds byte `offset` of `bytes`, explained (`None` when no frame
/// does): what a viewer needs when a byte is clicked, without explaining the whole capture.
pub fn explain_at(bytes: &[u8], offset: usize, lang: Lang) -> Option<Explained> {
    match detect(bytes) {
        Protocol::Sml => sml::frame_at(bytes, offset, lang),
        Protocol::D0 => d0::telegram_at(bytes, offset),
        Protocol::Empty | Protocol::Unknown => None,
    }
}

/// Sorts `spans` and fills what they leave of `range` with spans of `filler` (path, kind,
/// meaning), so that the range is covered exactly once. Overlapping spans (which the
/// explainers do not make) are cut back to the first.
fn cover(
    range: core::ops::Range<usize>,
    mut spans: Vec<Span>,
    filler: (&str, &str, Option<String>),
) -> Vec<Span> {
    spans.retain(|s| s.start < s.end && s.start >= range.start && s.end <= range.end);
    spans.sort_by_key(|s| s.start);
    let mut out = Vec::with_capacity(spans.len() + 2);
    let mut at = range.start;
    for mut s in spans {
        if s.end <= at {
            continue;
        }
        if s.start > at {
            out.push(gap(at, s.start, &filler));
        }
        s.start = s.start.max(at);
        at = s.end;
        out.push(s);
    }
    if at < range.end {
        out.push(gap(at, range.end, &filler));
    }
    out
}

fn gap(start: usize, end: usize, filler: &(&str, &str, Option<String>)) -> Span {
    Span {
        start,
        end,
        path: filler.0.into(),
        kind: filler.1.into(),
        meaning: filler.2.clone(),
        verdict: None,
    }
}

#[cfg(test)]
mod tests;
