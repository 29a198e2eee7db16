//! Every D0 capture in `tests/fixtures/d0/` (from the smartmeter-obis test suite).

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
