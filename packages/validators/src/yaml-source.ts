import type { Diagnostic } from "@lgtm-gitops/diagnostics";
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, parseAllDocuments } from "yaml";
import { checkEntries, checkExpansion, LINT_LIMITS, type YamlBudget, type YamlLimits } from "./yaml-budget.js";

/** A 1-based position in a text file. `column` counts Unicode code points, as editors show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each value of a parsed document sits in its file, keyed by path segments.
 * `key` is the position of the mapping key (`retention_period:`), `value` the position of the value.
 */
export interface PositionIndex {
  /** The position of the value at `path`, or of its nearest ancestor present in the file. */
  locate(path: readonly (string | number)[]): SourcePosition | undefined;
  /** The position of exactly `path`, `undefined` when the document does not contain it. */
  exact(path: readonly (string | number)[]): SourcePosition | undefined;
}

/** The outcome of reading one YAML/JSON file: its values, where they sit, and syntax findings. */
export interface ParsedSource {
  /** The document's value as plain data (`undefined` when the file could not be read at all). */
  readonly values: unknown;
  readonly positions: PositionIndex;
  /** `yaml/syntax` findings (syntax errors, duplicate keys, tabs, alias bombs), with file/line/column. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Files larger than this (in UTF-16 code units) are not parsed; a `yaml/syntax` error says so. */
export const MAX_SOURCE_LENGTH = 8 * 1024 * 1024;

/** Aliases allowed per document before it is treated as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

const keyOf = (path: readonly (string | number)[]): string => JSON.stringify(path);

/**
 * Converts UTF-16 offsets of a JS string into 1-based line/column, counting columns in code points
 * (a CJK character or an emoji is one column; a tab is one column).
 */
export class OffsetMapper {
  private readonly lineStarts: readonly number[];
  constructor(private readonly text: string) {
    // yaml's LineCounter gives UTF-16 columns; we need code points, so index line starts ourselves.
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this.lineStarts = starts;
  }
  /** Position of a UTF-16 offset. */
  position(offset: number): SourcePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo] ?? 0;
    let column = 1;
    for (let i = start; i < o; i++) {
      const c = this.text.charCodeAt(i);
      // A high surrogate followed by a low surrogate is one code point.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < o) {
        const d = this.text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      column++;
    }
    return { line: lo + 1, column };
  }
}

class MapPositionIndex implements PositionIndex {
  constructor(private readonly map: ReadonlyMap<string, SourcePosition>) {}
  exact(path: readonly (string | number)[]): SourcePosition | undefined {
    return this.map.get(keyOf(path));
  }
  locate(path: readonly (string | number)[]): SourcePosition | undefined {
    for (let n = path.length; n >= 0; n--) {
      const p = this.map.get(keyOf(path.slice(0, n)));
      if (p) return p;
    }
    return undefined;
  }
}

/** A position index for values that came with no text (documents the bundler built). */
export const emptyPositions: PositionIndex = new MapPositionIndex(new Map());

/** A position index from explicit entries (for documents whose positions the caller already knows). */
export function positionsFrom(
  entries: Iterable<readonly [readonly (string | number)[], SourcePosition]>,
): PositionIndex {
  const m = new Map<string, SourcePosition>();
  for (const [path, pos] of entries) m.set(keyOf(path), pos);
  return new MapPositionIndex(m);
}

function scalarKey(node: unknown): string | number | undefined {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  }
  return undefined;
}

function indexNode(
  node: Node | null | undefined,
  path: (string | number)[],
  out: Map<string, SourcePosition>,
  mapper: OffsetMapper,
  depth: number,
): void {
  if (!node || depth > 200 || isAlias(node)) return;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = scalarKey(item.key);
      if (k === undefined) continue;
      const childPath = [...path, k];
      const keyNode = item.key as Node | null;
      const at = keyNode?.range?.[0] ?? (item.value as Node | null)?.range?.[0];
      if (at !== undefined && !out.has(keyOf(childPath))) out.set(keyOf(childPath), mapper.position(at));
      indexNode(item.value as Node | null, childPath, out, mapper, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const childPath = [...path, i];
      const at = (item as Node | null)?.range?.[0];
      if (at !== undefined) out.set(keyOf(childPath), mapper.position(at));
      indexNode(item as Node | null, childPath, out, mapper, depth + 1);
    });
  }
}

/** yaml's message for a repeated key (kept so diagnostics read as before `uniqueKeys` was turned off). */
const DUPLICATE_KEY_MESSAGE = "Map keys must be unique";

/**
 * Offsets of every key that repeats an earlier scalar key of the same map (yaml's own `uniqueKeys` check,
 * which compares each key with every earlier one, made linear with a Set per map). Walks without recursion.
 */
function duplicateKeyOffsets(root: unknown): number[] {
  const out: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        if (isScalar(key)) {
          const v = key.value;
          // yaml compares with ===: NaN never equals itself.
          if (!(typeof v === "number" && Number.isNaN(v))) {
            if (seen.has(v)) {
              const at = key.range?.[0] ?? (pair.value as Node | null)?.range?.[0];
              if (at !== undefined) out.push(at);
            } else seen.add(v);
          }
        }
        if (key !== null && typeof key === "object") stack.push(key);
        if (pair.value !== null && typeof pair.value === "object") stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item !== null && typeof item === "object") stack.push(item);
    }
  }
  return out.sort((a, b) => a - b);
}

