//! Replays every input in `tests/fuzz-crashers/` (fuzzer finds and adversarial seeds) through
//! every entry point with the fuzz targets' assertions.

mod common;

use common::against_sml_rs::{compare, Tally};
use wattwaechter::dump::{self, DumpOptions};
use wattwaechter::limits::{LimitKind, Limits};
use wattwaechter::obis::Obis;
use wattwaechter::sml::buffer::VecBuf;
use wattwaechter::sml::transport::{decode_frames, Decoder, DEFAULT_MAX_PAYLOAD};
use wattwaechter::sml::{decode, encode, parse, DecodeOptions, Status};
use wattwaechter::{d0, log};

fn check(data: &[u8]) {
    // Transport: push (chunked) and slice APIs agree.
    let spans = decode_frames(data);
    let mut d = Decoder::new(VecBuf::with_limit(DEFAULT_MAX_PAYLOAD));
    let mut pushed = Vec::new();
    let mut rest = data;
    loop {
        let (f, r) = d.feed(rest);
        rest = r;
        match f {
            Some(f) => pushed.push((f.start as usize, f.end as usize, f.status)),
            None => break,
        }
    }
    if let Some(f) = d.finish() {
        pushed.push((f.start as usize, f.end as usize, f.status));
    }
    let sliced: Vec<_> = spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.status))
        .collect();
    assert_eq!(pushed, sliced);
    // Messages on the raw bytes.
    for m in parse::messages(data) {
        match m {
            Ok(m) => assert!(m.range.end <= data.len()),
            Err(e) => assert!(e.offset <= data.len()),
        }
    }
    // The whole pipeline, raw and wrapped into a valid frame.
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..DecodeOptions::default()
    };
    for input in [data.to_vec(), encode::frame(data)] {
        for f in decode(&input, &options) {
            assert!(f.range.end <= input.len());
            if let Some(e) = f.error {
                assert!(e.offset <= input.len());
                assert_ne!(f.status, Status::Ok);
            }
        }
        // Nothing sml-rs reads is missing here.
        if let Err(e) = compare(&input, &mut Tally::default()) {
            panic!("{e}");
        }
    }
    // OBIS text.
    let text = String::from_utf8_lossy(data);
    if let Err(e) = Obis::parse(&text) {
        assert!(e.offset <= text.len());
    }
    // The dump, D0 and log decoders, with their default limits and with tiny ones.
    let tiny = Limits {
        max_frames: 2,
        max_values: 5,
    };
    for limits in [None, Some(tiny)] {
        let options = DumpOptions {
            limits,
            ..DumpOptions::default()
        };
        let r = dump::decode(data, &options).unwrap();
        let decoded = r.truncated.map_or(data.len(), |t| t.offset);
        let covered: usize = r.frames.iter().map(|f| f.length).sum::<usize>()
            + r.gaps.iter().map(|g| g.length).sum::<usize>();
        assert!(covered >= decoded && decoded <= data.len());
        assert!(r.frames.iter().all(|f| f.offset + f.length <= decoded));
        if let Some(l) = limits {
            assert!(r.frames.len() <= l.max_frames);
        }
    }
    let c = d0::parse_with(data, tiny);
    assert!(c.telegrams.len() + c.control.len() <= tiny.max_frames);
    let log = log::parse_with(data, tiny);
    assert!(log.lines.len() <= tiny.max_frames);
}

#[test]
fn every_kept_input_is_handled() {
    let dir = common::fixtures().join("../fuzz-crashers");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} panicked", path.display());
        n += 1;
    }
    assert!(n >= 6, "expected the kept inputs in {}", dir.display());
}

#[test]
fn the_seeds_fail_the_way_they_should() {
    let dir = common::fixtures().join("../fuzz-crashers");
    let frame = |name: &str| {
        let data = std::fs::read(dir.join(name)).unwrap();
        decode(&data, &DecodeOptions::default())
    };
    let f = frame("seed-absent-value.bin");
    assert_eq!(f[0].status, Status::Ok);
    assert!(f[0].quirks.contains(wattwaechter::sml::Quirk::MissingValue));
    for (name, kind) in [
        ("seed-4gib-octet-string.bin", "length_exceeds_input"),
        ("seed-huge-list.bin", "too_many_entries"),
        ("seed-deep-tree.bin", "too_deep"),
    ] {
        let f = frame(name);
        assert_eq!(f[0].status, Status::Malformed, "{name}");
        assert_eq!(f[0].error.unwrap().kind.as_str(), kind, "{name}");
    }
    let f = frame("seed-restart-after-escape.bin");
    let statuses: Vec<_> = f.iter().map(|f| f.status).collect();
    assert_eq!(statuses, [Status::Aborted, Status::TruncatedEnd]);
    // A frame longer than the buffer (once quadratic), and inputs whose reports pass
    // the limits.
    let f = frame("seed-long-frame.bin");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].error.as_ref().unwrap().kind.as_str(), "frame_too_long");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let r = dump::decode(&read("seed-start-sequences.bin"), &DumpOptions::default()).unwrap();
    let t = r.truncated.unwrap();
    assert_eq!(
        (t.limit, t.max, t.offset),
        (LimitKind::Frames, 4096, 8 * 4096)
    );
    let r = dump::decode(&read("seed-d0-one-line.txt"), &DumpOptions::default()).unwrap();
    let t = r.truncated.unwrap();
    assert_eq!((t.limit, t.max, t.offset), (LimitKind::Values, 16_384, 0));
    let l = log::parse(&read("seed-log-lines.txt"));
    let t = l.truncated.unwrap();
    assert_eq!((t.limit, l.lines.len()), (LimitKind::Frames, 16_384));
}
