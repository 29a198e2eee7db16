//! Texts for people, in English and German: every sentence the crate writes — dump findings
//! (title and advice), frame and telegram errors, the summary labels of reports — is a message
//! id with named arguments ([`Message`]), rendered by one catalogue ([`CATALOGUE`]) in the
//! language asked for. Results keep the id and the arguments next to the rendered text, so
//! other programs can translate too.
//!
//! ```
//! use wattwaechter::text::{Arg, Lang, Message};
//! let m = Message::new("finding.receiving.title").with("count", Arg::Count(4));
//! assert_eq!(m.render(Lang::En), "4 telegrams received intact");
//! assert_eq!(m.render(Lang::De), "4 Telegramme unversehrt empfangen");
//! ```
//!
//! A template names its arguments in braces: `{count}` is the value, written the language's
//! way (`1,234` / `1.234`, `42.9` / `42,9`); `{count|telegram|telegrams}` chooses by whether
//! the count is one; `{missing}` joins a list of phrases (`a, b and c` / `a, b und c`).

mod catalogue;

pub use catalogue::{Entry, CATALOGUE};

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

/// A language the catalogue has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "_ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// Every language, in the catalogue's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The language of a language tag or locale: `de`, `de-AT`, `de_DE.UTF-8` are German;
    /// `en`, `en-US`, `C`, `POSIX` English; anything else `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The decimal point: `.` / `,`.
    pub const fn decimal_point(self) -> char {
        match self {
            Lang::En => '.',
            Lang::De => ',',
        }
    }

    /// The thousands separator: `,` / `.` (as `Intl.NumberFormat` writes them, so that the
    /// page and the core agree).
    pub const fn thousands_separator(self) -> char {
        match self {
            Lang::En => ',',
            Lang::De => '.',
        }
    }

    /// The two-letter code (`en`, `de`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

/// The arguments of a message in TypeScript.
#[cfg(feature = "_ts")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const MESSAGE_ARGS_TS: &str = r#"
/** The arguments of a catalogue message, by name: counts, offsets and decimals as numbers; hex values and texts as strings; a list of phrases as their ids. */
export type MessageArgs = Record<string, number | string | string[]>;
"#;

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A count, grouped the language's way (`1,234` / `1.234`); chooses singular or plural.
    Count(u64),
    /// A byte offset or another position, written without grouping.
    Offset(u64),
    /// A decimal with one digit after the point, given in tenths (`429` → `42.9` / `42,9`).
    Tenths(u64),
    /// A number of seconds given in halves (`5` → `2.5` / `2,5`; `4` → `2`).
    Halves(u64),
    /// A value written in hex, with at least this many digits (`Hex(0xd37b, 4)` → `d37b`).
    Hex(u64, u8),
    /// Text taken as it is (a name from the wire, an internal type name).
    Text(String),
    /// A list of phrases, each a catalogue id without arguments, joined the language's way.
    Phrases(Vec<&'static str>),
}

impl Arg {
    /// A rate (0–1) as a percentage with one decimal (`0.429` → `42.9`), rounded half up.
    /// Integer arithmetic keeps the float formatter out of the npm package's `.wasm`.
    pub fn percent(rate: f64) -> Arg {
        Arg::Tenths((rate * 1000.0 + 0.5) as u64)
    }

    /// A whole or half number of seconds (`2.5` → `2.5`, `2.0` → `2`).
    pub fn half_seconds(seconds: f64) -> Arg {
        Arg::Halves((seconds * 2.0 + 0.5) as u64)
    }

    /// A count.
    pub fn count(n: usize) -> Arg {
        Arg::Count(n as u64)
    }
}

/// A sentence for people: a catalogue id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The catalogue id (`finding.crc_errors.title`, `sml.transport_crc`, …).
    pub id: &'static str,
    /// The arguments, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// The argument `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The sentence in `lang`. An id the catalogue lacks renders as the id itself (never a
    /// panic); the catalogue's tests make sure none is missing.
    pub fn render(&self, lang: Lang) -> String {
        match catalogue::entry(self.id) {
            Some(entry) => {
                debug_assert!(
                    self.args.iter().all(|(name, _)| entry.args.contains(name))
                        && entry.args.iter().all(|name| self.arg(name).is_some()),
                    "{}: arguments {:?}, the catalogue declares {:?}",
                    self.id,
                    self.args,
                    entry.args
                );
                fill(entry.text(lang), self, lang)
            }
            None => self.id.to_string(),
        }
    }
}

