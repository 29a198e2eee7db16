//! One HTTP exchange through gloo-net (the global `fetch`: browser, Worker, Node 20), or
//! through a `fetch` function the caller passed. The timeout aborts it (AbortController),
//! redirects are not followed, and the body is read as a stream up to a limit, so neither a
//! huge nor an endless answer can exhaust the memory.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wattwaechter::client::{timer_delay_ms, ApiError, HttpRequest};

/// What came back.
pub(crate) struct Exchange {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

/// Running in a browser (main thread or Worker), where a refused cross-origin request is
/// indistinguishable from a network error and most likely CORS.
pub(crate) fn in_browser() -> bool {
    let global = js_sys::global();
    let node = js_sys::Reflect::get(&global, &"process".into())
        .ok()
        .filter(|p| p.is_object())
        .and_then(|p| js_sys::Reflect::get(&p, &"versions".into()).ok())
        .and_then(|v| js_sys::Reflect::get(&v, &"node".into()).ok())
        .is_some_and(|n| n.is_string());
    !node
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into())
}

/// Why an exchange failed before an answer could be interpreted.
enum Failure {
    /// The network, the fetch function, or the abort at the timeout.
    Network(String),
    /// The body passed the limit.
    TooLarge { status: u16 },
    /// A browser's opaque answer to a refused redirect (`redirect: "manual"`).
    Redirect,
}

/// Sends `req` to `url`; reads at most `max_body` bytes of the answer.
pub(crate) async fn send(
    url: &str,
    req: &HttpRequest,
    custom_fetch: Option<&js_sys::Function>,
    max_body: u64,
    secrets: &[&str],
) -> Result<Exchange, ApiError> {
    let controller = web_sys::AbortController::new()
        .map_err(|e| ApiError::network(&js_message(&e), in_browser(), secrets))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let flag = timed_out.clone();
        gloo_timers::callback::Timeout::new(
            timer_delay_ms(u64::from(req.timeout_ms), 0),
            move || {
                flag.set(true);
                controller.abort();
            },
        )
    };
    let result = exchange(url, req, custom_fetch, max_body, &controller).await;
    drop(timer);
    result.map_err(|failure| match failure {
        Failure::TooLarge { status } => {
            ApiError::response_too_large(req.endpoint, status, max_body)
        }
        // A browser does not show which redirect it was.
        Failure::Redirect => ApiError::redirected(req.endpoint, None),
        Failure::Network(_) if timed_out.get() => ApiError::timeout(req.timeout_ms, secrets),
        Failure::Network(detail) => ApiError::network(&detail, in_browser(), secrets),
    })
}

async fn exchange(
    url: &str,
    req: &HttpRequest,
    custom_fetch: Option<&js_sys::Function>,
    max_body: u64,
    controller: &web_sys::AbortController,
) -> Result<Exchange, Failure> {
    let signal = controller.signal();
    let response: JsValue = match custom_fetch {
        None => send_gloo(url, req, &signal).await?,
        Some(f) => send_custom(f, url, req, &signal).await?,
    };
    let get =
        |obj: &JsValue, k: &str| js_sys::Reflect::get(obj, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if get(&response, "type").as_string().as_deref() == Some("opaqueredirect") {
        return Err(Failure::Redirect);
    }
    let status = get(&response, "status").as_f64().unwrap_or(0.0) as u16;
    let header = |name: &str| {
        let headers = get(&response, "headers");
        get(&headers, "get")
            .dyn_into::<js_sys::Function>()
            .ok()
            .and_then(|g| g.call1(&headers, &name.into()).ok())
            .and_then(|v| v.as_string())
    };
    let retry_after = header("retry-after");
    let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body) {
        controller.abort();
        return Err(Failure::TooLarge { status });
    }
    let body = read_body(&response, max_body).await.map_err(|f| match f {
        Failure::TooLarge { .. } => {
            controller.abort();
            Failure::TooLarge { status }
        }
        other => other,
    })?;
    Ok(Exchange {
        status,
        retry_after,
        body,
    })
}

