import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { type ParsedDefinition, parseDefinitions } from "./definition/parse.js";
import { discoverDefinitions } from "./fleet/discover.js";
import { assertSelected, loadDefinitions } from "./fleet/load.js";
import { renderInWorkers, workerCount } from "./fleet/parallel.js";
import { checkFleet, type RenderedFleet, renderBootstrap, renderFleet } from "./render/fleet.js";
import type { VerdictStore } from "./render/verdicts.js";

/** Everything `generate` and `check` need: the parsed fleet, the rendered files, and every diagnostic. */
export interface Prepared {
  readonly definitions: readonly ParsedDefinition[];
  readonly rendered: RenderedFleet;
  readonly diagnostics: readonly Diagnostic[];
  /** Top-level output directories this run owns (`undefined` = the whole output directory). */
  readonly scope: ReadonlySet<string> | undefined;
}

/** Options of {@link prepare}. */
export interface PrepareOptions {
  readonly fleetDir: string;
  /** `--cluster` names; empty = the whole fleet. */
  readonly clusters: readonly string[];
  /** Called every `progressEvery` rendered clusters of a large fleet. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Verdicts of earlier renders (render/verdicts.ts); this run's are recorded in it. @default validate everything */
  readonly verdicts?: VerdictStore;
}

/**
 * Discovers, loads and checks every definition, then renders the selected clusters and the bootstrap directory
 * in memory. Never writes. Throws `CliError` only for input that cannot be read (exit 2).
 */
export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const files = discoverDefinitions(options.fleetDir);
  let selected: ReadonlySet<string> | undefined;
  if (options.clusters.length > 0) {
    assertSelected(options.clusters, new Set(files.map((f) => f.stem)));
    selected = new Set(options.clusters);
  }
  const workers = workerCount(files.length);
  let definitions: ParsedDefinition[];
  let rendered: RenderedFleet;
  const diagnostics: Diagnostic[] = [];
  if (workers > 1) {
    // Large fleet: load, check and render shares of it in worker threads; bootstrap and fleet checks here.
    const parallel = await renderInWorkers(files, workers, selected, options.onProgress, options.verdicts);
    definitions = parallel.definitions;
    const boot = renderBootstrap(definitions, options.verdicts);
    diagnostics.push(...parallel.diagnostics, ...checkFleet(definitions), ...boot.diagnostics);
    // Bootstrap's files join the workers' map (no copy of the fleet's files into a new one).
    for (const [k, v] of boot.files) parallel.files.set(k, v);
    rendered = {
      files: parallel.files,
      units: [...parallel.units, ...boot.units],
      diagnostics: [],
    };
  } else {
    const loaded = await loadDefinitions(files);
    const parsed = parseDefinitions(loaded.definitions);
    definitions = parsed.definitions;
    diagnostics.push(...loaded.diagnostics, ...parsed.diagnostics);
    rendered = renderFleet(definitions, {
      ...(selected ? { selected } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.verdicts ? { verdicts: options.verdicts } : {}),
    });
    diagnostics.push(...rendered.diagnostics);
  }
  const scope = selected ? new Set([...selected, "bootstrap"]) : undefined;
  return { definitions, rendered, diagnostics, scope };
}
