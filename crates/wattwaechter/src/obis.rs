//! OBIS codes (IEC 62056-61): the six-group identifiers `A-B:C.D.E*F` of meter quantities.
//!
//! SML carries them as 6-byte octet strings (`01 00 01 08 00 ff` = `1-0:1.8.0*255`); the
//! WattWächter JSON uses the short `C.D.E` form for electricity (`"1.8.0"`) and `A-B:C.D.E`
//! for gas and water; D0 telegrams use reduced forms with letters (`C.1.0`, `F.F`).
//! [`Obis`] converts between all of them, and [`Obis::name`] looks a code up in a catalogue
//! of the common codes (English and German).

use crate::quoted::Quoted;
use core::fmt;
use core::str::FromStr;

/// An OBIS code: the six value groups A (medium) to F (billing period / storage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Obis(pub [u8; 6]);

/// Why a text could not be read as an OBIS code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObisParseError {
    /// What was wrong.
    pub kind: ObisParseErrorKind,
    /// The byte offset in the text where it was found.
    pub offset: usize,
}

/// The kinds of [`ObisParseError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ObisParseErrorKind {
    /// A value group was expected but the text had none (empty, or two separators in a row).
    MissingGroup,
    /// A group's number is above 255.
    GroupOutOfRange,
    /// A character that is neither a digit, a group letter nor the expected separator.
    UnexpectedChar(char),
    /// More groups or characters after a complete code.
    TrailingInput,
}

impl fmt::Display for ObisParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ObisParseErrorKind::MissingGroup => write!(f, "OBIS code: value group missing")?,
            ObisParseErrorKind::GroupOutOfRange => write!(f, "OBIS code: value group above 255")?,
            ObisParseErrorKind::UnexpectedChar(c) => {
                write!(f, "OBIS code: unexpected character {}", Quoted(c))?
            }
            ObisParseErrorKind::TrailingInput => write!(f, "OBIS code: text after the code")?,
        }
        write!(f, " at byte {}", self.offset)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ObisParseError {}

impl Obis {
    /// Builds a code from its six groups.
    pub const fn new(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8) -> Self {
        Obis([a, b, c, d, e, f])
    }

    /// Reads the 6-byte form SML uses. Returns `None` for any other length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        <[u8; 6]>::try_from(bytes).ok().map(Obis)
    }

    /// The 6-byte form.
    pub const fn as_bytes(&self) -> &[u8; 6] {
        &self.0
    }

    /// Group A (medium: 0 abstract, 1 electricity, 7 gas, 8 water, …).
    pub const fn a(&self) -> u8 {
        self.0[0]
    }
    /// Group B (channel).
    pub const fn b(&self) -> u8 {
        self.0[1]
    }
    /// Group C (quantity).
    pub const fn c(&self) -> u8 {
        self.0[2]
    }
    /// Group D (processing: 7 instantaneous, 8 register, …).
    pub const fn d(&self) -> u8 {
        self.0[3]
    }
    /// Group E (tariff or further classification).
    pub const fn e(&self) -> u8 {
        self.0[4]
    }
    /// Group F (billing period; 255 = not used).
    pub const fn f(&self) -> u8 {
        self.0[5]
    }

    /// The short `C.D.E` form the WattWächter JSON uses for electricity (`1.8.0`).
    pub fn short(&self) -> ShortObis {
        ShortObis(*self)
    }

    /// Parses the full form `A-B:C.D.E*F` (also `&F`), `A-B:C.D.E` (F = 255), and the reduced
    /// forms `C.D.E`, `C.D.E*F` and `C.D` (A = 1, B = 0, E = 0, F = 255). Groups C and D may be
    /// the IEC 62056-61 letters `C` (96), `F` (97), `L` (98) and `P` (99), as in `C.1.0` and
    /// `F.F`.
    pub fn parse(text: &str) -> Result<Self, ObisParseError> {
        text.parse()
    }

    /// Every code the catalogue names (channel B = 0 and F = 255 as representatives; tariff
    /// registers 1–9 of import and export included).
    pub fn catalogue() -> alloc::vec::Vec<(Obis, ObisName)> {
        crate::obis_names::all()
    }

    /// Looks the code up in the catalogue of common codes.
    pub fn name(&self) -> Option<ObisName> {
        crate::obis_names::lookup(self)
    }
}

