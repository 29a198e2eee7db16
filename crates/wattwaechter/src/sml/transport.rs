//! SML transport protocol v1: framing, escaping, padding and the frame CRC.
//!
//! A frame on the wire is
//!
//! ```text
//! 1b1b1b1b 01010101 · payload (every 4-byte-aligned 1b1b1b1b block sent twice)
//!                   · 0–3 bytes 00 padding to a 4-byte boundary
//!                   · 1b1b1b1b 1a NN C1 C2
//! ```
//!
//! where `NN` is the number of padding bytes and `C1 C2` the CRC-16/X-25 of everything from
//! the first `1b` through `NN`, low byte first. [`Decoder`] is a byte-at-a-time state machine
//! (no allocation needed with [`ArrayBuf`](super::buffer::ArrayBuf)); [`decode_frames`] runs
//! it over a whole slice and returns every frame with its byte range and status.
//!
//! What it survives, and how it reports it:
//! * garbage before and between frames: skipped; the slice API reports it as gaps;
//! * the tail of a frame whose start is missing (a window that starts mid-frame):
//!   [`FrameStatus::TruncatedStart`];
//! * a new start sequence inside a frame: the first is [`FrameStatus::Aborted`];
//! * dropped bytes, so the end sequence is not 4-byte aligned: the frame is closed at the
//!   misaligned end and its CRC checked (it fails unless only padding was lost), with
//!   [`TransportFrame::misaligned_end`] set;
//! * bytes lost at the end of a frame that the next frame follows at once: the damaged end
//!   sequence takes the first `1b` of the next start sequence as its CRC or padding count.
//!   A failed frame whose end sequence ends in `1b` is therefore held back until the next
//!   bytes show whether a start sequence begins inside it (at most 7 bytes); if one does, the
//!   failed frame ends where it begins, as [`FrameStatus::Aborted`] (its end sequence is
//!   incomplete), and the next frame is read whole;
//! * a window that ends mid-frame: [`FrameStatus::TruncatedEnd`] from [`Decoder::finish`];
//! * CRC-16/KERMIT instead of X-25: accepted, reported in [`TransportFrame::crc`].
//!
//! Limitation, inherent to the protocol: a payload that contains the bytes `1b1b1b1b 1a` or
//! `1b1b1b1b 01010101` at a position that is *not* 4-byte aligned (senders only escape
//! aligned blocks) is read as a misaligned end or restart.

use super::buffer::{FrameBuffer, VecBuf};
use crate::crc::{self, CrcKind};
use crate::text::{at_byte, Arg, Lang, Message};
use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::ops::Range;

/// The escape sequence that starts every control sequence.
pub const ESCAPE: [u8; 4] = [0x1b; 4];
/// The start sequence `1b1b1b1b 01010101`.
pub const START: [u8; 8] = [0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01];
/// Default upper bound for one frame's unescaped payload in the allocating APIs (64 KiB; real
/// meter frames are below 2 KiB, profile packs of gateways below 16 KiB).
pub const DEFAULT_MAX_PAYLOAD: usize = 64 * 1024;

const START_WORD: u64 = u64::from_be_bytes(START);
const END_WORD_MASK: u64 = 0xff_ffff_ffff;
const END_WORD: u64 = 0x1b_1b1b_1b1a;
const ESCAPE_WORD: u64 = 0x1b1b_1b1b;

/// How a frame ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrameStatus {
    /// Complete, and the CRC matches (X-25 or KERMIT, see [`TransportFrame::crc`]).
    Ok,
    /// Complete, but the CRC does not match.
    CrcMismatch {
        /// The CRC as read from the wire.
        read: u16,
        /// The CRC-16/X-25 computed over the received bytes.
        computed: u16,
    },
    /// The end sequence of a frame whose start was not seen (the window began mid-frame, or
    /// the start sequence was damaged). The payload is not available.
    TruncatedStart,
    /// The input ended before the frame did.
    TruncatedEnd,
    /// A new start sequence arrived before the frame ended.
    Aborted,
    /// The frame broke the transport rules.
    Malformed(TransportError),
}

impl FrameStatus {
    /// The stable lower-case name used in reports and JSON.
    pub const fn as_str(&self) -> &'static str {
        match self {
            FrameStatus::Ok => "ok",
            FrameStatus::CrcMismatch { .. } => "crc_mismatch",
            FrameStatus::TruncatedStart => "truncated_start",
            FrameStatus::TruncatedEnd => "truncated_end",
            FrameStatus::Aborted => "aborted",
            FrameStatus::Malformed(_) => "malformed",
        }
    }
}

