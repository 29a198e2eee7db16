//! Differential against sml-rs 0.4 on arbitrary input, raw and wrapped into a valid frame (so
//! its messages are compared too): every frame sml-rs accepts is `ok` here with the same
//! payload and the same list entries, and every `ok` frame only we accept has a named reason.
//! The comparison is the one `crates/wattwaechter/tests/differential.rs` runs on the captures.
#![no_main]

#[path = "../../crates/wattwaechter/tests/common/against_sml_rs.rs"]
#[allow(dead_code)]
mod against_sml_rs;

use against_sml_rs::{compare, Tally};
use libfuzzer_sys::fuzz_target;
use wattwaechter::sml::encode;

fuzz_target!(|data: &[u8]| {
    for input in [data.to_vec(), encode::frame(data)] {
        if let Err(e) = compare(&input, &mut Tally::default()) {
            panic!("{e}");
        }
    }
});
