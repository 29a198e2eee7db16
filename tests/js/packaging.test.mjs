// The npm package as users get it: `npm pack`, installed into scratch projects, imported from
// Node ESM, a plain <script type="module"> and a module Worker, without code generation, and
// the README example run verbatim. (CommonJS, TypeScript and the bundlers: consumers.test.mjs
// and bundlers.test.mjs.) Needs: pkg/ built (`cargo xtask pkg`), WW_SIM (a simulator URL) and
// WW_SIM_BIN (the simulator binary, to serve the browser pages).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./browser.mjs";
import { here, root, pack, project as scratchProject, sh } from "./scratch.mjs";

const out = join(here, "out/packaging");
const sim = process.env.WW_SIM;
const simBin = process.env.WW_SIM_BIN;
const fixture = join(root, "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin");
let tarball;
let server;
let browser;
const port = 8431;

function project(name) {
  return scratchProject(out, tarball, name);
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

before(async () => {
  assert.ok(sim, "WW_SIM is not set: run with `cargo xtask test`");
  tarball = pack(out);
  // The browser pages: module pages and a worker, served with the package.
  const www = join(out, "www");
  const plain = project("plain");
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, "plain.html"), `<!doctype html><script type="module">
    import init, { decodeRawdump, WattWaechter } from "/pkg/wattwaechter.js";
    try {
      await init();
      const bytes = new Uint8Array(await (await fetch("/sample.bin")).arrayBuffer());
      const r = decodeRawdump(bytes);
      const alive = await new WattWaechter("").alive();
      window.result = { ok: r.summary.frames_ok, alive: alive.alive };
    } catch (e) { window.result = { error: String(e) }; }
  </script>`);
  writeFileSync(join(www, "decoders.html"), `<!doctype html><script type="module">
    import init, { decodeRawdump, decodeSml } from "/pkg/decoders/decoders.js";
    try {
      await init();
      const bytes = new Uint8Array(await (await fetch("/sample.bin")).arrayBuffer());
      const mod = await import("/pkg/decoders/decoders.js");
      window.result = { ok: decodeRawdump(bytes).summary.frames_ok, frames: decodeSml(bytes).length, client: "WattWaechter" in mod };
    } catch (e) { window.result = { error: String(e) }; }
  </script>`);
  copyFileSync(fixture, join(www, "sample.bin"));
  writeFileSync(join(www, "worker.js"), `
    import init, { decodeRawdump, WattWaechter } from "/pkg/wattwaechter.js";
    await init();
    const bytes = new Uint8Array(await (await fetch("/sample.bin")).arrayBuffer());
    const alive = await new WattWaechter("").alive();
    postMessage({ ok: decodeRawdump(bytes).summary.frames_ok, alive: alive.alive });`);
  writeFileSync(join(www, "worker.html"), `<!doctype html><script type="module">
    const w = new Worker("/worker.js", { type: "module" });
    w.onmessage = (e) => { window.result = e.data; };
    w.onerror = (e) => { window.result = { error: String(e.message) }; };
  </script>`);
  server = spawn(simBin, ["--port", String(port), "--www", www, "--pkg", join(plain, "node_modules/wattwaechter"), "--no-rate-limit"], { stdio: "ignore" });
  await waitFor(`http://127.0.0.1:${port}/api/v1/system/alive`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function pageResult(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}${path}`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 15000 });
  const result = await page.evaluate(() => window.result);
  await page.close();
  assert.deepEqual(errors, []);
  return result;
}

test("Node 20 ESM: import from the packed tarball without init()", () => {
  const dir = project("node-esm");
  writeFileSync(join(dir, "check.mjs"), `
    import { decodeRawdump, parseD0, WattWaechter } from "wattwaechter";
    import { readFileSync } from "node:fs";
    const r = decodeRawdump(readFileSync(${JSON.stringify(fixture)}));
    const d0 = parseD0("/EMH5eHZ\\r\\n\\r\\n1.8.0(1*kWh)\\r\\n!\\r\\n");
    const alive = await new WattWaechter(${JSON.stringify(sim)}).alive();
    // A caller's own fetch is used instead of the global one.
    const seen = [];
    const own = new WattWaechter(${JSON.stringify(sim)}, { fetch: (url, init) => { seen.push(init.method + " " + url); return fetch(url, init); } });
    const info = await own.systemInfo();
    // A client freed while its request is in flight: free() works and the request finishes.
    const gone = new WattWaechter(${JSON.stringify(sim)});
    const pending = gone.alive();
    gone.free();
    const after = await pending;
    console.log(JSON.stringify({ ok: r.summary.frames_ok, d0: d0.telegrams[0].status, alive: alive.alive, seen, esp: info.esp.length, afterFree: after.alive }));`);
  const result = JSON.parse(sh("node", ["check.mjs"], dir));
  assert.deepEqual(result, { ok: 4, d0: "ok", alive: true, seen: [`GET ${sim}/api/v1/system/info`], esp: 4, afterFree: true });
});

test("without code generation from strings (strict CSP) the decoders give the same objects", () => {
  const dir = project("no-eval");
  const fixtures = join(root, "tests/fixtures/sml");
  writeFileSync(join(dir, "check.mjs"), `
    import { decodeSml, decodeRawdump } from "wattwaechter";
    import { readFileSync, readdirSync } from "node:fs";
    import { join } from "node:path";
    const dir = ${JSON.stringify(fixtures)};
    const out = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".bin")).sort()) {
      const bytes = readFileSync(join(dir, f));
      out.push([f, decodeSml(bytes, { fixDzg: true }), decodeRawdump(bytes)]);
    }
    // Twice: the second call reuses what the first one compiled (or did not).
    out.push(decodeSml(readFileSync(join(dir, "EMH-ED300L_delivery.bin"))));
    console.log(JSON.stringify(out));`);
  const compiled = sh("node", ["check.mjs"], dir);
  const refused = sh("node", ["--disallow-code-generation-from-strings", "check.mjs"], dir);
  assert.ok(compiled.length > 100000, `${compiled.length} bytes of output`);
  assert.equal(refused, compiled);
});

test("browser: a plain <script type=module> with init()", async () => {
  assert.deepEqual(await pageResult("/plain.html"), { ok: 4, alive: true });
});

test("wattwaechter/decoders: the decoders alone, with the same results as the full entry", () => {
  const dir = project("decoders-node");
  writeFileSync(join(dir, "check.mjs"), `
    import * as full from "wattwaechter";
    import * as decoders from "wattwaechter/decoders";
    import { readFileSync } from "node:fs";
    const bytes = readFileSync(${JSON.stringify(fixture)});
    const d0 = "/EMH5eHZ\\r\\n\\r\\n1.8.0(1*kWh)\\r\\n!\\r\\n";
    const log = "time;level;message\\n2024-03-01 10:00:00;INFO;started\\n";
    const same = [
      ["decodeRawdump", [bytes, { fixDzg: true }]],
      ["decodeRawdump", [bytes, { lang: "de" }]],
      ["rawdumpCsv", [bytes]],
      ["decodeSml", [bytes]],
      ["decodeSml", [bytes, { lang: "de" }]],
      ["parseD0", [d0]],
      ["parseD0", [d0 + "garbage(", { lang: "de" }]],
      ["parseLog", [log]],
      ["parseObis", ["1.8.0"]],
      ["unitTable", []],
      ["obisCatalogue", []],
    ].filter(([f, args]) => JSON.stringify(full[f](...args)) !== JSON.stringify(decoders[f](...args))).map(([f]) => f);
    const refused = (f, options) => { try { decoders[f](bytes, options); return null; } catch (e) { return e.kind + ": " + e.message; } };
    console.log(JSON.stringify({
      client: "WattWaechter" in decoders,
      same,
      frames: decoders.decodeSml(bytes).length,
      unknown: refused("decodeSml", { fixDZG: true }),
      wrongType: refused("decodeSml", { fixDzg: "yes" }),
      badLang: refused("decodeSml", { lang: "fr" }),
      fraction: refused("decodeRawdump", { writePos: 1.5 }),
      negative: refused("rawdumpCsv", { writePos: -1 }),
      notObject: refused("decodeReadings", 7),
      fine: refused("decodeRawdump", { writePos: null, fixDzg: false, extra: undefined }),
    }));`);
  assert.deepEqual(JSON.parse(sh("node", ["check.mjs"], dir)), {
    client: false,
    same: [],
    frames: 9,
    unknown: "invalidOptions: decodeSml options: unknown option `fixDZG` (known: writePos, fixDzg, maxInputBytes, maxFrames, maxValues, lang)",
    wrongType: "invalidOptions: decodeSml options: fixDzg must be true or false",
    badLang: 'invalidOptions: decodeSml options: lang must be "en" or "de"',
    fraction: "invalidOptions: decodeRawdump options: writePos must be a non-negative integer",
    negative: "invalidOptions: rawdumpCsv options: writePos must be a non-negative integer",
    notObject: "invalidOptions: decodeReadings options: expected an object",
    fine: null,
  });
});

test("wattwaechter/decoders declares the decoders' types and none of the device client's", () => {
  const dts = readFileSync(join(project("decoders-types"), "node_modules/wattwaechter/decoders/decoders.d.ts"), "utf8");
  const declared = new Set([...dts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]));
  const expected = ["DumpFrame", "Report", "ReadingTable", "D0Capture", "LogFile", "ParsedObis", "UnitInfo", "DecodeOptions", "WattWaechterDecodeError"];
  assert.deepEqual(expected.filter((t) => !declared.has(t)), []);
  const client = ["Settings", "SettingsUpdate", "Latest", "LowRes", "SystemInfo", "ApiError", "ErrorKind", "Endpoint", "ClientOptions", "TokenPair", "Json", "WattWaechterError"];
  assert.deepEqual(client.filter((t) => declared.has(t)), []);
});

test("wattwaechter/decoders in the browser: a module page with init()", async () => {
  assert.deepEqual(await pageResult("/decoders.html"), { ok: 4, frames: 9, client: false });
});

test("Web Worker: the package in a module worker", async () => {
  assert.deepEqual(await pageResult("/worker.html"), { ok: 4, alive: true });
});

test("the README's example runs as written", () => {
  const readme = readFileSync(join(root, "pkg/README.md"), "utf8");
  const example = readme.match(/<!-- This example is run[^>]*-->\s*```js\n([\s\S]*?)```/)[1];
  const dir = project("readme");
  writeFileSync(join(dir, "example.mjs"), example);
  const output = sh("node", ["example.mjs"], dir).toString();
  // Against the simulator (electricity): power, a dump with good frames, reboot works.
  assert.match(output, /^power -?\d+(\.\d+)? W$/m);
  assert.match(output, /^sml \d+ good frames, 0 with CRC errors$/m);
  assert.match(output, /^meter 1 EMH00 \d{4} \d{4}$/m);
});

test("the package contains what package.json promises", () => {
  const files = readdirSync(join(out, "node-esm/node_modules/wattwaechter")).sort();
  assert.deepEqual(files, ["LICENSE", "LICENSE-APACHE", "LICENSE-MIT", "README.md", "decoders", "node.cjs", "node.js", "package.json", "snippets", "wattwaechter.cjs", "wattwaechter.d.cts", "wattwaechter.d.ts", "wattwaechter.js", "wattwaechter_bg.wasm", "wattwaechter_bg.wasm.d.ts"]);
  const decoders = readdirSync(join(out, "node-esm/node_modules/wattwaechter/decoders")).sort();
  assert.deepEqual(decoders, ["decoders.cjs", "decoders.d.cts", "decoders.d.ts", "decoders.js", "decoders_bg.wasm", "decoders_bg.wasm.d.ts", "inline-wasm.js", "inline.d.ts", "inline.js", "node.cjs", "node.js", "snippets"]);
  // No placeholder address anywhere in the package.
  const manifest = readFileSync(join(out, "node-esm/node_modules/wattwaechter/package.json"), "utf8");
  assert.doesNotMatch(manifest, /example\.(invalid|com|org)|TODO|FIXME/);
});
