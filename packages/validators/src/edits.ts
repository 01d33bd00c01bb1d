import { deepEqual, type Edit, formatPath, isRecord, type PathSegments, setOwn } from "@lgtm-gitops/diagnostics";
import { type Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap } from "yaml";
import { editScript } from "./text-diff.js";
import { parseSource } from "./yaml-source.js";

/** Edits applied all together or not at all: the `edits` of one diagnostic. */
export type EditGroup = readonly Edit[];

/** A group {@link applyEdits} did not apply, and why (in words for the person who now has to do it). */
export interface SkippedEdits {
  /** Index of the group in the input. */
  readonly index: number;
  readonly edits: EditGroup;
  readonly reason: string;
}

/** What {@link applyEdits} returns. */
export interface AppliedEdits {
  /** The new text (the input itself when nothing was applied). */
  readonly text: string;
  /** Indexes of the groups applied, in the order they were applied. */
  readonly applied: readonly number[];
  readonly skipped: readonly SkippedEdits[];
}

/** How one edit reads in a report: `move tempo.query_frontend → tempo.queryFrontend`. */
export function describeEdit(edit: Edit): string {
  switch (edit.op) {
    case "move":
      return `move ${formatPath(edit.from)} → ${formatPath(edit.to)}`;
    case "delete":
      return `delete ${formatPath(edit.path)}`;
    case "set":
      return `set ${formatPath(edit.path)}: ${JSON.stringify(edit.value)}`;
  }
}

const show = (p: PathSegments) => `\`${formatPath(p)}\``;
const startsWith = (p: PathSegments, prefix: PathSegments) =>
  prefix.length <= p.length && prefix.every((s, i) => s === p[i]);
const clone = (v: unknown): unknown => (v === undefined ? undefined : structuredClone(v));

// ---------------------------------------------------------------------------------------------------------------
// The plan: edits applied to plain data. It decides what can be applied (collisions, missing sources, parents that
// are not maps) and gives the values the edited text must parse to.

/** The parent map of `path` (created as maps when `create`), or a reason it cannot be. */
function parentOf(root: unknown, path: PathSegments, create: boolean): Record<string, unknown> | string {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string | number;
    if (typeof seg === "number") {
      if (!Array.isArray(cur) || seg >= cur.length) return `${show(path.slice(0, i + 1))} does not exist`;
      cur = cur[seg];
      continue;
    }
    if (!isRecord(cur)) return `${show(path.slice(0, i))} is not a map`;
    if (!Object.hasOwn(cur, seg)) {
      if (!create) return `${show(path.slice(0, i + 1))} does not exist`;
      setOwn(cur, seg, {});
    }
    cur = cur[seg];
  }
  if (!isRecord(cur)) return `${show(path.slice(0, -1))} is ${cur === null ? "null" : "not a map"}`;
  return cur;
}

/** The first path below `at` where `source` and `target` hold different values, when merging them is not possible. */
function conflict(source: unknown, target: unknown, at: PathSegments): PathSegments | undefined {
  if (deepEqual(source, target)) return undefined;
  if (!isRecord(source) || !isRecord(target)) return at;
  for (const [k, v] of Object.entries(source)) {
    if (!Object.hasOwn(target, k)) continue;
    const c = conflict(v, target[k], [...at, k]);
    if (c) return c;
  }
  return undefined;
}

function mergeInto(source: Record<string, unknown>, target: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    const t = target[k];
    if (Object.hasOwn(target, k) && isRecord(v) && isRecord(t)) mergeInto(v, t);
    else if (!Object.hasOwn(target, k)) setOwn(target, k, v);
  }
}

/** Removes `path`, then every ancestor this removal left empty (keys the edits emptied, never ones written empty). */
function removeAndPrune(root: unknown, path: PathSegments, keep: PathSegments): void {
  for (let n = path.length; n > 0; n--) {
    const parent = parentOf(root, path.slice(0, n), false);
    if (typeof parent === "string") return;
    const key = path[n - 1] as string;
    delete parent[key];
    if (Object.keys(parent).length > 0 || n === 1 || startsWith(keep, path.slice(0, n - 1))) return;
  }
}

