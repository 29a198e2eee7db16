//! The message catalogue against the code that uses it: every id written in the core's and the
//! command line's source is in the catalogue, and every catalogue entry is used somewhere (the
//! catalogue's own test checks its languages and arguments; rendering checks the arguments a
//! message is built with, in debug builds).

use std::collections::BTreeSet;
use std::path::Path;
use wattwaechter::text::CATALOGUE;

/// The prefixes of catalogue ids.
const PREFIXES: [&str; 9] = [
    "finding.",
    "capture.",
    "missing.",
    "sml.",
    "d0.",
    "report.",
    "protocol.",
    "status.",
    "at_byte",
];

/// Every string literal in the Rust files under `dir` (the catalogue itself left out) that
/// looks like a catalogue id.
fn ids_in(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ids_in(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path.ends_with("text/catalogue.rs")
            && !path.ends_with("text/tests.rs")
        {
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let id_like = literal.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
                });
                if id_like
                    && PREFIXES.iter().any(|p| {
                        literal.starts_with(p) && literal.len() > p.len() || literal == "at_byte"
                    })
                {
                    found.insert(literal.to_string());
                }
            }
        }
    }
}

#[test]
fn every_id_the_code_uses_is_in_the_catalogue_and_every_entry_is_used() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = BTreeSet::new();
    for dir in ["wattwaechter/src", "wattwaechter-cli/src"] {
        ids_in(&crates.join(dir), &mut used);
    }
    let catalogue: BTreeSet<String> = CATALOGUE.iter().map(|e| e.id.to_string()).collect();
    let unknown: Vec<_> = used.difference(&catalogue).collect();
    assert!(unknown.is_empty(), "ids the catalogue lacks: {unknown:?}");
    let unused: Vec<_> = catalogue.difference(&used).collect();
    assert!(unused.is_empty(), "entries nothing uses: {unused:?}");
    assert!(used.len() > 100, "the scan found {} ids", used.len());
}