/// Fills `template`'s `{…}` with the message's arguments.
fn fill(template: &str, message: &Message, lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &rest[open + 1..open + close];
        let mut parts = inner.split('|');
        let name = parts.next().unwrap_or("");
        let forms: Vec<&str> = parts.collect();
        match (message.arg(name), forms.as_slice()) {
            (Some(arg), [one, other]) => out.push_str(if is_one(arg) { one } else { other }),
            (Some(arg), _) => write_arg(&mut out, arg, lang),
            (None, _) => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn is_one(arg: &Arg) -> bool {
    matches!(arg, Arg::Count(1) | Arg::Offset(1))
}

/// Writes one argument the language's way.
fn write_arg(out: &mut String, arg: &Arg, lang: Lang) {
    let point = lang.decimal_point();
    match arg {
        Arg::Count(n) => out.push_str(&grouped(*n, lang)),
        Arg::Offset(n) => {
            let _ = write!(out, "{n}");
        }
        Arg::Tenths(t) => {
            let _ = write!(out, "{}{point}{}", grouped(t / 10, lang), t % 10);
        }
        Arg::Halves(h) => {
            let _ = write!(out, "{}", grouped(h / 2, lang));
            if h % 2 == 1 {
                let _ = write!(out, "{point}5");
            }
        }
        Arg::Hex(v, digits) => {
            let _ = write!(out, "{v:0width$x}", width = usize::from(*digits));
        }
        Arg::Text(t) => out.push_str(t),
        Arg::Phrases(ids) => {
            let phrases: Vec<String> = ids.iter().map(|id| Message::new(id).render(lang)).collect();
            let and = match lang {
                Lang::En => " and ",
                Lang::De => " und ",
            };
            match phrases.split_last() {
                None => {}
                Some((last, [])) => out.push_str(last),
                Some((last, rest)) => {
                    out.push_str(&rest.join(", "));
                    out.push_str(and);
                    out.push_str(last);
                }
            }
        }
    }
}

/// A count with thousands separators: `1,234` / `1.234` (as `Intl.NumberFormat` writes them,
/// so that the page and the core agree).
fn grouped(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    push_grouped(&digits, lang.thousands_separator(), &mut out);
    out
}

/// Appends a run of digits with `separator` between each group of three from the right.
fn push_grouped(digits: &str, separator: char, out: &mut String) {
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
}

/// A decimal as the meter sent it (`-2941647.1626`), written the language's way: English
/// keeps it as it is (exact, as the JSON has it); German groups the thousands and uses the
/// decimal comma (`-2.941.647,1626`; with the meter's leading zeros, `032942,0234`). Text
/// that is no plain decimal is returned as it is.
pub fn decimal(text: &str, lang: Lang) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if lang == Lang::En || !plain(whole) || !fraction.is_none_or(plain) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    // Leading zeros are the meter's fixed width (`00012345.6789`): grouping them would read
    // oddly (`00.012.345`), so such a number keeps its digits together.
    if whole.len() > 1 && whole.starts_with('0') {
        out.push_str(whole);
    } else {
        push_grouped(whole, lang.thousands_separator(), &mut out);
    }
    if let Some(f) = fraction {
        out.push(lang.decimal_point());
        out.push_str(f);
    }
    out
}

/// `{message} at byte {offset}` in the language: how errors name where they happened.
pub fn at_byte(message: &Message, offset: usize, lang: Lang) -> String {
    Message::new("at_byte")
        .with("message", Arg::Text(message.render(lang)))
        .with("offset", Arg::Offset(offset as u64))
        .render(lang)
}

#[cfg(feature = "serde")]
impl serde::Serialize for Arg {
    /// Counts, offsets and the decimals as numbers; hex, text and phrase lists as strings
    /// (the English rendering of a phrase list).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Arg::Count(n) | Arg::Offset(n) => s.serialize_u64(*n),
            Arg::Tenths(t) => s.serialize_f64(*t as f64 / 10.0),
            Arg::Halves(h) => s.serialize_f64(*h as f64 / 2.0),
            Arg::Hex(v, digits) => {
                s.collect_str(&format_args!("{v:0width$x}", width = usize::from(*digits)))
            }
            Arg::Text(t) => s.serialize_str(t),
            Arg::Phrases(ids) => s.collect_seq(ids.iter()),
        }
    }
}

/// Serialises the arguments of a message as one object: `{"count": 4, "read": "d37b"}`.
#[cfg(feature = "serde")]
pub fn serialize_args<S: serde::Serializer>(
    args: &[(&'static str, Arg)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(args.len()))?;
    for (name, value) in args {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

#[cfg(test)]
mod tests;
