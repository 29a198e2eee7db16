//! Hex text for byte strings, and exact integers for JSON (serde helpers).

use crate::quoted::Quoted;
use alloc::string::String;

/// Lower-case hex of `bytes` (`[0x1b, 0x01]` → `"1b01"`).
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    encode_into(bytes, &mut s);
    s
}

/// Appends the lower-case hex of `bytes` to `out`.
pub fn encode_into(bytes: &[u8], out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
}

/// Lower-case hex of `bytes`, `per_line` bytes to a line, each line ending in `\n`: the form
/// of a dump saved as text, which [`decode`] and the capture reader read back.
pub fn encode_lines(bytes: &[u8], per_line: usize) -> String {
    let per_line = per_line.max(1);
    let mut s = String::with_capacity(bytes.len() * 2 + bytes.len() / per_line + 1);
    for line in bytes.chunks(per_line) {
        encode_into(line, &mut s);
        s.push('\n');
    }
    s
}

/// Why a text is not hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexError {
    /// The byte offset in the text.
    pub offset: usize,
    /// The offending character (`None`: an odd number of digits, `offset` is the last one).
    pub found: Option<char>,
}

impl core::fmt::Display for HexError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.found {
            Some(c) => write!(f, "not a hex digit: {} at byte {}", Quoted(c), self.offset),
            None => write!(
                f,
                "odd number of hex digits (last digit at byte {})",
                self.offset
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for HexError {}

/// Reads hex text: pairs of digits (either case); ASCII whitespace anywhere and `0x` before
/// a pair are ignored, so `1b1b 1b1b`, `1B 1B`, hexdump-style lines without offsets and
/// `0x1b, 0x01` lists all work (`,` is ignored too).
pub fn decode(text: &str) -> Result<alloc::vec::Vec<u8>, HexError> {
    let bytes = text.as_bytes();
    let mut out = alloc::vec::Vec::with_capacity(bytes.len() / 2);
    let mut high: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() || c == b',' {
            i += 1;
            continue;
        }
        if high.is_none() && c == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
            i += 2;
            continue;
        }
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => {
                let ch = text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or('\u{fffd}');
                return Err(HexError {
                    offset: i,
                    found: Some(ch),
                });
            }
        };
        match high.take() {
            None => high = Some((digit, i)),
            Some((h, _)) => out.push((h << 4) | digit),
        }
        i += 1;
    }
    match high {
        Some((_, at)) => Err(HexError {
            offset: at,
            found: None,
        }),
        None => Ok(out),
    }
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
    fn lines_of_hex_read_back() {
        use super::{decode, encode_lines};
        let bytes: alloc::vec::Vec<u8> = (0..=40).collect();
        let text = encode_lines(&bytes, 16);
        assert_eq!(text.lines().count(), 3);
        assert!(text.starts_with("000102030405060708090a0b0c0d0e0f\n101112"));
        assert!(text.ends_with("2728\n"));
        assert_eq!(decode(&text).unwrap(), bytes);
        assert_eq!(encode_lines(&[], 16), "");
    }

    #[test]
    fn decodes_text_in_common_layouts() {
        use super::{decode, HexError};
        assert_eq!(
            decode("1b1b 1B1b\n0101").unwrap(),
            [0x1b, 0x1b, 0x1b, 0x1b, 1, 1]
        );
        assert_eq!(decode("0x1b, 0x01").unwrap(), [0x1b, 0x01]);
        assert_eq!(decode("").unwrap(), [] as [u8; 0]);
        assert_eq!(
            decode("1b 0g"),
            Err(HexError {
                offset: 4,
                found: Some('g')
            })
        );
        assert_eq!(
            decode("1b 0"),
            Err(HexError {
                offset: 3,
                found: None
            })
        );
        assert_eq!(
            decode("ä"),
            Err(HexError {
                offset: 0,
                found: Some('ä')
            })
        );
    }

    #[test]
    fn errors_name_the_character_and_offset() {
        use alloc::string::ToString;
        assert_eq!(
            super::decode("1b 0g").unwrap_err().to_string(),
            "not a hex digit: 'g' at byte 4"
        );
        assert_eq!(
            super::decode("1b\x07").unwrap_err().to_string(),
            "not a hex digit: U+0007 at byte 2"
        );
        assert_eq!(
            super::decode("1").unwrap_err().to_string(),
            "odd number of hex digits (last digit at byte 0)"
        );
    }

    #[test]
    fn encodes_lower_case() {
        assert_eq!(super::encode(&[0x1b, 0x01, 0xff]), "1b01ff");
        assert_eq!(super::encode(&[]), "");
        let all: alloc::vec::Vec<u8> = (0..=255).collect();
        let reference: alloc::string::String =
            all.iter().map(|b| alloc::format!("{b:02x}")).collect();
        assert_eq!(super::encode(&all), reference);
    }
}
