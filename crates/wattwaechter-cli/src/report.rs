//! The readable report: summary first, then frames, values, series and gaps, in English or
//! German (every sentence from the core's catalogue, [`wattwaechter::text`]).

use crate::terminal::Shown;
use std::fmt::Write as _;
use wattwaechter::dump::{Protocol, Report, SeamKind, Severity, ValueKind};
use wattwaechter::sml::Status;
use wattwaechter::text::{decimal, Arg, Lang, Message};

macro_rules! w {
    ($out:expr, $($arg:tt)*) => { let _ = writeln!($out, $($arg)*); };
}

/// Renders catalogue messages in one language.
#[derive(Clone, Copy)]
struct Words(Lang);

impl Words {
    /// The message `id` without arguments.
    fn say(self, id: &'static str) -> String {
        Message::new(id).render(self.0)
    }

    /// The message `id` with `args`.
    fn say_with(self, id: &'static str, args: &[(&'static str, Arg)]) -> String {
        Message {
            id,
            args: args.to_vec(),
        }
        .render(self.0)
    }

    /// A count of `id`'s things (`report.frames` → `9 frames`).
    fn count(self, id: &'static str, n: usize) -> String {
        self.say_with(id, &[("count", Arg::count(n))])
    }
}

/// Text from the meter or the file system, escaped for the terminal.
fn shown(text: &str) -> Arg {
    Arg::Text(Shown(text).to_string())
}

/// The readable report of the dump `name` in `lang`: the summary, then the findings, the
/// frames, the values of the last intact frame, the series and the gaps.
pub fn render(name: &str, r: &Report, lang: Lang) -> String {
    let words = Words(lang);
    let mut out = String::new();
    if summary(&mut out, name, r, words) {
        findings(&mut out, r, words);
        frames(&mut out, r, words);
        last_values(&mut out, r, words);
        series(&mut out, r, words);
        gaps(&mut out, r, words);
    }
    out
}

/// The summary lines; `false` when there is nothing more to show (an empty buffer).
fn summary(out: &mut String, name: &str, r: &Report, words: Words) -> bool {
    let s = &r.summary;
    w!(
        out,
        "{}: {}, {}, {}",
        Shown(name),
        words.say_with("report.bytes", &[("count", Arg::Offset(r.bytes as u64))]),
        words.say(protocol_id(r.protocol)),
        words.count("report.frames", r.frames.len())
    );
    if r.protocol == Protocol::Empty {
        w!(out, "  {}", words.say("report.empty"));
        return false;
    }
    if r.protocol == Protocol::Unknown {
        w!(out, "  {}", words.say("report.unknown"));
    }
    let count = Arg::count;
    w!(
        out,
        "  {}",
        words.say_with(
            "report.counts",
            &[
                ("ok", count(s.frames_ok)),
                ("crc", count(s.frames_crc_mismatch)),
                ("truncated", count(s.frames_truncated)),
                ("start", count(s.frames_truncated_start)),
                ("end", count(s.frames_truncated_end)),
                ("aborted", count(s.frames_aborted)),
                ("malformed", count(s.frames_malformed)),
            ]
        )
    );
    if let Some(rate) = s.crc_error_rate {
        let id = match r.protocol {
            Protocol::D0 => "report.bcc_rate",
            _ => "report.crc_rate",
        };
        w!(
            out,
            "  {}",
            words.say_with(id, &[("percent", Arg::percent(rate))])
        );
    }
    if let Some(m) = &s.meter {
        w!(
            out,
            "  {}",
            words.say_with(
                "report.meter",
                &[
                    ("id", shown(m.id.as_deref().unwrap_or("-"))),
                    ("maker", shown(m.manufacturer.as_deref().unwrap_or("-"))),
                    ("server", shown(&m.server_id)),
                ]
            )
        );
    }
    if let Some(i) = s.interval_seconds {
        w!(
            out,
            "  {}",
            words.say_with("report.interval", &[("seconds", Arg::half_seconds(i))])
        );
    }
    if !s.quirks.is_empty() {
        let names: Vec<&str> = s.quirks.iter().map(|q| q.as_str()).collect();
        w!(
            out,
            "  {}",
            words.say_with("report.quirks", &[("list", Arg::Text(names.join(", ")))])
        );
    }
    if let Some(seam) = r.seam {
        let id = match seam.kind {
            SeamKind::WritePosition => "report.seam.write_position",
            SeamKind::Wrap => "report.seam.wrap",
        };
        w!(
            out,
            "  {}",
            words.say_with(id, &[("offset", Arg::Offset(seam.offset as u64))])
        );
    }
    true
}

/// The findings, each with its advice (rendered by the decoder in the report's language).
fn findings(out: &mut String, r: &Report, words: Words) {
    if !r.findings.is_empty() {
        w!(out, "\n{}", words.say("report.findings"));
        for f in &r.findings {
            let mark = match f.severity {
                Severity::Error => "✗",
                Severity::Warning => "!",
                Severity::Info => "·",
                Severity::Ok => "✓",
            };
            w!(
                out,
                "  {mark} {}\n    {}",
                Shown(&f.title),
                Shown(&f.advice)
            );
        }
    }
}

