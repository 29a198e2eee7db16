//! Proxy mode: `/api/v1/*` goes to a real device, so a page served by the simulator talks to
//! the device from its own origin (no CORS needed).

use crate::state::Sim;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Response, StatusCode, Uri};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::Duration;

/// A path segment that is `.` or `..`, also percent-encoded (`%2e`, `.%2E`, …): a server
/// that normalises paths would resolve it to a path outside `/api/v1`.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Forwards one request to the device named by `--proxy`.
pub async fn forward(State(sim): State<Arc<Sim>>, req: Request) -> Response<Body> {
    let base = sim.config.proxy.clone().unwrap_or_default();
    if !req.uri().path().starts_with("/api/v1/") || req.uri().path().split('/').any(is_dot_segment)
    {
        return error(
            StatusCode::BAD_REQUEST,
            "the proxy forwards /api/v1/… only, without `.` or `..` path segments",
        );
    }
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let target: Uri = match format!("{}{}", base.trim_end_matches('/'), path).parse() {
        Ok(u) => u,
        Err(e) => return error(StatusCode::BAD_GATEWAY, &format!("bad proxy target: {e}")),
    };
    let (mut parts, body) = req.into_parts();
    parts.uri = target.clone();
    if let Some(authority) = target.authority() {
        if let Ok(v) = authority.as_str().parse() {
            parts.headers.insert(header::HOST, v);
        }
    }
    // The device never sees the browser's origin.
    parts.headers.remove(header::ORIGIN);
    parts.headers.remove(header::REFERER);
    // The same limit as the simulated device: a body is read whole before it is forwarded.
    let body = match axum::body::to_bytes(body, crate::server::MAX_REQUEST_BODY).await {
        Ok(b) => b,
        Err(e) if is_length_limit(&e) => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                &format!(
                    "the request body exceeds {} bytes",
                    crate::server::MAX_REQUEST_BODY
                ),
            )
        }
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("could not read the request: {e}"),
            )
        }
    };
    let client = Client::builder(TokioExecutor::new()).build_http::<Body>();
    let request = axum::http::Request::from_parts(parts, Body::from(body));
    match tokio::time::timeout(Duration::from_secs(40), client.request(request)).await {
        Ok(Ok(resp)) => {
            let (parts, incoming) = resp.into_parts();
            Response::from_parts(parts, Body::new(incoming))
        }
        Ok(Err(e)) => error(
            StatusCode::BAD_GATEWAY,
            &format!("the device at {base} did not answer: {e}"),
        ),
        Err(_) => error(
            StatusCode::GATEWAY_TIMEOUT,
            &format!("the device at {base} did not answer within 40 s"),
        ),
    }
}

/// The body was longer than the limit (rather than broken).
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = s.source();
    }
    false
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    let mut r = Response::new(Body::from(
        serde_json::json!({ "error": message }).to_string(),
    ));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    r
}
