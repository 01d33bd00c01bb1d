import fs from "node:fs";
import path from "node:path";
import { CliError } from "../errors.js";

/** Format of a definition file, from its extension. */
export type DefinitionFormat = "ts" | "yaml" | "json";

/** One definition file found in the fleet directory. */
export interface DefinitionFile {
  /** Absolute path. */
  readonly file: string;
  /** File name without its extension; must equal the definition's `name`. */
  readonly stem: string;
  readonly format: DefinitionFormat;
}

/** A file in the fleet directory that is not read as a definition, and why (reported as a warning). */
export interface IgnoredFile {
  /** Absolute path. */
  readonly file: string;
  /** Why it is not a definition, for the warning. */
  readonly reason: string;
  /** The cluster name it looks like a definition of (`prod` for `prod.YAML`, `prod.yml.bak`), if any. */
  readonly looksLike?: string;
}

/** What the fleet directory holds. */
export interface Fleet {
  readonly files: DefinitionFile[];
  readonly ignored: IgnoredFile[];
}

const FORMATS: ReadonlyArray<readonly [string, DefinitionFormat]> = [
  [".mts", "ts"],
  [".ts", "ts"],
  [".yaml", "yaml"],
  [".yml", "yaml"],
  [".json", "json"],
];

/** Files that live in a fleet directory by design and are never definitions (no warning). */
function isKnownNonDefinition(name: string): boolean {
  return (
    name.startsWith(".") ||
    name.startsWith("_") ||
    name.endsWith(".d.ts") ||
    name.endsWith(".d.mts") ||
    /\.test\.m?ts$/.test(name) ||
    /^tsconfig.*\.json$/.test(name) ||
    name.endsWith(".schema.json") ||
    name === "package.json" ||
    /\.md$/i.test(name)
  );
}

/** Why a file with no definition extension is there, and which cluster it seems to be about. */
function explainIgnored(name: string): { reason: string; looksLike?: string } {
  const ext = /^(.+?)\.(m?ts|ya?ml|json)$/i.exec(name);
  if (ext)
    return {
      reason: `its extension .${ext[2]} is not lower case (definitions end in .ts, .mts, .yaml, .yml or .json)`,
      looksLike: ext[1]!,
    };
  const backup = /^(.+?)\.(m?ts|ya?ml|json)[.~_-]/i.exec(name) ?? /^(.+?)\.(m?ts|ya?ml|json)$/i.exec(name);
  if (backup)
    return { reason: "it looks like a copy or backup of a definition, which is not read", looksLike: backup[1]! };
  return { reason: "it is not a definition (definitions end in .ts, .mts, .yaml, .yml or .json)" };
}

/** The repository the fleet belongs to: the nearest directory at or above it holding `.git` or `pnpm-workspace.yaml`. */
function repositoryOf(dirReal: string): string {
  for (let d = dirReal; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, ".git")) || fs.existsSync(path.join(d, "pnpm-workspace.yaml"))) return d;
    if (path.dirname(d) === d) return dirReal;
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * Lists the cluster definitions in `dir` (not recursive), sorted by file name: `*.ts`, `*.mts`, `*.yaml`, `*.yml`,
 * `*.json`. Skipped without a word: names starting with `.` or `_` (helpers, shared fragments), `*.d.ts`, `*.test.ts`,
 * `tsconfig*.json`, `*.schema.json`, `package.json`, `*.md`. Every other file is returned in `ignored` with the reason
 * (`prod.YAML`, `prod.yml.bak`: a definition that is silently not read would make its bundle look removed).
 *
 * Throws `CliError` (exit 2): `fleet/not-found` when `dir` is not a readable directory, `fleet/not-a-file` when a
 * definition name is a directory, FIFO, socket or device (or a link to one: reading it could block forever), and
 * `fleet/outside-repository` when a definition is a symbolic link that leaves the fleet's repository.
 */
export function discoverFleet(dir: string): Fleet {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(
      "fleet/not-found",
      code === "ENOENT"
        ? `fleet directory ${dir} does not exist`
        : `cannot read fleet directory ${dir} [${code ?? "error"}]`,
      "Create it with one definition per cluster (see docs/getting-started.md), or pass --fleet DIR.",
    );
  }
  let repository: string | undefined;
  const files: DefinitionFile[] = [];
  const ignored: IgnoredFile[] = [];
  for (const e of entries) {
    const name = e.name;
    const abs = path.join(dir, name);
    const match = FORMATS.find(([ext]) => name.endsWith(ext));
    if (e.isDirectory()) {
      if (!name.startsWith(".") && match)
        throw new CliError(
          "fleet/not-a-file",
          `${abs} is a directory, but its name says it is a cluster definition`,
          "Rename or remove the directory; a cluster definition is one file (name.ts, name.yaml or name.json).",
        );
      continue;
    }
    if (isKnownNonDefinition(name)) continue;
    if (!match) {
      if (e.isFile() || e.isSymbolicLink()) ignored.push({ file: abs, ...explainIgnored(name) });
      else ignored.push({ file: abs, reason: "it is not a regular file" });
      continue;
    }
    if (!e.isFile() && !e.isSymbolicLink()) {
      let what = "not a regular file";
      try {
        what = kindOf(fs.lstatSync(abs));
      } catch {
        // gone meanwhile
      }
      throw new CliError(
        "fleet/not-a-file",
        `${abs} is ${what}, not a cluster definition file; it was not read (reading it could wait forever)`,
        "Remove it from the fleet directory; a cluster definition is a regular file.",
      );
    }
    if (e.isSymbolicLink()) {
      let real: string | undefined;
      let st: fs.Stats | undefined;
      try {
        real = fs.realpathSync(abs);
        st = fs.statSync(real);
      } catch {
        // dangling: reported when it is loaded (fleet/load-failed)
      }
      if (real !== undefined && st !== undefined) {
        repository ??= repositoryOf(fs.realpathSync(dir));
        if (real !== repository && !real.startsWith(repository + path.sep))
          throw new CliError(
            "fleet/outside-repository",
            `${abs} is a symbolic link to ${real}, outside the fleet's repository ${repository}; it was not read`,
            "Copy the definition into the repository (definitions are reviewed with the code that deploys them); a link may point only inside the repository.",
          );
        if (!st.isFile())
          throw new CliError(
            "fleet/not-a-file",
            `${abs} links to ${kindOf(st)}, not a cluster definition file; it was not read (reading it could wait forever)`,
            "Point the link at a regular file, or remove it.",
          );
      }
    }
    files.push({ file: abs, stem: name.slice(0, -match[0].length), format: match[1] });
  }
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { files: files.sort(byFile), ignored: ignored.sort(byFile) };
}

/** The definitions of {@link discoverFleet} (the files it ignores are left out). */
export function discoverDefinitions(dir: string): DefinitionFile[] {
  return discoverFleet(dir).files;
}
