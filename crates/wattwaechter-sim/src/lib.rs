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
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use wattwaechter_sim::{Simulator, SimConfig};
//! let sim = Simulator::start(SimConfig::default()).await?;
//! println!("device at {}", sim.base_url());
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

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
