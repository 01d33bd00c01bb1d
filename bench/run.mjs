#!/usr/bin/env node
// `pnpm bench`: measures the lgtm-gitops CLI end to end on the repository's example fleet and on synthetic fleets,
// and prints a table; writes bench/results.json. Every figure is a child process timed from spawn to exit. See
// docs/performance.md.
//
// Options: --sizes 10,100,1000,10000  --runs N  --kustomize-runs N  --kustomize-sample N  --no-kustomize  --keep
//          --results FILE
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadTempoConfig, writeFleet } from "./fleet.mjs";
import { measure, median, RSS_METHOD } from "./measure.mjs";
import { table, verdictLines, verdicts } from "./report.mjs";
import { largeValues } from "./values.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "apps/bundler/dist/main.js");
const tutorialDir = path.resolve(root, "fixtures/tutorial");
const exampleFleet = path.join(root, "apps/bundler/fleet");

/**
 * @typedef {object} Options
 * @property {number[]} sizes
 * @property {number | undefined} runs
 * @property {number | undefined} kustomizeRuns
 * @property {number | undefined} kustomizeSample
 * @property {boolean} kustomize
 * @property {boolean} keep
 * @property {string} results
 */

/** @returns {Options} */
function parseOptions() {
  /** @type {Options} */
  const o = {
    sizes: [10, 100, 1000, 10000],
    runs: undefined,
    kustomizeRuns: undefined,
    kustomizeSample: undefined,
    kustomize: true,
    keep: false,
    results: path.join(root, "bench/results.json"),
  };
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const positive = (/** @type {string} */ name, /** @type {string | undefined} */ v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive integer, not "${v}"`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split("=", 2);
    const value = () => inline ?? args[++i];
    if (name === "--sizes")
      o.sizes = value()
        .split(",")
        .map((s) => positive("--sizes", s.trim()));
    else if (name === "--runs") o.runs = positive(name, value());
    else if (name === "--kustomize-runs") o.kustomizeRuns = positive(name, value());
    else if (name === "--kustomize-sample") o.kustomizeSample = positive(name, value());
    else if (name === "--no-kustomize") o.kustomize = false;
    else if (name === "--keep") o.keep = true;
    else if (name === "--results") o.results = path.resolve(value());
    else if (name === "--help" || name === "-h") {
      process.stdout.write(
        "Usage: pnpm bench [-- --sizes 10,100,1000,10000] [--runs N] [--kustomize-runs N] [--kustomize-sample N]\n" +
          "                  [--no-kustomize] [--keep] [--results FILE]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown option "${args[i]}" (see --help)`);
  }
  return o;
}

/**
 * @param {string} s
 */
function progress(s) {
  process.stderr.write(`${s}\n`);
}

/**
 * Runs the CLI `runs` times and summarises.
 * @param {object} spec
 * @param {string} spec.name
 * @param {number | null} spec.clusters
 * @param {number} spec.runs
 * @param {string[]} spec.args CLI arguments (or the command's, with `command`)
 * @param {string} [spec.command] what to run instead of the CLI (then `args` are its arguments)
 * @param {number[]} spec.expect accepted exit codes
 * @param {string} spec.cwd
 * @param {() => void} [spec.before] untimed preparation before each run
 * @param {(r: import("./measure.mjs").Measured) => void} [spec.after] untimed inspection after each run
 * @returns {import("./report.mjs").Result}
 */
