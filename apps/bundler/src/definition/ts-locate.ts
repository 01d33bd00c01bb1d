/**
 * Where a value of a TypeScript cluster definition is written. TypeScript 7 has no JavaScript compiler API, so this is
 * a small tolerant scanner of our own: it reads the object literal of `export default defineCluster({...})` (or
 * `export default {...}`), follows calls (`presets.dev({...})`: the object argument holds what the definition sets)
 * and top-level `const name = {...}` references, and records where every key is written. Anything it does not
 * understand is skipped; a path it cannot find points at its nearest ancestor that it can.
 */

/** 1-based position of a value in its definition file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

interface Token {
  readonly kind: "id" | "str" | "num" | "punct" | "template";
  readonly text: string;
  readonly at: number;
}

/** A value as the scanner understands it: an object's keys, an array's items, or something else (a leaf). */
type Node =
  | { readonly kind: "object"; readonly entries: Map<string, { at: number; value: Node }> }
  | { readonly kind: "array"; readonly items: { at: number; value: Node }[] }
  | { readonly kind: "ref"; readonly name: string }
  | { readonly kind: "leaf" };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      const start = i++;
      while (i < text.length && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
      out.push({ kind: "str", text: text.slice(start + 1, i - 1), at: start });
    } else if (c === "`") {
      const start = i++;
      let depth = 0;
      while (i < text.length && (text[i] !== "`" || depth > 0)) {
        if (text[i] === "\\") i++;
        else if (text[i] === "$" && text[i + 1] === "{") {
          depth++;
          i++;
        } else if (text[i] === "}" && depth > 0) depth--;
        i++;
      }
      i++;
      out.push({ kind: "template", text: text.slice(start, i), at: start });
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < text.length && /[\w$]/.test(text[i] as string)) i++;
      out.push({ kind: "id", text: text.slice(start, i), at: start });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[\w.]/.test(text[i] as string)) i++;
      out.push({ kind: "num", text: text.slice(start, i), at: start });
    } else if (c === "." && text[i + 1] === "." && text[i + 2] === ".") {
      out.push({ kind: "punct", text: "...", at: i });
      i += 3;
    } else {
      out.push({ kind: "punct", text: c, at: i });
      i++;
    }
  }
  return out;
}

const OPEN: Readonly<Record<string, string>> = { "{": "}", "[": "]", "(": ")" };

class Parser {
  i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  /** Skips one balanced bracket group or one token. */
  skipOne(): void {
    const t = this.tokens[this.i++];
    if (t === undefined || t.kind !== "punct" || !(t.text in OPEN)) return;
    let depth = 1;
    while (this.i < this.tokens.length && depth > 0) {
      const u = this.tokens[this.i++] as Token;
      if (u.kind !== "punct") continue;
      if (u.text in OPEN) depth++;
      else if (u.text === "}" || u.text === "]" || u.text === ")") depth--;
    }
  }

  /** Skips to the end of the current expression: a `,` or a closing bracket at this depth (not consumed). */
  skipExpression(): void {
    while (this.i < this.tokens.length) {
      const t = this.peek() as Token;
      if (
        t.kind === "punct" &&
        (t.text === "," || t.text === "}" || t.text === "]" || t.text === ")" || t.text === ";")
      )
        return;
      this.skipOne();
    }
  }

  /** One value: an object or array literal, a call whose object argument holds the values, a reference, or a leaf. */
  value(): Node {
    const t = this.peek();
    if (t === undefined) return { kind: "leaf" };
    if (t.kind === "punct" && t.text === "{") return this.object();
    if (t.kind === "punct" && t.text === "[") return this.array();
    if (t.kind === "id") {
      // `a.b.c(…)` or a plain reference `small` (`as const`, `satisfies X` are skipped as the rest of the expression).
      let name = t.text;
      this.i++;
      while (this.peek()?.text === "." && this.peek(1)?.kind === "id") {
        name += `.${this.peek(1)?.text}`;
        this.i += 2;
      }
      if (this.peek()?.text === "(") {
        this.i++;
        let found: Node = { kind: "leaf" };
        while (this.i < this.tokens.length && this.peek()?.text !== ")") {
          const arg = this.value();
          if (found.kind === "leaf" && (arg.kind === "object" || arg.kind === "ref")) found = arg;
          this.skipExpression();
          if (this.peek()?.text === ",") this.i++;
        }
        this.i++;
        this.skipExpression();
        return found;
      }
      this.skipExpression();
      return name.includes(".") ? { kind: "leaf" } : { kind: "ref", name };
    }
    this.skipExpression();
    return { kind: "leaf" };
  }

