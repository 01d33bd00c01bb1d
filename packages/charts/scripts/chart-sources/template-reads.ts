/**
 * Static analysis of Helm (Go text/template + Sprig) templates: which `.Values` paths a chart reads, how
 * (printed, tested, passed through whole, iterated), and under which plain `if`/`with` conditions.
 *
 * It is an abstract interpreter over a small domain of values: the chart's root context, a path into
 * `.Values`, a `dict` of those, a string literal, or unknown. It follows `with`/`range` scopes, variables,
 * `$`, `index`/`get`/`dig` with literal keys, `include`/`template` into `define`s (with the argument the
 * caller passes, e.g. `(dict "ctx" $ "component" "distributor")`), and pipelines. Reads through a key that
 * is not a literal (`index .Values $section`) are recorded up to their static prefix as dynamic.
 *
 * Conditions: a read inside `{{ if .Values.a.b }}` (or `with`, `not`, `and` of plain paths, and the `else`
 * of a plain test as its negation) records `a.b` (or `!a.b`) as a guard. Guards are necessary conditions:
 * anything the analysis cannot express as a plain path is simply not a guard.
 */

/** How a path is read. */
export type ReadKind =
  /** used as a value: printed, compared, passed to a function that looks at it */
  | "value"
  /** only tested by `if`/`with`/`and`/`or`/`not`/`empty`/`default` */
  | "test"
  /** passed on whole: `toYaml`, `toJson`, `merge*`, `tpl (toYaml …)`, a `tplvalues.render` helper */
  | "whole"
  /** iterated by `range`: any key or item is accepted, the item shape is recorded under `*` */
  | "iterate"
  /** a key below is chosen at render time (`index .Values $x`): the path is a static prefix */
  | "dynamic";

export interface Read {
  /**
   * Path below `.Values`; `*` stands for any key or item of an iterated map or list, `?` for a key chosen at
   * render time (`index .Values $section`).
   */
  readonly path: readonly string[];
  readonly kind: ReadKind;
  /** Plain conditions in force where the read happens (`a.b` or `!a.b`), sorted. */
  readonly guards: readonly string[];
  /** Template file (or `values.yaml#path` for a tpl string) the read is in. */
  readonly file: string;
}

// ---------------------------------------------------------------------------------------------------------
// Lexing: text and actions

interface Action {
  readonly text: string;
  /** 1-based line of the `{{`. */
  readonly line: number;
}

/** The actions (`{{ … }}` contents, trim markers and comments removed) of a template, in order. */
export function splitActions(src: string): Action[] {
  const actions: Action[] = [];
  let pos = 0;
  let line = 1;
  while (true) {
    const open = src.indexOf("{{", pos);
    if (open < 0) break;
    for (let i = pos; i < open; i++) if (src.charCodeAt(i) === 10) line++;
    let i = open + 2;
    if (src[i] === "-" && /\s/.test(src[i + 1] ?? "")) i += 1;
    const start = i;
    // Find the closing `}}` outside string literals and comments.
    let end = -1;
    while (i < src.length) {
      const ch = src[i];
      if (ch === '"') {
        i++;
        while (i < src.length && src[i] !== '"') i += src[i] === "\\" ? 2 : 1;
        i++;
      } else if (ch === "`") {
        i = src.indexOf("`", i + 1) + 1;
        if (i === 0) i = src.length;
      } else if (ch === "'") {
        i++;
        while (i < src.length && src[i] !== "'") i += src[i] === "\\" ? 2 : 1;
        i++;
      } else if (ch === "/" && src[i + 1] === "*") {
        const close = src.indexOf("*/", i + 2);
        i = close < 0 ? src.length : close + 2;
      } else if (ch === "}" && src[i + 1] === "}") {
        end = i;
        break;
      } else i++;
    }
    if (end < 0) break;
    let body = src.slice(start, end);
    if (/\s-$/.test(body)) body = body.slice(0, -1);
    body = body.trim();
    if (!(body.startsWith("/*") && body.endsWith("*/"))) actions.push({ text: body, line });
    for (let k = open; k < end; k++) if (src.charCodeAt(k) === 10) line++;
    pos = end + 2;
  }
  return actions;
}

