//! `GET /modbus/status`: the SunSpec server and its registers.

use super::lenient;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// One SunSpec register as the device serves it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(default)]
pub struct ModbusRegister {
    /// Register address (40088 …).
    #[serde(deserialize_with = "lenient::i64")]
    pub register: i64,
    /// SunSpec point name (`W`, `PhVphA`, …).
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    /// The OBIS code it comes from.
    #[serde(deserialize_with = "lenient::string")]
    pub obis: String,
    /// The value (`None` when the meter does not deliver it).
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub value: Option<f64>,
    /// Unit.
    #[serde(deserialize_with = "lenient::string")]
    pub unit: String,
    /// The meter delivers this field.
    #[serde(deserialize_with = "lenient::bool")]
    pub valid: bool,
    /// The raw register value.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub raw: Option<i64>,
    /// The SunSpec scale factor.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub scale_factor: Option<i64>,
    /// The register holding the scale factor.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub scale_register: Option<i64>,
    /// Computed by the device rather than read from the meter.
    #[serde(deserialize_with = "lenient::bool")]
    pub derived: bool,
}

/// `GET /modbus/status`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(default)]
pub struct ModbusStatus {
    /// Modbus TCP is enabled.
    #[serde(deserialize_with = "lenient::bool")]
    pub enabled: bool,
    /// The server runs.
    #[serde(deserialize_with = "lenient::bool")]
    pub running: bool,
    /// TCP port.
    #[serde(deserialize_with = "lenient::i64")]
    pub port: i64,
    /// Connected clients (at most 2).
    #[serde(deserialize_with = "lenient::i64")]
    pub active_connections: i64,
    /// The registers.
    pub registers: Vec<ModbusRegister>,
}
