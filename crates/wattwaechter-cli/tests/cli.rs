//! The `wattwaechter decode` command as a user runs it: the JSON contract, the flags, and the
//! answers to bad input.

mod common;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    common::wattwaechter()
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The JSON of a decode: exit code 0, or 3 when nothing arrived intact.
fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// The contract of the issue: these keys with these types, always present.
fn check_contract(doc: &Value) {
    for k in ["protocol", "bytes", "frames", "gaps", "summary"] {
        assert!(doc.get(k).is_some(), "missing {k}");
    }
    assert!(["sml", "d0", "empty", "unknown"].contains(&doc["protocol"].as_str().unwrap()));
    assert!(doc["bytes"].is_u64());
    for f in doc["frames"].as_array().unwrap() {
        for k in [
            "offset", "length", "status", "crc", "quirks", "error", "values",
        ] {
            assert!(f.get(k).is_some(), "frame without {k}: {f}");
        }
        assert!(f["offset"].is_u64() && f["length"].is_u64());
        let status = f["status"].as_str().unwrap();
        assert!([
            "ok",
            "crc_mismatch",
            "truncated_start",
            "truncated_end",
            "aborted",
            "malformed"
        ]
        .contains(&status));
        assert!(f["crc"].is_null() || ["x25", "kermit"].contains(&f["crc"].as_str().unwrap()));
        assert!(f["quirks"].as_array().unwrap().iter().all(Value::is_string));
        if !f["error"].is_null() {
            assert!(
                f["error"]["kind"].is_string()
                    && f["error"]["offset"].is_u64()
                    && f["error"]["message"].is_string()
            );
        }
        for v in f["values"].as_array().unwrap() {
            for k in [
                "obis",
                "name",
                "raw",
                "scaler",
                "unit_code",
                "unit",
                "value",
            ] {
                assert!(v.get(k).is_some(), "value without {k}: {v}");
            }
            assert!(v["obis"].is_string());
            assert!(v["scaler"].is_null() || v["scaler"].is_i64());
            assert!(v["unit_code"].is_null() || v["unit_code"].is_u64());
            assert!(v["value"].is_null() || v["value"].is_string());
            assert!(matches!(
                v["raw"],
                Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)
            ));
        }
    }
    for g in doc["gaps"].as_array().unwrap() {
        assert!(g["offset"].is_u64() && g["length"].is_u64());
    }
    for k in [
        "frames_ok",
        "frames_crc_mismatch",
        "frames_truncated",
        "frames_aborted",
        "frames_malformed",
    ] {
        assert!(doc["summary"][k].is_u64(), "summary without {k}");
    }
}

#[test]
fn json_contract_on_every_fixture() {
    for dir in ["sml", "d0", "sml-synthetic"] {
        for e in std::fs::read_dir(fixture(dir)).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".tsv") {
                continue;
            }
            let mut args = vec!["decode", path.to_str().unwrap(), "--json"];
            if name.ends_with(".hex") {
                args.push("--hex");
            }
            let doc = json(&args);
            check_contract(&doc);
        }
    }
}

#[test]
fn sml_values_follow_the_contract() {
    let doc = json(&[
        "decode",
        fixture("sml/EMH_eHZ-HW8E2A5L0EK2P_2.bin").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(doc["protocol"], "sml");
    assert_eq!(doc["bytes"], 316);
    let f = &doc["frames"][0];
    assert_eq!(f["status"], "ok");
    assert_eq!(f["crc"], "x25");
    let energy = f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["obis"] == "1-0:1.8.0*255")
        .unwrap();
    assert_eq!(energy["name"], "Active energy import (A+), total");
    assert_eq!(energy["raw"], 133124849);
    assert_eq!(energy["scaler"], -1);
    assert_eq!(energy["unit_code"], 30);
    assert_eq!(energy["unit"], "Wh");
    assert_eq!(energy["value"], "13312484.9");
    let maker = f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["obis"] == "129-129:199.130.3*255")
        .unwrap();
    assert_eq!(maker["raw"], "454d48");
    assert_eq!(maker["value"], "454d48");
    assert_eq!(doc["summary"]["frames_ok"], 1);
    insta::assert_json_snapshot!("EMH_eHZ-HW8E2A5L0EK2P_2", doc);
}