function syntax(file: string, message: string, pos: SourcePosition | undefined, fix?: string): Diagnostic {
  return {
    ruleId: "yaml/syntax",
    severity: "error",
    path: [],
    message,
    ...(fix ? { fix } : {}),
    file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
  };
}

/** Options of {@link parseSource}. */
export interface ParseSourceOptions {
  /** Bounds on entries before parsing and on the expanded size. @default LINT_LIMITS */
  readonly limits?: YamlLimits;
  /** A budget shared with the other files of one run; the document's expanded size is charged to it. */
  readonly budget?: YamlBudget;
}

/**
 * Parses YAML (or JSON, which is YAML) text into plain values with a position for every key and list
 * item. Never throws: syntax errors, duplicate keys, tab indentation, alias bombs, an undefined alias, binary or
 * oversized input, too many entries and documents that expand past `limits` (see `yaml-budget.ts`) all become
 * `yaml/syntax` diagnostics with a line and column. Only the first document of a multi-document file is used
 * (as Helm does); extra documents produce a warning.
 */
export function parseSource(file: string, text: string, options: ParseSourceOptions = {}): ParsedSource {
  const limits = options.limits ?? LINT_LIMITS;
  const positions = new Map<string, SourcePosition>();
  const index = new MapPositionIndex(positions);
  if (typeof text !== "string") {
    // Defensive: callers typed as string may still pass anything at runtime.
    return { values: undefined, positions: index, diagnostics: [syntax(file, "the input is not text", undefined)] };
  }
  if (text.length > MAX_SOURCE_LENGTH) {
    return {
      values: undefined,
      positions: index,
      diagnostics: [
        syntax(file, `the file is too large to lint (${text.length} characters; limit ${MAX_SOURCE_LENGTH})`, {
          line: 1,
          column: 1,
        }),
      ],
    };
  }
  const mapper = new OffsetMapper(text);
  const diagnostics: Diagnostic[] = [];
  if (text.includes("\u0000")) {
    return {
      values: undefined,
      positions: index,
      diagnostics: [
        syntax(file, "the file contains NUL bytes: it looks binary, not YAML", mapper.position(text.indexOf("\u0000"))),
      ],
    };
  }
  const tooMany = checkEntries(text, limits);
  if (tooMany)
    return {
      values: undefined,
      positions: index,
      diagnostics: [syntax(file, tooMany.message, mapper.position(tooMany.offset), tooMany.fix)],
    };
  try {
    // yaml's uniqueKeys check is quadratic per map; duplicateKeyOffsets does it in one pass.
    const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true, prettyErrors: false, strict: true });
    const list = Array.isArray(docs) ? docs : [];
    const doc = list[0];
    if (!doc) return { values: undefined, positions: index, diagnostics };
    const errors: { message: string; pos: readonly [number, number] }[] = [...doc.errors];
    for (const at of duplicateKeyOffsets(doc.contents)) {
      const i = errors.findIndex((e) => e.pos[0] > at);
      const dup = { message: DUPLICATE_KEY_MESSAGE, pos: [at, at + 1] as const };
      if (i === -1) errors.push(dup);
      else errors.splice(i, 0, dup);
    }
    for (const err of errors) {
      const unique = err.message === DUPLICATE_KEY_MESSAGE;
      const tab = /Tabs are not allowed/.test(err.message);
      diagnostics.push(
        syntax(
          file,
          unique ? `duplicate key: ${firstLine(err.message)}` : firstLine(err.message),
          mapper.position(err.pos[0]),
          unique
            ? "Keep one of the two keys: Helm silently uses the last one."
            : tab
              ? "Indent with spaces."
              : undefined,
        ),
      );
    }
    if (list.length > 1 && list.slice(1).some((d) => d.contents !== null)) {
      diagnostics.push({
        ...syntax(
          file,
          "the file holds more than one YAML document; Helm reads only the first",
          mapper.position(list[1]?.range[0] ?? 0),
        ),
        severity: "warning",
      });
    }
    if (errors.length > 0) return { values: undefined, positions: index, diagnostics };
    // Before expanding: an undefined alias, and a document whose aliases expand it past the limits.
    const expansion = checkExpansion(doc, limits, options.budget);
    if (expansion) {
      diagnostics.push(syntax(file, expansion.message, mapper.position(expansion.offset), expansion.fix));
      return { values: undefined, positions: index, diagnostics };
    }
    let values: unknown;
    try {
      values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      diagnostics.push(
        syntax(
          file,
          `the document cannot be expanded: ${e instanceof Error ? firstLine(e.message) : String(e)}`,
          { line: 1, column: 1 },
          "Remove the excessive YAML aliases (alias bomb) or the circular reference.",
        ),
      );
      return { values: undefined, positions: index, diagnostics };
    }
    if (doc.contents) {
      const at = (doc.contents as Node).range?.[0];
      if (at !== undefined) positions.set(keyOf([]), mapper.position(at));
    }
    indexNode(doc.contents as Node | null, [], positions, mapper, 0);
    return { values, positions: index, diagnostics };
  } catch (e) {
    // yaml can overflow the stack on pathological nesting; report instead of throwing.
    diagnostics.push(
      syntax(file, `the file cannot be parsed: ${e instanceof Error ? firstLine(e.message) : String(e)}`, {
        line: 1,
        column: 1,
      }),
    );
    return { values: undefined, positions: index, diagnostics };
  }
}

function firstLine(s: string): string {
  return (s.split("\n")[0] ?? s).trim();
}
