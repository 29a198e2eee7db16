//! The SML type-length field and the primitive values built on it.
//!
//! A TL byte is `m ttt llll`: `m` = another TL byte follows, `ttt` = type (0 octet string,
//! 4 boolean, 5 integer, 6 unsigned, 7 list), `llll` = length nibble. Continuation bytes are
//! `m 000 llll` and append their nibble. For lists the length counts elements; for everything
//! else it counts bytes *including* the TL bytes. `00` ends a message; `01` (an empty octet
//! string) marks an absent optional field.

use super::error::{PErr, ParseErrorKind, MAX_LIST_LEN, MAX_TL_BYTES};
use nom::number::complete::be_u8;
use nom::IResult;

/// At most this many list elements are reserved up front.
const PREALLOCATE_MAX: usize = 32;

/// Result type of the parsers: remaining input and value, or a positioned error.
pub(crate) type Res<'a, T> = IResult<&'a [u8], T, PErr>;

/// The type of an SML field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TlType {
    OctetString,
    Boolean,
    Integer,
    Unsigned,
    List,
    EndOfMessage,
}

/// A decoded TL field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tl {
    pub ty: TlType,
    /// Elements (lists) or bytes including the TL field (everything else).
    pub len: u32,
    /// Bytes of the TL field itself.
    pub size: u32,
    /// The first TL byte, for error messages.
    pub first: u8,
}

impl Tl {
    /// Data bytes that follow the TL field (not for lists).
    fn data_len(&self, at: &[u8]) -> Result<u32, nom::Err<PErr>> {
        self.len
            .checked_sub(self.size)
            .ok_or_else(|| PErr::at(at, ParseErrorKind::LengthTooShort(self.len)))
    }
}

/// Reads a TL field. The common one-byte field is decoded inline; continuation bytes and
/// every error take the out-of-line path.
#[inline]
pub(crate) fn tl(input: &[u8]) -> Res<'_, Tl> {
    if let [first @ 0x01..=0x7f, rest @ ..] = input {
        let ty = match first >> 4 {
            0 => TlType::OctetString,
            4 => TlType::Boolean,
            5 => TlType::Integer,
            6 => TlType::Unsigned,
            7 => TlType::List,
            _ => return tl_general(input),
        };
        return Ok((
            rest,
            Tl {
                ty,
                len: u32::from(first & 0x0f),
                size: 1,
                first: *first,
            },
        ));
    }
    tl_general(input)
}

/// [`tl`] for any input: end of message, multi-byte fields, and the errors.
#[inline(never)]
fn tl_general(input: &[u8]) -> Res<'_, Tl> {
    let (mut rest, first) = be_u8(input)?;
    if first == 0x00 {
        return Ok((
            rest,
            Tl {
                ty: TlType::EndOfMessage,
                len: 0,
                size: 1,
                first,
            },
        ));
    }
    let ty = match (first >> 4) & 0x7 {
        0 => TlType::OctetString,
        4 => TlType::Boolean,
        5 => TlType::Integer,
        6 => TlType::Unsigned,
        7 => TlType::List,
        _ => return Err(PErr::at(input, ParseErrorKind::InvalidTl(first))),
    };
    let mut len = u32::from(first & 0x0f);
    let mut size = 1u32;
    let mut more = first & 0x80 != 0;
    while more {
        if size as usize >= MAX_TL_BYTES {
            return Err(PErr::at(input, ParseErrorKind::TlTooLong));
        }
        let at = rest;
        let (r, b) = be_u8(rest)?;
        if b & 0x70 != 0 {
            return Err(PErr::at(at, ParseErrorKind::InvalidTl(b)));
        }
        len = (len << 4) | u32::from(b & 0x0f);
        more = b & 0x80 != 0;
        size += 1;
        rest = r;
    }
    Ok((
        rest,
        Tl {
            ty,
            len,
            size,
            first,
        },
    ))
}

fn wrong_type(input: &[u8], expected: &'static str) -> nom::Err<PErr> {
    PErr::at(
        input,
        ParseErrorKind::WrongType {
            expected,
            found: input.first().copied().unwrap_or(0),
        },
    )
}

/// Takes `n` bytes or fails with a length error located at `at` (the field's TL).
fn take_data<'a>(at: &'a [u8], rest: &'a [u8], n: u32) -> Res<'a, &'a [u8]> {
    let n_usize = n as usize;
    if n_usize > rest.len() {
        return Err(PErr::at(
            at,
            ParseErrorKind::LengthExceedsInput {
                declared: n,
                available: rest.len(),
            },
        ));
    }
    Ok((&rest[n_usize..], &rest[..n_usize]))
}

