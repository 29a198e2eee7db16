//! The catalogue behind [`Obis::name`](crate::obis::Obis::name): the codes German meters send
//! (see the OBIS table in the project notes), in English and German.

use crate::obis::{Obis, ObisName};

/// A catalogue row: A, C, D, E (B and F are ignored, meters vary them) and the names.
struct Entry(u8, u8, u8, u8, &'static str, &'static str);

const ENTRIES: &[Entry] = &[
    Entry(
        1,
        1,
        8,
        0,
        "Active energy import (A+), total",
        "Wirkenergie Bezug (A+), gesamt",
    ),
    Entry(
        1,
        2,
        8,
        0,
        "Active energy export (A−), total",
        "Wirkenergie Einspeisung (A−), gesamt",
    ),
    Entry(
        1,
        1,
        7,
        0,
        "Active power import (A+)",
        "Wirkleistung Bezug (A+)",
    ),
    Entry(
        1,
        2,
        7,
        0,
        "Active power export (A−)",
        "Wirkleistung Einspeisung (A−)",
    ),
    Entry(
        1,
        3,
        8,
        0,
        "Reactive energy import (Q+), total",
        "Blindenergie Bezug (Q+), gesamt",
    ),
    Entry(
        1,
        4,
        8,
        0,
        "Reactive energy export (Q−), total",
        "Blindenergie Einspeisung (Q−), gesamt",
    ),
    Entry(
        1,
        15,
        7,
        0,
        "Active power, absolute value (|A|)",
        "Wirkleistung, Betrag (|A|)",
    ),
    Entry(
        1,
        15,
        8,
        0,
        "Active energy, absolute value (|A|), total",
        "Wirkenergie, Betrag (|A|), gesamt",
    ),
    Entry(
        1,
        16,
        7,
        0,
        "Sum active power (A+ − A−)",
        "Summe Wirkleistung (A+ − A−)",
    ),
    Entry(
        1,
        21,
        7,
        0,
        "Active power import L1",
        "Wirkleistung Bezug L1",
    ),
    Entry(
        1,
        41,
        7,
        0,
        "Active power import L2",
        "Wirkleistung Bezug L2",
    ),
    Entry(
        1,
        61,
        7,
        0,
        "Active power import L3",
        "Wirkleistung Bezug L3",
    ),
    Entry(
        1,
        36,
        7,
        0,
        "Sum active power L1 (A+ − A−)",
        "Summe Wirkleistung L1 (A+ − A−)",
    ),
    Entry(
        1,
        56,
        7,
        0,
        "Sum active power L2 (A+ − A−)",
        "Summe Wirkleistung L2 (A+ − A−)",
    ),
    Entry(
        1,
        76,
        7,
        0,
        "Sum active power L3 (A+ − A−)",
        "Summe Wirkleistung L3 (A+ − A−)",
    ),
    Entry(1, 31, 7, 0, "Current L1", "Strom L1"),
    Entry(1, 51, 7, 0, "Current L2", "Strom L2"),
    Entry(1, 71, 7, 0, "Current L3", "Strom L3"),
    Entry(1, 91, 7, 0, "Current neutral", "Strom Neutralleiter"),
    Entry(1, 32, 7, 0, "Voltage L1", "Spannung L1"),
    Entry(1, 52, 7, 0, "Voltage L2", "Spannung L2"),
    Entry(1, 72, 7, 0, "Voltage L3", "Spannung L3"),
    Entry(1, 14, 7, 0, "Frequency", "Netzfrequenz"),
    Entry(1, 13, 7, 0, "Power factor", "Leistungsfaktor"),
    Entry(
        1,
        81,
        7,
        1,
        "Phase angle U-L2 to U-L1",
        "Phasenwinkel U-L2 zu U-L1",
    ),
    Entry(
        1,
        81,
        7,
        2,
        "Phase angle U-L3 to U-L1",
        "Phasenwinkel U-L3 zu U-L1",
    ),
    Entry(
        1,
        81,
        7,
        4,
        "Phase angle I-L1 to U-L1",
        "Phasenwinkel I-L1 zu U-L1",
    ),
    Entry(
        1,
        81,
        7,
        15,
        "Phase angle I-L2 to U-L2",
        "Phasenwinkel I-L2 zu U-L2",
    ),
    Entry(
        1,
        81,
        7,
        26,
        "Phase angle I-L3 to U-L3",
        "Phasenwinkel I-L3 zu U-L3",
    ),
    Entry(
        1,
        96,
        1,
        0,
        "Device ID (server ID)",
        "Geräte-ID (Server-ID)",
    ),
    Entry(
        1,
        0,
        0,
        9,
        "Device ID (server ID)",
        "Geräteeinzelidentifikation",
    ),
    Entry(
        1,
        96,
        50,
        1,
        "Manufacturer FLAG ID",
        "Herstellerkennung (FLAG)",
    ),
    Entry(1, 0, 0, 0, "Ownership number", "Eigentumsnummer"),
    Entry(
        1,
        96,
        5,
        0,
        "Operating status word",
        "Betriebszustand (Statuswort)",
    ),
    Entry(1, 96, 5, 5, "Status byte", "Statusbyte"),
    Entry(1, 0, 2, 0, "Firmware version", "Firmware-Version"),
    Entry(1, 96, 90, 2, "Firmware checksum", "Firmware-Prüfsumme"),
    Entry(1, 97, 97, 0, "Error register", "Fehlerregister"),
    Entry(0, 96, 1, 255, "Factory (serial) number", "Fabriknummer"),
    Entry(0, 96, 1, 0, "Device ID", "Geräte-ID"),
    Entry(
        129,
        199,
        130,
        3,
        "Manufacturer ID",
        "Hersteller-Identifikation",
    ),
    Entry(129, 199, 130, 5, "Public key", "Öffentlicher Schlüssel"),
    Entry(7, 3, 0, 0, "Gas volume, total", "Gasvolumen, gesamt"),
    Entry(8, 1, 0, 0, "Water volume, total", "Wasservolumen, gesamt"),
];

