import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import type { ParsedDefinition } from "../definition/parse.js";
import type { ClusterDefinition } from "../definition/schema.js";
import { CliError } from "../errors.js";
import type { RenderedUnit } from "../render/fleet.js";
import type { DefinitionFile } from "./discover.js";

/** Fleets with at least this many definitions are rendered by worker threads when the machine has several cores. */
export const PARALLEL_MIN = 200;

/** What a worker receives. */
export interface WorkerInput {
  readonly files: readonly DefinitionFile[];
  readonly selected?: readonly string[];
}

/** One batch of rendered clusters, posted by a worker as soon as it is rendered (plain, structured-clonable data). */
export interface WorkerBatch {
  readonly files: [string, string][];
  readonly units: RenderedUnit[];
  /** Render and secret-scan findings of the batch's clusters. */
  readonly diagnostics: Diagnostic[];
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

/** Splits definition files into `n` shares, keeping files of the same stem (same cluster name) together. */
function shares(files: readonly DefinitionFile[], n: number): DefinitionFile[][] {
  const groups = new Map<string, DefinitionFile[]>();
  for (const f of files) groups.set(f.stem, [...(groups.get(f.stem) ?? []), f]);
  const list = [...groups.values()];
  const out: DefinitionFile[][] = Array.from({ length: n }, () => []);
  const per = Math.ceil(list.length / n);
  list.forEach((g, i) => {
    out[Math.min(n - 1, Math.floor(i / per))]!.push(...g);
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
}

function runWorker(input: WorkerInput, onProgress: (delta: number) => void): Promise<WorkerResult> {
  const self = import.meta.url;
  // Built: dist/fleet/worker.js. From source (tests run the .ts files): load worker.ts through tsx.
  const entry = self.endsWith(".ts")
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
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: input });
    let last = 0;
    worker.on("message", (m: { progress?: number; batch?: WorkerBatch; done?: WorkerOutput }) => {
      if (m.batch) {
        for (const [k, v] of m.batch.files) files.set(k, v);
        units.push(...m.batch.units);
        diagnostics.push(...m.batch.diagnostics);
      }
      if (m.progress !== undefined) {
        onProgress(m.progress - last);
        last = m.progress;
      }
      if (m.done) resolve({ output: m.done, files, units, diagnostics });
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`a render worker exited with code ${code}`));
    });
  });
}

/**
 * Loads, checks and renders the fleet's clusters in `n` worker threads (same functions as the serial path, so the
 * output is byte-identical); bootstrap and fleet-wide checks stay with the caller.
 */
export async function renderInWorkers(
  files: readonly DefinitionFile[],
  n: number,
  selected: ReadonlySet<string> | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<ParallelResult> {
  const parts = shares(files, n);
  const total = selected ? selected.size : new Set(files.map((f) => f.stem)).size;
  let done = 0;
  let reported = 0;
  const outputs = await Promise.all(
    parts.map((part) =>
      runWorker({ files: part, ...(selected ? { selected: [...selected] } : {}) }, (delta) => {
        done += delta;
        if (onProgress && (Math.floor(done / 50) > Math.floor(reported / 50) || done === total)) {
          reported = done;
          onProgress(done, total);
        }
      }),
    ),
  );
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
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  definitions.sort((a, b) => byName(a.definition.name, b.definition.name));
  units.sort((a, b) => byName(a.name, b.name));
  return { definitions, diagnostics, files: merged, units };
}
