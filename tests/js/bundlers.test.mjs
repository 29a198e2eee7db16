// The packed npm package in the bundlers people use: a small app per bundler,
// installed from the tarball, that decodes a real capture and calls the simulator, built and
// run in headless Chromium — Vite (production build and dev server) and webpack 5 with no
// configuration, Rollup with the configuration the npm README gives (taken from it), esbuild
// with the `.wasm` copied beside the bundle, and the single-file inline entry through Rollup.
// Needs pkg/ built and WW_SIM (a simulator with --cors).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { writeFileSync, readFileSync, readdirSync, copyFileSync, mkdirSync, existsSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./browser.mjs";
import * as esbuild from "esbuild";
import webpack from "webpack";
import { rollup } from "rollup";
import { build as viteBuild, createServer as viteServer } from "vite";
import { here, root, pack, project } from "./scratch.mjs";

const out = join(here, "out/bundlers");
const sim = process.env.WW_SIM;
const fixture = join(root, "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin");
let tarball;
let browser;
const servers = [];

/** The app: decode the real capture, call the simulator, report on `window.result`. */
const FULL_APP = `
import init, { decodeRawdump, WattWaechter } from "wattwaechter";
const sim = new URLSearchParams(location.search).get("sim");
try {
  await init();
  const bytes = new Uint8Array(await (await fetch("sample.bin")).arrayBuffer());
  const alive = await new WattWaechter(sim).alive();
  window.result = { ok: decodeRawdump(bytes).summary.frames_ok, alive: alive.alive };
} catch (e) {
  window.result = { error: String(e) };
}
`;

/** The single-file app: the inline decoders, no init(), no .wasm beside it. */
const INLINE_APP = `
import { decodeRawdump, decodeSml } from "wattwaechter/decoders/inline";
try {
  const bytes = new Uint8Array(await (await fetch("sample.bin")).arrayBuffer());
  window.result = { ok: decodeRawdump(bytes).summary.frames_ok, frames: decodeSml(bytes).length };
} catch (e) {
  window.result = { error: String(e) };
}
`;

const HTML = (script, module = true) =>
  `<!doctype html><html><head><link rel="icon" href="data:,"><script ${module ? 'type="module" ' : ""}src="${script}"></script></head><body></body></html>`;

/** A scratch app with the package installed, its source and the sample. */
function app(name, source) {
  const dir = project(out, tarball, name, { type: "module" });
  writeFileSync(join(dir, "main.js"), source);
  mkdirSync(join(dir, "public"), { recursive: true });
  copyFileSync(fixture, join(dir, "public/sample.bin"));
  return dir;
}

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dir` statically on a free port. */
async function serve(dir) {
  const server = createServer((req, res) => {
    const path = join(dir, req.url === "/" || req.url.startsWith("/?") ? "index.html" : req.url.split("?")[0]);
    if (!path.startsWith(dir) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  servers.push(server);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${server.address().port}`;
}

/** Opens `url` in Chromium; returns the app's result and every failed request. */
async function result(url) {
  const page = await browser.newPage();
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => failed.push(`failed ${r.url()}`));
  page.on("pageerror", (e) => failed.push(String(e)));
  await page.goto(`${url}/?sim=${encodeURIComponent(sim)}`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
  const r = await page.evaluate(() => window.result);
  await page.close();
  return { ...r, failed };
}

