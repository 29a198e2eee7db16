//! `wattwaechter`: command-line tools for the WattWächter smart-meter reader.
//!
//! ```text
//! wattwaechter decode FILE|- [--json] [--hex] [--write-pos N] [--fix-dzg]
//!                            [--max-input BYTES] [--max-frames N] [--max-values N]
//! ```

#![forbid(unsafe_code)]

mod input;
mod report;
mod terminal;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wattwaechter::dump::{self, DumpOptions};
use wattwaechter::limits::Limits;

#[derive(Parser)]
#[command(
    name = "wattwaechter",
    version,
    about = "Tools for the WattWächter smart-meter reader"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode a ring-buffer dump (`/logs/rawdump`) or any SML/D0 capture.
    Decode {
        /// The file: raw bytes, or hex text with --hex; `-` reads standard input.
        file: PathBuf,
        /// Print one JSON document instead of the report.
        #[arg(long)]
        json: bool,
        /// The file is hex text (whitespace, `0x` and commas are ignored).
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
        /// Report at most this many frames; the report then stops and says where (default:
        /// one per 64 bytes of input, at least 4096).
        #[arg(long, value_name = "N")]
        max_frames: Option<usize>,
        /// Report at most this many values (default: one per 16 bytes of input, at least
        /// 16384).
        #[arg(long, value_name = "N")]
        max_values: Option<usize>,
    },
}

/// What `decode` was asked for.
struct Decode {
    file: PathBuf,
    json: bool,
    hex: bool,
    max_input: u64,
    options: DumpOptions,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Decode {
            file,
            json,
            hex,
            write_pos,
            fix_dzg,
            max_input,
            max_frames,
            max_values,
        } => {
            let mut options = DumpOptions {
                write_pos,
                ..DumpOptions::default()
            };
            options.sml.fix_dzg_dvs74 = fix_dzg;
            if max_frames.is_some() || max_values.is_some() {
                // The other limit keeps its default, which depends on the input's length.
                options.limits = Some(Limits {
                    max_frames: max_frames.unwrap_or(usize::MAX),
                    max_values: max_values.unwrap_or(usize::MAX),
                });
            }
            let decode = Decode {
                file,
                json,
                hex,
                max_input,
                options,
            };
            match run_decode(decode) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("wattwaechter: {}", terminal::Shown(&message));
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn run_decode(mut d: Decode) -> Result<(), String> {
    let bytes = input::read(&d.file, d.max_input)?;
    let name = input::display_name(&d.file);
    let bytes = if d.hex {
        input::from_hex(&bytes, &name)?
    } else {
        bytes
    };
    if let Some(limits) = d.options.limits.as_mut() {
        let default = Limits::for_input(bytes.len());
        if limits.max_frames == usize::MAX {
            limits.max_frames = default.max_frames;
        }
        if limits.max_values == usize::MAX {
            limits.max_values = default.max_values;
        }
    }
    let report = dump::decode(&bytes, &d.options).map_err(|e| e.to_string())?;
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    let written = if d.json {
        // Streamed: the JSON text of a large report is never held in memory whole.
        let mut json = terminal::JsonForTerminal::new(&mut out);
        serde_json::to_writer_pretty(&mut json, &report)
            .map_err(std::io::Error::from)
            .and_then(|()| json.write_all(b"\n"))
            .and_then(|()| json.flush())
    } else {
        out.write_all(report::render(&name, &report).as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`| head`) ends the output quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write the output: {e}")),
    }
}
