//! `/settings`: read, and update by merging a partial object (passwords kept aside, never returned).

use super::{to_json, Call, Reply};
use crate::state::Sim;
use serde_json::Value;
use wattwaechter::api::*;

/// `GET /settings`.
pub(super) fn get(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    to_json(&sim.lock().device.settings)
}

/// `POST /settings`.
pub(super) fn update(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let body = c.body;
    merged(sim, body)
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                match t.get_mut(k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        t.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn merged(sim: &Sim, body: &[u8]) -> Reply {
    let Ok(Value::Object(mut patch)) = serde_json::from_slice::<Value>(body) else {
        return Reply::Error(400, "Body must be a JSON object", None);
    };
    // Write-only values (the Wi-Fi, access-point and MQTT passwords) are kept aside and never
    // returned, not even in the echo of what was applied.
    let mqtt_password = patch
        .get_mut("mqtt")
        .and_then(|m| m.as_object_mut())
        .and_then(|m| m.remove("password"));
    for station in ["primary", "secondary"] {
        if let Some(w) = patch
            .get_mut("wifi")
            .and_then(|w| w.get_mut(station))
            .and_then(|s| s.as_object_mut())
        {
            w.remove("password");
        }
    }
    if let Some(ap) = patch.get_mut("accessPoint").and_then(|a| a.as_object_mut()) {
        ap.remove("password");
    }
    let patch = Value::Object(patch);
    let mut shared = sim.lock();
    let mut current = serde_json::to_value(&shared.device.settings).expect("settings serialise");
    merge(&mut current, &patch);
    match serde_json::from_value::<Settings>(current) {
        Ok(s) => {
            if let Some(pw) = mqtt_password {
                shared.device.mqtt_password = pw.as_str().map(Into::into);
            }
            shared.runtime.auth_required = s.api_auth_required;
            shared.device.settings = s;
            to_json(&SettingsApplied {
                success: true,
                applied: patch,
            })
        }
        Err(_) => Reply::Error(400, "Invalid settings value", None),
    }
}
