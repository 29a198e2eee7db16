//! The real captures in `tests/fixtures/sml/` (27 meters, see `tests/fixtures/SOURCE.txt`):
//! frame counts per status must equal `MANIFEST.tsv`, and the decoded content of every file
//! is snapshotted.

mod common;

use common::{decode, fixtures, read_fixture, render};
use std::collections::BTreeSet;
use wattwaechter::sml::{Frame, Status};

struct Row {
    file: String,
    bytes: usize,
    ok: usize,
    bad: usize,
    edge: usize,
    aborted: usize,
    first_start: usize,
    padding: String,
}

fn manifest() -> Vec<Row> {
    let text = std::fs::read_to_string(fixtures().join("sml/MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                file: c[0].to_string(),
                bytes: c[3].parse().unwrap(),
                ok: c[4].parse().unwrap(),
                bad: c[5].parse().unwrap(),
                edge: c[6].parse().unwrap(),
                aborted: c[7].parse().unwrap(),
                first_start: c[8].parse().unwrap(),
                padding: c[9].to_string(),
            }
        })
        .collect()
}

fn count(frames: &[Frame], s: Status) -> usize {
    frames.iter().filter(|f| f.status == s).count()
}

#[test]
fn fixture_folder_matches_the_manifest() {
    let rows: BTreeSet<String> = manifest().into_iter().map(|r| r.file).collect();
    let files: BTreeSet<String> = std::fs::read_dir(fixtures().join("sml"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".bin"))
        .collect();
    assert_eq!(rows, files);
    assert_eq!(rows.len(), 27);
}

#[test]
fn frame_counts_equal_the_manifest() {
    let mut mismatches = Vec::new();
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        assert_eq!(bytes.len(), row.bytes, "{}", row.file);
        let frames = decode(&bytes);
        let got = (
            count(&frames, Status::Ok),
            count(&frames, Status::CrcMismatch),
            count(&frames, Status::TruncatedEnd),
            count(&frames, Status::Aborted),
        );
        let want = (row.ok, row.bad, row.edge, row.aborted);
        if got != want {
            mismatches.push(format!("{}: got {got:?}, manifest {want:?}", row.file));
        }
        assert_eq!(count(&frames, Status::Malformed), 0, "{}", row.file);
        // The first start sequence is where the first frame with a start begins.
        let first = frames
            .iter()
            .find(|f| f.status != Status::TruncatedStart)
            .map(|f| f.range.start);
        assert_eq!(first, Some(row.first_start), "{}", row.file);
        // Padding counts of the complete frames.
        let paddings: BTreeSet<String> = frames
            .iter()
            .filter(|f| matches!(f.status, Status::Ok | Status::CrcMismatch) && !f.misaligned_end)
            .map(|f| padding_of(&bytes, f).to_string())
            .collect();
        if !row.padding.is_empty() {
            let want: BTreeSet<String> = row.padding.split(',').map(str::to_string).collect();
            assert_eq!(paddings, want, "{} padding", row.file);
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

fn padding_of(input: &[u8], f: &Frame) -> u8 {
    input[f.range.end - 3]
}

#[test]
fn gaps_and_frames_cover_every_byte_once() {
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        let spans = wattwaechter::sml::transport::decode_frames(&bytes);
        let gaps = wattwaechter::sml::transport::gaps(&spans, bytes.len());
        let mut covered = vec![0u8; bytes.len()];
        for r in spans.iter().map(|s| s.range.clone()).chain(gaps) {
            for c in &mut covered[r] {
                *c += 1;
            }
        }
        assert!(covered.iter().all(|&c| c == 1), "{}", row.file);
    }
}

#[test]
fn ok_frames_decode_completely() {
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        for f in decode(&bytes).iter().filter(|f| f.status == Status::Ok) {
            assert!(f.error.is_none(), "{}", row.file);
            assert_eq!(
                f.message_names.first(),
                Some(&"OpenResponse"),
                "{}",
                row.file
            );
            assert_eq!(
                f.message_names.last(),
                Some(&"CloseResponse"),
                "{}",
                row.file
            );
            assert!(!f.readings.is_empty(), "{}", row.file);
        }
    }
}

