//! `wattwaechter`: command-line tools for the WattWächter smart-meter reader.
//!
//! ```text
//! wattwaechter decode FILE [--json] [--hex] [--write-pos N] [--fix-dzg]
//! ```

#![forbid(unsafe_code)]

mod report;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use wattwaechter::dump::{self, DumpOptions};

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
        /// The file: raw bytes, or hex text with --hex.
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
    },
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
        } => match decode(&file, json, hex, write_pos, fix_dzg) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("wattwaechter: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

fn decode(
    file: &PathBuf,
    json: bool,
    hex: bool,
    write_pos: Option<usize>,
    fix_dzg: bool,
) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let bytes = if hex {
        let text = String::from_utf8_lossy(&bytes);
        wattwaechter::hex::decode(&text)
            .map_err(|e| format!("{} is not hex text: {e}", file.display()))?
    } else {
        bytes
    };
    let mut options = DumpOptions {
        write_pos,
        ..DumpOptions::default()
    };
    options.sml.fix_dzg_dvs74 = fix_dzg;
    let report = dump::decode(&bytes, &options).map_err(|e| e.to_string())?;
    let out = if json {
        let mut s = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        s.push('\n');
        s
    } else {
        report::render(&file.display().to_string(), &report)
    };
    // A closed pipe (`| head`) ends the output quietly.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}
