//! Synthetic vectors for what the real captures lack: every message type of SML 1.04
//! (responses and requests), integers of every width, the SML_Time forms, TL fields longer
//! than one byte, message CRC variants, quirks, limits and error offsets.

mod common;

use common::{decode, read_fixture};
use hex_literal::hex;
use wattwaechter::crc::{CrcKind, KERMIT, X25};
use wattwaechter::sml::error::MAX_DEPTH;
use wattwaechter::sml::*;
use wattwaechter::sml::{encode, parse, transport};

const SERVER: &[u8] = &hex!("0a 01 445a47 00 0282225e"); // 1 DZG00 4208 2910

/// Transaction IDs 0..=255 as 1-byte strings with a static lifetime.
static TX: [u8; 256] = {
    let mut a = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        a[i] = i as u8;
        i += 1;
    }
    a
};

fn msg(tx: u8, body: MessageBody<'_>) -> Message<'_> {
    Message::new(&TX[tx as usize..tx as usize + 1], body)
}

fn get_list<'a>(server: &'a [u8], entries: Vec<ListEntry<'a>>) -> MessageBody<'a> {
    MessageBody::GetListResponse(GetListResponse {
        act_sensor_time: Some(Time::SecIndex(7)),
        ..GetListResponse::readings(server, entries)
    })
}

/// Encodes messages into a frame, decodes it, checks the frame is ok and the messages equal.
fn round_trip(messages: &[Message<'_>]) -> Frame {
    let wire = encode::file(messages);
    let frames = decode(&wire);
    assert_eq!(frames.len(), 1);
    let f = frames.into_iter().next().unwrap();
    assert_eq!(f.status, Status::Ok, "{:?}", f.error);
    let parsed: Vec<_> = f.messages().map(|m| m.unwrap().message).collect();
    assert_eq!(parsed.len(), messages.len());
    for (p, m) in parsed.iter().zip(messages) {
        assert_eq!(p.body, m.body);
        assert_eq!(p.transaction_id, m.transaction_id);
    }
    f
}

#[test]
fn golden_get_list_response_bytes() {
    // Hand-written (not from our encoder): a GetListResponse with a 3-byte negative power and
    // a 5-byte unsigned energy, message CRC computed independently below.
    let head = hex!(
        "76 03 aabb 62 01 62 00 72 63 0701
         77 01 0b 0a01445a4700 0282225e 01 72 62 01 65 00000010
            72
              77 07 0100100700ff 01 01 62 1b 52 fe 54 ff ff 9c 01
              77 07 0100010800ff 62 82 01 62 1e 52 ff 66 01 02 03 04 05 01
            01 01"
    );
    let crc = X25.checksum(&head).swap_bytes();
    let mut payload = head.to_vec();
    payload.extend([0x63, (crc >> 8) as u8, crc as u8, 0x00]);
    let (m, rest) = parse::parse_message(&payload).unwrap();
    assert!(rest.is_empty());
    assert_eq!(m.message.crc, crc);
    assert_eq!(m.crc_range, 0..head.len());
    let MessageBody::GetListResponse(r) = &m.message.body else {
        panic!()
    };
    assert_eq!(r.server_id, SERVER);
    assert_eq!(r.act_sensor_time, Some(Time::SecIndex(16)));
    assert_eq!(
        r.val_list[0].value,
        Some(Value::Int {
            value: -100,
            width: 3
        })
    );
    assert_eq!(r.val_list[0].scaler, Some(-2));
    assert_eq!(
        r.val_list[1].value,
        Some(Value::Uint {
            value: 0x01_0203_0405,
            width: 5
        })
    );
    assert_eq!(
        r.val_list[1].status,
        Some(Unsigned {
            value: 0x82,
            width: 1
        })
    );
    // Through the whole pipeline, with exact decimals.
    let f = &decode(&encode::frame(&payload))[0];
    assert_eq!(f.status, Status::Ok);
    let values: Vec<String> = f
        .readings
        .iter()
        .map(|r| match &r.value {
            ReadingValue::Number { value, .. } => value.to_string(),
            v => format!("{v:?}"),
        })
        .collect();
    assert_eq!(values, ["-1.00", "432871936.5"]);
    assert_eq!(f.readings[0].unit.unwrap().symbol(), Some("W"));
    assert_eq!(f.meter_id().unwrap().to_string(), "1 DZG00 4208 2910");
}

#[test]
fn integers_of_every_width_sign_extend() {
    let obis = hex!("0100100700ff");
    let mut entries = Vec::new();
    for width in 1..=8u8 {
        let bits = 8 * u32::from(width);
        let min = if width == 8 {
            i64::MIN
        } else {
            -(1i64 << (bits - 1))
        };
        let max_u = if width == 8 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        entries.push(ListEntry::reading(
            &obis,
            Some(27),
            Some(0),
            Some(Value::Int { value: min, width }),
        ));
        entries.push(ListEntry::reading(
            &obis,
            Some(27),
            Some(0),
            Some(Value::Int { value: -1, width }),
        ));
        entries.push(ListEntry::reading(
            &obis,
            Some(27),
            Some(0),
            Some(Value::Uint {
                value: max_u,
                width,
            }),
        ));
    }
    let f = round_trip(&[msg(1, get_list(SERVER, entries))]);
    assert_eq!(f.readings.len(), 24);
    let ReadingValue::Number { raw, .. } = f.readings[21].value else {
        panic!()
    };
    assert_eq!(raw, i128::from(i64::MIN));
    let ReadingValue::Number { raw, value } = f.readings[23].value else {
        panic!()
    };
    assert_eq!(raw, i128::from(u64::MAX));
    assert_eq!(value.to_string(), "18446744073709551615");
}

#[test]
fn sml_time_in_all_forms() {
    let times = [
        Time::SecIndex(123_456),
        Time::Timestamp(1_700_000_000),
        Time::LocalTimestamp {
            timestamp: 1_700_000_000,
            local_offset: 60,
            season_time_offset: -60,
        },
        Time::BareSecIndex(42),
    ];
    for t in times {
        let mut e = ListEntry::reading(
            &hex!("0100010800ff"),
            Some(30),
            Some(-1),
            Some(Value::Uint { value: 5, width: 4 }),
        );
        e.val_time = Some(t);
        let body = MessageBody::GetListResponse(GetListResponse {
            client_id: Some(b"client"),
            server_id: SERVER,
            list_name: Some(&hex!("0100620affff")),
            act_sensor_time: Some(t),
            val_list: vec![e],
            list_signature: Some(b"sig"),
            act_gateway_time: Some(t),
        });
        let f = round_trip(&[msg(1, body)]);
        assert_eq!(f.readings[0].val_time, Some(t));
        assert_eq!(
            f.quirks.contains(Quirk::BareTime),
            matches!(t, Time::BareSecIndex(_))
        );
    }
    // A time inside a value (SML_ListType).
    let e = ListEntry::reading(
        &hex!("0100000102ff"),
        None,
        None,
        Some(Value::Time(Time::Timestamp(9))),
    );
    let f = round_trip(&[msg(1, get_list(SERVER, vec![e]))]);
    assert_eq!(
        f.readings[0].value,
        ReadingValue::Time {
            value: Time::Timestamp(9)
        }
    );
}

#[test]
fn tl_fields_longer_than_one_byte() {
    let long15 = [0x11u8; 15];
    let long300 = [0x22u8; 300];
    let long5000 = [0x33u8; 5000];
    let obis = hex!("8181c78205ff");
    let mut entries = vec![
        ListEntry::reading(&obis, None, None, Some(Value::Bytes(&long15))),
        ListEntry::reading(&obis, None, None, Some(Value::Bytes(&long300))),
        ListEntry::reading(&obis, None, None, Some(Value::Bytes(&long5000))),
    ];
    for i in 0..20 {
        entries.push(ListEntry::reading(
            &hex!("0100010800ff"),
            Some(30),
            Some(-1),
            Some(Value::Uint { value: i, width: 2 }),
        ));
    }
    let m = msg(1, get_list(SERVER, entries));
    let bytes = encode::message(&m);
    // The 20+3-entry list needs a 2-byte TL (f1 07), the 5000-byte string a 4-byte one.
    assert!(bytes.windows(2).any(|w| w == [0xf1, 0x07]));
    let f = round_trip(&[m]);
    assert_eq!(f.readings.len(), 23);
    assert_eq!(
        f.readings[2].value,
        ReadingValue::Bytes {
            value: long5000.to_vec()
        }
    );
}

fn tree<'a>(
    name: &'a [u8],
    value: Option<ProcParValue<'a>>,
    children: Option<Vec<Tree<'a>>>,
) -> Tree<'a> {
    Tree {
        parameter_name: name,
        parameter_value: value,
        child_list: children,
    }
}

