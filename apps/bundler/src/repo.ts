import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root: the nearest directory at or above `from` holding `pnpm-workspace.yaml`; when there is
 * none, the root relative to this file (`apps/bundler/dist/` → three levels up).
 */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
}

/** Where the CLI reads definitions and writes bundles. */
export interface Locations {
  /** Repository root (for messages and relative paths). */
  readonly root: string;
  /** Directory of cluster definitions. @default "<root>/apps/bundler/fleet" */
  readonly fleetDir: string;
  /** Directory bundles are written to. @default "<root>/clusters" */
  readonly outDir: string;
}

/** Resolves `--fleet` / `--out` (relative to `cwd`) and the defaults under the repository root. */
export function resolveLocations(cwd: string, options: { fleet?: string; out?: string; root?: string }): Locations {
  const root = options.root ?? findRepoRoot(cwd);
  return {
    root,
    fleetDir: options.fleet !== undefined ? path.resolve(cwd, options.fleet) : path.join(root, "apps/bundler/fleet"),
    outDir: options.out !== undefined ? path.resolve(cwd, options.out) : path.join(root, "clusters"),
  };
}

/** `p` relative to `root` with forward slashes when it is inside it, else absolute. For messages. */
export function displayPath(root: string, p: string): string {
  const rel = path.relative(root, p);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return p;
  return rel.split(path.sep).join("/");
}
