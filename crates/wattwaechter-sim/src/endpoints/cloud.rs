//! `/cloud/*`: pairing with the cloud.

use super::{to_json, Call, Reply};
use wattwaechter::api::*;

/// `POST /cloud/pair`.
pub(super) fn pair(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let body = c.body;
    let Ok(req) = serde_json::from_slice::<CloudPair>(body) else {
        return Reply::Error(
            400,
            "Body must be {\"pairing_token\": \"WW-XXXXXXXX\"}",
            None,
        );
    };
    let t = req.pairing_token.as_bytes();
    if t.len() != 11
        || !t.starts_with(b"WW-")
        || !t[3..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return Reply::Error(400, "Invalid pairing token", None);
    }
    sim.lock().device.cloud_token = Some(req.pairing_token);
    to_json(&SuccessMessage {
        success: true,
        message: "Pairing wird durchgeführt...".into(),
    })
}

/// `DELETE /cloud/pair`.
pub(super) fn unpair(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    sim.lock().device.cloud_token = None;
    to_json(&SuccessMessage {
        success: true,
        message: "Pairing token removed.".into(),
    })
}
