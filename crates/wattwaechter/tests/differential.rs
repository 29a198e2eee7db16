//! Differential test against sml-rs 0.4, the Rust SML parser of issue 8's benchmark: on every
//! real capture and thousands of mutations of each, nothing sml-rs finds is missing here.
//!
//! * Every frame sml-rs's transport decoder accepts ends at the same byte as an `ok` frame of
//!   ours with an X-25 CRC and the same unescaped payload.
//! * When sml-rs's `complete::parse` reads that payload, we read every message of it too, and
//!   the entries of its GetListResponses are ours field for field (object name, status, value
//!   time, unit, scaler, value).
//! * Every `ok` frame of ours that sml-rs does not accept has a reason we can name (see
//!   [`Extra`]): a KERMIT CRC or a misaligned end, which sml-rs does not accept by design.

mod common;

use common::mutation::{mutate, mutation, sml_capture_names, Mutation};
use common::read_fixture;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sml_rs::parser::common::Value as TheirValue;
use sml_rs::parser::common::{ListEntry, ListType, Status as TheirStatus, Time as TheirTime};
use sml_rs::parser::complete::{self, MessageBody};
use std::collections::BTreeMap;
use wattwaechter::crc::CrcKind;
use wattwaechter::sml::{decode, DecodeOptions, Frame, Reading, ReadingValue, Status, Time};

/// Mutated copies of every capture (besides the capture itself).
const MUTATIONS_PER_CAPTURE: usize = 5000;

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

/// Everything sml-rs's push decoder accepts in `input`, byte by byte.
fn theirs(input: &[u8]) -> Vec<Theirs> {
    let mut decoder = sml_rs::transport::Decoder::<Vec<u8>>::new();
    let mut out = Vec::new();
    for (i, &b) in input.iter().enumerate() {
        if let Ok(Some(payload)) = decoder.push_byte(b) {
            let entries = complete::parse(payload).ok().map(|file| {
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

/// Why an `ok` frame of ours is not among sml-rs's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Extra {
    /// The frame's CRC is CRC-16/KERMIT (Holley DTZ541 over RS485); sml-rs checks X-25 only.
    Kermit,
    /// The end sequence is not 4-byte aligned (bytes were lost); sml-rs rejects such frames.
    MisalignedEnd,
    /// sml-rs reads the frame when fed from its first byte, but not in the stream: it was
    /// still inside the broken frame before when this one started, and the bytes it took for
    /// that frame were this one's start sequence.
    MissedBySmlRs,
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
    } else if f.misaligned_end {
        Some(Extra::MisalignedEnd)
    } else {
        None
    }
}

/// Compares both parsers on `input`; counts what was compared into `tally`.
fn compare(input: &[u8], tally: &mut Tally) -> Result<(), String> {
    let ours = decode(input, &DecodeOptions::default());
    let theirs = theirs(input);
    let mut matched = vec![false; ours.len()];
    for t in &theirs {
        let Some(i) = ours.iter().position(|f| f.range.end == t.end) else {
            return Err(format!(
                "sml-rs accepts a frame ending at {}; we have none",
                t.end
            ));
        };
        let f = &ours[i];
        matched[i] = true;
        if f.status != Status::Ok || f.crc != Some(CrcKind::X25) {
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
            if let Some(e) = &f.error {
                return Err(format!(
                    "frame {:?}: sml-rs reads every message, we fail: {e:?}",
                    f.range
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
        .filter(|(f, m)| f.status == Status::Ok && !**m)
    {
        let reason = extra_reason(input, f)
            .ok_or_else(|| format!("frame {:?} is ok here, sml-rs does not accept it", f.range))?;
        *tally.extra.entry(reason).or_default() += 1;
    }
    Ok(())
}

#[derive(Debug, Default)]
struct Tally {
    frames: usize,
    entries: usize,
    extra: BTreeMap<Extra, usize>,
}

#[test]
fn every_real_capture_reads_as_sml_rs_reads_it() {
    let mut tally = Tally::default();
    for name in sml_capture_names() {
        let input = read_fixture(&format!("sml/{name}"));
        compare(&input, &mut tally).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // The captures' own frames: both read all of them alike, none is ours alone.
    assert!(tally.frames > 100, "{tally:?}");
    assert!(tally.entries > 1000, "{tally:?}");
    assert!(tally.extra.is_empty(), "{tally:?}");
}

/// Every real capture, [`MUTATIONS_PER_CAPTURE`] times damaged (1–15 mutations each, fixed
/// seed): nothing sml-rs reads in the damaged bytes is missing or different here.
#[test]
fn mutated_captures_read_as_sml_rs_reads_them() {
    let mut runner = TestRunner::deterministic();
    let plan = prop::collection::vec(mutation(), 1..16);
    let mut tally = Tally::default();
    for name in sml_capture_names() {
        let original = read_fixture(&format!("sml/{name}"));
        for i in 0..MUTATIONS_PER_CAPTURE {
            let muts: Vec<Mutation> = plan.new_tree(&mut runner).expect("a plan").current();
            let input = mutate(original.clone(), &muts);
            compare(&input, &mut tally)
                .unwrap_or_else(|e| panic!("{name}, mutation {i} ({muts:?}): {e}"));
        }
    }
    eprintln!("{tally:?}");
    assert!(tally.frames > 10_000, "{tally:?}");
}
