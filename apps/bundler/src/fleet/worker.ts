// Worker entry of a parallel generation: loads, checks and renders one share of the fleet (see parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import { parseDefinitions } from "../definition/parse.js";
import { toCliError } from "../errors.js";
import { renderClusters } from "../render/fleet.js";
import { loadDefinitions } from "./load.js";
import type { WorkerInput, WorkerOutput } from "./parallel.js";

async function run(input: WorkerInput): Promise<WorkerOutput> {
  try {
    const loaded = await loadDefinitions(input.files);
    const parsed = parseDefinitions(loaded.definitions);
    const rendered = renderClusters(parsed.definitions, {
      ...(input.selected ? { selected: new Set(input.selected) } : {}),
      onProgress: (done) => parentPort?.postMessage({ progress: done }),
    });
    return {
      ok: true,
      definitions: parsed.definitions.map((d) => ({ file: d.file, definition: d.definition })),
      diagnostics: [...loaded.diagnostics, ...parsed.diagnostics, ...rendered.diagnostics],
      files: [...rendered.files],
      units: rendered.units,
    };
  } catch (e) {
    const error = toCliError(e);
    return { ok: false, error: { code: error.code, message: error.message, fix: error.fix, exitCode: error.exitCode } };
  }
}

if (parentPort) parentPort.postMessage({ done: await run(workerData as WorkerInput) });
