#!/usr/bin/env node
// Profiles the lgtm-gitops CLI with V8's sampling profiler (`node --cpu-prof`) and summarises the profile:
// self time per function, total (inclusive) time of our own functions, and self time per package.
//
//   node bench/profile.mjs [--clusters 1000]
//                          [--command generate|generate-unchanged|check|lint-tutorial|lint-5mb|cli-start]
//                          [--top 25] [--keep]
//   node bench/profile.mjs FILE.cpuprofile… [--top 25]       (summarise existing profiles, added up)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadTempoConfig, writeFleet } from "./fleet.mjs";
import { largeValues } from "./values.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "apps/bundler/dist/main.js");

/**
 * @typedef {object} CallFrame
 * @property {string} functionName
 * @property {string} url
 * @property {number} lineNumber 0-based
 * @property {number} columnNumber
 */
/**
 * @typedef {object} ProfileNode
 * @property {number} id
 * @property {CallFrame} callFrame
 * @property {number[]} [children]
 */
/**
 * @typedef {object} CpuProfile
 * @property {ProfileNode[]} nodes
 * @property {number[]} samples node id per sample
 * @property {number[]} timeDeltas µs before each sample
 * @property {number} startTime
 * @property {number} endTime
 */

/**
 * Where a script belongs: `apps/bundler`, `packages/<name>`, `<npm package>`, `node:internal`, or the
 * pseudo-frames V8 records without a script (`(garbage collector)`, `(program)`, `(idle)`).
 * @param {CallFrame} f
 * @returns {string}
 */
