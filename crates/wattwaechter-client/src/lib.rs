//! The WattWächter device client for Rust: every endpoint of the smart-meter reader's local
//! REST API (`http://wattwaechter-XXXXXXXXXXXX.local/api/v1/`), typed by the models of the
//! [`wattwaechter`] core crate.
//!
//! * [`Client`] (feature `async`): async, over reqwest on tokio.
//! * [`BlockingClient`] (feature `blocking`): blocking, over ureq.
//!
//! Both drive the core's sans-IO request loop ([`wattwaechter::client::Call`]) and behave
//! alike:
//!
//! * **One request budget per device for the whole process**: the device allows 25 requests
//!   per 10 s for all its clients together; every client for the same device (however its
//!   host is spelled) waits for its turn instead of provoking 429s. [`Options::rate_share`]
//!   leaves room for other clients (Home Assistant, the app).
//! * **Every call settles within [`Options::timeout_ms`]** (default 30 s): waiting for the
//!   budget, the device's answers and the retries of 429/503 after `Retry-After` all count.
//!   A wait that cannot end in time fails at once with [`ErrorKind::RateLimited`] and the wait
//!   left; a `Retry-After` is honoured for at most 60 s.
//! * Answers are read up to [`Options::max_body_bytes`] (default 16 MiB; larger or endless:
//!   [`ErrorKind::ResponseTooLarge`]); redirects are never followed
//!   ([`ErrorKind::Redirected`]); the device speaks plain HTTP.
//! * Errors are [`ApiError`]s with a stable [`ErrorKind`] and a message that says what to do
//!   and never contains a token.
//!
//! ```no_run
//! # async fn example() -> Result<(), wattwaechter_client::ApiError> {
//! use wattwaechter_client::{Client, Options};
//!
//! let device = Client::new("wattwaechter-aabbccddeeff.local", Options::token("READ…TOKEN"))?;
//! if let Some(latest) = device.latest().await? {
//!     println!("{:?} W", latest.power());
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
#![doc = document_features::document_features!()]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "async")]
mod asynchronous;
#[cfg(feature = "blocking")]
mod blocking;
mod endpoints;
mod shared;

#[cfg(feature = "async")]
pub use asynchronous::Client;
#[cfg(feature = "blocking")]
pub use blocking::BlockingClient;
pub use shared::{BudgetStatus, Options};
pub use wattwaechter::api;
pub use wattwaechter::client::{ApiError, Credentials, ErrorKind};
