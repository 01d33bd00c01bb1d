/**
 * The tempo-config package's part of `pnpm codegen` (run by scripts/codegen.mjs at the repository root, which writes
 * or checks the files): prints `{ files: { <path from the repository root>: <content> }, errors: [] }` as JSON.
 *
 * - default: `src/tempo-schemas.gen.ts`, the one table of Tempo's configuration keys and types for every release
 *   (and the OTel receiver configs of each collector version Tempo vendors), from the schemas that
 *   `derive:tempo-schemas` derived from Tempo's Go structs (`schemas/tempo-config.gen.json`,
 *   `schemas/otel-receivers.gen.json`): the merged trees as they are (each key once, with the versions it exists in
 *   and its type), plus per-version facts (collector version, legacy overrides mode) as version ranges;
 * - `--from-sources <dir>`: `sources/tempo-<version>.json` (Tempo's defaults manifest as data; test inputs) from every
 *   `manifest-v<version>.yaml` in `<dir>`, with the commit its `SOURCES.md` names.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import {
  type LegacyOverrides,
  type MergedEntry,
  type MergedNode,
  nodeAtVersion,
  type TempoSchemaTable,
} from "../src/schema-store.js";
import type { ConfigDataFile, ReceiverDataFile } from "./tempo-sources/derive.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fromRoot = (rel: string) => path.posix.join("packages/tempo-config", rel);
const sourceFile = (version: string) => `sources/tempo-${version}.json`;

/** `sources/tempo-<version>.json`: Tempo's defaults manifest of one version, as data (our format, not the YAML file). */
export interface TempoDefaults {
  readonly tempoVersion: string;
  /** The Tempo commit the manifest was generated at. */
  readonly commit: string;
  /** `manifest.md`'s configuration: every option with its default. */
  readonly defaults: Record<string, unknown>;
}

/** Consecutive runs of equal values over `versions` as `[range, value]` rows (`2.0.0-2.2.4`). */
function ranges<T>(versions: readonly string[], keyOf: (v: string) => T): [string, T][] {
  const rows: [string, T][] = [];
  let start = 0;
  for (let i = 1; i <= versions.length; i++) {
    if (i < versions.length && keyOf(versions[i] as string) === keyOf(versions[start] as string)) continue;
    const a = versions[start] as string;
    const b = versions[i - 1] as string;
    rows.push([a === b ? a : `${a}-${b}`, keyOf(a)]);
    start = i;
  }
  // one row per value: join its ranges
  const joined = new Map<T, string[]>();
  for (const [r, v] of rows) joined.set(v, [...(joined.get(v) ?? []), r]);
  return [...joined].map(([v, rs]) => [rs.join(","), v]);
}

/** The custom leaves (`custom(pkg.T)`) and what they accept, from the data files' type legends. */
function customLeaves(
  ...legends: Record<string, { leaf: string | object; accepts: string }>[]
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const legend of legends)
    for (const t of Object.values(legend))
      if (typeof t.leaf === "string" && t.leaf.startsWith("custom(")) out[t.leaf] = t.accepts;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function buildTable(
  config: ConfigDataFile,
  receivers: ReceiverDataFile,
): { table: TempoSchemaTable; errors: string[] } {
  const errors: string[] = [];
  const versions = config.data.versions;
  const meta = new Map(config.versions.map((v) => [v.version, v]));
  const collectorOf = new Map<string, string>();
  for (const c of receivers.collectors) for (const t of c.tempo) collectorOf.set(t, c.version);
  for (const v of versions) {
    if (!collectorOf.has(v)) errors.push(`otel-receivers.gen.json names no collector for Tempo ${v}`);
    // the receivers Tempo wires are those its collector version has (opencensus is gone from 0.150)
    const at = receivers.data.versions.indexOf(collectorOf.get(v) ?? "");
    const has = Object.entries(receivers.data.roots)
      .filter(([, e]) => at >= 0 && nodeAtVersion(e, at, receivers.data.versions) !== undefined)
      .map(([n]) => n)
      .sort();
    const wired = [...(meta.get(v)?.receivers ?? [])].sort();
    if (has.join() !== wired.join())
      errors.push(`Tempo ${v} wires ${wired.join(", ")} but collector ${collectorOf.get(v)} has ${has.join(", ")}`);
  }
  // Versions are written as their release tags (`v2.9.0`, collector `v0.132.0`): they are Tempo and collector
  // releases, not chart versions (which only packages/charts names).
  const table: TempoSchemaTable = {
    versions: versions.map(tag),
    legacyOverrides: tagRows(ranges(versions, (v) => meta.get(v)?.overrides.legacy as LegacyOverrides)),
    collector: tagRows(ranges(versions, (v) => collectorOf.get(v) ?? "?")).map(([r, c]) => [r, tag(c)]),
    roots: tagEntries(config.data.roots),
    collectors: receivers.data.versions.map(tag),
    receivers: tagEntries(receivers.data.roots),
    custom: customLeaves(config.types, receivers.types),
  };
  return { table, errors };
}

const tag = (v: string): string => `v${v}`;
const tagRange = (range: string): string =>
  range
    .split(",")
    .map((part) => part.split("-").map(tag).join("-"))
    .join(",");
function tagRows<T>(rows: [string, T][]): [string, T][] {
  return rows.map(([r, v]) => [tagRange(r), v]);
}
/** The merged entries with their ranges written as release tags. */
function tagEntry(entry: MergedEntry): MergedEntry {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry))
    return (entry as readonly (readonly [string, MergedNode])[]).map(([r, n]) => [
      tagRange(r),
      tagEntry(n) as MergedNode,
    ]);
  return tagEntries(entry as { readonly [key: string]: MergedEntry });
}
function tagEntries(entries: { readonly [key: string]: MergedEntry }): { [key: string]: MergedEntry } {
  return Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, tagEntry(e)]));
}

function generate(): { files: Record<string, string>; errors: string[] } {
  const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(packageDir, "schemas", name), "utf8")) as T;
  const { table, errors } = buildTable(
    read<ConfigDataFile>("tempo-config.gen.json"),
    read<ReceiverDataFile>("otel-receivers.gen.json"),
  );
  const text = `// GENERATED by packages/tempo-config/scripts/codegen.ts from packages/tempo-config/schemas/tempo-config.gen.json and
// otel-receivers.gen.json (derived from Tempo's Go config structs at each release tag by \`derive:tempo-schemas\`).
// DO NOT EDIT: regenerate with \`pnpm codegen\`. Format: src/tempo-schema.ts.
import type { TempoSchemaTable } from "./schema-store.js";

/** Every key of the configuration of Tempo ${table.versions[0]} … ${table.versions.at(-1)} once, with the releases it exists in and its Go type; the receiver configs of OTel collector ${table.collectors[0]} … ${table.collectors.at(-1)}. */
export const TEMPO_SCHEMAS: TempoSchemaTable = ${JSON.stringify(table)};
`;
  return { files: { [fromRoot("src/tempo-schemas.gen.ts")]: text }, errors };
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--from-sources");
  const result = i >= 0 ? fromSources(path.resolve(process.argv[i + 1] ?? "")) : generate();
  process.stdout.write(JSON.stringify(result));
}
