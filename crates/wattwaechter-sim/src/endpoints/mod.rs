//! The answers of the 27 endpoints, one module per API group, built from the core's API types
//! so the simulator can never drift from what the client parses.

mod auth;
mod cloud;
mod history;
mod logs;
mod modbus;
mod mqtt;
mod ota;
mod settings;
mod system;

use crate::meter::MediumKind;
use crate::state::Sim;
use serde_json::Value;
use std::collections::HashMap;
use wattwaechter::api::*;

/// An answer before faults are applied.
#[derive(Debug)]
pub enum Reply {
    /// 200 with JSON.
    Json(Value),
    /// 204.
    NoContent,
    /// 200 with text bytes (logs; not necessarily valid UTF-8 after the cut).
    Text(Vec<u8>),
    /// 200 with binary bytes.
    Binary(Vec<u8>),
    /// An error status with `{"error": message}` and an optional `Retry-After`.
    Error(u16, &'static str, Option<u32>),
}

fn to_json<T: serde::Serialize>(v: &T) -> Reply {
    Reply::Json(serde_json::to_value(v).expect("API types serialise"))
}

use crate::HOSTILE;

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// One request as the endpoint handlers see it (after limits and auth).
pub(crate) struct Call<'a> {
    sim: &'a Sim,
    query: &'a HashMap<String, String>,
    body: &'a [u8],
    /// The simulator's time when the request arrived, in ms since 1970.
    now_ms: i64,
}

impl Call<'_> {
    /// The request's time in seconds since 1970.
    fn now(&self) -> i64 {
        self.now_ms / 1000
    }

    /// The simulated device meters electricity (not gas or water).
    fn electricity(&self) -> bool {
        self.sim.config.medium == MediumKind::Electricity
    }
}

/// Dispatches one endpoint (after limits and auth).
pub async fn answer(
    sim: &Sim,
    endpoint: Endpoint,
    query: &HashMap<String, String>,
    body: &[u8],
) -> Reply {
    let c = Call {
        sim,
        query,
        body,
        now_ms: sim.clock.now_ms(),
    };
    match endpoint {
        Endpoint::SystemAlive => system::alive(),
        Endpoint::SystemInfo => system::info(&c),
        Endpoint::SystemLed => system::led(&c),
        Endpoint::SystemSelftest => system::selftest(&c).await,
        Endpoint::SystemWifiScan => system::wifi_scan(&c),
        Endpoint::SystemTimezones => system::timezones(),
        Endpoint::SystemReboot => system::reboot(&c),
        Endpoint::HistoryLatest => history::latest(&c),
        Endpoint::HistoryHighRes => history::high_res(&c).await,
        Endpoint::HistoryLowRes => history::low_res(&c).await,
        Endpoint::SettingsGet => settings::get(&c),
        Endpoint::SettingsUpdate => settings::update(&c),
        Endpoint::TokensGenerate => auth::generate_tokens(&c),
        Endpoint::TokensConfirm => auth::confirm_tokens(&c),
        Endpoint::SetupToken => auth::setup_token(&c),
        Endpoint::MqttCaGet => mqtt::ca_get(&c),
        Endpoint::MqttCaUpload => mqtt::ca_upload(&c),
        Endpoint::MqttCaDelete => mqtt::ca_delete(&c),
        Endpoint::MqttStatus => mqtt::status(&c),
        Endpoint::ModbusStatus => modbus::status(&c),
        Endpoint::CloudPair => cloud::pair(&c),
        Endpoint::CloudUnpair => cloud::unpair(&c),
        Endpoint::OtaCheck => ota::check(&c),
        Endpoint::OtaStart => ota::start(),
        Endpoint::LogsRawdump => logs::rawdump(&c),
        Endpoint::LogsPersistent => logs::persistent(&c),
        Endpoint::LogsRam => logs::ram(&c),
    }
}

/// The firmware version the simulator reports.
pub const VERSION: &str = "1.3.0-sim";
