//! `/history/latest`, `/history/highRes`, `/history/lowRes`.

use super::lenient::{self, open_enum};
use crate::obis::Obis;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value as Json;

/// A register's value: a number, or text (`"0x0182"`, `"EMH"`, a hex server ID).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ObisNumberOrText {
    /// A JSON number.
    Number(f64),
    /// A JSON string.
    Text(String),
}

impl ObisNumberOrText {
    /// The value as a number: JSON numbers, and strings holding a decimal number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            ObisNumberOrText::Number(n) => Some(*n),
            ObisNumberOrText::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// One register of `/history/latest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ObisValue {
    /// The value.
    pub value: ObisNumberOrText,
    /// The unit (`kWh`, `W`, `m³`, or empty).
    #[serde(default, deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub unit: String,
    /// The device's name for it (follows the device language; may be missing).
    #[serde(default, deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub name: String,
}

open_enum! {
    /// What a device meters.
    Medium {
        /// Electricity (WattWächter Plus).
        #[default]
        Electricity = "electricity",
        /// Gas.
        Gas = "gas",
        /// Water.
        Water = "water",
    }
}

/// The `gw` block of gas/water devices: typed fields plus the whole block as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct GwStatus {
    /// The pulse sensor works.
    pub ok: bool,
    /// The configured medium (authoritative over the OBIS keys).
    pub medium: Option<Medium>,
    /// Counted revolutions.
    pub revolutions: f64,
    /// Coils of the sensor.
    pub coils: i64,
    /// Active coils.
    pub active_coils: i64,
    /// Energy factor.
    pub energy_factor: f64,
    /// Start of the current meter reading (Unix seconds, firmware ≥ 1.3.0; `None` if unknown).
    pub meter_since: Option<i64>,
    /// The complete block, including driver diagnostics.
    pub raw: serde_json::Map<String, Json>,
}

impl GwStatus {
    fn from_raw(raw: serde_json::Map<String, Json>) -> Self {
        let num = |k: &str| raw.get(k).and_then(json_f64);
        GwStatus {
            ok: raw
                .get("ok")
                .and_then(|v| lenient::bool(v.clone()).ok())
                .unwrap_or(false),
            medium: raw.get("medium").and_then(Json::as_str).map(|m| {
                m.parse()
                    .unwrap_or_else(|e: core::convert::Infallible| match e {})
            }),
            revolutions: num("revolutions").unwrap_or(0.0),
            coils: num("coils").unwrap_or(0.0) as i64,
            active_coils: num("activeCoils").unwrap_or(0.0) as i64,
            energy_factor: num("energyFactor").unwrap_or(0.0),
            meter_since: num("meterSince").map(|v| v as i64).filter(|&v| v > 0),
            raw,
        }
    }
}

fn json_f64(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A key of `/history/latest`: the text as sent and the OBIS code it names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObisKey {
    /// As sent (`"1.8.0"`, `"7-0:3.0.0"`).
    pub text: String,
    /// The code (short keys read as `1-0:C.D.E*255`), `None` if the key is no OBIS code.
    pub obis: Option<Obis>,
}

/// `GET /history/latest` (READ): the newest value of every register. 204 (no reading yet)
/// is `None` in the client.
///
/// Electricity devices key by the short `C.D.E` form, gas/water devices by `A-B:C.D.E`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Latest {
    /// Unix seconds of the reading.
    pub timestamp: i64,
    /// The reading's time as `YYYY-MM-DDTHH:MM:SS` (no zone; use `timestamp`).
    pub datetime: String,
    /// The registers, by key as sent.
    pub values: BTreeMap<String, ObisValue>,
    /// The gas/water sensor block.
    pub gw: Option<GwStatus>,
    /// Anything else the firmware sent, kept as is.
    pub extra: BTreeMap<String, Json>,
}

/// OBIS codes of the gas/water registers.
pub mod codes {
    /// Gas volume (m³).
    pub const GAS_VOLUME: &str = "7-0:3.0.0";
    /// Gas flow (m³/h).
    pub const GAS_FLOW: &str = "7-0:43.0.0";
    /// Water volume (m³).
    pub const WATER_VOLUME: &str = "8-0:1.0.0";
    /// Water flow (m³/h).
    pub const WATER_FLOW: &str = "8-0:2.0.0";
}

