//! Errors of the SML message parser, each with the byte offset where it was found.

use crate::text::{at_byte, Arg, Lang, Message};
use core::fmt;

/// Maximum nesting of SML_Tree nodes (parameter trees, attention details).
pub const MAX_DEPTH: usize = 16;
/// Maximum number of entries in one SML list (readings, periods, tree children).
pub const MAX_LIST_LEN: u32 = 4096;
/// Maximum bytes in one TL field (8 nibbles = a 32-bit length).
pub const MAX_TL_BYTES: usize = 8;

/// A message parse error: what failed, at which byte offset of the parsed input.
///
/// The offset is relative to the slice given to the parser (for frames decoded by
/// [`crate::sml::decode`], to the unescaped payload; [`crate::sml::Frame`] also gives
/// the absolute input offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    /// What was wrong.
    pub kind: ParseErrorKind,
    /// Where: byte offset from the start of the parsed input.
    pub offset: usize,
}

/// The kinds of [`ParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input ended inside a field.
    UnexpectedEnd,
    /// A TL byte with a reserved type, or a continuation byte with type bits set.
    InvalidTl(u8),
    /// A TL field longer than [`MAX_TL_BYTES`].
    TlTooLong,
    /// A TL length smaller than the TL field itself.
    LengthTooShort(u32),
    /// A length larger than the bytes that are left.
    LengthExceedsInput {
        /// The declared length.
        declared: u32,
        /// Bytes left in the input.
        available: usize,
    },
    /// A field of another type than the specification demands.
    WrongType {
        /// What was expected.
        expected: &'static str,
        /// The TL byte found.
        found: u8,
    },
    /// A list with the wrong number of elements.
    WrongListLength {
        /// The structure being parsed.
        what: &'static str,
        /// Elements expected.
        expected: u32,
        /// Elements found.
        found: u32,
    },
    /// An integer wider than 8 bytes, or of width 0.
    InvalidIntegerWidth(u32),
    /// An integer that does not fit the field.
    ValueOutOfRange(&'static str),
    /// A choice tag the specification does not define.
    UnknownTag {
        /// The choice being parsed.
        what: &'static str,
        /// The tag found.
        tag: u32,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A list longer than [`MAX_LIST_LEN`] or than the input can hold.
    TooManyEntries(u32),
    /// The byte after a message was not `00` (EndOfSmlMsg).
    MissingEndOfMessage(u8),
}

impl ParseErrorKind {
    /// What happened, as a catalogue message (see [`crate::text`]).
    #[cold]
    pub fn message(&self) -> Message {
        let number = |n: u32| Arg::Offset(u64::from(n));
        match *self {
            ParseErrorKind::UnexpectedEnd => Message::new("sml.unexpected_end"),
            ParseErrorKind::InvalidTl(b) => {
                Message::new("sml.invalid_tl").with("byte", Arg::Hex(b.into(), 2))
            }
            ParseErrorKind::TlTooLong => {
                Message::new("sml.tl_too_long").with("max", Arg::Offset(MAX_TL_BYTES as u64))
            }
            ParseErrorKind::LengthTooShort(n) => {
                Message::new("sml.length_too_short").with("length", Arg::Offset(n.into()))
            }
            ParseErrorKind::LengthExceedsInput {
                declared,
                available,
            } => Message::new("sml.length_exceeds_input")
                .with("declared", Arg::Offset(declared.into()))
                .with("available", Arg::Offset(available as u64)),
            ParseErrorKind::WrongType { expected, found } => Message::new("sml.wrong_type")
                .with("expected", Arg::Text(expected.into()))
                .with("found", Arg::Hex(found.into(), 2)),
            ParseErrorKind::WrongListLength {
                what,
                expected,
                found,
            } => Message::new("sml.wrong_list_length")
                .with("what", Arg::Text(what.into()))
                .with("expected", number(expected))
                .with("found", number(found)),
            ParseErrorKind::InvalidIntegerWidth(w) => {
                Message::new("sml.invalid_integer_width").with("width", Arg::Offset(w.into()))
            }
            ParseErrorKind::ValueOutOfRange(what) => {
                Message::new("sml.value_out_of_range").with("what", Arg::Text(what.into()))
            }
            ParseErrorKind::UnknownTag { what, tag } => Message::new("sml.unknown_tag")
                .with("what", Arg::Text(what.into()))
                .with("tag", Arg::Hex(tag.into(), 1)),
            ParseErrorKind::TooDeep => {
                Message::new("sml.too_deep").with("max", Arg::Offset(MAX_DEPTH as u64))
            }
            ParseErrorKind::TooManyEntries(n) => {
                Message::new("sml.too_many_entries").with("count", Arg::Offset(n.into()))
            }
            ParseErrorKind::MissingEndOfMessage(b) => {
                Message::new("sml.missing_end_of_message").with("byte", Arg::Hex(b.into(), 2))
            }
        }
    }
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().render(Lang::En))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&at_byte(&self.kind.message(), self.offset, Lang::En))
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ParseError {}

impl ParseErrorKind {
    /// A stable snake_case name for reports and JSON.
    pub const fn as_str(&self) -> &'static str {
        match self {
            ParseErrorKind::UnexpectedEnd => "unexpected_end",
            ParseErrorKind::InvalidTl(_) => "invalid_tl",
            ParseErrorKind::TlTooLong => "tl_too_long",
            ParseErrorKind::LengthTooShort(_) => "length_too_short",
            ParseErrorKind::LengthExceedsInput { .. } => "length_exceeds_input",
            ParseErrorKind::WrongType { .. } => "wrong_type",
            ParseErrorKind::WrongListLength { .. } => "wrong_list_length",
            ParseErrorKind::InvalidIntegerWidth(_) => "invalid_integer_width",
            ParseErrorKind::ValueOutOfRange(_) => "value_out_of_range",
            ParseErrorKind::UnknownTag { .. } => "unknown_tag",
            ParseErrorKind::TooDeep => "too_deep",
            ParseErrorKind::TooManyEntries(_) => "too_many_entries",
            ParseErrorKind::MissingEndOfMessage(_) => "missing_end_of_message",
        }
    }
}

/// The error type inside the nom parsers: the kind and how many input bytes were left where
/// it happened (the offset is computed once the total length is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PErr {
    pub kind: ParseErrorKind,
    pub remaining: usize,
}

impl PErr {
    pub(crate) fn at(input: &[u8], kind: ParseErrorKind) -> nom::Err<PErr> {
        nom::Err::Failure(PErr {
            kind,
            remaining: input.len(),
        })
    }

    pub(crate) fn into_parse_error(self, total: usize) -> ParseError {
        ParseError {
            kind: self.kind,
            offset: total.saturating_sub(self.remaining),
        }
    }
}

impl<'a> nom::error::ParseError<&'a [u8]> for PErr {
    fn from_error_kind(input: &'a [u8], _kind: nom::error::ErrorKind) -> Self {
        PErr {
            kind: ParseErrorKind::UnexpectedEnd,
            remaining: input.len(),
        }
    }

    fn append(_input: &'a [u8], _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}
