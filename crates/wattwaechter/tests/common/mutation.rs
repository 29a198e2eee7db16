//! Random damage to real captures, shared by the mutation and differential tests: bit flips,
//! insertions, deletions and truncations, drawn by proptest from a fixed seed.

use proptest::prelude::*;

/// One change to a byte string; indices wrap around its length.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Flip bit `b % 8` of byte `i`.
    Flip(usize, u8),
    /// Insert a byte before position `i`.
    Insert(usize, u8),
    /// Delete byte `i`.
    Delete(usize),
    /// Keep only the first `i` bytes.
    Truncate(usize),
}

/// `bytes` after every mutation of `muts`, in order.
pub fn mutate(mut bytes: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        if bytes.is_empty() {
            break;
        }
        let n = bytes.len();
        match *m {
            Mutation::Flip(i, bit) => bytes[i % n] ^= 1 << (bit % 8),
            Mutation::Insert(i, b) => bytes.insert(i % (n + 1), b),
            Mutation::Delete(i) => {
                bytes.remove(i % n);
            }
            Mutation::Truncate(i) => bytes.truncate(i % n),
        }
    }
    bytes
}

/// One random mutation: flips most often, truncations least.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// The file names of the real SML captures in `tests/fixtures/sml`, sorted.
pub fn sml_capture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(super::fixtures().join("sml"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".bin"))
        .collect();
    names.sort();
    names
}
