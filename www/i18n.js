// @ts-check
// The page's words in English and German, and numbers, dates and times written the chosen
// language's way. The language follows the browser (`navigator.languages`) until the user
// picks one, which is remembered. Texts the decoders produce (findings, frame errors, OBIS
// names) come from the core's catalogue in the same language (the `lang` option); this table
// holds only the page's own words.

/** @typedef {"en" | "de"} Lang */

const STORAGE_KEY = "wattwaechter.lang";

/**
 * Every text of the page. A text is a template (`{name}` is filled in) or, for counts, the
 * forms for one and for more (`{n}` is the count).
 * @type {Record<Lang, Record<string, string | [string, string]>>}
 */
const TEXTS = {
  en: {
    title: "WattWächter diagnostics",
    device: "Device",
    hostPlaceholder: "this server (simulator or --proxy)",
    token: "Token",
    tokenPlaceholder: "only if auth is on",
    connect: "Connect",
    hostHelpBefore: "Leave empty to use the device behind this server. A device on another address must send CORS headers — otherwise start",
    hostHelpAfter: "and open the page from it.",
    language: "Language",
    readDump: "Read dump from device",
    openFile: "Open dump file (.bin, hex or D0 text)",
    loadSample: "Load real sample",
    dropHint: "…or drop a file anywhere",
    pasteSummary: "Paste a capture as text",
    pasteLabel: "Hex, xxd or hexdump -C output, Tasmota's SML dump, or log lines with hex",
    pasteHelp: "The format is detected; offsets and ASCII columns are not read as bytes.",
    pasteDecode: "Decode pasted text",
    pastedName: "pasted text",
    pasteEmpty: "Paste a capture into the box first.",
    cancelDecoding: "Cancel decoding",
    views: "Views",
    tabDump: "Dump analysis",
    tabLive: "Live",
    tabDevice: "Device",
    tabHistory: "History",
    tabLogs: "Logs",
    loadPrompt: "Load a dump: from the device, a file, or the real sample.",
    frames: "Frames",
    frame: "Frame",
    obis: "OBIS",
    name: "Name",
    value: "Value",
    unit: "Unit",
    bytesHeading: "Bytes",
    legendIntro: "Each byte shows its frame's status by colour and by line:",
    legendOk: "ok",
    legendCrc: "CRC error",
    legendCrcLine: "(wavy underline)",
    legendCut: "cut",
    legendCutLine: "(dotted)",
    legendAborted: "aborted",
    legendAbortedLine: "(dashed)",
    legendMalformed: "malformed",
    legendMalformedLine: "(wavy)",
    legendGap: "gap",
    legendGapLine: "(no frame)",
    legendEscape: "escape",
    legendEscapeLine: "(bold, underlined)",
    legendError: "error",
    legendErrorLine: "(boxed)",
    legendHover: "Hover or focus a byte for its offset and frame.",
    valuesAcross: "Values across frames",
    valuesTable: "The values as a table",
    saveDump: "Save dump (.bin)",
    saveJson: "Save result (JSON)",
    saveCsv: "Save values (CSV)",
    saveAnonymizedBin: "Save anonymized dump (.bin)",
    saveAnonymizedHex: "Save anonymized dump (hex)",
    anonymized: "Saved without the meter's identities: {identities} replaced in {places}; every frame keeps its status.",
    cannotAnonymize: "Cannot anonymize the dump: {message}",
    source: "Source",
    sourceSerial: "IR head on this computer (Web Serial)",
    sourceDevice: "The device (its latest reading, polled)",
    serialMissing: "This browser cannot open serial ports (Web Serial is in Chrome, Edge and other Chromium-based browsers, not in Firefox or Safari). Use the device as the source, or open this page in a Chromium-based browser.",
    meter: "Meter",
    presetSml: "SML (9600 baud, 8N1)",
    presetD0C: "D0 mode C (300 baud, 7E1)",
    presetD0Fast: "D0 at 9600 baud (7E1)",
    presetOther: "Other",
    baudRate: "Baud rate",
    parity: "Parity",
    parityNone: "none (8 data bits)",
    parityEven: "even (7 data bits)",
    serialStart: "Choose the port and start",
    stop: "Stop",
    pollEvery: "Every (seconds)",
    pollStart: "Start polling",
    pollHelpBefore: "Polls",
    pollHelpAfter: "within the device's request budget, shared with its other clients (half of it for this page); pauses while the page is hidden.",
    livePrompt: "Start a source to see frames and values as they arrive.",
    liveTable: "The live values as a table",
    liveSave: "Save the capture (.bin)",
    liveAnalyse: "Open the capture in the dump analysis",
    refresh: "Refresh",
    connectPrompt: "Connect to a device.",
    latestValues: "Latest values",
    day: "Day",
    dayShow: "Show 15-minute curve",
    dayTable: "The curve as a table",
    from: "From",
    days: "Days",
    rangeShow: "Show daily values",
    rangeTable: "The daily values as a table",
    log: "Log",
    logRam: "RAM",
    logPersistent: "Persistent",
    level: "Level",
    levelAll: "all",
    search: "Search",
    load: "Load",
    logLines: "Log lines",
    cancel: "Cancel",
    useToken: "Use token",
    // Counts.
    nBytes: ["{n} byte", "{n} bytes"],
    nFrames: ["{n} frame", "{n} frames"],
    nIdentities: ["{n} identity", "{n} identities"],
    nPlaces: ["{n} place", "{n} places"],
    nClients: ["{n} client", "{n} clients"],
    // Status lines.
    decoding: "Decoding {name} ({bytes})…",
    decodingCancelled: "Decoding cancelled.",
    decoded: "{name}: {bytes}, {frames}",
    cannotOpen: "Could not open {name}: {message}",
    cannotLoadSample: "Could not load the sample: {message}",
    sampleName: "real sample (EasyMeter Q3A)",
    deviceDumpName: "device dump",
    liveCaptureName: "live capture",
    emptyBuffer: "The device's buffer is empty (204): the meter is not sending, or the IR head does not see it.",
    budgetWait: "Waiting for the device: its request limit is reached (shared by all its clients) or it is busy. Retrying in {seconds} s…",
    answerWait: "Waiting for the device's answer…",
    connectFirst: "Connect to a device first.",
    connectFirstTop: "Connect to a device first (at the top of the page).",
    needToken: "The device requires a token (API authentication is on).",
    needWriteToken: "This needs the WRITE token.",
    stillRefuses: "The device still refuses ({why}): try again{wait}.",
    refusesBusy: "it is low on memory",
    refusesLimit: "its request limit is reached",
    refusesIn: " in {seconds} s",
    // Errors of the device client by kind: English shows the client's own sentence.
    errorNetwork: "The device is not reachable. {message}",
    errorTimeout: "{message}",
    errorUnauthorized: "{message}",
    errorForbidden: "{message}",
    errorNotFound: "{message}",
    errorBadRequest: "{message}",
    errorPayloadTooLarge: "{message}",
    errorBadResponse: "{message}",
    errorHttp: "{message}",
    errorInvalidRequest: "{message}",
    errorResponseTooLarge: "{message}",
    errorRedirected: "{message}",
    connecting: "Connecting…",
    connected: "Connected: {name}",
    serialFailed: "The serial port did not open: {message}",
    serialReading: "Reading the IR head at {baud} baud, parity {parity}…",
    serialStopped: "The serial port stopped: {message}",
    stopped: "Stopped: {bytes}, {frames}.",
    polling: "Polling the device every {seconds} s…",
    pollingStopped: "Polling stopped.",
    // The dump analysis.
    protocol: "Protocol",
    framesOk: "Frames ok",
    crcErrors: "CRC errors",
    bccErrors: "Block check errors",
    cutAbortedMalformed: "Cut / aborted / malformed",
    interval: "Interval",
    seam: "Seam",
    seamAt: "{kind} at {offset}",
    seamWritePosition: "write_position",
    seamWrap: "wrap",
    none: "none",
    severityError: "Error",
    severityWarning: "Warning",
    severityInfo: "Info",
    severityOk: "OK",
    statusOk: "ok",
    statusCrcMismatch: "crc mismatch",
    statusTruncatedStart: "truncated start",
    statusTruncatedEnd: "truncated end",
    statusAborted: "aborted",
    statusMalformed: "malformed",
    frameTitle: "#{index} · {status} · bytes {from}–{to}",
    fieldsHeading: "Fields of the frame",
    fieldsHelp: "Click a byte to find its field, or a field to mark its bytes; the arrow keys move through the fields.",
    fieldDetail: "{path}: bytes {from}–{to}",
    verdictOk: "matches: read {read}, computed {computed}",
    verdictBad: "does not match: read {read}, computed {computed}",
    verdictKermit: " (KERMIT {kermit})",
    noValue: "(no value)",
    quoted: "“{text}”",
    byteTitle: "byte {offset}",
    byteInFrame: ", frame #{index} ({status})",
    byteInGap: ", gap",
    byteFailed: ", where decoding failed",
    noNumeric: "No numeric values in good frames.",
    chartFrame: "Frame",
    chartFrameLabel: "frame",
    // The device.
    alive: "Alive / firmware",
    yes: "yes",
    no: "no",
    model: "Model",
    uptime: "Uptime",
    wifi: "Wi-Fi",
    freeHeap: "Free heap",
    freeHeapValue: "{bytes} bytes",
    led: "LED",
    mqtt: "MQTT",
    modbus: "Modbus",
    modbusOn: "on, port {port}, {clients}",
    modbusOff: "off",
    noReading: "No reading yet (204).",
    // History.
    time: "Time",
    noDay: "No data for this day (204).",
    noRange: "No daily values in this range (204).",
    flow: "flow m³/h",
    power: "power W",
    perDayM3: "m³ per day",
    perDayKwh: "kWh per day",
    // Live.
    theDevice: "the device",
    irHead: "IR head",
    readings: "Readings",
    flowNow: "Flow now",
    powerNow: "Power now",
    bytesCount: "Bytes",
    framesIntact: "Frames (intact)",
    framesPerSecond: "Frames per second (last 10 s)",
    checksumErrors: "Checksum errors (last minute)",
    waitingFirst: "Waiting for the first reading…",
    noReadings: "No readings yet.",
    powerUnit: "power {unit}",
    importLabel: "import{unit}",
    exportLabel: "export{unit}",
    importExport: "{power} · import · export{unit}",
  },
  de: {
    title: "WattWächter-Diagnose",
    device: "Gerät",
    hostPlaceholder: "dieser Server (Simulator oder --proxy)",
    token: "Token",
    tokenPlaceholder: "nur bei eingeschalteter Authentifizierung",
    connect: "Verbinden",
    hostHelpBefore: "Leer lassen für das Gerät hinter diesem Server. Ein Gerät unter einer anderen Adresse muss CORS-Header senden – sonst starten Sie",
    hostHelpAfter: "und öffnen die Seite von dort.",
    language: "Sprache",
    readDump: "Dump vom Gerät lesen",
    openFile: "Dump-Datei öffnen (.bin, Hex oder D0-Text)",
    loadSample: "Echte Beispieldaten laden",
    dropHint: "…oder eine Datei irgendwo hier ablegen",
    pasteSummary: "Mitschnitt als Text einfügen",
    pasteLabel: "Hex, Ausgabe von xxd oder hexdump -C, Tasmotas SML-Dump oder Protokollzeilen mit Hex",
    pasteHelp: "Das Format wird erkannt; Offsets und ASCII-Spalten werden nicht als Bytes gelesen.",
    pasteDecode: "Eingefügten Text dekodieren",
    pastedName: "eingefügter Text",
    pasteEmpty: "Zuerst einen Mitschnitt in das Feld einfügen.",
    cancelDecoding: "Auswertung abbrechen",
    views: "Ansichten",
    tabDump: "Dump-Analyse",
    tabLive: "Live",
    tabDevice: "Gerät",
    tabHistory: "Verlauf",
    tabLogs: "Protokolle",
    loadPrompt: "Laden Sie einen Dump: vom Gerät, aus einer Datei oder die echten Beispieldaten.",
    frames: "Telegramme",
    frame: "Telegramm",
    obis: "OBIS",
    name: "Bezeichnung",
    value: "Wert",
    unit: "Einheit",
    bytesHeading: "Bytes",
    legendIntro: "Jedes Byte zeigt den Zustand seines Telegramms durch Farbe und Linie:",
    legendOk: "in Ordnung",
    legendCrc: "Prüfsummenfehler",
    legendCrcLine: "(gewellt unterstrichen)",
    legendCut: "abgeschnitten",
    legendCutLine: "(gepunktet)",
    legendAborted: "unterbrochen",
    legendAbortedLine: "(gestrichelt)",
    legendMalformed: "fehlerhaft",
    legendMalformedLine: "(gewellt)",
    legendGap: "Lücke",
    legendGapLine: "(kein Telegramm)",
    legendEscape: "Escape",
    legendEscapeLine: "(fett, unterstrichen)",
    legendError: "Fehler",
    legendErrorLine: "(umrahmt)",
    legendHover: "Zeigen Sie auf ein Byte oder fokussieren Sie es, um seinen Offset und sein Telegramm zu sehen.",
    valuesAcross: "Werte über die Telegramme",
    valuesTable: "Die Werte als Tabelle",
    saveDump: "Dump speichern (.bin)",
    saveJson: "Ergebnis speichern (JSON)",
    saveCsv: "Werte speichern (CSV)",
    saveAnonymizedBin: "Anonymisierten Dump speichern (.bin)",
    saveAnonymizedHex: "Anonymisierten Dump speichern (Hex)",
    anonymized: "Ohne die Kennungen des Zählers gespeichert: {identities} ersetzt an {places}; jedes Telegramm behält seinen Status.",
    cannotAnonymize: "Der Dump lässt sich nicht anonymisieren: {message}",
    source: "Quelle",
    sourceSerial: "Lesekopf an diesem Computer (Web Serial)",
    sourceDevice: "Das Gerät (sein letzter Messwert, regelmäßig abgefragt)",
    serialMissing: "Dieser Browser kann keine seriellen Schnittstellen öffnen (Web Serial gibt es in Chrome, Edge und anderen Chromium-Browsern, nicht in Firefox oder Safari). Wählen Sie das Gerät als Quelle oder öffnen Sie diese Seite in einem Chromium-Browser.",
    meter: "Zähler",
    presetSml: "SML (9600 Baud, 8N1)",
    presetD0C: "D0 Modus C (300 Baud, 7E1)",
    presetD0Fast: "D0 mit 9600 Baud (7E1)",
    presetOther: "Andere",
    baudRate: "Baudrate",
    parity: "Parität",
    parityNone: "keine (8 Datenbits)",
    parityEven: "gerade (7 Datenbits)",
    serialStart: "Schnittstelle wählen und starten",
    stop: "Stopp",
    pollEvery: "Alle (Sekunden)",
    pollStart: "Abfrage starten",
    pollHelpBefore: "Fragt",
    pollHelpAfter: "im Anfragebudget des Geräts ab, das es mit seinen anderen Clients teilt (die Hälfte für diese Seite); pausiert, solange die Seite verborgen ist.",
    livePrompt: "Starten Sie eine Quelle, um Telegramme und Werte zu sehen, sobald sie eintreffen.",
    liveTable: "Die Live-Werte als Tabelle",
    liveSave: "Mitschnitt speichern (.bin)",
    liveAnalyse: "Mitschnitt in der Dump-Analyse öffnen",
    refresh: "Aktualisieren",
    connectPrompt: "Verbinden Sie sich mit einem Gerät.",
    latestValues: "Letzte Werte",
    day: "Tag",
    dayShow: "15-Minuten-Verlauf zeigen",
    dayTable: "Der Verlauf als Tabelle",
    from: "Ab",
    days: "Tage",
    rangeShow: "Tageswerte zeigen",
    rangeTable: "Die Tageswerte als Tabelle",
    log: "Protokoll",
    logRam: "RAM",
    logPersistent: "Dauerhaft",
    level: "Stufe",
    levelAll: "alle",
    search: "Suche",
    load: "Laden",
    logLines: "Protokollzeilen",
    cancel: "Abbrechen",
    useToken: "Token verwenden",
    nBytes: ["{n} Byte", "{n} Bytes"],
    nFrames: ["{n} Telegramm", "{n} Telegramme"],
    nIdentities: ["{n} Kennung", "{n} Kennungen"],
    nPlaces: ["{n} Stelle", "{n} Stellen"],
    nClients: ["{n} Client", "{n} Clients"],
    decoding: "Werte {name} aus ({bytes})…",
    decodingCancelled: "Auswertung abgebrochen.",
    decoded: "{name}: {bytes}, {frames}",
    cannotOpen: "{name} ließ sich nicht öffnen: {message}",
    cannotLoadSample: "Die Beispieldaten ließen sich nicht laden: {message}",
    sampleName: "echte Beispieldaten (EasyMeter Q3A)",
    deviceDumpName: "Dump des Geräts",
    liveCaptureName: "Live-Mitschnitt",
    emptyBuffer: "Der Puffer des Geräts ist leer (204): Der Zähler sendet nicht, oder der Lesekopf sieht ihn nicht.",
    budgetWait: "Warte auf das Gerät: Seine Anfragegrenze ist erreicht (geteilt mit allen seinen Clients) oder es ist ausgelastet. Neuer Versuch in {seconds} s…",
    answerWait: "Warte auf die Antwort des Geräts…",
    connectFirst: "Verbinden Sie sich zuerst mit einem Gerät.",
    connectFirstTop: "Verbinden Sie sich zuerst mit einem Gerät (oben auf der Seite).",
    needToken: "Das Gerät verlangt ein Token (die API-Authentifizierung ist eingeschaltet).",
    needWriteToken: "Dafür ist das WRITE-Token nötig.",
    stillRefuses: "Das Gerät lehnt weiterhin ab ({why}): Versuchen Sie es erneut{wait}.",
    refusesBusy: "es hat zu wenig Speicher",
    refusesLimit: "seine Anfragegrenze ist erreicht",
    refusesIn: " in {seconds} s",
    errorNetwork: "Das Gerät ist nicht erreichbar. Prüfen Sie den Hostnamen und ob das Gerät im Netzwerk ist; ein Gerät unter einer anderen Adresse muss CORS erlauben, sonst öffnen Sie die Seite über wattwaechter-sim --proxy.",
    errorTimeout: "Das Gerät hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut.",
    errorUnauthorized: "Das Gerät verlangt ein gültiges Token (die API-Authentifizierung ist eingeschaltet).",
    errorForbidden: "Dafür ist das WRITE-Token nötig.",
    errorNotFound: "Das Gerät kennt diese Anfrage nicht (404); vielleicht ist seine Firmware älter.",
    errorBadRequest: "Das Gerät hat die Anfrage abgelehnt (400).",
    errorPayloadTooLarge: "Die Anfrage ist dem Gerät zu groß (413).",
    errorBadResponse: "Die Antwort des Geräts ist unvollständig oder unerwartet.",
    errorHttp: "Das Gerät antwortete mit HTTP {status}.",
    errorInvalidRequest: "Die Anfrage ist ungültig.",
    errorResponseTooLarge: "Die Antwort des Geräts ist größer als erlaubt; sie wurde abgebrochen.",
    errorRedirected: "Das Gerät wollte die Anfrage umleiten; Umleitungen werden abgelehnt, damit nichts an einen anderen Host geht.",
    connecting: "Verbinde…",
    connected: "Verbunden: {name}",
    serialFailed: "Die serielle Schnittstelle ließ sich nicht öffnen: {message}",
    serialReading: "Lese den Lesekopf mit {baud} Baud, Parität {parity}…",
    serialStopped: "Die serielle Schnittstelle hat aufgehört: {message}",
    stopped: "Gestoppt: {bytes}, {frames}.",
    polling: "Frage das Gerät alle {seconds} s ab…",
    pollingStopped: "Abfrage gestoppt.",
    protocol: "Protokoll",
    framesOk: "Telegramme in Ordnung",
    crcErrors: "Prüfsummenfehler",
    bccErrors: "Fehler der Blockprüfung",
    cutAbortedMalformed: "Abgeschnitten / unterbrochen / fehlerhaft",
    interval: "Sendeabstand",
    seam: "Umbruch",
    seamAt: "{kind} bei {offset}",
    seamWritePosition: "Schreibposition",
    seamWrap: "Umlauf",
    none: "keiner",
    severityError: "Fehler",
    severityWarning: "Warnung",
    severityInfo: "Hinweis",
    severityOk: "OK",
    statusOk: "in Ordnung",
    statusCrcMismatch: "Prüfsummenfehler",
    statusTruncatedStart: "Anfang fehlt",
    statusTruncatedEnd: "Ende fehlt",
    statusAborted: "unterbrochen",
    statusMalformed: "fehlerhaft",
    frameTitle: "#{index} · {status} · Bytes {from}–{to}",
    fieldsHeading: "Felder des Telegramms",
    fieldsHelp: "Ein Byte anklicken, um sein Feld zu finden, oder ein Feld, um seine Bytes zu markieren; die Pfeiltasten wechseln zwischen den Feldern.",
    fieldDetail: "{path}: Bytes {from}–{to}",
    verdictOk: "stimmt: gelesen {read}, berechnet {computed}",
    verdictBad: "stimmt nicht: gelesen {read}, berechnet {computed}",
    verdictKermit: " (KERMIT {kermit})",
    noValue: "(kein Wert)",
    quoted: "„{text}“",
    byteTitle: "Byte {offset}",
    byteInFrame: ", Telegramm #{index} ({status})",
    byteInGap: ", Lücke",
    byteFailed: ", hier scheiterte die Auswertung",
    noNumeric: "Keine Zahlenwerte in fehlerfreien Telegrammen.",
    chartFrame: "Telegramm",
    chartFrameLabel: "Telegramm",
    alive: "Erreichbar / Firmware",
    yes: "ja",
    no: "nein",
    model: "Modell",
    uptime: "Laufzeit",
    wifi: "WLAN",
    freeHeap: "Freier Speicher",
    freeHeapValue: "{bytes} Bytes",
    led: "LED",
    mqtt: "MQTT",
    modbus: "Modbus",
    modbusOn: "an, Port {port}, {clients}",
    modbusOff: "aus",
    noReading: "Noch kein Messwert (204).",
    time: "Zeit",
    noDay: "Keine Daten für diesen Tag (204).",
    noRange: "Keine Tageswerte in diesem Zeitraum (204).",
    flow: "Durchfluss m³/h",
    power: "Leistung W",
    perDayM3: "m³ pro Tag",
    perDayKwh: "kWh pro Tag",
    theDevice: "das Gerät",
    irHead: "Lesekopf",
    readings: "Messwerte",
    flowNow: "Durchfluss jetzt",
    powerNow: "Leistung jetzt",
    bytesCount: "Bytes",
    framesIntact: "Telegramme (unversehrt)",
    framesPerSecond: "Telegramme pro Sekunde (letzte 10 s)",
    checksumErrors: "Prüfsummenfehler (letzte Minute)",
    waitingFirst: "Warte auf den ersten Messwert…",
    noReadings: "Noch keine Messwerte.",
    powerUnit: "Leistung {unit}",
    importLabel: "Bezug{unit}",
    exportLabel: "Einspeisung{unit}",
    importExport: "{power} · Bezug · Einspeisung{unit}",
  },
};

