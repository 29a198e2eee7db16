//! SML: identities found by decoding, replaced wherever their bytes occur, then the message
//! and transport CRCs adjusted by what the new bytes change.

use super::{binary_stand_in, replace_all, text_stand_in, AnonymizeError, Anonymized};
use crate::crc::{CrcKind, KERMIT, X25};
use crate::obis::Obis;
use crate::sml::parse::messages;
use crate::sml::transport::{decode_frames, raw_offset, FrameStatus};
use crate::sml::{decode, DecodeOptions, ReadingValue};
use alloc::vec::Vec;

/// The shortest identity searched for: shorter byte strings would match unrelated bytes.
const MIN_SEARCHED: usize = 4;

/// Whether the OBIS code names an identity: device ID `0.0.9`, ownership numbers `0.0.0`–
/// `0.0.8`, serials `96.1.x`, the public key `129-129:199.130.5` (any A and B but the last).
pub(super) fn is_identity(o: Obis) -> bool {
    let [a, b, c, d, e, _] = o.0;
    (c == 0 && d == 0 && e <= 9)
        || (c == 96 && d == 1)
        || (a, b, c, d, e) == (129, 129, 199, 130, 5)
}

pub(super) fn anonymize(input: &[u8], out: &mut Anonymized) -> Result<(), AnonymizeError> {
    let options = DecodeOptions::default();
    let before = decode(input, &options);
    // The identities, longest first (a server ID inside a longer value is replaced as part of
    // it first only if that value is an identity too).
    let mut identities: Vec<Vec<u8>> = Vec::new();
    let mut add = |bytes: &[u8]| {
        if bytes.len() >= MIN_SEARCHED && !identities.iter().any(|i| i == bytes) {
            identities.push(bytes.to_vec());
        }
    };
    for f in &before {
        if let Some(id) = &f.server_id {
            add(id);
        }
        for r in &f.readings {
            if let (Some(o), ReadingValue::Bytes { value }) = (r.obis, &r.value) {
                if is_identity(o) {
                    add(value);
                }
            }
        }
    }
    identities.sort_by_key(|i| core::cmp::Reverse(i.len()));
    for (index, identity) in identities.iter().enumerate() {
        let stand_in = stand_in(identity, index);
        out.places += replace_all(&mut out.bytes, identity, &stand_in);
        out.places += replace_cut(&mut out.bytes, identity, &stand_in);
    }
    out.identities = identities.len();
    out.checksums = fix_crcs(input, &mut out.bytes);
    let after = decode(&out.bytes, &options);
    let changed = before.len() != after.len()
        || before.iter().zip(&after).any(|(a, b)| {
            a.range != b.range || a.status != b.status || a.readings.len() != b.readings.len()
        });
    if changed {
        let offset = before
            .iter()
            .zip(&after)
            .find(|(a, b)| a.range != b.range || a.status != b.status)
            .map_or(0, |(a, _)| a.range.start);
        return Err(AnonymizeError::Changed { offset });
    }
    Ok(())
}

/// Text identities (printable ASCII) get a text stand-in; a DIN 43863-5 server ID
/// (`0a 01 FLAG …`) keeps its first five bytes; other binary identities are replaced whole.
fn stand_in(identity: &[u8], index: usize) -> Vec<u8> {
    if identity.iter().all(|b| b.is_ascii_graphic()) {
        return text_stand_in(identity, index);
    }
    let flag = identity.len() > 5 && identity[2..5].iter().all(u8::is_ascii_uppercase);
    binary_stand_in(identity, if flag { 5 } else { 0 }, index)
}

/// An identity cut by the window's edges: its end at the very start of the dump, its start at
/// the very end (at least [`MIN_SEARCHED`] bytes of it).
fn replace_cut(bytes: &mut [u8], identity: &[u8], stand_in: &[u8]) -> usize {
    let mut places = 0;
    let n = identity.len();
    for k in (MIN_SEARCHED..n).rev() {
        if bytes.len() >= k && bytes[..k] == identity[n - k..] {
            bytes[..k].copy_from_slice(&stand_in[n - k..]);
            places += 1;
            break;
        }
    }
    for k in (MIN_SEARCHED..n).rev() {
        let len = bytes.len();
        if len >= k && bytes[len - k..] == identity[..k] {
            bytes[len - k..].copy_from_slice(&stand_in[..k]);
            places += 1;
            break;
        }
    }
    places
}

/// XORs the 16-bit `delta` into two checksum bytes at `low` and `high` (SML sends both its
/// transport and its message CRCs low byte first).
fn xor_crc(bytes: &mut [u8], low: usize, high: usize, delta: u16) {
    bytes[low] ^= delta as u8;
    bytes[high] ^= (delta >> 8) as u8;
}

/// Adjusts every message CRC and transport CRC of the frames whose end was read by what the
/// changed bytes change in them; returns how many frames changed.
fn fix_crcs(input: &[u8], out: &mut [u8]) -> usize {
    let mut fixed = 0;
    for frame in decode_frames(input) {
        let range = frame.range.clone();
        if input[range.clone()] == out[range.clone()] {
            continue;
        }
        fixed += 1;
        // The message CRCs, over the unescaped payload (the escapes are unchanged: a stand-in
        // keeps every `1b` where it was).
        let new_payload = decode_frames(&out[range.clone()])
            .into_iter()
            .next()
            .map(|f| f.payload.into_owned())
            .unwrap_or_default();
        if new_payload.len() == frame.payload.len() {
            for m in messages(&frame.payload).flatten() {
                if m.crc_width != 2 {
                    continue;
                }
                let covered = &frame.payload[m.crc_range.clone()];
                let delta = X25.checksum(covered) ^ X25.checksum(&new_payload[m.crc_range.clone()]);
                if delta != 0 {
                    // The CRC's value bytes: before the end-of-message byte. X-25 (and KERMIT
                    // when so sent) low byte first; KERMIT as a plain Unsigned16 high first.
                    let raw = &out[range.clone()];
                    let first = range.start + raw_offset(raw, m.range.end - 3);
                    let second = range.start + raw_offset(raw, m.range.end - 2);
                    let kermit = KERMIT.checksum(covered);
                    let high_first =
                        m.message.crc == kermit && m.message.crc != kermit.swap_bytes();
                    if high_first {
                        xor_crc(out, second, first, delta);
                    } else {
                        xor_crc(out, first, second, delta);
                    }
                }
            }
        }
        // The transport CRC, over the wire bytes up to it, once the frame's end was read.
        if matches!(
            frame.status,
            FrameStatus::Ok | FrameStatus::CrcMismatch { .. }
        ) {
            let body = range.start..range.end - 2;
            let delta = X25.checksum(&input[body.clone()]) ^ X25.checksum(&out[body]);
            // KERMIT is sent high byte first by the meters that use it.
            if frame.crc == Some(CrcKind::Kermit) {
                xor_crc(out, range.end - 1, range.end - 2, delta);
            } else {
                xor_crc(out, range.end - 2, range.end - 1, delta);
            }
        }
    }
    fixed
}
