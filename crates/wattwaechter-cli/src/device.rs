//! `wattwaechter device`: every endpoint of the device's REST API through the blocking
//! client — JSON out for data, the raw bytes for `rawdump` (so that
//! `wattwaechter device … rawdump | wattwaechter decode -` works), text for the logs. Tokens
//! come from the options or the environment and are never printed (the `rotate-tokens` and
//! `setup-token` answers are the exception: they are what was asked for).

use crate::terminal::{JsonForTerminal, Shown};
use crate::Exit;
use clap::Subcommand;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use wattwaechter::api::SettingsUpdate;
use wattwaechter_client::{BlockingClient, Credentials, Options};

/// `device`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The device: wattwaechter-XXXXXXXXXXXX.local, an IP, host:port or http://host:port.
    #[arg(long, env = "WATTWAECHTER_HOST")]
    host: String,
    /// One token for everything (a WRITE token can also read).
    #[arg(long, env = "WATTWAECHTER_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// The READ token (used for READ endpoints).
    #[arg(long, env = "WATTWAECHTER_READ_TOKEN", hide_env_values = true)]
    read_token: Option<String>,
    /// The WRITE token (used for WRITE endpoints).
    #[arg(long, env = "WATTWAECHTER_WRITE_TOKEN", hide_env_values = true)]
    write_token: Option<String>,
    /// The longest a call takes in ms, waiting for the device's request budget and retries
    /// included.
    #[arg(long, value_name = "MS", default_value_t = wattwaechter::client::DEFAULT_TIMEOUT_MS)]
    timeout_ms: u32,
    #[command(subcommand)]
    command: Call,
}

/// The device's endpoints.
#[derive(Debug, Subcommand)]
enum Call {
    /// GET /system/alive (no auth).
    Alive,
    /// GET /system/info.
    Info,
    /// GET /system/led.
    Led,
    /// POST /system/selftest (about 2 s; electricity devices only).
    Selftest,
    /// GET /system/wifi_scan (no auth).
    WifiScan {
        /// Start a new scan.
        #[arg(long)]
        refresh: bool,
    },
    /// GET /system/timezones.
    Timezones,
    /// POST /system/reboot (WRITE).
    Reboot,
    /// GET /history/latest (null before the first reading).
    Latest,
    /// GET /history/highRes: the 15-minute slots of one day.
    HistoryHigh {
        /// The day, YYYY-MM-DD.
        date: String,
    },
    /// GET /history/lowRes: daily values.
    HistoryLow {
        /// The first day, YYYY-MM-DD.
        start: String,
        /// How many days (1–31).
        days: u32,
    },
    /// GET /settings.
    Settings,
    /// POST /settings (WRITE): a partial update, e.g. `set device_name=Keller mqtt.port=1883
    /// ledEnable=false` (values are read as JSON when they are JSON, else as text).
    Set {
        /// KEY=VALUE pairs; dotted keys reach into groups (mqtt.host, wifi.primary.ssid).
        #[arg(required = true, value_name = "KEY=VALUE")]
        pairs: Vec<String>,
    },
    /// POST /auth/tokens/generate (WRITE): pending tokens (prefer rotate-tokens).
    GenerateTokens,
    /// POST /auth/tokens/confirm (WRITE) with the pending WRITE token.
    ConfirmTokens {
        /// The pending WRITE token.
        new_write_token: String,
    },
    /// Generate, confirm within 60 s, and print the new token pair (store it).
    RotateTokens,
    /// GET /setup/token (only during initial setup).
    SetupToken,
    /// GET /mqtt/ca.
    MqttCa,
    /// POST /mqtt/ca (WRITE): upload a PEM certificate.
    MqttCaUpload {
        /// The PEM file.
        file: PathBuf,
    },
    /// DELETE /mqtt/ca (WRITE).
    MqttCaDelete,
    /// GET /mqtt/status.
    MqttStatus,
    /// GET /modbus/status.
    ModbusStatus,
    /// POST /cloud/pair (WRITE) with the portal's WW-XXXXXXXX token.
    CloudPair {
        /// The pairing token.
        pairing_token: String,
    },
    /// DELETE /cloud/pair (WRITE).
    CloudUnpair,
    /// GET /ota/check.
    OtaCheck,
    /// POST /ota/start (WRITE).
    OtaStart,
    /// GET /logs/rawdump: the ring buffer's bytes, raw (pipe them into `decode -`).
    Rawdump {
        /// Write the bytes to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// GET /logs/ram or /logs/persistent: the log as text.
    Logs {
        /// Which log.
        #[arg(value_enum)]
        which: Log,
    },
}

/// The device's two logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Log {
    /// The RAM log.
    Ram,
    /// The persistent log file.
    Persistent,
}

