// TypeScript definitions: one esbuild build per run turns every `.ts`/`.mts` definition into one ES module (its
// local imports bundled in), which is then imported from memory. The packages the CLI itself uses
// (`@lgtm-gitops/*`, zod, yaml: shared-modules.ts) are handed to the definition as the CLI's own loaded module
// namespaces: one copy of each dependency in memory (also when the CLI is one bundled file), no loader hook.
import { readFileSync } from "node:fs";
import { createRequire, SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BuildFailure, Message, OnLoadResult, OnResolveResult, Plugin } from "esbuild";
import { PACKAGE_NAME, packageDir } from "../package-dir.js";

/** One definition compiled to a self-contained ES module (plain strings: it crosses to worker threads). */
export interface CompiledDefinition {
  /** The module's code: the definition and its local imports; the CLI's packages as `file:` URL imports. */
  readonly code: string;
  /** Its source map (JSON), to point a runtime error at the definition's own line and column. */
  readonly map: string;
}

/** Outcome of {@link compileDefinitions}: every file compiled, or the build's errors as `file:line:column: text`. */
export type CompileResult =
  | { readonly ok: true; readonly compiled: ReadonlyMap<string, CompiledDefinition> }
  | {
      readonly ok: false;
      /** `file:line:column` of the first error (its file may be a module a definition imports). */
      readonly where: string;
      /** esbuild's message, plus how many more errors there are. */
      readonly message: string;
    };

/** Packages resolved to the CLI's own copies: itself and its runtime dependencies. */
function ownPackages(dir: string): ReadonlySet<string> {
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return new Set([PACKAGE_NAME, ...Object.keys(pkg.dependencies ?? {})]);
}

/** Where a definition's shared modules are found while it runs (set by {@link importCompiled}). */
const SHARED_KEY = Symbol.for("lgtm-gitops.shared-modules");

/** The module a definition gets for a shared specifier: the CLI's namespace, export by export. */
function sharedModuleSource(specifier: string, namespace: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(namespace);
  const lines = [
    `const m = globalThis[Symbol.for(${JSON.stringify(SHARED_KEY.description)})][${JSON.stringify(specifier)}];`,
  ];
  // `const e0 = m["catch"]; export { e0 as "catch" }`: any export name, reserved words included.
  names.forEach((name, i) => {
    lines.push(`const e${i} = m[${JSON.stringify(name)}];`);
  });
  lines.push(`export { ${names.map((name, i) => `e${i} as ${JSON.stringify(name)}`).join(", ")} };`);
  return lines.join("\n");
}

/** `zod/v4` → `zod`, `@scope/name/sub` → `@scope/name`; `undefined` for relative and absolute specifiers. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || /^[a-z]+:/i.test(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const META = ["url", "dirname", "filename"] as const;
const metaName = (k: (typeof META)[number]) => `__lgtm_import_meta_${k}`;

/**
 * The esbuild plugin: the CLI's packages become `file:` URL imports of the CLI's own files (resolved as the CLI
 * resolves them, never through a definition's tsconfig `paths`), and `import.meta.url`/`dirname`/`filename` keep
 * naming the source file although the module is imported from memory.
 */
function definitionPlugin(shared: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Plugin {
  const dir = packageDir();
  const own = ownPackages(dir);
  const requireHere = createRequire(path.join(dir, "package.json"));
  return {
    name: "lgtm-gitops-definitions",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args): Promise<OnResolveResult | undefined> => {
        const pkg = packageOf(args.path);
        if (pkg === undefined || !own.has(pkg) || args.pluginData === "own") return undefined;
        if (Object.hasOwn(shared, args.path)) return { path: args.path, namespace: "lgtm-gitops-shared" };
        // Another entry point of a CLI package (`@lgtm-gitops/kustomize/testing`): the file the CLI would load.
        let resolved: string;
        if (pkg === PACKAGE_NAME) {
          // The package itself (a self-reference): its `exports` map, read the way Node reads it.
          try {
            resolved = requireHere.resolve(args.path);
          } catch {
            return { errors: [{ text: `${args.path} is not exported by ${PACKAGE_NAME}` }] };
          }
        } else {
          const r = await build.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: "own" });
          if (r.errors.length > 0) return { errors: r.errors };
          resolved = r.path;
        }
        // `import` needs a URL (the module is imported from a data: URL); `require()` (CommonJS) a path.
        return { path: args.kind === "require-call" ? resolved : pathToFileURL(resolved).href, external: true };
      });
      build.onLoad(
        { filter: /.*/, namespace: "lgtm-gitops-shared" },
        (args): OnLoadResult => ({
          contents: sharedModuleSource(args.path, shared[args.path]!),
          loader: "js",
        }),
      );
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args): OnLoadResult | undefined => {
        const source = readFileSync(args.path, "utf8");
        if (!source.includes("import.meta")) return undefined;
        const values = {
          url: pathToFileURL(args.path).href,
          dirname: path.dirname(args.path),
          filename: args.path,
        };
        // On the first line, before the source: every line keeps its number for error positions.
        const prologue = `var ${META.map((k) => `${metaName(k)} = ${JSON.stringify(values[k])}`).join(", ")};`;
        const ext = path.extname(args.path).slice(1).replace(/^[cm]/, "");
        return { contents: prologue + source, loader: ext as "js" | "ts" | "jsx" | "tsx" };
      });
    },
  };
}