type Tok =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "num" | "bool" | "nil" }
  | { readonly t: "field"; readonly v: readonly string[] } // .a.b (empty = dot)
  | { readonly t: "var"; readonly name: string; readonly v: readonly string[] } // $x.a.b ($ = name "")
  | { readonly t: "ident"; readonly v: string }
  | { readonly t: "chain"; readonly v: readonly string[] } // .a.b right after `)`
  | { readonly t: "(" | ")" | "|" | ":=" | "=" | "," };

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const FIELDS_RE = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+/;

export function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const rest = text.slice(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      let v: string;
      try {
        v = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        v = text.slice(i + 1, j);
      }
      toks.push({ t: "str", v });
      i = j + 1;
    } else if (ch === "`") {
      const j = text.indexOf("`", i + 1);
      const end = j < 0 ? text.length : j;
      toks.push({ t: "str", v: text.slice(i + 1, end) });
      i = end + 1;
    } else if (ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === "\\" ? 2 : 1;
      toks.push({ t: "num" });
      i = j + 1;
    } else if (rest.startsWith(":=")) {
      toks.push({ t: ":=" });
      i += 2;
    } else if (ch === "(" || ch === ")" || ch === "|" || ch === "=" || ch === ",") {
      toks.push({ t: ch });
      i++;
    } else if (ch === "$") {
      const m = /^\$([A-Za-z0-9_]*)/.exec(rest) as RegExpExecArray;
      i += m[0].length;
      const f = FIELDS_RE.exec(text.slice(i));
      const fields = f === null ? [] : f[0].slice(1).split(".");
      if (f !== null) i += f[0].length;
      toks.push({ t: "var", name: m[1] ?? "", v: fields });
    } else if (ch === ".") {
      const f = FIELDS_RE.exec(rest);
      const prev = toks[toks.length - 1];
      if (f !== null) {
        const fields = f[0].slice(1).split(".");
        if (prev?.t === ")" && i > 0 && text[i - 1] === ")") toks.push({ t: "chain", v: fields });
        else toks.push({ t: "field", v: fields });
        i += f[0].length;
      } else if (/^\.\d/.test(rest)) {
        const n = /^\.\d+/.exec(rest) as RegExpExecArray;
        toks.push({ t: "num" });
        i += n[0].length;
      } else {
        toks.push({ t: "field", v: [] });
        i++;
      }
    } else if (/[-+0-9]/.test(ch)) {
      const n = /^[-+]?(?:0x[0-9a-fA-F]+|[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][-+]?\d+)?|\.\d+)i?/.exec(rest);
      if (n === null || n[0] === "-" || n[0] === "+") {
        i++;
        continue;
      }
      toks.push({ t: "num" });
      i += n[0].length;
    } else {
      const m = IDENT_RE.exec(rest);
      if (m === null) {
        i++;
        continue;
      }
      i += m[0].length;
      const w = m[0];
      if (w === "true" || w === "false") toks.push({ t: "bool" });
      else if (w === "nil") toks.push({ t: "nil" });
      else {
        // A method/field chain right after an identifier is not Go template syntax; ignore.
        toks.push({ t: "ident", v: w });
      }
    }
  }
  return toks;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing: pipelines and the control structure

export type Operand =
  | { readonly k: "lit"; readonly s?: string }
  | { readonly k: "field"; readonly v: readonly string[] }
  | { readonly k: "var"; readonly name: string; readonly v: readonly string[] }
  | { readonly k: "fn"; readonly name: string }
  | { readonly k: "sub"; readonly p: Pipeline; readonly chain: readonly string[] };

export interface Command {
  readonly args: readonly Operand[];
}
export interface Pipeline {
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly cmds: readonly Command[];
}

