/**
 * Tempo's configuration schema per release: the generated table `tempo-schemas.gen.ts` (every key of every Tempo
 * release v2.0.0 … v3.0.3 once, with the version range it exists in and its Go type, and the OTel receiver configs of
 * each collector version Tempo vendors), read back for one version.
 *
 *   SchemaNode = leaf                    `bool` `int` `uint` `float` `string` `any` `duration` (Go time.Duration)
 *                                        `model_duration` (Prometheus model.Duration) `bytes` (dskit flagext.Bytes)
 *                                        `enum(a|b)` `custom(pkg.T)` `recursive(pkg.T)`
 *              | { key: SchemaNode }     a struct; with `"{}"` it also takes other keys (inline map)
 *              | { "[]": SchemaNode }    a list
 *              | { "{}": SchemaNode }    a map (keys are data)
 *
 * Merged (shared between versions): a key's entry is a node (valid wherever its parent is) or `[range, node][]`
 * (the key exists only in `range`, or changes type per range); `range` = `v2.3.0-v2.9.5,v3.0.0` over the release tags `versions`.
 */
import {
  compareVersions,
  inRange,
  type LegacyOverrides,
  type MergedEntry,
  type MergedNode,
  nodeAtVersion,
  type SchemaNode,
} from "./schema-store.js";
import { TEMPO_SCHEMAS } from "./tempo-schemas.gen.js";

export type { LegacyOverrides, SchemaNode } from "./schema-store.js";

/** Every Tempo release the table describes, oldest first. */
export const TEMPO_SCHEMA_VERSIONS: readonly string[] = TEMPO_SCHEMAS.versions.map(untag);

/** The table writes releases as their tags (`v2.9.0`, collector `v0.132.0`); the API speaks plain versions. */
function untag(tag: string): string {
  return tag.replace(/^v/, "");
}

/** Tempo release tags of the table (ranges are written in them). */
const TAGS = TEMPO_SCHEMAS.versions;

/** One Tempo version's configuration schema. */
export interface TempoSchema {
  /** The release whose schema this is (the one asked for, or the nearest lower release the table has). */
  readonly version: string;
  /** The version asked for (an image tag such as `v2.9.2` is read as `2.9.2`), when it differs from `version`. */
  readonly requested?: string;
  /** For messages: `Tempo 2.9.2`, or `Tempo 2.11.1 (checked as 2.10.8, the nearest release known)`. */
  readonly label: string;
  /** tempo.yaml. */
  readonly config: SchemaNode;
  /** The flat `overrides:` section (Tempo ≤ 2.2: the only format, equal to `config.overrides`). */
  readonly overridesLegacy: SchemaNode;
  /** One tenant's block in the per-tenant overrides file (new format; absent before 2.3). */
  readonly tenantOverrides?: SchemaNode;
  /** One tenant's block in the flat format. */
  readonly tenantOverridesLegacy: SchemaNode;
  readonly legacyOverrides: LegacyOverrides;
  /** The OTel collector version whose receivers this Tempo vendors. */
  readonly collector: string;
  /** The receivers Tempo wires (`modules/distributor/receiver/shim.go`), each with its config struct. */
  readonly receivers: { readonly [name: string]: SchemaNode };
}

