//! Throughput of the full SML pipeline (frames → messages → values) on the real captures
//! concatenated to ≥ 1 MiB, against sml-rs (its transport decoder + `parser::complete::parse`)
//! on the same bytes in the same run; and on hostile inputs against the real captures.
//! `cargo xtask bench` prints the table.

// criterion_group! generates undocumented functions.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use wattwaechter::sml::{self, DecodeOptions, Status};

/// The 27 real captures, repeated to at least 1 MiB.
fn corpus() -> Vec<u8> {
    repeated_to_1_mib("sml", "bin")
}

/// The files of `tests/fixtures/<dir>` ending in `.<extension>`, in name order, repeated to at
/// least 1 MiB.
fn repeated_to_1_mib(dir: &str, extension: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    let one: Vec<u8> = files
        .iter()
        .flat_map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut all = Vec::new();
    while all.len() < 1 << 20 {
        all.extend_from_slice(&one);
    }
    all
}

/// Ours: every frame decoded, messages parsed, readings with exact decimals (through
/// `for_each_frame`, which reuses one frame's allocations, as sml-rs's decoder reuses its
/// buffer).
fn ours(input: &[u8]) -> (usize, usize) {
    let opts = DecodeOptions::default();
    let (mut ok, mut values) = (0, 0);
    sml::for_each_frame(input, &opts, |f| {
        if f.status == Status::Ok {
            ok += 1;
        }
        values += f.readings.len();
    });
    (ok, values)
}

/// Ours, the frames the npm package's `decodeSml` returns (values as exact text with names),
/// built as Rust objects: the native baseline for `decodeSml` (which writes the same frames
/// straight to JS objects through `dump::SmlFramesView`).
fn ours_dump_frames(input: &[u8]) -> usize {
    wattwaechter::dump::sml_frames(input, &DecodeOptions::default()).len()
}

/// Ours, in the form the npm package's `decodeReadings` returns (columns, values as f64): the
/// native baseline for that measurement.
fn ours_reading_table(input: &[u8]) -> usize {
    sml::reading_table(input, &DecodeOptions::default())
        .row_values
        .len()
}

/// sml-rs: its push decoder, then the allocating parser on every good frame.
fn sml_rs(input: &[u8]) -> (usize, usize) {
    let mut decoder = sml_rs::transport::Decoder::<Vec<u8>>::new();
    let (mut ok, mut values) = (0, 0);
    for &b in input {
        if let Ok(Some(payload)) = decoder.push_byte(b) {
            if let Ok(file) = sml_rs::parser::complete::parse(payload) {
                ok += 1;
                for m in &file.messages {
                    if let sml_rs::parser::complete::MessageBody::GetListResponse(r) =
                        &m.message_body
                    {
                        values += r.val_list.len();
                    }
                }
            }
        }
    }
    (ok, values)
}

fn pipeline(c: &mut Criterion) {
    let input = corpus();
    // Both see the same frames (sml-rs does not accept KERMIT; the captures have none).
    let (a, b) = (ours(&input), sml_rs(&input));
    assert_eq!(a.0, b.0, "frames ok: ours {a:?}, sml-rs {b:?}");
    let mut g = c.benchmark_group("sml_pipeline");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.sample_size(20);
    g.bench_function("wattwaechter", |bench| {
        bench.iter(|| ours(black_box(&input)))
    });
    g.bench_function("sml-rs", |bench| bench.iter(|| sml_rs(black_box(&input))));
    g.bench_function("wattwaechter-dump-frames", |bench| {
        bench.iter(|| ours_dump_frames(black_box(&input)))
    });
    g.bench_function("wattwaechter-reading-table", |bench| {
        bench.iter(|| ours_reading_table(black_box(&input)))
    });
    g.finish();
}

