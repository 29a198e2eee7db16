//! Errors of API calls: a stable kind, the HTTP status and `Retry-After` where they apply, and
//! a message that says what to do and never contains a token.

use crate::api::Endpoint;
use alloc::string::String;
use core::fmt;

/// What went wrong, as a stable name (the JS `error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The device could not be reached (DNS, connection refused, reset, CORS in a browser).
    Network,
    /// No answer in time.
    Timeout,
    /// 401: the token is missing or wrong.
    Unauthorized,
    /// 403: the token lacks permission (READ token on a WRITE endpoint), or setup is finished.
    Forbidden,
    /// 404: unknown path, or not available on this device type.
    NotFound,
    /// 429: the device's request budget (25 per 10 s, all clients together) is exhausted.
    RateLimited,
    /// 503: heap protection, the device is low on memory.
    Busy,
    /// 400: the device rejected the request.
    BadRequest,
    /// 413: the body is too large.
    PayloadTooLarge,
    /// The answer is not what the endpoint promises (not JSON, wrong shape, unexpected 204).
    BadResponse,
    /// Any other HTTP status.
    Http,
    /// The request was invalid before it was sent (a malformed date, `days` out of range).
    InvalidRequest,
}

impl ErrorKind {
    /// The stable camelCase name (`notFound`, `rateLimited`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "notFound",
            ErrorKind::RateLimited => "rateLimited",
            ErrorKind::Busy => "busy",
            ErrorKind::BadRequest => "badRequest",
            ErrorKind::PayloadTooLarge => "payloadTooLarge",
            ErrorKind::BadResponse => "badResponse",
            ErrorKind::Http => "http",
            ErrorKind::InvalidRequest => "invalidRequest",
        }
    }

    /// Every kind.
    pub const ALL: [ErrorKind; 12] = [
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::RateLimited,
        ErrorKind::Busy,
        ErrorKind::BadRequest,
        ErrorKind::PayloadTooLarge,
        ErrorKind::BadResponse,
        ErrorKind::Http,
        ErrorKind::InvalidRequest,
    ];
}

/// An API error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The HTTP status, if the device answered.
    pub status: Option<u16>,
    /// Seconds the device asked to wait (429, 503).
    pub retry_after: Option<u32>,
    /// The endpoint, if known.
    pub endpoint: Option<Endpoint>,
    /// What happened and what to do. Never contains a token.
    pub message: String,
}

impl ApiError {
    /// An error with a message; `secrets` are removed from the message.
    pub fn new(kind: ErrorKind, message: impl Into<String>, secrets: &[&str]) -> Self {
        ApiError {
            kind,
            status: None,
            retry_after: None,
            endpoint: None,
            message: redact(&message.into(), secrets),
        }
    }

    /// The device could not be reached. In a browser a CORS refusal looks the same; the
    /// message says so and names the fix.
    pub fn network(detail: &str, in_browser: bool, secrets: &[&str]) -> Self {
        let mut message = alloc::format!("the device could not be reached: {detail}");
        if in_browser {
            message.push_str(
                ". In a browser this is most likely CORS: the device does not allow pages from \
                 another origin. Open the page through the simulator's proxy mode \
                 (`wattwaechter-sim --proxy http://<device>`), which serves it from the same origin",
            );
        } else {
            message.push_str(". Check the host name and that the device is on the network");
        }
        ApiError::new(ErrorKind::Network, message, secrets)
    }

    /// No answer within `timeout_ms`.
    pub fn timeout(timeout_ms: u32, secrets: &[&str]) -> Self {
        ApiError::new(
            ErrorKind::Timeout,
            alloc::format!(
                "no answer within {} ms: the device may be busy or offline",
                timeout_ms
            ),
            secrets,
        )
    }

    /// The request is invalid before sending.
    pub fn invalid(message: impl Into<String>) -> Self {
        // No secrets to redact: built directly, which keeps the redaction (and its substring
        // search) out of builds that only decode, like the npm package's decoders entry.
        ApiError {
            kind: ErrorKind::InvalidRequest,
            status: None,
            retry_after: None,
            endpoint: None,
            message: message.into(),
        }
    }

    pub(crate) fn with_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ApiError {}

/// Replaces every occurrence of a secret (of 4 or more characters) with `<redacted>`.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = String::from(text);
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        if out.contains(*s) {
            out = out.replace(*s, "<redacted>");
        }
    }
    out
}
