//! D0 telegrams as dump frames.

use super::{DumpFrame, DumpValue, ErrorInfo, RawValue, ValueKind};
use crate::d0;
use crate::limits::{Limits, Truncation};
use crate::quirk::{Quirk, Quirks};
use crate::status::Status;
use crate::text::Lang;
use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

pub(super) fn frames(
    linear: &[u8],
    limits: Limits,
    lang: Lang,
) -> (Vec<DumpFrame>, Option<Truncation>) {
    let capture = d0::parse_with(linear, limits);
    let truncated = capture.truncated;
    (frames_of(capture, lang), truncated)
}

/// The telegrams of a D0 capture (or of a stream's batch) as dump frames.
pub(super) fn frames_of(capture: d0::D0Capture, lang: Lang) -> Vec<DumpFrame> {
    let parity = capture.parity_stripped;
    capture
        .telegrams
        .into_iter()
        .map(|t| {
            let mut quirks = Quirks::new();
            if parity {
                quirks.insert(Quirk::ParityStripped);
            }
            // An intact telegram without a block check: damage to it cannot be detected.
            if t.bcc == d0::Bcc::Absent && t.crc16.is_none() && t.status == Status::Ok {
                quirks.insert(Quirk::NoBcc);
            }
            DumpFrame {
                offset: t.range.start,
                length: t.range.len(),
                status: t.status,
                crc: None,
                quirks,
                error: t
                    .error
                    .map(|e| ErrorInfo::new(e.kind, e.offset, e.text(), lang)),
                values: t
                    .data
                    .iter()
                    .flat_map(|set| {
                        let obis = set
                            .obis
                            .map(|o| o.to_string())
                            .unwrap_or_else(|| set.address.clone());
                        let name = set.obis.and_then(|o| o.name()).map(|n| n.get(lang));
                        set.values.iter().map(move |v| DumpValue {
                            obis: obis.clone(),
                            name,
                            kind: if is_decimal(&v.value) {
                                ValueKind::Number
                            } else {
                                ValueKind::Text
                            },
                            raw: RawValue::Text(v.value.clone()),
                            scaler: None,
                            unit_code: None,
                            unit: v.unit.clone(),
                            value: Some(v.value.clone()),
                            text: None,
                        })
                    })
                    .collect(),
                messages: Vec::new(),
                meter: t
                    .identification
                    .map(|i| format!("/{}{}{}", i.manufacturer, i.baud, i.ident)),
                time: None,
            }
        })
        .collect()
}

/// Decimal text as D0 sends it: digits with at most one '.', an optional sign.
fn is_decimal(t: &str) -> bool {
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    body.chars().any(|c| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
}
