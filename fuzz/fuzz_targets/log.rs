//! CSV logs: arbitrary bytes; every non-blank line is kept, raw text matches its offset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let log = wattwaechter::log::parse(data);
    let text = String::from_utf8_lossy(data);
    let non_blank = text.split('\n').filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        log.lines.len() + usize::from(log.header.is_some()),
        non_blank
    );
    for l in &log.lines {
        assert!(text[l.offset..].starts_with(&l.raw));
    }
});
