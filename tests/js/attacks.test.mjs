// The npm package's device client against a hostile fake device: endless and huge
// bodies, an absurd Retry-After, redirects to another host and in a loop, a token echoed in
// the error text, options out of range, one device spelled two ways. The client runs from the
// packed tarball in a scratch project, in a Node process of its own (its memory is measured
// there); the fake devices are servers in this process. Needs pkg/ built (`cargo xtask pkg`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { here, pack, project, shAsync } from "./scratch.mjs";

const out = join(here, "out/attacks");
const TOKEN = "WRITETOKEN765432";
const servers = [];
let dir;

/** A fake device on a free port: `handler(req, res)` answers everything. */
async function device(handler) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const seen = [];
  server.on("request", (req) => seen.push(`${req.method} ${req.url}`));
  return { host: `127.0.0.1:${server.address().port}`, seen };
}

/** Runs `body` (an async function body using `WattWaechter`, `host`, `TOKEN`) in a Node
 * process of its own with the packed package; returns what it returns, plus its peak RSS. */
async function client(name, host, body, timeout = 60000) {
  const script = join(dir, `${name}.mjs`);
  writeFileSync(script, `
    import { WattWaechter } from "wattwaechter";
    const host = ${JSON.stringify(host)};
    const TOKEN = ${JSON.stringify(TOKEN)};
    const caught = async (p) => { const t = Date.now(); try { await p; return { ok: true, ms: Date.now() - t }; } catch (e) { return { kind: e.kind, status: e.status, retryAfter: e.retryAfter, message: e.message, ms: Date.now() - t }; } };
    const thrown = (f) => { try { f(); return null; } catch (e) { return e.kind; } };
    let peak = 0;
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const result = await (async () => { ${body} })();
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(JSON.stringify({ result, peakMiB: Math.round(peak / 1048576) }));`);
  return JSON.parse(await shAsync("node", [script], dir, { timeout }));
}

before(() => {
  dir = project(out, pack(out), "client");
});

after(() => {
  for (const s of servers) s.close();
  for (const s of servers) s.closeAllConnections?.();
});

test("an endless body ends at the body limit, with its own error, in bounded memory", async (t) => {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const endless = await device((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const more = () => { while (res.write(chunk)); };
    res.on("drain", more);
    res.on("close", () => res.off("drain", more));
    more();
  });
  const declared = await device((req, res) => {
    // Announces 3 GiB, sends a little, then stalls.
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(3 * 1024 ** 3) });
    res.write(chunk);
  });
  const { result, peakMiB } = await client("endless", endless.host, `
    const c = new WattWaechter(host, { timeoutMs: 60000 });
    const small = new WattWaechter(host, { maxBodyBytes: 1000 });
    const huge = new WattWaechter(${JSON.stringify(declared.host)}, { timeoutMs: 60000 });
    return { endless: await caught(c.alive()), small: await caught(small.rawdump()), declared: await caught(huge.rawdump()),
             zero: thrown(() => new WattWaechter(host, { maxBodyBytes: 0 })), fraction: thrown(() => new WattWaechter(host, { maxBodyBytes: 1.5 })) };`);
  assert.equal(result.endless.kind, "responseTooLarge", JSON.stringify(result.endless));
  assert.equal(result.endless.status, 200);
  assert.match(result.endless.message, /16777216 bytes/);
  assert.ok(result.endless.ms < 20000, `stopped at the limit, not at the timeout (${result.endless.ms} ms)`);
  assert.equal(result.small.kind, "responseTooLarge");
  assert.equal(result.declared.kind, "responseTooLarge");
  assert.ok(result.declared.ms < 2000, `a declared length above the limit fails at once (${result.declared.ms} ms)`);
  assert.deepEqual([result.zero, result.fraction], ["invalidRequest", "invalidRequest"]);
  assert.ok(peakMiB < 400, `peak RSS ${peakMiB} MiB`);
  t.diagnostic(`peak RSS of the client process: ${peakMiB} MiB; the endless body stopped after ${result.endless.ms} ms`);
});

