//! The decoders, exported to JS: the same results as the CLI's JSON, as JS objects.

use crate::convert::{bytes_or_text, decode_error, is_error_named, lang_option, option_entries};
use crate::tape;
use wasm_bindgen::prelude::*;
use wattwaechter::error::{DecodeError, DecodeErrorKind};
use wattwaechter::limits::{Limits, DEFAULT_MAX_INPUT};
use wattwaechter::text::Lang;
use wattwaechter::{capture, d0, dump, log, obis::Obis, sml, unit};

/// Options of the decoders.
#[derive(Debug)]
struct DecodeOptions {
    /// The ring buffer's write position, if known.
    write_pos: Option<usize>,
    /// The opt-in DZG DVS74 power sign repair.
    fix_dzg: bool,
    /// The largest input accepted.
    max_input: usize,
    /// Report limits given by the caller (the others: the default for the input's length).
    max_frames: Option<usize>,
    max_values: Option<usize>,
    /// The language of the rendered texts.
    lang: Lang,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            write_pos: None,
            fix_dzg: false,
            max_input: DEFAULT_MAX_INPUT,
            max_frames: None,
            max_values: None,
            lang: Lang::En,
        }
    }
}

impl DecodeOptions {
    /// The report limits for an input of `len` bytes; `default` gives the ones not set.
    fn limits(&self, default: Limits) -> Limits {
        Limits {
            max_frames: self.max_frames.unwrap_or(default.max_frames),
            max_values: self.max_values.unwrap_or(default.max_values),
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const OPTIONS_TS: &str = r#"
/** Options of the decoders. */
export interface DecodeOptions {
  /** The ring buffer's write position, if known (the dump is then the raw circular array; `decodeRawdump`, `rawdumpCsv`). */
  writePos?: number;
  /** Repair the DZG DVS74 power sign bug (opt-in; limited to the affected serial numbers). */
  fixDzg?: boolean;
  /** The largest input accepted, in bytes (default 64 MiB); larger fails with `inputTooLarge`. */
  maxInputBytes?: number;
  /** The most frames (telegrams, log lines) one call reports (default: one per 64 bytes of input, at least 4096; logs: one line per 16 bytes). A dump report stops there and says so in `truncated`; the others fail with `limitExceeded`. */
  maxFrames?: number;
  /** The most values (log fields) one call reports (default: one per 16 bytes of input, at least 16384; logs: one field per 4 bytes). */
  maxValues?: number;
  /** The language of the rendered texts — findings, frame and telegram errors, OBIS names (`decodeRawdump`, `decodeSml`, `parseD0`, `rawdumpCsv`): "en" (default) or "de". The catalogue ids and arguments (`title_id`, `advice_id`, `id`, `args`) are the same in either. */
  lang?: Lang;
}
/** `parseObis` */
export interface ParsedObis { obis: Obis; short: string; groups: number[]; name: ObisName | null }
/**
 * `decodeReadings`: every reading of every frame as columns (typed arrays), one row per
 * reading. Values are numbers with the scaler applied (NaN when the value is no number;
 * counters above 2^53 round — `decodeSml` has the exact text).
 */
export interface ReadingTable {
  /** The distinct object names (OBIS text, or hex when not 6 bytes), in order of first appearance. */
  codes: string[];
  /** The names of the status codes in `frameStatuses` (index = code). */
  statusNames: Status[];
  /** Per frame: its first byte in the input. */
  frameOffsets: Float64Array;
  /** Per frame: how it ended, as an index into `statusNames` (0 = "ok"). */
  frameStatuses: Uint8Array;
  /** Per frame: the meter's time (seconds index or Unix time); NaN when it sent none. */
  frameTimes: Float64Array;
  /** Per row: the index of its frame. */
  rowFrames: Uint32Array;
  /** Per row: the index of its object name in `codes`. */
  rowCodes: Uint32Array;
  /** Per row: the DLMS unit code (see `unitTable()`), 0 when none. */
  rowUnits: Uint8Array;
  /** Per row: the value with the scaler applied; NaN when no number. */
  rowValues: Float64Array;
}
"#;

/// Reads `DecodeOptions` from JS (`null`/`undefined`: the defaults). An unknown key or a
/// wrong type is refused with its name. Read key by key rather than through serde: a few keys
/// do not need serde_json, which would be the decoders' only use of it (its parser would grow
/// the `wattwaechter/decoders` `.wasm`; `cargo xtask pkg` reports the sizes).
fn decode_options(value: &JsValue, what: &str) -> Result<DecodeOptions, JsValue> {
    let mut o = DecodeOptions::default();
    let count = |v: &JsValue, key: &str| {
        v.as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=usize::MAX as f64).contains(n))
            .map(|n| n as usize)
            .ok_or_else(|| invalid(format!("{what}: {key} must be a non-negative integer")))
    };
    for (key, v) in option_entries(value, invalid, what)? {
        match key.as_str() {
            "writePos" if v.is_null() => o.write_pos = None,
            "writePos" => o.write_pos = Some(count(&v, "writePos")?),
            "fixDzg" => {
                o.fix_dzg = v
                    .as_bool()
                    .ok_or_else(|| invalid(format!("{what}: fixDzg must be true or false")))?;
            }
            "maxInputBytes" => o.max_input = count(&v, "maxInputBytes")?,
            "maxFrames" => o.max_frames = Some(count(&v, "maxFrames")?),
            "maxValues" => o.max_values = Some(count(&v, "maxValues")?),
            "lang" => o.lang = lang_option(&v, invalid, what)?,
            other => {
                return Err(invalid(format!(
                    "{what}: unknown option `{other}` (known: writePos, fixDzg, maxInputBytes, maxFrames, maxValues, lang)"
                )))
            }
        }
    }
    Ok(o)
}

/// The input and the options of a decoder call, the input's size checked.
fn input_and_options(
    input: &JsValue,
    options: &JsValue,
    what: &str,
) -> Result<(Vec<u8>, DecodeOptions), JsValue> {
    let o = decode_options(options, &format!("{what} options"))?;
    Ok((bytes_or_text(input, o.max_input)?, o))
}

fn invalid(message: String) -> JsValue {
    decode_error(&DecodeError::new(DecodeErrorKind::InvalidOptions, message))
}

/// The options of the dump decoder.
fn dump_options(o: &DecodeOptions, len: usize) -> dump::DumpOptions {
    let mut opts = dump::DumpOptions {
        write_pos: o.write_pos,
        limits: Some(o.limits(Limits::for_input(len))),
        lang: o.lang,
        ..Default::default()
    };
    opts.sml.fix_dzg_dvs74 = o.fix_dzg;
    opts
}

/// The SML decoder's options (a write position is ignored: these decoders take a capture,
/// not a ring buffer).
fn sml_options(o: &DecodeOptions) -> sml::DecodeOptions {
    sml::DecodeOptions {
        fix_dzg_dvs74: o.fix_dzg,
        ..Default::default()
    }
}

/// Decodes a ring-buffer dump (`/logs/rawdump`): SML or D0, un-rotated, with frames, gaps and
/// a summary.
#[wasm_bindgen(js_name = decodeRawdump, unchecked_return_type = "Report")]
pub fn decode_rawdump(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (bytes, o) = input_and_options(&bytes, &options, "decodeRawdump")?;
    let report = dump::decode(&bytes, &dump_options(&o, bytes.len()))
        .map_err(|e| decode_error(&e.into()))?;
    tape::to_js(&report)
}

/// The values of a decoded dump as CSV (`frame;offset;status;obis;name;value;unit;raw`).
#[wasm_bindgen(js_name = rawdumpCsv)]
pub fn rawdump_csv(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<String, JsValue> {
    let (bytes, o) = input_and_options(&bytes, &options, "rawdumpCsv")?;
    let report = dump::decode(&bytes, &dump_options(&o, bytes.len()))
        .map_err(|e| decode_error(&e.into()))?;
    Ok(dump::to_csv(&report))
}

/// Decodes an SML capture into columns: every reading of every frame as typed arrays (the
/// lean form; see `ReadingTable`).
#[wasm_bindgen(js_name = decodeReadings, unchecked_return_type = "ReadingTable")]
pub fn decode_readings(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (bytes, o) = input_and_options(&bytes, &options, "decodeReadings")?;
    let t = sml::reading_table(&bytes, &sml_options(&o));
    let strings = |items: &mut dyn Iterator<Item = &str>| -> JsValue {
        items
            .map(JsValue::from_str)
            .collect::<js_sys::Array>()
            .into()
    };
    let f64s = |items: &mut dyn Iterator<Item = f64>| -> JsValue {
        js_sys::Float64Array::from(&items.collect::<Vec<f64>>()[..]).into()
    };
    let object = js_sys::Object::new();
    let columns: [(&str, JsValue); 9] = [
        ("codes", strings(&mut t.codes.iter().map(String::as_str))),
        (
            "statusNames",
            strings(&mut sml::Status::ALL.iter().map(|s| s.as_str())),
        ),
        (
            "frameOffsets",
            f64s(&mut t.frame_offsets.iter().map(|&o| o as f64)),
        ),
        (
            "frameStatuses",
            js_sys::Uint8Array::from(
                &t.frame_statuses
                    .iter()
                    .map(|&s| s as u8)
                    .collect::<Vec<u8>>()[..],
            )
            .into(),
        ),
        (
            "frameTimes",
            f64s(&mut t.frame_times.iter().map(|t| t.map_or(f64::NAN, f64::from))),
        ),
        (
            "rowFrames",
            js_sys::Uint32Array::from(&t.row_frames[..]).into(),
        ),
        (
            "rowCodes",
            js_sys::Uint32Array::from(&t.row_codes[..]).into(),
        ),
        (
            "rowUnits",
            js_sys::Uint8Array::from(&t.row_units[..]).into(),
        ),
        (
            "rowValues",
            js_sys::Float64Array::from(&t.row_values[..]).into(),
        ),
    ];
    for (key, value) in columns {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &value)?;
    }
    Ok(object.into())
}

/// Decodes an SML capture into frames (the same form as a dump's frames).
#[wasm_bindgen(js_name = decodeSml, unchecked_return_type = "DumpFrame[]")]
pub fn decode_sml(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (bytes, o) = input_and_options(&bytes, &options, "decodeSml")?;
    let sml = sml_options(&o);
    let view =
        dump::SmlFramesView::with_limits(&bytes, &sml, o.limits(Limits::for_input(bytes.len())))
            .with_lang(o.lang);
    // A list cut short would look complete: passing a limit is an error here.
    tape::to_js(&view).map_err(|e| match view.truncated() {
        Some(t) => decode_error(&t.into()),
        None => e,
    })
}

/// Parses D0 (IEC 62056-21) telegrams; `truncated` says where a limit stopped it.
#[wasm_bindgen(js_name = parseD0, unchecked_return_type = "D0Capture")]
pub fn parse_d0(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (bytes, o) = input_and_options(&input, &options, "parseD0")?;
    let limits = o.limits(Limits::for_input(bytes.len()));
    let mut capture = d0::parse_with(&bytes, limits);
    capture.localize(o.lang);
    tape::to_js(&capture)
}

/// Parses the device's CSV logs (lossy UTF-8: pass the bytes to keep the cut visible);
/// `truncated` says where a limit stopped it.
#[wasm_bindgen(js_name = parseLog, unchecked_return_type = "LogFile")]
pub fn parse_log(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DecodeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (bytes, o) = input_and_options(&input, &options, "parseLog")?;
    let limits = o.limits(Limits::for_log(bytes.len()));
    tape::to_js(&log::parse_with(&bytes, limits))
}

/// Parses an OBIS code (`1-0:1.8.0*255`, `1.8.0`, `C.1.0`); throws with the byte offset.
#[wasm_bindgen(js_name = parseObis, unchecked_return_type = "ParsedObis")]
pub fn parse_obis(text: &str) -> Result<JsValue, JsValue> {
    let o = Obis::parse(text).map_err(|e| decode_error(&e.into()))?;
    #[derive(serde::Serialize)]
    struct Parsed {
        obis: Obis,
        short: String,
        groups: [u8; 6],
        name: Option<wattwaechter::obis::ObisName>,
    }
    tape::to_js(&Parsed {
        obis: o,
        short: o.short().to_string(),
        groups: o.0,
        name: o.name(),
    })
}

/// Reads a capture shared as text — plain hex (whitespace, `0x` and commas ignored), `xxd` or
/// `hexdump -C` output, Tasmota's SML dump lines, log lines with the hex after a label — to
/// its bytes; throws `invalidHex` with the byte offset.
#[wasm_bindgen(js_name = decodeHex)]
pub fn decode_hex(text: &str) -> Result<Vec<u8>, JsValue> {
    capture::read_text(text)
        .map(|c| c.bytes)
        .map_err(|e| decode_error(&e.into()))
}

/// `decodeHex` with what was read: `{bytes, format, lines, skippedLines, summary}`
/// (`summary` in `options.lang`, English by default).
#[wasm_bindgen(js_name = readCapture, unchecked_return_type = "CaptureText")]
pub fn read_capture(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "{ lang?: Lang }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let lang = lang_only(&options, "readCapture")?;
    let c = capture::read_text(text).map_err(|e| decode_error(&e.into()))?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(|_| ());
    set("bytes", js_sys::Uint8Array::from(c.bytes.as_slice()).into())?;
    set("format", c.format.as_str().into())?;
    set("lines", (c.lines as f64).into())?;
    set("skippedLines", (c.skipped_lines as f64).into())?;
    set("summary", c.summary(lang).into())?;
    Ok(out.into())
}

/// Options that only choose the language (`{lang?: "en" | "de"}`); any other key is refused.
fn lang_only(options: &JsValue, what: &str) -> Result<Lang, JsValue> {
    let mut lang = Lang::En;
    for (key, v) in option_entries(options, invalid, what)? {
        match key.as_str() {
            "lang" => lang = lang_option(&v, invalid, what)?,
            other => {
                return Err(invalid(format!(
                    "{what}: unknown option `{other}` (known: lang)"
                )))
            }
        }
    }
    Ok(lang)
}

/// The frame (SML) or telegram (D0) that holds byte `offset` of `bytes`, explained: every byte
/// in one span with its field's path, wire type, meaning and CRC verdict (`null` when no
/// frame holds the byte). `options.lang` names the OBIS codes.
#[wasm_bindgen(js_name = explainFrame, unchecked_return_type = "Explained | null")]
pub fn explain_frame(
    bytes: &[u8],
    offset: usize,
    #[wasm_bindgen(unchecked_optional_param_type = "{ lang?: Lang }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let lang = lang_only(&options, "explainFrame")?;
    match wattwaechter::explain::explain_at(bytes, offset, lang) {
        Some(e) => tape::to_js(&e),
        None => Ok(JsValue::NULL),
    }
}

/// A dump without the meter's identities, for sharing: `{bytes, hex, identities, places,
/// checksums}` (`hex`: the same bytes as hex text, 16 per line). Every frame keeps its status;
/// throws when one would not.
#[wasm_bindgen(js_name = anonymizeDump, unchecked_return_type = "AnonymizedDump")]
pub fn anonymize_dump(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let a = wattwaechter::anonymize::anonymize(bytes).map_err(|e| {
        decode_error(&DecodeError {
            kind: DecodeErrorKind::InvalidInput,
            offset: match e {
                wattwaechter::anonymize::AnonymizeError::Changed { offset } => Some(offset),
            },
            message: e.to_string(),
        })
    })?;
    let hex = wattwaechter::hex::encode_lines(&a.bytes, 16);
    let out = js_sys::Object::new();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(|_| ());
    set("bytes", js_sys::Uint8Array::from(a.bytes.as_slice()).into())?;
    set("hex", hex.into())?;
    set("identities", (a.identities as f64).into())?;
    set("places", (a.places as f64).into())?;
    set("checksums", (a.checksums as f64).into())?;
    Ok(out.into())
}

#[wasm_bindgen(typescript_custom_section)]
const ANONYMIZED_TS: &str = r#"
/** A dump without the meter's identities, from `anonymizeDump`. */
export interface AnonymizedDump {
  /** The bytes, as long as the input. */
  bytes: Uint8Array;
  /** The same as hex text, 16 bytes per line. */
  hex: string;
  /** Distinct identities replaced (server ID, serial, device ID, ownership number, public key; D0 identification and serial). */
  identities: number;
  /** Places where one was replaced. */
  places: number;
  /** Frames whose checksums were adjusted so that each keeps its verdict. */
  checksums: number;
}
"#;

/// The format a capture shared as text is in (`hex` when nothing else fits), without reading
/// it: `xxd`, `hexdump_c`, `tasmota`, `log_lines` or `hex`.
#[wasm_bindgen(js_name = detectCaptureFormat, unchecked_return_type = "CaptureFormat")]
pub fn detect_capture_format(text: &str) -> JsValue {
    capture::detect(text).as_str().into()
}

#[wasm_bindgen(typescript_custom_section)]
const CAPTURE_TEXT_TS: &str = r#"
/** A capture read from text by `readCapture`. */
export interface CaptureText {
  /** The bytes. */
  bytes: Uint8Array;
  /** The format detected. */
  format: CaptureFormat;
  /** Lines that held bytes. */
  lines: number;
  /** Lines without bytes that the format allows (other log messages, blank lines). */
  skippedLines: number;
  /** What was read, for people: "read as xxd output, 256 lines with bytes". */
  summary: string;
}
"#;

/// The DLMS unit table.
#[wasm_bindgen(js_name = unitTable, unchecked_return_type = "UnitInfo[]")]
pub fn unit_table() -> Result<JsValue, JsValue> {
    tape::to_js(unit::UNITS)
}

/// The OBIS name catalogue: `{ obis, en, de }` per code.
#[wasm_bindgen(js_name = obisCatalogue, unchecked_return_type = "{ obis: Obis; en: string; de: string }[]")]
pub fn obis_catalogue() -> Result<JsValue, JsValue> {
    #[derive(serde::Serialize)]
    struct Row {
        obis: Obis,
        en: &'static str,
        de: &'static str,
    }
    let rows: Vec<Row> = Obis::catalogue()
        .into_iter()
        .map(|(obis, n)| Row {
            obis,
            en: n.en,
            de: n.de,
        })
        .collect();
    tape::to_js(&rows)
}

/// Whether `e` is an error a decoder threw (a type guard in TypeScript: in a `catch`, `e` is
/// `unknown`).
#[wasm_bindgen(js_name = isDecodeError, unchecked_return_type = "e is WattWaechterDecodeError")]
pub fn is_decode_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    is_error_named(&e, "WattWaechterDecodeError")
}
