/**
 * Read-only access to a chart repository clone (a bare git dir or a work tree's `.git`), by `git` subprocesses.
 * Every file is read as `<commit>:<path>` (what `git show <commit>:<path>` prints), in batches through
 * `git cat-file --batch` so that a chart version with 150 template files costs one process, not 150.
 */
import { execFileSync } from "node:child_process";

const MAX_BUFFER = 1 << 30;

function git(gitDir: string, args: readonly string[], input?: string): Buffer {
  return execFileSync("git", ["--git-dir", gitDir, ...args], {
    maxBuffer: MAX_BUFFER,
    ...(input === undefined ? {} : { input }),
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** One commit that touched a file, on the first-parent (mainline) history of `ref`. */
export interface FileCommit {
  readonly commit: string;
  /** Committer date, ISO 8601 in UTC. */
  readonly date: string;
  readonly subject: string;
}

/**
 * Commits of `ref`'s first-parent history that changed `path`, oldest first. First-parent, because the
 * chart repositories merge pull requests: the mainline commit is the one a release was cut from, and a
 * pull request's own commits are ordered by author, not by when they landed.
 */
export function fileHistory(gitDir: string, ref: string, path: string): FileCommit[] {
  const out = git(gitDir, ["log", "--first-parent", "--format=%H%x09%cI%x09%s", ref, "--", path]).toString("utf8");
  const rows: FileCommit[] = [];
  for (const line of out.split("\n")) {
    if (line === "") continue;
    const [commit = "", date = "", ...subject] = line.split("\t");
    rows.push({ commit, date: new Date(date).toISOString(), subject: subject.join("\t") });
  }
  return rows.reverse();
}

/** A blob in a tree listing. */
export interface TreeEntry {
  readonly path: string;
  readonly blob: string;
}

/** Files under `dir` (recursively) at `commit`, with their blob ids. Empty when `dir` does not exist there. */
export function listTree(gitDir: string, commit: string, dir: string): TreeEntry[] {
  const out = git(gitDir, ["ls-tree", "-r", "-z", commit, "--", dir]).toString("utf8");
  const entries: TreeEntry[] = [];
  for (const rec of out.split("\0")) {
    if (rec === "") continue;
    const tab = rec.indexOf("\t");
    const [, type, blob] = rec.slice(0, tab).split(" ");
    if (type !== "blob" || blob === undefined) continue;
    entries.push({ path: rec.slice(tab + 1), blob });
  }
  return entries;
}

const blobCache = new Map<string, string>();

/** Text of many objects (`<commit>:<path>` or blob ids) in one `git cat-file --batch`; missing → undefined. */
export function readObjects(gitDir: string, names: readonly string[]): (string | undefined)[] {
  const todo = [...new Set(names.filter((n) => !blobCache.has(`${gitDir}\0${n}`)))];
  if (todo.length > 0) {
    const out = git(gitDir, ["cat-file", "--batch"], `${todo.join("\n")}\n`);
    let pos = 0;
    for (const name of todo) {
      const nl = out.indexOf(10, pos);
      const header = out.subarray(pos, nl).toString("utf8");
      pos = nl + 1;
      if (header.endsWith(" missing") || header.endsWith(" ambiguous")) continue;
      const size = Number(header.split(" ")[2]);
      blobCache.set(`${gitDir}\0${name}`, out.subarray(pos, pos + size).toString("utf8"));
      pos += size + 1;
    }
  }
  return names.map((n) => blobCache.get(`${gitDir}\0${n}`));
}

/** Text of `<commit>:<path>`, or undefined when the file does not exist at that commit. */
export function showFile(gitDir: string, commit: string, path: string): string | undefined {
  return readObjects(gitDir, [`${commit}:${path}`])[0];
}

/** Full commit id and committer date of a revision. */
export function commitInfo(gitDir: string, rev: string): { commit: string; date: string; subject: string } {
  const [commit = "", date = "", ...subject] = git(gitDir, ["log", "-1", "--format=%H%x09%cI%x09%s", rev, "--"])
    .toString("utf8")
    .trim()
    .split("\t");
  return { commit, date, subject: subject.join("\t") };
}
