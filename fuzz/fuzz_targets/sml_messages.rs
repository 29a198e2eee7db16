//! The message parser on arbitrary payloads: errors, never panics; offsets stay in range.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for m in wattwaechter::sml::parse::messages(data) {
        match m {
            Ok(m) => assert!(m.range.end <= data.len()),
            Err(e) => assert!(e.offset <= data.len()),
        }
    }
});
