//! Exact decimal numbers: an integer mantissa times a power of ten.
//!
//! Meter registers are 64-bit integers with a decimal scaler (`1989273 × 10^-1` Wh). Going
//! through `f64` rounds counters above 2^53; [`Decimal`] keeps the exact value and renders it
//! as decimal text. [`Decimal::to_f64`] converts on request.

use alloc::string::String;
use core::fmt;

/// An exact decimal: `mantissa × 10^exponent`.
///
/// The mantissa is an `i128`, so every SML integer (signed or unsigned, up to 64 bits) fits
/// without loss. Equality is structural (`10 × 10^0` and `1 × 10^1` differ); compare
/// [`Decimal::to_f64`] or normalise first when numeric equality is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The integer as the meter sent it.
    pub mantissa: i128,
    /// The power of ten to apply (the SML scaler).
    pub exponent: i8,
}

impl Decimal {
    /// Creates `mantissa × 10^exponent`.
    pub const fn new(mantissa: i128, exponent: i8) -> Self {
        Decimal { mantissa, exponent }
    }

    /// The nearest `f64` (may round for mantissas above 2^53).
    pub fn to_f64(self) -> f64 {
        // Every SML integer fits in i64 (and u64 above 2^63 is beyond f64's exact range
        // anyway); i64 → f64 is one instruction, i128 → f64 a library call on 32-bit targets
        // and wasm. Both round to nearest, so the result is the same.
        let m = match i64::try_from(self.mantissa) {
            Ok(m) => m as f64,
            Err(_) => self.mantissa as f64,
        };
        let e = i32::from(self.exponent);
        // Dividing by an exact power of ten rounds once, where multiplying by 10^-n would
        // round twice (10^-n is not representable).
        if e >= 0 {
            m * pow10(e)
        } else {
            m / pow10(-e)
        }
    }

    /// The same value with trailing zeros of the fraction removed (`12300 × 10^-3` becomes
    /// `123 × 10^-1`); a non-negative exponent is left as it is.
    pub fn normalized(self) -> Self {
        let mut d = self;
        while d.exponent < 0 && d.mantissa % 10 == 0 && d.mantissa != 0 {
            d.mantissa /= 10;
            d.exponent += 1;
        }
        d
    }

    /// Renders the exact value as plain decimal text (no exponent notation), e.g. `198927.3`,
    /// `-0.05`, `1200`.
    pub fn to_plain_string(self) -> String {
        alloc::format!("{self}")
    }
}

fn pow10(e: i32) -> f64 {
    let mut r = 1.0f64;
    for _ in 0..e {
        r *= 10.0;
    }
    r
}

/// Room for a sign, 20 digits, a point and up to 20 fractional zeros.
const SHORT_TEXT: usize = 48;

impl Decimal {
    /// The text without `core::fmt` for every mantissa of up to 64 bits and |exponent| ≤ 20
    /// (every SML value in practice); `None` sends the rest through the general path.
    fn short_text(&self) -> Option<crate::digits::AsciiBuf<SHORT_TEXT>> {
        let digits = u64::try_from(self.mantissa.unsigned_abs()).ok()?;
        if self.exponent.unsigned_abs() > 20 {
            return None;
        }
        let mut text = crate::digits::AsciiBuf::new();
        if self.mantissa < 0 {
            text.push(b'-');
        }
        if self.exponent >= 0 {
            text.push_u64(digits);
            if digits != 0 {
                text.push_repeat(b'0', usize::from(self.exponent.unsigned_abs()));
            }
            return Some(text);
        }
        let frac = usize::from(self.exponent.unsigned_abs());
        let mut tmp = [0u8; 20];
        let d = crate::digits::u64_digits(digits, &mut tmp);
        let (int, fraction) = if d.len() > frac {
            d.split_at(d.len() - frac)
        } else {
            (&b"0"[..], d)
        };
        for &b in int {
            text.push(b);
        }
        text.push(b'.');
        text.push_repeat(b'0', frac - fraction.len());
        for &b in fraction {
            text.push(b);
        }
        Some(text)
    }
}

