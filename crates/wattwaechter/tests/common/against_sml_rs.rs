//! Our SML decoder compared with sml-rs 0.4 on one input (shared by `tests/differential.rs`
//! and the `sml_vs_sml_rs` fuzz target): nothing sml-rs finds may be missing here.
//!
//! * Every frame sml-rs's transport decoder accepts ends at the same byte as a frame of ours
//!   whose transport CRC matched with the same unescaped payload.
//! * When sml-rs's `complete::parse` reads that payload, the frame is `ok` here, and the
//!   entries of its GetListResponses are ours field for field (object name, status, value
//!   time, unit, scaler, value).
//! * Every frame of ours whose transport CRC matched and that sml-rs does not accept has a
//!   reason we can name ([`Extra`]).
//!
//! Four `1b` at an unaligned payload offset are ambiguous in SML: senders escape aligned
//! blocks only, so they may be data, but after lost bytes they begin an unaligned start or end
//! sequence. Our transport reads an unaligned `1b1b1b1b 01010101` or `1b1b1b1b 1a` as a start
//! or end sequence and any other unaligned run as data (documented in
//! `wattwaechter::sml::transport`); sml-rs reads every run of four as an escape sequence, which
//! it then mostly takes for data. Frames where this matters are counted
//! ([`Tally::ambiguous`], [`Extra::UnalignedEscapeBytes`]), not compared.

use sml_rs::parser::common::Value as TheirValue;
use sml_rs::parser::common::{ListEntry, ListType, Status as TheirStatus, Time as TheirTime};
use sml_rs::parser::complete::{self, MessageBody};
use std::collections::BTreeMap;
use wattwaechter::crc::CrcKind;
use wattwaechter::sml::transport::DEFAULT_MAX_PAYLOAD;
use wattwaechter::sml::{decode, DecodeOptions, Frame, Reading, ReadingValue, Status, Time};

/// A value as both parsers can express it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Val {
    Bool(bool),
    Bytes(Vec<u8>),
    Int(i128),
    SecIndex(u32),
}

/// A list entry as both parsers can express it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    obj_name: Vec<u8>,
    status: Option<u64>,
    val_time: Option<Val>,
    unit: Option<u8>,
    scaler: Option<i8>,
    value: Val,
}

/// A frame sml-rs accepted: where it ended, its payload, and the list entries of its
/// GetListResponses when `complete::parse` read the payload.
struct Theirs {
    end: usize,
    payload: Vec<u8>,
    entries: Option<Vec<Entry>>,
}

fn their_time(t: &TheirTime) -> Val {
    match t {
        TheirTime::SecIndex(s) => Val::SecIndex(*s),
    }
}

fn their_entry(e: &ListEntry<'_>) -> Entry {
    Entry {
        obj_name: e.obj_name.to_vec(),
        status: e.status.as_ref().map(|s| match s {
            TheirStatus::Status8(v) => u64::from(*v),
            TheirStatus::Status16(v) => u64::from(*v),
            TheirStatus::Status32(v) => u64::from(*v),
            TheirStatus::Status64(v) => *v,
        }),
        val_time: e.val_time.as_ref().map(their_time),
        unit: e.unit,
        scaler: e.scaler,
        value: match &e.value {
            TheirValue::Bool(b) => Val::Bool(*b),
            TheirValue::Bytes(b) => Val::Bytes(b.to_vec()),
            TheirValue::I8(v) => Val::Int((*v).into()),
            TheirValue::I16(v) => Val::Int((*v).into()),
            TheirValue::I32(v) => Val::Int((*v).into()),
            TheirValue::I64(v) => Val::Int((*v).into()),
            TheirValue::U8(v) => Val::Int((*v).into()),
            TheirValue::U16(v) => Val::Int((*v).into()),
            TheirValue::U32(v) => Val::Int((*v).into()),
            TheirValue::U64(v) => Val::Int((*v).into()),
            TheirValue::List(ListType::Time(t)) => their_time(t),
        },
    }
}

