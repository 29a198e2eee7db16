// The page in German and in English, in headless Chromium against the simulator: the language
// follows the browser's (`de-DE`, `en-US`), the switch changes everything shown and is
// remembered; texts and number and date formats on the dump analysis, device, history and
// logs tabs; the decoders' findings, frame errors and OBIS names in the chosen language.
// Screenshots land in tests/js/out/screenshots/. Needs WW_SIM_BIN and a built pkg/ + www/vendor.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, pageSimulator } from "./browser.mjs";
import { here, root } from "./scratch.mjs";

const shots = join(here, "out/screenshots");
const simBin = process.env.WW_SIM_BIN;
const port = 8481;
const base = `http://127.0.0.1:${port}`;
let sim;
let browser;

before(async () => {
  assert.ok(simBin, "WW_SIM_BIN is not set: run with `cargo xtask test`");
  mkdirSync(shots, { recursive: true });
  sim = await pageSimulator(simBin, port, join(root, "www"));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  sim?.kill();
});

/** The page in a browser whose language is `locale`, with the sample decoded. */
async function open(locale) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#frames .row");
  return page;
}

async function showTab(page, name) {
  await page.click(`[role=tab][data-tab=${name}]`);
  await page.waitForSelector(`#tab-${name}:not([hidden])`);
}

const text = (page, selector) => page.textContent(selector);
/** The cells of the first data row of a chart's table. */
async function firstRow(page, table) {
  await page.waitForSelector(`${table} tbody tr`, { state: "attached" });
  return page.$$eval(`${table} tbody tr:first-child td`, (tds) => tds.map((td) => td.textContent));
}

/** Everything a user sees on the four tabs, in one language: what the test checks. */
async function everyTab(page) {
  const seen = {};
  seen.lang = await page.evaluate(() => document.documentElement.lang);
  seen.tabs = await page.$$eval("[role=tab]", (tabs) => tabs.map((t) => t.textContent));
  seen.summary = await text(page, "#summary");
  seen.findings = await text(page, "#findings");
  seen.frames = await page.$$eval("#frames .row .st", (s) => s.map((x) => x.textContent));
  await page.click("#frame-1");
  seen.frameTitle = await text(page, "#frame-title");
  seen.frameError = await text(page, "#frame-error");
  await page.click("#frame-7");
  seen.values = await text(page, "#values");
  seen.status = await text(page, "#status");
  await page.click("#connect button[type=submit]");
  await page.waitForSelector("#device .card", { state: "attached" });
  await showTab(page, "device");
  seen.device = await text(page, "#device");
  seen.latest = await text(page, "#latest thead");
  seen.latestValues = await page.$$eval("#latest tbody td:nth-child(3)", (tds) => tds.map((td) => td.textContent));
  await showTab(page, "history");
  await page.click("#day-form button[type=submit]");
  seen.day = await firstRow(page, "#day-chart-table");
  seen.dayHead = await text(page, "#day-chart-table thead");
  await page.click("#range-form button[type=submit]");
  seen.range = await firstRow(page, "#range-chart-table");
  seen.rangeHead = await text(page, "#range-chart-table thead");
  await showTab(page, "logs");
  seen.logForm = await text(page, "#log-form");
  await page.click("#log-form button[type=submit]");
  await page.waitForSelector("#log-lines li");
  seen.logLabel = await page.getAttribute("#log-lines", "aria-label");
  return seen;
}

