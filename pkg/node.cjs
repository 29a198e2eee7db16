// Node entry of `wattwaechter` for `require` (CommonJS: ioBroker adapters, Node-RED nodes):
// the same glue as CommonJS, instantiated from the `.wasm` on disk at once.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./wattwaechter.cjs");

glue.initSync({ module: readFileSync(join(__dirname, "wattwaechter_bg.wasm")) });

module.exports = glue;
