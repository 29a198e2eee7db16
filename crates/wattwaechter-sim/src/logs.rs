//! The device's logs as CSV text: `timestamp;level;module;message`, German messages with
//! umlauts, cut bytewise like the firmware does (so a multibyte character can be split).

use crate::clock::utc;
use crate::meter::{mix, unit, Meter};

use crate::HOSTILE;

fn line(meter: &Meter, seed: u64, t: i64, hostile: bool) -> String {
    let r = meter.reading(t);
    let k = mix(seed ^ t as u64);
    let (level, module, message) = match k % 12 {
        0 => (
            "W",
            "sml",
            "CRC-Fehler im Telegramm, Frame verworfen".to_string(),
        ),
        1 => (
            "I",
            "wifi",
            format!("Verbunden, RSSI {} dBm", -45 - (k % 20) as i64),
        ),
        2 => ("I", "mqtt", "Veröffentlicht: 14 Werte".to_string()),
        3 => (
            "E",
            "ota",
            "Update-Server nicht erreichbar (Timeout)".to_string(),
        ),
        4 if hostile => ("W", "api", hostile_message()),
        5 => (
            "D",
            "heap",
            format!("Freier Heap: {} Bytes", 90_000 + k % 40_000),
        ),
        _ => (
            "I",
            "sml",
            format!(
                "Zählerstand {:.1} kWh, Leistung {:.0} W",
                r.import / 1000.0,
                r.power
            ),
        ),
    };
    formatted(t, level, module, &message)
}

/// The log message that carries the hostile text.
fn hostile_message() -> String {
    format!("Unbekannter Client {HOSTILE}")
}

/// One CSV line at `t` (seconds since 1970).
fn formatted(t: i64, level: &str, module: &str, message: &str) -> String {
    let time = utc(t);
    format!(
        "{} {:02}:{:02}:{:02};{level};{module};{message}\n",
        time.date(),
        time.hour,
        time.minute,
        time.second
    )
}

fn lines(meter: &Meter, seed: u64, from: i64, to: i64, step: i64, hostile: bool) -> String {
    let mut out = String::new();
    let mut t = from;
    while t <= to {
        out.push_str(&line(meter, seed, t, hostile));
        t += step + (mix(seed ^ t as u64) % step as u64) as i64;
    }
    if hostile {
        // The newest line always carries the hostile text, so a client that shows any part
        // of the log meets it (the random lines alone would miss it now and then).
        out.push_str(&formatted(to, "W", "api", &hostile_message()));
    }
    out
}

/// Cuts `text` to at most `max` bytes from the end, at a byte position (not a character
/// boundary), like the device's ring buffer does; the result is bytes, not a `String`.
fn cut_bytewise(text: &str, max: usize, seed: u64) -> Vec<u8> {
    let bytes = text.as_bytes();
    if bytes.len() <= max {
        return bytes.to_vec();
    }
    // Start inside the text; prefer a cut inside a multibyte character when there is one
    // nearby, as happens on the device.
    let mut start = bytes.len() - max;
    let window = &bytes[start..(start + 64).min(bytes.len())];
    if let Some(i) = window
        .iter()
        .enumerate()
        .position(|(i, &b)| (0x80..0xc0).contains(&b) && unit(seed, (start + i) as u64) < 0.7)
    {
        start += i;
    }
    bytes[start..].to_vec()
}

/// `GET /logs/ram`: the newest lines, cut at the front (a ring buffer of `max` bytes) and in
/// the middle of the line being written.
pub fn ram(meter: &Meter, seed: u64, now: i64, boot_s: i64, hostile: bool) -> Vec<u8> {
    let text = lines(meter, seed, boot_s.max(now - 3 * 3600), now, 37, hostile);
    let mut bytes = cut_bytewise(&text, 3000, seed ^ now as u64);
    // The line being written: half of a next one.
    let next = line(meter, seed, now + 1, hostile);
    let half = next.len() / 2;
    bytes.extend_from_slice(&next.as_bytes()[..half]);
    bytes
}

/// `GET /logs/persistent`: the CSV file in flash (header and lines of the last days), cut at
/// the front when it is larger than the file limit.
pub fn persistent(meter: &Meter, seed: u64, now: i64, hostile: bool) -> Vec<u8> {
    let mut text = String::from("timestamp;level;module;message\n");
    text.push_str(&lines(
        meter,
        seed ^ 0x77,
        now - 2 * 86_400,
        now,
        900,
        hostile,
    ));
    cut_bytewise(&text, 16_384, seed ^ 0x55)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meter::MediumKind;

    #[test]
    fn the_core_reads_the_logs() {
        let now = 1_764_000_000;
        let m = Meter::new(3, MediumKind::Electricity, now);
        let ram = ram(&m, 3, now, now - 7200, true);
        let log = wattwaechter::log::parse(&ram);
        assert_eq!(log.separator, Some(';'));
        assert!(log.lines.len() > 20);
        assert!(log.lines.last().unwrap().partial);
        assert!(log
            .lines
            .iter()
            .filter(|l| !l.partial)
            .all(|l| l.time.is_some() && l.level.is_some()));
        assert!(log.lines.iter().any(|l| l.raw.contains("<img")));
        let p = persistent(&m, 3, now, false);
        let log = wattwaechter::log::parse(&p);
        assert_eq!(log.columns.time, Some(0));
    }

    /// Regression: CI once read a RAM log without the hostile text, because it came only from
    /// randomly chosen lines and the 3000 bytes kept had none of them.
    #[test]
    fn hostile_logs_always_carry_the_hostile_text() {
        let start = 1_764_000_000;
        let m = Meter::new(3, MediumKind::Electricity, start);
        for now in (start..start + 40_000).step_by(97) {
            let ram = ram(&m, 3, now, now - 3 * 3600, true);
            assert!(ram.windows(4).any(|w| w == b"<img"), "RAM log at {now}");
            let p = persistent(&m, 3, now, true);
            assert!(
                p.windows(4).any(|w| w == b"<img"),
                "persistent log at {now}"
            );
        }
    }
}
