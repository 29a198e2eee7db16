//! Reading what `decode` decodes: a file or standard input, at most a given number of bytes
//! (`/dev/zero` or an endless pipe ends with an error, not with all the memory), raw or hex.

use std::io::Read;
use std::path::Path;

/// The most bytes `decode` reads unless `--max-input` says otherwise: 64 MiB, a day of SML at
/// one 400-byte telegram per second and far more than a device's ring buffer.
pub const DEFAULT_MAX_INPUT: u64 = 64 * 1024 * 1024;

/// The bytes of `path` (`-` is standard input), at most `max` of them.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let name = display_name(path);
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?)
    };
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "{name} is larger than {max} bytes, the most decode reads; raise the limit with --max-input"
        ));
    }
    Ok(bytes)
}

/// How `path` is named in messages: `-` is standard input.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

/// A capture shared as text — plain hex, `xxd` or `hexdump -C` output, Tasmota's SML dump
/// lines, log lines with hex after a label — as bytes, with the format it was read as.
pub fn from_text(bytes: &[u8], name: &str) -> Result<wattwaechter::capture::Capture, String> {
    let text = String::from_utf8_lossy(bytes);
    wattwaechter::capture::read_text(&text).map_err(|e| format!("{name}: {e}"))
}

/// The capture `path` names (`-` is standard input), at most `max` bytes, read as text (see
/// [`from_text`]) when `text` is set; with its name for messages.
pub fn read_capture(path: &Path, max: u64, text: bool) -> Result<(String, Vec<u8>), String> {
    let name = display_name(path);
    let bytes = read(path, max)?;
    let bytes = if text {
        from_text(&bytes, &name)?.bytes
    } else {
        bytes
    };
    Ok((name, bytes))
}
