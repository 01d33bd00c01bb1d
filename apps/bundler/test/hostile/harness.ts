// Harness of the hostile-input, crash-safety and secret tests: a throw-away workspace holding a copy of the example
// fleet and its generated clusters/, and the built CLI (dist/main.js) run as a child process with bounded memory.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The repository root, the bundler package and its built entry point. */
export const repoRoot = path.resolve(import.meta.dirname, "../../../..");
export const bundlerDir = path.join(repoRoot, "apps/bundler");
export const mainJs = path.join(bundlerDir, "dist/main.js");
const rssHook = path.join(import.meta.dirname, "rss-hook.mjs");
/** Preload of the crash-safety test: SIGKILLs `generate` at its n-th file-system mutation in the output directory. */
export const killHook = path.join(import.meta.dirname, "kill-hook.mjs");

/** Heap limit of every child (MB): a run that needs more fails instead of eating the machine. */
export const HEAP_LIMIT_MB = 384;
/** Wall-clock limit of every child (ms): a run still going after this is killed and the case fails. */
export const TIME_LIMIT_MS = 60_000;

/** A temporary workspace: `fleet/` (copy of the example fleet), `clusters/` (its generated bundles). */
export interface Workspace {
  readonly dir: string;
  readonly fleet: string;
  readonly clusters: string;
}

/** A stack trace line (`    at fn (file:1:2)`) or Node's internals: never allowed in the CLI's output. */
export const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)|\n\s+at .+:\d+:\d+|node:internal/;

/** Output of one child-process run of the CLI. */
export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock time, spawn to exit (load on the machine inflates it: bound `cpuMs`, not this). */
  readonly ms: number;
  /** Peak resident set size of the child, in KB (undefined when the child died before reporting it). */
  readonly maxRssKb: number | undefined;
  /**
   * CPU time the child used (user + system, all its threads), in ms: the work it did, which other processes on a
   * busy machine do not inflate as they do wall-clock time. Undefined when the child died before reporting it.
   */
  readonly cpuMs: number | undefined;
}

let counter = 0;

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lgtm-hostile-${prefix}-`));
}

/**
 * Makes a workspace whose TypeScript definitions resolve `@lgtm-gitops/bundler` (a `node_modules` link to this
 * package) and run as ESM (`"type": "module"`), with a copy of the example fleet. Does not generate.
 */
export function makeWorkspace(prefix = "ws"): Workspace {
  const dir = tempDir(prefix);
  fs.writeFileSync(path.join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  fs.mkdirSync(path.join(dir, "node_modules/@lgtm-gitops"), { recursive: true });
  fs.symlinkSync(bundlerDir, path.join(dir, "node_modules/@lgtm-gitops/bundler"), "dir");
  fs.cpSync(path.join(bundlerDir, "fleet"), path.join(dir, "fleet"), { recursive: true });
  return { dir, fleet: path.join(dir, "fleet"), clusters: path.join(dir, "clusters") };
}

/** Copies a workspace (fleet, clusters/, links) to a new temporary directory. */
export function cloneWorkspace(from: Workspace, prefix = "case"): Workspace {
  const dir = tempDir(`${prefix}-${++counter}`);
  fs.cpSync(from.dir, dir, { recursive: true, verbatimSymlinks: true });
  return { dir, fleet: path.join(dir, "fleet"), clusters: path.join(dir, "clusters") };
}

/** Every entry under `dir` (relative path → sha256 of the bytes, `dir`, or `-> target` for links), sorted. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, abs).split(path.sep).join("/");
    if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(abs)}`;
    else if (e.isDirectory()) out[rel] = "dir";
    else if (!e.isFile())
      out[rel] = "special"; // a FIFO or device: never read (it could block)
    else out[rel] = createHash("sha256").update(fs.readFileSync(abs)).digest("hex");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every regular file under `dir` (relative path → bytes). */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, abs).split(path.sep).join("/"), fs.readFileSync(abs));
  }
  return out;
}

const MAX_CAPTURE = 2 * 1024 * 1024;

/**
 * Runs `node dist/main.js ARGS` in `cwd` with a heap limit and a wall-clock limit, measuring peak memory through a
 * preloaded exit hook. `onSpawn` gets the child (the crash-safety test kills it).
 */
