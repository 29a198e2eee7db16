//! `/auth/*`: token rotation (generate, confirm) and the setup token.

use super::{to_json, Call, Reply};
use wattwaechter::api::*;

/// `POST /auth/tokens/generate`.
pub(super) fn generate_tokens(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now_ms = c.now_ms;
    let ttl = sim.lock().runtime.pending_token_ttl_ms;
    let pair = TokenPair {
        token_read: sim.new_token(1),
        token_write: sim.new_token(2),
    };
    sim.lock().device.pending = Some((pair.clone(), now_ms + ttl as i64));
    to_json(&TokensGenerated {
        success: true,
        pending: pair,
        expires_in: (ttl / 1000) as i64,
    })
}

/// `POST /auth/tokens/confirm`.
pub(super) fn confirm_tokens(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now_ms = c.now_ms;
    let body = c.body;
    let Ok(req) = serde_json::from_slice::<TokensConfirm>(body) else {
        return Reply::Error(400, "Body must be {\"new_write_token\": \"...\"}", None);
    };
    let mut shared = sim.lock();
    match shared.device.pending.take() {
        Some((pair, deadline)) if now_ms <= deadline && pair.token_write == req.new_write_token => {
            shared.runtime.read_token = pair.token_read;
            shared.runtime.write_token = pair.token_write;
            to_json(&SuccessMessage {
                success: true,
                message: "Tokens activated successfully.".into(),
            })
        }
        Some((_, deadline)) if now_ms > deadline => {
            Reply::Error(400, "Pending tokens expired", None)
        }
        Some(p) => {
            shared.device.pending = Some(p);
            Reply::Error(400, "Token does not match the pending token", None)
        }
        None => Reply::Error(400, "No pending tokens", None),
    }
}

/// `GET /setup/token`.
pub(super) fn setup_token(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let shared = sim.lock();
    let rt = &shared.runtime;
    if !rt.setup_mode {
        return Reply::Error(403, "Setup already completed", None);
    }
    to_json(&SetupTokens {
        read_token: rt.read_token.clone(),
        write_token: rt.write_token.clone(),
    })
}