/// Codes electricity meters send, by name.
impl Obis {
    /// `1-0:1.8.0*255`: active energy import (A+), total.
    pub const IMPORT_TOTAL: Obis = Obis::new(1, 0, 1, 8, 0, 255);
    /// `1-0:2.8.0*255`: active energy export (A−), total.
    pub const EXPORT_TOTAL: Obis = Obis::new(1, 0, 2, 8, 0, 255);
    /// `1-0:16.7.0*255`: active power, total (negative: export).
    pub const POWER: Obis = Obis::new(1, 0, 16, 7, 0, 255);
    /// `1-0:36.7.0*255`, `56.7.0`, `76.7.0`: active power of L1, L2, L3.
    pub const POWER_PHASES: [Obis; 3] = [
        Obis::new(1, 0, 36, 7, 0, 255),
        Obis::new(1, 0, 56, 7, 0, 255),
        Obis::new(1, 0, 76, 7, 0, 255),
    ];
    /// `1-0:32.7.0*255`, `52.7.0`, `72.7.0`: voltage of L1, L2, L3.
    pub const VOLTAGE_PHASES: [Obis; 3] = [
        Obis::new(1, 0, 32, 7, 0, 255),
        Obis::new(1, 0, 52, 7, 0, 255),
        Obis::new(1, 0, 72, 7, 0, 255),
    ];
    /// `1-0:31.7.0*255`, `51.7.0`, `71.7.0`: current of L1, L2, L3.
    pub const CURRENT_PHASES: [Obis; 3] = [
        Obis::new(1, 0, 31, 7, 0, 255),
        Obis::new(1, 0, 51, 7, 0, 255),
        Obis::new(1, 0, 71, 7, 0, 255),
    ];
    /// `1-0:14.7.0*255`: mains frequency.
    pub const FREQUENCY: Obis = Obis::new(1, 0, 14, 7, 0, 255);
    /// `1-0:0.0.9*255`: the device (server) ID.
    pub const DEVICE_ID: Obis = Obis::new(1, 0, 0, 0, 9, 255);
    /// `1-0:0.0.0*255`: the owner number.
    pub const OWNER_NUMBER: Obis = Obis::new(1, 0, 0, 0, 0, 255);
    /// `129-129:199.130.3*255`: the manufacturer (FLAG ID, e.g. `EMH`).
    pub const MANUFACTURER: Obis = Obis::new(129, 129, 199, 130, 3, 255);
    /// `1-0:96.50.1*1`: the manufacturer, as EMH meters send it.
    pub const MANUFACTURER_EMH: Obis = Obis::new(1, 0, 96, 50, 1, 1);
    /// `1-0:98.10.255*255`: the list name of an EMH meter's readings list.
    pub const EMH_LIST: Obis = Obis::new(1, 0, 98, 10, 255, 255);
}

/// Display adapter for the short `C.D.E` form, see [`Obis::short`].
#[derive(Debug, Clone, Copy)]
pub struct ShortObis(Obis);

impl fmt::Display for ShortObis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0.c(), self.0.d(), self.0.e())
    }
}

impl Obis {
    /// The full form (`1-0:1.8.0*255`) without `core::fmt`: a dump report formats one code per
    /// reading.
    pub(crate) fn full_text(&self) -> crate::digits::AsciiBuf<23> {
        let mut text = crate::digits::AsciiBuf::<23>::new();
        for (group, separator) in self.0.iter().zip([b'-', b':', b'.', b'.', b'*', 0]) {
            text.push_u8(*group);
            if separator != 0 {
                text.push(separator);
            }
        }
        text
    }
}

