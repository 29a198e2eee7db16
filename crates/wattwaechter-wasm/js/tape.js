// Builds a JS value from the tape written by src/tape.rs (one call for a whole decoder
// result instead of one wasm-to-JS crossing per field). The operation numbers are those of
// `mod op` in src/tape.rs.
//
// ops: Uint32Array, numbers: Float64Array, text: all strings concatenated, bytes: Uint8Array.
export function buildFromTape(ops, numbers, text, bytes) {
  let at = 0;
  let number = 0;
  let textAt = 0;
  let byteAt = 0;
  const known = [];

  function string(length) {
    const s = text.substring(textAt, textAt + length);
    textAt += length;
    return s;
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
      case 4:
        return string(ops[at++]);
      case 5:
        return known[ops[at++]];
      case 6: {
        const id = ops[at++];
        const s = string(ops[at++]);
        known[id] = s;
        return s;
      }
      case 7: {
        const n = ops[at++];
        const array = new Array(n);
        for (let i = 0; i < n; i++) array[i] = value();
        return array;
      }
      case 8: {
        const n = ops[at++];
        const object = {};
        for (let i = 0; i < n; i++) {
          const key = value();
          object[key] = value();
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
      default:
        throw new Error(`wattwaechter: bad tape operation at ${at - 1}`);
    }
  }

  return value();
}