/// Transport rule violations, each with the absolute byte offset where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportError {
    /// An aligned escape `1b1b1b1b` followed by four bytes that are neither an escaped
    /// escape, a start, nor an end sequence.
    InvalidEscape {
        /// The four bytes after the escape.
        found: [u8; 4],
        /// Offset of the escape.
        offset: u64,
    },
    /// The end sequence announced more than 4 padding bytes, or more than the payload holds.
    InvalidPadding {
        /// The announced count.
        count: u8,
        /// Offset of the count byte.
        offset: u64,
    },
    /// The payload exceeded the decoder's buffer.
    TooLong {
        /// The buffer limit in bytes.
        limit: usize,
        /// Offset of the first byte that did not fit.
        offset: u64,
    },
}

impl TransportError {
    /// The absolute byte offset of the problem.
    pub const fn offset(&self) -> u64 {
        match *self {
            TransportError::InvalidEscape { offset, .. }
            | TransportError::InvalidPadding { offset, .. }
            | TransportError::TooLong { offset, .. } => offset,
        }
    }
}

impl TransportError {
    /// What happened, without where, as a catalogue message (see [`crate::text`]).
    pub fn message(&self) -> Message {
        match *self {
            TransportError::InvalidEscape { found, .. } => Message::new("sml.invalid_escape")
                .with("found", Arg::Hex(u64::from(u32::from_be_bytes(found)), 8)),
            TransportError::InvalidPadding { count, .. } => {
                Message::new("sml.invalid_padding").with("count", Arg::Offset(count.into()))
            }
            TransportError::TooLong { limit, .. } => {
                Message::new("sml.frame_too_long").with("limit", Arg::Offset(limit as u64))
            }
        }
    }
}

impl core::fmt::Display for TransportError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&at_byte(&self.message(), self.offset() as usize, Lang::En))
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TransportError {}

/// One frame as the decoder saw it. `payload` borrows the decoder's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportFrame<'a> {
    /// Absolute offset of the frame's first byte (its start sequence; for
    /// [`FrameStatus::TruncatedStart`], the first byte after the previous frame or gap).
    pub start: u64,
    /// Absolute offset one past the frame's last byte.
    pub end: u64,
    /// The unescaped payload without padding (as far as received for incomplete frames;
    /// empty for [`FrameStatus::TruncatedStart`]).
    pub payload: &'a [u8],
    /// How the frame ended.
    pub status: FrameStatus,
    /// The CRC variant that matched, for [`FrameStatus::Ok`].
    pub crc: Option<CrcKind>,
    /// The end sequence was not 4-byte aligned (bytes were lost or inserted).
    pub misaligned_end: bool,
    /// Number of escaped `1b1b1b1b` blocks in the payload.
    pub escapes: u32,
    /// The padding bytes were not all zero.
    pub nonzero_padding: bool,
    /// The padding count from the end sequence (0–3; 4 is tolerated).
    pub padding: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Looking for a start sequence; `since` is where the current gap began.
    Hunt { since: u64 },
    /// Collecting payload bytes.
    Payload,
    /// After an aligned escape block: collecting the 4 bytes that say what it means.
    Escape { got: u8, bytes: [u8; 4], at: u64 },
    /// After a misaligned `1b1b1b1b 1a`: collecting NN C1 C2.
    MisalignedTrailer { got: u8, bytes: [u8; 3] },
    /// After an end sequence seen while hunting: collecting NN C1 C2, then reporting the
    /// bytes since `since` as a truncated start.
    OrphanTrailer { got: u8, since: u64 },
    /// A failed frame whose end sequence ends in `1b` is held back (in `Decoder::held`) until
    /// it is clear whether those bytes begin the next start sequence (see
    /// [`Decoder::held_byte`]).
    Held,
}

/// Where an end sequence stood: on a 4-byte block boundary of the escaped payload, as the
/// specification demands, or not (see [`TransportFrame::misaligned_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alignment {
    Aligned,
    Misaligned,
}

/// How a frame ended, as [`Decoder::set_ready`] records it.
#[derive(Debug, Clone, Copy)]
struct Ending {
    status: FrameStatus,
    /// One past its last byte.
    end: u64,
    /// The CRC that matched (intact frames only).
    crc: Option<CrcKind>,
    alignment: Alignment,
    /// The padding bytes were not zero.
    nonzero_padding: bool,
    /// A new frame starts here (a restart cut this one off).
    then_start_at: Option<u64>,
}

impl Ending {
    /// A frame that ended at `end` with `status`, aligned, with no CRC and no restart.
    fn at(status: FrameStatus, end: u64) -> Self {
        Ending {
            status,
            end,
            crc: None,
            alignment: Alignment::Aligned,
            nonzero_padding: false,
            then_start_at: None,
        }
    }