impl Decimal {
    /// Appends the text [`Display`](fmt::Display) gives, without `core::fmt` for the common
    /// short values.
    pub(crate) fn write_into(&self, out: &mut alloc::string::String) {
        match self.short_text() {
            Some(text) => out.push_str(text.as_str()),
            None => {
                // Writing into a String cannot fail.
                let _ = fmt::Write::write_fmt(out, format_args!("{self}"));
            }
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.short_text() {
            return f.write_str(text.as_str());
        }
        let negative = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs();
        if negative {
            f.write_str("-")?;
        }
        if self.exponent >= 0 {
            write!(f, "{digits}")?;
            if digits != 0 {
                for _ in 0..self.exponent {
                    f.write_str("0")?;
                }
            }
            return Ok(());
        }
        let frac = usize::from(self.exponent.unsigned_abs());
        let text = alloc::format!("{digits:0>width$}", width = frac + 1);
        // ASCII digits, at least `frac + 1` of them: the split always succeeds (checked, so
        // that no panic path is compiled in).
        let (int, fraction) = text
            .split_at_checked(text.len() - frac)
            .unwrap_or((&text, ""));
        write!(f, "{int}.{fraction}")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Decimal {
    /// Serialises as the exact decimal string, so JSON consumers never see a rounded float.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn renders_exactly() {
        let cases: &[(i128, i8, &str)] = &[
            (1989273, -1, "198927.3"),
            (5, -2, "0.05"),
            (-5, -2, "-0.05"),
            (-10550, -2, "-105.50"),
            (12, 2, "1200"),
            (0, 3, "0"),
            (0, -2, "0.00"),
            (u64::MAX as i128, -1, "1844674407370955161.5"),
            (i64::MIN as i128, 0, "-9223372036854775808"),
        ];
        for &(m, e, text) in cases {
            assert_eq!(Decimal::new(m, e).to_string(), text, "{m}e{e}");
        }
    }

    /// The text the general (`core::fmt`) path gives: the reference for the short path.
    fn reference(m: i128, e: i8) -> alloc::string::String {
        let sign = if m < 0 { "-" } else { "" };
        let digits = m.unsigned_abs();
        if e >= 0 {
            let zeros = if digits == 0 { 0 } else { e as usize };
            return alloc::format!("{sign}{digits}{}", "0".repeat(zeros));
        }
        let frac = usize::from(e.unsigned_abs());
        let text = alloc::format!("{digits:0>width$}", width = frac + 1);
        let (int, fraction) = text.split_at(text.len() - frac);
        alloc::format!("{sign}{int}.{fraction}")
    }

    #[test]
    fn short_path_equals_the_general_one() {
        let mantissas = [
            0i128,
            1,
            -1,
            9,
            10,
            -99,
            12345,
            u32::MAX as i128,
            i64::MAX as i128,
            i64::MIN as i128,
            u64::MAX as i128,
            -(u64::MAX as i128),
            u64::MAX as i128 + 1, // beyond 64 bits: the general path
            i128::MIN,
        ];
        for m in mantissas {
            for e in [-128i8, -40, -21, -20, -19, -5, -1, 0, 1, 5, 20, 21, 127] {
                assert_eq!(Decimal::new(m, e).to_string(), reference(m, e), "{m}e{e}");
            }
        }
    }

    #[test]
    fn keeps_64_bit_counters_exact() {
        let d = Decimal::new(9_007_199_254_740_993, -1); // 2^53 + 1: not representable as f64
        assert_eq!(d.to_string(), "900719925474099.3");
        assert!((d.to_f64() - 900_719_925_474_099.3).abs() < 1.0);
    }

    #[test]
    fn normalizes() {
        assert_eq!(Decimal::new(12300, -3).normalized(), Decimal::new(123, -1));
        assert_eq!(Decimal::new(0, -3).normalized(), Decimal::new(0, -3));
        assert_eq!(Decimal::new(5, 2).normalized(), Decimal::new(5, 2));
    }

    #[test]
    fn converts_to_f64() {
        assert_eq!(Decimal::new(1989273, -1).to_f64(), 198927.3);
        assert_eq!(Decimal::new(-12, 2).to_f64(), -1200.0);
    }
}
