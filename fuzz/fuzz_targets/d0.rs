//! D0 telegrams: arbitrary bytes and report limits; ranges and error offsets stay inside the
//! input, and a capture holds no more than its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::limits::Limits;

fuzz_target!(|input: (u8, u8, &[u8])| {
    let (frames, values, data) = input;
    let limits = Limits {
        max_frames: usize::from(frames % 8),
        max_values: usize::from(values % 32),
    };
    for (c, limits) in [
        (wattwaechter::d0::parse(data), None),
        (wattwaechter::d0::parse_with(data, limits), Some(limits)),
    ] {
        for t in &c.telegrams {
            assert!(t.range.start <= t.range.end && t.range.end <= data.len());
            if let Some(e) = &t.error {
                assert!(e.offset <= data.len());
            }
            if let Some(trunc) = c.truncated {
                assert!(t.range.end <= trunc.offset);
            }
        }
        if let Some(l) = limits {
            assert!(c.telegrams.len() + c.control.len() <= l.max_frames);
            let values: usize = c
                .telegrams
                .iter()
                .flat_map(|t| &t.data)
                .map(|d| d.values.len())
                .sum();
            assert!(values <= l.max_values);
        }
    }
});
