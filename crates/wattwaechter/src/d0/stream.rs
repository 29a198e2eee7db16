//! D0 from a byte stream (an optical head at 300 or 9600 baud): each telegram, request and
//! acknowledgement handed out as soon as it is certain, whatever pieces the bytes come in.
//!
//! The stream keeps the bytes from the start of what is not certain yet and scans them again
//! as bytes arrive, with the whole-capture scanner: a telegram is certain once it has ended
//! and two bytes follow it (the line end after `!` is read greedily), a request or an
//! acknowledgement once 64 bytes follow it (the scanner's longest look ahead), and everything
//! once the stream has ended. So the items are exactly those [`parse`](super::parse) finds in
//! the whole capture, for every way it is cut into chunks, with offsets counted from the
//! stream's first byte. Memory is the telegram being received (at most 64 KiB; a longer one
//! ends as malformed, in [`parse`](super::parse) too), never the stream's length.
//!
//! ```
//! use wattwaechter::d0::stream::D0Stream;
//! let capture = b"/ISk5MT174-0001\r\n\r\n1.8.0(001234.5*kWh)\r\n!\r\n".repeat(3);
//! let mut stream = D0Stream::new();
//! let mut telegrams = Vec::new();
//! for chunk in capture.chunks(5) {
//!     telegrams.extend(stream.push(chunk).telegrams);
//! }
//! telegrams.extend(stream.finish().telegrams);
//! assert_eq!(telegrams.len(), 3);
//! assert_eq!(telegrams[2].range.start, 2 * capture.len() / 3);
//! ```

use super::scan::{
    has_parity_bits, head_is_known, next_item_start, scan_pending, LOOKAHEAD, PARITY_SAMPLE,
};
use super::{Control, D0Capture, TelegramStatus};
use alloc::vec::Vec;

/// The most a stream holds between chunks: a telegram of the longest length read and the
/// look ahead after it.
pub const MAX_PENDING: usize = super::scan::MAX_TELEGRAM + 2 * LOOKAHEAD + PARITY_SAMPLE;

const ETX: u8 = 0x03;
const ACK: u8 = 0x06;

/// Decodes D0 telegrams from a stream of bytes, pushed in chunks of any size.
#[derive(Debug, Clone, Default)]
pub struct D0Stream {
    /// The first bytes, until they decide whether the stream has parity bits set.
    sample: Vec<u8>,
    /// Whether the bytes had their 7E1 parity bit set (decided from the first 256 bytes).
    parity: Option<bool>,
    /// The bytes not certain yet (parity removed), from the stream offset `base` on.
    text: Vec<u8>,
    base: usize,
    /// Past the stream's first identification line.
    resumed: bool,
    /// The pending text's length at which a scan may find something certain.
    wanted: usize,
}

impl D0Stream {
    /// A stream decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `chunk`; returns the telegrams, requests and acknowledgements it made certain, in
    /// stream order (empty lists when none).
    pub fn push(&mut self, chunk: &[u8]) -> D0Capture {
        let Some(parity) = self.parity else {
            self.sample.extend_from_slice(chunk);
            if self.sample.len() < PARITY_SAMPLE {
                return self.nothing();
            }
            self.decide_parity();
            return self.scan(false);
        };
        let start = self.text.len();
        self.text
            .extend(chunk.iter().map(|&b| if parity { b & 0x7f } else { b }));
        if self.telling(start) || self.text.len() >= self.wanted {
            self.scan(false)
        } else {
            self.nothing()
        }
    }

    /// Ends the stream: everything still pending, as the end of a capture leaves it.
    pub fn finish(&mut self) -> D0Capture {
        if self.parity.is_none() {
            self.decide_parity();
        }
        let out = self.scan(true);
        self.base += self.text.len();
        self.text.clear();
        out
    }

    /// How many bytes the stream holds because they are not certain yet: the telegram being
    /// received and the look ahead after it (at most [`MAX_PENDING`] plus the last chunk).
    pub fn pending(&self) -> usize {
        self.text.len() + self.sample.len()
    }

    /// How many bytes the stream has consumed.
    pub fn position(&self) -> usize {
        self.base + self.text.len() + self.sample.len()
    }

    /// Whether the stream's bytes have their 7E1 parity bit set (read as 8N1), once its first
    /// 256 bytes have told.
    pub fn parity_stripped(&self) -> Option<bool> {
        self.parity
    }

    /// Whether the bytes from `start` on can make something certain: the end of a telegram
    /// (`!`, ETX), an acknowledgement, or a `/` (and the end of the line it began: an
    /// identification line is complete only then) behind a pending telegram, which it cuts
    /// off. Data lines cost no scan, nor does the start of a telegram with nothing before it.
    fn telling(&self, start: usize) -> bool {
        let new = &self.text[start..];
        if new.iter().any(|&b| matches!(b, b'!' | ETX | ACK)) {
            return true;
        }
        let behind_pending = |at: usize| at > 0 && self.text[at] == b'/';
        if (start..self.text.len()).any(behind_pending) {
            return true;
        }
        let line_end = new.iter().any(|&b| matches!(b, b'\n' | b'\r'));
        line_end && (start.saturating_sub(LOOKAHEAD)..start).any(behind_pending)
    }