impl fmt::Display for Obis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.full_text().as_str())
    }
}

/// A catalogue entry: the meaning of a code in English and German.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
pub struct ObisName {
    /// English name.
    pub en: &'static str,
    /// German name.
    pub de: &'static str,
}

impl ObisName {
    /// The name in `lang`.
    pub const fn get(&self, lang: crate::text::Lang) -> &'static str {
        match lang {
            crate::text::Lang::En => self.en,
            crate::text::Lang::De => self.de,
        }
    }
}

/// A cursor over the text that remembers the byte offset for errors.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn err(&self, kind: ObisParseErrorKind) -> ObisParseError {
        ObisParseError {
            kind,
            offset: self.pos,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// One value group: decimal digits, or a single group letter when `letters` is set.
    fn group(&mut self, letters: bool) -> Result<u8, ObisParseError> {
        let start = self.pos;
        if letters {
            let letter = match self.peek() {
                Some(b'C') => Some(96),
                Some(b'F') => Some(97),
                Some(b'L') => Some(98),
                Some(b'P') => Some(99),
                _ => None,
            };
            if let Some(v) = letter {
                self.pos += 1;
                return Ok(v);
            }
        }
        let mut value: u32 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            value = value * 10 + u32::from(d - b'0');
            if value > 255 {
                return Err(ObisParseError {
                    kind: ObisParseErrorKind::GroupOutOfRange,
                    offset: start,
                });
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(match self.peek() {
                None | Some(b'.' | b'-' | b':' | b'*' | b'&') => {
                    self.err(ObisParseErrorKind::MissingGroup)
                }
                Some(_) => self.unexpected(),
            });
        }
        Ok(value as u8)
    }

    fn unexpected(&self) -> ObisParseError {
        let rest = core::str::from_utf8(&self.bytes[self.pos..]).unwrap_or("");
        let c = rest.chars().next().unwrap_or('\u{fffd}');
        self.err(ObisParseErrorKind::UnexpectedChar(c))
    }

    fn eat(&mut self, sep: &[u8]) -> bool {
        match self.peek() {
            Some(b) if sep.contains(&b) => {
                self.pos += 1;
                true
            }
            _ => false,
        }
    }
}

impl FromStr for Obis {
    type Err = ObisParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut r = Reader {
            bytes: text.as_bytes(),
            pos: 0,
        };
        let full = text.contains(':');
        let (a, b) = if full {
            let a = r.group(false)?;
            if !r.eat(b"-") {
                return Err(r.unexpected_or_missing());
            }
            let b = r.group(false)?;
            if !r.eat(b":") {
                return Err(r.unexpected_or_missing());
            }
            (a, b)
        } else {
            (1, 0)
        };
        let c = r.group(true)?;
        if !r.eat(b".") {
            return Err(r.unexpected_or_missing());
        }
        let d = r.group(true)?;
        let e = if r.eat(b".") {
            r.group(false)?
        } else if full {
            return Err(r.unexpected_or_missing());
        } else {
            0
        };
        let f = if r.eat(b"*&") { r.group(false)? } else { 255 };
        if r.pos != r.bytes.len() {
            return Err(r.err(ObisParseErrorKind::TrailingInput));
        }
        Ok(Obis([a, b, c, d, e, f]))
    }
}

