//! The REST models: arbitrary bodies and statuses through the response interpretation of every
//! endpoint; errors never contain the token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::api::*;
use wattwaechter::client::{interpret_json, HttpResponse};

const SECRET: &str = "SECRETTOKEN123";

fn check<T: serde::de::DeserializeOwned>(endpoint: Endpoint, resp: &HttpResponse<'_>) {
    if let Err(e) = interpret_json::<T>(endpoint, resp, &[SECRET]) {
        assert!(!e.message.contains(SECRET));
    }
}

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    let status =
        [200, 202, 204, 400, 401, 403, 404, 413, 429, 503, status][usize::from(status % 11)];
    let resp = HttpResponse {
        status,
        retry_after: Some("10"),
        body,
    };
    check::<Alive>(Endpoint::SystemAlive, &resp);
    check::<SystemInfo>(Endpoint::SystemInfo, &resp);
    check::<Led>(Endpoint::SystemLed, &resp);
    check::<Vec<Timezone>>(Endpoint::SystemTimezones, &resp);
    check::<Latest>(Endpoint::HistoryLatest, &resp);
    check::<HighRes>(Endpoint::HistoryHighRes, &resp);
    check::<LowRes>(Endpoint::HistoryLowRes, &resp);
    check::<Settings>(Endpoint::SettingsGet, &resp);
    check::<TokensGenerated>(Endpoint::TokensGenerate, &resp);
    check::<MqttStatus>(Endpoint::MqttStatus, &resp);
    check::<ModbusStatus>(Endpoint::ModbusStatus, &resp);
    check::<OtaCheck>(Endpoint::OtaCheck, &resp);
});
