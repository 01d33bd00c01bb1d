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
  readonly indent: number;
  /** The line after its indentation (never empty, never a comment). */
  readonly text: string;
}

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
 * A value on the rest of a line (after `key:` or `- `): a plain or quoted scalar, `[]`, `{}`, or nothing
 * (`undefined`: the value, if any, is on the next lines).
 */
function inlineValue(rest: string): unknown {
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
    const [value, end] = flow(s, 0, 0);
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
function flowNode(s: string, i: number, depth: number): [unknown, number] {
  const c = s[i];
  if (c === "[" || c === "{") return flow(s, i, depth + 1);
  if (c === '"' || c === "'") return flowQuoted(s, i);
  const [text, end] = flowPlain(s, i);
  return [plainScalar(text), end];
}

/** A flow mapping or sequence that starts at `i` and closes on the same line → [value, index after it]. */
function flow(s: string, i: number, depth: number): [unknown, number] {
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
      const [value, end] = flowNode(s, skipSpaces(s, afterKey + 1), depth);
      setKey(map, key, value);
      i = skipSpaces(s, end);
    } else {
      const [value, end] = flowNode(s, i, depth);
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
  constructor(private readonly lines: readonly Line[]) {}

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
  childBlock(parent: number, depth: number): unknown {
    const line = this.peek();
    if (!line || line.indent <= parent) return undefined;
    return this.block(line.indent, depth);
  }

  block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    const line = this.peek()!;
    return isItem(line.text) ? this.sequence(indent, depth) : this.mapping(indent, line.text, depth);
  }

  /** A mapping at `indent` whose first entry is `first` (the current line, or what follows `- ` on it). */
  mapping(indent: number, first: string, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let text: string | undefined = first;
    for (;;) {
      const [key, rest] = splitKey(text);
      this.next();
      let value = inlineValue(rest);
      if (value === undefined) {
        const line = this.peek();
        if (line && line.indent > indent) value = this.block(line.indent, depth + 1);
        // A sequence may sit at its key's own indentation.
        else if (line && line.indent === indent && isItem(line.text)) value = this.sequence(indent, depth + 1);
        else value = null;
      } else {
        const line = this.peek();
        if (line && line.indent > indent) throw OUTSIDE; // a multi-line scalar, or a stray block
      }
      setKey(map, key, value);
      const line = this.peek();
      if (!line || line.indent < indent) return map;
      if (line.indent > indent || isItem(line.text)) throw OUTSIDE;
      text = line.text;
    }
  }

  sequence(indent: number, depth: number): unknown[] {
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
      if (content === "" || content[0] === "#") {
        this.next();
        items.push(this.childBlock(indent, depth + 1) ?? null);
        continue;
      }
      if (isItem(content)) throw OUTSIDE; // a sequence in a sequence
      const column = indent + 1 + (rest.length - content.length);
      if (isEntry(content)) items.push(this.mapping(column, content, depth + 1));
      else {
        const value = inlineValue(content);
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

/**
 * The value of a YAML document written in the plain subset (see the file comment), or `undefined` when the text
 * is outside it: then only the yaml library can say what it means (or what is wrong with it).
 */
export function parsePlainYaml(text: string): Record<string, unknown> | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (indent === raw.length || raw[indent] === "#") continue;
    if (indent === 0 && (raw.startsWith("---") || raw.startsWith("...") || raw[0] === "%")) return undefined;
    lines.push({ indent, text: raw.slice(indent).trimEnd() });
  }
  const first = lines[0];
  if (first?.indent !== 0 || isItem(first.text)) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.mapping(0, first.text, 0);
    return reader.done() ? value : undefined;
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}