#[test]
fn every_message_type_round_trips() {
    let period = PeriodEntry {
        obj_name: &hex!("0100010800ff"),
        unit: 30,
        scaler: -1,
        value: Value::Uint {
            value: 1234,
            width: 4,
        },
        value_signature: None,
    };
    let tupel = TupelEntry {
        server_id: SERVER,
        sec_index: Time::SecIndex(1),
        status: 2,
        unit_p_a: 30,
        scaler_p_a: -1,
        value_p_a: 100,
        unit_r1: 32,
        scaler_r1: 0,
        value_r1: -5,
        unit_r4: 32,
        scaler_r4: 0,
        value_r4: 6,
        signature_p_a_r1_r4: b"s1",
        unit_m_a: 30,
        scaler_m_a: -1,
        value_m_a: 7,
        unit_r2: 32,
        scaler_r2: 0,
        value_r2: 8,
        unit_r3: 32,
        scaler_r3: 0,
        value_r3: 9,
        signature_m_a_r2_r3: b"s2",
    };
    let param_tree = tree(
        b"root",
        Some(ProcParValue::Value(Value::Bool(true))),
        Some(vec![
            tree(
                b"period",
                Some(ProcParValue::PeriodEntry(period.clone())),
                None,
            ),
            tree(
                b"tupel",
                Some(ProcParValue::TupelEntry(Box::new(tupel))),
                None,
            ),
            tree(b"time", Some(ProcParValue::Time(Time::Timestamp(5))), None),
            tree(
                b"entry",
                Some(ProcParValue::ListEntry(Box::new(ListEntry::reading(
                    &hex!("0100010800ff"),
                    Some(30),
                    Some(-1),
                    Some(Value::Int {
                        value: -3,
                        width: 2,
                    }),
                )))),
                Some(vec![tree(b"leaf", None, None)]),
            ),
        ]),
    );
    let path = vec![&hex!("0100620affff")[..], b"x"];
    let profile_request = GetProfileRequest {
        server_id: Some(SERVER),
        username: Some(b"user"),
        password: Some(b"pass"),
        with_rawdata: Some(false),
        begin_time: Some(Time::Timestamp(1)),
        end_time: Some(Time::Timestamp(2)),
        parameter_tree_path: path.clone(),
        object_list: Some(vec![&hex!("0100010800ff")[..]]),
        das_details: Some(tree(b"d", None, None)),
    };
    let bodies = vec![
        MessageBody::OpenRequest(OpenRequest {
            codepage: None,
            client_id: b"client",
            req_file_id: b"file",
            server_id: Some(SERVER),
            username: Some(b"u"),
            password: Some(b"p"),
            sml_version: Some(2),
        }),
        MessageBody::OpenResponse(OpenResponse {
            codepage: Some(b"ISO"),
            client_id: None,
            req_file_id: b"file",
            server_id: SERVER,
            ref_time: Some(Time::SecIndex(3)),
            sml_version: Some(1),
        }),
        MessageBody::GetListRequest(GetListRequest {
            client_id: b"client",
            server_id: Some(SERVER),
            username: None,
            password: None,
            list_name: Some(&hex!("0100620affff")),
        }),
        MessageBody::GetProfileListRequest(profile_request.clone()),
        MessageBody::GetProfilePackRequest(profile_request),
        MessageBody::GetProfileListResponse(GetProfileListResponse {
            server_id: SERVER,
            act_time: Time::SecIndex(10),
            reg_period: 900,
            parameter_tree_path: path.clone(),
            val_time: Time::Timestamp(11),
            status: 0x10,
            period_list: vec![period.clone(), period.clone()],
            rawdata: Some(b"raw"),
            period_signature: None,
        }),
        MessageBody::GetProfilePackResponse(GetProfilePackResponse {
            server_id: SERVER,
            act_time: Time::SecIndex(10),
            reg_period: 900,
            parameter_tree_path: path.clone(),
            header_list: vec![ProfObjHeaderEntry {
                obj_name: &hex!("0100010800ff"),
                unit: 30,
                scaler: -1,
            }],
            period_list: vec![ProfObjPeriodEntry {
                val_time: Time::Timestamp(12),
                status: 0,
                value_list: vec![ValueEntry {
                    value: Value::Uint {
                        value: 99,
                        width: 4,
                    },
                    value_signature: Some(b"v"),
                }],
                period_signature: None,
            }],
            rawdata: None,
            profile_signature: Some(b"sig"),
        }),
        MessageBody::GetProcParameterRequest(GetProcParameterRequest {
            server_id: Some(SERVER),
            username: None,
            password: None,
            parameter_tree_path: path.clone(),
            attribute: Some(b"a"),
        }),
        MessageBody::GetProcParameterResponse(GetProcParameterResponse {
            server_id: SERVER,
            parameter_tree_path: path.clone(),
            parameter_tree: param_tree.clone(),
        }),
        MessageBody::SetProcParameterRequest(SetProcParameterRequest {
            server_id: None,
            username: None,
            password: None,
            parameter_tree_path: path.clone(),
            parameter_tree: param_tree,
        }),
        MessageBody::AttentionResponse(AttentionResponse {
            server_id: SERVER,
            attention_no: &hex!("8181c7c7fd00"),
            attention_msg: Some(b"ok"),
            attention_details: Some(tree(
                b"detail",
                Some(ProcParValue::Value(Value::Bytes(b"x"))),
                None,
            )),
        }),
        MessageBody::CloseRequest(CloseRequest {
            global_signature: None,
        }),
        MessageBody::CloseResponse(CloseResponse {
            global_signature: Some(b"g"),
        }),
    ];
    let messages: Vec<_> = bodies
        .into_iter()
        .enumerate()
        .map(|(i, b)| msg(i as u8, b))
        .collect();
    let f = round_trip(&messages);
    assert_eq!(
        f.message_names,
        [
            "OpenRequest",
            "OpenResponse",
            "GetListRequest",
            "GetProfileListRequest",
            "GetProfilePackRequest",
            "GetProfileListResponse",
            "GetProfilePackResponse",
            "GetProcParameterRequest",
            "GetProcParameterResponse",
            "SetProcParameterRequest",
            "AttentionResponse",
            "CloseRequest",
            "CloseResponse"
        ]
    );
}

