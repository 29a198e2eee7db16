use super::*;
use crate::obis::Obis;
use crate::sml::transport::{decode_frames, FrameStatus};
use crate::sml::{decode, DecodeOptions, ReadingValue};
use alloc::string::String;

fn fixtures() -> Vec<(String, Vec<u8>)> {
    crate::test_fixtures::every_capture()
}

/// The identities of an SML capture as the decoder reads them.
fn sml_identities(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut ids = Vec::new();
    for f in decode(bytes, &DecodeOptions::default()) {
        ids.extend(f.server_id.clone());
        for r in &f.readings {
            if let (Some(o), ReadingValue::Bytes { value }) = (r.obis, &r.value) {
                if sml::is_identity(o) {
                    ids.push(value.clone());
                }
            }
        }
    }
    ids.retain(|i| i.len() >= 4);
    ids
}

/// Every reading that is no identity, as (OBIS, value) — what must not change.
fn other_readings(bytes: &[u8]) -> Vec<(Option<Obis>, ReadingValue)> {
    decode(bytes, &DecodeOptions::default())
        .into_iter()
        .flat_map(|f| f.readings)
        .filter(|r| !r.obis.is_some_and(sml::is_identity))
        .map(|r| (r.obis, r.value))
        .collect()
}

/// Per transport frame: its range, and for a CRC mismatch the difference read ⊕ computed.
fn verdicts(bytes: &[u8]) -> Vec<(core::ops::Range<usize>, Option<u16>, bool)> {
    decode_frames(bytes)
        .into_iter()
        .map(|f| {
            let diff = match f.status {
                FrameStatus::CrcMismatch { read, computed } => Some(read ^ computed),
                _ => None,
            };
            (f.range, diff, f.status == FrameStatus::Ok)
        })
        .collect()
}

#[test]
fn every_fixture_keeps_its_verdicts_and_values_and_loses_its_identities() {
    let mut replaced = 0;
    for (name, bytes) in fixtures() {
        let a = anonymize(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(a.bytes.len(), bytes.len(), "{name}");
        let report = |b: &[u8]| {
            crate::dump::decode(b, &Default::default())
                .unwrap()
                .frames
                .iter()
                .map(|f| (f.offset, f.length, f.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(report(&a.bytes), report(&bytes), "{name}: statuses");
        if a.protocol == Protocol::Sml {
            assert_eq!(verdicts(&a.bytes), verdicts(&bytes), "{name}: CRC verdicts");
            assert_eq!(
                other_readings(&a.bytes),
                other_readings(&bytes),
                "{name}: values"
            );
            for id in sml_identities(&bytes) {
                assert!(
                    memchr::memmem::find(&a.bytes, &id).is_none(),
                    "{name}: identity {} is still there",
                    crate::hex::encode(&id)
                );
            }
            // One stand-in per identity: frames that named the same server ID still do.
            let ids = |b: &[u8]| -> Vec<Option<Vec<u8>>> {
                decode(b, &DecodeOptions::default())
                    .into_iter()
                    .map(|f| f.server_id)
                    .collect()
            };
            let (old, new) = (ids(&bytes), ids(&a.bytes));
            for i in 0..old.len() {
                for j in 0..old.len() {
                    assert_eq!(
                        old[i] == old[j],
                        new[i] == new[j],
                        "{name}: server IDs {i}, {j}"
                    );
                }
            }
        }
        if a.identities > 0 {
            assert_ne!(a.bytes, bytes, "{name}");
            replaced += 1;
        }
    }
    assert!(replaced >= 25, "only {replaced} fixtures had identities");
}

#[test]
fn d0_identities_go_and_checks_follow() {
    for (name, bytes) in fixtures().into_iter().filter(|(n, _)| n.starts_with("d0/")) {
        let a = anonymize(&bytes).unwrap();
        let (before, after) = (crate::d0::parse(&bytes), crate::d0::parse(&a.bytes));
        for (t, u) in before.telegrams.iter().zip(&after.telegrams) {
            assert_eq!(
                (t.status, t.bcc == crate::d0::Bcc::Absent),
                (u.status, u.bcc == crate::d0::Bcc::Absent),
                "{name}"
            );
            if let (Some(c), Some(d)) = (t.crc16, u.crc16) {
                assert_eq!(
                    c.read ^ c.computed,
                    d.read ^ d.computed,
                    "{name}: DSMR difference"
                );
            }
            if let (Some(i), Some(j)) = (&t.identification, &u.identification) {
                assert_eq!(
                    (&i.manufacturer, i.baud),
                    (&j.manufacturer, j.baud),
                    "{name}"
                );
                if i.ident.bytes().any(|c| c.is_ascii_digit()) {
                    assert_ne!(i.ident, j.ident, "{name}: identification");
                }
            }
            for (s, v) in t.data.iter().zip(&u.data) {
                assert_eq!(s.address, v.address, "{name}");
                let identity =
                    s.obis.is_some_and(sml::is_identity) || s.address.starts_with("C.1.");
                let digits = s
                    .values
                    .iter()
                    .any(|x| x.value.len() >= 4 && x.value.bytes().any(|c| c.is_ascii_digit()));
                if identity && digits {
                    assert_ne!(s.values, v.values, "{name}: {}", s.address);
                } else if !identity {
                    assert_eq!(s.values, v.values, "{name}: {}", s.address);
                }
            }
        }
    }
}

#[test]
fn stand_ins_keep_form_and_never_write_1b() {
    let id = [0x0a, 0x01, b'E', b'S', b'Y', 0x11, 0x1b, 0xb5, 0x99, 0xa5];
    let s = binary_stand_in(&id, 5, 0);
    assert_eq!(&s[..5], &id[..5]);
    assert_eq!(s[6], 0x1b, "a 1b stays where it was");
    assert!(s.iter().enumerate().all(|(i, &b)| i == 6 || b != 0x1b));
    assert!(s[5..]
        .iter()
        .zip(&id[5..])
        .all(|(a, b)| a != b || *a == 0x1b));
    assert_eq!(text_stand_in(b"1ESY1160500000", 3).len(), 14);
    let t = text_stand_in(b"1ESY1160500000", 3);
    assert_eq!(&t[1..4], b"ESY");
    assert!(t
        .iter()
        .zip(b"1ESY1160500000")
        .all(|(a, b)| a.is_ascii_digit() == b.is_ascii_digit()));
    let h = text_stand_in(b"4B384547303034303436333935353037", 1);
    assert!(h.iter().all(u8::is_ascii_hexdigit));
    assert_ne!(h, b"4B384547303034303436333935353037");
}
