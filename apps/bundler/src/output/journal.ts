import fs from "node:fs";
import path from "node:path";
import { CliError, EXIT } from "../errors.js";

/**
 * All-or-nothing output. A run changes `clusters/` in three steps:
 *
 * 1. **stage**: every new file content is written under `clusters/.lgtm-gitops.staging/` (flat names `0`, `1`, …);
 *    the tree itself is untouched, so a run killed here leaves the old tree (the next run discards the staging);
 * 2. **commit**: the journal `clusters/.lgtm-gitops.journal` is written whole (temp file + rename): which staged file
 *    goes where, which files are deleted, which directories may be pruned. From this instant the run counts as done;
 * 3. **apply**: staged files are renamed into place, deletions made, emptied directories pruned, then the journal and
 *    the staging directory are removed. A run killed here leaves the journal: the next `generate` (before anything
 *    else, under the lock) replays it, which is idempotent, and the tree becomes the new one; `check` reports it.
 *
 * No fsync (the output is regenerable, `check` tells when it is not current); one rename per written file, the same
 * cost as the temp-file-and-rename it replaces, and nothing at all when nothing changed.
 */

/** The journal of a committed, not yet fully applied run (a dot-file: never scanned, never generated). */
export const JOURNAL = ".lgtm-gitops.journal";
/** Where a run stages the files it is about to write. */
export const STAGING = ".lgtm-gitops.staging";
/** Journal of the directories to prune, written by lgtm-gitops versions before the journal; still finished. */
export const LEGACY_PRUNE_JOURNAL = ".lgtm-gitops.prune";

const JOURNAL_HEADER = "lgtm-gitops journal 1";
const JOURNAL_END = "end";

/** A plain relative path inside the output directory (what every journal entry must be). */
export const SAFE_REL = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export function isSafeRel(rel: string): boolean {
  return SAFE_REL.test(rel) && !rel.split("/").some((s) => s === "." || s === "..");
}

/** One run's changes, as the journal records them. */
export interface Changes {
  /** Relative path → content to write. */
  readonly write: ReadonlyArray<readonly [string, string]>;
  /** Relative paths to delete. */
  readonly remove: readonly string[];
}

const inside = (outReal: string, real: string) => real === outReal || real.startsWith(outReal + path.sep);

/** The nearest existing ancestor of `abs` (itself included), or undefined. */
function nearestExisting(abs: string): { abs: string; stat: fs.Stats } | undefined {
  for (let p = abs; ; p = path.dirname(p)) {
    try {
      return { abs: p, stat: fs.statSync(p) };
    } catch {
      if (path.dirname(p) === p) return undefined;
    }
  }
}

/**
 * Checks, before anything is written, that every change can be made inside `outDir`: each file's directory is (or
 * can be made) a directory that resolves inside the output directory, and no file to write is a directory. Throws
 * `output/outside` or `output/not-a-directory` (exit 2) naming the path; nothing has been changed then.
 */
