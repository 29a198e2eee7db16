// Throughput of the npm package in Node on the same bytes as benches/pipeline.rs: every
// tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB.
// `decodeSml` (default): one DumpFrame object with its values per frame; `decodeReadings`: the
// same readings as columns (typed arrays). The time includes building the JS result.
// Prints one line: `bytes=N seconds=S mib_per_s=T median_mib_per_s=M frames_ok=F values=V` (best and median of RUNS runs
// after WARMUPS warm-up runs, see corpus.mjs). Usage: node tests/bench/wasm_node.mjs <workspace root> [decodeSml|decodeReadings]
import { join } from "node:path";
import { RUNS, WARMUPS, bestOf, corpus, count, speed } from "./corpus.mjs";

const root = process.argv[2] ?? process.cwd();
const api = process.argv[3] ?? "decodeSml";
const pkg = await import(join(root, "pkg/node.js"));
const input = new Uint8Array(corpus(root));

const { best, median, result } = bestOf(() => count(api, pkg[api](input, undefined)), WARMUPS, RUNS);
console.log(`${speed(input.length, best, median)} frames_ok=${result.ok} values=${result.values}`);