#[test]
fn message_crc_variants() {
    let body = || {
        get_list(
            SERVER,
            vec![ListEntry::reading(
                &hex!("0100010800ff"),
                Some(30),
                Some(-1),
                Some(Value::Uint { value: 1, width: 1 }),
            )],
        )
    };
    // Kermit message CRC.
    let mut head = Vec::new();
    encode::message_with_crc_into(&msg(1, body()), 0, 2, &mut head);
    let covered = &head[..head.len() - 4];
    let kermit = KERMIT.checksum(covered);
    let mut payload = Vec::new();
    encode::message_with_crc_into(&msg(1, body()), kermit, 2, &mut payload);
    let f = &decode(&encode::frame(&payload))[0];
    assert_eq!(f.status, Status::Ok);
    assert!(f.quirks.contains(Quirk::KermitMessageCrc));
    // A wrong CRC: the frame is a crc_mismatch, the error points at the CRC field.
    let mut payload = Vec::new();
    encode::message_with_crc_into(&msg(1, body()), 0xdead, 2, &mut payload);
    let wire = encode::frame(&payload);
    let f = &decode(&wire)[0];
    assert_eq!(f.status, Status::CrcMismatch);
    let e = f.error.unwrap();
    assert!(matches!(
        e.kind,
        FrameErrorKind::MessageCrc { read: 0xdead, .. }
    ));
    assert_eq!(e.offset, 8 + payload.len() - 4);
    assert_eq!(&wire[e.offset..e.offset + 3], [0x63, 0xde, 0xad]);
    // A 1-byte CRC field: find a transaction ID whose CRC has a zero high byte.
    let (payload, found) = (0..=255u8)
        .find_map(|tx| {
            let mut p = Vec::new();
            encode::message_with_crc_into(&msg(tx, body()), 0, 2, &mut p);
            let crc = X25.checksum(&p[..p.len() - 4]).swap_bytes();
            (crc <= 0xff).then(|| {
                let mut q = Vec::new();
                encode::message_with_crc_into(&msg(tx, body()), crc, 1, &mut q);
                (q, crc)
            })
        })
        .expect("some transaction ID gives a CRC below 0x100");
    let f = &decode(&encode::frame(&payload))[0];
    assert_eq!(f.status, Status::Ok, "crc {found:04x}");
    assert!(f.quirks.contains(Quirk::ShortMessageCrc));
    // The explainer judges the field as the decoder does.
    let wire = encode::frame(&payload);
    let explained = wattwaechter::explain::explain(&wire, wattwaechter::text::Lang::En);
    let crc = explained[0]
        .spans
        .iter()
        .find(|s| s.path == "message[0].crc" && s.verdict.is_some())
        .unwrap();
    let verdict = crc.verdict.as_ref().unwrap();
    assert!(verdict.ok, "{crc:?}");
    assert_eq!(verdict.read, format!("{found:02x}"));
}

