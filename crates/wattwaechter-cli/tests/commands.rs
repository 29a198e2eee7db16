//! The command line as scripts use it: standard input, the output formats, the exit
//! codes, shell completions, and `device` against the simulator — every endpoint, tokens from
//! the environment and never printed, and `device … rawdump | decode -`.

mod common;

use common::with_stdin;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use wattwaechter_sim::{SimConfig, Simulator};

const WRITE: &str = "WRITE0123456789A";
const READ: &str = "READ0123456789AB";

fn fixture(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
        .display()
        .to_string()
}

fn cli() -> Command {
    let mut c = common::wattwaechter();
    c.env_remove("WATTWAECHTER_HOST")
        .env_remove("WATTWAECHTER_TOKEN")
        .env_remove("WATTWAECHTER_READ_TOKEN")
        .env_remove("WATTWAECHTER_WRITE_TOKEN");
    c
}

#[test]
fn decode_reads_standard_input_and_prints_every_format() {
    let bytes = std::fs::read(fixture("sml/EasyMeter_Q3A_A1064V1009.bin")).unwrap();
    let mut cmd = cli();
    cmd.args(["decode", "-", "--format", "jsonl"]);
    let out = with_stdin(cmd, &bytes);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9 + 1, "one line per frame, then the rest");
    assert!(lines[..9]
        .iter()
        .all(|f| f["status"].is_string() && f["values"].is_array()));
    let rest = &lines[9];
    assert_eq!(rest["summary"]["frames_ok"], 4);
    assert!(rest.get("frames").is_none() && rest["findings"].is_array());
    // --json is --format json.
    let json = cli()
        .args([
            "decode",
            &fixture("sml/EasyMeter_Q3A_A1064V1009.bin"),
            "--json",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["frames"].as_array().unwrap().len(), 9);
    assert_eq!(doc["frames"], Value::Array(lines[..9].to_vec()));
    // CSV: the page's columns.
    let csv = cli()
        .args([
            "decode",
            &fixture("sml/EasyMeter_Q3A_A1064V1009.bin"),
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.starts_with("frame;offset;status;obis;name;value;unit;raw\n"),
        "{csv}"
    );
    assert!(
        csv.contains("1-0:1.8.0*255;Active energy import (A+), total;2941646.1614;Wh;29416461614")
    );
    // Both at once is a usage error.
    let both = cli()
        .args(["decode", "-", "--json", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn exit_codes_tell_a_healthy_capture_from_a_useless_one() {
    let code = |args: &[&str], stdin: &[u8]| {
        let mut cmd = cli();
        cmd.args(args);
        with_stdin(cmd, stdin).status.code()
    };
    let good = std::fs::read(fixture("sml/EMH_eHZ361L5R.bin")).unwrap();
    assert_eq!(code(&["decode", "-"], &good), Some(0), "intact frames");
    // Every frame with a CRC error: flip one payload byte of each.
    let mut damaged = good.clone();
    damaged[40] ^= 0xff;
    assert_eq!(code(&["decode", "-"], &damaged), Some(3), "nothing intact");
    assert_eq!(
        code(&["decode", "-"], b"no meter here, only text"),
        Some(3),
        "unknown content"
    );
    assert_eq!(code(&["decode", "-"], &[]), Some(3), "empty");
    assert_eq!(
        code(&["decode", "/nonexistent/dump.bin"], &[]),
        Some(1),
        "unreadable"
    );
    assert_eq!(
        code(&["decode", "-", "--hex"], b"1b zz"),
        Some(1),
        "bad hex"
    );
    assert_eq!(code(&["decode", "-", "--bogus"], &[]), Some(2), "usage");
    assert_eq!(code(&["frobnicate"], &[]), Some(2), "usage");
    assert_eq!(code(&["--help"], &[]), Some(0));
    let help = cli().args(["decode", "--help"]).output().unwrap();
    assert!(String::from_utf8(help.stdout).unwrap().contains("--format"));
    let help = cli().arg("--help").output().unwrap();
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .contains("Exit codes: 0"));
}

#[test]
fn shell_completions() {
    for (shell, needle) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef wattwaechter"),
        ("fish", "complete -c wattwaechter"),
    ] {
        let out = cli().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains(needle) && script.contains("rawdump"),
            "{shell}"
        );
    }
}

/// A simulator on a runtime of its own (the CLI runs as a process beside it).
fn simulator(config: SimConfig) -> (tokio::runtime::Runtime, Simulator) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt.block_on(Simulator::start(config)).unwrap();
    (rt, sim)
}

