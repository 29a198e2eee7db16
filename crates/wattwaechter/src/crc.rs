//! The two CRC-16 variants SML meters use, both from the [`crc`] crate's catalogue.
//!
//! SML 1.04 specifies CRC-16/X-25 (reflected polynomial 0x1021, init 0xFFFF, xorout 0xFFFF).
//! Some meters (Holley DTZ541 on RS485) compute CRC-16/KERMIT instead (same polynomial,
//! init 0, xorout 0). The transport CRC is sent low byte first; the message CRC is an
//! `Unsigned16` holding the byte-swapped X-25 value, i.e. the same two bytes in wire order.

use crc::{Crc, CRC_16_IBM_SDLC, CRC_16_KERMIT};

/// The table layout of both checksums. Builds with `std` (native and the npm package's wasm)
/// use slice-by-16 (8 KiB of tables per variant, about 3× the speed of a 256-entry table; in
/// the wasm build 10 % more `decodeSml` throughput for 8 KB more gzipped); bare-metal builds
/// keep the 512-byte table, because there code size matters more than checksum speed.
#[cfg(feature = "std")]
pub type CrcTable = crc::Table<16>;
/// The table layout of both checksums (the small 256-entry table on this target).
#[cfg(not(feature = "std"))]
pub type CrcTable = crc::Table<1>;

/// CRC-16/X-25 (catalogued as CRC-16/IBM-SDLC), the checksum SML 1.04 specifies.
pub static X25: Crc<u16, CrcTable> = Crc::<u16, CrcTable>::new(&CRC_16_IBM_SDLC);
/// CRC-16/KERMIT, sent by some meters instead of X-25.
pub static KERMIT: Crc<u16, CrcTable> = Crc::<u16, CrcTable>::new(&CRC_16_KERMIT);

/// Which checksum variant a frame or message matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum CrcKind {
    /// CRC-16/X-25, as the specification demands.
    X25,
    /// CRC-16/KERMIT, a known meter deviation.
    Kermit,
}

impl CrcKind {
    /// Lower-case name used in reports and JSON (`x25`, `kermit`).
    pub const fn as_str(self) -> &'static str {
        match self {
            CrcKind::X25 => "x25",
            CrcKind::Kermit => "kermit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_check_values() {
        // The standard check input "123456789" (reveng catalogue).
        assert_eq!(X25.checksum(b"123456789"), 0x906E);
        assert_eq!(KERMIT.checksum(b"123456789"), 0x2189);
    }
}