impl Reader<'_> {
    fn unexpected_or_missing(&self) -> ObisParseError {
        if self.peek().is_none() {
            self.err(ObisParseErrorKind::MissingGroup)
        } else {
            self.unexpected()
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Obis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Obis {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <alloc::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn bytes_and_text() {
        let o = Obis::from_bytes(&[1, 0, 1, 8, 0, 255]).unwrap();
        assert_eq!(o.to_string(), "1-0:1.8.0*255");
        assert_eq!(o.short().to_string(), "1.8.0");
        assert_eq!(o, Obis::IMPORT_TOTAL);
        for (code, text) in [
            (Obis::POWER, "1-0:16.7.0*255"),
            (Obis::POWER_PHASES[2], "1-0:76.7.0*255"),
            (Obis::VOLTAGE_PHASES[0], "1-0:32.7.0*255"),
            (Obis::CURRENT_PHASES[1], "1-0:51.7.0*255"),
            (Obis::MANUFACTURER, "129-129:199.130.3*255"),
        ] {
            assert_eq!(code.to_string(), text);
        }
        assert_eq!(Obis::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn parses_every_form() {
        let cases = [
            ("1-0:1.8.0*255", [1, 0, 1, 8, 0, 255]),
            ("1-0:1.8.0&255", [1, 0, 1, 8, 0, 255]),
            ("1-0:96.50.1*1", [1, 0, 96, 50, 1, 1]),
            ("7-0:3.0.0", [7, 0, 3, 0, 0, 255]),
            ("1.8.0", [1, 0, 1, 8, 0, 255]),
            ("16.7.0*3", [1, 0, 16, 7, 0, 3]),
            ("C.1.0", [1, 0, 96, 1, 0, 255]),
            ("F.F", [1, 0, 97, 97, 0, 255]),
            ("129-129:199.130.3*255", [129, 129, 199, 130, 3, 255]),
        ];
        for (text, bytes) in cases {
            assert_eq!(Obis::parse(text), Ok(Obis(bytes)), "{text}");
        }
    }

    #[test]
    fn errors_name_the_offset() {
        use ObisParseErrorKind::*;
        let cases = [
            ("", MissingGroup, 0),
            ("1-0:1.8", MissingGroup, 7),
            ("1-0:1.256.0", GroupOutOfRange, 6),
            ("1.8.x", UnexpectedChar('x'), 4),
            ("1.8.0*255 ", TrailingInput, 9),
            ("1-0:1..0", MissingGroup, 6),
        ];
        for (text, kind, offset) in cases {
            assert_eq!(
                Obis::parse(text),
                Err(ObisParseError { kind, offset }),
                "{text}"
            );
        }
    }

    #[test]
    fn two_groups_are_a_reduced_form() {
        assert_eq!(Obis::parse("1.8"), Ok(Obis([1, 0, 1, 8, 0, 255])));
    }

    #[test]
    fn displays_the_widest_and_narrowest_codes() {
        assert_eq!(Obis([255; 6]).to_string(), "255-255:255.255.255*255");
        assert_eq!(Obis([0; 6]).to_string(), "0-0:0.0.0*0");
        assert_eq!(Obis([1, 0, 96, 50, 1, 1]).to_string(), "1-0:96.50.1*1");
    }

    #[test]
    fn round_trips_through_text() {
        for a in [0u8, 1, 129] {
            for f in [0u8, 1, 255] {
                let o = Obis([a, 0, 1, 8, 2, f]);
                assert_eq!(Obis::parse(&o.to_string()), Ok(o));
            }
        }
    }

    #[test]
    fn names_common_codes() {
        assert_eq!(
            Obis::parse("1-0:1.8.0*255").unwrap().name().unwrap().en,
            "Active energy import (A+), total"
        );
        assert_eq!(
            Obis::parse("1-0:16.7.0*255").unwrap().name().unwrap().de,
            "Summe Wirkleistung (A+ − A−)"
        );
        assert!(Obis::parse("1-0:1.8.3*255").unwrap().name().is_some());
        assert!(Obis::parse("9-9:9.9.9*9").unwrap().name().is_none());
    }

    #[test]
    fn every_catalogue_code_finds_its_own_name() {
        let catalogue = Obis::catalogue();
        assert!(catalogue.len() > 30);
        for (code, name) in catalogue {
            assert_eq!(code.name(), Some(name), "{code}");
        }
    }
}
