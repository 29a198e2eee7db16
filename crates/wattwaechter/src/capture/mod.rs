//! Captures pasted or saved as text: the formats people share meter bytes in, detected and
//! read back to the bytes.
//!
//! * plain hex (`1b1b1b1b 01010101 …`; whitespace, `0x` and commas ignored — [`hex::decode`]);
//! * `xxd` output (`00000000: 1b1b 1b1b 0101 0101 7605 …  ....v.`);
//! * `hexdump -C` output (`00000000  1b 1b 1b 1b 01 01 01 01  76 05 … |....v.|`, with `*`
//!   for repeated lines and the final offset);
//! * Tasmota's SML dump in its console (`12:34:56.789 : 1b 1b 1b 1b 01 01 …`);
//! * log lines of readers that print the bytes after a label (`Message: 1b1b…`,
//!   `2024-01-01 12:00:00 DEBUG Received data: 1b 1b …`).
//!
//! Offsets and ASCII columns are never read as bytes, even when the ASCII column looks like
//! hex; the offsets of `xxd` and `hexdump -C` are checked against the bytes read, so a line
//! lost in copying is an error, not a silent gap. In log formats the lines without bytes
//! (other messages) are skipped and counted.

use crate::hex::{self, HexError};
use crate::text::{Arg, Lang, Message};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The text format of a capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CaptureFormat {
    /// Hex digits (whitespace, `0x` and commas ignored).
    Hex,
    /// `xxd` output: offset, `:`, groups of hex digits, the ASCII column.
    Xxd,
    /// `hexdump -C` output: offset, 16 hex pairs, the ASCII column between `|`.
    HexdumpC,
    /// Tasmota's SML dump lines: `HH:MM:SS.mmm : ` and hex pairs.
    Tasmota,
    /// Log lines with the bytes as hex after a label and `:`.
    LogLines,
}

impl CaptureFormat {
    /// The stable name (`hex`, `xxd`, `hexdump_c`, `tasmota`, `log_lines`).
    pub const fn as_str(self) -> &'static str {
        match self {
            CaptureFormat::Hex => "hex",
            CaptureFormat::Xxd => "xxd",
            CaptureFormat::HexdumpC => "hexdump_c",
            CaptureFormat::Tasmota => "tasmota",
            CaptureFormat::LogLines => "log_lines",
        }
    }

    /// How people call it, in `lang` (`xxd output`, `hexdump-C-Ausgabe`, …).
    pub fn name(self, lang: Lang) -> String {
        let id = match self {
            CaptureFormat::Hex => "capture.hex",
            CaptureFormat::Xxd => "capture.xxd",
            CaptureFormat::HexdumpC => "capture.hexdump_c",
            CaptureFormat::Tasmota => "capture.tasmota",
            CaptureFormat::LogLines => "capture.log_lines",
        };
        Message::new(id).render(lang)
    }
}

/// A capture read from text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Capture {
    /// The bytes.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub bytes: Vec<u8>,
    /// The format they were read from.
    pub format: CaptureFormat,
    /// Lines that held bytes.
    pub lines: usize,
    /// Lines without bytes that the format allows and that were skipped (other log messages,
    /// blank lines).
    pub skipped_lines: usize,
}

impl Capture {
    /// What was read, for people: `read as xxd output, 256 lines with bytes`.
    pub fn summary(&self, lang: Lang) -> String {
        Message::new("capture.read_as")
            .with("format", Arg::Text(self.format.name(lang)))
            .with("lines", Arg::count(self.lines))
            .render(lang)
    }
}

/// Why a text is no capture, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureError {
    /// The format the text was read as.
    pub format: CaptureFormat,
    /// The line (1-based).
    pub line: usize,
    /// The byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A character that is not a hex digit (or an odd number of digits: `None`).
    Hex(Option<char>),
    /// The line's offset is not the number of bytes before it: a line is missing or doubled.
    Offset {
        /// The offset on the line.
        found: u64,
        /// The bytes read before it.
        expected: u64,
    },
    /// A line that is not of the format the text began with.
    NotThisFormat,
    /// A `*` of `hexdump -C` would repeat a line past [`MAX_REPEATED`] bytes.
    TooLarge {
        /// The bytes the repetition would make.
        bytes: u64,
    },
}