function parsePipeline(toks: readonly Tok[]): Pipeline {
  let i = 0;
  const decl: string[] = [];
  let assign = false;
  // `$a, $b :=` or `$x :=` / `$x =`
  const save = i;
  while (toks[i]?.t === "var" && (toks[i] as { v: readonly string[] }).v.length === 0) {
    decl.push((toks[i] as { name: string }).name);
    i++;
    if (toks[i]?.t === ",") {
      i++;
      continue;
    }
    break;
  }
  if (decl.length > 0 && (toks[i]?.t === ":=" || toks[i]?.t === "=")) {
    assign = toks[i]?.t === "=";
    i++;
  } else {
    decl.length = 0;
    i = save;
  }
  const parseCmds = (): Command[] => {
    const cmds: Command[] = [];
    let args: Operand[] = [];
    while (i < toks.length) {
      const tk = toks[i] as Tok;
      if (tk.t === ")") break;
      i++;
      switch (tk.t) {
        case "|":
          cmds.push({ args });
          args = [];
          break;
        case "(": {
          const inner = parseCmds();
          if (toks[i]?.t === ")") i++;
          let chain: readonly string[] = [];
          if (toks[i]?.t === "chain") {
            chain = (toks[i] as { v: readonly string[] }).v;
            i++;
          }
          args.push({ k: "sub", p: { decl: [], assign: false, cmds: inner }, chain });
          break;
        }
        case "str":
          args.push({ k: "lit", s: tk.v });
          break;
        case "num":
        case "bool":
        case "nil":
          args.push({ k: "lit" });
          break;
        case "field":
          args.push({ k: "field", v: tk.v });
          break;
        case "chain":
          args.push({ k: "field", v: tk.v });
          break;
        case "var":
          args.push({ k: "var", name: tk.name, v: tk.v });
          break;
        case "ident":
          args.push({ k: "fn", name: tk.v });
          break;
        default:
          break;
      }
    }
    if (args.length > 0) cmds.push({ args });
    return cmds;
  };
  return { decl, assign, cmds: parseCmds() };
}

export type Node =
  | { readonly k: "action"; readonly p: Pipeline; readonly line: number }
  | {
      readonly k: "if" | "with" | "range";
      readonly p: Pipeline;
      readonly body: Node[];
      /** `else` / `else if` / `else with` branch: a nested if/with node, or a plain body. */
      readonly elseBody: Node[];
      readonly line: number;
    }
  | { readonly k: "call"; readonly name: string; readonly p: Pipeline | undefined; readonly line: number };

export interface Parsed {
  readonly top: Node[];
  readonly defines: Map<string, Node[]>;
}

/** Parses a template file into its top-level nodes and its `define`d templates. */
export function parseTemplate(src: string): Parsed {
  const acts = splitActions(src);
  const defines = new Map<string, Node[]>();
  let i = 0;
  // Returns the nodes up to (not including) `end` or `else…`; the terminator is left in `term`.
  let term = "";
  const parseList = (): Node[] => {
    const out: Node[] = [];
    while (i < acts.length) {
      const a = acts[i] as Action;
      i++;
      const toks = tokenize(a.text);
      const head = toks[0];
      const word = head?.t === "ident" ? head.v : "";
      if (word === "end") {
        term = "end";
        return out;
      }
      if (word === "else") {
        term = a.text.replace(/^else\s*/, "");
        if (term === "") term = "else";
        return out;
      }
      if (word === "break" || word === "continue") continue;
      if (word === "if" || word === "with" || word === "range") {
        out.push(parseBlock(word, toks.slice(1), a.line));
        continue;
      }
      if (word === "define" || word === "block") {
        const name = toks[1]?.t === "str" ? toks[1].v : "";
        const body = parseList();
        if (word === "block") {
          out.push({ k: "call", name, p: parsePipeline(toks.slice(2)), line: a.line });
        }
        if (!defines.has(name)) defines.set(name, body);
        continue;
      }
      if (word === "template") {
        const name = toks[1]?.t === "str" ? toks[1].v : "";
        const rest = toks.slice(2);
        out.push({ k: "call", name, p: rest.length > 0 ? parsePipeline(rest) : undefined, line: a.line });
        continue;
      }
      out.push({ k: "action", p: parsePipeline(toks), line: a.line });
    }
    term = "eof";
    return out;
  };
  const parseBlock = (word: "if" | "with" | "range", toks: readonly Tok[], line: number): Node => {
    const body = parseList();
    let elseBody: Node[] = [];
    const t = term;
    if (t !== "end" && t !== "eof") {
      if (t === "else") {
        elseBody = parseList();
      } else {
        // `else if …` / `else with …`: a nested block that shares our `end`.
        const etoks = tokenize(t);
        const ew = etoks[0]?.t === "ident" ? etoks[0].v : "";
        if (ew === "if" || ew === "with") elseBody = [parseBlock(ew, etoks.slice(1), line)];
        else elseBody = parseList();
      }
    }
    return { k: word, p: parsePipeline(toks), body, elseBody, line };
  };
  const top: Node[] = [];
  while (i < acts.length) {
    top.push(...parseList());
    // a stray `end`/`else` at top level: skip it and go on
  }
  return { top, defines };
}

