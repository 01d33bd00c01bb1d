import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Test-only: the `../shared` folder beside the repository (CI has it). Not exported from the package. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const sharedRoot = path.resolve(repoRoot, "../shared");
export const hasShared = existsSync(path.join(sharedRoot, "reference/tempo/manifest-v2.9.0.yaml"));
export const SKIP_REASON = `skipped: ${sharedRoot} (the shared reference folder) is absent`;

export function readShared(rel: string): string {
  return readFileSync(path.join(sharedRoot, rel), "utf8");
}
