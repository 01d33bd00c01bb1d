import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "../errors.js";

/** Name of the lock file inside the output directory (ignored by git). */
export const LOCK_FILE = ".lgtm-gitops.lock";

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Takes the output lock `<outDir>/.lgtm-gitops.lock` (created atomically with our pid in it: a hard link fails
 * when the lock exists). A lock left by a
 * process that no longer runs is taken over. A lock held by a live process is waited for up to `waitMs`, then
 * the run fails with `output/locked` (exit 1). Returns the function that releases the lock.
 */
export async function acquireLock(outDir: string, waitMs = 3000): Promise<() => void> {
  try {
    fs.mkdirSync(outDir, { recursive: true });
    if (!fs.statSync(outDir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (e) {
    const code = (e as { code?: string }).code ?? "error";
    throw new CliError(
      "output/not-a-directory",
      `cannot write bundles to ${outDir}: ${code === "EEXIST" || code === "ENOTDIR" ? "it (or a parent) is a file, not a directory" : `it cannot be created [${code}]`}`,
      "Pass --out DIR naming a directory (the default is clusters/ at the repository root).",
      EXIT.usage,
    );
  }
  const file = path.join(outDir, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  for (;;) {
    // The lock appears whole or not at all: our pid is written to a temp file first, then hard-linked to the lock
    // name (fails with EEXIST when held). A lock file is never seen empty, so never mistaken for a stale one.
    const tmp = `${file}.${process.pid}.0.tmp`;
    let linked = false;
    try {
      fs.writeFileSync(tmp, `${process.pid}\n`, { mode: 0o644 });
      fs.linkSync(tmp, file);
      linked = true;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ENOENT") continue; // our temp file was cleaned up by the holder: try again
      if (code !== "EEXIST") throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    if (linked) {
      return () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    } catch {
      continue; // removed between our open and read: try again
    }
    if (!alive(holder)) {
      // Stale: its process is gone. Remove it only if it still names that process (another run may have just
      // replaced it with its own).
      try {
        if (Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10) === holder || Number.isNaN(holder))
          fs.rmSync(file, { force: true });
      } catch {
        // already gone
      }
      continue;
    }
    if (Date.now() >= deadline)
      throw new CliError(
        "output/locked",
        `another lgtm-gitops run (pid ${holder}) is writing ${outDir}`,
        `Wait for it to finish and run again; if no such process runs, delete ${file}.`,
        EXIT.diagnostics,
      );
    await sleep(100);
  }
}
