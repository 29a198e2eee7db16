//! `GET /settings` (READ) and `POST /settings` (WRITE, partial update).

use super::lenient;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A Wi-Fi station configuration (`wifi.primary`, `wifi.secondary`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct WifiConfig {
    /// Enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enable: bool,
    /// Network name.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub ssid: String,
    /// Static IP instead of DHCP.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub static_ip: bool,
    /// Static IP address.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub ip: String,
    /// Subnet mask.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub subnet: String,
    /// Gateway.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub gateway: String,
    /// DNS server.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub dns: String,
}

/// `wifi`: both station configurations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct WifiSettings {
    /// The primary network.
    pub primary: WifiConfig,
    /// The fallback network.
    pub secondary: WifiConfig,
}

/// `accessPoint`: the device's own access point.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct AccessPointConfig {
    /// Enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enable: bool,
    /// Protected by a password.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub password_enable: bool,
    /// Its SSID.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub ssid: String,
}

/// `mqtt` (the password is never returned).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct MqttConfig {
    /// Enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enable: bool,
    /// Broker host.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub host: String,
    /// Broker port (default 8883).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub port: i64,
    /// TLS (default on).
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub use_tls: bool,
    /// User name.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub user: String,
    /// Seconds between publications (default 60).
    #[serde(rename = "sendInterval", deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub send_interval: i64,
    /// MQTT client ID.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub client_id: String,
    /// Topic prefix.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub topic_prefix: String,
}

/// An installed UI language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Language {
    /// Code (`de`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub code: String,
    /// Name (`Deutsch`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub name: String,
}

/// `language`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct LanguageConfig {
    /// The active language code.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub active: String,
    /// The installed languages.
    pub installed: Vec<Language>,
}

/// `modbus` (settable; whether GET returns it is not documented).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ModbusConfig {
    /// Enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enable: bool,
    /// TCP port (502).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub port: i64,
}

/// `GET /settings` (READ). Passwords are never returned. Fields this version does not model
/// are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Settings {
    /// Wi-Fi stations.
    pub wifi: WifiSettings,
    /// The access point.
    #[serde(rename = "accessPoint")]
    pub access_point: AccessPointConfig,
    /// MQTT.
    pub mqtt: MqttConfig,
    /// Modbus TCP, if the firmware reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modbus: Option<ModbusConfig>,
    /// UI languages.
    pub language: LanguageConfig,
    /// Time zone (`Europe/Berlin`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub timezone: String,
    /// NTP server.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub ntp_server: String,
    /// Reboots since the counter was reset.
    #[serde(rename = "rebootCounter", deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub reboot_counter: i64,
    /// Reboots in total.
    #[serde(rename = "rebootsTotal", deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub reboots_total: i64,
    /// All reboots.
    #[serde(rename = "rebootsAll", deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub reboots_all: i64,
    /// The status LED is on.
    #[serde(rename = "ledEnable", deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub led_enable: bool,
    /// The API requires tokens.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub api_auth_required: bool,
    /// The device's name.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub device_name: String,
    /// The cloud connection (AWS IoT) is on.
    #[serde(rename = "awsIotEnabled", deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub aws_iot_enabled: bool,
    /// Everything else the firmware sent.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A partial update of a Wi-Fi station: only what is set is sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WifiUpdate {
    /// Enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// Network name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssid: Option<String>,
    /// Password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Static IP instead of DHCP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub static_ip: Option<bool>,
    /// Static IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Subnet mask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet: Option<String>,
    /// Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    /// DNS server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns: Option<String>,
}

/// A partial update of `wifi`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WifiSettingsUpdate {
    /// The primary network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary: Option<WifiUpdate>,
    /// The fallback network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary: Option<WifiUpdate>,
}

/// A partial update of `mqtt` (changes apply without reboot).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct MqttUpdate {
    /// Enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// Broker host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Broker port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// TLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_tls: Option<bool>,
    /// User name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Password (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Seconds between publications.
    #[serde(rename = "sendInterval", skip_serializing_if = "Option::is_none")]
    pub send_interval: Option<u32>,
    /// MQTT client ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Topic prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_prefix: Option<String>,
}

