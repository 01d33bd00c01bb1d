/**
 * Our compact schema node for one version. Leaves are strings:
 *   `bool` `int` `uint` `float` `string` `any`
 *   `duration`        Go time.Duration decoded by yaml.v2/mapstructure (time.ParseDuration: ns us µs ms s m h; no d/w;
 *                     yaml.v2 also takes a bare integer as nanoseconds)
 *   `model_duration`  prometheus/common model.Duration (ms s m h d w y, integers only, e.g. `14d`, `2w`)
 *   `enum(a|b|c)`     a string the code validates against a fixed set
 *   `custom(pkg.T)`   a type with its own UnmarshalYAML/UnmarshalText/Unmarshal; see the data file's `types` legend
 *   `unknown(...)`    the reader could not resolve the Go type
 *   `recursive(pkg.T)` a self-referencing type (not expanded again)
 * Containers: `{ key: node, ... }` a struct (keys as the decoder sees them), `{ "[]": node }` a list,
 * `{ "{}": node }` a map; a struct node that also has `"{}"` accepts extra keys (inline map).
 */
export type SNode = string | { [key: string]: SNode };

export function isLeaf(n: SNode): n is string {
  return typeof n === "string";
}

/** Deterministic key order (sorted, with "[]"/"{}" kept where they sort). */
export function sortNode(n: SNode): SNode {
  if (typeof n === "string") return n;
  const out: { [k: string]: SNode } = {};
  for (const k of Object.keys(n).sort()) out[k] = sortNode(n[k]!);
  return out;
}

/** Every path to a leaf (or empty container), `a.b.[].c`. */
export function leafPaths(n: SNode, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  const rec = (node: SNode, p: string): void => {
    if (typeof node === "string") {
      out.set(p, node);
      return;
    }
    const keys = Object.keys(node);
    if (keys.length === 0) out.set(p, "{}empty");
    for (const k of keys) rec(node[k]!, p ? `${p}.${k}` : k);
  };
  rec(n, prefix);
  return out;
}

/** The node at a dotted path (segments as in leafPaths), or undefined. */
export function nodeAtPath(n: SNode, path: string): SNode | undefined {
  let cur: SNode | undefined = n;
  for (const seg of path.split(".")) {
    if (cur === undefined || typeof cur === "string") return undefined;
    cur = cur[seg];
  }
  return cur;
}
