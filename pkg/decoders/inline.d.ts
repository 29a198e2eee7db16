// The decoders, ready on import (see inline.js).
export * from "./decoders.js";
