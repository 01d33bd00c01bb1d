import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";

/**
 * Bounds on what one YAML/JSON document may cost to read, checked before the document is turned into values:
 * `entries` on the text before it is parsed (parsing costs about 1 KB of memory and 10 µs per node), `nodes` and
 * `bytes` on the document as its aliases expand it (an anchor referenced 100 times is 100 copies in memory and in
 * every file written from it).
 */
export interface YamlLimits {
  /** Most entries (non-blank, non-comment lines plus `,` separators) the text may have before it is parsed. */
  readonly entries: number;
  /** Most nodes (maps, lists, keys, values) the document may expand to, aliases followed. */
  readonly nodes: number;
  /** Most bytes of keys and scalar values the document may expand to, aliases followed. */
  readonly bytes: number;
}

/** Limits of one values file given to `lint` (the largest chart default values: ~6,000 lines, ~8,000 nodes). */
export const LINT_LIMITS: YamlLimits = Object.freeze({ entries: 50_000, nodes: 100_000, bytes: 16 * 1024 * 1024 });

/** Limits of all the files of one `lint` run together (expanded nodes and bytes). */
export const LINT_RUN_LIMITS: Pick<YamlLimits, "nodes" | "bytes"> = Object.freeze({
  nodes: 250_000,
  bytes: 32 * 1024 * 1024,
});

/** Limits of a YAML/JSON cluster definition (real definitions: a few hundred nodes). */
export const DEFINITION_LIMITS: YamlLimits = Object.freeze({ entries: 20_000, nodes: 50_000, bytes: 2 * 1024 * 1024 });

/** What is left of a budget shared by several documents (one `lint` run); {@link chargeBudget} spends it. */
export interface YamlBudget {
  nodes: number;
  bytes: number;
}

/** A fresh budget for one `lint` run. */
export function lintRunBudget(): YamlBudget {
  return { nodes: LINT_RUN_LIMITS.nodes, bytes: LINT_RUN_LIMITS.bytes };
}

/** Why a document is refused, and where (a UTF-16 offset in its text). */
export interface YamlProblem {
  readonly code: "too-many-entries" | "expands-too-much" | "undefined-alias" | "run-too-large";
  readonly message: string;
  readonly fix: string;
  readonly offset: number;
}

const n = (x: number) => x.toLocaleString("en-US");

/**
 * Counts the entries of a YAML/JSON text (non-blank lines that are not only a comment, plus `,` separators) in one
 * pass, without parsing. Returns a problem at the line where the count passes `limits.entries`.
 */
export function checkEntries(text: string, limits: Pick<YamlLimits, "entries">): YamlProblem | undefined {
  let count = 0;
  let lineHasContent = false;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (lineHasContent) count++;
      lineHasContent = false;
      inComment = false;
    } else if (inComment) {
      // rest of a comment line
    } else if (c === 35 && !lineHasContent) inComment = true;
    else if (c === 44) count++;
    else if (c !== 32 && c !== 9 && c !== 13) lineHasContent = true;
    if (count > limits.entries)
      return {
        code: "too-many-entries",
        message: `the document has more than ${n(limits.entries)} entries (lines and list items); it was not parsed`,
        fix: "Split it: a Helm values file or a cluster definition is a few thousand lines at most. Generated data (dashboards, rules) belongs in its own ConfigMap or file, not in values.",
        offset: i,
      };
  }
  return undefined;
}

interface Size {
  nodes: number;
  bytes: number;
}

function scalarBytes(node: Node): number {
  const r = node.range;
  if (r) return Math.max(0, r[1] - r[0]);
  const v = (node as { value?: unknown }).value;
  return typeof v === "string" ? v.length : 8;
}

/** The children of a collection node in document order (pair keys and values, list items). */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) out.push(item.key, item.value);
      else out.push(item);
    }
    return out;
  }
  return [];
}

/**
 * Checks that `doc` (parsed, without syntax errors) expands to at most `limits.nodes` nodes and `limits.bytes` bytes
 * with every alias followed, and that every alias names an anchor defined before it. Runs in time linear in the
 * document (each anchored node is measured once, however often it is referenced), without recursion. Charges the
 * expanded size to `budget` when one is given (one `lint` run), and refuses a document that overdraws it.
 */
