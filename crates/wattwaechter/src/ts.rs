//! TypeScript declarations of the types whose JSON form is written by hand (a custom
//! `Serialize` impl): each line mirrors the impl named beside it. Everything else is declared
//! by `tsify` from the type itself.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const DECLARATIONS: &str = r#"
/** An OBIS code, `"1-0:1.8.0*255"` (obis.rs, `impl Serialize for Obis`). */
export type Obis = string;
/** An exact decimal, `"198927.3"` (decimal.rs, `impl Serialize for Decimal`). */
export type Decimal = string;
/** Quirk names, e.g. `["kermit_crc"]` (sml/quirk.rs, `impl Serialize for Quirks`). */
export type Quirks = string[];
/** sml/decode.rs, `impl Serialize for FrameError`. */
export interface FrameError { kind: string; offset: number; message: string }
/** unit.rs, `impl Serialize for Unit`. */
export interface Unit { code: number; symbol: string | null }
/** sml/types.rs, `impl Serialize for Time`. */
export type Time =
  | { type: "sec_index" | "timestamp" | "bare_sec_index"; value: number }
  | { type: "local_timestamp"; timestamp: number; local_offset: number; season_time_offset: number };
/** server_id.rs, `impl Serialize for MeterId`. */
export interface MeterId { text: string; flag: string; medium: number; block: number; serial: number }
/** The value as sent: an integer (a decimal string when |n| > 2^53), hex for SML octet strings, the text for D0, a boolean, or null (dump/mod.rs, `impl Serialize for RawValue`). */
export type RawValue = number | string | boolean | null;
"#;

/// The REST models' declarations written by hand (only with the device client).
#[cfg(feature = "_ts-api")]
#[wasm_bindgen(typescript_custom_section)]
const API_DECLARATIONS: &str = r#"
/** api/system.rs, `open_enum!` (values this version does not know are passed through). */
export type LedStatus = "NONE" | "OK" | "STARTUP" | "INFO" | "METER_ATTENTION" | "BLE_ACTIVE" | "BLE_CONNECTED" | "OTA_ACTIVE" | "ERROR" | "RESET_PENDING" | (string & {});
export type LedColor = "off" | "green" | "yellow" | "blue" | "magenta" | "red" | (string & {});
export type LedMode = "solid" | "pulse" | "dimmed" | "off" | (string & {});
/** api/mqtt.rs, `open_enum!`. */
export type MqttState = "OFF" | "INIT" | "CONNECTING" | "CONNECTED" | "WAIT_RETRY" | "FAILED" | (string & {});
/** api/history.rs, `open_enum!`. */
export type Medium = "electricity" | "gas" | "water" | (string & {});
/** One register of `/history/latest`. */
export interface LatestValue { value: number | string; unit: string; name: string }
/** The key of a register of `/history/latest`: `"1.8.0"` (electricity) or `"7-0:3.0.0"` (gas/water), also with `*255`. */
export type LatestKey = `${number}.${number}.${number}` | `${number}-${number}:${number}.${number}.${number}` | `${number}-${number}:${number}.${number}.${number}*${number}`;
/** `GET /history/latest` (api/history.rs, `impl Serialize for Latest`): `timestamp`, `datetime`, the `gw` block of gas/water devices, and one entry per register (`latest["16.7.0"]?.value`), plus the values the client derives from them (api/history.rs, `impl Latest`). */
export type Latest = {
  /** Unix seconds of the reading. */
  timestamp: number;
  /** The reading's time as `YYYY-MM-DDTHH:MM:SS` (no zone; use `timestamp`). */
  datetime: string;
  /** The gas/water sensor block, as sent. */
  gw?: Record<string, unknown>;
  /** Total active power in W (16.7.0; negative = feed-in), derived. */
  power: number | null;
  /** Total import in kWh (1.8.0), derived. */
  importTotal: number | null;
  /** Total export in kWh (2.8.0), derived. */
  exportTotal: number | null;
  /** What the device meters: the `gw` block decides, else the gas/water keys, else electricity. */
  medium: Medium;
  /** Gas/water meter reading in m³ (`null` on electricity), derived. */
  volume: number | null;
  /** Gas/water flow in m³/h (`null` on electricity), derived. */
  flow: number | null;
} & { [key: LatestKey]: LatestValue };
/** An endpoint's name (api/mod.rs, `Endpoint`, serialised as its variant name). */
export type Endpoint = string;
/** Free JSON the firmware sent that this version keeps as it is. */
export type Json = unknown;
"#;
