// Helpers shared by src/*.test.ts (not part of the build).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** packages/charts */
export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** ../shared relative to the repository root, where CI keeps the reference material. */
export const sharedDir = path.resolve(packageDir, "../..", "../shared");
/** `../shared/reference/charts`: upstream chart files the catalog is generated from. */
export const referenceChartsDir = path.join(sharedDir, "reference/charts");
/** `../shared/examples/tutorial`: the tutorial values files with the mistakes. */
export const tutorialDir = path.join(sharedDir, "examples/tutorial");
/** Whether the reference charts are present (CI has them). */
export const hasReference = existsSync(referenceChartsDir);
/** Whether the tutorial files are present. */
export const hasTutorial = existsSync(tutorialDir);
/** Why reference-based tests are skipped, shown in the test name. */
export const skipReason = hasReference ? "" : ` (SKIPPED: ${referenceChartsDir} not found)`;

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
