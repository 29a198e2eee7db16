//! Deserialisers that accept what the firmware (and its older versions) actually send:
//! numbers as strings and strings as numbers, `null` for absent, unknown enum values.

use alloc::string::{String, ToString};
use core::fmt;
use serde::de::{self, Deserializer, Visitor};

struct AnyScalar;

/// A JSON scalar, whatever its type.
pub(crate) enum Scalar {
    Bool(bool),
    I(i64),
    U(u64),
    F(f64),
    S(String),
    Null,
}

impl<'de> Visitor<'de> for AnyScalar {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, string, boolean or null")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::I(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::U(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::F(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::S(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::S(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(AnyScalar)
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(AnyScalar)
}

/// A string; numbers and booleans are written out, `null` is empty.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match scalar(d)? {
        Scalar::S(s) => s,
        Scalar::I(v) => v.to_string(),
        Scalar::U(v) => v.to_string(),
        Scalar::F(v) => alloc::format!("{v}"),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Null => String::new(),
    })
}

/// `v` is a whole number that fits an `i64` (no `f64::fract` without std).
fn whole(v: f64) -> Option<i64> {
    (v.abs() < 9.2e18 && (v as i64) as f64 == v).then_some(v as i64)
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    t.parse::<i64>()
        .ok()
        .or_else(|| t.parse::<f64>().ok().and_then(whole))
}

/// An integer from a number or a numeric string (`"1883"`, `"0x0182"`); `null` is 0.
pub(crate) fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match scalar(d)? {
        Scalar::I(v) => Ok(v),
        Scalar::U(v) => i64::try_from(v).map_err(|_| de::Error::custom("integer too large")),
        Scalar::F(v) if whole(v).is_some() => Ok(v as i64),
        Scalar::S(s) => {
            parse_int(&s).ok_or_else(|| de::Error::custom(alloc::format!("not an integer: {s:?}")))
        }
        Scalar::Bool(b) => Ok(i64::from(b)),
        Scalar::Null => Ok(0),
        Scalar::F(v) => Err(de::Error::custom(alloc::format!("not an integer: {v}"))),
    }
}

/// A byte (0–255) read like [`i64`]: a number or a numeric string; `null` is 0.
pub(crate) fn byte<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let v = i64(d)?;
    u8::try_from(v).map_err(|_| de::Error::custom(alloc::format!("not 0 to 255: {v}")))
}

/// An optional integer (`null` and absent are `None`).
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::I(v) => Ok(Some(v)),
        Scalar::U(v) => Ok(i64::try_from(v).ok()),
        Scalar::F(v) if whole(v).is_some() => Ok(Some(v as i64)),
        Scalar::S(s) if s.trim().is_empty() => Ok(None),
        Scalar::S(s) => parse_int(&s)
            .map(Some)
            .ok_or_else(|| de::Error::custom(alloc::format!("not an integer: {s:?}"))),
        Scalar::Bool(b) => Ok(Some(i64::from(b))),
        Scalar::F(v) => Err(de::Error::custom(alloc::format!("not an integer: {v}"))),
    }
}

/// A float from a number or a numeric string; `null` is `None`.
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match scalar(d)? {
        Scalar::Null => Ok(None),
        Scalar::I(v) => Ok(Some(v as f64)),
        Scalar::U(v) => Ok(Some(v as f64)),
        Scalar::F(v) => Ok(Some(v)),
        Scalar::S(s) if s.trim().is_empty() => Ok(None),
        Scalar::S(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom(alloc::format!("not a number: {s:?}"))),
        Scalar::Bool(_) => Err(de::Error::custom("not a number: a boolean")),
    }
}

/// A boolean from `true`/`false`, `0`/`1`, `"true"`/`"false"`/`"1"`/`"0"`; `null` is false.
pub(crate) fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match scalar(d)? {
        Scalar::Bool(b) => Ok(b),
        Scalar::I(v) => Ok(v != 0),
        Scalar::U(v) => Ok(v != 0),
        Scalar::F(v) => Ok(v != 0.0),
        Scalar::S(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" | "" => Ok(false),
            _ => Err(de::Error::custom(alloc::format!("not a boolean: {s:?}"))),
        },
        Scalar::Null => Ok(false),
    }
}

