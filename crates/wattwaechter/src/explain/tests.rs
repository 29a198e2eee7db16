use super::*;
use crate::sml::{decode, DecodeOptions, ReadingValue};
use crate::unit::Unit;
use alloc::format;
use alloc::string::ToString;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    crate::test_fixtures::every_capture()
}

/// On every fixture, each frame's spans cover it exactly once, in order, and every span has a
/// path and a type.
#[test]
fn spans_cover_every_frame_exactly_once() {
    let mut frames = 0;
    for (name, bytes) in fixtures() {
        for f in explain(&bytes, Lang::En) {
            let mut at = f.offset;
            for s in &f.spans {
                assert_eq!(s.start, at, "{name} frame {}: {s:?}", f.index);
                assert!(s.end > s.start, "{name}: {s:?}");
                assert!(!s.path.is_empty() && !s.kind.is_empty(), "{name}: {s:?}");
                at = s.end;
            }
            assert_eq!(at, f.offset + f.length, "{name} frame {}", f.index);
            frames += 1;
        }
    }
    assert!(frames > 200, "{frames}");
}

/// Every value the decoder reports (SML readings with scaler and unit) is a span's meaning, at
/// the path of its list entry's value; intact frames have no unparsed bytes.
#[test]
fn every_decoded_value_is_a_span_meaning() {
    let mut values = 0;
    for (name, bytes) in fixtures()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("d0/"))
    {
        let explained = explain(&bytes, Lang::En);
        for frame in decode(&bytes, &DecodeOptions::default()) {
            let Some(e) = explained.iter().find(|e| e.offset == frame.range.start) else {
                panic!("{name}: frame at {} not explained", frame.range.start);
            };
            if frame.status == crate::status::Status::Ok {
                assert!(
                    e.spans.iter().all(|s| s.path != "unparsed"),
                    "{name} frame at {}: {:?}",
                    e.offset,
                    e.spans.iter().find(|s| s.path == "unparsed")
                );
            }
            let meanings: Vec<&str> = e
                .spans
                .iter()
                .filter(|s| s.path.ends_with(".value"))
                .filter_map(|s| s.meaning.as_deref())
                .collect();
            for r in &frame.readings {
                let want = match &r.value {
                    ReadingValue::Number { value, .. } => match r.unit.and_then(Unit::symbol) {
                        Some(u) => format!("{value} {u}"),
                        None => value.to_string(),
                    },
                    ReadingValue::Bytes { value } if !value.is_empty() => crate::hex::encode(value),
                    _ => continue,
                };
                assert!(
                    meanings.iter().any(|m| m.contains(&want)),
                    "{name} frame at {}: {want} not among {meanings:?}",
                    e.offset
                );
                values += 1;
            }
        }
    }
    assert!(values > 1000, "{values}");
}

/// The same for D0: every value of every data set is the meaning of its value span.
#[test]
fn every_d0_value_is_a_span_meaning() {
    let mut values = 0;
    for (name, bytes) in fixtures().into_iter().filter(|(n, _)| n.starts_with("d0/")) {
        let explained = explain(&bytes, Lang::En);
        for (t, e) in crate::d0::parse(&bytes).telegrams.iter().zip(&explained) {
            assert_eq!(
                (t.range.start, t.range.len()),
                (e.offset, e.length),
                "{name}"
            );
            for (i, set) in t.data.iter().enumerate() {
                for (j, v) in set.values.iter().enumerate() {
                    let want = match &v.unit {
                        Some(u) => format!("{} {u}", v.value),
                        None => v.value.clone(),
                    };
                    let path = format!("data[{i}].value[{j}]");
                    let span = e.spans.iter().find(|s| s.path == path);
                    assert!(
                        span.and_then(|s| s.meaning.as_deref())
                            .is_some_and(|m| m.starts_with(&want)),
                        "{name}: {path} {want:?} {span:?}"
                    );
                    values += 1;
                }
            }
        }
    }
    assert!(values > 500, "{values}");
}

