// The packed npm package in the projects people have: strict TypeScript under every
// module resolution (node10, node16, nodenext, bundler) and target (es2020, es2022) with the
// default `lib` and no `skipLibCheck`, ES module and CommonJS projects; CommonJS from plain
// `require`; a TypeScript project compiled to CommonJS, run; every README example
// type-checked; and the ecosystem's linters (publint, arethetypeswrong). Needs pkg/ built and
// WW_SIM (a simulator URL).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { here, root, pack, project, sh } from "./scratch.mjs";

const out = join(here, "out/consumers");
const sim = process.env.WW_SIM;
const fixture = join(root, "tests/fixtures/sml/EasyMeter_Q3A_A1064V1009.bin");
const tsc = join(here, "node_modules/.bin/tsc");
let tarball;
let esm;
let cjs;

/** What a strict consumer writes: every entry, the optional options, `latest()`'s registers
 * and derived values, both error guards. */
const CONSUMER = `
import {
  WattWaechter, decodeRawdump, decodeSml, isWattWaechterError, isDecodeError,
  type Report, type Latest, type LatestValue, type Settings, type LowRes, type ClientOptions,
} from "wattwaechter";
import { decodeSml as decodeOnly, parseD0, type DumpFrame, type DecodeOptions } from "wattwaechter/decoders";
import { decodeRawdump as decodeInline } from "wattwaechter/decoders/inline";

export function frames(bytes: Uint8Array): DumpFrame[] {
  const options: DecodeOptions = { fixDzg: true, maxFrames: 100 };
  return [...decodeOnly(bytes), ...decodeOnly(bytes, options)];
}

export async function use(bytes: Uint8Array): Promise<number> {
  const report: Report = decodeRawdump(bytes);
  const limited = decodeRawdump(bytes, { writePos: 0, maxValues: 10 });
  const device = new WattWaechter("127.0.0.1");
  const options: ClientOptions = { token: "t", timeoutMs: 5000, rateShare: 0.5, maxBodyBytes: 1 << 20 };
  const other = new WattWaechter("127.0.0.1", options);
  const latest: Latest | null = await device.latest();
  const power: number | string | undefined = latest?.["16.7.0"]?.value;
  const derived: number | null | undefined = latest?.power;
  const gas: LatestValue | undefined = latest?.["7-0:3.0.0"];
  const settings: Settings = await other.settings();
  const low: LowRes | null = await device.historyLowRes("2024-03-01", 7);
  try {
    await device.reboot();
  } catch (e) {
    if (isWattWaechterError(e)) console.log(e.kind, e.status, e.retryAfter);
  }
  try {
    decodeSml(bytes, { maxInputBytes: 1 });
  } catch (e) {
    if (isDecodeError(e)) console.log(e.kind, e.offset);
  }
  return report.summary.frames_ok + limited.frames.length + Number(power ?? 0) + (derived ?? 0) + (gas ? 1 : 0)
    + (settings.rebootCounter ?? 0) + (low?.items?.length ?? 0) + decodeInline(bytes).frames.length
    + parseD0("/X\\r\\n!\\r\\n").telegrams.length + (latest?.timestamp ?? 0);
}
`;

before(() => {
  assert.ok(sim, "WW_SIM is not set: run with `cargo xtask test`");
  tarball = pack(out);
  esm = project(out, tarball, "esm", { type: "module" });
  cjs = project(out, tarball, "cjs", { type: "commonjs" });
  writeFileSync(join(esm, "use.ts"), CONSUMER);
  writeFileSync(join(cjs, "use.ts"), CONSUMER);
});

/** `tsc -p` with a config of its own in `dir`; returns what tsc printed on failure. */
function typecheck(dir, name, compilerOptions, files) {
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, types: [], ...compilerOptions }, files }));
  try {
    sh(tsc, ["-p", config], dir);
    return null;
  } catch (e) {
    return `${name}:\n${e.stdout}${e.stderr}`;
  }
}