export function preflight(outDir: string, outReal: string, changes: Changes): void {
  const checked = new Map<string, true>();
  const dirOk = (relDir: string, forRel: string) => {
    if (checked.has(relDir)) return;
    const abs = relDir === "" ? outDir : path.join(outDir, ...relDir.split("/"));
    const near = nearestExisting(abs);
    const real = near ? fs.realpathSync(near.abs) : undefined;
    if (near === undefined || real === undefined || !inside(outReal, real))
      throw new CliError(
        "output/outside",
        `refusing to write ${forRel}: ${relDir || "."} resolves to ${real ?? "nothing"}, outside ${outReal}; nothing was written`,
        "Remove the symbolic link that points out of the output directory (bundle directories are plain directories), then run generate again.",
        EXIT.usage,
      );
    if (!near.stat.isDirectory())
      throw new CliError(
        "output/not-a-directory",
        `refusing to write ${forRel}: ${path.relative(outDir, near.abs) || "."} is a file, not a directory; nothing was written`,
        "Move that file out of the way (it is not one lgtm-gitops generated), then run generate again.",
        EXIT.usage,
      );
    checked.set(relDir, true);
  };
  for (const [rel] of changes.write) {
    dirOk(path.posix.dirname(rel) === "." ? "" : path.posix.dirname(rel), rel);
    try {
      const st = fs.lstatSync(path.join(outDir, ...rel.split("/")));
      if (st.isDirectory())
        throw new CliError(
          "output/not-a-directory",
          `refusing to write ${rel}: a directory is in its place; nothing was written`,
          "Move that directory out of the way, then run generate again.",
          EXIT.usage,
        );
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
  }
  for (const rel of changes.remove) dirOk(path.posix.dirname(rel) === "." ? "" : path.posix.dirname(rel), rel);
}

function writeWhole(abs: string, content: string): void {
  const fd = fs.openSync(abs, "w", 0o644);
  try {
    fs.writeSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}

/** Directories a set of deletions may leave empty (every ancestor of each deleted file, inside the output). */
function emptiedBy(removed: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const rel of removed) {
    const parts = rel.split("/");
    for (let n = parts.length - 1; n > 0; n--) dirs.add(parts.slice(0, n).join("/"));
  }
  return [...dirs].sort();
}

/**
 * Removes the directories listed (relative to `outDir`, deepest first) that are empty. A directory holding anything
 * (a user file, a file we still generate) stays; a path that leaves `outDir` (through a link) is ignored.
 */
function pruneEmptyDirs(outDir: string, outReal: string, rels: Iterable<string>): void {
  const dirs = [...new Set(rels)].filter(isSafeRel);
  for (const rel of dirs.sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? 1 : -1))) {
    const abs = path.join(outDir, ...rel.split("/"));
    try {
      if (!fs.lstatSync(abs).isDirectory()) continue;
      if (!inside(outReal, fs.realpathSync(path.dirname(abs)))) continue;
      if (fs.readdirSync(abs).length === 0) fs.rmdirSync(abs);
    } catch {
      // already gone, or not empty: leave it
    }
  }
}

/** A parsed journal: what a committed run still has to do. */
interface Journal {
  readonly write: ReadonlyArray<readonly [number, string]>;
  readonly remove: readonly string[];
  readonly prune: readonly string[];
}

function parseJournal(text: string): Journal | undefined {
  const lines = text.split("\n");
  if (lines[0] !== JOURNAL_HEADER || lines.at(-2) !== JOURNAL_END) return undefined;
  const write: [number, string][] = [];
  const remove: string[] = [];
  const prune: string[] = [];
  for (const line of lines.slice(1, -2)) {
    const [op, a, b] = line.split("\t");
    if (op === "W" && a !== undefined && /^\d+$/.test(a) && b !== undefined && isSafeRel(b)) write.push([Number(a), b]);
    else if (op === "D" && a !== undefined && isSafeRel(a)) remove.push(a);
    else if (op === "P" && a !== undefined && isSafeRel(a)) prune.push(a);
    else return undefined;
  }
  return { write, remove, prune };
}

/** Carries out a committed journal. Idempotent: a staged file already moved is skipped, a deleted file stays deleted. */
function replay(outDir: string, outReal: string, journal: Journal): void {
  const staging = path.join(outDir, STAGING);
  const made = new Set<string>();
  for (const [n, rel] of journal.write) {
    const from = path.join(staging, String(n));
    if (!fs.existsSync(from)) continue;
    const to = path.join(outDir, ...rel.split("/"));
    const dir = path.dirname(to);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      if (!inside(outReal, fs.realpathSync(dir)))
        throw new CliError(
          "output/outside",
          `refusing to write ${rel}: its directory resolves outside ${outReal}`,
          "Remove the symbolic link that points out of the output directory, then run generate again.",
          EXIT.usage,
        );
      made.add(dir);
    }
    fs.renameSync(from, to);
  }
  for (const rel of journal.remove) {
    const abs = path.join(outDir, ...rel.split("/"));
    try {
      if (!inside(outReal, fs.realpathSync(path.dirname(abs)))) continue;
    } catch {
      continue; // its directory is gone: so is the file
    }
    if (fs.existsSync(abs)) fs.rmSync(abs, { force: true });
  }
  pruneEmptyDirs(outDir, outReal, journal.prune);
}

/** What an earlier run left behind in the output directory. */
export interface Leftovers {
  /** A committed journal not fully applied (the tree is between the old and the new generation). */
  readonly journal: boolean;
  /** A staging directory without a journal (a run killed before committing: the tree is the old one). */
  readonly staging: boolean;
  /** The pruning journal of an older lgtm-gitops. */
  readonly legacyPrune: boolean;
}