// ---------------------------------------------------------------------------------------------------------
// Abstract values and evaluation

type AV =
  | { readonly k: "root" }
  | {
      readonly k: "values";
      readonly path: readonly string[];
      readonly dyn: boolean;
      /** The value may be something else (it came through `default`/`coalesce`): not a plain guard. */
      readonly loose?: true;
    }
  | { readonly k: "dict"; readonly entries: ReadonlyMap<string, AV> }
  | { readonly k: "str"; readonly s: string }
  | { readonly k: "unknown" };

const UNKNOWN: AV = { k: "unknown" };
const ROOT: AV = { k: "root" };

function avKey(v: AV, depth = 0): string {
  switch (v.k) {
    case "root":
      return "R";
    case "values":
      return `V${v.dyn ? "~" : ""}:${v.path.join(".")}`;
    case "dict":
      if (depth > 3) return "D";
      return `D{${[...v.entries].map(([k, e]) => `${k}=${avKey(e, depth + 1)}`).join(",")}}`;
    case "str":
      return "S";
    case "unknown":
      return "U";
  }
}

/** Names of functions whose arguments are passed on whole. */
const WHOLE_FNS = new Set([
  "toYaml",
  "toYamlPretty",
  "mustToYaml",
  "toJson",
  "mustToJson",
  "toPrettyJson",
  "mustToPrettyJson",
  "toRawJson",
  "mustToRawJson",
  "toToml",
  "merge",
  "mustMerge",
  "mergeOverwrite",
  "mustMergeOverwrite",
  "deepCopy",
  "mustDeepCopy",
  "keys",
  "values",
  "pick",
  "omit",
]);
/** Functions that only test their arguments. */
const TEST_FNS = new Set(["and", "or", "not", "empty", "default", "coalesce", "ternary", "kindIs", "typeIs", "hasKey"]);

interface Scope {
  dot: AV;
  root: AV;
  vars: Map<string, AV>;
  guards: readonly string[];
}

interface Ctx {
  readonly defines: ReadonlyMap<string, Node[]>;
  readonly file: string;
  readonly out: Read[];
  readonly active: Set<string>;
  readonly memo: Map<string, Read[]>;
  /** Names of defines called at least once. */
  readonly called: Set<string>;
  /** File each define is in. */
  readonly defineFile: ReadonlyMap<string, string>;
}

function record(ctx: Ctx, sc: Scope, v: AV, kind: ReadKind): void {
  if (v.k !== "values") return;
  if (v.path.length === 0 && kind !== "whole" && kind !== "dynamic") return;
  ctx.out.push({ path: v.path, kind: v.dyn ? "dynamic" : kind, guards: sc.guards, file: ctx.file });
}

function field(base: AV, fields: readonly string[]): AV {
  let cur = base;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as string;
    switch (cur.k) {
      case "root":
        if (f !== "Values") return UNKNOWN;
        cur = { k: "values", path: [], dyn: false };
        break;
      case "values":
        if (cur.dyn) return cur; // below a key chosen at render time: only the static prefix is known
        cur = cur.loose
          ? { k: "values", path: [...cur.path, f], dyn: false, loose: true }
          : { k: "values", path: [...cur.path, f], dyn: false };
        break;
      case "dict":
        cur = cur.entries.get(f) ?? UNKNOWN;
        break;
      default: {
        // Unknown base: `.ctx.Values.x` / `$.Values.x` where the base could not be followed.
        const at = fields.indexOf("Values", i);
        if (at < 0) return UNKNOWN;
        return { k: "values", path: fields.slice(at + 1), dyn: false };
      }
    }
  }
  return cur;
}

function evalOperand(ctx: Ctx, sc: Scope, op: Operand): AV {
  switch (op.k) {
    case "lit":
      return op.s === undefined ? UNKNOWN : { k: "str", s: op.s };
    case "field":
      return field(sc.dot, op.v);
    case "var": {
      const base = op.name === "" ? sc.root : (sc.vars.get(op.name) ?? UNKNOWN);
      return field(base, op.v);
    }
    case "sub":
      return field(evalPipeline(ctx, sc, op.p, "value"), op.chain);
    case "fn":
      return UNKNOWN;
  }
}

