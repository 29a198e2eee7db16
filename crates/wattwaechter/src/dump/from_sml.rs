//! SML frames as dump frames: owned ([`frame`]) or written straight to a serializer
//! ([`SmlFramesView`]). Both go through [`value_fields`], so they cannot disagree.

use super::{DumpFrame, DumpValue, ErrorInfo, RawValue, ValueKind};
use crate::hex;
#[cfg(feature = "serde")]
use crate::sml;
use crate::sml::{Frame, Reading, ReadingValue, Time};
use crate::text::Lang;
use alloc::string::String;
use core::fmt::Write;

/// Reused text buffers for the fields of one value.
struct Texts {
    obis: String,
    value: String,
    /// The language of the names.
    lang: Lang,
}

impl Texts {
    fn new(lang: Lang) -> Self {
        Texts {
            obis: String::new(),
            value: String::new(),
            lang,
        }
    }
}

/// The raw value, borrowing its text.
pub(super) enum RawRef<'a> {
    Null,
    Bool(bool),
    Int(i128),
    Text(&'a str),
}

impl<'a> From<&'a RawValue> for RawRef<'a> {
    fn from(raw: &'a RawValue) -> Self {
        match raw {
            RawValue::Null => RawRef::Null,
            RawValue::Bool(b) => RawRef::Bool(*b),
            RawValue::Int(n) => RawRef::Int(*n),
            RawValue::Text(t) => RawRef::Text(t),
        }
    }
}

/// The fields of a [`DumpValue`], borrowing their texts.
struct ValueFields<'a> {
    obis: &'a str,
    name: Option<&'static str>,
    kind: ValueKind,
    raw: RawRef<'a>,
    scaler: Option<i8>,
    unit_code: Option<u8>,
    unit: Option<&'static str>,
    value: Option<&'a str>,
    text: Option<&'a str>,
}

/// Octet-string bytes that are printable ASCII text (two characters or more), as that text.
fn printable(bytes: &[u8]) -> Option<&str> {
    let text = bytes.len() >= 2 && bytes.iter().all(|b| (0x20..0x7f).contains(b));
    text.then(|| core::str::from_utf8(bytes).ok()).flatten()
}

/// A reading as dump-value fields; the texts are written into `texts` (cleared first).
fn value_fields<'a>(r: &'a Reading, texts: &'a mut Texts) -> ValueFields<'a> {
    texts.obis.clear();
    texts.value.clear();
    match r.obis {
        Some(o) => texts.obis.push_str(o.full_text().as_str()),
        None => hex::encode_into(&r.obj_name, &mut texts.obis),
    }
    // The text, then the raw value (for octet strings the same hex text).
    let kind = match &r.value {
        ReadingValue::Absent => ValueKind::Absent,
        ReadingValue::Bool { value } => {
            texts.value.push_str(if *value { "true" } else { "false" });
            ValueKind::Bool
        }
        ReadingValue::Bytes { value } => {
            hex::encode_into(value, &mut texts.value);
            ValueKind::Bytes
        }
        ReadingValue::Number { value, .. } => {
            value.write_into(&mut texts.value);
            ValueKind::Number
        }
        ReadingValue::Time { value } => {
            write_time(value, &mut texts.value);
            ValueKind::Time
        }
    };
    let value = texts.value.as_str();
    let raw = match &r.value {
        ReadingValue::Absent => RawRef::Null,
        ReadingValue::Bool { value } => RawRef::Bool(*value),
        ReadingValue::Bytes { .. } => RawRef::Text(value),
        ReadingValue::Number { raw, .. } => RawRef::Int(*raw),
        ReadingValue::Time { value } => RawRef::Int(i128::from(value.seconds())),
    };
    ValueFields {
        obis: texts.obis.as_str(),
        name: r.obis.and_then(|o| o.name()).map(|n| n.get(texts.lang)),
        kind,
        raw,
        scaler: r.scaler,
        unit_code: r.unit.map(|u| u.code),
        unit: r.unit.and_then(|u| u.symbol()),
        value: (kind != ValueKind::Absent).then_some(value),
        text: match &r.value {
            ReadingValue::Bytes { value } => printable(value),
            _ => None,
        },
    }
}

