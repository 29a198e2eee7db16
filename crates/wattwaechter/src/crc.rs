//! The two CRC-16 variants SML meters use, both from the [`crc`] crate's catalogue.
//!
//! SML 1.04 specifies CRC-16/X-25 (reflected polynomial 0x1021, init 0xFFFF, xorout 0xFFFF).
//! Some meters (Holley DTZ541 on RS485) compute CRC-16/KERMIT instead (same polynomial,
//! init 0, xorout 0). The transport CRC is sent low byte first; the message CRC is an
//! `Unsigned16` holding the byte-swapped X-25 value, i.e. the same two bytes in wire order.
//!
//! Both variants have the same reflected polynomial and so the same table: KERMIT is the bare
//! register, X-25 starts it at `0xFFFF` and inverts the result. One table serves both
//! ([`Crc16`]), built by the [`crc`] crate.
//!
//! DSMR 4/5 telegrams (D0 text with `!` and four hex digits at the end) carry a third one,
//! CRC-16/ARC ([`crc16_arc`]).

use crc::{Crc, CRC_16_ARC, CRC_16_KERMIT};

mod zeros;

/// The table layout. Builds with `std` (native and the npm package's wasm) use slice-by-16
/// (several times the speed of a 256-entry table; the `crc` group of the core's criterion
/// bench compares the two), with the 8 KiB table computed on first use rather than shipped in the binary
/// (random-looking bytes that would not compress in the npm package's `.wasm`).
/// Bare-metal builds keep the 512-byte table in flash, because there code size matters more
/// than checksum speed.
#[cfg(feature = "std")]
type CrcTable = crc::Table<16>;
/// The table layout (the small 256-entry table on this target).
#[cfg(not(feature = "std"))]
type CrcTable = crc::Table<1>;

/// The shared table, as CRC-16/KERMIT (register starts at 0, result not inverted).
#[cfg(feature = "std")]
fn table() -> &'static Crc<u16, CrcTable> {
    static TABLE: std::sync::OnceLock<Crc<u16, CrcTable>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| Crc::<u16, CrcTable>::new(&CRC_16_KERMIT))
}

/// The shared table, as CRC-16/KERMIT (register starts at 0, result not inverted).
#[cfg(not(feature = "std"))]
fn table() -> &'static Crc<u16, CrcTable> {
    static TABLE: Crc<u16, CrcTable> = Crc::<u16, CrcTable>::new(&CRC_16_KERMIT);
    &TABLE
}

/// CRC-16/ARC (reflected polynomial 0x8005, init 0, no final XOR), the checksum of DSMR 4/5
/// telegrams: over every byte from `/` through `!`. Its check value is `0xBB3D`.
pub fn crc16_arc(bytes: &[u8]) -> u16 {
    static ARC: Crc<u16> = Crc::<u16>::new(&CRC_16_ARC);
    ARC.checksum(bytes)
}

/// One CRC-16 variant with the reflected polynomial 0x1021: where the register starts and
/// what the result is XORed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crc16 {
    init: u16,
    xorout: u16,
}

/// CRC-16/X-25 (catalogued as CRC-16/IBM-SDLC), the checksum SML 1.04 specifies.
pub const X25: Crc16 = Crc16 {
    init: 0xFFFF,
    xorout: 0xFFFF,
};
/// CRC-16/KERMIT, sent by some meters instead of X-25.
pub const KERMIT: Crc16 = Crc16 { init: 0, xorout: 0 };

impl Crc16 {
    /// The checksum of `bytes`.
    pub fn checksum(&self, bytes: &[u8]) -> u16 {
        let mut digest = self.digest();
        digest.update(bytes);
        digest.finalize()
    }

    /// A running checksum, for input in pieces.
    pub fn digest(&self) -> Digest {
        Digest {
            inner: table().digest_with_initial(self.init),
            xorout: self.xorout,
        }
    }
}

/// A running checksum of one [`Crc16`] variant.
pub struct Digest {
    inner: crc::Digest<'static, u16, CrcTable>,
    xorout: u16,
}

impl Digest {
    /// Adds the next piece of input.
    pub fn update(&mut self, bytes: &[u8]) {
        self.inner.update(bytes);
    }

    /// Continues as if `len` bytes had been added whose checksum under `variant` is
    /// `checksum`, without reading them (the CRC "combine"): a caller that has checksummed
    /// parts of its input anyway gets the checksum of the whole for a few table lookups per
    /// part instead of a second pass over the bytes.
    ///
    /// ```
    /// use wattwaechter::crc::X25;
    ///
    /// let (head, tail) = (b"1234", b"56789");
    /// let mut digest = X25.digest();
    /// digest.update(head);
    /// digest.append_checksum(&X25, X25.checksum(tail), tail.len());
    /// assert_eq!(digest.finalize(), X25.checksum(b"123456789"));
    /// ```
    pub fn append_checksum(&mut self, variant: &Crc16, checksum: u16, len: usize) {
        // The register is linear: after the bytes it is Zⁿ(register before) ⊕ L(bytes), and
        // the checksum is Zⁿ(start register of `variant`) ⊕ L(bytes) ⊕ its xorout.
        let register = self.inner.clone().finalize();
        let start = variant.init.reverse_bits();
        let after = zeros::zeros(register ^ start, len) ^ checksum ^ variant.xorout;
        // The `crc` crate bit-reverses the initial value of a reflected algorithm.
        self.inner = table().digest_with_initial(after.reverse_bits());
    }

    /// The checksum of all input so far.
    pub fn finalize(self) -> u16 {
        self.inner.finalize() ^ self.xorout
    }
}

/// Which checksum variant a frame or message matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
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

    /// The shared table gives what the `crc` crate's own catalogue entries give, for every
    /// length up to 300 (slice-by-16 has separate paths for the 16-byte blocks and the rest)
    /// and in pieces.
    #[test]
    fn shared_table_equals_the_catalogue() {
        let x25 = Crc::<u16>::new(&crc::CRC_16_IBM_SDLC);
        let kermit = Crc::<u16>::new(&CRC_16_KERMIT);
        let bytes: alloc::vec::Vec<u8> = (0..300u32).map(|i| (i * 97 + 13) as u8).collect();
        for n in 0..=bytes.len() {
            let b = &bytes[..n];
            assert_eq!(X25.checksum(b), x25.checksum(b), "X-25, {n} bytes");
            assert_eq!(KERMIT.checksum(b), kermit.checksum(b), "KERMIT, {n} bytes");
            let mut d = X25.digest();
            d.update(&b[..n / 3]);
            d.update(&b[n / 3..]);
            assert_eq!(d.finalize(), x25.checksum(b), "X-25 in pieces, {n} bytes");
        }
    }

    /// Appending the checksum of a part gives the checksum of the whole, for every split of
    /// 300 bytes into three parts (the middle one appended), either variant on either side.
    #[test]
    fn appending_a_checksum_equals_adding_the_bytes() {
        let bytes: alloc::vec::Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
        for whole in [X25, KERMIT] {
            for part in [X25, KERMIT] {
                for a in (0..300).step_by(7) {
                    for b in (a..=300).step_by(11) {
                        let mut d = whole.digest();
                        d.update(&bytes[..a]);
                        d.append_checksum(&part, part.checksum(&bytes[a..b]), b - a);
                        d.update(&bytes[b..]);
                        assert_eq!(d.finalize(), whole.checksum(&bytes), "{a}..{b}");
                    }
                }
            }
        }
    }
}
