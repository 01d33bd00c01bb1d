/**
 * A small Go source reader: enough of Go's grammar to read the type declarations (structs, named types, aliases,
 * generics), struct tags, imports and method names/bodies of one file. Function bodies are skipped by brace
 * matching. It is not a Go parser; it is correct for the declarations config structs are made of.
 */

export type TypeExpr =
  | { k: "name"; pkg?: string; name: string; args?: TypeExpr[] }
  | { k: "ptr"; elem: TypeExpr }
  | { k: "slice"; elem: TypeExpr }
  | { k: "array"; elem: TypeExpr }
  | { k: "map"; key: TypeExpr; elem: TypeExpr }
  | { k: "struct"; fields: Field[] }
  | { k: "func" }
  | { k: "chan" }
  | { k: "iface"; empty: boolean };

export interface Field {
  /** Field names; empty for an embedded field. */
  names: string[];
  type: TypeExpr;
  /** The raw tag text (without quotes), "" when none. */
  tag: string;
  line: number;
}

export interface TypeDecl {
  name: string;
  params: string[];
  alias: boolean;
  type: TypeExpr;
  line: number;
}

export interface MethodDecl {
  recv: string;
  /** The receiver variable's name ("" when unnamed). */
  recvVar: string;
  name: string;
  line: number;
  /** Source text of the body (for spotting the `type plain T` pattern). */
  body: string;
}

export interface ConstDecl {
  name: string;
  /** Declared type name, if any (after iota/implicit repetition). */
  type?: string;
  /** Literal string value, if the value is a plain string literal. */
  value?: string;
  line: number;
}

export interface GoFile {
  pkg: string;
  /** alias ("" = unaliased, "_" / "." as written) → import path */
  imports: { alias: string; path: string }[];
  types: TypeDecl[];
  methods: MethodDecl[];
  consts: ConstDecl[];
}

interface Tok {
  t: "id" | "op" | "str" | "num" | "char";
  v: string;
  line: number;
  pos: number;
  end: number;
}

const KEYWORDS = new Set(
  "case chan const default defer else for func go goto if import interface map package range select struct switch type var".split(
    " ",
  ),
);

