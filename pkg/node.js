// Node entry of `wattwaechter` (ES module): instantiates the WebAssembly from disk at once, so
// `import { decodeRawdump, WattWaechter } from "wattwaechter"` needs no init(). No top-level
// await: where Node loads ES modules with `require` (≥ 20.19, ≥ 22.12) this file works there
// too; `require("wattwaechter")` gets `node.cjs`.
import { readFileSync } from "node:fs";
import { initSync } from "./wattwaechter.js";

initSync({ module: readFileSync(new URL("./wattwaechter_bg.wasm", import.meta.url)) });

export * from "./wattwaechter.js";
export { default } from "./wattwaechter.js";