#[test]
fn a_getlist_value_is_named_typed_and_checked() {
    let bytes = crate::test_fixtures::read("sml/EasyMeter_Q3A_A1064V1009.bin");
    let frames = explain(&bytes, Lang::De);
    let ok = frames
        .iter()
        .find(|f| f.status == crate::status::Status::Ok)
        .unwrap();
    let find = |path: &str, tl: bool| {
        ok.spans
            .iter()
            .find(|s| s.path == path && s.kind.starts_with("TL") == tl)
            .unwrap_or_else(|| {
                panic!(
                    "{path}: {:?}",
                    ok.spans.iter().map(|s| &s.path).collect::<Vec<_>>()
                )
            })
    };
    let obj = ok
        .spans
        .iter()
        .find(|s| {
            s.meaning
                .as_deref()
                .is_some_and(|m| m.starts_with("1-0:1.8.0*255: Wirkenergie Bezug"))
        })
        .unwrap();
    assert_eq!(obj.kind, "OctetString");
    assert!(
        obj.path.starts_with("message[1].body.val_list[") && obj.path.ends_with("].obj_name"),
        "{obj:?}"
    );
    let entry = obj.path.trim_end_matches(".obj_name");
    let value = find(&format!("{entry}.value"), false);
    assert_eq!(value.meaning.as_deref(), Some("2941646.1614 Wh"));
    let tl = find(&format!("{entry}.value"), true);
    assert_eq!(tl.kind, "TL: Integer64, 9 bytes");
    let crc = find("message[1].crc", false);
    assert!(crc.verdict.as_ref().unwrap().ok);
    let transport = ok.spans.iter().find(|s| s.path == "transport.crc").unwrap();
    let v = transport.verdict.as_ref().unwrap();
    assert!(v.ok && v.read == v.computed, "{v:?}");
    let bad = frames
        .iter()
        .find(|f| f.status == crate::status::Status::CrcMismatch)
        .unwrap();
    let v = bad
        .spans
        .iter()
        .find(|s| s.path == "transport.crc")
        .unwrap()
        .verdict
        .clone()
        .unwrap();
    assert!(!v.ok && v.read != v.computed);
    assert!(ok.spans.iter().any(|s| s.path == "message[1].body"
        && s.kind == "TL: list of 7"
        && s.meaning.as_deref() == Some("GetListResponse")));
}

#[test]
fn d0_lines_and_checks_are_explained() {
    let iskra =
        crate::test_fixtures::read("d0/smartmeter-obis_testSerialRequestResponseD0WithAck2.txt");
    let e = &explain(&iskra, Lang::En)[0];
    let bcc = e.spans.iter().find(|s| s.path == "bcc").unwrap();
    assert!(bcc.verdict.as_ref().unwrap().ok);
    assert!(e.spans.iter().any(|s| s.path == "stx") && e.spans.iter().any(|s| s.path == "etx"));
    let address = e
        .spans
        .iter()
        .find(|s| s.path == "data[0].address")
        .unwrap();
    assert!(address.meaning.is_some());
    let dsmr = crate::test_fixtures::read("d0/dsmr_parser_ISk5-2MT382_DSMR50_edited.txt");
    let e = &explain(&dsmr, Lang::En)[0];
    let crc = e.spans.iter().find(|s| s.path == "dsmr_crc").unwrap();
    let v = crc.verdict.as_ref().unwrap();
    assert_eq!(
        (v.ok, v.read.as_str(), v.computed.as_str()),
        (false, "87b3", "6eee")
    );
    let value = e
        .spans
        .iter()
        .find(|s| s.path == "data[3].value[0]")
        .unwrap();
    assert_eq!(value.meaning.as_deref(), Some("000004.426 kWh"));
    assert_eq!(&dsmr[value.start..value.end], b"(000004.426*kWh)");
}

#[test]
fn explain_at_and_explain_nth_are_the_frame_explain_gives() {
    for (name, bytes) in fixtures() {
        let all = explain(&bytes, Lang::En);
        for (n, f) in all.iter().enumerate() {
            for at in [f.offset, f.offset + f.length / 2, f.offset + f.length - 1] {
                assert_eq!(
                    explain_at(&bytes, at, Lang::En).as_ref(),
                    Some(f),
                    "{name} @{at}"
                );
            }
            assert_eq!(
                explain_nth(&bytes, n, Lang::En).as_ref(),
                Some(f),
                "{name} #{n}"
            );
        }
        assert_eq!(explain_nth(&bytes, all.len(), Lang::En), None, "{name}");
    }
}

/// Lists nested 50,000 deep (hostile input) once overflowed the stack, and paths that grew
/// with the depth made the output quadratic. The walk stops at `MAX_NESTING` and says so.
#[test]
fn deeply_nested_lists_stop_the_walk_with_a_reason() {
    let mut payload = alloc::vec![0x71; 50_000];
    payload.push(0x01);
    let frame = crate::sml::encode::frame(&payload);
    let e = explain(&frame, Lang::En);
    assert_eq!(e.len(), 1);
    let spans = &e[0].spans;
    let mut at = 0;
    for s in spans {
        assert_eq!(s.start, at);
        at = s.end;
    }
    assert_eq!(at, frame.len());
    // The start, the TL of every list read and of the one too deep, the rest unparsed,
    // padding, end and CRC.
    assert_eq!(spans.len(), 1 + (sml::MAX_NESTING + 1) + 1 + 3);
    let unparsed = spans.iter().find(|s| s.path == "unparsed").unwrap();
    assert!(unparsed.meaning.as_deref().unwrap().starts_with(&format!(
        "parsing stopped here: lists nested more than {} deep",
        sml::MAX_NESTING
    )));
    assert!(spans.iter().all(|s| s.path.len() < 20 * sml::MAX_NESTING));
}
