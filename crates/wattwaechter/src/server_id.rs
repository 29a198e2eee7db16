//! Meter identities: the server ID as specified by DIN 43863-5 (`1 EMH00 1234 5678`).
//!
//! The 10-byte form is `0a` (EasyMeter: `09`), the medium digit ("Sparte", 1 =
//! electricity), the three-letter manufacturer FLAG, the fabrication block and a 4-byte serial
//! number: `0a 01 'D' 'Z' 'G' 00 02 86 41 8e` → `1 DZG00 4234 5054`.

use core::fmt;

/// A server ID in the DIN 43863-5 layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MeterId {
    /// The medium digit (1 electricity, 7 gas, 8 water, …).
    pub medium: u8,
    /// The manufacturer FLAG ID (three ASCII letters, e.g. `EMH`, `DZG`, `ISK`).
    pub flag: [u8; 3],
    /// The fabrication block.
    pub block: u8,
    /// The serial number.
    pub serial: u32,
}

impl MeterId {
    /// Reads a 10-byte server ID (first byte `0x0a`, or `0x09` as EasyMeter sends it), or a
    /// 9-byte one without that first byte. `None` when the layout does not match (three
    /// upper-case ASCII letters in the FLAG position). Older EMH meters send
    /// `06 'E' 'M' 'H' …`, a different layout, which is not read as one.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        let body = match bytes.len() {
            10 if matches!(bytes[0], 0x09 | 0x0a) => &bytes[1..],
            9 => bytes,
            _ => return None,
        };
        let flag = [body[1], body[2], body[3]];
        if !flag.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        Some(MeterId {
            medium: body[0],
            flag,
            block: body[4],
            serial: u32::from_be_bytes([body[5], body[6], body[7], body[8]]),
        })
    }

    /// The FLAG ID as text.
    pub fn flag_str(&self) -> &str {
        core::str::from_utf8(&self.flag).unwrap_or("???")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MeterId {
    /// `{"text": "1 DZG00 4208 2910", "flag": "DZG", "medium": 1, "block": 0, "serial": 42082910}`
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("MeterId", 5)?;
        st.serialize_field("text", &alloc::format!("{self}"))?;
        st.serialize_field("flag", self.flag_str())?;
        st.serialize_field("medium", &self.medium)?;
        st.serialize_field("block", &self.block)?;
        st.serialize_field("serial", &self.serial)?;
        st.end()
    }
}

impl fmt::Display for MeterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let serial = self.serial % 100_000_000;
        write!(
            f,
            "{:x} {}{:02x} {:04} {:04}",
            self.medium,
            self.flag_str(),
            self.block,
            serial / 10_000,
            serial % 10_000
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn din_43863_5() {
        let id =
            MeterId::parse(&[0x0a, 0x01, b'D', b'Z', b'G', 0x00, 0x02, 0x86, 0x41, 0x8e]).unwrap();
        assert_eq!(id.flag_str(), "DZG");
        assert_eq!(id.serial, 42_353_038);
        assert_eq!(id.to_string(), "1 DZG00 4235 3038");
        assert_eq!(MeterId::parse(b"1001185"), None);
        assert_eq!(
            MeterId::parse(&[0x06, b'E', b'M', b'H', 0x01, 0x02, 0x71, 0x58, 0x20, 0x51]),
            None
        );
        assert_eq!(
            MeterId::parse(&[0x0a, 1, b'd', b'z', b'g', 0, 0, 0, 0, 0]),
            None
        );
    }
}
