//! TypeScript declarations of the types whose JSON form is written by hand (a custom
//! `Serialize` impl): each line mirrors the impl named beside it. Everything else is declared
//! by `tsify` from the type itself.

use wasm_bindgen::prelude::wasm_bindgen;

/// The decoders' declarations. (Only the wasm32 build and the tests read the constants.)
#[allow(dead_code)] // rustc does not see the custom section below (nor the tests) read it
const DECLARATIONS: &str = r#"
/** An OBIS code, `"1-0:1.8.0*255"` (obis.rs, `impl Serialize for Obis`). */
export type Obis = string;
/** An exact decimal, `"198927.3"` (decimal.rs, `impl Serialize for Decimal`). */
export type Decimal = string;
/** A deviation from the protocol a frame needed (quirk.rs, `Quirk::as_str`). */
export type Quirk = "kermit_crc" | "kermit_message_crc" | "bare_time" | "short_message_crc" | "unit_zero" | "missing_value" | "nonzero_padding" | "trailing_zeros" | "padding_four" | "dzg_sign_repaired" | "parity_stripped" | "no_bcc";
/** The quirks of a frame, e.g. `["kermit_crc"]` (quirk.rs, `impl Serialize for Quirks`). */
export type Quirks = Quirk[];
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

#[wasm_bindgen(typescript_custom_section)]
const _: &str = DECLARATIONS;

/// The REST models' declarations written by hand (only with the device client).
#[cfg(feature = "_ts-api")]
#[allow(dead_code)] // rustc does not see the custom section below (nor the tests) read it
const API_DECLARATIONS: &str = r#"
/** What went wrong in a client call (client/error.rs, `ErrorKind::as_str`). */
export type WattWaechterErrorKind = "network" | "timeout" | "unauthorized" | "forbidden" | "notFound" | "rateLimited" | "busy" | "badRequest" | "payloadTooLarge" | "badResponse" | "http" | "invalidRequest" | "responseTooLarge" | "redirected";
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

#[cfg(feature = "_ts-api")]
#[wasm_bindgen(typescript_custom_section)]
const _: &str = API_DECLARATIONS;

/// Every union above against the Rust type it mirrors: the same names, no more, no fewer.
#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    /// The members of `export type <name> = "a" | "b" …;`, in order, string literals
    /// unquoted.
    fn union(declarations: &str, name: &str) -> Vec<String> {
        let head = alloc::format!("export type {name} = ");
        let start = declarations
            .find(&head)
            .unwrap_or_else(|| panic!("no union {name}"))
            + head.len();
        let body = &declarations[start..];
        let body = &body[..body.find(';').unwrap()];
        body.split('|')
            .map(|t| t.trim().trim_matches('"').to_string())
            .collect()
    }

    fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|&t| name(t).to_string()).collect()
    }

    #[test]
    fn decoder_unions_match_the_rust_types() {
        assert_eq!(
            union(DECLARATIONS, "Quirk"),
            names(&crate::quirk::Quirk::ALL, crate::quirk::Quirk::as_str)
        );
    }

    /// Every form of `Time` serialises to a member of the declared union, with its keys.
    #[test]
    fn time_forms_match_the_declaration() {
        use crate::sml::Time;
        let declared = &DECLARATIONS[DECLARATIONS.find("export type Time =").unwrap()..];
        let declared = &declared[..declared.find(";\n").unwrap()];
        for t in [
            Time::SecIndex(1),
            Time::Timestamp(2),
            Time::BareSecIndex(3),
            Time::LocalTimestamp {
                timestamp: 4,
                local_offset: 60,
                season_time_offset: 0,
            },
        ] {
            let json = serde_json::to_value(t).unwrap();
            let kind = json["type"].as_str().unwrap();
            let member = declared
                .split("\n  | ")
                .find(|m| m.contains(&alloc::format!("\"{kind}\"")))
                .unwrap_or_else(|| panic!("{kind} not declared"));
            for key in json.as_object().unwrap().keys() {
                assert!(member.contains(&alloc::format!("{key}: ")), "{kind}.{key}");
            }
            assert_eq!(
                member.matches(": ").count(),
                json.as_object().unwrap().len()
            );
        }
    }

    #[cfg(feature = "_ts-api")]
    #[test]
    fn api_unions_match_the_rust_types() {
        use crate::api::*;
        assert_eq!(
            union(API_DECLARATIONS, "WattWaechterErrorKind"),
            names(
                &crate::client::ErrorKind::ALL,
                crate::client::ErrorKind::as_str
            )
        );
        for (name, known) in [
            ("LedStatus", LedStatus::KNOWN),
            ("LedColor", LedColor::KNOWN),
            ("LedMode", LedMode::KNOWN),
            ("MqttState", MqttState::KNOWN),
            ("Medium", Medium::KNOWN),
        ] {
            // Open: a value this version does not know still type-checks.
            let mut expected = names(known, |k| k);
            expected.push("(string & {})".into());
            assert_eq!(union(API_DECLARATIONS, name), expected, "{name}");
        }
    }
}