impl Latest {
    /// The keys, each with its OBIS code.
    pub fn keys(&self) -> impl Iterator<Item = ObisKey> + '_ {
        self.values.keys().map(|k| ObisKey {
            text: k.clone(),
            obis: Obis::parse(k).ok(),
        })
    }

    /// The register for `code`, whichever key form the device used (`"16.7.0"`,
    /// `"1-0:16.7.0"`, `"1-0:16.7.0*255"` all find the same register).
    pub fn get(&self, code: &str) -> Option<&ObisValue> {
        if let Some(v) = self.values.get(code) {
            return Some(v);
        }
        let want = Obis::parse(code).ok()?;
        self.values.iter().find_map(|(k, v)| {
            let have = Obis::parse(k).ok()?;
            // F = 255 means "not used": a key without F matches any.
            let same = have.0[..5] == want.0[..5]
                && (have.f() == want.f() || have.f() == 255 || want.f() == 255);
            same.then_some(v)
        })
    }

    fn number(&self, code: &str) -> Option<f64> {
        self.get(code)?.value.as_f64()
    }

    /// Total active power in W (16.7.0; negative = feed-in).
    pub fn power(&self) -> Option<f64> {
        self.number("16.7.0")
    }
    /// Total import in kWh (1.8.0).
    pub fn total_import(&self) -> Option<f64> {
        self.number("1.8.0")
    }
    /// Total export in kWh (2.8.0).
    pub fn total_export(&self) -> Option<f64> {
        self.number("2.8.0")
    }
    /// The medium: the `gw` block decides; otherwise the gas/water keys; otherwise electricity.
    pub fn medium(&self) -> Medium {
        if let Some(m) = self.gw.as_ref().and_then(|g| g.medium.clone()) {
            return m;
        }
        if self.values.contains_key(codes::GAS_VOLUME) || self.values.contains_key(codes::GAS_FLOW)
        {
            Medium::Gas
        } else if self.values.contains_key(codes::WATER_VOLUME)
            || self.values.contains_key(codes::WATER_FLOW)
        {
            Medium::Water
        } else {
            Medium::Electricity
        }
    }
    /// Gas/water meter reading in m³ (`None` on electricity).
    pub fn volume(&self) -> Option<f64> {
        match self.medium() {
            Medium::Gas => self.number(codes::GAS_VOLUME),
            Medium::Water => self.number(codes::WATER_VOLUME),
            _ => None,
        }
    }
    /// Gas/water flow in m³/h (`None` on electricity).
    pub fn flow(&self) -> Option<f64> {
        match self.medium() {
            Medium::Gas => self.number(codes::GAS_FLOW),
            Medium::Water => self.number(codes::WATER_FLOW),
            _ => None,
        }
    }
}

/// The `gw` block: the fields the client reads, and whatever else the firmware adds.
#[cfg(feature = "openapi")]
impl schemars::JsonSchema for GwStatus {
    fn schema_name() -> alloc::borrow::Cow<'static, str> {
        alloc::borrow::Cow::Borrowed("GwStatus")
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = g.subschema_for::<lenient::LenientOptionalNumber>();
        let mut ok = g.subschema_for::<lenient::LenientBool>();
        ok.insert("description".into(), "The pulse sensor works.".into());
        schemars::json_schema!({
            "type": "object",
            "description": "Gas/water devices: the pulse sensor's state. Fields beyond these are driver diagnostics.",
            "properties": {
                "ok": ok,
                "medium": g.subschema_for::<Medium>(),
                "revolutions": number,
                "coils": number,
                "activeCoils": number,
                "energyFactor": number,
                "meterSince": {
                    "anyOf": [number, { "type": "null" }],
                    "description": "Unix seconds: start of the current meter reading (firmware 1.3.0 and later; 0 or absent if unknown)."
                }
            },
            "additionalProperties": true
        })
    }
}