#[test]
fn d0_values_are_the_text_as_sent() {
    let doc = json(&[
        "decode",
        fixture("d0/smartmeter-obis_testSerialRequestResponseD0WithAck2.txt")
            .to_str()
            .unwrap(),
        "--json",
    ]);
    assert_eq!(doc["protocol"], "d0");
    let f = &doc["frames"][0];
    assert_eq!(f["status"], "ok");
    assert!(f["crc"].is_null());
    let v = f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["obis"] == "1-0:1.8.0*255")
        .unwrap();
    assert_eq!(v["raw"], "0008048.375");
    assert_eq!(v["value"], "0008048.375");
    assert_eq!(v["unit"], "kWh");
    assert!(v["unit_code"].is_null() && v["scaler"].is_null());
}

#[test]
fn hex_write_pos_and_dzg_flags() {
    let hex = fixture("sml-synthetic/SmlLib_test_Frame_Issue_8_FIXED_kermitCRC.hex");
    let doc = json(&["decode", hex.to_str().unwrap(), "--json", "--hex"]);
    assert_eq!(doc["frames"][0]["crc"], "kermit");
    assert!(doc["frames"][0]["quirks"]
        .as_array()
        .unwrap()
        .contains(&Value::from("kermit_crc")));

    let dzg = fixture("sml/DZG_DVS-7412.2_jmberg.bin");
    let power = |doc: &Value| {
        doc["frames"][0]["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["obis"] == "1-0:16.7.0*255")
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(
        power(&json(&["decode", dzg.to_str().unwrap(), "--json"])),
        "-299.12"
    );
    let fixed = json(&["decode", dzg.to_str().unwrap(), "--json", "--fix-dzg"]);
    assert_eq!(power(&fixed), "356.24");
    assert!(fixed["frames"][0]["quirks"]
        .as_array()
        .unwrap()
        .contains(&Value::from("dzg_sign_repaired")));

    let rotated = json(&[
        "decode",
        dzg.to_str().unwrap(),
        "--json",
        "--write-pos",
        "100",
    ]);
    assert_eq!(rotated["rotation"], 100);
    assert_eq!(rotated["seam"]["kind"], "write_position");
    assert_eq!(
        rotated["summary"]["frames_ok"], 0,
        "a single frame rotated at 100 is cut in two"
    );
}

/// Asserts that the readable report of the fixture `rel` contains every one of `needles`.
fn assert_report_contains(rel: &str, needles: &[&str]) {
    let out = run(&["decode", fixture(rel).to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in needles {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn readable_report() {
    assert_report_contains(
        "sml/EasyMeter_Q3A_A1064V1009.bin",
        &[
            "4096 bytes, SML, 9 frames",
            "ok 4 · crc_mismatch 3 · truncated 2 (start 1, end 1)",
            "meter: 1 ESY11 6223 2997",
            "transport CRC mismatch: read d37b, computed 0958 at byte 943",
            "2941647.1626 Wh",
        ],
    );
}

/// Counts of one read in the singular (a capture of a single frame).
#[test]
fn readable_report_of_one_frame() {
    assert_report_contains(
        "sml/DZG_DVS-7412.2_jmberg.bin",
        &[
            "256 bytes, SML, 1 frame\n",
            "1 telegram received intact\n",
            "1-0:1.8.0*255               1 point   5430157.7 → 5430157.7 Wh",
            "The meter sends no per-phase values\n",
        ],
    );
}

#[test]
fn bad_input_gives_one_line_and_a_non_zero_exit() {
    let out = run(&["decode", "/nonexistent/dump.bin"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot read /nonexistent/dump.bin"));

    let dir = std::env::temp_dir().join(format!("ww-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad_hex = dir.join("bad.hex");
    std::fs::write(&bad_hex, "1b1b 1b1b zz").unwrap();
    let out = run(&["decode", bad_hex.to_str().unwrap(), "--hex"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1);
    assert!(err.contains("not a hex digit: 'z' at byte 10"), "{err}");

    let out = run(&[
        "decode",
        fixture("sml/EMH_eHZ361L5R.bin").to_str().unwrap(),
        "--write-pos",
        "5000",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("write position 5000 is outside the 220-byte dump"));

    // Any byte content gives a report.
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (name, bytes) in [
        ("noise.bin", noise),
        ("empty.bin", Vec::new()),
        ("zeros.bin", vec![0; 512]),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = run(&["decode", p.to_str().unwrap()]);
        // Decoded, but nothing intact: exit code 3, so that scripts can tell.
        assert_eq!(out.status.code(), Some(3), "{name}");
        let out = run(&["decode", p.to_str().unwrap(), "--json"]);
        assert_eq!(out.status.code(), Some(3), "{name}");
        check_contract(&serde_json::from_slice(&out.stdout).unwrap());
    }
    let zeros = run(&["decode", dir.join("zeros.bin").to_str().unwrap(), "--json"]);
    let doc: Value = serde_json::from_slice(&zeros.stdout).unwrap();
    assert_eq!(doc["protocol"], "empty");
    std::fs::remove_dir_all(&dir).ok();
}

/// The report in German, on a real capture with checksum errors and cut edges (snapshot), and
/// chosen by the locale as well as by `--lang`.
#[test]
fn readable_report_in_german() {
    let file = fixture("sml/EasyMeter_Q3A_A1064V1009.bin");
    let file = file.to_str().unwrap();
    let out = run(&["decode", file, "--lang", "de"]);
    assert!(out.status.success());
    let german = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(
        "EasyMeter_Q3A_report_de",
        german.replace(file, "EasyMeter_Q3A_A1064V1009.bin")
    );
    for needle in [
        "4096 Bytes, SML, 9 Telegramme",
        "in Ordnung 4 · Prüfsummenfehler 3 · abgeschnitten 2 (Anfang 1, Ende 1)",
        "CRC-Fehlerrate: 42,9 %",
        "Transport-CRC falsch: gelesen d37b, berechnet 0958 bei Byte 943",
        "Befunde:",
    ] {
        assert!(german.contains(needle), "missing {needle:?} in\n{german}");
    }

    // The last one is not valid UTF-8, and is still read.
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    for (var, value) in [
        ("LANG", OsStr::new("de_DE.UTF-8")),
        ("LC_MESSAGES", OsStr::new("de_AT.UTF-8")),
        ("LC_ALL", OsStr::new("de_CH")),
        ("LANG", OsStr::from_bytes(b"de_DE.UTF-8\xff")),
    ] {
        let out = common::wattwaechter()
            .env(var, value)
            .args(["decode", file])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            german,
            "{var}={value:?}"
        );
    }
    let out = common::wattwaechter()
        .env("LANG", "de_DE.UTF-8")
        .args(["decode", file, "--lang", "en"])
        .output()
        .unwrap();
    let english = String::from_utf8(out.stdout).unwrap();
    assert!(english.contains("CRC error rate: 42.9 %"), "{english}");

    // JSON keeps the ids and arguments next to the German text.
    let doc = json(&["decode", file, "--json", "--lang", "de"]);
    let crc = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "crc_errors")
        .unwrap();
    assert_eq!(crc["title_id"], "finding.crc_errors.title");
    assert_eq!(crc["args"]["percent"], 42.9);
    assert_eq!(
        crc["title"],
        "42,9 % der vollständigen Telegramme haben einen Prüfsummenfehler"
    );
    let error = doc["frames"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|f| {
            f["error"]
                .as_object()
                .filter(|e| e["kind"] == "transport_crc")
        })
        .unwrap();
    assert_eq!(error["id"], "sml.transport_crc");
    assert_eq!(error["args"]["read"], "d37b");
}

/// `--hex` reads the formats people paste captures in, detects which and says so: the frames
/// are those of the raw capture.
#[test]
fn hex_reads_xxd_hexdump_tasmota_and_log_lines() {
    let raw = json(&[
        "decode",
        fixture("sml/EasyMeter_Q3A_A1064V1009.bin")
            .to_str()
            .unwrap(),
        "--json",
    ]);
    for (file, said) in [
        (
            "import/EasyMeter_Q3A.xxd.txt",
            "read as xxd output, 256 lines with bytes",
        ),
        (
            "import/EasyMeter_Q3A.hexdump-C.txt",
            "read as hexdump -C output, 257 lines with bytes",
        ),
        (
            "import/EasyMeter_Q3A.tasmota.txt",
            "read as Tasmota SML dump, 131 lines with bytes",
        ),
        (
            "import/EasyMeter_Q3A.log.txt",
            "read as log lines with hex, 9 lines with bytes",
        ),
    ] {
        let path = fixture(file);
        let path = path.to_str().unwrap();
        let out = run(&["decode", path, "--hex", "--json"]);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).trim(),
            format!("{path}: {said}")
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["frames"], raw["frames"], "{file}");
        let text = run(&["decode", path, "--hex"]);
        let first = String::from_utf8(text.stdout).unwrap();
        let first = first.lines().next().unwrap().to_string();
        assert!(
            first.starts_with(&format!("{path} ({said}): 4096 bytes, SML, 9 frames")),
            "{first}"
        );
        assert!(text.stderr.is_empty());
    }
    // A line lost in copying is an error that names it.
    let dir = std::env::temp_dir().join(format!("ww-cli-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(fixture("import/EasyMeter_Q3A.hexdump-C.txt")).unwrap();
    let cut: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("00000020"))
        .collect();
    let cut_path = dir.join("cut.txt");
    std::fs::write(&cut_path, cut.join("\n")).unwrap();
    let out = run(&["decode", cut_path.to_str().unwrap(), "--hex"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("hexdump -C output, line 3: offset 0x30 where 0x20 bytes were read (a line is missing or repeated)"),
        "{err}"
    );
}

/// `explain`: the JSON contract (frames with their spans covering each frame exactly once, in
/// order), `--frame` and `--offset`, and the text tree.
#[test]
fn explain_prints_every_byte_of_a_frame() {
    let path = fixture("sml/EasyMeter_Q3A_A1064V1009.bin");
    let path = path.to_str().unwrap();
    let doc = json(&["explain", path, "--format", "json"]);
    let frames = doc["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 9);
    for f in frames {
        let (offset, length) = (f["offset"].as_u64().unwrap(), f["length"].as_u64().unwrap());
        let mut at = offset;
        for s in f["spans"].as_array().unwrap() {
            assert_eq!(s["start"].as_u64().unwrap(), at);
            at = s["end"].as_u64().unwrap();
            for key in ["path", "type"] {
                assert!(s[key].is_string(), "{s}");
            }
            assert!(
                s.get("meaning").is_some() && s.get("verdict").is_some(),
                "{s}"
            );
        }
        assert_eq!(at, offset + length);
    }
    let one = json(&["explain", path, "--format", "json", "--frame", "2"]);
    assert_eq!(one["frames"].as_array().unwrap().len(), 1);
    assert_eq!(one["frames"][0]["index"], 2);
    let at = json(&["explain", path, "--format", "json", "--offset", "1000"]);
    assert_eq!(at["frames"][0], one["frames"][0]);
    let crc = one["frames"][0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == "transport.crc")
        .unwrap();
    assert_eq!(crc["verdict"]["check"], "transport_crc");
    assert_eq!(crc["verdict"]["ok"], true);
    let text = run(&["explain", path, "--frame", "2", "--lang", "en"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("frame 2 @945, 504 bytes, ok\n"), "{text}");
    assert!(text.contains("\n   1112  00000006d95b952e "), "{text}");
    assert!(text.contains("Integer64 = 2941646.1614 Wh"), "{text}");
    let out = run(&["explain", path, "--frame", "9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has 9 frames (0 to 8), no frame 9"));
}
