/**
 * Go packages of one tag (the repository's own packages and vendor/), and a walker that turns a Go config type into
 * our schema node following the decoder's rules: yaml.v2 (`yaml` tags, `,inline`, lower-cased field names) for
 * Tempo's config file, mapstructure/confmap (`mapstructure` tags, `,squash`) for OTel receivers.
 */
import type { GitTag } from "./git.js";
import { type Field, type GoFile, parseGoFile, type TypeDecl, type TypeExpr, tagGet } from "./go-parse.js";
import type { SNode } from "./schema-node.js";

export interface Pkg {
  path: string;
  dir: string;
  name: string;
  files: { path: string; file: GoFile }[];
  types: Map<string, { decl: TypeDecl; file: GoFile; path: string }>;
  methods: Map<string, { name: string; recvVar: string; body: string; path: string; line: number }[]>;
}

const parseCache = new Map<string, GoFile>();
const OTHER_OS =
  /_(?:windows|darwin|freebsd|openbsd|netbsd|dragonfly|solaris|illumos|aix|plan9|js|wasip1|android|ios)(?:_[a-z0-9]+)?\.go$/;

export class GoWorld {
  readonly modulePath: string;
  private readonly pkgs = new Map<string, Pkg | null>();

  constructor(readonly tag: GitTag) {
    const gomod = tag.read("go.mod") ?? "";
    this.modulePath = /^module\s+(\S+)/m.exec(gomod)?.[1] ?? "github.com/grafana/tempo";
  }

  dirOf(importPath: string): string {
    if (importPath === this.modulePath) return "";
    if (importPath.startsWith(`${this.modulePath}/`)) return importPath.slice(this.modulePath.length + 1);
    return `vendor/${importPath}`;
  }

  pkg(importPath: string): Pkg | null {
    const hit = this.pkgs.get(importPath);
    if (hit !== undefined) return hit;
    const dir = this.dirOf(importPath);
    const names = (this.tag.dirs.get(dir) ?? []).filter(
      (f) => f.endsWith(".go") && !f.endsWith("_test.go") && !OTHER_OS.test(f),
    );
    if (names.length === 0) {
      this.pkgs.set(importPath, null);
      return null;
    }
    const pkg: Pkg = { path: importPath, dir, name: "", files: [], types: new Map(), methods: new Map() };
    for (const n of names.sort()) {
      const p = `${dir}/${n}`;
      const id = this.tag.blobId(p)!;
      let file = parseCache.get(id);
      if (!file) {
        const src = this.tag.read(p);
        if (src === undefined) continue;
        if (/^\/\/go:build\s+ignore\b/m.test(src)) continue;
        try {
          file = parseGoFile(src);
        } catch (e) {
          throw new Error(`${p}@${this.tag.tag}: ${(e as Error).message}`);
        }
        parseCache.set(id, file);
      }
      if (file.pkg.endsWith("_test")) continue;
      pkg.name ||= file.pkg;
      pkg.files.push({ path: p, file });
      for (const d of file.types) if (!pkg.types.has(d.name)) pkg.types.set(d.name, { decl: d, file, path: p });
      for (const m of file.methods) {
        const list = pkg.methods.get(m.recv) ?? [];
        list.push({ name: m.name, recvVar: m.recvVar, body: m.body, path: p, line: m.line });
        pkg.methods.set(m.recv, list);
      }
    }
    this.pkgs.set(importPath, pkg);
    return pkg;
  }

  /** The import path `alias` stands for in `file`. */
  resolveAlias(file: GoFile, alias: string): string | undefined {
    const direct = file.imports.find((i) => i.alias === alias);
    if (direct) return direct.path;
    const guess = (p: string): string =>
      p
        .split("/")
        .filter((s) => !/^v\d+$/.test(s))
        .pop()!
        .replace(/\.v\d+$/, "")
        .replace(/^go-/, "")
        .replace(/-go$/, "")
        .replace(/[-.]/g, "");
    const unaliased = file.imports.filter((i) => i.alias === "");
    const byGuess = unaliased.find((i) => guess(i.path) === alias);
    if (byGuess) return byGuess.path;
    for (const i of unaliased) if (this.pkg(i.path)?.name === alias) return i.path;
    return undefined;
  }
}

export type Mode = "yaml" | "mapstructure";

