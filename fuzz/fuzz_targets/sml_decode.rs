//! The whole SML pipeline on arbitrary input and on the input wrapped into a valid frame:
//! CRC paths, reading table and the lazy JSON view agree. The checks: `fuzz_checks::pipeline`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz_checks::pipeline(data));
