// How every bench reads a result of the npm package (imported by corpus.mjs for Node and by
// the page in wasm_chromium.mjs, so it uses nothing from Node).

/** Frames ok and readings in the result of `decodeSml` or `decodeReadings` (reading the
 * result the way a caller would). */
export function count(api, result) {
  let ok = 0;
  let values = 0;
  if (api === "decodeReadings") {
    for (const s of result.frameStatuses) if (s === 0) ok += 1;
    values = result.rowValues.length;
  } else {
    for (const f of result) {
      if (f.status === "ok") ok += 1;
      values += f.values.length;
    }
  }
  return { ok, values };
}
