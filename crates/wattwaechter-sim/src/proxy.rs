//! Proxy mode: `/api/v1/*` goes to a real device, so a page served by the simulator talks to
//! the device from its own origin (no CORS needed).

use crate::state::Sim;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Response, StatusCode, Uri};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::Duration;

/// Forwards one request to the device named by `--proxy`.
pub async fn forward(State(sim): State<Arc<Sim>>, req: Request) -> Response<Body> {
    let base = sim.config.proxy.clone().unwrap_or_default();
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
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
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
