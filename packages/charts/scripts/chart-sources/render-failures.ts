/**
 * Where a chart refuses to render: every `fail` and `required` in its templates, with the `if`/`with`
 * conditions around it written as a boolean expression over `.Values` paths, and whether the chart's own
 * defaults already meet the condition. From those, the values a user must set ("required values"):
 *   - `required "msg" .Values.a.b` → `a.b`, under the enclosing conditions;
 *   - `{{ if and C (not .Values.a.b) }}{{ fail … }}` → `a.b` when C (each negated plain path of the
 *     top-level `and` of the `if` that directly holds the `fail` is required when the rest, and every
 *     enclosing condition, holds; an enclosing `if not x` is only the branch the call is in).
 * Example: tempo-distributed 3.x `templates/validate.yaml:4-5` fails the render when
 * `(blockBuilder.enabled || liveStore.enabled) && !ingest.kafka.address`, so `ingest.kafka.address` is
 * required when `blockBuilder.enabled || liveStore.enabled`, which the defaults (both true) meet.
 *
 * A plain static reading of the template text (no helper arguments followed): a condition the reader
 * cannot express over `.Values` paths is kept as `{ "unknown": "<template text>" }`, and its truth under
 * the defaults is then unknown. `fail`s inside `define`s are reported with the define's name; their
 * conditions usually depend on the helper's arguments.
 */
import type { Command, Node, Operand, Pipeline } from "./template-reads.js";
import { parseTemplate, type TemplateSource } from "./template-reads.js";

/** A condition: a `.Values` path (truthy), or a combination. */
export type Cond =
  | string
  | { readonly not: Cond }
  | { readonly and: readonly Cond[] }
  | { readonly or: readonly Cond[] }
  | { readonly eq: readonly [string, string | number | boolean | null] }
  | { readonly ne: readonly [string, string | number | boolean | null] }
  | { readonly has: string }
  | { readonly unknown: string };

export interface RenderFailure {
  readonly file: string;
  /** 1-based line of the `fail` / `required` action. */
  readonly line: number;
  readonly kind: "fail" | "required";
  /** The `define` the call is in (then the condition is only what the define itself tests). */
  readonly define?: string;
  /** Conditions under which the call is reached (all must hold); absent = always. */
  readonly when?: Cond;
  readonly whenText?: string;
  /** The innermost of them: the `if` (or `else`) that directly holds the call. */
  readonly guard?: Cond;
  /** For `required`: the path that must be set. */
  readonly path?: string;
  /** Whether the chart defaults reach the call (`required`: and leave the path empty); undefined = unknown. */
  readonly withDefaults?: boolean;
  /** The message, literal parts only (`…` for computed parts), at most 300 characters. */
  readonly message: string;
}

