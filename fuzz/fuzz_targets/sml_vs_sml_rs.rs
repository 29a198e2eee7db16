//! Differential against sml-rs 0.4 on arbitrary input, raw and wrapped into a valid frame; the
//! comparison `crates/wattwaechter/tests/differential.rs` runs on the captures.
//! The checks: `fuzz_checks::against_sml_rs`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fuzz_checks::against_sml_rs(data));
