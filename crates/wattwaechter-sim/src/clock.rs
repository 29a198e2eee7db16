//! The simulator's clock: real time, or a manual clock that tests move.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use wattwaechter::calendar::Civil;

/// The UTC date and time of Unix seconds `t` (the clock's limits keep it in range).
pub fn utc(t: i64) -> Civil {
    Civil::from_unix_utc(t).expect("the simulated time is within the calendar's range")
}

/// The most one `POST /__sim/clock` may move the clock: ten years.
pub const MAX_ADVANCE_MS: i64 = 10 * 366 * 86_400_000;

/// How far ahead of real time the clock may get in all: a century (the meter's arithmetic and
/// the calendar stay well inside their ranges).
pub const MAX_OFFSET_MS: i64 = 100 * 366 * 86_400_000;

/// Milliseconds since the Unix epoch, real or manual.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Added to real time; a manual clock sets it so that "now" is what the test wants.
    offset_ms: Arc<AtomicI64>,
}

fn real_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Clock {
    /// Real time.
    pub fn real() -> Self {
        Self::default()
    }

    /// Now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        real_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    /// Now, in seconds since the epoch.
    pub fn now_s(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }

    /// Moves the clock forward by `ms` (tests: let pending tokens lapse, let a rate window
    /// pass). Refused (`false`, the clock unchanged) when `ms` is negative or the clock would
    /// get more than [`MAX_OFFSET_MS`] ahead of real time.
    pub fn advance_ms(&self, ms: i64) -> bool {
        ms >= 0
            && self
                .offset_ms
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                    offset
                        .checked_add(ms)
                        .filter(|&total| total <= MAX_OFFSET_MS)
                })
                .is_ok()
    }
}
