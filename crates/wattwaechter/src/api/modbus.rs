//! `GET /modbus/status`: the SunSpec server and its registers.

use super::lenient;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// One SunSpec register as the device serves it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ModbusRegister {
    /// Register address (40088 …).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub register: i64,
    /// SunSpec point name (`W`, `PhVphA`, …).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub name: String,
    /// The OBIS code it comes from.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub obis: String,
    /// The value (`None` when the meter does not deliver it).
    #[serde(deserialize_with = "lenient::opt_f64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientOptionalNumber"))]
    pub value: Option<f64>,
    /// Unit.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub unit: String,
    /// The meter delivers this field.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub valid: bool,
    /// The raw register value.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "lenient::LenientOptionalInteger")
    )]
    pub raw: Option<i64>,
    /// The SunSpec scale factor.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "lenient::LenientOptionalInteger")
    )]
    pub scale_factor: Option<i64>,
    /// The register holding the scale factor.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "lenient::LenientOptionalInteger")
    )]
    pub scale_register: Option<i64>,
    /// Computed by the device rather than read from the meter.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub derived: bool,
}

/// `GET /modbus/status`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ModbusStatus {
    /// Modbus TCP is enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enabled: bool,
    /// The server runs.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub running: bool,
    /// TCP port.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub port: i64,
    /// Connected clients (at most 2).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub active_connections: i64,
    /// The registers.
    pub registers: Vec<ModbusRegister>,
}
