//! The repository's captures for the core's unit tests.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A file of `tests/fixtures/` (path relative to it).
pub(crate) fn read(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every capture of `sml/`, `sml-synthetic/` and `d0/` as bytes (`.hex` files read as hex),
/// with its name (`sml/EMH_eHZ-HW8E2A5L0EK2P.bin`), in name order.
pub(crate) fn every_capture() -> Vec<(String, Vec<u8>)> {
    let root = format!("{}/../../tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["sml", "sml-synthetic", "d0"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let bytes = match path.extension().and_then(|e| e.to_str()) {
                Some("hex") => crate::hex::decode(&String::from_utf8_lossy(&bytes)).unwrap(),
                Some("bin" | "txt") => bytes,
                _ => continue,
            };
            out.push((format!("{dir}/{name}"), bytes));
        }
    }
    out
}
