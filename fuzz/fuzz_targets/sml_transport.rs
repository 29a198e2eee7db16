//! The transport decoders: the push decoder (fixed buffer, fed in chunks, whose fast path skips
//! to the next run of four `1b`) must agree with the byte-wise state machine (`push_byte`) and
//! with the slice API on any input; the frames are in order and do not overlap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::sml::buffer::ArrayBuf;
use wattwaechter::sml::transport::{decode_frames, Decoder};

fuzz_target!(|data: &[u8]| {
    let spans = decode_frames(data);
    let mut decoder = Decoder::new(ArrayBuf::<
        { wattwaechter::sml::transport::DEFAULT_MAX_PAYLOAD },
    >::new());
    let mut pushed = Vec::new();
    let mut rest = data;
    loop {
        let (frame, remaining) = decoder.feed(rest);
        rest = remaining;
        match frame {
            Some(f) => pushed.push((
                f.start as usize,
                f.end as usize,
                f.status,
                f.payload.to_vec(),
            )),
            None => break,
        }
    }
    if let Some(f) = decoder.finish() {
        pushed.push((
            f.start as usize,
            f.end as usize,
            f.status,
            f.payload.to_vec(),
        ));
    }
    let mut by_byte = Decoder::new(ArrayBuf::<
        { wattwaechter::sml::transport::DEFAULT_MAX_PAYLOAD },
    >::new());
    let mut stepped = Vec::new();
    for &b in data {
        if let Some(f) = by_byte.push_byte(b) {
            stepped.push((
                f.start as usize,
                f.end as usize,
                f.status,
                f.payload.to_vec(),
            ));
        }
    }
    if let Some(f) = by_byte.finish() {
        stepped.push((
            f.start as usize,
            f.end as usize,
            f.status,
            f.payload.to_vec(),
        ));
    }
    assert_eq!(pushed, stepped);
    let sliced: Vec<_> = spans
        .iter()
        .map(|s| (s.range.start, s.range.end, s.status, s.payload.to_vec()))
        .collect();
    assert_eq!(pushed, sliced);
    for pair in spans.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
    }
});