/** The language: the remembered choice, else the first of the browser's that the page has. */
function detect() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {} // storage refused (a sandboxed frame): the browser's language then

  if (saved === "en" || saved === "de") return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "de" || primary === "en") return primary;
  }
  return "en";
}

/** @type {Lang} */
export let lang = detect();
/** The locale for `Intl` (German as in Germany). */
const locale = () => (lang === "de" ? "de-DE" : "en-US");

/** Fills `{name}` in `template` with `vars` (numbers written the language's way). */
function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? (typeof vars[name] === "number" ? number(vars[name]) : String(vars[name])) : whole));
}

/**
 * The text `key` in the language, with `vars` filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const text = TEXTS[lang][key] ?? TEXTS.en[key];
  if (typeof text !== "string") throw new Error(`no text ${key}`);
  return fill(text, vars);
}

/**
 * A count with its noun (`nFrames`, 9 → "9 frames" / "9 Telegramme"), grouped the language's
 * way (`1,234` / `1.234`) unless `grouped` is false (sizes in bytes, written as the command
 * line and the decoders write them).
 * @param {string} key
 * @param {number} n
 */
export function count(key, n, grouped = true) {
  const forms = TEXTS[lang][key];
  if (!Array.isArray(forms)) throw new Error(`no count ${key}`);
  return fill(forms[n === 1 ? 0 : 1], { n: grouped ? n : String(n) });
}

