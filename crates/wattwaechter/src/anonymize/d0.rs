//! D0: the identification line and identity values replaced, each telegram's block check
//! character and DSMR CRC adjusted by what the new characters change in them.

use super::{text_stand_in, AnonymizeError, Anonymized};
use crate::crc::crc16_arc;
use crate::d0::{parse, Bcc, Telegram};
use crate::obis::Obis;
use alloc::vec::Vec;

/// Whether a data set names an identity: the codes of SML ([`super::sml::is_identity`]) —
/// `C.1.x`, the serial in D0's letter notation, is `96.1.x` — or an address `C.1.…` the
/// parser could not read as a code.
fn names_identity(obis: Option<Obis>, address: &str) -> bool {
    obis.is_some_and(super::sml::is_identity) || address.starts_with("C.1.")
}

/// A 7-bit character with its even parity bit (7E1), as the meter sent it.
fn with_parity(c: u8) -> u8 {
    let c = c & 0x7f;
    c | (((c.count_ones() & 1) as u8) << 7)
}

pub(super) fn anonymize(input: &[u8], out: &mut Anonymized) -> Result<(), AnonymizeError> {
    let before = parse(input);
    // 7E1 bytes read as 8N1 keep their parity bits: the text is found without them and
    // written with them.
    let parity = before.parity_stripped;
    let text: Vec<u8> = input
        .iter()
        .map(|&b| if parity { b & 0x7f } else { b })
        .collect();
    // Every place of an identity, found where the parser read it (a value that merely equals
    // a serial elsewhere stays as it is).
    let mut places: Vec<(usize, usize)> = Vec::new();
    for t in &before.telegrams {
        if let Some(id) = &t.identification {
            // `/`, three letters of manufacturer, the baud character, then the ident.
            let at = t.range.start + 5;
            if !id.ident.is_empty()
                && text.get(at..at + id.ident.len()) == Some(id.ident.as_bytes())
            {
                places.push((at, id.ident.len()));
            }
        }
        for set in &t.data {
            if !names_identity(set.obis, &set.address) {
                continue;
            }
            let mut pos = set.offset;
            for v in &set.values {
                let Some(open) = text[pos..].iter().position(|&c| c == b'(') else {
                    break;
                };
                let start = pos + open + 1;
                let len = v.value.len();
                if len >= 4 && text.get(start..start + len) == Some(v.value.as_bytes()) {
                    places.push((start, len));
                }
                pos = start + len;
            }
        }
    }
    let mut identities: Vec<Vec<u8>> = Vec::new();
    for &(at, len) in &places {
        let identity = &text[at..at + len];
        let index = match identities.iter().position(|i| i == identity) {
            Some(i) => i,
            None => {
                identities.push(identity.to_vec());
                identities.len() - 1
            }
        };
        let stand_in = text_stand_in(identity, index);
        for (i, &c) in stand_in.iter().enumerate() {
            out.bytes[at + i] = if parity { with_parity(c) } else { c };
        }
        out.places += 1;
    }
    out.identities = identities.len();
    for t in &before.telegrams {
        if fix_checks(t, input, &mut out.bytes, parity) {
            out.checksums += 1;
        }
    }
    let after = parse(&out.bytes);
    let same = before.telegrams.len() == after.telegrams.len()
        && before.telegrams.iter().zip(&after.telegrams).all(|(a, b)| {
            a.range == b.range && a.status == b.status && a.data.len() == b.data.len()
        });
    if !same {
        let offset = before
            .telegrams
            .iter()
            .zip(&after.telegrams)
            .find(|(a, b)| a.range != b.range || a.status != b.status)
            .map_or(0, |(a, _)| a.range.start);
        return Err(AnonymizeError::Changed { offset });
    }
    Ok(())
}

/// Adjusts the telegram's block check character (XOR from after STX through ETX) and its
/// DSMR CRC (CRC-16/ARC from `/` through `!`) by what the new characters change; whether any
/// changed.
fn fix_checks(t: &Telegram, input: &[u8], out: &mut [u8], parity: bool) -> bool {
    let range = t.range.clone();
    if input[range.clone()] == out[range.clone()] {
        return false;
    }
    if let Bcc::Ok | Bcc::Mismatch { .. } = t.bcc {
        // The block check covers the bytes after STX through ETX (not the identification).
        let bcc_at = range.end - 1;
        let stx = input[range.clone()].iter().position(|&c| c & 0x7f == 0x02);
        let from = stx.map_or(bcc_at, |i| range.start + i + 1);
        let delta = input[from..bcc_at]
            .iter()
            .zip(&out[from..bcc_at])
            .fold(0u8, |d, (a, b)| d ^ a ^ b);
        out[bcc_at] ^= delta;
        if parity {
            out[bcc_at] = with_parity(out[bcc_at]);
        }
    }
    if let Some(crc) = t.crc16 {
        let text = &input[range.clone()];
        if let Some(bang) = text.iter().rposition(|&c| c == b'!') {
            let bang = range.start + bang;
            let delta = crc16_arc(&input[range.start..=bang]) ^ crc16_arc(&out[range.start..=bang]);
            let digits = &mut out[bang + 1..bang + 5];
            let lower = digits.iter().any(|c| c.is_ascii_lowercase());
            let value = crc.read ^ delta;
            for (i, d) in digits.iter_mut().enumerate() {
                let nibble = (value >> (12 - 4 * i)) & 0xf;
                let c = b"0123456789ABCDEF"[usize::from(nibble)];
                *d = if lower { c.to_ascii_lowercase() } else { c };
            }
        }
    }
    true
}