    /// A frame cut off by a start sequence at `restart`, where the next frame begins.
    fn restart_at(restart: u64) -> Self {
        Ending {
            then_start_at: Some(restart),
            ..Ending::at(FrameStatus::Aborted, restart)
        }
    }
}

/// What the decoder holds ready for the caller after [`Decoder::push_byte`] returned a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ready {
    start: u64,
    end: u64,
    status: FrameStatus,
    crc: Option<CrcKind>,
    payload_len: usize,
    misaligned_end: bool,
    nonzero_padding: bool,
    padding: u8,
    escapes: u32,
    /// After the caller has seen the frame: start a new frame that began at this offset
    /// (restart inside a frame), instead of hunting.
    then_start_at: Option<u64>,
    /// The frame is complete, but its CRC was left to the caller (see [`UncheckedCrc`]).
    unchecked: Option<UncheckedCrc>,
}

/// The CRC of a complete frame that the transport left unchecked, because the decoder
/// checksums the frame's messages anyway and derives the frame's checksum from theirs
/// ([`UncheckedFrames`]). Only frames without escapes and with an aligned end are left
/// unchecked: their CRC covers exactly their raw bytes up to the padding count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UncheckedCrc {
    /// The two CRC bytes as read from the wire.
    pub(crate) wire: [u8; 2],
}

impl UncheckedCrc {
    /// What the CRC of a frame is, given the X-25 checksum of its covered bytes (`x25`) and a
    /// way to compute their KERMIT checksum (only needed when X-25 does not match).
    pub(crate) fn verdict(self, x25: u16, kermit: impl FnOnce() -> u16) -> Result<CrcKind, u16> {
        crc_verdict(self.wire, x25, kermit)
    }
}

/// Which variant `wire` (the two CRC bytes as sent) is, given the checksums of the covered
/// bytes; the X-25 checksum when neither matches.
fn crc_verdict(wire: [u8; 2], x25: u16, kermit: impl FnOnce() -> u16) -> Result<CrcKind, u16> {
    if u16::from_le_bytes(wire) == x25 {
        Ok(CrcKind::X25)
    } else if u16::from_be_bytes(wire) == kermit() {
        // KERMIT is sent high byte first by the meters that use it.
        Ok(CrcKind::Kermit)
    } else {
        Err(x25)
    }
}

/// The push decoder: feed bytes one at a time (or in chunks with [`Decoder::feed`]) and
/// receive frames.
///
/// ```
/// use wattwaechter::sml::transport::{Decoder, FrameStatus};
/// use wattwaechter::sml::buffer::ArrayBuf;
///
/// let wire = wattwaechter::sml::encode::frame(&[0x01, 0x02]);
/// let mut decoder = Decoder::new(ArrayBuf::<512>::new());
/// let mut seen = 0;
/// for &b in &wire {
///     if let Some(frame) = decoder.push_byte(b) {
///         assert_eq!(frame.status, FrameStatus::Ok);
///         assert_eq!(frame.payload, &[0x01, 0x02]);
///         seen += 1;
///     }
/// }
/// assert_eq!(seen, 1);
/// ```
#[derive(Debug, Clone)]
pub struct Decoder<B: FrameBuffer> {
    buf: B,
    state: State,
    /// Absolute offset of the next byte.
    pos: u64,
    /// The last 8 bytes seen, most recent in the low byte (reset at control sequences).
    window: u64,
    frame_start: u64,
    payload_len: usize,
    escapes: u32,
    ready: Option<Ready>,
    /// The failed frame of [`State::Held`].
    held: Option<Ready>,
    /// Check the CRC of every complete frame (`false` only inside [`UncheckedFrames`]).
    check_crc: bool,
}

impl<B: FrameBuffer> Decoder<B> {
    /// A decoder that stores payloads in `buf` (its capacity bounds the frame length).
    pub fn new(buf: B) -> Self {
        Decoder {
            buf,
            state: State::Hunt { since: 0 },
            pos: 0,
            window: 0,
            frame_start: 0,
            payload_len: 0,
            escapes: 0,
            ready: None,
            held: None,
            check_crc: true,
        }
    }

    /// Absolute offset of the next byte to be pushed (= bytes consumed so far).
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Forgets any partial frame and starts hunting again (the position keeps counting).
    pub fn reset(&mut self) {
        self.buf.clear();
        self.state = State::Hunt { since: self.pos };
        self.window = 0;
        self.ready = None;
        self.held = None;
    }