fn write_time(t: &Time, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = match *t {
        Time::SecIndex(v) | Time::BareSecIndex(v) => write!(out, "sec_index {v}"),
        Time::Timestamp(v) => write!(out, "unix {v}"),
        Time::LocalTimestamp {
            timestamp,
            local_offset,
            season_time_offset,
        } => write!(
            out,
            "unix {timestamp} local_offset {local_offset} season_offset {season_time_offset}"
        ),
    };
}

impl ValueFields<'_> {
    fn to_dump_value(&self) -> DumpValue {
        DumpValue {
            obis: self.obis.into(),
            name: self.name,
            kind: self.kind,
            raw: match self.raw {
                RawRef::Null => RawValue::Null,
                RawRef::Bool(b) => RawValue::Bool(b),
                RawRef::Int(n) => RawValue::Int(n),
                RawRef::Text(t) => RawValue::Text(t.into()),
            },
            scaler: self.scaler,
            unit_code: self.unit_code,
            unit: self.unit.map(Into::into),
            value: self.value.map(Into::into),
            text: self.text.map(Into::into),
        }
    }
}

fn error_info(f: &Frame, lang: Lang) -> Option<ErrorInfo> {
    f.error
        .as_ref()
        .map(|e| ErrorInfo::new(e.kind.as_str(), e.offset, e.message(), lang))
}

pub(super) fn frame(f: &Frame, lang: Lang) -> DumpFrame {
    let mut texts = Texts::new(lang);
    DumpFrame {
        offset: f.range.start,
        length: f.range.len(),
        status: f.status,
        crc: f.crc,
        quirks: f.quirks,
        error: error_info(f, lang),
        values: f
            .readings
            .iter()
            .map(|r| value_fields(r, &mut texts).to_dump_value())
            .collect(),
        messages: f.message_names.clone(),
        meter: f.server_id.as_deref().map(hex::encode),
        time: f.sensor_time.map(|t| t.seconds()),
    }
}

/// The frames of an SML capture, serialised exactly as [`super::sml_frames`]'s result is, but
/// without building it: every frame is decoded into one scratch frame (see
/// [`sml::for_each_frame`]) and written straight to the serializer, its texts formatted into
/// reused buffers. Use it to turn a capture into JSON or JS objects with no allocation per
/// value.
///
/// ```
/// use wattwaechter::{dump, sml};
/// let bytes = include_bytes!("../../../../tests/fixtures/sml/EMH-ED300L_delivery.bin");
/// let options = sml::DecodeOptions::default();
/// let lazy = serde_json::to_string(&dump::SmlFramesView::new(bytes, &options)).unwrap();
/// let built = serde_json::to_string(&dump::sml_frames(bytes, &options)).unwrap();
/// assert_eq!(lazy, built);
/// ```
#[cfg(feature = "serde")]
#[derive(Debug, Clone)]
pub struct SmlFramesView<'a> {
    bytes: &'a [u8],
    options: &'a sml::DecodeOptions,
    limits: crate::limits::Limits,
    lang: Lang,
    truncated: core::cell::Cell<Option<crate::limits::Truncation>>,
}

#[cfg(feature = "serde")]
impl<'a> SmlFramesView<'a> {
    /// The frames of `bytes`, decoded with `options` when serialised, within
    /// [`Limits::for_input`](crate::limits::Limits::for_input).
    pub fn new(bytes: &'a [u8], options: &'a sml::DecodeOptions) -> Self {
        Self::with_limits(
            bytes,
            options,
            crate::limits::Limits::for_input(bytes.len()),
        )
    }

    /// [`new`](Self::new) with other limits. Serialising fails when the frames pass them
    /// (a list that ended early would look complete); [`truncated`](Self::truncated) then
    /// says where.
    pub fn with_limits(
        bytes: &'a [u8],
        options: &'a sml::DecodeOptions,
        limits: crate::limits::Limits,
    ) -> Self {
        Self {
            bytes,
            options,
            limits,
            lang: Lang::En,
            truncated: core::cell::Cell::new(None),
        }
    }

    /// The same view with its texts (error sentences, OBIS names) in `lang`.
    pub fn with_lang(self, lang: Lang) -> Self {
        Self { lang, ..self }
    }

