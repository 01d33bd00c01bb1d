// A reader for the plain subset of YAML that cluster definitions are written in: block mappings and sequences,
// single-line plain or quoted scalars, single-line flow collections (`{ cpu: 100m, memory: 1Gi }`, `[a, b]`) and
// comments. It returns exactly what the yaml library returns for such a text (same values, same key order), or
// `undefined` for anything outside the subset — anchors, tags, block scalars, multi-line scalars or collections,
// escapes, duplicate keys, non-string keys, tabs, `\r`, document markers — which the yaml library then reads (with
// its error messages and positions). It is many times faster than the library, whose parsing is most of the cost of
// loading a large fleet (docs/performance.md).

/** A plain scalar cannot start with these; `-1`, `-x` and `-.5` can, other uses of `-` are left to yaml. */
const INDICATOR_START = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?![A-Za-z0-9.]))/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^-?[0-9]+$/;
const FLOAT = /^-?[0-9]+\.[0-9]+$/;
/** Every other form the core schema reads as a number (octal, hex, `+1`, `.5`, `1e3`, `.inf`, `.nan`): left to yaml. */
const OTHER_NUMBER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
const MAX_DEPTH = 64;

/** Thrown to leave the subset: the caller falls back to the yaml library. */
const OUTSIDE: unique symbol = Symbol("outside the plain subset");

interface Line {
  /** 0-based line number in the text. */
  readonly no: number;
  readonly indent: number;
  /** The line after its indentation, trailing spaces kept (never empty, never a comment). */
  readonly text: string;
}

/** A 1-based line and column (UTF-16 code units, as yaml's `LineCounter` counts them). */
export interface PlainPosition {
  readonly line: number;
  readonly column: number;
}

/** Where a value of the document is: its key (map entries) and its value node (when it has one). */
export interface PlainPlace {
  readonly key?: PlainPosition;
  readonly value?: PlainPosition;
}

/** Path (as JSON of its segments) → place; filled only when positions are asked for. */
type Recorder = Map<string, PlainPlace>;

/** Where a piece of a line is, for recording positions of what is on it. */
interface At {
  readonly rec: Recorder;
  readonly line: number;
  /** 0-based column of the piece's first character. */
  readonly col: number;
  readonly path: readonly (string | number)[];
}

function record(at: At | undefined, path: readonly (string | number)[], place: PlainPlace): void {
  if (at) at.rec.set(JSON.stringify(path), place);
}

const pos = (line: number, col0: number): PlainPosition => ({ line: line + 1, column: col0 + 1 });

/** A plain scalar as the YAML 1.2 core schema resolves it. */
function plainScalar(s: string): unknown {
  if (NULL.test(s)) return null;
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  if (DECIMAL.test(s)) return Number(s);
  if (FLOAT.test(s)) return Number.parseFloat(s);
  if (OTHER_NUMBER.test(s)) throw OUTSIDE;
  return s;
}

/** Where a ` #` comment starts in a plain scalar's text, or its end. */
function commentStart(s: string): number {
  const i = s.indexOf(" #");
  return i === -1 ? s.length : i;
}

/**
 * A value on the rest of a line (after `key:` or `- `): a plain or quoted scalar, a flow collection, or nothing
 * (`undefined`: the value, if any, is on the next lines). With `at` (where `rest` starts), the positions of what a
 * flow collection holds are recorded.
 */