test("strict TypeScript compiles in every module resolution and target, default lib", () => {
  const failures = [];
  for (const target of ["es2020", "es2022"]) {
    for (const [dir, kind, module, moduleResolution] of [
      [esm, "esm", "node16", "node16"],
      [esm, "esm", "nodenext", "nodenext"],
      [esm, "esm", "esnext", "bundler"],
      [cjs, "cjs", "commonjs", "node10"],
      [cjs, "cjs", "node16", "node16"],
      [cjs, "cjs", "nodenext", "nodenext"],
    ]) {
      const name = `${kind}-${moduleResolution}-${target}`;
      failures.push(typecheck(dir, name, { target, module, moduleResolution, noEmit: true }, ["use.ts"]));
    }
  }
  assert.deepEqual(failures.filter(Boolean), []);
});

test("CommonJS: require() of both entries and of package.json, as ioBroker and Node-RED code does", () => {
  writeFileSync(join(cjs, "check.js"), `
    const { readFileSync } = require("node:fs");
    const { decodeRawdump, WattWaechter, isWattWaechterError } = require("wattwaechter");
    const decoders = require("wattwaechter/decoders");
    const inline = require("wattwaechter/decoders/inline");
    const bytes = readFileSync(${JSON.stringify(fixture)});
    const version = require(require.resolve("wattwaechter/package.json")).version;
    new WattWaechter(${JSON.stringify(sim)}).alive().then(async (alive) => {
      let kind = null;
      try { await new WattWaechter(${JSON.stringify(sim)}).historyLowRes("yesterday", 1); } catch (e) { kind = isWattWaechterError(e) && e.kind; }
      console.log(JSON.stringify({
        ok: decodeRawdump(bytes).summary.frames_ok,
        decoders: decoders.decodeRawdump(bytes).summary.frames_ok,
        inline: inline.decodeSml(bytes).length,
        alive: alive.alive,
        kind,
        version,
      }));
    });`);
  const result = JSON.parse(sh("node", ["check.js"], cjs));
  const version = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8")).version;
  assert.deepEqual(result, { ok: 4, decoders: 4, inline: 9, alive: true, kind: "invalidRequest", version });
});

