// Node entry of `wattwaechter/decoders` (ES module): instantiates the WebAssembly from disk at once, so
// `import { decodeRawdump } from "wattwaechter/decoders"` needs no init(). No top-level
// await: where Node loads ES modules with `require` (≥ 20.19, ≥ 22.12) this file works there
// too; `require("wattwaechter/decoders")` gets `node.cjs`.
import { readFileSync } from "node:fs";
import { initSync } from "./decoders.js";

initSync({ module: readFileSync(new URL("./decoders_bg.wasm", import.meta.url)) });

export * from "./decoders.js";
export { default } from "./decoders.js";
