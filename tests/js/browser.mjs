// Debian's Chromium, headless, as every browser test here launches it (never a downloaded
// browser; without the background-networking flags it keeps dialing Google's hosts).
import { chromium } from "playwright-core";

/** Headless Chromium for the tests. */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * The simulator binary `bin` serving the page `www` (and this checkout's `pkg/`) on `port`,
 * without a request limit, with `extra` arguments; resolves once it answers. Kill the returned
 * process when done.
 */
export async function pageSimulator(bin, port, www, extra = []) {
  const { spawn } = await import("node:child_process");
  const { join } = await import("node:path");
  const pkg = join(new URL("../..", import.meta.url).pathname, "pkg");
  const sim = spawn(bin, ["--port", String(port), "--www", www, "--pkg", pkg, "--no-rate-limit", "--selftest-ms", "10", ...extra], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/system/alive`)).ok) return sim;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  sim.kill();
  throw new Error("the simulator did not start");
}
