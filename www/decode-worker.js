// @ts-check
// Decodes off the main thread: a dump of several MB (or a long log) keeps the page responsive,
// and the page can end this worker to cancel a decode. The Live tab's stream decoder lives
// here too (one at a time), so that frames are decoded as the bytes arrive.
import init, { decodeRawdump, rawdumpCsv, parseLog, readCapture, detectCaptureFormat, anonymizeDump, explainFrame, FrameStream } from "/pkg/decoders/decoders.js";

const ready = init();
/** @type {FrameStream | null} */
let stream = null;
const jobs = {
  dump: decodeRawdump,
  csv: rawdumpCsv,
  log: parseLog,
  capture: (text, options) => readCapture(text, options),
  "capture-format": (text) => detectCaptureFormat(text),
  anonymize: (bytes) => anonymizeDump(bytes),
  explain: ({ bytes, offset }, options) => explainFrame(bytes, offset, options),
  "stream-start": (options) => {
    stream?.free();
    stream = new FrameStream(options);
    return null;
  },
  "stream-push": (chunk) => stream.push(chunk),
  "stream-finish": () => {
    const frames = stream.finish();
    stream.free();
    stream = null;
    return frames;
  },
};

onmessage = async (event) => {
  const { id, job, input, options } = event.data;
  try {
    await ready;
    postMessage({ id, out: jobs[job](input, options) });
  } catch (e) {
    postMessage({ id, error: { message: String(e && e.message ? e.message : e), kind: e && e.kind, offset: e && e.offset } });
  }
};