/** `file:line:column` of an esbuild message (column 1-based, like every position the CLI prints). */
function formatLocation(m: Message | undefined, cwd: string): string | undefined {
  if (!m?.location) return undefined;
  return `${path.resolve(cwd, m.location.file)}:${m.location.line}:${m.location.column + 1}`;
}

/**
 * Compiles every TypeScript definition with one esbuild build. A file that does not compile (syntax, an import
 * that cannot be resolved) fails the whole build: the result names it with the first error's position.
 */
export async function compileDefinitions(files: readonly string[]): Promise<CompileResult> {
  const compiled = new Map<string, CompiledDefinition>();
  if (files.length === 0) return { ok: true, compiled };
  // require(): esbuild is CommonJS, and the bundled CLI (a vm.Script) has no import() of its own (code-cache.ts).
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const { SHARED_MODULES } = await import("./shared-modules.js");
  const cwd = path.dirname(path.resolve(files[0]!));
  // Nothing is written: outdir only names the outputs in memory.
  const outdir = path.join(cwd, "__lgtm_gitops_out__");
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints: files.map((f) => path.resolve(f)),
      absWorkingDir: cwd,
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "external",
      sourcesContent: false,
      outdir,
      outbase: path.parse(path.resolve(files[0]!)).root,
      entryNames: "[dir]/[name]-[hash]",
      logLevel: "silent",
      define: Object.fromEntries(META.map((k) => [`import.meta.${k}`, metaName(k)])),
      // A `require()` of a CLI package in a definition compiled as CommonJS goes to the CLI's copy too.
      banner: {
        js: `import { createRequire as __lgtmCreateRequire } from "node:module"; const require = __lgtmCreateRequire(${JSON.stringify(import.meta.url)});`,
      },
      plugins: [definitionPlugin(SHARED_MODULES)],
    });
  } catch (e) {
    const errors = (e as Partial<BuildFailure>).errors ?? [];
    const first = errors[0];
    const where = formatLocation(first, cwd) ?? files[0]!;
    const message = first ? first.text : String((e as Error).message ?? e);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
    return { ok: false, where, message: `${message}${more}` };
  }
  const byOut = new Map((result.outputFiles ?? []).map((o) => [o.path, o.text]));
  for (const [out, meta] of Object.entries(result.metafile?.outputs ?? {})) {
    if (!meta.entryPoint) continue;
    const abs = path.resolve(cwd, out);
    const code = byOut.get(abs);
    if (code === undefined) continue;
    compiled.set(path.resolve(cwd, meta.entryPoint), {
      // The source map comment would point at a file that is never written.
      code: code.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, "\n"),
      map: absoluteSources(byOut.get(`${abs}.map`), path.dirname(abs)),
    });
  }
  return { ok: true, compiled };
}

/** The source map with absolute `sources` (esbuild writes them relative to the output file). */
function absoluteSources(map: string | undefined, dir: string): string {
  if (map === undefined) return "";
  const json = JSON.parse(map) as { sources?: string[] };
  json.sources = (json.sources ?? []).map((s) => path.resolve(dir, s));
  return JSON.stringify(json);
}

/** The `data:` URL a compiled definition is imported from. */
function moduleUrl(c: CompiledDefinition): string {
  return `data:text/javascript;base64,${Buffer.from(c.code).toString("base64")}`;
}

/**
 * Where a definition threw, as `file:line:column` of its own source (through the source map), or `undefined` when
 * the stack does not lead into the definition.
 */
function throwSite(thrown: unknown, url: string, map: string): string | undefined {
  const stack = thrown instanceof Error ? String(thrown.stack ?? "") : "";
  const at = stack.indexOf(`${url}:`);
  if (at < 0 || map === "") return undefined;
  const m = /^:(\d+):(\d+)/.exec(stack.slice(at + url.length));
  if (!m) return undefined;
  try {
    const entry = new SourceMap(JSON.parse(map)).findEntry(Number(m[1]) - 1, Number(m[2]) - 1) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
    };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.startsWith("file:")
      ? fileURLToPath(entry.originalSource)
      : entry.originalSource;
    return `${path.resolve(source)}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  } catch {
    return undefined;
  }
}

/** A definition module that threw while it ran; `site` is where in the definition's source, when known. */
export class DefinitionThrew extends Error {
  readonly thrown: unknown;
  readonly site: string | undefined;
  constructor(thrown: unknown, site: string | undefined) {
    super("a cluster definition threw while loading", { cause: thrown });
    this.thrown = thrown;
    this.site = site;
  }
}

/** Runs a compiled definition and returns its module namespace; a throw becomes {@link DefinitionThrew}. */
export async function importCompiled(c: CompiledDefinition): Promise<Record<string, unknown>> {
  const { SHARED_MODULES } = await import("./shared-modules.js");
  (globalThis as Record<symbol, unknown>)[SHARED_KEY] = SHARED_MODULES;
  const url = moduleUrl(c);
  // The bundled CLI runs as a vm.Script: its loader's import() (code-cache.ts IMPORTER), else our own.
  const importer = (globalThis as Record<symbol, unknown>)[Symbol.for("lgtm-gitops.import")] as
    | ((specifier: string) => Promise<unknown>)
    | undefined;
  try {
    return (await (importer ? importer(url) : import(url))) as Record<string, unknown>;
  } catch (e) {
    throw new DefinitionThrew(e, throwSite(e, url, c.map));
  }
}
