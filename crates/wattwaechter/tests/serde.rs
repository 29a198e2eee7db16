//! The serialised form of decoded frames (feature `serde`): stable names, hex for bytes,
//! exact decimals as strings, integers above 2^53 as strings.
#![cfg(feature = "serde")]

mod common;

use common::{decode, read_fixture};
use serde_json::json;
use wattwaechter::sml::{encode, GetListResponse, ListEntry, Message, MessageBody, Value};

#[test]
fn a_real_frame_as_json() {
    let frames = decode(&read_fixture("sml/EasyMeter_Q3A_A1064V1009.bin"));
    let v = serde_json::to_value(&frames).unwrap();
    assert_eq!(v[0]["status"], "truncated_start");
    assert_eq!(v[0]["error"]["kind"], "start_missing");
    assert_eq!(v[0]["error"]["offset"], 0);
    assert_eq!(v[1]["status"], "crc_mismatch");
    assert_eq!(v[1]["error"]["kind"], "transport_crc");
    assert_eq!(v[1]["error"]["offset"], 943);
    let ok = &v[2];
    assert_eq!(ok["status"], "ok");
    assert_eq!(ok["crc"], "x25");
    assert_eq!(ok["range"], json!({"start": 945, "end": 1449}));
    assert_eq!(ok["server_id"], "09014553591103b599a5");
    let energy = &ok["readings"][2];
    assert_eq!(energy["obis"], "1-0:1.8.0*255");
    assert_eq!(energy["unit"], json!({"code": 30, "symbol": "Wh"}));
    assert_eq!(energy["value"]["type"], "number");
    assert_eq!(energy["value"]["value"], "2941646.1614");
    assert_eq!(
        ok["readings"][0]["value"],
        json!({"type": "bytes", "value": "455359"})
    );
}

#[test]
fn quirks_times_and_huge_integers() {
    let server = [0x0a, 1, b'E', b'M', b'H', 0, 0, 0, 0, 1];
    let obis = [1, 0, 1, 8, 0, 255];
    let entry = ListEntry::reading(
        &obis,
        Some(0),
        Some(-1),
        Value::Uint {
            value: u64::MAX,
            width: 8,
        },
    );
    let m = Message::new(
        b"t",
        MessageBody::GetListResponse(GetListResponse {
            act_sensor_time: Some(wattwaechter::sml::Time::BareSecIndex(5)),
            ..GetListResponse::readings(&server, vec![entry])
        }),
    );
    let frames = decode(&encode::file(&[m]));
    let v = serde_json::to_value(&frames[0]).unwrap();
    assert_eq!(v["quirks"], json!(["bare_time", "unit_zero"]));
    assert_eq!(v["readings"][0]["value"]["raw"], "18446744073709551615");
    assert_eq!(v["readings"][0]["value"]["value"], "1844674407370955161.5");
    assert_eq!(v["readings"][0]["unit"], json!({"code": 0, "symbol": null}));
    assert_eq!(v["message_names"], json!(["GetListResponse"]));
}

/// A D0 capture's JSON form, whole (the snapshots in `d0.rs` show every capture as text).
#[test]
fn a_d0_capture_as_json() {
    let c = wattwaechter::d0::parse(&read_fixture(
        "d0/smartmeter-obis_testSerialRequestResponseD0ModeE.txt",
    ));
    insta::assert_json_snapshot!(c);
}