/// The JSON Schemas of the lenient forms (`openapi`): what each deserialiser above accepts, so
/// the OpenAPI document describes what the clients read, not only what the firmware sends
/// today. A field takes one with `#[schemars(with = "lenient::LenientInteger")]`.
#[cfg(feature = "openapi")]
mod schema {
    use alloc::borrow::Cow;
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    /// A numeric string as [`super::i64`] and [`super::opt_f64`] read it: a decimal (with a
    /// sign, a fraction or an exponent) or a `0x` hex number, blanks around it allowed.
    const NUMERIC: &str =
        r"^\s*([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|0[xX][0-9a-fA-F]+)\s*$";
    /// [`NUMERIC`] or blank (read as absent).
    const NUMERIC_OR_BLANK: &str =
        r"^\s*(([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|0[xX][0-9a-fA-F]+)\s*)?$";
    /// The strings [`super::bool`] reads, in any case.
    const BOOLEAN_WORD: &str =
        "^\\s*([tT][rR][uU][eE]|[fF][aA][lL][sS][eE]|[yY][eE][sS]|[nN][oO]|[oO][nN]|[oO][fF][fF]|[01])?\\s*$";

    macro_rules! lenient_schema {
        ($(#[$doc:meta])* $name:ident => $schema:expr) => {
            $(#[$doc])*
            pub(crate) struct $name;

            impl JsonSchema for $name {
                fn inline_schema() -> bool {
                    true
                }
                fn schema_name() -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }
                fn json_schema(_: &mut SchemaGenerator) -> Schema {
                    $schema
                }
            }
        };
    }

    lenient_schema! {
        /// [`super::string`]: text; numbers and booleans are read as their text, `null` as empty.
        LenientString => json_schema!({ "type": ["string", "number", "boolean", "null"] })
    }
    lenient_schema! {
        /// [`super::i64`]: an integer, a numeric string, a boolean (0/1) or `null` (0).
        LenientInteger => json_schema!({
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": NUMERIC },
                { "type": ["boolean", "null"] }
            ]
        })
    }
    lenient_schema! {
        /// [`super::byte`]: like [`LenientInteger`], 0 to 255.
        LenientByte => json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 255 },
                { "type": "string", "pattern": NUMERIC },
                { "type": ["boolean", "null"] }
            ]
        })
    }
    lenient_schema! {
        /// [`super::opt_i64`]: like [`LenientInteger`]; `null` and a blank string are absent.
        LenientOptionalInteger => json_schema!({
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": NUMERIC_OR_BLANK },
                { "type": ["boolean", "null"] }
            ]
        })
    }
    lenient_schema! {
        /// [`super::opt_f64`]: a number or a numeric string; `null` and blank are absent.
        LenientOptionalNumber => json_schema!({
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": NUMERIC_OR_BLANK },
                { "type": "null" }
            ]
        })
    }
    lenient_schema! {
        /// [`super::bool`]: a boolean, a number (non-zero is true), `"true"`/`"1"`/`"yes"`/`"on"`
        /// and their opposites, or `null` (false).
        LenientBool => json_schema!({
            "anyOf": [
                { "type": ["boolean", "number", "null"] },
                { "type": "string", "pattern": BOOLEAN_WORD }
            ]
        })
    }
}
#[cfg(feature = "openapi")]
pub(crate) use schema::*;

/// Declares a string enum with an `Unknown(String)` variant for values this version does not
/// know: a new firmware value must not break a client.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, as sent.
            Unknown(alloc::string::String),
        }

        impl $name {
            /// The values this version knows, as the firmware writes them.
            pub const KNOWN: &'static [&'static str] = &[$($text),*];

            /// The value as the firmware writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Unknown(s) => s,
                }
            }
        }

        impl core::str::FromStr for $name {
            type Err = core::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($text => $name::$variant,)*
                    other => $name::Unknown(other.into()),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = $crate::api::lenient::string(d)?;
                Ok(s.parse().unwrap_or_else(|e: core::convert::Infallible| match e {}))
            }
        }

        /// The values this version knows, and any other string (a newer firmware's).
        #[cfg(feature = "openapi")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> alloc::borrow::Cow<'static, str> {
                alloc::borrow::Cow::Borrowed(stringify!($name))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "anyOf": [
                        { "enum": $name::KNOWN },
                        { "type": "string", "description": "a value a newer firmware may send" }
                    ]
                })
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use open_enum;
