//! A character as error messages show it: `'g'`, or `U+0007` for a control character.
//!
//! Used instead of `{c:?}`, whose escaping tables would grow the npm package's `.wasm`.

use core::fmt;

/// Displays a character for an error message: quoted, or as its code point when it is a
/// control character.
pub(crate) struct Quoted(pub char);

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_control() {
            write!(f, "U+{:04X}", self.0 as u32)
        } else {
            write!(f, "'{}'", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Quoted;
    use alloc::format;

    #[test]
    fn quotes_printable_and_numbers_control_characters() {
        assert_eq!(format!("{}", Quoted('g')), "'g'");
        assert_eq!(format!("{}", Quoted('ä')), "'ä'");
        assert_eq!(format!("{}", Quoted('\n')), "U+000A");
        assert_eq!(format!("{}", Quoted('\u{7f}')), "U+007F");
    }
}
