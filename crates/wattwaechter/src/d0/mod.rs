//! D0 (IEC 62056-21) telegrams: the ASCII protocol of older meters and of meters in push
//! mode ("mode D").
//!
//! ```text
//! /ISk5MT174-0001⏎                       identification: '/', maker (3 letters), baud char, ident
//! ␆050⏎                                  acknowledgement / option select (sent by the reader)
//! ␂1-0:1.8.0*255(0008048.375*kWh)⏎       STX (mode C) and data sets: address(value*unit)
//! 1-0:1.6.0*255(02.468*kW)(1703100930)⏎  several values for one address
//! 6.8(0029.055*MWh)6.26(01589.28*m3)…    several data sets on one line
//! !⏎␃f                                   end '!', ETX, block check character (XOR after STX)
//! ```
//!
//! [`parse`] finds every telegram in a capture (requests `/?…!` and acknowledgements mixed
//! in are recognised and listed, a window that starts or ends mid-telegram is reported), and
//! keeps every value as the exact text the meter sent.

mod scan;
pub mod stream;
#[cfg(test)]
mod tests;

use crate::obis::Obis;
use crate::text::{at_byte, Arg, Lang, Message};
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

pub use scan::{first_identification, parse, parse_with};

/// The identification line `/XXXZ<ident>`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Identification {
    /// The three-letter manufacturer ID (`ISk`, `EMH`; lower case in the third letter means
    /// the meter supports 20 ms reaction time).
    pub manufacturer: String,
    /// The baud-rate character (`0`–`9`, `A`–`I`).
    pub baud: char,
    /// The rest of the line: model and version.
    pub ident: String,
}

impl Identification {
    /// The baud rate the character announces, for protocol modes C and E (`0` = 300 …
    /// `6` = 19200); `None` for the mode A/B letters and unknown characters.
    pub fn baud_rate(&self) -> Option<u32> {
        Some(match self.baud {
            '0' => 300,
            '1' => 600,
            '2' => 1200,
            '3' => 2400,
            '4' => 4800,
            '5' => 9600,
            '6' => 19200,
            _ => return None,
        })
    }
}

/// One value of a data set: the exact text and the unit as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct D0Value {
    /// The value text as sent (`0008048.375`, `L1-L2-L3`, `` for an empty value).
    pub value: String,
    /// The unit as sent (`kWh`), if there was one.
    pub unit: Option<String>,
}

/// A data set: an address and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct DataSet {
    /// Byte offset of the address in the input.
    pub offset: usize,
    /// The address as sent (`1-0:1.8.0*255`, `1.8.0`, `C.1`, `F.F`).
    pub address: String,
    /// The address as an OBIS code, when it reads as one.
    pub obis: Option<Obis>,
    /// The values (`(v1)(v2)` gives two).
    pub values: Vec<D0Value>,
}

/// How a telegram is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Framing {
    /// The data block is between STX and ETX with a block check character (modes A–C, E).
    Block,
    /// No STX: the data follows the identification and a blank line (push mode D).
    Plain,
}

/// The result of the block check character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "result", rename_all = "snake_case"))]
pub enum Bcc {
    /// The BCC matches.
    Ok,
    /// The BCC does not match.
    Mismatch {
        /// Read from the input.
        read: u8,
        /// XOR of every byte after STX up to and including ETX.
        computed: u8,
    },
    /// No BCC: plain framing, or the input ended before it.
    Absent,
}

/// The CRC of a DSMR 4/5 (P1) telegram: four hex digits after `!`, a CRC-16/ARC over every
/// byte from `/` through `!`. The telegram is `crc_mismatch` when they differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Crc16 {
    /// Read from the telegram.
    pub read: u16,
    /// Computed over `/` … `!`.
    pub computed: u16,
}

impl Crc16 {
    /// The CRC matches.
    pub fn ok(&self) -> bool {
        self.read == self.computed
    }
}

/// How a telegram ended: the same [`Status`](crate::status::Status) as SML frames.
pub type TelegramStatus = crate::status::Status;

/// The alias in TypeScript (tsify declares `Status` only).
#[cfg(feature = "_ts")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TELEGRAM_STATUS_ALIAS: &str = r#"
/** How a D0 telegram ended: the same vocabulary as SML frames. */
export type TelegramStatus = Status;
"#;

