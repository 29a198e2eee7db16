//! D0 telegrams: arbitrary bytes; ranges and error offsets stay inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let c = wattwaechter::d0::parse(data);
    for t in &c.telegrams {
        assert!(t.range.start <= t.range.end && t.range.end <= data.len());
        if let Some(e) = &t.error {
            assert!(e.offset <= data.len());
        }
    }
});
