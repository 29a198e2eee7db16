// Throughput of the npm package's `decodeSml` in Node on the same bytes as benches/pipeline.rs:
// every tests/fixtures/sml/*.bin, sorted by name, concatenated, repeated to at least 1 MiB.
// The time includes building the JS objects (one DumpFrame with its values per frame).
// Prints one line: `bytes=N seconds=S mib_per_s=T frames_ok=F values=V` (best of 10 runs,
// after 3 warm-up runs). Usage: node tests/bench/wasm_node.mjs <workspace root>
import { join } from "node:path";
import { bestOf, corpus } from "./corpus.mjs";

const root = process.argv[2] ?? process.cwd();
const { decodeSml } = await import(join(root, "pkg/node.js"));
const input = new Uint8Array(corpus(root));

function run() {
  const frames = decodeSml(input, undefined);
  let ok = 0;
  let values = 0;
  for (const f of frames) {
    if (f.status === "ok") ok += 1;
    values += f.values.length;
  }
  return { ok, values };
}

const { best, result } = bestOf(run, 3, 10);
const mib = input.length / best / (1024 * 1024);
console.log(
  `bytes=${input.length} seconds=${best.toFixed(4)} mib_per_s=${mib.toFixed(3)} frames_ok=${result.ok} values=${result.values}`,
);
