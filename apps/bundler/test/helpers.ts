// Shared helpers of the end-to-end tests: run the CLI in-process against temporary directories.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../src/cli.js";

/** The repository root, its fleet (the examples users start from), and the tests' own fixture fleet. */
export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const exampleFleet = path.join(repoRoot, "apps/bundler/fleet");
export const fixtureFleet = path.join(import.meta.dirname, "fixtures/fleet");

/** One diagnostic as `--format json` prints it (the DESIGN.md contract: `path` is the formatted dot path). */
export type { JsonDiagnostic } from "@lgtm-gitops/validators";

/** Output of one in-process CLI run. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with `cwd` = the repository root (lock waits are short). */
export async function cli(argv: readonly string[], options: { lockWaitMs?: number } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd: repoRoot,
    root: repoRoot,
    lockWaitMs: options.lockWaitMs ?? 200,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lgtm-e2e-${prefix}-`));
}

/** Every file under `dir` (relative path → sha256), for byte-identity checks. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    out[path.relative(dir, abs).split(path.sep).join("/")] = createHash("sha256")
      .update(fs.readFileSync(abs))
      .digest("hex");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every file under `dir` with one of the extensions, as relative paths. */
export function listFiles(dir: string, ext: string): string[] {
  return Object.keys(snapshot(dir)).filter((f) => f.endsWith(ext));
}
