/**
 * A compact description of a configuration's keys. Leaves: `"s"` string, `"i"` integer, `"f"` float, `"b"` bool,
 * `"d"` Go duration (`time.Duration`, no `d` unit), `"md"` Prometheus model duration (`14d`, `1w` allowed), `"l"` list of anything, `"m"` free-form map, `"*"` anything. `{ "[]": node }` is a list of `node`.
 */
export type KeyNode = "s" | "i" | "f" | "b" | "d" | "md" | "l" | "m" | "*" | KeyTree;

/** Object node: its keys. */
export interface KeyTree {
  [key: string]: KeyNode;
}

/** True for an object node (not a leaf, not a list-of marker). */
export function isTree(node: KeyNode | undefined): node is KeyTree {
  return typeof node === "object" && node !== null && !Object.hasOwn(node, "[]");
}

/** The item node of a `{ "[]": node }` list, or `undefined`. */
export function listItem(node: KeyNode | undefined): KeyNode | undefined {
  return typeof node === "object" && node !== null && Object.hasOwn(node, "[]") ? node["[]"] : undefined;
}

/** The node at `path` (list indices skip into `[]` items), or `undefined`. */
export function nodeAt(tree: KeyNode, path: readonly (string | number)[]): KeyNode | undefined {
  let node: KeyNode | undefined = tree;
  for (const seg of path) {
    if (node === undefined) return undefined;
    if (typeof seg === "number") node = listItem(node);
    else node = isTree(node) && Object.hasOwn(node, seg) ? node[seg] : undefined;
  }
  return node;
}
