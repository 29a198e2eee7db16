//! The one error type of the decoding entry points (the npm package's decoders, the CLI):
//! a stable kind, the byte offset where one applies, and a sentence. Each module keeps its own
//! precise error ([`HexError`], [`ObisParseError`], [`DumpError`], …); this is what they all
//! become at the boundary, so a caller handles one shape.

use crate::dump::DumpError;
use crate::hex::HexError;
use crate::limits::Truncation;
use crate::obis::ObisParseError;
use alloc::string::{String, ToString};

/// What went wrong, as a stable name (the JS `error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is of the wrong type (not bytes, not text).
    InvalidInput,
    /// An option is unknown or out of range.
    InvalidOptions,
    /// The input is larger than the decoder accepts ([`crate::limits::DEFAULT_MAX_INPUT`]
    /// unless raised).
    InputTooLarge,
    /// The result would pass a report limit ([`crate::limits`]); `offset` is where decoding
    /// stopped.
    LimitExceeded,
    /// Hex text with a character that is no hex digit, or an odd number of digits; a capture
    /// as text (`xxd`, `hexdump -C`, …) with such a line, or a line missing.
    InvalidHex,
    /// Text that is no OBIS code.
    InvalidObis,
    /// The ring buffer's write position is outside the dump.
    WritePosOutOfRange,
}

impl DecodeErrorKind {
    /// The stable camelCase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            DecodeErrorKind::InvalidInput => "invalidInput",
            DecodeErrorKind::InvalidOptions => "invalidOptions",
            DecodeErrorKind::InputTooLarge => "inputTooLarge",
            DecodeErrorKind::LimitExceeded => "limitExceeded",
            DecodeErrorKind::InvalidHex => "invalidHex",
            DecodeErrorKind::InvalidObis => "invalidObis",
            DecodeErrorKind::WritePosOutOfRange => "writePosOutOfRange",
        }
    }

    /// Every kind.
    pub const ALL: [DecodeErrorKind; 7] = [
        DecodeErrorKind::InvalidInput,
        DecodeErrorKind::InvalidOptions,
        DecodeErrorKind::InputTooLarge,
        DecodeErrorKind::LimitExceeded,
        DecodeErrorKind::InvalidHex,
        DecodeErrorKind::InvalidObis,
        DecodeErrorKind::WritePosOutOfRange,
    ];
}

/// A decoder refused its input or options.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DecodeError {
    /// What went wrong.
    pub kind: DecodeErrorKind,
    /// The byte offset in the input, where one applies.
    pub offset: Option<usize>,
    /// What happened and what to do.
    pub message: String,
}

impl DecodeError {
    /// An error of `kind` without an offset.
    pub fn new(kind: DecodeErrorKind, message: impl Into<String>) -> Self {
        DecodeError {
            kind,
            offset: None,
            message: message.into(),
        }
    }

    /// The input of `len` bytes is above `max`.
    pub fn input_too_large(len: usize, max: usize) -> Self {
        DecodeError::new(
            DecodeErrorKind::InputTooLarge,
            alloc::format!(
                "the input is {len} bytes, more than the {max} one call decodes; decode it in \
                 parts or raise maxInputBytes"
            ),
        )
    }
}

impl core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DecodeError {}

impl From<HexError> for DecodeError {
    fn from(e: HexError) -> Self {
        DecodeError {
            kind: DecodeErrorKind::InvalidHex,
            offset: Some(e.offset),
            message: e.to_string(),
        }
    }
}

impl From<crate::capture::CaptureError> for DecodeError {
    fn from(e: crate::capture::CaptureError) -> Self {
        DecodeError {
            kind: DecodeErrorKind::InvalidHex,
            offset: Some(e.offset),
            message: e.to_string(),
        }
    }
}

impl From<ObisParseError> for DecodeError {
    fn from(e: ObisParseError) -> Self {
        DecodeError {
            kind: DecodeErrorKind::InvalidObis,
            offset: Some(e.offset),
            message: e.to_string(),
        }
    }
}

impl From<DumpError> for DecodeError {
    fn from(e: DumpError) -> Self {
        let kind = match e {
            DumpError::WritePosOutOfRange { .. } => DecodeErrorKind::WritePosOutOfRange,
        };
        DecodeError::new(kind, e.to_string())
    }
}

impl From<Truncation> for DecodeError {
    fn from(t: Truncation) -> Self {
        DecodeError {
            kind: DecodeErrorKind::LimitExceeded,
            offset: Some(t.offset),
            message: alloc::format!("{t}; decode the input in parts or raise maxFrames/maxValues"),
        }
    }
}
