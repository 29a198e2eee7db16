//! Content detection: SML, D0, empty or unknown.

use super::Protocol;
use crate::sml::transport::{ESCAPE, START};

/// What `bytes` hold: [`Protocol::Sml`] when an SML start or end sequence is present,
/// [`Protocol::D0`] for D0 text, [`Protocol::Empty`] for nothing or only fill bytes (`00` or
/// `ff`), otherwise [`Protocol::Unknown`].
pub fn detect(bytes: &[u8]) -> Protocol {
    if bytes.iter().all(|&b| b == 0) || bytes.iter().all(|&b| b == 0xff) {
        return Protocol::Empty;
    }
    let has_start = bytes.windows(START.len()).any(|w| w == START);
    let has_end = bytes.windows(5).any(|w| w[..4] == ESCAPE && w[4] == 0x1a);
    if has_start || has_end {
        return Protocol::Sml;
    }
    if crate::d0::looks_like_d0(bytes) {
        return Protocol::D0;
    }
    Protocol::Unknown
}
