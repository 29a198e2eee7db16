//! Dumps people can share: the meter's identities replaced by stand-ins, everything else
//! byte for byte, every frame's verdict kept.
//!
//! What counts as an identity: in SML the server ID (in every message that carries it) and the
//! octet-string values of the device ID (`0.0.9`), the serial (`96.1.x`), the ownership number
//! (`0.0.0`, `0.0.1`–`0.0.8`) and the public key (`129-129:199.130.5`); in D0 the identification
//! line after manufacturer and baud character, and the values of the same codes and of `C.1.x`
//! (the meter's serial). Each distinct identity gets one stand-in, used wherever it occurs:
//! of the same length and form — binary stays binary (a DIN 43863-5 server ID keeps its type
//! bytes and manufacturer, the rest is replaced; a `1b` byte stays in place so that escapes do
//! not change), text keeps its letters and gets other digits, hex text other hex digits. The
//! stand-ins come from the identity's place in the dump, never from its value (a hash of a
//! serial number could be brute-forced).
//!
//! Then the checksums: each SML message CRC, each transport CRC, each D0 block check
//! character and DSMR CRC is changed by exactly what the new bytes change in the checksum
//! (CRCs and XOR are linear), so an intact frame stays intact and a damaged one stays damaged
//! by the same difference. Finally the result is decoded again and compared with the input:
//! if any frame's status changed, [`anonymize`] fails rather than hand out a dump that tells
//! a different story.

mod d0;
mod sml;

use crate::dump::{detect, Protocol};
use alloc::vec::Vec;
use core::fmt;

/// A dump with its identities replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymized {
    /// The bytes, as long as the input.
    pub bytes: Vec<u8>,
    /// What the input holds.
    pub protocol: Protocol,
    /// Distinct identities replaced.
    pub identities: usize,
    /// Places where one was replaced (a server ID is in every message that names it).
    pub places: usize,
    /// Frames or telegrams whose checksums were adjusted.
    pub checksums: usize,
}

/// Why a dump could not be anonymized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnonymizeError {
    /// After the replacement a frame decoded differently (which should not happen: the
    /// stand-ins keep lengths and escapes); nothing is handed out.
    Changed {
        /// The frame's offset.
        offset: usize,
    },
}

impl fmt::Display for AnonymizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnonymizeError::Changed { offset } => write!(
                f,
                "the frame at byte {offset} would decode differently after anonymizing; nothing was written"
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for AnonymizeError {}

/// Replaces the meter identities in a dump (SML or D0; other content comes back unchanged).
pub fn anonymize(bytes: &[u8]) -> Result<Anonymized, AnonymizeError> {
    let protocol = detect(bytes);
    let mut out = Anonymized {
        bytes: bytes.to_vec(),
        protocol,
        identities: 0,
        places: 0,
        checksums: 0,
    };
    match protocol {
        Protocol::Sml => sml::anonymize(bytes, &mut out)?,
        Protocol::D0 => d0::anonymize(bytes, &mut out)?,
        Protocol::Empty | Protocol::Unknown => {}
    }
    Ok(out)
}

/// The stand-ins: a small deterministic generator per identity, seeded by its index.
struct StandIns {
    state: u64,
}

impl StandIns {
    fn for_identity(index: usize) -> Self {
        StandIns {
            state: 0x5741_5454_5741_4543 ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        }
    }

    /// splitmix64.
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Another value below `n`, never `not` (so a stand-in always differs where it replaces).
    fn other_than(&mut self, n: u64, not: u64) -> u64 {
        let v = self.next() % (n - 1);
        if v >= not {
            v + 1
        } else {
            v
        }
    }
}

/// A stand-in for binary identity bytes: the first `keep` bytes and every `1b` stay, the rest
/// are other bytes that are not `1b`.
fn binary_stand_in(identity: &[u8], keep: usize, index: usize) -> Vec<u8> {
    let mut g = StandIns::for_identity(index);
    identity
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if i < keep || b == 0x1b {
                return b;
            }
            // 255 values without 0x1b, other than b.
            let not = u64::from(if b > 0x1b { b - 1 } else { b });
            let v = g.other_than(255, not) as u8;
            if v >= 0x1b {
                v + 1
            } else {
                v
            }
        })
        .collect()
}

/// A stand-in for identity text: digits become other digits; in hex text (only hex digits)
/// letters become other hex letters of the same case; other letters and characters stay.
fn text_stand_in(identity: &[u8], index: usize) -> Vec<u8> {
    let mut g = StandIns::for_identity(index);
    let hex = !identity.is_empty() && identity.iter().all(u8::is_ascii_hexdigit);
    identity
        .iter()
        .map(|&c| match c {
            b'0'..=b'9' => b'0' + g.other_than(10, u64::from(c - b'0')) as u8,
            b'a'..=b'f' if hex => b'a' + g.other_than(6, u64::from(c - b'a')) as u8,
            b'A'..=b'F' if hex => b'A' + g.other_than(6, u64::from(c - b'A')) as u8,
            other => other,
        })
        .collect()
}

/// Replaces every occurrence of `from` in `bytes` by `to` (same length); returns how many.
fn replace_all(bytes: &mut [u8], from: &[u8], to: &[u8]) -> usize {
    debug_assert_eq!(from.len(), to.len());
    if from.is_empty() {
        return 0;
    }
    let mut places = 0;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], from) {
        let start = at + i;
        bytes[start..start + from.len()].copy_from_slice(to);
        places += 1;
        at = start + from.len();
    }
    places
}

#[cfg(test)]
mod tests;
