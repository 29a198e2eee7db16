//! The HTTP server: the API (simulated or proxied), control endpoints, static files.

use crate::config::Runtime;
use crate::endpoints::{self, Reply};
use crate::state::Sim;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::{Json, Router};
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::CorsLayer;
use tower_http::services::ServeDir;
use wattwaechter::api::{self, AuthLevel, Endpoint};

/// The largest request body the API accepts (larger ones: 413), in proxy mode too.
pub const MAX_REQUEST_BODY: usize = 2 * 1024 * 1024;

/// The router for a simulator.
pub fn router(sim: Arc<Sim>) -> Router {
    let api_route = if sim.config.proxy.is_some() {
        any(crate::proxy::forward)
    } else {
        any(api)
    };
    let mut app = Router::new()
        .route(
            "/api/v1/{*rest}",
            api_route.layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BODY)),
        )
        // The simulator's own, also in proxy mode (the device has none).
        .route("/api/v1/openapi.json", get(openapi_document));
    if sim.config.control {
        app = app
            .route("/__sim/config", get(get_config).post(set_config))
            .route("/__sim/clock", axum::routing::post(advance_clock))
            .route("/__sim/stats", get(stats));
    }
    if let Some(pkg) = &sim.config.pkg {
        app = app.nest_service("/pkg", ServeDir::new(pkg));
    }
    app = match &sim.config.www {
        Some(www) => app.fallback_service(ServeDir::new(www)),
        None => app.route("/", get(index)),
    };
    let app = app
        .with_state(sim.clone())
        .layer(axum::middleware::from_fn(security_headers));
    if sim.config.cors {
        app.layer(CorsLayer::permissive())
    } else {
        app
    }
}

/// The diagnostic page's Content-Security-Policy: the policy of its `<meta>` tag (a test keeps
/// the two equal) plus what only a header can say — no framing (`frame-ancestors`).
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    worker-src 'self'; style-src 'self'; connect-src *; img-src 'self' data: blob:; \
    object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The API documentation's Content-Security-Policy (`/docs/`): Swagger UI sets inline styles
/// (React's `style` attributes) and shows inline SVG images; it runs no inline script (its
/// start is a file of its own) and talks to this server only.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The OpenAPI document of the API (`docs/openapi.json`, generated from the core's models).
async fn openapi_document() -> Response<Body> {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let text = DOCUMENT.get_or_init(|| api::openapi::document().to_string());
    let mut r = Response::new(Body::from(text.as_str()));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// `nosniff` on every answer (a JSON or CSV body with a meter's strings is never run as a
/// script or page); the diagnostic page's CSP on its document (`/`). Other HTML files of the
/// `--www` folder (an app of your own, served beside the API) keep their own policy.
async fn security_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let path = request.uri().path();
    let page = matches!(path, "/" | "/index.html");
    let docs = path == "/docs/" || path == "/docs/index.html";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if html && (page || docs) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(if page { PAGE_CSP } else { DOCS_CSP }),
        );
    }
    response
}

async fn index(State(sim): State<Arc<Sim>>) -> impl IntoResponse {
    let control = if sim.config.control {
        "Control:  GET/POST /__sim/config (faults, auth, limits), POST /__sim/clock {\"advance_ms\": N}, GET /__sim/stats\n"
    } else {
        "Control:  off (start with --control for /__sim/config, /__sim/clock and /__sim/stats)\n"
    };
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "WattWächter simulator\n\n\
             API:      /api/v1/…  (every endpoint of the device)\n\
             OpenAPI:  /api/v1/openapi.json (the API documentation at /docs/ with --www)\n\
             {control}\
             The diagnostic page is served here when the simulator is started with --www.\n"
        ),
    )
}

fn json_error(status: u16, message: &str, retry_after: Option<u32>) -> Response<Body> {
    let body = api::ErrorBody {
        error: message.into(),
    };
    let mut r = Response::new(Body::from(
        serde_json::to_string(&body).expect("the error body serialises"),
    ));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(s) = retry_after {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    r
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn method_of(m: &Method) -> Option<api::Method> {
    match *m {
        Method::GET => Some(api::Method::Get),
        Method::POST => Some(api::Method::Post),
        Method::DELETE => Some(api::Method::Delete),
        _ => None,
    }
}

/// Every `/api/v1/*` request of the simulated device.
async fn api(
    State(sim): State<Arc<Sim>>,
    method: Method,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let Some(endpoint) = method_of(&method).and_then(|m| Endpoint::find(m, uri.path())) else {
        return json_error(404, "Not found", None);
    };
    sim.requests.fetch_add(1, Ordering::Relaxed);
    let rt: Runtime = sim.runtime();
    if rt.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(rt.latency_ms)).await;
    }
    if rt.rate_limit && !sim.admit(rt.rate_limit_requests, rt.rate_limit_window_ms) {
        sim.rejected_429.fetch_add(1, Ordering::Relaxed);
        return json_error(429, "Too many requests", Some(10));
    }
    if rt.busy {
        return json_error(503, "Service temporary unavailable", Some(5));
    }
    if rt.auth_required && endpoint.auth() != AuthLevel::None {
        match bearer(&headers) {
            Some(t) if t == rt.write_token => {}
            Some(t) if t == rt.read_token => {
                if endpoint.auth() == AuthLevel::Write {
                    return json_error(403, "Insufficient permissions", None);
                }
            }
            _ => return json_error(401, "Unauthorized", None),
        }
    }
    let reply = endpoints::answer(&sim, endpoint, &query, &body).await;
    faulty(&sim, &rt, reply)
}