    /// Pushes one byte; returns a frame when one ended with this byte (a failed frame whose
    /// end sequence ends in `1b` up to 7 bytes later: see the module documentation; its
    /// [`TransportFrame::end`] is where it ended).
    pub fn push_byte(&mut self, byte: u8) -> Option<TransportFrame<'_>> {
        if self.step(byte) {
            Some(self.ready_frame())
        } else {
            None
        }
    }

    /// Pushes bytes until a frame ends; returns it together with the bytes not yet consumed.
    /// With no frame, everything was consumed.
    pub fn feed<'i>(&mut self, input: &'i [u8]) -> (Option<TransportFrame<'_>>, &'i [u8]) {
        let mut i = 0;
        while i < input.len() {
            let copied = self.bulk_payload(&input[i..]);
            if copied > 0 {
                i += copied;
                continue;
            }
            let b = input[i];
            i += 1;
            if self.step(b) {
                return (Some(self.ready_frame()), &input[i..]);
            }
        }
        (None, &[])
    }

    /// The fast path of [`feed`](Self::feed). Every control sequence (start, escape, end,
    /// restart) contains four `1b` in a row, and the state machine only acts when the last
    /// bytes it saw hold such a run; so inside a payload everything before the next run of four
    /// `1b` is appended in one copy, and between frames it is skipped. The window is updated
    /// as if the bytes had been stepped, so a run that starts in this slice and ends in the
    /// next is still seen. Returns how many bytes it consumed (0 when the byte-wise state
    /// machine must run: a frame is waiting to be taken, the state is neither `Hunt` nor
    /// `Payload`, a run of four `1b` is in the window or starts at the first byte, or the
    /// buffer is full, which the state machine then reports). Every byte is scanned once.
    fn bulk_payload(&mut self, input: &[u8]) -> usize {
        let hunting = matches!(self.state, State::Hunt { .. });
        if self.ready.is_some() || !(hunting || self.state == State::Payload) {
            return 0;
        }
        // Inside a frame, look no further than what still fits: the scan must not pass the
        // buffer's end (a frame of megabytes without an escape would otherwise be scanned to
        // its end once per byte that still fits — quadratic).
        let input = if hunting {
            input
        } else {
            &input[..input.len().min(self.buf.spare_capacity())]
        };
        let run = bulk_len(self.window, input);
        if run == 0 {
            return 0;
        }
        if !hunting {
            if !self.buf.extend_from_slice(&input[..run]) {
                return 0;
            }
            self.payload_len += run;
        }
        self.pos += run as u64;
        for &b in &input[run.saturating_sub(8)..run] {
            self.window = (self.window << 8) | u64::from(b);
        }
        run
    }

    /// Ends the input: a frame still being received is returned as
    /// [`FrameStatus::TruncatedEnd`]. The decoder then hunts for a new frame.
    pub fn finish(&mut self) -> Option<TransportFrame<'_>> {
        self.take_ready();
        if self.state == State::Held {
            self.release_held(None);
            self.state = State::Hunt { since: self.pos };
            return Some(self.ready_frame());
        }
        let in_frame = matches!(
            self.state,
            State::Payload | State::Escape { .. } | State::MisalignedTrailer { .. }
        );
        if !in_frame {
            self.state = State::Hunt { since: self.pos };
            return None;
        }
        self.set_ready(Ending::at(FrameStatus::TruncatedEnd, self.pos));
        self.state = State::Hunt { since: self.pos };
        Some(self.ready_frame())
    }

    fn ready_frame(&self) -> TransportFrame<'_> {
        let r = self.ready.as_ref().expect("a frame is ready");
        TransportFrame {
            start: r.start,
            end: r.end,
            payload: &self.buf.as_slice()[..r.payload_len],
            status: r.status,
            crc: r.crc,
            misaligned_end: r.misaligned_end,
            escapes: r.escapes,
            nonzero_padding: r.nonzero_padding,
            padding: r.padding,
        }
    }

    /// Clears what the caller has seen and applies a pending restart.
    fn take_ready(&mut self) {
        if let Some(r) = self.ready.take() {
            self.buf.clear();
            self.payload_len = 0;
            self.escapes = 0;
            if let Some(start) = r.then_start_at {
                self.frame_start = start;
                self.state = State::Payload;
            }
        }
    }

    /// Records the frame that just ended, for the caller to take.
    fn set_ready(&mut self, ending: Ending) {
        let payload_len = match ending.status {
            FrameStatus::TruncatedStart => 0,
            _ => self.payload_len,
        };
        self.ready = Some(Ready {
            start: self.frame_start,
            end: ending.end,
            status: ending.status,
            crc: ending.crc,
            payload_len,
            misaligned_end: ending.alignment == Alignment::Misaligned,
            nonzero_padding: ending.nonzero_padding,
            padding: 0,
            escapes: self.escapes,
            then_start_at: ending.then_start_at,
            unchecked: None,
        });
    }

    fn begin_frame(&mut self, start: u64) {
        self.buf.clear();
        self.payload_len = 0;
        self.escapes = 0;
        self.frame_start = start;
        self.window = 0;
        self.state = State::Payload;
    }

    /// Advances the state machine by one byte; `true` when a frame is ready.
    fn step(&mut self, byte: u8) -> bool {
        self.take_ready();
        let at = self.pos;
        self.pos += 1;
        self.window = (self.window << 8) | u64::from(byte);
        match self.state {
            State::Hunt { since } => {
                if self.window == START_WORD {
                    self.begin_frame(at - 7);
                } else if self.window & END_WORD_MASK == END_WORD {
                    self.state = State::OrphanTrailer { got: 0, since };
                }
                false
            }
            State::OrphanTrailer { got, since } => {
                if got < 2 {
                    self.state = State::OrphanTrailer {
                        got: got + 1,
                        since,
                    };
                    return false;
                }
                self.frame_start = since;
                self.payload_len = 0;
                self.set_ready(Ending::at(FrameStatus::TruncatedStart, self.pos));
                self.state = State::Hunt { since: self.pos };
                self.settle_failed_end(byte)
            }
            State::Held => self.held_byte(at),
            State::Payload => self.payload_byte(byte, at),
            State::Escape {
                mut got,
                mut bytes,
                at: esc_at,
            } => {
                bytes[usize::from(got)] = byte;
                got += 1;
                if got < 4 {
                    self.state = State::Escape {
                        got,
                        bytes,
                        at: esc_at,
                    };
                    return false;
                }
                self.escape_sequence(bytes, esc_at)
            }
            State::MisalignedTrailer { mut got, mut bytes } => {
                bytes[usize::from(got)] = byte;
                got += 1;
                if got < 3 {
                    self.state = State::MisalignedTrailer { got, bytes };
                    return false;
                }
                let count_at = self.pos - 3;
                self.end_of_frame(
                    bytes[0],
                    [bytes[1], bytes[2]],
                    count_at,
                    Alignment::Misaligned,
                )
            }
        }
    }

    fn payload_byte(&mut self, byte: u8, at: u64) -> bool {
        if self.window == START_WORD {
            // A misaligned restart: the 7 bytes before this one are in the payload.
            self.buf.truncate(self.payload_len.saturating_sub(7));
            self.payload_len = self.payload_len.saturating_sub(7);
            let restart = at - 7;
            self.set_ready(Ending::restart_at(restart));
            self.window = 0;
            return true;
        }
        if self.window & END_WORD_MASK == END_WORD {
            // A misaligned end: the 4 escape bytes before this one are in the payload.
            self.payload_len = self.payload_len.saturating_sub(4);
            self.buf.truncate(self.payload_len);
            self.state = State::MisalignedTrailer {
                got: 0,
                bytes: [0; 3],
            };
            return false;
        }
        if !self.buf.push(byte) {
            let limit = self.payload_len;
            self.set_ready(Ending::at(
                FrameStatus::Malformed(TransportError::TooLong { limit, offset: at }),
                at,
            ));
            self.state = State::Hunt { since: at };
            self.window = u64::from(byte);
            return true;
        }
        self.payload_len += 1;
        if self.payload_len % 4 == 0 && self.window & 0xffff_ffff == ESCAPE_WORD {
            self.payload_len -= 4;
            self.buf.truncate(self.payload_len);
            self.state = State::Escape {
                got: 0,
                bytes: [0; 4],
                at: at - 3,
            };
        }
        false
    }

    fn escape_sequence(&mut self, bytes: [u8; 4], esc_at: u64) -> bool {
        match bytes {
            [0x1b, 0x1b, 0x1b, 0x1b] => {
                for b in ESCAPE {
                    if !self.buf.push(b) {
                        let limit = self.payload_len;
                        self.set_ready(Ending::at(
                            FrameStatus::Malformed(TransportError::TooLong {
                                limit,
                                offset: esc_at,
                            }),
                            self.pos,
                        ));
                        self.state = State::Hunt { since: self.pos };
                        self.window = 0;
                        return true;
                    }
                    self.payload_len += 1;
                }
                self.escapes += 1;
                // The escaped block is data. Its last three `1b` stay in the window: a start
                // or end sequence that begins inside them is unaligned, and an unaligned
                // control sequence is read as one (see the module documentation); one that
                // needs all four is aligned, escaped data.
                self.window = 0x1b_1b1b;
                self.state = State::Payload;
                false
            }
            [0x01, 0x01, 0x01, 0x01] => {
                self.set_ready(Ending::restart_at(esc_at));
                self.window = 0;
                true
            }
            [0x1a, count, c1, c2] => {
                self.end_of_frame(count, [c1, c2], esc_at + 5, Alignment::Aligned)
            }
            found => {
                self.set_ready(Ending::at(
                    FrameStatus::Malformed(TransportError::InvalidEscape {
                        found,
                        offset: esc_at,
                    }),
                    esc_at,
                ));
                // The bad sequence is gap now; keep it in the window so that a start sequence
                // beginning inside it is still found.
                self.state = State::Hunt { since: esc_at };
                self.window = (ESCAPE_WORD << 32) | u64::from(u32::from_be_bytes(found));
                true
            }
        }
    }

    fn end_of_frame(
        &mut self,
        count: u8,
        wire_crc: [u8; 2],
        count_at: u64,
        alignment: Alignment,
    ) -> bool {
        let end = count_at + 3;
        self.state = State::Hunt { since: end };
        let count_usize = usize::from(count);
        // 0–3 per the specification; 4 (a whole block of zeros) is sent by some encoders
        // and tolerated (reported through `padding`).
        if count > 4 || count_usize > self.payload_len {
            self.set_ready(Ending {
                alignment,
                ..Ending::at(
                    FrameStatus::Malformed(TransportError::InvalidPadding {
                        count,
                        offset: count_at,
                    }),
                    end,
                )
            });
            return self.settle_failed_end(wire_crc[1]);
        }
        let read = u16::from_le_bytes(wire_crc);
        let payload = self.buf.as_slice();
        // A CRC ending in `1b` is checked here: a failed frame with it is held back.
        let unchecked = (!self.check_crc
            && self.escapes == 0
            && alignment == Alignment::Aligned
            && wire_crc[1] != 0x1b)
            .then_some(UncheckedCrc { wire: wire_crc });
        let result = if unchecked.is_some() {
            // Provisional: the caller that asked for unchecked frames settles it.
            Ok(CrcKind::X25)
        } else {
            let x25 = wire_crc_of(&crc::X25, payload, self.escapes, count);
            crc_verdict(wire_crc, x25, || {
                wire_crc_of(&crc::KERMIT, payload, self.escapes, count)
            })
        };
        let nonzero_padding = payload[payload.len() - count_usize..]
            .iter()
            .any(|&b| b != 0);
        self.payload_len -= count_usize;
        let (status, kind) = match result {
            Ok(kind) => (FrameStatus::Ok, Some(kind)),
            Err(computed) => (FrameStatus::CrcMismatch { read, computed }, None),
        };
        self.set_ready(Ending {
            crc: kind,
            alignment,
            nonzero_padding,
            ..Ending::at(status, end)
        });
        if let Some(r) = self.ready.as_mut() {
            r.padding = count;
            r.unchecked = unchecked;
        }
        if status == FrameStatus::Ok {
            self.window = 0;
            return true;
        }
        self.settle_failed_end(wire_crc[1])
    }

    /// After a failed end sequence (the frame is in `ready`): report it now, or hold it back
    /// when its last byte is `1b` (see [`held_byte`](Self::held_byte)).
    fn settle_failed_end(&mut self, last: u8) -> bool {
        if last == 0x1b {
            return self.hold();
        }
        self.window = 0;
        true
    }

    /// Moves the frame in `ready` to `held`; the window keeps the bytes of its end sequence.
    fn hold(&mut self) -> bool {
        self.held = self.ready.take();
        self.state = State::Held;
        false
    }

    /// One byte after a held frame. When bytes were lost at the end of a frame and the next
    /// frame's start sequence follows at once, the damaged end sequence took the first `1b`
    /// of the start sequence as its CRC (or padding count), so the start sequence is found
    /// only if it may begin inside the failed end sequence: as long as the bytes from one of
    /// the end sequence's last three offsets on can still become `1b1b1b1b 01010101`, the
    /// failed frame is held. A completed start sequence ends the failed frame where it begins
    /// and starts the next frame there; otherwise the failed frame is reported whole and the
    /// byte is read as in [`State::Hunt`].
    fn held_byte(&mut self, at: u64) -> bool {
        let Some(end) = self.held.as_ref().map(|h| h.end) else {
            // Unreachable: `State::Held` is only entered with a held frame.
            self.state = State::Hunt { since: at };
            return false;
        };
        let mut possible = false;
        for start in end.saturating_sub(3)..end {
            let seen = at + 1 - start; // bytes from `start` through this one: 2..=10
            if seen > 8 {
                continue;
            }
            let mask = u64::MAX >> (8 * (8 - seen));
            if self.window & mask == START_WORD >> (8 * (8 - seen)) {
                if seen == 8 {
                    self.release_held(Some(start));
                    self.window = 0;
                    return true;
                }
                possible = true;
            }
        }
        if possible {
            return false;
        }
        self.release_held(None);
        self.state = if self.window & END_WORD_MASK == END_WORD {
            State::OrphanTrailer { got: 0, since: end }
        } else {
            State::Hunt { since: end }
        };
        true
    }

    /// Hands the held frame to the caller; with `next_start`, it ends there, aborted by the
    /// start sequence (unless its start is missing too), and a frame begins there once the
    /// caller has seen it.
    fn release_held(&mut self, next_start: Option<u64>) {
        if let Some(mut r) = self.held.take() {
            if let Some(start) = next_start {
                r.end = start;
                r.then_start_at = Some(start);
                if r.status != FrameStatus::TruncatedStart {
                    r.status = FrameStatus::Aborted;
                }
            }
            self.ready = Some(r);
        }
    }
}

