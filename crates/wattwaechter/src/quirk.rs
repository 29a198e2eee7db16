//! Meter quirks: deviations from the protocols (SML 1.04, IEC 62056-21) that the decoders
//! tolerate, listed per frame or telegram — one vocabulary for SML and D0.

use core::fmt;

/// One deviation from the specification that a frame needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Quirk {
    /// The transport CRC is CRC-16/KERMIT, not X-25 (Holley DTZ541 on RS485).
    KermitCrc,
    /// A message CRC is CRC-16/KERMIT, not X-25.
    KermitMessageCrc,
    /// An SML_Time was a bare Unsigned32 without the choice tag (Holley DTZ541).
    BareTime,
    /// A message CRC field was 1 byte long instead of 2.
    ShortMessageCrc,
    /// A reading carried unit code 0, which the DLMS table does not define.
    UnitZero,
    /// A reading's mandatory value was absent (`01`).
    MissingValue,
    /// The padding bytes before the end sequence were not zero.
    NonZeroPadding,
    /// Zero bytes after the last message of the payload.
    TrailingZeros,
    /// The end sequence announced 4 padding bytes (the specification allows 0–3).
    PaddingFour,
    /// The opt-in DZG DVS74 repair re-read a negative Integer power as unsigned.
    DzgSignRepaired,
    /// D0: the bytes had their 7E1 parity bit set (read as 8N1); it was removed.
    ParityStripped,
    /// D0: an intact telegram without a block check character (push mode D): damage to it
    /// cannot be detected, so it does not count towards the checksum error rate.
    NoBcc,
}

impl Quirk {
    /// Every quirk, in order.
    pub const ALL: [Quirk; 12] = [
        Quirk::KermitCrc,
        Quirk::KermitMessageCrc,
        Quirk::BareTime,
        Quirk::ShortMessageCrc,
        Quirk::UnitZero,
        Quirk::MissingValue,
        Quirk::NonZeroPadding,
        Quirk::TrailingZeros,
        Quirk::PaddingFour,
        Quirk::DzgSignRepaired,
        Quirk::ParityStripped,
        Quirk::NoBcc,
    ];

    /// The stable snake_case name used in reports and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Quirk::KermitCrc => "kermit_crc",
            Quirk::KermitMessageCrc => "kermit_message_crc",
            Quirk::BareTime => "bare_time",
            Quirk::ShortMessageCrc => "short_message_crc",
            Quirk::UnitZero => "unit_zero",
            Quirk::MissingValue => "missing_value",
            Quirk::NonZeroPadding => "nonzero_padding",
            Quirk::TrailingZeros => "trailing_zeros",
            Quirk::PaddingFour => "padding_four",
            Quirk::DzgSignRepaired => "dzg_sign_repaired",
            Quirk::ParityStripped => "parity_stripped",
            Quirk::NoBcc => "no_bcc",
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A quirk's name, as a static label (see [`crate::label`]).
#[cfg(feature = "serde")]
impl serde::Serialize for Quirk {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::label::StaticLabel(self.as_str()).serialize(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Quirks {
    /// A list of quirk names.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl fmt::Display for Quirk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of quirks (no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Quirks(u16);

impl Quirks {
    /// The empty set.
    pub const fn new() -> Self {
        Quirks(0)
    }
    /// Adds a quirk.
    pub fn insert(&mut self, q: Quirk) {
        self.0 |= q.bit();
    }
    /// Whether the set contains `q`.
    pub const fn contains(&self, q: Quirk) -> bool {
        self.0 & q.bit() != 0
    }
    /// Whether the set is empty.
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }
    /// The quirks in the set, in [`Quirk::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = Quirk> + '_ {
        Quirk::ALL.into_iter().filter(|q| self.contains(*q))
    }
}

impl FromIterator<Quirk> for Quirks {
    fn from_iter<I: IntoIterator<Item = Quirk>>(iter: I) -> Self {
        let mut s = Quirks::new();
        for q in iter {
            s.insert(q);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_set_works() {
        let mut names: alloc::vec::Vec<_> = Quirk::ALL.iter().map(|q| q.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Quirk::ALL.len());
        let s: Quirks = [Quirk::BareTime, Quirk::KermitCrc].into_iter().collect();
        assert!(s.contains(Quirk::BareTime) && !s.contains(Quirk::UnitZero));
        assert_eq!(
            s.iter().collect::<alloc::vec::Vec<_>>(),
            [Quirk::KermitCrc, Quirk::BareTime]
        );
    }
}
