use super::*;
use crate::sml::buffer::ArrayBuf;
use crate::sml::encode;
use alloc::vec;
use hex_literal::hex;

/// Everything a frame reports, with owned payload, for comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    range: Range<usize>,
    payload: Vec<u8>,
    status: FrameStatus,
    crc: Option<CrcKind>,
    misaligned_end: bool,
}

fn seen_slice(input: &[u8]) -> Vec<Seen> {
    decode_frames(input)
        .into_iter()
        .map(|f| Seen {
            range: f.range,
            payload: f.payload.into_owned(),
            status: f.status,
            crc: f.crc,
            misaligned_end: f.misaligned_end,
        })
        .collect()
}

/// The push decoder, one byte at a time, with a fixed buffer.
fn seen_push(input: &[u8]) -> Vec<Seen> {
    let mut d = Decoder::new(ArrayBuf::<4096>::new());
    let mut out = Vec::new();
    let mut record = |f: TransportFrame<'_>| {
        out.push(Seen {
            range: f.start as usize..f.end as usize,
            payload: f.payload.to_vec(),
            status: f.status,
            crc: f.crc,
            misaligned_end: f.misaligned_end,
        })
    };
    for &b in input {
        if let Some(f) = d.push_byte(b) {
            record(f);
        }
    }
    if let Some(f) = d.finish() {
        record(f);
    }
    out
}

/// Decodes with both APIs, asserts they agree, returns the result.
fn both(input: &[u8]) -> Vec<Seen> {
    let a = seen_slice(input);
    assert_eq!(a, seen_push(input), "push and slice APIs disagree");
    a
}

#[test]
fn one_frame() {
    let wire = encode::frame(&hex!("76 05 01020304 6200 6200 72 630201 7101 63 0000 00"));
    let f = both(&wire);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].status, FrameStatus::Ok);
    assert_eq!(f[0].crc, Some(CrcKind::X25));
    assert_eq!(f[0].range, 0..wire.len());
    assert_eq!(f[0].payload.len(), 20);
}

#[test]
fn every_padding_length() {
    for len in 0..12 {
        let payload: Vec<u8> = (1..=len as u8).collect();
        let wire = encode::frame(&payload);
        assert_eq!(wire.len() % 4, 0);
        let f = both(&wire);
        assert_eq!(f.len(), 1, "len {len}");
        assert_eq!(f[0].status, FrameStatus::Ok);
        assert_eq!(f[0].payload, payload);
    }
}

#[test]
fn escaped_escapes_are_unescaped_only_when_aligned() {
    // An aligned 1b1b1b1b is doubled on the wire; unaligned 1b runs are data.
    let payload = hex!("1b1b1b1b 00 1b1b1b1b 1b 000000 1b1b1b1b 1b1b1b1b");
    let wire = encode::frame(&payload);
    assert_eq!(&wire[8..16], hex!("1b1b1b1b 1b1b1b1b"));
    let f = both(&wire);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].status, FrameStatus::Ok);
    assert_eq!(f[0].payload, payload);
    let spans = decode_frames(&wire);
    assert!(matches!(spans[0].payload, Cow::Owned(_)));
}

#[test]
fn payload_ending_in_escape_bytes_next_to_the_end_sequence() {
    // 1–3 trailing 1b bytes right before the end escape (the sml-rs special case).
    for n in 1..=3 {
        let mut payload = vec![0x76, 0x01, 0x02];
        payload.truncate(4 - n);
        payload.extend(core::iter::repeat_n(0x1b, n));
        let wire = encode::frame(&payload);
        let f = both(&wire);
        assert_eq!(f.len(), 1, "{n} trailing 1b");
        assert_eq!(f[0].status, FrameStatus::Ok);
        assert_eq!(f[0].payload, payload);
    }
}

