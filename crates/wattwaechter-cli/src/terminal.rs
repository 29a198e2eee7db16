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

/// A writer of JSON text for a terminal: serde_json escapes the C0 controls inside strings
/// but writes C1 controls (U+0080–U+009F, e.g. the single-character CSI U+009B) and the
/// bidirectional formatting characters as they are. This writes them as `\uXXXX` escapes,
/// which JSON reads back as the same string; they cannot occur outside strings.
pub struct JsonForTerminal<W> {
    inner: W,
    /// The start of a UTF-8 sequence cut by the end of the last write.
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonForTerminal<W> {
    /// Writes to `inner`.
    pub fn new(inner: W) -> Self {
        JsonForTerminal {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for JsonForTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        // Keep an incomplete sequence at the end for the next write.
        let cut = (1..=3.min(bytes.len()))
            .find(|&back| {
                let b = bytes[bytes.len() - back];
                let len = match b {
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    _ => 0,
                };
                len > back
            })
            .map_or(bytes.len(), |back| bytes.len() - back);
        self.pending = bytes.split_off(cut);
        let text = String::from_utf8_lossy(&bytes);
        let mut from = 0;
        for (at, c) in text.char_indices() {
            if c as u32 >= 0x80 && acts_on_terminal(c) {
                self.inner.write_all(text[from..at].as_bytes())?;
                write!(self.inner, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
        }
        self.inner.write_all(text[from..].as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::{JsonForTerminal, Shown};
    use std::io::Write;

    #[test]
    fn json_for_a_terminal_escapes_c1_and_bidi_and_reads_back_the_same() {
        let value = serde_json::json!({ "ident": "a\u{9b}31m b\u{202e}c ä\u{1b}" });
        let text = serde_json::to_vec_pretty(&value).unwrap();
        // Written in every split, also inside multi-byte characters.
        for chunk in [1, 2, 3, 5, text.len()] {
            let mut out = JsonForTerminal::new(Vec::new());
            for piece in text.chunks(chunk) {
                out.write_all(piece).unwrap();
            }
            out.flush().unwrap();
            let shown = String::from_utf8(out.inner).unwrap();
            assert!(
                !shown.chars().any(|c| c.is_control() && c != '\n'),
                "{shown}"
            );
            assert!(!shown.contains('\u{202e}'));
            assert!(shown.contains("\\u009b") && shown.contains("ä"), "{shown}");
            let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
            assert_eq!(back, value);
        }
    }

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