/**
 * A number the language's way (`1,234.5` / `1.234,5`).
 * @param {number} n
 * @param {Intl.NumberFormatOptions} [options]
 */
export function number(n, options = { maximumFractionDigits: 12 }) {
  return new Intl.NumberFormat(locale(), options).format(n);
}

/**
 * A decimal as the meter sent it (exact text, e.g. "2941647.1626"), written the language's
 * way without rounding: German groups the thousands and uses the decimal comma. Anything that
 * is not a plain decimal is returned as it is (the same rule as the core's `text::decimal`).
 * @param {string} text
 */
export function decimal(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || lang === "en") return text;
  // Leading zeros are the meter's fixed width (`00012345.6789`): such a number keeps its
  // digits together, as the core's `text::decimal` does.
  const whole = /^0\d/.test(m[2]) ? m[2] : m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${m[1]}${whole}${m[3] === undefined ? "" : `,${m[3]}`}`;
}

/**
 * Unix seconds as a date and time (`06.12.2026 14:05` / `12/06/2026, 02:05 PM`).
 * @param {number} seconds
 */
export function dateTime(seconds) {
  const d = new Date(seconds * 1000);
  const day = new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
  const time = new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit" }).format(d);
  return lang === "de" ? `${day} ${time}` : `${day}, ${time}`;
}

/**
 * Unix seconds as a date (`06.12.2026` / `12/06/2026`).
 * @param {number} seconds
 */
export function date(seconds) {
  return new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(seconds * 1000));
}

/**
 * Unix seconds as a day and month (`06.12.` / `12/06`), for time axes.
 * @param {number} seconds
 */
export function shortDate(seconds) {
  return new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit" }).format(new Date(seconds * 1000));
}

/**
 * Unix seconds as a time of day (`14:05` / `02:05 PM`; with `withSeconds` `14:05:09`), for
 * time axes.
 * @param {number} seconds
 */
export function time(seconds, withSeconds = false) {
  return new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit", second: withSeconds ? "2-digit" : undefined }).format(new Date(seconds * 1000));
}

/** Month and weekday names for uPlot's time axes, in the language. */
export function dateNames() {
  const names = (n, options, at) => Array.from({ length: n }, (_, i) => new Intl.DateTimeFormat(locale(), options).format(at(i)));
  const month = (i) => new Date(2026, i, 15);
  const weekday = (i) => new Date(2026, 0, 4 + i); // 4 January 2026 is a Sunday
  return {
    MMMM: names(12, { month: "long" }, month),
    MMM: names(12, { month: "short" }, month),
    WWWW: names(7, { weekday: "long" }, weekday),
    WWW: names(7, { weekday: "short" }, weekday),
  };
}

/** Writes the language into the page's static texts: `data-i18n` (text), `data-i18n-placeholder`
 * and `data-i18n-label` (the `aria-label`), and the document's `lang` and title. */
export function translatePage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.setAttribute("placeholder", t(/** @type {HTMLElement} */ (e).dataset.i18nPlaceholder));
  for (const e of document.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(/** @type {HTMLElement} */ (e).dataset.i18nLabel));
}

/**
 * Switches the language and remembers it.
 * @param {Lang} to
 */
export function setLang(to) {
  lang = to;
  try {
    localStorage.setItem(STORAGE_KEY, to);
  } catch {}
  translatePage();
}

/** Every key of one language is in the other (checked by the page tests). */
export function missingTexts() {
  const en = Object.keys(TEXTS.en);
  const de = Object.keys(TEXTS.de);
  return [...en.filter((k) => !de.includes(k)).map((k) => `de.${k}`), ...de.filter((k) => !en.includes(k)).map((k) => `en.${k}`)];
}
