//! OBIS text parsing: errors point inside the text; what parses prints back to a code that
//! parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::obis::Obis;

fuzz_target!(|text: &str| {
    match Obis::parse(text) {
        Ok(o) => assert_eq!(Obis::parse(&o.to_string()), Ok(o)),
        Err(e) => assert!(e.offset <= text.len()),
    }
});
