//! One API call from start to answer, as a sans-IO state machine ([`Call`]).

use super::budget::{Poll, RateBudget, Ticket};
use super::error::ApiError;
use super::request::{Credentials, HttpRequest, RequestSpec};
use super::response::{error_for_status, HttpResponse};
use super::retry::{RetryDecision, RetryPolicy};
use super::DEFAULT_TIMEOUT_MS;

/// The longest timeout a call may have: 2³¹ − 1 ms (about 24.8 days), the largest delay a
/// JavaScript timer can wait; longer ones fire at once there.
pub const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// The largest answer body a client reads by default: 16 MiB, far above any real answer (the
/// device's largest are the ring-buffer dump and the log files, some KiB on an ESP32).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// How a call behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallOptions {
    /// The longest the whole call may take, in ms (1 ..= [`MAX_TIMEOUT_MS`]); raised to the
    /// endpoint's minimum (30 s for OTA start).
    pub timeout_ms: u32,
    /// When to try again after 429 and 503.
    pub retry: RetryPolicy,
}

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
        }
    }
}

impl CallOptions {
    /// Checks options a user gave: the timeout must be 1 ..= [`MAX_TIMEOUT_MS`] ms and at
    /// least one attempt allowed.
    pub fn validate(&self) -> Result<(), ApiError> {
        if !(1..=MAX_TIMEOUT_MS).contains(&self.timeout_ms) {
            return Err(ApiError::invalid(alloc::format!(
                "timeout of {} ms: it must be between 1 and {MAX_TIMEOUT_MS} ms",
                self.timeout_ms
            )));
        }
        if self.retry.max_attempts == 0 {
            return Err(ApiError::invalid(
                "at least one attempt is needed (max attempts 0)",
            ));
        }
        Ok(())
    }
}

/// What the caller does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Wait until this time (ms on the clock passed to [`Call::poll`]), then poll again.
    WaitUntil(u64),
    /// Send this request now (its start is recorded in the budget), with its `timeout_ms`,
    /// then report the answer to [`Call::on_answer`] (or end the call with the network error
    /// or the timeout).
    Send(HttpRequest),
    /// The call ends with this error.
    Fail(ApiError),
}

/// What follows an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// The answer is final: interpret it (success or error) with the `interpret_*` functions.
    Done,
    /// The device refused for now (429/503) and the retry fits in the call: poll again.
    Retry,
}

/// One API call from start to answer, as a sans-IO state machine: wait for the shared request
/// budget, send, and after each answer decide — done, or wait and try again (429 and 503
/// only). The caller performs the waits and the exchanges; any HTTP stack and any runtime
/// can drive it, and every client of this project does (the wasm client over `fetch`, the
/// Rust clients).
///
/// ```text
/// let mut call = Call::new(spec, options, now);
/// loop {
///     match call.poll(&mut budget, &credentials, now) {
///         Action::WaitUntil(t) => sleep until t,
///         Action::Send(request) => {
///             let answer = send request (with request.timeout_ms);
///             match call.on_answer(&mut budget, &answer, &secrets, now) {
///                 Next::Done => break interpret(answer),
///                 Next::Retry => continue,
///             }
///         }
///         Action::Fail(error) => break Err(error),
///     }
/// }
/// ```
///
/// **Every call settles within its timeout.** The timeout covers the whole call: waiting for
/// the budget, the device's answers and the waits between attempts. A wait that cannot end
/// before the deadline is not started: the call fails at once with
/// [`ErrorKind::RateLimited`](super::ErrorKind::RateLimited) and the wait left as
/// `retry_after`. Each request is sent with the time that is left as its own timeout. A
/// `Retry-After` is honoured for at most [`RetryPolicy::max_wait_s`], also in the budget's
/// back-off that every later call to the same device shares.
#[derive(Debug, Clone)]
pub struct Call {
    spec: RequestSpec,
    options: CallOptions,
    /// The call must settle by then (ms).
    deadline: u64,
    /// Attempts sent so far.
    attempts: u32,
    /// The place in the budget's queue, while waiting for it.
    ticket: Option<Ticket>,
    /// No attempt before this time (the wait after a 429/503).
    not_before: u64,
}

