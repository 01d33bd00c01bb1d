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

const FORMATS: ReadonlyArray<readonly [string, DefinitionFormat]> = [
  [".mts", "ts"],
  [".ts", "ts"],
  [".yaml", "yaml"],
  [".yml", "yaml"],
  [".json", "json"],
];

/**
 * Lists the cluster definitions in `dir` (not recursive), sorted by file name: `*.ts`, `*.mts`, `*.yaml`,
 * `*.yml`, `*.json`. Skipped: names starting with `.` or `_` (helpers, shared fragments), `*.d.ts`, `*.test.ts`,
 * `tsconfig*.json`, `*.schema.json`. Throws `CliError` (exit 2) when `dir` is not a readable directory.
 */
export function discoverDefinitions(dir: string): DefinitionFile[] {
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
  const out: DefinitionFile[] = [];
  for (const e of entries) {
    const name = e.name;
    if (e.isDirectory() && !name.startsWith(".") && FORMATS.some(([ext]) => name.endsWith(ext)))
      throw new CliError(
        "fleet/not-a-file",
        `${path.join(dir, name)} is a directory, but its name says it is a cluster definition`,
        "Rename or remove the directory; a cluster definition is one file (name.ts, name.yaml or name.json).",
      );
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    if (name.startsWith(".") || name.startsWith("_")) continue;
    if (name.endsWith(".d.ts") || name.endsWith(".d.mts") || /\.test\.m?ts$/.test(name)) continue;
    if (/^tsconfig.*\.json$/.test(name) || name.endsWith(".schema.json") || name === "package.json") continue;
    const match = FORMATS.find(([ext]) => name.endsWith(ext));
    if (!match) continue;
    out.push({ file: path.join(dir, name), stem: name.slice(0, -match[0].length), format: match[1] });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
