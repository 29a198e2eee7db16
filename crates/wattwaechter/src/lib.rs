//! Decoding for the WattWächter smart-meter reader, for any target: `no_std` + `alloc`.
//!
//! * [`sml`]: SML 1.04 transport and messages — the push decoder for streams, the slice API
//!   for dumps, every message type of SML 1.04 (responses and requests), the encoder.
//! * [`obis`]: OBIS codes (`1-0:1.8.0*255`, `1.8.0`, `C.1.0`) with a name catalogue.
//! * [`unit`](mod@unit): the DLMS unit table.
//! * [`decimal`]: exact decimals (`raw × 10^scaler`) for 64-bit counters without rounding.
//! * [`server_id`]: meter identities (DIN 43863-5).
//! * [`dump`]: the device's ring-buffer dump (`/logs/rawdump`), SML or D0, into a report.
//! * [`error`]: the one error type of the decoding entry points (kind, offset, message).
//! * [`d0`]: D0 (IEC 62056-21) telegrams.
//! * [`hex`]: hex text ⇄ bytes.
//! * [`limits`]: how much one decoding call may report (memory bounds for any input).
//! * [`log`]: the device's CSV logs, cut bytewise.
//! * [`calendar`]: day numbers ⇄ dates, `YYYY-MM-DD`, date-times (for logs, the client's
//!   date check and the simulator).
//! * [`crc`]: CRC-16/X-25 and KERMIT, with the zero-run operator the one-pass check needs.
//! * [`status`]: how a frame or telegram ended (one vocabulary for SML and D0).
//! * [`stream`]: frames from a byte stream (a serial IR head), SML or D0, detected from the
//!   first bytes; each frame as soon as it is certain. The protocol-specific stream decoders
//!   are `sml::stream` (with readers over `embedded-io`) and `d0::stream`.
//! * [`quirk`]: the deviations from the protocols a frame or telegram needed (one vocabulary
//!   for SML and D0).
//! * [`text`]: every sentence for people (findings, frame and telegram errors, report labels)
//!   as a message id with arguments, in English and German, from one catalogue.
//! * `label` (feature `serde`): repeated strings marked for serializers that send them once.
//! * `api` (feature `serde`): typed models of every REST endpoint.
//! * `client` (feature `serde`): the sans-IO client core — requests, the call state machine
//!   (budget, retries, timeouts), response interpretation, token rotation.
//!
//! Every parser answers bad input with an error that names what failed and the byte offset;
//! none panics, and none allocates more than a small multiple of its input.
//!
//! ```
//! use wattwaechter::sml::{self, DecodeOptions, Status};
//! # let capture = wattwaechter::sml::encode::frame(&[]);
//! for frame in sml::decode(&capture, &DecodeOptions::default()) {
//!     println!("{:?} {} {:?}", frame.range, frame.status.as_str(), frame.error);
//!     for r in &frame.readings {
//!         println!("  {:?} {:?} {:?}", r.obis, r.value, r.unit);
//!     }
//! }
//! ```
//!
//! # Feature flags
#![doc = document_features::document_features!()]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod anonymize;
#[cfg(feature = "serde")]
pub mod api;
pub mod calendar;
pub mod capture;
#[cfg(feature = "serde")]
pub mod client;
pub mod crc;
pub mod d0;
pub mod decimal;
mod digits;
pub mod dump;
pub mod error;
pub mod explain;
pub mod hex;
#[cfg(feature = "serde")]
pub mod label;
pub mod limits;
pub mod log;
pub mod obis;
mod obis_names;
pub mod quirk;
mod quoted;
pub mod server_id;
pub mod sml;
pub mod status;
pub mod stream;
#[cfg(test)]
mod test_fixtures;
pub mod text;
#[cfg(feature = "_ts")]
mod ts;
pub mod unit;
