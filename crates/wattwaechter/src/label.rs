//! Labels: strings drawn from a small set that repeats throughout a result (OBIS codes, unit
//! symbols, catalogue names, meter IDs, message names, error kinds), as opposed to measured
//! values and sentences.
//!
//! A label is serialised as a newtype struct named [`LABEL`] around the string. JSON,
//! serde-wasm-bindgen and every other serializer that treats newtype structs as their content
//! write the plain string, so the output does not change; a serializer that recognises the
//! name may send each distinct label once and refer to it afterwards (the npm package's
//! decoders do: a 1 MiB capture has ~95,000 labels but fewer than 1,000 distinct ones).
//!
//! Labels whose text is a `&'static str` (catalogue names, unit symbols, message names,
//! quirks) are marked [`STATIC_LABEL`] instead, so such a serializer can know them by their
//! address without reading them.
//!
//! The functions are `#[serde(serialize_with = …)]` helpers.

use serde::{Serialize, Serializer};

/// The newtype-struct name that marks a label.
pub const LABEL: &str = "$wattwaechter::Label";

/// The newtype-struct name that marks a label whose text is a `&'static str` (catalogue
/// names, message names, quirks, unit symbols): a serializer may recognise it by its address
/// instead of its content, since static text never changes.
pub const STATIC_LABEL: &str = "$wattwaechter::StaticLabel";

/// A string serialised as a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a>(pub &'a str);

impl Serialize for Label<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(LABEL, self.0)
    }
}

/// A static string serialised as a label (marked [`STATIC_LABEL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaticLabel(pub &'static str);

impl Serialize for StaticLabel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(STATIC_LABEL, self.0)
    }
}

/// A string field as a label.
pub fn serialize<T: AsRef<str>, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    Label(value.as_ref()).serialize(s)
}

/// An optional string field as a label (`None` as `null`).
pub fn serialize_opt<T: AsRef<str>, S: Serializer>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&Label(v.as_ref())),
        None => s.serialize_none(),
    }
}

/// A list of strings as labels.
pub fn serialize_all<T: AsRef<str>, S: Serializer>(values: &[T], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(|v| Label(v.as_ref())))
}

/// An optional static string field as a static label (`None` as `null`).
pub fn serialize_static_opt<S: Serializer>(
    value: &Option<&'static str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&StaticLabel(v)),
        None => s.serialize_none(),
    }
}

/// A list of static strings as static labels.
pub fn serialize_static_all<S: Serializer>(
    values: &[&'static str],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(values.iter().map(|v| StaticLabel(v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec;

    #[derive(Serialize)]
    struct Sample {
        #[serde(serialize_with = "serialize")]
        obis: String,
        #[serde(serialize_with = "serialize_static_opt")]
        name: Option<&'static str>,
        #[serde(serialize_with = "serialize_opt")]
        unit: Option<String>,
        #[serde(serialize_with = "serialize_static_all")]
        messages: alloc::vec::Vec<&'static str>,
    }

    #[test]
    fn json_sees_plain_strings() {
        let v = Sample {
            obis: "1-0:1.8.0*255".into(),
            name: Some("Active energy import (A+), total"),
            unit: None,
            messages: vec!["OpenResponse", "CloseResponse"],
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"obis":"1-0:1.8.0*255","name":"Active energy import (A+), total","unit":null,"messages":["OpenResponse","CloseResponse"]}"#
        );
    }
}
