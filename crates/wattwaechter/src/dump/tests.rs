use super::*;
use crate::sml::encode;
use crate::sml::types::Message;
use crate::sml::types::*;
use alloc::vec;

const SERVER: &[u8] = &[0x0a, 0x01, b'E', b'M', b'H', 0x00, 0x00, 0x00, 0x30, 0x39];

/// An SML file like a meter sends: OpenResponse, GetListResponse (energy, power, flag),
/// CloseResponse.
fn meter_frame(seconds: u32, energy: u64, power: i64) -> Vec<u8> {
    let m = Message::new;
    let entry = ListEntry::reading;
    encode::file(&[
        m(
            b"1",
            MessageBody::OpenResponse(OpenResponse {
                codepage: None,
                client_id: None,
                req_file_id: b"f",
                server_id: SERVER,
                ref_time: None,
                sml_version: None,
            }),
        ),
        m(
            b"2",
            MessageBody::GetListResponse(GetListResponse {
                act_sensor_time: Some(Time::SecIndex(seconds)),
                ..GetListResponse::readings(
                    SERVER,
                    vec![
                        entry(&[1, 0, 96, 50, 1, 1], None, None, Value::Bytes(b"EMH")),
                        entry(
                            &[1, 0, 1, 8, 0, 255],
                            Some(30),
                            Some(-1),
                            Value::Uint {
                                value: energy,
                                width: 8,
                            },
                        ),
                        entry(
                            &[1, 0, 16, 7, 0, 255],
                            Some(27),
                            Some(0),
                            Value::Int {
                                value: power,
                                width: 4,
                            },
                        ),
                    ],
                )
            }),
        ),
        m(
            b"3",
            MessageBody::CloseResponse(CloseResponse {
                global_signature: None,
            }),
        ),
    ])
}

fn stream(n: u32) -> Vec<u8> {
    (0..n)
        .flat_map(|i| meter_frame(100 + 2 * i, 1000 + u64::from(i), -5 + i64::from(i)))
        .collect()
}

fn statuses(r: &Report) -> Vec<&'static str> {
    r.frames.iter().map(|f| f.status.as_str()).collect()
}

#[test]
fn linear_sml_dump() {
    let bytes = stream(4);
    let r = decode(&bytes, &DumpOptions::default()).unwrap();
    assert_eq!(r.protocol, Protocol::Sml);
    assert_eq!(r.rotation, 0);
    assert_eq!(r.seam, None);
    assert_eq!(statuses(&r), ["ok"; 4]);
    assert!(r.gaps.is_empty());
    let s = &r.summary;
    assert_eq!(
        (s.frames_ok, s.frames_crc_mismatch, s.frames_truncated),
        (4, 0, 0)
    );
    assert_eq!(s.crc_error_rate, Some(0.0));
    let meter = s.meter.as_ref().unwrap();
    assert_eq!(meter.id.as_deref(), Some("1 EMH00 0001 2345"));
    assert_eq!(meter.manufacturer.as_deref(), Some("EMH"));
    assert_eq!(s.obis, ["1-0:96.50.1*1", "1-0:1.8.0*255", "1-0:16.7.0*255"]);
    assert_eq!(s.series.len(), 2);
    let energy: Vec<_> = s.series[0]
        .points
        .iter()
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(energy, ["100.0", "100.1", "100.2", "100.3"]);
    assert_eq!(s.series[1].unit.as_deref(), Some("W"));
    assert_eq!(s.interval_seconds, Some(2.0));
    assert_eq!(
        r.frames[0].values[1].name,
        Some("Active energy import (A+), total")
    );
}