function loosen(v: AV): AV {
  return v.k === "values" ? { ...v, loose: true } : v;
}

/** Follows literal keys from `base` (`index`/`get`/`dig`). */
function indexInto(base: AV, keys: readonly AV[]): AV {
  let cur = base;
  for (const k of keys) {
    if (cur.k === "values") {
      if (cur.dyn) return cur;
      // A key chosen at render time is the segment `?`: reads below it still count (for any key there).
      cur = { k: "values", path: [...cur.path, k.k === "str" ? k.s : "?"], dyn: false };
    } else if (cur.k === "dict") {
      cur = k.k === "str" ? (cur.entries.get(k.s) ?? UNKNOWN) : UNKNOWN;
    } else if (cur.k === "root" && k.k === "str" && k.s === "Values") {
      cur = { k: "values", path: [], dyn: false };
    } else return UNKNOWN;
  }
  return cur;
}

function callDefine(ctx: Ctx, sc: Scope, name: string, arg: AV): void {
  ctx.called.add(name);
  const body = ctx.defines.get(name);
  if (body === undefined) return;
  const key = `${name}\0${avKey(arg)}`;
  let reads = ctx.memo.get(key);
  if (reads === undefined) {
    if (ctx.active.has(key) || ctx.active.size > 40) return;
    ctx.active.add(key);
    const inner: Ctx = { ...ctx, out: [], file: ctx.defineFile.get(name) ?? ctx.file };
    walk(inner, { dot: arg, root: arg, vars: new Map(), guards: [] }, body);
    ctx.active.delete(key);
    reads = inner.out;
    ctx.memo.set(key, reads);
  }
  for (const r of reads) {
    const guards = sc.guards.length === 0 ? r.guards : [...new Set([...sc.guards, ...r.guards])].sort();
    ctx.out.push({ ...r, guards });
  }
}

/** Evaluates one command; `piped` is the previous command's result (appended as the last argument). */
function evalCommand(ctx: Ctx, sc: Scope, cmd: Command, piped: AV | undefined, use: ReadKind): AV {
  const [head, ...rest] = cmd.args;
  if (head === undefined) return piped ?? UNKNOWN;
  if (head.k !== "fn") {
    // A value (field, variable, literal, sub-pipeline); extra args would be method args (not in Helm).
    const v = evalOperand(ctx, sc, head);
    if (rest.length === 0 && piped === undefined) return v;
    record(ctx, sc, v, use);
    return v;
  }
  const name = head.name;
  const args = rest.map((a) => evalOperand(ctx, sc, a));
  if (piped !== undefined) args.push(piped);
  const recAll = (kind: ReadKind): void => {
    for (const a of args) record(ctx, sc, a, kind);
  };
  switch (name) {
    case "include":
    case "template": {
      const n = args[0];
      const arg = args[1] ?? UNKNOWN;
      if (n?.k === "str") callDefine(ctx, sc, n.s, arg);
      if (arg.k === "values") record(ctx, sc, arg, "whole");
      return UNKNOWN;
    }
    case "tpl": {
      // tpl STRING CONTEXT: the string (often a values key) is rendered; its own template text is analysed
      // where it is defined (values.yaml strings), so here it is just a value read.
      record(ctx, sc, args[0] ?? UNKNOWN, "value");
      return UNKNOWN;
    }
    case "index": {
      const [base, ...keys] = args;
      if (keys.some((k) => k.k !== "str")) record(ctx, sc, base ?? UNKNOWN, "dynamic");
      return indexInto(base ?? UNKNOWN, keys);
    }
    case "get": {
      if (args[1]?.k !== "str") record(ctx, sc, args[0] ?? UNKNOWN, "dynamic");
      return indexInto(args[0] ?? UNKNOWN, args.slice(1, 2));
    }
    case "dig": {
      // dig "a" "b" DEFAULT MAP
      const map = args[args.length - 1] ?? UNKNOWN;
      const keys = args.slice(0, -2);
      if (keys.some((k) => k.k !== "str")) record(ctx, sc, map, "dynamic");
      return indexInto(map, keys);
    }
    case "hasKey": {
      const v = indexInto(args[0] ?? UNKNOWN, args.slice(1, 2));
      record(ctx, sc, v, "test");
      return UNKNOWN;
    }
    case "dict": {
      const entries = new Map<string, AV>();
      for (let i = 0; i + 1 < args.length; i += 2) {
        const k = args[i] as AV;
        const v = args[i + 1] as AV;
        if (k.k === "str") entries.set(k.s, v);
        // The dict may be passed on whole or merged later: the value counts as read here.
        record(ctx, sc, v, "value");
      }
      return { k: "dict", entries };
    }
    case "default": {
      // default DEFAULT VALUE: the result is VALUE when set
      for (const a of args) record(ctx, sc, a, "test");
      return loosen(args[args.length - 1] ?? UNKNOWN);
    }
    case "coalesce": {
      for (const a of args) record(ctx, sc, a, "test");
      return loosen(args.find((a) => a.k === "values" || a.k === "dict") ?? UNKNOWN);
    }
    case "required":
    case "mustRequired": {
      const v = args[args.length - 1] ?? UNKNOWN;
      return v;
    }
    case "fromYaml":
    case "fromJson":
      return UNKNOWN;
    default:
      break;
  }
  if (WHOLE_FNS.has(name)) {
    recAll("whole");
    return UNKNOWN;
  }
  if (TEST_FNS.has(name)) {
    recAll("test");
    return UNKNOWN;
  }
  recAll("value");
  return UNKNOWN;
}

