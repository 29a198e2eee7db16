// Node entry of `wattwaechter/decoders` for `require` (CommonJS: ioBroker adapters, Node-RED nodes):
// the same glue as CommonJS, instantiated from the `.wasm` on disk at once.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./decoders.cjs");

glue.initSync({ module: readFileSync(join(__dirname, "decoders_bg.wasm")) });

module.exports = glue;
