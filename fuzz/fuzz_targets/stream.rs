//! The stream decoders on arbitrary bytes cut into arbitrary chunks: SML frames and D0
//! telegrams exactly as decoding the whole input gives them. The checks:
//! `fuzz_checks::stream_sml` and `fuzz_checks::stream_d0`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, &[u8])| {
    let (sizes, data) = input;
    // Chunk sizes 1 to 256; none given: the whole input at once.
    let sizes: Vec<usize> = sizes.iter().map(|&s| usize::from(s) + 1).collect();
    let sizes = if sizes.is_empty() {
        vec![usize::MAX]
    } else {
        sizes
    };
    fuzz_checks::stream_sml(data, &sizes);
    fuzz_checks::stream_d0(data, &sizes);
});
