//! The device's CSV logs (`/logs/persistent`, `/logs/ram`): undocumented columns, cut
//! bytewise at either end. [`parse`] reads any bytes without failing.
//!
//! * Invalid UTF-8 (a multibyte character split by the cut) becomes U+FFFD.
//! * The separator (`,` `;` tab) is the one that splits the lines into the same number of
//!   fields most consistently; with none, lines are free text.
//! * A first line without digits whose fields are names is the header.
//! * Timestamps: Unix seconds or milliseconds, ISO 8601, `YYYY-MM-DD HH:MM:SS`, in a column
//!   or at the start of a free-text line (also in `[…]`).
//! * Levels: `ERROR`/`WARN`/`INFO`/`DEBUG`/`VERBOSE` and their short forms, also ESP-IDF's
//!   `I (1234) tag: message` (with the uptime in ms).
//! * The raw line is always kept; the first and last lines are marked when they look cut.

mod time;

use crate::limits::{LimitKind, Limits, Truncation};
use alloc::string::String;
use alloc::vec::Vec;

pub use crate::calendar::Civil;
pub use time::LogTime;

/// A log level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Level {
    /// Errors.
    Error,
    /// Warnings.
    Warn,
    /// Information.
    Info,
    /// Debugging output.
    Debug,
    /// Verbose / trace output.
    Verbose,
}

impl Level {
    /// Reads a level token (`E`, `ERR`, `error`, `[WARN]`, `Warning:` …).
    pub fn parse(token: &str) -> Option<Level> {
        let t = token
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(':')
            .trim_end_matches(']');
        Some(match t.to_ascii_uppercase().as_str() {
            "E" | "ERR" | "ERROR" | "FATAL" | "CRIT" | "CRITICAL" => Level::Error,
            "W" | "WARN" | "WARNING" => Level::Warn,
            "I" | "INF" | "INFO" | "NOTICE" => Level::Info,
            "D" | "DBG" | "DEBUG" => Level::Debug,
            "V" | "VERBOSE" | "TRACE" => Level::Verbose,
            _ => return None,
        })
    }

    /// The lower-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug => "debug",
            Level::Verbose => "verbose",
        }
    }
}

/// One line of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct LogLine {
    /// 1-based line number in the text.
    pub number: usize,
    /// Byte offset of the line in the (lossily decoded) text.
    pub offset: usize,
    /// The line as written (without the line break).
    pub raw: String,
    /// The CSV fields (empty for free-text lines).
    pub fields: Vec<String>,
    /// The line's timestamp.
    pub time: Option<LogTime>,
    /// The device's uptime in milliseconds (ESP-IDF lines).
    pub uptime_ms: Option<u64>,
    /// The line's level.
    pub level: Option<Level>,
    /// The message: what remains after time and level (free text), or the message column.
    pub message: Option<String>,
    /// The line looks cut (first or last line of a bytewise cut).
    pub partial: bool,
}

/// A parsed log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct LogFile {
    /// The CSV separator, or `None` for free-text lines.
    pub separator: Option<char>,
    /// The header's column names.
    pub header: Option<Vec<String>>,
    /// Which column holds the time, the level and the message.
    pub columns: Columns,
    /// The lines after the header, in order (blank lines skipped).
    pub lines: Vec<LogLine>,
    /// Some bytes were not UTF-8 and were replaced by U+FFFD.
    pub replaced_invalid_utf8: bool,
    /// The parse stopped at a limit (see [`parse_with`]): lines from this point on are not in
    /// `lines`.
    pub truncated: Option<Truncation>,
}

/// Column roles found in a CSV log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Columns {
    /// The timestamp column.
    pub time: Option<usize>,
    /// The level column.
    pub level: Option<usize>,
    /// The message column.
    pub message: Option<usize>,
}

const SEPARATORS: [char; 3] = [',', ';', '\t'];

/// Parses log bytes. Never fails; every line is kept, up to [`Limits::for_log`] (see
/// [`parse_with`]).
pub fn parse(bytes: &[u8]) -> LogFile {
    parse_with(bytes, Limits::for_log(bytes.len()))
}

