// The WHATWG TransformStream over a FrameStream (src/stream.rs): bytes in (Uint8Array,
// ArrayBuffer or string chunks), frames out, each as soon as it is certain; the last ones
// when the writable side closes. Browsers and Node ≥ 20 have TransformStream as a global.
export function transformOf(decoder) {
  return new TransformStream({
    transform(chunk, controller) {
      for (const frame of decoder.push(chunk)) controller.enqueue(frame);
    },
    flush(controller) {
      try {
        for (const frame of decoder.finish()) controller.enqueue(frame);
      } finally {
        decoder.free();
      }
    },
  });
}