/// An octet string (`01` reads as the empty string).
pub(crate) fn octet_str(input: &[u8]) -> Res<'_, &[u8]> {
    let (rest, t) = tl(input)?;
    if t.ty != TlType::OctetString {
        return Err(wrong_type(input, "octet string"));
    }
    let n = t.data_len(input)?;
    take_data(input, rest, n)
}

/// `01` → `None`, anything else → the parser's result.
pub(crate) fn optional<'a, T>(
    input: &'a [u8],
    parser: impl FnOnce(&'a [u8]) -> Res<'a, T>,
) -> Res<'a, Option<T>> {
    if input.first() == Some(&0x01) {
        Ok((&input[1..], None))
    } else {
        let (rest, v) = parser(input)?;
        Ok((rest, Some(v)))
    }
}

/// A boolean (`42 xx`; any non-zero byte is true).
pub(crate) fn boolean(input: &[u8]) -> Res<'_, bool> {
    let (rest, t) = tl(input)?;
    if t.ty != TlType::Boolean {
        return Err(wrong_type(input, "boolean"));
    }
    let n = t.data_len(input)?;
    if n != 1 {
        return Err(PErr::at(input, ParseErrorKind::InvalidIntegerWidth(n)));
    }
    let (rest, b) = take_data(input, rest, 1)?;
    Ok((rest, b[0] != 0))
}

/// The data bytes of an integer field of the given type, 1–8 bytes.
fn int_bytes<'a>(input: &'a [u8], rest: &'a [u8], t: Tl) -> Res<'a, &'a [u8]> {
    let n = t.data_len(input)?;
    if !(1..=8).contains(&n) {
        return Err(PErr::at(input, ParseErrorKind::InvalidIntegerWidth(n)));
    }
    take_data(input, rest, n)
}

/// Any unsigned integer, with its width.
pub(crate) fn unsigned(input: &[u8]) -> Res<'_, (u64, u8)> {
    let (rest, t) = tl(input)?;
    if t.ty != TlType::Unsigned {
        return Err(wrong_type(input, "unsigned integer"));
    }
    let (rest, bytes) = int_bytes(input, rest, t)?;
    let value = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    Ok((rest, (value, bytes.len() as u8)))
}

/// Any signed integer, sign-extended, with its width.
pub(crate) fn signed(input: &[u8]) -> Res<'_, (i64, u8)> {
    let (rest, t) = tl(input)?;
    if t.ty != TlType::Integer {
        return Err(wrong_type(input, "integer"));
    }
    let (rest, bytes) = int_bytes(input, rest, t)?;
    let raw = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    let shift = 64 - 8 * bytes.len() as u32;
    let value = ((raw << shift) as i64) >> shift;
    Ok((rest, (value, bytes.len() as u8)))
}

/// An unsigned integer that must fit `T` (any width on the wire is accepted if it fits).
pub(crate) fn unsigned_as<'a, T: TryFrom<u64>>(input: &'a [u8], what: &'static str) -> Res<'a, T> {
    let (rest, (v, _)) = unsigned(input)?;
    let v = T::try_from(v).map_err(|_| PErr::at(input, ParseErrorKind::ValueOutOfRange(what)))?;
    Ok((rest, v))
}

/// A signed integer that must fit `T`.
pub(crate) fn signed_as<'a, T: TryFrom<i64>>(input: &'a [u8], what: &'static str) -> Res<'a, T> {
    let (rest, (v, _)) = signed(input)?;
    let v = T::try_from(v).map_err(|_| PErr::at(input, ParseErrorKind::ValueOutOfRange(what)))?;
    Ok((rest, v))
}

/// A list header; checks the element count when `expected` is given and that the count is
/// plausible (at most [`MAX_LIST_LEN`], at most one element per remaining byte).
pub(crate) fn list_header<'a>(
    input: &'a [u8],
    what: &'static str,
    expected: Option<u32>,
) -> Res<'a, u32> {
    let (rest, t) = tl(input)?;
    if t.ty != TlType::List {
        return Err(wrong_type(input, what));
    }
    if let Some(e) = expected {
        if t.len != e {
            return Err(PErr::at(
                input,
                ParseErrorKind::WrongListLength {
                    what,
                    expected: e,
                    found: t.len,
                },
            ));
        }
    }
    if t.len > MAX_LIST_LEN || t.len as usize > rest.len() {
        return Err(PErr::at(input, ParseErrorKind::TooManyEntries(t.len)));
    }
    Ok((rest, t.len))
}