#[test]
fn transport_kermit_crc() {
    let payload = encode::message(&msg(
        1,
        MessageBody::CloseResponse(CloseResponse {
            global_signature: None,
        }),
    ));
    let f = &decode(&encode::frame_with_crc(&payload, CrcKind::Kermit))[0];
    assert_eq!(f.status, Status::Ok);
    assert_eq!(f.crc, Some(CrcKind::Kermit));
    assert!(f.quirks.contains(Quirk::KermitCrc));
}

#[test]
fn unit_zero_and_missing_value_are_quirks() {
    let f = round_trip(&[msg(
        1,
        get_list(
            SERVER,
            vec![
                ListEntry::reading(
                    &hex!("0100600100ff"),
                    Some(0),
                    None,
                    Some(Value::Bytes(b"id")),
                ),
                ListEntry::reading(&hex!("0100605002ff"), None, None, None),
            ],
        ),
    )]);
    assert!(f.quirks.contains(Quirk::UnitZero));
    assert!(f.quirks.contains(Quirk::MissingValue));
    assert_eq!(f.readings[1].value, ReadingValue::Absent);
}

#[test]
fn dzg_repair_is_opt_in_and_scoped_to_the_buggy_serials() {
    let power = hex!("0100100700ff");
    let make = |server: &'static [u8]| {
        encode::file(&[msg(
            1,
            get_list(
                server,
                vec![ListEntry::reading(
                    &power,
                    Some(27),
                    Some(-2),
                    Some(Value::Int {
                        value: -29912,
                        width: 2,
                    }),
                )],
            ),
        )])
    };
    let buggy = make(SERVER);
    let value = |wire: &[u8], fix: bool| {
        let opts = DecodeOptions {
            fix_dzg_dvs74: fix,
            ..Default::default()
        };
        let f = &wattwaechter::sml::decode(wire, &opts)[0];
        let ReadingValue::Number { value, .. } = &f.readings[0].value else {
            panic!()
        };
        (value.to_string(), f.quirks.contains(Quirk::DzgSignRepaired))
    };
    assert_eq!(value(&buggy, false), ("-299.12".into(), false));
    assert_eq!(value(&buggy, true), ("356.24".into(), true));
    // A DZG meter outside the serial ranges sends correct negatives (mtr2_neg).
    let correct = make(&hex!("0a 01 445a47 00 039e2053"));
    assert_eq!(value(&correct, true), ("-299.12".into(), false));
}

