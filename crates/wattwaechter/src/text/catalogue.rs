//! The catalogue: every message id with its arguments, in English and German.
//!
//! German as a German user would write it, with the trade's terms: Zählerstand, Bezug,
//! Einspeisung, Lesekopf, Prüfsumme, Messstellenbetreiber.

use super::Lang;

/// One message: its id, the arguments its templates may use, and the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The id (`finding.crc_errors.title`).
    pub id: &'static str,
    /// The names of its arguments.
    pub args: &'static [&'static str],
    /// English.
    pub en: &'static str,
    /// German.
    pub de: &'static str,
}

impl Entry {
    /// The template in `lang`.
    pub const fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::De => self.de,
        }
    }
}

/// The entry with `id`.
pub(super) fn entry(id: &str) -> Option<&'static Entry> {
    CATALOGUE.iter().find(|e| e.id == id)
}

const fn e(
    id: &'static str,
    args: &'static [&'static str],
    en: &'static str,
    de: &'static str,
) -> Entry {
    Entry { id, args, en, de }
}

/// Every message.
pub const CATALOGUE: &[Entry] = &[
    // Where an error happened.
    e("at_byte", &["message", "offset"], "{message} at byte {offset}", "{message} bei Byte {offset}"),
    // Dump findings: a title and an advice each.
    e(
        "finding.no_data.title",
        &[],
        "The buffer is empty: nothing was received",
        "Der Puffer ist leer: Es wurde nichts empfangen",
    ),
    e(
        "finding.no_data.advice",
        &[],
        "The meter is not sending, or the IR head does not see it. Check that the head sits centred on the meter's optical interface (the magnet holds it), that the meter's info interface is on, and that the cable is connected.",
        "Der Zähler sendet nicht, oder der Lesekopf sieht ihn nicht. Prüfen Sie, ob der Lesekopf mittig auf der optischen Schnittstelle des Zählers sitzt (der Magnet hält ihn), ob die Info-Schnittstelle des Zählers eingeschaltet ist und ob das Kabel steckt.",
    ),
    e(
        "finding.no_start_sequence.title",
        &[],
        "Neither SML (no start sequence 1b1b1b1b 01010101) nor D0 text",
        "Weder SML (keine Startsequenz 1b1b1b1b 01010101) noch D0-Text",
    ),
    e(
        "finding.no_start_sequence.advice",
        &[],
        "The head receives noise: it may be misaligned, see stray light, or the baud rate is wrong. Re-seat the head centred on the interface and shade it; check the configured protocol and baud rate (SML meters use 9600 8N1, D0 meters often 300/9600 7E1).",
        "Der Lesekopf empfängt nur Rauschen: Er sitzt vielleicht schief, bekommt Fremdlicht ab, oder die Baudrate stimmt nicht. Setzen Sie ihn mittig auf die Schnittstelle und schirmen Sie ihn ab; prüfen Sie das eingestellte Protokoll und die Baudrate (SML-Zähler: 9600 8N1, D0-Zähler oft 300/9600 7E1).",
    ),
    e(
        "finding.d0_meter.title",
        &[],
        "The meter speaks D0 (IEC 62056-21 text), not SML",
        "Der Zähler spricht D0 (Text nach IEC 62056-21), nicht SML",
    ),
    e(
        "finding.d0_meter.advice",
        &[],
        "Configure the WattWächter for D0. Values are read as sent; there is no CRC, only a block check in mode C.",
        "Stellen Sie den WattWächter auf D0 um. Die Werte werden gelesen, wie sie gesendet werden; es gibt keine CRC, nur im Modus C ein Blockprüfzeichen.",
    ),
    e(
        "finding.report_truncated.frames.title",
        &["offset", "max"],
        "The report stops at byte {offset}: the input holds more than {max} frames, the limit of one decode",
        "Der Bericht endet bei Byte {offset}: Die Eingabe enthält mehr als {max} Telegramme, die Grenze einer Auswertung",
    ),
    e(
        "finding.report_truncated.values.title",
        &["offset", "max"],
        "The report stops at byte {offset}: the input holds more than {max} values, the limit of one decode",
        "Der Bericht endet bei Byte {offset}: Die Eingabe enthält mehr als {max} Werte, die Grenze einer Auswertung",
    ),
    e(
        "finding.report_truncated.advice",
        &[],
        "Only what comes before that byte is decoded. Real dumps stay far below the limits, so this input is unusual; decode the rest separately, or raise the limit (--max-frames and --max-values on the command line, maxFrames and maxValues in JavaScript).",
        "Ausgewertet ist nur, was vor diesem Byte steht. Echte Dumps bleiben weit unter den Grenzen, diese Eingabe ist also ungewöhnlich; werten Sie den Rest getrennt aus oder heben Sie die Grenze an (--max-frames und --max-values auf der Kommandozeile, maxFrames und maxValues in JavaScript).",
    ),
    e(
        "finding.no_good_frame.title",
        &["damaged", "interrupted"],
        "No telegram arrived intact ({damaged} damaged, {interrupted} interrupted)",
        "Kein Telegramm kam unversehrt an ({damaged} beschädigt, {interrupted} unterbrochen)",
    ),
    e(
        "finding.no_good_frame.advice",
        &[],
        "The signal is received but garbled. Re-seat the IR head centred on the interface, shade it against daylight, and check the cable.",
        "Das Signal kommt an, aber verstümmelt. Setzen Sie den Lesekopf mittig auf die Schnittstelle, schirmen Sie ihn gegen Tageslicht ab und prüfen Sie das Kabel.",
    ),
    e(
        "finding.crc_errors.title",
        &["percent"],
        "{percent} % of complete telegrams have a checksum error",
        "{percent} % der vollständigen Telegramme haben einen Prüfsummenfehler",
    ),
    e(
        "finding.crc_errors.advice",
        &[],
        "Bytes get lost or changed on the optical path: align the head, shade it against stray light, keep the cable away from mains lines.",
        "Auf dem optischen Weg gehen Bytes verloren oder werden verfälscht: Richten Sie den Lesekopf aus, schirmen Sie ihn gegen Fremdlicht ab und verlegen Sie das Kabel fern von Netzleitungen.",
    ),
    e(
        "finding.restarts.title",
        &["count"],
        "{count} {count|telegram was|telegrams were} cut off by the next one",
        "{count} {count|Telegramm wurde|Telegramme wurden} vom nächsten abgeschnitten",
    ),
    e(
        "finding.restarts.advice",
        &[],
        "Bytes are lost in the middle of telegrams, usually from a weak or disturbed optical signal.",
        "Mitten in Telegrammen gehen Bytes verloren, meist wegen eines schwachen oder gestörten optischen Signals.",
    ),
    e(
        "finding.receiving.title",
        &["count"],
        "{count} {count|telegram|telegrams} received intact",
        "{count} {count|Telegramm|Telegramme} unversehrt empfangen",
    ),
    e(
        "finding.receiving.advice",
        &[],
        "The IR head reads the meter.",
        "Der Lesekopf liest den Zähler.",
    ),
    e(
        "finding.pin_not_entered.title",
        &["missing"],
        "The meter sends {missing}",
        "Der Zähler sendet {missing}",
    ),
    e("missing.power", &[], "no current power", "keine momentane Leistung"),
    e("missing.per_phase", &[], "no per-phase values", "keine Werte je Phase"),
    e(
        "missing.decimals",
        &[],
        "energy without decimals",
        "Zählerstände ohne Nachkommastellen",
    ),
    e(
        "finding.pin_not_entered.advice",
        &[],
        "Many meters send only the basic registers until their PIN is entered (ask the metering operator for the PIN, enter it with a torch on the optical button, and switch 'InF' on).",
        "Viele Zähler senden nur die Grundwerte, bis ihre PIN eingegeben ist (fragen Sie den Messstellenbetreiber nach der PIN, geben Sie sie mit einer Taschenlampe über den optischen Taster ein und schalten Sie „InF“ ein).",
    ),
    e(
        "finding.kermit.title",
        &[],
        "The meter uses the CRC-16/KERMIT checksum (known Holley behaviour)",
        "Der Zähler verwendet die Prüfsumme CRC-16/KERMIT (bekanntes Verhalten von Holley)",
    ),
    e(
        "finding.kermit.advice",
        &[],
        "Accepted; nothing to do.",
        "Wird akzeptiert; nichts zu tun.",
    ),
    e(
        "finding.partly_empty.title",
        &[],
        "Part of the buffer is still empty (zero fill)",
        "Ein Teil des Puffers ist noch leer (mit Nullen gefüllt)",
    ),
    e(
        "finding.partly_empty.advice",
        &[],
        "The device started recently or the meter sends little; wait for the buffer to fill.",
        "Das Gerät läuft erst seit Kurzem oder der Zähler sendet wenig; warten Sie, bis sich der Puffer füllt.",
    ),
    e(
        "finding.interval.title",
        &["seconds"],
        "The meter sends a telegram every {seconds} s",
        "Der Zähler sendet alle {seconds} s ein Telegramm",
    ),
    e("finding.interval.advice", &[], "For reference.", "Zur Information."),
    e(
        "finding.lost_boundary.title",
        &["count"],
        "{count} {count|telegram lost its|telegrams lost their} start or end sequence",
        "{count} {count|Telegramm verlor seine|Telegramme verloren ihre} Start- oder Endsequenz",
    ),
    e(
        "finding.lost_boundary.advice",
        &[],
        "Bytes are lost at the boundaries of telegrams, usually from a weak or disturbed optical signal.",
        "An den Telegrammgrenzen gehen Bytes verloren, meist wegen eines schwachen oder gestörten optischen Signals.",
    ),
    e(
        "finding.cut_edges.both.title",
        &[],
        "The first and last telegrams are cut by the buffer's edges",
        "Das erste und das letzte Telegramm sind von den Rändern des Puffers abgeschnitten",
    ),
    e(
        "finding.cut_edges.first.title",
        &[],
        "The first telegram is cut by the buffer's start",
        "Das erste Telegramm ist vom Anfang des Puffers abgeschnitten",
    ),
    e(
        "finding.cut_edges.last.title",
        &[],
        "The last telegram is cut by the buffer's end",
        "Das letzte Telegramm ist vom Ende des Puffers abgeschnitten",
    ),
    e(
        "finding.cut_edges.advice",
        &[],
        "Normal for a ring buffer, not an error.",
        "Bei einem Ringpuffer normal, kein Fehler.",
    ),
    // SML frame errors.
    e(
        "sml.transport_crc",
        &["read", "computed"],
        "transport CRC mismatch: read {read}, computed {computed}",
        "Transport-CRC falsch: gelesen {read}, berechnet {computed}",
    ),
    e(
        "sml.message_crc",
        &["read", "computed"],
        "message CRC mismatch: read {read}, computed {computed}",
        "Nachrichten-CRC falsch: gelesen {read}, berechnet {computed}",
    ),
    e(
        "sml.truncated",
        &[],
        "input ended inside the frame",
        "Eingabe endet mitten im Telegramm",
    ),
    e(
        "sml.start_missing.input",
        &[],
        "frame end without a start (input began mid-frame)",
        "Telegrammende ohne Anfang (Eingabe beginnt mitten im Telegramm)",
    ),
    e(
        "sml.start_missing",
        &[],
        "frame end without a start (start sequence lost or damaged)",
        "Telegrammende ohne Anfang (Startsequenz verloren oder beschädigt)",
    ),
    e(
        "sml.restarted",
        &[],
        "new start sequence inside the frame",
        "neue Startsequenz mitten im Telegramm",
    ),
    e(
        "sml.invalid_escape",
        &["found"],
        "invalid escape sequence 1b1b1b1b {found}",
        "ungültige Escape-Sequenz 1b1b1b1b {found}",
    ),
    e(
        "sml.invalid_padding",
        &["count"],
        "invalid padding count {count}",
        "ungültige Anzahl Füllbytes {count}",
    ),
    e(
        "sml.frame_too_long",
        &["limit"],
        "frame longer than {limit} bytes",
        "Telegramm länger als {limit} Bytes",
    ),
    // SML message parse errors.
    e(
        "sml.unexpected_end",
        &[],
        "unexpected end of input",
        "unerwartetes Ende der Eingabe",
    ),
    e(
        "sml.invalid_tl",
        &["byte"],
        "invalid TL byte 0x{byte}",
        "ungültiges TL-Byte 0x{byte}",
    ),
    e(
        "sml.tl_too_long",
        &["max"],
        "TL field longer than {max} bytes",
        "TL-Feld länger als {max} Bytes",
    ),
    e(
        "sml.length_too_short",
        &["length"],
        "length {length} is shorter than its own TL field",
        "Länge {length} ist kürzer als ihr eigenes TL-Feld",
    ),
    e(
        "sml.length_exceeds_input",
        &["declared", "available"],
        "length {declared} exceeds the {available} bytes left",
        "Länge {declared} übersteigt die verbleibenden {available} Bytes",
    ),
    e(
        "sml.wrong_type",
        &["expected", "found"],
        "expected {expected}, found TL byte 0x{found}",
        "{expected} erwartet, TL-Byte 0x{found} gefunden",
    ),
    e(
        "sml.wrong_list_length",
        &["what", "expected", "found"],
        "{what}: expected a list of {expected}, found {found}",
        "{what}: Liste mit {expected} Einträgen erwartet, {found} gefunden",
    ),
    e(
        "sml.invalid_integer_width",
        &["width"],
        "integer of {width} bytes",
        "Ganzzahl mit {width} Bytes",
    ),
    e(
        "sml.value_out_of_range",
        &["what"],
        "{what}: value out of range",
        "{what}: Wert außerhalb des gültigen Bereichs",
    ),
    e(
        "sml.unknown_tag",
        &["what", "tag"],
        "{what}: unknown tag 0x{tag}",
        "{what}: unbekanntes Tag 0x{tag}",
    ),
    e(
        "sml.too_deep",
        &["max"],
        "nesting deeper than {max}",
        "Verschachtelung tiefer als {max}",
    ),
    e(
        "sml.too_many_entries",
        &["count"],
        "list of {count} entries is too long",
        "Liste mit {count} Einträgen ist zu lang",
    ),
    e(
        "sml.missing_end_of_message",
        &["byte"],
        "expected end of message 0x00, found 0x{byte}",
        "Nachrichtenende 0x00 erwartet, 0x{byte} gefunden",
    ),
    // D0 telegram errors.
    e(
        "d0.truncated_identification",
        &[],
        "input ended inside the identification line",
        "Eingabe endet mitten in der Kennungszeile",
    ),
    e(
        "d0.start_missing",
        &[],
        "telegram without identification (input began mid-telegram)",
        "Telegramm ohne Kennung (Eingabe beginnt mitten im Telegramm)",
    ),
    e(
        "d0.bcc_mismatch",
        &["read", "computed"],
        "block check character {read}, computed {computed}",
        "Blockprüfzeichen {read}, berechnet {computed}",
    ),
    e(
        "d0.crc16_mismatch",
        &["read", "computed"],
        "DSMR CRC {read}, computed {computed}",
        "DSMR-Prüfsumme {read}, berechnet {computed}",
    ),
    e(
        "d0.truncated_bcc",
        &[],
        "input ended before the block check character",
        "Eingabe endet vor dem Blockprüfzeichen",
    ),
    e(
        "d0.truncated_etx",
        &[],
        "input ended before ETX and the block check character",
        "Eingabe endet vor ETX und dem Blockprüfzeichen",
    ),
    e(
        "d0.too_long",
        &[],
        "telegram longer than 64 KiB without its closing '!'",
        "Telegramm länger als 64 KiB ohne abschließendes '!'",
    ),
    e(
        "d0.truncated_end",
        &[],
        "input ended before the closing '!'",
        "Eingabe endet vor dem abschließenden '!'",
    ),
    e(
        "d0.restarted",
        &[],
        "new identification before the closing '!'",
        "neue Kennung vor dem abschließenden '!'",
    ),
    e(
        "d0.missing_etx",
        &[],
        "expected ETX after '!'",
        "ETX nach '!' erwartet",
    ),
    e(
        "d0.missing_end",
        &[],
        "ETX before the closing '!'",
        "ETX vor dem abschließenden '!'",
    ),
    e(
        "d0.missing_value",
        &[],
        "data set address without '('",
        "Datensatz-Adresse ohne '('",
    ),
    e(
        "d0.invalid_character",
        &["byte"],
        "invalid character 0x{byte}",
        "ungültiges Zeichen 0x{byte}",
    ),
    e(
        "d0.truncated_data_set",
        &[],
        "input ended inside a data set",
        "Eingabe endet mitten in einem Datensatz",
    ),
    e(
        "d0.address_too_long",
        &[],
        "data set address longer than 32 characters",
        "Datensatz-Adresse länger als 32 Zeichen",
    ),
    e("d0.limit", &[], "value limit reached", "Wertegrenze erreicht"),
    e(
        "d0.truncated_value",
        &[],
        "input ended inside a value",
        "Eingabe endet mitten in einem Wert",
    ),
    e("d0.unclosed_value", &[], "value without ')'", "Wert ohne ')'"),
    // The summary labels of reports (the command line's text report).
    e("report.bytes", &["count"], "{count} bytes", "{count} Bytes"),
    // The text formats of a capture (`capture`).
    e("capture.hex", &[], "hex text", "Hex-Text"),
    e("capture.xxd", &[], "xxd output", "xxd-Ausgabe"),
    e("capture.hexdump_c", &[], "hexdump -C output", "hexdump-C-Ausgabe"),
    e("capture.tasmota", &[], "Tasmota SML dump", "Tasmota-SML-Dump"),
    e("capture.log_lines", &[], "log lines with hex", "Protokollzeilen mit Hex"),
    e(
        "capture.read_as",
        &["format", "lines"],
        "read as {format}, {lines} {lines|line|lines} with bytes",
        "gelesen als {format}, {lines} {lines|Zeile|Zeilen} mit Bytes",
    ),
    e(
        "report.frames",
        &["count"],
        "{count} {count|frame|frames}",
        "{count} {count|Telegramm|Telegramme}",
    ),
    e(
        "report.empty",
        &[],
        "the buffer is empty: the meter sent nothing the IR head could read",
        "der Puffer ist leer: Der Zähler hat nichts gesendet, was der Lesekopf lesen konnte",
    ),
    e(
        "report.unknown",
        &[],
        "neither SML (no 1b1b1b1b 01010101) nor D0 text: check the IR head's alignment and the meter's protocol",
        "weder SML (kein 1b1b1b1b 01010101) noch D0-Text: Prüfen Sie die Ausrichtung des Lesekopfs und das Protokoll des Zählers",
    ),
    e(
        "report.counts",
        &["ok", "crc", "truncated", "start", "end", "aborted", "malformed"],
        "ok {ok} · crc_mismatch {crc} · truncated {truncated} (start {start}, end {end}) · aborted {aborted} · malformed {malformed}",
        "in Ordnung {ok} · Prüfsummenfehler {crc} · abgeschnitten {truncated} (Anfang {start}, Ende {end}) · unterbrochen {aborted} · fehlerhaft {malformed}",
    ),
    e(
        "report.crc_rate",
        &["percent"],
        "CRC error rate: {percent} %",
        "CRC-Fehlerrate: {percent} %",
    ),
    e(
        "report.bcc_rate",
        &["percent"],
        "block check error rate: {percent} %",
        "Fehlerrate der Blockprüfung: {percent} %",
    ),
    e(
        "report.meter",
        &["id", "maker", "server"],
        "meter: {id} · manufacturer {maker} · server ID {server}",
        "Zähler: {id} · Hersteller {maker} · Server-ID {server}",
    ),
    e(
        "report.interval",
        &["seconds"],
        "interval between telegrams: {seconds} s (meter clock)",
        "Abstand der Telegramme: {seconds} s (Zähleruhr)",
    ),
    e("report.quirks", &["list"], "quirks: {list}", "Eigenheiten: {list}"),
    e(
        "report.seam.write_position",
        &["offset"],
        "linearised at dump offset {offset} (the given write position); offsets below are in the linearised buffer",
        "linearisiert bei Dump-Offset {offset} (die angegebene Schreibposition); die Offsets unten gelten im linearisierten Puffer",
    ),
    e(
        "report.seam.wrap",
        &["offset"],
        "linearised at dump offset {offset} (a frame that continues across the buffer's end); offsets below are in the linearised buffer",
        "linearisiert bei Dump-Offset {offset} (ein Telegramm läuft über das Pufferende hinaus); die Offsets unten gelten im linearisierten Puffer",
    ),
    e("report.findings", &[], "findings:", "Befunde:"),
    e("report.frames_heading", &[], "frames:", "Telegramme:"),
    e(
        "report.frame_columns",
        &[],
        "#|offset|length|status|crc|notes",
        "#|Offset|Länge|Status|CRC|Hinweise",
    ),
    e(
        "report.last_values",
        &["frame"],
        "values of the last ok frame (#{frame}):",
        "Werte des letzten fehlerfreien Telegramms (#{frame}):",
    ),
    e("report.no_value", &[], "(no value)", "(kein Wert)"),
    e("report.text", &["text"], "(text: \"{text}\")", "(Text: „{text}“)"),
    e(
        "report.series",
        &[],
        "series across ok frames:",
        "Verläufe über fehlerfreie Telegramme:",
    ),
    e(
        "report.points",
        &["count"],
        "{count} {count|point|points}",
        "{count} {count|Punkt|Punkte}",
    ),
    e(
        "report.gaps",
        &["ranges", "total", "zero"],
        "gaps: {ranges} {ranges|range|ranges}, {total} bytes outside frames ({zero} zero fill)",
        "Lücken: {ranges} {ranges|Bereich|Bereiche}, {total} Bytes außerhalb von Telegrammen ({zero} mit Nullen gefüllt)",
    ),
    e("report.zero_fill", &[], "zero fill", "mit Nullen gefüllt"),
    e(
        "report.watch_summary",
        &["bytes", "frames", "ok", "crc", "other"],
        "watch: {bytes} bytes, {frames} {frames|frame|frames} ({ok} ok, {crc} checksum {crc|error|errors}, {other} other)",
        "watch: {bytes} Bytes, {frames} {frames|Telegramm|Telegramme} ({ok} in Ordnung, {crc} mit Prüfsummenfehler, {other} andere)",
    ),
    e("report.more", &["count"], "… {count} more", "… {count} weitere"),
    e("protocol.sml", &[], "SML", "SML"),
    e("protocol.d0", &[], "D0 (IEC 62056-21)", "D0 (IEC 62056-21)"),
    e("protocol.empty", &[], "empty", "leer"),
    e("protocol.unknown", &[], "unknown content", "unbekannter Inhalt"),
    e("status.ok", &[], "ok", "in Ordnung"),
    e("status.crc_mismatch", &[], "CRC mismatch", "Prüfsummenfehler"),
    e("status.truncated_start", &[], "truncated start", "Anfang fehlt"),
    e("status.truncated_end", &[], "truncated end", "Ende fehlt"),
    e("status.aborted", &[], "aborted", "unterbrochen"),
    e("status.malformed", &[], "malformed", "fehlerhaft"),
];