/// The most bytes a `*` line of `hexdump -C` may stand for: 64 MiB, the CLI's input limit
/// (a hostile `*` followed by the offset `ffffffff` asks for 4 GiB).
pub const MAX_REPEATED: u64 = 64 * 1024 * 1024;

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}", self.format.name(Lang::En), self.line)?;
        match &self.problem {
            Problem::Hex(found) => write!(
                f,
                ": {}",
                HexError {
                    offset: self.offset,
                    found: *found,
                }
            ),
            Problem::Offset { found, expected } => write!(
                f,
                ": offset {found:#x} where {expected:#x} bytes were read (a line is missing or repeated) at byte {}",
                self.offset
            ),
            Problem::TooLarge { bytes } => write!(
                f,
                ": `*` would repeat a line to {bytes} bytes, more than {MAX_REPEATED}, at byte {}",
                self.offset
            ),
            Problem::NotThisFormat => write!(
                f,
                ": not a line of this format at byte {}",
                self.offset
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for CaptureError {}

/// One line of the text: where it starts and its text without the line end.
struct Line<'a> {
    number: usize,
    offset: usize,
    text: &'a str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n').enumerate().map(move |(i, raw)| {
        let without_end = raw.strip_suffix('\n').unwrap_or(raw);
        let line = Line {
            number: i + 1,
            offset,
            text: without_end.strip_suffix('\r').unwrap_or(without_end),
        };
        offset += raw.len();
        line
    })
}

fn is_hex_digits(s: &str, min: usize) -> bool {
    s.len() >= min && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `00000010: 7263 0701 …  rc..` → (offset, hex area, its start in the line). The area's
/// digits are checked when read, so a bad one is reported where it is.
fn xxd_line(line: &str) -> Option<(u64, &str, usize)> {
    let (offset, rest) = line.split_once(": ")?;
    if !is_hex_digits(offset, 8) {
        return None;
    }
    let area = rest.find("  ").map_or(rest, |end| &rest[..end]);
    if area.trim().is_empty() {
        return None;
    }
    Some((
        u64::from_str_radix(offset, 16).ok()?,
        area,
        offset.len() + 2,
    ))
}

/// A line of `hexdump -C`.
enum HexdumpLine<'a> {
    /// Offset, the hex pairs, their start in the line.
    Data(u64, &'a str, usize),
    /// `*`: the line before repeats up to the next offset.
    Repeat,
    /// The offset after the last byte.
    End(u64),
}

fn hexdump_line(line: &str) -> Option<HexdumpLine<'_>> {
    if line.trim() == "*" {
        return Some(HexdumpLine::Repeat);
    }
    let offset_len = line.bytes().take_while(u8::is_ascii_hexdigit).count();
    if offset_len < 8 {
        return None;
    }
    let offset = u64::from_str_radix(&line[..offset_len], 16).ok()?;
    let rest = &line[offset_len..];
    if rest.trim().is_empty() {
        return Some(HexdumpLine::End(offset));
    }
    if !rest.starts_with("  ") {
        return None;
    }
    let bar = rest.find('|')?;
    let area = &rest[..bar];
    let pairs_ok = area
        .split_ascii_whitespace()
        .all(|pair| pair.len() == 2 && is_hex_digits(pair, 2));
    (pairs_ok && !area.trim().is_empty()).then_some(HexdumpLine::Data(offset, area, offset_len))
}

