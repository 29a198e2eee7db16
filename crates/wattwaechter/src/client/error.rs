//! Errors of API calls: a stable kind, the HTTP status and `Retry-After` where they apply, and
//! a message that says what to do and never contains a token.

use crate::api::Endpoint;
use alloc::string::String;
use core::fmt;

/// What went wrong, as a stable name (the JS `error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
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
    /// The answer's body is larger than the client accepts (its `max_body_bytes`).
    ResponseTooLarge,
    /// The answer is a redirect (3xx). The device never redirects, so something else answered
    /// (a captive portal, a proxy); the client refuses to follow it.
    Redirected,
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
            ErrorKind::ResponseTooLarge => "responseTooLarge",
            ErrorKind::Redirected => "redirected",
        }
    }

    /// Every kind.
    pub const ALL: [ErrorKind; 14] = [
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
        ErrorKind::ResponseTooLarge,
        ErrorKind::Redirected,
    ];
}

/// An API error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
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

    /// The answer's body exceeded `limit` bytes; the client stopped reading it there.
    pub fn response_too_large(endpoint: Endpoint, status: u16, limit: u64) -> Self {
        let mut e = ApiError::invalid(alloc::format!(
            "the answer of {} is larger than {limit} bytes, the most this client reads \
             (`max_body_bytes`); no real WattWächter answer comes close, so something else \
             answered — check the host",
            endpoint.full_path()
        ))
        .with_endpoint(endpoint);
        e.kind = ErrorKind::ResponseTooLarge;
        e.status = Some(status);
        e
    }

    /// The answer was a redirect (`status` when known: a browser hides it), which the client
    /// does not follow.
    pub fn redirected(endpoint: Endpoint, status: Option<u16>) -> Self {
        let code = status.map_or(String::new(), |s| alloc::format!(" (HTTP {s})"));
        let mut e = ApiError::invalid(alloc::format!(
            "{} answered with a redirect{code}, which the client does not follow: the \
             WattWächter never redirects, so something else answered (a captive portal, a \
             proxy) — check the host",
            endpoint.full_path()
        ))
        .with_endpoint(endpoint);
        e.kind = ErrorKind::Redirected;
        e.status = status;
        e
    }

    /// The request could not start within its call's timeout: the shared request budget (or
    /// the device's `Retry-After`) lets the next request start only in `wait_ms`.
    pub fn budget_wait(endpoint: Endpoint, wait_ms: u64, timeout_ms: u32) -> Self {
        let wait_s = wait_ms.div_ceil(1000);
        let mut e = ApiError::invalid(alloc::format!(
            "{} was not sent: the device's request budget (25 per 10 s for all its clients, or \
             the wait it asked for) lets the next request start in {wait_s} s, after this call's \
             timeout of {timeout_ms} ms; retry after {wait_s} s or allow a longer timeout",
            endpoint.full_path()
        ))
        .with_endpoint(endpoint);
        e.kind = ErrorKind::RateLimited;
        e.retry_after = Some(u32::try_from(wait_s).unwrap_or(u32::MAX));
        e
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

/// Replaces every occurrence of a secret (of 4 or more characters) with `<redacted>`,
/// ignoring ASCII case (a device or proxy that echoes a token in lower case must not leak it).
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = String::from(text);
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        out = redact_one(&out, secret);
    }
    out
}

/// `text` with every ASCII-case-insensitive occurrence of `secret` replaced.
fn redact_one(text: &str, secret: &str) -> String {
    let (hay, needle) = (text.as_bytes(), secret.as_bytes());
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            // Both ends are character boundaries: ASCII case folding keeps every non-ASCII
            // byte as it is, so a match starts and ends where the secret's characters do.
            out.push_str(text.get(copied..at).unwrap_or_default());
            out.push_str("<redacted>");
            at += needle.len();
            copied = at;
        } else {
            at += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}
