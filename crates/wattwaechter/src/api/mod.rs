//! Typed models of the WattWächter REST API (`http://<device>/api/v1/`) and the catalogue of
//! its 27 endpoints.
//!
//! Tolerant like the firmware demands: unknown fields are ignored (or kept in `extra`),
//! documented-optional fields default, numbers and numeric strings are both accepted, and
//! enums keep values they do not know as `Unknown(String)`. Source of truth: the project's
//! device documentation and the vendor's client and fixtures.

pub(crate) mod lenient;
#[cfg(feature = "openapi")]
pub mod openapi;

mod auth;
mod cloud;
mod history;
mod modbus;
mod mqtt;
mod ota;
mod settings;
mod system;

pub use auth::{SetupTokens, SuccessMessage, TokenPair, TokensConfirm, TokensGenerated};
pub use cloud::CloudPair;
pub use history::{
    codes, GwStatus, HighRes, HighResItem, HistoryItem, HistoryPage, HistoryUnit, Latest, LowRes,
    LowResItem, Medium, ObisKey, ObisNumberOrText, ObisValue,
};
pub use modbus::{ModbusRegister, ModbusStatus};
pub use mqtt::{CaAction, CaStatus, CaUpload, MqttState, MqttStatus};
pub use ota::{OtaCheck, OtaData, OtaStart};
pub use settings::{
    AccessPointConfig, AccessPointUpdate, Language, LanguageConfig, LanguageUpdate, ModbusConfig,
    ModbusUpdate, MqttConfig, MqttUpdate, Settings, SettingsApplied, SettingsUpdate, WifiConfig,
    WifiSettings, WifiSettingsUpdate, WifiUpdate,
};
pub use system::{
    Alive, InfoEntry, Led, LedColor, LedMode, LedStatus, Reboot, Rgb, SelfTest, SystemInfo,
    Timezone, WifiNetwork, WifiScan,
};

/// The body of the device's error answers (429, 503, and the 4xx it explains):
/// `{"error": "Too many requests"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// What went wrong, in the device's words.
    pub error: alloc::string::String,
}

/// The path prefix of every endpoint.
pub const BASE_PATH: &str = "/api/v1";

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// DELETE
    Delete,
}

impl Method {
    /// `GET`, `POST`, `DELETE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// The token an endpoint needs when the device has `api_auth_required` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum AuthLevel {
    /// No token.
    None,
    /// The READ token (or the WRITE token, which can do everything).
    Read,
    /// The WRITE token.
    Write,
}

/// How long to wait for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum TimeoutClass {
    /// The caller's timeout (the vendor client's default: 10 s).
    Normal,
    /// At least 30 s: `POST /ota/start` asks the update server before it answers.
    Long,
}

impl TimeoutClass {
    /// The least timeout the endpoint needs, in milliseconds (0: whatever the caller chose).
    pub const fn min_ms(self) -> u32 {
        match self {
            TimeoutClass::Normal => 0,
            TimeoutClass::Long => 30_000,
        }
    }
}

/// What a successful answer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    /// JSON.
    Json,
    /// Text (logs; cut bytewise, so decode lossily).
    Text,
    /// Bytes (the ring-buffer dump).
    Binary,
}

