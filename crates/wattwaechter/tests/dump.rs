//! The dump decoder on real captures: detection, write position, wrap. Memory: `peak_memory.rs`.

mod common;

use common::{fixtures, read_fixture};
use wattwaechter::dump::{self, DumpOptions, Protocol, SeamKind};
use wattwaechter::sml::Status;

fn all(dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".bin") || n.ends_with(".txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let b = read_fixture(&format!("{dir}/{n}"));
            (n, b)
        })
        .collect()
}

#[test]
fn every_capture_is_detected() {
    for (name, bytes) in all("sml") {
        let r = dump::decode(&bytes, &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::Sml, "{name}");
        // A window of a linear stream is no wrap.
        assert_eq!(r.seam, None, "{name}");
        let ok = r.frames.iter().filter(|f| f.status == Status::Ok).count();
        assert_eq!(r.summary.frames_ok, ok, "{name}");
        assert_eq!(r.summary.meter.is_some(), ok > 0, "{name}");
    }
    for (name, bytes) in all("d0") {
        let r = dump::decode(&bytes, &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::D0, "{name}");
    }
}

/// The complete frames of a capture: a stream that could repeat seamlessly in a ring.
fn complete_cycle(bytes: &[u8]) -> &[u8] {
    let r = dump::decode(bytes, &DumpOptions::default()).unwrap();
    let ok: Vec<_> = r.frames.iter().filter(|f| f.status == Status::Ok).collect();
    let from = ok.first().unwrap().offset;
    let last = ok.last().unwrap();
    &bytes[from..last.offset + last.length]
}

#[test]
fn a_real_ring_buffer_is_unrotated_with_and_without_the_write_position() {
    let capture = read_fixture("sml/EMH_eHZ-GW8E2A500AK2.bin");
    let cycle = complete_cycle(&capture);
    let frames_in_cycle = dump::decode(cycle, &DumpOptions::default())
        .unwrap()
        .summary
        .frames_ok;
    assert_eq!(frames_in_cycle, 16);
    for cut in [1, 100, 253, cycle.len() / 2, cycle.len() - 9] {
        // The raw array: the device wrote the cycle starting at `write_pos`.
        let write_pos = cycle.len() - cut;
        let raw: Vec<u8> = cycle[cut..].iter().chain(&cycle[..cut]).copied().collect();
        let with_pos = dump::decode(
            &raw,
            &DumpOptions {
                write_pos: Some(write_pos),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(with_pos.summary.frames_ok, 16, "cut {cut}");
        assert_eq!(with_pos.seam.unwrap().kind, SeamKind::WritePosition);
        let guessed = dump::decode(&raw, &DumpOptions::default()).unwrap();
        let starts_at_frame = dump::decode(cycle, &DumpOptions::default())
            .unwrap()
            .frames
            .iter()
            .any(|f| f.offset == cut);
        if starts_at_frame {
            // Cut between two frames: nothing is split, nothing to join.
            assert_eq!(guessed.seam, None, "cut {cut}");
            assert_eq!(guessed.summary.frames_ok, 16);
        } else {
            let seam = guessed
                .seam
                .unwrap_or_else(|| panic!("cut {cut}: no seam found"));
            assert_eq!(seam.kind, SeamKind::Wrap);
            assert_eq!(guessed.summary.frames_ok, 16, "cut {cut}");
            assert!(
                guessed.frames.iter().all(|f| f.status == Status::Ok),
                "cut {cut}"
            );
        }
    }
}
