//! The SML encoder: messages to bytes, bytes to transport frames.
//!
//! Used by the tests (any frame can be built), the property tests (encode → decode
//! round-trips) and the simulator (realistic ring-buffer dumps). Integers are written in the
//! width they carry, so a decoded message re-encodes to the same structure.

use super::transport::{ESCAPE, START};
use super::types::*;
use crate::crc::{CrcKind, KERMIT, X25};
use alloc::vec::Vec;

/// Wraps a payload into a transport v1 frame with a CRC-16/X-25.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    frame_with_crc(payload, CrcKind::X25)
}

/// Wraps a payload into a transport v1 frame with the given CRC variant (KERMIT is written
/// high byte first, as the meters that use it do).
pub fn frame_with_crc(payload: &[u8], kind: CrcKind) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + payload.len() / 64 + 24);
    out.extend_from_slice(&START);
    for block in payload.chunks(4) {
        out.extend_from_slice(block);
        if block == ESCAPE {
            out.extend_from_slice(&ESCAPE);
        }
    }
    let padding = (4 - payload.len() % 4) % 4;
    out.extend(core::iter::repeat_n(0u8, padding));
    out.extend_from_slice(&ESCAPE);
    out.push(0x1a);
    out.push(padding as u8);
    match kind {
        CrcKind::X25 => out.extend_from_slice(&X25.checksum(&out).to_le_bytes()),
        CrcKind::Kermit => out.extend_from_slice(&KERMIT.checksum(&out).to_be_bytes()),
    }
    out
}