test("German: a browser set to de-DE gets the page in German, numbers and dates the German way", async () => {
  const page = await open("de-DE");
  await page.screenshot({ path: join(shots, "german-dump.png"), fullPage: true });
  const seen = await everyTab(page);
  assert.equal(seen.lang, "de");
  assert.deepEqual(seen.tabs, ["Dump-Analyse", "Live", "Gerät", "Verlauf", "Protokolle"]);
  // The dump analysis: the page's words, the core's findings and errors, German numbers.
  assert.match(seen.summary, /Telegramme in Ordnung\s*4/);
  assert.match(seen.summary, /Prüfsummenfehler\s*3 \(42,9 %\)/);
  assert.match(seen.findings, /42,9 % der vollständigen Telegramme haben einen Prüfsummenfehler/);
  assert.match(seen.findings, /Richten Sie den Lesekopf aus/);
  assert.match(seen.findings, /4 Telegramme unversehrt empfangen/);
  assert.deepEqual(seen.frames.slice(0, 3), ["Anfang fehlt", "Prüfsummenfehler", "in Ordnung"]);
  assert.match(seen.frameTitle, /#1 · Prüfsummenfehler · Bytes 445–944/);
  assert.equal(seen.frameError, "Transport-CRC falsch: gelesen d37b, berechnet 0958 bei Byte 943");
  assert.match(seen.values, /Wirkenergie Bezug \(A\+\), gesamt\s*2\.941\.647,1626/);
  assert.match(seen.values, /„ESY“/);
  assert.match(seen.status, /: 4096 Bytes, 9 Telegramme/);
  // The device: labels, and the latest values with the decimal comma.
  assert.match(seen.device, /Freier Speicher/);
  assert.match(seen.device, /Erreichbar \/ Firmware\s*ja/);
  assert.match(seen.latest, /Bezeichnung/);
  assert.ok(seen.latestValues.some((v) => /^\d{1,3}(\.\d{3})+,\d+$/.test(v)), `a grouped energy register: ${seen.latestValues}`);
  assert.ok(seen.latestValues.some((v) => /^\d+,\d+$/.test(v)), `${seen.latestValues}`);
  assert.ok(!seen.latestValues.some((v) => /^\d+\.\d{1,2}$/.test(v)), `no decimal point in German: ${seen.latestValues}`);
  // History: dates and times as Germans write them, values with the decimal comma.
  assert.match(seen.dayHead, /Zeit/);
  assert.match(seen.day[0], /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  assert.match(seen.rangeHead, /Tag\s*kWh pro Tag/);
  assert.match(seen.range[0], /^\d{2}\.\d{2}\.\d{4}$/);
  assert.match(seen.range[1], /^\d+,\d+$/);
  // Logs.
  assert.match(seen.logForm, /Protokoll.*Stufe.*alle.*Suche.*Laden/s);
  assert.equal(seen.logLabel, "Protokollzeilen");
  await showTab(page, "history");
  await page.screenshot({ path: join(shots, "german-history.png"), fullPage: true });
  // No English word of the page left in the header.
  const dumpTab = await text(page, "header");
  for (const english of ["Connect", "Load real sample", "Read dump from device", "Cancel decoding"]) assert.ok(!dumpTab.includes(english), english);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("English: a browser set to en-US gets the page in English, numbers and dates the English way", async () => {
  const page = await open("en-US");
  const seen = await everyTab(page);
  assert.equal(seen.lang, "en");
  assert.deepEqual(seen.tabs, ["Dump analysis", "Live", "Device", "History", "Logs"]);
  assert.match(seen.summary, /Frames ok\s*4/);
  assert.match(seen.summary, /CRC errors\s*3 \(42\.9 %\)/);
  assert.match(seen.findings, /42\.9 % of complete telegrams have a checksum error/);
  assert.deepEqual(seen.frames.slice(0, 3), ["truncated start", "crc mismatch", "ok"]);
  assert.match(seen.frameTitle, /#1 · crc mismatch · bytes 445–944/);
  assert.equal(seen.frameError, "transport CRC mismatch: read d37b, computed 0958 at byte 943");
  assert.match(seen.values, /Active energy import \(A\+\), total\s*2941647\.1626/);
  assert.match(seen.values, /“ESY”/);
  assert.match(seen.device, /Free heap/);
  assert.ok(seen.latestValues.some((v) => /^\d{1,3}(,\d{3})+\.\d+$/.test(v)), `${seen.latestValues}`);
  assert.match(seen.day[0], /^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} [AP]M$/);
  assert.match(seen.rangeHead, /Day\s*kWh per day/);
  assert.match(seen.range[0], /^\d{2}\/\d{2}\/\d{4}$/);
  assert.match(seen.range[1], /^\d+\.\d+$/);
  assert.match(seen.logForm, /Log.*Level.*all.*Search.*Load/s);
  assert.equal(seen.logLabel, "Log lines");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the language switch changes what is shown at once, keeps the selected frame, and is remembered", async () => {
  const page = await open("en-US");
  assert.deepEqual(await page.evaluate(async () => (await import("/i18n.js")).missingTexts()), [], "every text in both languages");
  await page.click("#frame-1");
  await page.click("#connect button[type=submit]");
  await page.waitForSelector("#device .card", { state: "attached" });
  await showTab(page, "history");
  await page.click("#range-form button[type=submit]");
  await page.waitForSelector("#range-chart-table tbody tr", { state: "attached" });
  await page.selectOption("#lang", "de");
  await page.waitForFunction(() => /Prüfsummenfehler/.test(document.querySelector("#findings").textContent));
  assert.match(await text(page, "#frame-title"), /^#1 · Prüfsummenfehler/, "the same frame, in German");
  assert.equal(await text(page, "#status"), "echte Beispieldaten (EasyMeter Q3A): 4096 Bytes, 9 Telegramme", "the sample renamed");
  assert.match(await text(page, "#range-chart-table thead"), /kWh pro Tag/, "the chart drawn again");
  assert.match(await text(page, "#device"), /Freier Speicher/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  // Remembered over a reload, although the browser says English.
  await page.reload();
  await page.waitForSelector("#frames .row");
  assert.equal(await page.inputValue("#lang"), "de");
  assert.match(await text(page, "#findings"), /unversehrt empfangen/);
  await page.selectOption("#lang", "en");
  await page.waitForFunction(() => /received intact/.test(document.querySelector("#findings").textContent));
  await page.screenshot({ path: join(shots, "language-switched-back.png") });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
