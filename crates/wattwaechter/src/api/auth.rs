//! `/auth/tokens/*` (two-phase token renewal) and `/setup/token`.

use super::lenient;
use alloc::string::String;
use serde::{Deserialize, Serialize};

/// A READ/WRITE token pair.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TokenPair {
    /// The READ token.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub token_read: String,
    /// The WRITE token.
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub token_write: String,
}

impl core::fmt::Debug for TokenPair {
    /// Tokens are secrets: never printed.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("TokenPair { token_read: <redacted>, token_write: <redacted> }")
    }
}

/// `POST /auth/tokens/generate` (WRITE): new tokens, *not yet active*.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct TokensGenerated {
    /// Accepted.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub success: bool,
    /// The pending pair.
    pub pending: TokenPair,
    /// Seconds left to confirm (60).
    #[serde(deserialize_with = "lenient::i64")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientInteger"))]
    pub expires_in: i64,
}

/// The body of `POST /auth/tokens/confirm`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TokensConfirm {
    /// The pending WRITE token.
    pub new_write_token: String,
}

impl core::fmt::Debug for TokensConfirm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("TokensConfirm { new_write_token: <redacted> }")
    }
}

/// A `{success, message}` answer (token confirm, cloud pairing, …).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SuccessMessage {
    /// Accepted.
    #[serde(deserialize_with = "lenient::bool")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientBool"))]
    pub success: bool,
    /// A sentence (not localised by request).
    #[serde(deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub message: String,
}

/// `GET /setup/token` (no auth; only before the first Wi-Fi connection, 403 afterwards).
/// Note the camelCase keys.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct SetupTokens {
    /// The READ token.
    #[serde(rename = "readToken", deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub read_token: String,
    /// The WRITE token.
    #[serde(rename = "writeToken", deserialize_with = "lenient::string")]
    #[cfg_attr(feature = "openapi", schemars(with = "lenient::LenientString"))]
    pub write_token: String,
}

impl core::fmt::Debug for SetupTokens {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SetupTokens { read_token: <redacted>, write_token: <redacted> }")
    }
}