/// Encodes messages one after the other and wraps them into one frame (an "SML file").
pub fn file(messages: &[Message<'_>]) -> Vec<u8> {
    let mut payload = Vec::new();
    for m in messages {
        message_into(m, &mut payload);
    }
    frame(&payload)
}

/// Encodes one message with a correct CRC-16/X-25 (the `crc` field of `m` is ignored).
pub fn message(m: &Message<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    message_into(m, &mut out);
    out
}

/// Appends one message with a correct CRC-16/X-25 to `out`.
pub fn message_into(m: &Message<'_>, out: &mut Vec<u8>) {
    let start = out.len();
    message_head(m, out);
    let crc = X25.checksum(&out[start..]).swap_bytes();
    uint(out, u64::from(crc), 2);
    out.push(0x00);
}

/// Appends one message with the given CRC field value and width (1 or 2 bytes), for
/// building test vectors with wrong or shortened CRCs.
pub fn message_with_crc_into(m: &Message<'_>, crc: u16, width: u8, out: &mut Vec<u8>) {
    message_head(m, out);
    uint(out, u64::from(crc), width);
    out.push(0x00);
}

fn message_head(m: &Message<'_>, out: &mut Vec<u8>) {
    list(out, 6);
    octets(out, m.transaction_id);
    uint(out, u64::from(m.group_no), 1);
    uint(out, u64::from(m.abort_on_error), 1);
    list(out, 2);
    let tag = m.body.tag();
    uint(out, u64::from(tag), if tag > 0xffff { 4 } else { 2 });
    body(&m.body, out);
}

/// Writes a TL field of `ty` (0 octet, 4 boolean, 5 integer, 6 unsigned, 7 list) for `len`
/// elements (lists) or `len` data bytes (everything else, the TL size is added).
fn tl(out: &mut Vec<u8>, ty: u8, len: usize) {
    let (total, size) = if ty == 7 {
        let mut size = 1;
        while len >> (4 * size) != 0 {
            size += 1;
        }
        (len, size)
    } else {
        let mut size = 1;
        while (len + size) >> (4 * size) != 0 {
            size += 1;
        }
        (len + size, size)
    };
    for i in (0..size).rev() {
        let nibble = ((total >> (4 * i)) & 0xf) as u8;
        let more = if i > 0 { 0x80 } else { 0 };
        let ty_bits = if i == size - 1 { ty << 4 } else { 0 };
        out.push(more | ty_bits | nibble);
    }
}

fn list(out: &mut Vec<u8>, n: usize) {
    tl(out, 7, n);
}

fn octets(out: &mut Vec<u8>, s: &[u8]) {
    tl(out, 0, s.len());
    out.extend_from_slice(s);
}

fn absent(out: &mut Vec<u8>) {
    out.push(0x01);
}

fn opt<T>(out: &mut Vec<u8>, v: &Option<T>, f: impl FnOnce(&mut Vec<u8>, &T)) {
    match v {
        Some(v) => f(out, v),
        None => absent(out),
    }
}

fn opt_octets(out: &mut Vec<u8>, v: &Option<&[u8]>) {
    opt(out, v, |o, s| octets(o, s));
}

fn uint(out: &mut Vec<u8>, v: u64, width: u8) {
    let w = usize::from(width.clamp(1, 8));
    tl(out, 6, w);
    out.extend_from_slice(&v.to_be_bytes()[8 - w..]);
}

fn int(out: &mut Vec<u8>, v: i64, width: u8) {
    let w = usize::from(width.clamp(1, 8));
    tl(out, 5, w);
    out.extend_from_slice(&v.to_be_bytes()[8 - w..]);
}

fn boolean(out: &mut Vec<u8>, v: bool) {
    tl(out, 4, 1);
    out.push(u8::from(v));
}

fn time(out: &mut Vec<u8>, t: &Time) {
    match *t {
        Time::SecIndex(v) | Time::Timestamp(v) => {
            list(out, 2);
            uint(out, if matches!(t, Time::SecIndex(_)) { 1 } else { 2 }, 1);
            uint(out, u64::from(v), 4);
        }
        Time::LocalTimestamp {
            timestamp,
            local_offset,
            season_time_offset,
        } => {
            list(out, 2);
            uint(out, 3, 1);
            list(out, 3);
            uint(out, u64::from(timestamp), 4);
            int(out, i64::from(local_offset), 2);
            int(out, i64::from(season_time_offset), 2);
        }
        Time::BareSecIndex(v) => uint(out, u64::from(v), 4),
    }
}

fn value(out: &mut Vec<u8>, v: &Value<'_>) {
    match *v {
        Value::Bool(b) => boolean(out, b),
        Value::Bytes(s) => octets(out, s),
        Value::Int { value, width } => int(out, value, width),
        Value::Uint { value, width } => uint(out, value, width),
        Value::Time(ref t) => {
            list(out, 2);
            uint(out, 1, 1);
            time(out, t);
        }
    }
}

fn tree_path(out: &mut Vec<u8>, path: &[&[u8]]) {
    list(out, path.len());
    for p in path {
        octets(out, p);
    }
}

fn list_entry(out: &mut Vec<u8>, e: &ListEntry<'_>) {
    list(out, 7);
    octets(out, e.obj_name);
    opt(out, &e.status, |o, s| uint(o, s.value, s.width));
    opt(out, &e.val_time, time);
    opt(out, &e.unit, |o, u| uint(o, u64::from(*u), 1));
    opt(out, &e.scaler, |o, s| int(o, i64::from(*s), 1));
    opt(out, &e.value, value);
    opt_octets(out, &e.value_signature);
}

fn period_entry(out: &mut Vec<u8>, e: &PeriodEntry<'_>) {
    list(out, 5);
    octets(out, e.obj_name);
    uint(out, u64::from(e.unit), 1);
    int(out, i64::from(e.scaler), 1);
    value(out, &e.value);
    opt_octets(out, &e.value_signature);
}

fn tupel_entry(out: &mut Vec<u8>, t: &TupelEntry<'_>) {
    list(out, 23);
    octets(out, t.server_id);
    time(out, &t.sec_index);
    uint(out, t.status, 8);
    for (u, s, v) in [
        (t.unit_p_a, t.scaler_p_a, t.value_p_a),
        (t.unit_r1, t.scaler_r1, t.value_r1),
        (t.unit_r4, t.scaler_r4, t.value_r4),
    ] {
        uint(out, u64::from(u), 1);
        int(out, i64::from(s), 1);
        int(out, v, 8);
    }
    octets(out, t.signature_p_a_r1_r4);
    for (u, s, v) in [
        (t.unit_m_a, t.scaler_m_a, t.value_m_a),
        (t.unit_r2, t.scaler_r2, t.value_r2),
        (t.unit_r3, t.scaler_r3, t.value_r3),
    ] {
        uint(out, u64::from(u), 1);
        int(out, i64::from(s), 1);
        int(out, v, 8);
    }
    octets(out, t.signature_m_a_r2_r3);
}

fn proc_par_value(out: &mut Vec<u8>, v: &ProcParValue<'_>) {
    list(out, 2);
    match v {
        ProcParValue::Value(x) => {
            uint(out, 1, 1);
            value(out, x);
        }
        ProcParValue::PeriodEntry(x) => {
            uint(out, 2, 1);
            period_entry(out, x);
        }
        ProcParValue::TupelEntry(x) => {
            uint(out, 3, 1);
            tupel_entry(out, x);
        }
        ProcParValue::Time(x) => {
            uint(out, 4, 1);
            time(out, x);
        }
        ProcParValue::ListEntry(x) => {
            uint(out, 5, 1);
            list_entry(out, x);
        }
    }
}

fn tree(out: &mut Vec<u8>, t: &Tree<'_>) {
    list(out, 3);
    octets(out, t.parameter_name);
    opt(out, &t.parameter_value, proc_par_value);
    opt(out, &t.child_list, |o, children| {
        list(o, children.len());
        for c in children {
            tree(o, c);
        }
    });
}

fn profile_request(out: &mut Vec<u8>, r: &GetProfileRequest<'_>) {
    list(out, 9);
    opt_octets(out, &r.server_id);
    opt_octets(out, &r.username);
    opt_octets(out, &r.password);
    opt(out, &r.with_rawdata, |o, b| boolean(o, *b));
    opt(out, &r.begin_time, time);
    opt(out, &r.end_time, time);
    tree_path(out, &r.parameter_tree_path);
    opt(out, &r.object_list, |o, l| tree_path(o, l));
    opt(out, &r.das_details, tree);
}

fn body(b: &MessageBody<'_>, out: &mut Vec<u8>) {
    match b {
        MessageBody::OpenRequest(r) => {
            list(out, 7);
            opt_octets(out, &r.codepage);
            octets(out, r.client_id);
            octets(out, r.req_file_id);
            opt_octets(out, &r.server_id);
            opt_octets(out, &r.username);
            opt_octets(out, &r.password);
            opt(out, &r.sml_version, |o, v| uint(o, u64::from(*v), 1));
        }
        MessageBody::OpenResponse(r) => {
            list(out, 6);
            opt_octets(out, &r.codepage);
            opt_octets(out, &r.client_id);
            octets(out, r.req_file_id);
            octets(out, r.server_id);
            opt(out, &r.ref_time, time);
            opt(out, &r.sml_version, |o, v| uint(o, u64::from(*v), 1));
        }
        MessageBody::CloseRequest(CloseRequest { global_signature })
        | MessageBody::CloseResponse(CloseResponse { global_signature }) => {
            list(out, 1);
            opt_octets(out, global_signature);
        }
        MessageBody::GetProfilePackRequest(r) | MessageBody::GetProfileListRequest(r) => {
            profile_request(out, r)
        }
        MessageBody::GetProfilePackResponse(r) => {
            list(out, 8);
            octets(out, r.server_id);
            time(out, &r.act_time);
            uint(out, u64::from(r.reg_period), 4);
            tree_path(out, &r.parameter_tree_path);
            list(out, r.header_list.len());
            for h in &r.header_list {
                list(out, 3);
                octets(out, h.obj_name);
                uint(out, u64::from(h.unit), 1);
                int(out, i64::from(h.scaler), 1);
            }
            list(out, r.period_list.len());
            for p in &r.period_list {
                list(out, 4);
                time(out, &p.val_time);
                uint(out, p.status, 8);
                list(out, p.value_list.len());
                for v in &p.value_list {
                    list(out, 2);
                    value(out, &v.value);
                    opt_octets(out, &v.value_signature);
                }
                opt_octets(out, &p.period_signature);
            }
            opt_octets(out, &r.rawdata);
            opt_octets(out, &r.profile_signature);
        }
        MessageBody::GetProfileListResponse(r) => {
            list(out, 9);
            octets(out, r.server_id);
            time(out, &r.act_time);
            uint(out, u64::from(r.reg_period), 4);
            tree_path(out, &r.parameter_tree_path);
            time(out, &r.val_time);
            uint(out, r.status, 8);
            list(out, r.period_list.len());
            for p in &r.period_list {
                period_entry(out, p);
            }
            opt_octets(out, &r.rawdata);
            opt_octets(out, &r.period_signature);
        }
        MessageBody::GetProcParameterRequest(r) => {
            list(out, 5);
            opt_octets(out, &r.server_id);
            opt_octets(out, &r.username);
            opt_octets(out, &r.password);
            tree_path(out, &r.parameter_tree_path);
            opt_octets(out, &r.attribute);
        }
        MessageBody::GetProcParameterResponse(r) => {
            list(out, 3);
            octets(out, r.server_id);
            tree_path(out, &r.parameter_tree_path);
            tree(out, &r.parameter_tree);
        }
        MessageBody::SetProcParameterRequest(r) => {
            list(out, 5);
            opt_octets(out, &r.server_id);
            opt_octets(out, &r.username);
            opt_octets(out, &r.password);
            tree_path(out, &r.parameter_tree_path);
            tree(out, &r.parameter_tree);
        }
        MessageBody::GetListRequest(r) => {
            list(out, 5);
            octets(out, r.client_id);
            opt_octets(out, &r.server_id);
            opt_octets(out, &r.username);
            opt_octets(out, &r.password);
            opt_octets(out, &r.list_name);
        }
        MessageBody::GetListResponse(r) => {
            list(out, 7);
            opt_octets(out, &r.client_id);
            octets(out, r.server_id);
            opt_octets(out, &r.list_name);
            opt(out, &r.act_sensor_time, time);
            list(out, r.val_list.len());
            for e in &r.val_list {
                list_entry(out, e);
            }
            opt_octets(out, &r.list_signature);
            opt(out, &r.act_gateway_time, time);
        }
        MessageBody::AttentionResponse(r) => {
            list(out, 4);
            octets(out, r.server_id);
            octets(out, r.attention_no);
            opt_octets(out, &r.attention_msg);
            opt(out, &r.attention_details, tree);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    #[test]
    fn tl_lengths() {
        let mut out = Vec::new();
        tl(&mut out, 0, 14);
        assert_eq!(out, [0x0f]);
        out.clear();
        tl(&mut out, 0, 15); // 15 + 1 TL byte = 16 does not fit one nibble
        assert_eq!(out, [0x81, 0x01]);
        out.clear();
        tl(&mut out, 0, 48);
        assert_eq!(out, [0x83, 0x02]);
        out.clear();
        tl(&mut out, 7, 22);
        assert_eq!(out, [0xf1, 0x06]);
        out.clear();
        tl(&mut out, 7, 3);
        assert_eq!(out, [0x73]);
    }

    #[test]
    fn frame_escapes_aligned_blocks_only() {
        let f = frame(&hex!("1b1b1b1b 001b1b1b 1b"));
        assert_eq!(
            &f[8..f.len() - 8],
            hex!("1b1b1b1b 1b1b1b1b 001b1b1b 1b000000")
        );
        assert_eq!(&f[f.len() - 8..f.len() - 2], hex!("1b1b1b1b 1a03"));
    }
}
