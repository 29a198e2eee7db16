//! The assertions of every fuzz target, written once: each target in `fuzz/fuzz_targets/`
//! includes this file (by `#[path]`) and calls one function; `tests/fuzz_regressions.rs`
//! replays the kept inputs through all of them. The module beside it, `against_sml_rs`, must be
//! a sibling in both places.

use super::against_sml_rs::{compare, Tally};
use wattwaechter::api::*;
use wattwaechter::client::{interpret_json, HttpResponse};
use wattwaechter::d0::stream::D0Stream;
use wattwaechter::dump::{self, sml_frames_with, DumpOptions, SmlFramesView};
use wattwaechter::limits::Limits;
use wattwaechter::obis::Obis;
use wattwaechter::sml::buffer::ArrayBuf;
use wattwaechter::sml::stream::SmlStream;
use wattwaechter::sml::transport::{
    decode_frames, decode_frames_with_limit, raw_offset, raw_offset_of_payload, Decoder,
    FrameStatus, TransportFrame, DEFAULT_MAX_PAYLOAD,
};
use wattwaechter::sml::{decode, decode_span, encode, parse, reading_table};
use wattwaechter::sml::{DecodeOptions, Status};
use wattwaechter::text::Lang;
use wattwaechter::{d0, log};

/// One frame as the transport hands it out: start, end, status, payload.
type Pushed = (usize, usize, FrameStatus, Vec<u8>);

/// The transport decoders: the push decoder (fixed buffer, fed in chunks, whose fast path skips
/// to the next run of four `1b`) agrees with the byte-wise state machine (`push_byte`) and with
/// the slice API; the frames are in order and do not overlap.
pub fn transport(data: &[u8]) {
    let own = |f: TransportFrame<'_>| -> Pushed {
        (
            f.start as usize,
            f.end as usize,
            f.status,
            f.payload.to_vec(),
        )
    };
    let mut decoder = Decoder::new(ArrayBuf::<DEFAULT_MAX_PAYLOAD>::new());
    let mut pushed = Vec::new();
    let mut rest = data;
    loop {
        let (frame, remaining) = decoder.feed(rest);
        rest = remaining;
        match frame {
            Some(f) => pushed.push(own(f)),
            None => break,
        }
    }
    if let Some(f) = decoder.finish() {
        pushed.push(own(f));
    }
    let mut by_byte = Decoder::new(ArrayBuf::<DEFAULT_MAX_PAYLOAD>::new());
    let mut stepped = Vec::new();
    for &b in data {
        if let Some(f) = by_byte.push_byte(b) {
            stepped.push(own(f));
        }
    }
    if let Some(f) = by_byte.finish() {
        stepped.push(own(f));
    }
    assert_eq!(pushed, stepped);
    let spans = decode_frames(data);
    let sliced: Vec<Pushed> = spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.status, s.payload.to_vec()))
        .collect();
    assert_eq!(pushed, sliced);
    for pair in spans.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
    }
}

/// The message parser on an arbitrary payload: errors, never panics; offsets stay in range.
pub fn messages(data: &[u8]) {
    for m in parse::messages(data) {
        match m {
            Ok(m) => assert!(m.range.end <= data.len()),
            Err(e) => assert!(e.offset <= data.len()),
        }
    }
}

