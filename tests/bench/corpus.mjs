// What the Node bench scripts share: the input (built exactly like benches/pipeline.rs: every
// tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB), how a
// result is read, and the timing (best and median of `runs` after `warmups` untimed runs).
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
 * runs are slower; 20 untimed runs reach the steady state. Single runs then still vary by up
 * to 2× (garbage collection of the previous result), so 100 are timed and both the best and
 * the median are reported. */
export const WARMUPS = 20;
export const RUNS = 100;

/** Runs `run` `warmups` times, then `runs` times timed; the best and the median time in
 * seconds and the last result. */
export function bestOf(run, warmups, runs) {
  for (let i = 0; i < warmups; i++) run();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    result = run();
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { ...bestAndMedian(times), result };
}

/** The smallest and the median of `times`. */
export function bestAndMedian(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

/** The `key=value` fields of a bench result line for `bytes` decoded in `best` and `median`
 * seconds. */
export function speed(bytes, best, median) {
  const mib = (s) => (bytes / s / (1024 * 1024)).toFixed(3);
  return `bytes=${bytes} seconds=${best.toFixed(4)} mib_per_s=${mib(best)} median_mib_per_s=${mib(median)}`;
}