/// One line per frame: offset, length, status, CRC, quirks and error.
fn frames(out: &mut String, r: &Report, words: Words) {
    w!(out, "\n{}", words.say("report.frames_heading"));
    let columns = words.say("report.frame_columns");
    let mut column = columns.split('|');
    let mut next = || column.next().unwrap_or("");
    w!(
        out,
        "  {:>4}  {:>8}  {:>6}  {:<16} {:<6} {}",
        next(),
        next(),
        next(),
        next(),
        next(),
        next()
    );
    for (i, f) in r.frames.iter().enumerate() {
        let mut notes = f
            .quirks
            .iter()
            .map(|q| q.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(e) = &f.error {
            if !notes.is_empty() {
                notes.push_str("; ");
            }
            notes.push_str(&e.message);
        }
        w!(
            out,
            "  {i:>4}  {:>8}  {:>6}  {:<16} {:<6} {}",
            f.offset,
            f.length,
            status_text(f.status, words),
            f.crc.map(|c| c.as_str()).unwrap_or("-"),
            Shown(&notes)
        );
    }
}

/// A frame's status: its stable name in English (as the JSON writes it), the catalogue's word
/// otherwise.
fn status_text(status: Status, words: Words) -> String {
    match words.0 {
        Lang::En => status.as_str().to_string(),
        _ => words.say(status_id(status)),
    }
}

fn status_id(status: Status) -> &'static str {
    match status {
        Status::Ok => "status.ok",
        Status::CrcMismatch => "status.crc_mismatch",
        Status::TruncatedStart => "status.truncated_start",
        Status::TruncatedEnd => "status.truncated_end",
        Status::Aborted => "status.aborted",
        Status::Malformed => "status.malformed",
    }
}

/// The values of the last intact frame.
fn last_values(out: &mut String, r: &Report, words: Words) {
    if let Some((i, f)) = r
        .frames
        .iter()
        .enumerate()
        .rev()
        .find(|(_, f)| f.status == Status::Ok)
    {
        w!(
            out,
            "\n{}",
            words.say_with("report.last_values", &[("frame", Arg::Offset(i as u64))])
        );
        let no_value = words.say("report.no_value");
        for v in &f.values {
            let value = match (&v.value, v.kind) {
                (Some(number), ValueKind::Number) => decimal(number, words.0),
                (Some(other), _) => other.clone(),
                (None, _) => no_value.clone(),
            };
            w!(
                out,
                "  {:<24} {:>22} {:<5} {}{}",
                Shown(&v.obis),
                Shown(&value),
                Shown(v.unit.as_deref().unwrap_or("")),
                v.name.unwrap_or(""),
                v.text
                    .as_deref()
                    .map(|t| format!(" {}", words.say_with("report.text", &[("text", shown(t))])))
                    .unwrap_or_default()
            );
        }
    }
}

/// Each series across the intact frames: first and last value.
fn series(out: &mut String, r: &Report, words: Words) {
    if !r.summary.series.is_empty() {
        w!(out, "\n{}", words.say("report.series"));
        for series in &r.summary.series {
            // Series hold numbers only.
            let number = |p: Option<&wattwaechter::dump::Point>| {
                p.map(|p| decimal(&p.value, words.0)).unwrap_or_default()
            };
            let first = number(series.points.first());
            let last = number(series.points.last());
            let points = words.count("report.points", series.points.len());
            let (count, noun) = points.split_once(' ').unwrap_or((&points, ""));
            w!(
                out,
                "  {:<24} {count:>4} {noun:<6}  {} → {} {}  {}",
                Shown(&series.obis),
                Shown(&first),
                Shown(&last),
                Shown(series.unit.as_deref().unwrap_or("")),
                series.name.unwrap_or("")
            );
        }
    }
}

/// The ranges outside frames, the first 20 of them listed.
fn gaps(out: &mut String, r: &Report, words: Words) {
    if !r.gaps.is_empty() {
        let total: usize = r.gaps.iter().map(|g| g.length).sum();
        let zero: usize = r
            .gaps
            .iter()
            .filter(|g| g.zero_fill)
            .map(|g| g.length)
            .sum();
        w!(
            out,
            "\n{}",
            words.say_with(
                "report.gaps",
                &[
                    ("ranges", Arg::count(r.gaps.len())),
                    ("total", Arg::Offset(total as u64)),
                    ("zero", Arg::Offset(zero as u64)),
                ]
            )
        );
        let zero_fill = words.say("report.zero_fill");
        for g in r.gaps.iter().take(20) {
            w!(
                out,
                "  {:>8} +{}{}",
                g.offset,
                g.length,
                if g.zero_fill {
                    format!(" {zero_fill}")
                } else {
                    String::new()
                }
            );
        }
        if r.gaps.len() > 20 {
            w!(out, "  {}", words.count("report.more", r.gaps.len() - 20));
        }
    }
}

/// The catalogue id of a protocol's name.
fn protocol_id(p: Protocol) -> &'static str {
    match p {
        Protocol::Sml => "protocol.sml",
        Protocol::D0 => "protocol.d0",
        Protocol::Empty => "protocol.empty",
        Protocol::Unknown => "protocol.unknown",
    }
}
