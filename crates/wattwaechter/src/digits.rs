//! Decimal digits without `core::fmt`: the report formats millions of numbers, and the
//! formatting machinery (padding, dynamic dispatch, 128-bit division) dominated its cost,
//! most of all in the wasm build.

/// A stack buffer that collects ASCII text and hands it out as one `&str`.
pub(crate) struct AsciiBuf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> AsciiBuf<N> {
    /// An empty buffer.
    pub(crate) const fn new() -> Self {
        Self {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Appends one ASCII byte; `false` (and nothing written) when the buffer is full.
    pub(crate) fn push(&mut self, b: u8) -> bool {
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
                true
            }
            None => false,
        }
    }

    /// Appends the decimal digits of `v`; `false` when they do not fit.
    pub(crate) fn push_u64(&mut self, v: u64) -> bool {
        let mut tmp = [0u8; 20];
        let digits = u64_digits(v, &mut tmp);
        digits.iter().all(|&d| self.push(d))
    }

    /// Appends the decimal digits of `v` (one to three, no division loop); `false` when they
    /// do not fit.
    pub(crate) fn push_u8(&mut self, v: u8) -> bool {
        let (hundreds, tens, ones) = (v / 100, v / 10 % 10, v % 10);
        (hundreds == 0 || self.push(b'0' + hundreds))
            && (v < 10 || self.push(b'0' + tens))
            && self.push(b'0' + ones)
    }

    /// Appends `count` copies of `b`; `false` when they do not fit.
    pub(crate) fn push_repeat(&mut self, b: u8, count: usize) -> bool {
        (0..count).all(|_| self.push(b))
    }

    /// The text so far.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII is ever pushed; the fallback is unreachable.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// The decimal digits of `v`, written at the end of `buf`.
pub(crate) fn u64_digits(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return &buf[i..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_of_edge_values() {
        let mut tmp = [0u8; 20];
        assert_eq!(u64_digits(0, &mut tmp), b"0");
        assert_eq!(u64_digits(u64::MAX, &mut tmp), b"18446744073709551615");
        assert_eq!(u64_digits(1000, &mut tmp), b"1000");
    }

    #[test]
    fn every_byte_value_as_digits() {
        for v in 0..=u8::MAX {
            let mut text = AsciiBuf::<3>::new();
            assert!(text.push_u8(v));
            assert_eq!(text.as_str(), alloc::format!("{v}"));
        }
        let mut short = AsciiBuf::<2>::new();
        assert!(!short.push_u8(100));
    }

    #[test]
    fn a_full_buffer_refuses_and_keeps_its_text() {
        let mut b = AsciiBuf::<4>::new();
        assert!(b.push_u64(123));
        assert!(!b.push_u64(45));
        assert!(b.as_str().starts_with("123"));
        assert!(!b.push_repeat(b'0', 2));
    }
}
