// Runs a command as a child process and measures it: wall time from spawn to exit (performance.now) and peak
// RSS (GNU time's %M when /usr/bin/time exists; otherwise, for Node commands, a preloaded hook reading
// process.resourceUsage().maxRSS at exit).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const GNU_TIME = "/usr/bin/time";
const HOOK = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "rss-hook.mjs")).href;

/** @returns {boolean} whether GNU time can report peak RSS here */
function gnuTimeWorks() {
  if (!fs.existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ["-f", "%M %U %S", "true"], { encoding: "utf8" });
  return r.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/m.test(r.stderr);
}

/** How peak RSS is measured in this run: `gnu-time`, `node-hook` (Node commands only). */
export const RSS_METHOD = gnuTimeWorks() ? "gnu-time" : "node-hook";

/**
 * @typedef {object} Measured
 * @property {number} ms wall time from spawn to exit
 * @property {number | null} rssMb peak resident set size in MiB, null when it could not be measured
 * @property {number | null} cpuMs user + system CPU time of the process, null when it could not be measured
 * @property {number | null} status exit code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Runs `command args` once and measures it.
 * @param {string} command executable (process.execPath for the CLI)
 * @param {string[]} args
 * @param {{ cwd: string, capture?: boolean, method?: string }} options capture=false discards the child's output;
 *   method overrides RSS_METHOD
 * @returns {Measured}
 */
export function measure(command, args, { cwd, capture = true, method = RSS_METHOD }) {
  const rssFile = path.join(os.tmpdir(), `lgtm-gitops-bench-rss-${process.pid}`);
  fs.rmSync(rssFile, { force: true });
  /** @type {[string, string[]]} */
  let argv = [command, args];
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: "1" };
  if (method === "gnu-time") argv = [GNU_TIME, ["-o", rssFile, "-f", "%M %U %S", command, ...args]];
  else if (command === process.execPath) {
    const hook = new URL(HOOK);
    hook.searchParams.set("out", rssFile);
    argv = [command, ["--import", hook.href, ...args]];
  }
  const start = performance.now();
  const r = spawnSync(argv[0], argv[1], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", capture ? "pipe" : "ignore", "pipe"],
  });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  let rssMb = null;
  let cpuMs = null;
  if (fs.existsSync(rssFile)) {
    // "KiB user-seconds system-seconds" on the last line (GNU time may write "Command exited with non-zero
    // status N" before it).
    const last = fs.readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "";
    const [kib, user, sys] = last.trim().split(/\s+/).map(Number);
    if (Number.isFinite(kib) && kib > 0) rssMb = kib / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, rssMb, cpuMs, status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/**
 * @param {number[]} xs
 * @returns {number}
 */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
