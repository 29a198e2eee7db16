//! Response interpretation: status, `Retry-After` and body → a typed value, "no data", or an
//! [`ApiError`].

use super::error::{ApiError, ErrorKind};
use crate::api::{AuthLevel, Endpoint};
use alloc::string::String;
use alloc::vec::Vec;
use serde::de::DeserializeOwned;

/// What the HTTP stack received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code.
    pub status: u16,
    /// The `Retry-After` header, if present.
    pub retry_after: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// Reads `Retry-After` as seconds (the device sends delta-seconds; HTTP dates are not used).
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse().ok()
}

/// The most of a body quoted in an error message.
const QUOTE_MAX: usize = 120;

/// The start of a body for an error message: the device's `{"error": …}` text, or the body
/// itself, tokens redacted *before* it is cut (a token cut in half is no longer found).
fn quote(body: &[u8], secrets: &[&str]) -> String {
    let text = super::error::redact(&String::from_utf8_lossy(body), secrets);
    let text = text.trim();
    // Prefer the device's `{"error": "..."}`. `from_slice` like every other JSON read of the
    // client: one serde_json reader type, so its parser is in the `.wasm` once.
    if let Ok(serde_json::Value::Object(m)) =
        serde_json::from_slice::<serde_json::Value>(text.as_bytes())
    {
        for key in ["error", "message", "msg"] {
            if let Some(serde_json::Value::String(s)) = m.get(key) {
                return s.chars().take(QUOTE_MAX).collect();
            }
        }
    }
    let mut q: String = text.chars().take(QUOTE_MAX).collect();
    if text.chars().count() > QUOTE_MAX {
        q.push('…');
    }
    q
}

/// The error for a non-success status.
pub fn error_for_status(endpoint: Endpoint, resp: &HttpResponse<'_>, secrets: &[&str]) -> ApiError {
    if (300..400).contains(&resp.status) {
        return ApiError::redirected(endpoint, Some(resp.status));
    }
    let retry_after = resp.retry_after.and_then(parse_retry_after);
    let said = quote(resp.body, secrets);
    let said = if said.is_empty() {
        String::new()
    } else {
        alloc::format!(" (device: \"{said}\")")
    };
    let path = endpoint.full_path();
    let (kind, message) = match resp.status {
        400 => (ErrorKind::BadRequest, alloc::format!("the device rejected the request to {path}{said}: check the parameters")),
        401 => (ErrorKind::Unauthorized, alloc::format!(
            "{path} needs a token and the one sent is missing or wrong{said}: set the device's {} token",
            if endpoint.auth() == AuthLevel::Write { "WRITE" } else { "READ (or WRITE)" })),
        403 if endpoint == Endpoint::SetupToken => (ErrorKind::Forbidden, alloc::format!(
            "{path} only answers during initial setup, before the device's first Wi-Fi connection{said}")),
        403 => (ErrorKind::Forbidden, alloc::format!(
            "the token may not use {path}{said}: this endpoint needs the {} token",
            if endpoint.auth() == AuthLevel::Write { "WRITE" } else { "READ" })),
        404 => (ErrorKind::NotFound, alloc::format!(
            "{path} is not available{said}: unknown on this firmware, or not on this device type \
             (rawdump and selftest exist on electricity devices only; DELETE /mqtt/ca needs a custom certificate; \
             /logs/persistent needs a log file)")),
        413 => (ErrorKind::PayloadTooLarge, alloc::format!("the body sent to {path} is too large{said}")),
        429 => (ErrorKind::RateLimited, alloc::format!(
            "the device's request limit (25 per 10 s, shared by all its clients) is exhausted{said}; retry after {} s",
            retry_after.unwrap_or(10))),
        503 => (ErrorKind::Busy, alloc::format!(
            "the device is low on memory and refused {path}{said}; retry after {} s and avoid parallel large history requests",
            retry_after.unwrap_or(5))),
        s => (ErrorKind::Http, alloc::format!("unexpected HTTP status {s} from {path}{said}")),
    };
    let mut e = ApiError::new(kind, message, secrets).with_endpoint(endpoint);
    e.status = Some(resp.status);
    e.retry_after = retry_after;
    e
}

fn success(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<bool, ApiError> {
    match resp.status {
        200 | 202 => Ok(true),
        204 if endpoint.may_have_no_data() => Ok(false),
        204 => {
            let mut e = ApiError::new(
                ErrorKind::BadResponse,
                alloc::format!(
                    "{} answered 204 (no content), which this endpoint does not document",
                    endpoint.full_path()
                ),
                secrets,
            )
            .with_endpoint(endpoint);
            e.status = Some(204);
            Err(e)
        }
        _ => Err(error_for_status(endpoint, resp, secrets)),
    }
}

/// A JSON endpoint's answer: `Ok(None)` for a documented 204 ("no data").
pub fn interpret_json<T: DeserializeOwned>(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<Option<T>, ApiError> {
    if !success(endpoint, resp, secrets)? {
        return Ok(None);
    }
    serde_json::from_slice(resp.body).map(Some).map_err(|e| {
        let mut err = ApiError::new(
            ErrorKind::BadResponse,
            alloc::format!(
                "{} did not answer with the expected JSON ({e}); body starts: \"{}\"",
                endpoint.full_path(),
                quote(resp.body, secrets)
            ),
            secrets,
        )
        .with_endpoint(endpoint);
        err.status = Some(resp.status);
        err
    })
}

/// A text endpoint's answer (logs), decoded lossily (the device cuts bytewise); 204 is "".
pub fn interpret_text(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<String, ApiError> {
    if !success(endpoint, resp, secrets)? {
        return Ok(String::new());
    }
    Ok(String::from_utf8_lossy(resp.body).into_owned())
}

/// A binary endpoint's answer (rawdump); `Ok(None)` for 204 (empty buffer).
pub fn interpret_binary(
    endpoint: Endpoint,
    resp: &HttpResponse<'_>,
    secrets: &[&str],
) -> Result<Option<Vec<u8>>, ApiError> {
    if !success(endpoint, resp, secrets)? {
        return Ok(None);
    }
    Ok(Some(resp.body.to_vec()))
}
