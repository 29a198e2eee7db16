//! Text for a terminal from strings a meter (or a file name) chose.
//!
//! A D0 meter's identification and values, an SML octet string shown as text, a file name:
//! any of them can hold control characters, and a terminal acts on them — clear the screen,
//! set the window title, write the clipboard (OSC 52), reorder what follows (bidirectional
//! overrides). Every such string goes through [`Shown`], which writes control characters as
//! visible escapes (`\x1b`, `\u{9b}`) instead.

use std::fmt;

/// A string that may come from a meter, shown with its control characters escaped.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(pub &'a str);

/// A character a terminal would act on rather than print: C0 and C1 controls, DEL, and the
/// bidirectional formatting characters.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.contains(acts_on_terminal) {
            return f.pad(self.0);
        }
        let mut escaped = String::with_capacity(self.0.len() + 8);
        for c in self.0.chars() {
            match c {
                c if !acts_on_terminal(c) => escaped.push(c),
                c if (c as u32) < 0x80 => escaped.push_str(&format!("\\x{:02x}", c as u32)),
                c => escaped.push_str(&format!("\\u{{{:x}}}", c as u32)),
            }
        }
        // Padding (`{:<24}`) applies to the text as shown.
        f.pad(&escaped)
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn control_characters_are_shown_not_sent() {
        let hostile = "EMH\x1b[2J\x1b]52;c;cGF5bG9hZA==\x07\u{9b}31m\u{202e}txt.exe\r\nX\x7f";
        let shown = Shown(hostile).to_string();
        assert_eq!(
            shown,
            "EMH\\x1b[2J\\x1b]52;c;cGF5bG9hZA==\\x07\\u{9b}31m\\u{202e}txt.exe\\x0d\\x0aX\\x7f"
        );
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(Shown("Zählerstand 1.8.0").to_string(), "Zählerstand 1.8.0");
        assert_eq!(format!("{:<6}|", Shown("kWh")), "kWh   |");
    }
}
