/**
 * Storage that shares what is unchanged between versions: one merged tree whose nodes carry version ranges.
 *
 *   MNode  = string                       a leaf, valid wherever its parent is
 *          | { [key]: MEntry }            a container (struct / `"[]"` list / `"{}"` map), valid wherever its parent is
 *   MEntry = MNode                        same versions as the parent
 *          | [range, MNode][]             variants: the key exists only in `range`, or changes shape/type per range
 *   range  = "2.0.0-2.2.4,3.0.0"          inclusive intervals over the data set's ordered `versions` list
 *
 * Pure functions only (no I/O): `mergeVersions` builds it, `schemaAt` reconstructs one version exactly.
 */
import type { SNode } from "./schema-node.js";

export type MNode = string | { [key: string]: MEntry };
export type Variant = [range: string, node: MNode];
export type MEntry = MNode | Variant[];

export interface MergedRoots {
  /** Ordered version labels; ranges refer to positions in this list. */
  versions: string[];
  roots: Record<string, MEntry>;
}

function rangeString(idx: number[], versions: string[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    parts.push(i === j ? versions[idx[i]!]! : `${versions[idx[i]!]!}-${versions[idx[j]!]!}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** True when version index `at` lies in `range`. */
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

function mergeAt(items: [number, SNode][], parent: number[], versions: string[]): MEntry {
  // shape classes: each distinct leaf string, and "container" for every object
  const classes = new Map<string, [number, SNode][]>();
  for (const it of items) {
    const key = typeof it[1] === "string" ? `L${it[1]}` : "C";
    const list = classes.get(key) ?? [];
    list.push(it);
    classes.set(key, list);
  }
  const variants: Variant[] = [];
  for (const [cls, list] of classes) {
    const idx = list.map(([i]) => i);
    let node: MNode;
    if (cls === "C") {
      const keys = new Set<string>();
      for (const [, n] of list) for (const k of Object.keys(n as object)) keys.add(k);
      const obj: { [k: string]: MEntry } = {};
      for (const k of [...keys].sort()) {
        const sub: [number, SNode][] = [];
        for (const [i, n] of list) {
          const c = (n as Record<string, SNode>)[k];
          if (c !== undefined) sub.push([i, c]);
        }
        obj[k] = mergeAt(sub, idx, versions);
      }
      node = obj;
    } else node = cls.slice(1);
    variants.push([rangeString(idx, versions), node]);
  }
  if (variants.length === 1 && items.length === parent.length) return variants[0]![1];
  // order variants by first version
  const first = (v: Variant): number => versions.indexOf(v[0].split(/[-,]/)[0]!);
  return variants.sort((a, b) => first(a) - first(b));
}

/** Merges per-version root trees (`perVersion[i]` belongs to `versions[i]`; a root may be absent in a version). */
export function mergeVersions(versions: string[], perVersion: Record<string, SNode>[]): MergedRoots {
  const names = new Set<string>();
  for (const r of perVersion) for (const k of Object.keys(r)) names.add(k);
  const all = versions.map((_, i) => i);
  const roots: Record<string, MEntry> = {};
  for (const name of [...names].sort()) {
    const items: [number, SNode][] = [];
    perVersion.forEach((r, i) => {
      const n = r[name];
      if (n !== undefined) items.push([i, n]);
    });
    roots[name] = mergeAt(items, all, versions);
  }
  return { versions, roots };
}

function build(entry: MEntry, at: number, versions: readonly string[]): SNode | undefined {
  if (Array.isArray(entry)) {
    const v = entry.find(([range]) => inRange(range, at, versions));
    return v ? build(v[1], at, versions) : undefined;
  }
  if (typeof entry === "string") return entry;
  const out: { [k: string]: SNode } = {};
  for (const [k, child] of Object.entries(entry)) {
    const n = build(child, at, versions);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** The roots of one version, exactly as derived. Throws for a version the data set does not hold. */
export function schemaAt(data: MergedRoots, version: string): Record<string, SNode> {
  const at = data.versions.indexOf(version.replace(/^v/, ""));
  if (at < 0) throw new Error(`version ${version} is not in the data set (${data.versions.join(", ")})`);
  const out: Record<string, SNode> = {};
  for (const [name, entry] of Object.entries(data.roots)) {
    const n = build(entry, at, data.versions);
    if (n !== undefined) out[name] = n;
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
