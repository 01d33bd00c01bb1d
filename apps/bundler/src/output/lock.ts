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

/** What a non-file in the lock's place is, for the message. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return "directory";
  if (st.isSymbolicLink()) return "symbolic link";
  if (st.isFIFO()) return "named pipe (FIFO)";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "device";
  return "special file";
}

function unusable(file: string, what: string): CliError {
  return new CliError(
    "output/lock-unusable",
    `the output lock ${file} ${what}, so no run can take it`,
    `Remove ${file} (lgtm-gitops only ever puts a small file holding a process id there), then run again.`,
    EXIT.usage,
  );
}

/**
 * The pid in the lock file, `NaN` when it holds none, `undefined` when the file is gone. Never blocks (opened
 * non-blocking, without following a link, and it must be a regular file) and reads at most 64 bytes. Throws
 * `output/lock-unusable` for anything that is not a readable regular file.
 */
function readHolder(file: string): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw unusable(file, "is a symbolic link");
    throw unusable(file, `cannot be read [${code ?? "error"}]`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw unusable(file, `is a ${kindOf(st)}`);
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return Number.parseInt(buf.subarray(0, n).toString("utf8").trim(), 10);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw unusable(file, `cannot be read [${(e as { code?: string }).code ?? "error"}]`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes the output lock `<outDir>/.lgtm-gitops.lock` (created atomically with our pid in it: a hard link fails
 * when the lock exists). A lock left by a process that no longer runs is taken over. A lock held by a live process is
 * waited for up to `waitMs`, then the run fails with `output/locked` (exit 1). Anything else in the lock's place (a
 * directory, a FIFO, a link, an unreadable file) fails at once with `output/lock-unusable`, and an output directory
 * this user cannot write with `output/not-writable` (exit 2): never a wait without end, never a busy loop. Returns the
 * function that releases the lock.
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
  for (let attempt = 0; ; attempt++) {
    // Never spin: every retry waits a little, and the whole wait is bounded.
    if (attempt > 0) {
      if (Date.now() >= deadline + 2000)
        throw unusable(file, "keeps appearing and disappearing (another process creates and removes it)");
      await sleep(attempt < 5 ? 10 : 100);
    }
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) throw unusable(file, `is a ${kindOf(st)}`);
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
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
      if (code === "EACCES" || code === "EPERM" || code === "EROFS" || code === "ENOSPC" || code === "EISDIR")
        throw new CliError(
          "output/not-writable",
          `cannot write in ${outDir} [${code}]`,
          "Run as a user that may write the output directory, or pass --out DIR naming one it may write.",
          EXIT.usage,
        );
      if (code !== "EEXIST" && code !== "ENOENT") throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    if (linked) {
      return () => {
        try {
          if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
        } catch {
          // already gone, or replaced by something we do not remove
        }
      };
    }
    const holder = readHolder(file);
    if (holder === undefined) continue; // removed between our link and read: try again
    if (!alive(holder)) {
      // Stale: its process is gone. Remove it only if it still names that process (another run may have just
      // replaced it with its own).
      const again = readHolder(file);
      if (again === holder || (again !== undefined && Number.isNaN(again))) fs.rmSync(file, { force: true });
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