impl Call {
    /// A call of `spec` starting at `now_ms`.
    pub fn new(spec: RequestSpec, options: CallOptions, now_ms: u64) -> Self {
        let timeout = options
            .timeout_ms
            .clamp(1, MAX_TIMEOUT_MS)
            .max(spec.endpoint.timeout().min_ms());
        Call {
            spec,
            options,
            deadline: now_ms.saturating_add(u64::from(timeout)),
            attempts: 0,
            ticket: None,
            not_before: 0,
        }
    }

    /// The request being made.
    pub fn spec(&self) -> &RequestSpec {
        &self.spec
    }

    /// When the call must have settled (ms).
    pub fn deadline(&self) -> u64 {
        self.deadline
    }

    /// What to do at `now_ms`: wait, send, or give up.
    pub fn poll(
        &mut self,
        budget: &mut RateBudget,
        credentials: &Credentials,
        now_ms: u64,
    ) -> Action {
        if now_ms >= self.deadline {
            self.leave_queue(budget);
            return Action::Fail(self.timed_out());
        }
        if self.not_before > now_ms {
            return Action::WaitUntil(self.not_before);
        }
        let ticket = *self.ticket.get_or_insert_with(|| budget.enqueue());
        match budget.poll(ticket, now_ms) {
            Poll::Ready => {
                self.ticket = None;
                self.attempts += 1;
                let left = self.deadline - now_ms;
                let timeout = u32::try_from(left).unwrap_or(MAX_TIMEOUT_MS);
                let mut request = self.spec.build(credentials, timeout);
                // `build` raises short timeouts to the endpoint's minimum; the deadline rules.
                request.timeout_ms = timeout;
                Action::Send(request)
            }
            Poll::WaitUntil(t) if t >= self.deadline => {
                self.leave_queue(budget);
                Action::Fail(ApiError::budget_wait(
                    self.spec.endpoint,
                    t - now_ms,
                    self.timeout_ms(),
                ))
            }
            Poll::WaitUntil(t) => Action::WaitUntil(t),
        }
    }

    /// The answer to the request last handed out by [`poll`](Self::poll), received at
    /// `now_ms`. A 429 or 503 holds back the shared budget for the device's `Retry-After`
    /// (at most the retry policy's longest wait) and is retried when the policy allows it
    /// and the retry fits before the deadline.
    pub fn on_answer(
        &mut self,
        budget: &mut RateBudget,
        answer: &HttpResponse<'_>,
        secrets: &[&str],
        now_ms: u64,
    ) -> Next {
        if answer.status != 429 && answer.status != 503 {
            return Next::Done;
        }
        let error = error_for_status(self.spec.endpoint, answer, secrets);
        if let Some(s) = error.retry_after {
            let wait_s = s.min(self.options.retry.max_wait_s);
            budget.back_off(now_ms.saturating_add(u64::from(wait_s) * 1000));
        }
        match self.options.retry.decide(&error, self.attempts) {
            RetryDecision::RetryAfterMs(ms) if now_ms.saturating_add(ms) < self.deadline => {
                self.not_before = now_ms + ms;
                Next::Retry
            }
            _ => Next::Done,
        }
    }

    /// The call ends early (the caller dropped it): leaves the budget's queue.
    pub fn cancel(&mut self, budget: &mut RateBudget) {
        self.leave_queue(budget);
    }

    fn leave_queue(&mut self, budget: &mut RateBudget) {
        if let Some(t) = self.ticket.take() {
            budget.cancel(t);
        }
    }

    fn timeout_ms(&self) -> u32 {
        self.options.timeout_ms.clamp(1, MAX_TIMEOUT_MS)
    }

    /// The error of a call whose deadline passed while it waited.
    fn timed_out(&self) -> ApiError {
        let mut e = ApiError::timeout(self.timeout_ms(), &[]);
        e.endpoint = Some(self.spec.endpoint);
        e
    }
}

/// The wait from `now_ms` until `until_ms`, as a timer delay every runtime accepts:
/// at least 1 ms, at most [`MAX_TIMEOUT_MS`] (callers poll again after it).
pub fn timer_delay_ms(until_ms: u64, now_ms: u64) -> u32 {
    let wait = until_ms.saturating_sub(now_ms).max(1);
    u32::try_from(wait)
        .unwrap_or(MAX_TIMEOUT_MS)
        .min(MAX_TIMEOUT_MS)
}

#[cfg(test)]
mod tests;
