//! The WattWächter toolkit for JavaScript: a thin wasm-bindgen shell over the core crate.
//!
//! * [`client::WattWaechter`]: the device client — one async method per endpoint, the core's
//!   request builders, response interpretation, retry policy, rate budget (shared by every
//!   instance for the same host) and token rotation; requests go through `gloo-net`.
//! * [`decoders`]: `decodeRawdump`, `decodeSml`, `parseD0`, `parseLog`, `parseObis`,
//!   `decodeHex` and the unit and OBIS tables. Their results reach JS through a tape
//!   (`src/tape.rs` + `js/tape.js`: one crossing per result, not one per field); the client's
//!   through serde-wasm-bindgen.
//!
//! * [`stream`]: `FrameStream` and `frameStream()`: frames from a byte stream (Web Serial, a
//!   serial port in Node), SML or D0, each as soon as it is certain.
//!
//! Without the default feature `client` the build holds the decoders only (the npm package's
//! `wattwaechter/decoders` entry).
//!
//! No protocol logic lives here: this crate converts types and runs the network calls the core
//! describes.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "client")]
pub mod client;
mod convert;
pub mod decoders;
#[cfg(feature = "client")]
mod net;
pub mod stream;
mod tape;
