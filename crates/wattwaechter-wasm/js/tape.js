// Builds a JS value from the tape written by src/tape.rs (one call for a whole decoder
// result instead of one wasm-to-JS crossing per field).
//
// ops: Uint32Array, numbers: Float64Array, ascii / wide: the ASCII and the other strings,
// each concatenated, bytes: Uint8Array, shapeTable: Uint32Array (per shape: its number of
// field names, then the length of each), shapeKeys: the field names, concatenated.
// The operations, as `mod op` in src/tape.rs numbers them (a test there compares the two).
const OP_NULL = 0;
const OP_TRUE = 1;
const OP_FALSE = 2;
const OP_NUMBER = 3;
const OP_STRING = 4;
const OP_KNOWN = 5;
const OP_REMEMBER = 6;
const OP_ARRAY = 7;
const OP_OBJECT = 8;
const OP_BYTES = 9;
const OP_BIGINT = 10;
const OP_WIDE = 11;
const OP_SHAPED = 12;

// Per shape (field-name list), a function that builds its object as one object literal
// (`{"offset": next(), "length": next(), …}`): V8 then creates each object with its final
// layout and stores its fields without a keyed lookup, faster than cloning a template and
// assigning by key (the `decodeSml` rows of `cargo xtask bench` measure the package). The functions are compiled once per page or worker
// and kept. Where code generation from strings is refused (a Content-Security-Policy without
// 'unsafe-eval', `node --disallow-code-generation-from-strings`), the first attempt throws,
// nothing is compiled after it, and objects are built from the templates below instead. The
// source holds only field names of the package's own Rust types, quoted by JSON.stringify.
const literalBuilders = new Map();
let mayCompile = true;

function literalBuilder(keys) {
  if (!mayCompile || keys.includes("__proto__")) return null;
  const source = `return {${keys.map((k) => `${JSON.stringify(k)}: next()`).join(", ")}};`;
  let build = literalBuilders.get(source);
  if (build === undefined) {
    try {
      build = new Function("next", source);
    } catch {
      mayCompile = false;
      return null;
    }
    literalBuilders.set(source, build);
  }
  return build;
}

export function buildFromTape(ops, numbers, ascii, wide, bytes, shapeTable, shapeKeys) {
  let at = 0;
  let number = 0;
  let asciiAt = 0;
  let wideAt = 0;
  let byteAt = 0;
  const known = [];

  // Per shape: its field names, its literal builder (null where none may be compiled), and a
  // template object with those fields (null) from which each object of the shape is otherwise
  // cloned, so that it gets its final layout at once instead of growing field by field.
  const shapes = [];
  const builders = [];
  const templates = [];
  for (let i = 0, keyAt = 0; i < shapeTable.length; ) {
    const keys = new Array(shapeTable[i++]);
    for (let k = 0; k < keys.length; k++) {
      const end = keyAt + shapeTable[i++];
      keys[k] = shapeKeys.substring(keyAt, end);
      keyAt = end;
    }
    shapes.push(keys);
    builders.push(literalBuilder(keys));
    const template = {};
    for (const key of keys) template[key] = null;
    templates.push(template);
  }

  // The operations that dominate (numbers, strings seen before, ASCII strings, null) are read
  // in place;
  // `value` handles every operation.
  function next() {
    switch (ops[at]) {
      case OP_NUMBER:
        at++;
        return numbers[number++];
      case OP_KNOWN:
        at += 2;
        return known[ops[at - 1]];
      case OP_STRING: {
        const end = asciiAt + ops[at + 1];
        at += 2;
        const s = ascii.substring(asciiAt, end);
        asciiAt = end;
        return s;
      }
      case OP_NULL:
        at++;
        return null;
      default:
        return value();
    }
  }

  function value() {
    switch (ops[at++]) {
      case OP_NULL:
        return null;
      case OP_TRUE:
        return true;
      case OP_FALSE:
        return false;
      case OP_NUMBER:
        return numbers[number++];
      case OP_STRING: {
        const end = asciiAt + ops[at++];
        const s = ascii.substring(asciiAt, end);
        asciiAt = end;
        return s;
      }
      case OP_KNOWN:
        return known[ops[at++]];
      case OP_REMEMBER: {
        const id = ops[at++];
        const s = value();
        known[id] = s;
        return s;
      }
      case OP_ARRAY: {
        const n = ops[at++];
        const array = new Array(n);
        for (let i = 0; i < n; i++) array[i] = next();
        return array;
      }
      case OP_OBJECT: {
        const n = ops[at++];
        const object = {};
        for (let i = 0; i < n; i++) {
          const key = next();
          object[key] = next();
        }
        return object;
      }
      case OP_BYTES: {
        const n = ops[at++];
        const out = bytes.slice(byteAt, byteAt + n);
        byteAt += n;
        return out;
      }
      case OP_BIGINT:
        return BigInt(value());
      case OP_WIDE: {
        const end = wideAt + ops[at++];
        const s = wide.substring(wideAt, end);
        wideAt = end;
        return s;
      }
      case OP_SHAPED: {
        const id = ops[at++];
        const build = builders[id];
        if (build !== null) return build(next);
        const keys = shapes[id];
        const object = { ...templates[id] };
        for (let i = 0; i < keys.length; i++) object[keys[i]] = next();
        return object;
      }
      default:
        throw new Error(`wattwaechter: bad tape operation at ${at - 1}`);
    }
  }

  return value();
}
