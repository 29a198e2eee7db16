//! Hex text for byte strings, and exact integers for JSON (serde helpers).

use alloc::string::String;
use core::fmt::Write as _;

/// Lower-case hex of `bytes` (`[0x1b, 0x01]` → `"1b01"`).
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(feature = "serde")]
pub(crate) fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&encode(bytes))
}

#[cfg(feature = "serde")]
pub(crate) fn serialize_opt<S: serde::Serializer>(
    bytes: &Option<alloc::vec::Vec<u8>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match bytes {
        Some(b) => s.serialize_str(&encode(b)),
        None => s.serialize_none(),
    }
}

/// Integers that a JSON number holds exactly (|n| ≤ 2^53) as numbers, others as strings.
#[cfg(feature = "serde")]
pub(crate) fn serialize_exact_int<S: serde::Serializer>(n: &i128, s: S) -> Result<S::Ok, S::Error> {
    const EXACT: i128 = 1 << 53;
    if (-EXACT..=EXACT).contains(n) {
        s.serialize_i64(*n as i64)
    } else {
        s.collect_str(n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_lower_case() {
        assert_eq!(super::encode(&[0x1b, 0x01, 0xff]), "1b01ff");
        assert_eq!(super::encode(&[]), "");
    }
}
