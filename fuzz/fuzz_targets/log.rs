//! CSV logs: arbitrary bytes; every non-blank line is kept (up to where a limit stopped the
//! parse), raw text matches its offset, and the log holds no more than its limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::limits::Limits;

fuzz_target!(|input: (u8, u8, &[u8])| {
    let (lines, fields, data) = input;
    let text = String::from_utf8_lossy(data);
    let log = wattwaechter::log::parse(data);
    let non_blank = text.split('\n').filter(|l| !l.trim().is_empty()).count();
    if log.truncated.is_none() {
        assert_eq!(
            log.lines.len() + usize::from(log.header.is_some()),
            non_blank
        );
    }
    for l in &log.lines {
        assert!(text[l.offset..].starts_with(&l.raw));
    }
    let limits = Limits {
        max_frames: usize::from(lines % 8),
        max_values: usize::from(fields % 32),
    };
    let small = wattwaechter::log::parse_with(data, limits);
    let kept = small.lines.len() + usize::from(small.header.is_some());
    assert!(kept <= limits.max_frames);
    match small.truncated {
        None => assert_eq!(kept, non_blank),
        Some(t) => {
            assert!(kept < non_blank);
            assert!(small.lines.iter().all(|l| l.offset < t.offset));
        }
    }
});
