import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "../errors.js";
import { isGeneratedText } from "./generated.js";

/** Relative path (forward slashes) → file content: one generation's output. */
export type FileMap = ReadonlyMap<string, string>;

const SAFE_REL = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * Throws unless `rel` is a plain relative path that stays inside the output directory (no `..`, no absolute
 * path, no empty or dot-only segments). Every path we write or delete goes through this check.
 */
export function assertSafeRelPath(rel: string): void {
  const bad = !SAFE_REL.test(rel) || rel.split("/").some((s) => s === "." || s === "..");
  if (bad)
    throw new CliError(
      "output/unsafe-path",
      `refusing to write "${rel}": it is not a plain path inside the output directory`,
      "This is a bug in a renderer; report it with the definition that produced it.",
      EXIT.usage,
    );
}

/** The file's text, or `undefined` when it cannot be read (missing, a directory, no permission). */
function readIfExists(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** A generated file found on disk. */
export interface GeneratedOnDisk {
  readonly abs: string;
  readonly content: string;
}

/**
 * Walks `outDir` and returns the absolute path of every regular file, keyed by relative path, without reading any.
 * Symbolic links and dot-files/dot-directories are skipped; `scope` limits the walk to some top-level directories.
 */
function listFiles(outDir: string, scope?: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  if (!fs.existsSync(outDir)) return found;
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      if (rel === "" && scope && !scope.has(e.name)) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs, childRel);
      else if (e.isFile()) found.set(childRel, abs);
    }
  };
  walk(outDir, "");
  return found;
}

/**
 * Walks `outDir` and returns every regular file that carries our generated header, keyed by relative path.
 * Symbolic links, dot-directories and files without the header (user files) are never returned.
 * `scope` limits the walk to some top-level directories (e.g. the clusters selected with `--cluster`).
 */
export function scanGenerated(outDir: string, scope?: ReadonlySet<string>): Map<string, GeneratedOnDisk> {
  const found = new Map<string, GeneratedOnDisk>();
  for (const [rel, abs] of listFiles(outDir, scope)) {
    const content = readIfExists(abs);
    if (content !== undefined && isGeneratedText(content)) found.set(rel, { abs, content });
  }
  return found;
}

/** What a generation would change on disk. */
export interface Plan {
  /** Files to create or overwrite (content differs or file missing), sorted. */
  readonly write: ReadonlyArray<readonly [string, string]>;
  /** Files whose bytes are already right, sorted. */
  readonly unchanged: readonly string[];
  /** Generated files no longer produced, sorted: the only files ever deleted. */
  readonly remove: readonly string[];
  /** Expected files that exist on disk without our header (edited by hand or not ours), sorted. */
  readonly foreign: readonly string[];
}

/**
 * Compares `expected` with `outDir` (limited to `scope` top-level directories when given). Files are read and
 * compared one at a time, so only `expected` is held in memory, never a second copy of the output.
 */
export function planOutput(outDir: string, expected: FileMap, scope?: ReadonlySet<string>): Plan {
  const onDisk = listFiles(outDir, scope);
  const write: [string, string][] = [];
  const unchanged: string[] = [];
  const foreign: string[] = [];
  for (const rel of [...expected.keys()].sort()) {
    assertSafeRelPath(rel);
    const content = expected.get(rel)!;
    const existing = readIfExists(path.join(outDir, ...rel.split("/")));
    if (existing === content) unchanged.push(rel);
    else {
      write.push([rel, content]);
      if (existing !== undefined && !isGeneratedText(existing)) foreign.push(rel);
    }
  }
  // Files no longer produced: deleted only when they carry the generated header (user files stay).
  const remove: string[] = [];
  for (const [rel, abs] of onDisk) {
    if (expected.has(rel)) continue;
    const content = readIfExists(abs);
    if (content !== undefined && isGeneratedText(content)) remove.push(rel);
  }
  return { write, unchanged, remove: remove.sort(), foreign };
}

let tmpCounter = 0;

/**
 * Writes `content` to `abs` atomically: temp file in the same directory, then rename over the target. A reader (or
 * a run killed at any moment) sees either the old file or the new one, never a part of it. There is no fsync: the
 * output is regenerable, and after a power loss `check` reports any file that did not reach the disk.
 */