test("TypeScript compiled to CommonJS runs against the simulator", () => {
  const dir = join(cjs, "app");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.ts"), `
    import { readFileSync } from "node:fs";
    import { WattWaechter, decodeRawdump, type Latest } from "wattwaechter";
    async function main(): Promise<void> {
      const report = decodeRawdump(readFileSync(${JSON.stringify(fixture)}));
      const latest: Latest | null = await new WattWaechter(${JSON.stringify(sim)}).latest();
      console.log(JSON.stringify({ ok: report.summary.frames_ok, power: typeof latest?.["16.7.0"]?.value, derived: typeof latest?.power, medium: latest?.medium }));
    }
    void main();`);
  assert.equal(typecheck(cjs, "app", { target: "es2022", module: "commonjs", moduleResolution: "node10", outDir: "app/out", types: ["node"] }, ["app/main.ts"]), null);
  assert.match(readFileSync(join(dir, "out/main.js"), "utf8"), /require\("wattwaechter"\)/);
  assert.deepEqual(JSON.parse(sh("node", [join(dir, "out/main.js")], cjs)), { ok: 4, power: "number", derived: "number", medium: "electricity" });
});

test("every example of the npm README type-checks (strict, nodenext)", () => {
  const readme = readFileSync(join(root, "pkg/README.md"), "utf8");
  // The examples of the package's API (the bundler configuration is run by bundlers.test.mjs).
  const blocks = [...readme.matchAll(/```(js|ts)\n([\s\S]*?)```/g)].map((m) => m[2]).filter((code) => code.includes('"wattwaechter'));
  assert.ok(blocks.length >= 5, `${blocks.length} examples`);
  const failures = [];
  blocks.forEach((code, i) => {
    const commonjs = /\brequire\(/.test(code);
    const file = `readme-${i}.${commonjs ? "cts" : "mts"}`;
    writeFileSync(join(esm, file), code.includes("export ") || commonjs ? code : `${code}\nexport {};\n`);
    failures.push(typecheck(esm, `readme-${i}`, { target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true, types: ["node"], lib: ["es2022", "dom"] }, [file]));
  });
  assert.deepEqual(failures.filter(Boolean), []);
});

test("publint and arethetypeswrong find nothing in the tarball", () => {
  const publint = sh(join(here, "node_modules/.bin/publint"), ["run", "--strict", join(root, "pkg")], here);
  assert.match(publint, /All good!/);
  // The .wasm exports are files for bundlers and copying, not modules with types.
  const attw = sh(join(here, "node_modules/.bin/attw"), [tarball, "--format", "table-flipped", "--exclude-entrypoints", "./wattwaechter_bg.wasm", "./decoders/decoders_bg.wasm"], here);
  assert.doesNotMatch(attw, /❗|⚠️|💀|❌/u, attw);
  console.log(attw);
});

/** The keys of `export interface <name> { … }` in a declaration file, with their declared
 * types. */
function interfaceKeys(declarations, name) {
  const start = declarations.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `no interface ${name}`);
  const body = declarations.slice(start, declarations.indexOf("\n}", start));
  return [...body.matchAll(/^\s+(\w+)\?: (.+);$/gm)].map((m) => [m[1], m[2]]);
}

/** A valid value for an option of the declared type. */
function sampleFor(key, type) {
  if (type === "boolean") return false;
  if (type === "number") return { rateShare: 0.5, writePos: 0, maxRetries: 2 }[key] ?? 1 << 20;
  if (type === "string") return "t";
  if (type === "Lang") return "de";
  if (type.startsWith("(")) return () => Promise.reject(new Error("not called"));
  throw new Error(`no sample for ${key}: ${type}`);
}

test("the declared options are exactly the ones the runtime accepts", () => {
  const declarations = readFileSync(join(root, "pkg/wattwaechter.d.ts"), "utf8");
  const decode = interfaceKeys(declarations, "DecodeOptions");
  const client = interfaceKeys(declarations, "ClientOptions");
  assert.ok(decode.length >= 5 && client.length >= 8, JSON.stringify({ decode, client }));
  // A function does not survive JSON: the script turns "__function" back into one.
  const samples = (keys) => keys.map(([k, type]) => [k, sampleFor(k, type)]);
  const args = JSON.stringify([samples(decode), samples(client)], (_, v) => (typeof v === "function" ? "__function" : v));
  writeFileSync(join(esm, "options-args.json"), args);
  writeFileSync(join(esm, "options.mjs"), `
    import { readFileSync } from "node:fs";
    import { WattWaechter, decodeSml } from "wattwaechter";
    const revive = (_, v) => (v === "__function" ? () => Promise.reject(new Error("not called")) : v);
    const [decodeKeys, clientKeys] = JSON.parse(readFileSync("options-args.json", "utf8"), revive);
    const refused = (f) => { try { f(); return null; } catch (e) { return e.kind ?? e.message; } };
    console.log(JSON.stringify({
      decode: decodeKeys.map(([k, v]) => refused(() => decodeSml(new Uint8Array(0), { [k]: v }))),
      client: clientKeys.map(([k, v]) => refused(() => new WattWaechter("127.0.0.1", { [k]: v }))),
      unknownDecode: refused(() => decodeSml(new Uint8Array(0), { bogus: 1 })),
      unknownClient: refused(() => new WattWaechter("127.0.0.1", { bogus: 1 })),
    }));`);
  const result = JSON.parse(sh("node", ["options.mjs"], esm));
  assert.deepEqual(result.decode, decode.map(() => null), `decoder options refused: ${JSON.stringify(decode)}`);
  assert.deepEqual(result.client, client.map(() => null), `client options refused: ${JSON.stringify(client)}`);
  assert.equal(result.unknownDecode, "invalidOptions");
  assert.equal(result.unknownClient, "invalidRequest");
});
