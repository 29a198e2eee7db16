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
