//! One HTTP exchange through gloo-net (the global `fetch`: browser, Worker, Node 20), or
//! through a `fetch` function the caller passed; the timeout aborts it (AbortController).

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wattwaechter::client::{ApiError, HttpRequest};

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

/// Sends `req` to `url`.
pub(crate) async fn send(
    url: &str,
    req: &HttpRequest,
    custom_fetch: Option<&js_sys::Function>,
    secrets: &[&str],
) -> Result<Exchange, ApiError> {
    let controller = web_sys::AbortController::new()
        .map_err(|e| ApiError::network(&js_message(&e), in_browser(), secrets))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let flag = timed_out.clone();
        gloo_timers::callback::Timeout::new(req.timeout_ms, move || {
            flag.set(true);
            controller.abort();
        })
    };
    let result = match custom_fetch {
        None => send_gloo(url, req, &controller.signal()).await,
        Some(f) => send_custom(f, url, req, &controller.signal()).await,
    };
    drop(timer);
    result.map_err(|e| {
        if timed_out.get() {
            ApiError::timeout(req.timeout_ms, secrets)
        } else {
            ApiError::network(&e, in_browser(), secrets)
        }
    })
}

async fn send_gloo(
    url: &str,
    req: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<Exchange, String> {
    let method = match req.method {
        wattwaechter::api::Method::Get => gloo_net::http::Method::GET,
        wattwaechter::api::Method::Post => gloo_net::http::Method::POST,
        wattwaechter::api::Method::Delete => gloo_net::http::Method::DELETE,
    };
    let mut builder = gloo_net::http::RequestBuilder::new(url)
        .method(method)
        .abort_signal(Some(signal));
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    let request = match &req.body {
        Some(b) => builder.body(b.clone()),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let resp = request.send().await.map_err(|e| e.to_string())?;
    let status = resp.status();
    let retry_after = resp.headers().get("retry-after");
    let body = resp.binary().await.map_err(|e| e.to_string())?;
    Ok(Exchange {
        status,
        retry_after,
        body,
    })
}

async fn send_custom(
    f: &js_sys::Function,
    url: &str,
    req: &HttpRequest,
    signal: &web_sys::AbortSignal,
) -> Result<Exchange, String> {
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
    let promise = f
        .call2(&JsValue::NULL, &url.into(), &init)
        .map_err(|e| js_message(&e))?;
    let resp = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|e| js_message(&e))?;
    let get =
        |obj: &JsValue, k: &str| js_sys::Reflect::get(obj, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let status = get(&resp, "status").as_f64().unwrap_or(0.0) as u16;
    let headers = get(&resp, "headers");
    let retry_after = js_sys::Reflect::get(&headers, &"get".into())
        .ok()
        .and_then(|g| g.dyn_into::<js_sys::Function>().ok())
        .and_then(|g| g.call1(&headers, &"retry-after".into()).ok())
        .and_then(|v| v.as_string());
    let buffer_fn = get(&resp, "arrayBuffer")
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "the response has no arrayBuffer()".to_string())?;
    let buffer = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
        &buffer_fn.call0(&resp).map_err(|e| js_message(&e))?,
    ))
    .await
    .map_err(|e| js_message(&e))?;
    Ok(Exchange {
        status,
        retry_after,
        body: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}
