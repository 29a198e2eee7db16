//! Token rotation as one safe operation: generate → keep the pending pair → confirm within
//! 60 s → switch to the new tokens only after the confirm succeeded. If anything fails, the
//! old tokens stay valid on the device and in the client.

use super::error::{ApiError, ErrorKind};
use super::request::{requests, RequestSpec};
use super::response::{interpret_json, HttpResponse};
use crate::api::{Endpoint, SuccessMessage, TokenPair, TokensGenerated};

/// Safety margin: confirm no later than this before the device's deadline.
pub const CONFIRM_MARGIN_MS: u64 = 2_000;

#[derive(Clone, PartialEq, Eq)]
enum State {
    Idle,
    Generating,
    Pending { pair: TokenPair, deadline_ms: u64 },
    Done,
    Failed,
}

/// The rotation's state machine. The caller sends the requests it hands out (with the *old*
/// credentials) and feeds back the responses with the current time.
#[derive(Clone)]
pub struct TokenRotation {
    state: State,
}

impl core::fmt::Debug for TokenRotation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = match self.state {
            State::Idle => "idle",
            State::Generating => "generating",
            State::Pending { .. } => "pending",
            State::Done => "done",
            State::Failed => "failed",
        };
        write!(f, "TokenRotation({s})")
    }
}

impl Default for TokenRotation {
    fn default() -> Self {
        Self::new()
    }
}

impl TokenRotation {
    /// A rotation that has not started.
    pub fn new() -> Self {
        TokenRotation { state: State::Idle }
    }

    /// Step 1: the generate request.
    pub fn start(&mut self) -> RequestSpec {
        self.state = State::Generating;
        requests::generate_tokens()
    }

    /// Step 2: the generate response. Returns the confirm request, which must be sent before
    /// the deadline the device gave (60 s).
    pub fn on_generated(
        &mut self,
        resp: &HttpResponse<'_>,
        now_ms: u64,
        secrets: &[&str],
    ) -> Result<RequestSpec, ApiError> {
        if self.state != State::Generating {
            return Err(self.fail("token rotation: generate response out of order"));
        }
        let generated: TokensGenerated =
            match interpret_json(Endpoint::TokensGenerate, resp, secrets) {
                Ok(Some(g)) => g,
                Ok(None) => return Err(self.fail("token rotation: the device sent no tokens")),
                Err(e) => {
                    self.state = State::Failed;
                    return Err(e);
                }
            };
        if !generated.success
            || generated.pending.token_write.is_empty()
            || generated.pending.token_read.is_empty()
        {
            return Err(self.fail("token rotation: the device did not generate a token pair; the old tokens stay valid"));
        }
        let expires_ms = u64::try_from(generated.expires_in.max(0))
            .unwrap_or(0)
            .saturating_mul(1000);
        let deadline_ms = now_ms + expires_ms.saturating_sub(CONFIRM_MARGIN_MS);
        let confirm = requests::confirm_tokens(&generated.pending.token_write);
        self.state = State::Pending {
            pair: generated.pending,
            deadline_ms,
        };
        Ok(confirm)
    }

    /// Before sending the confirm: is there still time?
    pub fn may_confirm(&self, now_ms: u64) -> bool {
        matches!(self.state, State::Pending { deadline_ms, .. } if now_ms <= deadline_ms)
    }

    /// Step 3: the confirm response. Only now are the new tokens returned; the caller switches
    /// to them. A late or failed confirm leaves the old tokens in force.
    pub fn on_confirmed(
        &mut self,
        resp: &HttpResponse<'_>,
        now_ms: u64,
        secrets: &[&str],
    ) -> Result<TokenPair, ApiError> {
        let (pair, deadline_ms) = match &self.state {
            State::Pending { pair, deadline_ms } => (pair.clone(), *deadline_ms),
            _ => return Err(self.fail("token rotation: confirm response out of order")),
        };
        let mut all_secrets: alloc::vec::Vec<&str> = secrets.to_vec();
        all_secrets.push(&pair.token_read);
        all_secrets.push(&pair.token_write);
        let answer: Option<SuccessMessage> =
            match interpret_json(Endpoint::TokensConfirm, resp, &all_secrets) {
                Ok(a) => a,
                Err(e) => {
                    self.state = State::Failed;
                    return Err(e);
                }
            };
        if !answer.is_some_and(|a| a.success) {
            return Err(
                self.fail("token rotation: the device did not confirm; the old tokens stay valid")
            );
        }
        // The device is the authority: if it confirmed, the new tokens are active, even when
        // our clock says the deadline had passed.
        let _ = (now_ms, deadline_ms);
        self.state = State::Done;
        Ok(pair)
    }

    /// The rotation has to be abandoned (the confirm could not be sent in time).
    pub fn expire(&mut self) -> ApiError {
        self.state = State::Failed;
        ApiError::new(
            ErrorKind::Timeout,
            "token rotation: the confirm was not sent within the device's 60 s; the pending tokens lapsed and the old tokens stay valid",
            &[],
        )
    }

    /// Finished successfully.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    fn fail(&mut self, message: &str) -> ApiError {
        self.state = State::Failed;
        ApiError::new(ErrorKind::BadResponse, message, &[])
    }
}
