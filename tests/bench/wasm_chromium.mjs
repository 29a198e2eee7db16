// Throughput of the npm package's `decodeSml` (default) or `decodeReadings` in headless
// Chromium on the same bytes as benches/pipeline.rs and wasm_node.mjs: every
// tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB. The page
// loads pkg/wattwaechter.js (the browser build, `init()` first) from a route served by
// playwright from disk (no server, no network); the time includes building the JS result,
// read by count.mjs's `count`. Prints one line:
// `bytes=N seconds=S mib_per_s=T median_mib_per_s=M frames_ok=F values=V version=…` (best and median of RUNS runs after
// WARMUPS warm-up runs, as in corpus.mjs). Usage: node tests/bench/wasm_chromium.mjs <workspace root> [decodeSml|decodeReadings]
// Needs /usr/bin/chromium and tests/js/node_modules (playwright-core); `cargo xtask bench`
// installs both.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { RUNS, WARMUPS, bestAndMedian, fixtures, speed } from "./corpus.mjs";

const root = process.argv[2] ?? process.cwd();
const api = process.argv[3] ?? "decodeSml";
const require = createRequire(join(root, "tests/js/package.json"));
const { chromium } = require("playwright-core");

const one = fixtures(root);

const ORIGIN = "http://bench.invalid";
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm" };
/** The page, the bytes, count.mjs, and every file of pkg/ (the package imports its snippets
 * too). */
function file(path) {
  if (path === "/index.html") return ["text/html", Buffer.from("<!doctype html><title>bench</title>")];
  if (path === "/one.bin") return ["application/octet-stream", one];
  if (path === "/bench/count.mjs") return [TYPES[".js"], readFileSync(join(root, "tests/bench/count.mjs"))];
  const local = normalize(join(root, decodeURIComponent(path)));
  if (!path.startsWith("/pkg/") || !local.startsWith(join(root, "pkg")) || !existsSync(local)) return null;
  return [TYPES[extname(local)] ?? "application/octet-stream", readFileSync(local)];
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const found = file(new URL(route.request().url()).pathname);
    if (!found) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ status: 200, contentType: found[0], body: found[1] });
  });
  await page.goto(`${ORIGIN}/index.html`);
  const r = await page.evaluate(async ({ api, warmups, runs }) => {
    const m = await import("/pkg/wattwaechter.js");
    await m.default();
    const one = new Uint8Array(await (await fetch("/one.bin")).arrayBuffer());
    const copies = Math.ceil((1 << 20) / one.length);
    const input = new Uint8Array(one.length * copies);
    for (let i = 0; i < copies; i++) input.set(one, i * one.length);
    const { count } = await import("/bench/count.mjs");
    const run = () => count(api, m[api](input, undefined));
    for (let i = 0; i < warmups; i++) run();
    const times = [];
    let result;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      result = run();
      times.push((performance.now() - started) / 1000);
    }
    return { bytes: input.length, times, ...result };
  }, { api, warmups: WARMUPS, runs: RUNS });
  const version = browser.version();
  const { best, median } = bestAndMedian(r.times);
  console.log(`${speed(r.bytes, best, median)} frames_ok=${r.ok} values=${r.values} version=${version}`);
} finally {
  await browser.close();
}