export interface RequiredValue {
  /** The values path that must be set (non-empty). */
  readonly path: string;
  /** When it is required; absent = always (as far as the template text shows). */
  readonly when?: Cond;
  readonly whenText?: string;
  /** Whether the chart defaults meet `when`; undefined = unknown. */
  readonly whenWithDefaults?: boolean;
  /** Whether values.yaml sets the path (non-empty) by default. */
  readonly setByDefault: boolean;
  /** The default install fails on it: `when` holds and the path is empty. */
  readonly failsWithDefaults?: boolean;
  /** `<file>:<line> (fail|required)`, with ` in <define>` for a call inside a helper. */
  readonly sources: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------

type Dot =
  | { readonly k: "root" }
  | { readonly k: "path"; readonly path: readonly string[] }
  | { readonly k: "unknown" };

interface Scope {
  readonly dot: Dot;
  readonly vars: ReadonlyMap<string, Dot>;
  readonly conds: readonly Cond[];
}

const ROOT: Dot = { k: "root" };
const UNKNOWN: Dot = { k: "unknown" };

function fieldOf(base: Dot, fields: readonly string[]): Dot {
  if (base.k === "path") return fields.length === 0 ? base : { k: "path", path: [...base.path, ...fields] };
  const at = fields.indexOf("Values");
  if (base.k === "root" && at === 0) return { k: "path", path: fields.slice(1) };
  // `.ctx.Values.x` / `$.Values.x` inside helpers: the chart's values under another name
  if (at >= 0) return { k: "path", path: fields.slice(at + 1) };
  return UNKNOWN;
}

function operandDot(sc: Scope, op: Operand): Dot {
  switch (op.k) {
    case "field":
      return fieldOf(sc.dot, op.v);
    case "var": {
      const base = op.name === "" ? ROOT : (sc.vars.get(op.name) ?? UNKNOWN);
      return fieldOf(base, op.v);
    }
    case "sub": {
      const inner = pipelineDot(sc, op.p);
      return op.chain.length === 0 ? inner : fieldOf(inner, op.chain);
    }
    default:
      return UNKNOWN;
  }
}

/** The `.Values` path a pipeline evaluates to, when it is a plain path (or `index` with literal keys). */
function pipelineDot(sc: Scope, p: Pipeline): Dot {
  if (p.cmds.length !== 1) return UNKNOWN;
  const [h, ...rest] = (p.cmds[0] as Command).args;
  if (h === undefined) return UNKNOWN;
  if (h.k !== "fn") return rest.length === 0 ? operandDot(sc, h) : UNKNOWN;
  if (h.name === "index" && rest.length >= 1) {
    const base = operandDot(sc, rest[0] as Operand);
    const keys = rest.slice(1);
    if (base.k !== "path" || keys.some((k) => k.k !== "lit" || k.s === undefined)) return UNKNOWN;
    return { k: "path", path: [...base.path, ...keys.map((k) => (k as { s: string }).s)] };
  }
  return UNKNOWN;
}

function pathText(d: Dot): string | undefined {
  return d.k === "path" && d.path.length > 0 ? d.path.join(".") : undefined;
}

function litOf(op: Operand | undefined): string | number | boolean | null | undefined {
  if (op?.k !== "lit") return undefined;
  return op.s ?? null;
}

/** Source-ish text of a pipeline, for `unknown` conditions. */
function pipeText(p: Pipeline): string {
  const opText = (o: Operand): string => {
    switch (o.k) {
      case "lit":
        return o.s === undefined ? "lit" : JSON.stringify(o.s);
      case "field":
        return `.${o.v.join(".")}`;
      case "var":
        return `$${o.name}${o.v.map((f) => `.${f}`).join("")}`;
      case "fn":
        return o.name;
      case "sub":
        return `(${pipeText(o.p)})${o.chain.map((f) => `.${f}`).join("")}`;
    }
  };
  return p.cmds.map((c) => c.args.map(opText).join(" ")).join(" | ");
}

function condOfOperand(sc: Scope, op: Operand): Cond {
  if (op.k === "sub" && op.chain.length === 0) return condOf(sc, op.p);
  const path = pathText(operandDot(sc, op));
  return (
    path ?? {
      unknown: op.k === "sub" ? `(${pipeText(op.p)})` : pipeText({ decl: [], assign: false, cmds: [{ args: [op] }] }),
    }
  );
}

/** A pipeline as a condition (its Go-template truthiness). */
export function condOf(sc: Scope, p: Pipeline): Cond {
  const unknown: Cond = { unknown: pipeText(p) };
  if (p.cmds.length !== 1) return unknown;
  const [h, ...r] = (p.cmds[0] as Command).args;
  if (h === undefined) return unknown;
  if (h.k !== "fn") return r.length === 0 ? condOfOperand(sc, h) : unknown;
  switch (h.name) {
    case "not":
      return r.length === 1 ? { not: condOfOperand(sc, r[0] as Operand) } : unknown;
    case "empty":
      return r.length === 1 ? { not: condOfOperand(sc, r[0] as Operand) } : unknown;
    case "and":
    case "or": {
      const parts = r.map((o) => condOfOperand(sc, o));
      return h.name === "and" ? { and: parts } : { or: parts };
    }
    case "eq":
    case "ne": {
      if (r.length !== 2) return unknown;
      const [a, b] = r as [Operand, Operand];
      const pa = pathText(operandDot(sc, a));
      const pb = pathText(operandDot(sc, b));
      const la = litOf(a);
      const lb = litOf(b);
      if (pa !== undefined && lb !== undefined) return h.name === "eq" ? { eq: [pa, lb] } : { ne: [pa, lb] };
      if (pb !== undefined && la !== undefined) return h.name === "eq" ? { eq: [pb, la] } : { ne: [pb, la] };
      return unknown;
    }
    case "hasKey": {
      const base = r[0] === undefined ? UNKNOWN : operandDot(sc, r[0]);
      const key = litOf(r[1]);
      if (base.k === "path" && typeof key === "string") return { has: [...base.path, key].join(".") };
      return unknown;
    }
    case "index": {
      const path = pathText(pipelineDot(sc, p));
      return path ?? unknown;
    }
    default:
      return unknown;
  }
}

const negate = (c: Cond): Cond => (typeof c === "object" && "not" in c ? c.not : { not: c });

const and = (conds: readonly Cond[]): Cond | undefined =>
  conds.length === 0 ? undefined : conds.length === 1 ? conds[0] : { and: conds };

/** Readable form: `a.b && (c || !d)`. */
export function condText(c: Cond): string {
  const inner = (x: Cond): string => {
    const t = condText(x);
    return typeof x === "object" && ("and" in x || "or" in x) ? `(${t})` : t;
  };
  if (typeof c === "string") return c;
  if ("not" in c) return `!${inner(c.not)}`;
  if ("and" in c) return c.and.map(inner).join(" && ");
  if ("or" in c) return c.or.map(inner).join(" || ");
  if ("eq" in c) return `${c.eq[0]} == ${JSON.stringify(c.eq[1])}`;
  if ("ne" in c) return `${c.ne[0]} != ${JSON.stringify(c.ne[1])}`;
  if ("has" in c) return `has(${c.has})`;
  return `?{${c.unknown}}`;
}

function lookupValue(values: unknown, path: string): { found: boolean; value: unknown } {
  let cur: unknown = values;
  for (const seg of path.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, seg))
      return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[seg];
  }
  return { found: true, value: cur };
}

