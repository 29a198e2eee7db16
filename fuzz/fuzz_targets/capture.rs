//! Captures as text (plain hex, xxd, hexdump -C, Tasmota, log lines) on arbitrary bytes, and
//! the bytes written as xxd and hexdump -C read back; the anonymizer and the frame explainer
//! on the same bytes. The checks: `fuzz_checks::capture`, `fuzz_checks::anonymize`,
//! `fuzz_checks::explain`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_checks::capture(data);
    fuzz_checks::anonymize(data);
    fuzz_checks::explain(data);
});