function bench({ name, clusters, runs, args, command, expect, cwd, before, after }) {
  /** @type {number[]} */
  const times = [];
  /** @type {number[]} */
  const rss = [];
  /** @type {number[]} */
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const r = command ? measure(command, args, { cwd }) : measure(process.execPath, [cli, ...args], { cwd });
    if (!expect.includes(r.status ?? -1))
      throw new Error(
        `${name}: ${command ?? "lgtm-gitops"} ${args.join(" ")} exited ${r.status} (expected ${expect.join(" or ")})\n${r.stderr.slice(0, 2000)}${r.stdout.slice(0, 2000)}`,
      );
    after?.(r);
    times.push(r.ms);
    if (r.rssMb !== null) rss.push(r.rssMb);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
  }
  const result = {
    name,
    clusters,
    runs,
    min_ms: round(Math.min(...times)),
    median_ms: round(median(times)),
    peak_rss_mb: rss.length > 0 ? round(Math.max(...rss)) : null,
    ...(clusters ? { per_cluster_ms: round(median(times) / clusters, 3) } : {}),
    cpu_ms: cpu.length === runs ? round(median(cpu)) : null,
  };
  progress(`  ${name}${clusters ? ` ×${clusters}` : ""}: median ${result.median_ms} ms, min ${result.min_ms} ms`);
  return result;
}

/**
 * @param {number} x
 * @param {number} [digits]
 * @returns {number}
 */
function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Identity of every file under `dir`: inode, mtime, ctime and size (an atomic rewrite changes the inode, an
 * in-place one the mtime and ctime).
 * @param {string} dir
 * @returns {Map<string, string>}
 */
function snapshot(dir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath ?? e.path, e.name);
    const st = fs.statSync(file, { bigint: true });
    out.set(path.relative(dir, file), `${st.ino}:${st.mtimeNs}:${st.ctimeNs}:${st.size}`);
  }
  return out;
}

/**
 * @param {Map<string, string>} before
 * @param {Map<string, string>} after
 * @returns {string[]} files added, removed or whose identity changed
 */
function changed(before, after) {
  const out = [];
  for (const [f, id] of after) if (before.get(f) !== id) out.push(f);
  for (const f of before.keys()) if (!after.has(f)) out.push(f);
  return out;
}

/** @returns {string | null} the kubectl client and kustomize versions, null when kubectl is not installed */
function kubectlVersion() {
  const r = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim().split("\n").join(", ");
}

/**
 * Builds every bundle directory with `kubectl kustomize`, sequentially, `runs` times.
 * @param {string} outDir
 * @param {number} clusters
 * @param {number} runs
 * @param {number | undefined} sample build only this many directories, evenly spaced, and extrapolate
 * @returns {import("./report.mjs").Result}
 */
function benchKustomize(outDir, clusters, runs, sample, name = "kustomize-build") {
  const dirs = fs
    .readdirSync(outDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(outDir, e.name))
    .sort();
  const chosen =
    sample !== undefined && sample < dirs.length
      ? Array.from({ length: sample }, (_, i) => dirs[Math.floor((i * dirs.length) / sample)])
      : dirs;
  const factor = dirs.length / chosen.length;
  /** @type {number[]} */
  const times = [];
  /** @type {number[]} */
  const cpu = [];
  let peak = null;
  for (let i = 0; i < runs; i++) {
    let total = 0;
    let cpuTotal = 0;
    for (const dir of chosen) {
      const r = measure("kubectl", ["kustomize", dir], { cwd: outDir, capture: false });
      if (r.status !== 0) throw new Error(`kubectl kustomize ${dir} exited ${r.status}\n${r.stderr.slice(0, 2000)}`);
      total += r.ms;
      cpuTotal += r.cpuMs ?? Number.NaN;
      if (r.rssMb !== null) peak = Math.max(peak ?? 0, r.rssMb);
    }
    times.push(total * factor);
    cpu.push(cpuTotal * factor);
  }
  const result = {
    name,
    clusters,
    runs,
    min_ms: round(Math.min(...times)),
    median_ms: round(median(times)),
    peak_rss_mb: peak === null ? null : round(peak),
    per_cluster_ms: round(median(times) / clusters, 3),
    cpu_ms: cpu.every(Number.isFinite) ? round(median(cpu)) : null,
    builds: dirs.length,
    ...(chosen.length < dirs.length ? { sampled_builds: chosen.length } : {}),
    note:
      chosen.length < dirs.length
        ? `${chosen.length} of ${dirs.length} dirs built, extrapolated`
        : `${dirs.length} sequential builds`,
  };
  progress(`  ${name} ×${clusters}: median ${result.median_ms} ms (${result.note})`);
  return result;
}

