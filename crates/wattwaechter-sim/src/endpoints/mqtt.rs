//! `/mqtt/*`: the custom CA certificate and the connection status.

use super::{to_json, Call, Reply};
use wattwaechter::api::*;

/// `GET /mqtt/ca`.
pub(super) fn ca_get(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let shared = sim.lock();
    let dev = &shared.device;
    let custom = dev.custom_cert.as_ref().map_or(0, String::len) as i64;
    to_json(&CaStatus {
        has_custom_cert: custom > 0,
        bundle_size: 5750 + custom,
        custom_size: custom,
    })
}

/// `POST /mqtt/ca`.
pub(super) fn ca_upload(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let body = c.body;
    let Ok(req) = serde_json::from_slice::<CaUpload>(body) else {
        return Reply::Error(400, "Body must be {\"certificate\": \"...\"}", None);
    };
    if req.certificate.len() > 4096 {
        return Reply::Error(413, "Certificate too large", None);
    }
    if !req.certificate.contains("-----BEGIN CERTIFICATE-----") {
        return Reply::Error(400, "Not a PEM certificate", None);
    }
    let size = req.certificate.len() as i64;
    sim.lock().device.custom_cert = Some(req.certificate);
    to_json(&CaAction {
        success: true,
        message: "Certificate added".into(),
        bundle_size: 5750 + size,
    })
}

/// `DELETE /mqtt/ca`.
pub(super) fn ca_delete(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    if sim.lock().device.custom_cert.take().is_none() {
        return Reply::Error(404, "No custom certificate", None);
    }
    to_json(&CaAction {
        success: true,
        message: "Custom certificate deleted".into(),
        bundle_size: 5750,
    })
}

/// `GET /mqtt/status`.
pub(super) fn status(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let shared = sim.lock();
    let dev = &shared.device;
    let m = &dev.settings.mqtt;
    let configured = m.enable && !m.host.is_empty();
    to_json(&MqttStatus {
        enabled: m.enable,
        state: if !m.enable {
            MqttState::Off
        } else if configured {
            MqttState::Connected
        } else {
            MqttState::Failed
        },
        host: m.host.clone(),
        port: m.port,
        client_id: if m.client_id.is_empty() {
            format!("wattwaechter-{}", sim.device_id())
        } else {
            m.client_id.clone()
        },
        use_tls: m.use_tls,
        last_error: if m.enable && !configured { 5 } else { 0 },
        last_error_message: if m.enable && !configured {
            "No broker host configured".into()
        } else {
            String::new()
        },
        reconnect_attempts: 0,
    })
}