/// Runs one call and prints its answer.
pub fn run(args: Args) -> Result<Exit, String> {
    let credentials = Credentials::from_parts(args.token, args.read_token, args.write_token);
    let options = Options {
        credentials,
        timeout_ms: args.timeout_ms,
        ..Options::default()
    };
    let device = BlockingClient::new(&args.host, options).map_err(|e| e.message)?;
    let failed = |e: wattwaechter::client::ApiError| e.message;
    match args.command {
        Call::Alive => json(&device.alive().map_err(failed)?),
        Call::Info => json(&device.system_info().map_err(failed)?),
        Call::Led => json(&device.led().map_err(failed)?),
        Call::Selftest => json(&device.selftest().map_err(failed)?),
        Call::WifiScan { refresh } => json(&device.wifi_scan(refresh).map_err(failed)?),
        Call::Timezones => json(&device.timezones().map_err(failed)?),
        Call::Reboot => json(&device.reboot().map_err(failed)?),
        Call::Latest => json(&device.latest().map_err(failed)?),
        Call::HistoryHigh { date } => json(&device.history_high_res(&date).map_err(failed)?),
        Call::HistoryLow { start, days } => {
            json(&device.history_low_res(&start, days).map_err(failed)?)
        }
        Call::Settings => json(&device.settings().map_err(failed)?),
        Call::Set { pairs } => {
            let update = settings_update(&pairs)?;
            json(&device.update_settings(&update).map_err(failed)?)
        }
        Call::GenerateTokens => json(&device.generate_tokens().map_err(failed)?),
        Call::ConfirmTokens { new_write_token } => {
            json(&device.confirm_tokens(&new_write_token).map_err(failed)?)
        }
        Call::RotateTokens => json(&device.rotate_tokens().map_err(failed)?),
        Call::SetupToken => json(&device.setup_token().map_err(failed)?),
        Call::MqttCa => json(&device.mqtt_ca().map_err(failed)?),
        Call::MqttCaUpload { file } => {
            let pem = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            json(&device.mqtt_ca_upload(&pem).map_err(failed)?)
        }
        Call::MqttCaDelete => json(&device.mqtt_ca_delete().map_err(failed)?),
        Call::MqttStatus => json(&device.mqtt_status().map_err(failed)?),
        Call::ModbusStatus => json(&device.modbus_status().map_err(failed)?),
        Call::CloudPair { pairing_token } => {
            json(&device.cloud_pair(&pairing_token).map_err(failed)?)
        }
        Call::CloudUnpair => json(&device.cloud_unpair().map_err(failed)?),
        Call::OtaCheck => json(&device.ota_check().map_err(failed)?),
        Call::OtaStart => json(&device.ota_start().map_err(failed)?),
        Call::Rawdump { output } => rawdump(device.rawdump().map_err(failed)?, output),
        Call::Logs { which } => {
            let text = match which {
                Log::Ram => device.logs_ram(),
                Log::Persistent => device.logs_persistent(),
            }
            .map_err(failed)?;
            log(&text)
        }
    }
}

/// A settings update from `KEY=VALUE` pairs, checked against the update's fields.
fn settings_update(pairs: &[String]) -> Result<SettingsUpdate, String> {
    let mut patch = serde_json::Map::new();
    for pair in pairs {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not KEY=VALUE (e.g. device_name=Keller)"))?;
        let value = serde_json::from_str(value)
            .unwrap_or_else(|_| serde_json::Value::String(value.to_string()));
        let mut keys = key.split('.').peekable();
        let mut object = &mut patch;
        while let Some(k) = keys.next() {
            if keys.peek().is_none() {
                object.insert(k.to_string(), value.clone());
                break;
            }
            object = object
                .entry(k.to_string())
                .or_insert_with(|| serde_json::Value::Object(Default::default()))
                .as_object_mut()
                .ok_or_else(|| format!("{key}: {k} is set twice, once as a value"))?;
        }
    }
    serde_json::from_value(serde_json::Value::Object(patch))
        .map_err(|e| format!("not a settings update: {e} (see `device settings` for the keys)"))
}

/// Data as pretty JSON on standard output.
fn json<T: Serialize>(value: &T) -> Result<Exit, String> {
    let mut out = JsonForTerminal::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(Exit::Done)
}

/// The dump's bytes to a file or standard output (never raw into a terminal).
fn rawdump(bytes: Option<Vec<u8>>, output: Option<PathBuf>) -> Result<Exit, String> {
    let Some(bytes) = bytes else {
        eprintln!("wattwaechter: the ring buffer is empty (204): the meter is not sending, or the IR head does not see it");
        return Ok(Exit::NothingIntact);
    };
    match output {
        Some(path) => std::fs::write(&path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None if std::io::stdout().is_terminal() => {
            return Err(
                "rawdump writes binary data: pipe it (`| wattwaechter decode -`) or give -o FILE"
                    .into(),
            )
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(|e| format!("cannot write the output: {e}"))?,
            }
        }
    }
    Ok(Exit::Done)
}

/// A log as text; into a terminal with control characters shown, not sent.
fn log(text: &str) -> Result<Exit, String> {
    let mut out = std::io::stdout().lock();
    let written = if out.is_terminal() {
        text.lines()
            .try_for_each(|line| writeln!(out, "{}", Shown(line)))
    } else {
        out.write_all(text.as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Done),
        other => other
            .map(|()| Exit::Done)
            .map_err(|e| format!("cannot write the output: {e}")),
    }
}
