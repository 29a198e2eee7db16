//! The stream decoder, exported to JS: `FrameStream` (push bytes, get the frames they
//! completed) and `frameStream()` (the same as a WHATWG `TransformStream`). The decoding is the
//! core's (`wattwaechter::stream`); frames reach JS through the tape, as `decodeSml`'s do.

use crate::convert::{bytes_or_text, decode_error, lang_option, option_entries};
use crate::tape;
use wasm_bindgen::prelude::*;
use wattwaechter::error::{DecodeError, DecodeErrorKind};
use wattwaechter::limits::DEFAULT_MAX_INPUT;
use wattwaechter::sml::DecodeOptions;
use wattwaechter::stream::{self, StreamProtocol};
use wattwaechter::text::Lang;

#[wasm_bindgen(typescript_custom_section)]
const OPTIONS_TS: &str = r#"
/** Options of `new FrameStream(options)` and `frameStream(options)`. */
export interface FrameStreamOptions {
  /** What the stream carries: "auto" (default: SML at its first start sequence, D0 at its first identification line), "sml" or "d0". */
  protocol?: "auto" | "sml" | "d0";
  /** Repair the DZG DVS74 power sign bug (opt-in; limited to the affected serial numbers). */
  fixDzg?: boolean;
  /** The language of the frames' texts (error messages, OBIS names): "en" (default) or "de". Errors keep their catalogue `id` and `args` in either. */
  lang?: Lang;
}
"#;

/// Decodes frames from a byte stream (a serial IR head, a socket): `push(chunk)` returns the
/// frames the chunk completed, `finish()` the rest. The frames are exactly `decodeSml`'s (or
/// the D0 telegrams as dump frames) of the whole input, for any chunking.
#[wasm_bindgen]
pub struct FrameStream {
    inner: stream::FrameStream,
}

#[wasm_bindgen]
impl FrameStream {
    /// A stream decoder.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "FrameStreamOptions")] options: JsValue,
    ) -> Result<FrameStream, JsValue> {
        let (protocol, options, lang) = stream_options(&options)?;
        Ok(FrameStream {
            inner: stream::FrameStream::new(protocol, options).with_lang(lang),
        })
    }

    /// Adds bytes; returns the frames they completed (often none).
    #[wasm_bindgen(unchecked_return_type = "DumpFrame[]")]
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] chunk: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = bytes_or_text(&chunk, DEFAULT_MAX_INPUT)?;
        tape::to_js(&self.inner.push(&bytes))
    }

    /// Ends the stream: the frames still pending, as the end of a capture leaves them.
    #[wasm_bindgen(unchecked_return_type = "DumpFrame[]")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        tape::to_js(&self.inner.finish())
    }

    /// The protocol once known ("sml" or "d0"), else null.
    #[wasm_bindgen(getter, unchecked_return_type = "\"sml\" | \"d0\" | null")]
    pub fn protocol(&self) -> JsValue {
        self.inner
            .protocol()
            .map_or(JsValue::NULL, |p| JsValue::from_str(p.as_str()))
    }

    /// How many bytes the stream has consumed.
    #[wasm_bindgen(getter)]
    pub fn position(&self) -> f64 {
        self.inner.position() as f64
    }
}

#[wasm_bindgen(module = "/js/stream.js")]
extern "C" {
    #[wasm_bindgen(js_name = transformOf)]
    fn transform_of(decoder: FrameStream) -> JsValue;
}

/// A `TransformStream` of bytes to frames: pipe a serial port's or a fetch body's readable
/// side through it (`readable.pipeThrough(frameStream())`).
#[wasm_bindgen(
    js_name = frameStream,
    unchecked_return_type = "TransformStream<Uint8Array | ArrayBuffer | string, DumpFrame>"
)]
pub fn frame_stream(
    #[wasm_bindgen(unchecked_optional_param_type = "FrameStreamOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(transform_of(FrameStream::new(options)?))
}

/// Reads `FrameStreamOptions` (`null`/`undefined`: the defaults); an unknown key or a wrong
/// type is refused with its name.
fn stream_options(value: &JsValue) -> Result<(StreamProtocol, DecodeOptions, Lang), JsValue> {
    let mut protocol = StreamProtocol::Auto;
    let mut options = DecodeOptions::default();
    let mut lang = Lang::En;
    let invalid =
        |message: String| decode_error(&DecodeError::new(DecodeErrorKind::InvalidOptions, message));
    for (key, v) in option_entries(value, invalid, "FrameStream options")? {
        match key.as_str() {
            "protocol" => {
                protocol = match v.as_string().as_deref() {
                    Some("auto") => StreamProtocol::Auto,
                    Some("sml") => StreamProtocol::Sml,
                    Some("d0") => StreamProtocol::D0,
                    _ => {
                        return Err(invalid(
                            "FrameStream options: protocol must be \"auto\", \"sml\" or \"d0\""
                                .into(),
                        ))
                    }
                }
            }
            "fixDzg" => {
                options.fix_dzg_dvs74 = v.as_bool().ok_or_else(|| {
                    invalid("FrameStream options: fixDzg must be true or false".into())
                })?;
            }
            "lang" => lang = lang_option(&v, invalid, "FrameStream options")?,
            other => {
                return Err(invalid(format!(
                    "FrameStream options: unknown option `{other}` (known: protocol, fixDzg, lang)"
                )))
            }
        }
    }
    Ok((protocol, options, lang))
}
