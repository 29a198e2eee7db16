//! `/system/*`: alive, info, LED, self-test, Wi-Fi scan, time zones, reboot.

use super::lenient::{self, open_enum};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// `GET /system/alive` (no auth).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Alive {
    /// Always `true` when the device answers.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub alive: bool,
    /// The firmware version.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub version: String,
}

/// One entry of a [`SystemInfo`] section. Values are strings on the wire (numbers too).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct InfoEntry {
    /// The entry's name (`signal_strength`, `esp_id`, …).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub name: String,
    /// The value as text.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub value: String,
    /// The unit (`dBm`, `bytes`, or empty).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub unit: String,
}

/// `GET /system/info` (READ): sections (`uptime`, `wifi`, `ap`, `esp`, `heap`, and any the
/// firmware adds) of name/value/unit entries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct SystemInfo {
    /// Every section, by name.
    pub sections: BTreeMap<String, Vec<InfoEntry>>,
}

impl SystemInfo {
    /// The value of `name` in `section`.
    pub fn get(&self, section: &str, name: &str) -> Option<&str> {
        self.sections
            .get(section)?
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.value.as_str())
    }
    fn non_empty(&self, section: &str, name: &str) -> Option<&str> {
        self.get(section, name).filter(|v| !v.is_empty())
    }
    /// The device ID (MAC without separators, e.g. `9BFEFF453AB4`).
    pub fn device_id(&self) -> Option<&str> {
        self.non_empty("esp", "esp_id")
    }
    /// The firmware version.
    pub fn firmware_version(&self) -> Option<&str> {
        self.non_empty("esp", "os_version")
    }
    /// The hardware model (`ww_plus`, `ww_gw_mf`, `ww_gw_id`); absent on older Plus firmware.
    pub fn model_id(&self) -> Option<&str> {
        self.non_empty("esp", "model_id")
    }
    /// The product name (`WattWächter Plus`, `WattWächter Gas`).
    pub fn product_name(&self) -> Option<&str> {
        self.non_empty("esp", "product_name")
    }
    /// A gas/water device (GW-MF / GW-ID).
    pub fn is_gas_water(&self) -> bool {
        self.model_id().is_some_and(|m| m.starts_with("ww_gw"))
    }
    /// The Wi-Fi signal in dBm.
    pub fn signal_strength_dbm(&self) -> Option<i32> {
        self.get("wifi", "signal_strength")?.trim().parse().ok()
    }
    /// Free heap in bytes.
    pub fn free_heap(&self) -> Option<u64> {
        self.get("heap", "free_heap")?.trim().parse().ok()
    }
    /// The connected SSID.
    pub fn ssid(&self) -> Option<&str> {
        self.non_empty("wifi", "ssid")
    }
    /// The uptime as the device writes it (`2d 5h 30m`).
    pub fn uptime(&self) -> Option<&str> {
        self.non_empty("uptime", "uptime")
    }
}

open_enum! {
    /// The LED's status.
    LedStatus {
        /// No status.
        #[default]
        None = "NONE",
        /// Everything fine (green).
        Ok = "OK",
        /// Starting up.
        Startup = "STARTUP",
        /// Information.
        Info = "INFO",
        /// The meter needs attention (added in client 1.2.0; crashed older clients).
        MeterAttention = "METER_ATTENTION",
        /// Bluetooth active.
        BleActive = "BLE_ACTIVE",
        /// Bluetooth connected.
        BleConnected = "BLE_CONNECTED",
        /// Firmware update running.
        OtaActive = "OTA_ACTIVE",
        /// Error.
        Error = "ERROR",
        /// Reset pending.
        ResetPending = "RESET_PENDING",
    }
}

open_enum! {
    /// The LED's color.
    LedColor {
        /// Off.
        #[default]
        Off = "off",
        /// Green.
        Green = "green",
        /// Yellow.
        Yellow = "yellow",
        /// Blue.
        Blue = "blue",
        /// Magenta.
        Magenta = "magenta",
        /// Red.
        Red = "red",
    }
}

open_enum! {
    /// How the LED shows its color.
    LedMode {
        /// Constantly on.
        Solid = "solid",
        /// Pulsing.
        Pulse = "pulse",
        /// Dimmed.
        Dimmed = "dimmed",
        /// Off.
        #[default]
        Off = "off",
    }
}

/// An RGB color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Rgb {
    /// Red.
    #[serde(deserialize_with = "lenient::byte")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientByte"))]
    pub r: u8,
    /// Green.
    #[serde(deserialize_with = "lenient::byte")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientByte"))]
    pub g: u8,
    /// Blue.
    #[serde(deserialize_with = "lenient::byte")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientByte"))]
    pub b: u8,
}

/// `GET /system/led` (READ).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Led {
    /// The status shown.
    pub status: LedStatus,
    /// Its priority (1 OK … 8 reset pending).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub priority: i64,
    /// The color.
    pub color: LedColor,
    /// The mode.
    pub mode: LedMode,
    /// The color as RGB.
    pub rgb: Rgb,
    /// Whether the LED is enabled.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub enabled: bool,
    /// Which statuses are active (`ok`, `error`, …).
    pub active_statuses: BTreeMap<String, bool>,
}

/// `POST /system/selftest`: the IR transceiver test (about 2 s; 404 on gas/water devices).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SelfTest {
    /// Passed.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub success: bool,
    /// `SUCCESS` or another result code.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub result: String,
    /// A sentence (`IR-Transceiver OK`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub message: String,
}

/// A network found by the Wi-Fi scan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct WifiNetwork {
    /// The network name.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub ssid: String,
    /// Signal strength in dBm.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub rssi: i64,
}

/// `GET /system/wifi_scan[?refresh=true]` (no auth).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct WifiScan {
    /// The networks.
    pub networks: Vec<WifiNetwork>,
    /// How many.
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub count: i64,
    /// A new scan is running (the list is then empty).
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub scanning: bool,
}

/// One entry of `GET /system/timezones` (READ), a JSON array.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Timezone {
    /// The IANA name (`Europe/Berlin`).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub name: String,
    /// Offset from UTC in minutes.
    #[serde(rename = "utcOffsetMin", deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub utc_offset_min: i64,
}

/// `POST /system/reboot` (WRITE).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Reboot {
    /// The device is rebooting.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub rebooting: bool,
}
