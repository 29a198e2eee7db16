//! The whole pipeline (transport, messages, readings, DZG repair) on arbitrary input, and on
//! the input wrapped into a valid frame so the message parser is reached with a good CRC.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::sml::{decode, encode, DecodeOptions, Status};

fuzz_target!(|data: &[u8]| {
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..DecodeOptions::default()
    };
    for input in [data.to_vec(), encode::frame(data)] {
        for f in decode(&input, &options) {
            assert!(f.range.end <= input.len());
            if let Some(e) = f.error {
                assert!(e.offset <= input.len());
                assert_ne!(f.status, Status::Ok);
            }
        }
    }
});