function evalPipeline(ctx: Ctx, sc: Scope, p: Pipeline, use: ReadKind): AV {
  let v: AV | undefined;
  for (let i = 0; i < p.cmds.length; i++) {
    const last = i === p.cmds.length - 1;
    v = evalCommand(ctx, sc, p.cmds[i] as Command, v, last ? use : "value");
  }
  return v ?? UNKNOWN;
}

/** A pipeline's value when it is a plain test of a `.Values` path (`x`, `not x`, `and x (not y)`). */
function plainGuards(ctx: Ctx, sc: Scope, p: Pipeline): string[] | undefined {
  if (p.cmds.length !== 1) return undefined;
  const cmd = p.cmds[0] as Command;
  const quiet: Ctx = { ...ctx, out: [] };
  const one = (op: Operand, neg: boolean): string[] | undefined => {
    if (op.k === "sub" && op.chain.length === 0) return p2(op.p, neg);
    if (op.k === "sub") {
      // `(.Values.a).b`: only a parenthesised plain path
      const c = op.p.cmds;
      if (c.length !== 1 || c[0]?.args.length !== 1 || c[0]?.args[0]?.k === "fn") return undefined;
    }
    if (op.k === "fn" || op.k === "lit") return undefined;
    const v = evalOperand(quiet, sc, op);
    if (v.k !== "values" || v.dyn || v.loose || v.path.length === 0) return undefined;
    if (v.path.includes("?") || v.path.includes("*")) return undefined;
    return [`${neg ? "!" : ""}${v.path.join(".")}`];
  };
  const p2 = (pp: Pipeline, neg: boolean): string[] | undefined => {
    if (pp.cmds.length !== 1) return undefined;
    const c = pp.cmds[0] as Command;
    const [h, ...r] = c.args;
    if (h === undefined) return undefined;
    if (h.k === "fn") {
      if (h.name === "not" && r.length === 1) return one(r[0] as Operand, !neg);
      if ((h.name === "and" && !neg) || (h.name === "or" && neg)) {
        const all: string[] = [];
        for (const a of r) {
          const g = one(a, neg);
          if (g !== undefined) all.push(...g);
        }
        return all.length > 0 ? all : undefined;
      }
      if (h.name === "index" && !neg) {
        const v = evalOperand(quiet, sc, { k: "sub", p: pp, chain: [] });
        if (v.k === "values" && !v.dyn && !v.loose && v.path.length > 0 && !v.path.includes("?"))
          return [v.path.join(".")];
      }
      return undefined;
    }
    return r.length === 0 ? one(h, neg) : undefined;
  };
  return p2({ decl: [], assign: false, cmds: [cmd] }, false);
}

function negate(g: readonly string[] | undefined): string[] | undefined {
  if (g === undefined || g.length !== 1) return undefined;
  const x = g[0] as string;
  return [x.startsWith("!") ? x.slice(1) : `!${x}`];
}

function withGuards(sc: Scope, g: readonly string[] | undefined): readonly string[] {
  if (g === undefined || g.length === 0) return sc.guards;
  return [...new Set([...sc.guards, ...g])].sort();
}

