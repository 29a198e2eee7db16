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

/// Hex text (whitespace, `0x` and commas ignored) as bytes.
pub fn from_hex(bytes: &[u8], name: &str) -> Result<Vec<u8>, String> {
    let text = String::from_utf8_lossy(bytes);
    wattwaechter::hex::decode(&text).map_err(|e| format!("{name} is not hex text: {e}"))
}
