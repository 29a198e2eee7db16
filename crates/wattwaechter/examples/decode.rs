//! The core API in a few lines: decode an SML capture and print every frame's status and the
//! readings of the good ones. (The full report is `wattwaechter decode FILE`, the CLI.)
//!
//! ```text
//! cargo run -p wattwaechter --example decode -- tests/fixtures/sml/EMH_eHZ-HW8E2A5L0EK2P.bin
//! ```

use wattwaechter::sml::{self, DecodeOptions, ReadingValue, Status};

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: decode FILE");
    let capture = std::fs::read(path)?;
    for frame in sml::decode(&capture, &DecodeOptions::default()) {
        println!("{:?} {}", frame.range, frame.status.as_str());
        if let Some(error) = &frame.error {
            println!("  {error}");
        }
        if frame.status != Status::Ok {
            continue;
        }
        for r in &frame.readings {
            if let (Some(obis), ReadingValue::Number { value, .. }) = (r.obis, &r.value) {
                let unit = r.unit.and_then(|u| u.symbol()).unwrap_or("");
                println!("  {obis} = {value} {unit}");
            }
        }
    }
    Ok(())
}