/// How many bytes at the start of `input` the byte-wise state machine would pass through
/// without acting, given the `window` of the bytes before: all bytes before the first run of
/// four `1b` (counting `1b`s at the end of the window as part of a run).
fn bulk_len(window: u64, input: &[u8]) -> usize {
    const LOW_7_BYTES: u64 = 0x00ff_ffff_ffff_ffff;
    let pending = window & LOW_7_BYTES;
    if (0..4).any(|s| (pending >> (8 * s)) & 0xffff_ffff == ESCAPE_WORD) {
        return 0;
    }
    // 0–3 `1b` at the end of the window (four were excluded above).
    let trailing = (0..3)
        .take_while(|&i| (window >> (8 * i)) & 0xff == 0x1b)
        .count();
    if input.len() >= 4 - trailing && input[..4 - trailing].iter().all(|&b| b == 0x1b) {
        return 0;
    }
    let mut from = 0;
    while let Some(i) = memchr::memchr(0x1b, &input[from..]) {
        let at = from + i;
        // Compared as one word: a 4-byte slice comparison is a memcmp call on wasm.
        if let Some(&[a, b, c, d]) = input.get(at..at + 4) {
            if u32::from_ne_bytes([a, b, c, d]) == u32::from_ne_bytes(ESCAPE) {
                return at;
            }
        }
        from = at + 1;
    }
    input.len()
}

