//! The simulator's clock: real time, or a manual clock that tests move.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

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

    /// Moves the clock forward (tests: let pending tokens lapse, let a rate window pass).
    pub fn advance_ms(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}
