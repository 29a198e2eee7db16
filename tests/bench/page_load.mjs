// The diagnostic page's time from navigation to the decoded real sample, in headless
// Chromium: median and spread of several loads, each in a fresh browser context (empty cache).
// Usage: node page_load.mjs <repo root> <page URL> [loads] [Mbit/s]: with a bandwidth, the
// network is throttled to it (20 ms latency), as on a phone in the house's Wi-Fi. Prints one
// `key=value` line.
import { chromium } from "../js/node_modules/playwright-core/index.mjs";

const [, , , url, loadsArg, mbitArg] = process.argv;
const loads = Number(loadsArg ?? 9);
const mbit = mbitArg ? Number(mbitArg) : null;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times = [];
const bytes = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (mbit) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: (mbit * 1e6) / 8, uploadThroughput: (mbit * 1e6) / 8 });
  }
  let transferred = 0;
  page.on("response", async (r) => {
    transferred += Number(r.headers()["content-length"] ?? 0);
  });
  // The moment the page marks itself ready: the sample decoded and shown.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.body?.dataset.ready === "true" && window.readyAt === undefined) window.readyAt = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.readyAt !== undefined, null, { timeout: 60000 });
  times.push(await page.evaluate(() => window.readyAt));
  bytes.push(transferred);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`median_ms=${median.toFixed(0)} min_ms=${times[0].toFixed(0)} max_ms=${times[times.length - 1].toFixed(0)} loads=${loads} bytes=${bytes[0]}${mbit ? ` mbit_s=${mbit}` : ""}`);