/**
 * The repository's own fleet (apps/bundler/fleet, read in place; bundles go to a temporary folder): generate into
 * an empty folder, generate again (the usual case: nothing changed), check, and `kubectl kustomize` of the bundles
 * it writes; and the same generate through `pnpm gitops` (scripts/gitops.mjs: pnpm, the staleness check, the CLI).
 * @param {string} tmp
 * @param {Options} o
 * @param {string | null} kubectl
 * @returns {import("./report.mjs").Result[]}
 */
function benchExample(tmp, o, kubectl) {
  const fleet = exampleFleet;
  const out = path.join(tmp, "example", "clusters");
  const n = fs.readdirSync(fleet).length;
  progress(`example fleet: ${n} definitions (${fs.readdirSync(fleet).join(", ")})`);
  const runs = o.runs ?? 11;
  const common = ["--fleet", fleet, "--out", out];
  /** @type {import("./report.mjs").Result[]} */
  const results = [];
  results.push(
    bench({
      name: "example-generate-cold",
      clusters: n,
      runs,
      args: ["generate", ...common],
      expect: [0],
      cwd: root,
      before: () => fs.rmSync(out, { recursive: true, force: true }),
    }),
  );
  results.push(
    bench({ name: "example-generate", clusters: n, runs, args: ["generate", ...common], expect: [0], cwd: root }),
  );
  results.push(bench({ name: "example-check", clusters: n, runs, args: ["check", ...common], expect: [0], cwd: root }));
  const viaPnpm = bench({
    name: "example-pnpm-generate",
    clusters: n,
    runs,
    command: "pnpm",
    args: ["--silent", "gitops", "generate", ...common],
    expect: [0],
    cwd: root,
  });
  viaPnpm.note = "pnpm gitops generate";
  results.push(viaPnpm);
  if (o.kustomize && kubectl)
    results.push(benchKustomize(out, n, o.kustomizeRuns ?? 5, undefined, "example-kustomize"));
  return results;
}

/**
 * All figures for one fleet size.
 * @param {import("./fleet.mjs").TempoConfigApi} tc
 * @param {string} tmp
 * @param {number} n
 * @param {Options} o
 * @param {string | null} kubectl
 * @returns {import("./report.mjs").Result[]}
 */
function benchFleet(tc, tmp, n, o, kubectl) {
  const dir = path.join(tmp, `fleet-${n}`);
  const fleet = path.join(dir, "fleet");
  const out = path.join(dir, "clusters");
  const stats = writeFleet(tc, fleet, n);
  progress(
    `fleet of ${n}: ${stats.lgtm} lgtm-distributed, ${stats.tempoDistributed} tempo-distributed, ${stats.multitenant} multitenant, ${(stats.bytes / 1024).toFixed(0)} KiB of YAML`,
  );
  const runs = o.runs ?? (n >= 10000 ? 1 : n >= 1000 ? 3 : 5);
  const common = ["--fleet", fleet, "--out", out, "--quiet"];
  /** @type {import("./report.mjs").Result[]} */
  const results = [];
  results.push(
    bench({
      name: "generate-cold",
      clusters: n,
      runs,
      args: ["generate", ...common],
      expect: [0],
      cwd: dir,
      before: () => fs.rmSync(out, { recursive: true, force: true }),
    }),
  );
  const files = snapshot(out).size;
  results[0].files = files;
  let rewritten = 0;
  /** @type {Map<string, string>} */
  let before = new Map();
  const unchanged = bench({
    name: "generate-unchanged",
    clusters: n,
    runs,
    args: ["generate", ...common],
    expect: [0],
    cwd: dir,
    before: () => {
      before = snapshot(out);
    },
    after: () => {
      const diff = changed(before, snapshot(out));
      rewritten += diff.length;
      if (diff.length > 0)
        progress(`  generate-unchanged rewrote ${diff.length} files, e.g. ${diff.slice(0, 3).join(", ")}`);
    },
  });
  unchanged.rewritten_files = rewritten;
  unchanged.files = files;
  unchanged.note = `${rewritten} of ${files} files rewritten`;
  results.push(unchanged);
  results.push(bench({ name: "check", clusters: n, runs, args: ["check", ...common], expect: [0], cwd: dir }));
  if (o.kustomize && kubectl)
    results.push(
      benchKustomize(
        out,
        n,
        o.kustomizeRuns ?? (n >= 1000 ? 1 : Math.min(o.runs ?? 3, 3)),
        // 10,001 sequential kubectl runs take ~10 minutes: 500 evenly spaced ones, extrapolated.
        o.kustomizeSample ?? (n >= 10000 ? 500 : undefined),
      ),
    );
  if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
  return results;
}