/// The snapshot: `timestamp`, `datetime`, `gw` on gas/water devices, and one
/// [`ObisValue`] per OBIS key (`1.8.0`, `7-0:3.0.0`); other keys are kept, not read.
#[cfg(feature = "openapi")]
impl schemars::JsonSchema for Latest {
    fn schema_name() -> alloc::borrow::Cow<'static, str> {
        alloc::borrow::Cow::Borrowed("Latest")
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut timestamp = g.subschema_for::<lenient::LenientInteger>();
        timestamp.insert("description".into(), "Unix seconds of the reading.".into());
        let mut datetime = g.subschema_for::<lenient::LenientString>();
        datetime.insert(
            "description".into(),
            "The reading's time as YYYY-MM-DDTHH:MM:SS, without a zone (use timestamp).".into(),
        );
        schemars::json_schema!({
            "type": "object",
            "description": "The newest value of every register. Electricity devices key by the short C.D.E form (1.8.0), gas/water devices by A-B:C.D.E (7-0:3.0.0).",
            "properties": {
                "timestamp": timestamp,
                "datetime": datetime,
                "gw": g.subschema_for::<GwStatus>()
            },
            "patternProperties": {
                OBIS_KEY_PATTERN: g.subschema_for::<ObisValue>()
            },
            "additionalProperties": true
        })
    }
}

/// The OBIS keys of `/history/latest`: `C.D.E` or `A-B:C.D.E`, optionally `*F` (C may be a
/// letter code such as `C` or `F`).
#[cfg(feature = "openapi")]
const OBIS_KEY_PATTERN: &str =
    r"^([0-9]{1,3}-[0-9]{1,3}:)?([0-9]{1,3}|[A-Z])\.[0-9]{1,3}\.[0-9]{1,3}(\*[0-9]{1,3})?$";

impl<'de> Deserialize<'de> for Latest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Latest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the /history/latest object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Latest, A::Error> {
                let mut out = Latest::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value: Json = map.next_value()?;
                    match key.as_str() {
                        "timestamp" => {
                            out.timestamp = lenient::i64(value).map_err(de::Error::custom)?;
                        }
                        "datetime" => {
                            out.datetime = lenient::string(value).map_err(de::Error::custom)?
                        }
                        "gw" => match value {
                            Json::Object(m) => out.gw = Some(GwStatus::from_raw(m)),
                            other => {
                                out.extra.insert(key, other);
                            }
                        },
                        _ => match value {
                            Json::Object(ref m) if m.contains_key("value") => {
                                let v: ObisValue =
                                    serde_json::from_value(value).map_err(de::Error::custom)?;
                                out.values.insert(key, v);
                            }
                            other => {
                                out.extra.insert(key, other);
                            }
                        },
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

impl Serialize for Latest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("timestamp", &self.timestamp)?;
        m.serialize_entry("datetime", &self.datetime)?;
        if let Some(gw) = &self.gw {
            m.serialize_entry("gw", &gw.raw)?;
        }
        for (k, v) in &self.values {
            m.serialize_entry(k, v)?;
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The unit of a history's meter readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum HistoryUnit {
    /// Electricity: kWh.
    #[serde(rename = "kWh")]
    Kwh,
    /// Gas/water: m³.
    #[serde(rename = "m³")]
    M3,
}

/// One 15-minute slot of `GET /history/highRes` (kWh fields on electricity, m³ fields on
/// gas/water; the others are `None`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct HighResItem {
    /// `YYYY-MM-DDTHH:MM`.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub date: String,
    /// Unix seconds of the slot.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub timestamp: i64,
    /// Import meter reading (kWh).
    #[serde(
        rename = "import_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_total_kwh: Option<f64>,
    /// Export meter reading (kWh).
    #[serde(
        rename = "export_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub export_total_kwh: Option<f64>,
    /// Average import power of the slot (kW).
    #[serde(
        rename = "import_kW",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_kw: Option<f64>,
    /// Average export power of the slot (kW).
    #[serde(
        rename = "export_kW",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub export_kw: Option<f64>,
    /// Power (W).
    #[serde(
        rename = "power_W",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub power_w: Option<f64>,
    /// Meter reading (m³).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_total_m3: Option<f64>,
    /// Average flow of the slot from the readings (m³/h).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_m3h: Option<f64>,
    /// Flow (m³/h).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub flow_m3h: Option<f64>,
}

impl HighResItem {
    /// The meter reading in the history's unit.
    pub fn import_total(&self) -> Option<f64> {
        self.import_total_m3.or(self.import_total_kwh)
    }
}

/// One day of `GET /history/lowRes`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct LowResItem {
    /// `YYYY-MM-DD`.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub date: String,
    /// Unix seconds of the day's start.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub timestamp: i64,
    /// Import meter reading at the start of the day (kWh).
    #[serde(
        rename = "import_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_total_kwh: Option<f64>,
    /// Export meter reading at the start of the day (kWh).
    #[serde(
        rename = "export_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub export_total_kwh: Option<f64>,
    /// The day's import (kWh).
    #[serde(
        rename = "import_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_kwh: Option<f64>,
    /// The day's export (kWh).
    #[serde(
        rename = "export_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub export_kwh: Option<f64>,
    /// Meter reading at the start of the day (m³).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_total_m3: Option<f64>,
    /// The day's consumption (m³).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_m3: Option<f64>,
}