/** A custom decoder met on the way (UnmarshalYAML / UnmarshalText / confmap Unmarshal). */
export interface CustomSeen {
  type: string;
  method: string;
  where: string;
  /** true when the body decodes into `type plain T` (same shape, extra validation) */
  plain: boolean;
}

interface Bound {
  expr: TypeExpr;
  ctx: Ctx;
}
interface Ctx {
  pkg: Pkg;
  file: GoFile;
  env: Map<string, Bound>;
}

/** Decides the node for a named type before the generic walk; return undefined to walk on. */
export type KnownHook = (
  fullName: string,
  info: { mode: Mode; walkArg: (i: number) => SNode; custom: CustomSeen | undefined },
) => SNode | undefined;

const INTS = new Set(["int", "int8", "int16", "int32", "int64", "rune"]);
const UINTS = new Set(["uint", "uint8", "uint16", "uint32", "uint64", "byte", "uintptr"]);

export class Walker {
  readonly customs = new Map<string, CustomSeen>();
  readonly unknowns = new Map<string, string[]>();
  private path: string[] = [];

  constructor(
    readonly world: GoWorld,
    readonly mode: Mode,
    readonly known: KnownHook,
  ) {}

  /** Walks the named type `name` of package `importPath`. */
  walkRoot(importPath: string, name: string): SNode {
    const pkg = this.world.pkg(importPath);
    if (!pkg) throw new Error(`package ${importPath} not found at ${this.world.tag.tag}`);
    const t = pkg.types.get(name);
    if (!t) throw new Error(`type ${importPath}.${name} not found at ${this.world.tag.tag}`);
    return this.named(pkg, name, [], { pkg, file: t.file, env: new Map() }, []);
  }

  /** Walks the fields of a struct declared inline as a local type (e.g. legacyConfig inside a func). */
  walkFields(importPath: string, fields: Field[], filePath: string): SNode {
    const pkg = this.world.pkg(importPath)!;
    const file = pkg.files.find((f) => f.path === filePath) ?? pkg.files[0]!;
    return this.struct(fields, { pkg, file: file.file, env: new Map() }, []);
  }

  private unknown(what: string): SNode {
    const list = this.unknowns.get(what) ?? [];
    list.push(this.path.join("."));
    this.unknowns.set(what, list);
    return `unknown(${what})`;
  }

  private walk(t: TypeExpr, ctx: Ctx, stack: string[]): SNode {
    switch (t.k) {
      case "ptr":
        return this.walk(t.elem, ctx, stack);
      case "slice":
      case "array":
        return { "[]": this.walk(t.elem, ctx, stack) };
      case "map":
        return { "{}": this.walk(t.elem, ctx, stack) };
      case "struct":
        return this.struct(t.fields, ctx, stack);
      case "iface":
        return t.empty ? "any" : this.unknown("interface");
      case "func":
      case "chan":
        return this.unknown(t.k);
      case "name":
        return this.name(t, ctx, stack);
    }
  }

  private name(t: TypeExpr & { k: "name" }, ctx: Ctx, stack: string[]): SNode {
    if (t.pkg === undefined) {
      const bound = ctx.env.get(t.name);
      if (bound) return this.walk(bound.expr, bound.ctx, stack);
      if (t.name === "bool") return "bool";
      if (t.name === "string") return "string";
      if (INTS.has(t.name)) return "int";
      if (UINTS.has(t.name)) return "uint";
      if (t.name === "float32" || t.name === "float64") return "float";
      if (t.name === "any") return "any";
      if (t.name === "error" || t.name.startsWith("complex")) return this.unknown(t.name);
      return this.named(ctx.pkg, t.name, t.args ?? [], ctx, stack);
    }
    const ip = this.world.resolveAlias(ctx.file, t.pkg);
    if (!ip) return this.unknown(`${t.pkg}.${t.name}`);
    const pkg = this.world.pkg(ip);
    if (!pkg) {
      // standard library (not vendored) or missing
      const hook = this.known(`${ip}.${t.name}`, {
        mode: this.mode,
        walkArg: (i) => this.walk(t.args![i]!, ctx, stack),
        custom: undefined,
      });
      return hook ?? this.unknown(`${ip}.${t.name}`);
    }
    return this.named(pkg, t.name, t.args ?? [], ctx, stack);
  }

