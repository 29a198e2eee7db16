// The diagnostic page end to end, in headless Chromium against the simulator: the sample,
// frame selection and highlighted bytes, opening a file, connecting with auth on (token
// prompt), history charts, the waiting state on 429, hostile strings staying text, and the
// Live tab (a Web Serial stand-in feeding the real sample at 9600-baud pacing; the device
// polled with auth on and a 429 in between).
// Screenshots land in tests/js/out/screenshots/. Needs WW_SIM_BIN and a built pkg/ + www/vendor.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./browser.mjs";
import { fakeSerial } from "./fake-serial.mjs";

/** What the simulator's hostile mode writes wherever a device fills in text (the simulator's
 * `HOSTILE`). */
const HOSTILE = "<img src=x onerror=alert(1)>";
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const shots = join(here, "out/screenshots");
const simBin = process.env.WW_SIM_BIN;
const servers = [];
let browser;

async function startSim(port, args) {
  const p = spawn(simBin, ["--port", String(port), "--control", "--www", join(root, "www"), "--pkg", join(root, "pkg"), "--selftest-ms", "10", ...args], { stdio: "ignore" });
  servers.push(p);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/system/alive`)).status < 500) return `http://127.0.0.1:${port}`;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("simulator did not start");
}

async function configure(base, body) {
  const r = await fetch(`${base}/__sim/config`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  assert.equal(r.status, 200);
}

async function open(base, viewport = { width: 1280, height: 1000 }, init = null) {
  // English, whatever the machine's language (i18n.test.mjs tests German).
  const page = await browser.newPage({ viewport, locale: "en-US" });
  if (init) await page.addInitScript(init);
  // Every Content-Security-Policy violation, also those that throw nothing.
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.errors = [];
  page.dialogs = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  page.on("dialog", (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

const ports = { main: 8461, auth: 8462, hostile: 8463 };
let main;
let auth;
let hostile;

before(async () => {
  assert.ok(simBin, "WW_SIM_BIN is not set: run with `cargo xtask test`");
  mkdirSync(shots, { recursive: true });
  main = await startSim(ports.main, ["--no-rate-limit"]);
  auth = await startSim(ports.auth, ["--auth", "--no-rate-limit"]);
  hostile = await startSim(ports.hostile, ["--hostile", "--no-rate-limit"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.kill();
});

test("the page opens with the real sample: summary, findings, frame counts", async () => {
  const page = await open(main);
  await page.waitForSelector("#frames .row");
  const summary = await page.textContent("#summary");
  assert.match(summary, /Frames ok\s*4/);
  assert.match(summary, /CRC errors\s*3 \(42\.9 %\)/);
  assert.match(summary, /ESY11 6223 2997/);
  assert.equal(await page.textContent("#frame-count"), "(9)");
  assert.match(await page.textContent("#findings"), /42\.9 % of complete telegrams have a checksum error/);
  await page.screenshot({ path: join(shots, "dump-sample.png"), fullPage: true });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await page.close();
});

test("the page is served with its CSP as a header too, framing refused, nosniff", async () => {
  const r = await fetch(`${main}/`);
  assert.match(r.headers.get("content-security-policy"), /frame-ancestors 'none'/);
  assert.match(r.headers.get("content-security-policy"), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  const js = await fetch(`${main}/app.js`);
  assert.equal(js.headers.get("x-content-type-options"), "nosniff");
});

test("a long decode can be cancelled; the page works on", async () => {
  const { readdirSync, readFileSync, writeFileSync } = await import("node:fs");
  const dir = join(root, "tests/fixtures/sml");
  const one = Buffer.concat(readdirSync(dir).filter((f) => f.endsWith(".bin")).sort().map((f) => readFileSync(join(dir, f))));
  const parts = [];
  for (let n = 0; n < (48 << 20); n += one.length) parts.push(one);
  const huge = join(here, "out/huge-dump.bin");
  writeFileSync(huge, Buffer.concat(parts));
  const page = await open(main);
  await page.setInputFiles("#file", huge);
  await page.waitForSelector("#cancel:not([hidden])");
  await page.click("#cancel");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Decoding cancelled.");
  assert.ok(await page.locator("#cancel").isHidden());
  await page.click("#sample");
  await page.waitForFunction(() => /: 4096 bytes, 9 frames/.test(document.querySelector("#status").textContent));
  assert.equal(await page.textContent("#frame-count"), "(9)");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("clicking a frame highlights its bytes, clicking a byte selects its frame", async () => {
  const page = await open(main);
  await page.click("#sample");
  await page.waitForSelector("#frames .row");
  // Octet strings that are text are shown as text too (the JSON keeps the hex).
  assert.match(await page.textContent("#values"), /455359 “ESY”/);
  assert.match(await page.textContent("#values"), /3145535931313632323332393937 “1ESY1162232997”/);
  await page.click('#frames .row[data-index="1"]');
  assert.match(await page.textContent("#frame-title"), /#1 · crc mismatch · bytes 445–944/);
  assert.match(await page.textContent("#frame-error"), /transport CRC mismatch/);
  assert.equal(await page.locator("#hex .b.sel").count(), 500, "every byte of the 500-byte frame is marked");
  assert.equal(await page.locator("#hex .b.err").count(), 1, "the error offset is marked");
  await page.click('#hex .b[data-offset="945"]');
  assert.match(await page.textContent("#frame-title"), /#2 · ok/);
  assert.equal(await page.getAttribute('#frames .row[data-index="2"]', "aria-selected"), "true");
  await page.focus("#frames");
  await page.keyboard.press("ArrowDown");
  assert.match(await page.textContent("#frame-title"), /#3 · ok/);
  await page.screenshot({ path: join(shots, "dump-frame-selected.png"), fullPage: true });
  await page.close();
});

test("exports: the dump, the result as JSON, the values as CSV", async () => {
  const page = await open(main);
  await page.waitForSelector("#frames .row");
  const download = async (button) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    const chunks = [];
    for await (const c of await d.createReadStream()) chunks.push(c);
    return { name: d.suggestedFilename(), data: Buffer.concat(chunks) };
  };
  const bin = await download("#export-bin");
  assert.equal(bin.name, "rawdump.bin");
  assert.equal(bin.data.length, 4096);
  const json = JSON.parse((await download("#export-json")).data.toString());
  assert.equal(json.summary.frames_ok, 4);
  const csv = (await download("#export-csv")).data.toString();
  assert.match(csv, /^frame;offset;status;obis;name;value;unit;raw\n/);
  assert.match(csv, /1-0:1\.8\.0\*255;Active energy import \(A\+\), total;2941646\.1614;Wh;29416461614/);
  await page.close();
});

test("opening a file", async () => {
  const page = await open(main);
  await page.setInputFiles("#file", join(root, "tests/fixtures/sml/ISKRA_MT631-D1A52-K0z-H01_with_PIN.bin"));
  await page.waitForFunction(() => document.querySelector("#frame-count").textContent === "(5)");
  assert.match(await page.textContent("#summary"), /Frames ok\s*5/);
  await page.setInputFiles("#file", join(root, "tests/fixtures/sml-synthetic/SmlLib_test_Frame_Issue_8_FIXED_kermitCRC.hex"));
  await page.waitForFunction(() => /CRC kermit/.test(document.querySelector("#frame-title").textContent));
  // A D0 capture saved as .txt is text the meter sent, not hex.
  await page.setInputFiles("#file", join(root, "tests/fixtures/d0/smartmeter-obis_testSerialResponseD0FastSend.txt"));
  await page.waitForFunction(() => document.querySelector("#frame-count").textContent === "(2)");
  const summary = await page.textContent("#summary");
  assert.match(summary, /Protocol\s*D0/);
  assert.match(summary, /Block check errors\s*0 \(–\)/);
  // The chart's legend shows the value as the meter sent it, not the plotted float.
  await page.locator("#series-chart").scrollIntoViewIfNeeded();
  const plot = await page.locator("#series-chart .u-over").boundingBox();
  await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
  await page.mouse.move(plot.x + plot.width - 3, plot.y + 10, { steps: 5 });
  await page.waitForFunction(() => /032942\.0234/.test(document.querySelector("#series-chart .u-legend").textContent));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a capture as text: pasted or opened, xxd, hexdump -C, Tasmota and log lines are detected and named", async () => {
  const { readFileSync } = await import("node:fs");
  const page = await open(main);
  const fixture = (name) => join(root, "tests/fixtures/import", name);
  await page.click(".paste summary");
  await page.fill("#paste", readFileSync(fixture("EasyMeter_Q3A.xxd.txt"), "utf8"));
  await page.click("#paste-form button[type=submit]");
  await page.waitForFunction(() => /^pasted text \(read as xxd output, 256 lines with bytes\): 4096 bytes, 9 frames/.test(document.querySelector("#status").textContent));
  assert.match(await page.textContent("#summary"), /Frames ok\s*4/);
  await page.locator(".paste").screenshot({ path: join(shots, "paste-capture.png") });
  for (const [file, said] of [
    ["EasyMeter_Q3A.hexdump-C.txt", "hexdump -C output, 257 lines"],
    ["EasyMeter_Q3A.tasmota.txt", "Tasmota SML dump, 131 lines"],
    ["EasyMeter_Q3A.log.txt", "log lines with hex, 9 lines"],
  ]) {
    await page.setInputFiles("#file", fixture(file));
    await page.waitForFunction(
      ([file, said]) => document.querySelector("#status").textContent.startsWith(`${file} (read as ${said} with bytes): 4096 bytes, 9 frames`),
      [file, said],
    );
  }
  // A line lost in copying is an error that says where, not a silently shorter dump.
  const cut = readFileSync(fixture("EasyMeter_Q3A.xxd.txt"), "utf8").split("\n").filter((_, i) => i !== 2).join("\n");
  await page.fill("#paste", cut);
  await page.click("#paste-form button[type=submit]");
  await page.waitForFunction(() => /xxd output, line 3: offset 0x30 where 0x20 bytes were read/.test(document.querySelector("#status").textContent));
  await page.fill("#paste", "   ");
  await page.click("#paste-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Paste a capture into the box first.");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("save anonymized dump: .bin and hex without the meter's serial, every frame as before", async () => {
  const { readFileSync } = await import("node:fs");
  const page = await open(main);
  await page.waitForSelector("#frames .row");
  const summary = await page.textContent("#summary");
  const serial = Buffer.from([0x11, 0x03, 0xb5, 0x99, 0xa5]);
  const original = readFileSync(join(root, "www/samples/EasyMeter_Q3A_A1064V1009.bin"));
  assert.ok(original.includes(serial));
  const [bin] = await Promise.all([page.waitForEvent("download"), page.click("#export-anon-bin")]);
  assert.equal(bin.suggestedFilename(), "rawdump-anonymized.bin");
  const bytes = readFileSync(await bin.path());
  assert.equal(bytes.length, original.length);
  assert.ok(!bytes.includes(serial), "the serial is gone");
  await page.waitForFunction(() => /Saved without the meter's identities: 3 identities replaced in 40 places; every frame keeps its status\./.test(document.querySelector("#status").textContent));
  const [hex] = await Promise.all([page.waitForEvent("download"), page.click("#export-anon-hex")]);
  assert.equal(hex.suggestedFilename(), "rawdump-anonymized.hex");
  const text = readFileSync(await hex.path(), "utf8");
  assert.equal(Buffer.from(text.replace(/\s/g, ""), "hex").compare(bytes), 0);
  // Opened again, it tells the same story with another meter ID.
  await page.setInputFiles("#file", await bin.path());
  await page.waitForFunction(() => /^rawdump-anonymized\.bin|: 4096 bytes, 9 frames/.test(document.querySelector("#status").textContent));
  const after = await page.textContent("#summary");
  assert.match(summary, /1 ESY11 6223 2997/);
  assert.doesNotMatch(after, /ESY11 6223 2997/);
  const counts = (s) => s.replace(/1 ESY\d\d \d{4} \d{4}/, "").replace(/[0-9a-f]{20}/, "");
  assert.equal(counts(after), counts(summary));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the frame explainer: byte → field, field → bytes, the keyboard, CRC verdicts", async () => {
  const page = await open(main);
  await page.waitForSelector("#frames .row");
  // Frame 2 of the sample is intact (bytes 945–1448): its 1.8.0 value is at 1112–1119.
  await page.click("#frame-2");
  await page.waitForSelector('#fields [data-path="transport.crc"]');
  await page.click('#hex .b[data-offset="1115"]');
  const selected = '#fields [role=treeitem][aria-selected=true]';
  await page.waitForSelector(`${selected}[data-path="message[1].body.val_list[2].value"]`);
  assert.match(await page.textContent(`${selected} > .node`), /TL: Integer64, 9 bytes.*Integer64 = 2941646\.1614 Wh/);
  const marked = await page.$$eval("#hex .b.field", (bs) => bs.map((b) => Number(b.dataset.offset)));
  assert.deepEqual(marked, [1111, 1112, 1113, 1114, 1115, 1116, 1117, 1118, 1119]);
  assert.match(await page.getAttribute('#hex .b[data-offset="1115"]', "title"), /message\[1\]\.body\.val_list\[2\]\.value: Integer64 = 2941646\.1614 Wh/);
  assert.match(await page.getAttribute('#hex .b[data-offset="945"]', "title"), /· transport\.start: start sequence/);
  assert.match(await page.getAttribute('#hex .b[data-offset="1448"]', "title"), /· transport\.crc: CRC-16 = the frame's checksum matches/);
  assert.doesNotMatch(await page.getAttribute('#hex .b[data-offset="1449"]', "title"), / · /);
  // A field → its bytes, and its verdict.
  await page.click('#fields [data-path="transport.crc"] > .node');
  assert.deepEqual(await page.$$eval("#hex .b.field", (bs) => bs.map((b) => Number(b.dataset.offset))), [1447, 1448]);
  assert.match(await page.textContent("#field-detail"), /transport\.crc: bytes 1447–1448 · CRC-16 = the frame's checksum matches · matches: read f8b1, computed f8b1 \(KERMIT bb04\)/);
  // A list marks everything in it.
  await page.click('#fields [data-path="message[1].body.val_list[2]"] > .node');
  const entry = await page.$$eval("#hex .b.field", (bs) => bs.map((b) => Number(b.dataset.offset)));
  assert.deepEqual([entry[0], entry.at(-1), entry.length], [1094, 1120, 27]);
  // The keyboard: the selected field has focus; arrows move, Left collapses, Right opens.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.getAttribute(selected, "data-path"), "message[1].body.val_list[2].obj_name");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), "message[1].body.val_list[2].obj_name");
  assert.match(await page.textContent("#field-detail"), /1-0:1\.8\.0\*255: Active energy import \(A\+\), total/);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute(selected, "data-path"), "message[1].body.val_list[2]");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.getAttribute(selected, "aria-expanded"), "false");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.getAttribute(selected, "data-path"), "message[1].body.val_list[3]");
  await page.locator(".explain-grid").screenshot({ path: join(shots, "explainer.png") });
  // A damaged frame (#1 of the sample): its transport CRC says read and computed, and they differ.
  await page.click("#frame-1");
  await page.waitForSelector('#fields [data-path="transport.crc"] .verdict.bad');
  assert.match(await page.textContent('#fields [data-path="transport.crc"] .verdict'), /does not match: read [0-9a-f]{4}, computed [0-9a-f]{4}/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a 4 MB dump decodes in the worker; the page stays responsive", async () => {
  const { readdirSync, readFileSync, writeFileSync } = await import("node:fs");
  const dir = join(root, "tests/fixtures/sml");
  const one = Buffer.concat(readdirSync(dir).filter((f) => f.endsWith(".bin")).sort().map((f) => readFileSync(join(dir, f))));
  const parts = [];
  for (let n = 0; n < (4 << 20); n += one.length) parts.push(one);
  const big = join(here, "out/big-dump.bin");
  writeFileSync(big, Buffer.concat(parts));
  const page = await open(main);
  await page.evaluate(() => {
    window.maxGap = 0;
    let last = performance.now();
    const tick = () => { const now = performance.now(); window.maxGap = Math.max(window.maxGap, now - last); last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const t = Date.now();
  await page.setInputFiles("#file", big);
  await page.waitForFunction(() => /big-dump\.bin: \d+ bytes, [\d,]+ frames/.test(document.querySelector("#status").textContent), null, { timeout: 60000 });
  const took = Date.now() - t;
  const frames = Number((await page.textContent("#frame-count")).replace(/\D/g, ""));
  assert.ok(frames > 10000, `${frames} frames`);
  await page.focus("#frames");
  await page.keyboard.press("ArrowDown");
  const maxGap = await page.evaluate(() => window.maxGap);
  console.log(`4 MB dump: ${frames} frames in ${took} ms; longest main-thread stall ${Math.round(maxGap)} ms`);
  assert.ok(maxGap < 1500, `the main thread stalled ${maxGap} ms`);
  await page.close();
});

test("connecting with auth on asks for the token, then shows the device", async () => {
  const page = await open(auth);
  await page.click("#connect button[type=submit]");
  await page.waitForSelector("#token-dialog[open]");
  assert.match(await page.textContent("#token-reason"), /requires a token/);
  await page.fill("#token-input", "WRITE0123456789A");
  await page.click('#token-dialog button[value="ok"]');
  await page.click('nav [data-tab="device"]');
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent));
  const dev = await page.textContent("#device");
  assert.match(dev, /WattWächter Plus/);
  assert.match(dev, /MQTT\s*OFF/);
  assert.ok((await page.locator("#latest tbody tr").count()) > 10);
  await page.screenshot({ path: join(shots, "device.png"), fullPage: true });
  // The dump from the device.
  await page.click("#read-dump");
  await page.waitForFunction(() => /device dump: \d+ bytes/.test(document.querySelector("#status").textContent));
  assert.match(await page.textContent("#summary"), /EMH/);
  // Chromium logs the expected 401 that led to the token prompt; nothing else.
  assert.deepEqual(page.errors.filter((e) => !/status of 401/.test(e)), []);
  await page.close();
});

test("history charts: a day's curve and daily bars", async () => {
  const page = await open(main);
  await page.click("#connect button[type=submit]");
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent));
  await page.click('nav [data-tab="history"]');
  await page.click("#day-form button");
  await page.waitForSelector("#day-chart canvas");
  await page.click("#range-form button");
  await page.waitForSelector("#range-chart canvas");
  await page.screenshot({ path: join(shots, "history.png"), fullPage: true });
  await page.close();
});

test("429: the page shows that it waits, then carries on", async () => {
  const page = await open(main);
  await page.click("#connect button[type=submit]");
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent));
  await configure(main, { rate_limit: true, rate_limit_requests: 0 });
  await page.click('nav [data-tab="device"]');
  await page.click("#refresh");
  await page.waitForFunction(() => document.querySelector("#status").className === "waiting");
  assert.match(await page.textContent("#status"), /Waiting for the device: its request limit .* Retrying in \d+ s/);
  await page.screenshot({ path: join(shots, "waiting-429.png") });
  await configure(main, { rate_limit: false, rate_limit_requests: 25 });
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent), null, { timeout: 30000 });
  await page.close();
});

test("a device that asks to wait 999999 s: the page says so at once and never counts it down", async () => {
  const { createServer } = await import("node:http");
  const seen = [];
  const device = createServer((req, res) => {
    seen.push(req.method);
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "authorization, content-type", "access-control-expose-headers": "retry-after" };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    res.writeHead(429, { ...cors, "content-type": "application/json", "retry-after": "999999" }).end('{"error":"Too many requests"}');
  });
  await new Promise((r) => device.listen(0, "127.0.0.1", r));
  const page = await open(main);
  const statuses = [];
  await page.exposeFunction("seenStatus", (t) => statuses.push(t));
  await page.evaluate(() => new MutationObserver(() => window.seenStatus(document.querySelector("#status").textContent)).observe(document.querySelector("#status"), { childList: true, characterData: true, subtree: true }));
  await page.fill("#host", `http://127.0.0.1:${device.address().port}`);
  const t = Date.now();
  await page.click("#connect button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#status").className === "error");
  assert.ok(Date.now() - t < 5000, `the error came at once (${Date.now() - t} ms)`);
  assert.match(await page.textContent("#status"), /try again in 999999 s/);
  // The next call waits for the budget the device held back: at most 60 s, more than its timeout.
  await page.click('nav [data-tab="device"]');
  await page.click("#refresh");
  await page.waitForFunction(() => /try again in (\d+) s/.test(document.querySelector("#status").textContent) && !/999999/.test(document.querySelector("#status").textContent));
  const left = Number((await page.textContent("#status")).match(/try again in (\d+) s/)[1]);
  assert.ok(left <= 60, `${left} s`);
  assert.ok(!statuses.some((s) => /Retrying in \d{3,} s/.test(s)), statuses.join(" | "));
  assert.equal(seen.filter((m) => m !== "OPTIONS").length, 1, "one request reached the device");
  device.close();
  await page.close();
});

test("hostile strings from the device and the meter stay text", async () => {
  const page = await open(hostile, { width: 390, height: 844 });
  await page.click("#connect button[type=submit]");
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent));
  await page.click("#read-dump");
  await page.waitForFunction(() => /device dump: \d+ bytes/.test(document.querySelector("#status").textContent));
  assert.match(await page.textContent("#values"), new RegExp(`${escaped(HOSTILE)}|3c696d67`), "the octet string is shown as text or hex");
  await page.click('nav [data-tab="logs"]');
  await page.click("#log-form button");
  await page.waitForSelector("#log-lines li");
  await page.click('nav [data-tab="device"]');
  const shown = (await page.textContent("body")) + (await page.inputValue("#log-search"));
  assert.match(await page.textContent("#device"), new RegExp(`Keller ${escaped(HOSTILE)}`));
  assert.match(await page.textContent("#latest"), new RegExp(escaped(HOSTILE)));
  assert.ok(shown.includes("<img"));
  assert.equal(await page.locator("img").count(), 0, "no element was injected");
  assert.deepEqual(page.dialogs, [], "no script ran");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.violations), [], "parsing the log broke no CSP rule");
  await page.screenshot({ path: join(shots, "hostile-phone.png"), fullPage: true });
  await page.close();
});

test("Live: frames from an IR head (Web Serial) as they arrive; stop; open the capture in the analysis", async () => {
  const page = await open(main, undefined, fakeSerial);
  await page.click("[role=tab][data-tab=live]");
  await page.click("#serial-start");
  // Every frame but the one the end of the line cuts arrives while the line runs.
  await page.waitForFunction(() => document.querySelector("#frame-count").textContent === "(8)", null, { timeout: 15000 });
  assert.deepEqual(await page.evaluate(() => window.serialOpened), [{ baudRate: 9600, parity: "none", dataBits: 8, stopBits: 1 }]);
  const counters = await page.textContent("#live-counters");
  assert.match(counters, /Bytes\s*\d+/);
  assert.match(counters, /Frames \(intact\)\s*8 \(4\)/);
  assert.match(counters, /Checksum errors \(last minute\)\s*3/);
  assert.match(counters, /Power now\s*[\d.]+ W/);
  assert.ok(await page.$("#live-chart canvas"), "the live chart is drawn");
  // The same frame viewer as the analysis: the newest frame selected, its values and bytes.
  assert.match(await page.textContent("#frame-title"), /#7 · ok/);
  assert.match(await page.textContent("#values tbody"), /1-0:16\.7\.0\*255/);
  assert.ok((await page.$$("#hex .b")).length > 100);
  await page.screenshot({ path: join(shots, "live-serial.png"), fullPage: true });
  await page.click("#serial-stop");
  await page.waitForSelector("#live-capture:not([hidden])");
  assert.equal(await page.textContent("#frame-count"), "(9)");
  await page.click("#live-analyse");
  await page.waitForSelector("#tab-dump:not([hidden])");
  await page.waitForFunction(() => /live capture/.test(document.querySelector("#status").textContent));
  const summary = await page.textContent("#summary");
  assert.match(summary, /Frames ok\s*4/);
  assert.match(summary, /CRC errors\s*3 \(42\.9 %\)/);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  await page.close();
});

test("Live without Web Serial says so; the device source polls within the budget, waits on 429, pauses while hidden", async () => {
  const page = await open(auth, undefined, () => {
    delete Navigator.prototype.serial;
  });
  await page.click("[role=tab][data-tab=live]");
  assert.equal(await page.isVisible("#serial-missing"), true);
  assert.equal(await page.isDisabled("#serial-start"), true);
  // Connect with the READ token (auth is on), then poll every second.
  await page.fill("#token", "READ0123456789AB");
  await page.click("#connect button[type=submit]");
  await page.waitForFunction(() => /Connected/.test(document.querySelector("#status").textContent));
  await page.click("[role=tab][data-tab=live]");
  await page.check("input[name=live-source][value=device]");
  await page.fill("#poll-interval", "1");
  await page.click("#poll-start");
  const readings = () => page.evaluate(() => Number(/Readings\s*(\d+)/.exec(document.querySelector("#live-counters").textContent)?.[1] ?? 0));
  await page.waitForFunction(() => /Readings\s*[2-9]/.test(document.querySelector("#live-counters").textContent), null, { timeout: 10000 });
  assert.ok(await page.$("#live-chart canvas"));
  // The device refuses (429): the page says it waits, then carries on.
  await configure(auth, { rate_limit: true, rate_limit_requests: 0 });
  await page.waitForSelector("#status.waiting", { timeout: 15000 });
  await configure(auth, { rate_limit: false, rate_limit_requests: 25 });
  const before429 = await readings();
  await page.waitForFunction((n) => Number(/Readings\s*(\d+)/.exec(document.querySelector("#live-counters").textContent)?.[1] ?? 0) > n, before429, { timeout: 20000 });
  // Hidden: no polling.
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await new Promise((r) => setTimeout(r, 1500));
  const hidden = await readings();
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(await readings(), hidden, "no polling while hidden");
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.waitForFunction((n) => Number(/Readings\s*(\d+)/.exec(document.querySelector("#live-counters").textContent)?.[1] ?? 0) > n, hidden, { timeout: 10000 });
  await page.screenshot({ path: join(shots, "live-device.png"), fullPage: true });
  await page.click("#poll-stop");
  // The browser logs the refused requests themselves; nothing else.
  assert.deepEqual(page.errors.filter((e) => !/status of 429/.test(e)), []);
  await page.close();
});
