//! The simulated device's state: settings, tokens, certificate, pairing, counters, limits.

use crate::clock::Clock;
use crate::config::{Runtime, SimConfig};
use crate::meter::{mix, Meter};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;
use wattwaechter::api::{self, TokenPair};

/// Mutable device state.
#[derive(Debug)]
pub struct Device {
    /// What `GET /settings` returns.
    pub settings: api::Settings,
    /// The MQTT password (write-only).
    pub mqtt_password: Option<String>,
    /// A custom CA certificate.
    pub custom_cert: Option<String>,
    /// The cloud pairing token.
    pub cloud_token: Option<String>,
    /// Generated tokens awaiting confirmation, with their deadline (ms).
    pub pending: Option<(TokenPair, i64)>,
    /// A Wi-Fi scan runs until this time (ms).
    pub scan_until_ms: i64,
    /// When the device (re)booted (ms).
    pub boot_ms: i64,
}

/// Everything that changes while the simulator runs, behind one lock: settings and tokens
/// live in both halves (`api_auth_required`, the token confirmation), so two locks would need
/// one order everywhere — one lock cannot deadlock.
#[derive(Debug)]
pub struct Shared {
    /// Runtime settings (faults, auth, limits).
    pub runtime: Runtime,
    /// Device state.
    pub device: Device,
}

/// The whole simulator.
#[derive(Debug)]
pub struct Sim {
    /// Fixed configuration.
    pub config: SimConfig,
    /// Time.
    pub clock: Clock,
    /// The meter.
    pub meter: Meter,
    /// Runtime settings and device state (see [`Sim::lock`]).
    shared: Mutex<Shared>,
    /// Start times of the requests in the rate window (ms).
    window: Mutex<VecDeque<i64>>,
    /// Large responses being built.
    pub large_in_flight: AtomicU32,
    /// Requests so far (drives the deterministic fault choice).
    pub requests: AtomicU64,
    /// Requests refused with 429.
    pub rejected_429: AtomicU64,
}

/// Locks a mutex, recovering from poisoning (a panicking handler must not wedge the device).
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Sim {
    /// A simulator in its initial state.
    pub fn new(config: SimConfig, clock: Clock) -> Self {
        let now_ms = clock.now_ms();
        let meter = Meter::new(config.seed, config.medium, now_ms / 1000);
        let settings = initial_settings(&config);
        Sim {
            shared: Mutex::new(Shared {
                runtime: config.runtime.clone(),
                device: Device {
                    settings,
                    mqtt_password: None,
                    custom_cert: None,
                    cloud_token: None,
                    pending: None,
                    scan_until_ms: 0,
                    boot_ms: now_ms - 3 * 3600 * 1000,
                },
            }),
            meter,
            window: Mutex::new(VecDeque::new()),
            large_in_flight: AtomicU32::new(0),
            requests: AtomicU64::new(0),
            rejected_429: AtomicU64::new(0),
            config,
            clock,
        }
    }

    /// The runtime settings and the device state. Never held across an `await`.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        lock(&self.shared)
    }

    /// A copy of the runtime settings.
    pub fn runtime(&self) -> Runtime {
        self.lock().runtime.clone()
    }

    /// The device ID (12 upper-case hex digits, like a MAC).
    pub fn device_id(&self) -> String {
        format!("{:012X}", mix(self.config.seed ^ 0xd1d) & 0xffff_ffff_ffff)
    }

    /// A request may start now under the device-wide limit: records it, or returns false.
    pub fn admit(&self, limit: u32, window_ms: u64) -> bool {
        let now = self.clock.now_ms();
        let mut w = lock(&self.window);
        while w.front().is_some_and(|&t| t + window_ms as i64 <= now) {
            w.pop_front();
        }
        if w.len() >= limit as usize {
            return false;
        }
        w.push_back(now);
        true
    }

    /// A deterministic draw in [0, 1) for this request.
    pub fn draw(&self, salt: u64) -> f64 {
        let n = self.requests.load(Ordering::Relaxed);
        crate::meter::unit(self.config.seed ^ salt, n)
    }

    /// New tokens: 16 upper-case alphanumerics.
    pub fn new_token(&self, salt: u64) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut x = mix(self.config.seed ^ salt ^ self.clock.now_ms() as u64);
        (0..16)
            .map(|_| {
                x = mix(x);
                char::from(ALPHABET[(x % ALPHABET.len() as u64) as usize])
            })
            .collect()
    }
}

fn initial_settings(config: &SimConfig) -> api::Settings {
    let name = if config.hostile {
        format!("Keller {}", crate::HOSTILE)
    } else {
        "WattWaechter".into()
    };
    let mut s: api::Settings = serde_json::from_value(serde_json::json!({
        "wifi": {
            "primary": { "enable": true, "ssid": "Zuhause", "static_ip": false, "ip": "", "subnet": "", "gateway": "", "dns": "" },
            "secondary": { "enable": false, "ssid": "", "static_ip": false, "ip": "", "subnet": "", "gateway": "", "dns": "" }
        },
        "accessPoint": { "enable": false, "password_enable": true, "ssid": "WattWaechter-SIM" },
        "mqtt": { "enable": false, "host": "", "port": 8883, "use_tls": true, "user": "", "sendInterval": 60, "client_id": "", "topic_prefix": "WattWaechter" },
        "modbus": { "enable": false, "port": 502 },
        "language": { "active": "de", "installed": [ { "code": "de", "name": "Deutsch" }, { "code": "en", "name": "English" } ] },
        "timezone": "Europe/Berlin",
        "ntp_server": "pool.ntp.org",
        "rebootCounter": 0,
        "rebootsTotal": 3,
        "rebootsAll": 7,
        "ledEnable": true,
        "api_auth_required": config.runtime.auth_required,
        "device_name": name,
        "awsIotEnabled": false
    }))
    .expect("the initial settings are valid");
    s.device_name = name;
    s
}