function inlineValue(rest: string, at?: At): unknown {
  const s = rest.trim();
  if (s === "" || s[0] === "#") return undefined;
  const q = s[0];
  if (q === '"' || q === "'") {
    let i = 1;
    let out = "";
    for (;;) {
      const j = s.indexOf(q, i);
      if (j === -1) throw OUTSIDE; // continues on the next line
      out += s.slice(i, j);
      if (q === "'" && s[j + 1] === "'") {
        out += "'";
        i = j + 2;
        continue;
      }
      i = j + 1;
      break;
    }
    if (q === '"' && out.includes("\\")) throw OUTSIDE; // escapes
    const after = s.slice(i);
    if (after.trim() !== "" && !/^\s+#/.test(after)) throw OUTSIDE;
    return out;
  }
  if (q === "[" || q === "{") {
    const [value, end] = flow(s, 0, 0, at && { ...at, col: at.col + (rest.length - rest.trimStart().length) });
    const after = s.slice(end);
    if (after.trim() !== "" && !/^\s+#/.test(after)) throw OUTSIDE;
    return value;
  }
  if (INDICATOR_START.test(s)) throw OUTSIDE;
  const value = s.slice(0, commentStart(s)).trimEnd();
  if (value.includes(": ") || value.endsWith(":")) throw OUTSIDE; // a mapping where a scalar must be
  return plainScalar(value);
}

/** Characters that end a plain scalar inside a flow collection. */
const FLOW_END = new Set([",", "]", "}"]);

function skipSpaces(s: string, i: number): number {
  while (s[i] === " ") i++;
  return i;
}

/** A quoted scalar inside a flow collection starting at `i` → [value, index after it]. */
function flowQuoted(s: string, i: number): [string, number] {
  const q = s[i]!;
  let out = "";
  let j = i + 1;
  for (;;) {
    const k = s.indexOf(q, j);
    if (k === -1) throw OUTSIDE;
    out += s.slice(j, k);
    if (q === "'" && s[k + 1] === "'") {
      out += "'";
      j = k + 2;
      continue;
    }
    if (q === '"' && out.includes("\\")) throw OUTSIDE;
    return [out, k + 1];
  }
}

/** A plain scalar inside a flow collection starting at `i` → [its text, index after it]. */
function flowPlain(s: string, i: number): [string, number] {
  if (INDICATOR_START.test(s.slice(i))) throw OUTSIDE;
  let j = i;
  for (; j < s.length; j++) {
    const c = s[j]!;
    if (FLOW_END.has(c)) break;
    if (c === ":" && (s[j + 1] === " " || s[j + 1] === undefined || FLOW_END.has(s[j + 1]!))) break;
    if (c === "#" && s[j - 1] === " ") throw OUTSIDE; // a comment inside the collection
    if (c === "[" || c === "{") throw OUTSIDE;
  }
  const text = s.slice(i, j).trimEnd();
  if (text === "") throw OUTSIDE;
  return [text, j];
}

/** A scalar or nested collection inside a flow collection → [value, index after it]. */
function flowNode(s: string, i: number, depth: number, at: At | undefined): [unknown, number] {
  const c = s[i];
  if (c === "[" || c === "{") return flow(s, i, depth + 1, at);
  if (c === '"' || c === "'") return flowQuoted(s, i);
  const [text, end] = flowPlain(s, i);
  return [plainScalar(text), end];
}

/**
 * A flow mapping or sequence that starts at `i` and closes on the same line → [value, index after it]. With `at`
 * (`s[0]` at column `at.col`, the collection at `at.path`), its entries' positions are recorded.
 */
function flow(s: string, i: number, depth: number, at?: At): [unknown, number] {
  if (depth > MAX_DEPTH) throw OUTSIDE;
  const isMap = s[i] === "{";
  const close = isMap ? "}" : "]";
  const map: Record<string, unknown> = {};
  const seq: unknown[] = [];
  i = skipSpaces(s, i + 1);
  if (s[i] === close) return [isMap ? map : seq, i + 1];
  for (;;) {
    if (isMap) {
      const [key, afterKey] = s[i] === '"' || s[i] === "'" ? flowQuoted(s, i) : flowPlain(s, i);
      if (s[i] !== '"' && s[i] !== "'" && plainScalar(key) !== key) throw OUTSIDE;
      if (s[afterKey] !== ":" || s[afterKey + 1] !== " ") throw OUTSIDE;
      const v = skipSpaces(s, afterKey + 1);
      const path = at ? [...at.path, key] : [];
      const [value, end] = flowNode(s, v, depth, at && { ...at, path });
      const keyAt = pos(at?.line ?? 0, (at?.col ?? 0) + i);
      // A scalar at its value, a map or list at its key (as the yaml library is read).
      const nested = value !== null && typeof value === "object";
      record(at, path, nested ? { key: keyAt } : { key: keyAt, value: pos(at?.line ?? 0, (at?.col ?? 0) + v) });
      setKey(map, key, value);
      i = skipSpaces(s, end);
    } else {
      const path = at ? [...at.path, seq.length] : [];
      const [value, end] = flowNode(s, i, depth, at && { ...at, path });
      record(at, path, { value: pos(at?.line ?? 0, (at?.col ?? 0) + i) });
      seq.push(value);
      i = skipSpaces(s, end);
    }
    if (s[i] === close) return [isMap ? map : seq, i + 1];
    if (s[i] !== ",") throw OUTSIDE;
    i = skipSpaces(s, i + 1);
    if (s[i] === close || s[i] === ",") throw OUTSIDE; // trailing or empty entries: left to yaml
  }
}

/** `key: rest` → [key, rest]; a line that is not a mapping entry leaves the subset. */
function splitKey(text: string): [string, string] {
  const q = text[0];
  if (q === '"' || q === "'") {
    const end = text.indexOf(q, 1);
    if (end === -1 || text[end + 1] !== ":" || (text.length > end + 2 && text[end + 2] !== " ")) throw OUTSIDE;
    const key = text.slice(1, end);
    if ((q === '"' && key.includes("\\")) || (q === "'" && text[end + 1] === "'")) throw OUTSIDE;
    return [key, text.slice(end + 2)];
  }
  let colon = text.indexOf(": ");
  if (colon === -1) {
    if (!text.endsWith(":")) throw OUTSIDE;
    colon = text.length - 1;
  }
  const key = text.slice(0, colon);
  if (key === "" || INDICATOR_START.test(key) || key.endsWith(" ") || key.includes(" #") || key.includes(":"))
    throw OUTSIDE;
  // Keys the core schema reads as null, a boolean or a number are not strings: left to yaml.
  if (plainScalar(key) !== key) throw OUTSIDE;
  return [key, text.slice(colon + 1)];
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) throw OUTSIDE; // duplicate key: yaml reports it
  if (key === "__proto__")
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

class Reader {
  #i = 0;
  constructor(
    private readonly lines: readonly Line[],
    /** Positions of every value, when asked for ({@link plainYamlPositions}). */
    private readonly rec?: Recorder,
  ) {}

  /** Where the value of the block at the current line starts: its first key, or its first `-`. */
  #blockStart(): PlainPosition {
    const line = this.peek()!;
    return pos(line.no, line.indent);
  }

  peek(): Line | undefined {
    return this.lines[this.#i];
  }

  next(): void {
    this.#i++;
  }

  done(): boolean {
    return this.#i >= this.lines.length;
  }

  /** The block that starts at the current line (indent > `parent`), or `undefined` when there is none. */
  childBlock(parent: number, depth: number, path: readonly (string | number)[]): unknown {
    const line = this.peek();
    if (!line || line.indent <= parent) return undefined;
    return this.block(line.indent, depth, path);
  }

  block(indent: number, depth: number, path: readonly (string | number)[]): unknown {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    const line = this.peek()!;
    return isItem(line.text) ? this.sequence(indent, depth, path) : this.mapping(indent, line.text, depth, path);
  }

  /** A mapping at `indent` whose first entry is `first` (the current line, or what follows `- ` on it). */
  mapping(indent: number, first: string, depth: number, path: readonly (string | number)[]): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let text: string | undefined = first;
    for (;;) {
      const [key, rest] = splitKey(text);
      const no = this.peek()!.no;
      const child = this.rec ? [...path, key] : path;
      const restCol = indent + text.length - rest.length;
      const at = this.rec && { rec: this.rec, line: no, col: restCol, path: child };
      this.next();
      let value = inlineValue(rest, at);
      let valueAt: PlainPosition | undefined;
      if (value === undefined) {
        const line = this.peek();
        if (line && line.indent > indent) {
          valueAt = this.rec && this.#blockStart();
          value = this.block(line.indent, depth + 1, child);
        }
        // A sequence may sit at its key's own indentation.
        else if (line && line.indent === indent && isItem(line.text)) {
          valueAt = this.rec && this.#blockStart();
          value = this.sequence(indent, depth + 1, child);
        } else {
          // yaml keeps an empty node for it, at the first character after the colon and its spaces.
          valueAt = this.rec && pos(no, restCol + (rest.length - rest.trimStart().length));
          value = null;
        }
      } else {
        valueAt = this.rec && pos(no, restCol + (rest.length - rest.trimStart().length));
        const line = this.peek();
        if (line && line.indent > indent) throw OUTSIDE; // a multi-line scalar, or a stray block
      }
      // As the yaml library is read (fleet/load.ts): a scalar at its value, a map or list at its key.
      if (value !== null && typeof value === "object") valueAt = undefined;
      if (this.rec) record(at, child, { key: pos(no, indent), ...(valueAt ? { value: valueAt } : {}) });
      setKey(map, key, value);
      const line = this.peek();
      if (!line || line.indent < indent) return map;
      if (line.indent > indent || isItem(line.text)) throw OUTSIDE;
      text = line.text;
    }
  }

  sequence(indent: number, depth: number, path: readonly (string | number)[]): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) return items;
      if (line.indent > indent || !isItem(line.text)) {
        // The end of a sequence that sat at its key's indentation: the mapping goes on.
        if (line.indent === indent) return items;
        throw OUTSIDE;
      }
      const rest = line.text.slice(1);
      const content = rest.trimStart();
      const child = this.rec ? [...path, items.length] : path;
      if (content === "" || content[0] === "#") {
        this.next();
        // A lone `-`: the item is the block below it, or a null (positions are then left to yaml).
        const below = this.peek();
        if (this.rec && below && below.indent > indent)
          this.rec.set(JSON.stringify(child), { value: this.#blockStart() });
        else if (this.rec) throw OUTSIDE;
        items.push(this.childBlock(indent, depth + 1, child) ?? null);
        continue;
      }
      if (isItem(content)) throw OUTSIDE; // a sequence in a sequence
      const column = indent + 1 + (rest.length - content.length);
      if (this.rec) this.rec.set(JSON.stringify(child), { value: pos(line.no, column) });
      if (isEntry(content)) items.push(this.mapping(column, content, depth + 1, child));
      else {
        const value = inlineValue(content, this.rec && { rec: this.rec, line: line.no, col: column, path: child });
        this.next();
        const after = this.peek();
        if (after && after.indent > indent) throw OUTSIDE;
        items.push(value);
      }
    }
  }
}

