// The interactive API documentation at /docs/ (Swagger UI over the simulator's
// /api/v1/openapi.json), in headless Chromium: it renders every operation under its strict CSP
// without an error, and "Try it out" on GET /system/alive answers — from the simulator, and
// from a device behind `wattwaechter-sim --proxy`. Screenshot: tests/js/out/screenshots/.
// Needs WW_SIM_BIN and a built www/vendor (cargo xtask test).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, pageSimulator } from "./browser.mjs";
import { here, root } from "./scratch.mjs";

const shots = join(here, "out/screenshots");
const simBin = process.env.WW_SIM_BIN;
const port = 8491;
const devicePort = 8492;
const proxyPort = 8493;
let sims = [];
let browser;

before(async () => {
  assert.ok(simBin, "WW_SIM_BIN is not set: run with `cargo xtask test`");
  mkdirSync(shots, { recursive: true });
  sims.push(await pageSimulator(simBin, port, join(root, "www")));
  // A "device" (with its request counter) and the documentation served in front of it.
  sims.push(await pageSimulator(simBin, devicePort, join(root, "www"), ["--control"]));
  sims.push(await pageSimulator(simBin, proxyPort, join(root, "www"), ["--proxy", `http://127.0.0.1:${devicePort}`]));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of sims) s.kill();
});

/** The documentation page of the server on `port`, rendered; errors and CSP reports collected. */
async function openDocs(port) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  const response = await page.goto(`http://127.0.0.1:${port}/docs`);
  assert.match(response.headers()["content-security-policy"] ?? "", /script-src 'self';/);
  await page.waitForSelector(".swagger-ui .info .title");
  return page;
}

/** Opens GET /system/alive, presses "Try it out" and "Execute"; returns status and body shown. */
async function tryAlive(page) {
  const op = page.locator("#operations-system-systemAlive");
  await op.locator(".opblock-summary").click();
  await op.locator("button.try-out__btn").click();
  await op.locator("button.execute").click();
  const status = op.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor();
  const body = await op.locator(".live-responses-table .response-col_description pre").first().textContent();
  return { op, status: (await status.textContent()).trim(), body };
}

test("/docs renders the document: title, every operation, servers; no errors under the CSP", async () => {
  const page = await openDocs(port);
  assert.match(await page.textContent(".swagger-ui .info .title"), /WattWächter local REST API/);
  const operations = await page.locator(".opblock").count();
  assert.equal(operations, 27);
  const paths = await page.$$eval(".opblock-summary-path", (els) => els.map((e) => e.textContent.replace(/\u200b/g, "")));
  for (const p of ["/system/alive", "/history/highRes", "/logs/rawdump", "/auth/tokens/confirm"]) {
    assert.ok(paths.includes(p), `${p} in ${paths}`);
  }
  const servers = await page.$$eval(".servers select option", (os) => os.map((o) => o.value));
  assert.deepEqual(servers, ["/api/v1", "http://{host}/api/v1"]);
  await page.screenshot({ path: join(shots, "api-docs.png"), fullPage: false });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("Try it out: GET /system/alive answers from the simulator", async () => {
  const page = await openDocs(port);
  const { op, status, body } = await tryAlive(page);
  assert.equal(status, "200");
  assert.deepEqual(JSON.parse(body), { alive: true, version: "1.3.0-sim" });
  await op.screenshot({ path: join(shots, "api-docs-try-alive.png") });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("Try it out through --proxy reaches the device behind it", async () => {
  const stats = async () => (await (await fetch(`http://127.0.0.1:${devicePort}/__sim/stats`)).json()).requests;
  const before = await stats();
  const page = await openDocs(proxyPort);
  const { status, body } = await tryAlive(page);
  assert.equal(status, "200");
  assert.equal(JSON.parse(body).alive, true);
  assert.equal(await stats(), before + 1, "the call reached the device");
  assert.deepEqual(page.errors, []);
  await page.close();
});