/// Hostile inputs of 1 MiB each, against the real captures in the same run: a
/// start sequence followed by 1 MiB without an escape (the transport's fast path was once
/// quadratic on it: 1.44 s in the release CLI), and 1 MiB of start sequences (an aborted frame
/// every 8 bytes). Both must decode at the normal per-byte cost or better.
fn adversarial(c: &mut Criterion) {
    let start = [0x1b, 0x1b, 0x1b, 0x1b, 0x01, 0x01, 0x01, 0x01];
    let mut long_frame = start.to_vec();
    long_frame.resize(1 << 20, 0x42);
    let starts = start.repeat((1 << 20) / 8);
    let mut real = corpus();
    real.truncate(1 << 20);
    let mut g = c.benchmark_group("sml_adversarial");
    g.throughput(Throughput::Bytes(1 << 20));
    g.sample_size(20);
    for (name, input) in [
        ("real-captures", &real),
        ("long-frame", &long_frame),
        ("start-sequences", &starts),
    ] {
        g.bench_function(name, |bench| bench.iter(|| ours(black_box(input))));
    }
    g.finish();
}

/// The transport CRC over the captures: the crate's table layout (slice-by-16 with `std`)
/// against the one-table layout bare-metal builds keep in flash (the `crc` crate's
/// `Table<1>`, the same algorithm).
fn crc(c: &mut Criterion) {
    let input = corpus();
    const ONE_TABLE: ::crc::Crc<u16, ::crc::Table<1>> =
        ::crc::Crc::<u16, ::crc::Table<1>>::new(&::crc::CRC_16_IBM_SDLC);
    assert_eq!(
        wattwaechter::crc::X25.checksum(&input),
        ONE_TABLE.checksum(&input)
    );
    let mut g = c.benchmark_group("crc");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_function("x25-slice-by-16", |bench| {
        bench.iter(|| wattwaechter::crc::X25.checksum(black_box(&input)))
    });
    g.bench_function("x25-one-table", |bench| {
        bench.iter(|| ONE_TABLE.checksum(black_box(&input)))
    });
    g.finish();
}

/// The D0 captures, repeated to at least 1 MiB.
fn d0_corpus() -> Vec<u8> {
    repeated_to_1_mib("d0", "txt")
}

/// The stream decoders against the whole-buffer ones on the same input, fed in 64-byte
/// chunks (a serial port's reads): the cost of not having the whole input.
fn stream(c: &mut Criterion) {
    use wattwaechter::d0::stream::D0Stream;
    use wattwaechter::sml::stream::SmlStream;
    let sml_input = corpus();
    let d0_input = d0_corpus();
    let mut g = c.benchmark_group("stream");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(sml_input.len() as u64));
    g.bench_function("sml-whole", |bench| {
        bench.iter(|| sml::decode(black_box(&sml_input), &DecodeOptions::default()).len())
    });
    g.bench_function("sml-stream-64", |bench| {
        bench.iter(|| {
            let mut stream = SmlStream::new(DecodeOptions::default());
            let mut frames = 0;
            for chunk in black_box(&sml_input).chunks(64) {
                let mut rest = chunk;
                while !rest.is_empty() {
                    let (frame, after) = stream.feed(rest);
                    frames += usize::from(frame.is_some());
                    rest = after;
                }
            }
            frames + usize::from(stream.finish().is_some())
        })
    });
    g.throughput(Throughput::Bytes(d0_input.len() as u64));
    g.bench_function("d0-whole", |bench| {
        bench.iter(|| {
            wattwaechter::d0::parse(black_box(&d0_input))
                .telegrams
                .len()
        })
    });
    g.bench_function("d0-stream-64", |bench| {
        bench.iter(|| {
            let mut stream = D0Stream::new();
            let mut telegrams = 0;
            for chunk in black_box(&d0_input).chunks(64) {
                telegrams += stream.push(chunk).telegrams.len();
            }
            telegrams + stream.finish().telegrams.len()
        })
    });
    g.finish();
}

criterion_group!(benches, pipeline, adversarial, crc, stream);
criterion_main!(benches);