#[test]
fn garbage_before_between_and_after_frames() {
    let a = encode::frame(b"first");
    let b = encode::frame(b"second!!");
    let mut input = b"\x00\xffgarbage\x1b\x1b\x1b".to_vec();
    let a_at = input.len();
    input.extend(&a);
    input.extend(hex!("1b1b 0101 1b1b1b 00"));
    let b_at = input.len();
    input.extend(&b);
    input.extend(b"tail");
    let f = both(&input);
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].range, a_at..a_at + a.len());
    assert_eq!(f[1].range, b_at..b_at + b.len());
    assert!(f.iter().all(|x| x.status == FrameStatus::Ok));
    let spans = decode_frames(&input);
    assert_eq!(
        gaps(&spans, input.len()),
        vec![0..a_at, a_at + a.len()..b_at, b_at + b.len()..input.len()]
    );
}

#[test]
fn restart_inside_a_frame_aborts_it() {
    let first = encode::frame(b"abcdefgh");
    let second = encode::frame(b"xyz");
    // Aligned restart: cut the first frame after 12 bytes (start + 4 payload bytes).
    let mut input = first[..12].to_vec();
    input.extend(&second);
    let f = both(&input);
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].status, FrameStatus::Aborted);
    assert_eq!(f[0].range, 0..12);
    assert_eq!(f[0].payload, b"abcd");
    assert_eq!(f[1].status, FrameStatus::Ok);
    assert_eq!(f[1].range, 12..12 + second.len());
    // Misaligned restart: cut after 14 bytes.
    let mut input = first[..14].to_vec();
    input.extend(&second);
    let f = both(&input);
    assert_eq!(f[0].status, FrameStatus::Aborted);
    assert_eq!(f[0].range, 0..14);
    assert_eq!(f[0].payload, b"abcdef");
    assert_eq!(f[1].status, FrameStatus::Ok);
    assert_eq!(f[1].payload, b"xyz");
}

#[test]
fn dropped_bytes_give_a_misaligned_end_and_a_crc_mismatch() {
    let wire = encode::frame(b"0123456789ab");
    let mut input = wire.clone();
    input.remove(10);
    let next = encode::frame(b"ok");
    input.extend(&next);
    let f = both(&input);
    assert_eq!(f.len(), 2);
    assert!(matches!(f[0].status, FrameStatus::CrcMismatch { .. }));
    assert!(f[0].misaligned_end);
    assert_eq!(f[0].range, 0..wire.len() - 1);
    assert_eq!(f[1].status, FrameStatus::Ok);
}

#[test]
fn a_flipped_bit_is_a_crc_mismatch_with_both_values() {
    let mut wire = encode::frame(b"0123456789ab");
    wire[9] ^= 0x01;
    let f = both(&wire);
    match f[0].status {
        FrameStatus::CrcMismatch { read, computed } => {
            assert_eq!(
                read,
                u16::from_le_bytes([wire[wire.len() - 2], wire[wire.len() - 1]])
            );
            assert_ne!(read, computed);
        }
        s => panic!("{s:?}"),
    }
}

#[test]
fn window_cut_at_both_ends() {
    let a = encode::frame(b"previous frame..");
    let b = encode::frame(b"complete");
    let c = encode::frame(b"next frame");
    let mut input = a[7..].to_vec();
    input.extend(&b);
    input.extend(&c[..c.len() - 5]);
    let f = both(&input);
    let statuses: Vec<_> = f.iter().map(|x| x.status).collect();
    assert_eq!(
        statuses,
        [
            FrameStatus::TruncatedStart,
            FrameStatus::Ok,
            FrameStatus::TruncatedEnd
        ]
    );
    assert_eq!(f[0].range, 0..a.len() - 7);
    assert!(f[0].payload.is_empty());
    // Received so far: the payload, its padding and three bytes of the end escape.
    assert_eq!(f[2].payload, b"next frame\0\0\x1b\x1b\x1b");
    assert_eq!(f[2].range.end, input.len());
}

