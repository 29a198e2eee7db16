//! The device's request budget: 25 requests per 10 s for all clients together.
//!
//! [`RateBudget`] keeps the start times of the last `limit` requests and lets a new one start
//! only when fewer than `limit` started in the window before it — an exact sliding window, so
//! no 10-second window ever holds more than `limit` starts (a token bucket of the same rate
//! would allow up to `2 × limit − 1` at a refill edge). Waiting requests hold FIFO
//! [`Ticket`]s and start in order, so none starves. Time is passed in (milliseconds on any
//! monotonic clock), which makes it testable and usable on any runtime.

use super::error::ApiError;
use alloc::collections::VecDeque;

/// The device's limit: requests per window, for all clients together.
pub const DEVICE_LIMIT: u32 = 25;
/// The device's window in milliseconds.
pub const DEVICE_WINDOW_MS: u64 = 10_000;
/// Added to the device's window by [`RateBudget::device_share`]: the budget counts request
/// *starts*, the device counts *arrivals*, which come later (latency, queueing). Without a
/// margin a burst's second wave can reach the device while the first wave's last requests are
/// still in its window (measured: 22 of 100 burst requests refused).
pub const DEVICE_WINDOW_MARGIN_MS: u64 = 1_000;

/// A place in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ticket(u64);

/// The answer to [`RateBudget::poll`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Poll {
    /// Start the request now (its start is recorded).
    Ready,
    /// Ask again at this time (ms).
    WaitUntil(u64),
}

/// A sliding-window request budget with a FIFO queue.
#[derive(Debug, Clone)]
pub struct RateBudget {
    limit: usize,
    window_ms: u64,
    starts: VecDeque<u64>,
    queue: VecDeque<Ticket>,
    next_ticket: u64,
    blocked_until: u64,
}

impl RateBudget {
    /// A budget of `limit` starts per `window_ms` (limit at least 1).
    pub fn new(limit: u32, window_ms: u64) -> Self {
        RateBudget {
            limit: limit.max(1) as usize,
            window_ms,
            starts: VecDeque::new(),
            queue: VecDeque::new(),
            next_ticket: 0,
            blocked_until: 0,
        }
    }

    /// This client's share of the device's budget (`share` in (0, 1]; 1 = all 25 per 10 s;
    /// leave room for other clients such as Home Assistant with a smaller share). A share
    /// outside (0, 1] — 0, negative, NaN, above 1 — is refused. The smallest share still
    /// allows one request per window.
    pub fn device_share(share: f64) -> Result<Self, ApiError> {
        if !(share > 0.0 && share <= 1.0) {
            return Err(ApiError::invalid(alloc::format!(
                "rate share {share}: it must be above 0 and at most 1 (the part of the device's \
                 {DEVICE_LIMIT} requests per 10 s this client may use)"
            )));
        }
        let limit = (f64::from(DEVICE_LIMIT) * share) as u32;
        Ok(Self::new(
            limit.max(1),
            DEVICE_WINDOW_MS + DEVICE_WINDOW_MARGIN_MS,
        ))
    }

    /// Requests per window.
    pub fn limit(&self) -> u32 {
        self.limit as u32
    }

    /// The window in milliseconds.
    pub fn window_ms(&self) -> u64 {
        self.window_ms
    }

    /// Queues a request.
    pub fn enqueue(&mut self) -> Ticket {
        let t = Ticket(self.next_ticket);
        self.next_ticket += 1;
        self.queue.push_back(t);
        t
    }

    /// Leaves the queue without starting (a cancelled call).
    pub fn cancel(&mut self, ticket: Ticket) {
        self.queue.retain(|&t| t != ticket);
    }

    /// Waiting tickets.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// May `ticket` start at `now_ms`? Only the head of the queue can; `Ready` records the
    /// start and removes the ticket.
    pub fn poll(&mut self, ticket: Ticket, now_ms: u64) -> Poll {
        let earliest = self.earliest_start(now_ms);
        if self.queue.front() != Some(&ticket) {
            // Behind others: at least until the head can go (callers re-poll then).
            return Poll::WaitUntil(earliest.max(now_ms + 1));
        }
        if earliest > now_ms {
            return Poll::WaitUntil(earliest);
        }
        self.queue.pop_front();
        self.record(now_ms);
        Poll::Ready
    }

    /// Starts immediately if the budget allows and nobody is queued; otherwise returns when to
    /// try again.
    pub fn try_acquire(&mut self, now_ms: u64) -> Result<(), u64> {
        let earliest = self.earliest_start(now_ms);
        if !self.queue.is_empty() || earliest > now_ms {
            return Err(earliest.max(now_ms + 1));
        }
        self.record(now_ms);
        Ok(())
    }

    /// The device answered 429 or 503 with `Retry-After`: nobody starts before `until_ms`.
    pub fn back_off(&mut self, until_ms: u64) {
        self.blocked_until = self.blocked_until.max(until_ms);
    }

    /// The earliest time a new request may start.
    pub fn earliest_start(&mut self, now_ms: u64) -> u64 {
        while self
            .starts
            .front()
            .is_some_and(|&s| s + self.window_ms <= now_ms)
        {
            self.starts.pop_front();
        }
        let by_window = if self.starts.len() < self.limit {
            now_ms
        } else {
            // The oldest of the last `limit` starts must leave the window first.
            self.starts[self.starts.len() - self.limit] + self.window_ms
        };
        by_window.max(self.blocked_until).max(now_ms)
    }

    fn record(&mut self, now_ms: u64) {
        self.starts.push_back(now_ms);
        while self.starts.len() > self.limit {
            self.starts.pop_front();
        }
    }
}
