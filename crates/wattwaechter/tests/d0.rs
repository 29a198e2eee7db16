//! Every D0 capture in `tests/fixtures/d0/` (from the smartmeter-obis and dsmr_parser test
//! suites), and the DSMR CRC on good and altered telegrams.

mod common;

use common::{fixtures, read_fixture};
use wattwaechter::d0::{self, Bcc, Control, Framing, TelegramStatus};

struct Expect {
    file: &'static str,
    statuses: &'static [TelegramStatus],
    maker: &'static str,
    framing: Framing,
    data_sets: usize,
    controls: usize,
}

use wattwaechter::status::Status::*;

const EXPECT: &[Expect] = &[
    // Hand-assembled test vectors whose BCC was never checked by their source.
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0-20.txt",
        statuses: &[CrcMismatch],
        maker: "SIE",
        framing: Framing::Block,
        data_sets: 50,
        controls: 0,
    },
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0End.txt",
        statuses: &[CrcMismatch],
        maker: "LGZ",
        framing: Framing::Block,
        data_sets: 51,
        controls: 0,
    },
    // Captures that end after '!' without ETX and BCC.
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0ModeDAck.txt",
        statuses: &[TruncatedEnd],
        maker: "ELS",
        framing: Framing::Block,
        data_sets: 5,
        controls: 1,
    },
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0ModeE.txt",
        statuses: &[TruncatedEnd],
        maker: "ACE",
        framing: Framing::Block,
        data_sets: 5,
        controls: 0,
    },
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0ModeOverwrite.txt",
        statuses: &[TruncatedEnd],
        maker: "ITR",
        framing: Framing::Block,
        data_sets: 21,
        controls: 1,
    },
    // Iskra MT174, mode C with a valid BCC.
    Expect {
        file: "smartmeter-obis_testSerialRequestResponseD0WithAck2.txt",
        statuses: &[Ok],
        maker: "ISk",
        framing: Framing::Block,
        data_sets: 343,
        controls: 1,
    },
    // DSMR 4.2 (Kaifa), its CRC-16 matches.
    Expect {
        file: "dsmr_parser_KFM5KAIFA-METER_DSMR42.txt",
        statuses: &[Ok],
        maker: "KFM",
        framing: Framing::Plain,
        data_sets: 33,
        controls: 0,
    },
    // DSMR 5.0 edited after its CRC was written: a checksum error.
    Expect {
        file: "dsmr_parser_ISk5-2MT382_DSMR50_edited.txt",
        statuses: &[CrcMismatch],
        maker: "ISk",
        framing: Framing::Plain,
        data_sets: 37,
        controls: 0,
    },
    // EMH eHZ push mode D, two telegrams.
    Expect {
        file: "smartmeter-obis_testSerialResponseD0FastSend.txt",
        statuses: &[Ok, Ok],
        maker: "EMH",
        framing: Framing::Plain,
        data_sets: 4,
        controls: 0,
    },
];

#[test]
fn every_capture_is_expected() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures().join("d0"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let mut expected: Vec<&str> = EXPECT.iter().map(|e| e.file).collect();
    expected.sort();
    assert_eq!(files, expected);
}

#[test]
fn telegrams_match_the_expectations() {
    for e in EXPECT {
        let bytes = read_fixture(&format!("d0/{}", e.file));
        assert!(d0::looks_like_d0(&bytes), "{}", e.file);
        let c = d0::parse(&bytes);
        let statuses: Vec<_> = c.telegrams.iter().map(|t| t.status).collect();
        assert_eq!(
            statuses,
            e.statuses,
            "{}: {:?}",
            e.file,
            c.telegrams.iter().map(|t| &t.error).collect::<Vec<_>>()
        );
        for t in &c.telegrams {
            assert_eq!(
                t.identification.as_ref().unwrap().manufacturer,
                e.maker,
                "{}",
                e.file
            );
            assert_eq!(t.framing, e.framing, "{}", e.file);
            assert_eq!(t.data.len(), e.data_sets, "{}", e.file);
            assert!(t.data.iter().all(|d| !d.values.is_empty()), "{}", e.file);
        }
        assert_eq!(c.control.len(), e.controls, "{}", e.file);
        assert!(!c.parity_stripped);
    }
}