#[test]
fn dzg_repair_on_the_real_capture() {
    let bytes = read_fixture("sml/DZG_DVS-7412.2_jmberg.bin");
    let opts = DecodeOptions {
        fix_dzg_dvs74: true,
        ..Default::default()
    };
    let find = |frames: &[Frame]| {
        frames[0]
            .readings
            .iter()
            .find(|r| r.obis.map(|o| o.to_string()) == Some("1-0:16.7.0*255".into()))
            .map(|r| match &r.value {
                ReadingValue::Number { value, .. } => value.to_string(),
                _ => String::new(),
            })
    };
    assert_eq!(find(&decode(&bytes)).as_deref(), Some("-299.12"));
    assert_eq!(
        find(&wattwaechter::sml::decode(&bytes, &opts)).as_deref(),
        Some("356.24")
    );
    // mtr2_neg keeps its correct negative value with the repair on.
    let neg = read_fixture("sml/DZG_DVS-7420.2V.G2_mtr2_neg.bin");
    let frames = wattwaechter::sml::decode(&neg, &opts);
    assert!(frames
        .iter()
        .all(|f| !f.quirks.contains(Quirk::DzgSignRepaired)));
    assert!(find(&frames).unwrap().starts_with('-'));
}

#[test]
fn parse_errors_carry_absolute_offsets_through_escapes() {
    // A valid first message whose octet string contains an aligned escape, then a broken one.
    let first = encode::message(&msg(
        1,
        MessageBody::CloseResponse(CloseResponse {
            global_signature: Some(&hex!("1b1b1b1b 1b1b1b1b 1b1b1b1b")),
        }),
    ));
    let mut payload = first.clone();
    let broken_at = payload.len();
    payload.extend(hex!("76 01 62 00 62 00 72 63 0201 72 01 01")); // CloseResponse with a list of 2
    let wire = encode::frame(&payload);
    let f = &decode(&wire)[0];
    assert_eq!(f.status, Status::Malformed);
    let e = f.error.unwrap();
    assert!(matches!(
        e.kind,
        FrameErrorKind::Parse(ParseErrorKind::WrongListLength {
            expected: 1,
            found: 2,
            ..
        })
    ));
    // Every escape is in the first message; each adds 4 bytes on the wire.
    let padding = (4 - payload.len() % 4) % 4;
    let escapes = (wire.len() - 16 - payload.len() - padding) / 4;
    assert!(escapes >= 2);
    assert_eq!(wire[e.offset], 0x72);
    assert_eq!(e.offset, 8 + broken_at + 10 + 4 * escapes);
    assert_eq!(f.message_names, ["CloseResponse"]);
}

