import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TempoDefaults } from "../scripts/codegen.js";

/** Test-only inputs committed in the repository (not exported from the package). */
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Tempo's defaults manifest of a version, as committed in `sources/tempo-<version>.json` (`pnpm codegen --from-sources`). */
export function tempoDefaults(version: string): Record<string, unknown> {
  const file = path.join(packageDir, "sources", `tempo-${version}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as TempoDefaults).defaults;
}

/** A file of the tutorial (`fixtures/tutorial/` at the repository root), as text. */
export { tutorialFile } from "../../../fixtures/tutorial.js";
