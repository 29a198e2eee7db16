//! The simulated meter: deterministic from a seed, as a function of time.
//!
//! Time is cut into 15-minute slots. Each slot has an average household load and, for
//! electricity, a solar feed-in; the counters are prefix sums over the slots, so they only
//! grow, and every history answer is consistent with every other and with "now".

use std::sync::Mutex;

/// Slot length in seconds.
pub const SLOT_S: i64 = 900;
/// How far back the simulated history reaches (2 years and a month).
pub const HISTORY_DAYS: i64 = 2 * 365 + 31;

/// What the device meters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediumKind {
    /// A WattWächter Plus on an electricity meter.
    #[default]
    Electricity,
    /// A WattWächter Gas.
    Gas,
    /// A WattWächter Wasser.
    Water,
}

/// SplitMix64: a tiny, well-known mixing function (no RNG crate needed for noise).
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Uniform in [0, 1) from a seed and a key.
pub fn unit(seed: u64, key: u64) -> f64 {
    (mix(seed ^ mix(key)) >> 11) as f64 / (1u64 << 53) as f64
}

/// One instant's values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Unix seconds.
    pub t: i64,
    /// Import counter in Wh (electricity) or litres (gas/water, 1/1000 m³).
    pub import: f64,
    /// Export counter in Wh (electricity only).
    pub export: f64,
    /// Active power in W (import − export, signed), or flow in l/h for gas/water.
    pub power: f64,
    /// Per-phase power in W.
    pub phase_power: [f64; 3],
    /// Per-phase voltage in V.
    pub voltage: [f64; 3],
    /// Per-phase current in A.
    pub current: [f64; 3],
    /// Grid frequency in Hz.
    pub frequency: f64,
}

/// The meter.
#[derive(Debug)]
pub struct Meter {
    seed: u64,
    medium: MediumKind,
    /// First slot of the history.
    origin_slot: i64,
    base_import: f64,
    base_export: f64,
    /// Prefix sums of import and export per slot since `origin_slot`, grown on demand.
    sums: Mutex<(Vec<f64>, Vec<f64>)>,
}

impl Meter {
    /// A meter whose history starts [`HISTORY_DAYS`] before `now_s`.
    pub fn new(seed: u64, medium: MediumKind, now_s: i64) -> Self {
        let origin_day = now_s.div_euclid(86_400) - HISTORY_DAYS;
        Meter {
            seed,
            medium,
            origin_slot: origin_day * 86_400 / SLOT_S,
            base_import: 8_000_000.0 + (mix(seed) % 4_000_000) as f64,
            base_export: 1_000_000.0 + (mix(seed ^ 1) % 2_000_000) as f64,
            sums: Mutex::new((vec![0.0], vec![0.0])),
        }
    }

    /// The medium.
    pub fn medium(&self) -> MediumKind {
        self.medium
    }

    /// The first Unix second with history.
    pub fn history_start(&self) -> i64 {
        self.origin_slot * SLOT_S
    }

    /// Average import and export power of a slot (W, or l/h for gas/water).
    fn slot_power(&self, slot: i64) -> (f64, f64) {
        let t = slot * SLOT_S;
        let hour = (t.rem_euclid(86_400)) as f64 / 3600.0;
        let day = t.div_euclid(86_400);
        let season = ((day as f64) * std::f64::consts::TAU / 365.0).cos(); // +1 in winter
        let noise = unit(self.seed, slot as u64);
        match self.medium {
            MediumKind::Electricity => {
                let morning = 600.0 * gauss(hour, 7.5, 1.0);
                let evening = 900.0 * gauss(hour, 19.0, 1.8);
                let load = 180.0 + morning + evening + 400.0 * noise * noise;
                let sun = (1.0 - 0.6 * season).max(0.2) * 3500.0 * gauss(hour, 13.0, 2.6);
                let clouds = 0.4 + 0.6 * unit(self.seed ^ 7, day as u64);
                let net = load - sun * clouds;
                (net.max(0.0), (-net).max(0.0))
            }
            MediumKind::Gas => {
                // Heating: litres per hour.
                let heat = (0.5 + 0.5 * season)
                    * (120.0 + 300.0 * gauss(hour, 6.5, 1.5) + 200.0 * gauss(hour, 18.5, 2.5));
                (heat * (0.7 + 0.6 * noise), 0.0)
            }
            MediumKind::Water => {
                let usage = 5.0 + 180.0 * gauss(hour, 7.0, 0.6) + 120.0 * gauss(hour, 20.0, 1.0);
                (usage * (0.5 + noise), 0.0)
            }
        }
    }