    /// Where the last serialisation stopped at a limit.
    pub fn truncated(&self) -> Option<crate::limits::Truncation> {
        self.truncated.get()
    }
}

#[cfg(feature = "serde")]
mod view {
    use super::*;
    use crate::label::{self, Label, StaticLabel};
    use core::cell::RefCell;
    use serde::ser::{Error, SerializeSeq, SerializeStruct};
    use serde::{Serialize, Serializer};

    impl Serialize for SmlFramesView<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(None)?;
            let texts = RefCell::new(Texts::new(self.lang));
            let mut meter = String::new();
            let mut failed = None;
            let mut tally = crate::limits::Tally::new(self.limits);
            self.truncated.set(None);
            sml::try_for_each_frame(self.bytes, self.options, |f| {
                if let Err(t) = tally.admit(f.range.start, f.readings.len()) {
                    self.truncated.set(Some(t));
                    failed = Some(S::Error::custom(t));
                    return core::ops::ControlFlow::Break(());
                }
                meter.clear();
                if let Some(id) = &f.server_id {
                    hex::encode_into(id, &mut meter);
                }
                let frame = FrameView {
                    frame: f,
                    meter: f.server_id.as_ref().map(|_| meter.as_str()),
                    texts: &texts,
                    lang: self.lang,
                };
                failed = seq.serialize_element(&frame).err();
                if failed.is_some() {
                    core::ops::ControlFlow::Break(())
                } else {
                    core::ops::ControlFlow::Continue(())
                }
            });
            match failed {
                Some(e) => Err(e),
                None => seq.end(),
            }
        }
    }

    /// One frame, serialised as its [`DumpFrame`].
    struct FrameView<'a> {
        frame: &'a Frame,
        meter: Option<&'a str>,
        texts: &'a RefCell<Texts>,
        lang: Lang,
    }

    impl Serialize for FrameView<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let f = self.frame;
            let mut st = s.serialize_struct("DumpFrame", 10)?;
            st.serialize_field("offset", &f.range.start)?;
            st.serialize_field("length", &f.range.len())?;
            st.serialize_field("status", &f.status)?;
            st.serialize_field("crc", &f.crc)?;
            st.serialize_field("quirks", &f.quirks)?;
            st.serialize_field("error", &error_info(f, self.lang))?;
            st.serialize_field(
                "values",
                &Values {
                    readings: &f.readings,
                    texts: self.texts,
                },
            )?;
            st.serialize_field("messages", &Messages(&f.message_names))?;
            st.serialize_field("meter", &self.meter.map(Label))?;
            st.serialize_field("time", &f.sensor_time.map(|t| t.seconds()))?;
            st.end()
        }
    }

    struct Messages<'a>(&'a [&'static str]);

    impl Serialize for Messages<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            label::serialize_static_all(self.0, s)
        }
    }

    struct Values<'a> {
        readings: &'a [Reading],
        texts: &'a RefCell<Texts>,
    }

    impl Serialize for Values<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut texts = self
                .texts
                .try_borrow_mut()
                .map_err(|_| S::Error::custom("SmlFramesView: value texts in use"))?;
            let mut seq = s.serialize_seq(Some(self.readings.len()))?;
            for r in self.readings {
                seq.serialize_element(&value_fields(r, &mut texts))?;
            }
            seq.end()
        }
    }

    impl Serialize for RawRef<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                RawRef::Null => s.serialize_none(),
                RawRef::Bool(b) => s.serialize_bool(*b),
                RawRef::Int(n) => crate::hex::serialize_exact_int(n, s),
                RawRef::Text(t) => s.serialize_str(t),
            }
        }
    }

    impl Serialize for ValueFields<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("DumpValue", 9)?;
            st.serialize_field("obis", &Label(self.obis))?;
            st.serialize_field("name", &self.name.map(StaticLabel))?;
            st.serialize_field("kind", &self.kind)?;
            st.serialize_field("raw", &self.raw)?;
            st.serialize_field("scaler", &self.scaler)?;
            st.serialize_field("unit_code", &self.unit_code)?;
            st.serialize_field("unit", &self.unit.map(StaticLabel))?;
            st.serialize_field("value", &self.value)?;
            st.serialize_field("text", &self.text)?;
            st.end()
        }
    }
}
