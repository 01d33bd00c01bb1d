/**
 * Shape of the committed key catalogs (`catalogs/<chart>.gen.json`, built from each chart's own sources by
 * `pnpm --filter @lgtm-gitops/charts catalogs`, see scripts/chart-sources/) and `catalogAt`, which gives one
 * version's tree back. Internal: the public API is `resolveKey`, `childKeys` and `defaultValue`. Name, version,
 * repository and subcharts of a version are its descriptor row (`src/descriptors.gen.ts`), not part of the catalog.
 *
 * One merged store per chart holds all its catalogued versions:
 * ```
 * { "chart": "tempo-distributed", "versions": ["1.18.5", …], "root": MNode }
 * MNode = { r?: Ranges, v?: [Ranges, Attrs][], c?: { key: MNode } } & Attrs
 * ```
 * - `versions`: the catalogued versions in ascending order; ranges refer to their indexes.
 * - `r`: the versions the key exists in, as index ranges `"0-12,15,17-43"`; absent = same as its parent.
 * - Attrs (the `VNode` fields without `c`) are written inline when they are the same in every version the key exists
 *   in; otherwise `v` lists each variant with the versions it holds for (and no inline attrs).
 * So a key that never changes costs one node however many versions there are.
 */

/** Type of a chart default (`any`: only templates or comments mention the key). */
export type NodeType = "string" | "number" | "boolean" | "object" | "array" | "null" | "any";

/**
 * One key of one chart version. Short names keep the merged data small.
 * A node without `s` is set in values.yaml (with its default in `d` for leaves); `s: "t"` only templates
 * read it; `s: "c"` values.yaml documents it only in a single-`#` comment.
 */
export interface VNode {
  t: NodeType;
  /** Default from values.yaml, for leaves (scalars, null, arrays). */
  d?: unknown;
  /** `t`: not in values.yaml, only templates read it; `c`: only a values.yaml comment documents it. */
  s?: "t" | "c";
  /** Passed through whole (`toYaml`, `merge`, a tplvalues helper): anything below is the chart's business no more. */
  p?: 1;
  /** Iterated (`range`): any key or item; the item shape is under the child `*`. */
  i?: 1;
  /** A key below is chosen at render time (`index .Values $x`): keys below cannot be checked statically. */
  x?: 1;
  /**
   * Set in values.yaml, but the analysis found no read of it (no template read, no pass-through above it).
   * A hint, not a proof: values reached through lists built at render time (`prepend`, `list`) are missed.
   */
  u?: 1;
  /** Values of a subchart (a dependency's alias or name): what it reads is the subchart's catalog. */
  sub?: string;
  /** Plain conditions every read of this key is under (`a.b` = if a.b is truthy, `!a.b` = falsy). */
  if?: string[];
  /** Children, sorted by key. */
  c?: Record<string, VNode>;
}

/** One version's catalog tree. */
export interface VersionCatalog {
  readonly chart: string;
  readonly version: string;
  readonly root: VNode;
}

export type Attrs = Omit<VNode, "c">;
export type MNode = Attrs & {
  r?: string;
  v?: [string, Attrs][];
  c?: Record<string, MNode>;
};

/** All catalogued versions of one chart. */
export interface MergedCatalog {
  readonly chart: string;
  readonly versions: readonly string[];
  readonly root: MNode;
}

/** The attribute fields of a node, in the order they are written. */
export const ATTR_KEYS = ["t", "d", "s", "p", "i", "x", "u", "sub", "if"] as const;

/** Whether version index `i` is in a ranges string. */
export function inRanges(ranges: string, i: number): boolean {
  for (const part of ranges.split(",")) {
    const dash = part.indexOf("-");
    if (dash < 0) {
      if (Number(part) === i) return true;
    } else if (i >= Number(part.slice(0, dash)) && i <= Number(part.slice(dash + 1))) return true;
  }
  return false;
}

function attrsOf(n: Attrs): Attrs {
  const a: Record<string, unknown> = {};
  for (const k of ATTR_KEYS) if (n[k] !== undefined) a[k] = n[k];
  return a as Attrs;
}

/** One version's catalog tree back from a merged store; undefined when the version is not in it. */
export function catalogAt(store: MergedCatalog, version: string): VersionCatalog | undefined {
  const i = store.versions.indexOf(version);
  if (i < 0) return undefined;
  const build = (n: MNode): VNode | undefined => {
    if (n.r !== undefined && !inRanges(n.r, i)) return undefined;
    let attrs: Attrs;
    if (n.v !== undefined) {
      const hit = n.v.find(([r]) => inRanges(r, i));
      if (hit === undefined) return undefined;
      attrs = hit[1];
    } else attrs = attrsOf(n);
    const out: VNode = { ...attrs } as VNode;
    if (n.c !== undefined) {
      const c: Record<string, VNode> = {};
      for (const [k, child] of Object.entries(n.c)) {
        const b = build(child);
        if (b !== undefined) c[k] = b;
      }
      if (Object.keys(c).length > 0) out.c = c;
    }
    return out;
  };
  const root = build(store.root);
  return root === undefined ? undefined : { chart: store.chart, version, root };
}