  object(): Node {
    const entries = new Map<string, { at: number; value: Node }>();
    this.i++; // {
    while (this.i < this.tokens.length && this.peek()?.text !== "}") {
      const key = this.peek() as Token;
      if (key.kind === "punct" && key.text === "...") {
        this.i++;
        const spread = this.value();
        if (spread.kind === "object") for (const [k, v] of spread.entries) if (!entries.has(k)) entries.set(k, v);
      } else if ((key.kind === "id" || key.kind === "str" || key.kind === "num") && this.peek(1)?.text === ":") {
        this.i += 2;
        entries.set(key.text, { at: key.at, value: this.value() });
      } else if (key.kind === "id" && (this.peek(1)?.text === "," || this.peek(1)?.text === "}")) {
        this.i++; // shorthand `{ name }`
        entries.set(key.text, { at: key.at, value: { kind: "ref", name: key.text } });
      } else this.skipExpression();
      if (this.peek()?.text === ",") this.i++;
      else if (this.peek()?.text !== "}") this.skipOne();
    }
    this.i++; // }
    return { kind: "object", entries };
  }

  array(): Node {
    const items: { at: number; value: Node }[] = [];
    this.i++; // [
    while (this.i < this.tokens.length && this.peek()?.text !== "]") {
      const at = this.peek()?.at ?? 0;
      items.push({ at, value: this.value() });
      this.skipExpression();
      if (this.peek()?.text === ",") this.i++;
      else if (this.peek()?.text !== "]") this.skipOne();
    }
    this.i++; // ]
    return { kind: "array", items };
  }
}

/** `const name = value` declarations at the top level (one level of braces deep is not top level). */
function constants(tokens: readonly Token[]): Map<string, Node> {
  const out = new Map<string, Node>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "punct" && t.text in OPEN) depth++;
    else if (t.kind === "punct" && (t.text === "}" || t.text === "]" || t.text === ")")) depth--;
    else if (depth === 0 && t.kind === "id" && t.text === "const" && tokens[i + 1]?.kind === "id") {
      let j = i + 2;
      if (tokens[j]?.text === ":") while (j < tokens.length && tokens[j]?.text !== "=") j++;
      if (tokens[j]?.text !== "=") continue;
      const p = new Parser(tokens);
      p.i = j + 1;
      out.set(tokens[i + 1]?.text as string, p.value());
      i = p.i - 1;
    }
  }
  return out;
}

/** 1-based line and column of every offset of `text`. */
function positionOf(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * A locator for a TypeScript definition's text: the position of the key a path ends at (or of its nearest ancestor
 * found), or `undefined` when not even the first key is found (the caller reports the file without a line).
 */
export function locateInTypeScript(text: string): (path: readonly PropertyKey[]) => Position | undefined {
  let root: Node = { kind: "leaf" };
  let refs = new Map<string, Node>();
  try {
    const tokens = tokenize(text);
    refs = constants(tokens);
    const start = tokens.findIndex((t, i) => t.text === "export" && tokens[i + 1]?.text === "default");
    if (start !== -1) {
      const p = new Parser(tokens);
      p.i = start + 2;
      root = p.value();
    }
  } catch {
    root = { kind: "leaf" };
  }
  const at = positionOf(text);
  const resolve = (n: Node, seen = 0): Node =>
    n.kind === "ref" && seen < 10 ? resolve(refs.get(n.name) ?? { kind: "leaf" }, seen + 1) : n;
  return (path) => {
    let node = resolve(root);
    let found: number | undefined;
    for (const seg of path) {
      const next =
        node.kind === "object"
          ? node.entries.get(String(seg))
          : node.kind === "array" && typeof seg === "number"
            ? node.items[seg]
            : undefined;
      if (next === undefined) break;
      found = next.at;
      node = resolve(next.value);
    }
    return found === undefined ? undefined : at(found);
  };
}
