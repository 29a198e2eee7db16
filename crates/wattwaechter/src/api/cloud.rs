//! `/cloud/pair`: pairing with the vendor's portal.

use alloc::string::String;
use serde::{Deserialize, Serialize};

/// The body of `POST /cloud/pair` (WRITE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "_ts-api", derive(tsify::Tsify))]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CloudPair {
    /// The token from the portal (`WW-XXXXXXXX`).
    pub pairing_token: String,
}
