//! The readable report: summary first, then frames, values, series and gaps.

use crate::terminal::Shown;
use std::fmt::Write as _;
use wattwaechter::dump::{Protocol, Report, SeamKind, Severity};
use wattwaechter::sml::Status;
use wattwaechter::words::{counted, plural};

macro_rules! w {
    ($out:expr, $($arg:tt)*) => { let _ = writeln!($out, $($arg)*); };
}

/// The readable report of the dump `name`: the summary, then the findings, the frames, the
/// values of the last intact frame, the series and the gaps.
pub fn render(name: &str, r: &Report) -> String {
    let mut out = String::new();
    if summary(&mut out, name, r) {
        findings(&mut out, r);
        frames(&mut out, r);
        last_values(&mut out, r);
        series(&mut out, r);
        gaps(&mut out, r);
    }
    out
}

/// The summary lines; `false` when there is nothing more to show (an empty buffer).
fn summary(out: &mut String, name: &str, r: &Report) -> bool {
    let s = &r.summary;
    w!(
        out,
        "{}: {} bytes, {}, {}",
        Shown(name),
        r.bytes,
        protocol_name(r.protocol),
        counted(r.frames.len(), "frame")
    );
    if r.protocol == Protocol::Empty {
        w!(
            out,
            "  the buffer is empty: the meter sent nothing the IR head could read"
        );
        return false;
    }
    if r.protocol == Protocol::Unknown {
        w!(out, "  neither SML (no 1b1b1b1b 01010101) nor D0 text: check the IR head's alignment and the meter's protocol");
    }
    w!(
        out,
        "  ok {} · crc_mismatch {} · truncated {} (start {}, end {}) · aborted {} · malformed {}",
        s.frames_ok,
        s.frames_crc_mismatch,
        s.frames_truncated,
        s.frames_truncated_start,
        s.frames_truncated_end,
        s.frames_aborted,
        s.frames_malformed
    );
    if let Some(rate) = s.crc_error_rate {
        let check = match r.protocol {
            Protocol::D0 => "block check",
            _ => "CRC",
        };
        w!(out, "  {check} error rate: {:.1} %", rate * 100.0);
    }
    if let Some(m) = &s.meter {
        let id = m.id.as_deref().unwrap_or("-");
        let maker = m.manufacturer.as_deref().unwrap_or("-");
        w!(
            out,
            "  meter: {} · manufacturer {} · server ID {}",
            Shown(id),
            Shown(maker),
            Shown(&m.server_id)
        );
    }
    if let Some(i) = s.interval_seconds {
        w!(out, "  interval between telegrams: {i} s (meter clock)");
    }
    if !s.quirks.is_empty() {
        let names: Vec<&str> = s.quirks.iter().map(|q| q.as_str()).collect();
        w!(out, "  quirks: {}", names.join(", "));
    }
    if let Some(seam) = r.seam {
        let how = match seam.kind {
            SeamKind::WritePosition => "the given write position",
            SeamKind::Wrap => "a frame that continues across the buffer's end",
        };
        w!(
            out,
            "  linearised at dump offset {} ({how}); offsets below are in the linearised buffer",
            seam.offset
        );
    }
    true
}

/// The findings, each with its advice.
fn findings(out: &mut String, r: &Report) {
    if !r.findings.is_empty() {
        w!(out, "\nfindings:");
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
fn frames(out: &mut String, r: &Report) {
    w!(out, "\nframes:");
    w!(
        out,
        "  {:>4}  {:>8}  {:>6}  {:<15} {:<6} notes",
        "#",
        "offset",
        "length",
        "status",
        "crc"
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
            "  {i:>4}  {:>8}  {:>6}  {:<15} {:<6} {}",
            f.offset,
            f.length,
            f.status.as_str(),
            f.crc.map(|c| c.as_str()).unwrap_or("-"),
            Shown(&notes)
        );
    }
}

/// The values of the last intact frame.
fn last_values(out: &mut String, r: &Report) {
    if let Some((i, f)) = r
        .frames
        .iter()
        .enumerate()
        .rev()
        .find(|(_, f)| f.status == Status::Ok)
    {
        w!(out, "\nvalues of the last ok frame (#{i}):");
        for v in &f.values {
            w!(
                out,
                "  {:<24} {:>22} {:<5} {}{}",
                Shown(&v.obis),
                Shown(v.value.as_deref().unwrap_or("(no value)")),
                Shown(v.unit.as_deref().unwrap_or("")),
                v.name.unwrap_or(""),
                v.text
                    .as_deref()
                    .map(|t| format!(" (text: \"{}\")", Shown(t)))
                    .unwrap_or_default()
            );
        }
    }
}

/// Each series across the intact frames: first and last value.
fn series(out: &mut String, r: &Report) {
    if !r.summary.series.is_empty() {
        w!(out, "\nseries across ok frames:");
        for series in &r.summary.series {
            let first = series
                .points
                .first()
                .map(|p| p.value.as_str())
                .unwrap_or("");
            let last = series.points.last().map(|p| p.value.as_str()).unwrap_or("");
            w!(
                out,
                "  {:<24} {:>4} point{:1}  {} → {} {}  {}",
                Shown(&series.obis),
                series.points.len(),
                plural(series.points.len()),
                Shown(first),
                Shown(last),
                Shown(series.unit.as_deref().unwrap_or("")),
                series.name.unwrap_or("")
            );
        }
    }
}

/// The ranges outside frames, the first 20 of them listed.
fn gaps(out: &mut String, r: &Report) {
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
            "\ngaps: {}, {total} bytes outside frames ({zero} zero fill)",
            counted(r.gaps.len(), "range")
        );
        for g in r.gaps.iter().take(20) {
            w!(
                out,
                "  {:>8} +{}{}",
                g.offset,
                g.length,
                if g.zero_fill { " zero fill" } else { "" }
            );
        }
        if r.gaps.len() > 20 {
            w!(out, "  … {} more", r.gaps.len() - 20);
        }
    }
}

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::Sml => "SML",
        Protocol::D0 => "D0 (IEC 62056-21)",
        Protocol::Empty => "empty",
        Protocol::Unknown => "unknown content",
    }
}
