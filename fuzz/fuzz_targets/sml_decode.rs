//! The whole pipeline (transport, messages, readings, DZG repair) on arbitrary input, and on
//! the input wrapped into a valid frame so the message parser is reached with a good CRC;
//! `decode` (frame CRC derived from the message checksums) gives the same frames as checking
//! each frame CRC in the transport first; the reading table must hold exactly the readings
//! `decode` gives, and `dump::SmlFramesView` must serialise exactly as the built
//! `dump::sml_frames`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wattwaechter::dump::{sml_frames, SmlFramesView};
use wattwaechter::sml::transport::decode_frames_with_limit;
use wattwaechter::sml::{decode, decode_span, encode, reading_table, DecodeOptions, Status};

fuzz_target!(|data: &[u8]| {
    let options = DecodeOptions {
        fix_dzg_dvs74: true,
        ..DecodeOptions::default()
    };
    for input in [data.to_vec(), encode::frame(data)] {
        let frames = decode(&input, &options);
        for f in &frames {
            assert!(f.range.end <= input.len());
            if let Some(e) = f.error {
                assert!(e.offset <= input.len());
                assert_ne!(f.status, Status::Ok);
            }
        }
        // `decode` derives the frame CRC from the message checksums; checking it in the
        // transport first must give the same frames.
        let checked: Vec<_> = decode_frames_with_limit(&input, options.max_payload)
            .iter()
            .map(|span| decode_span(&input, span, &options))
            .collect();
        assert_eq!(frames, checked);
        let table = reading_table(&input, &options);
        assert_eq!(table.frame_statuses.len(), frames.len());
        let readings: usize = frames.iter().map(|f| f.readings.len()).sum();
        assert_eq!(table.row_values.len(), readings);
        assert!(table
            .row_codes
            .iter()
            .all(|&c| (c as usize) < table.codes.len()));
        let viewed = serde_json::to_string(&SmlFramesView::new(&input, &options)).unwrap();
        let built = serde_json::to_string(&sml_frames(&input, &options)).unwrap();
        assert_eq!(viewed, built);
    }
});