before(async () => {
  assert.ok(sim, "WW_SIM is not set: run with `cargo xtask test`");
  tarball = pack(out);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

test("Vite: a production build, without configuration", async () => {
  const dir = app("vite-build", FULL_APP);
  writeFileSync(join(dir, "index.html"), HTML("/main.js"));
  await viteBuild({ root: dir, logLevel: "silent", configFile: false });
  assert.ok(readdirSync(join(dir, "dist/assets")).some((f) => f.endsWith(".wasm")), "the .wasm is emitted");
  assert.deepEqual(await result(await serve(join(dir, "dist"))), { ok: 4, alive: true, failed: [] });
});

test("Vite: the dev server, without configuration", async () => {
  const dir = app("vite-dev", FULL_APP);
  writeFileSync(join(dir, "index.html"), HTML("/main.js"));
  const server = await viteServer({ root: dir, logLevel: "silent", configFile: false, server: { port: 0, host: "127.0.0.1" } });
  await server.listen();
  try {
    const address = server.httpServer.address();
    assert.deepEqual(await result(`http://127.0.0.1:${address.port}`), { ok: 4, alive: true, failed: [] });
  } finally {
    await server.close();
  }
});

test("webpack 5: a production build, without configuration", async () => {
  const dir = app("webpack", FULL_APP);
  const dist = join(dir, "dist");
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: dir, entry: "./main.js", output: { path: dist } }, (err, s) => (err ? reject(err) : resolve(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  writeFileSync(join(dist, "index.html"), HTML("/main.js", false));
  copyFileSync(fixture, join(dist, "sample.bin"));
  assert.ok(readdirSync(dist).some((f) => f.endsWith(".wasm")), "the .wasm is emitted");
  assert.deepEqual(await result(await serve(dist)), { ok: 4, alive: true, failed: [] });
});

test("Rollup: the configuration the npm README gives", async () => {
  const readme = readFileSync(join(root, "pkg/README.md"), "utf8");
  const config = readme.match(/```js\n(\/\/ rollup\.config\.mjs\n[\s\S]*?)```/)[1];
  const dir = app("rollup", FULL_APP);
  writeFileSync(join(dir, "rollup.config.mjs"), config);
  // The README's config, as Rollup's CLI would load it; its plugins come from the test tools.
  const { default: options } = await import(pathToFileURL(join(dir, "rollup.config.mjs")).href);
  const bundle = await rollup({ ...options, input: join(dir, options.input) });
  await bundle.write({ ...options.output, dir: join(dir, options.output.dir) });
  const dist = join(dir, "dist");
  writeFileSync(join(dist, "index.html"), HTML("/main.js"));
  copyFileSync(fixture, join(dist, "sample.bin"));
  assert.ok(readdirSync(dist, { recursive: true }).some((f) => String(f).endsWith(".wasm")), "the .wasm is emitted");
  assert.deepEqual(await result(await serve(dist)), { ok: 4, alive: true, failed: [] });
});

test("esbuild: the bundle with the .wasm copied beside it", async () => {
  const dir = app("esbuild", FULL_APP);
  const dist = join(dir, "dist");
  await esbuild.build({ entryPoints: [join(dir, "main.js")], bundle: true, format: "esm", outdir: dist, absWorkingDir: dir, logLevel: "silent" });
  copyFileSync(join(dir, "node_modules/wattwaechter/wattwaechter_bg.wasm"), join(dist, "wattwaechter_bg.wasm"));
  writeFileSync(join(dist, "index.html"), HTML("/main.js"));
  copyFileSync(fixture, join(dist, "sample.bin"));
  assert.deepEqual(await result(await serve(dist)), { ok: 4, alive: true, failed: [] });
});

test("wattwaechter/decoders/inline: one JavaScript file, no .wasm to serve (Rollup, as a Home Assistant card is built)", async () => {
  const dir = app("inline", INLINE_APP);
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const bundle = await rollup({ input: join(dir, "main.js"), plugins: [nodeResolve({ browser: true })] });
  const dist = join(dir, "dist");
  await bundle.write({ file: join(dist, "card.js"), format: "es", inlineDynamicImports: true });
  assert.deepEqual(readdirSync(dist), ["card.js"], "a single file");
  writeFileSync(join(dist, "index.html"), HTML("/card.js"));
  copyFileSync(fixture, join(dist, "sample.bin"));
  assert.deepEqual(await result(await serve(dist)), { ok: 4, frames: 9, failed: [] });
});