test("a huge Retry-After neither freezes later calls nor overflows a timer", async () => {
  const limited = await device((req, res) => {
    res.writeHead(429, { "content-type": "application/json", "retry-after": "999999" });
    res.end('{"error":"Too many requests"}');
  });
  const port = limited.host.split(":")[1];
  const { result } = await client("retry-after", limited.host, `
    const first = await caught(new WattWaechter(host).alive());
    // Another instance, the same device spelled another way: shares the budget's back-off.
    const other = new WattWaechter("http://127.0.0.1:${port}/", { timeoutMs: 2000 });
    const later = await caught(other.alive());
    const status = other.budgetStatus();
    const big = thrown(() => new WattWaechter(host, { timeoutMs: 2 ** 31 }));
    const biggest = thrown(() => new WattWaechter(host, { timeoutMs: 2 ** 31 - 1 }));
    return { first, later, waitMs: status.waitMs, big, biggest };`);
  assert.equal(result.first.kind, "rateLimited");
  assert.equal(result.first.retryAfter, 999999, "the device's value is reported");
  assert.ok(result.first.ms < 2000, `not waited for (${result.first.ms} ms)`);
  assert.equal(result.later.kind, "rateLimited", JSON.stringify(result.later));
  assert.ok(result.later.retryAfter <= 60 && result.later.retryAfter >= 58, `the wait left: ${result.later.retryAfter} s`);
  assert.ok(result.later.ms < 500, `failed at once, within its timeout (${result.later.ms} ms)`);
  assert.ok(result.waitMs <= 60000 && result.waitMs > 55000, `back-off clamped to 60 s: ${result.waitMs}`);
  assert.equal(limited.seen.length, 1, "the later call never reached the device");
  assert.deepEqual([result.big, result.biggest], ["invalidRequest", null]);
});

test("redirects are refused: nothing reaches the other host, a loop costs one request", async () => {
  const elsewhere = await device((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"success":true,"applied":{}}');
  });
  const redirecting = await device((req, res) => {
    res.writeHead(307, { location: `http://${elsewhere.host}${req.url}` });
    res.end();
  });
  const looping = await device((req, res) => {
    res.writeHead(302, { location: req.url });
    res.end();
  });
  const { result } = await client("redirects", redirecting.host, `
    const c = new WattWaechter(host, { token: TOKEN });
    const away = await caught(c.updateSettings({ mqtt: { password: "secret-password" } }));
    const loop = await caught(new WattWaechter(${JSON.stringify(looping.host)}).alive());
    return { away, loop };`);
  assert.equal(result.away.kind, "redirected", JSON.stringify(result.away));
  assert.equal(result.away.status, 307);
  assert.match(result.away.message, /never redirects/);
  assert.deepEqual(elsewhere.seen, [], "the POST body never left for the other host");
  assert.equal(result.loop.kind, "redirected");
  assert.deepEqual(looping.seen, ["GET /api/v1/system/alive"]);
});

test("a token echoed by the device never reaches the error text, cut or in another case", async () => {
  const echo = await device((req, res) => {
    const token = (req.headers.authorization ?? "").replace("Bearer ", "");
    const said = req.url.includes("settings") ? "x".repeat(110) + token : `bad token ${token.toLowerCase()}`;
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: said }));
  });
  const { result } = await client("echo", echo.host, `
    const c = new WattWaechter(host, { token: TOKEN });
    return [await caught(c.settings()), await caught(c.latest())];`);
  for (const e of result) {
    assert.equal(e.kind, "badRequest");
    const shown = e.message.toLowerCase();
    for (let i = 0; i + 6 <= TOKEN.length; i++) assert.ok(!shown.includes(TOKEN.slice(i, i + 6).toLowerCase()), e.message);
    assert.match(e.message, /<redacted>/);
  }
});