export function groupOf(f) {
  const url = f.url;
  if (url === "") return f.functionName.startsWith("(") ? f.functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const p = url.startsWith("file://") ? fileURLToPath(url) : url;
  const nm = p.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = p.slice(nm + "/node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = path.relative(root, p);
  const m = /^(apps|packages)\/([^/]+)\//.exec(rel);
  return m ? `${m[1]}/${m[2]}` : rel;
}

/**
 * @param {CallFrame} f
 * @returns {string} `name (file:line)` with the file relative to the repository or the npm package
 */
function label(f) {
  const name = f.functionName || "(anonymous)";
  if (f.url === "") return name;
  let file = f.url.startsWith("file://") ? fileURLToPath(f.url) : f.url;
  const nm = file.lastIndexOf("/node_modules/");
  file = nm >= 0 ? file.slice(nm + "/node_modules/".length) : path.relative(root, file);
  return `${name} (${file}:${f.lineNumber + 1})`;
}

/**
 * @typedef {object} Summary
 * @property {number} totalMs profiled time, added up over the threads
 * @property {Array<{ fn: string, group: string, selfMs: number }>} self by function, largest first
 * @property {Array<{ fn: string, group: string, totalMs: number }>} total inclusive time by function, largest first
 * @property {Array<{ group: string, selfMs: number }>} groups self time by package, largest first
 */

/** What src/code-cache.ts wraps the bundled CLI in (it shifts the first line's columns). */
const VM_WRAPPER = "(function (exports, require, module, __filename, __dirname) {";

/**
 * Points the frames of the bundled CLI (dist/cli.cjs, dist/fleet/worker.js) back at the files they were bundled
 * from, through the bundles' source maps, so functions and packages are named as in the sources.
 * @param {CpuProfile} profile
 * @returns {CpuProfile}
 */
export function unbundle(profile) {
  /** @type {Map<string, { map: SourceMap, dir: string } | null>} */
  const maps = new Map();
  const mapOf = (/** @type {string} */ url) => {
    if (!maps.has(url)) {
      let entry = null;
      try {
        const file = fileURLToPath(url);
        if (/[/\\]dist[/\\](cli\.cjs|fleet[/\\]worker\.js)$/.test(file) && fs.existsSync(`${file}.map`))
          entry = { map: new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8"))), dir: path.dirname(file) };
      } catch {
        entry = null;
      }
      maps.set(url, entry);
    }
    return maps.get(url);
  };
  for (const n of profile.nodes) {
    const f = n.callFrame;
    if (!f.url.startsWith("file:")) continue;
    const m = mapOf(f.url);
    if (!m) continue;
    const column =
      f.lineNumber === 0 && f.url.endsWith("cli.cjs") ? f.columnNumber - VM_WRAPPER.length : f.columnNumber;
    const e = /** @type {{ originalSource?: string, originalLine?: number }} */ (m.map.findEntry(f.lineNumber, column));
    if (e.originalSource === undefined || e.originalLine === undefined) continue;
    const source = e.originalSource.startsWith("file:")
      ? fileURLToPath(e.originalSource)
      : path.resolve(m.dir, e.originalSource);
    n.callFrame = { ...f, url: pathToFileURL(source).href, lineNumber: e.originalLine };
  }
  return profile;
}

/**
 * Summarises one or more .cpuprofile files (the main thread and each worker thread write one; their times add
 * up, as CPU time). Each sample lasts until the next one (the last one gets the mean interval).
 * @param {CpuProfile[]} profiles
 * @returns {Summary}
 */
export function summarise(profiles) {
  /** @type {Map<string, { fn: string, group: string, selfMs: number, totalMs: number }>} */
  const fns = new Map();
  /** @type {Map<string, number>} */
  const groups = new Map();
  let totalMs = 0;
  for (const profile of profiles) {
    totalMs += (profile.endTime - profile.startTime) / 1000;
    addProfile(profile, fns, groups);
  }
  const all = [...fns.values()];
  return {
    totalMs,
    self: all.filter((f) => f.selfMs > 0).sort((a, b) => b.selfMs - a.selfMs),
    total: all.sort((a, b) => b.totalMs - a.totalMs),
    groups: [...groups].map(([group, selfMs]) => ({ group, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

/**
 * @param {CpuProfile} profile
 * @param {Map<string, { fn: string, group: string, selfMs: number, totalMs: number }>} fns
 * @param {Map<string, number>} groups
 */
function addProfile(profile, fns, groups) {
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const { samples, timeDeltas } = profile;
  const mean = samples.length > 1 ? (profile.endTime - profile.startTime) / samples.length : 0;
  /** @type {Map<number, string[]>} stack of unique function keys per leaf node */
  const stacks = new Map();
  const keyOf = (/** @type {ProfileNode} */ n) => {
    const k = label(n.callFrame);
    if (!fns.has(k)) fns.set(k, { fn: k, group: groupOf(n.callFrame), selfMs: 0, totalMs: 0 });
    return k;
  };
  for (let i = 0; i < samples.length; i++) {
    const ms = (i + 1 < timeDeltas.length ? timeDeltas[i + 1] : mean) / 1000;
    const leaf = byId.get(samples[i]);
    if (!leaf) continue;
    const k = keyOf(leaf);
    const f = /** @type {{ selfMs: number }} */ (fns.get(k));
    f.selfMs += ms;
    const g = groupOf(leaf.callFrame);
    groups.set(g, (groups.get(g) ?? 0) + ms);
    let stack = stacks.get(leaf.id);
    if (!stack) {
      /** @type {Set<string>} */
      const seen = new Set();
      for (let id = leaf.id; id !== undefined; id = /** @type {number} */ (parent.get(id))) {
        const n = byId.get(id);
        if (n) seen.add(keyOf(n));
      }
      stack = [...seen];
      stacks.set(leaf.id, stack);
    }
    for (const s of stack) /** @type {{ totalMs: number }} */ (fns.get(s)).totalMs += ms;
  }
}

/**
 * @param {Summary} s
 * @param {number} top
 * @returns {string}
 */
export function formatSummary(s, top) {
  const pct = (/** @type {number} */ ms) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  const ms = (/** @type {number} */ x) => `${x.toFixed(0).padStart(7)} ms`;
  const own = (/** @type {string} */ g) => g.startsWith("apps/") || g.startsWith("packages/");
  return [
    `profiled ${s.totalMs.toFixed(0)} ms (all threads added up; percentages are of that)`,
    "",
    "self time by package:",
    ...s.groups.slice(0, top).map((g) => `${ms(g.selfMs)} ${pct(g.selfMs)}  ${g.group}`),
    "",
    `top ${top} functions by self time:`,
    ...s.self.slice(0, top).map((f) => `${ms(f.selfMs)} ${pct(f.selfMs)}  ${f.fn}`),
    "",
    `top ${top} of our functions (apps/, packages/) by total time (including callees):`,
    ...s.total
      .filter((f) => own(f.group))
      .slice(0, top)
      .map((f) => `${ms(f.totalMs)} ${pct(f.totalMs)}  ${f.fn}`),
  ].join("\n");
}

/**
 * Runs the CLI once under the profiler and returns the paths of the written profiles (one per thread).
 * @param {string[]} args CLI arguments
 * @param {string} dir where the profile goes
 * @param {string} cwd
 * @returns {string[]}
 */
function profileRun(args, dir, cwd) {
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, cli, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = performance.now() - start;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`lgtm-gitops ${args.join(" ")} exited ${r.status}\n${r.stderr}`);
  process.stderr.write(`lgtm-gitops ${args[0]}: ${wall.toFixed(0)} ms wall (with the profiler on)\n`);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) throw new Error(`no .cpuprofile written in ${dir}`);
  return files.sort().map((f) => path.join(dir, f));
}

/**
 * @param {string} file
 * @returns {CpuProfile}
 */
function readProfile(file) {
  return unbundle(JSON.parse(fs.readFileSync(file, "utf8")));
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  let clusters = 1000;
  let command = "generate";
  let top = 25;
  let keep = false;
  /** @type {string[]} */
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--clusters") clusters = Number(args[++i]);
    else if (a === "--command") command = args[++i];
    else if (a === "--top") top = Number(args[++i]);
    else if (a === "--keep") keep = true;
    else if (!a.startsWith("-")) files.push(a);
    else throw new Error(`unknown option "${a}"`);
  }
  if (files.length > 0) {
    process.stdout.write(`${formatSummary(summarise(files.map(readProfile)), top)}\n`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-gitops-profile-"));
  try {
    const fleet = path.join(tmp, "fleet");
    const out = path.join(tmp, "clusters");
    const profiles = path.join(tmp, "profiles");
    fs.mkdirSync(profiles);
    const common = ["--fleet", fleet, "--out", out, "--quiet"];
    /** @type {string[]} */
    let cliArgs;
    if (command === "cli-start") cliArgs = ["--version"];
    else if (command === "lint-tutorial") {
      const dir = path.resolve(root, "fixtures/tutorial");
      cliArgs = ["lint", path.join(dir, "lgtm-values.yaml"), path.join(dir, "prometheus-values.yaml")];
    } else if (command === "lint-5mb") {
      const big = path.join(tmp, "large-values.yaml");
      fs.writeFileSync(big, largeValues(5 * 1024 * 1024));
      cliArgs = ["lint", big, "--chart", "lgtm-distributed@3.0.1"];
    } else {
      writeFleet(await loadTempoConfig(root), fleet, clusters);
      if (command !== "generate") {
        const r = spawnSync(process.execPath, [cli, "generate", ...common], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(`generate exited ${r.status}\n${r.stderr}`);
      }
      cliArgs = [command === "check" ? "check" : "generate", ...common];
    }
    const written = profileRun(cliArgs, profiles, tmp);
    const loaded = written.map(readProfile);
    for (const [i, p] of loaded.entries())
      process.stderr.write(
        `${keep ? written[i] : path.basename(written[i])}: ${((p.endTime - p.startTime) / 1000).toFixed(0)} ms\n`,
      );
    process.stdout.write(`${formatSummary(summarise(loaded), top)}\n`);
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e) => {
    process.stderr.write(`profile: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