/// A frame that lost 1–3 bytes at its end, directly followed by the next frame: its end
/// sequence takes the first bytes of the next start sequence as padding count and CRC. The
/// damaged frame must end where the start sequence begins, aborted by it, and the next frame
/// be read whole (before, the next frame was reported as a truncated start and its values
/// were lost).
#[test]
fn a_damaged_end_does_not_swallow_the_next_start_sequence() {
    let a = encode::frame(b"0123456789ab");
    let b = encode::frame(b"the next frame");
    for lost in 1..=3 {
        let mut input = a[..a.len() - lost].to_vec();
        input.extend(&b);
        let f = both(&input);
        assert_eq!(f.len(), 2, "lost {lost}: {f:?}");
        let cut = a.len() - lost;
        assert_eq!(f[0].range, 0..cut, "lost {lost}");
        assert_eq!(f[0].status, FrameStatus::Aborted, "lost {lost}");
        assert_eq!(f[0].crc, None);
        assert_eq!(f[1].range, cut..input.len(), "lost {lost}");
        assert_eq!(f[1].status, FrameStatus::Ok);
        assert_eq!(f[1].payload, b"the next frame");
    }
}

/// The same after an end sequence without a start (a window that begins mid-frame).
#[test]
fn an_orphan_end_does_not_swallow_the_next_start_sequence() {
    let a = encode::frame(b"0123456789ab");
    let b = encode::frame(b"next");
    let mut input = a[10..a.len() - 1].to_vec();
    input.extend(&b);
    let f = both(&input);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].status, FrameStatus::TruncatedStart);
    assert_eq!(f[0].range, 0..a.len() - 11);
    assert_eq!(f[1].status, FrameStatus::Ok);
    assert_eq!(f[1].range, a.len() - 11..input.len());
}

/// A frame whose CRC really ends in `1b`: a failed one is held until the next bytes show that
/// no start sequence begins inside its end sequence, then reported whole; a good one is never
/// held.
#[test]
fn a_crc_ending_in_1b_is_part_of_its_frame() {
    let good = (0u16..)
        .map(|i| encode::frame(&i.to_be_bytes()))
        .find(|w| w[w.len() - 1] == 0x1b)
        .expect("some payload has a CRC ending in 1b");
    let mut bad = good.clone();
    bad[9] ^= 0x01;
    let next = encode::frame(b"next");
    let tails: [&[u8]; 5] = [
        &[],
        &hex!("00112233"),
        &hex!("1b1b1b 02"),
        &hex!("1b1b1b 010101 02"),
        &hex!("1b1b1b1b 1a 00 1234"),
    ];
    for tail in tails {
        for (frame, ok) in [(&good, true), (&bad, false)] {
            let mut input = frame.clone();
            input.extend(tail);
            input.extend(&next);
            let f = both(&input);
            assert_eq!(
                f[0].range,
                0..frame.len(),
                "tail {tail:02x?}, ok {ok}: {f:?}"
            );
            assert_eq!(f[0].status == FrameStatus::Ok, ok);
            let last = f.last().unwrap();
            assert_eq!(last.status, FrameStatus::Ok, "tail {tail:02x?}: {f:?}");
            assert_eq!(last.payload, b"next");
        }
    }
    // An end sequence right after the held frame is an orphan end of its own.
    let mut input = bad.clone();
    input.extend(hex!("1b1b1b 1a 00 1234"));
    let f = both(&input);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].range, 0..bad.len());
    assert_eq!(f[1].status, FrameStatus::TruncatedStart);
    assert_eq!(f[1].range, bad.len()..input.len());
}