/// Turns a reply into a response, applying the configured faults.
fn faulty(sim: &Sim, rt: &Runtime, reply: Reply) -> Response<Body> {
    let (content_type, bytes) = match reply {
        Reply::Error(status, message, retry) => return json_error(status, message, retry),
        Reply::NoContent => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NO_CONTENT;
            return r;
        }
        Reply::Json(v) => ("application/json", v.to_string().into_bytes()),
        Reply::Text(t) => ("text/csv; charset=utf-8", t),
        Reply::Binary(b) => ("application/octet-stream", b),
    };
    let mut r = if sim.draw(0xd7) < rt.drop_rate {
        // The connection breaks before any body byte.
        let stream = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
        });
        Response::new(Body::from_stream(stream))
    } else if sim.draw(0x7c) < rt.truncate_rate {
        // Half the body, then the connection breaks.
        let half = Bytes::from(bytes[..bytes.len() / 2].to_vec());
        let stream =
            futures_util::stream::iter([Ok(half), Err(std::io::Error::other("truncated"))]);
        let mut r = Response::new(Body::from_stream(stream));
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        r
    } else if content_type == "application/json" && sim.draw(0x3a) < rt.malformed_rate {
        let mut broken = b"{\"error\": <html>".to_vec();
        broken.extend_from_slice(&bytes[..bytes.len() / 2]);
        Response::new(Body::from(broken))
    } else {
        Response::new(Body::from(bytes))
    };
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// The runtime configuration as the control endpoints show it: without the tokens (they can
/// be set here, never read back).
fn shown(runtime: &Runtime) -> Json<serde_json::Value> {
    let mut v = serde_json::to_value(runtime).expect("runtime serialises");
    if let Some(o) = v.as_object_mut() {
        o.remove("read_token");
        o.remove("write_token");
    }
    Json(v)
}

async fn get_config(State(sim): State<Arc<Sim>>) -> Json<serde_json::Value> {
    shown(&sim.runtime())
}

/// Merges a partial runtime configuration.
async fn set_config(
    State(sim): State<Arc<Sim>>,
    Json(patch): Json<serde_json::Value>,
) -> Response<Body> {
    let mut shared = sim.lock();
    let mut current = serde_json::to_value(&shared.runtime).expect("runtime serialises");
    if let (Some(c), Some(p)) = (current.as_object_mut(), patch.as_object()) {
        for (k, v) in p {
            match (c.get_mut(k), v) {
                (Some(serde_json::Value::Object(inner)), serde_json::Value::Object(vp)) => {
                    for (k2, v2) in vp {
                        inner.insert(k2.clone(), v2.clone());
                    }
                }
                _ => {
                    c.insert(k.clone(), v.clone());
                }
            }
        }
    }
    match serde_json::from_value::<Runtime>(current) {
        Ok(new) => {
            shared.device.settings.api_auth_required = new.auth_required;
            shared.runtime = new;
            shown(&shared.runtime).into_response()
        }
        Err(e) => json_error(400, &format!("invalid configuration: {e}"), None),
    }
}

/// Counters for tests: API requests served and refused with 429.
async fn stats(State(sim): State<Arc<Sim>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "requests": sim.requests.load(Ordering::Relaxed),
        "rejected_429": sim.rejected_429.load(Ordering::Relaxed),
    }))
}

#[derive(serde::Deserialize)]
struct Advance {
    advance_ms: i64,
}

async fn advance_clock(State(sim): State<Arc<Sim>>, Json(a): Json<Advance>) -> Response<Body> {
    if !(0..=crate::clock::MAX_ADVANCE_MS).contains(&a.advance_ms) {
        return json_error(
            400,
            &format!(
                "advance_ms must be between 0 and {} (ten years)",
                crate::clock::MAX_ADVANCE_MS
            ),
            None,
        );
    }
    if !sim.clock.advance_ms(a.advance_ms) {
        return json_error(
            400,
            "the clock would pass the simulator's horizon (a century ahead of real time)",
            None,
        );
    }
    Json(serde_json::json!({ "now_ms": sim.clock.now_ms() })).into_response()
}
