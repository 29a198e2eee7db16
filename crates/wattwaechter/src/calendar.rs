//! The proleptic Gregorian calendar: day numbers since 1970-01-01 ⇄ dates, the length of a
//! month, `YYYY-MM-DD` text, and [`Civil`] date-times — written once for the log parser, the
//! client's date check and the simulator.

use core::fmt;

/// Whether `year` has a 29 February.
pub const fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1–12) in `year`; 0 for a month that does not exist.
pub const fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a date (H. Hinnant's `days_from_civil`).
pub const fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let m = month as i64;
    let y = year - (m <= 2) as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The date (year, month, day) of a day number since 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
pub const fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + (month <= 2) as i64;
    (year, month, day)
}

/// The day number of a `YYYY-MM-DD` text that names a real day (`2024-02-30` does not).
pub fn parse_date(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: core::ops::Range<usize>| -> Option<u16> {
        let digits = &b[r];
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0')))
    };
    let (year, month, day) = (i64::from(number(0..4)?), number(5..7)?, number(8..10)?);
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    (1..=days_in_month(year, month))
        .contains(&day)
        .then(|| days_from_civil(year, month, day))
}

/// A calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct Civil {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
    /// Hour 0–23.
    pub hour: u8,
    /// Minute 0–59.
    pub minute: u8,
    /// Second 0–60.
    pub second: u8,
}

impl Civil {
    /// The UTC date and time of Unix seconds `t`; `None` past the years an `i32` holds.
    pub fn from_unix_utc(t: i64) -> Option<Civil> {
        let (year, month, day) = civil_from_days(t.div_euclid(86_400));
        let s = t.rem_euclid(86_400);
        Some(Civil {
            year: i32::try_from(year).ok()?,
            month,
            day,
            hour: (s / 3600) as u8,
            minute: (s / 60 % 60) as u8,
            second: (s % 60) as u8,
        })
    }

    /// Seconds since 1970-01-01 if this were UTC.
    pub fn unix_if_utc(&self) -> i64 {
        days_from_civil(i64::from(self.year), self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// Whether every field is in range and the day exists in its month.
    pub fn is_valid(&self) -> bool {
        (1..=days_in_month(i64::from(self.year), self.month)).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second <= 60
    }

    /// The date as `YYYY-MM-DD`.
    pub fn date(&self) -> impl fmt::Display {
        let Civil {
            year, month, day, ..
        } = *self;
        DateText(year, month, day)
    }
}

/// `YYYY-MM-DDTHH:MM:SS` (ISO 8601 without a zone).
impl fmt::Display for Civil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

struct DateText(i32, u8, u8);

impl fmt::Display for DateText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// Every day from 1600 to 2400 goes there and back, and the day numbers are consecutive.
    #[test]
    fn day_numbers_round_trip() {
        let first = days_from_civil(1600, 1, 1);
        let mut expected = first;
        for year in 1600..2400 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), expected);
                    assert_eq!(civil_from_days(expected), (year, month, day));
                    expected += 1;
                }
            }
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(19_790), (2024, 3, 8));
    }

    #[test]
    fn dates_as_text() {
        assert_eq!(parse_date("2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        for bad in [
            "2023-02-29",
            "2024-02-30",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024-01-0x",
            "2024-01-00",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let t = Civil::from_unix_utc(1_709_913_600).unwrap();
        assert_eq!(t.to_string(), "2024-03-08T16:00:00");
        assert_eq!(t.date().to_string(), "2024-03-08");
        assert_eq!(t.unix_if_utc(), 1_709_913_600);
        assert!(t.is_valid());
        assert!(!Civil {
            day: 31,
            month: 4,
            ..t
        }
        .is_valid());
        assert_eq!(Civil::from_unix_utc(i64::MAX / 2), None);
    }
}
