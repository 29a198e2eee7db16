//! `wattwaechter watch` as it is used: on a serial port (a pseudo-terminal pair stands in for
//! the IR head: the test writes a real capture into one end at 9600-baud pacing, `watch`
//! opens the other as a serial port), on a growing file, on a pipe; Ctrl-C prints the
//! summary. Each frame must be exactly the frame of decoding the capture whole.
#![cfg(unix)]

mod common;

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use wattwaechter::dump::{self, DumpFrame};

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel);
    std::fs::read(path).unwrap()
}

/// The frames of the capture decoded whole, as JSON values (what `--format jsonl` prints).
fn whole(bytes: &[u8]) -> Vec<serde_json::Value> {
    let frames: Vec<DumpFrame> = match dump::detect(bytes) {
        dump::Protocol::D0 => dump::d0_frames(bytes),
        _ => dump::sml_frames(bytes, &Default::default()),
    };
    frames
        .iter()
        .map(|f| serde_json::to_value(f).unwrap())
        .collect()
}

fn watch(args: &[&str]) -> Child {
    common::wattwaechter()
        .arg("watch")
        .args(args)
        .arg("--format")
        .arg("jsonl")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Reads `n` frames from the child's output as they come (at most `timeout`).
fn frames(child: &mut Child, n: usize, timeout: Duration) -> Vec<serde_json::Value> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx
                .send(serde_json::from_str::<serde_json::Value>(&line).unwrap())
                .is_err()
            {
                break;
            }
        }
    });
    let deadline = Instant::now() + timeout;
    let mut got = Vec::new();
    while got.len() < n {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(frame) => got.push(frame),
            Err(_) => panic!("{} of {n} frames after {timeout:?}", got.len()),
        }
    }
    got
}

/// Ctrl-C: the summary on standard error; the exit code says whether a frame was intact.
fn interrupt(child: Child) -> (String, i32) {
    kill(Pid::from_raw(child.id() as i32), Signal::SIGINT).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Writes `bytes` as a 9600-baud line delivers them: 960 bytes a second, in 32-byte pieces.
fn pace(out: &mut impl Write, bytes: &[u8]) {
    for piece in bytes.chunks(32) {
        out.write_all(piece).unwrap();
        out.flush().unwrap();
        std::thread::sleep(Duration::from_micros(32 * 1_000_000 / 960));
    }
}

#[test]
fn a_serial_port_at_9600_baud() {
    let pty = nix::pty::openpty(None, None).unwrap();
    let port = nix::unistd::ttyname(&pty.slave).unwrap();
    // Two captures, so that frames complete while the line is still busy.
    let capture = [
        fixture("sml/EasyMeter_Q3A_A1064V1009.bin"),
        fixture("sml/EMH_eHZ361L5R.bin"),
    ]
    .concat();
    let expected = whole(&capture);
    let mut child = watch(&[port.to_str().unwrap(), "--baud", "9600"]);
    // Give `watch` a moment to open and configure the port.
    std::thread::sleep(Duration::from_millis(300));
    let mut line = std::fs::File::from(pty.master);
    let writer = std::thread::spawn({
        let capture = capture.clone();
        move || {
            pace(&mut line, &capture);
            line
        }
    });
    // Every frame but the last arrives while the line runs (the last one ends the capture
    // cleanly too, so it is complete: all of them).
    let got = frames(&mut child, expected.len(), Duration::from_secs(20));
    assert_eq!(got, expected);
    let _line = writer.join().unwrap();
    let (summary, code) = interrupt(child);
    assert!(
        summary.contains(&format!(
            "{} bytes, {} frames (5 ok",
            capture.len(),
            expected.len()
        )),
        "{summary}"
    );
    assert!(summary.contains(", sml"), "{summary}");
    assert_eq!(code, 0);
}

#[test]
fn a_growing_file_is_followed() {
    let dir = std::env::temp_dir().join(format!("wattwaechter-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("growing.txt");
    let capture = fixture("d0/smartmeter-obis_testSerialResponseD0FastSend.txt");
    let expected = whole(&capture);
    let (first, rest) = capture.split_at(capture.len() / 3);
    std::fs::write(&path, first).unwrap();
    let mut child = watch(&[path.to_str().unwrap()]);
    std::thread::sleep(Duration::from_millis(300));
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    file.write_all(rest).unwrap();
    // The last telegram is certain only at the end of the input, which a followed file does
    // not have: all but the last arrive.
    let got = frames(&mut child, expected.len() - 1, Duration::from_secs(20));
    assert_eq!(got, expected[..expected.len() - 1]);
    let (summary, code) = interrupt(child);
    assert!(summary.contains(", d0"), "{summary}");
    assert_eq!(code, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pipe_ends_with_the_summary() {
    let capture = fixture("sml/EasyMeter_Q3A_A1064V1009.bin");
    let mut cmd = common::wattwaechter();
    cmd.args(["watch", "-", "--format", "jsonl"]);
    let out = common::with_stdin(cmd, &capture);
    assert_eq!(out.status.code(), Some(0));
    let got: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got, whole(&capture));
    let summary = String::from_utf8(out.stderr).unwrap();
    assert!(
        summary.contains("4096 bytes, 9 frames (4 ok, 3 checksum errors, 2 other), sml"),
        "{summary}"
    );
}
