/**
 * What changed between two versions of a root tree: added / removed keys (reported at the highest level that
 * appeared or vanished), retyped leaves, and moves/renames (a removed and an added key carrying the same subtree).
 * Pure; the curated notes with citations are attached by derive.ts.
 */
import type { SNode } from "./schema-node.js";

export interface RootChanges {
  added: string[];
  removed: string[];
  retyped: { path: string; from: string; to: string }[];
  /** removed `from` + added `to` with an identical node (and the same last key, or a curated rename) */
  moved: { from: string; to: string }[];
}

export function diffNodes(a: SNode | undefined, b: SNode | undefined, prefix = ""): RootChanges {
  const out: RootChanges = { added: [], removed: [], retyped: [], moved: [] };
  const rec = (x: SNode | undefined, y: SNode | undefined, p: string): void => {
    if (x === undefined && y === undefined) return;
    if (x === undefined) {
      out.added.push(p);
      return;
    }
    if (y === undefined) {
      out.removed.push(p);
      return;
    }
    if (typeof x === "string" || typeof y === "string") {
      if (x !== y) out.retyped.push({ path: p, from: show(x), to: show(y) });
      return;
    }
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of [...keys].sort()) rec(x[k], y[k], p ? `${p}.${k}` : k);
  };
  rec(a, b, prefix);
  // moves: same last key and identical subtree
  const nodeAt = (n: SNode | undefined, path: string): SNode | undefined => {
    let cur = n;
    for (const seg of path.slice(prefix ? prefix.length + 1 : 0).split(".")) {
      if (cur === undefined || typeof cur === "string") return undefined;
      cur = cur[seg];
    }
    return cur;
  };
  for (const r of [...out.removed]) {
    const last = r.split(".").pop();
    const rn = JSON.stringify(nodeAt(a, r));
    const match = out.added.find((ad) => ad.split(".").pop() === last && JSON.stringify(nodeAt(b, ad)) === rn);
    if (match) out.moved.push({ from: r, to: match });
  }
  return out;
}

function show(n: SNode): string {
  return typeof n === "string"
    ? n
    : Object.hasOwn(n, "[]")
      ? "list"
      : Object.hasOwn(n, "{}") && Object.keys(n).length === 1
        ? "map"
        : "object";
}

/** A curated, cited statement about a change (removed section and its replacement, renames, moved settings). */
export interface ChangeNote {
  from: string;
  to: string;
  kind: "removed" | "replaced" | "renamed" | "moved" | "retyped" | "behaviour";
  paths: string[];
  replacement?: string[];
  text: string;
  /** `file@tag:line` */
  cite: string[];
}
