// The diagnostic page for everyone: axe-core (the engine browsers' audits use) on every tab
// with data loaded, at the WCAG 2.1 A and AA levels and its best practices, in a wide window,
// at 200 % zoom and in a narrow one, without sideways scrolling; and the
// page used with the keyboard alone (load the sample, pick a frame, read its values; switch
// tabs with the arrow keys; the token dialog keeps and returns focus). Needs WW_SIM_BIN and a
// built pkg/ + www/vendor.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launchChromium, pageSimulator } from "./browser.mjs";
import { fakeSerial } from "./fake-serial.mjs";
import { here, root } from "./scratch.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const shots = join(here, "out/screenshots");
const simBin = process.env.WW_SIM_BIN;
const port = 8471;
const base = `http://127.0.0.1:${port}`;
// The page to test: this checkout's (another one's to measure a change against).
const www = process.env.WW_WWW ?? join(root, "www");
let sim;
let browser;

before(async () => {
  assert.ok(simBin, "WW_SIM_BIN is not set: run with `cargo xtask test`");
  mkdirSync(shots, { recursive: true });
  sim = await pageSimulator(simBin, port, www);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  sim?.kill();
});

/** The page with the sample decoded, in a context that lets the test inject axe-core (the
 * page's own CSP allows no foreign script). */
async function open(viewport, locale = "en-US") {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale });
  const page = await context.newPage();
  await page.addInitScript(fakeSerial);
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector("#frames .row");
  return page;
}

/** axe-core's violations of WCAG 2.1 A/AA and of its best practices (landmarks, regions) on
 * the page as it is, one line per rule and element. */
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary.split("\n").slice(1).join(" ")}`));
}

async function showTab(page, name) {
  await page.click(`[role=tab][data-tab=${name}]`);
  await page.waitForSelector(`#tab-${name}:not([hidden])`);
}

/** Every tab with its data: the sample's analysis, a Live session from a Web Serial stand-in,
 * a connected device, both history charts, the RAM log. */
async function everyTab(page, label) {
  const found = {};
  found.dump = await violations(page);
  await showTab(page, "live");
  await page.click("#serial-start");
  await page.waitForFunction(() => document.querySelector("#frame-count").textContent === "(8)", null, { timeout: 15000 });
  found.live = await violations(page);
  await page.click("#serial-stop");
  await page.click("#connect button[type=submit]");
  await page.waitForSelector("#device .card", { state: "attached" });
  await showTab(page, "device");
  found.device = await violations(page);
  await showTab(page, "history");
  await page.click("#day-form button[type=submit]");
  await page.waitForSelector("#day-chart canvas");
  await page.click("#range-form button[type=submit]");
  await page.waitForSelector("#range-chart canvas");
  found.history = await violations(page);
  await showTab(page, "logs");
  await page.click("#log-form button[type=submit]");
  await page.waitForSelector("#log-lines li");
  found.logs = await violations(page);
  await page.screenshot({ path: join(shots, `accessibility-${label}.png`), fullPage: true });
  return found;
}

test("axe-core finds no violation (WCAG 2.1 A/AA, best practices) on any tab, wide, at 200 % zoom and narrow (and narrow in German)", async () => {
  // 640 CSS pixels: a 1280-pixel window at 200 % zoom.
  // In German too: its longer words must fit the narrow layout as well.
  for (const [label, viewport, locale] of [["wide", { width: 1280, height: 1000 }], ["zoom-200", { width: 640, height: 500 }], ["narrow", { width: 390, height: 844 }], ["narrow-de", { width: 390, height: 844 }, "de-DE"]]) {
    const page = await open(viewport, locale);
    const found = await everyTab(page, label);
    assert.deepEqual(found, { dump: [], live: [], device: [], history: [], logs: [] }, label);
    // Nothing is cut off: the page reflows instead of scrolling sideways.
    for (const name of ["dump", "live", "device", "history", "logs"]) {
      await showTab(page, name);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${label} ${name}: no sideways scrolling`);
    }
    assert.deepEqual(page.errors, [], label);
    await page.context().close();
  }
});

test("with the keyboard alone: the sample, a frame, its values; tabs by arrow keys", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  /** Presses Tab until `selector` has the focus (at most 40 times). */
  async function tabTo(selector) {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  await tabTo("#sample");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#frames .row");
  // The frame list: arrow keys move the selection, and the values follow it.
  await tabTo("#frames");
  await page.keyboard.press("Home");
  const first = await page.textContent("#frame-title");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const third = await page.textContent("#frame-title");
  assert.notEqual(first, third);
  assert.match(third, /#2/);
  // The next intact frame has values.
  for (let i = 0; i < 9 && !/ · ok/.test(await page.textContent("#frame-title")); i++) await page.keyboard.press("ArrowDown");
  assert.match(await page.textContent("#frame-title"), / · ok/);
  assert.match(await page.textContent("#values tbody"), /1-0:1\.8\.0/);
  // The hex view is reachable and scrolls with the keyboard.
  await tabTo("#hex");
  const before = await page.$eval("#hex", (e) => e.scrollTop);
  await page.keyboard.press("PageDown");
  await page.waitForFunction((b) => document.querySelector("#hex").scrollTop !== b || document.querySelector("#hex").scrollHeight <= document.querySelector("#hex").clientHeight, before);
  // Tabs: one tab stop, arrow keys move between them and show their panel.
  await tabTo("[role=tab][aria-selected=true]");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), "live");
  assert.equal(await page.isVisible("#tab-live"), true);
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), "device");
  assert.equal(await page.isVisible("#tab-device"), true);
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), "logs");
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), "dump");
  // Visible focus: the focused element draws an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  await context.close();
});

test("the token dialog keeps the focus while open and returns it when closed", async () => {
  const authPort = port + 1;
  const authSim = await pageSimulator(simBin, authPort, www, ["--auth"]);
  try {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${authPort}/`);
    await page.waitForSelector("body[data-ready=true]");
    await page.focus("#connect button[type=submit]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#token-dialog[open]");
    assert.equal(await page.evaluate(() => document.activeElement.id), "token-input");
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate(() => document.querySelector("#token-dialog").contains(document.activeElement)), "focus stays in the dialog");
    }
    await page.keyboard.press("Escape");
    await page.waitForSelector("#token-dialog", { state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.matches("#connect button[type=submit]")), true, "focus returns to what opened it");
    await context.close();
  } finally {
    authSim.kill();
  }
});
