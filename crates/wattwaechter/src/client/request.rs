//! Request descriptions: one builder per endpoint, validated before anything is sent.

use super::error::ApiError;
use crate::api::{
    AuthLevel, CaUpload, CloudPair, Endpoint, Method, SettingsUpdate, TokensConfirm, BASE_PATH,
};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The device's tokens. `Debug` never shows them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    /// The READ token.
    pub read: Option<String>,
    /// The WRITE token.
    pub write: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials {{ read: {}, write: {} }}",
            if self.read.is_some() { "<set>" } else { "none" },
            if self.write.is_some() {
                "<set>"
            } else {
                "none"
            }
        )
    }
}

impl Credentials {
    /// No tokens (the device's default: auth off).
    pub fn none() -> Self {
        Self::default()
    }
    /// One token for everything (a WRITE token can read too; a READ token gets 403 on WRITE
    /// endpoints).
    pub fn token(token: impl Into<String>) -> Self {
        let t = token.into();
        Credentials {
            read: Some(t.clone()),
            write: Some(t),
        }
    }
    /// Separate READ and WRITE tokens.
    pub fn pair(read: impl Into<String>, write: impl Into<String>) -> Self {
        Credentials {
            read: Some(read.into()),
            write: Some(write.into()),
        }
    }
    /// The token to send for an endpoint: READ endpoints prefer the READ token, WRITE
    /// endpoints the WRITE token (falling back to the other, which the device will judge).
    pub fn for_level(&self, level: AuthLevel) -> Option<&str> {
        match level {
            AuthLevel::None => None,
            AuthLevel::Read => self.read.as_deref().or(self.write.as_deref()),
            AuthLevel::Write => self.write.as_deref().or(self.read.as_deref()),
        }
    }
    /// The tokens a user gave, as a client's options take them: one `token` for everything,
    /// overridden per level by `read` or `write`; a single READ or WRITE token stands for
    /// both (the device judges which it accepts).
    pub fn from_parts(token: Option<String>, read: Option<String>, write: Option<String>) -> Self {
        match token {
            Some(t) => Credentials {
                read: Some(read.unwrap_or_else(|| t.clone())),
                write: Some(write.unwrap_or(t)),
            },
            None => Credentials {
                read: read.clone().or(write.clone()),
                write: write.or(read),
            },
        }
    }
    /// Every token, for redaction.
    pub fn secrets(&self) -> Vec<&str> {
        self.read
            .iter()
            .chain(self.write.iter())
            .map(String::as_str)
            .collect()
    }
}

/// What to send, before credentials are applied.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestSpec {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// Query parameters, in order.
    pub query: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: Option<String>,
}

impl fmt::Debug for RequestSpec {
    /// Bodies can hold secrets (new tokens, passwords): only their length is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSpec")
            .field("endpoint", &self.endpoint)
            .field("query", &self.query)
            .field("body_len", &self.body.as_ref().map(String::len))
            .finish()
    }
}

/// A request ready for any HTTP stack.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// The method.
    pub method: Method,
    /// Path and query (`/api/v1/history/highRes?date=2024-03-08`).
    pub path_and_query: String,
    /// Headers to send (`Authorization`, `Content-Type`).
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body.
    pub body: Option<String>,
    /// The timeout to apply.
    pub timeout_ms: u32,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&str> = self.headers.iter().map(|(k, _)| *k).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(String::len))
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl HttpRequest {
    /// The full URL for a host (`wattwaechter-abc.local`, `192.168.1.5:8080`, or a base URL
    /// with a scheme, e.g. `http://127.0.0.1:8321`; an empty host gives a relative URL).
    pub fn url(&self, host: &str) -> String {
        let host = host.trim_end_matches('/');
        if host.is_empty() {
            self.path_and_query.clone()
        } else if host.contains("://") {
            alloc::format!("{host}{}", self.path_and_query)
        } else {
            alloc::format!("http://{host}{}", self.path_and_query)
        }
    }
}

