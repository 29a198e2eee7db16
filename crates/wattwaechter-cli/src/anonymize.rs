//! `wattwaechter anonymize IN OUT`: a dump without the meter's identities, for sharing.

use crate::input;
use crate::Exit;
use std::path::PathBuf;

/// `anonymize`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dump: raw bytes, or text with --hex (hex, xxd or hexdump -C output, Tasmota, log
    /// lines); `-` reads standard input.
    input: PathBuf,
    /// Where to write it: raw bytes, or hex text when the name ends in `.hex` or `.txt` (or
    /// with --hex-out); `-` writes standard output.
    output: PathBuf,
    /// The input is text (see `decode --hex`).
    #[arg(long)]
    hex: bool,
    /// Write hex text (16 bytes per line) whatever the output's name.
    #[arg(long)]
    hex_out: bool,
    /// Read at most this many bytes; a larger input is refused.
    #[arg(long, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input: u64,
}

/// Replaces the identities, writes the result, says what was replaced on standard error.
pub fn run(args: Args) -> Result<Exit, String> {
    let (name, bytes) = input::read_capture(&args.input, args.max_input, args.hex)?;
    let a = wattwaechter::anonymize::anonymize(&bytes).map_err(|e| format!("{name}: {e}"))?;
    let as_hex = args.hex_out
        || args
            .output
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("hex") || e.eq_ignore_ascii_case("txt"));
    let written = if as_hex {
        wattwaechter::hex::encode_lines(&a.bytes, 16).into_bytes()
    } else {
        a.bytes.clone()
    };
    if args.output == std::path::Path::new("-") {
        use std::io::Write;
        std::io::stdout()
            .write_all(&written)
            .map_err(|e| format!("cannot write the output: {e}"))?;
    } else {
        std::fs::write(&args.output, &written)
            .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
    }
    eprintln!(
        "{name}: {} {} replaced in {} {}; checksums adjusted in {} {}; every frame keeps its status",
        a.identities,
        if a.identities == 1 { "identity" } else { "identities" },
        a.places,
        if a.places == 1 { "place" } else { "places" },
        a.checksums,
        if a.checksums == 1 { "frame" } else { "frames" },
    );
    Ok(Exit::Done)
}