#[test]
fn write_position_unrotates() {
    let bytes = stream(5);
    let pos = bytes.len() / 2 + 3;
    // The raw circular array: oldest data at pos.
    let raw: Vec<u8> = bytes[bytes.len() - pos..]
        .iter()
        .chain(&bytes[..bytes.len() - pos])
        .copied()
        .collect();
    let r = decode(
        &raw,
        &DumpOptions {
            write_pos: Some(pos),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.rotation, pos);
    assert_eq!(
        r.seam,
        Some(Seam {
            kind: SeamKind::WritePosition,
            offset: pos
        })
    );
    assert_eq!(statuses(&r), ["ok"; 5]);
    assert!(decode(
        &raw,
        &DumpOptions {
            write_pos: Some(raw.len()),
            ..Default::default()
        }
    )
    .is_err());
}

#[test]
fn wrap_is_detected_without_the_write_position() {
    let bytes = stream(5);
    // Cut inside the third frame and swap: the array's end splits a frame.
    let frame_len = meter_frame(0, 0, 0).len();
    let cut = 2 * frame_len + 37;
    let raw: Vec<u8> = bytes[cut..].iter().chain(&bytes[..cut]).copied().collect();
    let plain = decode(&raw, &DumpOptions::default()).unwrap();
    assert_eq!(
        plain.seam,
        Some(Seam {
            kind: SeamKind::Wrap,
            offset: raw.len() - 37
        })
    );
    assert_eq!(plain.rotation, raw.len() - 37);
    assert_eq!(statuses(&plain), ["ok"; 5]);
}

#[test]
fn zero_filled_tail_is_a_gap_and_empty_dumps_are_empty() {
    let mut bytes = stream(2);
    let used = bytes.len();
    bytes.resize(used + 100, 0);
    let r = decode(&bytes, &DumpOptions::default()).unwrap();
    assert_eq!(
        r.gaps,
        [Gap {
            offset: used,
            length: 100,
            zero_fill: true
        }]
    );
    for empty in [&[][..], &[0u8; 64][..], &[0xffu8; 64][..]] {
        let r = decode(empty, &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::Empty);
        assert!(r.frames.is_empty());
    }
    let r = decode(b"\x01\x02\x03 random binary \xfe", &DumpOptions::default()).unwrap();
    assert_eq!(r.protocol, Protocol::Unknown);
    assert_eq!(r.gaps.len(), 1);
}

#[test]
fn d0_dump() {
    let t = b"48.375*kWh)\r\n!\r\n/EMH5eHZ\r\n\r\n1-0:1.8.0*255(000123.4567*kWh)\r\n1-0:16.7.0*255(000456*W)\r\n!\r\n/EMH5eHZ\r\n\r\n1-0:1.8.0*255(000123.4569*kWh)\r\n1-0:16.7.0*255(000460*W)\r\n!\r\n/EMH5eH";
    let r = decode(t, &DumpOptions::default()).unwrap();
    assert_eq!(r.protocol, Protocol::D0);
    assert_eq!(
        statuses(&r),
        ["truncated_start", "ok", "ok", "truncated_end"]
    );
    let v = &r.frames[1].values[0];
    assert_eq!(v.obis, "1-0:1.8.0*255");
    assert_eq!(v.raw, RawValue::Text("000123.4567".into()));
    assert_eq!(v.unit.as_deref(), Some("kWh"));
    assert_eq!(v.unit_code, None);
    assert_eq!(r.frames[1].crc, None);
    let s = &r.summary;
    assert_eq!(
        s.meter.as_ref().unwrap().manufacturer.as_deref(),
        Some("EMH")
    );
    assert_eq!(s.series[0].points.len(), 2);
    assert_eq!(s.series[1].points[1].value, "000460");
    // Push mode D has no block check: nothing can be said about damage.
    assert_eq!(
        r.frames[1].quirks.iter().collect::<Vec<_>>(),
        [crate::quirk::Quirk::NoBcc]
    );
    assert_eq!(s.crc_error_rate, None);
    assert!(r.findings.iter().all(|f| f.id != FindingId::CrcErrors));
}

/// D0 telegrams with a block check character count towards the error rate; those without
/// one do not.
#[test]
fn d0_error_rate_counts_checked_telegrams_only() {
    let block = |data: &str, good: bool| {
        let mut t = alloc::format!("/ISk5MT174-0001\r\n\x02{data}!\r\n\x03").into_bytes();
        let bcc = t[t.iter().position(|&b| b == 2).unwrap() + 1..]
            .iter()
            .fold(0u8, |x, b| x ^ b);
        t.push(if good { bcc } else { bcc ^ 1 });
        t
    };
    let plain = b"/EMH5eHZ\r\n\r\n1-0:1.8.0*255(000123.4567*kWh)\r\n!\r\n".to_vec();
    let rate = |telegrams: &[Vec<u8>]| {
        let r = decode(&telegrams.concat(), &DumpOptions::default()).unwrap();
        assert_eq!(r.protocol, Protocol::D0);
        r.summary.crc_error_rate
    };
    let good = block("1.8.0(000123.4*kWh)\r\n", true);
    let bad = block("1.8.0(000123.5*kWh)\r\n", false);
    assert_eq!(rate(&[good.clone(), good.clone()]), Some(0.0));
    assert_eq!(rate(&[good.clone(), bad.clone()]), Some(0.5));
    assert_eq!(rate(&[good, bad, plain.clone(), plain.clone()]), Some(0.5));
    assert_eq!(rate(&[plain.clone(), plain]), None);
}

#[test]
fn findings_in_plain_words() {
    let ids = |r: &Report| r.findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let good = decode(&stream(4), &DumpOptions::default()).unwrap();
    assert!(ids(&good).contains(&FindingId::Receiving));
    assert!(good.findings.iter().all(|f| f.severity <= Severity::Info));
    let empty = decode(&[0u8; 64], &DumpOptions::default()).unwrap();
    assert_eq!(ids(&empty), [FindingId::NoData]);
    let noise = decode(b"\x01\x02 random", &DumpOptions::default()).unwrap();
    assert_eq!(ids(&noise), [FindingId::NoStartSequence]);
    let mut bad = stream(6);
    for i in (40..bad.len()).step_by(97) {
        bad[i] ^= 0x40;
    }
    let r = decode(&bad, &DumpOptions::default()).unwrap();
    assert!(
        ids(&r)
            .iter()
            .any(|i| matches!(i, FindingId::CrcErrors | FindingId::NoGoodFrame)),
        "{:?}",
        ids(&r)
    );
    assert!(
        r.findings[0].severity >= Severity::Warning,
        "most severe first"
    );
    let csv = to_csv(&good);
    assert!(csv.starts_with("frame;offset;status;obis;name;value;unit;raw\n"));
    assert!(csv.contains(";1-0:1.8.0*255;Active energy import (A+), total;100.0;Wh;1000\n"));
}

/// The cut-edges finding names the edges that cut a telegram; a telegram between two others
/// that lost its start sequence is a warning, not an edge.
#[test]
fn cut_telegrams_at_the_edges_and_inside() {
    let finding = |bytes: &[u8], id: FindingId| {
        decode(bytes, &DumpOptions::default())
            .unwrap()
            .findings
            .into_iter()
            .find(|f| f.id == id)
            .map(|f| (f.severity, f.title))
    };
    let whole = stream(4);
    let one = meter_frame(100, 1000, -5).len();
    assert_eq!(finding(&whole, FindingId::CutEdges), None);
    assert_eq!(
        finding(&whole[50..], FindingId::CutEdges),
        Some((
            Severity::Info,
            "The first telegram is cut by the buffer's start".into()
        ))
    );
    assert_eq!(
        finding(&whole[..whole.len() - 50], FindingId::CutEdges),
        Some((
            Severity::Info,
            "The last telegram is cut by the buffer's end".into()
        ))
    );
    // Cut at both ends (and not one frame across the join: the halves are of different frames).
    let both = &whole[50..whole.len() - one - 50];
    assert_eq!(
        finding(both, FindingId::CutEdges),
        Some((
            Severity::Info,
            "The first and last telegrams are cut by the buffer's edges".into()
        ))
    );
    assert_eq!(finding(both, FindingId::LostBoundary), None);
    // The second frame's start sequence damaged: it ends without a start, between two others.
    let mut damaged = whole.clone();
    damaged[one + 2] ^= 0x40;
    let r = decode(&damaged, &DumpOptions::default()).unwrap();
    assert_eq!(statuses(&r), ["ok", "truncated_start", "ok", "ok"]);
    assert_eq!(
        finding(&damaged, FindingId::LostBoundary),
        Some((
            Severity::Warning,
            "1 telegram lost its start or end sequence".into()
        ))
    );
    assert_eq!(finding(&damaged, FindingId::CutEdges), None);
}
