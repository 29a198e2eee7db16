//! The command line against hostile input: terminal escapes from the meter, endless
//! input, reports past their limits.

mod common;

use common::with_stdin;

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    common::wattwaechter()
}

/// The binary with `args`, `input` on standard input.
fn run(args: &[&str], input: &[u8]) -> Output {
    let mut cmd = bin();
    cmd.args(args);
    with_stdin(cmd, input)
}

/// A D0 meter's identification, addresses, values and units are shown as text: control
/// characters from them (clear screen, an OSC 52 clipboard write, a window title, a C1 CSI,
/// a bidirectional override) reached the terminal raw.
#[test]
fn control_characters_from_the_meter_never_reach_the_terminal() {
    let capture = "/EMH5eHZ\r\n\r\n\
                   1.8.0(000123.4\x1b[2J*kWh\x1b]52;c;cGF5bG9hZA==\x07)\r\n\
                   0.0.0(\u{9b}31m\u{202e}\x1b]0;title\x07)\r\n!\r\n";
    for args in [&["decode", "-"][..], &["decode", "-", "--json"]] {
        let out = run(args, capture.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let controls: Vec<char> = text
            .chars()
            .filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
            .collect();
        assert_eq!(controls, Vec::<char>::new(), "{args:?}:\n{text}");
        assert!(text.contains("EMH5eHZ") && text.contains("1.8.0"), "{text}");
    }
    let out = run(&["decode", "-"], capture.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(r"\x1b]52;c;"), "shown escaped:\n{text}");
    // A file name is the user's, but printed too.
    let dir = std::env::temp_dir().join(format!("ww-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = dir.join("dump\x1b[2J.bin");
    std::fs::write(&name, capture).unwrap();
    let out = bin().args(["decode"]).arg(&name).output().unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
    let missing = dir.join("gone\x1b]0;x\x07.bin");
    let out = bin().args(["decode"]).arg(&missing).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains('\x1b') && err.contains(r"gone\x1b]0;x\x07.bin"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `decode /dev/zero` read until the memory was gone.
#[test]
fn endless_input_ends_with_an_error() {
    let out = bin()
        .args(["decode", "/dev/zero", "--max-input", "1000000"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/dev/zero is larger than 1000000 bytes") && err.contains("--max-input"),
        "{err}"
    );
    let out = run(&["decode", "-", "--max-input", "10"], &[0u8; 100]);
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("standard input is larger than 10 bytes"));
}

#[test]
fn a_report_past_its_limit_says_where_it_stopped() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin");
    let out = bin()
        .arg("decode")
        .arg(&fixture)
        .args(["--json", "--max-frames", "2"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["frames"].as_array().unwrap().len(), 2);
    assert_eq!(doc["truncated"]["limit"], "frames");
    assert_eq!(doc["truncated"]["max"], 2);
    assert_eq!(
        doc["truncated"]["offset"],
        doc["frames"][1]["offset"].as_u64().unwrap() + doc["frames"][1]["length"].as_u64().unwrap()
    );
    let out = bin()
        .arg("decode")
        .arg(&fixture)
        .args(["--max-values", "5"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("The report stops at byte") && text.contains("more than 5 values"),
        "{text}"
    );
}
