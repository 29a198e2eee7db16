//! D0 telegrams: the identification, each line's address and values, STX, `!`, ETX, the block
//! check character and the DSMR CRC.

use super::{cover, Explained, Span, Verdict};
use crate::crc::crc16_arc;
use crate::d0::{parse, Bcc, Framing, Telegram};
use crate::hex;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

fn leaf(start: usize, end: usize, path: String, kind: &str, meaning: Option<String>) -> Span {
    Span {
        start,
        end,
        path,
        kind: kind.into(),
        meaning,
        verdict: None,
    }
}

/// Every telegram of `input`, each explained when it is taken.
pub(super) fn telegrams(input: &[u8]) -> impl Iterator<Item = Explained> {
    let (text, telegrams) = read(input);
    telegrams
        .into_iter()
        .enumerate()
        .map(move |(index, t)| telegram(&text, index, &t))
}

/// Telegram `n` of `input` (from 0).
pub(super) fn telegram_nth(input: &[u8], n: usize) -> Option<Explained> {
    let (text, telegrams) = read(input);
    telegrams.get(n).map(|t| telegram(&text, n, t))
}

/// The telegram of `input` that holds byte `offset`.
pub(super) fn telegram_at(input: &[u8], offset: usize) -> Option<Explained> {
    let (text, telegrams) = read(input);
    telegrams
        .iter()
        .enumerate()
        .find(|(_, t)| t.range.contains(&offset))
        .map(|(index, t)| telegram(&text, index, t))
}

/// The telegrams of `input`, and its text (parity bits cleared where the capture has them).
fn read(input: &[u8]) -> (Vec<u8>, Vec<Telegram>) {
    let capture = parse(input);
    let text = input
        .iter()
        .map(|&b| if capture.parity_stripped { b & 0x7f } else { b })
        .collect();
    (text, capture.telegrams)
}

/// One telegram, explained.
fn telegram(text: &[u8], index: usize, t: &Telegram) -> Explained {
    let range = t.range.clone();
    let mut spans = Vec::new();
    let line_end = |from: usize| {
        text[from..range.end]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(range.end, |i| from + i)
    };
    if let Some(id) = &t.identification {
        let end = line_end(range.start);
        spans.push(leaf(
            range.start,
            end,
            "identification".into(),
            "text",
            Some(format!(
                "manufacturer {}, baud character {}, identification \"{}\"",
                id.manufacturer, id.baud, id.ident
            )),
        ));
    }
    if t.framing == Framing::Block {
        if let Some(stx) = text[range.clone()].iter().position(|&c| c == 0x02) {
            let at = range.start + stx;
            spans.push(leaf(
                at,
                at + 1,
                "stx".into(),
                "STX",
                Some("the data block begins".into()),
            ));
        }
    }
    for (i, set) in t.data.iter().enumerate() {
        let open = text[set.offset..range.end].iter().position(|&c| c == b'(');
        let Some(open) = open.map(|o| set.offset + o) else {
            continue;
        };
        let name = set.obis.and_then(|o| o.name()).map(|n| n.en);
        spans.push(leaf(
            set.offset,
            open,
            format!("data[{i}].address"),
            "address",
            Some(match (set.obis, name) {
                (Some(o), Some(n)) => format!("{o}: {n}"),
                (Some(o), None) => format!("{o}"),
                (None, _) => format!("\"{}\" (no OBIS code)", set.address),
            }),
        ));
        let mut at = open;
        for (j, v) in set.values.iter().enumerate() {
            let Some(close) = text[at..range.end].iter().position(|&c| c == b')') else {
                break;
            };
            let close = at + close;
            spans.push(leaf(
                at,
                close + 1,
                format!("data[{i}].value[{j}]"),
                "value",
                Some(match &v.unit {
                    Some(u) => format!("{} {u}", v.value),
                    None => v.value.clone(),
                }),
            ));
            at = close + 1;
            if text.get(at) != Some(&b'(') {
                break;
            }
        }
    }
    // The end: `!` (with a DSMR CRC), ETX and the BCC.
    let tail = &text[range.clone()];
    if let Some(bang) = tail.iter().rposition(|&c| c == b'!') {
        let bang = range.start + bang;
        spans.push(leaf(
            bang,
            bang + 1,
            "end".into(),
            "!",
            Some("the data ends".into()),
        ));
        if let Some(crc) = t.crc16 {
            spans.push(Span {
                start: bang + 1,
                end: bang + 5,
                path: "dsmr_crc".into(),
                kind: "CRC-16/ARC, 4 hex digits".into(),
                meaning: Some(if crc.ok() {
                    "the telegram's checksum matches".into()
                } else {
                    "the telegram's checksum does not match".into()
                }),
                verdict: Some(Verdict {
                    check: "dsmr_crc",
                    ok: crc.ok(),
                    read: format!("{:04x}", crc.read),
                    computed: format!("{:04x}", crc16_arc(&text[range.start..=bang])),
                    computed_kermit: None,
                }),
            });
        }
    }
    if let Bcc::Ok | Bcc::Mismatch { .. } = t.bcc {
        let bcc_at = range.end - 1;
        spans.push(leaf(
            bcc_at - 1,
            bcc_at,
            "etx".into(),
            "ETX",
            Some("the data block ends".into()),
        ));
        let (read, computed) = match t.bcc {
            Bcc::Mismatch { read, computed } => (read, computed),
            _ => (text[bcc_at], text[bcc_at]),
        };
        spans.push(Span {
            start: bcc_at,
            end: range.end,
            path: "bcc".into(),
            kind: "block check character".into(),
            meaning: Some("XOR of the bytes after STX through ETX".into()),
            verdict: Some(Verdict {
                check: "bcc",
                ok: read == computed,
                read: hex::encode(&[read]),
                computed: hex::encode(&[computed]),
                computed_kermit: None,
            }),
        });
    }
    let stopped = t.error.as_ref().map(|e| e.message.clone());
    let mut spans = cover(
        range.clone(),
        spans,
        ("text", "line end or other text", None),
    );
    // The error, where it happened.
    if let Some(message) = stopped {
        let at = t.error.as_ref().map_or(range.start, |e| e.offset);
        if let Some(s) = spans.iter_mut().find(|s| s.start <= at && at < s.end) {
            s.meaning = Some(match s.meaning.take() {
                Some(m) => format!("{m}; {message}"),
                None => message,
            });
        }
    }
    Explained {
        index,
        offset: range.start,
        length: range.len(),
        status: t.status,
        spans,
    }
}
