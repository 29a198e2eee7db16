//! `wattwaechter decode`: a dump or capture from a file or standard input, as a readable
//! report, JSON, JSON lines or CSV.

use crate::lang::{self, LangArg};
use crate::terminal::JsonForTerminal;
use crate::{input, report, Exit};
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use wattwaechter::dump::{self, DumpOptions, Finding, Gap, Protocol, Report, Seam, Summary};
use wattwaechter::limits::{Limits, Truncation};
use wattwaechter::sml::Status;
use wattwaechter::text::Lang;

/// What `decode` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The readable report.
    Text,
    /// One JSON document (the stable contract in the README).
    Json,
    /// JSON lines: one frame per line, then the rest of the report (summary, findings, gaps)
    /// as the last line.
    Jsonl,
    /// The values as CSV: `frame;offset;status;obis;name;value;unit;raw` (as the page exports).
    Csv,
}

/// `decode`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file: raw bytes, or hex text with --hex; `-` reads standard input.
    file: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// The input is text: plain hex (whitespace, `0x` and commas are ignored), `xxd` or
    /// `hexdump -C` output, Tasmota's SML dump lines, or log lines with the hex after a label
    /// (`Received data: 1b1b…`); the format is detected and named in the report.
    #[arg(long)]
    hex: bool,
    /// The ring buffer's write position: the dump is the raw circular array and its oldest
    /// byte is at this offset.
    #[arg(long, value_name = "N")]
    write_pos: Option<usize>,
    /// Repair the DZG DVS74 power sign bug (positive power sent as a negative Integer by
    /// serials 42000000–48999999 and 55000000–58999999).
    #[arg(long)]
    fix_dzg: bool,
    /// Read at most this many bytes; a larger input is refused.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input: u64,
    /// Report at most this many frames; the report then stops and says where (default: one
    /// per 64 bytes of input, at least 4096).
    #[arg(long, value_name = "N")]
    max_frames: Option<usize>,
    /// Report at most this many values (default: one per 16 bytes of input, at least 16384).
    #[arg(long, value_name = "N")]
    max_values: Option<usize>,
    /// The language of the texts (the report; in JSON and CSV the findings, errors and
    /// names); default: the locale's (LC_ALL, LC_MESSAGES, LANG), German or else English.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Decodes and prints; `Exit::NothingIntact` when no frame arrived intact.
pub fn run(args: Args) -> Result<Exit, String> {
    let mut name = input::display_name(&args.file);
    let bytes = input::read(&args.file, args.max_input)?;
    let lang = lang::choose(args.lang);
    let bytes = if args.hex {
        let capture = input::from_text(&bytes, &name)?;
        let summary = capture.summary(lang);
        // The text report names it in its first line; JSON, JSON lines and CSV stay as they
        // are, so standard error says it.
        if matches!(args.format, Format::Text) && !args.json {
            name = format!("{name} ({summary})");
        } else {
            eprintln!("{name}: {summary}");
        }
        capture.bytes
    } else {
        bytes
    };
    let default = Limits::for_input(bytes.len());
    let mut options = DumpOptions {
        lang,
        write_pos: args.write_pos,
        limits: Some(Limits {
            max_frames: args.max_frames.unwrap_or(default.max_frames),
            max_values: args.max_values.unwrap_or(default.max_values),
        }),
        ..DumpOptions::default()
    };
    options.sml.fix_dzg_dvs74 = args.fix_dzg;
    let report = dump::decode(&bytes, &options).map_err(|e| e.to_string())?;
    let format = if args.json { Format::Json } else { args.format };
    print(&name, &report, format, lang)?;
    let intact = report.frames.iter().any(|f| f.status == Status::Ok);
    let known = matches!(report.protocol, Protocol::Sml | Protocol::D0);
    Ok(if intact && known {
        Exit::Done
    } else {
        Exit::NothingIntact
    })
}

/// The report without its frames: the last line of `--format jsonl`.
#[derive(Serialize)]
struct Rest<'a> {
    protocol: Protocol,
    bytes: usize,
    rotation: usize,
    seam: Option<Seam>,
    gaps: &'a [Gap],
    summary: &'a Summary,
    findings: &'a [Finding],
    truncated: Option<Truncation>,
}

fn print(name: &str, report: &Report, format: Format, lang: Lang) -> Result<(), String> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let written = match format {
        Format::Text => out.write_all(report::render(name, report, lang).as_bytes()),
        Format::Csv => out.write_all(dump::to_csv(report).as_bytes()),
        // Streamed: the JSON text of a large report is never held in memory whole.
        Format::Json => json_lines(&mut out, |json| {
            serde_json::to_writer_pretty(&mut *json, report)?;
            writeln!(json)
        }),
        Format::Jsonl => json_lines(&mut out, |json| {
            for frame in &report.frames {
                serde_json::to_writer(&mut *json, frame)?;
                writeln!(json)?;
            }
            let rest = Rest {
                protocol: report.protocol,
                bytes: report.bytes,
                rotation: report.rotation,
                seam: report.seam,
                gaps: &report.gaps,
                summary: &report.summary,
                findings: &report.findings,
                truncated: report.truncated,
            };
            serde_json::to_writer(&mut *json, &rest)?;
            writeln!(json)
        }),
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) ends the output quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the output: {e}")),
    }
}

/// Writes JSON through [`JsonForTerminal`] (control characters from the meter escaped).
fn json_lines(
    out: &mut impl Write,
    write: impl FnOnce(&mut JsonForTerminal<&mut dyn Write>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let out: &mut dyn Write = out;
    let mut json = JsonForTerminal::new(out);
    write(&mut json)?;
    json.flush()
}
