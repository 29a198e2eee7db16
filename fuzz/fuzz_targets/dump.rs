//! The ring-buffer dump decoder: arbitrary bytes, write positions and report limits; frames
//! and gaps cover every byte up to where a limit stopped the report, offsets stay inside the
//! dump, and the report holds no more than its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::dump::{decode, DumpOptions};
use wattwaechter::limits::Limits;

fuzz_target!(|input: (u16, u8, u8, &[u8])| {
    let (pos, frames, values, data) = input;
    for write_pos in [
        None,
        (!data.is_empty()).then(|| usize::from(pos) % data.len()),
    ] {
        for limits in [
            None,
            Some(Limits {
                max_frames: usize::from(frames % 8),
                max_values: usize::from(values % 32),
            }),
        ] {
            let options = DumpOptions {
                write_pos,
                limits,
                ..DumpOptions::default()
            };
            let r = decode(data, &options).unwrap();
            let decoded = r.truncated.map_or(data.len(), |t| t.offset);
            assert!(decoded <= data.len());
            let covered: usize = r.frames.iter().map(|f| f.length).sum::<usize>()
                + r.gaps.iter().map(|g| g.length).sum::<usize>();
            assert!(covered >= decoded);
            for f in &r.frames {
                assert!(f.offset + f.length <= decoded);
            }
            if let Some(l) = limits {
                assert!(r.frames.len() <= l.max_frames);
                assert!(r.frames.iter().map(|f| f.values.len()).sum::<usize>() <= l.max_values);
            }
        }
    }
});
