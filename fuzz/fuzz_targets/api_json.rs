//! The REST models: arbitrary bodies and statuses through every endpoint's response
//! interpretation. The checks: `fuzz_checks::api_json`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| fuzz_checks::api_json(input.0, input.1));