export function checkExpansion(
  doc: Document.Parsed | Document,
  limits: Pick<YamlLimits, "nodes" | "bytes">,
  budget?: YamlBudget,
): YamlProblem | undefined {
  const sizes = new Map<unknown, Size>();
  const root = doc.contents;
  if (root === null || root === undefined) return undefined;
  // Post-order walk: a node's size is known once its children's are. An alias's size is its target's.
  const stack: { node: unknown; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.node;
    if (sizes.has(node)) {
      stack.pop();
      continue;
    }
    if (isAlias(node)) {
      const target = node.resolve(doc as Document);
      if (target === undefined)
        return {
          code: "undefined-alias",
          message: `the alias *${node.source} refers to no anchor: no \`&${node.source}\` is defined before it`,
          fix: `Define the anchor (\`&${node.source}\`) on the value before the first *${node.source}, or write the value out.`,
          offset: node.range?.[0] ?? 0,
        };
      if (sizes.has(target)) {
        sizes.set(node, sizes.get(target)!);
        stack.pop();
      } else if (stack.some((f) => f.node === target)) {
        return {
          code: "undefined-alias",
          message: `the alias *${node.source} is inside the value its anchor names (a circular reference)`,
          fix: `Remove *${node.source} from inside &${node.source}.`,
          offset: node.range?.[0] ?? 0,
        };
      } else stack.push({ node: target, expanded: false });
      continue;
    }
    if (!isMap(node) && !isSeq(node)) {
      sizes.set(
        node,
        node === null || node === undefined
          ? { nodes: 0, bytes: 0 }
          : { nodes: 1, bytes: isScalar(node) ? scalarBytes(node) : 0 },
      );
      stack.pop();
      continue;
    }
    const children = childrenOf(node);
    if (!top.expanded) {
      top.expanded = true;
      for (let i = children.length - 1; i >= 0; i--)
        if (children[i] !== null && children[i] !== undefined && !sizes.has(children[i]))
          stack.push({ node: children[i], expanded: false });
      continue;
    }
    const size: Size = { nodes: 1, bytes: 0 };
    for (const c of children) {
      const s = c === null || c === undefined ? undefined : sizes.get(c);
      if (s) {
        size.nodes += s.nodes;
        size.bytes += s.bytes;
      }
    }
    sizes.set(node, size);
    stack.pop();
  }
  const total = sizes.get(root) ?? { nodes: 0, bytes: 0 };
  const nodeLimit = Math.min(limits.nodes, budget?.nodes ?? Number.POSITIVE_INFINITY);
  const byteLimit = Math.min(limits.bytes, budget?.bytes ?? Number.POSITIVE_INFINITY);
  if (total.nodes <= nodeLimit && total.bytes <= byteLimit) {
    if (budget) {
      budget.nodes -= total.nodes;
      budget.bytes -= total.bytes;
    }
    return undefined;
  }
  const overRun =
    budget !== undefined &&
    (total.nodes > budget.nodes || total.bytes > budget.bytes) &&
    total.nodes <= limits.nodes &&
    total.bytes <= limits.bytes;
  // Where it goes over: the first alias (in document order) at which the running expanded size passes the limit, or
  // the node at which the source itself does.
  let running: Size = { nodes: 0, bytes: 0 };
  let offset = 0;
  const walk: unknown[] = [root];
  while (walk.length > 0) {
    const node = walk.pop();
    if (node === null || node === undefined) continue;
    if (isAlias(node) || (!isMap(node) && !isSeq(node))) {
      const s = sizes.get(node) ?? { nodes: 1, bytes: 0 };
      running = { nodes: running.nodes + s.nodes, bytes: running.bytes + s.bytes };
      if (running.nodes > nodeLimit || running.bytes > byteLimit) {
        offset = (node as Node).range?.[0] ?? 0;
        break;
      }
      continue;
    }
    running.nodes++;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) walk.push(children[i]);
  }
  const what =
    total.nodes > nodeLimit
      ? `more than ${n(nodeLimit)} nodes (${n(total.nodes)})`
      : `more than ${n(byteLimit)} bytes (${n(total.bytes)})`;
  if (overRun)
    return {
      code: "run-too-large",
      message: `this file takes the files of one lint run together past their limit of ${n(LINT_RUN_LIMITS.nodes)} nodes or ${n(LINT_RUN_LIMITS.bytes)} bytes; it was not linted`,
      fix: "Lint the files in smaller groups (one lint run per deployment).",
      offset,
    };
  return {
    code: "expands-too-much",
    message: `with its aliases (*name) followed, the document expands to ${what}; it was not read`,
    fix: "Write the values out instead of repeating large anchors (&name) with aliases (*name); a values file or definition needs no more than a few thousand nodes.",
    offset,
  };
}