test("client options out of range are refused; one device spelled two ways shares one budget", async () => {
  const plain = await device((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"alive":true,"version":"1.3.0"}');
  });
  const port = plain.host.split(":")[1];
  const { result } = await client("options", plain.host, `
    const shares = [0, -1, NaN, 1.5, Infinity].map((rateShare) => thrown(() => new WattWaechter(host, { rateShare })));
    const a = new WattWaechter(host);
    for (let i = 0; i < 25; i++) await a.alive();
    const b = new WattWaechter("HTTP://127.0.0.1:${port}/", { timeoutMs: 1000 });
    return { shares, b: await caught(b.alive()), queued: b.budgetStatus() };`);
  assert.deepEqual(result.shares, Array(5).fill("invalidRequest"));
  assert.equal(result.b.kind, "rateLimited", "the 26th call in the window waits for the shared budget");
  assert.ok(result.b.ms < 500, `and fails at once when the wait exceeds its timeout (${result.b.ms} ms)`);
  assert.equal(result.queued.limit, 25);
  assert.equal(plain.seen.length, 25);
});

test("decoders: inputs above the limit, reports above their limits, in bounded memory", async () => {
  const { result, peakMiB } = await client("decoders", "", `
    const { decodeRawdump, decodeSml, parseD0, parseLog, decodeReadings } = await import("wattwaechter/decoders");
    const caughtSync = (f) => { try { f(); return null; } catch (e) { return { name: e.name, kind: e.kind, offset: e.offset, message: e.message }; } };
    const big = new Uint8Array(65 * 1024 * 1024);
    const starts = new Uint8Array(16 * 1024 * 1024);
    for (let i = 0; i < starts.length; i += 8) starts.set([0x1b, 0x1b, 0x1b, 0x1b, 1, 1, 1, 1], i);
    const report = decodeRawdump(starts);
    const d0 = "/ABC5\\r\\n\\r\\n1.8.0" + "(1)".repeat(1 << 20) + "\\r\\n!\\r\\n";
    return {
      tooLarge: caughtSync(() => decodeRawdump(big)),
      tooLargeText: caughtSync(() => parseLog("x".repeat(100), { maxInputBytes: 10 })),
      raised: decodeRawdump(new Uint8Array(100), { maxInputBytes: 100 }).bytes,
      frames: report.frames.length, truncated: report.truncated, finding: report.findings.map((f) => f.id),
      sml: caughtSync(() => decodeSml(starts)),
      smlSmall: caughtSync(() => decodeSml(starts.subarray(0, 800), { maxFrames: 10 })),
      readings: decodeReadings(starts).frameOffsets.length,
      d0: parseD0(d0).truncated,
      log: parseLog("a\\n".repeat(100000), { maxFrames: 5 }).truncated,
    };`, 120000);
  assert.deepEqual(result.tooLarge, { name: "WattWaechterDecodeError", kind: "inputTooLarge", offset: null, message: result.tooLarge.message });
  assert.match(result.tooLarge.message, /68157440 bytes, more than the 67108864/);
  assert.equal(result.tooLargeText.kind, "inputTooLarge");
  assert.equal(result.raised, 100);
  assert.equal(result.frames, 262144, "one frame per 64 bytes of input");
  assert.deepEqual(result.truncated, { offset: 8 * 262144, limit: "frames", max: 262144 });
  assert.ok(result.finding.includes("report_truncated"));
  assert.deepEqual([result.sml.kind, result.sml.offset], ["limitExceeded", 8 * 262144]);
  assert.deepEqual([result.smlSmall.kind, result.smlSmall.offset], ["limitExceeded", 80]);
  assert.equal(result.readings, 2 * 1024 * 1024, "the lean columns need no limit");
  assert.deepEqual(result.d0, { offset: 0, limit: "values", max: Math.floor((14 + 3 * 2 ** 20 + 5) / 16) }, "one value per 16 bytes");
  assert.deepEqual(result.log, { offset: 10, limit: "frames", max: 5 });
  assert.ok(peakMiB < 900, `peak RSS ${peakMiB} MiB`);
  console.log(`decoders on 16 MiB of start sequences: peak RSS ${peakMiB} MiB`);
});