/// One scratch frame reused for every frame of every capture (`decode_span_into`) ends up
/// equal to a fresh `decode_span` each time: nothing of the previous frame survives.
#[test]
fn a_reused_frame_equals_a_fresh_one() {
    use wattwaechter::sml::{decode_span, decode_span_into, transport, DecodeOptions};
    let options = DecodeOptions::default();
    let mut scratch = None;
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        for span in transport::decode_frames(&bytes) {
            let fresh = decode_span(&bytes, &span, &options);
            let reused = scratch.get_or_insert_with(|| fresh.clone());
            decode_span_into(&bytes, &span, &options, reused);
            assert_eq!(*reused, fresh, "{} at {:?}", row.file, span.range);
        }
    }
}

/// `SmlFramesView` writes exactly what serialising `sml_frames` writes, for every capture, with
/// and without the DZG repair, and for captures cut at an odd place (truncated frames, errors).
#[test]
fn the_frames_view_serialises_like_the_built_frames() {
    use wattwaechter::dump::{sml_frames, SmlFramesView};
    use wattwaechter::sml::DecodeOptions;
    let mut checked = 0;
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        for fix_dzg_dvs74 in [false, true] {
            let options = DecodeOptions {
                fix_dzg_dvs74,
                ..Default::default()
            };
            for input in [&bytes[..], &bytes[bytes.len() / 3..bytes.len() * 2 / 3]] {
                let built = serde_json::to_string(&sml_frames(input, &options)).unwrap();
                let viewed = serde_json::to_string(&SmlFramesView::new(input, &options)).unwrap();
                assert_eq!(viewed, built, "{} (fix_dzg {fix_dzg_dvs74})", row.file);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, manifest().len() * 4);
}

/// The columns hold exactly the readings `decode` gives, in order, frame by frame.
#[test]
fn reading_table_holds_every_reading_of_every_capture() {
    use wattwaechter::sml::{reading_table, DecodeOptions, ReadingValue};
    let mut rows_seen = 0;
    for row in manifest() {
        let bytes = read_fixture(&format!("sml/{}", row.file));
        let frames = decode(&bytes);
        let t = reading_table(&bytes, &DecodeOptions::default());
        assert_eq!(t.frame_offsets.len(), frames.len(), "{}", row.file);
        let mut distinct = t.codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), t.codes.len(), "{}: codes repeat", row.file);
        let mut at = 0;
        for (i, f) in frames.iter().enumerate() {
            assert_eq!(t.frame_offsets[i], f.range.start);
            assert_eq!(t.frame_statuses[i], f.status);
            assert_eq!(t.frame_times[i], f.sensor_time.map(|s| s.seconds()));
            for r in &f.readings {
                assert_eq!(t.row_frames[at] as usize, i, "{}", row.file);
                let code = &t.codes[t.row_codes[at] as usize];
                match r.obis {
                    Some(o) => assert_eq!(code, &o.to_string()),
                    None => assert_eq!(code, &common::hex(&r.obj_name)),
                }
                assert_eq!(t.row_units[at], r.unit.map_or(0, |u| u.code));
                match &r.value {
                    ReadingValue::Number { value, .. } => {
                        assert_eq!(t.row_values[at], value.to_f64(), "{}", row.file)
                    }
                    _ => assert!(t.row_values[at].is_nan()),
                }
                at += 1;
            }
        }
        for column in [t.row_frames.len(), t.row_codes.len(), t.row_units.len()] {
            assert_eq!(column, at, "{}", row.file);
        }
        assert_eq!(t.row_values.len(), at);
        rows_seen += at;
    }
    assert!(
        rows_seen > 1000,
        "only {rows_seen} readings in the captures"
    );
}

/// A snapshot of every capture and synthetic vector; one run reports every one that changed.
#[test]
fn snapshots_of_every_capture() {
    insta::glob!("../../../tests/fixtures", "sml*/*.{bin,hex}", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        if name.contains("payload_only") {
            return; // A bare payload, no transport: `messages.rs` covers these.
        }
        let dir = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let bytes = read_fixture(&format!("{dir}/{name}"));
        insta::assert_snapshot!(render(&decode(&bytes)));
    });
}