/** Applies one edit to `root` (mutating it), or returns why it cannot be applied. */
function planEdit(root: unknown, edit: Edit): string | undefined {
  const last = (p: PathSegments) => p[p.length - 1];
  const paths = edit.op === "move" ? [edit.from, edit.to] : [edit.path];
  if (paths.some((p) => p.length === 0 || typeof last(p) !== "string"))
    return "an edit can only change a key of a map, not the whole document or a list item";
  if (edit.op === "delete") {
    const parent = parentOf(root, edit.path, false);
    if (typeof parent === "string" || !Object.hasOwn(parent, last(edit.path) as string))
      return `${show(edit.path)} is no longer there`;
    removeAndPrune(root, edit.path, []);
    return undefined;
  }
  if (edit.op === "set") {
    const parent = parentOf(root, edit.path, true);
    if (typeof parent === "string") return `cannot set ${show(edit.path)}: ${parent}`;
    setOwn(parent, last(edit.path) as string, clone(edit.value));
    return undefined;
  }
  const { from, to } = edit;
  if (startsWith(to, from) || startsWith(from, to)) return `cannot move ${show(from)} into itself`;
  const source = parentOf(root, from, false);
  const key = last(from) as string;
  if (typeof source === "string" || !Object.hasOwn(source, key)) return `${show(from)} is no longer there`;
  const value = source[key];
  const target = parentOf(root, to, false);
  const toKey = last(to) as string;
  if (typeof target !== "string" && Object.hasOwn(target, toKey)) {
    const existing = target[toKey];
    const c = conflict(value, existing, to);
    if (c)
      return deepEqual(c, to)
        ? `${show(to)} is already set (to ${JSON.stringify(existing)}): moving ${show(from)} there would overwrite it; keep one of the two by hand`
        : `${show(to)} already exists and ${show(c)} is set differently in both; merge them by hand`;
    if (isRecord(value) && isRecord(existing)) mergeInto(value, existing);
    removeAndPrune(root, from, to);
    return undefined;
  }
  // Check the target's parents before removing anything.
  const probe = structuredClone(root);
  const probeParent = parentOf(probe, to, true);
  if (typeof probeParent === "string") return `cannot move ${show(from)} to ${show(to)}: ${probeParent}`;
  removeAndPrune(root, from, to);
  const parent = parentOf(root, to, true) as Record<string, unknown>;
  setOwn(parent, toKey, value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The same edits on the YAML document: comments, key order and the style of untouched nodes are kept.

type AnyNode = unknown;

function mapAt(doc: Document, path: PathSegments): YAMLMap | undefined {
  let cur: AnyNode = doc.contents;
  for (const seg of path) {
    if (typeof seg === "number") {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[seg];
    } else {
      if (!isMap(cur)) return undefined;
      cur = pairOf(cur, seg)?.value;
    }
  }
  return isMap(cur) ? (cur as YAMLMap) : undefined;
}

function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? "null" : String(k.value);
  return typeof k === "string" || typeof k === "number" ? String(k) : undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((p) => keyName(p) === key);
}

/** The parent map of `path`, creating missing maps (block style, or flow inside a flow map). */
function ensureMap(doc: Document, path: PathSegments): YAMLMap {
  let cur = doc.contents as YAMLMap;
  for (const seg of path) {
    if (typeof seg === "number") {
      cur = (cur as unknown as { items: YAMLMap[] }).items[seg] as YAMLMap;
      continue;
    }
    const pair = pairOf(cur, seg);
    if (pair && isMap(pair.value)) {
      cur = pair.value as YAMLMap;
      continue;
    }
    const m = new YAMLMap(doc.schema);
    if (cur.flow) m.flow = true;
    if (pair) pair.value = m;
    else cur.items.push(new Pair(new Scalar(seg), m));
    cur = m;
  }
  return cur;
}

/** The comment fields of a yaml node, written loosely (yaml types them per node kind). */
type Commented = {
  commentBefore?: string | null | undefined;
  comment?: string | null | undefined;
  spaceBefore?: boolean | undefined;
  type?: unknown;
};
const loose = (n: unknown) => n as Commented;

const joinComments = (...c: (string | null | undefined)[]) => {
  const parts = c.filter((x): x is string => typeof x === "string" && x !== "");
  return parts.length > 0 ? parts.join("\n") : undefined;
};

/** Moves the comments of a key that goes away onto `to` (a key node), so no comment of the file is lost. */
function carryComments(to: Scalar, ...comments: (string | null | undefined)[]): void {
  const c = joinComments(...comments, to.commentBefore);
  if (c !== undefined) to.commentBefore = c;
}

class YamlEditor {
  /** For each map a move took a key out of: the moved key, to carry the map's own comment when it is pruned. */
  private readonly movedOut = new Map<YAMLMap, Scalar>();
  constructor(private readonly doc: Document) {}

  /** Takes the pair `key` out of `map`, keeping the map's leading comment (yaml puts it on the map) with the pair. */
  private detach(map: YAMLMap, key: string): Pair | undefined {
    const i = (map.items as Pair[]).findIndex((p) => keyName(p) === key);
    if (i < 0) return undefined;
    const [pair] = map.items.splice(i, 1) as Pair[];
    if (!pair) return undefined;
    if (!isScalar(pair.key)) pair.key = new Scalar(pair.key);
    if (i === 0 && map !== this.doc.contents && map.commentBefore) {
      carryComments(pair.key as Scalar, map.commentBefore);
      loose(map).commentBefore = undefined;
      const next = map.items[0] as Pair | undefined;
      if (next && isScalar(next.key)) next.key.spaceBefore = false;
    }
    return pair;
  }

  /** Removes empty maps the edits left at `path` and above (a moved or deleted key was their last), keeping comments. */
  private prune(path: PathSegments, keep: PathSegments): void {
    for (let n = path.length; n > 0; n--) {
      const at = path.slice(0, n);
      if (startsWith(keep, at)) return;
      const map = mapAt(this.doc, at);
      if (!map || map.items.length > 0) return;
      const parent = mapAt(this.doc, path.slice(0, n - 1));
      if (!parent) return;
      const i = (parent.items as Pair[]).findIndex((p) => keyName(p) === at[at.length - 1]);
      const pair = parent.items[i] as Pair | undefined;
      if (!pair) return;
      parent.items.splice(i, 1);
      const key = isScalar(pair.key) ? pair.key : undefined;
      const comments = [
        i === 0 && parent !== this.doc.contents ? parent.commentBefore : undefined,
        key?.commentBefore,
        key?.comment,
        map.commentBefore,
        map.comment,
      ];
      if (i === 0 && parent !== this.doc.contents) loose(parent).commentBefore = undefined;
      // The comment of a section that is gone goes with the first key moved out of it, else to the next key.
      const heir = this.movedOut.get(map) ?? ((parent.items[i] as Pair | undefined)?.key as Scalar | undefined);
      if (heir && isScalar(heir)) {
        carryComments(heir, ...comments);
        if (parent.items[i] && (parent.items[i] as Pair).key === heir) loose(heir).spaceBefore = key?.spaceBefore;
      } else if (parent.items.length === 0) loose(parent).comment = joinComments(parent.comment, ...comments);
      else {
        const prev = parent.items[parent.items.length - 1] as Pair;
        const node = loose(isScalar(prev.value) || isMap(prev.value) || isSeq(prev.value) ? prev.value : prev.key);
        node.comment = joinComments(node.comment, ...comments);
      }
      const moved = this.movedOut.get(map);
      if (moved && !this.movedOut.has(parent)) this.movedOut.set(parent, moved);
    }
  }

  apply(edit: Edit): void {
    const doc = this.doc;
    if (edit.op === "delete") {
      const parentPath = edit.path.slice(0, -1);
      const map = mapAt(doc, parentPath);
      if (map) this.detach(map, edit.path[edit.path.length - 1] as string);
      this.prune(parentPath, []);
      return;
    }
    if (edit.op === "set") {
      const map = ensureMap(doc, edit.path.slice(0, -1));
      const key = edit.path[edit.path.length - 1] as string;
      const pair = pairOf(map, key);
      const node = doc.createNode(edit.value);
      if (pair) {
        const old = loose(pair.value);
        if (old?.comment) loose(node).comment = old.comment;
        pair.value = node;
      } else map.items.push(new Pair(new Scalar(key), node));
      return;
    }
    const { from, to } = edit;
    const fromParent = from.slice(0, -1);
    const toParent = to.slice(0, -1);
    const fromKey = from[from.length - 1] as string;
    const toKey = to[to.length - 1] as string;
    const source = mapAt(doc, fromParent);
    if (!source) return;
    const existingTarget = mapAt(doc, toParent);
    const targetPair = existingTarget ? pairOf(existingTarget, toKey) : undefined;
    if (!targetPair && deepEqual(fromParent, toParent)) {
      // A rename in place: the key keeps its place, comments and style.
      const pair = pairOf(source, fromKey);
      if (!pair) return;
      if (isScalar(pair.key)) {
        pair.key.value = toKey;
        loose(pair.key).type = undefined;
      } else pair.key = new Scalar(toKey);
      return;
    }
    const pair = this.detach(source, fromKey);
    if (!pair) return;
    const key = pair.key as Scalar;
    if (!this.movedOut.has(source)) this.movedOut.set(source, key);
    if (targetPair) {
      // Plan checked it: both maps without conflicting leaves, or equal values.
      if (isMap(pair.value) && isMap(targetPair.value)) this.merge(pair.value as YAMLMap, targetPair.value as YAMLMap);
      if (isScalar(targetPair.key)) carryComments(targetPair.key, key.commentBefore, key.comment);
    } else {
      const target = ensureMap(doc, toParent);
      key.value = toKey;
      loose(key).type = undefined;
      if (target.items.length === 0) key.spaceBefore = false;
      target.items.push(pair);
    }
    this.prune(fromParent, to);
  }

  private merge(source: YAMLMap, target: YAMLMap): void {
    for (const pair of [...(source.items as Pair[])]) {
      const name = keyName(pair);
      if (name === undefined) continue;
      const existing = pairOf(target, name);
      if (!existing) {
        target.items.push(pair);
        continue;
      }
      if (isMap(pair.value) && isMap(existing.value)) this.merge(pair.value as YAMLMap, existing.value as YAMLMap);
      if (isScalar(existing.key) && isScalar(pair.key))
        carryComments(existing.key, pair.key.commentBefore, pair.key.comment);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text: the edited document is printed by yaml; a three-way merge puts its changes into the original text, so lines
// the edits did not touch keep their exact bytes (quoting, folded scalars, spacing that yaml would normalise).

/** Indentation and sequence style of a YAML text, so the printed document looks like it. */
function styleOf(text: string): { indent: number; indentSeq: boolean; flowCollectionPadding: boolean } {
  const lines = text.split("\n");
  let indent = 0;
  let indentSeq = true;
  let seenSeq = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(#|$)/.test(line)) continue;
    const lead = (/^ */.exec(line)?.[0] ?? "").length;
    if (lead > 0 && (indent === 0 || lead < indent) && !/^\s*- /.test(line)) indent = lead;
    const key = /^( *)[^\s#-][^#]*:\s*(#.*)?$/.exec(line);
    if (key && !seenSeq) {
      const next = lines.slice(i + 1).find((l) => !/^\s*(#|$)/.test(l));
      const ind = key[1] ?? "";
      if (next?.startsWith(`${ind}- `) || next === `${ind}-`) {
        indentSeq = false;
        seenSeq = true;
      } else if (next !== undefined && new RegExp(`^${ind} +- `).test(next)) seenSeq = true;
    }
  }
  // `{ cpu: 1 }` or `{cpu: 1}`: as the file writes its flow collections (the first one decides).
  const flow = /(?:^|[:\-,[{]\s*)([{[])( ?)[^\s}\]]/m.exec(text.replace(/#.*$/gm, ""));
  return { indent: indent > 0 && indent <= 8 ? indent : 2, indentSeq, flowCollectionPadding: flow?.[2] === " " };
}

/** For each line of `base`, the index of the same line in `other` (Myers' script), or -1. */
function matches(base: readonly string[], other: readonly string[]): number[] {
  const out = new Array<number>(base.length).fill(-1);
  let i = 0;
  let j = 0;
  for (const [op] of editScript(base, other)) {
    if (op === "=") out[i++] = j++;
    else if (op === "-") i++;
    else j++;
  }
  return out;
}

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/** Three-way merge by lines: `base` printed as it was, `ours` the original text, `theirs` printed after the edits. */
function merge3(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const mo = matches(base, ours);
  const mt = matches(base, theirs);
  const out: string[] = [];
  let b = 0;
  let o = 0;
  let t = 0;
  const chunk = (bEnd: number, oEnd: number, tEnd: number) => {
    const B = base.slice(b, bEnd);
    const O = ours.slice(o, oEnd);
    const T = theirs.slice(t, tEnd);
    // Only the edits changed it: theirs; only the original differs (formatting yaml normalises): ours; both: line by
    // line when the three have as many lines (a key renamed next to a line yaml prints differently), else theirs.
    if (sameLines(B, T)) out.push(...O);
    else if (B.length === O.length && B.length === T.length)
      out.push(...T.map((l, k) => (l === B[k] ? (O[k] as string) : l)));
    else out.push(...T);
  };
  for (let i = 0; i < base.length; i++) {
    const oi = mo[i] as number;
    const ti = mt[i] as number;
    if (oi < o || ti < t || oi < 0 || ti < 0) continue;
    chunk(i, oi, ti);
    out.push(ours[oi] as string);
    b = i + 1;
    o = oi + 1;
    t = ti + 1;
  }
  chunk(base.length, ours.length, theirs.length);
  return out;
}

/**
 * Applies edits to a YAML (or JSON) values text and returns the new text; never throws and never writes. Each group
 * (one diagnostic's `edits`) is applied whole or not at all, in the order given, each seeing the result of the ones
 * before. A group is skipped, with the reason, when its source is gone, a parent on its way is not a map, or a move
 * would overwrite a different value (two maps merge when no leaf conflicts; an equal value is dropped). Keys left
 * empty by a move or delete are removed.
 *
 * YAML keeps its comments (a moved key takes its comments along; the comment of a section emptied by the edits goes
 * with the first key moved out of it), its key order and the exact text of every line the edits do not touch. JSON
 * stays JSON (printed with the file's indentation). The result is checked: it must parse to the values the edits
 * describe, else nothing is applied.
 *
 * @example
 * const r = applyEdits("tempo:\n  query_frontend: {}  # x\n", [[{ op: "move", from: ["tempo", "query_frontend"], to: ["tempo", "queryFrontend"] }]]);
 * r.text; // "tempo:\n  queryFrontend: {}  # x\n"
 */
export function applyEdits(text: string, groups: readonly EditGroup[]): AppliedEdits {
  const parsed = parseSource("<edit>", text);
  if (parsed.values === undefined || parsed.diagnostics.length > 0) {
    const reason = "the file has YAML errors or more than one document; fix them first (lint lists them)";
    return { text, applied: [], skipped: groups.map((edits, index) => ({ index, edits, reason })) };
  }
  if (!isRecord(parsed.values)) {
    const reason = "the document is not a map of values";
    return { text, applied: [], skipped: groups.map((edits, index) => ({ index, edits, reason })) };
  }
  let values: unknown = structuredClone(parsed.values);
  const applied: number[] = [];
  const skipped: SkippedEdits[] = [];
  const seen = new Set<string>();
  groups.forEach((edits, index) => {
    const id = JSON.stringify(edits);
    if (edits.length === 0 || seen.has(id)) return;
    seen.add(id);
    const trial = structuredClone(values);
    for (const edit of edits) {
      const reason = planEdit(trial, edit);
      if (reason !== undefined) {
        skipped.push({ index, edits, reason });
        return;
      }
    }
    values = trial;
    applied.push(index);
  });
  if (applied.length === 0) return { text, applied, skipped };
  const crlf = text.includes("\r\n");
  const source = crlf ? text.replace(/\r\n/g, "\n") : text;
  const out = render(
    source,
    values,
    applied.flatMap((i) => groups[i] as EditGroup),
  );
  if (out === undefined) {
    const reason =
      "the edited file would not read back as the edits describe (anchors, aliases or merge keys in the way); edit it by hand";
    return { text, applied: [], skipped: groups.map((edits, index) => ({ index, edits, reason })) };
  }
  return { text: crlf ? out.replace(/\n/g, "\r\n") : out, applied, skipped };
}

/** The text after `edits`, checked to parse to `expected`; `undefined` when no way of printing it does. */
function render(source: string, expected: unknown, edits: readonly Edit[]): string | undefined {
  const reads = (t: string) => {
    const p = parseSource("<edit>", t);
    return p.diagnostics.length === 0 && deepEqual(p.values, expected);
  };
  if (/^\s*[{[]/.test(source.replace(/^\uFEFF/, "")) && isJson(source)) {
    const indent = /\n([ \t]+)"/.exec(source)?.[1] ?? "  ";
    const json = `${JSON.stringify(expected, null, indent)}\n`;
    return reads(json) ? json : undefined;
  }
  try {
    const opts = { uniqueKeys: false, merge: true, prettyErrors: false, strict: true } as const;
    const style = styleOf(source);
    const print = { ...style, lineWidth: 0, minContentWidth: 0 } as const;
    const base = parseDocument(source, opts).toString(print);
    const doc = parseDocument(source, opts);
    const editor = new YamlEditor(doc);
    for (const e of edits) editor.apply(e);
    const theirs = doc.toString(print);
    const merged = merge3(base.split("\n"), source.split("\n"), theirs.split("\n")).join("\n");
    if (reads(merged)) return merged;
    return reads(theirs) ? theirs : undefined;
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