    fn prefix(&self, slot: i64) -> (f64, f64) {
        let idx = (slot - self.origin_slot).max(0) as usize;
        let mut sums = self.sums.lock().unwrap_or_else(|e| e.into_inner());
        while sums.0.len() <= idx {
            let k = sums.0.len() - 1;
            let (i, e) = self.slot_power(self.origin_slot + k as i64);
            let (li, le) = (sums.0[k], sums.1[k]);
            sums.0.push(li + i * SLOT_S as f64 / 3600.0);
            sums.1.push(le + e * SLOT_S as f64 / 3600.0);
        }
        (sums.0[idx], sums.1[idx])
    }

    /// The counters at Unix second `t` (import, export) in Wh or litres.
    pub fn counters(&self, t: i64) -> (f64, f64) {
        let slot = t.div_euclid(SLOT_S);
        let (pi, pe) = self.prefix(slot);
        let (i, e) = self.slot_power(slot);
        let into = (t - slot * SLOT_S) as f64 / 3600.0;
        (
            self.base_import + pi + i * into,
            self.base_export + pe + e * into,
        )
    }

    /// Average import and export of the 15-minute slot starting at `t` (W or l/h).
    pub fn slot_average(&self, t: i64) -> (f64, f64) {
        self.slot_power(t.div_euclid(SLOT_S))
    }

    /// Everything at Unix second `t`.
    pub fn reading(&self, t: i64) -> Reading {
        let (import, export) = self.counters(t);
        let (i, e) = self.slot_average(t);
        let jitter = 1.0 + 0.08 * (unit(self.seed ^ 3, t as u64) - 0.5);
        let power = (i - e) * jitter;
        let split = [0.45, 0.2, 0.35];
        let voltage = [0, 1, 2].map(|p| 229.0 + 3.0 * unit(self.seed ^ (10 + p), t as u64));
        let phase_power = split.map(|s| power * s);
        let current = [0, 1, 2].map(|p| (phase_power[p] / voltage[p]).abs());
        Reading {
            t,
            import,
            export,
            power,
            phase_power,
            voltage,
            current,
            frequency: 49.97 + 0.06 * unit(self.seed ^ 20, t as u64),
        }
    }

    /// The meter's serial number (8 digits).
    pub fn serial(&self) -> u32 {
        10_000_000 + (mix(self.seed ^ 99) % 89_999_999) as u32
    }

    /// The 10-byte server ID (DIN 43863-5) of an EMH meter: `0a 01 'EMH' 00 serial`.
    pub fn server_id(&self) -> [u8; 10] {
        let s = self.serial().to_be_bytes();
        [0x0a, 0x01, b'E', b'M', b'H', 0x00, s[0], s[1], s[2], s[3]]
    }
}

fn gauss(x: f64, mu: f64, sigma: f64) -> f64 {
    (-(x - mu) * (x - mu) / (2.0 * sigma * sigma)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_only_grow_and_are_deterministic() {
        let now = 1_764_000_000;
        for medium in [MediumKind::Electricity, MediumKind::Gas, MediumKind::Water] {
            let m = Meter::new(42, medium, now);
            let again = Meter::new(42, medium, now);
            let mut last = (0.0, 0.0);
            for k in 0..2000 {
                let t = m.history_start() + k * 1733;
                let c = m.counters(t);
                assert!(c.0 >= last.0 && c.1 >= last.1, "{medium:?} at {t}");
                last = c;
                assert_eq!(c, again.counters(t));
            }
            assert_ne!(Meter::new(43, medium, now).counters(now), m.counters(now));
        }
    }

    #[test]
    fn power_varies_and_signs_make_sense() {
        let m = Meter::new(1, MediumKind::Electricity, 1_764_000_000);
        let day = 1_763_942_400; // midnight
        let night = m.reading(day + 3 * 3600).power;
        assert!(night > 0.0, "night: import");
        let powers: Vec<f64> = (0..96).map(|k| m.reading(day + k * SLOT_S).power).collect();
        let spread = powers.iter().cloned().fold(f64::MIN, f64::max)
            - powers.iter().cloned().fold(f64::MAX, f64::min);
        assert!(spread > 300.0);
    }
}