#[test]
fn limits_are_errors_not_allocations() {
    // Nesting deeper than MAX_DEPTH.
    let mut t = tree(b"leaf", None, None);
    for _ in 0..MAX_DEPTH + 1 {
        t = tree(b"n", None, Some(vec![t]));
    }
    let m = msg(
        1,
        MessageBody::GetProcParameterResponse(GetProcParameterResponse {
            server_id: SERVER,
            parameter_tree_path: vec![],
            parameter_tree: t,
        }),
    );
    let e = parse::parse_message(&encode::message(&m)).unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::TooDeep);
    // A list that claims 2^32 − 1 entries, and an octet string that claims 4 GiB.
    let e = parse::parse_message(&hex!(
        "76 05 01020304 62 00 62 00 72 63 0701 77 01 01 01 01 ff 8f 8f 8f 8f 8f 8f 0f 00"
    ))
    .unwrap_err();
    assert_eq!(e.offset, 19);
    assert!(matches!(e.kind, ParseErrorKind::TooManyEntries(_)));
    let e = parse::parse_message(&hex!("76 8f 8f 8f 8f 8f 8f 8f 0f 00 00")).unwrap_err();
    assert_eq!(e.offset, 1);
    assert!(matches!(e.kind, ParseErrorKind::LengthExceedsInput { .. }));
    // Unknown body tag.
    let e = parse::parse_message(&hex!("76 01 62 00 62 00 72 63 0999 01 63 0000 00")).unwrap_err();
    assert_eq!(
        e.kind,
        ParseErrorKind::UnknownTag {
            what: "SML_MessageBody",
            tag: 0x999
        }
    );
    assert_eq!(e.offset, 7);
}