/// `12:34:56.789 : 1b 1b …` → the hex and its start in the line.
fn tasmota_line(line: &str) -> Option<(&str, usize)> {
    let b = line.as_bytes();
    let clock = b.len() >= 8
        && [0, 1, 3, 4, 6, 7].iter().all(|&i| b[i].is_ascii_digit())
        && b[2] == b':'
        && b[5] == b':';
    if !clock {
        return None;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let rest = line[i..].strip_prefix(" : ")?;
    let start = i + 3;
    hex_words(rest, 2).then_some((rest, start))
}

/// Hex words separated by blanks, at least `min_digits` digits in all, an even count.
fn hex_words(s: &str, min_digits: usize) -> bool {
    let mut digits = 0;
    for b in s.bytes() {
        match b {
            b' ' | b'\t' => {}
            b if b.is_ascii_hexdigit() => digits += 1,
            _ => return false,
        }
    }
    digits >= min_digits && digits % 2 == 0
}

/// `… Received data: 1b1b1b1b…` → the hex after the line's last `:` when only hex follows it
/// (at least 8 digits, so `Connected: 42` is no data), and its start in the line.
fn log_line(line: &str) -> Option<(&str, usize)> {
    let colon = line.rfind(':')?;
    let rest = &line[colon + 1..];
    hex_words(rest, 8).then(|| {
        let start = colon + 1 + (rest.len() - rest.trim_start().len());
        (rest.trim(), start)
    })
}

/// Reads the bytes of `area` (hex with blanks) at `offset` in the text into `out`.
fn read_hex(
    area: &str,
    offset: usize,
    line: usize,
    format: CaptureFormat,
    out: &mut Vec<u8>,
) -> Result<(), CaptureError> {
    let bytes = hex::decode(area).map_err(|e| CaptureError {
        format,
        line,
        offset: offset + e.offset,
        problem: Problem::Hex(e.found),
    })?;
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Which format `text` is in (plain hex when nothing else fits).
pub fn detect(text: &str) -> CaptureFormat {
    classify(text).0
}

/// The format, and the bytes when telling it needed reading the whole text as plain hex.
fn classify(text: &str) -> (CaptureFormat, Option<Vec<u8>>) {
    let without_bytes = |f| (f, None);
    let mut data = lines(text).filter(|l| !l.text.trim().is_empty()).peekable();
    let Some(first) = data.peek() else {
        return without_bytes(CaptureFormat::Hex);
    };
    let hex_area = |area: &str| area.bytes().all(|b| b.is_ascii_hexdigit() || b == b' ');
    if xxd_line(first.text).is_some_and(|(_, area, _)| hex_area(area)) {
        return without_bytes(CaptureFormat::Xxd);
    }
    if matches!(hexdump_line(first.text), Some(HexdumpLine::Data(..))) {
        return without_bytes(CaptureFormat::HexdumpC);
    }
    if lines(text).any(|l| tasmota_line(l.text).is_some()) {
        return without_bytes(CaptureFormat::Tasmota);
    }
    if let Ok(bytes) = hex::decode(text) {
        return (CaptureFormat::Hex, Some(bytes));
    }
    if lines(text).any(|l| log_line(l.text).is_some()) {
        return without_bytes(CaptureFormat::LogLines);
    }
    without_bytes(CaptureFormat::Hex)
}

/// Reads a capture from text in any of the formats above (see [`detect`]).
pub fn read_text(text: &str) -> Result<Capture, CaptureError> {
    let (format, read) = classify(text);
    let mut c = Capture {
        bytes: Vec::new(),
        format,
        lines: 0,
        skipped_lines: 0,
    };
    match format {
        CaptureFormat::Hex => {
            c.bytes = match read {
                Some(bytes) => bytes,
                None => hex::decode(text).map_err(|e| hex_error(text, e))?,
            };
            c.lines = lines(text).filter(|l| !l.text.trim().is_empty()).count();
        }
        CaptureFormat::Xxd => read_xxd(text, &mut c)?,
        CaptureFormat::HexdumpC => read_hexdump(text, &mut c)?,
        CaptureFormat::Tasmota | CaptureFormat::LogLines => {
            for l in lines(text) {
                let found = if format == CaptureFormat::Tasmota {
                    tasmota_line(l.text)
                } else {
                    log_line(l.text)
                };
                match found {
                    Some((area, start)) => {
                        read_hex(area, l.offset + start, l.number, format, &mut c.bytes)?;
                        c.lines += 1;
                    }
                    None => c.skipped_lines += 1,
                }
            }
        }
    }
    Ok(c)
}

fn hex_error(text: &str, e: HexError) -> CaptureError {
    let line = text[..e.offset.min(text.len())].matches('\n').count() + 1;
    CaptureError {
        format: CaptureFormat::Hex,
        line,
        offset: e.offset,
        problem: Problem::Hex(e.found),
    }
}

fn offset_error(l: &Line<'_>, format: CaptureFormat, found: u64, expected: u64) -> CaptureError {
    CaptureError {
        format,
        line: l.number,
        offset: l.offset,
        problem: Problem::Offset { found, expected },
    }
}

fn not_this_format(l: &Line<'_>, format: CaptureFormat) -> CaptureError {
    CaptureError {
        format,
        line: l.number,
        offset: l.offset,
        problem: Problem::NotThisFormat,
    }
}

fn read_xxd(text: &str, c: &mut Capture) -> Result<(), CaptureError> {
    let mut base = None;
    for l in lines(text) {
        if l.text.trim().is_empty() {
            c.skipped_lines += 1;
            continue;
        }
        let (offset, area, start) =
            xxd_line(l.text).ok_or_else(|| not_this_format(&l, CaptureFormat::Xxd))?;
        let base = *base.get_or_insert(offset);
        let expected = base + c.bytes.len() as u64;
        if offset != expected {
            return Err(offset_error(&l, CaptureFormat::Xxd, offset, expected));
        }
        read_hex(
            area,
            l.offset + start,
            l.number,
            CaptureFormat::Xxd,
            &mut c.bytes,
        )?;
        c.lines += 1;
    }
    Ok(())
}

fn read_hexdump(text: &str, c: &mut Capture) -> Result<(), CaptureError> {
    let mut base = None;
    // The bytes of the line before, and whether a `*` asks to repeat them.
    let mut previous: Vec<u8> = Vec::new();
    let mut repeat = false;
    for l in lines(text) {
        if l.text.trim().is_empty() {
            c.skipped_lines += 1;
            continue;
        }
        let line =
            hexdump_line(l.text).ok_or_else(|| not_this_format(&l, CaptureFormat::HexdumpC))?;
        let offset = match line {
            HexdumpLine::Repeat => {
                repeat = true;
                c.lines += 1;
                continue;
            }
            HexdumpLine::Data(offset, ..) | HexdumpLine::End(offset) => offset,
        };
        let base = *base.get_or_insert(offset);
        let mut expected = base + c.bytes.len() as u64;
        if repeat && !previous.is_empty() && offset > expected {
            // `*`: the line before, again, up to this offset (whole lines only).
            let missing = offset - expected;
            let unit = previous.len() as u64;
            if missing > MAX_REPEATED {
                return Err(CaptureError {
                    format: CaptureFormat::HexdumpC,
                    line: l.number,
                    offset: l.offset,
                    problem: Problem::TooLarge { bytes: missing },
                });
            }
            if missing % unit == 0 {
                for _ in 0..missing / unit {
                    c.bytes.extend_from_slice(&previous);
                }
                expected = offset;
            }
        }
        repeat = false;
        if offset != expected {
            return Err(offset_error(&l, CaptureFormat::HexdumpC, offset, expected));
        }
        if let HexdumpLine::Data(_, area, start) = line {
            let before = c.bytes.len();
            read_hex(
                area,
                l.offset + start,
                l.number,
                CaptureFormat::HexdumpC,
                &mut c.bytes,
            )?;
            previous.clear();
            previous.extend_from_slice(&c.bytes[before..]);
        }
        c.lines += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