/// The origin a host names (`http://127.0.0.1:9101`), the key under which every client for the
/// same device shares one request budget: `127.0.0.1:9101`, `http://127.0.0.1:9101/` and
/// `HTTP://127.0.0.1:80` spellings of one device give one key. The scheme defaults to `http`,
/// the default port is left out, and a path after the host does not count. An empty host (the
/// page's own origin) gives `""`.
pub fn origin_of(host: &str) -> String {
    let host = host.trim();
    if host.is_empty() {
        return String::new();
    }
    let (scheme, rest) = match host.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => (String::from("http"), host),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => ":443",
        _ => ":80",
    };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    alloc::format!("{scheme}://{authority}")
}

/// Percent-encodes a query value (unreserved characters stay).
fn encode_query(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&alloc::format!("%{b:02X}"));
        }
    }
    out
}

impl RequestSpec {
    fn new(endpoint: Endpoint) -> Self {
        RequestSpec {
            endpoint,
            query: Vec::new(),
            body: None,
        }
    }

    fn json<T: serde::Serialize>(endpoint: Endpoint, body: &T) -> Self {
        RequestSpec {
            endpoint,
            query: Vec::new(),
            body: Some(serde_json::to_string(body).unwrap_or_default()),
        }
    }

    /// Applies credentials and the timeout (raised to the endpoint's minimum: 30 s for OTA
    /// start).
    pub fn build(&self, credentials: &Credentials, timeout_ms: u32) -> HttpRequest {
        let mut path = alloc::format!("{BASE_PATH}{}", self.endpoint.path());
        for (i, (k, v)) in self.query.iter().enumerate() {
            path.push(if i == 0 { '?' } else { '&' });
            path.push_str(k);
            path.push('=');
            path.push_str(&encode_query(v));
        }
        let mut headers = Vec::new();
        if let Some(token) = credentials.for_level(self.endpoint.auth()) {
            headers.push(("Authorization", alloc::format!("Bearer {token}")));
        }
        if self.body.is_some() {
            headers.push(("Content-Type", String::from("application/json")));
        }
        HttpRequest {
            endpoint: self.endpoint,
            method: self.endpoint.method(),
            path_and_query: path,
            headers,
            body: self.body.clone(),
            timeout_ms: timeout_ms.max(self.endpoint.timeout().min_ms()),
        }
    }
}

/// Checks a `YYYY-MM-DD` date (a real calendar day).
pub fn validate_date(date: &str) -> Result<(), ApiError> {
    if crate::calendar::parse_date(date).is_some() {
        return Ok(());
    }
    Err(ApiError::invalid(alloc::format!(
        "invalid date {date:?}: expected a calendar day as YYYY-MM-DD"
    )))
}

/// The largest `days` the device accepts for `/history/lowRes`.
pub const MAX_LOWRES_DAYS: u32 = 31;

/// Builders, one per endpoint.
pub mod requests {
    use super::*;