/// [`parse`] with other limits: at most `max_frames` lines and `max_values` CSV fields.
/// Reaching one ends the log before the line that did not fit; [`LogFile::truncated`] says
/// where.
pub fn parse_with(bytes: &[u8], limits: Limits) -> LogFile {
    let text = String::from_utf8_lossy(bytes);
    let replaced_invalid_utf8 = matches!(text, alloc::borrow::Cow::Owned(_));
    let ends_with_newline = text.ends_with('\n');
    let mut truncated = None;
    let mut raw_lines: Vec<(usize, usize, &str)> = Vec::new(); // (number, offset, line)
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let trimmed = line.strip_suffix('\r').unwrap_or(line);
        if !trimmed.trim().is_empty() {
            if raw_lines.len() == limits.max_frames {
                truncated = Some(Truncation {
                    offset,
                    limit: LimitKind::Frames,
                    max: limits.max_frames,
                });
                break;
            }
            raw_lines.push((i + 1, offset, trimmed));
        }
        offset += line.len() + 1;
    }
    let separator = detect_separator(&raw_lines);
    if let Some(sep) = separator {
        // Fields are counted before any is kept: one line can hold millions.
        let mut fields = 0usize;
        let fit = raw_lines.iter().position(|(_, _, l)| {
            fields = fields.saturating_add(count_fields(l, sep));
            fields > limits.max_values
        });
        if let Some(at) = fit {
            truncated = Some(Truncation {
                offset: raw_lines[at].1,
                limit: LimitKind::Values,
                max: limits.max_values,
            });
            raw_lines.truncate(at);
        }
    }
    let mut rows: Vec<Vec<String>> = raw_lines
        .iter()
        .map(|(_, _, l)| separator.map(|s| split_csv(l, s)).unwrap_or_default())
        .collect();
    let typical_fields = separator.map(|_| mode(rows.iter().map(Vec::len)));
    // Which lines look cut.
    let n = raw_lines.len();
    let mut partial = alloc::vec![false; n];
    if n > 0 {
        if !ends_with_newline && !text.is_empty() {
            partial[n - 1] = true;
        }
        let first = raw_lines[0].2;
        let fields_off = typical_fields.is_some_and(|t| rows[0].len() != t && n > 1);
        if first.starts_with('\u{fffd}') || fields_off {
            partial[0] = true;
        }
        if let Some(t) = typical_fields {
            if rows[n - 1].len() != t && n > 1 {
                partial[n - 1] = true;
            }
        }
    }
    // Header: a first, uncut CSV line of names.
    let header = match (separator, rows.first()) {
        (Some(_), Some(first)) if !partial[0] && n > 1 && is_header(first) => Some(first.clone()),
        _ => None,
    };
    let skip = usize::from(header.is_some());
    let columns = match separator {
        Some(_) => find_columns(header.as_deref(), &rows[skip..]),
        None => Columns::default(),
    };
    let mut lines = Vec::with_capacity(n - skip);
    for (i, (number, offset, raw)) in raw_lines.iter().enumerate().skip(skip) {
        let fields = core::mem::take(&mut rows[i]);
        let mut line = LogLine {
            number: *number,
            offset: *offset,
            raw: String::from(*raw),
            fields: Vec::new(),
            time: None,
            uptime_ms: None,
            level: None,
            message: None,
            partial: partial[i],
        };
        if separator.is_some() {
            line.time = columns
                .time
                .and_then(|c| fields.get(c))
                .and_then(|f| time::parse(f));
            line.level = columns
                .level
                .and_then(|c| fields.get(c))
                .and_then(|f| Level::parse(f));
            line.message = columns.message.and_then(|c| fields.get(c)).cloned();
            line.fields = fields;
        } else {
            free_text(&mut line);
        }
        lines.push(line);
    }
    LogFile {
        separator,
        header,
        columns,
        lines,
        replaced_invalid_utf8,
        truncated,
    }
}

