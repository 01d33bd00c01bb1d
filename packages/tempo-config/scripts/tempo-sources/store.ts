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
import { compareVersions, inRange, nodeAtVersion } from "../../src/schema-store.js";
import type { SNode } from "./schema-node.js";

// The reading side is shared with the package (src/schema-store.ts): one definition of a range and of a version's node.
export { compareVersions, inRange };

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

/** The roots of one version, exactly as derived. Throws for a version the data set does not hold. */
export function schemaAt(data: MergedRoots, version: string): Record<string, SNode> {
  const at = data.versions.indexOf(version.replace(/^v/, ""));
  if (at < 0) throw new Error(`version ${version} is not in the data set (${data.versions.join(", ")})`);
  const out: Record<string, SNode> = {};
  for (const [name, entry] of Object.entries(data.roots)) {
    const n = nodeAtVersion(entry, at, data.versions) as SNode | undefined;
    if (n !== undefined) out[name] = n;
  }
  return out;
}