/// Whether some byte of `payload` begins a multi-byte list TL field that declares more
/// elements than the payload has bytes and more than [`HUGE_LIST`]. sml-rs reserves memory
/// for a GetListResponse's declared number of entries before it reads one
/// (`Vec::with_capacity`, 88 bytes per entry): a list of 2^32 − 1 entries
/// (`tests/fuzz-crashers/seed-huge-list.bin`) makes it ask for 378 GB and abort the process.
/// Such payloads are not given to its message parser. (Scanning every byte, not only real TL
/// fields, can only skip more payloads, never let such a one through.)
fn declares_huge_list(payload: &[u8]) -> bool {
    let limit = HUGE_LIST.max(payload.len() as u64);
    (0..payload.len()).any(|i| {
        if payload[i] & 0xf0 != 0xf0 {
            return false;
        }
        let mut len = u64::from(payload[i] & 0x0f);
        let mut more = true;
        for &b in &payload[i + 1..] {
            // A continuation byte has no type bits (sml-rs rejects one that has).
            if !more || len > limit || b & 0x70 != 0 {
                break;
            }
            more = b & 0x80 != 0;
            len = (len << 4) | u64::from(b & 0x0f);
        }
        len > limit
    })
}

/// Declared list lengths up to this (sml-rs then reserves at most 5.8 MB) are given to sml-rs.
const HUGE_LIST: u64 = 1 << 16;

/// Everything sml-rs's push decoder accepts in `input`, byte by byte.
fn theirs(input: &[u8]) -> Vec<Theirs> {
    let mut decoder = sml_rs::transport::Decoder::<Vec<u8>>::new();
    let mut out = Vec::new();
    for (i, &b) in input.iter().enumerate() {
        if let Ok(Some(payload)) = decoder.push_byte(b) {
            let parsed = if declares_huge_list(payload) {
                None
            } else {
                complete::parse(payload).ok()
            };
            let entries = parsed.map(|file| {
                file.messages
                    .iter()
                    .filter_map(|m| match &m.message_body {
                        MessageBody::GetListResponse(r) => Some(r.val_list.iter()),
                        _ => None,
                    })
                    .flatten()
                    .map(their_entry)
                    .collect()
            });
            out.push(Theirs {
                end: i + 1,
                payload: payload.to_vec(),
                entries,
            });
        }
    }
    out
}

fn our_time(t: &Time) -> Option<Val> {
    match t {
        Time::SecIndex(s) | Time::BareSecIndex(s) => Some(Val::SecIndex(*s)),
        // sml-rs reads only seconds indices: a frame with another time never reaches the
        // comparison of entries.
        Time::Timestamp(_) | Time::LocalTimestamp { .. } => None,
    }
}

fn our_entry(r: &Reading) -> Entry {
    Entry {
        obj_name: r.obj_name.to_vec(),
        status: r.status,
        val_time: r.val_time.as_ref().and_then(our_time),
        unit: r.unit.map(|u| u.code),
        scaler: r.scaler,
        value: match &r.value {
            // `01`, an empty octet string, is what sml-rs reads there.
            ReadingValue::Absent => Val::Bytes(Vec::new()),
            ReadingValue::Bool { value } => Val::Bool(*value),
            ReadingValue::Bytes { value } => Val::Bytes(value.clone()),
            ReadingValue::Number { raw, .. } => Val::Int(*raw),
            ReadingValue::Time { value } => our_time(value).expect("a seconds index"),
        },
    }
}

/// Why a frame whose transport CRC matched here is not among sml-rs's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Extra {
    /// The frame's CRC is CRC-16/KERMIT (Holley DTZ541 over RS485); sml-rs checks X-25 only.
    Kermit,
    /// The end sequence is not 4-byte aligned (bytes were lost); sml-rs rejects such frames.
    MisalignedEnd,
    /// sml-rs reads the frame when fed from its first byte, but not in the stream: it was
    /// still inside the broken frame before when this one started, and the bytes it took for
    /// that frame were this one's start sequence.
    MissedBySmlRs,
    /// The payload holds four `1b` at an offset that is not a multiple of 4: data to us (no
    /// start or end sequence follows them), an escape sequence to sml-rs.
    UnalignedEscapeBytes,
}

