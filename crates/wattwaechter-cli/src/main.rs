//! `wattwaechter`: the command line of the WattWächter toolkit.
//!
//! ```text
//! wattwaechter decode FILE|- [--format text|json|jsonl|csv] [--hex] [--write-pos N] [--fix-dzg]
//!                            [--max-input BYTES] [--max-frames N] [--max-values N]
//! wattwaechter watch PATH|- [--format text|jsonl] [--protocol auto|sml|d0] [--baud N]
//!                           [--parity none|even] [--no-follow] [--fix-dzg]
//! wattwaechter explain FILE|- [--frame N | --offset N] [--format text|json] [--hex]
//! wattwaechter anonymize IN OUT [--hex] [--hex-out]
//! wattwaechter device --host H [--token T | --read-token R --write-token W] <COMMAND>
//! wattwaechter completions bash|zsh|fish
//! ```
//!
//! Exit codes: 0 done (for `decode`: at least one intact frame); 1 a runtime error (an
//! unreadable file, bad hex, the device refused or could not be reached); 2 a usage error;
//! 3 decoded, but no intact frame or content that is neither SML nor D0.

#![forbid(unsafe_code)]

mod anonymize;
mod decode;
mod device;
mod explain;
mod input;
mod lang;
mod report;
mod terminal;
mod watch;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

/// The exit codes, documented in `--help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; `decode` found at least one intact frame.
    Done = 0,
    /// A runtime error: an unreadable file, bad hex, the device refused or was not reached.
    Failed = 1,
    /// A usage error (clap's own exit code).
    Usage = 2,
    /// Decoded, but no intact frame, or content that is neither SML nor D0.
    NothingIntact = 3,
}

const EXIT_CODES: &str =
    "Exit codes: 0 done (decode: at least one intact frame) · 1 runtime error \
(unreadable file, bad hex, the device refused or was not reached) · 2 usage error · 3 decoded, but \
no intact frame or neither SML nor D0";

#[derive(Parser)]
#[command(
    name = "wattwaechter",
    version,
    about = "Tools for the WattWächter smart-meter reader: decode dumps and captures, talk to the device",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode a ring-buffer dump (`/logs/rawdump`) or any SML/D0 capture.
    Decode(decode::Args),
    /// Print frames as they arrive from a serial IR head, a pipe or a growing file; Ctrl-C
    /// prints the summary so far.
    Watch(watch::Args),
    /// Explain every byte of a frame: its field, wire type and meaning, the CRC verdicts.
    Explain(explain::Args),
    /// Write a dump without the meter's identities (server ID, serial, device ID, ownership
    /// number, public key; D0 identification and serial), every frame's verdict kept: for
    /// sharing in bug reports.
    Anonymize(anonymize::Args),
    /// Call the device's REST API: JSON out for data, the raw bytes for `rawdump`.
    Device(device::Args),
    /// Print a shell completion script (bash, zsh or fish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` are not errors.
            let code = if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Done
            };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let result = match cli.command {
        Command::Decode(args) => decode::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Anonymize(args) => anonymize::run(args),
        Command::Device(args) => device::run(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "wattwaechter",
                &mut std::io::stdout(),
            );
            Ok(Exit::Done)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(message) => {
            eprintln!("wattwaechter: {}", terminal::Shown(&message));
            ExitCode::from(Exit::Failed as u8)
        }
    }
}
