//! `wattwaechter-sim`: a simulated WattWächter on localhost, and the demo server.

#![forbid(unsafe_code)]

use clap::Parser;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use wattwaechter_sim::{serve, server, state::Sim, Clock, MediumKind, SimConfig, DEFAULT_PORT};

#[derive(Parser)]
#[command(
    name = "wattwaechter-sim",
    version,
    about = "A simulated WattWächter on localhost (and the demo server)"
)]
struct Args {
    /// Port to listen on.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// Address to bind (127.0.0.1 keeps it on this machine).
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Seed of the simulated meter.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// What the device meters.
    #[arg(long, value_enum, default_value = "electricity")]
    medium: Medium,
    /// Require tokens (like `api_auth_required: true`).
    #[arg(long)]
    auth: bool,
    /// The READ token.
    #[arg(long, default_value = "READ0123456789AB")]
    read_token: String,
    /// The WRITE token.
    #[arg(long, default_value = "WRITE0123456789A")]
    write_token: String,
    /// Initial setup mode: `/setup/token` answers.
    #[arg(long)]
    setup_mode: bool,
    /// Send permissive CORS headers (default: none, like a device without CORS support).
    #[arg(long)]
    cors: bool,
    /// Ring buffer size in bytes.
    #[arg(long, default_value_t = 4096)]
    ring_size: usize,
    /// Share of telegrams in the dump with a CRC error (0–1).
    #[arg(long, default_value_t = 0.0)]
    dump_crc_errors: f64,
    /// Share of telegrams in the dump with a dropped byte (0–1).
    #[arg(long, default_value_t = 0.0)]
    dump_dropped_bytes: f64,
    /// Return the raw circular array (seam in the middle) instead of the linearised buffer.
    #[arg(long)]
    dump_raw_ring: bool,
    /// The meter speaks D0 instead of SML.
    #[arg(long)]
    dump_d0: bool,
    /// The ring buffer is empty (204).
    #[arg(long)]
    dump_empty: bool,
    /// How long the self-test takes in milliseconds (the device: about 2000).
    #[arg(long, default_value_t = 2000)]
    selftest_ms: u64,
    /// Extra latency per API answer in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Do not enforce 25 requests per 10 s.
    #[arg(long)]
    no_rate_limit: bool,
    /// HTML/script strings in every text field (for testing clients' escaping).
    #[arg(long)]
    hostile: bool,
    /// Serve this folder at `/` (the diagnostic page).
    #[arg(long)]
    www: Option<PathBuf>,
    /// Serve this folder at `/pkg` (the npm package).
    #[arg(long)]
    pkg: Option<PathBuf>,
    /// Forward `/api/v1/*` to a real device (e.g. http://wattwaechter-aabbccddeeff.local).
    #[arg(long, value_name = "URL")]
    proxy: Option<String>,
    /// Serve the control endpoints /__sim/config, /__sim/clock and /__sim/stats (no token:
    /// they change auth, faults and time) — for tests; never on an address others can reach.
    #[arg(long)]
    control: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Medium {
    Electricity,
    Gas,
    Water,
}

fn config(a: &Args) -> SimConfig {
    let mut c = SimConfig {
        seed: a.seed,
        medium: match a.medium {
            Medium::Electricity => MediumKind::Electricity,
            Medium::Gas => MediumKind::Gas,
            Medium::Water => MediumKind::Water,
        },
        ring_size: a.ring_size.max(64),
        cors: a.cors,
        www: a.www.clone(),
        pkg: a.pkg.clone(),
        proxy: a.proxy.clone(),
        control: a.control,
        hostile: a.hostile,
        ..SimConfig::default()
    };
    let rt = &mut c.runtime;
    rt.auth_required = a.auth;
    rt.read_token = a.read_token.clone();
    rt.write_token = a.write_token.clone();
    rt.setup_mode = a.setup_mode;
    rt.rate_limit = !a.no_rate_limit;
    rt.latency_ms = a.latency_ms;
    rt.selftest_ms = a.selftest_ms;
    rt.dump.crc_error_rate = a.dump_crc_errors;
    rt.dump.dropped_byte_rate = a.dump_dropped_bytes;
    rt.dump.raw_ring = a.dump_raw_ring;
    rt.dump.d0 = a.dump_d0;
    rt.dump.empty = a.dump_empty;
    c
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(p) = &args.proxy {
        if !p.starts_with("http://") {
            eprintln!("wattwaechter-sim: --proxy needs an http:// URL (the device speaks plain HTTP), got {p:?}");
            return ExitCode::from(2);
        }
    }
    let config = config(&args);
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "wattwaechter-sim: port {} is already in use on {} (another simulator still running?). \
                 Stop it or choose another port with --port N.",
                args.port, args.bind
            );
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("wattwaechter-sim: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = format!("http://{addr}");
    let mode = match &config.proxy {
        Some(p) => format!("proxying /api/v1 to {p}"),
        None => format!(
            "simulating a {} device{}",
            match config.medium {
                MediumKind::Electricity => "WattWächter Plus (electricity)",
                MediumKind::Gas => "WattWächter Gas",
                MediumKind::Water => "WattWächter Wasser",
            },
            if config.runtime.auth_required {
                ", auth on"
            } else {
                ""
            }
        ),
    };
    let page = if config.www.is_some() {
        format!("\n  diagnostic page: {url}/")
    } else {
        String::new()
    };
    eprintln!(
        "wattwaechter-sim: {mode}\n  API: {url}/api/v1/system/alive{page}\n  stop with Ctrl-C"
    );
    let sim = Arc::new(Sim::new(config, Clock::real()));
    let app = server::router(sim);
    let served = serve::serve(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wattwaechter-sim: {e}");
            ExitCode::FAILURE
        }
    }
}
