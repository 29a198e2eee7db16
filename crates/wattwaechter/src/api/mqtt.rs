//! `/mqtt/ca` (custom CA certificate) and `/mqtt/status`.

use super::lenient::{self, open_enum};
use alloc::string::String;
use serde::{Deserialize, Serialize};

/// `GET /mqtt/ca` (READ).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CaStatus {
    /// A custom certificate is installed.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub has_custom_cert: bool,
    /// Size of the CA bundle in bytes.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub bundle_size: i64,
    /// Size of the custom certificate in bytes.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub custom_size: i64,
}

/// The body of `POST /mqtt/ca` (WRITE; too large → 413).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CaUpload {
    /// The PEM certificate.
    pub certificate: String,
}

/// The answer to `POST`/`DELETE /mqtt/ca`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CaAction {
    /// Accepted.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub success: bool,
    /// A sentence.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub message: String,
    /// The bundle's size afterwards.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub bundle_size: i64,
}

open_enum! {
    /// The MQTT connection state.
    MqttState {
        /// Disabled.
        #[default]
        Off = "OFF",
        /// Initialising.
        Init = "INIT",
        /// Connecting.
        Connecting = "CONNECTING",
        /// Connected.
        Connected = "CONNECTED",
        /// Waiting before the next attempt.
        WaitRetry = "WAIT_RETRY",
        /// Failed.
        Failed = "FAILED",
    }
}

/// `GET /mqtt/status`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct MqttStatus {
    /// MQTT is enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enabled: bool,
    /// The connection state.
    pub state: MqttState,
    /// Broker host.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub host: String,
    /// Broker port.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub port: i64,
    /// Client ID.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub client_id: String,
    /// TLS.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub use_tls: bool,
    /// The last error code (0 = none).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub last_error: i64,
    /// The last error as text.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub last_error_message: String,
    /// Reconnect attempts so far.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub reconnect_attempts: i64,
}

impl MqttStatus {
    /// Connected to the broker.
    pub fn connected(&self) -> bool {
        self.state == MqttState::Connected
    }
}
