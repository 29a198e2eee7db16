// Throughput of smartmeter-obis 4.0.0 (npm; its SML protocol over the open-sml parser) on the
// same bytes as benches/pipeline.rs: every tests/fixtures/sml/*.bin, sorted by name,
// concatenated, repeated to at least 1 MiB.
//
// The bytes reach its `SmlProtocol` the way its serial transport hands them over: appended to
// a buffer in 1 KiB chunks (as the SmlLib script reads them), then `checkMessage` /
// `handleMessage` until no complete frame is left; `handleMessage` returns the rest of the
// buffer. Every reading it delivers is counted. Only lib/protocols/SmlProtocol.js is loaded
// (not the package's entry point, which opens serial ports).
// Prints one line: `bytes=N seconds=S mib_per_s=T frames_ok=F values=V errors=E`
// (best and median of RUNS runs after WARMUPS warm-up runs (corpus.mjs), as for our package in wasm_node.mjs). Usage: node tests/bench/smartmeter_obis.mjs <root>
import { createRequire } from "node:module";
import { join } from "node:path";
import { RUNS, WARMUPS, bestOf, corpus, speed } from "./corpus.mjs";

const CHUNK = 1024;
const root = process.argv[2] ?? process.cwd();
const require = createRequire(join(root, "tests/bench/package.json"));
const SmlProtocol = require("smartmeter-obis/lib/protocols/SmlProtocol.js");
const { version } = require("smartmeter-obis/package.json");
const input = corpus(root);

function run() {
  const count = { frames: 0, values: 0, errors: 0 };
  const options = { debug: 0, logger: () => {}, protocolSmlIgnoreInvalidCRC: false };
  const protocol = new SmlProtocol(options, (err, data) => {
    if (err) {
      count.errors += 1;
    } else {
      count.frames += 1;
      count.values += Object.keys(data).length;
    }
  });
  protocol.setTransportResetCallback(() => {});
  let buffer = Buffer.alloc(0);
  for (let at = 0; at < input.length; at += CHUNK) {
    buffer = Buffer.concat([buffer, input.subarray(at, at + CHUNK)]);
    while (buffer.length > 0 && protocol.checkMessage(buffer)) {
      buffer = protocol.handleMessage(buffer) ?? Buffer.alloc(0);
    }
  }
  return count;
}

const { best, median, result } = bestOf(run, WARMUPS, RUNS);
console.log(
  `${speed(input.length, best, median)} frames_ok=${result.frames} values=${result.values} errors=${result.errors} version=${version}`,
);
