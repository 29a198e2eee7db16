// Decodes dumps off the main thread, so a dump of several MB keeps the page responsive.
import init, { decodeRawdump, rawdumpCsv } from "/pkg/wattwaechter.js";

const ready = init();

onmessage = async (event) => {
  const { id, bytes, options, csv } = event.data;
  try {
    await ready;
    const out = csv ? rawdumpCsv(bytes, options) : decodeRawdump(bytes, options);
    postMessage({ id, out });
  } catch (e) {
    postMessage({ id, error: { message: String(e && e.message ? e.message : e), kind: e && e.kind } });
  }
};
