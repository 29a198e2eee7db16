// Node entry of the package: loads the WebAssembly from disk, so that
// `import { decodeRawdump, WattWaechter } from "wattwaechter"` works without calling init().
import { readFile } from "node:fs/promises";
import init from "./wattwaechter.js";

await init({ module_or_path: await readFile(new URL("./wattwaechter_bg.wasm", import.meta.url)) });

export * from "./wattwaechter.js";
export { default } from "./wattwaechter.js";
