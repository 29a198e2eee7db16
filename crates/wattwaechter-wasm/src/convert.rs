//! Rust ⇄ JS conversion in one place.

#[cfg(feature = "client")]
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
#[cfg(feature = "client")]
use wattwaechter::client::ApiError;
use wattwaechter::error::{DecodeError, DecodeErrorKind};
use wattwaechter::text::Lang;

/// Serialises like the CLI's JSON: plain objects, `null` for absent values.
#[cfg(feature = "client")]
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// Reads a plain JS object into a Rust type through JSON (so unknown keys are refused where
/// the type says so; functions are left out); `null`/`undefined` give the type's default.
#[cfg(feature = "client")]
pub(crate) fn from_js<T: DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(T::default());
    }
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| api_error(&ApiError::invalid(format!("{what}: not a plain object"))))?;
    // `from_slice` as in the core's client: one serde_json reader type in the `.wasm`.
    serde_json::from_slice(text.as_bytes())
        .map_err(|e| api_error(&ApiError::invalid(format!("{what}: {e}"))))
}

/// Bytes from a `Uint8Array` (or an `ArrayBuffer`) or a string (UTF-8), at most `max` of
/// them: the length is checked before anything is copied into the WebAssembly memory.
pub(crate) fn bytes_or_text(value: &JsValue, max: usize) -> Result<Vec<u8>, JsValue> {
    let too_large = |len: usize| decode_error(&DecodeError::input_too_large(len, max));
    if let Some(s) = value.as_string() {
        if s.len() > max {
            return Err(too_large(s.len()));
        }
        return Ok(s.into_bytes());
    }
    // Copied once into wasm memory (`new Uint8Array(array)` would copy it in JS first).
    let array = if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        array.clone()
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(value)
    } else {
        return Err(decode_error(&DecodeError::new(
            DecodeErrorKind::InvalidInput,
            "expected a string, a Uint8Array or an ArrayBuffer",
        )));
    };
    let len = array.length() as usize;
    if len > max {
        return Err(too_large(len));
    }
    Ok(array.to_vec())
}

#[wasm_bindgen(typescript_custom_section)]
const DECODE_ERROR_TS: &str = r#"
/** Thrown by every decoder: a stable `kind`, and the byte `offset` in the input where one applies (bad hex, an OBIS code, where a limit stopped decoding). Recognise it with `isDecodeError(e)`. */
export interface WattWaechterDecodeError extends Error {
  name: "WattWaechterDecodeError";
  kind: DecodeErrorKind;
  offset: number | null;
}
"#;

/// The entries of an options argument (`null`/`undefined`: none), skipping keys whose value is
/// `undefined`; anything but a plain object is refused with `invalid`.
pub(crate) fn option_entries(
    value: &JsValue,
    invalid: impl Fn(String) -> JsValue,
    what: &str,
) -> Result<Vec<(String, JsValue)>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(Vec::new());
    }
    let object = value
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !value.is_function() && !js_sys::Array::is_array(value))
        .ok_or_else(|| invalid(format!("{what}: expected an object")))?;
    let mut entries = Vec::new();
    for key in js_sys::Object::keys(object) {
        let v = js_sys::Reflect::get(object, &key)?;
        if !v.is_undefined() {
            entries.push((key.as_string().unwrap_or_default(), v));
        }
    }
    Ok(entries)
}

/// The `lang` option: `"en"` or `"de"`; anything else is refused with `invalid`.
pub(crate) fn lang_option(
    v: &JsValue,
    invalid: impl Fn(String) -> JsValue,
    what: &str,
) -> Result<Lang, JsValue> {
    match v.as_string().as_deref() {
        Some("en") => Ok(Lang::En),
        Some("de") => Ok(Lang::De),
        _ => Err(invalid(format!("{what}: lang must be \"en\" or \"de\""))),
    }
}

/// An `Error` named `name` (what the type guards check).
pub(crate) fn is_error_named(e: &JsValue, name: &str) -> bool {
    e.dyn_ref::<js_sys::Error>()
        .is_some_and(|err| err.name() == name)
}

/// An `Error` named `WattWaechterDecodeError` with the `kind` and `offset` of a
/// [`DecodeError`].
pub(crate) fn decode_error(e: &DecodeError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("WattWaechterDecodeError");
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("kind", JsValue::from_str(e.kind.as_str()));
    set(
        "offset",
        e.offset.map_or(JsValue::NULL, |o| JsValue::from(o as f64)),
    );
    err.into()
}

#[cfg(feature = "client")]
#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &str = r#"
/** Thrown by every client call: a stable `kind`, the HTTP `status` and `retryAfter` (s) where they apply. The message never contains a token. Recognise it with `isWattWaechterError(e)`. */
export interface WattWaechterError extends Error {
  name: "WattWaechterError";
  kind: WattWaechterErrorKind;
  status: number | null;
  retryAfter: number | null;
  endpoint: string | null;
}
"#;

/// An `Error` with the stable `kind`, `status` and `retryAfter` of an [`ApiError`]. Its
/// message never contains a token (the core redacts them).
#[cfg(feature = "client")]
pub(crate) fn api_error(e: &ApiError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("WattWaechterError");
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("kind", JsValue::from_str(e.kind.as_str()));
    set("status", e.status.map_or(JsValue::NULL, JsValue::from));
    set(
        "retryAfter",
        e.retry_after.map_or(JsValue::NULL, JsValue::from),
    );
    set(
        "endpoint",
        e.endpoint
            .map_or(JsValue::NULL, |ep| JsValue::from_str(&ep.full_path())),
    );
    err.into()
}