fn device(host: &str, args: &[&str]) -> Output {
    cli()
        .args(["device", "--host", host])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn device_calls_every_endpoint_with_tokens_from_the_environment() {
    let mut config = SimConfig::default();
    config.runtime.auth_required = true;
    config.runtime.setup_mode = true;
    config.runtime.rate_limit = false;
    config.runtime.selftest_ms = 10;
    config.control = true;
    let (_rt, sim) = simulator(config);
    let host = sim.addr().to_string();
    let run = |args: &[&str]| {
        cli()
            .args(["device"])
            .args(args)
            .env("WATTWAECHTER_HOST", &host)
            .env("WATTWAECHTER_TOKEN", WRITE)
            .output()
            .unwrap()
    };
    let ok_json = |args: &[&str]| -> Value {
        let out = run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(WRITE) || args == ["setup-token"],
            "{args:?} printed the token"
        );
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
    };
    let day = {
        let t = sim.state().clock.now_s() - 86_400;
        wattwaechter_sim::clock::utc(t).date().to_string()
    };
    assert_eq!(ok_json(&["alive"])["alive"], true);
    assert!(ok_json(&["info"])["esp"].is_array());
    assert!(ok_json(&["led"])["status"].is_string());
    assert_eq!(ok_json(&["selftest"])["result"], "SUCCESS");
    assert!(ok_json(&["wifi-scan"])["networks"].is_array());
    assert!(ok_json(&["timezones"]).is_array());
    assert!(ok_json(&["latest"])["16.7.0"]["value"].is_number());
    assert_eq!(
        ok_json(&["history-high", &day])["items"]
            .as_array()
            .unwrap()
            .len(),
        96
    );
    assert_eq!(
        ok_json(&["history-low", &day, "1"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(ok_json(&["settings"])["timezone"], "Europe/Berlin");
    let applied = ok_json(&[
        "set",
        "device_name=Keller",
        "mqtt.port=1883",
        "ledEnable=false",
    ]);
    assert_eq!(applied["applied"]["device_name"], "Keller");
    assert_eq!(applied["applied"]["mqtt"]["port"], 1883);
    assert_eq!(ok_json(&["settings"])["ledEnable"], false);
    let typo = run(&["set", "devicename=x"]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("devicename"));
    assert_eq!(ok_json(&["setup-token"])["writeToken"], WRITE);
    assert!(ok_json(&["mqtt-ca"])["bundle_size"].is_number());
    let pem = std::env::temp_dir().join(format!("ww-ca-{}.pem", std::process::id()));
    std::fs::write(
        &pem,
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    )
    .unwrap();
    assert_eq!(
        ok_json(&["mqtt-ca-upload", pem.to_str().unwrap()])["success"],
        true
    );
    assert_eq!(ok_json(&["mqtt-ca-delete"])["success"], true);
    assert!(ok_json(&["mqtt-status"])["state"].is_string());
    assert!(ok_json(&["modbus-status"])["registers"].is_array());
    assert_eq!(ok_json(&["cloud-pair", "WW-ABCD2345"])["success"], true);
    assert_eq!(ok_json(&["cloud-unpair"])["success"], true);
    assert_eq!(ok_json(&["ota-check"])["ok"], true);
    assert_eq!(ok_json(&["ota-start"])["ok"], true);
    assert_eq!(ok_json(&["reboot"])["rebooting"], true);
    let logs = run(&["logs", "ram"]);
    assert!(String::from_utf8_lossy(&logs.stdout).contains(';'));
    let logs = run(&["logs", "persistent"]);
    assert!(logs.status.success());
    let out = std::env::temp_dir().join(format!("ww-dump-{}.bin", std::process::id()));
    assert!(run(&["rawdump", "-o", out.to_str().unwrap()])
        .status
        .success());
    assert_eq!(std::fs::read(&out).unwrap().len(), 4096);
    // Errors say what to do and never show a token.
    let read = cli()
        .args(["device", "--host", &host, "--token", READ, "reboot"])
        .output()
        .unwrap();
    assert_eq!(read.status.code(), Some(1));
    let err = String::from_utf8(read.stderr).unwrap();
    assert!(err.contains("WRITE token") && !err.contains(READ), "{err}");
    let none = device(&host, &["settings"]);
    assert!(String::from_utf8(none.stderr)
        .unwrap()
        .contains("needs a token"));
    // The help never shows a token from the environment.
    let help = run(&["--help"]);
    assert!(!String::from_utf8(help.stdout).unwrap().contains(WRITE));
    // Generate + confirm by hand, then rotate: new tokens in force.
    let pending = ok_json(&["generate-tokens"]);
    let new_write = pending["pending"]["token_write"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(ok_json(&["confirm-tokens", &new_write])["success"], true);
    let rotated = cli()
        .args([
            "device",
            "--host",
            &host,
            "--token",
            &new_write,
            "rotate-tokens",
        ])
        .output()
        .unwrap();
    let pair: Value = serde_json::from_slice(&rotated.stdout).unwrap();
    assert_eq!(sim.state().runtime().write_token, pair["token_write"]);
    std::fs::remove_file(pem).ok();
    std::fs::remove_file(out).ok();
}

/// `wattwaechter device … rawdump | wattwaechter decode - --format jsonl`: the simulator's
/// frames.
#[test]
fn a_dump_piped_from_the_device_into_decode() {
    let mut config = SimConfig::default();
    config.runtime.rate_limit = false;
    let (_rt, sim) = simulator(config);
    let host = sim.addr().to_string();
    let mut dump = cli()
        .args(["device", "--host", &host, "rawdump"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let decode = cli()
        .args(["decode", "-", "--format", "jsonl"])
        .stdin(dump.stdout.take().unwrap())
        .output()
        .unwrap();
    assert!(dump.wait().unwrap().success());
    assert_eq!(decode.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(decode.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rest = lines.last().unwrap();
    assert_eq!(rest["protocol"], "sml");
    assert_eq!(rest["bytes"], 4096);
    assert!(
        lines.len() > 5
            && lines[..lines.len() - 1]
                .iter()
                .filter(|f| f["status"] == "ok")
                .count()
                >= 5
    );
    // Not into a terminal, nor from an empty buffer; an unreachable device is explained.
    let gone = device("127.0.0.1:9", &["alive"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(String::from_utf8(gone.stderr)
        .unwrap()
        .contains("could not be reached"));
}

/// `anonymize`: the serial and server ID are gone from the written dump (raw and hex), the
/// decoded statuses and every other value are those of the original, and standard error says
/// what was replaced.
#[test]
fn anonymize_writes_a_dump_without_the_meter_identity() {
    let original = fixture("sml/EasyMeter_Q3A_A1064V1009.bin");
    let dir = std::env::temp_dir().join(format!("ww-cli-anon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let decoded = |path: &str, hex: bool| -> Value {
        let mut args = vec!["decode", path, "--json"];
        if hex {
            args.push("--hex");
        }
        let out = cli().args(&args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let before = decoded(&original, false);
    for (name, hex) in [("anon.bin", false), ("anon.hex", true)] {
        let path = dir.join(name);
        let out = cli()
            .args(["anonymize", &original, path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim(),
            format!("{original}: 3 identities replaced in 40 places; checksums adjusted in 9 frames; every frame keeps its status")
        );
        let written = std::fs::read(&path).unwrap();
        let bytes = if hex {
            wattwaechter::hex::decode(std::str::from_utf8(&written).unwrap()).unwrap()
        } else {
            written
        };
        // The serial number (server ID 09 01 "ESY" 11 03 b5 99 a5) is nowhere.
        let serial = [0x11, 0x03, 0xb5, 0x99, 0xa5];
        assert!(!bytes.windows(5).any(|w| w == serial), "{name}");
        let after = decoded(path.to_str().unwrap(), hex);
        let frames = |d: &Value| -> Vec<(Value, Value)> {
            d["frames"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["status"].clone(), f["offset"].clone()))
                .collect()
        };
        assert_eq!(frames(&after), frames(&before), "{name}");
        assert_ne!(
            after["summary"]["meter"], before["summary"]["meter"],
            "{name}"
        );
        let power = |d: &Value| {
            d["frames"][1]["values"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| v["obis"] != "1-0:96.1.0*255" && v["obis"] != "1-0:0.0.0*255")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(power(&after), power(&before), "{name}: the other values");
    }
}
