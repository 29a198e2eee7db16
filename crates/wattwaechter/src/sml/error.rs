//! Errors of the SML message parser, each with the byte offset where it was found.

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

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ParseErrorKind::UnexpectedEnd => write!(f, "unexpected end of input"),
            ParseErrorKind::InvalidTl(b) => write!(f, "invalid TL byte 0x{b:02x}"),
            ParseErrorKind::TlTooLong => write!(f, "TL field longer than {MAX_TL_BYTES} bytes"),
            ParseErrorKind::LengthTooShort(n) => {
                write!(f, "length {n} is shorter than its own TL field")
            }
            ParseErrorKind::LengthExceedsInput {
                declared,
                available,
            } => write!(f, "length {declared} exceeds the {available} bytes left"),
            ParseErrorKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found TL byte 0x{found:02x}")
            }
            ParseErrorKind::WrongListLength {
                what,
                expected,
                found,
            } => write!(f, "{what}: expected a list of {expected}, found {found}"),
            ParseErrorKind::InvalidIntegerWidth(w) => write!(f, "integer of {w} bytes"),
            ParseErrorKind::ValueOutOfRange(what) => write!(f, "{what}: value out of range"),
            ParseErrorKind::UnknownTag { what, tag } => {
                write!(f, "{what}: unknown tag 0x{tag:x}")
            }
            ParseErrorKind::TooDeep => write!(f, "nesting deeper than {MAX_DEPTH}"),
            ParseErrorKind::TooManyEntries(n) => write!(f, "list of {n} entries is too long"),
            ParseErrorKind::MissingEndOfMessage(b) => {
                write!(f, "expected end of message 0x00, found 0x{b:02x}")
            }
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.kind, self.offset)
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
