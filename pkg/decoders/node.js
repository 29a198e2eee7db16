// Node entry of `wattwaechter/decoders` (the decoders without the device client, 38 % of the
// full `.wasm`): loads the WebAssembly from disk, so that
// `import { decodeRawdump } from "wattwaechter/decoders"` works without calling init().
import { readFile } from "node:fs/promises";
import init from "./decoders.js";

await init({ module_or_path: await readFile(new URL("./decoders_bg.wasm", import.meta.url)) });

export * from "./decoders.js";
export { default } from "./decoders.js";
