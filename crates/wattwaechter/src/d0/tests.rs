use super::*;
use alloc::vec;

fn statuses(c: &D0Capture) -> Vec<TelegramStatus> {
    c.telegrams.iter().map(|t| t.status).collect()
}

fn block(data: &[u8]) -> Vec<u8> {
    // identification, STX, data, ETX, BCC
    let mut out = b"/ISk5MT174-0001\r\n\x02".to_vec();
    out.extend_from_slice(data);
    out.push(0x03);
    let bcc = data.iter().chain([0x03u8].iter()).fold(0, |a, b| a ^ b);
    out.push(bcc);
    out
}

#[test]
fn mode_c_block_with_a_valid_bcc() {
    let t =
        block(b"1-0:1.8.0*255(0008048.375*kWh)\r\n1-0:1.6.0*255(02.468*kW)(1703100930)\r\n!\r\n");
    let c = parse(&t);
    assert_eq!(statuses(&c), [TelegramStatus::Ok]);
    let tg = &c.telegrams[0];
    assert_eq!(tg.range, 0..t.len());
    assert_eq!(tg.bcc, Bcc::Ok);
    assert_eq!(tg.framing, Framing::Block);
    let id = tg.identification.as_ref().unwrap();
    assert_eq!(
        (id.manufacturer.as_str(), id.baud, id.ident.as_str()),
        ("ISk", '5', "MT174-0001")
    );
    assert_eq!(id.baud_rate(), Some(9600));
    assert_eq!(tg.data[0].address, "1-0:1.8.0*255");
    assert_eq!(tg.data[0].obis, Some(Obis::new(1, 0, 1, 8, 0, 255)));
    assert_eq!(
        tg.data[0].values,
        [D0Value {
            value: "0008048.375".into(),
            unit: Some("kWh".into())
        }]
    );
    assert_eq!(tg.data[1].values.len(), 2);
    assert_eq!(
        tg.data[1].values[1],
        D0Value {
            value: "1703100930".into(),
            unit: None
        }
    );
}

#[test]
fn a_wrong_bcc_is_a_mismatch_with_both_values() {
    let mut t = block(b"1.8.0(000285.4*kWh)\r\n!\r\n");
    let n = t.len();
    t[n - 1] ^= 0x10;
    let c = parse(&t);
    assert_eq!(statuses(&c), [TelegramStatus::CrcMismatch]);
    assert!(matches!(c.telegrams[0].bcc, Bcc::Mismatch { .. }));
    assert_eq!(c.telegrams[0].error.as_ref().unwrap().offset, n - 1);
    // The values are still reported.
    assert_eq!(c.telegrams[0].data[0].values[0].value, "000285.4");
}

#[test]
fn reduced_codes_empty_values_and_several_sets_per_line() {
    let t = b"/EMH5----eHZ-E0018E\r\n\r\nF.F(00)C.1.0(1234)1.8.0()6.8(0029.055*MWh)9.4(088*C&082*C)\r\n!\r\n";
    let c = parse(t);
    assert_eq!(statuses(&c), [TelegramStatus::Ok]);
    let tg = &c.telegrams[0];
    assert_eq!(tg.framing, Framing::Plain);
    assert_eq!(tg.bcc, Bcc::Absent);
    let addresses: Vec<_> = tg.data.iter().map(|d| d.address.as_str()).collect();
    assert_eq!(addresses, ["F.F", "C.1.0", "1.8.0", "6.8", "9.4"]);
    assert_eq!(tg.data[0].obis, Some(Obis::new(1, 0, 97, 97, 0, 255)));
    assert_eq!(tg.data[1].obis, Some(Obis::new(1, 0, 96, 1, 0, 255)));
    assert_eq!(
        tg.data[2].values,
        [D0Value {
            value: "".into(),
            unit: None
        }]
    );
    assert_eq!(tg.data[4].values[0].value, "088*C&082");
    assert_eq!(tg.data[4].values[0].unit.as_deref(), Some("C"));
}

#[test]
fn requests_and_acks_are_listed() {
    let mut t = b"/?!\r\n".to_vec();
    t.extend(b"/ABC5xyz\r\n\x06050\r\n\x02");
    t.extend(b"1.8.0(1*kWh)\r\n!\r\n\x03");
    let bcc = b"1.8.0(1*kWh)\r\n!\r\n\x03".iter().fold(0u8, |a, b| a ^ b);
    t.push(bcc);
    let c = parse(&t);
    assert_eq!(statuses(&c), [TelegramStatus::Ok]);
    assert_eq!(
        c.control,
        vec![
            Control::Request {
                range: 0..5,
                address: "".into()
            },
            Control::Ack {
                range: 15..21,
                options: "050".into()
            },
        ]
    );
}

