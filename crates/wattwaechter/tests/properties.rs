//! Property tests: encode → decode round-trips, the push and slice APIs agree on any input,
//! and mutated real captures never panic and are only `ok` when their CRC really matches.

mod common;

use common::mutation::{mutate, mutation, sml_capture_names as fixture_names};
use common::read_fixture;
use proptest::prelude::*;
use wattwaechter::crc::{CrcKind, KERMIT, X25};
use wattwaechter::sml::buffer::{ArrayBuf, FrameBuffer};
use wattwaechter::sml::transport::{decode_frames, Decoder};
use wattwaechter::sml::*;

#[derive(Debug, Clone)]
enum TimeSpec {
    Sec(u32),
    Stamp(u32),
    Local(u32, i16, i16),
    Bare(u32),
}

impl TimeSpec {
    fn get(&self) -> Time {
        match *self {
            TimeSpec::Sec(v) => Time::SecIndex(v),
            TimeSpec::Stamp(v) => Time::Timestamp(v),
            TimeSpec::Local(t, a, b) => Time::LocalTimestamp {
                timestamp: t,
                local_offset: a,
                season_time_offset: b,
            },
            TimeSpec::Bare(v) => Time::BareSecIndex(v),
        }
    }
}

#[derive(Debug, Clone)]
enum ValueSpec {
    Bool(bool),
    Bytes(Vec<u8>),
    Int(i64, u8),
    Uint(u64, u8),
    Time(TimeSpec),
}

#[derive(Debug, Clone)]
struct EntrySpec {
    obj: Vec<u8>,
    status: Option<(u64, u8)>,
    time: Option<TimeSpec>,
    unit: Option<u8>,
    scaler: Option<i8>,
    value: Option<ValueSpec>,
    sig: Option<Vec<u8>>,
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    // Non-empty: an empty octet string is `01`, the marker of an absent optional field.
    prop::collection::vec(any::<u8>(), 1..max)
}

fn time_spec() -> impl Strategy<Value = TimeSpec> {
    prop_oneof![
        any::<u32>().prop_map(TimeSpec::Sec),
        any::<u32>().prop_map(TimeSpec::Stamp),
        (any::<u32>(), any::<i16>(), any::<i16>()).prop_map(|(t, a, b)| TimeSpec::Local(t, a, b)),
        any::<u32>().prop_map(TimeSpec::Bare),
    ]
}

fn value_spec() -> impl Strategy<Value = ValueSpec> {
    prop_oneof![
        any::<bool>().prop_map(ValueSpec::Bool),
        bytes(300).prop_map(ValueSpec::Bytes),
        (1..=8u8, any::<i64>()).prop_map(|(w, v)| ValueSpec::Int(v >> (64 - 8 * u32::from(w)), w)),
        (1..=8u8, any::<u64>()).prop_map(|(w, v)| ValueSpec::Uint(v >> (64 - 8 * u32::from(w)), w)),
        time_spec().prop_map(ValueSpec::Time),
    ]
}

fn entry_spec() -> impl Strategy<Value = EntrySpec> {
    (
        prop_oneof![prop::collection::vec(any::<u8>(), 6..=6), bytes(12)],
        prop::option::of(
            (1..=8u8, any::<u64>()).prop_map(|(w, v)| (v >> (64 - 8 * u32::from(w)), w)),
        ),
        prop::option::of(time_spec()),
        prop::option::of(any::<u8>()),
        prop::option::of(any::<i8>()),
        prop::option::of(value_spec()),
        prop::option::of(bytes(20)),
    )
        .prop_map(|(obj, status, time, unit, scaler, value, sig)| EntrySpec {
            obj,
            status,
            time,
            unit,
            scaler,
            value,
            sig,
        })
}

fn value_of(v: &ValueSpec) -> Value<'_> {
    match v {
        ValueSpec::Bool(b) => Value::Bool(*b),
        ValueSpec::Bytes(b) => Value::Bytes(b),
        ValueSpec::Int(v, w) => Value::Int {
            value: *v,
            width: *w,
        },
        ValueSpec::Uint(v, w) => Value::Uint {
            value: *v,
            width: *w,
        },
        ValueSpec::Time(t) => Value::Time(t.get()),
    }
}

