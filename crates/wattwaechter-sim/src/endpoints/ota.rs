//! `/ota/*`: the update check and start.

use super::{to_json, Call, Reply};
use wattwaechter::api::*;

/// `GET /ota/check`.
pub(super) fn check(c: &Call<'_>) -> Reply {
    let now = c.now();
    to_json(&OtaCheck {
        ok: true,
        data: OtaData {
            update_available: true,
            version: "1.4.0".into(),
            tag: "stable".into(),
            release_date: "2026-10-01".into(),
            release_note_de: "Simulierte Version".into(),
            release_note_en: "Simulated release".into(),
            last_checked: now - 3600,
        },
    })
}

/// `POST /ota/start`.
pub(super) fn start() -> Reply {
    to_json(&OtaStart {
        ok: true,
        msg: "OTA started".into(),
        update_available: None,
    })
}
