//! The sans-IO client core: everything about calling the device except the network call.
//!
//! * [`requests`]: one builder per endpoint (validated: dates `YYYY-MM-DD`, `days` 1–31),
//!   turned into an [`HttpRequest`] with [`RequestSpec::build`] (auth header by the endpoint's
//!   level, `Content-Type`, the endpoint's timeout class).
//! * [`interpret_json`], [`interpret_text`], [`interpret_binary`]: status + `Retry-After` +
//!   body → a typed value, `None` for a documented 204, or an [`ApiError`] with a stable
//!   [`ErrorKind`] and a message that says what to do and never contains a token.
//! * [`Call`]: one call as a state machine — wait for the budget, send, retry 429/503 — that
//!   settles within its timeout; the HTTP stack only performs the waits and the exchanges.
//! * [`RetryPolicy`]: retry 429/503 only, waiting `Retry-After`, bounded.
//! * [`RateBudget`]: the device's 25-requests-per-10-s budget as an exact sliding window with
//!   FIFO tickets; time is passed in.
//! * [`TokenRotation`]: generate → confirm within 60 s → switch only after the confirm.
//!
//! Any HTTP stack drives it through [`Call`] (see its module documentation), then interprets
//! the final answer.

mod budget;
mod call;
mod error;
mod request;
mod response;
mod retry;
#[cfg(test)]
mod tests;
mod tokens;

pub use budget::{
    Poll, RateBudget, Ticket, DEVICE_LIMIT, DEVICE_WINDOW_MARGIN_MS, DEVICE_WINDOW_MS,
};
pub use call::{
    timer_delay_ms, Action, Call, CallOptions, Next, DEFAULT_MAX_BODY_BYTES, MAX_TIMEOUT_MS,
};
pub use error::{redact, ApiError, ErrorKind};
pub use request::{
    origin_of, requests, validate_date, Credentials, HttpRequest, RequestSpec, MAX_LOWRES_DAYS,
};
pub use response::{
    error_for_status, interpret_binary, interpret_json, interpret_text, parse_retry_after,
    HttpResponse,
};
pub use retry::{RetryDecision, RetryPolicy};
pub use tokens::{TokenRotation, CONFIRM_MARGIN_MS};

/// Default timeout of a whole [`Call`]: 30 s — waiting for the shared budget and the retries
/// included, so there is room for one budget window or one `Retry-After` of the device (10 s)
/// and an answer. (The vendor's client waits 10 s per request, and then up to three times the
/// `Retry-After` on top.)
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
