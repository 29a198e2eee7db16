//! Replays every input in `tests/fuzz-crashers/` (fuzzer finds and adversarial seeds) through
//! every entry point with the fuzz targets' assertions (`common::fuzz_checks`, which the
//! targets include).

mod common;

use common::fuzz_checks;
use wattwaechter::dump::{self, DumpOptions};
use wattwaechter::limits::{LimitKind, Limits};
use wattwaechter::log;
use wattwaechter::sml::{decode, DecodeOptions, Status};

/// Every fuzz target's checks, with the report limits both tiny and as the input would have
/// them, and a write position in the middle of the dump.
fn check(data: &[u8]) {
    fuzz_checks::transport(data);
    fuzz_checks::messages(data);
    fuzz_checks::pipeline(data);
    fuzz_checks::against_sml_rs(data);
    for limits in [
        Limits {
            max_frames: 2,
            max_values: 5,
        },
        Limits::for_input(data.len()),
    ] {
        let middle = u16::try_from(data.len() / 2).unwrap_or(u16::MAX);
        fuzz_checks::dump(data, middle, limits);
        fuzz_checks::d0(data, limits);
        fuzz_checks::log(data, limits);
    }
    fuzz_checks::obis(&String::from_utf8_lossy(data));
    fuzz_checks::capture(data);
    fuzz_checks::anonymize(data);
    fuzz_checks::explain(data);
    for status in [0, 200, 429, 503] {
        fuzz_checks::api_json(status, data);
    }
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

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// Captures as text: any bytes, and text made of the characters of the formats (offsets,
    /// `:`, `|`, `*`, line ends), never panic; any bytes written as xxd and hexdump -C read back.
    #[test]
    fn captures_as_text_never_panic_and_round_trip(
        data in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        text in "[0-9a-fA-F :|*.\\n]{0,400}",
    ) {
        fuzz_checks::capture(&data);
        fuzz_checks::capture(text.as_bytes());
    }

    /// The anonymizer and the explainer on real captures with bytes flipped: no panic, every
    /// frame decodes as before, every frame's spans cover it.
    #[test]
    fn anonymizing_damaged_captures_keeps_every_frame(
        file in 0usize..27,
        flips in proptest::collection::vec((0usize..4096, proptest::num::u8::ANY), 0..8),
    ) {
        let mut names: Vec<_> = std::fs::read_dir(common::fixtures().join("sml"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        names.sort();
        let mut bytes = std::fs::read(&names[file % names.len()]).unwrap();
        for (at, b) in flips {
            if let Some(x) = bytes.get_mut(at) {
                *x ^= b;
            }
        }
        fuzz_checks::anonymize(&bytes);
        fuzz_checks::explain(&bytes);
    }
}

/// Found by the `stream` target (`stream-d0-crc-digits-at-chunk-end.bin`): a malformed D0
/// telegram whose `!` is followed by four hex digits and then `)`, not a line end. A chunk
/// that ended right after the digits made the stream read them as a DSMR CRC (the text ended
/// there) and hand the telegram out at once, while the whole input ended it at `!`. Now an end
/// after such digits waits for two more bytes.
#[test]
fn a_chunk_that_ends_right_after_crc_digits() {
    let data = std::fs::read(
        common::fixtures().join("../fuzz-crashers/stream-d0-crc-digits-at-chunk-end.bin"),
    )
    .unwrap();
    let bang = data.iter().rposition(|&c| c == b'!').unwrap();
    fuzz_checks::stream_d0(&data, &[bang + 5, data.len()]);
    let mut dsmr =
        std::fs::read(common::fixtures().join("d0/dsmr_parser_KFM5KAIFA-METER_DSMR42.txt"))
            .unwrap();
    dsmr.extend_from_slice(&dsmr.clone());
    for size in 1..=64 {
        fuzz_checks::stream_d0(&dsmr, &[size]);
        fuzz_checks::stream_d0(&data, &[size]);
    }
}

/// Found by `anonymizing_damaged_captures_keeps_every_frame`: a flipped bit turned a list TL
/// (`77`) into the first byte of a two-byte TL for a 119-byte integer, and the explainer's
/// number overflowed on it. Numbers longer than SML's 8 bytes are now shown as their bytes.
#[test]
fn an_integer_longer_than_eight_bytes_is_explained_as_bytes() {
    let mut bytes =
        std::fs::read(common::fixtures().join("sml/ISKRA_MT175_D1A52-V22-K0t.bin")).unwrap();
    bytes[3310] ^= 0xa0;
    fuzz_checks::explain(&bytes);
    let frame = &wattwaechter::explain::explain_at(&bytes, 3310, Default::default()).unwrap();
    let span = frame.spans.iter().find(|s| s.start == 3312).unwrap();
    assert_eq!(span.kind, "Integer936");
    assert!(span
        .meaning
        .as_deref()
        .unwrap()
        .ends_with(": longer than the 8 bytes of an SML number"));
}
