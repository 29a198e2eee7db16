//! The decoders, exported to JS: the same results as the CLI's JSON, as JS objects.

use crate::convert::{api_error, bytes_or_text, from_js, to_js};
use crate::tape;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wattwaechter::client::{ApiError, ErrorKind};
use wattwaechter::{d0, dump, hex, log, obis::Obis, sml, unit};

/// Options of `decodeRawdump` and `decodeSml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
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
"#;

fn invalid(message: String) -> JsValue {
    api_error(&ApiError::new(ErrorKind::InvalidRequest, message, &[]))
}

/// Decodes a ring-buffer dump (`/logs/rawdump`): SML or D0, un-rotated, with frames, gaps and
/// a summary.
#[wasm_bindgen(js_name = decodeRawdump, unchecked_return_type = "Report")]
pub fn decode_rawdump(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let o: DecodeOptions = from_js(options, "decodeRawdump options")?;
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
    let o: DecodeOptions = from_js(options, "rawdumpCsv options")?;
    let mut opts = dump::DumpOptions {
        write_pos: o.write_pos,
        ..Default::default()
    };
    opts.sml.fix_dzg_dvs74 = o.fix_dzg;
    let report = dump::decode(&bytes, &opts).map_err(|e| invalid(e.to_string()))?;
    Ok(dump::to_csv(&report))
}

/// Decodes an SML capture into frames (the same form as a dump's frames).
#[wasm_bindgen(js_name = decodeSml, unchecked_return_type = "DumpFrame[]")]
pub fn decode_sml(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecodeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let bytes = bytes_or_text(&bytes)?;
    let o: DecodeOptions = from_js(options, "decodeSml options")?;
    let opts = sml::DecodeOptions {
        fix_dzg_dvs74: o.fix_dzg,
        ..Default::default()
    };
    tape::to_js(&dump::sml_frames(&bytes, &opts))
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
    to_js(&Parsed {
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
    to_js(unit::UNITS)
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
    to_js(&rows)
}
