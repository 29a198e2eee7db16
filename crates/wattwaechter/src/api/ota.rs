//! `/ota/check` and `/ota/start`.

use super::lenient;
use alloc::string::String;
use serde::{Deserialize, Serialize};

/// The `data` of [`OtaCheck`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct OtaData {
    /// A newer firmware exists.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub update_available: bool,
    /// Its version.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub version: String,
    /// Its channel (`stable`, `test`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub tag: String,
    /// Its release date.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub release_date: String,
    /// Release note (German).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub release_note_de: String,
    /// Release note (English).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub release_note_en: String,
    /// When the device last checked (Unix seconds).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub last_checked: i64,
}

/// `GET /ota/check` (READ): the cached result of the device's own check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct OtaCheck {
    /// The check worked.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub ok: bool,
    /// Its result.
    pub data: OtaData,
}

/// `POST /ota/start` (WRITE; the device asks the update server first: allow ≥ 30 s).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct OtaStart {
    /// Accepted.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub ok: bool,
    /// A sentence (`OTA started`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub msg: String,
    /// `false` when there was nothing to install.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_available: Option<bool>,
}

impl OtaStart {
    /// An update is really being installed.
    pub fn started(&self) -> bool {
        self.ok && self.update_available != Some(false)
    }
}