/// The CRC of a frame as it was on the wire, computed from its unescaped payload (which still
/// includes the padding): start sequence, payload with aligned escapes doubled, end sequence
/// up to and including the padding count.
fn wire_crc_of(algo: &crc::Crc16, payload: &[u8], escapes: u32, count: u8) -> u16 {
    let mut digest = algo.digest();
    digest.update(&START);
    if escapes == 0 {
        digest.update(payload);
    } else {
        let mut from = 0;
        let mut i = 0;
        while i + 4 <= payload.len() {
            if payload[i..i + 4] == ESCAPE {
                digest.update(&payload[from..i + 4]);
                digest.update(&ESCAPE);
                from = i + 4;
            }
            i += 4;
        }
        digest.update(&payload[from..]);
    }
    digest.update(&ESCAPE);
    digest.update(&[0x1a, count]);
    digest.finalize()
}

/// A frame found by [`decode_frames`], with its range in the input slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameSpan<'a> {
    /// The frame's bytes in the input.
    pub range: Range<usize>,
    /// The unescaped payload: borrowed from the input when the frame had no escapes.
    pub payload: Cow<'a, [u8]>,
    /// How the frame ended.
    pub status: FrameStatus,
    /// The CRC variant that matched, for [`FrameStatus::Ok`].
    pub crc: Option<CrcKind>,
    /// The end sequence was not 4-byte aligned.
    pub misaligned_end: bool,
    /// The padding bytes were not all zero.
    pub nonzero_padding: bool,
    /// The padding count from the end sequence.
    pub padding: u8,
}

