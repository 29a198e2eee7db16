//! The transport decoders: push (chunked, fixed buffer), byte-wise and slice APIs agree; frames
//! are in order and do not overlap. The checks: `fuzz_checks::transport`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz_checks::transport(data));