/** What {@link leftoversIn} finds in `outDir` (cheap: three `lstat` calls). */
export function leftoversIn(outDir: string): Leftovers {
  const has = (name: string) => {
    try {
      fs.lstatSync(path.join(outDir, name));
      return true;
    } catch {
      return false;
    }
  };
  return { journal: has(JOURNAL), staging: has(STAGING), legacyPrune: has(LEGACY_PRUNE_JOURNAL) };
}

/**
 * Finishes or rolls back what an interrupted run left (call with the output lock held, before planning): a committed
 * journal is replayed (roll forward), a staging directory without one is discarded (roll back: nothing of that run
 * reached the tree), the older pruning journal is finished, and `stray` temp files (absolute paths) are removed.
 * Returns true when a journal was replayed.
 */
export function recoverOutput(outDir: string, stray: readonly string[] = []): boolean {
  const left = leftoversIn(outDir);
  if (!left.journal && !left.staging && !left.legacyPrune && stray.length === 0) return false;
  const outReal = fs.realpathSync(outDir);
  let replayed = false;
  const journalPath = path.join(outDir, JOURNAL);
  if (left.journal) {
    let journal: Journal | undefined;
    try {
      journal = fs.lstatSync(journalPath).isFile() ? parseJournal(fs.readFileSync(journalPath, "utf8")) : undefined;
    } catch {
      journal = undefined;
    }
    if (journal === undefined)
      throw new CliError(
        "output/interrupted",
        `${journalPath} is not a journal lgtm-gitops can read, so an interrupted run cannot be finished`,
        `Restore clusters/ from Git (git checkout -- clusters && git clean -fd clusters), delete ${journalPath}, then run generate again.`,
        EXIT.diagnostics,
      );
    replay(outDir, outReal, journal);
    fs.rmSync(journalPath, { force: true });
    replayed = true;
  }
  if (left.staging) fs.rmSync(path.join(outDir, STAGING), { recursive: true, force: true });
  if (left.legacyPrune) {
    const legacy = path.join(outDir, LEGACY_PRUNE_JOURNAL);
    try {
      if (fs.lstatSync(legacy).isFile())
        pruneEmptyDirs(
          outDir,
          outReal,
          fs
            .readFileSync(legacy, "utf8")
            .split("\n")
            .filter((l) => l !== ""),
        );
    } catch {
      // unreadable: drop it
    }
    fs.rmSync(legacy, { force: true });
  }
  for (const abs of stray) {
    try {
      if (inside(outReal, fs.realpathSync(path.dirname(abs))) && fs.lstatSync(abs).isFile()) fs.rmSync(abs);
    } catch {
      // gone already
    }
  }
  return replayed;
}

/**
 * Makes `changes` in `outDir` all or nothing (see the top of this file): stage, commit the journal, apply, clean up.
 * Call {@link preflight} first. Throws `output/interrupted` (exit 1) when applying fails after the commit; the journal
 * stays and the next run finishes it.
 */
export function commitChanges(outDir: string, outReal: string, changes: Changes): void {
  if (changes.write.length === 0 && changes.remove.length === 0) return;
  const staging = path.join(outDir, STAGING);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  const lines = [JOURNAL_HEADER];
  changes.write.forEach(([rel, content], n) => {
    writeWhole(path.join(staging, String(n)), content);
    lines.push(`W\t${n}\t${rel}`);
  });
  for (const rel of changes.remove) lines.push(`D\t${rel}`);
  for (const dir of emptiedBy(changes.remove)) lines.push(`P\t${dir}`);
  lines.push(JOURNAL_END, "");
  // The commit point: the journal appears whole (written aside, then renamed) or not at all.
  const journalPath = path.join(outDir, JOURNAL);
  const tmp = `${journalPath}.${process.pid}.tmp`;
  writeWhole(tmp, lines.join("\n"));
  fs.renameSync(tmp, journalPath);
  const journal = parseJournal(lines.join("\n"))!;
  try {
    replay(outDir, outReal, journal);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "error";
    throw new CliError(
      "output/interrupted",
      `the new files are staged and journaled but could not all be put in place [${code}]; clusters/ is between the old and the new generation`,
      `Fix the cause, then run generate again: it finishes this run from ${journalPath} first. "check" reports the state meanwhile.`,
      EXIT.diagnostics,
      { cause: e },
    );
  }
  fs.rmSync(journalPath, { force: true });
  fs.rmSync(staging, { recursive: true, force: true });
}
