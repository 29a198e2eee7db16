// Shared by the page and accessibility tests.

/** A stand-in for Web Serial: a port that delivers the real sample (9 frames, 3 with a CRC
 * error) in 64-byte pieces at 9600-baud pacing, then stays quiet until it is closed. */
export function fakeSerial() {
  window.serialOpened = [];
  Object.defineProperty(navigator, "serial", {
    configurable: true,
    value: {
      async requestPort() {
        const bytes = new Uint8Array(await (await fetch("samples/EasyMeter_Q3A_A1064V1009.bin")).arrayBuffer());
        let at = 0;
        let cancelled = false;
        const readable = new ReadableStream({
          async pull(controller) {
            if (at >= bytes.length) {
              while (!cancelled) await new Promise((r) => setTimeout(r, 50));
              return controller.close();
            }
            await new Promise((r) => setTimeout(r, (64 * 1000) / 960));
            controller.enqueue(bytes.slice(at, at + 64));
            at += 64;
          },
          cancel() {
            cancelled = true;
          },
        });
        return { readable, async open(options) { window.serialOpened.push(options); }, async close() {} };
      },
    },
  });
}

