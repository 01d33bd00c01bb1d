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
import type { VersionCatalog, VNode } from "./version-catalog.js";

export type Attrs = Omit<VNode, "c">;
export type MNode = Attrs & {
  r?: string;
  v?: [string, Attrs][];
  c?: Record<string, MNode>;
};

export interface MergedCatalog {
  readonly chart: string;
  readonly versions: readonly string[];
  readonly root: MNode;
}

const ATTR_KEYS = ["t", "d", "s", "p", "i", "x", "u", "sub", "if"] as const;

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
    } else attrs = attrsOf(n as VNode);
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
