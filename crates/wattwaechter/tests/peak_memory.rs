//! Peak heap of the decoders, measured with a counting allocator. A test binary of its own
//! with one test: a global allocator shared with tests running in parallel cannot measure.
//!
//! * A several-MB dump of real captures: memory proportional to the report.
//! * Hostile inputs: 50 MB of start sequences used to take 4.2 GB (every 8 bytes an
//!   aborted frame, decoded twice), 9.4 MB of D0 values on one line 1.35 GB. The report limits
//!   ([`wattwaechter::limits`]) keep every report within a small multiple of its input, and a
//!   report that reached one says so.

mod common;

use common::{fixtures, read_fixture};
use peak_alloc::PeakAlloc;
use wattwaechter::dump::{self, DumpOptions, Protocol};
use wattwaechter::limits::{LimitKind, Limits};

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

/// Decodes `input` as a dump; returns the report with the peak and the kept heap.
fn measured(input: &[u8]) -> (dump::Report, usize, usize) {
    PEAK.reset_peak_usage();
    let before = PEAK.current_usage();
    let report = dump::decode(input, &DumpOptions::default()).unwrap();
    let peak = PEAK.peak_usage() - before;
    let kept = PEAK.current_usage() - before;
    eprintln!(
        "{} B ({:?}): peak {peak} B ({:.2}× input), report {kept} B, {} frames",
        input.len(),
        report.protocol,
        peak as f64 / input.len() as f64,
        report.frames.len()
    );
    (report, peak, kept)
}

#[test]
fn peak_memory_stays_within_a_small_multiple_of_the_input() {
    // Real captures, several MB: one pass, memory proportional to the result.
    let mut names: Vec<_> = std::fs::read_dir(fixtures().join("sml"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".bin"))
        .collect();
    names.sort();
    let sources: Vec<Vec<u8>> = names
        .iter()
        .map(|n| read_fixture(&format!("sml/{n}")))
        .collect();
    let mut big = Vec::new();
    while big.len() < 4 << 20 {
        for s in &sources {
            big.extend_from_slice(s);
        }
    }
    let (report, peak, kept) = measured(&big);
    assert!(report.summary.frames_ok > 5000);
    assert_eq!(
        report.truncated, None,
        "real captures stay below the limits"
    );
    // The report itself (values as text, series) is what remains; the peak may exceed it
    // only by the frame being decoded and vector growth.
    assert!(
        peak < 2 * kept + (1 << 20),
        "peak {peak} B, report {kept} B"
    );
    assert!(peak < 12 * big.len(), "peak {peak} B for {} B", big.len());
    drop(report);

    // 8 MiB of start sequences: a million aborted frames, reported up to the frame limit.
    let starts: Vec<u8> = [0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01].repeat(1 << 20);
    let (report, peak, _) = measured(&starts);
    let limits = Limits::for_input(starts.len());
    let t = report.truncated.expect("the report says it stopped");
    assert_eq!((t.limit, t.max), (LimitKind::Frames, limits.max_frames));
    assert_eq!(report.frames.len(), limits.max_frames);
    assert_eq!(
        t.offset,
        8 * limits.max_frames,
        "it stopped at the next frame"
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.id == wattwaechter::dump::FindingId::ReportTruncated));
    assert!(
        peak < 12 * starts.len(),
        "peak {peak} B for {} B",
        starts.len()
    );
    drop(report);

    // 4 MiB of D0 values on one line: more values than the limit, in one telegram.
    let mut d0 = b"/ABC5\r\n\r\n1.8.0".to_vec();
    d0.extend("(1)".repeat((4 << 20) / 3).bytes());
    d0.extend_from_slice(b"\r\n!\r\n");
    let (report, peak, _) = measured(&d0);
    assert_eq!(report.protocol, Protocol::D0);
    let t = report.truncated.expect("the report says it stopped");
    assert_eq!((t.limit, t.offset), (LimitKind::Values, 0));
    assert!(report.frames.is_empty(), "the telegram did not fit");
    assert!(peak < 12 * d0.len(), "peak {peak} B for {} B", d0.len());
    drop(report);

    // Many small D0 telegrams: the telegram limit.
    let d0 = b"/ABC5\r\n\r\n!\r\n".repeat(300_000);
    let (report, peak, _) = measured(&d0);
    let t = report.truncated.expect("the report says it stopped");
    assert_eq!(t.limit, LimitKind::Frames);
    assert_eq!(report.frames.len(), Limits::for_input(d0.len()).max_frames);
    assert!(peak < 12 * d0.len(), "peak {peak} B for {} B", d0.len());
    drop(report);

    // Logs: 4 MB of one-character lines, and one line of 2 million fields.
    for (what, input, limit) in [
        ("lines", b"a\n".repeat(2_000_000), LimitKind::Frames),
        ("fields", b"a;".repeat(2_000_000), LimitKind::Values),
    ] {
        PEAK.reset_peak_usage();
        let before = PEAK.current_usage();
        let log = wattwaechter::log::parse(&input);
        let peak = PEAK.peak_usage() - before;
        eprintln!(
            "log of {what}: {} B, peak {peak} B ({:.2}× input), {} lines",
            input.len(),
            peak as f64 / input.len() as f64,
            log.lines.len()
        );
        assert_eq!(log.truncated.map(|t| t.limit), Some(limit), "{what}");
        assert!(peak < 16 * input.len(), "{what}: peak {peak} B");
    }
}
