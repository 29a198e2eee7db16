//! When to try again: only after 429 and 503, the two answers that say the device did not
//! execute the request, so even a state-changing WRITE is safe to repeat.

use super::error::{ApiError, ErrorKind};

/// The retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (the vendor client: 3).
    pub max_attempts: u32,
    /// The longest wait accepted from `Retry-After`, in seconds (a device asking for more is
    /// reported instead of waited for).
    pub max_wait_s: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_wait_s: 60,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send again.
    RetryAfterMs(u64),
    /// Report the error.
    GiveUp,
}

impl RetryPolicy {
    /// No retries.
    pub const fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            max_wait_s: 0,
        }
    }

    /// Decides after attempt number `attempt` (1 = the first) failed with `error`.
    ///
    /// Retries only `rateLimited` (429) and `busy` (503): the device refused before doing
    /// anything. Everything else — including timeouts and network errors, after which a WRITE
    /// may or may not have been executed — is reported. The wait is `Retry-After`, or
    /// `attempt` seconds when the header is missing.
    pub fn decide(&self, error: &ApiError, attempt: u32) -> RetryDecision {
        if attempt >= self.max_attempts
            || !matches!(error.kind, ErrorKind::RateLimited | ErrorKind::Busy)
        {
            return RetryDecision::GiveUp;
        }
        let wait_s = error.retry_after.unwrap_or(attempt);
        if wait_s > self.max_wait_s {
            return RetryDecision::GiveUp;
        }
        RetryDecision::RetryAfterMs(u64::from(wait_s) * 1000)
    }
}
