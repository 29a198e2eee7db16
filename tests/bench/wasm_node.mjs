// Throughput of the npm package in Node on the same bytes as benches/pipeline.rs: every
// tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB.
// `decodeSml` (default): one DumpFrame object with its values per frame; `decodeReadings`: the
// same readings as columns (typed arrays). The time includes building the JS result.
// Prints one line: `bytes=N seconds=S mib_per_s=T frames_ok=F values=V` (best of RUNS runs
// after WARMUPS warm-up runs, see corpus.mjs). Usage: node tests/bench/wasm_node.mjs <workspace root> [decodeSml|decodeReadings]
import { join } from "node:path";
import { RUNS, WARMUPS, bestOf, corpus, count } from "./corpus.mjs";

const root = process.argv[2] ?? process.cwd();
const api = process.argv[3] ?? "decodeSml";
const pkg = await import(join(root, "pkg/node.js"));
const input = new Uint8Array(corpus(root));

const { best, result } = bestOf(() => count(api, pkg[api](input, undefined)), WARMUPS, RUNS);
const mib = input.length / best / (1024 * 1024);
console.log(
  `bytes=${input.length} seconds=${best.toFixed(4)} mib_per_s=${mib.toFixed(3)} frames_ok=${result.ok} values=${result.values}`,
);
