// `wattwaechter/decoders/inline`: the decoders with their WebAssembly inside the JavaScript
// (base64), ready on import — for single-file bundles where a separate `.wasm` is awkward to
// serve (Home Assistant cards, Rollup or esbuild without asset handling). In Node, the package
// maps this entry to the Node entry (the `.wasm` from disk).
import wasm from "./inline-wasm.js";
import { initSync } from "./decoders.js";

initSync({ module: Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0)) });

export * from "./decoders.js";
