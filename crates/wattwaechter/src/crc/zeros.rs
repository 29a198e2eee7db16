//! Advancing a CRC register over a run of zero bytes in logarithmic time: the operator behind
//! [`Digest::append_checksum`](super::Digest::append_checksum).
//!
//! The reflected CRC-16 register update is linear over GF(2), so the register after `n` zero
//! bytes is a fixed 16×16 bit matrix `Zⁿ` applied to the register before. `Zⁿ` is the product
//! of the matrices `Z^(2^k)` for the bits `k` set in `n`; each of those is stored as its 16
//! columns (the image of each single register bit). Builds with `std` also keep the first 16
//! of them as two 256-entry tables each (low and high register byte), built on first use, so
//! one matrix costs two lookups: appending the checksum of a message shorter than 64 KiB costs
//! at most 32 lookups, however long the message.

/// The reflected form of the polynomial 0x1021 (X-25 and KERMIT alike).
const POLY_REFLECTED: u16 = 0x8408;

/// How many powers of two a run length can hold.
const POWERS: usize = usize::BITS as usize;

/// `Z^(2^k)` for every `k` below [`POWERS`], as columns: `columns()[k][i]` is the register
/// that the register with only bit `i` set becomes after `2^k` zero bytes.
const fn columns() -> [[u16; 16]; POWERS] {
    let mut out = [[0u16; 16]; POWERS];
    // Z¹: eight shifts of the bit-wise reflected CRC per zero byte.
    let mut i = 0;
    while i < 16 {
        let mut reg = 1u16 << i;
        let mut bit = 0;
        while bit < 8 {
            reg = if reg & 1 == 1 {
                (reg >> 1) ^ POLY_REFLECTED
            } else {
                reg >> 1
            };
            bit += 1;
        }
        out[0][i] = reg;
        i += 1;
    }
    // Z^(2^(k+1)) = Z^(2^k) · Z^(2^k).
    let mut k = 1;
    while k < POWERS {
        let mut i = 0;
        while i < 16 {
            out[k][i] = apply(&out[k - 1], out[k - 1][i]);
            i += 1;
        }
        k += 1;
    }
    out
}

/// The matrix given by `columns` applied to `reg`.
const fn apply(columns: &[u16; 16], reg: u16) -> u16 {
    let mut out = 0;
    let mut i = 0;
    while i < 16 {
        if reg & (1 << i) != 0 {
            out ^= columns[i];
        }
        i += 1;
    }
    out
}

/// The register `reg` after `len` zero bytes.
pub(super) fn zeros(mut reg: u16, len: usize) -> u16 {
    let ops = ops();
    let mut n = len;
    while n != 0 {
        reg = ops.apply(n.trailing_zeros() as usize, reg);
        n &= n - 1;
    }
    reg
}

/// The operators `Z^(2^k)`, with byte tables for the small `k` (built on first use).
#[cfg(feature = "std")]
struct Ops {
    columns: [[u16; 16]; POWERS],
    /// `bytes[k][0][b]`: `Z^(2^k)` applied to the low register byte `b`; `bytes[k][1][b]`: to
    /// the high register byte `b`.
    bytes: [[[u16; 256]; 2]; TABLED],
}

/// How many of the operators have byte tables (runs below 64 KiB need no other).
#[cfg(feature = "std")]
const TABLED: usize = 16;

#[cfg(feature = "std")]
impl Ops {
    #[cold]
    fn new() -> Self {
        let columns = columns();
        let mut bytes = [[[0u16; 256]; 2]; TABLED];
        for (table, cols) in bytes.iter_mut().zip(&columns) {
            for (half, shift) in table.iter_mut().zip([0, 8]) {
                // Each entry from one with a bit fewer: b with its lowest bit cleared, plus
                // that bit's column.
                for b in 1..256usize {
                    half[b] = half[b & (b - 1)] ^ cols[b.trailing_zeros() as usize + shift];
                }
            }
        }
        Ops { columns, bytes }
    }

    fn apply(&self, k: usize, reg: u16) -> u16 {
        match self.bytes.get(k) {
            Some([low, high]) => low[usize::from(reg & 0xff)] ^ high[usize::from(reg >> 8)],
            None => apply(&self.columns[k], reg),
        }
    }
}

#[cfg(feature = "std")]
fn ops() -> &'static Ops {
    static OPS: std::sync::OnceLock<Ops> = std::sync::OnceLock::new();
    OPS.get_or_init(Ops::new)
}

/// The operators `Z^(2^k)` as columns only (1 KiB of flash on a 32-bit target).
#[cfg(not(feature = "std"))]
struct Ops([[u16; 16]; POWERS]);

#[cfg(not(feature = "std"))]
impl Ops {
    fn apply(&self, k: usize, reg: u16) -> u16 {
        apply(&self.0[k], reg)
    }
}

#[cfg(not(feature = "std"))]
fn ops() -> &'static Ops {
    static OPS: Ops = Ops(columns());
    &OPS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The register after `len` zero bytes, one bit at a time.
    fn zeros_slowly(mut reg: u16, len: usize) -> u16 {
        for _ in 0..len * 8 {
            reg = if reg & 1 == 1 {
                (reg >> 1) ^ POLY_REFLECTED
            } else {
                reg >> 1
            };
        }
        reg
    }

    #[test]
    fn equals_feeding_the_zeros_for_every_length_up_to_1100() {
        for len in 0..1100 {
            for reg in [0, 1, 0x8000, 0xffff, 0x1234, 0xbeef] {
                assert_eq!(zeros(reg, len), zeros_slowly(reg, len), "{reg:#x}, {len}");
            }
        }
    }

    /// The byte tables (builds with `std`) give what the columns alone (bare-metal builds)
    /// give, for every tabled power and every register.
    #[cfg(feature = "std")]
    #[test]
    fn byte_tables_equal_the_columns() {
        let (ops, columns) = (Ops::new(), columns());
        for (k, cols) in columns.iter().enumerate().take(TABLED) {
            for reg in 0..=u16::MAX {
                assert_eq!(ops.apply(k, reg), apply(cols, reg), "2^{k}, {reg:#x}");
            }
        }
    }

    /// Lengths whose bits lie beyond the byte tables go through the columns.
    #[test]
    fn long_runs_use_the_columns_correctly() {
        for len in [1 << 16, (1 << 16) + 5, 3 << 17, (1 << 20) + 4095] {
            assert_eq!(zeros(0xace1, len), zeros_slowly(0xace1, len), "{len}");
        }
    }
}