/// A list of any length whose elements `item` parses.
pub(crate) fn list_of<'a, T>(
    input: &'a [u8],
    what: &'static str,
    mut item: impl FnMut(&'a [u8]) -> Res<'a, T>,
) -> Res<'a, alloc::vec::Vec<T>> {
    let (mut rest, n) = list_header(input, what, None)?;
    // Grow as elements really parse: every element consumes at least one byte, so memory stays
    // proportional to the input even when the declared count is a lie.
    let mut out = alloc::vec::Vec::with_capacity((n as usize).min(PREALLOCATE_MAX));
    for _ in 0..n {
        let (r, v) = item(rest)?;
        out.push(v);
        rest = r;
    }
    Ok((rest, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T>(r: Res<'_, T>) -> T {
        r.map(|(_, v)| v).unwrap()
    }

    #[test]
    fn tl_single_and_multi_byte() {
        let t = ok(tl(&[0x07]));
        assert_eq!((t.ty, t.len, t.size), (TlType::OctetString, 7, 1));
        let t = ok(tl(&[0x83, 0x02]));
        assert_eq!((t.ty, t.len, t.size), (TlType::OctetString, 0x32, 2));
        let t = ok(tl(&[0xf1, 0x06]));
        assert_eq!((t.ty, t.len, t.size), (TlType::List, 0x16, 2));
        let t = ok(tl(&[0x81, 0x81, 0x0f]));
        assert_eq!(t.len, 0x11f);
        assert_eq!(ok(tl(&[0x00])).ty, TlType::EndOfMessage);
    }

    #[test]
    fn tl_errors() {
        assert!(matches!(
            tl(&[0x10]),
            Err(nom::Err::Failure(PErr {
                kind: ParseErrorKind::InvalidTl(0x10),
                ..
            }))
        ));
        assert!(matches!(
            tl(&[0x81, 0x91]),
            Err(nom::Err::Failure(PErr {
                kind: ParseErrorKind::InvalidTl(0x91),
                remaining: 1
            }))
        ));
        assert!(matches!(
            tl(&[0x8f; 9]),
            Err(nom::Err::Failure(PErr {
                kind: ParseErrorKind::TlTooLong,
                ..
            }))
        ));
        assert!(tl(&[0x81]).is_err());
    }

    #[test]
    fn octet_strings() {
        assert_eq!(ok(octet_str(&[0x03, 0xaa, 0xbb])), &[0xaa, 0xbb]);
        assert_eq!(ok(octet_str(&[0x01])), &[] as &[u8]);
        // A 4 GiB length is an error, not an allocation.
        let e = octet_str(&[0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x8f, 0x0f, 0x00]).unwrap_err();
        assert!(matches!(
            e,
            nom::Err::Failure(PErr {
                kind: ParseErrorKind::LengthExceedsInput {
                    declared: 0xffff_fff7,
                    available: 1
                },
                remaining: 9
            })
        ));
        assert!(octet_str(&[0x80, 0x01]).is_err());
    }

    #[test]
    fn integers_of_every_width() {
        for width in 1..=8u8 {
            let mut bytes = alloc::vec![0x50 | (width + 1)];
            bytes.extend(core::iter::repeat_n(0xff, usize::from(width)));
            assert_eq!(ok(signed(&bytes)), (-1, width));
            bytes[0] = 0x60 | (width + 1);
            let max = if width == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * width)) - 1
            };
            assert_eq!(ok(unsigned(&bytes)), (max, width));
        }
        assert_eq!(ok(signed(&[0x54, 0x7f, 0xff, 0xff])), (0x7f_ffff, 3));
        assert_eq!(ok(signed(&[0x54, 0x80, 0x00, 0x00])), (-0x80_0000, 3));
        assert!(signed(&[0x5a, 1, 2, 3, 4, 5, 6, 7, 8, 9]).is_err());
        assert!(signed(&[0x51]).is_err());
    }

    #[test]
    fn lists_are_bounded() {
        assert!(list_header(&[0x72, 0x01, 0x01], "x", Some(2)).is_ok());
        assert!(list_header(&[0x73, 0x01, 0x01], "x", Some(2)).is_err());
        // A list claiming more elements than bytes left.
        assert!(matches!(
            list_header(&[0x7f, 0x01], "x", None),
            Err(nom::Err::Failure(PErr {
                kind: ParseErrorKind::TooManyEntries(15),
                ..
            }))
        ));
    }
}