/// Register names of the energy tariffs (E = 1…9) for import and export.
const TARIFF_IMPORT: [(&str, &str); 9] = tariff_names(true);
const TARIFF_EXPORT: [(&str, &str); 9] = tariff_names(false);

const fn tariff_names(import: bool) -> [(&'static str, &'static str); 9] {
    macro_rules! names {
        ($dir_en:literal, $dir_de:literal) => {
            [
                (
                    concat!("Active energy ", $dir_en, ", tariff 1"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 1"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 2"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 2"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 3"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 3"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 4"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 4"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 5"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 5"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 6"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 6"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 7"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 7"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 8"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 8"),
                ),
                (
                    concat!("Active energy ", $dir_en, ", tariff 9"),
                    concat!("Wirkenergie ", $dir_de, ", Tarif 9"),
                ),
            ]
        };
    }
    if import {
        names!("import (A+)", "Bezug (A+)")
    } else {
        names!("export (A−)", "Einspeisung (A−)")
    }
}

/// A, C, D, E as one number.
const fn key(a: u8, c: u8, d: u8, e: u8) -> u32 {
    u32::from_be_bytes([a, c, d, e])
}

/// The keys of [`ENTRIES`], in the same order: a lookup scans 4 bytes per row instead of a
/// whole row (the report looks up every reading).
const KEYS: [u32; ENTRIES.len()] = {
    let mut keys = [0; ENTRIES.len()];
    let mut i = 0;
    while i < keys.len() {
        let Entry(a, c, d, e, _, _) = ENTRIES[i];
        keys[i] = key(a, c, d, e);
        i += 1;
    }
    keys
};

pub(crate) fn lookup(code: &Obis) -> Option<ObisName> {
    let (a, c, d, e) = (code.a(), code.c(), code.d(), code.e());
    let wanted = key(a, c, d, e);
    if let Some(i) = KEYS.iter().position(|&k| k == wanted) {
        let entry = &ENTRIES[i];
        return Some(ObisName {
            en: entry.4,
            de: entry.5,
        });
    }
    if a == 1 && d == 8 && (1..=9).contains(&e) {
        let table = match c {
            1 => &TARIFF_IMPORT,
            2 => &TARIFF_EXPORT,
            _ => return None,
        };
        let (en, de) = table[usize::from(e - 1)];
        return Some(ObisName { en, de });
    }
    None
}

pub(crate) fn all() -> alloc::vec::Vec<(Obis, ObisName)> {
    let mut out: alloc::vec::Vec<(Obis, ObisName)> = ENTRIES
        .iter()
        .map(|e| {
            (
                Obis::new(e.0, 0, e.1, e.2, e.3, 255),
                ObisName { en: e.4, de: e.5 },
            )
        })
        .collect();
    for (c, table) in [(1u8, &TARIFF_IMPORT), (2, &TARIFF_EXPORT)] {
        for (i, (en, de)) in table.iter().enumerate() {
            out.push((Obis::new(1, 0, c, 8, i as u8 + 1, 255), ObisName { en, de }));
        }
    }
    out
}