/** Go template truthiness. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v as object).length > 0;
  return true;
}

/** The condition's value with the chart defaults (three-valued: undefined = unknown). */
export function evalCond(c: Cond, values: unknown): boolean | undefined {
  if (typeof c === "string") return truthy(lookupValue(values, c).value);
  if ("not" in c) {
    const v = evalCond(c.not, values);
    return v === undefined ? undefined : !v;
  }
  if ("and" in c) {
    let unknown = false;
    for (const x of c.and) {
      const v = evalCond(x, values);
      if (v === false) return false;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  if ("or" in c) {
    let unknown = false;
    for (const x of c.or) {
      const v = evalCond(x, values);
      if (v === true) return true;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }
  if ("eq" in c || "ne" in c) {
    const [p, lit] = "eq" in c ? c.eq : c.ne;
    const v = lookupValue(values, p).value ?? null;
    if (typeof lit === "string" || lit === null) {
      const same = v === lit;
      return "eq" in c ? same : !same;
    }
    return undefined;
  }
  if ("has" in c) return lookupValue(values, c.has).found;
  return undefined;
}

function messageOf(sc: Scope, args: readonly Operand[]): string {
  // `fail (printf "…" x)`: the format's literal parts
  const only = args.length === 1 ? args[0] : undefined;
  if (only?.k === "sub" && only.p.cmds.length === 1) {
    const [h, ...r] = (only.p.cmds[0] as Command).args;
    if (h?.k === "fn" && (h.name === "print" || h.name === "printf")) return messageOf(sc, r);
  }
  const parts = args.map((a) => {
    if (a.k === "lit" && a.s !== undefined) return a.s;
    const path = pathText(operandDot(sc, a));
    return path === undefined ? "…" : `{${path}}`;
  });
  const text = parts.join("");
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

interface Found {
  readonly kind: "fail" | "required";
  readonly line: number;
  readonly conds: readonly Cond[];
  readonly message: string;
  readonly path?: string;
}

/** `fail`/`required` calls in a pipeline (also inside sub-pipelines). */
function scanPipeline(sc: Scope, p: Pipeline, line: number, out: Found[]): void {
  let prevArgs: readonly Operand[] | undefined;
  for (const cmd of p.cmds) {
    const [h, ...rest] = cmd.args;
    for (const a of cmd.args) if (a.k === "sub") scanPipeline(sc, a.p, line, out);
    if (h?.k === "fn" && (h.name === "fail" || h.name === "required" || h.name === "mustRequired")) {
      if (h.name === "fail") {
        // `fail "msg"`, or `print/printf … | fail`
        const msgArgs = rest.length > 0 ? rest : (prevArgs ?? []).slice(1);
        out.push({ kind: "fail", line, conds: sc.conds, message: messageOf(sc, msgArgs) });
      } else {
        const target = rest.length >= 2 ? rest[rest.length - 1] : undefined;
        const path = target === undefined ? undefined : pathText(operandDot(sc, target));
        out.push({
          kind: "required",
          line,
          conds: sc.conds,
          message: messageOf(sc, rest.slice(0, 1)),
          ...(path === undefined ? {} : { path }),
        });
      }
    }
    prevArgs = cmd.args;
  }
}

function walk(sc: Scope, nodes: readonly Node[], out: Found[]): void {
  for (const n of nodes) {
    switch (n.k) {
      case "action": {
        scanPipeline(sc, n.p, n.line, out);
        if (n.p.decl.length === 1 && !n.p.assign) {
          const vars = new Map(sc.vars);
          vars.set(n.p.decl[0] as string, pipelineDot(sc, n.p));
          sc = { ...sc, vars };
        }
        break;
      }
      case "call":
        if (n.p !== undefined) scanPipeline(sc, n.p, n.line, out);
        break;
      case "if": {
        scanPipeline(sc, n.p, n.line, out);
        const c = condOf(sc, n.p);
        walk({ ...sc, conds: [...sc.conds, c] }, n.body, out);
        walk({ ...sc, conds: [...sc.conds, negate(c)] }, n.elseBody, out);
        break;
      }
      case "with": {
        scanPipeline(sc, n.p, n.line, out);
        const c = condOf(sc, n.p);
        const d = pipelineDot(sc, n.p);
        walk({ ...sc, dot: d, conds: [...sc.conds, c] }, n.body, out);
        walk({ ...sc, conds: [...sc.conds, negate(c)] }, n.elseBody, out);
        break;
      }
      case "range": {
        scanPipeline(sc, n.p, n.line, out);
        walk({ ...sc, dot: UNKNOWN, vars: new Map() }, n.body, out);
        walk(sc, n.elseBody, out);
        break;
      }
    }
  }
}

/** Every `fail`/`required` of a chart version's templates, with conditions and their value under the defaults. */
export function renderFailures(files: readonly TemplateSource[], values: unknown): RenderFailure[] {
  const out: RenderFailure[] = [];
  const seenDefines = new Set<string>();
  for (const f of files) {
    const parsed = parseTemplate(f.text);
    const found: { define?: string; f: Found }[] = [];
    const top: Found[] = [];
    walk({ dot: ROOT, vars: new Map(), conds: [] }, parsed.top, top);
    for (const x of top) found.push({ f: x });
    for (const [name, body] of parsed.defines) {
      if (seenDefines.has(name)) continue;
      seenDefines.add(name);
      const inDefine: Found[] = [];
      walk({ dot: UNKNOWN, vars: new Map(), conds: [] }, body, inDefine);
      for (const x of inDefine) found.push({ define: name, f: x });
    }
    for (const { define, f: x } of found) {
      const when = and(x.conds);
      const guard = x.conds.at(-1);
      let withDefaults = when === undefined ? true : evalCond(when, values);
      if (x.kind === "required" && withDefaults === true)
        withDefaults = x.path === undefined ? undefined : !truthy(lookupValue(values, x.path).value);
      out.push({
        file: f.file,
        line: x.line,
        kind: x.kind,
        ...(define === undefined ? {} : { define }),
        ...(when === undefined ? {} : { when, whenText: condText(when) }),
        ...(guard === undefined ? {} : { guard }),
        ...(x.path === undefined ? {} : { path: x.path }),
        ...(withDefaults === undefined ? {} : { withDefaults }),
        message: x.message,
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const hasUnknown = (c: Cond): boolean => {
  if (typeof c === "string") return false;
  if ("unknown" in c) return true;
  if ("not" in c) return hasUnknown(c.not);
  if ("and" in c) return c.and.some(hasUnknown);
  if ("or" in c) return c.or.some(hasUnknown);
  return false;
};

const conjuncts = (c: Cond | undefined): Cond[] => {
  if (c === undefined) return [];
  if (typeof c === "object" && "and" in c) return c.and.flatMap(conjuncts);
  return [c];
};

/**
 * The values a user must set, one entry per path (see the module comment). A path required under several
 * conditions gets `when` = the conditions all of them share, and (unless one of them has no other
 * condition) `||` of the rest. Calls inside helpers count only when their own conditions are plain.
 */
export function requiredValues(failures: readonly RenderFailure[], values: unknown): RequiredValue[] {
  const byPath = new Map<string, { whens: Cond[][]; sources: string[] }>();
  const add = (path: string, rest: Cond[], source: string): void => {
    let e = byPath.get(path);
    if (e === undefined) {
      e = { whens: [], sources: [] };
      byPath.set(path, e);
    }
    const key = JSON.stringify(rest);
    if (!e.whens.some((w) => JSON.stringify(w) === key)) e.whens.push(rest);
    if (!e.sources.includes(source)) e.sources.push(source);
  };
  for (const f of failures) {
    if (f.define !== undefined && (f.when === undefined ? false : hasUnknown(f.when))) continue;
    const source = `${f.file}:${f.line} (${f.kind})${f.define === undefined ? "" : ` in ${f.define}`}`;
    const conds = conjuncts(f.when);
    if (f.kind === "required") {
      if (f.path !== undefined) add(f.path, conds, source);
      continue;
    }
    // Only the condition that directly holds the `fail` names what must be set: an enclosing `if not x`
    // is just the branch the call is in.
    const outer = conds.slice(0, conds.length - conjuncts(f.guard).length);
    const inner = conjuncts(f.guard);
    inner.forEach((c, i) => {
      if (typeof c === "object" && "not" in c && typeof c.not === "string")
        add(c.not, [...outer, ...inner.filter((_, j) => j !== i)], source);
    });
  }
  const out: RequiredValue[] = [];
  for (const [path, e] of byPath) {
    const keyOf = (c: Cond): string => JSON.stringify(c);
    const first = e.whens[0] ?? [];
    const common = first.filter((c) => e.whens.every((w) => w.some((x) => keyOf(x) === keyOf(c))));
    const commonKeys = new Set(common.map(keyOf));
    const rests = e.whens.map((w) => w.filter((c) => !commonKeys.has(keyOf(c))));
    const parts = [...common];
    if (!rests.some((r) => r.length === 0)) {
      const alts = rests.map((r) => and(r) as Cond);
      parts.push(alts.length === 1 ? (alts[0] as Cond) : { or: alts });
    }
    const when = and(parts);
    const whenWithDefaults = when === undefined ? true : evalCond(when, values);
    const setByDefault = truthy(lookupValue(values, path).value);
    const fails = whenWithDefaults === undefined ? undefined : whenWithDefaults && !setByDefault;
    out.push({
      path,
      ...(when === undefined ? {} : { when, whenText: condText(when) }),
      ...(whenWithDefaults === undefined ? {} : { whenWithDefaults }),
      setByDefault,
      ...(fails === undefined ? {} : { failsWithDefaults: fails }),
      sources: e.sources,
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
