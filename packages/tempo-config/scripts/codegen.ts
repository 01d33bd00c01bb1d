/**
 * The tempo-config package's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes
 * or checks the files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON.
 *
 * - default: `src/tempo-config-schema.gen.ts` (Tempo 2.9's key tree) from `sources/tempo-2.9.0.json`;
 * - `--from-sources <dir>`: `sources/tempo-<version>.json` from every `manifest-v<version>.yaml` in `<dir>`
 *   (`../shared/reference/tempo`, or manifests taken from Tempo's `docs/sources/tempo/configuration/manifest.md`), with
 *   the commit its `SOURCES.md` names.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { deriveTempoKeyTree, renderModule, type TempoDefaults } from "./key-tree-builder.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fromRoot = (rel: string) => path.posix.join("packages/tempo-config", rel);
/** The Tempo version whose configuration the strict schema describes. */
const SCHEMA_VERSION = "2.9.0";
const sourceFile = (version: string) => `sources/tempo-${version}.json`;

function generate(): { files: Record<string, string>; errors: string[] } {
  const file = path.join(packageDir, sourceFile(SCHEMA_VERSION));
  if (!existsSync(file))
    return {
      files: {},
      errors: [`${fromRoot(sourceFile(SCHEMA_VERSION))} is missing: extract it with \`pnpm codegen --from-sources\``],
    };
  const source = JSON.parse(readFileSync(file, "utf8")) as TempoDefaults;
  const tree = deriveTempoKeyTree(source.defaults);
  return { files: { [fromRoot("src/tempo-config-schema.gen.ts")]: renderModule(tree, source) }, errors: [] };
}

function fromSources(dir: string): { files: Record<string, string>; errors: string[] } {
  if (!existsSync(dir)) return { files: {}, errors: [`Tempo manifests not found at ${dir}`] };
  const notes = existsSync(path.join(dir, "SOURCES.md")) ? readFileSync(path.join(dir, "SOURCES.md"), "utf8") : "";
  const files: Record<string, string> = {};
  const errors: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^manifest-v(\d+\.\d+\.\d+)\.yaml$/.exec(name);
    if (m === null) continue;
    const version = m[1] as string;
    const commit = new RegExp(`\\|\\s*${name.replace(/\./g, "\\.")}\\s*\\|[^|]*\\|\\s*([0-9a-f]{7,40})\\s*\\|`).exec(
      notes,
    )?.[1];
    if (commit === undefined) errors.push(`${path.join(dir, "SOURCES.md")} names no commit for ${name}`);
    const source: TempoDefaults = {
      tempoVersion: version,
      commit: (commit ?? "unknown").slice(0, 8),
      defaults: parse(readFileSync(path.join(dir, name), "utf8")) as Record<string, unknown>,
    };
    files[fromRoot(sourceFile(version))] = `${JSON.stringify(source, null, 2)}\n`;
  }
  return { files, errors };
}

const i = process.argv.indexOf("--from-sources");
const result = i >= 0 ? fromSources(path.resolve(process.argv[i + 1] ?? "")) : generate();
process.stdout.write(JSON.stringify(result));
