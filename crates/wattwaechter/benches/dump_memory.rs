//! Peak heap use of the dump decoder for a 1 MiB and a 16 MiB dump made of the real SML
//! captures, as a multiple of the input size. `cargo xtask bench` runs this and prints the
//! table; the correctness bound (peak < 12× input) is a test in `tests/dump.rs`.

use peak_alloc::PeakAlloc;
use std::path::PathBuf;
use wattwaechter::dump::{self, DumpOptions};

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

/// The real captures, repeated to at least `len` bytes.
fn dump_of(len: usize) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sml");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/sml")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    let one: Vec<u8> = files
        .iter()
        .flat_map(|p| std::fs::read(p).expect("fixture"))
        .collect();
    let mut all = Vec::with_capacity(len + one.len());
    while all.len() < len {
        all.extend_from_slice(&one);
    }
    all
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that names nothing here is ignored.
    println!("| dump size | frames ok | peak heap during decode | peak / input | heap kept by the report |");
    println!("|---|---|---|---|---|");
    for mib in [1usize, 16] {
        let input = dump_of(mib << 20);
        PEAK.reset_peak_usage();
        let before = PEAK.current_usage();
        let report =
            dump::decode(&input, &DumpOptions::default()).expect("a dump of real captures");
        let peak = PEAK.peak_usage() - before;
        let kept = PEAK.current_usage() - before;
        println!(
            "| {:.2} MiB | {} | {:.2} MiB | {:.2}× | {:.2} MiB |",
            input.len() as f64 / 1048576.0,
            report.summary.frames_ok,
            peak as f64 / 1048576.0,
            peak as f64 / input.len() as f64,
            kept as f64 / 1048576.0,
        );
        drop(report);
    }
}