export function runChild(
  args: readonly string[],
  options: {
    cwd: string;
    timeoutMs?: number;
    onSpawn?: (child: import("node:child_process").ChildProcess) => void;
    /** Extra environment variables. */
    env?: Record<string, string>;
    /** Extra modules to preload (`--import`), absolute paths. */
    imports?: readonly string[];
  },
): Promise<ChildRun> {
  const rssFile = path.join(os.tmpdir(), `lgtm-hostile-rss-${process.pid}-${++counter}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_LIMIT_MB}`,
        "--import",
        pathToFileURL(rssHook).href,
        ...(options.imports ?? []).flatMap((m) => ["--import", pathToFileURL(m).href]),
        mainJs,
        ...args,
      ],
      {
        cwd: options.cwd,
        env: { ...process.env, LGTM_GITOPS_RSS_FILE: rssFile, NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      if (stdout.length < MAX_CAPTURE) stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += d.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? TIME_LIMIT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let maxRssKb: number | undefined;
      let cpuMs: number | undefined;
      try {
        const usage = JSON.parse(fs.readFileSync(rssFile, "utf8")) as { maxRssKb: number; cpuMs: number };
        ({ maxRssKb, cpuMs } = usage);
        fs.rmSync(rssFile, { force: true });
      } catch {
        maxRssKb = undefined;
      }
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, maxRssKb, cpuMs });
    });
    options.onSpawn?.(child);
  });
}

/** Runs `fn` for every item with at most `limit` running at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

import type { JsonDiagnostic } from "../helpers.js";

export type { JsonDiagnostic };

/** The JSON array of diagnostics a `--format json` run printed on stdout (empty when there is none). */
export function jsonDiagnostics(stdout: string): JsonDiagnostic[] {
  const start = stdout.indexOf("[");
  if (start === -1) return [];
  const end = stdout.lastIndexOf("]");
  try {
    const parsed = JSON.parse(stdout.slice(start, end + 1)) as unknown;
    return Array.isArray(parsed) ? (parsed as JsonDiagnostic[]) : [];
  } catch {
    return [];
  }
}

/** The error code of the CLI's closing error line, `lgtm-gitops: … (code)`. */
export function cliErrorCode(stderr: string): string | undefined {
  return /^lgtm-gitops: .*\(([a-z-]+\/[a-z-]+)\)$/m.exec(stderr)?.[1];
}

/**
 * A valid YAML cluster definition of the tests' own (tempo-distributed on k3s, object storage through a Secret,
 * Loki and Mimir at given URLs), so tests do not depend on the example fleet's text. `extra` is appended as
 * further top-level keys.
 */
export function testDefinition(options: {
  name: string;
  revision?: string;
  replicas?: number;
  extra?: string;
}): string {
  const { name, revision = "main", replicas = 2, extra = "" } = options;
  return `name: ${name}
distribution: k3s
argocd:
  repoURL: https://github.com/example/lgtm-gitops.git
  targetRevision: ${revision}
  destination:
    name: ${name}
stack:
  chart: tempo-distributed
  version: 1.61.3
  release: tempo
  namespace: tempo
tempo:
  retention: 72h
  storage:
    backend: s3
    bucket: tempo-${name}
    endpoint: minio.storage.svc.cluster.local:9000
    credentials:
      secretName: tempo-s3
  receivers:
    otlp:
      grpc: { enabled: true }
  distributor: { replicas: ${replicas} }
  ingester: { replicas: 3, replicationFactor: 3 }
  querier: { replicas: ${replicas} }
  queryFrontend: { replicas: 1 }
  compactor: { replicas: 1 }
  metricsGenerator:
    enabled: true
    remoteWrite:
      - url: http://mimir-nginx.mimir.svc.cluster.local/api/v1/push
grafana:
  adminSecret:
    name: grafana-admin
datasources:
  lokiUrl: http://loki-gateway.loki.svc.cluster.local
  mimirUrl: http://mimir-nginx.mimir.svc.cluster.local/prometheus
${extra}`;
}

/** `width` lines `<indent>k<i>: value-<i>` (a map's body). */
export function wideMap(width: number, indent: number): string {
  let out = "";
  for (let i = 0; i < width; i++) out += `${" ".repeat(indent)}k${i}: value-${i}-xxxxxxxx\n`;
  return out;
}

/** `copies` lines `<indent>c<i>: *<anchor>` (uses of one anchor). */
export function aliasUses(anchor: string, copies: number, indent: number): string {
  let out = "";
  for (let i = 0; i < copies; i++) out += `${" ".repeat(indent)}c${i}: *${anchor}\n`;
  return out;
}
