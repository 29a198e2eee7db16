// Builds a JS value from the tape written by src/tape.rs (one call for a whole decoder
// result instead of one wasm-to-JS crossing per field). The operation numbers are those of
// `mod op` in src/tape.rs.
//
// ops: Uint32Array, numbers: Float64Array, ascii / wide: the ASCII and the other strings,
// each concatenated, bytes: Uint8Array, shapeTable: Uint32Array (per shape: its number of
// field names, then the length of each), shapeKeys: the field names, concatenated.
// Per shape (field-name list), a function that builds its object as one object literal
// (`{"offset": next(), "length": next(), …}`): V8 then creates each object with its final
// layout and stores its fields without a keyed lookup — 1.15x faster `decodeSml` in Node than
// cloning a template and assigning by key. The functions are compiled once per page or worker
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
      case 3:
        at++;
        return numbers[number++];
      case 5:
        at += 2;
        return known[ops[at - 1]];
      case 4: {
        const end = asciiAt + ops[at + 1];
        at += 2;
        const s = ascii.substring(asciiAt, end);
        asciiAt = end;
        return s;
      }
      case 0:
        at++;
        return null;
      default:
        return value();
    }
  }

  function value() {
    switch (ops[at++]) {
      case 0:
        return null;
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return numbers[number++];
      case 4: {
        const end = asciiAt + ops[at++];
        const s = ascii.substring(asciiAt, end);
        asciiAt = end;
        return s;
      }
      case 5:
        return known[ops[at++]];
      case 6: {
        const id = ops[at++];
        const s = value();
        known[id] = s;
        return s;
      }
      case 7: {
        const n = ops[at++];
        const array = new Array(n);
        for (let i = 0; i < n; i++) array[i] = next();
        return array;
      }
      case 8: {
        const n = ops[at++];
        const object = {};
        for (let i = 0; i < n; i++) {
          const key = next();
          object[key] = next();
        }
        return object;
      }
      case 9: {
        const n = ops[at++];
        const out = bytes.slice(byteAt, byteAt + n);
        byteAt += n;
        return out;
      }
      case 10:
        return BigInt(value());
      case 11: {
        const end = wideAt + ops[at++];
        const s = wide.substring(wideAt, end);
        wideAt = end;
        return s;
      }
      case 12: {
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
