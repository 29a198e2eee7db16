//! What the simulator simulates. [`SimConfig`] is fixed at start; [`Runtime`] can be changed
//! while it runs (`POST /__sim/config`), which is how tests and the demo inject faults.

use crate::meter::MediumKind;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The fixed configuration.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Seed of everything random.
    pub seed: u64,
    /// What the device meters.
    pub medium: MediumKind,
    /// The ring buffer's size in bytes.
    pub ring_size: usize,
    /// CORS: `false` = like a device that sends no CORS headers; `true` = permissive.
    pub cors: bool,
    /// Serve this folder at `/` (the diagnostic page).
    pub www: Option<PathBuf>,
    /// Serve this folder at `/pkg` (the npm package).
    pub pkg: Option<PathBuf>,
    /// Forward `/api/v1/*` to a real device instead of simulating it.
    pub proxy: Option<String>,
    /// Serve the control endpoints (`/__sim/config`, `/__sim/clock`, `/__sim/stats`), which
    /// need no token and change auth, faults and time: for tests, never for a simulator others
    /// can reach.
    pub control: bool,
    /// Put HTML/script strings in every text field (device name, SSIDs, log lines, an octet
    /// string in the dump), for testing that clients show them as text.
    pub hostile: bool,
    /// The initial runtime settings.
    pub runtime: Runtime,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            medium: MediumKind::Electricity,
            ring_size: 4096,
            cors: false,
            www: None,
            pkg: None,
            proxy: None,
            control: false,
            hostile: false,
            runtime: Runtime::default(),
        }
    }
}

/// What the SML ring buffer holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DumpFaults {
    /// Share of frames with a corrupted byte (CRC mismatch).
    pub crc_error_rate: f64,
    /// Share of frames with a dropped byte (misaligned end).
    pub dropped_byte_rate: f64,
    /// Return the raw circular array (the seam where the write position is) instead of the
    /// linearised buffer.
    pub raw_ring: bool,
    /// The meter speaks D0 instead of SML.
    pub d0: bool,
    /// The buffer is empty: 204.
    pub empty: bool,
}

impl Default for DumpFaults {
    fn default() -> Self {
        DumpFaults {
            crc_error_rate: 0.0,
            dropped_byte_rate: 0.0,
            raw_ring: false,
            d0: false,
            empty: false,
        }
    }
}

/// Settings that can change while the simulator runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Runtime {
    /// The API requires tokens.
    pub auth_required: bool,
    /// The READ token.
    pub read_token: String,
    /// The WRITE token.
    pub write_token: String,
    /// The device is in initial setup (before its first Wi-Fi connection): `/setup/token`
    /// answers.
    pub setup_mode: bool,
    /// Enforce the device's request limit (the core's `DEVICE_LIMIT` per `DEVICE_WINDOW_MS`:
    /// 25 per 10 s), device-wide.
    pub rate_limit: bool,
    /// Requests per window.
    pub rate_limit_requests: u32,
    /// The window in milliseconds.
    pub rate_limit_window_ms: u64,
    /// Large responses (history) that may be built at once before heap protection (503).
    pub heap_concurrent_large: u32,
    /// Answer every API request with 503 (heap protection on demand).
    pub busy: bool,
    /// Extra latency for every API answer, in milliseconds.
    pub latency_ms: u64,
    /// Share of API answers whose connection is dropped before the body.
    pub drop_rate: f64,
    /// Share of API answers with malformed JSON.
    pub malformed_rate: f64,
    /// Share of API answers whose body is cut in half.
    pub truncate_rate: f64,
    /// How long the self-test takes (the real device: about 2 s).
    pub selftest_ms: u64,
    /// How long pending tokens stay valid (the real device: 60 s).
    pub pending_token_ttl_ms: u64,
    /// `/history/latest` answers 204, as before the first reading.
    pub no_reading_yet: bool,
    /// The ring buffer's content.
    pub dump: DumpFaults,
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime {
            auth_required: false,
            read_token: "READ0123456789AB".into(),
            write_token: "WRITE0123456789A".into(),
            setup_mode: false,
            rate_limit: true,
            rate_limit_requests: wattwaechter::client::DEVICE_LIMIT,
            rate_limit_window_ms: wattwaechter::client::DEVICE_WINDOW_MS,
            heap_concurrent_large: 2,
            busy: false,
            latency_ms: 0,
            drop_rate: 0.0,
            malformed_rate: 0.0,
            truncate_rate: 0.0,
            selftest_ms: 2000,
            pending_token_ttl_ms: 60_000,
            no_reading_yet: false,
            dump: DumpFaults::default(),
        }
    }
}
