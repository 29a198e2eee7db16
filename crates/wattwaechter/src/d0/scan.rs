//! The D0 scanner: one pass over the capture, telegram by telegram.

use super::*;
use crate::limits::{LimitKind, Limits, Tally, Truncation};

const STX: u8 = 0x02;
const ETX: u8 = 0x03;
const ACK: u8 = 0x06;
/// Longest identification line accepted (IEC 62056-21 allows 16 ident characters plus the
/// optional `\W` sequences).
const MAX_IDENT: usize = 48;
/// Longest address of a data set.
const MAX_ADDRESS: usize = 32;
/// Longest value (with unit) inside parentheses (the standard says 128).
const MAX_VALUE: usize = 128;
/// Longest telegram read: one without its closing `!` ends there as malformed, so that a
/// stream decoder never holds more (real telegrams have a few KiB).
pub(super) const MAX_TELEGRAM: usize = 64 * 1024;
/// Longest part before the first identification line read as a telegram whose start was cut.
const MAX_HEAD: usize = MAX_TELEGRAM;
/// How many bytes decide whether the capture has 7E1 parity bits set (the whole input would
/// make a stream wait for its end).
pub(super) const PARITY_SAMPLE: usize = 256;
/// How far the scanner looks past the end of a telegram, request or acknowledgement before it
/// is sure of it (the longest lookahead is an identification line, `MAX_IDENT` + 2 bytes).
pub(super) const LOOKAHEAD: usize = 64;

/// Parses every telegram in a D0 capture. Never fails: problems are reported per telegram.
/// Reports at most [`Limits::for_input`] telegrams and values (see [`parse_with`]).
pub fn parse(input: &[u8]) -> D0Capture {
    parse_with(input, Limits::for_input(input.len()))
}

/// [`parse`] with other limits. Reaching one ends the parse before the telegram (or request,
/// or acknowledgement) that did not fit; [`D0Capture::truncated`] says where.
pub fn parse_with(input: &[u8], limits: Limits) -> D0Capture {
    let parity = has_parity_bits(&input[..input.len().min(PARITY_SAMPLE)]);
    let stripped: Vec<u8>;
    let text: &[u8] = if parity {
        stripped = input.iter().map(|b| b & 0x7f).collect();
        &stripped
    } else {
        input
    };
    let mut s = Scanner {
        text,
        pos: 0,
        out: D0Capture {
            parity_stripped: parity,
            ..D0Capture::default()
        },
        tally: Tally::new(limits),
        building_values: 0,
        resumed: false,
    };
    s.run();
    s.out
}

/// Scans a stream's pending text (parity already removed) without limits. `resumed`: the
/// stream is past its first identification line, so nothing before the first one here is a
/// telegram whose start was cut.
pub(super) fn scan_pending(text: &[u8], resumed: bool) -> D0Capture {
    let mut s = Scanner {
        text,
        pos: 0,
        out: D0Capture::default(),
        tally: Tally::new(Limits::UNLIMITED),
        building_values: 0,
        resumed,
    };
    s.run();
    s.out
}

/// Where in a stream's pending text (past its head) the scanner could start a telegram,
/// request or acknowledgement: the bytes before it are skipped by any scan, so a stream need
/// not keep them. Stops at a `/` too close to the end to tell.
pub(super) fn next_item_start(text: &[u8]) -> usize {
    let s = Scanner {
        text,
        pos: 0,
        out: D0Capture::default(),
        tally: Tally::new(Limits::UNLIMITED),
        building_values: 0,
        resumed: true,
    };
    (0..text.len())
        .find(|&i| match text[i] {
            ACK => true,
            b'/' => {
                i + LOOKAHEAD > text.len()
                    || text.get(i + 1) == Some(&b'?')
                    || s.ident_at(i).is_some()
            }
            _ => false,
        })
        .unwrap_or(text.len())
}

/// Where the first identification line (or request `/?`) starts, if `bytes` has a complete
/// one: how a stream tells D0 from its first bytes.
pub fn first_identification(bytes: &[u8]) -> Option<usize> {
    let s = Scanner {
        text: bytes,
        pos: 0,
        out: D0Capture::default(),
        tally: Tally::new(Limits::UNLIMITED),
        building_values: 0,
        resumed: false,
    };
    s.find_ident_from(0)
}

/// Whether the first identification line of a stream's text is there, complete (before it
/// the scanner cannot tell where a telegram whose start was cut ends).
pub(super) fn head_is_known(text: &[u8]) -> bool {
    first_identification(text).is_some() || text.len() >= MAX_HEAD
}