/// A partial update of `modbus` (takes effect immediately).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct ModbusUpdate {
    /// Enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// TCP port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
}

/// A partial update of `accessPoint`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct AccessPointUpdate {
    /// Enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    /// Protected by a password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_enable: Option<bool>,
    /// Password (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// SSID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssid: Option<String>,
}

/// The body of `POST /settings`: a partial update that serialises only what was set.
///
/// ```
/// use wattwaechter::api::SettingsUpdate;
/// let body = SettingsUpdate::new()
///     .led_enable(false)
///     .modbus(|m| { m.enable = Some(true); m.port = Some(502); })
///     .to_json();
/// assert_eq!(body, r#"{"modbus":{"enable":true,"port":502},"ledEnable":false}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SettingsUpdate {
    /// Wi-Fi stations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wifi: Option<WifiSettingsUpdate>,
    /// The access point.
    #[serde(rename = "accessPoint", skip_serializing_if = "Option::is_none")]
    pub access_point: Option<AccessPointUpdate>,
    /// MQTT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mqtt: Option<MqttUpdate>,
    /// Modbus TCP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modbus: Option<ModbusUpdate>,
    /// Status LED.
    #[serde(rename = "ledEnable", skip_serializing_if = "Option::is_none")]
    pub led_enable: Option<bool>,
    /// Require tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_auth_required: Option<bool>,
    /// Device name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// Time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// NTP server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ntp_server: Option<String>,
    /// UI language code.
    #[serde(rename = "language", skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageUpdate>,
}

/// A partial update of `language`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct LanguageUpdate {
    /// The language code to activate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
}

impl SettingsUpdate {
    /// An update that changes nothing.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets `ledEnable`.
    pub fn led_enable(mut self, on: bool) -> Self {
        self.led_enable = Some(on);
        self
    }
    /// Sets `api_auth_required`.
    pub fn api_auth_required(mut self, on: bool) -> Self {
        self.api_auth_required = Some(on);
        self
    }
    /// Sets `device_name`.
    pub fn device_name(mut self, name: impl Into<String>) -> Self {
        self.device_name = Some(name.into());
        self
    }
    /// Sets `timezone`.
    pub fn timezone(mut self, tz: impl Into<String>) -> Self {
        self.timezone = Some(tz.into());
        self
    }
    /// Sets `ntp_server`.
    pub fn ntp_server(mut self, server: impl Into<String>) -> Self {
        self.ntp_server = Some(server.into());
        self
    }
    /// Sets the active UI language.
    pub fn language(mut self, code: impl Into<String>) -> Self {
        self.language = Some(LanguageUpdate {
            active: Some(code.into()),
        });
        self
    }
    /// Edits the MQTT part.
    pub fn mqtt(mut self, edit: impl FnOnce(&mut MqttUpdate)) -> Self {
        edit(self.mqtt.get_or_insert_with(Default::default));
        self
    }
    /// Edits the Modbus part.
    pub fn modbus(mut self, edit: impl FnOnce(&mut ModbusUpdate)) -> Self {
        edit(self.modbus.get_or_insert_with(Default::default));
        self
    }
    /// Edits the primary Wi-Fi station.
    pub fn wifi_primary(mut self, edit: impl FnOnce(&mut WifiUpdate)) -> Self {
        let wifi = self.wifi.get_or_insert_with(Default::default);
        edit(wifi.primary.get_or_insert_with(Default::default));
        self
    }
    /// Edits the secondary Wi-Fi station.
    pub fn wifi_secondary(mut self, edit: impl FnOnce(&mut WifiUpdate)) -> Self {
        let wifi = self.wifi.get_or_insert_with(Default::default);
        edit(wifi.secondary.get_or_insert_with(Default::default));
        self
    }
    /// Edits the access point.
    pub fn access_point(mut self, edit: impl FnOnce(&mut AccessPointUpdate)) -> Self {
        edit(self.access_point.get_or_insert_with(Default::default));
        self
    }
    /// Nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
    /// The JSON body.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The answer to `POST /settings`: `applied` echoes the request (values the device ignored or
/// adjusted are echoed unchanged: read the settings again to see what is in effect).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SettingsApplied {
    /// Accepted.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub success: bool,
    /// The echo.
    pub applied: Json,
}