/// After an escaped escape, a start sequence that begins inside the escaped block is
/// unaligned, so it is a restart like every unaligned one; one that follows the block is
/// aligned data. (Before, every start sequence overlapping the block was data: a frame whose
/// start sequence followed lost bytes and a run of `1b` was read as part of the one before.)
#[test]
fn an_unaligned_start_sequence_after_an_escaped_escape_is_a_restart() {
    let inner = encode::frame(b"inner");
    let mut input = START.to_vec();
    input.extend(hex!("76010203 1b1b1b1b 1b1b1b1b 1b 01010101"));
    input.extend(&inner[START.len()..]);
    let f = both(&input);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].status, FrameStatus::Aborted);
    assert_eq!(f[0].range, 0..17);
    assert_eq!(f[1].status, FrameStatus::Ok);
    assert_eq!(f[1].range, 17..input.len());
    assert_eq!(f[1].payload, b"inner");

    let data = hex!("76010203 1b1b1b1b 01010101 1b1b1b1b 1a000000");
    let wire = encode::frame(&data);
    let f = both(&wire);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].status, FrameStatus::Ok);
    assert_eq!(f[0].payload, data);
}

#[test]
fn kermit_crc_is_accepted_and_reported() {
    let wire = encode::frame_with_crc(b"holley", CrcKind::Kermit);
    let f = both(&wire);
    assert_eq!(f[0].status, FrameStatus::Ok);
    assert_eq!(f[0].crc, Some(CrcKind::Kermit));
}

#[test]
fn invalid_escape_is_malformed_and_resyncs() {
    let mut input = hex!("1b1b1b1b 01010101 76010203 1b1b1b1b 02020202").to_vec();
    let good = encode::frame(b"good");
    input.extend(&good);
    let f = both(&input);
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].status,
        FrameStatus::Malformed(TransportError::InvalidEscape {
            found: [2, 2, 2, 2],
            offset: 12
        })
    );
    assert_eq!(f[0].range, 0..12);
    assert_eq!(f[1].status, FrameStatus::Ok);
}

#[test]
fn invalid_padding_count() {
    let mut wire = encode::frame(b"abc");
    let n = wire.len();
    wire[n - 3] = 7;
    let f = both(&wire);
    assert_eq!(
        f[0].status,
        FrameStatus::Malformed(TransportError::InvalidPadding {
            count: 7,
            offset: n as u64 - 3
        })
    );
}

#[test]
fn frame_longer_than_the_buffer() {
    let wire = encode::frame(&[0x42; 100]);
    let mut d = Decoder::new(ArrayBuf::<32>::new());
    let mut statuses = Vec::new();
    for &b in &wire {
        if let Some(f) = d.push_byte(b) {
            statuses.push(f.status);
        }
    }
    // The frame is cut off at the limit; its tail is then found as a truncated start.
    assert_eq!(
        statuses,
        [
            FrameStatus::Malformed(TransportError::TooLong {
                limit: 32,
                offset: 40
            }),
            FrameStatus::TruncatedStart
        ]
    );
    // The slice API has the same limit, configurable.
    let spans = decode_frames_with_limit(&wire, 32);
    assert!(matches!(
        spans[0].status,
        FrameStatus::Malformed(TransportError::TooLong { .. })
    ));
    assert_eq!(decode_frames(&wire)[0].status, FrameStatus::Ok);
}

#[test]
fn feed_returns_the_unconsumed_rest() {
    let a = encode::frame(b"one");
    let b = encode::frame(b"two");
    let mut input = a.clone();
    input.extend(&b);
    let mut d = Decoder::new(VecBuf::with_limit(1024));
    let (frame, rest) = d.feed(&input);
    assert_eq!(frame.unwrap().payload, b"one");
    assert_eq!(rest, &b[..]);
    let (frame, rest) = d.feed(rest);
    assert_eq!(frame.unwrap().payload, b"two");
    assert!(rest.is_empty());
    assert_eq!(d.feed(&[]).0, None);
    assert_eq!(d.position(), input.len() as u64);
}