impl FrameSpan<'_> {
    /// The same span with an owned payload.
    pub fn into_owned(self) -> FrameSpan<'static> {
        FrameSpan {
            range: self.range,
            payload: Cow::Owned(self.payload.into_owned()),
            status: self.status,
            crc: self.crc,
            misaligned_end: self.misaligned_end,
            nonzero_padding: self.nonzero_padding,
            padding: self.padding,
        }
    }
}

/// Decodes every frame in `input`, in order, with [`DEFAULT_MAX_PAYLOAD`] as the frame limit.
/// Bytes outside every returned range are gaps (see [`gaps`]).
pub fn decode_frames(input: &[u8]) -> Vec<FrameSpan<'_>> {
    frames(input, DEFAULT_MAX_PAYLOAD).collect()
}

/// [`decode_frames`] with a custom payload limit.
pub fn decode_frames_with_limit(input: &[u8], max_payload: usize) -> Vec<FrameSpan<'_>> {
    frames(input, max_payload).collect()
}

/// The frames of `input` one at a time (one pass; nothing is kept between frames except the
/// frame being received).
pub fn frames(input: &[u8], max_payload: usize) -> Frames<'_> {
    Frames {
        input,
        rest: input,
        decoder: Decoder::new(VecBuf::with_limit(max_payload)),
        finished: false,
    }
}