    /// `GET /system/alive`
    pub fn alive() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemAlive)
    }
    /// `GET /system/info`
    pub fn system_info() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemInfo)
    }
    /// `GET /system/led`
    pub fn led() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemLed)
    }
    /// `POST /system/selftest`
    pub fn selftest() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemSelftest)
    }
    /// `GET /system/wifi_scan[?refresh=true]`
    pub fn wifi_scan(refresh: bool) -> RequestSpec {
        let mut r = RequestSpec::new(Endpoint::SystemWifiScan);
        if refresh {
            r.query.push(("refresh", "true".into()));
        }
        r
    }
    /// `GET /system/timezones`
    pub fn timezones() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemTimezones)
    }
    /// `POST /system/reboot`
    pub fn reboot() -> RequestSpec {
        RequestSpec::new(Endpoint::SystemReboot)
    }
    /// `GET /history/latest`
    pub fn latest() -> RequestSpec {
        RequestSpec::new(Endpoint::HistoryLatest)
    }
    /// `GET /history/highRes?date=YYYY-MM-DD`
    pub fn history_high_res(date: &str) -> Result<RequestSpec, ApiError> {
        validate_date(date)?;
        let mut r = RequestSpec::new(Endpoint::HistoryHighRes);
        r.query.push(("date", date.into()));
        Ok(r)
    }
    /// `GET /history/lowRes?start=YYYY-MM-DD&days=N` (1 ≤ N ≤ 31)
    pub fn history_low_res(start: &str, days: u32) -> Result<RequestSpec, ApiError> {
        validate_date(start)?;
        if !(1..=MAX_LOWRES_DAYS).contains(&days) {
            return Err(ApiError::invalid(alloc::format!(
                "days = {days}: the device accepts 1 to {MAX_LOWRES_DAYS}"
            )));
        }
        let mut r = RequestSpec::new(Endpoint::HistoryLowRes);
        r.query.push(("start", start.into()));
        r.query.push(("days", alloc::format!("{days}")));
        Ok(r)
    }
    /// `GET /settings`
    pub fn settings() -> RequestSpec {
        RequestSpec::new(Endpoint::SettingsGet)
    }
    /// `POST /settings` (partial update; an empty update is refused before sending)
    pub fn update_settings(update: &SettingsUpdate) -> Result<RequestSpec, ApiError> {
        if update.is_empty() {
            return Err(ApiError::invalid("the settings update sets nothing"));
        }
        Ok(RequestSpec::json(Endpoint::SettingsUpdate, update))
    }
    /// `POST /auth/tokens/generate`
    pub fn generate_tokens() -> RequestSpec {
        RequestSpec::new(Endpoint::TokensGenerate)
    }
    /// `POST /auth/tokens/confirm`
    pub fn confirm_tokens(new_write_token: &str) -> RequestSpec {
        RequestSpec::json(
            Endpoint::TokensConfirm,
            &TokensConfirm {
                new_write_token: new_write_token.into(),
            },
        )
    }
    /// `GET /setup/token`
    pub fn setup_token() -> RequestSpec {
        RequestSpec::new(Endpoint::SetupToken)
    }
    /// `GET /mqtt/ca`
    pub fn mqtt_ca() -> RequestSpec {
        RequestSpec::new(Endpoint::MqttCaGet)
    }
    /// `POST /mqtt/ca`
    pub fn mqtt_ca_upload(certificate_pem: &str) -> Result<RequestSpec, ApiError> {
        if !certificate_pem.contains("-----BEGIN CERTIFICATE-----") {
            return Err(ApiError::invalid(
                "the certificate is not PEM (no BEGIN CERTIFICATE line)",
            ));
        }
        Ok(RequestSpec::json(
            Endpoint::MqttCaUpload,
            &CaUpload {
                certificate: certificate_pem.into(),
            },
        ))
    }
    /// `DELETE /mqtt/ca`
    pub fn mqtt_ca_delete() -> RequestSpec {
        RequestSpec::new(Endpoint::MqttCaDelete)
    }
    /// `GET /mqtt/status`
    pub fn mqtt_status() -> RequestSpec {
        RequestSpec::new(Endpoint::MqttStatus)
    }
    /// `GET /modbus/status`
    pub fn modbus_status() -> RequestSpec {
        RequestSpec::new(Endpoint::ModbusStatus)
    }
    /// `POST /cloud/pair`
    pub fn cloud_pair(pairing_token: &str) -> Result<RequestSpec, ApiError> {
        if pairing_token.trim().is_empty() {
            return Err(ApiError::invalid("the pairing token is empty"));
        }
        Ok(RequestSpec::json(
            Endpoint::CloudPair,
            &CloudPair {
                pairing_token: pairing_token.into(),
            },
        ))
    }
    /// `DELETE /cloud/pair`
    pub fn cloud_unpair() -> RequestSpec {
        RequestSpec::new(Endpoint::CloudUnpair)
    }
    /// `GET /ota/check`
    pub fn ota_check() -> RequestSpec {
        RequestSpec::new(Endpoint::OtaCheck)
    }
    /// `POST /ota/start`
    pub fn ota_start() -> RequestSpec {
        RequestSpec::new(Endpoint::OtaStart)
    }
    /// `GET /logs/rawdump`
    pub fn rawdump() -> RequestSpec {
        RequestSpec::new(Endpoint::LogsRawdump)
    }
    /// `GET /logs/persistent`
    pub fn logs_persistent() -> RequestSpec {
        RequestSpec::new(Endpoint::LogsPersistent)
    }
    /// `GET /logs/ram`
    pub fn logs_ram() -> RequestSpec {
        RequestSpec::new(Endpoint::LogsRam)
    }
}