/** Tokenizes Go source with automatic semicolon insertion; comments are dropped. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const needsSemi = (): boolean => {
    const last = out[out.length - 1];
    if (!last) return false;
    if (last.t === "id") return !KEYWORDS.has(last.v);
    if (last.t === "str" || last.t === "num" || last.t === "char") return true;
    return last.t === "op" && [")", "]", "}", "++", "--"].includes(last.v);
  };
  const pushSemi = (): void => {
    if (needsSemi()) out.push({ t: "op", v: ";", line, pos: i, end: i });
  };
  while (i < n) {
    const c = src[i]!;
    if (c === "\n") {
      pushSemi();
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      const stop = close < 0 ? n : close + 2;
      const text = src.slice(i, stop);
      const nl = text.split("\n").length - 1;
      if (nl > 0) pushSemi();
      line += nl;
      i = stop;
      continue;
    }
    const start = i;
    const startLine = line;
    if (c === "`") {
      const close = src.indexOf("`", i + 1);
      const stop = close < 0 ? n : close + 1;
      const v = src.slice(i + 1, stop - 1);
      line += v.split("\n").length - 1;
      i = stop;
      out.push({ t: "str", v, line: startLine, pos: start, end: i });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = "";
      while (j < n && src[j] !== '"' && src[j] !== "\n") {
        if (src[j] === "\\") {
          const e = src[j + 1];
          v += e === "n" ? "\n" : e === "t" ? "\t" : (e ?? "");
          j += 2;
        } else {
          v += src[j];
          j++;
        }
      }
      i = j + 1;
      out.push({ t: "str", v, line: startLine, pos: start, end: i });
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'") j += src[j] === "\\" ? 2 : 1;
      i = j + 1;
      out.push({ t: "char", v: src.slice(start, i), line: startLine, pos: start, end: i });
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      let j = i + 1;
      while (j < n && /[\p{L}\p{N}_]/u.test(src[j]!)) j++;
      out.push({ t: "id", v: src.slice(i, j), line, pos: start, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(src[j]!)) {
        if ((src[j] === "+" || src[j] === "-") && /[eEpP]/.test(src[j - 1]!)) j++;
        j++;
      }
      out.push({ t: "num", v: src.slice(i, j), line, pos: start, end: j });
      i = j;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const op = ["<<=", ">>=", "...", "&^=", "&&=", "||="].includes(three)
      ? three
      : ["<-", "++", "--", "==", "!=", "<=", ">=", "&&", "||", ":=", "+=", "-=", "*=", "/=", "<<", ">>", "&^"].includes(
            two,
          )
        ? two
        : c;
    i += op.length;
    out.push({ t: "op", v: op, line, pos: start, end: i });
  }
  pushSemi();
  return out;
}

class Parser {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly src: string,
  ) {}
  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  is(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t !== undefined && (t.t === "op" || t.t === "id") && t.v === v;
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new Error("unexpected end of file");
    return t;
  }
  expect(v: string): Tok {
    const t = this.next();
    if (t.v !== v) throw new Error(`expected ${v} at line ${t.line}, got ${t.v}`);
    return t;
  }
  /** Skips a balanced group starting at the current open bracket; returns the index after its close. */
  skipGroup(): void {
    const open = this.next().v;
    const close = open === "(" ? ")" : open === "[" ? "]" : "}";
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.t !== "op") continue;
      if (t.v === open) depth++;
      else if (t.v === close) depth--;
    }
  }
  /** Skips to the `;` ending the statement at depth 0 (balanced brackets). */
  skipStatement(): void {
    while (this.peek()) {
      const t = this.peek()!;
      if (t.t === "op" && (t.v === "(" || t.v === "[" || t.v === "{")) {
        this.skipGroup();
        continue;
      }
      this.i++;
      if (t.t === "op" && t.v === ";") return;
    }
  }

  parseType(): TypeExpr {
    const t = this.peek();
    if (!t) throw new Error("type expected");
    if (t.v === "*" && t.t === "op") {
      this.i++;
      return { k: "ptr", elem: this.parseType() };
    }
    if (t.v === "(" && t.t === "op") {
      this.i++;
      const inner = this.parseType();
      this.expect(")");
      return inner;
    }
    if (t.v === "[" && t.t === "op") {
      this.i++;
      if (this.is("]")) {
        this.i++;
        return { k: "slice", elem: this.parseType() };
      }
      let depth = 1;
      while (depth > 0) {
        const x = this.next();
        if (x.v === "[") depth++;
        else if (x.v === "]") depth--;
      }
      return { k: "array", elem: this.parseType() };
    }
    if (t.v === "<-" && t.t === "op") {
      this.i++;
      this.expect("chan");
      this.parseType();
      return { k: "chan" };
    }
    if (t.t !== "id") throw new Error(`type expected at line ${t.line}, got ${t.v}`);
    if (t.v === "map") {
      this.i++;
      this.expect("[");
      const key = this.parseType();
      this.expect("]");
      return { k: "map", key, elem: this.parseType() };
    }
    if (t.v === "chan") {
      this.i++;
      if (this.is("<-")) this.i++;
      this.parseType();
      return { k: "chan" };
    }
    if (t.v === "func") {
      this.i++;
      if (this.is("[")) this.skipGroup();
      this.skipGroup(); // params
      // optional result: a parenthesised list or a single type
      const r = this.peek();
      if (r && r.t === "op" && r.v === "(") this.skipGroup();
      else if (r && (r.t === "id" || (r.t === "op" && ["*", "[", "<-"].includes(r.v)))) this.parseType();
      return { k: "func" };
    }
    if (t.v === "interface") {
      this.i++;
      const startI = this.i;
      this.skipGroup();
      return { k: "iface", empty: this.i - startI === 2 };
    }
    if (t.v === "struct") {
      this.i++;
      return { k: "struct", fields: this.parseFields() };
    }
    this.i++;
    let pkg: string | undefined;
    let name = t.v;
    if (this.is(".") && this.peek(1)?.t === "id") {
      this.i++;
      pkg = name;
      name = this.next().v;
    }
    const out: TypeExpr = pkg === undefined ? { k: "name", name } : { k: "name", pkg, name };
    if (this.is("[") && !this.is("]", 1)) {
      // type arguments
      this.i++;
      const args: TypeExpr[] = [];
      while (!this.is("]")) {
        args.push(this.parseType());
        if (this.is(",")) this.i++;
      }
      this.i++;
      out.args = args;
    }
    return out;
  }

  parseFields(): Field[] {
    this.expect("{");
    const fields: Field[] = [];
    while (!this.is("}")) {
      if (this.is(";")) {
        this.i++;
        continue;
      }
      const first = this.peek()!;
      const line = first.line;
      let names: string[] = [];
      let type: TypeExpr;
      const embedded =
        (first.t === "op" && first.v === "*") ||
        (first.t === "id" &&
          (this.is(".", 1) ||
            this.is(";", 1) ||
            this.is("}", 1) ||
            this.peek(1)?.t === "str" ||
            (this.is("[", 1) && !this.is("]", 2) && this.embeddedGeneric())));
      if (embedded) {
        type = this.parseType();
      } else {
        names = [this.next().v];
        while (this.is(",")) {
          this.i++;
          names.push(this.next().v);
        }
        type = this.parseType();
      }
      let tag = "";
      if (this.peek()?.t === "str") tag = this.next().v;
      fields.push({ names, type, tag, line });
      if (this.is(";")) this.i++;
    }
    this.expect("}");
    return fields;
  }

  /** At `Name [`: true when the bracket group is followed by a tag / `;` / `}` (an embedded generic type). */
  embeddedGeneric(): boolean {
    let j = this.i + 1;
    let depth = 0;
    for (; j < this.toks.length; j++) {
      const v = this.toks[j]!.v;
      if (v === "[") depth++;
      else if (v === "]" && --depth === 0) break;
    }
    const after = this.toks[j + 1];
    return after !== undefined && (after.t === "str" || after.v === ";" || after.v === "}");
  }
}

