/**
 * One merged catalog per chart holding all its catalogued versions, and `catalogAt` to get one back.
 *
 * Format (`catalogs/<chart>.json`):
 * ```
 * { "chart": "tempo-distributed", "versions": ["1.18.5", …], "root": MNode }
 * MNode = { r?: Ranges, v?: [Ranges, Attrs][], c?: { key: MNode } } & Attrs
 * ```
 * - `versions`: the catalogued versions in ascending order; ranges refer to their indexes.
 * - `r`: the versions the key exists in, as index ranges `"0-12,15,17-43"`; absent = same as its parent.
 * - Attrs (the `VNode` fields without `c`: `t`, `d`, `s`, `p`, `i`, `x`, `u`, `sub`, `if`) are written inline
 *   when they are the same in every version the key exists in; otherwise `v` lists each variant with the
 *   versions it holds for (and no inline attrs).
 * So a key that never changes costs one node however many versions there are.
 */
import {
  ATTR_KEYS,
  type Attrs,
  catalogAt,
  inRanges,
  type MergedCatalog,
  type MNode,
  type VersionCatalog,
  type VNode,
} from "../../src/catalog-format.js";

export { type Attrs, catalogAt, inRanges, type MergedCatalog, type MNode };

/** Index ranges: `[0,1,2,5]` → `"0-2,5"`. */
export function formatRanges(idx: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && (idx[j + 1] as number) === (idx[j] as number) + 1) j++;
    parts.push(i === j ? `${idx[i]}` : `${idx[i]}-${idx[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** Expands a ranges string to indexes. */
export function expandRanges(ranges: string): number[] {
  const out: number[] = [];
  for (const part of ranges.split(",")) {
    if (part === "") continue;
    const dash = part.indexOf("-");
    if (dash < 0) out.push(Number(part));
    else for (let i = Number(part.slice(0, dash)); i <= Number(part.slice(dash + 1)); i++) out.push(i);
  }
  return out;
}

function attrsOf(n: VNode): Attrs {
  const a: Record<string, unknown> = {};
  for (const k of ATTR_KEYS) if (n[k] !== undefined) a[k] = n[k];
  return a as Attrs;
}

/** JSON with object keys sorted: equal values give equal text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(",")}}`;
}

/** Merges per-version catalogs of one chart (any order) into one store. */
export function mergeCatalogs(
  chart: string,
  catalogs: readonly VersionCatalog[],
  order: readonly string[],
): MergedCatalog {
  const byVersion = new Map(catalogs.map((c) => [c.version, c]));
  const versions = order.filter((v) => byVersion.has(v));
  const mergeNode = (nodes: (VNode | undefined)[], parentIdx: readonly number[]): MNode => {
    const present = parentIdx.filter((i) => nodes[i] !== undefined);
    const out: MNode = {} as MNode;
    if (present.length !== parentIdx.length) out.r = formatRanges(present);
    const variants = new Map<string, { attrs: Attrs; idx: number[] }>();
    for (const i of present) {
      const attrs = attrsOf(nodes[i] as VNode);
      const key = canonicalJson(attrs);
      const v = variants.get(key);
      if (v === undefined) variants.set(key, { attrs, idx: [i] });
      else v.idx.push(i);
    }
    if (variants.size === 1) Object.assign(out, [...variants.values()][0]?.attrs);
    else out.v = [...variants.values()].map((v) => [formatRanges(v.idx), v.attrs]);
    const keys = new Set<string>();
    for (const i of present) for (const k of Object.keys(nodes[i]?.c ?? {})) keys.add(k);
    if (keys.size > 0) {
      const c: Record<string, MNode> = {};
      for (const k of [...keys].sort()) {
        const child: (VNode | undefined)[] = nodes.map((n) => n?.c?.[k]);
        c[k] = mergeNode(child, present);
      }
      out.c = c;
    }
    return out;
  };
  const roots = versions.map((v) => (byVersion.get(v) as VersionCatalog).root);
  return {
    chart,
    versions,
    root: mergeNode(
      roots,
      versions.map((_, i) => i),
    ),
  };
}

/** The version indexes a node (given by path) exists in. */
export function rangesOf(store: MergedCatalog, path: readonly string[]): number[] {
  let idx = store.versions.map((_, i) => i);
  let n: MNode | undefined = store.root;
  for (const seg of path) {
    n = n?.c?.[seg];
    if (n === undefined) return [];
    if (n.r !== undefined) {
      const own = new Set(expandRanges(n.r));
      idx = idx.filter((i) => own.has(i));
    }
  }
  return idx;
}
