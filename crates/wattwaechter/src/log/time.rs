//! Timestamps as log lines write them: Unix seconds (or milliseconds), ISO 8601, and
//! `YYYY-MM-DD HH:MM:SS`.

use crate::calendar::Civil;
use alloc::string::String;

/// A timestamp found in a log line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct LogTime {
    /// The text as written.
    pub text: String,
    /// Seconds since 1970-01-01 UTC, when the text says which instant it is (Unix time, or
    /// ISO 8601 with `Z` or an offset).
    pub unix: Option<i64>,
    /// Calendar fields, when written as a date (local time unless `unix` is set).
    pub civil: Option<Civil>,
}

/// Unix seconds between 2000 and 2100 accepted as timestamps (smaller numbers are counters).
const UNIX_MIN: i64 = 946_684_800;
const UNIX_MAX: i64 = 4_102_444_800;

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |a, &b| {
        a.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

/// Parses a whole field as a timestamp.
pub fn parse(text: &str) -> Option<LogTime> {
    let t = text.trim();
    let b = t.as_bytes();
    if (9..=10).contains(&b.len()) || b.len() == 13 {
        if let Some(n) = b
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| t.parse::<i64>().ok())
            .flatten()
        {
            let secs = if b.len() == 13 { n / 1000 } else { n };
            if (UNIX_MIN..=UNIX_MAX).contains(&secs) {
                return Some(LogTime {
                    text: t.into(),
                    unix: Some(secs),
                    civil: None,
                });
            }
        }
    }
    let (civil, rest) = civil_prefix(b)?;
    let offset = match rest {
        [] => None,
        [b'Z'] | [b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let minutes = i64::from(digits(&[*h1, *h2])?) * 60 + i64::from(digits(&[*m1, *m2])?);
            Some(if *sign == b'-' { -minutes } else { minutes })
        }
        _ => return None,
    };
    Some(LogTime {
        text: t.into(),
        unix: offset.map(|o| civil.unix_if_utc() - o * 60),
        civil: Some(civil),
    })
}

/// `YYYY-MM-DD[T ]HH:MM:SS[.fraction]` at the start of `b`; returns the rest.
fn civil_prefix(b: &[u8]) -> Option<(Civil, &[u8])> {
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let civil = Civil {
        year: digits(&b[0..4])? as i32,
        month: digits(&b[5..7])? as u8,
        day: digits(&b[8..10])? as u8,
        hour: digits(&b[11..13])? as u8,
        minute: digits(&b[14..16])? as u8,
        second: digits(&b[17..19])? as u8,
    };
    if !civil.is_valid() {
        return None;
    }
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        rest = &rest[1 + n..];
    }
    Some((civil, rest))
}

/// A timestamp at the start of a free-text line (`[2024-03-08 16:00:00] …`,
/// `2024-03-08T16:00:00Z …`, `1709913600 …`); returns it and the byte length it took.
pub fn parse_prefix(line: &str) -> Option<(LogTime, usize)> {
    let (inner_start, close) = if line.starts_with('[') {
        let end = line.find(']')?;
        (1, Some(end))
    } else {
        (0, None)
    };
    let body = line.get(inner_start..close.unwrap_or(line.len()))?;
    let token_end = match close {
        Some(_) => body.len(),
        None => {
            // A date with a space inside counts as one token.
            let b = body.as_bytes();
            if civil_prefix(b).is_some() {
                19 + b[19..]
                    .iter()
                    .take_while(|c| !c.is_ascii_whitespace())
                    .count()
            } else {
                body.find(char::is_whitespace).unwrap_or(body.len())
            }
        }
    };
    let time = parse(body.get(..token_end)?)?;
    let used = inner_start + token_end + usize::from(close.is_some());
    Some((time, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(parse("1709913600").unwrap().unix, Some(1_709_913_600));
        assert_eq!(parse("1709913600123").unwrap().unix, Some(1_709_913_600));
        assert!(
            parse("12345").is_none(),
            "a small number is a counter, not a time"
        );
        let t = parse("2024-03-08T16:00:00Z").unwrap();
        assert_eq!(t.unix, Some(1_709_913_600));
        assert_eq!(
            parse("2024-03-08T17:00:00+01:00").unwrap().unix,
            Some(1_709_913_600)
        );
        assert_eq!(
            parse("2024-03-08T17:00:00.250+0100").unwrap().unix,
            Some(1_709_913_600)
        );
        let naive = parse("2024-03-08 16:00:00").unwrap();
        assert_eq!(naive.unix, None);
        assert_eq!(naive.civil.unwrap().unix_if_utc(), 1_709_913_600);
        assert!(parse("2024-13-08 16:00:00").is_none());
        assert!(parse("2024-03-08 16:00").is_none());
        assert!(parse("2024-02-30 16:00:00").is_none());
    }

    #[test]
    fn prefixes() {
        let (t, n) = parse_prefix("[2024-03-08 16:00:00] INFO: System started").unwrap();
        assert_eq!((t.text.as_str(), n), ("2024-03-08 16:00:00", 21));
        let (t, n) = parse_prefix("2024-03-08 16:00:00 WARN x").unwrap();
        assert_eq!((t.text.as_str(), n), ("2024-03-08 16:00:00", 19));
        let (t, n) = parse_prefix("1709913600 boot").unwrap();
        assert_eq!((t.unix, n), (Some(1_709_913_600), 10));
        assert!(parse_prefix("hello world").is_none());
        assert!(parse_prefix("[unclosed").is_none());
    }
}