fn entry_of(e: &EntrySpec) -> ListEntry<'_> {
    ListEntry {
        obj_name: &e.obj,
        status: e.status.map(|(value, width)| Unsigned { value, width }),
        val_time: e.time.as_ref().map(TimeSpec::get),
        unit: e.unit,
        scaler: e.scaler,
        value: e.value.as_ref().map(value_of),
        value_signature: e.sig.as_deref(),
    }
}

fn messages_of<'a>(
    server: &'a [u8],
    tx: &'a [u8],
    entries: &'a [EntrySpec],
    time: &'a TimeSpec,
) -> Vec<Message<'a>> {
    let m = |body| Message::new(tx, body);
    vec![
        m(MessageBody::OpenResponse(OpenResponse {
            codepage: None,
            client_id: None,
            req_file_id: tx,
            server_id: server,
            ref_time: Some(time.get()),
            sml_version: None,
        })),
        m(MessageBody::GetListResponse(GetListResponse {
            client_id: None,
            server_id: server,
            list_name: None,
            act_sensor_time: Some(time.get()),
            val_list: entries.iter().map(entry_of).collect(),
            list_signature: None,
            act_gateway_time: None,
        })),
        m(MessageBody::AttentionResponse(AttentionResponse {
            server_id: server,
            attention_no: tx,
            attention_msg: None,
            attention_details: None,
        })),
        m(MessageBody::CloseResponse(CloseResponse {
            global_signature: None,
        })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn encode_then_decode_round_trips(
        server in bytes(16),
        tx in bytes(8),
        entries in prop::collection::vec(entry_spec(), 0..24),
        time in time_spec(),
        kermit in any::<bool>(),
    ) {
        let messages = messages_of(&server, &tx, &entries, &time);
        let mut payload = Vec::new();
        for m in &messages {
            encode::message_into(m, &mut payload);
        }
        let kind = if kermit { CrcKind::Kermit } else { CrcKind::X25 };
        let wire = encode::frame_with_crc(&payload, kind);
        let frames = decode(&wire, &DecodeOptions::default());
        prop_assert_eq!(frames.len(), 1);
        let f = &frames[0];
        prop_assert_eq!(f.status, Status::Ok, "{:?}", f.error);
        // X-25 wins when both variants happen to match.
        prop_assert!(f.crc == Some(kind) || f.crc == Some(CrcKind::X25));
        let parsed: Vec<_> = f.messages().map(|m| m.unwrap().message).collect();
        prop_assert_eq!(parsed.len(), messages.len());
        for (p, m) in parsed.iter().zip(&messages) {
            prop_assert_eq!(&p.body, &m.body);
        }
        prop_assert_eq!(f.readings.len(), entries.len());
    }

    #[test]
    fn push_and_slice_agree_on_any_input(
        chunks in prop::collection::vec(prop_oneof![
            prop::collection::vec(any::<u8>(), 0..40),
            Just(vec![0x1b, 0x1b, 0x1b, 0x1b]),
            Just(vec![0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01]),
            Just(vec![0x1b, 0x1b, 0x1b, 0x1b, 0x1a]),
            bytes(30).prop_map(|p| encode::frame(&p)),
            // A frame that lost its last 1–3 bytes (its end sequence then reaches into
            // whatever follows).
            (bytes(30), 1usize..4).prop_map(|(p, lost)| {
                let mut f = encode::frame(&p);
                f.truncate(f.len() - lost);
                f
            }),
        ], 0..12)
    ) {
        let input: Vec<u8> = chunks.concat();
        let spans = decode_frames(&input);
        let mut d = Decoder::new(ArrayBuf::<{ transport::DEFAULT_MAX_PAYLOAD }>::new());
        let mut pushed = push_each_byte(&mut d, &input);
        pushed.extend(d.finish().map(|f| seen(&f)));
        let sliced: Vec<Seen> = spans
            .iter()
            .map(|s| (s.range.start as u64, s.range.end as u64, s.status, s.payload.to_vec()))
            .collect();
        prop_assert_eq!(pushed, sliced);
        // Frames are ordered and do not overlap.
        for w in spans.windows(2) {
            prop_assert!(w[0].range.end <= w[1].range.start);
        }
    }

    /// The bulk-copy fast path of `feed` reports an overlong payload at the same byte as the
    /// byte-wise state machine (a 16-byte limit makes most generated frames too long).
    #[test]
    fn feed_and_push_agree_with_a_small_buffer(
        chunks in prop::collection::vec(prop_oneof![
            prop::collection::vec(any::<u8>(), 0..40),
            Just(vec![0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01]),
            bytes(30).prop_map(|p| encode::frame(&p)),
        ], 0..12)
    ) {
        let input: Vec<u8> = chunks.concat();
        let pushed = push_each_byte(&mut Decoder::new(ArrayBuf::<16>::new()), &input);
        let fed = feed(&mut Decoder::new(ArrayBuf::<16>::new()), &input);
        prop_assert_eq!(pushed, fed);
    }

    /// The fast path skips ahead to the next run of four `1b`; runs split between two `feed`
    /// calls (`1b`s at the end of one slice, the rest at the start of the next) and bytes
    /// drawn mostly from the control alphabet must give what the byte-wise machine gives.
    #[test]
    fn feed_in_pieces_agrees_with_push(
        input in prop::collection::vec(
            prop_oneof![Just(0x1bu8), Just(0x01), Just(0x1a), Just(0x00), any::<u8>()],
            0..400,
        ),
        cuts in prop::collection::vec(1usize..9, 1..100),
    ) {
        let mut by_byte = Decoder::new(ArrayBuf::<256>::new());
        let mut pushed = push_each_byte(&mut by_byte, &input);
        pushed.extend(by_byte.finish().map(|f| seen(&f)));
        let mut by_piece = Decoder::new(ArrayBuf::<256>::new());
        let mut fed = Vec::new();
        let mut at = 0;
        for &n in cuts.iter().cycle() {
            if at >= input.len() {
                break;
            }
            let piece = &input[at..(at + n).min(input.len())];
            at += piece.len();
            fed.extend(feed(&mut by_piece, piece));
        }
        fed.extend(by_piece.finish().map(|f| seen(&f)));
        prop_assert_eq!(pushed, fed);
    }
}

/// What a test compares of a transport frame.
type Seen = (u64, u64, transport::FrameStatus, Vec<u8>);

fn seen(f: &transport::TransportFrame<'_>) -> Seen {
    (f.start, f.end, f.status, f.payload.to_vec())
}

/// The frames the byte-wise state machine gives for `input` (without `finish`).
fn push_each_byte<B: FrameBuffer>(d: &mut Decoder<B>, input: &[u8]) -> Vec<Seen> {
    input
        .iter()
        .filter_map(|&b| d.push_byte(b).map(|f| seen(&f)))
        .collect()
}

/// The frames `feed` gives for `input`, fed until it is consumed (without `finish`).
fn feed<B: FrameBuffer>(d: &mut Decoder<B>, mut input: &[u8]) -> Vec<Seen> {
    let mut out = Vec::new();
    loop {
        let (frame, rest) = d.feed(input);
        match frame {
            Some(f) => out.push(seen(&f)),
            None => return out,
        }
        input = rest;
    }
}

/// The transport CRC of a frame's raw bytes, checked independently of the decoder.
fn crc_really_matches(raw: &[u8], kind: CrcKind) -> bool {
    let n = raw.len();
    let body = &raw[..n - 2];
    match kind {
        CrcKind::X25 => X25.checksum(body).to_le_bytes() == raw[n - 2..],
        CrcKind::Kermit => KERMIT.checksum(body).to_be_bytes() == raw[n - 2..],
    }
}

/// Mutations per real capture in [`every_capture_survives_thousands_of_mutations`].
const MUTATIONS_PER_CAPTURE: usize = 5000;

/// The check of every decoded frame of a mutated input: ranges and error offsets inside the
/// input, and `ok` only when the transport CRC really matches the frame's bytes.
fn check_frames(input: &[u8], frames: &[Frame]) -> Result<(), String> {
    for f in frames {
        if f.range.end > input.len() {
            return Err(format!("frame {:?} beyond {} bytes", f.range, input.len()));
        }
        if f.status == Status::Ok {
            let raw = &input[f.range.clone()];
            let kind = f.crc.ok_or("ok frame without a CRC kind")?;
            if !crc_really_matches(raw, kind) || f.error.is_some() {
                return Err(format!("frame {:?} ok but its CRC does not match", f.range));
            }
        }
        if let Some(e) = &f.error {
            if e.offset > input.len() {
                return Err(format!("error offset {} beyond the input", e.offset));
            }
        }
    }
    Ok(())
}

/// Every real capture, [`MUTATIONS_PER_CAPTURE`] times, each time with 1–15 random bit flips,
/// insertions, deletions and truncations (a fixed seed, so a failure reproduces): no panic,
/// no hang, `ok` only for frames whose CRC matches, and the same frames whether the transport
/// checks the frame CRC or the decoder derives it from the message checksums.
#[test]
fn every_capture_survives_thousands_of_mutations() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let plan = prop::collection::vec(mutation(), 1..16);
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..Default::default()
    };
    let names = fixture_names();
    assert_eq!(names.len(), 27);
    let mut frames_seen = 0usize;
    for name in &names {
        let original = read_fixture(&format!("sml/{name}"));
        for i in 0..MUTATIONS_PER_CAPTURE {
            let muts = plan
                .new_tree(&mut runner)
                .expect("a mutation plan")
                .current();
            let input = mutate(original.clone(), &muts);
            let frames = decode(&input, &options);
            frames_seen += frames.len();
            if let Err(e) = check_frames(&input, &frames) {
                panic!("{name}, mutation {i} ({muts:?}): {e}");
            }
            // `decode` derives the frame CRC from the message checksums; checking it in the
            // transport first must give the same frames, field for field.
            let checked: Vec<Frame> = decode_frames(&input)
                .iter()
                .map(|span| decode_span(&input, span, &options))
                .collect();
            assert_eq!(frames, checked, "{name}, mutation {i} ({muts:?})");
        }
    }
    assert!(frames_seen > names.len() * MUTATIONS_PER_CAPTURE);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_captures_never_panic_and_ok_means_the_crc_matches(
        file in 0usize..27,
        muts in prop::collection::vec(mutation(), 1..16),
    ) {
        let names = fixture_names();
        let original = read_fixture(&format!("sml/{}", names[file % names.len()]));
        let input = mutate(original, &muts);
        let frames = decode(&input, &DecodeOptions { fix_dzg_dvs74: true, ..Default::default() });
        for f in &frames {
            prop_assert!(f.range.end <= input.len());
            if f.status == Status::Ok {
                let raw = &input[f.range.clone()];
                prop_assert!(crc_really_matches(raw, f.crc.unwrap()));
                prop_assert!(f.error.is_none());
            }
            if let Some(e) = &f.error {
                prop_assert!(e.offset <= input.len());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn logs_never_panic_and_keep_every_line(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let log = wattwaechter::log::parse(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let non_blank = text.split('\n').filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(log.lines.len() + usize::from(log.header.is_some()), non_blank);
        for l in &log.lines {
            prop_assert!(text[l.offset..].starts_with(&l.raw));
        }
    }

    #[test]
    fn csv_like_text_never_panics(lines in prop::collection::vec(
        prop::collection::vec(prop_oneof![
            "[0-9]{10}", "2024-0[1-9]-1[0-9][ T]1[0-9]:[0-5][0-9]:[0-5][0-9]Z?", "(INFO|WARN|E|D)",
            "[a-zäöü ]{0,12}", "\"[a-z,;]{0,6}\"",
        ], 1..6).prop_map(|f| f.join(";")), 0..12),
        cut_start in 0usize..8, cut_end in 0usize..8,
    ) {
        let text = lines.join("\n");
        let bytes = text.as_bytes();
        let from = cut_start.min(bytes.len());
        let to = bytes.len().saturating_sub(cut_end).max(from);
        let _ = wattwaechter::log::parse(&bytes[from..to]);
    }

    #[test]
    fn d0_and_dumps_never_panic(
        bytes in prop::collection::vec(prop_oneof![
            3 => any::<u8>(),
            1 => prop::sample::select(b"/!()*\r\n\x02\x03\x06.:-ABC0123456789".to_vec()),
        ], 0..400),
        write_pos in any::<usize>(),
    ) {
        let c = wattwaechter::d0::parse(&bytes);
        for t in &c.telegrams {
            prop_assert!(t.range.start <= t.range.end && t.range.end <= bytes.len());
            if let Some(e) = &t.error {
                prop_assert!(e.offset <= bytes.len());
            }
        }
        let options = wattwaechter::dump::DumpOptions {
            write_pos: (!bytes.is_empty()).then(|| write_pos % bytes.len()),
            ..Default::default()
        };
        let r = wattwaechter::dump::decode(&bytes, &options).unwrap();
        // Every byte lies in exactly one frame or gap.
        let times = common::fuzz_checks::times_covered(&r, bytes.len());
        prop_assert!(times.iter().all(|&t| t == 1), "{:?}", times);
    }
}
