//! The stream decoders against the whole-buffer ones: every capture (SML and D0), cut into
//! chunks at random (one byte to the whole file), gives exactly the frames and telegrams of
//! decoding it at once; so do damaged captures and arbitrary bytes.

mod common;

use common::fuzz_checks::{stream_d0, stream_frames, stream_sml};
use common::mutation::{mutate, mutation};
use common::read_fixture;
use proptest::prelude::*;
use wattwaechter::sml::{self, DecodeOptions};

fn names(dir: &str, extension: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(common::fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(extension) && !n.contains("payload_only"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    names.sort();
    names
}

fn sml_captures() -> Vec<Vec<u8>> {
    [
        names("sml", ".bin"),
        names("sml", ".hex"),
        names("sml-synthetic", ".hex"),
    ]
    .concat()
    .iter()
    .map(|n| read_fixture(n))
    .collect()
}

fn d0_captures() -> Vec<Vec<u8>> {
    names("d0", ".txt")
        .iter()
        .map(|n| read_fixture(n))
        .collect()
}

/// Chunk sizes: mostly small (serial reads), sometimes one byte, sometimes huge.
fn chunks() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(
        prop_oneof![4 => 1usize..64, 2 => Just(1usize), 1 => 64usize..5000, 1 => Just(usize::MAX)],
        1..40,
    )
}

/// Every capture in one-byte chunks and whole: the extremes of the property below.
#[test]
fn every_capture_byte_by_byte_and_whole() {
    for bytes in sml_captures() {
        stream_sml(&bytes, &[1]);
        stream_sml(&bytes, &[usize::MAX]);
    }
    for bytes in d0_captures() {
        stream_d0(&bytes, &[1]);
        stream_d0(&bytes, &[usize::MAX]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sml_captures_in_any_chunks(index in any::<prop::sample::Index>(), sizes in chunks()) {
        let captures = sml_captures();
        stream_sml(index.get(&captures).as_slice(), &sizes);
    }

    #[test]
    fn d0_captures_in_any_chunks(index in any::<prop::sample::Index>(), sizes in chunks()) {
        let captures = d0_captures();
        stream_d0(index.get(&captures).as_slice(), &sizes);
    }

    #[test]
    fn frames_of_any_protocol_in_any_chunks(
        index in any::<prop::sample::Index>(),
        sizes in chunks(),
    ) {
        let captures = [sml_captures(), d0_captures()].concat();
        stream_frames(index.get(&captures).as_slice(), &sizes);
    }

    #[test]
    fn damaged_captures_in_any_chunks(
        index in any::<prop::sample::Index>(),
        muts in prop::collection::vec(mutation(), 1..12),
        sizes in chunks(),
    ) {
        let captures = [sml_captures(), d0_captures()].concat();
        let bytes = mutate(index.get(&captures).clone(), &muts);
        stream_sml(&bytes, &sizes);
        stream_d0(&bytes, &sizes);
    }

    #[test]
    fn arbitrary_bytes_in_any_chunks(
        bytes in prop::collection::vec(prop_oneof![
            3 => any::<u8>(),
            3 => prop::sample::select(b"/!()*\r\n\x02\x03\x06.:-ISK5MT0123456789\x1b\x01\x1a".to_vec()),
        ], 0..600),
        sizes in chunks(),
    ) {
        stream_sml(&bytes, &sizes);
        stream_d0(&bytes, &sizes);
    }
}

/// 2 MiB of captures pushed through one SML stream in serial-sized chunks: every frame comes
/// out, the position counts every byte (the frame buffer is bounded by construction: a
/// `VecBuf` with the payload limit).
#[test]
fn sml_memory_is_the_largest_frame() {
    let one = sml_captures().concat();
    let mut stream = sml::stream::SmlStream::new(DecodeOptions::default());
    let mut frames = 0;
    let rounds = (2 << 20) / one.len() + 1;
    for _ in 0..rounds {
        for chunk in one.chunks(64) {
            let mut rest = chunk;
            while !rest.is_empty() {
                let (frame, after) = stream.feed(rest);
                frames += usize::from(frame.is_some());
                rest = after;
            }
        }
    }
    assert!(frames > 1000);
    assert_eq!(stream.position(), (rounds * one.len()) as u64);
}

/// The D0 stream keeps only what is pending: after 10,000 telegrams its pending text is less
/// than one telegram plus the look ahead.
#[test]
fn d0_memory_is_the_telegram_being_received() {
    let telegram = b"/ISk5MT174-0001\r\n\r\n1-0:1.8.0*255(001234.5678*kWh)\r\n1-0:16.7.0*255(000345*W)\r\n!\r\n";
    let mut stream = wattwaechter::d0::stream::D0Stream::new();
    let mut n = 0;
    for _ in 0..10_000 {
        for chunk in telegram.chunks(13) {
            n += stream.push(chunk).telegrams.len();
        }
    }
    n += stream.finish().telegrams.len();
    assert_eq!(n, 10_000);
    assert_eq!(stream.position(), 10_000 * telegram.len());
}

/// Detection: every capture's stream tells the protocol a dump report tells, and gives its
/// frames; from a reader (`read_frames`) the same.
#[test]
fn the_protocol_is_detected_from_the_first_bytes() {
    use wattwaechter::dump::{self, Protocol};
    use wattwaechter::stream::{read_frames, FrameStream, StreamProtocol};
    for bytes in [sml_captures(), d0_captures()].concat() {
        let expected = dump::detect(&bytes);
        let mut stream = FrameStream::new(StreamProtocol::Auto, DecodeOptions::default());
        let mut frames = Vec::new();
        for chunk in bytes.chunks(37) {
            frames.extend(stream.push(chunk));
        }
        frames.extend(stream.finish());
        assert_eq!(stream.protocol(), Some(expected));
        let whole = match expected {
            Protocol::D0 => dump::d0_frames(&bytes),
            _ => dump::sml_frames(&bytes, &DecodeOptions::default()),
        };
        assert_eq!(frames, whole);
        let read: Vec<_> = read_frames(&bytes[..], StreamProtocol::Auto, DecodeOptions::default())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(read, whole);
    }
}

/// The embedded-io reader: a UART-like reader handing out a capture 16 bytes at a time gives
/// the frames of decoding it whole, into a fixed frame buffer; the async reader too.
#[test]
fn embedded_readers_give_the_whole_buffer_frames() {
    use wattwaechter::sml::buffer::ArrayBuf;
    use wattwaechter::sml::stream::{SmlReader, SmlStream};
    struct Uart<'a>(&'a [u8]);
    impl embedded_io::ErrorType for Uart<'_> {
        type Error = core::convert::Infallible;
    }
    impl embedded_io::Read for Uart<'_> {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
            let n = buf.len().min(16).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    impl embedded_io_async::Read for Uart<'_> {
        async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
            embedded_io::Read::read(self, buf)
        }
    }
    let options = DecodeOptions::default();
    for bytes in sml_captures() {
        let whole = sml::decode(&bytes, &options);
        let stream = SmlStream::with_buffer(ArrayBuf::<{ 64 * 1024 }>::new(), options);
        let mut reader: SmlReader<_, _, 64> = SmlReader::new(Uart(&bytes), stream);
        let mut frames = Vec::new();
        while let Some(frame) = reader.next_frame().unwrap() {
            frames.push(frame.clone());
        }
        assert_eq!(frames, whole);
        let stream = SmlStream::with_buffer(ArrayBuf::<{ 64 * 1024 }>::new(), options);
        let mut reader: SmlReader<_, _, 64> = SmlReader::new(Uart(&bytes), stream);
        let mut frames = Vec::new();
        while let Some(frame) = block_on(reader.next_frame_async()).unwrap() {
            frames.push(frame.clone());
        }
        assert_eq!(frames, whole);
    }
}

/// Runs a future that never waits (the test's reader is always ready).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut context) {
            return out;
        }
    }
}
