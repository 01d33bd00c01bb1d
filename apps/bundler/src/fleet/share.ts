// One share of a parallel generation: loaded, checked and rendered by a worker thread or by the main thread.
import { parseDefinitions } from "../definition/parse.js";
import { toCliError } from "../errors.js";
import { renderClusters } from "../render/fleet.js";
import { VerdictStore } from "../render/verdicts.js";
import { loadDefinitions } from "./load.js";
import type { WorkerBatch, WorkerInput, WorkerOutput } from "./parallel.js";

/** Clusters rendered per message: the worker posts each batch's files and drops them, so it never holds its share. */
const BATCH = 10;

/**
 * Loads, checks and renders one share of the fleet, posting the rendered clusters in batches (`post`), and returns
 * what the whole share found. Runs in a worker thread (worker.ts) or, for one share, on the main thread itself.
 */
export async function renderShare(
  input: WorkerInput,
  post: (message: { progress: number; batch: WorkerBatch }) => void,
): Promise<WorkerOutput> {
  try {
    const loaded = await loadDefinitions(input.files, { compiled: new Map(input.compiled) });
    const parsed = parseDefinitions(loaded.definitions);
    const selected = input.selected ? new Set(input.selected) : undefined;
    const v = input.verdicts;
    const verdicts = v ? new VerdictStore(v.fingerprint, v.outDir, v.entries, v.salt) : undefined;
    let done = 0;
    for (let i = 0; i < parsed.definitions.length; i += BATCH) {
      const slice = parsed.definitions.slice(i, i + BATCH);
      const hitsBefore = verdicts?.hits ?? 0;
      const rendered = renderClusters(slice, { ...(selected ? { selected } : {}), ...(verdicts ? { verdicts } : {}) });
      done += selected ? slice.filter((d) => selected.has(d.definition.name)).length : slice.length;
      const names = new Set(slice.map((d) => d.definition.name));
      const batch: WorkerBatch = {
        files: [...rendered.files],
        units: rendered.units,
        diagnostics: rendered.diagnostics,
        verdicts: verdicts ? verdicts.used().filter((x) => names.has(x.unit)) : [],
        hits: (verdicts?.hits ?? 0) - hitsBefore,
      };
      post({ progress: done, batch });
    }
    return {
      ok: true,
      definitions: parsed.definitions.map((d) => ({ file: d.file, definition: d.definition })),
      diagnostics: [...loaded.diagnostics, ...parsed.diagnostics],
    };
  } catch (e) {
    const error = toCliError(e);
    return { ok: false, error: { code: error.code, message: error.message, fix: error.fix, exitCode: error.exitCode } };
  }
}