function declare(sc: Scope, p: Pipeline, v: AV): void {
  if (p.decl.length === 1) sc.vars.set(p.decl[0] as string, v);
}

function walk(ctx: Ctx, sc: Scope, nodes: readonly Node[]): void {
  for (const n of nodes) {
    switch (n.k) {
      case "action": {
        const v = evalPipeline(ctx, sc, n.p, "value");
        if (n.p.decl.length > 0) {
          // `$x := .Values.a` declares; reading happens where $x is used (but record a test-read so that
          // a variable that is only assigned still marks the key as read)
          record(ctx, sc, v, "test");
          declare(sc, n.p, v);
        } else record(ctx, sc, v, "value");
        break;
      }
      case "call": {
        const arg = n.p === undefined ? UNKNOWN : evalPipeline(ctx, sc, n.p, "value");
        callDefine(ctx, sc, n.name, arg);
        break;
      }
      case "if": {
        const v = evalPipeline(ctx, sc, n.p, "test");
        record(ctx, sc, v, "test");
        declare(sc, n.p, v);
        const g = plainGuards(ctx, sc, n.p);
        walk(ctx, { ...sc, vars: new Map(sc.vars), guards: withGuards(sc, g) }, n.body);
        walk(ctx, { ...sc, vars: new Map(sc.vars), guards: withGuards(sc, negate(g)) }, n.elseBody);
        break;
      }
      case "with": {
        const v = evalPipeline(ctx, sc, n.p, "test");
        record(ctx, sc, v, "test");
        const g = plainGuards(ctx, sc, n.p);
        const inner: Scope = { ...sc, dot: v, vars: new Map(sc.vars), guards: withGuards(sc, g) };
        declare(inner, n.p, v);
        walk(ctx, inner, n.body);
        walk(ctx, { ...sc, vars: new Map(sc.vars), guards: withGuards(sc, negate(g)) }, n.elseBody);
        break;
      }
      case "range": {
        const v = evalPipeline(ctx, sc, n.p, "iterate");
        record(ctx, sc, v, "iterate");
        const item: AV = v.k === "values" ? { k: "values", path: [...v.path, "*"], dyn: v.dyn } : UNKNOWN;
        const vars = new Map(sc.vars);
        if (n.p.decl.length === 1) vars.set(n.p.decl[0] as string, item);
        if (n.p.decl.length === 2) {
          vars.set(n.p.decl[0] as string, UNKNOWN);
          vars.set(n.p.decl[1] as string, item);
        }
        walk(ctx, { ...sc, dot: item, vars }, n.body);
        walk(ctx, { ...sc, vars: new Map(sc.vars) }, n.elseBody);
        break;
      }
    }
  }
}

/** A template source: a file under `templates/`, or a tpl string of values.yaml. */
export interface TemplateSource {
  readonly file: string;
  readonly text: string;
}

/**
 * Every `.Values` read of a chart: its template files (all of them, so that `define`s are shared as in Helm)
 * and tpl strings (rendered with the root context). Files whose name starts with `_` only contribute defines
 * and their top level; `define`s nobody calls are analysed once with an unknown argument.
 */
export function chartReads(files: readonly TemplateSource[], tplStrings: readonly TemplateSource[] = []): Read[] {
  const parsed = [...files, ...tplStrings].map((f) => ({ f, p: parseTemplate(f.text) }));
  const defines = new Map<string, Node[]>();
  const defineFile = new Map<string, string>();
  for (const { f, p } of parsed)
    for (const [name, body] of p.defines)
      if (!defines.has(name)) {
        defines.set(name, body);
        defineFile.set(name, f.file);
      }
  const out: Read[] = [];
  const memo = new Map<string, Read[]>();
  const called = new Set<string>();
  for (const { f, p } of parsed) {
    const ctx: Ctx = { defines, defineFile, file: f.file, out, active: new Set(), memo, called };
    walk(ctx, { dot: ROOT, root: ROOT, vars: new Map(), guards: [] }, p.top);
  }
  for (const [name, body] of defines) {
    if (called.has(name)) continue;
    const ctx: Ctx = { defines, defineFile, file: defineFile.get(name) ?? "", out, active: new Set(), memo, called };
    walk(ctx, { dot: UNKNOWN, root: UNKNOWN, vars: new Map(), guards: [] }, body);
  }
  return out;
}
