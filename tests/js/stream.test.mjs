// The npm package's stream decoder as users get it (the packed tarball in a scratch project):
// every real capture, cut into random chunks, gives exactly decodeSml's frames (SML) or
// parseD0's telegrams (D0), through FrameStream.push and through frameStream()'s
// TransformStream; and the serial-port example reads a pseudo-terminal pair (socat) fed with a
// real capture at 9600-baud pacing. Needs pkg/ built and socat.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, copyFileSync, openSync, writeSync, closeSync, existsSync } from "node:fs";
import { join } from "node:path";
import { here, root, pack, project, sh } from "./scratch.mjs";

const out = join(here, "out/stream");
const fixtures = join(root, "tests/fixtures");
let dir;
let socat;

before(() => {
  const tarball = pack(out);
  dir = project(out, tarball, "stream");
  sh("npm", ["install", "--no-audit", "--no-fund", "serialport@13.0.0"], dir);
  copyFileSync(join(root, "examples/node-serial/read-meter.mjs"), join(dir, "read-meter.mjs"));
});

after(() => socat?.kill());

/** Runs `body` (a module's text) in the scratch project; returns what it printed, parsed. */
function run(body) {
  writeFileSync(join(dir, "check.mjs"), body);
  return JSON.parse(sh("node", ["check.mjs"], dir));
}

const files = (sub, ext) => readdirSync(join(fixtures, sub)).filter((f) => f.endsWith(ext) && !f.includes("payload_only")).map((f) => join(fixtures, sub, f));

test("FrameStream and frameStream() give decodeSml's frames for any chunking (every SML capture)", () => {
  const result = run(`
    import { readFileSync } from "node:fs";
    import { FrameStream, frameStream, decodeSml, decodeHex } from "wattwaechter";
    const files = ${JSON.stringify([...files("sml", ".bin"), ...files("sml", ".hex"), ...files("sml-synthetic", ".hex")])};
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const failures = [];
    let frames = 0;
    for (const file of files) {
      const bytes = file.endsWith(".hex") ? decodeHex(readFileSync(file, "utf8")) : new Uint8Array(readFileSync(file));
      const whole = decodeSml(bytes);
      for (let round = 0; round < 8; round++) {
        const stream = new FrameStream({ protocol: round % 2 ? "sml" : "auto" });
        const got = [];
        for (let at = 0; at < bytes.length; ) {
          const size = round === 0 ? 1 : 1 + Math.floor(random() * (round < 4 ? 64 : 4096));
          got.push(...stream.push(bytes.subarray(at, at + size)));
          at += size;
        }
        got.push(...stream.finish());
        stream.free();
        if (JSON.stringify(got) !== JSON.stringify(whole)) failures.push(file + " round " + round);
        frames += got.length;
      }
      // The TransformStream: the bytes as a ReadableStream of random chunks.
      const chunks = [];
      for (let at = 0; at < bytes.length; ) { const size = 1 + Math.floor(random() * 300); chunks.push(bytes.slice(at, at + size)); at += size; }
      const piped = [];
      for await (const frame of ReadableStream.from(chunks).pipeThrough(frameStream())) piped.push(frame);
      if (JSON.stringify(piped) !== JSON.stringify(whole)) failures.push(file + " piped");
    }
    console.log(JSON.stringify({ failures, files: files.length, frames }));`);
  assert.deepEqual(result.failures, []);
  assert.ok(result.files >= 30 && result.frames > 1000, JSON.stringify(result));
});

test("D0 captures give parseD0's telegrams for any chunking; the protocol is detected", () => {
  const result = run(`
    import { readFileSync } from "node:fs";
    import { FrameStream, parseD0 } from "wattwaechter";
    const files = ${JSON.stringify(files("d0", ".txt"))};
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // A telegram as the dump's frames show it.
    const asFrame = (t) => ({ offset: t.range.start, length: t.range.end - t.range.start, status: t.status, values: t.data.flatMap((d) => d.values.map((v) => [d.obis ?? d.address, v.value, v.unit])) });
    const ofFrame = (f) => ({ offset: f.offset, length: f.length, status: f.status, values: f.values.map((v) => [v.obis, v.value, v.unit]) });
    const failures = [];
    const protocols = new Set();
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const whole = parseD0(bytes).telegrams.map(asFrame);
      for (let round = 0; round < 8; round++) {
        const stream = new FrameStream();
        const got = [];
        for (let at = 0; at < bytes.length; ) {
          const size = round === 0 ? 1 : 1 + Math.floor(random() * 200);
          got.push(...stream.push(bytes.subarray(at, at + size)));
          at += size;
        }
        got.push(...stream.finish());
        protocols.add(stream.protocol);
        stream.free();
        if (JSON.stringify(got.map(ofFrame)) !== JSON.stringify(whole)) failures.push(file + " round " + round);
      }
    }
    let refused = null;
    try { new FrameStream({ protocol: "mbus" }); } catch (e) { refused = e.kind; }
    console.log(JSON.stringify({ failures, protocols: [...protocols], refused }));`);
  assert.deepEqual(result.failures, []);
  assert.deepEqual(result.protocols, ["d0"]);
  assert.equal(result.refused, "invalidOptions");
});

test("the serial-port example reads a pseudo-terminal fed at 9600 baud", async () => {
  assert.ok(existsSync("/usr/bin/socat"), "socat is needed (cargo xtask test installs it)");
  const a = join(out, "tty-meter");
  const b = join(out, "tty-head");
  socat = spawn("socat", [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: "ignore" });
  for (let i = 0; i < 50 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 100));
  const capture = Buffer.concat([readFileSync(join(fixtures, "sml/EasyMeter_Q3A_A1064V1009.bin")), readFileSync(join(fixtures, "sml/EMH_eHZ361L5R.bin"))]);
  writeFileSync(join(out, "capture.bin"), capture);
  const whole = JSON.parse(sh("node", ["--input-type=module", "-e", `
    import { decodeSml } from "wattwaechter";
    import { readFileSync } from "node:fs";
    console.log(JSON.stringify(decodeSml(readFileSync(${JSON.stringify(join(out, "capture.bin"))}))));`], dir));
  const reader = spawn("node", ["read-meter.mjs", b, "9600", "none"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  let buffered = "";
  reader.stdout.on("data", (d) => {
    buffered += d;
    const parts = buffered.split("\n");
    buffered = parts.pop();
    lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l)));
  });
  await new Promise((r) => setTimeout(r, 500));
  // 9600 baud: 960 bytes a second, in 32-byte pieces.
  const meter = openSync(a, "w");
  for (let at = 0; at < capture.length; at += 32) {
    writeSync(meter, capture.subarray(at, at + 32));
    await new Promise((r) => setTimeout(r, (32 * 1000) / 960));
  }
  for (let i = 0; i < 100 && lines.length < whole.length; i++) await new Promise((r) => setTimeout(r, 100));
  closeSync(meter);
  reader.kill();
  assert.equal(lines.length, whole.length);
  assert.deepEqual(lines, whole);
});