/// The payload holds four `1b` in a row at an offset that is not a multiple of 4 (offsets in
/// the unescaped payload and on the wire differ by whole blocks, so the alignment is the
/// same).
fn has_unaligned_escape_bytes(payload: &[u8]) -> bool {
    payload
        .windows(4)
        .enumerate()
        .any(|(i, w)| i % 4 != 0 && w == [0x1b; 4])
}

fn extra_reason(input: &[u8], f: &Frame) -> Option<Extra> {
    let alone = theirs(&input[f.range.clone()]);
    if let [t] = &alone[..] {
        if t.end == f.range.len() && t.payload == f.payload {
            return Some(Extra::MissedBySmlRs);
        }
    }
    if f.crc == Some(CrcKind::Kermit) {
        Some(Extra::Kermit)
    } else if has_unaligned_escape_bytes(&f.payload) {
        Some(Extra::UnalignedEscapeBytes)
    } else if f.misaligned_end {
        Some(Extra::MisalignedEnd)
    } else {
        None
    }
}

/// Compares both parsers on `input`; counts what was compared into `tally`.
pub fn compare(input: &[u8], tally: &mut Tally) -> Result<(), String> {
    let ours = decode(input, &DecodeOptions::default());
    let theirs = theirs(input);
    let mut matched = vec![false; ours.len()];
    for t in &theirs {
        if t.payload.len() > DEFAULT_MAX_PAYLOAD {
            // Longer than our documented frame limit (sml-rs's buffer grows without one):
            // reported as too long here, not compared.
            tally.too_long += 1;
            continue;
        }
        if has_unaligned_escape_bytes(&t.payload) {
            // Four `1b` at an unaligned offset, data to sml-rs here: to us they may begin an
            // unaligned start or end sequence (the transport's documented reading). Not
            // comparable.
            tally.ambiguous += 1;
            continue;
        }
        let Some(i) = ours.iter().position(|f| f.range.end == t.end) else {
            return Err(format!(
                "sml-rs accepts a frame ending at {}; we have none",
                t.end
            ));
        };
        let f = &ours[i];
        matched[i] = true;
        if f.crc != Some(CrcKind::X25) {
            return Err(format!(
                "sml-rs accepts the frame {:?}; ours is {:?} ({:?}, {:?})",
                f.range, f.status, f.crc, f.error
            ));
        }
        if f.payload != t.payload {
            return Err(format!("frame {:?}: the payloads differ", f.range));
        }
        tally.frames += 1;
        if let Some(entries) = &t.entries {
            if f.status != Status::Ok {
                return Err(format!(
                    "frame {:?}: sml-rs reads every message, ours is {:?}: {:?}",
                    f.range, f.status, f.error
                ));
            }
            let mine: Vec<Entry> = f.readings.iter().map(our_entry).collect();
            if &mine != entries {
                return Err(format!(
                    "frame {:?}: the entries differ\n ours:   {mine:?}\n sml-rs: {entries:?}",
                    f.range
                ));
            }
            tally.entries += entries.len();
        }
    }
    for (f, _) in ours
        .iter()
        .zip(&matched)
        .filter(|(f, m)| f.crc.is_some() && !**m)
    {
        let reason = extra_reason(input, f).ok_or_else(|| {
            format!(
                "frame {:?}: CRC ok here, sml-rs does not accept it",
                f.range
            )
        })?;
        *tally.extra.entry(reason).or_default() += 1;
    }
    Ok(())
}

/// What [`compare`] compared.
#[derive(Debug, Default)]
pub struct Tally {
    /// Frames both accept.
    pub frames: usize,
    /// List entries both read, of those frames.
    pub entries: usize,
    /// Frames whose transport CRC matched only here, by reason.
    pub extra: BTreeMap<Extra, usize>,
    /// Frames sml-rs accepts with four `1b` at an unaligned offset of the payload: the
    /// protocol's ambiguity, which the two read differently; not compared.
    pub ambiguous: usize,
    /// Frames sml-rs accepts whose payload is longer than our frame limit
    /// (`DEFAULT_MAX_PAYLOAD`, 64 KiB; real frames are below 2 KiB): not compared.
    pub too_long: usize,
}
