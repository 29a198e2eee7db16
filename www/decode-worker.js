// @ts-check
// Decodes off the main thread: a dump of several MB (or a long log) keeps the page responsive,
// and the page can end this worker to cancel a decode.
import init, { decodeRawdump, rawdumpCsv, parseLog, decodeHex } from "/pkg/decoders/decoders.js";

const ready = init();
const jobs = { dump: decodeRawdump, csv: rawdumpCsv, log: parseLog, hex: (text) => decodeHex(text) };

onmessage = async (event) => {
  const { id, job, input, options } = event.data;
  try {
    await ready;
    postMessage({ id, out: jobs[job](input, options) });
  } catch (e) {
    postMessage({ id, error: { message: String(e && e.message ? e.message : e), kind: e && e.kind, offset: e && e.offset } });
  }
};