/// What was wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct D0Error {
    /// A stable snake_case name.
    pub kind: &'static str,
    /// Absolute byte offset in the input.
    pub offset: usize,
    /// A sentence for people, with where (English, or the language of
    /// [`D0Capture::localize`]).
    pub message: String,
    /// The catalogue id of the sentence (see [`crate::text`]).
    pub id: &'static str,
    /// The sentence's arguments.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::text::serialize_args")
    )]
    #[cfg_attr(feature = "_ts", tsify(type = "MessageArgs"))]
    pub args: Vec<(&'static str, Arg)>,
}

impl D0Error {
    /// The error `kind` at `offset`, its sentence rendered in English.
    #[cold]
    pub fn new(kind: &'static str, offset: usize, text: Message) -> Self {
        D0Error {
            kind,
            offset,
            message: at_byte(&text, offset, Lang::En),
            id: text.id,
            args: text.args,
        }
    }

    /// The sentence (without where) as a message.
    pub fn text(&self) -> Message {
        Message {
            id: self.id,
            args: self.args.clone(),
        }
    }

    /// The sentence with where, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        at_byte(&self.text(), self.offset, lang)
    }

    /// The same error `by` bytes further on (a stream's pending text starts there).
    pub(crate) fn shifted(self, by: usize) -> D0Error {
        D0Error::new(self.kind, self.offset + by, self.text())
    }
}

/// One telegram.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Telegram {
    /// The telegram's bytes in the input (identification through BCC or DSMR CRC).
    pub range: Range<usize>,
    /// How it ended.
    pub status: TelegramStatus,
    /// The identification line, if it was in the window.
    pub identification: Option<Identification>,
    /// Block (STX/ETX/BCC) or plain framing.
    pub framing: Framing,
    /// The block check.
    pub bcc: Bcc,
    /// The CRC of a DSMR 4/5 telegram (`!` and four hex digits), `None` without one.
    pub crc16: Option<Crc16>,
    /// The data sets, in order.
    pub data: Vec<DataSet>,
    /// Why the telegram is not `ok`.
    pub error: Option<D0Error>,
}

/// Bytes the reader sent, mixed into a capture.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum Control {
    /// A request message `/?<address>!`.
    Request {
        /// Where it is.
        range: Range<usize>,
        /// The device address, empty for "any".
        address: String,
    },
    /// An acknowledgement / option select message `ACK V Z Y`.
    Ack {
        /// Where it is.
        range: Range<usize>,
        /// The characters after ACK (protocol, baud, mode), possibly empty.
        options: String,
    },
}

/// Everything found in a D0 capture.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct D0Capture {
    /// The telegrams, in order.
    pub telegrams: Vec<Telegram>,
    /// Requests and acknowledgements the reader sent.
    pub control: Vec<Control>,
    /// The bytes had their 7E1 parity bit set; it was removed before parsing.
    pub parity_stripped: bool,
    /// The parse stopped at a limit (see [`parse_with`]): nothing from this point on is in
    /// `telegrams` and `control`.
    pub truncated: Option<crate::limits::Truncation>,
}

impl D0Capture {
    /// Renders every telegram's error sentence in `lang` (parsing renders them in English).
    pub fn localize(&mut self, lang: Lang) {
        for e in self.telegrams.iter_mut().filter_map(|t| t.error.as_mut()) {
            e.message = e.render(lang);
        }
    }
}

/// Heuristic: does `bytes` look like D0 text (an identification line or data sets)?
pub fn looks_like_d0(bytes: &[u8]) -> bool {
    let text: Vec<u8> = bytes.iter().map(|b| b & 0x7f).collect();
    let printable = text
        .iter()
        .filter(|&&b| b.is_ascii_graphic() || matches!(b, b' ' | b'\r' | b'\n' | 2 | 3 | 6))
        .count();
    if text.is_empty() || printable * 10 < text.len() * 9 {
        return false;
    }
    let has_ident = text.windows(5).any(|w| {
        w[0] == b'/' && w[1..4].iter().all(u8::is_ascii_alphabetic) && w[4].is_ascii_alphanumeric()
    });
    let data_sets = text
        .windows(2)
        .filter(|w| w[0].is_ascii_alphanumeric() && w[1] == b'(')
        .count();
    has_ident || data_sets >= 2
}
