import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import type { ParsedDefinition } from "../definition/parse.js";
import type { ClusterDefinition } from "../definition/schema.js";
import { CliError } from "../errors.js";
import type { RenderedUnit } from "../render/fleet.js";
import type { Verdict, VerdictStore } from "../render/verdicts.js";
import type { DefinitionFile } from "./discover.js";
import { compileTypeScript } from "./load.js";
import { renderShare } from "./share.js";
import type { CompiledDefinition } from "./typescript.js";

/** Fleets with at least this many definitions are rendered by worker threads when the machine has several cores. */
export const PARALLEL_MIN = 200;

/** What a worker receives. */
export interface WorkerInput {
  readonly files: readonly DefinitionFile[];
  readonly selected?: readonly string[];
  /** The share's TypeScript definitions, compiled once by the main thread (absolute path → module). */
  readonly compiled: ReadonlyArray<readonly [string, CompiledDefinition]>;
  /** The run's verdict store, as plain data (render/verdicts.ts). */
  readonly verdicts?: {
    readonly fingerprint: string | undefined;
    readonly outDir: string;
    readonly salt: string;
    readonly entries: readonly Verdict[];
  };
}

/** One batch of rendered clusters, posted by a worker as soon as it is rendered (plain, structured-clonable data). */
export interface WorkerBatch {
  readonly files: [string, string][];
  readonly units: RenderedUnit[];
  /** Render and secret-scan findings of the batch's clusters. */
  readonly diagnostics: Diagnostic[];
  /** Verdicts the batch used or recorded, and how many clusters skipped their checks thanks to one. */
  readonly verdicts: Verdict[];
  readonly hits: number;
}

/** What a worker sends back at the end, after all its batches (plain, structured-clonable data). */
export type WorkerOutput =
  | {
      readonly ok: true;
      readonly definitions: { file: string; definition: ClusterDefinition }[];
      /** Load and parse findings (those of rendering came with the batches). */
      readonly diagnostics: Diagnostic[];
    }
  | { readonly ok: false; readonly error: { code: string; message: string; fix: string; exitCode: number } };

/**
 * How many workers to use for `count` definitions: 1 (no workers) for small fleets or one core. The environment
 * variable `LGTM_GITOPS_WORKERS` (1–16) overrides it (benchmarks, tests).
 */
export function workerCount(count: number): number {
  const forced = Number.parseInt(process.env.LGTM_GITOPS_WORKERS ?? "", 10);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16, Math.max(1, count));
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (count < PARALLEL_MIN || cores < 2) return 1;
  return Math.min(cores, 8, Math.ceil(count / 100));
}

/**
 * Splits definition files into `n` shares, keeping files of the same stem (same cluster name) together. The first
 * share (the main thread's) is smaller: that thread also receives the others' files, renders bootstrap/ and compares
 * or writes every file.
 */
function shares(files: readonly DefinitionFile[], n: number): DefinitionFile[][] {
  const groups = new Map<string, DefinitionFile[]>();
  for (const f of files) groups.set(f.stem, [...(groups.get(f.stem) ?? []), f]);
  const list = [...groups.values()];
  const MAIN_WEIGHT = 0.8;
  const unit = list.length / (MAIN_WEIGHT + (n - 1));
  const out: DefinitionFile[][] = Array.from({ length: n }, () => []);
  list.forEach((g, i) => {
    const share = i < unit * MAIN_WEIGHT ? 0 : Math.min(n - 1, 1 + Math.floor((i - unit * MAIN_WEIGHT) / unit));
    out[share]!.push(...g);
  });
  return out.filter((s) => s.length > 0);
}

/** Result of {@link renderInWorkers}, merged in cluster-name order. */
export interface ParallelResult {
  readonly definitions: ParsedDefinition[];
  readonly diagnostics: Diagnostic[];
  readonly files: Map<string, string>;
  readonly units: RenderedUnit[];
}

/** Everything one worker produced: its final message and the batches it posted before. */
interface WorkerResult {
  readonly output: WorkerOutput;
  readonly files: Map<string, string>;
  readonly units: RenderedUnit[];
  readonly diagnostics: Diagnostic[];
  readonly verdicts: Verdict[];
  readonly hits: number;
}

/** The bundled CLI's worker file relative to the bundle (set by scripts/bundle.mjs; not defined in tsc's output). */
declare const LGTM_GITOPS_WORKER: string;

/**
 * Renders one share in a worker thread, or (`here`) on this thread, which would otherwise only wait: one worker
 * fewer to start (each loads the whole CLI and warms up its own JIT).
 */