macro_rules! endpoints {
    ($($(#[$doc:meta])* $name:ident = ($method:ident, $path:literal, $auth:ident, $timeout:ident, $body:ident, $no_data:literal)),* $(,)?) => {
        /// Every endpoint of the API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum Endpoint {
            $($(#[$doc])* $name,)*
        }

        impl Endpoint {
            /// All endpoints, in the order of the API reference.
            pub const ALL: &'static [Endpoint] = &[$(Endpoint::$name),*];

            /// The HTTP method.
            pub const fn method(self) -> Method {
                match self { $(Endpoint::$name => Method::$method,)* }
            }
            /// The path below [`BASE_PATH`] (`/system/alive`).
            pub const fn path(self) -> &'static str {
                match self { $(Endpoint::$name => $path,)* }
            }
            /// The token it needs when auth is on.
            pub const fn auth(self) -> AuthLevel {
                match self { $(Endpoint::$name => AuthLevel::$auth,)* }
            }
            /// Its timeout class.
            pub const fn timeout(self) -> TimeoutClass {
                match self { $(Endpoint::$name => TimeoutClass::$timeout,)* }
            }
            /// What a successful answer carries.
            pub const fn body(self) -> BodyKind {
                match self { $(Endpoint::$name => BodyKind::$body,)* }
            }
            /// 204 is a documented answer meaning "no data".
            pub const fn may_have_no_data(self) -> bool {
                match self { $(Endpoint::$name => $no_data,)* }
            }
        }
    };
}

endpoints! {
    /// `GET /system/alive`
    SystemAlive = (Get, "/system/alive", None, Normal, Json, false),
    /// `GET /system/info`
    SystemInfo = (Get, "/system/info", Read, Normal, Json, false),
    /// `GET /system/led`
    SystemLed = (Get, "/system/led", Read, Normal, Json, false),
    /// `POST /system/selftest` (auth level undocumented; READ assumed; 404 on gas/water)
    SystemSelftest = (Post, "/system/selftest", Read, Normal, Json, false),
    /// `GET /system/wifi_scan`
    SystemWifiScan = (Get, "/system/wifi_scan", None, Normal, Json, false),
    /// `GET /system/timezones`
    SystemTimezones = (Get, "/system/timezones", Read, Normal, Json, false),
    /// `POST /system/reboot`
    SystemReboot = (Post, "/system/reboot", Write, Normal, Json, false),
    /// `GET /history/latest` (204 before the first reading)
    HistoryLatest = (Get, "/history/latest", Read, Normal, Json, true),
    /// `GET /history/highRes?date=`
    HistoryHighRes = (Get, "/history/highRes", Read, Normal, Json, true),
    /// `GET /history/lowRes?start=&days=`
    HistoryLowRes = (Get, "/history/lowRes", Read, Normal, Json, true),
    /// `GET /settings`
    SettingsGet = (Get, "/settings", Read, Normal, Json, false),
    /// `POST /settings` (partial update)
    SettingsUpdate = (Post, "/settings", Write, Normal, Json, false),
    /// `POST /auth/tokens/generate`
    TokensGenerate = (Post, "/auth/tokens/generate", Write, Normal, Json, false),
    /// `POST /auth/tokens/confirm`
    TokensConfirm = (Post, "/auth/tokens/confirm", Write, Normal, Json, false),
    /// `GET /setup/token` (only during initial setup)
    SetupToken = (Get, "/setup/token", None, Normal, Json, false),
    /// `GET /mqtt/ca`
    MqttCaGet = (Get, "/mqtt/ca", Read, Normal, Json, false),
    /// `POST /mqtt/ca`
    MqttCaUpload = (Post, "/mqtt/ca", Write, Normal, Json, false),
    /// `DELETE /mqtt/ca`
    MqttCaDelete = (Delete, "/mqtt/ca", Write, Normal, Json, false),
    /// `GET /mqtt/status` (auth level undocumented; READ assumed)
    MqttStatus = (Get, "/mqtt/status", Read, Normal, Json, false),
    /// `GET /modbus/status` (auth level undocumented; READ assumed)
    ModbusStatus = (Get, "/modbus/status", Read, Normal, Json, false),
    /// `POST /cloud/pair`
    CloudPair = (Post, "/cloud/pair", Write, Normal, Json, false),
    /// `DELETE /cloud/pair`
    CloudUnpair = (Delete, "/cloud/pair", Write, Normal, Json, false),
    /// `GET /ota/check`
    OtaCheck = (Get, "/ota/check", Read, Normal, Json, false),
    /// `POST /ota/start`
    OtaStart = (Post, "/ota/start", Write, Long, Json, false),
    /// `GET /logs/rawdump` (binary; 204 = empty buffer; 404 on gas/water)
    LogsRawdump = (Get, "/logs/rawdump", Read, Normal, Binary, true),
    /// `GET /logs/persistent` (auth level undocumented; READ assumed; 404 without a file)
    LogsPersistent = (Get, "/logs/persistent", Read, Normal, Text, true),
    /// `GET /logs/ram` (auth level undocumented; READ assumed)
    LogsRam = (Get, "/logs/ram", Read, Normal, Text, true),
}

impl Endpoint {
    /// Safe to send twice: GETs. (POST and DELETE change state.)
    pub const fn idempotent(self) -> bool {
        matches!(self.method(), Method::Get)
    }

    /// The full path (`/api/v1/system/alive`).
    pub fn full_path(self) -> alloc::string::String {
        alloc::format!("{BASE_PATH}{}", self.path())
    }

    /// Finds the endpoint for a method and a path (with or without [`BASE_PATH`], without the
    /// query).
    pub fn find(method: Method, path: &str) -> Option<Endpoint> {
        let path = path.strip_prefix(BASE_PATH).unwrap_or(path);
        let path = path.split('?').next().unwrap_or(path);
        Endpoint::ALL
            .iter()
            .copied()
            .find(|e| e.method() == method && e.path() == path)
    }
}

#[cfg(test)]
mod tests;
