//! An HTTP helper for the simulator's tests: the core's sans-IO requests sent with hyper.
#![allow(dead_code)]

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use wattwaechter::client::{Credentials, HttpRequest, HttpResponse, RequestSpec};

/// What came back.
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// All headers.
    pub headers: axum::http::HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The answer as the core's client sees it.
    pub fn response(&self) -> HttpResponse<'_> {
        HttpResponse {
            status: self.status,
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// Sends a raw request; `Err` for connection-level failures (dropped, truncated).
pub async fn raw(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Answer, String> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut b = axum::http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let req = b
        .body(Full::new(Bytes::from(body.unwrap_or("").to_string())))
        .map_err(|e| e.to_string())?;
    let resp = client
        .request(req)
        .await
        .map_err(|e| format!("request: {e}"))?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let retry_after = headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body = resp
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("body: {e}"))?
        .to_bytes()
        .to_vec();
    Ok(Answer {
        status,
        retry_after,
        headers,
        body,
    })
}

/// Sends a request built by the core.
pub async fn send(base: &str, spec: &RequestSpec, creds: &Credentials) -> Result<Answer, String> {
    let req: HttpRequest = spec.build(creds, 10_000);
    let headers: Vec<(&str, &str)> = req.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    raw(
        base,
        req.method.as_str(),
        &req.path_and_query,
        &headers,
        req.body.as_deref(),
    )
    .await
}