/// 7E1 bytes read as 8N1 keep the parity bit: many bytes ≥ 0x80 that are ASCII without it.
pub(super) fn has_parity_bits(input: &[u8]) -> bool {
    let high = input.iter().filter(|&&b| b >= 0x80).count();
    high * 4 > input.len() && input.iter().all(|&b| (b & 0x7f) != 0x7f)
}

struct Scanner<'a> {
    text: &'a [u8],
    pos: usize,
    out: D0Capture,
    /// Telegrams, control messages and values reported so far, against the limits.
    tally: Tally,
    /// Values of the telegram being read.
    building_values: usize,
    /// A stream's scan past its first identification line: no cut telegram at the start.
    resumed: bool,
}

/// The parts of a telegram under construction.
struct Building {
    start: usize,
    identification: Option<Identification>,
    framing: Framing,
    stx_at: Option<usize>,
    data: Vec<DataSet>,
    error: Option<D0Error>,
    /// A DSMR CRC after `!`: where `!` is, and the four hex digits read.
    dsmr_crc: Option<(usize, u16)>,
    /// The CRC's check, once the telegram's start is known.
    crc16: Option<Crc16>,
}

/// The four hex digits of a DSMR 4/5 CRC right after `!` in `text[bang..]`, followed by a
/// line end or the end of the text.
pub(super) fn dsmr_crc_digits(text: &[u8], bang: usize) -> Option<u16> {
    let digits = text.get(bang + 1..bang + 5)?;
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    if !matches!(text.get(bang + 5), None | Some(b'\r' | b'\n')) {
        return None;
    }
    let digits = core::str::from_utf8(digits).ok()?;
    u16::from_str_radix(digits, 16).ok()
}