/** Parses one Go file's package clause, imports, type declarations, methods and string constants. */
export function parseGoFile(src: string): GoFile {
  const p = new Parser(tokenize(src), src);
  const file: GoFile = { pkg: "", imports: [], types: [], methods: [], consts: [] };
  const importSpec = (): void => {
    let alias = "";
    const t = p.peek()!;
    if (t.t === "id" || (t.t === "op" && (t.v === "." || t.v === "_"))) alias = p.next().v;
    const path = p.next();
    if (path.t === "str") file.imports.push({ alias, path: path.v });
    if (p.is(";")) p.i++;
  };
  const typeSpec = (): void => {
    const nameTok = p.next();
    const line = nameTok.line;
    const params: string[] = [];
    if (p.is("[") && p.peek(1)?.t === "id" && !p.is("]", 2)) {
      // type parameters: [T any, U comparable]
      p.i++;
      let depth = 1;
      let expectName = true;
      while (depth > 0) {
        const x = p.next();
        if (x.v === "[") depth++;
        else if (x.v === "]") depth--;
        else if (depth === 1 && x.v === ",") expectName = true;
        else if (depth === 1 && expectName && x.t === "id") {
          params.push(x.v);
          expectName = false;
        }
      }
    }
    let alias = false;
    if (p.is("=")) {
      p.i++;
      alias = true;
    }
    const type = p.parseType();
    file.types.push({ name: nameTok.v, params, alias, type, line });
    if (p.is(";")) p.i++;
  };
  const constSpecs = (): void => {
    let lastType: string | undefined;
    const one = (): void => {
      const names: Tok[] = [p.next()];
      while (p.is(",")) {
        p.i++;
        names.push(p.next());
      }
      let type: string | undefined;
      if (!p.is("=") && !p.is(";") && !p.is(")")) {
        const t = p.parseType();
        if (t.k === "name") type = t.pkg ? `${t.pkg}.${t.name}` : t.name;
      }
      let value: string | undefined;
      if (p.is("=")) {
        p.i++;
        lastType = type;
        const v = p.peek();
        if (v?.t === "str" && (p.is(";", 1) || p.is(")", 1))) value = v.v;
      } else {
        type = lastType;
      }
      for (const nt of names) {
        const c: ConstDecl = { name: nt.v, line: nt.line };
        if (type !== undefined) c.type = type;
        if (value !== undefined && names.length === 1) c.value = value;
        file.consts.push(c);
      }
      p.skipStatement();
    };
    if (p.is("(")) {
      p.i++;
      while (!p.is(")")) {
        if (p.is(";")) {
          p.i++;
          continue;
        }
        one();
      }
      p.i++;
    } else one();
  };
  while (p.peek()) {
    const t = p.next();
    if (t.t !== "id") continue;
    try {
      if (t.v === "package") file.pkg = p.next().v;
      else if (t.v === "import") {
        if (p.is("(")) {
          p.i++;
          while (!p.is(")")) {
            if (p.is(";")) p.i++;
            else importSpec();
          }
          p.i++;
        } else importSpec();
      } else if (t.v === "type") {
        if (p.is("(")) {
          p.i++;
          while (!p.is(")")) {
            if (p.is(";")) p.i++;
            else typeSpec();
          }
          p.i++;
        } else typeSpec();
      } else if (t.v === "const") constSpecs();
      else if (t.v === "var") p.skipStatement();
      else if (t.v === "func") {
        let recv: string | undefined;
        let recvVar = "";
        if (p.is("(")) {
          // receiver: (r *T) / (T) / (r *T[K])
          const close = findClose(p.toks, p.i);
          const inner = p.toks.slice(p.i + 1, close).filter((x) => x.t === "id");
          recv = inner.length >= 2 ? inner[1]!.v : inner[0]?.v;
          if (inner.length >= 2) recvVar = inner[0]!.v;
          p.i = close + 1;
        }
        const nameTok = p.next();
        if (p.is("[")) p.skipGroup();
        p.skipGroup(); // params
        // skip results up to the body's `{` (or `;` for declarations without body)
        while (p.peek() && !p.is("{") && !p.is(";")) {
          if (p.is("(") || p.is("[")) p.skipGroup();
          else if (p.is("interface") || p.is("struct")) {
            p.i++;
            p.skipGroup();
          } else p.i++;
        }
        if (p.is("{")) {
          const bodyStart = p.peek()!.pos;
          p.skipGroup();
          const bodyEnd = p.toks[p.i - 1]!.end;
          if (recv !== undefined)
            file.methods.push({
              recv,
              recvVar,
              name: nameTok.v,
              line: nameTok.line,
              body: src.slice(bodyStart, bodyEnd),
            });
        }
      }
    } catch (e) {
      throw new Error(`line ${t.line}: ${(e as Error).message}`);
    }
  }
  return file;
}

function findClose(toks: Tok[], openIdx: number): number {
  let depth = 0;
  for (let j = openIdx; j < toks.length; j++) {
    const v = toks[j]!.v;
    if (v === "(") depth++;
    else if (v === ")" && --depth === 0) return j;
  }
  return toks.length - 1;
}

/** reflect.StructTag.Get */
export function tagGet(tag: string, key: string): string | undefined {
  const re = /([^\s:"]+):"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    if (m[1] === key) return m[2]!.replace(/\\(.)/g, "$1");
  }
  return undefined;
}
