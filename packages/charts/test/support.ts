// Helpers shared by src/*.test.ts (not part of the build).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultValue } from "../src/catalog.js";
import type { ChartId } from "../src/chart-id.js";

/** packages/charts */
export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** `fixtures/tutorial` at the repository root: the tutorial's values files, with their mistakes. */
export { TUTORIAL_DIR as tutorialDir } from "../../../fixtures/tutorial.js";

/** A chart version's own values.yaml defaults, as its committed catalog records them. */
export function chartDefaults(id: ChartId): unknown {
  return defaultValue(id, []);
}

/** Every path in a parsed YAML value: keys and list indexes, parents before children. */
export function* walkPaths(v: unknown, prefix: (string | number)[] = []): Generator<(string | number)[]> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      yield [...prefix, i];
      yield* walkPaths(v[i], [...prefix, i]);
    }
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      yield [...prefix, k];
      yield* walkPaths(x, [...prefix, k]);
    }
  }
}