/// [`frames`] for a caller that checksums every message of a frame anyway (the message
/// decoder): complete frames without escapes come with their CRC unchecked and their status
/// provisionally [`FrameStatus::Ok`] (X-25), and the caller must settle it (see
/// [`UncheckedCrc`]). Every other frame is checked as by [`frames`].
pub(crate) fn unchecked_frames(input: &[u8], max_payload: usize) -> UncheckedFrames<'_> {
    let mut frames = frames(input, max_payload);
    frames.decoder.check_crc = false;
    UncheckedFrames(frames)
}

/// Iterator returned by [`unchecked_frames`].
pub(crate) struct UncheckedFrames<'a>(Frames<'a>);

impl<'a> Iterator for UncheckedFrames<'a> {
    type Item = (FrameSpan<'a>, Option<UncheckedCrc>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_frame()
    }
}

/// Iterator returned by [`frames`].
#[derive(Debug, Clone)]
pub struct Frames<'a> {
    input: &'a [u8],
    rest: &'a [u8],
    decoder: Decoder<VecBuf>,
    finished: bool,
}

impl<'a> Iterator for Frames<'a> {
    type Item = FrameSpan<'a>;

    fn next(&mut self) -> Option<FrameSpan<'a>> {
        // `check_crc` is only off inside `UncheckedFrames`, so nothing is left unchecked here.
        self.next_frame().map(|(span, _)| span)
    }
}

impl<'a> Frames<'a> {
    /// The next frame, with its CRC if the decoder left it unchecked.
    fn next_frame(&mut self) -> Option<(FrameSpan<'a>, Option<UncheckedCrc>)> {
        if self.finished {
            return None;
        }
        let (frame, rest) = self.decoder.feed(self.rest);
        if let Some(f) = frame {
            let span = span_of(self.input, &f);
            self.rest = rest;
            return Some((span, self.decoder.ready.and_then(|r| r.unchecked)));
        }
        self.rest = rest;
        self.finished = true;
        let input = self.input;
        // A frame cut by the end of the input is incomplete: nothing to check.
        self.decoder.finish().map(|f| (span_of(input, &f), None))
    }
}

fn span_of<'a>(input: &'a [u8], f: &TransportFrame<'_>) -> FrameSpan<'a> {
    // Offsets come from a decoder that was fed exactly `input`, so they fit in usize.
    let range = f.start as usize..f.end as usize;
    let body_start = range.start + START.len();
    let payload = if f.escapes == 0 && body_start + f.payload.len() <= input.len() {
        Cow::Borrowed(&input[body_start..body_start + f.payload.len()])
    } else {
        Cow::Owned(f.payload.to_vec())
    };
    FrameSpan {
        range,
        payload,
        status: f.status,
        crc: f.crc,
        misaligned_end: f.misaligned_end,
        nonzero_padding: f.nonzero_padding,
        padding: f.padding,
    }
}

/// The byte ranges of `input_len` bytes that belong to no frame in `frames`.
pub fn gaps(frames: &[FrameSpan<'_>], input_len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for f in frames {
        if f.range.start > at {
            out.push(at..f.range.start);
        }
        at = at.max(f.range.end);
    }
    if at < input_len {
        out.push(at..input_len);
    }
    out
}

/// Maps an offset in a frame's unescaped payload back to the offset in the raw frame bytes
/// (`raw` starts with the start sequence), accounting for doubled escapes.
pub fn raw_offset(raw: &[u8], payload_offset: usize) -> usize {
    let mut raw_at = START.len();
    let mut payload_at = 0;
    while payload_at + 4 <= payload_offset {
        let block = raw.get(raw_at..raw_at + 8);
        if block.is_some_and(|b| b == [0x1b; 8]) {
            raw_at += 8;
        } else {
            raw_at += 4;
        }
        payload_at += 4;
    }
    raw_at + (payload_offset - payload_at)
}

/// [`raw_offset`] from the payload alone, for a frame whose raw bytes are gone (a stream):
/// every block of four `1b` at an aligned payload offset was sent doubled (the transport reads
/// any aligned `1b1b1b1b` as an escape), every other byte once.
pub fn raw_offset_of_payload(payload: &[u8], payload_offset: usize) -> usize {
    let whole_blocks = payload_offset / 4;
    let escaped = payload
        .chunks_exact(4)
        .take(whole_blocks)
        .filter(|block| *block == ESCAPE)
        .count();
    START.len() + payload_offset + 4 * escaped
}

#[cfg(test)]
mod tests;
