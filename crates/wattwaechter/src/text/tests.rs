use super::*;
use alloc::vec;

/// The argument names a template uses (`{name}` and `{name|one|other}`).
fn used(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split('}').next())
        .map(|inner| inner.split('|').next().unwrap_or(""))
        .collect()
}

/// Every id once; both languages present; each template uses only the arguments its entry
/// declares, and each declared argument appears in both languages; plural choices have two
/// forms.
#[test]
fn the_catalogue_is_complete() {
    let mut ids: Vec<&str> = CATALOGUE.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "an id twice");
    for entry in CATALOGUE {
        for lang in Lang::ALL {
            let template = entry.text(lang);
            assert!(!template.trim().is_empty(), "{} lacks {lang:?}", entry.id);
            for name in used(template) {
                assert!(
                    entry.args.contains(&name),
                    "{} ({lang:?}) uses {{{name}}}, which it does not have",
                    entry.id
                );
            }
            for arg in entry.args {
                assert!(
                    used(template).contains(arg),
                    "{} ({lang:?}) does not use its argument {arg}",
                    entry.id
                );
            }
            for part in template.split('{').skip(1) {
                let inner = part.split('}').next().unwrap_or("");
                let forms = inner.split('|').count();
                assert!(forms == 1 || forms == 3, "{}: {{{inner}}}", entry.id);
            }
        }
    }
}

#[test]
fn arguments_are_written_the_language_s_way() {
    let m = Message::new("finding.crc_errors.title").with("percent", Arg::Tenths(429));
    assert_eq!(
        m.render(Lang::En),
        "42.9 % of complete telegrams have a checksum error"
    );
    assert_eq!(
        m.render(Lang::De),
        "42,9 % der vollständigen Telegramme haben einen Prüfsummenfehler"
    );
    let one = Message::new("finding.restarts.title").with("count", Arg::Count(1));
    assert_eq!(
        one.render(Lang::En),
        "1 telegram was cut off by the next one"
    );
    assert_eq!(
        one.render(Lang::De),
        "1 Telegramm wurde vom nächsten abgeschnitten"
    );
    let many = Message::new("report.frames").with("count", Arg::Count(12_345));
    assert_eq!(many.render(Lang::En), "12,345 frames");
    assert_eq!(many.render(Lang::De), "12.345 Telegramme");
    let interval = Message::new("finding.interval.title").with("seconds", Arg::Halves(5));
    assert_eq!(
        interval.render(Lang::De),
        "Der Zähler sendet alle 2,5 s ein Telegramm"
    );
    let crc = Message::new("sml.transport_crc")
        .with("read", Arg::Hex(0xd37b, 4))
        .with("computed", Arg::Hex(0x958, 4));
    assert_eq!(
        at_byte(&crc, 943, Lang::En),
        "transport CRC mismatch: read d37b, computed 0958 at byte 943"
    );
    assert_eq!(
        at_byte(&crc, 943, Lang::De),
        "Transport-CRC falsch: gelesen d37b, berechnet 0958 bei Byte 943"
    );
    let pin = Message::new("finding.pin_not_entered.title").with(
        "missing",
        Arg::Phrases(vec![
            "missing.power",
            "missing.per_phase",
            "missing.decimals",
        ]),
    );
    assert_eq!(
        pin.render(Lang::En),
        "The meter sends no current power, no per-phase values and energy without decimals"
    );
    assert_eq!(
        pin.render(Lang::De),
        "Der Zähler sendet keine momentane Leistung, keine Werte je Phase und Zählerstände ohne Nachkommastellen"
    );
}

#[test]
fn a_message_the_catalogue_lacks_is_its_id() {
    assert_eq!(Message::new("no.such").render(Lang::De), "no.such");
}

/// A message built with other arguments than its entry declares fails every test that
/// renders it (debug builds), so code and catalogue cannot drift apart.
#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "report.bytes: arguments")]
fn arguments_other_than_declared_are_caught() {
    let _ = Message::new("report.bytes").render(Lang::En);
}

#[test]
fn languages_from_tags_and_locales() {
    for (tag, lang) in [
        ("de", Some(Lang::De)),
        ("de-AT", Some(Lang::De)),
        ("de_DE.UTF-8", Some(Lang::De)),
        ("DE", Some(Lang::De)),
        ("en-US", Some(Lang::En)),
        ("C", Some(Lang::En)),
        ("C.UTF-8", Some(Lang::En)),
        ("POSIX", Some(Lang::En)),
        ("fr_FR.UTF-8", None),
        ("", None),
    ] {
        assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
    }
}

#[test]
fn decimals_the_language_s_way() {
    for (text, de) in [
        ("2941647.1626", "2.941.647,1626"),
        ("-299.12", "-299,12"),
        ("0", "0"),
        ("1000", "1.000"),
        ("032942.0234", "032942,0234"),
        ("0.5", "0,5"),
        ("454d48", "454d48"),
        ("1.2.3", "1.2.3"),
        ("", ""),
        ("-", "-"),
        (".5", ".5"),
    ] {
        assert_eq!(decimal(text, Lang::De), de, "{text:?}");
        assert_eq!(decimal(text, Lang::En), text);
    }
}