/** `2.9.2` from `2.9.2`, `v2.9.2`, `2.9.2-distroless`, `2.9`; `undefined` for tags that name no release (`main-abc`). */
export function releaseOf(tag: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(tag.trim());
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? "0"}`;
}

function pick<T>(rows: readonly (readonly [string, T])[], at: number, versions: readonly string[]): T {
  const row = rows.find(([range]) => inRange(range, at, versions));
  if (!row) throw new Error(`no row for ${versions[at]}`);
  return row[1];
}

const cache = new Map<string, TempoSchema>();

/**
 * The schema of Tempo `version` (a release or image tag). A version the table does not hold is checked against the
 * nearest lower release (or the oldest, for versions before 2.0), and `label` says so.
 */
export function tempoSchemaFor(version: string): TempoSchema {
  const cached = cache.get(version);
  if (cached) return cached;
  const versions = TEMPO_SCHEMA_VERSIONS;
  const wanted = releaseOf(version) ?? (versions.at(-1) as string);
  let at = versions.indexOf(wanted);
  if (at < 0) {
    at = 0;
    for (let i = 0; i < versions.length; i++) if (compareVersions(versions[i] as string, wanted) <= 0) at = i;
  }
  const exact = versions[at] as string;
  const label =
    exact === wanted
      ? `Tempo ${exact}`
      : compareVersions(wanted, exact) < 0
        ? `Tempo ${wanted} (checked as ${exact}, the oldest release known)`
        : `Tempo ${wanted} (checked as ${exact}, the nearest release known)`;
  const root = (name: string) => {
    const entry = TEMPO_SCHEMAS.roots[name];
    return entry === undefined ? undefined : nodeAtVersion(entry, at, TAGS);
  };
  const collectorTag = pick(TEMPO_SCHEMAS.collector, at, TAGS);
  const collector = untag(collectorTag);
  const c = TEMPO_SCHEMAS.collectors.indexOf(collectorTag);
  const receivers: { [name: string]: SchemaNode } = {};
  for (const [name, entry] of Object.entries(TEMPO_SCHEMAS.receivers)) {
    const n = nodeAtVersion(entry, c, TEMPO_SCHEMAS.collectors);
    if (n !== undefined) receivers[name] = n;
  }
  const config = root("config") ?? {};
  const tenantOverrides = root("tenant_overrides");
  const schema: TempoSchema = {
    version: exact,
    ...(wanted !== exact || version !== exact ? { requested: wanted } : {}),
    label,
    config,
    overridesLegacy: root("overrides_legacy") ?? {},
    ...(tenantOverrides !== undefined ? { tenantOverrides } : {}),
    tenantOverridesLegacy: root("tenant_overrides_legacy") ?? {},
    legacyOverrides: pick(TEMPO_SCHEMAS.legacyOverrides, at, TAGS),
    collector,
    receivers,
  };
  cache.set(version, schema);
  return schema;
}

/** What a `custom(…)` leaf accepts, in words. */
export function customLeafText(leaf: string): string | undefined {
  return Object.hasOwn(TEMPO_SCHEMAS.custom, leaf) ? TEMPO_SCHEMAS.custom[leaf] : undefined;
}

/** The keys of a struct node (without the inline-map marker), or `[]`. */
export function structKeys(node: SchemaNode | undefined): string[] {
  if (node === undefined || typeof node === "string" || isList(node) || isMap(node)) return [];
  return Object.keys(node).filter((k) => k !== "{}");
}

/** The item node of a list node. */
export function listItemOf(node: SchemaNode | undefined): SchemaNode | undefined {
  return isList(node) ? (node as { "[]": SchemaNode })["[]"] : undefined;
}

function isList(node: SchemaNode | undefined): boolean {
  return typeof node === "object" && Object.hasOwn(node, "[]");
}

/** A map node (`{ "{}": value }` only: its keys are data). */
export function isMap(node: SchemaNode | undefined): boolean {
  return typeof node === "object" && Object.hasOwn(node, "{}") && Object.keys(node).length === 1;
}

/** The child node for `key` in a struct or map node, or `undefined` (an unknown key). */
export function childOf(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (node === undefined || typeof node === "string" || isList(node)) return undefined;
  const rec = node as { readonly [key: string]: SchemaNode };
  if (key !== "{}" && key !== "[]" && Object.hasOwn(rec, key)) return rec[key];
  return Object.hasOwn(rec, "{}") ? rec["{}"] : undefined;
}

/** The node at a dotted path (`a.b`; list items as numbers or `[]`), or `undefined`. */
export function schemaNodeAt(node: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let cur: SchemaNode | undefined = node;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    cur = typeof seg === "number" || seg === "[]" ? listItemOf(cur) : childOf(cur, seg);
  }
  return cur;
}

/** The node of a merged entry at version index `at`, without expanding its children. */
function resolveAt(entry: MergedEntry | undefined, at: number, versions: readonly string[]): MergedNode | undefined {
  if (entry === undefined || !Array.isArray(entry)) return entry as MergedNode | undefined;
  return (entry as readonly (readonly [string, MergedNode])[]).find(([range]) => inRange(range, at, versions))?.[1];
}

function existsAt(entry: MergedEntry | undefined, path: readonly string[], at: number, versions: readonly string[]) {
  let cur = resolveAt(entry, at, versions);
  for (const seg of path) {
    if (cur === undefined || typeof cur === "string") return false;
    const rec = cur as { readonly [key: string]: MergedEntry };
    const next = Object.hasOwn(rec, seg) ? rec[seg] : Object.hasOwn(rec, "{}") ? rec["{}"] : undefined;
    cur = resolveAt(next, at, versions);
  }
  return cur !== undefined;
}

/**
 * The first Tempo release (of {@link TEMPO_SCHEMA_VERSIONS}) whose `root` has `path`: tempo.yaml (`config`) or the flat
 * overrides section (`overrides_legacy`, paths below `overrides:`). `undefined` when no release has it. Looks at the
 * releases oldest first and stops at the first that has the key (cheap for keys Tempo 2.0 already had).
 */
export function firstTempoHaving(root: "config" | "overrides_legacy", path: readonly string[]): string | undefined {
  const entry = TEMPO_SCHEMAS.roots[root];
  const at = TAGS.findIndex((_, i) => existsAt(entry, path, i, TAGS));
  return at < 0 ? undefined : TEMPO_SCHEMA_VERSIONS[at];
}

/** Where a key exists: the versions of its table (Tempo releases, or collector versions for receivers). */
export interface KeyVersions {
  /** The versions (of `all`) that have the key. */
  readonly versions: readonly string[];
  readonly all: readonly string[];
  /** The Tempo releases that have it (for receivers: those vendoring a collector that has it). */
  readonly tempo: readonly string[];
  readonly allTempo: readonly string[];
}

/**
 * The versions in which `path` exists: a Tempo config path (`["compactor", "compaction", "block_retention"]`,
 * list items as `[]`) in `config`, or `["receivers", name, …]` in the receiver configs. Used to tell "this key
 * is from another Tempo version" from a typo.
 */
export function versionsHaving(root: "config" | "receivers", path: readonly string[]): KeyVersions {
  const allTempo = TEMPO_SCHEMA_VERSIONS;
  if (root === "config") {
    const entry = TEMPO_SCHEMAS.roots.config;
    const versions = allTempo.filter((_, i) => existsAt(entry, path, i, TAGS));
    return { versions, all: allTempo, tempo: versions, allTempo };
  }
  const [, name, ...rest] = path;
  const tags = TEMPO_SCHEMAS.collectors;
  const entry =
    name !== undefined && Object.hasOwn(TEMPO_SCHEMAS.receivers, name) ? TEMPO_SCHEMAS.receivers[name] : undefined;
  const having = entry === undefined ? [] : tags.filter((_, i) => existsAt(entry, rest, i, tags));
  const tempo = allTempo.filter((_, i) => having.includes(pick(TEMPO_SCHEMAS.collector, i, TAGS)));
  return { versions: having.map(untag), all: tags.map(untag), tempo, allTempo };
}