#[test]
fn chunked_feeding_equals_bytewise() {
    let mut input = Vec::new();
    for i in 0..5u8 {
        input.extend(b"\x00\x01junk");
        input.extend(encode::frame(&vec![i; usize::from(i) * 7]));
    }
    input.truncate(input.len() - 3);
    let expected = seen_push(&input);
    for chunk in [1, 2, 3, 7, 64] {
        let mut d = Decoder::new(VecBuf::with_limit(1024));
        let mut got = Vec::new();
        for piece in input.chunks(chunk) {
            let mut rest = piece;
            loop {
                let (f, r) = d.feed(rest);
                rest = r;
                match f {
                    Some(f) => got.push((f.start, f.end, f.status)),
                    None => break,
                }
            }
        }
        if let Some(f) = d.finish() {
            got.push((f.start, f.end, f.status));
        }
        let want: Vec<_> = expected
            .iter()
            .map(|s| (s.range.start as u64, s.range.end as u64, s.status))
            .collect();
        assert_eq!(got, want, "chunk size {chunk}");
    }
}

#[test]
fn reset_forgets_a_partial_frame() {
    let wire = encode::frame(b"abcdefgh");
    let mut d = Decoder::new(ArrayBuf::<64>::new());
    for &b in &wire[..12] {
        assert!(d.push_byte(b).is_none());
    }
    d.reset();
    assert_eq!(d.finish(), None);
}

#[test]
fn raw_offsets_account_for_escapes() {
    let payload = hex!("01020304 1b1b1b1b 05060708");
    let wire = encode::frame(&payload);
    assert_eq!(raw_offset(&wire, 0), 8);
    assert_eq!(raw_offset(&wire, 3), 11);
    assert_eq!(raw_offset(&wire, 8), 20);
    assert_eq!(raw_offset(&wire, 9), 21);
}

/// A buffer that counts the bytes offered to it, to see how often the decoder looks at them.
struct Counting {
    inner: VecBuf,
    offered: usize,
}

impl FrameBuffer for Counting {
    fn push(&mut self, byte: u8) -> bool {
        self.offered += 1;
        self.inner.push(byte)
    }
    fn extend_from_slice(&mut self, bytes: &[u8]) -> bool {
        self.offered += bytes.len();
        self.inner.extend_from_slice(bytes)
    }
    fn spare_capacity(&self) -> usize {
        self.inner.spare_capacity()
    }
    fn truncate(&mut self, len: usize) {
        self.inner.truncate(len)
    }
    fn as_slice(&self) -> &[u8] {
        self.inner.as_slice()
    }
}

/// A start sequence followed by more than the buffer holds without any `1b1b1b1b`: the fast
/// path used to scan to the next escape, fail to copy that much, step one byte and scan again
/// — every byte that still fitted cost a scan of the rest, quadratic in the frame's length (the
/// `sml_adversarial` group of `cargo xtask bench` times the long frame).
/// Now each byte is offered to the buffer at most once, whatever the chunking.
#[test]
fn a_frame_longer_than_the_buffer_is_read_in_linear_time() {
    let mut input = START.to_vec();
    input.extend(core::iter::repeat_n(0x42u8, 1 << 20));
    input.extend_from_slice(&encode::frame(&[1, 2, 3, 4]));
    for chunk in [input.len(), 4096, 7] {
        let mut d = Decoder::new(Counting {
            inner: VecBuf::with_limit(DEFAULT_MAX_PAYLOAD),
            offered: 0,
        });
        let mut statuses = Vec::new();
        for piece in input.chunks(chunk) {
            let mut rest = piece;
            while !rest.is_empty() {
                let (frame, r) = d.feed(rest);
                if let Some(f) = frame {
                    statuses.push(f.status.as_str());
                }
                rest = r;
            }
        }
        assert_eq!(statuses, ["malformed", "ok"], "chunks of {chunk}");
        assert!(
            d.buf.offered <= DEFAULT_MAX_PAYLOAD + 64,
            "{} bytes offered for a {DEFAULT_MAX_PAYLOAD}-byte buffer (chunks of {chunk})",
            d.buf.offered
        );
    }
}