async function main() {
  const o = parseOptions();
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run "pnpm build" (pnpm bench builds it first)`);
  const kubectl = o.kustomize ? kubectlVersion() : null;
  const tc = await loadTempoConfig(root);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lgtm-gitops-bench-"));
  const load = os.loadavg();
  progress(
    `lgtm-gitops bench: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load ${load.map((l) => l.toFixed(2)).join(" ")}`,
  );
  progress(
    `peak RSS via ${RSS_METHOD}; kubectl: ${kubectl ?? (o.kustomize ? "not installed, kustomize-build skipped" : "skipped")}; temp ${tmp}`,
  );
  /** @type {import("./report.mjs").Result[]} */
  const results = [];
  try {
    const small = o.runs ?? 11;
    // Node alone: every figure below includes it.
    results.push(
      bench({
        name: "node-e-0",
        clusters: null,
        runs: small,
        command: process.execPath,
        args: ["-e", "0"],
        expect: [0],
        cwd: root,
      }),
    );
    results.push(...benchExample(tmp, o, kubectl));
    for (const n of o.sizes) results.push(...benchFleet(tc, tmp, n, o, kubectl));
    results.push(
      bench({ name: "cli-start", clusters: null, runs: small, args: ["--version"], expect: [0], cwd: root }),
    );
    const tutorial = ["lgtm-values.yaml", "prometheus-values.yaml"].map((f) => path.join(tutorialDir, f));
    if (tutorial.every((f) => fs.existsSync(f))) {
      // The tutorial's values are wrong on purpose: lint exits 1 with its findings.
      const r = bench({
        name: "lint-tutorial",
        clusters: null,
        runs: small,
        args: ["lint", ...tutorial],
        expect: [0, 1],
        cwd: root,
      });
      const node = results.find((x) => x.name === "node-e-0");
      r.note = `2 files${node ? `; ${(r.median_ms / node.median_ms).toFixed(1)}× node -e 0` : ""}`;
      results.push(r);
    } else progress(`lint-tutorial skipped: ${tutorialDir} is missing`);
    const big = path.join(tmp, "large-values.yaml");
    const text = largeValues(5 * 1024 * 1024);
    fs.writeFileSync(big, text);
    let findings = "";
    const r = bench({
      name: "lint-5mb",
      clusters: null,
      runs: o.runs ?? 5,
      args: ["lint", big, "--chart", "lgtm-distributed@3.0.1"],
      expect: [0, 1],
      cwd: tmp,
      after: (m) => {
        findings = m.stdout.trim().split("\n").at(-1) ?? "";
      },
    });
    r.note = `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB, ${findings.startsWith("no problems") ? "clean" : findings}`;
    results.push(r);
  } finally {
    if (o.keep) progress(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const end = os.loadavg();
  const doc = {
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    load_avg: { start: load.map((l) => round(l, 2)), end: end.map((l) => round(l, 2)) },
    rss_method: RSS_METHOD,
    kubectl,
    results,
  };
  fs.writeFileSync(o.results, `${JSON.stringify(doc, null, 2)}\n`);
  process.stdout.write(`\n${table(results)}\n\nTargets:\n${verdictLines(verdicts(results))}\n`);
  process.stdout.write(
    `\nnode ${process.version}, ${doc.cpus} CPUs, load average ${load[0].toFixed(2)} at start, ${end[0].toFixed(2)} at end; results in ${path.relative(process.cwd(), o.results) || o.results}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