    fn decide_parity(&mut self) {
        let sample = &self.sample[..self.sample.len().min(PARITY_SAMPLE)];
        let parity = has_parity_bits(sample);
        self.parity = Some(parity);
        let sample = core::mem::take(&mut self.sample);
        self.text
            .extend(sample.iter().map(|&b| if parity { b & 0x7f } else { b }));
    }

    fn nothing(&self) -> D0Capture {
        D0Capture {
            parity_stripped: self.parity.unwrap_or(false),
            ..D0Capture::default()
        }
    }

    /// Scans the pending text; hands out what is certain (everything at the end) and forgets
    /// the bytes before what is not.
    fn scan(&mut self, at_end: bool) -> D0Capture {
        let mut out = self.nothing();
        if !self.resumed && !at_end && !head_is_known(&self.text) {
            // Before the first identification line the scanner cannot tell where a telegram
            // whose start was cut ends.
            self.wanted = self.text.len() + 1;
            return out;
        }
        let found = scan_pending(&self.text, self.resumed);
        let len = self.text.len();
        // A telegram is certain once it has ended (not cut by the end of the bytes so far) and
        // its end cannot move: what follows `!` is read greedily — a DSMR CRC (four hex
        // digits) and a line end — so an end right after `!` waits for six more bytes, one
        // after the CRC or `\r` for two; a request or an acknowledgement once the scanner's
        // whole look ahead follows it.
        let text = &self.text;
        let telegram_certain = |t: &super::Telegram| {
            let end = t.range.end;
            at_end || (t.status != TelegramStatus::TruncatedEnd && end + still_open(text, t) <= len)
        };
        let control_certain = |end: usize| at_end || end + LOOKAHEAD <= len;
        let pending = found
            .telegrams
            .iter()
            .find(|t| !telegram_certain(t))
            .map(|t| (t.range.clone(), t.status, still_open(text, t)));
        let limit = pending.as_ref().map_or(len, |(range, _, _)| range.start);
        self.wanted = match &pending {
            // Waiting for the block check character: any byte may be it.
            Some((range, _, _)) if range.end > 0 && self.text[range.end - 1] == ETX => len + 1,
            Some((range, status, open)) if *status != TelegramStatus::TruncatedEnd => {
                range.end + *open
            }
            _ => usize::MAX,
        };
        let mut consumed = 0;
        for mut t in found.telegrams {
            if t.range.start >= limit || !telegram_certain(&t) {
                break;
            }
            consumed = consumed.max(t.range.end);
            t.range = t.range.start + self.base..t.range.end + self.base;
            for d in &mut t.data {
                d.offset += self.base;
            }
            t.error = t.error.map(|e| e.shifted(self.base));
            out.telegrams.push(t);
        }
        // A control message inside or before a telegram handed out is as certain as it.
        let telegrams_end = consumed;
        for mut c in found.control {
            let range = match &mut c {
                Control::Request { range, .. } | Control::Ack { range, .. } => range,
            };
            if range.end > limit {
                // Inside the telegram still pending: certain with it, not before.
                break;
            }
            if range.end > telegrams_end && !control_certain(range.end) {
                self.wanted = self.wanted.min(range.end + LOOKAHEAD);
                break;
            }
            consumed = consumed.max(range.end);
            *range = range.start + self.base..range.end + self.base;
            out.control.push(c);
        }
        if at_end {
            return out;
        }
        // Forget what is certain, and (past the head, with nothing pending) the bytes any scan
        // skips.
        let mut drop = consumed.min(limit);
        if pending.is_none() && (self.resumed || consumed > 0) {
            drop += next_item_start(&self.text[drop..]);
        }
        if drop > 0 {
            self.text.drain(..drop);
            self.base += drop;
            self.resumed = true;
            self.wanted = self.wanted.saturating_sub(drop);
        }
        out
    }
}

/// How many bytes must follow the telegram `t` in `text` before its end cannot move: six
/// after a bare `!` (a DSMR CRC and a line end may follow), two after a DSMR CRC or `\r`
/// (a line end may follow), none otherwise.
fn still_open(text: &[u8], t: &super::Telegram) -> usize {
    let end = t.range.end;
    match end.checked_sub(1).map(|i| text[i]) {
        Some(b'!') => 6,
        Some(b'\r') => 2,
        // Four hex digits right after `!` (read as a DSMR CRC whatever the telegram's framing).
        Some(_)
            if end >= 5
                && text[end - 5] == b'!'
                && text[end - 4..end].iter().all(u8::is_ascii_hexdigit) =>
        {
            2
        }
        _ => 0,
    }
}