/// The whole pipeline (transport, messages, readings, DZG repair), on the input and on the
/// input wrapped into a valid frame so the message parser is reached with a good CRC:
/// `decode` (frame CRC derived from the message checksums) gives the same frames as checking
/// each frame CRC in the transport first; the reading table holds exactly the readings
/// `decode` gives; `dump::SmlFramesView` serialises exactly as the built
/// `dump::sml_frames_with` under the same limits, or fails where that one stops.
pub fn pipeline(data: &[u8]) {
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..DecodeOptions::default()
    };
    for input in [data.to_vec(), encode::frame(data)] {
        let frames = decode(&input, &options);
        for f in &frames {
            assert!(f.range.end <= input.len());
            if let Some(e) = f.error {
                assert!(e.offset <= input.len());
                assert_ne!(f.status, Status::Ok);
            }
        }
        let spans = decode_frames_with_limit(&input, options.max_payload);
        let checked: Vec<_> = spans
            .iter()
            .map(|span| decode_span(&input, span, &options))
            .collect();
        // Offsets in the payload map to the raw bytes alike from the raw bytes and from the
        // payload alone (as a stream must).
        for span in &spans {
            let raw = &input[span.range.clone()];
            for at in (0..=span.payload.len()).step_by(3) {
                assert_eq!(
                    raw_offset(raw, at),
                    raw_offset_of_payload(&span.payload, at),
                    "payload offset {at} of {:?}",
                    span.range
                );
            }
        }
        assert_eq!(frames, checked);
        let table = reading_table(&input, &options);
        assert_eq!(table.frame_statuses.len(), frames.len());
        let readings: usize = frames.iter().map(|f| f.readings.len()).sum();
        assert_eq!(table.row_values.len(), readings);
        assert!(table
            .row_codes
            .iter()
            .all(|&c| (c as usize) < table.codes.len()));
        // In German: the catalogue's other language on every error a frame can have.
        let limits = Limits::for_input(input.len());
        let view = SmlFramesView::with_limits(&input, &options, limits).with_lang(Lang::De);
        let (built, truncated) = sml_frames_with(&input, &options, limits, Lang::De);
        match serde_json::to_string(&view) {
            Ok(viewed) => {
                assert_eq!(truncated, None);
                assert_eq!(viewed, serde_json::to_string(&built).unwrap());
            }
            // The view refuses to write a list that ended early; the built list says where.
            Err(_) => {
                assert!(truncated.is_some());
                assert_eq!(view.truncated(), truncated);
            }
        }
    }
}

/// Differential against sml-rs 0.4, on the input and wrapped into a valid frame (so its
/// messages are compared too): every frame sml-rs accepts is `ok` here with the same payload
/// and list entries, and every `ok` frame only we accept has a named reason.
pub fn against_sml_rs(data: &[u8]) {
    for input in [data.to_vec(), encode::frame(data)] {
        if let Err(e) = compare(&input, &mut Tally::default()) {
            panic!("{e}");
        }
    }
}

/// `data` cut into chunks of `sizes` (used in turn, again from the first when they run out;
/// `usize::MAX` takes the rest).
pub fn chunked<'a>(data: &'a [u8], sizes: &'a [usize]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    for &size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, after) = rest.split_at(size.clamp(1, rest.len()));
        out.push(chunk);
        rest = after;
    }
    out
}

/// The SML stream decoder, fed `data` in chunks of `sizes`, gives exactly the frames of
/// decoding it whole.
pub fn stream_sml(data: &[u8], sizes: &[usize]) {
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..DecodeOptions::default()
    };
    let whole = decode(data, &options);
    let mut stream = SmlStream::new(options);
    let mut streamed = Vec::new();
    for chunk in chunked(data, sizes) {
        let mut rest = chunk;
        while !rest.is_empty() {
            let (frame, after) = stream.feed(rest);
            streamed.extend(frame.cloned());
            rest = after;
        }
    }
    streamed.extend(stream.finish().cloned());
    assert_eq!(streamed, whole, "chunks {sizes:?}");
}

/// The D0 stream decoder, fed `data` in chunks of `sizes`, gives exactly the telegrams and
/// control messages of parsing it whole, and holds no more than one telegram and its look
/// ahead.
pub fn stream_d0(data: &[u8], sizes: &[usize]) {
    let whole = d0::parse_with(data, Limits::UNLIMITED);
    let mut stream = D0Stream::new();
    let (mut telegrams, mut control) = (Vec::new(), Vec::new());
    for chunk in chunked(data, sizes) {
        let got = stream.push(chunk);
        telegrams.extend(got.telegrams);
        control.extend(got.control);
        assert!(stream.pending() <= wattwaechter::d0::stream::MAX_PENDING + chunk.len());
    }
    let got = stream.finish();
    telegrams.extend(got.telegrams);
    control.extend(got.control);
    assert_eq!(telegrams, whole.telegrams, "chunks {sizes:?}");
    assert_eq!(control, whole.control, "chunks {sizes:?}");
    assert_eq!(stream.parity_stripped(), Some(whole.parity_stripped));
}