  private named(pkg: Pkg, name: string, args: TypeExpr[], argCtx: Ctx, stack: string[]): SNode {
    const full = `${pkg.path}.${name}`;
    const entry = pkg.types.get(name);
    const methods = pkg.methods.get(name) ?? [];
    const wanted =
      this.mode === "yaml" ? ["UnmarshalYAML", "UnmarshalText"] : ["Unmarshal", "UnmarshalText", "UnmarshalYAML"];
    let custom: CustomSeen | undefined;
    for (const w of wanted) {
      const m = methods.find((x) => x.name === w);
      if (!m) continue;
      // mapstructure: `Unmarshal(*confmap.Conf)` (confmap.Unmarshaler); yaml.v2 ignores UnmarshalJSON etc.
      if (this.mode === "mapstructure" && w === "UnmarshalYAML") continue;
      const plain =
        w === "UnmarshalText"
          ? false
          : w === "Unmarshal"
            ? m.recvVar !== "" &&
              new RegExp(`\\.Unmarshal(?:Exact)?\\(\\s*(?:\\(\\*?\\w+\\)\\()?&?${m.recvVar}\\b`).test(m.body)
            : new RegExp(`type\\s+\\w+\\s+${name}\\b`).test(m.body);
      custom = { type: full, method: w, where: `${m.path}:${m.line}`, plain };
      this.customs.set(`${full}#${w}`, custom);
      break;
    }
    const walkArg = (i: number): SNode => {
      const a = args[i];
      return a ? this.walk(a, argCtx, stack) : "any";
    };
    const hooked = this.known(full, { mode: this.mode, walkArg, custom });
    if (hooked !== undefined) return hooked;
    if (!entry) return this.unknown(full);
    if (custom && !custom.plain) {
      return `custom(${shortName(full)})`;
    }
    if (stack.includes(full)) return `recursive(${shortName(full)})`;
    const env = new Map<string, Bound>();
    entry.decl.params.forEach((p, i) => {
      const a = args[i];
      if (a) env.set(p, { expr: a, ctx: argCtx });
    });
    return this.walk(entry.decl.type, { pkg, file: entry.file, env }, [...stack, full]);
  }

  private struct(fields: Field[], ctx: Ctx, stack: string[]): SNode {
    const out: { [k: string]: SNode } = {};
    const mergeIn = (node: SNode, what: string): void => {
      if (typeof node === "string") {
        this.unknown(`inline ${what}: ${node}`);
        return;
      }
      for (const [k, v] of Object.entries(node)) if (!(k in out)) out[k] = v;
    };
    for (const f of fields) {
      const raw = tagGet(f.tag, this.mode);
      const [tagName = "", ...opts] = (raw ?? "").split(",");
      if (tagName === "-" && opts.length === 0) continue;
      const inline = this.mode === "yaml" ? opts.includes("inline") : opts.includes("squash");
      const remain = this.mode === "mapstructure" && opts.includes("remain");
      if (f.names.length === 0) {
        const typeName = embeddedName(f.type);
        if (inline) {
          this.path.push(`(${typeName})`);
          mergeIn(this.walk(f.type, ctx, stack), typeName);
          this.path.pop();
          continue;
        }
        // yaml.v2: an embedded struct without ,inline is a key named after the (lower-cased) type.
        const key = tagName || (this.mode === "yaml" ? typeName.toLowerCase() : typeName);
        this.path.push(key);
        out[key] = this.walk(f.type, ctx, stack);
        this.path.pop();
        continue;
      }
      for (const n of f.names) {
        if (!/^\p{Lu}/u.test(n)) continue; // unexported
        if (remain) {
          out["{}"] = "any";
          continue;
        }
        if (inline) {
          this.path.push(`(${n})`);
          mergeIn(this.walk(f.type, ctx, stack), n);
          this.path.pop();
          continue;
        }
        const key = tagName || (this.mode === "yaml" ? n.toLowerCase() : n);
        this.path.push(key);
        out[key] = this.walk(f.type, ctx, stack);
        this.path.pop();
      }
    }
    return out;
  }
}

function embeddedName(t: TypeExpr): string {
  if (t.k === "ptr") return embeddedName(t.elem);
  return t.k === "name" ? t.name : t.k;
}

/** `github.com/grafana/dskit/flagext.Secret` → `flagext.Secret` */
export function shortName(full: string): string {
  const dot = full.lastIndexOf(".");
  const pkgPath = full.slice(0, dot);
  const last = pkgPath.split("/").pop()!;
  return `${last}.${full.slice(dot + 1)}`;
}
