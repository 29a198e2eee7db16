//! D0 telegrams on arbitrary bytes and report limits. The checks: `fuzz_checks::d0`.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;
#[path = "../../crates/wattwaechter/tests/common/fuzz_checks.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, &[u8])| {
    let (frames, values, data) = input;
    fuzz_checks::d0(data, fuzz_checks::small_limits(frames, values));
});