/// The protocol-independent stream (`stream::FrameStream`), told the protocol, gives the
/// frames of the whole input in the dump's form, for any chunking.
pub fn stream_frames(data: &[u8], sizes: &[usize]) {
    use wattwaechter::stream::{FrameStream, StreamProtocol};
    let options = DecodeOptions::default();
    for (protocol, whole) in [
        (
            StreamProtocol::Sml,
            sml_frames_with(data, &options, Limits::UNLIMITED, Lang::En).0,
        ),
        (
            StreamProtocol::D0,
            dump::d0_frames_of(d0::parse_with(data, Limits::UNLIMITED), Lang::De),
        ),
    ] {
        let lang = match protocol {
            StreamProtocol::D0 => Lang::De,
            _ => Lang::En,
        };
        let mut stream = FrameStream::new(protocol, options).with_lang(lang);
        let mut streamed = Vec::new();
        for chunk in chunked(data, sizes) {
            streamed.extend(stream.push(chunk));
        }
        streamed.extend(stream.finish());
        assert_eq!(streamed, whole, "{protocol:?}, chunks {sizes:?}");
    }
}

/// Small report limits drawn from two fuzzer bytes.
pub fn small_limits(frames: u8, values: u8) -> Limits {
    Limits {
        max_frames: usize::from(frames % 8),
        max_values: usize::from(values % 32),
    }
}

/// How many times each byte of the (linearised) dump lies inside a frame or a gap of the
/// report; every range must end inside the dump.
pub fn times_covered(r: &dump::Report, len: usize) -> Vec<u8> {
    let mut times = vec![0u8; len];
    let ranges = r.frames.iter().map(|f| (f.offset, f.length));
    for (offset, length) in ranges.chain(r.gaps.iter().map(|g| (g.offset, g.length))) {
        assert!(
            offset + length <= len,
            "a range past the end: {offset}+{length} > {len}"
        );
        for t in &mut times[offset..offset + length] {
            *t = t.saturating_add(1);
        }
    }
    times
}

/// The ring-buffer dump decoder with and without a write position (drawn from `pos`) and
/// with default and `limits`: frames and gaps cover every byte up to where a limit stopped
/// the report, offsets stay inside the dump, and the report holds no more than its limits.
pub fn dump(data: &[u8], pos: u16, limits: Limits) {
    for write_pos in [
        None,
        (!data.is_empty()).then(|| usize::from(pos) % data.len()),
    ] {
        for limits in [None, Some(limits)] {
            let options = DumpOptions {
                write_pos,
                limits,
                ..DumpOptions::default()
            };
            let r = dump::decode(data, &options).unwrap();
            let decoded = r.truncated.map_or(data.len(), |t| t.offset);
            assert!(decoded <= data.len());
            // Every byte before where a limit stopped lies in exactly one frame or gap.
            let times = times_covered(&r, data.len());
            assert!(times[..decoded].iter().all(|&t| t == 1), "{times:?}");
            for f in &r.frames {
                assert!(f.offset + f.length <= decoded);
            }
            if let Some(l) = limits {
                assert!(r.frames.len() <= l.max_frames);
                assert!(r.frames.iter().map(|f| f.values.len()).sum::<usize>() <= l.max_values);
            }
        }
    }
}

