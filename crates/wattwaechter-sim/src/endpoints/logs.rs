//! `/logs/*`: the ring-buffer dump, the persistent and the RAM log.

use super::{Call, Reply};
use crate::ring;

/// `GET /logs/rawdump`.
pub(super) fn rawdump(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    let electricity = c.electricity();
    if !electricity {
        return Reply::Error(404, "Not available on this device", None);
    }
    let faults = sim.lock().runtime.dump.clone();
    if faults.empty {
        return Reply::NoContent;
    }
    let boot = sim.lock().device.boot_ms / 1000;
    let (bytes, _) = ring::ring(
        &sim.meter,
        now,
        boot,
        sim.config.ring_size,
        sim.config.seed,
        &faults,
        sim.config.hostile,
    );
    Reply::Binary(bytes)
}

/// `GET /logs/persistent`.
pub(super) fn persistent(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    Reply::Text(crate::logs::persistent(
        &sim.meter,
        sim.config.seed,
        now,
        sim.config.hostile,
    ))
}

/// `GET /logs/ram`.
pub(super) fn ram(c: &Call<'_>) -> Reply {
    let sim = c.sim;
    let now = c.now();
    let boot = sim.lock().device.boot_ms / 1000;
    Reply::Text(crate::logs::ram(
        &sim.meter,
        sim.config.seed,
        now,
        boot,
        sim.config.hostile,
    ))
}