async fn send_gloo(
    url: &str,
    req: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<JsValue, Failure> {
    let method = match req.method {
        wattwaechter::api::Method::Get => gloo_net::http::Method::GET,
        wattwaechter::api::Method::Post => gloo_net::http::Method::POST,
        wattwaechter::api::Method::Delete => gloo_net::http::Method::DELETE,
    };
    let mut builder = gloo_net::http::RequestBuilder::new(url)
        .method(method)
        .redirect(web_sys::RequestRedirect::Manual)
        .abort_signal(Some(signal));
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    let request = match &req.body {
        Some(b) => builder.body(b.clone()),
        None => builder.build(),
    }
    .map_err(|e| Failure::Network(e.to_string()))?;
    let resp = request
        .send()
        .await
        .map_err(|e| Failure::Network(e.to_string()))?;
    Ok(web_sys::Response::from(resp).into())
}

async fn send_custom(
    f: &js_sys::Function,
    url: &str,
    req: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<JsValue, Failure> {
    let init = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&init, &k.into(), v);
    };
    set("method", &req.method.as_str().into());
    let headers = js_sys::Object::new();
    for (k, v) in &req.headers {
        let _ = js_sys::Reflect::set(&headers, &(*k).into(), &v.as_str().into());
    }
    set("headers", &headers);
    if let Some(b) = &req.body {
        set("body", &b.as_str().into());
    }
    set("signal", signal);
    set("redirect", &"manual".into());
    let promise = f
        .call2(&JsValue::NULL, &url.into(), &init)
        .map_err(|e| Failure::Network(js_message(&e)))?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|e| Failure::Network(js_message(&e)))
}

/// The body of a `Response` (or an object shaped like one), at most `limit` bytes: read from
/// its stream chunk by chunk, stopping at the limit; through `arrayBuffer()` when it has no
/// stream (a custom `fetch` may return a plain object).
async fn read_body(response: &JsValue, limit: u64) -> Result<Vec<u8>, Failure> {
    let get =
        |obj: &JsValue, k: &str| js_sys::Reflect::get(obj, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let network = |e: JsValue| Failure::Network(js_message(&e));
    let stream = get(response, "body");
    if let Ok(get_reader) = get(&stream, "getReader").dyn_into::<js_sys::Function>() {
        let reader = get_reader.call0(&stream).map_err(network)?;
        let read = get(&reader, "read")
            .dyn_into::<js_sys::Function>()
            .map_err(|_| Failure::Network("the body's reader has no read()".into()))?;
        let mut body = Vec::new();
        loop {
            let chunk = JsFuture::from(js_sys::Promise::resolve(
                &read.call0(&reader).map_err(network)?,
            ))
            .await
            .map_err(network)?;
            if get(&chunk, "done").is_truthy() {
                return Ok(body);
            }
            let bytes = js_sys::Uint8Array::new(&get(&chunk, "value"));
            if body.len() as u64 + u64::from(bytes.length()) > limit {
                if let Ok(cancel) = get(&reader, "cancel").dyn_into::<js_sys::Function>() {
                    let _ = cancel.call0(&reader);
                }
                return Err(Failure::TooLarge { status: 0 });
            }
            let at = body.len();
            body.resize(at + bytes.length() as usize, 0);
            bytes.copy_to(&mut body[at..]);
        }
    }
    let array_buffer = get(response, "arrayBuffer")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| Failure::Network("the response has no body".into()))?;
    let buffer = JsFuture::from(js_sys::Promise::resolve(
        &array_buffer.call0(response).map_err(network)?,
    ))
    .await
    .map_err(network)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    if u64::from(bytes.length()) > limit {
        return Err(Failure::TooLarge { status: 0 });
    }
    Ok(bytes.to_vec())
}