/// D0 telegrams with default and `limits`: ranges and error offsets stay inside the input,
/// nothing lies behind where a limit stopped, and a capture holds no more than its limits.
pub fn d0(data: &[u8], limits: Limits) {
    for (c, limits) in [
        (d0::parse(data), None),
        (d0::parse_with(data, limits), Some(limits)),
    ] {
        for t in &c.telegrams {
            assert!(t.range.start <= t.range.end && t.range.end <= data.len());
            if let Some(e) = &t.error {
                assert!(e.offset <= data.len());
            }
            if let Some(trunc) = c.truncated {
                assert!(t.range.end <= trunc.offset);
            }
        }
        if let Some(l) = limits {
            assert!(c.telegrams.len() + c.control.len() <= l.max_frames);
            let values: usize = c
                .telegrams
                .iter()
                .flat_map(|t| &t.data)
                .map(|d| d.values.len())
                .sum();
            assert!(values <= l.max_values);
        }
    }
}

/// CSV logs with default and `limits`: every non-blank line is kept (up to where a limit
/// stopped the parse), raw text matches its offset, and the log holds no more than its limits.
pub fn log(data: &[u8], limits: Limits) {
    let text = String::from_utf8_lossy(data);
    let non_blank = text.split('\n').filter(|l| !l.trim().is_empty()).count();
    let full = log::parse(data);
    if full.truncated.is_none() {
        assert_eq!(
            full.lines.len() + usize::from(full.header.is_some()),
            non_blank
        );
    }
    for l in &full.lines {
        assert!(text[l.offset..].starts_with(&l.raw));
    }
    let small = log::parse_with(data, limits);
    let kept = small.lines.len() + usize::from(small.header.is_some());
    assert!(kept <= limits.max_frames);
    match small.truncated {
        None => assert_eq!(kept, non_blank),
        Some(t) => {
            assert!(kept < non_blank);
            assert!(small.lines.iter().all(|l| l.offset < t.offset));
        }
    }
}

/// OBIS text: errors point inside the text; what parses prints back to a code that parses to
/// the same value.
pub fn obis(text: &str) {
    match Obis::parse(text) {
        Ok(o) => assert_eq!(Obis::parse(&o.to_string()), Ok(o)),
        Err(e) => assert!(e.offset <= text.len()),
    }
}

/// The REST models: a body and a status (one of the meaningful ones, chosen by `status`, or
/// `status` itself) through the response interpretation of every endpoint; errors never
/// contain the token.
pub fn api_json(status: u16, body: &[u8]) {
    const SECRET: &str = "SECRETTOKEN123";
    fn check<T: serde::de::DeserializeOwned>(endpoint: Endpoint, resp: &HttpResponse<'_>) {
        if let Err(e) = interpret_json::<T>(endpoint, resp, &[SECRET]) {
            assert!(!e.message.contains(SECRET));
        }
    }
    let status =
        [200, 202, 204, 400, 401, 403, 404, 413, 429, 503, status][usize::from(status % 11)];
    let resp = HttpResponse {
        status,
        retry_after: Some("10"),
        body,
    };
    check::<Alive>(Endpoint::SystemAlive, &resp);
    check::<SystemInfo>(Endpoint::SystemInfo, &resp);
    check::<Led>(Endpoint::SystemLed, &resp);
    check::<Vec<Timezone>>(Endpoint::SystemTimezones, &resp);
    check::<Latest>(Endpoint::HistoryLatest, &resp);
    check::<HighRes>(Endpoint::HistoryHighRes, &resp);
    check::<LowRes>(Endpoint::HistoryLowRes, &resp);
    check::<Settings>(Endpoint::SettingsGet, &resp);
    check::<TokensGenerated>(Endpoint::TokensGenerate, &resp);
    check::<MqttStatus>(Endpoint::MqttStatus, &resp);
    check::<ModbusStatus>(Endpoint::ModbusStatus, &resp);
    check::<OtaCheck>(Endpoint::OtaCheck, &resp);
}