#[test]
fn values_keep_their_exact_text() {
    let c = d0::parse(&read_fixture(
        "d0/smartmeter-obis_testSerialRequestResponseD0WithAck2.txt",
    ));
    let t = &c.telegrams[0];
    assert_eq!(t.bcc, Bcc::Ok);
    let find = |addr: &str| t.data.iter().find(|d| d.address == addr).unwrap();
    let e = find("1-0:1.8.0*255");
    assert_eq!(e.values[0].value, "0008048.375");
    assert_eq!(e.values[0].unit.as_deref(), Some("kWh"));
    assert_eq!(e.obis.unwrap().to_string(), "1-0:1.8.0*255");
    let max = find("1-0:1.6.0*255");
    assert_eq!(max.values.len(), 2);
    assert_eq!(max.values[1].value, "1703100930");
    assert_eq!(
        find("0-0:C.1.0*255").obis.unwrap().to_string(),
        "0-0:96.1.0*255"
    );
    assert!(matches!(c.control[0], Control::Ack { ref options, .. } if options == "050"));
    let fast = d0::parse(&read_fixture(
        "d0/smartmeter-obis_testSerialResponseD0FastSend.txt",
    ));
    let readings: Vec<_> = fast
        .telegrams
        .iter()
        .map(|t| t.data[1].values[0].value.as_str())
        .collect();
    assert_eq!(readings, ["032942.0231", "032942.0234"]);
}

/// A snapshot of every D0 capture, one line per data line; one run reports every one that
/// changed.
#[test]
fn snapshots() {
    insta::glob!("../../../tests/fixtures", "d0/*.txt", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        let c = d0::parse(&read_fixture(&format!("d0/{name}")));
        insta::assert_snapshot!(common::render_d0(&c));
    });
}

const DSMR42: &str = "d0/dsmr_parser_KFM5KAIFA-METER_DSMR42.txt";

#[test]
fn a_dsmr_crc_that_matches_is_ok_with_both_values() {
    let c = d0::parse(&read_fixture(DSMR42));
    let t = &c.telegrams[0];
    assert_eq!(t.status, Ok);
    let crc = t.crc16.expect("a DSMR CRC");
    assert_eq!((crc.read, crc.computed), (0x6796, 0x6796));
    assert!(crc.ok());
    assert_eq!(
        t.range.end,
        read_fixture(DSMR42).len(),
        "the CRC and CRLF belong to it"
    );
    assert_eq!(wattwaechter::crc::crc16_arc(b"123456789"), 0xBB3D);
}

#[test]
fn a_dsmr_telegram_with_one_digit_changed_is_a_checksum_error() {
    let good = read_fixture(DSMR42);
    let text = String::from_utf8(good.clone()).unwrap();
    let bang = text.find('!').unwrap();
    let mut changed = 0;
    // Every digit inside a value, one at a time, raised by one (9 becomes 0).
    let values: Vec<usize> = text[..bang]
        .char_indices()
        .filter(|&(i, ch)| ch.is_ascii_digit() && text[..i].rfind('(') > text[..i].rfind(')'))
        .map(|(i, _)| i)
        .collect();
    assert!(values.len() > 300, "{}", values.len());
    for i in values {
        let mut bytes = good.clone();
        bytes[i] = if bytes[i] == b'9' { b'0' } else { bytes[i] + 1 };
        let c = d0::parse(&bytes);
        let t = &c.telegrams[0];
        assert_eq!(t.status, CrcMismatch, "digit at {i}");
        let crc = t.crc16.unwrap();
        assert_eq!(crc.read, 0x6796);
        assert_ne!(crc.computed, 0x6796);
        let e = t.error.as_ref().unwrap();
        assert_eq!(e.kind, "crc16_mismatch");
        assert_eq!(e.offset, bang + 1);
        assert_eq!(
            e.message,
            format!(
                "DSMR CRC 6796, computed {:04x} at byte {}",
                crc.computed,
                bang + 1
            )
        );
        changed += 1;
    }
    // And the damaged telegrams count in the dump's checksum error rate.
    let mut dump = good.clone();
    let mut damaged = good.clone();
    let digit = text.find("001581.123").unwrap() + 3;
    damaged[digit] = b'6';
    dump.extend_from_slice(&damaged);
    dump.extend_from_slice(&good);
    let report = wattwaechter::dump::decode(&dump, &Default::default()).unwrap();
    let statuses: Vec<_> = report.frames.iter().map(|f| f.status).collect();
    assert_eq!(statuses, [Ok, CrcMismatch, Ok]);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.title_id == "finding.crc_errors.title"),
        "{:?}",
        report.findings
    );
    assert!(changed > 300);
}

#[test]
fn a_dsmr_crc_in_lower_case_or_at_the_very_end_is_read() {
    let good = read_fixture(DSMR42);
    let lower = String::from_utf8(good.clone())
        .unwrap()
        .replace("!6796", "!6796".to_lowercase().as_str());
    assert_eq!(d0::parse(lower.as_bytes()).telegrams[0].status, Ok);
    let cut = &good[..good.len() - 2];
    let t = &d0::parse(cut).telegrams[0];
    assert_eq!((t.status, t.range.end), (Ok, cut.len()));
    // Three digits are no CRC: the telegram ends at `!` without one.
    let three = String::from_utf8(good.clone())
        .unwrap()
        .replace("!6796", "!679");
    let t = &d0::parse(three.as_bytes()).telegrams[0];
    assert_eq!(t.crc16, None);
}