/// The separator that gives the most lines with the same field count (> 1).
fn detect_separator(lines: &[(usize, usize, &str)]) -> Option<char> {
    // Leave out the possibly cut first and last lines when there are enough others.
    let sample: Vec<&str> = if lines.len() > 3 {
        lines[1..lines.len() - 1].iter().map(|l| l.2).collect()
    } else {
        lines.iter().map(|l| l.2).collect()
    };
    let mut best: Option<(char, usize)> = None;
    for sep in SEPARATORS {
        let counts: Vec<usize> = sample.iter().map(|l| count_fields(l, sep)).collect();
        let typical = mode(counts.iter().copied());
        if typical < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == typical).count();
        // Most lines must agree.
        if agreeing * 10 < sample.len() * 7 {
            continue;
        }
        if best.is_none_or(|(_, a)| agreeing > a) {
            best = Some((sep, agreeing));
        }
    }
    best.map(|(s, _)| s)
}

/// The most frequent value (the larger one on a tie), 0 for none.
fn mode(values: impl Iterator<Item = usize>) -> usize {
    let mut counts: alloc::collections::BTreeMap<usize, usize> = Default::default();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, c)| (c, v))
        .map(|(v, _)| v)
        .unwrap_or(0)
}

/// How many fields [`split_csv`] finds, without making them.
fn count_fields(line: &str, sep: char) -> usize {
    let mut count = 1;
    let mut quoted = false;
    let mut field_empty = true;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field_empty = false;
            }
            '"' if quoted => quoted = false,
            '"' if field_empty => quoted = true,
            c if c == sep && !quoted => {
                count += 1;
                field_empty = true;
            }
            _ => field_empty = false,
        }
    }
    count
}

/// Splits one CSV line; double quotes group (`""` is a literal quote).
fn split_csv(line: &str, sep: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == sep && !quoted => fields.push(core::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn is_header(fields: &[String]) -> bool {
    fields
        .iter()
        .all(|f| !f.chars().any(|c| c.is_ascii_digit()))
        && fields.iter().any(|f| f.chars().any(char::is_alphabetic))
        && time::parse(&fields[0]).is_none()
}

fn find_columns(header: Option<&[String]>, rows: &[Vec<String>]) -> Columns {
    let named = |names: &[&str]| {
        header.and_then(|h| {
            h.iter()
                .position(|f| names.iter().any(|n| f.trim().eq_ignore_ascii_case(n)))
        })
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let share = |c: usize, ok: &dyn Fn(&str) -> bool| {
        let with = rows
            .iter()
            .filter(|r| r.get(c).is_some_and(|f| ok(f)))
            .count();
        with * 2 > rows.len().max(1)
    };
    let time = named(&["time", "timestamp", "date", "datetime", "ts"])
        .or_else(|| (0..width).find(|&c| share(c, &|f| time::parse(f).is_some())));
    let level = named(&["level", "severity", "lvl", "loglevel"])
        .or_else(|| (0..width).find(|&c| share(c, &|f| Level::parse(f).is_some())));
    let message = named(&["message", "msg", "text", "event"]).or_else(|| {
        // The last column with letters in most rows, if it is not time or level.
        (0..width).rev().find(|&c| {
            Some(c) != time && Some(c) != level && share(c, &|f| f.chars().any(char::is_alphabetic))
        })
    });
    Columns {
        time,
        level,
        message,
    }
}

/// Time, uptime and level at the start of a free-text line. (Slices through `get`: no
/// position here can panic.)
fn free_text(line: &mut LogLine) {
    let mut rest: &str = &line.raw;
    if let Some((t, used)) = time::parse_prefix(rest) {
        line.time = Some(t);
        rest = rest.get(used..).unwrap_or_default().trim_start();
    }
    // ESP-IDF: `I (1234) tag: message`.
    let b = rest.as_bytes();
    if b.len() > 4 && b[1] == b' ' && b[2] == b'(' {
        let level = rest.get(..1).and_then(Level::parse);
        if let (Some(level), Some(close)) = (level, rest.find(')')) {
            if let Some(ms) = rest.get(3..close).and_then(|n| n.parse::<u64>().ok()) {
                line.level = Some(level);
                line.uptime_ms = Some(ms);
                rest = rest.get(close + 1..).unwrap_or_default().trim_start();
            }
        }
    }
    if line.level.is_none() {
        let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, after) = rest.split_at_checked(token_end).unwrap_or((rest, ""));
        if let Some(level) = Level::parse(token) {
            line.level = Some(level);
            rest = after.trim_start();
            rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
        }
    }
    if line.time.is_some() || line.level.is_some() {
        line.message = Some(String::from(rest));
    }
}

#[cfg(test)]
mod tests;