/// Captures as text (`capture::read_text`) on arbitrary text: no panic; the bytes read are at
/// most one per two characters plus what `*` lines of `hexdump -C` may repeat (bounded by
/// `MAX_REPEATED`); an error points into the text. And `data` written out the way `xxd` and
/// `hexdump -C` write it reads back to `data`.
pub fn capture(data: &[u8]) {
    use wattwaechter::capture::{read_text, CaptureFormat, MAX_REPEATED};
    let text = String::from_utf8_lossy(data);
    match read_text(&text) {
        Ok(c) => {
            assert!(c.bytes.len() as u64 <= text.len() as u64 / 2 + MAX_REPEATED);
            assert!(c.lines + c.skipped_lines <= text.lines().count() + 1);
        }
        Err(e) => {
            assert!(e.offset <= text.len(), "{e}");
            assert!(e.line >= 1, "{e}");
        }
    }
    let mut xxd = String::new();
    let mut hexdump = String::new();
    for (i, line) in data.chunks(16).enumerate() {
        let hex: Vec<String> = line.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = line
            .iter()
            .map(|&b| if b.is_ascii_graphic() { b as char } else { '.' })
            .collect();
        let groups: Vec<String> = hex.chunks(2).map(|g| g.concat()).collect();
        xxd.push_str(&format!(
            "{:08x}: {:<39}  {ascii}\n",
            i * 16,
            groups.join(" ")
        ));
        let (a, b) = hex.split_at(hex.len().min(8));
        hexdump.push_str(&format!(
            "{:08x}  {:<23}  {:<23}  |{ascii}|\n",
            i * 16,
            a.join(" "),
            b.join(" ")
        ));
    }
    hexdump.push_str(&format!("{:08x}\n", data.len()));
    if !data.is_empty() {
        let c = read_text(&xxd).unwrap_or_else(|e| panic!("{e}\n{xxd}"));
        assert_eq!((c.format, &c.bytes[..]), (CaptureFormat::Xxd, data));
        let c = read_text(&hexdump).unwrap_or_else(|e| panic!("{e}\n{hexdump}"));
        assert_eq!((c.format, &c.bytes[..]), (CaptureFormat::HexdumpC, data));
    }
}

/// The anonymizer on arbitrary bytes: no panic; the result is as long as the input and
/// decodes to frames of the same ranges and statuses (or it refuses, saying where).
pub fn anonymize(data: &[u8]) {
    use wattwaechter::anonymize::{anonymize, AnonymizeError};
    match anonymize(data) {
        Ok(a) => {
            assert_eq!(a.bytes.len(), data.len());
            let frames = |b: &[u8]| {
                dump::decode(b, &DumpOptions::default())
                    .map(|r| {
                        r.frames
                            .iter()
                            .map(|f| (f.offset, f.length, f.status))
                            .collect::<Vec<_>>()
                    })
                    .ok()
            };
            assert_eq!(frames(&a.bytes), frames(data));
        }
        Err(AnonymizeError::Changed { offset }) => assert!(offset <= data.len()),
    }
}

/// The frame explainer on arbitrary bytes: no panic; every frame's spans cover it exactly
/// once, in order; its checksum verdicts agree with its status (an intact frame has no failed
/// verdict, a frame with a checksum error has one); `explain_at` and `explain_nth` give the
/// same frame.
pub fn explain(data: &[u8]) {
    use wattwaechter::explain::{explain, explain_at, explain_nth};
    use wattwaechter::status::Status;
    let frames = explain(data, Lang::En);
    for f in &frames {
        let mut at = f.offset;
        for s in &f.spans {
            assert_eq!(s.start, at, "{s:?}");
            assert!(s.end > s.start);
            at = s.end;
        }
        assert_eq!(at, f.offset + f.length);
        let failed = f
            .spans
            .iter()
            .find(|s| s.verdict.as_ref().is_some_and(|v| !v.ok));
        match f.status {
            Status::Ok => assert!(failed.is_none(), "intact frame {}: {failed:?}", f.index),
            Status::CrcMismatch => {
                assert!(failed.is_some(), "frame {}: no failed verdict", f.index)
            }
            _ => {}
        }
    }
    if let Some(f) = frames.first() {
        assert_eq!(explain_at(data, f.offset, Lang::En).as_ref(), Some(f));
    }
    if let Some(f) = frames.last() {
        assert_eq!(explain_nth(data, f.index, Lang::En).as_ref(), Some(f));
    }
}
