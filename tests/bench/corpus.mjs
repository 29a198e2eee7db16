// What the Node bench scripts share: the input (built exactly like benches/pipeline.rs: every
// tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB), how a
// result is read, and the timing (best of `runs` after `warmups` untimed runs).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export { count } from "./count.mjs";

/** One copy of every SML fixture, sorted by name. */
export function fixtures(root) {
  const dir = join(root, "tests/fixtures/sml");
  const names = readdirSync(dir).filter((n) => n.endsWith(".bin")).sort();
  return Buffer.concat(names.map((n) => readFileSync(join(dir, n))));
}

/** The fixtures repeated to at least 1 MiB. */
export function corpus(root) {
  const one = fixtures(root);
  return Buffer.concat(Array(Math.ceil((1 << 20) / one.length)).fill(one));
}

/** The JIT warm-up and the timed runs of every JS measurement (ours and smartmeter-obis
 * alike): V8 compiles hot wasm and JS with its optimising tier in the background, so the first
 * runs are slower; 20 untimed runs reach the steady state. */
export const WARMUPS = 20;
export const RUNS = 30;

/** Runs `run` `warmups` times, then `runs` times timed; the best time in seconds and the
 * last result. */
export function bestOf(run, warmups, runs) {
  for (let i = 0; i < warmups; i++) run();
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    result = run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { best, result };
}
