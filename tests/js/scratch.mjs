// Scratch projects that install the packed npm package the way users do: `npm pack pkg/`,
// then `npm install <tarball>` into a fresh folder. Shared by the packaging and attack tests.
import { execFileSync, execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "../..");

/** Runs a command and returns its standard output (throws with its stderr when it fails). */
export function sh(cmd, args, cwd, env = process.env) {
  return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** `sh` without blocking the event loop (for scripts that talk to servers of this process). */
export async function shAsync(cmd, args, cwd, { timeout = 60000, env = process.env } = {}) {
  const { stdout } = await promisify(execFile)(cmd, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** A fresh folder `out` with the package packed into it; returns the tarball's path. */
export function pack(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const name = sh("npm", ["pack", join(root, "pkg"), "--pack-destination", out, "--silent"], root).trim().split("\n").pop();
  return join(out, name);
}

/** A scratch project `out/name` with the tarball installed; `packageJson` adds to its package.json. */
export function project(out, tarball, name, packageJson = { type: "module" }) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, ...packageJson }));
  sh("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], dir);
  return dir;
}
