//! The ring-buffer dump decoder: arbitrary bytes and write positions; frames and gaps cover
//! every byte, offsets stay inside the dump.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::dump::{decode, DumpOptions};

fuzz_target!(|input: (u16, &[u8])| {
    let (pos, data) = input;
    for write_pos in [
        None,
        (!data.is_empty()).then(|| usize::from(pos) % data.len()),
    ] {
        let options = DumpOptions {
            write_pos,
            ..DumpOptions::default()
        };
        let r = decode(data, &options).unwrap();
        let covered: usize = r.frames.iter().map(|f| f.length).sum::<usize>()
            + r.gaps.iter().map(|g| g.length).sum::<usize>();
        assert!(covered >= data.len());
        for f in &r.frames {
            assert!(f.offset + f.length <= data.len());
        }
    }
});
