//! A faithful WattWächter on localhost.
//!
//! Serves every endpoint of the device's REST API from a simulated meter (deterministic from a
//! seed; power varies, counters only grow; 30 days of 15-minute and 2 years of daily history),
//! with the device's auth, its 25-per-10-s limit and heap protection, a ring-buffer dump
//! written by the core's SML encoder, CSV logs cut bytewise, fault injection, a CORS switch,
//! and — as the demo server — the diagnostic page, the npm package and a proxy to a real
//! device. Responses are built from the core's API types, so the simulator cannot drift from
//! what the client parses.
//!
//! * [`Simulator`], [`SimConfig`]: start one; [`config`] holds what tests and the CLI switch
//!   (faults, limits, auth, the dump's faults), [`state`] what a running one keeps.
//! * [`server`]: routing, the limits, auth, faults and CORS in front of [`endpoints`] (one
//!   module per API group); [`serve`] the accept loop with its idle timeout.
//! * [`meter`]: the simulated meter (readings, counters, history); [`ring`] its ring-buffer
//!   dump (SML or D0); [`logs`] the CSV logs; [`clock`] real or manual time.
//! * [`HOSTILE`]: the text hostile mode writes wherever a device fills in text.
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use wattwaechter_sim::{Simulator, SimConfig};
//! let sim = Simulator::start(SimConfig::default()).await?;
//! println!("device at {}", sim.base_url());
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The text the hostile mode (`--hostile`) puts wherever a device fills in text (device name,
/// Wi-Fi names, register names and values, log lines, octet strings in the dump): markup that
/// runs script if a page inserts it as HTML. One string, so that every test looks for the same.
pub const HOSTILE: &str = "<img src=x onerror=alert(1)>";

pub mod clock;
pub mod config;
pub mod endpoints;
pub mod logs;
pub mod meter;
mod proxy;
pub mod ring;
pub mod serve;
pub mod server;
pub mod state;

pub use clock::Clock;
pub use config::{DumpFaults, Runtime, SimConfig};
pub use meter::MediumKind;

use std::net::SocketAddr;
use std::sync::Arc;

/// The simulator's default port (documented in the README).
pub const DEFAULT_PORT: u16 = 8321;

/// A running simulator; dropped = stopped.
#[derive(Debug)]
pub struct Simulator {
    addr: SocketAddr,
    sim: Arc<state::Sim>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Simulator {
    /// Starts on 127.0.0.1 with a free port.
    pub async fn start(config: SimConfig) -> std::io::Result<Self> {
        Self::start_on(config, SocketAddr::from(([127, 0, 0, 1], 0)), Clock::real()).await
    }

    /// Starts on `addr` with `clock`.
    pub async fn start_on(
        config: SimConfig,
        addr: SocketAddr,
        clock: Clock,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let sim = Arc::new(state::Sim::new(config, clock));
        let app = server::router(sim.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve::serve(listener, app, async {
            let _ = rx.await;
        }));
        Ok(Simulator {
            addr,
            sim,
            shutdown: Some(tx),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The simulator's state (tests inspect and change it).
    pub fn state(&self) -> &Arc<state::Sim> {
        &self.sim
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