/** `- …` or a lone `-`. */
function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** A mapping entry (`key: …`, `"key": …`) rather than a scalar. */
function isEntry(text: string): boolean {
  if (text[0] === '"' || text[0] === "'") {
    const end = text.indexOf(text[0], 1);
    return end !== -1 && text[end + 1] === ":";
  }
  if (INDICATOR_START.test(text)) return false;
  const v = text.slice(0, commentStart(text));
  return v.includes(": ") || v.trimEnd().endsWith(":");
}

/** The document's lines without blank and comment lines, or `undefined` when the text is outside the subset. */
function contentLines(text: string): Line[] | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  const lines: Line[] = [];
  const raws = text.split("\n");
  for (let no = 0; no < raws.length; no++) {
    const raw = raws[no]!;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (indent === raw.length || raw[indent] === "#") continue;
    if (indent === 0 && (raw.startsWith("---") || raw.startsWith("...") || raw[0] === "%")) return undefined;
    lines.push({ no, indent, text: raw.slice(indent) });
  }
  const first = lines[0];
  return first?.indent !== 0 || isItem(first.text) ? undefined : lines;
}

function read(text: string, rec?: Recorder): Record<string, unknown> | undefined {
  const lines = contentLines(text);
  if (!lines) return undefined;
  try {
    const reader = new Reader(lines, rec);
    const value = reader.mapping(0, lines[0]!.text, 0, []);
    if (rec) rec.set("[]", { value: pos(lines[0]!.no, 0) });
    return reader.done() ? value : undefined;
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/**
 * The value of a YAML document written in the plain subset (see the file comment), or `undefined` when the text
 * is outside it: then only the yaml library can say what it means (or what is wrong with it).
 */
export function parsePlainYaml(text: string): Record<string, unknown> | undefined {
  return read(text);
}

/**
 * Where every key and value of a plain-subset document is (the positions yaml gives their nodes), by path as JSON
 * of its segments (`["tempo","storage",0]`), or `undefined` when the text is outside the subset. Read again only
 * when a diagnostic needs a position.
 */
export function plainYamlPositions(text: string): ReadonlyMap<string, PlainPlace> | undefined {
  const rec: Recorder = new Map();
  return read(text, rec) === undefined ? undefined : rec;
}