#[test]
fn smllib_payload_only_vectors_parse() {
    for name in [
        "SmlLib_test_Frame1_2_payload_only_no_transport.hex",
        "SmlLib_test_Frame2_2_payload_only_no_transport.hex",
        "SmlLib_test_Frame3_1_payload_only_no_transport.hex",
        "SmlLib_test_Frame3_2_payload_only_no_transport.hex",
    ] {
        let payload = read_fixture(&format!("sml-synthetic/{name}"));
        let parsed: Vec<_> = parse::messages(&payload)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!parsed.is_empty(), "{name}");
        let names: Vec<_> = parsed.iter().map(|m| m.message.body.name()).collect();
        assert!(names.contains(&"GetListResponse"), "{name}: {names:?}");
    }
}

#[test]
fn frame_statuses_of_the_synthetic_vectors() {
    let expect = [
        ("SmlLib_test_Frame1_1.hex", Status::Ok),
        ("SmlLib_test_Frame2_1.hex", Status::Ok),
        ("SmlLib_test_Frame_Issue_15_FIXED_1.hex", Status::Ok),
        ("SmlLib_test_Frame_Issue_26_1.hex", Status::Ok),
        ("SmlLib_test_Frame_Issue_28_1_FIXED_1.hex", Status::Ok),
        ("SmlLib_test_Frame_Issue_28_2_FIXED_1.hex", Status::Ok),
        // Valid transport CRC, bad message CRCs (as the SmlLib test suite intends).
        ("SmlLib_test_Frame_Issue_8_ERR_1.hex", Status::CrcMismatch),
        ("SmlLib_test_Frame_Issue_8_OK_1.hex", Status::CrcMismatch),
        ("SmlLib_test_Frame_Issue_8_FIXED_kermitCRC.hex", Status::Ok),
        ("sml-rs_sample.bin", Status::Ok),
        ("test_efr_sgm_c2_ehz_bin.bin", Status::Ok),
        // Hand-edited values without a fixed message CRC, and a misaligned end.
        ("test_56bit_ehz_bin.bin", Status::CrcMismatch),
        ("test_EMH_ehz_bin.bin", Status::CrcMismatch),
        ("test_negative_ehz_bin.bin", Status::CrcMismatch),
    ];
    for (name, status) in expect {
        let frames = decode(&read_fixture(&format!("sml-synthetic/{name}")));
        assert_eq!(frames.len(), 1, "{name}");
        assert_eq!(frames[0].status, status, "{name}: {:?}", frames[0].error);
    }
    let kermit = &decode(&read_fixture(
        "sml-synthetic/SmlLib_test_Frame_Issue_8_FIXED_kermitCRC.hex",
    ))[0];
    assert_eq!(kermit.crc, Some(CrcKind::Kermit));
    assert!(kermit.quirks.contains(Quirk::BareTime));
    let misaligned = &decode(&read_fixture("sml-synthetic/test_negative_ehz_bin.bin"))[0];
    assert!(misaligned.misaligned_end);
}

#[test]
fn push_decoder_agrees_with_slice_api_on_every_fixture() {
    let dir = common::fixtures();
    for sub in ["sml", "sml-synthetic"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            if !(name.ends_with(".bin") || name.ends_with(".hex")) {
                continue;
            }
            let bytes = read_fixture(&format!("{sub}/{name}"));
            let spans = transport::decode_frames(&bytes);
            let mut d = transport::Decoder::new(wattwaechter::sml::buffer::ArrayBuf::<2048>::new());
            let mut pushed = Vec::new();
            for &b in &bytes {
                if let Some(f) = d.push_byte(b) {
                    pushed.push((
                        f.start as usize..f.end as usize,
                        f.status,
                        f.payload.to_vec(),
                    ));
                }
            }
            if let Some(f) = d.finish() {
                pushed.push((
                    f.start as usize..f.end as usize,
                    f.status,
                    f.payload.to_vec(),
                ));
            }
            let sliced: Vec<_> = spans
                .iter()
                .map(|s| (s.range.clone(), s.status, s.payload.to_vec()))
                .collect();
            assert_eq!(pushed, sliced, "{name}");
        }
    }
}
