/**
 * The merged storage of per-version schemas (pure, no data): a key's entry is a node (valid wherever its parent is)
 * or `[range, node][]` (the key exists only in `range`, or changes type per range); `range` = `v2.3.0-v2.9.5,v3.0.0`,
 * inclusive intervals over an ordered list of version labels (the table writes release tags). Used by `tempo-schema.ts` and by the derivation scripts
 * (`scripts/tempo-sources/store.ts` builds it).
 */
/** A node of one version's schema (see the module comment). */
export type SchemaNode = string | { readonly [key: string]: SchemaNode };

/** A node of the merged table. */
export type MergedNode = string | { readonly [key: string]: MergedEntry };
/** A key's entry in the merged table: a node, or per-range variants. */
export type MergedEntry = MergedNode | readonly (readonly [range: string, node: MergedNode])[];

/** How a Tempo version reads the flat (pre-2.3) overrides format. */
export type LegacyOverrides = "only" | "deprecated" | "opt-in";

/** The shape of `tempo-schemas.gen.ts`. */
export interface TempoSchemaTable {
  /** Tempo release tags (`v2.9.0`), oldest first; config ranges refer to positions in this list. */
  readonly versions: readonly string[];
  /** Per range of Tempo versions: how the flat overrides format is read. */
  readonly legacyOverrides: readonly (readonly [range: string, mode: LegacyOverrides])[];
  /** Per range of Tempo versions: the OTel collector version it vendors (receiver configs). */
  readonly collector: readonly (readonly [range: string, collector: string])[];
  /** `config` (tempo.yaml), `overrides_legacy` (the flat `overrides:` section), `tenant_overrides`, `tenant_overrides_legacy`. */
  readonly roots: { readonly [root: string]: MergedEntry };
  /** OTel collector release tags, oldest first; receiver ranges refer to positions in this list. */
  readonly collectors: readonly string[];
  /** Receiver name → its config struct, merged over `collectors`. */
  readonly receivers: { readonly [receiver: string]: MergedEntry };
  /** What a `custom(…)` leaf accepts, in words (Go decoder of the type). */
  readonly custom: { readonly [leaf: string]: string };
}

/** True when version index `at` lies in `range` (`a-b,c`, inclusive, over the labels `versions`). */
export function inRange(range: string, at: number, versions: readonly string[]): boolean {
  for (const part of range.split(",")) {
    const [a, b = a] = part.split("-") as [string, string?];
    const lo = versions.indexOf(a);
    const hi = versions.indexOf(b);
    if (lo < 0 || hi < 0) throw new Error(`range ${range}: unknown version`);
    if (at >= lo && at <= hi) return true;
  }
  return false;
}

/** The node of one version (index `at`) in a merged entry, or `undefined` when the key does not exist there. */
export function nodeAtVersion(entry: MergedEntry, at: number, versions: readonly string[]): SchemaNode | undefined {
  if (Array.isArray(entry)) {
    const v = (entry as readonly (readonly [string, MergedNode])[]).find(([range]) => inRange(range, at, versions));
    return v ? nodeAtVersion(v[1], at, versions) : undefined;
  }
  if (typeof entry === "string") return entry;
  const out: { [k: string]: SchemaNode } = {};
  for (const [k, child] of Object.entries(entry as { readonly [key: string]: MergedEntry })) {
    const n = nodeAtVersion(child, at, versions);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** Orders `x.y.z` labels numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
