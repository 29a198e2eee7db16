//! The decoders, exported to JS: the same results as the CLI's JSON, as JS objects.

use crate::convert::{api_error, bytes_or_text};
use crate::tape;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wattwaechter::client::ApiError;
use wattwaechter::{d0, dump, hex, log, obis::Obis, sml, unit};

/// Options of `decodeRawdump` and `decodeSml`.
#[derive(Debug, Default)]
struct DecodeOptions {
    /// The ring buffer's write position, if known.
    write_pos: Option<usize>,
    /// The opt-in DZG DVS74 power sign repair.
    fix_dzg: bool,
}

#[wasm_bindgen(typescript_custom_section)]
const OPTIONS_TS: &str = r#"
/** Options of `decodeRawdump` and `decodeSml`. */
export interface DecodeOptions {
  /** The ring buffer's write position, if known (the dump is then the raw circular array). */
  writePos?: number;
  /** Repair the DZG DVS74 power sign bug (opt-in; limited to the affected serial numbers). */
  fixDzg?: boolean;
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
/// wrong type is refused with its name. Read key by key rather than through serde: two keys
/// do not need serde_json, which would be the decoders' only use of it (15 KB of the
/// `wattwaechter/decoders` `.wasm`).
fn decode_options(value: &JsValue, what: &str) -> Result<DecodeOptions, JsValue> {
    let mut o = DecodeOptions::default();
    if value.is_null() || value.is_undefined() {
        return Ok(o);
    }
    let object = value
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !value.is_function() && !js_sys::Array::is_array(value))
        .ok_or_else(|| invalid(format!("{what}: expected an object")))?;
    for key in js_sys::Object::keys(object) {
        let v = js_sys::Reflect::get(object, &key)?;
        let key = key.as_string().unwrap_or_default();
        if v.is_undefined() {
            continue;
        }
        match key.as_str() {
            "writePos" if v.is_null() => o.write_pos = None,
            "writePos" => {
                let n = v
                    .as_f64()
                    .filter(|n| n.fract() == 0.0 && (0.0..=usize::MAX as f64).contains(n))
                    .ok_or_else(|| {
                        invalid(format!("{what}: writePos must be a non-negative integer"))
                    })?;
                o.write_pos = Some(n as usize);
            }
            "fixDzg" => {
                o.fix_dzg = v
                    .as_bool()
                    .ok_or_else(|| invalid(format!("{what}: fixDzg must be true or false")))?;
            }
            other => {
                return Err(invalid(format!(
                    "{what}: unknown option `{other}` (known: writePos, fixDzg)"
                )))
            }
        }
    }
    Ok(o)
}

/// The SML decoder's options from JS `DecodeOptions` (a write position is ignored: these
/// decoders take a capture, not a ring buffer).
fn sml_options(options: &JsValue, what: &str) -> Result<sml::DecodeOptions, JsValue> {
    let o = decode_options(options, what)?;
    Ok(sml::DecodeOptions {
        fix_dzg_dvs74: o.fix_dzg,
        ..Default::default()
    })
}

fn invalid(message: String) -> JsValue {
    api_error(&ApiError::invalid(message))
}

/// Decodes a ring-buffer dump (`/logs/rawdump`): SML or D0, un-rotated, with frames, gaps and
/// a summary.
#[wasm_bindgen(js_name = decodeRawdump, unchecked_return_type = "Report")]
pub fn decode_rawdump(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let o = decode_options(&options, "decodeRawdump options")?;
    let mut opts = dump::DumpOptions {
        write_pos: o.write_pos,
        ..Default::default()
    };
    opts.sml.fix_dzg_dvs74 = o.fix_dzg;
    let report = dump::decode(&bytes, &opts).map_err(|e| invalid(e.to_string()))?;
    tape::to_js(&report)
}

/// The values of a decoded dump as CSV (`frame;offset;status;obis;name;value;unit;raw`).
#[wasm_bindgen(js_name = rawdumpCsv)]
pub fn rawdump_csv(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<String, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let o = decode_options(&options, "rawdumpCsv options")?;
    let mut opts = dump::DumpOptions {
        write_pos: o.write_pos,
        ..Default::default()
    };
    opts.sml.fix_dzg_dvs74 = o.fix_dzg;
    let report = dump::decode(&bytes, &opts).map_err(|e| invalid(e.to_string()))?;
    Ok(dump::to_csv(&report))
}

/// Decodes an SML capture into columns: every reading of every frame as typed arrays (the
/// lean form; see `ReadingTable`).
#[wasm_bindgen(js_name = decodeReadings, unchecked_return_type = "ReadingTable")]
pub fn decode_readings(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let opts = sml_options(&options, "decodeReadings options")?;
    let t = sml::reading_table(&bytes, &opts);
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
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let opts = sml_options(&options, "decodeSml options")?;
    tape::to_js(&dump::SmlFramesView::new(&bytes, &opts))
}

/// Parses D0 (IEC 62056-21) telegrams.
#[wasm_bindgen(js_name = parseD0, unchecked_return_type = "D0Capture")]
pub fn parse_d0(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    tape::to_js(&d0::parse(&bytes_or_text(&input)?))
}

/// Parses the device's CSV logs (lossy UTF-8: pass the bytes to keep the cut visible).
#[wasm_bindgen(js_name = parseLog, unchecked_return_type = "LogFile")]
pub fn parse_log(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    tape::to_js(&log::parse(&bytes_or_text(&input)?))
}

/// Parses an OBIS code (`1-0:1.8.0*255`, `1.8.0`, `C.1.0`); throws with the byte offset.
#[wasm_bindgen(js_name = parseObis, unchecked_return_type = "ParsedObis")]
pub fn parse_obis(text: &str) -> Result<JsValue, JsValue> {
    let o = Obis::parse(text).map_err(|e| invalid(e.to_string()))?;
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

/// Reads hex text (whitespace, `0x` and commas ignored); throws with the byte offset.
#[wasm_bindgen(js_name = decodeHex)]
pub fn decode_hex(text: &str) -> Result<Vec<u8>, JsValue> {
    hex::decode(text).map_err(|e| invalid(e.to_string()))
}

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