fn err(kind: &'static str, offset: usize, text: Message) -> D0Error {
    D0Error::new(kind, offset, text)
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn run(&mut self) {
        // A window that starts mid-telegram: data sets before the first identification.
        let first_slash = self.find_ident_from(0);
        let head_end = first_slash.unwrap_or(self.text.len()).min(MAX_HEAD);
        if !self.resumed
            && self.text[..head_end]
                .iter()
                .any(|c| matches!(c, b'(' | b')' | b'!'))
        {
            self.truncated_start(head_end);
        }
        while self.pos < self.text.len() && self.out.truncated.is_none() {
            match self.peek() {
                Some(b'/') if self.text.get(self.pos + 1) == Some(&b'?') => self.request(),
                Some(b'/') if self.ident_at(self.pos).is_some() => self.telegram(),
                Some(b'/') if self.ident_cut_at_end(self.pos) => self.cut_identification(),
                Some(ACK) => self.ack(),
                _ => self.pos += 1,
            }
        }
    }

    /// The end of the identification line starting at `at` (a `/`), if it is one.
    fn ident_at(&self, at: usize) -> Option<usize> {
        let rest = self.text.get(at + 1..)?;
        let line_len = rest
            .iter()
            .take(MAX_IDENT + 1)
            .position(|&b| b == b'\r' || b == b'\n')?;
        let line = &rest[..line_len];
        let ok = line.len() >= 4
            && line[..3].iter().all(u8::is_ascii_alphabetic)
            && line[3].is_ascii_alphanumeric()
            && line.iter().all(|&b| (0x20..0x7f).contains(&b));
        ok.then_some(at + 1 + line_len)
    }

    /// The input ends inside what can still become an identification line.
    fn ident_cut_at_end(&self, at: usize) -> bool {
        let rest = &self.text[at + 1..];
        !rest.is_empty()
            && rest.len() <= MAX_IDENT
            && rest.iter().all(|&b| (0x20..0x7f).contains(&b))
            && rest.iter().take(3).all(u8::is_ascii_alphabetic)
    }

    fn cut_identification(&mut self) {
        let start = self.pos;
        self.pos = self.text.len();
        if let Err(t) = self.tally.admit(start, 0) {
            self.stop(t);
            return;
        }
        self.out.telegrams.push(Telegram {
            range: start..self.pos,
            status: TelegramStatus::TruncatedEnd,
            identification: None,
            framing: Framing::Plain,
            bcc: Bcc::Absent,
            crc16: None,
            data: Vec::new(),
            error: Some(err(
                "truncated",
                self.pos,
                Message::new("d0.truncated_identification"),
            )),
        });
    }

    fn find_ident_from(&self, from: usize) -> Option<usize> {
        (from..self.text.len()).find(|&i| {
            self.text[i] == b'/'
                && (self.text.get(i + 1) == Some(&b'?') || self.ident_at(i).is_some())
        })
    }

    fn skip_newline(&mut self) {
        if self.peek() == Some(b'\r') {
            self.pos += 1;
        }
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
    }

    fn request(&mut self) {
        let start = self.pos;
        let rest = &self.text[start + 2..];
        let end = rest
            .iter()
            .take(40)
            .position(|&b| b == b'!' || b == b'\r' || b == b'\n');
        let address_len = end.unwrap_or(0);
        let address = String::from_utf8_lossy(&rest[..address_len]).into_owned();
        self.pos = start + 2 + address_len;
        if self.peek() == Some(b'!') {
            self.pos += 1;
        }
        self.skip_newline();
        self.push_control(Control::Request {
            range: start..self.pos,
            address,
        });
    }

    /// Reports a request or acknowledgement, if the limits allow another entry.
    fn push_control(&mut self, control: Control) {
        let (Control::Request { range, .. } | Control::Ack { range, .. }) = &control;
        match self.tally.admit(range.start, 0) {
            Ok(()) => self.out.control.push(control),
            Err(t) => self.stop(t),
        }
    }

    /// A limit was reached: nothing from `t.offset` on is reported.
    fn stop(&mut self, t: Truncation) {
        self.out.truncated.get_or_insert(t);
    }

    fn ack(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let opts_len = self.text[self.pos..]
            .iter()
            .take(4)
            .position(|&b| !b.is_ascii_alphanumeric())
            .unwrap_or(0);
        let options =
            String::from_utf8_lossy(&self.text[self.pos..self.pos + opts_len]).into_owned();
        self.pos += opts_len;
        self.skip_newline();
        self.push_control(Control::Ack {
            range: start..self.pos,
            options,
        });
    }

    fn truncated_start(&mut self, end: usize) {
        // The first line is cut at an unknown place: parse from the next line on.
        self.building_values = 0;
        let mut b = Building {
            start: 0,
            identification: None,
            framing: Framing::Plain,
            stx_at: None,
            data: Vec::new(),
            error: None,
            dsmr_crc: None,
            crc16: None,
        };
        // If the window starts at a data set, keep it; otherwise the cut first line stays in
        // the telegram's range but is not read as data.
        let first_line_end = self.text[..end].iter().position(|&c| c == b'\n');
        self.pos = if self.line_is_data_set(0) {
            0
        } else {
            first_line_end.map_or(end, |i| i + 1)
        };
        let status = self.data_block(&mut b, Some(end));
        let status = if status == TelegramStatus::Ok || status == TelegramStatus::CrcMismatch {
            TelegramStatus::TruncatedStart
        } else {
            status
        };
        if b.error.is_none() && status == TelegramStatus::TruncatedStart {
            b.error = Some(err("start_missing", 0, Message::new("d0.start_missing")));
        }
        self.finish(b, status, Bcc::Absent);
    }

    fn line_is_data_set(&self, at: usize) -> bool {
        let line = &self.text[at..];
        let paren = line.iter().take(MAX_ADDRESS + 1).position(|&c| c == b'(');
        let newline = line.iter().position(|&c| c == b'\n').unwrap_or(line.len());
        matches!(paren, Some(p) if p < newline && line[..p].iter().all(|c| c.is_ascii_graphic()))
    }

    fn telegram(&mut self) {
        let start = self.pos;
        let line_end = self.ident_at(start).expect("checked by the caller");
        let line = &self.text[start + 1..line_end];
        let identification = Identification {
            manufacturer: String::from_utf8_lossy(&line[..3]).into_owned(),
            baud: char::from(line[3]),
            ident: String::from_utf8_lossy(&line[4..]).into_owned(),
        };
        self.pos = line_end;
        self.skip_newline();
        self.building_values = 0;
        let mut b = Building {
            start,
            identification: Some(identification),
            framing: Framing::Plain,
            stx_at: None,
            data: Vec::new(),
            error: None,
            dsmr_crc: None,
            crc16: None,
        };
        // Between identification and data: an echoed acknowledgement, a blank line, STX.
        loop {
            match self.peek() {
                Some(ACK) => self.ack(),
                Some(b'\r' | b'\n') => self.pos += 1,
                Some(STX) => {
                    b.framing = Framing::Block;
                    b.stx_at = Some(self.pos);
                    self.pos += 1;
                    break;
                }
                _ => break,
            }
        }
        let mut status = self.data_block(&mut b, None);
        if let (TelegramStatus::Ok, Framing::Plain, Some((bang, read))) =
            (status, b.framing, b.dsmr_crc)
        {
            // DSMR 4/5: CRC-16/ARC over everything from `/` through `!`.
            let computed = crate::crc::crc16_arc(&self.text[start..=bang]);
            b.crc16 = Some(Crc16 { read, computed });
            if read != computed {
                status = TelegramStatus::CrcMismatch;
                b.error = Some(err(
                    "crc16_mismatch",
                    bang + 1,
                    Message::new("d0.crc16_mismatch")
                        .with("read", Arg::Hex(read.into(), 4))
                        .with("computed", Arg::Hex(computed.into(), 4)),
                ));
            }
        }
        if status != TelegramStatus::Ok || b.framing == Framing::Plain {
            let bcc = Bcc::Absent;
            self.finish(b, status, bcc);
            return;
        }
        // Block framing: ETX and the BCC follow `!`.
        match self.peek() {
            Some(ETX) => {
                let etx_at = self.pos;
                self.pos += 1;
                match self.peek() {
                    Some(read) => {
                        self.pos += 1;
                        let stx = b.stx_at.expect("block framing");
                        let computed = self.text[stx + 1..=etx_at].iter().fold(0u8, |a, &c| a ^ c);
                        if read == computed {
                            self.finish(b, TelegramStatus::Ok, Bcc::Ok);
                        } else {
                            b.error = Some(err(
                                "bcc_mismatch",
                                etx_at + 1,
                                Message::new("d0.bcc_mismatch")
                                    .with("read", Arg::Hex(read.into(), 2))
                                    .with("computed", Arg::Hex(computed.into(), 2)),
                            ));
                            self.finish(
                                b,
                                TelegramStatus::CrcMismatch,
                                Bcc::Mismatch { read, computed },
                            );
                        }
                    }
                    None => {
                        b.error =
                            Some(err("truncated", self.pos, Message::new("d0.truncated_bcc")));
                        self.finish(b, TelegramStatus::TruncatedEnd, Bcc::Absent);
                    }
                }
            }
            None => {
                b.error = Some(err("truncated", self.pos, Message::new("d0.truncated_etx")));
                self.finish(b, TelegramStatus::TruncatedEnd, Bcc::Absent);
            }
            Some(_) => {
                b.error = Some(err("missing_etx", self.pos, Message::new("d0.missing_etx")));
                self.finish(b, TelegramStatus::Malformed, Bcc::Absent);
            }
        }
    }

    /// Reads data sets up to and including `!` and its line end. `limit` bounds a truncated
    /// start's block (the next identification).
    fn data_block(&mut self, b: &mut Building, limit: Option<usize>) -> TelegramStatus {
        let end = limit.unwrap_or(self.text.len());
        let mut malformed = false;
        loop {
            if self.pos - b.start > MAX_TELEGRAM && self.pos < end {
                if b.error.is_none() {
                    b.error = Some(err("too_long", self.pos, Message::new("d0.too_long")));
                }
                return TelegramStatus::Malformed;
            }
            while matches!(self.peek(), Some(b'\r' | b'\n' | b' ')) && self.pos < end {
                self.pos += 1;
            }
            if self.pos >= end {
                if limit.is_some() {
                    return if malformed {
                        TelegramStatus::Malformed
                    } else {
                        TelegramStatus::Ok
                    };
                }
                if b.error.is_none() {
                    b.error = Some(err("truncated", self.pos, Message::new("d0.truncated_end")));
                }
                return TelegramStatus::TruncatedEnd;
            }
            match self.peek() {
                Some(b'!') => {
                    if let Some(read) = dsmr_crc_digits(self.text, self.pos) {
                        b.dsmr_crc = Some((self.pos, read));
                        self.pos += 4;
                    }
                    self.pos += 1;
                    self.skip_newline();
                    return if malformed {
                        TelegramStatus::Malformed
                    } else {
                        TelegramStatus::Ok
                    };
                }
                Some(b'/') if self.ident_at(self.pos).is_some() => {
                    if b.error.is_none() {
                        b.error = Some(err("restarted", self.pos, Message::new("d0.restarted")));
                    }
                    return TelegramStatus::Aborted;
                }
                Some(ETX) => {
                    if b.error.is_none() {
                        b.error =
                            Some(err("missing_end", self.pos, Message::new("d0.missing_end")));
                    }
                    return TelegramStatus::Malformed;
                }
                _ if self.out.truncated.is_some() => return TelegramStatus::Aborted,
                _ => match self.data_set(end, b.start) {
                    Ok(set) => b.data.push(set),
                    Err(e) if e.kind == "truncated" => {
                        b.error.get_or_insert(e);
                        return TelegramStatus::TruncatedEnd;
                    }
                    Err(e) => {
                        b.error.get_or_insert(e);
                        malformed = true;
                        // Resynchronise at the next line.
                        while self.pos < end && self.peek() != Some(b'\n') {
                            self.pos += 1;
                        }
                    }
                },
            }
        }
    }

    /// One data set of the telegram that starts at `telegram`. Stops the parse (see
    /// [`stop`](Self::stop)) when its values pass the limit.
    fn data_set(&mut self, end: usize, telegram: usize) -> Result<DataSet, D0Error> {
        let start = self.pos;
        let mut i = start;
        while i < end && i - start <= MAX_ADDRESS {
            match self.text[i] {
                b'(' => break,
                b'\r' | b'\n' | b')' | b'!' | b'/' | STX | ETX => {
                    self.pos = i;
                    return Err(err("missing_value", i, Message::new("d0.missing_value")));
                }
                c if !c.is_ascii_graphic() => {
                    self.pos = i;
                    return Err(err(
                        "invalid_character",
                        i,
                        Message::new("d0.invalid_character").with("byte", Arg::Hex(c.into(), 2)),
                    ));
                }
                _ => i += 1,
            }
        }
        if i >= end {
            self.pos = end;
            return Err(err("truncated", end, Message::new("d0.truncated_data_set")));
        }
        if self.text[i] != b'(' {
            self.pos = i;
            return Err(err(
                "address_too_long",
                start,
                Message::new("d0.address_too_long"),
            ));
        }
        let address = String::from_utf8_lossy(&self.text[start..i]).into_owned();
        self.pos = i;
        let mut values = Vec::new();
        while self.peek() == Some(b'(') && self.pos < end {
            let open = self.pos;
            let body = &self.text[open + 1..end];
            let close = body
                .iter()
                .take(MAX_VALUE + 1)
                .position(|&c| c == b')' || c == b'\r' || c == b'\n' || c == b'(');
            match close {
                Some(n) if body[n] == b')' => {
                    if !self.tally.values_fit(self.building_values + 1) {
                        let max = self.tally.limits().max_values;
                        self.stop(Truncation {
                            offset: telegram,
                            limit: LimitKind::Values,
                            max,
                        });
                        return Err(err("limit", open, Message::new("d0.limit")));
                    }
                    self.building_values += 1;
                    let inner = &body[..n];
                    let (value, unit) = match inner.iter().rposition(|&c| c == b'*') {
                        Some(star) => (&inner[..star], Some(&inner[star + 1..])),
                        None => (inner, None),
                    };
                    values.push(D0Value {
                        value: String::from_utf8_lossy(value).into_owned(),
                        unit: unit.map(|u| String::from_utf8_lossy(u).into_owned()),
                    });
                    self.pos = open + 1 + n + 1;
                }
                None if body.len() <= MAX_VALUE => {
                    self.pos = end;
                    return Err(err("truncated", end, Message::new("d0.truncated_value")));
                }
                _ => {
                    self.pos = open + 1;
                    return Err(err(
                        "unclosed_value",
                        open,
                        Message::new("d0.unclosed_value"),
                    ));
                }
            }
        }
        let obis = Obis::parse(&address).ok();
        Ok(DataSet {
            offset: start,
            address,
            obis,
            values,
        })
    }

    fn finish(&mut self, b: Building, status: TelegramStatus, bcc: Bcc) {
        if self.out.truncated.is_some() {
            return;
        }
        if let Err(t) = self.tally.admit(b.start, self.building_values) {
            self.stop(t);
            return;
        }
        let mut error = b.error;
        if status == TelegramStatus::Ok {
            error = None;
        }
        self.out.telegrams.push(Telegram {
            range: b.start..self.pos,
            status,
            identification: b.identification,
            framing: b.framing,
            bcc,
            crc16: b.crc16,
            data: b.data,
            error,
        });
    }
}