#[test]
fn windows_cut_at_both_ends_and_restarts() {
    let mut t = b"48.375*kWh)\r\n1-0:2.8.0*255(0000000.000*kWh)\r\n!\r\n".to_vec();
    t.extend(b"/EMH5eHZ\r\n\r\n1.8.0(1)\r\n"); // aborted by the next identification
    t.extend(b"/EMH5eHZ\r\n\r\n1.8.0(2)\r\n2.8.0(3");
    let c = parse(&t);
    assert_eq!(
        statuses(&c),
        [
            TelegramStatus::TruncatedStart,
            TelegramStatus::Aborted,
            TelegramStatus::TruncatedEnd
        ]
    );
    assert_eq!(c.telegrams[0].range.start, 0);
    assert_eq!(c.telegrams[0].data[0].address, "1-0:2.8.0*255");
    assert_eq!(c.telegrams[1].error.as_ref().unwrap().kind, "restarted");
    assert_eq!(c.telegrams[2].data.len(), 1);
    assert_eq!(c.telegrams[2].range.end, t.len());
}

#[test]
fn syntax_errors_are_malformed_with_offsets_and_parsing_goes_on() {
    let t = b"/EMH5eHZ\r\n\r\n1.8.0(1\r\nnoparen\r\n2.8.0(5*kWh)\r\n!\r\n";
    let c = parse(t);
    assert_eq!(statuses(&c), [TelegramStatus::Malformed]);
    let e = c.telegrams[0].error.as_ref().unwrap();
    assert_eq!(e.kind, "unclosed_value");
    assert_eq!(e.offset, 17);
    assert_eq!(c.telegrams[0].data.last().unwrap().address, "2.8.0");
}

#[test]
fn parity_bits_are_stripped() {
    let plain = b"/EMH5eHZ\r\n\r\n1.8.0(12.5*kWh)\r\n!\r\n";
    // Even parity on bit 7.
    let with_parity: Vec<u8> = plain
        .iter()
        .map(|&b| if b.count_ones() % 2 == 1 { b | 0x80 } else { b })
        .collect();
    assert!(with_parity.iter().filter(|&&b| b >= 0x80).count() * 4 > with_parity.len());
    let c = parse(&with_parity);
    assert!(c.parity_stripped);
    assert_eq!(statuses(&c), [TelegramStatus::Ok]);
    assert_eq!(c.telegrams[0].data[0].values[0].value, "12.5");
}

#[test]
fn detection() {
    assert!(looks_like_d0(b"/EMH5eHZ\r\n\r\n1.8.0(1)\r\n!\r\n"));
    assert!(looks_like_d0(b"1.8.0(1)\r\n2.8.0(2)\r\n"));
    assert!(!looks_like_d0(&[
        0x1b, 0x1b, 0x1b, 0x1b, 1, 1, 1, 1, 0x76, 0x05
    ]));
    assert!(!looks_like_d0(b""));
    assert!(!looks_like_d0(b"plain text without data sets"));
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b"("[..],
        b"/",
        b"/?",
        b"/ABC",
        b"/ABC5\r\n\x02",
        b"\x06",
        b"1(",
        b"((((",
        b"/ABC5\r\n!\r\n\x03",
    ] {
        let _ = parse(input);
    }
}

/// An identification line cut by the end of the input is a telegram like any other: it
/// counts towards the frame limit (it once did not, found by the `dump` fuzz target).
#[test]
fn a_cut_identification_counts_towards_the_frame_limit() {
    let input = b"/ISk5MT174-0001\r\n\r\n1.8.0(1)\r\n!\r\n/ISk5MT1";
    let unlimited = parse(input);
    assert_eq!(
        statuses(&unlimited),
        [TelegramStatus::Ok, TelegramStatus::TruncatedEnd]
    );
    let one = parse_with(
        input,
        crate::limits::Limits {
            max_frames: 1,
            max_values: 10,
        },
    );
    assert_eq!(statuses(&one), [TelegramStatus::Ok]);
    assert_eq!(one.truncated.map(|t| t.offset), Some(32));
}