impl LowResItem {
    /// The meter reading at the start of the day, in the history's unit.
    pub fn import_total(&self) -> Option<f64> {
        self.import_total_m3.or(self.import_total_kwh)
    }
    /// The day's consumption, in the history's unit.
    pub fn consumption(&self) -> Option<f64> {
        self.import_m3.or(self.import_kwh)
    }
}

/// A history answer: the slots or days, and the footer over the whole response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "openapi",
    schemars(
        rename = "HistoryPage_{Item}",
        bound = "Item: schemars::JsonSchema + Default + Serialize"
    )
)]
#[serde(default)]
pub struct HistoryPage<Item> {
    /// The (first) day.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub start: String,
    /// Days covered (1 for `highRes`; in `lowRes` sent by gas/water firmware only).
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "lenient::LenientOptionalInteger")
    )]
    pub days: Option<i64>,
    /// The slots or days (treat as sparse; key by `timestamp`).
    pub items: Vec<Item>,
    /// Footer (electricity): import over the whole response (kWh), not a meter reading.
    #[serde(
        rename = "import_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub import_total_kwh: Option<f64>,
    /// Footer (electricity): export over the whole response (kWh).
    #[serde(
        rename = "export_total_kWh",
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub export_total_kwh: Option<f64>,
    /// Footer (gas/water): consumption over the whole response (m³).
    #[serde(
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub consumption_m3: Option<f64>,
}

/// `GET /history/highRes?date=YYYY-MM-DD` (READ): 15-minute values of one day.
pub type HighRes = HistoryPage<HighResItem>;

/// `GET /history/lowRes?start=YYYY-MM-DD&days=N` (READ): daily values.
pub type LowRes = HistoryPage<LowResItem>;

/// The two aliases in TypeScript (tsify declares the generic `HistoryPage` only).
#[cfg(feature = "_ts-api")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const HISTORY_ALIASES: &str = r#"
/** `GET /history/highRes?date=YYYY-MM-DD`: 15-minute values of one day. */
export type HighRes = HistoryPage<HighResItem>;
/** `GET /history/lowRes?start=YYYY-MM-DD&days=N`: daily values. */
export type LowRes = HistoryPage<LowResItem>;
"#;

/// What a history page needs to know of its items.
pub trait HistoryItem {
    /// The meter reading in m³, if the item is a gas/water one.
    fn import_total_m3(&self) -> Option<f64>;
}

impl HistoryItem for HighResItem {
    fn import_total_m3(&self) -> Option<f64> {
        self.import_total_m3
    }
}

impl HistoryItem for LowResItem {
    fn import_total_m3(&self) -> Option<f64> {
        self.import_total_m3
    }
}

impl<Item: HistoryItem> HistoryPage<Item> {
    /// kWh for electricity, m³ when the footer or any item has m³ fields.
    pub fn unit(&self) -> HistoryUnit {
        if self.consumption_m3.is_some() || self.items.iter().any(|i| i.import_total_m3().is_some())
        {
            HistoryUnit::M3
        } else {
            HistoryUnit::Kwh
        }
    }
    /// Consumption over the whole response, in [`Self::unit`] (electricity firmware reports it
    /// as the `import_total_kWh` footer).
    pub fn consumption(&self) -> Option<f64> {
        self.consumption_m3.or(self.import_total_kwh)
    }
    /// Export over the whole response (electricity only).
    pub fn export(&self) -> Option<f64> {
        self.export_total_kwh
    }
}