export function writeFileAtomic(abs: string, content: string): void {
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${++tmpCounter}.tmp`);
  const fd = fs.openSync(tmp, "wx", 0o644);
  try {
    try {
      fs.writeSync(fd, content);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Name of the temp files {@link writeFileAtomic} creates: `.<name>.<pid>.<n>.tmp`. */
const TEMP_FILE = /^\..+\.\d+\.\d+\.tmp$/;

/**
 * Deletes temp files a killed run left behind (`.<name>.<pid>.<n>.tmp`). Called with the output lock held, so no
 * other run is writing; never follows symbolic links and never touches any other file.
 */
export function removeStaleTempFiles(outDir: string): void {
  const walk = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isFile() && TEMP_FILE.test(e.name)) fs.rmSync(abs, { force: true });
      else if (e.isDirectory() && !e.name.startsWith(".") && depth < 8) walk(abs, depth + 1);
    }
  };
  walk(outDir, 0);
}

/** Makes `dir` (inside `outDir`) and checks that, after resolving symbolic links, it is still inside `outDir`. */
function ensureInside(outReal: string, outDir: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const real = fs.realpathSync(dir);
  if (real !== outReal && !real.startsWith(outReal + path.sep))
    throw new CliError(
      "output/outside",
      `refusing to write into ${path.relative(outDir, dir) || "."}: it resolves to ${real}, outside ${outReal}`,
      "Remove the symbolic link that points out of the output directory.",
      EXIT.usage,
    );
}

/** Counts of one applied plan. */
export interface Applied {
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Journal of the directories a run's deletions may empty (`clusters/.lgtm-gitops.prune`, one relative path a line).
 * Written before the first deletion and removed after the empty ones are pruned, so a run killed in between leaves
 * it behind and the next run (under the lock) finishes the pruning. A dot-file: never scanned, never generated.
 */
export const PRUNE_JOURNAL = ".lgtm-gitops.prune";

/**
 * Removes the directories listed (relative to `outDir`, deepest first) that are empty. A directory holding
 * anything (a user file, a file we still generate) stays; a path that leaves `outDir` (through `..` or a symbolic
 * link) is ignored.
 */
function pruneEmptyDirs(outDir: string, outReal: string, rels: Iterable<string>): void {
  const dirs = [...new Set(rels)].filter((rel) => SAFE_REL.test(rel) && !rel.split("/").some((s) => s === ".."));
  for (const rel of dirs.sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? 1 : -1))) {
    const abs = path.join(outDir, ...rel.split("/"));
    try {
      const stat = fs.lstatSync(abs);
      if (!stat.isDirectory()) continue;
      const real = fs.realpathSync(path.dirname(abs));
      if (real !== outReal && !real.startsWith(outReal + path.sep)) continue;
      if (fs.readdirSync(abs).length === 0) fs.rmdirSync(abs);
    } catch {
      // already gone, or not empty: leave it
    }
  }
}

/** Finishes the pruning of a run killed after its deletions: prunes what the journal lists, then drops it. */
function finishInterruptedPrune(outDir: string, outReal: string): void {
  const journal = path.join(outDir, PRUNE_JOURNAL);
  let text: string;
  try {
    if (!fs.lstatSync(journal).isFile()) return;
    text = fs.readFileSync(journal, "utf8");
  } catch {
    return;
  }
  pruneEmptyDirs(
    outDir,
    outReal,
    text.split("\n").filter((l) => l !== ""),
  );
  fs.rmSync(journal, { force: true });
}

/**
 * Applies a plan: writes each changed file atomically, deletes generated files no longer produced, then
 * removes directories that this left empty (also those a killed run's deletions left empty, see
 * {@link PRUNE_JOURNAL}). Never touches anything outside `outDir`, and never a directory that holds a file.
 */
export function applyPlan(outDir: string, plan: Plan): Applied {
  fs.mkdirSync(outDir, { recursive: true });
  removeStaleTempFiles(outDir);
  const outReal = fs.realpathSync(outDir);
  finishInterruptedPrune(outDir, outReal);
  const checked = new Set<string>();
  for (const [rel, content] of plan.write) {
    assertSafeRelPath(rel);
    const abs = path.join(outDir, ...rel.split("/"));
    const dir = path.dirname(abs);
    if (!checked.has(dir)) {
      ensureInside(outReal, outDir, dir);
      checked.add(dir);
    }
    writeFileAtomic(abs, content);
  }
  const emptied = new Set<string>();
  for (const rel of plan.remove) {
    assertSafeRelPath(rel);
    const parts = rel.split("/");
    for (let n = parts.length - 1; n > 0; n--) emptied.add(parts.slice(0, n).join("/"));
  }
  if (plan.remove.length > 0 && emptied.size > 0)
    writeFileAtomic(
      path.join(outDir, PRUNE_JOURNAL),
      [...emptied]
        .sort()
        .map((d) => `${d}\n`)
        .join(""),
    );
  for (const rel of plan.remove) {
    const abs = path.join(outDir, ...rel.split("/"));
    const real = fs.realpathSync(path.dirname(abs));
    if (real !== outReal && !real.startsWith(outReal + path.sep)) continue;
    fs.rmSync(abs, { force: true });
  }
  if (emptied.size > 0) {
    pruneEmptyDirs(outDir, outReal, emptied);
    fs.rmSync(path.join(outDir, PRUNE_JOURNAL), { force: true });
  }
  return { written: plan.write.map(([rel]) => rel), removed: [...plan.remove] };
}