function runShare(input: WorkerInput, here: boolean, onProgress: (delta: number) => void): Promise<WorkerResult> {
  const self = import.meta.url;
  // Bundled: dist/fleet/worker.js next to dist/main.js. Built by tsc: dist/fleet/worker.js next to this file.
  // From source (tests run the .ts files): load worker.ts through tsx.
  const entry =
    typeof LGTM_GITOPS_WORKER === "string"
      ? new URL(LGTM_GITOPS_WORKER, self)
      : self.endsWith(".ts")
        ? new URL(
            `data:text/javascript,${encodeURIComponent(
              `const { tsImport } = await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))});\n` +
                `await tsImport(${JSON.stringify(new URL("./worker.ts", self).href)}, ${JSON.stringify(self)});`,
            )}`,
          )
        : new URL("./worker.js", self);
  const files = new Map<string, string>();
  const units: RenderedUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  const verdicts: Verdict[] = [];
  let hits = 0;
  return new Promise((resolve, reject) => {
    let last = 0;
    const receive = (m: { progress?: number; batch?: WorkerBatch; done?: WorkerOutput }) => {
      if (m.batch) {
        for (const [k, v] of m.batch.files) files.set(k, v);
        units.push(...m.batch.units);
        diagnostics.push(...m.batch.diagnostics);
        verdicts.push(...m.batch.verdicts);
        hits += m.batch.hits;
      }
      if (m.progress !== undefined) {
        onProgress(m.progress - last);
        last = m.progress;
      }
      if (m.done) resolve({ output: m.done, files, units, diagnostics, verdicts, hits });
    };
    if (here) {
      renderShare(input, receive).then((done) => receive({ done }), reject);
      return;
    }
    const worker = new Worker(entry, { workerData: input });
    worker.on("message", receive);
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`a render worker exited with code ${code}`));
    });
  });
}

/**
 * Loads, checks and renders the fleet's clusters in `n` shares: `n - 1` worker threads and this thread (same
 * functions as the serial path, so the output is byte-identical); bootstrap and fleet-wide checks stay with the
 * caller.
 */
export async function renderInWorkers(
  files: readonly DefinitionFile[],
  n: number,
  selected: ReadonlySet<string> | undefined,
  onProgress?: (done: number, total: number) => void,
  verdicts?: VerdictStore,
): Promise<ParallelResult> {
  const parts = shares(files, n);
  // One esbuild build for the whole fleet, here; the workers only run the compiled modules.
  const compiled = await compileTypeScript(files);
  const total = selected ? selected.size : new Set(files.map((f) => f.stem)).size;
  let done = 0;
  let reported = 0;
  const input = (part: DefinitionFile[]): WorkerInput => ({
    files: part,
    compiled: part.flatMap((f) => {
      const c = compiled.get(f.file);
      return c ? [[f.file, c] as const] : [];
    }),
    ...(selected ? { selected: [...selected] } : {}),
    ...(verdicts
      ? {
          verdicts: {
            fingerprint: verdicts.fingerprint,
            outDir: verdicts.outDir,
            salt: verdicts.salt,
            entries: verdicts.earlier(),
          },
        }
      : {}),
  });
  const progress = (delta: number) => {
    done += delta;
    if (onProgress && (Math.floor(done / 50) > Math.floor(reported / 50) || done === total)) {
      reported = done;
      onProgress(done, total);
    }
  };
  // The workers start first; then this thread renders the first share while they render theirs.
  const running: Promise<WorkerResult>[] = [];
  for (let i = parts.length - 1; i >= 0; i--) running[i] = runShare(input(parts[i]!), i === 0, progress);
  const outputs = await Promise.all(running);
  const definitions: ParsedDefinition[] = [];
  const diagnostics: Diagnostic[] = [];
  const units: RenderedUnit[] = [];
  for (const { output: o } of outputs) {
    if (!o.ok) throw new CliError(o.error.code, o.error.message, o.error.fix, o.error.exitCode);
  }
  // The first worker's map becomes the merged one: the files are never copied again on this thread.
  const merged = outputs[0]?.files ?? new Map<string, string>();
  for (const [i, r] of outputs.entries()) {
    if (!r.output.ok) continue;
    // The workers rendered the clusters: the fleet-wide checks need neither positions nor the text as written.
    for (const d of r.output.definitions) definitions.push({ ...d, locate: () => undefined, input: undefined });
    diagnostics.push(...r.output.diagnostics, ...r.diagnostics);
    if (i > 0) for (const [k, v] of r.files) merged.set(k, v);
    units.push(...r.units);
    if (verdicts) {
      for (const v of r.verdicts) verdicts.adopt(v);
      verdicts.hits += r.hits;
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  definitions.sort((a, b) => byName(a.definition.name, b.definition.name));
  units.sort((a, b) => byName(a.name, b.name));
  return { definitions, diagnostics, files: merged, units };
}
