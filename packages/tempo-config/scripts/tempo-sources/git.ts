/**
 * Read-only access to one tag of a (bare) git clone of grafana/tempo through the git CLI. Blob texts and parses
 * are cached by blob id, so files unchanged between tags are read once.
 */
import { execFileSync } from "node:child_process";

const blobCache = new Map<string, string>();

export class GitTag {
  /** path → blob id */
  readonly files = new Map<string, string>();
  /** directory → file names directly in it */
  readonly dirs = new Map<string, string[]>();
  readonly commit: string;

  constructor(
    readonly gitDir: string,
    readonly tag: string,
  ) {
    this.commit = git(gitDir, ["rev-parse", `${tag}^{commit}`]).trim();
    const out = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "-z", this.commit], {
      maxBuffer: 1 << 28,
      encoding: "utf8",
    });
    for (const entry of out.split("\0")) {
      if (!entry) continue;
      const tab = entry.indexOf("\t");
      const [, kind, id] = entry.slice(0, tab).split(" ");
      if (kind !== "blob" || !id) continue;
      const p = entry.slice(tab + 1);
      this.files.set(p, id);
      const slash = p.lastIndexOf("/");
      const dir = slash < 0 ? "" : p.slice(0, slash);
      const list = this.dirs.get(dir);
      if (list) list.push(p.slice(slash + 1));
      else this.dirs.set(dir, [p.slice(slash + 1)]);
    }
  }

  blobId(path: string): string | undefined {
    return this.files.get(path);
  }

  /** File text at this tag, or undefined when absent (or not stored in the clone). */
  read(path: string): string | undefined {
    const id = this.files.get(path);
    if (!id) return undefined;
    const hit = blobCache.get(id);
    if (hit !== undefined) return hit;
    let text: string;
    try {
      text = execFileSync("git", ["--git-dir", this.gitDir, "cat-file", "blob", id], {
        maxBuffer: 1 << 28,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      return undefined;
    }
    blobCache.set(id, text);
    return text;
  }

  /** Line (1-based) of the first line matching `re` in `path`, or undefined. */
  lineOf(path: string, re: RegExp): number | undefined {
    const text = this.read(path);
    if (text === undefined) return undefined;
    const idx = text.split("\n").findIndex((l) => re.test(l));
    return idx < 0 ? undefined : idx + 1;
  }
}

export function git(gitDir: string, args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "ignore"],
  });
}
